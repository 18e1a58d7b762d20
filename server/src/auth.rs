//! Who is calling: the bearer token of a verified voter or of an account, looked
//! up in the database so that any API server can check it.

use crate::error::{ApiError, ApiResult};
use crate::keys::token_hash;
use crate::routes::AppState;
use crate::seed::now;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use bastama_model::{Account, Role};

/// The bearer token of the request, if any.
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    voter_key: Option<String>,
    phone_key: Option<String>,
    account_id: Option<i64>,
    email: Option<String>,
    role: Option<String>,
    ngo_id: Option<i64>,
}

/// The live session of the request's token.
async fn session(parts: &Parts, state: &AppState) -> ApiResult<SessionRow> {
    let token = bearer(parts)
        .ok_or_else(|| ApiError::unauthorized("sign in, or verify your phone to vote"))?;
    sqlx::query_as(
        "SELECT s.voter_key, s.phone_key, s.account_id, a.email, a.role, a.ngo_id \
         FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now())
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(|| ApiError::unauthorized("the token is unknown or expired; sign in again"))
}

fn account_of(row: &SessionRow) -> Option<Account> {
    let role = match row.role.as_deref()? {
        "moderator" => Role::Moderator,
        "ngo" => Role::Ngo,
        _ => return None,
    };
    Some(Account {
        id: row.account_id?,
        email: row.email.clone()?,
        role,
        ngo_id: row.ngo_id,
    })
}

/// A voter who verified a phone with a code: keyed hashes of their IIN and phone.
pub struct Voter {
    pub voter_key: String,
    pub phone_key: String,
}

impl FromRequestParts<AppState> for Voter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        match session(parts, state).await? {
            SessionRow {
                voter_key: Some(voter_key),
                phone_key: Some(phone_key),
                ..
            } => Ok(Voter {
                voter_key,
                phone_key,
            }),
            _ => Err(ApiError::unauthorized("verify your phone to vote")),
        }
    }
}

/// A signed-in account.
pub struct SignedIn(pub Account);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        account_of(&session(parts, state).await?)
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

/// Whoever may submit an idea: an NGO's account or a verified voter.
pub enum Author {
    Ngo(i64),
    Voter,
}

impl FromRequestParts<AppState> for Author {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let row = session(parts, state).await?;
        match (account_of(&row), row.voter_key) {
            (
                Some(Account {
                    role: Role::Ngo,
                    ngo_id: Some(ngo),
                    ..
                }),
                _,
            ) => Ok(Author::Ngo(ngo)),
            (None, Some(_)) => Ok(Author::Voter),
            _ => Err(ApiError::forbidden(
                "ideas come from NGO accounts and verified voters",
            )),
        }
    }
}
