//! Accounts and their sessions (voters' sessions too): tokens are kept only as hashes.

use super::audit::{self, Entry};
use super::{checked, damaged, now, Actor, Db};
use crate::error::ApiResult;
use bastama_model::{Account, Review, Role, Station};
use bastama_model::{AuditAction, RecordKind};

/// An account as signing in needs it.
pub struct Login {
    pub account: Account,
    pub password_hash: String,
    /// The review of the account's NGO, for an NGO's account.
    pub ngo_review: Option<Review>,
    pub rejection_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LoginRow {
    id: i64,
    email: String,
    password_hash: String,
    role: String,
    ngo_id: Option<i64>,
    status: Option<String>,
    rejection_reason: Option<String>,
    station_id: Option<i64>,
    station_name: Option<String>,
    station_district: Option<String>,
}

/// A registrar's station, from its columns read beside the account.
fn station(id: Option<i64>, name: Option<String>, district: Option<String>) -> Option<Station> {
    Some(Station {
        id: id?,
        name: name?,
        district: district?,
    })
}

/// The account with this (lower-case) e-mail.
pub async fn by_email(db: &Db, email: &str) -> ApiResult<Option<Login>> {
    let row: Option<LoginRow> = sqlx::query_as(
        "SELECT a.id, a.email, a.password_hash, a.role, a.ngo_id, n.status, n.rejection_reason, \
         st.id AS station_id, st.name AS station_name, st.district AS station_district \
         FROM accounts a LEFT JOIN ngos n ON n.id = a.ngo_id \
         LEFT JOIN stations st ON st.id = a.station_id WHERE a.email = $1",
    )
    .bind(email)
    .fetch_optional(&db.read)
    .await?;
    let Some(LoginRow {
        id,
        email,
        password_hash,
        role,
        ngo_id,
        status,
        rejection_reason,
        station_id,
        station_name,
        station_district,
    }) = row
    else {
        return Ok(None);
    };
    let role = Role::from_code(&role).ok_or_else(|| damaged("account", id))?;
    let ngo_review = status
        .map(|r| Review::from_code(&r).ok_or_else(|| damaged("ngo", ngo_id.unwrap_or(0))))
        .transpose()?;
    Ok(Some(Login {
        account: Account {
            id,
            email: checked("account", id, email)?,
            role,
            ngo_id,
            station: station(station_id, station_name, station_district),
        },
        password_hash,
        ngo_review,
        rejection_reason,
    }))
}

/// Who a live session belongs to.
pub struct Session {
    /// A verified voter's keyed hashes of IIN and phone.
    pub voter: Option<(String, String)>,
    pub account: Option<Account>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    voter_key: Option<String>,
    phone_key: Option<String>,
    account_id: Option<i64>,
    email: Option<String>,
    role: Option<String>,
    ngo_id: Option<i64>,
    station_id: Option<i64>,
    station_name: Option<String>,
    station_district: Option<String>,
}

/// The live session of a token's hash.
pub async fn session(db: &Db, token_hash: &str) -> ApiResult<Option<Session>> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.voter_key, s.phone_key, s.account_id, a.email, a.role, a.ngo_id, \
         st.id AS station_id, st.name AS station_name, st.district AS station_district \
         FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id \
         LEFT JOIN stations st ON st.id = a.station_id WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(&db.read)
    .await?;
    let Some(SessionRow {
        voter_key,
        phone_key,
        account_id,
        email,
        role,
        ngo_id,
        station_id,
        station_name,
        station_district,
    }) = row
    else {
        return Ok(None);
    };
    let account = match (account_id, email, role) {
        (Some(id), Some(email), Some(role)) => Some(Account {
            id,
            email: checked("account", id, email)?,
            role: Role::from_code(&role).ok_or_else(|| damaged("account", id))?,
            ngo_id,
            station: station(station_id, station_name, station_district),
        }),
        _ => None,
    };
    Ok(Some(Session {
        voter: voter_key.zip(phone_key),
        account,
    }))
}

/// Starts a session for an account, until `expires_at`.
pub async fn start_session(
    db: &Db,
    token_hash: &str,
    account_id: i64,
    expires_at: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(expires_at)
    .bind(now())
    .execute(&db.write)
    .await?;
    Ok(())
}

/// Ends the session of a token's hash, if there is one.
pub async fn end_session(db: &Db, token_hash: &str) -> ApiResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.write)
        .await?;
    Ok(())
}

/// Creates a moderator account (the `create-moderator` command).
pub async fn create_moderator(db: &Db, email: &str, password_hash: &str) -> sqlx::Result<()> {
    let mut tx = db.write.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (email, password_hash, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(Role::Moderator.code())
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new(RecordKind::Account, id, AuditAction::Created)
        .set("role", &Role::Moderator)
        .set("email", email);
    audit::append(&mut tx, db.postgres, Actor::System, entry).await?;
    tx.commit().await
}
