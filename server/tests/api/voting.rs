use crate::helpers::{
    all_delivered, fields, iin, phone, spawn_app, spawn_app_with, spawn_configured, TestApp,
};
use bastama_server::config::SeedMode;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub async fn demo_fair(app: &TestApp) -> (i64, Vec<i64>) {
    let fair_id = app.json("/api/v1/fairs").await[0]["id"].as_i64().unwrap();
    let ideas = app.json(&format!("/api/v1/fairs/{fair_id}/ideas")).await;
    let ids = ideas["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    (fair_id, ids)
}

async fn put_ballot(
    app: &TestApp,
    fair_id: i64,
    token: Option<&str>,
    ideas: &[i64],
) -> reqwest::Response {
    app.send_json(
        Method::PUT,
        &format!("/api/v1/fairs/{fair_id}/ballot"),
        &json!({"idea_ids": ideas}),
        token,
    )
    .await
}

async fn votes(app: &TestApp, fair_id: i64) -> Vec<(i64, i64)> {
    let results = app.json(&format!("/api/v1/fairs/{fair_id}/results")).await;
    let mut votes: Vec<(i64, i64)> = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["votes"].as_i64().unwrap() > 0)
        .map(|r| (r["idea_id"].as_i64().unwrap(), r["votes"].as_i64().unwrap()))
        .collect();
    votes.sort();
    votes
}

async fn problem_of(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_voter_verifies_votes_and_changes_the_ballot() {
    let app = spawn_app().await;
    let (fair_id, ideas) = demo_fair(&app).await;
    let token = app.verified_voter(&iin(1), &phone(1)).await;

    let empty = app
        .client
        .get(format!("{}/api/v1/fairs/{fair_id}/ballot", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let empty: Value = empty.json().await.unwrap();
    assert_eq!(empty["idea_ids"], json!([]));
    assert!(empty["updated_at"].is_null());

    let saved = put_ballot(&app, fair_id, Some(&token), &[ideas[2], ideas[0], ideas[1]]).await;
    assert_eq!(saved.status(), 200);
    let saved: Value = saved.json().await.unwrap();
    let mut chosen = vec![ideas[0], ideas[1], ideas[2]];
    chosen.sort();
    assert_eq!(saved["idea_ids"], json!(chosen));
    assert!(saved["updated_at"].is_string());
    assert_eq!(
        votes(&app, fair_id).await,
        chosen.iter().map(|i| (*i, 1)).collect::<Vec<_>>()
    );

    // Changing the ballot replaces it; the count stays one ballot.
    assert_eq!(
        put_ballot(&app, fair_id, Some(&token), &[ideas[3]])
            .await
            .status(),
        200
    );
    assert_eq!(votes(&app, fair_id).await, [(ideas[3], 1)]);
    assert_eq!(
        app.json(&format!("/api/v1/fairs/{fair_id}/results")).await["ballots"],
        1
    );
}

#[tokio::test]
async fn one_ballot_per_iin_and_one_iin_per_phone() {
    let app = spawn_app().await;
    let (fair_id, ideas) = demo_fair(&app).await;
    let first = app.verified_voter(&iin(1), &phone(1)).await;
    assert_eq!(
        put_ballot(&app, fair_id, Some(&first), &[ideas[0]])
            .await
            .status(),
        200
    );

    // The same person through another phone edits the same ballot.
    let same_person = app.verified_voter(&iin(1), &phone(2)).await;
    assert_eq!(
        put_ballot(&app, fair_id, Some(&same_person), &[ideas[1]])
            .await
            .status(),
        200
    );
    assert_eq!(votes(&app, fair_id).await, [(ideas[1], 1)]);

    // Another person through the first phone is refused.
    let other = app.verified_voter(&iin(2), &phone(1)).await;
    let problem = problem_of(
        put_ballot(&app, fair_id, Some(&other), &[ideas[2]]).await,
        409,
    )
    .await;
    assert_eq!(problem["type"], "/problems/phone-used");
    assert_eq!(votes(&app, fair_id).await, [(ideas[1], 1)]);
}

#[tokio::test]
async fn bad_ballots_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let (fair_id, ideas) = demo_fair(&app).await;
    let token = app.verified_voter(&iin(3), &phone(3)).await;
    assert_eq!(
        put_ballot(&app, fair_id, Some(&token), &[ideas[0]])
            .await
            .status(),
        200
    );

    sqlx::query("UPDATE ideas SET moderation = 'pending' WHERE id = $1")
        .bind(ideas[5])
        .execute(&app.db)
        .await
        .unwrap();
    let other_fair_idea = 999_999;
    for (ballot, code) in [
        (vec![ideas[0], ideas[1], ideas[2], ideas[3]], "too_many"),
        (vec![ideas[1], ideas[1]], "duplicate"),
        (vec![], "required"),
        (vec![other_fair_idea], "unknown"),
        (vec![ideas[5]], "unknown"),
    ] {
        let problem = problem_of(put_ballot(&app, fair_id, Some(&token), &ballot).await, 400).await;
        assert_eq!(fields(&problem), ["idea_ids"], "{ballot:?}");
        assert_eq!(problem["errors"][0]["code"], code, "{ballot:?}");
    }
    let wrong_type = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/fairs/{fair_id}/ballot"),
            &json!({"idea_ids": "all"}),
            Some(&token),
        )
        .await;
    assert_eq!(fields(&problem_of(wrong_type, 400).await), ["idea_ids"]);
    let extra = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/fairs/{fair_id}/ballot"),
            &json!({"idea_ids": [ideas[1]], "weight": 9}),
            Some(&token),
        )
        .await;
    assert_eq!(fields(&problem_of(extra, 400).await), ["weight"]);
    assert_eq!(votes(&app, fair_id).await, [(ideas[0], 1)]);
}

