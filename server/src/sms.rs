//! Sending a text to a phone. Without a gateway configured, each message is
//! appended as one JSON line to `outbox.jsonl` in the data directory, which is
//! never served over HTTP.

use crate::seed::now;
use std::io::Write;
use std::path::Path;

pub fn send(data_dir: &Path, phone: &str, text: &str) -> std::io::Result<()> {
    let line = serde_json::json!({ "phone": phone, "text": text, "at": now() }).to_string() + "\n";
    let mut outbox = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("outbox.jsonl"))?;
    // One write of the whole line, so concurrent senders never interleave.
    outbox.write_all(line.as_bytes())
}
