//! Who is calling: the bearer token of a verified voter or of an account, looked
//! up in the database so that any API server can check it.

use crate::error::{ApiError, ApiResult};
use crate::keys::token_hash;
use crate::routes::AppState;
use crate::store::accounts::{self, Session};
use crate::store::Actor;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use bastama_model::{Account, Role};

/// The bearer token of the request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The live session of the request's token.
async fn session(headers: &HeaderMap, state: &AppState) -> ApiResult<Session> {
    let token = bearer(headers)
        .ok_or_else(|| ApiError::unauthorized("sign in, or verify your phone to vote"))?;
    accounts::session(&state.db, &token_hash(token))
        .await?
        .ok_or_else(|| ApiError::unauthorized("the token is unknown or expired; sign in again"))
}

/// A voter who verified a phone with a code: keyed hashes of their IIN and phone.
pub struct Voter {
    pub voter_key: String,
    pub phone_key: String,
}

impl Voter {
    /// The voter of the request's token. A handler that has more to read calls
    /// it beside those reads rather than waiting for it as an extractor.
    pub async fn of(headers: &HeaderMap, state: &AppState) -> ApiResult<Self> {
        match session(headers, state).await?.voter {
            Some((voter_key, phone_key)) => Ok(Voter {
                voter_key,
                phone_key,
            }),
            None => Err(ApiError::unauthorized("verify your phone to vote")),
        }
    }
}

impl FromRequestParts<AppState> for Voter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        Voter::of(&parts.headers, state).await
    }
}

/// A signed-in account.
pub struct SignedIn(pub Account);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        session(&parts.headers, state)
            .await?
            .account
            .map(SignedIn)
            .ok_or_else(|| ApiError::unauthorized("sign in first"))
    }
}

/// A signed-in moderator; any other account is refused with 403.
pub struct Moderator(pub Account);

impl FromRequestParts<AppState> for Moderator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let SignedIn(account) = SignedIn::from_request_parts(parts, state).await?;
        if account.role == Role::Moderator {
            Ok(Moderator(account))
        } else {
            Err(ApiError::forbidden("only moderators may do this"))
        }
    }
}

/// A signed-in registrar and their station; any other account is refused with 403.
pub struct Registrar(pub crate::store::ballots::Registrar);

impl FromRequestParts<AppState> for Registrar {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let SignedIn(account) = SignedIn::from_request_parts(parts, state).await?;
        match (account.role, account.station) {
            (Role::Registrar, Some(station)) => Ok(Registrar(crate::store::ballots::Registrar {
                account_id: account.id,
                station_id: station.id,
            })),
            _ => Err(ApiError::forbidden(
                "only a station's registrars may do this",
            )),
        }
    }
}

/// Whoever may submit an idea: an NGO's account or a verified voter.
pub enum Author {
    /// An NGO's account, and its NGO.
    Ngo(Actor, i64),
    Voter,
}

impl FromRequestParts<AppState> for Author {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let session = session(&parts.headers, state).await?;
        match (&session.account, session.voter) {
            (
                Some(
                    account @ Account {
                        role: Role::Ngo,
                        ngo_id: Some(ngo),
                        ..
                    },
                ),
                _,
            ) => Ok(Author::Ngo(Actor::of(account), *ngo)),
            (None, Some(_)) => Ok(Author::Voter),
            _ => Err(ApiError::forbidden(
                "ideas come from NGO accounts and verified voters",
            )),
        }
    }
}
