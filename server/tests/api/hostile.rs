//! Hostile input: hundreds of malformed requests across every write endpoint —
//! bodies that are not JSON objects, invalid UTF-8, deep nesting, bodies over the
//! limit, the wrong content type, unknown fields, wrong types, injection strings,
//! control and text-direction characters, very long strings, huge and negative
//! numbers. Each must be a 4xx problem+json, none a 5xx, and no record may change.

use crate::helpers::{iin, moderator, phone, spawn_app_with, TestApp};
use bastama_server::config::SeedMode;
use reqwest::Method;
use serde_json::{json, Value};

/// One write endpoint, signed in as whoever may call it, with a valid body to spoil.
struct Target {
    method: Method,
    path: String,
    token: Option<String>,
    /// The row whose version goes in `If-Match`, for writes that need it.
    versioned: Option<(&'static str, i64)>,
    valid: Value,
    /// Fields whose format the server checks: any odd string is refused.
    checked: &'static [&'static str],
    /// Free text: SQL or markup in it is just text, but hidden characters and
    /// too many of them are refused.
    texts: &'static [&'static str],
    /// Numbers with a range: -1 and a huge value are refused.
    ranged: &'static [&'static str],
    /// Fields that may be left out.
    optional: &'static [&'static str],
}

/// What a database holds, in numbers that any change would move: each table's
/// rows, and the sum of its versions (bumped by every edit) where it has them.
async fn fingerprint(app: &TestApp) -> Vec<(i64, i64)> {
    let queries = [
        "SELECT COUNT(*), CAST(SUM(version) AS BIGINT) FROM ngos",
        "SELECT COUNT(*), CAST(SUM(version) AS BIGINT) FROM initiatives",
        "SELECT COUNT(*), CAST(SUM(version) AS BIGINT) FROM ideas",
        "SELECT COUNT(*), CAST(SUM(version) AS BIGINT) FROM fairs",
        "SELECT COUNT(*), CAST(COALESCE(SUM(LENGTH(rejection_reason)), 0) AS BIGINT) FROM ngos",
        "SELECT COUNT(*), 0 FROM accounts",
        "SELECT COUNT(*), 0 FROM ngo_logos",
        "SELECT COUNT(*), 0 FROM ballots",
        "SELECT COUNT(*), 0 FROM phone_links",
        "SELECT COUNT(*), 0 FROM ngo_directions",
    ];
    let mut all = Vec::new();
    for sql in queries {
        all.push(sqlx::query_as(sql).fetch_one(&app.db).await.unwrap());
    }
    all
}

/// Strings that no text may hold: hidden characters, and too many characters.
fn hidden_strings() -> Vec<String> {
    vec![
        "a\u{0}\u{1}\u{7f}b".into(),
        "\u{202e}fdp.exe".into(),
        "abc\u{2066}def".into(),
        "ж".repeat(20_000),
    ]
}

/// Strings that no checked field may take.
fn odd_strings() -> Vec<String> {
    let mut odd = vec![
        "'; DROP TABLE ngos; --".into(),
        "1 OR 1=1".into(),
        "<script>alert(1)</script>".into(),
        String::new(),
    ];
    odd.extend(hidden_strings());
    odd
}

/// `body` with the value at `path` (`a.b`) replaced.
fn with(body: &Value, path: &str, value: Value) -> Value {
    let mut body = body.clone();
    let mut at = &mut body;
    for part in path.split('.') {
        at = &mut at[part];
    }
    *at = value;
    body
}

/// The body's values replaced by ones of the wrong type, one field at a time.
fn wrong_types(valid: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for (key, value) in valid.as_object().unwrap() {
        let wrong: Vec<Value> = match value {
            Value::String(_) => vec![json!(12345), json!(["x"]), json!({"a": 1})],
            Value::Number(_) => vec![json!("12"), json!(1e300), json!(-9.5e18), json!(true)],
            Value::Object(_) => vec![json!(7), json!("text")],
            Value::Array(_) => vec![json!("1,2"), json!({"0": 1})],
            Value::Bool(_) => vec![json!("yes"), json!(1)],
            Value::Null => vec![json!({"a": 1})],
        };
        for w in wrong {
            let mut body = valid.clone();
            body[key] = w;
            out.push(body);
        }
    }
    out
}

