//! The verified voter's token: kept in storage where the browser allows it, in
//! memory where it does not (inside a cross-origin iframe storage throws).

use crate::storage;
use bastama_model::VoterSession;
use leptos::prelude::*;

const STORAGE_KEY: &str = "bastama.voter";

/// The current time as the server writes it: RFC 3339 UTC to the second.
pub fn now_utc() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    format!("{}Z", iso.get(..19).unwrap_or(&iso))
}

#[derive(Clone, Copy)]
pub struct Voter {
    pub session: RwSignal<Option<VoterSession>>,
}

impl Voter {
    /// The saved session, if it has not expired.
    pub fn provide() {
        let saved = storage::get(STORAGE_KEY)
            .and_then(|json| serde_json::from_str::<VoterSession>(&json).ok())
            .filter(|s| s.expires_at > now_utc());
        provide_context(Voter {
            session: RwSignal::new(saved),
        });
    }

    pub fn token(self) -> Option<String> {
        self.session.with(|s| {
            s.as_ref()
                .filter(|s| s.expires_at > now_utc())
                .map(|s| s.voter_token.clone())
        })
    }

    pub fn sign_in(self, session: VoterSession) {
        if let Ok(json) = serde_json::to_string(&session) {
            storage::set(STORAGE_KEY, &json);
        }
        self.session.set(Some(session));
    }

    pub fn forget(self) {
        storage::remove(STORAGE_KEY);
        self.session.set(None);
    }
}

pub fn use_voter() -> Voter {
    expect_context::<Voter>()
}
