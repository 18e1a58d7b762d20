//! The SMS outbox: texts sealed for the gateway, taken by one sender at a time.

use super::{Actor, Db};

/// A text to send: sealed, with when its code expires and how often it failed.
#[derive(sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub sealed: String,
    pub expires_at: String,
    pub attempts: i64,
}

/// Takes up to `limit` messages due at `now`, each until `until`: no other
/// sender takes them before then (on PostgreSQL rows another server is taking
/// are skipped, not waited for). A message whose sender died mid-way is taken
/// again once `until` has passed.
pub async fn take_due(
    db: &Db,
    now: &str,
    until: &str,
    limit: i64,
) -> Result<Vec<Message>, sqlx::Error> {
    let skip_locked = if db.postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    sqlx::query_as(&format!(
        "UPDATE sms_outbox SET next_at = $1 WHERE id IN \
         (SELECT id FROM sms_outbox WHERE next_at <= $2 ORDER BY id LIMIT $3{skip_locked}) \
         RETURNING id, sealed, expires_at, attempts"
    ))
    .bind(until)
    .bind(now)
    .bind(limit)
    .fetch_all(&db.write)
    .await
}

/// Removes a message: delivered, or expired before it could be.
pub async fn done(db: &Db, id: i64, outcome: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sms_outbox WHERE id = $1")
        .bind(id)
        .execute(&db.write)
        .await?;
    super::wrote(Actor::System, "sms", id, outcome);
    Ok(())
}

/// Counts a failed try; the message is due again at `next_at`.
pub async fn failed(db: &Db, id: i64, next_at: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sms_outbox SET attempts = attempts + 1, next_at = $1 WHERE id = $2")
        .bind(next_at)
        .bind(id)
        .execute(&db.write)
        .await?;
    Ok(())
}
