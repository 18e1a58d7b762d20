//! Sign-ins that carry a bearer token: a verified voter's, an account's. Kept
//! in storage where the browser allows it, in memory where it does not (inside
//! a cross-origin iframe storage throws).

use crate::storage;
use bastama_model::{LoginResponse, VoterSession};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The current time as the server writes it: RFC 3339 UTC to the second.
pub fn now_utc() -> String {
    utc_seconds(&js_sys::Date::new_0())
}

/// A time as the server writes it: RFC 3339 UTC to the second.
pub fn utc_seconds(date: &js_sys::Date) -> String {
    let iso = String::from(date.to_iso_string());
    format!("{}Z", iso.get(..19).unwrap_or(&iso))
}

/// What a sign-in answers: a token and when it expires.
pub trait Bearer: Clone + Serialize + DeserializeOwned + Send + Sync + 'static {
    const STORAGE_KEY: &'static str;
    fn token(&self) -> &str;
    fn expires_at(&self) -> &str;
}

impl Bearer for VoterSession {
    const STORAGE_KEY: &'static str = "bastama.voter";
    fn token(&self) -> &str {
        &self.voter_token
    }
    fn expires_at(&self) -> &str {
        &self.expires_at
    }
}

impl Bearer for LoginResponse {
    const STORAGE_KEY: &'static str = "bastama.account";
    fn token(&self) -> &str {
        &self.token
    }
    fn expires_at(&self) -> &str {
        &self.expires_at
    }
}

pub struct Session<T: Bearer> {
    pub session: RwSignal<Option<T>>,
}

impl<T: Bearer> Clone for Session<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Bearer> Copy for Session<T> {}

impl<T: Bearer> Session<T> {
    /// Provides the saved sign-in, if it has not expired.
    pub fn provide() {
        let saved = storage::get(T::STORAGE_KEY)
            .and_then(|json| serde_json::from_str::<T>(&json).ok())
            .filter(|s| s.expires_at() > now_utc().as_str());
        provide_context(Session {
            session: RwSignal::new(saved),
        });
    }

    pub fn token(self) -> Option<String> {
        self.session.with(|s| {
            s.as_ref()
                .filter(|s| s.expires_at() > now_utc().as_str())
                .map(|s| s.token().to_owned())
        })
    }

    pub fn sign_in(self, value: T) {
        if let Ok(json) = serde_json::to_string(&value) {
            storage::set(T::STORAGE_KEY, &json);
        }
        self.session.set(Some(value));
    }

    pub fn forget(self) {
        storage::remove(T::STORAGE_KEY);
        self.session.set(None);
    }
}

pub type Voter = Session<VoterSession>;
/// A signed-in account: a moderator's or an NGO's.
pub type Account = Session<LoginResponse>;

pub fn use_voter() -> Voter {
    expect_context::<Voter>()
}

pub fn use_account() -> Account {
    expect_context::<Account>()
}
