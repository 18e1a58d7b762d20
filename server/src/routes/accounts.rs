//! Signing in and out with bearer tokens (no cookies), and who is signed in.

use super::AppState;
use crate::auth::{bearer, SignedIn};
use crate::body::JsonBody;
use crate::client::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::keys::{new_token, token_hash};
use crate::password;
use crate::store::limits::{self, Limit};
use crate::store::{accounts, rfc3339, Db};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use bastama_model::{Account, Kind, LoginRequest, LoginResponse, Problem, Review};
use time::{Duration, OffsetDateTime};

const SESSION: Duration = Duration::hours(12);
const LOGINS_PER_EMAIL: Limit = Limit {
    name: "login-email",
    max: 5,
    window: 900,
};
const LOGINS_PER_CLIENT: Limit = Limit {
    name: "login-client",
    max: 30,
    window: 900,
};

#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, body = Problem, description = "wrong e-mail or password"),
        (status = 429, body = Problem),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(request): JsonBody<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    let email = request.email.trim().to_lowercase();
    limits::hit(
        &state.db,
        LOGINS_PER_CLIENT,
        &limits::client(&state.keys, &client),
    )
    .await?;
    limits::hit(
        &state.db,
        LOGINS_PER_EMAIL,
        &state.keys.keyed_hash("email", &email),
    )
    .await?;
    let login = accounts::by_email(&state.db, &email).await?;
    let hash = login
        .as_ref()
        .map_or(password::DECOY.to_owned(), |l| l.password_hash.clone());
    let matches = password::verify(hash, request.password).await;
    let Some(login) = login.filter(|_| matches) else {
        return Err(ApiError::unauthorized("wrong e-mail or password"));
    };
    match login.ngo_review {
        Some(Review::Pending) => {
            return Err(ApiError::new(
                Kind::Pending,
                "a moderator has not yet approved this NGO's application",
            ))
        }
        Some(Review::Rejected) => {
            return Err(ApiError::new(
                Kind::Rejected,
                format!(
                    "a moderator rejected this NGO's application: {}",
                    login.rejection_reason.as_deref().unwrap_or("")
                ),
            ))
        }
        Some(Review::Approved) | None => {}
    }
    let token = new_token();
    let expires_at = rfc3339(OffsetDateTime::now_utc() + SESSION);
    accounts::start_session(
        &state.db,
        &token_hash(&token),
        login.account.id,
        &expires_at,
    )
    .await?;
    Ok(Json(LoginResponse {
        token,
        expires_at,
        account: login.account,
    }))
}

/// Ends the session of the request's token (an account's or a voter's).
#[utoipa::path(post, path = "/api/v1/auth/logout", responses((status = 204), (status = 401, body = Problem)))]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<StatusCode> {
    let token = bearer(&headers).ok_or_else(|| ApiError::unauthorized("no token to end"))?;
    accounts::end_session(&state.db, &token_hash(token)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me", security(("account" = [])), responses((status = 200, body = Account), (status = 401, body = Problem)))]
pub async fn me(SignedIn(account): SignedIn) -> Json<Account> {
    Json(account)
}

/// Creates a moderator account (the `create-moderator` command).
pub async fn create_moderator(db: &Db, email: &str, password: &str) -> anyhow::Result<()> {
    let email = bastama_model::validate::email("email", email)
        .map_err(|e| anyhow::anyhow!("e-mail {}", e.message))?;
    bastama_model::validate::password("password", password)
        .map_err(|e| anyhow::anyhow!("password {}", e.message))?;
    let hash = password::hash(password.to_owned()).await?;
    accounts::create_moderator(db, &email.to_lowercase(), &hash).await?;
    Ok(())
}
