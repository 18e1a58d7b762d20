//! Voters' one-time codes and the voter sessions they give. Phones, IINs and
//! codes are kept only as keyed hashes.

use super::{now, wrote, Actor, Db};
use crate::error::ApiResult;

/// A code for a phone, as stored: its keys, and its text sealed for the gateway.
pub struct NewCode<'a> {
    pub phone_key: &'a str,
    pub voter_key: &'a str,
    pub code_hash: &'a str,
    pub expires_at: &'a str,
    pub sealed_text: &'a str,
}

/// Stores a code for the voter of `voter_key` and its text in the SMS outbox,
/// in one transaction: a code is never stored without its text, nor sent
/// without being stored.
pub async fn store_code(db: &Db, code: NewCode<'_>) -> ApiResult<()> {
    let at = now();
    let mut tx = db.write.begin().await?;
    sqlx::query(
        "INSERT INTO voter_codes (phone_key, voter_key, code_hash, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(code.phone_key)
    .bind(code.voter_key)
    .bind(code.code_hash)
    .bind(code.expires_at)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO sms_outbox (sealed, expires_at, next_at, created_at) \
         VALUES ($1, $2, $3, $3) RETURNING id",
    )
    .bind(code.sealed_text)
    .bind(code.expires_at)
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    wrote(Actor::Voter, "sms", id, "queued");
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
