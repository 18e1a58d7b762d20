//! Signing in and out with bearer tokens (no cookies), and who is signed in.

use super::AppState;
use crate::auth::{bearer, SignedIn};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::keys::{new_token, token_hash};
use crate::limits::{self, Limit};
use crate::password;
use crate::seed::{now, rfc3339};
use axum::extract::{ConnectInfo, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use bastama_model::{Account, LoginRequest, LoginResponse, Problem, Role};
use std::net::SocketAddr;
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

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    password_hash: String,
    role: String,
    ngo_id: Option<i64>,
    ngo_status: Option<String>,
    rejection_reason: Option<String>,
}

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
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    JsonBody(request): JsonBody<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    let email = request.email.trim().to_lowercase();
    limits::hit(
        &state.writer,
        LOGINS_PER_CLIENT,
        &limits::client(&state.keys, &client),
    )
    .await?;
    limits::hit(
        &state.writer,
        LOGINS_PER_EMAIL,
        &state.keys.keyed_hash("email", &email),
    )
    .await?;
    let row: Option<AccountRow> = sqlx::query_as(
        "SELECT a.id, a.email, a.password_hash, a.role, a.ngo_id, n.status AS ngo_status, n.rejection_reason \
         FROM accounts a LEFT JOIN ngos n ON n.id = a.ngo_id WHERE a.email = $1",
    )
    .bind(&email)
    .fetch_optional(&state.db)
    .await?;
    let hash = row
        .as_ref()
        .map_or(password::DECOY.to_owned(), |r| r.password_hash.clone());
    let matches = password::verify(hash, request.password).await;
    let Some(row) = row.filter(|_| matches) else {
        return Err(ApiError::unauthorized("wrong e-mail or password"));
    };
    match row.ngo_status.as_deref() {
        Some("pending") => {
            return Err(ApiError::new(
                403,
                "pending",
                "Awaiting moderation",
                "a moderator has not yet approved this NGO's application",
            ))
        }
        Some("rejected") => {
            return Err(ApiError::new(
                403,
                "rejected",
                "Application rejected",
                format!(
                    "a moderator rejected this NGO's application: {}",
                    row.rejection_reason.as_deref().unwrap_or("")
                ),
            ))
        }
        _ => {}
    }
    let role = if row.role == "moderator" {
        Role::Moderator
    } else {
        Role::Ngo
    };
    let token = new_token();
    let expires_at = rfc3339(OffsetDateTime::now_utc() + SESSION);
    sqlx::query("INSERT INTO sessions (token_hash, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(row.id)
        .bind(&expires_at)
        .bind(now())
        .execute(&state.writer)
        .await?;
    Ok(Json(LoginResponse {
        token,
        expires_at,
        account: Account {
            id: row.id,
            email: row.email,
            role,
            ngo_id: row.ngo_id,
        },
    }))
}

/// Ends the session of the request's token (an account's or a voter's).
#[utoipa::path(post, path = "/api/v1/auth/logout", responses((status = 204), (status = 401, body = Problem)))]
pub async fn logout(State(state): State<AppState>, parts: Parts) -> ApiResult<StatusCode> {
    let token = bearer(&parts).ok_or_else(|| ApiError::unauthorized("no token to end"))?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&state.writer)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me", security(("account" = [])), responses((status = 200, body = Account), (status = 401, body = Problem)))]
pub async fn me(SignedIn(account): SignedIn) -> Json<Account> {
    Json(account)
}

/// Creates a moderator account (the `create-moderator` command).
pub async fn create_moderator(
    db: &sqlx::AnyPool,
    email: &str,
    password: &str,
) -> anyhow::Result<()> {
    let email = bastama_model::validate::email("email", email)
        .map_err(|e| anyhow::anyhow!("e-mail {}", e.message))?;
    bastama_model::validate::password("password", password)
        .map_err(|e| anyhow::anyhow!("password {}", e.message))?;
    let hash = password::hash(password.to_owned()).await?;
    sqlx::query("INSERT INTO accounts (email, password_hash, role, created_at) VALUES ($1, $2, 'moderator', $3)")
        .bind(email.to_lowercase())
        .bind(hash)
        .bind(now())
        .execute(db)
        .await?;
    Ok(())
}
