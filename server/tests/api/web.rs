use crate::helpers::{spawn_app, spawn_app_with};
use bastama_server::config::SeedMode;

#[tokio::test]
async fn reads_are_open_cacheable_and_revalidated() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/districts").await;
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(format!("{}/api/v1/districts", app.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/api/v1/health", "/api/v1/ngos/0", "/anything"] {
        let response = app.get(path).await;
        let h = response.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_built_app_is_served_for_every_route_with_its_script_hash() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        r#"<!doctype html><html><head><script type="module">import init from '/app.js'; init();</script></head></html>"#,
    )
    .unwrap();
    std::fs::write(
        dist.path().join("app.js"),
        "export default function init() {}",
    )
    .unwrap();
    let app = spawn_app_with(SeedMode::Demo, Some(dist.path().to_owned()), 30).await;
    for path in ["/", "/ngos/3", "/fair/1", "/index.html", "/no/such/route"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("'sha256-") && csp.contains("'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert!(response.text().await.unwrap().contains("import init"));
    }
    let js = app.get("/app.js").await;
    assert_eq!(js.status(), 200);
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    app.problem("/api/v1/not-a-route", 404).await;
}
