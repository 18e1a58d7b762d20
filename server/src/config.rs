//! The server's configuration, read from `BASTAMA_*` environment variables.

use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedMode {
    /// Load the demo data set when the database is empty.
    Demo,
    None,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen, `127.0.0.1:8080` by default; port 0 picks a free port.
    pub addr: String,
    /// Holds the SQLite database (unless `database_url` points elsewhere).
    pub data_dir: PathBuf,
    pub database_url: String,
    pub seed: SeedMode,
    /// The built web app (trunk's `dist`); when it is missing only the API is served.
    pub dist_dir: PathBuf,
    /// The HMAC secret as 64 hex digits; when unset, `secret.key` in the data directory.
    pub secret: Option<String>,
    /// Code requests (and, apart, code checks) per client address per 10 minutes.
    pub client_limit: i64,
    /// The path the app is served under (`/bastama`), empty for the root.
    pub base_path: String,
    /// Origins (`https://portal.example.kz`) whose pages may show the embeddable views.
    pub frame_ancestors: Vec<String>,
    /// The map's tiles (a Leaflet URL template) and their attribution; without
    /// them the map draws on a plain background.
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
    /// Where to POST SMS messages; without it they go to the outbox file.
    pub sms_webhook: Option<String>,
    /// The gateway's bearer token, sent as `Authorization: Bearer …`.
    pub sms_token: Option<String>,
    /// Where to ask whether a phone is registered to an IIN before sending a
    /// code (`BASTAMA_IDENTITY_WEBHOOK`); without it no one is asked.
    pub identity_webhook: Option<String>,
    /// The identity service's bearer token (`BASTAMA_IDENTITY_TOKEN`).
    pub identity_token: Option<String>,
    /// Codes sent per hour at most, the region together (`BASTAMA_SMS_PER_HOUR`).
    pub sms_per_hour: i64,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let data_dir = PathBuf::from(var("BASTAMA_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let seed = match var("BASTAMA_SEED").as_deref() {
            None | Some("demo") => SeedMode::Demo,
            Some("none") => SeedMode::None,
            Some(other) => return Err(format!("BASTAMA_SEED must be demo or none, not {other:?}")),
        };
        Ok(Config {
            addr: var("BASTAMA_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_url: var("BASTAMA_DATABASE_URL")
                .unwrap_or_else(|| sqlite_url(&data_dir.join("bastama.db"))),
            data_dir,
            seed,
            dist_dir: PathBuf::from(var("BASTAMA_DIST_DIR").unwrap_or_else(|| "./dist".into())),
            secret: var("BASTAMA_SECRET"),
            sms_webhook: var("BASTAMA_SMS_WEBHOOK"),
            sms_token: var("BASTAMA_SMS_TOKEN"),
            identity_webhook: var("BASTAMA_IDENTITY_WEBHOOK"),
            identity_token: var("BASTAMA_IDENTITY_TOKEN"),
            trusted_proxies: crate::client::trusted_proxies(
                &var("BASTAMA_TRUSTED_PROXIES").unwrap_or_default(),
            )?,
            tile_url: match var("BASTAMA_TILE_URL") {
                Some(url) => {
                    tile_origin(&url)?;
                    Some(url)
                }
                None => None,
            },
            tile_attribution: var("BASTAMA_TILE_ATTRIBUTION"),
            base_path: base_path(var("BASTAMA_BASE_PATH").as_deref().unwrap_or_default())?,
            frame_ancestors: match var("BASTAMA_FRAME_ANCESTORS") {
                None => Vec::new(),
                Some(list) => list
                    .split([' ', ','])
                    .filter(|o| !o.is_empty())
                    .map(origin)
                    .collect::<Result<_, _>>()?,
            },
            client_limit: positive(
                var("BASTAMA_CLIENT_LIMIT"),
                DEFAULT_CLIENT_LIMIT,
                "BASTAMA_CLIENT_LIMIT",
            )?,
            sms_per_hour: positive(
                var("BASTAMA_SMS_PER_HOUR"),
                DEFAULT_SMS_PER_HOUR,
                "BASTAMA_SMS_PER_HOUR",
            )?,
        })
    }
}

/// Code requests (and, apart, code checks) per client address in 10 minutes:
/// enough for a crowd behind one address (a school, a carrier's shared
/// address), while the per-phone, per-IIN and SMS-budget limits stop a script.
pub const DEFAULT_CLIENT_LIMIT: i64 = 1000;

/// The SMS budget's default, for a region of 650,000: if a third of its
/// 500,000 adults vote in a two-week fair, waking hours see some 1,200 codes
/// an hour (with a resend for every second voter); five times that covers an
/// evening's peak, and bounds what a script can spend to 6,000 texts an hour.
pub const DEFAULT_SMS_PER_HOUR: i64 = 6000;

/// A positive whole number from the environment, or `default`.
fn positive(value: Option<String>, default: i64, name: &str) -> Result<i64, String> {
    match value {
        None => Ok(default),
        Some(n) => n
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{name} must be a positive whole number")),
    }
}

/// Checks an origin for a CSP source list: `scheme://host[:port]` and nothing else.
fn origin(raw: &str) -> Result<String, String> {
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or_else(|| format!("BASTAMA_FRAME_ANCESTORS: {raw:?} is not an http(s) origin"))?;
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*'));
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(format!(
            "BASTAMA_FRAME_ANCESTORS: {raw:?} must be scheme://host[:port]"
        ))
    }
}

/// A path prefix as the router takes it: `/bastama/` and `bastama` give
/// `/bastama`, `/` gives the root (empty); only plain path segments are taken.
fn base_path(raw: &str) -> Result<String, String> {
    let segments: Vec<&str> = raw.split('/').filter(|s| !s.is_empty()).collect();
    let plain = |s: &&str| {
        *s != "."
            && *s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
    };
    if segments.iter().all(plain) {
        Ok(segments.iter().map(|s| format!("/{s}")).collect())
    } else {
        Err(format!(
            "BASTAMA_BASE_PATH: {raw:?} must be a path of letters, digits, '-', '_', '.', '~'"
        ))
    }
}

/// The origin a tile URL template loads images from, for the CSP's `img-src`:
/// `https://{s}.tile.example.kz/{z}/{x}/{y}.png` gives `https://*.tile.example.kz`.
pub fn tile_origin(url: &str) -> Result<String, String> {
    let scheme_end = url.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    origin(&url[..host_end].replace("{s}", "*"))
        .map_err(|_| format!("BASTAMA_TILE_URL: {url:?} must be an http(s) URL template"))
}

/// The URL of an SQLite database file, created when missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_templates_give_their_image_origin() {
        assert_eq!(
            tile_origin("https://{s}.tile.example.kz/{z}/{x}/{y}.png").unwrap(),
            "https://*.tile.example.kz"
        );
        assert_eq!(
            tile_origin("http://127.0.0.1:9000/tiles/{z}/{x}/{y}.png").unwrap(),
            "http://127.0.0.1:9000"
        );
        assert!(tile_origin("javascript:alert(1)//{z}").is_err());
        assert!(tile_origin("https://evil.kz' 'unsafe-inline/{z}").is_err());
    }

    #[test]
    fn base_paths_are_normalised_or_refused() {
        assert_eq!(base_path("").unwrap(), "");
        assert_eq!(base_path("/").unwrap(), "");
        assert_eq!(base_path("/bastama/").unwrap(), "/bastama");
        assert_eq!(base_path("apps/bastama").unwrap(), "/apps/bastama");
        assert!(base_path("/../etc").is_err());
        assert!(base_path("/a b").is_err());
        assert!(base_path("/\"x").is_err());
    }
}