#[tokio::test]
async fn ballots_need_a_real_unexpired_voter_token() {
    let app = spawn_app().await;
    let (fair_id, ideas) = demo_fair(&app).await;
    problem_of(put_ballot(&app, fair_id, None, &[ideas[0]]).await, 401).await;
    problem_of(
        put_ballot(&app, fair_id, Some("forged-token"), &[ideas[0]]).await,
        401,
    )
    .await;
    let token = app.verified_voter(&iin(4), &phone(4)).await;
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(&app.db)
        .await
        .unwrap();
    problem_of(
        put_ballot(&app, fair_id, Some(&token), &[ideas[0]]).await,
        401,
    )
    .await;
    assert!(votes(&app, fair_id).await.is_empty());
}

#[tokio::test]
async fn votes_count_only_inside_the_voting_window() {
    let app = spawn_app().await;
    let (fair_id, ideas) = demo_fair(&app).await;
    let token = app.verified_voter(&iin(5), &phone(5)).await;
    sqlx::query("UPDATE fairs SET voting_ends_at = '2001-01-01T00:00:00Z' WHERE id = $1")
        .bind(fair_id)
        .execute(&app.db)
        .await
        .unwrap();
    let problem = problem_of(
        put_ballot(&app, fair_id, Some(&token), &[ideas[0]]).await,
        409,
    )
    .await;
    assert_eq!(problem["type"], "/problems/voting-closed");
    sqlx::query(
        "UPDATE fairs SET voting_ends_at = '2999-01-01T00:00:00Z', phase = 'closed' WHERE id = $1",
    )
    .bind(fair_id)
    .execute(&app.db)
    .await
    .unwrap();
    problem_of(
        put_ballot(&app, fair_id, Some(&token), &[ideas[0]]).await,
        409,
    )
    .await;
    problem_of(put_ballot(&app, 4242, Some(&token), &[ideas[0]]).await, 404).await;
}