/// Every spoiled request of a target: (content type, body bytes).
fn corpus(target: &Target) -> Vec<(&'static str, Vec<u8>)> {
    let json_body = |v: &Value| ("application/json", serde_json::to_vec(v).unwrap());
    let mut out = vec![
        ("application/json", b"not json".to_vec()),
        ("application/json", b"[]".to_vec()),
        ("application/json", b"null".to_vec()),
        ("application/json", b"\"text\"".to_vec()),
        ("application/json", b"{\"a\": ".to_vec()),
        (
            "application/json",
            vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'],
        ),
        ("application/json", "[".repeat(100_000).into_bytes()),
        ("application/json", "{\"a\":".repeat(10_000).into_bytes()),
        (
            "application/json",
            format!("{{\"x\": \"{}\"}}", "a".repeat(70 * 1024)).into_bytes(),
        ),
        ("text/plain", serde_json::to_vec(&target.valid).unwrap()),
        ("application/x-www-form-urlencoded", b"a=1&b=2".to_vec()),
    ];
    let mut unknown = target.valid.clone();
    unknown["is_admin"] = json!(true);
    out.push(json_body(&unknown));
    for key in target.valid.as_object().unwrap().keys() {
        if !target.optional.contains(&key.as_str()) {
            let mut missing = target.valid.clone();
            missing.as_object_mut().unwrap().remove(key);
            out.push(json_body(&missing));
        }
    }
    for body in wrong_types(&target.valid) {
        out.push(json_body(&body));
    }
    for field in target.checked {
        for odd in odd_strings() {
            // An optional field may be cleared with an empty string.
            if odd.is_empty() && target.optional.contains(field) {
                continue;
            }
            out.push(json_body(&with(&target.valid, field, json!(odd))));
        }
    }
    for field in target.texts {
        for odd in hidden_strings() {
            out.push(json_body(&with(&target.valid, field, json!(odd))));
        }
    }
    for field in target.ranged {
        for n in [-1, i64::MAX] {
            out.push(json_body(&with(&target.valid, field, json!(n))));
        }
    }
    out
}

