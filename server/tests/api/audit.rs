//! The audit log: what each write records, the public's share of it, the
//! chain that shows a changed or removed entry, and what never enters it.

use crate::helpers::{moderator, registrar, spawn_app, TestApp, REGISTRAR_PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

async fn log(app: &TestApp, moderator: &str, query: &str) -> Value {
    app.json_as(&format!("/api/v1/admin/audit{query}"), moderator)
        .await
}

/// The newest entry.
async fn last(app: &TestApp, moderator: &str) -> Value {
    log(app, moderator, "").await["entries"][0].clone()
}

/// A change of `entry`'s, by field name.
fn change<'a>(entry: &'a Value, field: &str) -> &'a Value {
    entry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == field)
        .unwrap_or_else(|| panic!("no change of {field} in {entry}"))
}

async fn patch_fair(app: &TestApp, moderator: &str, id: i64, body: Value) -> Value {
    let version = app.json_as("/api/v1/admin/fairs", moderator).await[0]["version"].clone();
    let response = app
        .client
        .patch(format!("{}/api/v1/admin/fairs/{id}", app.base))
        .header("If-Match", format!("\"{version}\""))
        .bearer_auth(moderator)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn each_write_records_who_changed_what() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let me = app.json_as("/api/v1/me", &moderator).await["id"].clone();

    let (_, fair) = app
        .call(
            Method::POST,
            "/api/v1/admin/fairs",
            &json!({"title": {"kk": "Идеялар жәрмеңкесі 2027"}}),
            Some(&moderator),
        )
        .await;
    let fair = fair["id"].as_i64().unwrap();
    let created = last(&app, &moderator).await;
    assert_eq!(created["action"], "created");
    assert_eq!(created["record"], format!("fair:{fair}"));
    assert_eq!(
        (&created["account"], &created["role"]),
        (&me, &json!("moderator"))
    );
    assert_eq!(
        change(&created, "title")["new"]["kk"],
        "Идеялар жәрмеңкесі 2027"
    );
    assert_eq!(created["public"], false);

    patch_fair(&app, &moderator, fair, json!({"winners": 5})).await;
    let settings = last(&app, &moderator).await;
    assert_eq!(settings["action"], "changed");
    assert_eq!(
        settings["changes"],
        json!([{"field": "winners", "old": 10, "new": 5}]),
        "only what changed"
    );

    patch_fair(&app, &moderator, fair, json!({"phase": "submission"})).await;
    let phase = last(&app, &moderator).await;
    assert_eq!(phase["action"], "phase_changed");
    assert_eq!(phase["public"], true);
    assert_eq!(
        (
            &change(&phase, "phase")["old"],
            &change(&phase, "phase")["new"]
        ),
        (&json!("draft"), &json!("submission"))
    );
    assert!(change(&phase, "submission_starts_at")["new"].is_string());

    // An idea rejected with its reason, inside the fair.
    let (_, idea) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{fair}/ideas"),
            &json!({"title": {"kk": "Аулаға орындық"}, "summary": {"kk": "Аулаға он орындық қою."}, "budget_kzt": 400000}),
            Some(&app.verified_voter(&crate::helpers::iin(40), &crate::helpers::phone(40)).await),
        )
        .await;
    let idea = idea["id"].as_i64().unwrap();
    let count = log(&app, &moderator, "").await["entries"]
        .as_array()
        .unwrap()
        .len();
    let reason = "the same idea was submitted twice";
    let (code, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/admin/ideas/{idea}/reject"),
            &json!({ "reason": reason }),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 204);
    let entries = log(&app, &moderator, "").await["entries"].clone();
    assert_eq!(
        entries.as_array().unwrap().len(),
        count + 1,
        "a voter's idea is not logged; the decision is"
    );
    let rejected = &entries[0];
    assert_eq!(rejected["action"], "rejected");
    assert_eq!(rejected["within"], format!("fair:{fair}"));
    assert_eq!(change(rejected, "reason")["new"], reason);
    assert_eq!(change(rejected, "moderation")["new"], "rejected");

    // The public sees the fair's decisions: its phase and its ideas', not its
    // settings, and not who decided.
    let public = app.json(&format!("/api/v1/audit?record=fair:{fair}")).await;
    let actions: Vec<&str> = public
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["rejected", "phase_changed"]);
    assert!(public
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["account"].is_null()));
    let bad = app.problem("/api/v1/audit?record=fair", 400).await;
    assert_eq!(bad["errors"][0]["field"], "record");
    let none = app.problem("/api/v1/audit", 400).await;
    assert_eq!(none["errors"][0]["code"], "required");

    // An NGO's profile edit: old and new for public fields, a phone by name only.
    let (ngo, token) = app.approved_ngo(20, &moderator).await;
    let approved = app.json(&format!("/api/v1/audit?record=ngo:{ngo}")).await;
    assert_eq!(approved[0]["action"], "approved");
    let before = app.json(&format!("/api/v1/ngos/{ngo}")).await;
    let profile = json!({
        "name": before["name"], "legal_form": before["legal_form"], "district": before["district"],
        "address": "Орал, Достық даңғылы 1", "directions": [], "description": {"kk": ""},
        "phone": "+7 701 234 5678", "email": null, "website": null, "social_links": [],
        "volunteers": 12, "active": true,
    });
    let response = app
        .patch_ngo(
            Some(&token),
            ngo,
            before["version"].as_i64().unwrap(),
            &profile,
        )
        .await;
    assert_eq!(response.status(), 200);
    let edit = last(&app, &moderator).await;
    assert_eq!(
        (&edit["action"], &edit["role"]),
        (&json!("changed"), &json!("ngo"))
    );
    assert_eq!(change(&edit, "address")["new"], "Орал, Достық даңғылы 1");
    assert_eq!(change(&edit, "volunteers")["new"], 12);
    let phone = change(&edit, "phone");
    assert_eq!(
        (
            phone["hidden"].clone(),
            phone["old"].clone(),
            phone["new"].clone()
        ),
        (json!(true), Value::Null, Value::Null)
    );

    // Filters: by account, by record, by day.
    let by_ngo = log(&app, &moderator, &format!("?record=ngo:{ngo}")).await;
    assert_eq!(
        by_ngo["entries"].as_array().unwrap().len(),
        3,
        "applied, approved, changed"
    );
    let mine = log(&app, &moderator, &format!("?account={me}")).await;
    assert!(mine["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["account"] == me));
    let today = &edit["at"].as_str().unwrap()[..10];
    let later = log(&app, &moderator, "?from=2999-01-01").await;
    assert!(later["entries"].as_array().unwrap().is_empty());
    let on_the_day = log(&app, &moderator, &format!("?from={today}&to={today}")).await;
    assert_eq!(on_the_day["entries"][0]["seq"], edit["seq"]);
    let (code, bad) = app
        .call(
            Method::GET,
            "/api/v1/admin/audit?from=yesterday",
            &json!({}),
            Some(&moderator),
        )
        .await;
    assert_eq!(
        (code, bad["errors"][0]["field"].clone()),
        (400, json!("from"))
    );

    // The CSV: every entry, newest first, with its hash.
    let csv = app
        .client
        .get(format!("{}/api/v1/admin/audit.csv", app.base))
        .bearer_auth(&moderator)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let all = log(&app, &moderator, "").await;
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("seq,at,account,role,record"));
    assert_eq!(lines.len(), all["entries"].as_array().unwrap().len() + 1);
    assert!(lines[1].ends_with(all["entries"][0]["hash"].as_str().unwrap()));
}