#[tokio::test]
async fn code_requests_name_bad_fields() {
    let app = spawn_app().await;
    for (body, expected) in [
        (
            json!({"iin": "000401100018", "phone": "+77011234567"}),
            vec!["iin"],
        ),
        (
            json!({"iin": "000401100017", "phone": "+79011234567"}),
            vec!["phone"],
        ),
        (json!({"iin": "12", "phone": "nope"}), vec!["iin", "phone"]),
        (json!({"iin": "000401100017"}), vec!["phone"]),
        (
            json!({"iin": 401100017, "phone": "+77011234567"}),
            vec!["iin"],
        ),
        (
            json!({"iin": "000401100017", "phone": "+77011234567", "fair": 1}),
            vec!["fair"],
        ),
    ] {
        let response = app
            .send_json(Method::POST, "/api/v1/voters/otp", &body, None)
            .await;
        assert_eq!(fields(&problem_of(response, 400).await), expected, "{body}");
    }
    let not_json = app
        .client
        .post(format!("{}/api/v1/voters/otp", app.base))
        .body("iin=1")
        .send()
        .await
        .unwrap();
    problem_of(not_json, 415).await;
    let huge = json!({"iin": "1".repeat(100_000), "phone": "1"});
    problem_of(
        app.send_json(Method::POST, "/api/v1/voters/otp", &huge, None)
            .await,
        413,
    )
    .await;
    assert!(
        !app.dir.path().join("outbox.jsonl").exists(),
        "no code was sent"
    );
}

#[tokio::test]
async fn codes_expire_allow_five_attempts_and_work_once() {
    let app = spawn_app().await;
    let verify = |code: String| {
        let app = &app;
        async move {
            app.send_json(
                Method::POST,
                "/api/v1/voters/verify",
                &json!({"phone": phone(6), "code": code}),
                None,
            )
            .await
        }
    };
    app.send_json(
        Method::POST,
        "/api/v1/voters/otp",
        &json!({"iin": iin(6), "phone": phone(6)}),
        None,
    )
    .await;
    let code = app.last_code(&phone(6)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..5).rev() {
        let problem = problem_of(verify(wrong.into()).await, 400).await;
        assert_eq!(problem["errors"][0]["code"], "wrong");
        assert!(problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{left} attempts left")));
    }
    problem_of(verify(wrong.into()).await, 400).await;
    let spent = problem_of(verify(code.clone()).await, 400).await;
    assert_eq!(spent["errors"][0]["code"], "attempts");

    app.send_json(
        Method::POST,
        "/api/v1/voters/otp",
        &json!({"iin": iin(6), "phone": phone(6)}),
        None,
    )
    .await;
    let code = app.last_code(&phone(6)).await;
    assert_eq!(verify(code.clone()).await.status(), 200);
    let reused = problem_of(verify(code).await, 400).await;
    assert_eq!(reused["errors"][0]["code"], "expired");

    let problem = problem_of(verify("12a".into()).await, 400).await;
    assert_eq!(fields(&problem), ["code"]);

    app.send_json(
        Method::POST,
        "/api/v1/voters/otp",
        &json!({"iin": iin(6), "phone": phone(6)}),
        None,
    )
    .await;
    let code = app.last_code(&phone(6)).await;
    sqlx::query("UPDATE voter_codes SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(&app.db)
        .await
        .unwrap();
    let expired = problem_of(verify(code).await, 400).await;
    assert_eq!(expired["errors"][0]["code"], "expired");
}

#[tokio::test]
async fn code_requests_are_rate_limited_per_phone() {
    let app = spawn_app().await;
    for _ in 0..3 {
        let sent = app
            .send_json(
                Method::POST,
                "/api/v1/voters/otp",
                &json!({"iin": iin(7), "phone": phone(7)}),
                None,
            )
            .await;
        assert_eq!(sent.status(), 202);
    }
    let refused = app
        .send_json(
            Method::POST,
            "/api/v1/voters/otp",
            &json!({"iin": iin(7), "phone": phone(7)}),
            None,
        )
        .await;
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry_after));
    // Another phone from the same client still gets its code.
    let other = app
        .send_json(
            Method::POST,
            "/api/v1/voters/otp",
            &json!({"iin": iin(8), "phone": phone(8)}),
            None,
        )
        .await;
    assert_eq!(other.status(), 202);
}