#[tokio::test]
async fn hundreds_of_malformed_writes_are_refused_cleanly_and_change_nothing() {
    let app = spawn_app_with(SeedMode::Demo, None, 100_000).await;
    let moderator = moderator(&app).await;
    let voter = app.verified_voter(&iin(900), &phone(900)).await;
    let (ngo, ngo_token) = app.approved_ngo(40, &moderator).await;
    let (_, pending) = app
        .call(
            Method::POST,
            "/api/v1/ngos/register",
            &crate::helpers::registration(41),
            None,
        )
        .await;
    let pending = pending["ngo_id"].as_i64().unwrap();
    let (code, initiative) = app
        .call(
            Method::POST,
            "/api/v1/initiatives",
            &json!({
                "title": {"kk": "Еріктілер күні"}, "kind": "event", "status": "planned",
                "funding": "own_funds", "amount_kzt": null, "district": "oral",
                "location": {"lat": 51.2, "lon": 51.4}, "starts_on": "2027-06-01", "ends_on": null,
            }),
            Some(&ngo_token),
        )
        .await;
    assert_eq!(code, 201);
    let initiative = initiative["id"].as_i64().unwrap();
    let profile = {
        let n = app.json(&format!("/api/v1/ngos/{ngo}")).await;
        json!({
            "name": n["name"], "legal_form": n["legal_form"], "district": n["district"], "address": "Орал",
            "directions": ["youth"], "description": {"kk": "Сипаттама"}, "phone": "+77112501234",
            "email": "a@b.kz", "website": "https://a.kz", "social_links": [], "volunteers": 3, "active": true,
        })
    };
    let targets = vec![
        Target {
            method: Method::POST,
            path: "/api/v1/ngos/register".into(),
            token: None,
            versioned: None,
            valid: crate::helpers::registration(42),
            // A password may be any text of its length, SQL-looking or not.
            checked: &["bin", "email", "district", "registered_on"],
            texts: &["name.kk", "legal_form"],
            ranged: &[],
            optional: &[],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/voters/otp".into(),
            token: None,
            versioned: None,
            valid: json!({"iin": iin(901), "phone": phone(901)}),
            checked: &["iin", "phone"],
            texts: &[],
            ranged: &[],
            optional: &[],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/voters/verify".into(),
            token: None,
            versioned: None,
            valid: json!({"phone": phone(900), "code": "123456"}),
            checked: &["code", "phone"],
            texts: &[],
            ranged: &[],
            optional: &[],
        },
        Target {
            method: Method::PUT,
            path: "/api/v1/fairs/1/ballot".into(),
            token: Some(voter.clone()),
            versioned: None,
            valid: json!({"idea_ids": [1, 2]}),
            checked: &[],
            texts: &[],
            ranged: &["idea_ids"],
            optional: &[],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/fairs/1/ideas".into(),
            token: Some(voter.clone()),
            versioned: None,
            valid: json!({"title": {"kk": "Идея"}, "summary": {"kk": "Қысқаша сипаттама"}, "budget_kzt": 100}),
            checked: &[],
            texts: &["title.kk", "summary.kk"],
            ranged: &["budget_kzt"],
            optional: &[],
        },
        Target {
            method: Method::PATCH,
            path: format!("/api/v1/ngos/{ngo}"),
            token: Some(ngo_token.clone()),
            versioned: Some(("ngos", ngo)),
            valid: profile,
            checked: &["district", "phone", "email", "website"],
            texts: &["name.kk", "legal_form", "address", "description.kk"],
            ranged: &["volunteers"],
            optional: &["phone", "email", "website"],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/initiatives".into(),
            token: Some(ngo_token.clone()),
            versioned: None,
            valid: json!({
                "title": {"kk": "Сенбілік"}, "kind": "event", "status": "planned", "funding": "patron",
                "amount_kzt": 100, "district": "oral", "location": {"lat": 51.2, "lon": 51.4},
                "starts_on": "2027-06-01", "ends_on": "2027-06-02", "volunteers": 2,
            }),
            checked: &[
                "kind",
                "status",
                "funding",
                "district",
                "starts_on",
                "ends_on",
            ],
            texts: &["title.kk"],
            ranged: &["amount_kzt", "volunteers", "location.lat", "location.lon"],
            optional: &["amount_kzt", "ends_on", "volunteers"],
        },
        Target {
            method: Method::PATCH,
            path: format!("/api/v1/initiatives/{initiative}"),
            token: Some(ngo_token.clone()),
            versioned: Some(("initiatives", initiative)),
            valid: json!({
                "title": {"kk": "Сенбілік"}, "kind": "event", "status": "planned", "funding": "patron",
                "amount_kzt": 100, "district": "oral", "location": {"lat": 51.2, "lon": 51.4},
                "starts_on": "2027-06-01", "ends_on": null, "volunteers": 2,
            }),
            checked: &["district", "starts_on"],
            texts: &["title.kk"],
            ranged: &["amount_kzt"],
            optional: &["amount_kzt", "ends_on", "volunteers"],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/auth/login".into(),
            token: None,
            versioned: None,
            valid: json!({"email": "nobody@example.kz", "password": "wrong password here"}),
            checked: &[],
            texts: &[],
            ranged: &[],
            optional: &[],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/admin/fairs".into(),
            token: Some(moderator.clone()),
            versioned: None,
            valid: json!({"title": {"kk": "Жәрмеңке"}, "votes_per_voter": 3, "winners": 10}),
            checked: &[],
            texts: &["title.kk"],
            ranged: &["votes_per_voter", "winners"],
            optional: &["votes_per_voter", "winners"],
        },
        Target {
            method: Method::PATCH,
            path: "/api/v1/admin/fairs/1".into(),
            token: Some(moderator.clone()),
            versioned: Some(("fairs", 1)),
            valid: json!({"winners": 10}),
            checked: &[],
            texts: &[],
            ranged: &["winners"],
            optional: &["winners"],
        },
        Target {
            method: Method::PUT,
            path: "/api/v1/admin/ideas/1/funding".into(),
            token: Some(moderator.clone()),
            versioned: None,
            valid: json!({"funding": {"sponsor": "Демеуші", "amount_kzt": 100, "memorandum_signed": false}}),
            checked: &[],
            texts: &["funding.sponsor"],
            ranged: &["funding.amount_kzt"],
            optional: &["funding"],
        },
        Target {
            method: Method::POST,
            path: format!("/api/v1/admin/ngos/{pending}/reject"),
            token: Some(moderator.clone()),
            versioned: None,
            valid: json!({"reason": "the application is incomplete"}),
            checked: &[],
            texts: &["reason"],
            ranged: &[],
            optional: &[],
        },
        Target {
            method: Method::POST,
            path: "/api/v1/admin/ideas/1/reject".into(),
            token: Some(moderator.clone()),
            versioned: None,
            valid: json!({"reason": "duplicate"}),
            checked: &[],
            texts: &["reason"],
            ranged: &[],
            optional: &[],
        },
    ];

    let before = fingerprint(&app).await;
    let mut sent = 0;
    let mut wrong = Vec::new();
    for target in &targets {
        for (content_type, body) in corpus(target) {
            let mut request = app
                .client
                .request(
                    target.method.clone(),
                    format!("{}{}", app.base, target.path),
                )
                .header("Content-Type", content_type)
                .body(body.clone());
            if let Some(token) = &target.token {
                request = request.bearer_auth(token);
            }
            if let Some((table, id)) = target.versioned {
                let (version,): (i64,) =
                    sqlx::query_as(&format!("SELECT version FROM {table} WHERE id = $1"))
                        .bind(id)
                        .fetch_one(&app.db)
                        .await
                        .unwrap();
                request = request.header("If-Match", format!("\"{version}\""));
            }
            let response = request.send().await.unwrap();
            sent += 1;
            let code = response.status().as_u16();
            let kind = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            if !(400..500).contains(&code) || kind != "application/problem+json" {
                let shown =
                    String::from_utf8_lossy(&body[body.len().saturating_sub(150)..]).into_owned();
                wrong.push(format!(
                    "{} {} {shown:?}: {code} {kind}",
                    target.method, target.path
                ));
            }
        }
    }
    // Logos: not images, empty, over the limit.
    let logo = format!("{}/api/v1/ngos/{ngo}/logo", app.base);
    for body in [
        Vec::new(),
        b"GIF89a".to_vec(),
        b"<svg/>".to_vec(),
        vec![0x89; 1024 * 1024 + 10],
    ] {
        let code = app
            .client
            .put(&logo)
            .bearer_auth(&ngo_token)
            .header("Content-Type", "image/png")
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        sent += 1;
        if !(400..500).contains(&code) {
            wrong.push(format!("PUT logo: {code}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {sent}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(sent >= 200, "only {sent} requests");
    assert_eq!(fingerprint(&app).await, before, "a record changed");
}

/// Five megabytes of JSON, more than any write takes, sent to every write from
/// the app's own origin, signed in as whoever may call it and with a token that
/// is not valid, by reqwest and by a client that sends it all before reading:
/// each gets a refusal it can read, none a connection reset, and nothing changes.
#[tokio::test]
async fn a_body_far_over_the_limit_gets_its_refusal_on_every_write() {
    let app = spawn_app_with(SeedMode::Demo, None, 100).await;
    let moderator = moderator(&app).await;
    let voter = app.verified_voter(&iin(910), &phone(910)).await;
    let ngo = crate::helpers::ngo_account(&app).await;
    let (moderator, voter, ngo) = (
        Some(("moderator", moderator.as_str())),
        Some(("voter", voter.as_str())),
        Some(("NGO", ngo.as_str())),
    );
    // Every write of `routes::api`; signing out goes last, so that had it
    // worked the other writes were still signed in.
    let writes = [
        (Method::POST, "/ngos/register", None),
        (Method::PATCH, "/ngos/1", ngo),
        (Method::PUT, "/ngos/1/logo", ngo),
        (Method::POST, "/initiatives", ngo),
        (Method::PATCH, "/initiatives/1", ngo),
        (Method::POST, "/fairs/1/ideas", voter),
        (Method::PUT, "/fairs/1/ballot", voter),
        (Method::POST, "/auth/login", None),
        (Method::POST, "/admin/fairs", moderator),
        (Method::PATCH, "/admin/fairs/1", moderator),
        (Method::POST, "/admin/ngos/1/approve", moderator),
        (Method::POST, "/admin/ngos/1/reject", moderator),
        (Method::POST, "/admin/initiatives/1/approve", moderator),
        (Method::POST, "/admin/initiatives/1/reject", moderator),
        (Method::POST, "/admin/ideas/1/approve", moderator),
        (Method::POST, "/admin/ideas/1/reject", moderator),
        (Method::PUT, "/admin/ideas/1/funding", moderator),
        (Method::POST, "/voters/otp", None),
        (Method::POST, "/voters/verify", None),
        (Method::POST, "/auth/logout", ngo),
    ];
    let body = serde_json::to_vec(&json!({"reason": "a".repeat(5 * 1024 * 1024)})).unwrap();
    let origin = app.base.clone();
    let before = fingerprint(&app).await;
    let refusal = |code: u16, kind: &str| {
        [401, 403, 413].contains(&code) && kind == "application/problem+json"
    };
    let mut wrong = Vec::new();
    for (method, path, token) in &writes {
        for signed_in in [*token, Some(("a wrong token", "not-a-token"))] {
            let path = format!("/api/v1{path}");
            let bearer = signed_in.map(|(_, token)| format!("Bearer {token}"));
            let mut headers = vec![
                ("Origin", origin.as_str()),
                ("Content-Type", "application/json"),
            ];
            headers.extend(bearer.as_deref().map(|b| ("Authorization", b)));
            let who = signed_in.map_or("no one", |(who, _)| who);
            let mut request = app
                .client
                .request(method.clone(), format!("{}{path}", app.base))
                .body(body.clone());
            for (name, value) in &headers {
                request = request.header(*name, *value);
            }
            match request.send().await {
                Err(error) => wrong.push(format!("{method} {path} ({who}), reqwest: {error:?}")),
                Ok(response) => {
                    let code = response.status().as_u16();
                    let kind = response.headers().get("content-type");
                    let kind = kind.and_then(|k| k.to_str().ok()).unwrap_or_default();
                    if !refusal(code, kind) {
                        wrong.push(format!("{method} {path} ({who}), reqwest: {code} {kind}"));
                    }
                }
            }
            match app.send_whole(method, &path, &headers, &body).await {
                Err(error) => wrong.push(format!("{method} {path} ({who}), whole: {error}")),
                Ok((code, kind)) if !refusal(code, &kind) => {
                    wrong.push(format!("{method} {path} ({who}), whole: {code} {kind}"))
                }
                Ok(_) => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        writes.len() * 4,
        wrong.join("\n")
    );
    assert_eq!(fingerprint(&app).await, before, "a record changed");
}
