//! Sending texts to phones. A code's text goes into the SMS outbox (sealed, in
//! the transaction that stores the code); the sender here delivers the outbox,
//! with retries and backoff, so a request never waits on the gateway and an
//! outage loses nothing that has not expired.
//!
//! The gateway is `BASTAMA_SMS_WEBHOOK` (a JSON POST of `{"phone", "text"}`,
//! with `Authorization: Bearer BASTAMA_SMS_TOKEN` when that is set), or, with
//! none configured, `outbox.jsonl` in the data directory (one JSON line per
//! text, never served), which development and the tests read.

use crate::keys::Keys;
use crate::store::{outbox, rfc3339, Db};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;

/// The purpose texts are sealed for (see `Keys::seal`).
pub const SEALED_FOR: &str = "sms";

/// How long a sender holds the messages it took before another may take them.
const LEASE: time::Duration = time::Duration::seconds(60);
/// Messages taken at once, and sent at once.
const BATCH: i64 = 50;

/// A text and the phone it goes to, as sealed in the outbox.
#[derive(Serialize, Deserialize)]
pub struct Text {
    pub phone: String,
    pub text: String,
}

impl Text {
    /// The text sealed for the outbox.
    pub fn sealed(&self, keys: &Keys) -> String {
        let plain = serde_json::json!({ "phone": self.phone, "text": self.text });
        keys.seal(SEALED_FOR, &plain.to_string())
    }
}

pub enum Sms {
    File(PathBuf),
    Webhook {
        url: String,
        token: Option<String>,
        client: reqwest::Client,
    },
}

impl Sms {
    pub fn new(webhook: Option<String>, token: Option<String>, data_dir: PathBuf) -> Sms {
        match webhook {
            Some(url) => Sms::Webhook {
                url,
                token,
                client: reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap_or_default(),
            },
            None => Sms::File(data_dir.join("outbox.jsonl")),
        }
    }

    /// Hands `text` to the gateway; an error means it may not have gone.
    async fn send(&self, text: &Text) -> anyhow::Result<()> {
        match self {
            Sms::File(path) => {
                let line = serde_json::json!({
                    "phone": text.phone,
                    "text": text.text,
                    "at": crate::store::now(),
                })
                .to_string()
                    + "\n";
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?;
                // One write of the whole line, so concurrent senders never interleave.
                file.write_all(line.as_bytes())?;
            }
            Sms::Webhook { url, token, client } => {
                let mut request = client.post(url).json(text);
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                // Without the URL: a gateway may take its key in the query string.
                request
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .map_err(reqwest::Error::without_url)?;
            }
        }
        Ok(())
    }
}

/// Delivers the outbox for as long as the server runs: at once when `wake`
/// says a text was queued, and every second for the ones waiting to be retried.
pub async fn deliver(db: Db, keys: Arc<Keys>, gateway: Arc<Sms>, wake: Arc<Notify>) {
    loop {
        if let Err(error) = deliver_due(&db, &keys, &gateway).await {
            tracing::warn!(%error, "the SMS outbox could not be read");
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

/// Sends every message due now, a batch at a time, until none is due.
async fn deliver_due(db: &Db, keys: &Arc<Keys>, gateway: &Arc<Sms>) -> anyhow::Result<()> {
    loop {
        let now = OffsetDateTime::now_utc();
        let batch = outbox::take_due(db, &rfc3339(now), &rfc3339(now + LEASE), BATCH).await?;
        if batch.is_empty() {
            return Ok(());
        }
        let mut sending = tokio::task::JoinSet::new();
        for message in batch {
            let (db, keys, gateway) = (db.clone(), keys.clone(), gateway.clone());
            sending.spawn(async move { deliver_one(&db, &keys, &gateway, message).await });
        }
        while let Some(done) = sending.join_next().await {
            done??;
        }
    }
}

/// One message: sent and removed, removed when expired, or tried again later.
async fn deliver_one(
    db: &Db,
    keys: &Keys,
    gateway: &Sms,
    message: outbox::Message,
) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    if message.expires_at <= rfc3339(now) {
        outbox::done(db, message.id, "expired").await?;
        return Ok(());
    }
    let Some(text) = keys
        .open(SEALED_FOR, &message.sealed)
        .and_then(|plain| serde_json::from_str::<Text>(&plain).ok())
    else {
        // Sealed under another secret: no server of this deployment can send it.
        tracing::error!(id = message.id, "an SMS outbox message does not open");
        outbox::done(db, message.id, "unreadable").await?;
        return Ok(());
    };
    match gateway.send(&text).await {
        Ok(()) => outbox::done(db, message.id, "delivered").await?,
        Err(error) => {
            let wait = backoff(message.attempts);
            // The error names neither the phone nor the text, nor the gateway's URL.
            tracing::warn!(
                id = message.id,
                attempts = message.attempts + 1,
                retry_in_s = wait.whole_seconds(),
                %error,
                "the SMS gateway did not take a message",
            );
            outbox::failed(db, message.id, &rfc3339(now + wait)).await?;
        }
    }
    Ok(())
}

/// The wait before the next try: 1 s, doubling with each failure, at most 15 s.
fn backoff(attempts: i64) -> time::Duration {
    time::Duration::seconds(1i64 << attempts.clamp(0, 4)).min(time::Duration::seconds(15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_fifteen_seconds() {
        let waits: Vec<i64> = (0..7).map(|a| backoff(a).whole_seconds()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 15, 15, 15]);
    }
}