#[tokio::test]
async fn iins_and_phones_are_stored_only_as_keyed_hashes() {
    let app = spawn_app().await;
    let (fair_id, ideas) = demo_fair(&app).await;
    let token = app.verified_voter(&iin(9), &phone(9)).await;
    assert_eq!(
        put_ballot(&app, fair_id, Some(&token), &[ideas[0]])
            .await
            .status(),
        200
    );
    let code = app.last_code(&phone(9)).await;
    // Read every text cell of the tables that hold voters' data.
    for (table, columns) in [
        ("voter_codes", "phone_key || voter_key || code_hash"),
        (
            "sessions",
            "token_hash || COALESCE(voter_key, '') || COALESCE(phone_key, '')",
        ),
        ("phone_links", "phone_key || voter_key"),
        ("ballots", "voter_key"),
        ("rate_limits", "bucket"),
    ] {
        let cells: Vec<(String,)> = sqlx::query_as(&format!("SELECT {columns} FROM {table}"))
            .fetch_all(&app.db)
            .await
            .unwrap();
        assert!(!cells.is_empty(), "{table}");
        for (cell,) in cells {
            for secret in [
                iin(9),
                phone(9),
                phone(9)[1..].to_owned(),
                code.clone(),
                token.clone(),
            ] {
                assert!(!cell.contains(&secret), "{table} holds {secret} in clear");
            }
        }
    }
}

#[tokio::test]
async fn five_hundred_voters_at_once_give_exact_tallies() {
    const VOTERS: u32 = 500;
    let app = spawn_app_with(SeedMode::Demo, None, 100_000).await;
    let (fair_id, ideas) = demo_fair(&app).await;
    // Each voter verifies, saves a ballot, and every fourth replaces it, all at once.
    let voters = (1..=VOTERS).map(|n| {
        let (app, ideas) = (&app, &ideas);
        async move {
            let token = app.verified_voter(&iin(1000 + n), &phone(1000 + n)).await;
            let first: Vec<i64> = (0..3)
                .map(|k| ideas[(n as usize * 5 + k) % ideas.len()])
                .collect();
            assert_eq!(
                put_ballot(app, fair_id, Some(&token), &first)
                    .await
                    .status(),
                200
            );
            if n % 4 == 0 {
                let second = vec![ideas[n as usize % ideas.len()]];
                assert_eq!(
                    put_ballot(app, fair_id, Some(&token), &second)
                        .await
                        .status(),
                    200
                );
                second
            } else {
                first
            }
        }
    });
    let ballots = futures::future::join_all(voters).await;
    let mut expected: BTreeMap<i64, i64> = BTreeMap::new();
    for idea in ballots.iter().flatten() {
        *expected.entry(*idea).or_default() += 1;
    }
    assert_eq!(
        votes(&app, fair_id).await,
        expected.into_iter().collect::<Vec<_>>()
    );
    assert_eq!(
        app.json(&format!("/api/v1/fairs/{fair_id}/results")).await["ballots"],
        500
    );
}

/// What the gateway took: each body, with its Authorization header.
type Received = Arc<Mutex<Vec<(Value, Option<String>)>>>;

/// A real HTTP server standing in for the SMS gateway: it records what it
/// takes, and answers 503 while `down`.
struct Gateway {
    url: String,
    received: Received,
    down: Arc<AtomicBool>,
}

