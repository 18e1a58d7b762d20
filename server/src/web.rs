//! Serving the built web app, and the HTTP headers every response carries.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Instant;

/// The app's `index.html`, with the policy that lets exactly its inline scripts run.
#[derive(Clone)]
pub struct IndexPage {
    pub html: String,
    pub csp: HeaderValue,
}

impl IndexPage {
    /// Reads the app's `index.html` from `dist`; None when the app was not built.
    /// `base` is the path the app is served under (empty for the root).
    /// `frame_ancestors` are the origins that may show the page in a frame
    /// (none: no one may).
    /// `images` are the origins images may come from besides the app's own (map tiles).
    pub fn load(
        dist: &Path,
        base: &str,
        frame_ancestors: &[String],
        images: &[String],
    ) -> Option<IndexPage> {
        let html = with_base(
            &std::fs::read_to_string(dist.join("index.html")).ok()?,
            base,
        );
        let csp = content_security_policy(&inline_script_hashes(&html), frame_ancestors, images);
        Some(IndexPage {
            html,
            csp: HeaderValue::from_str(&csp).ok()?,
        })
    }
}

/// The page names the app's files as paths from the root (`/app-1f…/x.js`, in
/// attributes and in the loader's imports); under a base path they move below
/// it. The app reads its base from the `bastama-base` meta tag.
fn with_base(html: &str, base: &str) -> String {
    let meta = format!("<head>\n    <meta name=\"bastama-base\" content=\"{base}\">");
    html.replace("=\"/", &format!("=\"{base}/"))
        .replace("'/", &format!("'{base}/"))
        .replacen("<head>", &meta, 1)
}

/// The SHA-256 of each inline `<script>`'s text, as CSP sources.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body_start = tag_end + 1;
        let Some(len) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&rest.as_bytes()[body_start..body_start + len]);
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[body_start + len..];
    }
    hashes
}

/// The policy of the app: its own origin only, no inline code but the hashed
/// loader, WebAssembly allowed to compile, framed only by the given origins.
pub fn content_security_policy(
    script_hashes: &[String],
    frame_ancestors: &[String],
    images: &[String],
) -> String {
    let mut script_src = vec!["'self'", "'wasm-unsafe-eval'"];
    script_src.extend(script_hashes.iter().map(String::as_str));
    let ancestors = if frame_ancestors.is_empty() {
        "'none'".to_owned()
    } else {
        frame_ancestors.join(" ")
    };
    let mut img_src = vec!["'self'", "data:"];
    img_src.extend(images.iter().map(String::as_str));
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src {}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors {ancestors}",
        script_src.join(" "),
        img_src.join(" ")
    )
}

/// The app's page, for `/` and every route the app itself handles.
pub fn index_response(page: &IndexPage) -> Response {
    page_response(page, page.html.clone())
}

/// The app's page with `html` for its text, under the page's policy.
fn page_response(page: &IndexPage, html: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::CONTENT_SECURITY_POLICY, page.csp.clone()),
        ],
        html,
    )
        .into_response()
}

/// The app's page with a page of content written in (see `prerender`), in the
/// reader's language `lang`, under `title`.
pub fn prerendered_response(page: &IndexPage, lang: &str, title: &str, content: &str) -> Response {
    let html = page
        .html
        .replacen("<html lang=\"kk\">", &format!("<html lang=\"{lang}\">"), 1)
        .replacen(
            "<title>Бастама</title>",
            &format!(
                "<title>{} · Bastama</title>",
                html_escape::encode_text(title)
            ),
            1,
        )
        .replacen("</body>", &format!("{content}\n</body>"), 1);
    page_response(page, html)
}

/// Headers that every response carries.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    // Pages that may be framed say by whom in their own policy; the rest never are.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
        );
    }
    let never_framed = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|csp| csp.contains("frame-ancestors 'none'"));
    if never_framed {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

/// Writes from a browser page are accepted only from the app's own origin and
/// the configured portals; a request without `Origin` (not from a page) passes.
pub async fn write_origins(
    allowed: std::sync::Arc<Vec<String>>,
    request: Request,
    next: Next,
) -> Response {
    let is_write = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let own = |origin: &str| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            == Some(host)
    };
    match origin {
        Some(origin) if is_write && !own(origin) && !allowed.iter().any(|a| a == origin) => {
            crate::error::ApiError::forbidden(
                "writes are accepted only from the app's pages and the configured portals",
            )
            .into_response()
        }
        _ => next.run(request).await,
    }
}

