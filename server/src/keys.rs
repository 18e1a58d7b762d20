//! The server's secret, keyed hashes of personal numbers, sealed texts, and
//! random tokens.
//!
//! IINs, phone numbers and codes are kept only as HMAC-SHA256 under a secret that
//! is not in the database: the space of IINs is small, so a plain hash could be
//! reversed by trying them all, a keyed one cannot without the key. What must be
//! read back (a text waiting for the SMS gateway: a phone and its code) is sealed
//! with ChaCha20-Poly1305 under a key derived from the same secret.

use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::path::Path;

pub struct Keys {
    secret: [u8; 32],
}

impl Keys {
    /// The secret from `BASTAMA_SECRET` (64 hex digits; every server sharing a
    /// database needs the same), else from `secret.key` in the data directory,
    /// created with a new random secret on first start.
    pub fn load(from_env: Option<&str>, data_dir: &Path) -> anyhow::Result<Keys> {
        let hex_secret = match from_env {
            Some(hex) => hex.trim().to_owned(),
            None => {
                let path = data_dir.join("secret.key");
                match std::fs::read_to_string(&path) {
                    Ok(hex) => hex.trim().to_owned(),
                    Err(_) => {
                        let hex = hex::encode(random_bytes::<32>());
                        write_private(&path, &hex)?;
                        hex
                    }
                }
            }
        };
        let bytes = hex::decode(&hex_secret)
            .map_err(|_| anyhow::anyhow!("the secret must be 64 hex digits"))?;
        let secret: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("the secret must be 64 hex digits"))?;
        Ok(Keys { secret })
    }

    /// HMAC-SHA256 of `value` for one `purpose` ("iin", "phone", ...), in hex.
    pub fn keyed_hash(&self, purpose: &str, value: &str) -> String {
        hex::encode(self.mac(purpose, value.as_bytes()))
    }

    /// `plain` sealed for one `purpose`: base64 of a random nonce and the
    /// ciphertext with its tag. Only a server with the secret opens it.
    pub fn seal(&self, purpose: &str, plain: &str) -> String {
        let nonce = random_bytes::<12>();
        let mut sealed = nonce.to_vec();
        sealed.extend(
            self.cipher(purpose)
                .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
                .expect("ChaCha20-Poly1305 seals any text a request can make"),
        );
        base64::engine::general_purpose::STANDARD.encode(sealed)
    }

    /// The text `seal` sealed for `purpose`; `None` when it was sealed under
    /// another secret or purpose, or changed since.
    pub fn open(&self, purpose: &str, sealed: &str) -> Option<String> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        let (nonce, ciphertext) = bytes.split_at_checked(12)?;
        let plain = self
            .cipher(purpose)
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .ok()?;
        String::from_utf8(plain).ok()
    }

    /// A new receipt for a ballot of `idea_ids` in a fair: from a random
    /// ballot id, the ideas and the secret, so no one can make up a valid one.
    fn receipt(&self, fair_id: i64, idea_ids: &[i64]) -> String {
        let mut ideas = idea_ids.to_vec();
        ideas.sort_unstable();
        let mut value = random_bytes::<16>().to_vec();
        value.extend(fair_id.to_be_bytes());
        for idea in ideas {
            value.extend(idea.to_be_bytes());
        }
        let mac = self.mac("receipt", &value);
        let bits = u64::from_be_bytes(mac[..8].try_into().expect("eight bytes"));
        bastama_model::receipt::encode(bits)
    }

    /// A new ballot's receipt, and the digest its cast entry in the box's
    /// chain commits to (its ideas and station, none for the web).
    pub fn seal_ballot(
        &self,
        fair_id: i64,
        idea_ids: &[i64],
        station: Option<i64>,
    ) -> (String, String) {
        let receipt = self.receipt(fair_id, idea_ids);
        let salt = self.box_salt(fair_id);
        let digest = bastama_model::ballot_box::digest(&salt, &receipt, idea_ids, station);
        (receipt, digest)
    }

    /// The salt of a fair's cast digests: published with its ballots, if it
    /// publishes them.
    pub fn box_salt(&self, fair_id: i64) -> String {
        self.keyed_hash("box salt", &fair_id.to_string())
    }

    fn cipher(&self, purpose: &str) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(&self.mac("seal", purpose.as_bytes()).into())
    }

    fn mac(&self, purpose: &str, value: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .expect("HMAC takes a key of any length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value);
        mac.finalize().into_bytes().into()
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes
}

/// A new bearer token: 256 random bits, URL-safe base64.
pub fn new_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// What the database keeps of a token: its SHA-256, so a leaked table signs no one in.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A uniformly random six-digit code.
pub fn new_code() -> String {
    loop {
        let n = u32::from_le_bytes(random_bytes::<4>());
        // Below the largest multiple of 10^6, so every code is equally likely.
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_hashes_depend_on_the_secret_and_the_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let a = Keys::load(None, dir.path()).unwrap();
        let again = Keys::load(None, dir.path()).unwrap();
        assert_eq!(
            a.keyed_hash("iin", "000401100017"),
            again.keyed_hash("iin", "000401100017")
        );
        assert_ne!(
            a.keyed_hash("iin", "000401100017"),
            a.keyed_hash("phone", "000401100017")
        );
        let other = Keys::load(Some(&"ab".repeat(32)), dir.path()).unwrap();
        assert_ne!(
            a.keyed_hash("iin", "000401100017"),
            other.keyed_hash("iin", "000401100017")
        );
        assert!(Keys::load(Some("nothex"), dir.path()).is_err());
    }

    #[test]
    fn sealed_texts_open_only_with_their_secret_and_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys::load(None, dir.path()).unwrap();
        let sealed = keys.seal("sms", "+77011234567 123456");
        assert!(!sealed.contains("7011234567"));
        assert_ne!(sealed, keys.seal("sms", "+77011234567 123456"));
        assert_eq!(
            keys.open("sms", &sealed).as_deref(),
            Some("+77011234567 123456")
        );
        assert_eq!(keys.open("mail", &sealed), None);
        let other = Keys::load(Some(&"ab".repeat(32)), dir.path()).unwrap();
        assert_eq!(other.open("sms", &sealed), None);
        let mut changed = sealed.into_bytes();
        changed[20] ^= 1;
        assert_eq!(keys.open("sms", &String::from_utf8(changed).unwrap()), None);
        assert_eq!(keys.open("sms", "short"), None);
    }

    #[test]
    fn codes_are_six_digits_and_tokens_are_long() {
        for _ in 0..100 {
            let code = new_code();
            assert_eq!(code.len(), 6);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
        assert!(new_token().len() >= 43);
        assert_ne!(new_token(), new_token());
    }
}