#[tokio::test]
async fn the_chain_shows_a_changed_or_removed_entry() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    for n in 1..=4 {
        registrar(&app, &moderator, n).await;
    }
    let whole = log(&app, &moderator, "").await["chain"].clone();
    assert_eq!(whole["broken_at"], Value::Null);
    let entries = whole["entries"].as_i64().unwrap();
    assert!(
        entries >= 9,
        "the moderator, and four stations and registrars: {whole}"
    );
    assert_eq!(whole["head"], last(&app, &moderator).await["hash"]);

    // A reason rewritten in the database.
    sqlx::query("UPDATE audit_log SET changes = '[]' WHERE seq = 4")
        .execute(&app.db)
        .await
        .unwrap();
    let chain = log(&app, &moderator, "").await["chain"].clone();
    assert_eq!(chain["broken_at"], 4, "{chain}");

    // An entry removed: the next one no longer follows.
    sqlx::query("DELETE FROM audit_log WHERE seq <= 4")
        .execute(&app.db)
        .await
        .unwrap();
    let chain = log(&app, &moderator, "").await["chain"].clone();
    assert_eq!(chain["broken_at"], 5, "{chain}");
}

#[tokio::test]
async fn writes_at_once_keep_one_unbroken_chain() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let bodies: Vec<Value> = (0..24)
        .map(|n| json!({"name": format!("Учаске {n}"), "district": "oral"}))
        .collect();
    let writes = bodies.iter().map(|body| {
        app.call(
            Method::POST,
            "/api/v1/admin/stations",
            body,
            Some(&moderator),
        )
    });
    for (code, body) in futures::future::join_all(writes).await {
        assert_eq!(code, 201, "{body}");
    }
    let chain = log(&app, &moderator, "").await["chain"].clone();
    assert_eq!(chain["broken_at"], Value::Null, "{chain}");
    assert_eq!(chain["entries"], 25, "the moderator and 24 stations");
}

#[tokio::test]
async fn no_secret_enters_the_log() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (registrar, _) = registrar(&app, &moderator, 3).await;
    let iin = crate::helpers::iin(41);
    let (code, _) = app
        .call(
            Method::POST,
            "/api/v1/fairs/1/paper-ballots",
            &json!({"iin": iin, "idea_ids": [1]}),
            Some(&registrar),
        )
        .await;
    assert_eq!(code, 201);
    app.approved_ngo(21, &moderator).await;
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT record, changes FROM audit_log ORDER BY seq")
            .fetch_all(&app.db)
            .await
            .unwrap();
    let all = format!("{rows:?}");
    for secret in [
        iin.as_str(),
        "registrar3@oral.example.kz",
        "moderator@oral.example.kz",
        "ngo21@example.kz",
        REGISTRAR_PASSWORD,
        crate::helpers::NGO_PASSWORD,
        crate::helpers::PASSWORD,
    ] {
        assert!(!all.contains(secret), "{secret} is in the log: {all}");
    }
    assert!(
        all.contains("\"ballot:"),
        "the paper ballot is logged: {all}"
    );
    // The ideas of a paper ballot stay secret too.
    let entered = last(&app, &moderator).await;
    assert!(entered["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["field"] != "idea_ids"));
}

#[tokio::test]
async fn only_moderators_read_the_log() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (registrar, _) = registrar(&app, &moderator, 4).await;
    let (_, ngo) = app.approved_ngo(22, &moderator).await;
    for path in ["/api/v1/admin/audit", "/api/v1/admin/audit.csv"] {
        assert_eq!(app.get(path).await.status(), 401, "{path}");
        for token in [&registrar, &ngo] {
            let response = app
                .client
                .get(format!("{}{path}", app.base))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{path}");
        }
    }
}
