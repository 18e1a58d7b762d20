//! NGOs add and edit their initiatives; moderators publish them; the map's configuration.

use crate::helpers::{fields, moderator, spawn_app, spawn_configured, status, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

fn form() -> Value {
    json!({
        "title": {"kk": "Жастар форумы", "ru": "Молодёжный форум"},
        "description": {"kk": "Облыстық жастар форумы."},
        "kind": "event",
        "status": "planned",
        "funding": "patron",
        "amount_kzt": 250000,
        "district": "oral",
        "location": {"lat": 51.2, "lon": 51.4},
        "starts_on": "2027-04-01",
        "ends_on": "2027-04-02",
        "volunteers": 12,
    })
}

async fn count(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM initiatives")
        .fetch_one(&app.db)
        .await
        .unwrap();
    n
}

async fn patch(app: &TestApp, token: &str, id: i64, version: i64, body: &Value) -> (u16, Value) {
    status(
        app.client
            .patch(format!("{}/api/v1/initiatives/{id}", app.base))
            .bearer_auth(token)
            .header("If-Match", format!("\"{version}\""))
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn an_ngo_initiative_is_public_once_a_moderator_publishes_it() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (ngo, token) = app.approved_ngo(30, &moderator).await;
    let (code, created) = app
        .call(Method::POST, "/api/v1/initiatives", &form(), Some(&token))
        .await;
    assert_eq!(code, 201, "{created}");
    assert_eq!(created["ngo_id"], ngo);
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/v1/initiatives/{id}");
    app.problem(&path, 404).await;
    let listed = app.json(&format!("/api/v1/initiatives?ngo={ngo}")).await;
    assert_eq!(listed["total"], 0);

    let queue: Value = app.json_as("/api/v1/admin/queue", &moderator).await;
    assert_eq!(queue["initiatives"][0]["id"], id);
    let approve = format!("/api/v1/admin/initiatives/{id}/approve");
    let (code, _) = app
        .call(Method::POST, &approve, &json!({}), Some(&moderator))
        .await;
    assert_eq!(code, 204);
    let public = app.json(&path).await;
    assert_eq!(public["title"]["kk"], "Жастар форумы");
    let geojson = app
        .json("/api/v1/export/initiatives.geojson?q=zhastar%20forumy")
        .await;
    assert_eq!(geojson["features"][0]["id"], id);
    assert_eq!(
        geojson["features"][0]["geometry"]["coordinates"],
        json!([51.4, 51.2])
    );

    // Its NGO's change goes back to the moderators; a stale one is refused.
    let mut changed = form();
    changed["volunteers"] = json!(20);
    let version = public["version"].as_i64().unwrap();
    let (code, saved) = patch(&app, &token, id, version, &changed).await;
    assert_eq!(code, 200, "{saved}");
    app.problem(&path, 404).await;
    let (code, _) = patch(&app, &token, id, version, &changed).await;
    assert_eq!(code, 412);
    // Another NGO may not touch it.
    let (_, other) = app.approved_ngo(31, &moderator).await;
    let (code, _) = patch(&app, &other, id, version + 1, &changed).await;
    assert_eq!(code, 403);
}

#[tokio::test]
async fn bad_initiatives_name_their_fields_and_save_nothing() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (_, token) = app.approved_ngo(32, &moderator).await;
    let before = count(&app).await;
    let with = |changes: Value| {
        let mut body = form();
        for (key, value) in changes.as_object().unwrap() {
            body[key] = value.clone();
        }
        body
    };
    let cases = [
        (
            with(json!({"location": {"lat": 43.24, "lon": 76.95}})),
            vec!["location.lat", "location.lon"],
        ),
        (
            with(json!({"location": {"lat": "north", "lon": 51.4}})),
            vec!["location.lat"],
        ),
        (with(json!({"ends_on": "2027-03-01"})), vec!["ends_on"]),
        (with(json!({"amount_kzt": -5})), vec!["amount_kzt"]),
        (with(json!({"district": "atlantis"})), vec!["district"]),
        (with(json!({"kind": "party"})), vec!["kind"]),
        (with(json!({"starts_on": "01.04.2027"})), vec!["starts_on"]),
        (with(json!({"published": true})), vec!["published"]),
    ];
    for (body, named) in cases {
        let (code, problem) = app
            .call(Method::POST, "/api/v1/initiatives", &body, Some(&token))
            .await;
        assert_eq!(code, 400, "{problem}");
        assert_eq!(fields(&problem), named, "{problem}");
    }
    assert_eq!(count(&app).await, before);
}

#[tokio::test]
async fn the_map_reads_its_tiles_from_the_configuration() {
    let plain = spawn_app().await;
    assert_eq!(
        plain.json("/api/v1/map").await,
        json!({"tile_url": null, "attribution": null})
    );
    let tiled = spawn_configured(|c| {
        c.tile_url = Some("https://{s}.tile.example.kz/{z}/{x}/{y}.png".into());
        c.tile_attribution = Some("© Example".into());
    })
    .await;
    let map = tiled.json("/api/v1/map").await;
    assert_eq!(
        map["tile_url"],
        "https://{s}.tile.example.kz/{z}/{x}/{y}.png"
    );
    assert_eq!(map["attribution"], "© Example");
}
