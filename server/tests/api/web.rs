use crate::helpers::{moderator, registration, spawn_app, spawn_app_with};
use bastama_server::config::SeedMode;
use reqwest::Method;
use serde_json::json;

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

#[tokio::test]
async fn under_a_base_path_everything_moves_and_only_embed_views_are_framed() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        r#"<!doctype html><html><head><script type="module">import init from '/app.js'; init();</script><link rel="icon" href="/public/favicon.svg"></head><body></body></html>"#,
    )
    .unwrap();
    std::fs::create_dir(dist.path().join("public")).unwrap();
    std::fs::write(dist.path().join("public/embed.js"), "/* embed */").unwrap();
    let app = crate::helpers::spawn_configured(|c| {
        c.dist_dir = dist.path().to_owned();
        c.base_path = "/bastama".into();
        c.frame_ancestors = vec!["https://portal.example.kz".into()];
    })
    .await;
    assert!(app.base.ends_with("/bastama"));
    let root = app.base.trim_end_matches("/bastama").to_owned();

    let page = app.get("/ngos").await;
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<meta name="bastama-base" content="/bastama">"#));
    assert!(html.contains("import init from '/bastama/app.js'"));
    assert!(html.contains(r#"href="/bastama/public/favicon.svg""#));
    // The directory's page written in links below the base too.
    assert!(html.contains(r#"<a href="/bastama/ngos?page=2" rel="next">"#));
    assert!(html.contains(r#"<a href="/bastama/api/v1/export/ngos.csv" rel="external""#));
    assert!(html.contains(r#"<h2 class="card-title"><a href="/bastama/ngos/"#));
    assert!(!html.contains(r#"href="/ngos"#));

    for path in [
        "/embed/ngos",
        "/embed/ngo/3",
        "/embed/map",
        "/embed/fair/1",
        "/embed/fair/1/results",
    ] {
        let embed = app.get(path).await;
        assert_eq!(embed.status(), 200, "{path}");
        let csp = embed.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            csp.ends_with("frame-ancestors https://portal.example.kz"),
            "{path}: {csp}"
        );
        assert!(!embed.headers().contains_key("x-frame-options"), "{path}");
    }
    let script = app.get("/embed.js").await;
    assert_eq!(script.status(), 200);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(app.get("/api/v1/fairs").await.status(), 200);

    // Outside the base path there is nothing; its root with a slash leads to it.
    let outside = app
        .client
        .get(format!("{root}/api/v1/fairs"))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), 404);
    assert_eq!(
        outside.headers()["content-type"],
        "application/problem+json"
    );
    let slash = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{root}/bastama/?lang=ru"))
        .send()
        .await
        .unwrap();
    assert_eq!(slash.status(), 308);
    assert_eq!(slash.headers()["location"], "/bastama?lang=ru");
}

#[tokio::test]
async fn writes_from_pages_of_other_origins_are_refused() {
    let app = crate::helpers::spawn_configured(|c| {
        c.frame_ancestors = vec!["https://portal.example.kz".into()];
    })
    .await;
    let own = app.base.clone();
    let cases = [
        (Some("https://evil.example.com"), 403),
        (Some("null"), 403),
        (Some(own.as_str()), 202),
        (Some("https://portal.example.kz"), 202),
        (None, 202),
    ];
    for (n, (origin, expected)) in (800..).zip(cases) {
        let mut request = app
            .client
            .post(format!("{}/api/v1/voters/otp", app.base))
            .json(&serde_json::json!({"iin": crate::helpers::iin(n), "phone": crate::helpers::phone(n)}));
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), expected, "{origin:?}");
        if expected == 403 {
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json"
            );
        }
    }
    // Reads stay open to every origin.
    let read = app
        .client
        .get(format!("{}/api/v1/ngos", app.base))
        .header("Origin", "https://evil.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    assert_eq!(read.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn a_public_read_is_kept_a_second_and_a_write_empties_it() {
    let app = crate::helpers::spawn_app().await;
    let moderator = crate::helpers::moderator(&app).await;
    let path = "/api/v1/fairs";
    let before = app.json(path).await.as_array().unwrap().len();
    // Changed behind the server's back: the kept read is still served...
    sqlx::query("UPDATE fairs SET phase = 'draft'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.json(path).await.as_array().unwrap().len(), before);
    // ...until a write through the server, which empties what it kept.
    let (code, _) = app
        .call(
            reqwest::Method::POST,
            "/api/v1/admin/fairs",
            &serde_json::json!({"title": {"kk": "Жаңа жәрмеңке"}}),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 201);
    assert_eq!(app.json(path).await.as_array().unwrap().len(), 0);
    // A read with a token is never kept.
    let me = app
        .client
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(&moderator)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
}

#[tokio::test]
async fn the_directory_comes_with_its_page_of_cards_in_the_reader_s_language() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        r#"<!doctype html><html lang="kk"><head><title>Бастама</title></head><body><noscript>JS</noscript></body></html>"#,
    )
    .unwrap();
    let app = spawn_app_with(SeedMode::Demo, Some(dist.path().to_owned()), 30).await;
    let moderator = moderator(&app).await;
    let mut hostile = registration(1);
    hostile["name"]["ru"] = json!("<img src=x onerror=alert(1)> & \"Жастар\"");
    let (code, body) = app
        .call(Method::POST, "/api/v1/ngos/register", &hostile, None)
        .await;
    assert_eq!(code, 201, "{body}");
    let id = body["ngo_id"].as_i64().unwrap();
    let approve = format!("/api/v1/admin/ngos/{id}/approve");
    let (code, _) = app
        .call(Method::POST, &approve, &json!({}), Some(&moderator))
        .await;
    assert_eq!(code, 204);

    let page = |path: &'static str, accept: &'static str| {
        let app = &app;
        async move {
            let response = app
                .client
                .get(format!("{}{path}", app.base))
                .header("Accept-Language", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{path}");
            let vary: Vec<_> = response.headers().get_all("vary").iter().collect();
            assert!(
                vary.iter().any(|v| *v == "Accept-Language, Cookie"),
                "{vary:?}"
            );
            response.text().await.unwrap()
        }
    };
    // The first page, as the API gives it, by name, in Kazakh.
    let first = app.json("/api/v1/ngos?per_page=20").await;
    let html = page("/ngos", "").await;
    assert!(html.contains(r#"<html lang="kk">"#));
    assert_eq!(html.matches(r#"<li class="card">"#).count(), 20);
    for ngo in first["items"].as_array().unwrap() {
        let link = format!(r#"<a href="/ngos/{}">"#, ngo["id"]);
        assert!(html.contains(&link), "{link}");
    }
    assert!(html.contains(&format!(": {}</p>", first["total"])));
    assert!(html.contains(r#"<a href="/ngos?page=2" rel="next">"#));

    // The filters of the URL; the language of the URL, then of the browser.
    let search = app.json("/api/v1/ngos?q=zhastar&district=oral").await;
    let html = page("/ngos?q=zhastar&district=oral&lang=ru", "en").await;
    assert!(html.contains(r#"<html lang="ru">"#));
    assert!(html.contains(r#"<option value="oral" selected>Город Уральск</option>"#));
    assert!(html.contains(r#"name="q" value="zhastar""#));
    assert_eq!(
        html.matches(r#"<li class="card">"#).count() as u64,
        search["total"].as_u64().unwrap()
    );
    // Text from the database is text, never markup.
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; \"Жастар\""));
    assert!(!html.contains("<img"));
    let html = page("/ngos?district=oral", "en-GB,en;q=0.9").await;
    assert!(html.contains(r#"<html lang="en">"#) && html.contains("Oral City"));
    // The choice saved by the app's language switch comes before the browser's.
    let saved = app
        .client
        .get(format!("{}/ngos", app.base))
        .header("Accept-Language", "en")
        .header("Cookie", "theme=x; bastama.lang=ru")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(saved.contains(r#"<html lang="ru">"#));
    let html = page("/ngos?lang=kk-Latn", "").await;
    assert!(html.contains(r#"<html lang="kk-Latn">"#) && html.contains("Oral qalasy"));

    // A query the API refuses gets the bare app, which says why.
    let html = page("/ngos?sort=nonsense", "").await;
    assert!(!html.contains("prerendered") && html.contains("<noscript>"));
}
