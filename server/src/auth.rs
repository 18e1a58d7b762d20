//! Who is calling: the bearer token of a verified voter (or, later, an account),
//! looked up in the database so that any API server can check it.

use crate::error::{ApiError, ApiResult};
use crate::keys::token_hash;
use crate::routes::AppState;
use crate::seed::now;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

/// The bearer token of the request, if any.
fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A voter who verified a phone with a code: keyed hashes of their IIN and phone.
pub struct Voter {
    pub voter_key: String,
    pub phone_key: String,
}

impl FromRequestParts<AppState> for Voter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let token =
            bearer(parts).ok_or_else(|| ApiError::unauthorized("verify your phone to vote"))?;
        let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT voter_key, phone_key FROM sessions WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash(token))
        .bind(now())
        .fetch_optional(&state.db)
        .await?;
        match row {
            Some((Some(voter_key), Some(phone_key))) => Ok(Voter {
                voter_key,
                phone_key,
            }),
            _ => Err(ApiError::unauthorized(
                "the voter token is unknown or expired; verify your phone again",
            )),
        }
    }
}
