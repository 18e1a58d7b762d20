//! The optional identity check (`BASTAMA_IDENTITY_WEBHOOK`): before a code is
//! sent, the server asks whether the phone is registered to the IIN, the
//! question the national mobile-citizens database answers.
//!
//! The contract: a JSON `POST` of `{"iin": "…", "phone": "+7…"}` (with
//! `Authorization: Bearer BASTAMA_IDENTITY_TOKEN` when that is set), answered
//! with `200` and `{"match": true}` or `{"match": false}` within 5 seconds.
//! Any other answer, or none in time, counts as no answer.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long the service has to answer.
const TIMEOUT: Duration = Duration::from_secs(5);

pub struct Identity {
    url: String,
    token: Option<String>,
    client: reqwest::Client,
}

#[derive(Serialize)]
struct Question<'a> {
    iin: &'a str,
    phone: &'a str,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "match")]
    matches: bool,
}

impl Identity {
    pub fn new(url: String, token: Option<String>) -> Identity {
        Identity {
            url,
            token,
            client: reqwest::Client::builder()
                .timeout(TIMEOUT)
                .build()
                .unwrap_or_default(),
        }
    }

    /// Is `phone` registered to `iin`? `None` when the service did not answer.
    pub async fn matches(&self, iin: &str, phone: &str) -> Option<bool> {
        let mut request = self.client.post(&self.url).json(&Question { iin, phone });
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let answer = async {
            request
                .send()
                .await?
                .error_for_status()?
                .json::<Answer>()
                .await
        };
        match answer.await {
            Ok(answer) => Some(answer.matches),
            Err(error) => {
                // Without the URL, which may carry a key; the body is never logged.
                tracing::warn!(error = %error.without_url(), "the identity service did not answer");
                None
            }
        }
    }
}
