//! NGO accounts: registration, moderation of applications, profile edits, logos.

use crate::helpers::{
    bin, fields, login, moderator, registration, spawn_app, status, TestApp, NGO_PASSWORD,
};
use reqwest::Method;
use serde_json::{json, Value};

/// The smallest PNG: a 1×1 transparent pixel.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.db).await.unwrap();
    n
}

async fn register(app: &TestApp, body: &Value) -> (u16, Value) {
    app.call(Method::POST, "/api/v1/ngos/register", body, None)
        .await
}

async fn try_login(app: &TestApp, n: u32) -> (u16, Value) {
    app.call(
        Method::POST,
        "/api/v1/auth/login",
        &json!({"email": format!("ngo{n}@example.kz"), "password": NGO_PASSWORD}),
        None,
    )
    .await
}

/// The profile as the edit form sends it, from the public record.
fn profile_of(ngo: &Value) -> Value {
    json!({
        "name": ngo["name"],
        "legal_form": ngo["legal_form"],
        "district": ngo["district"],
        "address": ngo["address"],
        "directions": ngo["directions"],
        "description": ngo["description"],
        "phone": ngo["phone"],
        "email": ngo["email"],
        "website": ngo["website"],
        "social_links": ngo["social_links"],
        "volunteers": ngo["volunteers"],
        "active": ngo["active"],
    })
}

#[tokio::test]
async fn an_application_waits_for_a_moderator_then_the_ngo_signs_in() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (code, registered) = register(&app, &registration(1)).await;
    assert_eq!(code, 201);
    assert_eq!(registered["status"], "pending");
    let id = registered["ngo_id"].as_i64().unwrap();

    // Pending: hidden from the public, and its account cannot sign in yet.
    app.problem(&format!("/api/v1/ngos/{id}"), 404).await;
    let (code, problem) = try_login(&app, 1).await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (403, Some("/problems/pending"))
    );

    let queue: Value = app.json_as("/api/v1/admin/queue", &moderator).await;
    let pending = &queue["ngos"][0];
    assert_eq!(pending["id"], id);
    assert_eq!(pending["bin"], bin(1));
    assert_eq!(pending["email"], "ngo1@example.kz");

    let approve = format!("/api/v1/admin/ngos/{id}/approve");
    let (code, _) = app
        .call(Method::POST, &approve, &json!({}), Some(&moderator))
        .await;
    assert_eq!(code, 204);
    let public = app.json(&format!("/api/v1/ngos/{id}")).await;
    assert_eq!(public["verified"], true);
    assert_eq!(public["name"]["kk"], "Жастар бастамасы 1");
    let token = login(&app, "NGO1@example.kz", NGO_PASSWORD).await;
    let me: Value = app.json_as("/api/v1/me", &token).await;
    assert_eq!(
        (me["role"].as_str(), me["ngo_id"].as_i64()),
        (Some("ngo"), Some(id))
    );
    // Decided once: approving again finds nothing pending.
    let (code, _) = app
        .call(Method::POST, &approve, &json!({}), Some(&moderator))
        .await;
    assert_eq!(code, 404);
}

#[tokio::test]
async fn a_rejected_application_says_why_at_sign_in() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (_, registered) = register(&app, &registration(2)).await;
    let reject = format!("/api/v1/admin/ngos/{}/reject", registered["ngo_id"]);
    let (code, problem) = app
        .call(
            Method::POST,
            &reject,
            &json!({"reason": ""}),
            Some(&moderator),
        )
        .await;
    assert_eq!((code, fields(&problem)), (400, vec!["reason".to_owned()]));
    let (code, _) = app
        .call(
            Method::POST,
            &reject,
            &json!({"reason": "the BIN belongs to another organisation"}),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 204);
    let (code, problem) = try_login(&app, 2).await;
    assert_eq!(code, 403);
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("the BIN belongs to another organisation"));
}

#[tokio::test]
async fn bad_applications_name_their_fields_and_write_nothing() {
    let app = spawn_app().await;
    let before = count(&app, "SELECT COUNT(*) FROM ngos").await;
    let accounts = count(&app, "SELECT COUNT(*) FROM accounts").await;
    let mut bad_bin = registration(3);
    bad_bin["bin"] = json!(format!(
        "{}{}",
        &bin(3)[..11],
        (bin(3).as_bytes()[11] - b'0' + 1) % 10
    ));
    let cases: Vec<(Value, u16, Vec<&str>)> = vec![
        (bad_bin, 400, vec!["bin"]),
        (
            {
                let mut v = registration(3);
                v["email"] = json!("not-an-email");
                v["password"] = json!("qwertyuiop");
                v
            },
            400,
            vec!["email", "password"],
        ),
        (
            {
                let mut v = registration(3);
                v["district"] = json!("atlantis");
                v
            },
            400,
            vec!["district"],
        ),
        (
            {
                let mut v = registration(3);
                v["name"]["kk"] = json!("Ж".repeat(201));
                v["registered_on"] = json!("2019-02-30");
                v
            },
            400,
            vec!["name.kk", "registered_on"],
        ),
        (
            {
                let mut v = registration(3);
                v["verified"] = json!(true);
                v
            },
            400,
            vec!["verified"],
        ),
        (
            {
                let mut v = registration(3);
                v["bin"] = json!(150340001234_i64);
                v
            },
            400,
            vec!["bin"],
        ),
    ];
    for (body, expected, named) in cases {
        let (code, problem) = register(&app, &body).await;
        assert_eq!(code, expected, "{problem}");
        assert_eq!(fields(&problem), named, "{problem}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ngos").await, before);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM accounts").await, accounts);

    // The same BIN or e-mail twice: a 409 naming which.
    assert_eq!(register(&app, &registration(3)).await.0, 201);
    let mut same_bin = registration(4);
    same_bin["bin"] = json!(bin(3));
    let (code, problem) = register(&app, &same_bin).await;
    assert_eq!((code, fields(&problem)), (409, vec!["bin".to_owned()]));
    let mut same_email = registration(4);
    same_email["email"] = json!("NGO3@example.kz");
    let (code, problem) = register(&app, &same_email).await;
    assert_eq!((code, fields(&problem)), (409, vec!["email".to_owned()]));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ngos").await, before + 1);
}