async fn gateway() -> Gateway {
    use axum::{extract::State, http::HeaderMap, http::StatusCode, routing::post, Json, Router};
    type Shared = (Received, Arc<AtomicBool>);
    let received: Received = Arc::default();
    let down = Arc::new(AtomicBool::new(false));
    let app = Router::new()
        .route(
            "/sms",
            post(
                |State((received, down)): State<Shared>,
                 headers: HeaderMap,
                 Json(body): Json<Value>| async move {
                    if down.load(Ordering::SeqCst) {
                        return StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let auth = headers
                        .get("authorization")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    received.lock().unwrap().push((body, auth));
                    StatusCode::OK
                },
            ),
        )
        .with_state((received.clone(), down.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Gateway {
        url,
        received,
        down,
    }
}

#[tokio::test]
async fn with_a_gateway_codes_go_to_it_with_its_token_and_not_to_the_outbox() {
    let gateway = gateway().await;
    let url = gateway.url.clone();
    let app = spawn_configured(|config| {
        config.sms_webhook = Some(url);
        config.sms_token = Some("gateway-token".into());
    })
    .await;
    let sent = app
        .send_json(
            Method::POST,
            "/api/v1/voters/otp",
            &json!({"iin": iin(40), "phone": phone(40)}),
            None,
        )
        .await;
    assert_eq!(sent.status(), 202);
    all_delivered(&app.db).await;
    let messages = gateway.received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    let (message, auth) = &messages[0];
    assert_eq!(auth.as_deref(), Some("Bearer gateway-token"));
    assert_eq!(message["phone"], phone(40));
    let text = message["text"].as_str().unwrap();
    let code = &text[text.len() - 6..];
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    assert!(!app.dir.path().join("outbox.jsonl").exists());
    let verified = app
        .send_json(
            Method::POST,
            "/api/v1/voters/verify",
            &json!({"phone": phone(40), "code": code}),
            None,
        )
        .await;
    assert_eq!(verified.status(), 200);
}

/// The gateway down for a minute: the codes asked for meanwhile are answered
/// at once, kept (sealed, no phone or code in clear), retried, and each
/// delivered once when it is back; an expired one is dropped, not sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_down_for_a_minute_loses_no_code() {
    let gateway = gateway().await;
    gateway.down.store(true, Ordering::SeqCst);
    let url = gateway.url.clone();
    let app = spawn_configured(|config| config.sms_webhook = Some(url)).await;
    let voters: Vec<u32> = (50..60).collect();
    for n in &voters {
        let started = std::time::Instant::now();
        let sent = app
            .send_json(
                Method::POST,
                "/api/v1/voters/otp",
                &json!({"iin": iin(*n), "phone": phone(*n)}),
                None,
            )
            .await;
        assert_eq!(sent.status(), 202);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
    // A text whose code expired while the gateway was down.
    sqlx::query(
        "INSERT INTO sms_outbox (sealed, expires_at, next_at, created_at) \
         VALUES ('not sealed', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')",
    )
    .execute(&app.db)
    .await
    .unwrap();

    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    let (tried, waiting): (i64, i64) =
        sqlx::query_as("SELECT COALESCE(MAX(attempts), 0), COUNT(*) FROM sms_outbox")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(tried >= 4, "retried {tried} times in a minute");
    assert_eq!(waiting, voters.len() as i64, "the expired text is dropped");
    let stored: Vec<(String,)> = sqlx::query_as("SELECT sealed FROM sms_outbox")
        .fetch_all(&app.db)
        .await
        .unwrap();
    for (sealed,) in &stored {
        assert!(!sealed.contains("701"), "a phone in clear: {sealed}");
    }
    assert!(gateway.received.lock().unwrap().is_empty());

    gateway.down.store(false, Ordering::SeqCst);
    all_delivered(&app.db).await;
    let received = gateway.received.lock().unwrap().clone();
    let mut phones: Vec<String> = received
        .iter()
        .map(|(m, _)| m["phone"].as_str().unwrap().to_owned())
        .collect();
    phones.sort();
    let mut expected: Vec<String> = voters.iter().map(|n| phone(*n)).collect();
    expected.sort();
    assert_eq!(phones, expected, "each code delivered once");
    let (message, _) = &received[0];
    let text = message["text"].as_str().unwrap();
    let verified = app
        .send_json(
            Method::POST,
            "/api/v1/voters/verify",
            &json!({"phone": message["phone"], "code": &text[text.len() - 6..]}),
            None,
        )
        .await;
    assert_eq!(verified.status(), 200);
}
