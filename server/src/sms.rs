//! Sending a text to a phone: through the gateway at `BASTAMA_SMS_WEBHOOK` (a JSON
//! POST of `{"phone", "text"}`), or, with none configured, as one JSON line
//! appended to `outbox.jsonl` in the data directory, which is never served.

use crate::store::now;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

pub enum Sms {
    Outbox(PathBuf),
    Webhook {
        url: String,
        client: reqwest::Client,
    },
}

impl Sms {
    pub fn new(webhook: Option<String>, data_dir: PathBuf) -> Sms {
        match webhook {
            Some(url) => Sms::Webhook {
                url,
                client: reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap_or_default(),
            },
            None => Sms::Outbox(data_dir.join("outbox.jsonl")),
        }
    }

    /// Sends `text` to `phone`; an error means it may not have gone.
    pub async fn send(&self, phone: &str, text: &str) -> anyhow::Result<()> {
        match self {
            Sms::Outbox(path) => {
                let line = serde_json::json!({ "phone": phone, "text": text, "at": now() })
                    .to_string()
                    + "\n";
                let mut outbox = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?;
                // One write of the whole line, so concurrent senders never interleave.
                outbox.write_all(line.as_bytes())?;
            }
            Sms::Webhook { url, client } => {
                client
                    .post(url)
                    .json(&serde_json::json!({ "phone": phone, "text": text }))
                    .send()
                    .await?
                    .error_for_status()?;
            }
        }
        Ok(())
    }
}