#[tokio::test]
async fn an_ngo_edits_its_profile_from_the_version_it_read() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (id, token) = app.approved_ngo(5, &moderator).await;
    let path = format!("/api/v1/ngos/{id}");
    let read = app.json(&path).await;
    let version = read["version"].as_i64().unwrap();

    let mut change = profile_of(&read);
    change["description"] = json!({"kk": "<script>alert(1)</script> Жастарға көмек"});
    change["phone"] = json!("8 (711) 250-12-34");
    change["website"] = json!("https://jastar.example.kz");
    change["social_links"] = json!(["https://instagram.com/jastar"]);
    change["directions"] = json!(["youth", "education"]);
    change["volunteers"] = json!(40);
    let (code, saved) = status(app.patch_ngo(Some(&token), id, version, &change).await).await;
    assert_eq!(code, 200, "{saved}");
    assert_eq!(saved["version"], version + 1);
    let public = app.json(&path).await;
    // Stored as typed: the page shows it as text.
    assert_eq!(
        public["description"]["kk"],
        "<script>alert(1)</script> Жастарға көмек"
    );
    assert_eq!(public["phone"], "+77112501234");
    assert_eq!(public["directions"], json!(["education", "youth"]));
    assert_eq!(
        public["social_links"],
        json!(["https://instagram.com/jastar"])
    );
    assert_eq!(public["volunteers"], 40);

    // A second editor who read the same version gets 412, and nothing changes.
    let mut stale = profile_of(&read);
    stale["address"] = json!("Орал, Достық даңғылы 1");
    let (code, problem) = status(app.patch_ngo(Some(&token), id, version, &stale).await).await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (412, Some("/problems/version-mismatch"))
    );
    assert_eq!(app.json(&path).await, public);

    // Bad fields: 400 naming each, and nothing changes.
    let mut bad = profile_of(&public);
    bad["website"] = json!("javascript:alert(1)");
    bad["email"] = json!("nobody");
    bad["phone"] = json!("+1 202 555 0100");
    bad["social_links"] = json!(["https://ok.kz", "data:text/html,x"]);
    bad["description"] = json!({"kk": "ж".repeat(5001)});
    let (code, problem) = status(app.patch_ngo(Some(&token), id, version + 1, &bad).await).await;
    assert_eq!(code, 400);
    assert_eq!(
        fields(&problem),
        [
            "description.kk",
            "phone",
            "email",
            "website",
            "social_links[1]"
        ]
    );
    let mut unknown = profile_of(&public);
    unknown["directions"] = json!(["youth", "astrology"]);
    unknown["district"] = json!("oral");
    let (code, problem) =
        status(app.patch_ngo(Some(&token), id, version + 1, &unknown).await).await;
    assert_eq!(
        (code, fields(&problem)),
        (400, vec!["directions".to_owned()])
    );
    let mut typed = profile_of(&public);
    typed["volunteers"] = json!("many");
    let (code, problem) = status(app.patch_ngo(Some(&token), id, version + 1, &typed).await).await;
    assert_eq!(
        (code, fields(&problem)),
        (400, vec!["volunteers".to_owned()])
    );
    assert_eq!(app.json(&path).await, public);

    // No If-Match: 428.
    let response = app
        .client
        .patch(format!("{}{path}", app.base))
        .bearer_auth(&token)
        .json(&profile_of(&public))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 428);
}

#[tokio::test]
async fn logos_are_judged_by_their_bytes() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (id, token) = app.approved_ngo(6, &moderator).await;
    let put = |body: Vec<u8>, content_type: &'static str| {
        app.client
            .put(format!("{}/api/v1/ngos/{id}/logo", app.base))
            .bearer_auth(&token)
            .header("Content-Type", content_type)
            .body(body)
            .send()
    };
    // Text calling itself a PNG, an SVG with script, and 1 MB and a byte: refused.
    let (code, problem) = status(
        put(b"<html>not an image</html>".to_vec(), "image/png")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((code, fields(&problem)), (415, vec!["logo".to_owned()]));
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    assert_eq!(
        put(svg.to_vec(), "image/svg+xml").await.unwrap().status(),
        415
    );
    let mut huge = PNG.to_vec();
    huge.resize(1024 * 1024 + 1, 0);
    let (code, problem) = status(put(huge, "image/png").await.unwrap()).await;
    assert_eq!((code, fields(&problem)), (413, vec!["logo".to_owned()]));
    assert_eq!(
        app.json(&format!("/api/v1/ngos/{id}")).await["logo_url"],
        Value::Null
    );

    // A PNG sent as anything is stored and served as a PNG, sandboxed.
    let (code, ngo) = status(put(PNG.to_vec(), "application/octet-stream").await.unwrap()).await;
    assert_eq!(code, 200, "{ngo}");
    let url = ngo["logo_url"].as_str().unwrap();
    assert!(url.starts_with(&format!("/api/v1/ngos/{id}/logo?v=")));
    let served = app.get(url).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert!(served.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG);
}