/// Public reads kept for a second: under load the same list is computed once a
/// second rather than once a request. A write through this server empties it;
/// another server on the same database shows a write at most a second late.
/// Reads that carry a token (a voter's ballot, an account's pages) are never kept.
#[derive(Default)]
pub struct ReadCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, Cached>>,
}

#[derive(Clone)]
struct Cached {
    at: Instant,
    headers: axum::http::HeaderMap,
    etag: HeaderValue,
    body: axum::body::Bytes,
}

const READ_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(1);
const READ_CACHE_ENTRIES: usize = 2000;

impl ReadCache {
    fn get(&self, key: &str) -> Option<Cached> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|c| c.at.elapsed() < READ_CACHE_TTL)
            .cloned()
    }

    fn put(&self, key: String, cached: Cached) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= READ_CACHE_ENTRIES {
                entries.clear();
            }
            entries.insert(key, cached);
        }
    }

    fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// Public reads: open to every origin, revalidated by a weak ETag of the body,
/// kept a second in `cache`; any write empties the cache.
pub async fn public_read_headers(
    cache: std::sync::Arc<ReadCache>,
    request: Request,
    next: Next,
) -> Response {
    let is_read = request.method() == Method::GET || request.method() == Method::HEAD;
    let path = request.uri().path();
    let personal = request.headers().contains_key(header::AUTHORIZATION)
        || path.contains("/admin")
        || path == "/me"
        || path.ends_with("/ballot");
    let key = (is_read && !personal).then(|| request.uri().to_string());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(cached) = key.as_deref().and_then(|k| cache.get(k)) {
        return with_cors(answer(cached, if_none_match.as_ref()));
    }
    let response = next.run(request).await;
    if !is_read {
        cache.clear();
    }
    if !is_read || response.status() != StatusCode::OK {
        return with_cors(response);
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024 * 1024).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let digest = Sha256::digest(&bytes);
    let etag = format!(
        "W/\"{}\"",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
    );
    let cached = Cached {
        at: Instant::now(),
        headers: parts.headers,
        etag: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("W/\"0\"")),
        body: bytes,
    };
    if let Some(key) = key {
        cache.put(key, cached.clone());
    }
    with_cors(answer(cached, if_none_match.as_ref()))
}

/// A read's answer: its body, or 304 when the client holds the same version.
fn answer(cached: Cached, if_none_match: Option<&HeaderValue>) -> Response {
    let mut response = if if_none_match == Some(&cached.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(cached.body));
        *response.headers_mut() = cached.headers;
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::ETAG, cached.etag);
    response
}

fn with_cors(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// One log line per request: method, path (never the query), status, time.
pub async fn log_requests(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0,
        "request"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_path_moves_the_apps_files_below_it() {
        let html = "<head>\n<script type=\"module\">import init from '/app-1f/v.js';\n\
                    init({ module_or_path: '/app-1f/v_bg.wasm' });</script>\n\
                    <link rel=\"stylesheet\" href=\"/main.css\"></head>";
        let moved = with_base(html, "/bastama");
        assert!(moved.contains("<meta name=\"bastama-base\" content=\"/bastama\">"));
        assert!(moved.contains("from '/bastama/app-1f/v.js'"));
        assert!(moved.contains("module_or_path: '/bastama/app-1f/v_bg.wasm'"));
        assert!(moved.contains("href=\"/bastama/main.css\""));
        let root = with_base(html, "");
        assert_eq!(
            root.replacen("\n    <meta name=\"bastama-base\" content=\"\">", "", 1),
            html
        );
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        let csp = content_security_policy(&hashes, &[], &[]);
        assert!(csp.contains(&hashes[0]) && !csp.contains("unsafe-inline"));
        assert!(csp.ends_with("frame-ancestors 'none'"));
        assert!(csp.contains("img-src 'self' data:;"));
        let framed = content_security_policy(
            &hashes,
            &["https://portal.example.kz".into()],
            &["https://*.tile.example.kz".into()],
        );
        assert!(framed.ends_with("frame-ancestors https://portal.example.kz"));
        assert!(framed.contains("img-src 'self' data: https://*.tile.example.kz;"));
    }
}
