//! Voters' one-time codes and the voter sessions they give. Phones, IINs and
//! codes are kept only as keyed hashes.

use super::{now, Db};
use crate::error::ApiResult;

/// Stores a code sent to a phone, for the voter of `voter_key`.
pub async fn store_code(
    db: &Db,
    phone_key: &str,
    voter_key: &str,
    code_hash: &str,
    expires_at: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO voter_codes (phone_key, voter_key, code_hash, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(phone_key)
    .bind(voter_key)
    .bind(code_hash)
    .bind(expires_at)
    .bind(now())
    .execute(&db.write)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Code {
    pub id: i64,
    pub voter_key: String,
    pub code_hash: String,
    pub attempts: i64,
    pub used: i64,
    pub expires_at: String,
}

/// The phone's latest code: a new request replaces the older ones.
pub async fn latest_code(db: &Db, phone_key: &str) -> ApiResult<Option<Code>> {
    Ok(sqlx::query_as(
        "SELECT id, voter_key, code_hash, attempts, used, expires_at FROM voter_codes \
         WHERE phone_key = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(phone_key)
    .fetch_optional(&db.read)
    .await?)
}

/// Counts a wrong attempt, atomically so that attempts add up across servers; the attempts so far.
pub async fn wrong_attempt(db: &Db, code_id: i64) -> ApiResult<i64> {
    let (attempts,): (i64,) = sqlx::query_as(
        "UPDATE voter_codes SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts",
    )
    .bind(code_id)
    .fetch_one(&db.write)
    .await?;
    Ok(attempts)
}

/// Uses a code up: only one request can, the one whose update flips `used`. True for that one.
pub async fn claim_code(db: &Db, code_id: i64) -> ApiResult<bool> {
    Ok(
        sqlx::query("UPDATE voter_codes SET used = 1 WHERE id = $1 AND used = 0")
            .bind(code_id)
            .execute(&db.write)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Starts a verified voter's session, until `expires_at`.
pub async fn start_session(
    db: &Db,
    token_hash: &str,
    voter_key: &str,
    phone_key: &str,
    expires_at: &str,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, voter_key, phone_key, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(voter_key)
    .bind(phone_key)
    .bind(expires_at)
    .bind(now())
    .execute(&db.write)
    .await?;
    Ok(())
}
