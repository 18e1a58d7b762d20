//! Who may vote in a fair: voter rolls, district rolls, "can I vote?", and the
//! identity service asked before a code is sent.

use crate::helpers::{
    all_delivered, delivered_texts, fields, iin, moderator, ngo_account, patch_fair, phone,
    spawn_configured, status, TestApp,
};
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

/// A fair in its voting phase with one approved idea, whose electorate is
/// `electorate` over `districts`: its id and the idea's.
pub async fn voting_fair(
    app: &TestApp,
    moderator: &str,
    electorate: &str,
    districts: &[&str],
) -> (i64, i64) {
    let (code, fair) = app
        .call(
            Method::POST,
            "/api/v1/admin/fairs",
            &json!({"title": {"kk": "Аудан жәрмеңкесі"}, "electorate": electorate, "districts": districts}),
            Some(moderator),
        )
        .await;
    assert_eq!(code, 201, "{fair}");
    assert_eq!(fair["electorate"], electorate);
    let id = fair["id"].as_i64().unwrap();
    assert_eq!(phase(app, moderator, id, 1, "submission").await, 200);
    let ngo = ngo_account(app).await;
    let idea = json!({
        "title": {"kk": "Ауыл кітапханасы"},
        "summary": {"kk": "Кітапхананы жөндеу."},
        "description": {"kk": "Кітапхананы жөндеп, жаңа кітаптар алу."},
        "district": "taskala",
        "budget_kzt": 900000,
        "directions": ["education"]
    });
    let (code, idea) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &idea,
            Some(&ngo),
        )
        .await;
    assert_eq!(code, 201, "{idea}");
    let idea_id = idea["id"].as_i64().unwrap();
    let approve = format!("/api/v1/admin/ideas/{idea_id}/approve");
    assert_eq!(
        app.call(Method::POST, &approve, &json!({}), Some(moderator))
            .await
            .0,
        204
    );
    assert_eq!(phase(app, moderator, id, 2, "voting").await, 200);
    (id, idea_id)
}

async fn phase(app: &TestApp, moderator: &str, id: i64, version: i64, phase: &str) -> u16 {
    patch_fair(app, moderator, id, version, json!({ "phase": phase }))
        .await
        .0
}

/// Sends a batch of a roll as CSV.
async fn put_roll(
    app: &TestApp,
    token: Option<&str>,
    fair: i64,
    query: &str,
    csv: String,
) -> (u16, Value) {
    let mut request = app
        .client
        .put(format!(
            "{}/api/v1/admin/fairs/{fair}/roll{query}",
            app.base
        ))
        .header("content-type", "text/csv")
        .body(csv);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    status(request.send().await.unwrap()).await
}

async fn can_vote(app: &TestApp, fair: i64, iin: &str) -> (u16, Value) {
    app.call(
        Method::POST,
        &format!("/api/v1/fairs/{fair}/eligibility"),
        &json!({ "iin": iin }),
        None,
    )
    .await
}

async fn ask_code(app: &TestApp, fair: Option<i64>, n: u32) -> (u16, Value) {
    let mut body = json!({"iin": iin(n), "phone": phone(n)});
    if let Some(fair) = fair {
        body["fair_id"] = json!(fair);
    }
    app.call(Method::POST, "/api/v1/voters/otp", &body, None)
        .await
}

async fn texts(app: &TestApp) -> usize {
    all_delivered(&app.db).await;
    delivered_texts(&[app.dir.path()]).len()
}

#[tokio::test]
async fn a_roll_is_imported_reported_and_replaced_whole() {
    let app = spawn_configured(|_| {}).await;
    let moderator = moderator(&app).await;
    let (fair, _) = voting_fair(&app, &moderator, "roll", &[]).await;

    let roll = format!(
        "iin,district\n{}\n{},Орал қаласы\n\n{}\n",
        iin(1),
        iin(2),
        iin(1)
    );
    let (code, report) = put_roll(&app, Some(&moderator), fair, "", roll).await;
    assert_eq!(code, 200, "{report}");
    assert_eq!(
        report,
        json!({"batch": 1, "of": 1, "accepted": 2, "duplicates": 1, "roll_size": 2})
    );
    assert_eq!(
        app.json(&format!("/api/v1/fairs/{fair}")).await["roll_size"],
        2
    );

    // A batch with bad lines is refused whole, each line named; the roll stays.
    let bad = format!("{}\n000401100018\n{},nowhere\n1,2,3\n", iin(3), iin(4));
    let (code, problem) = put_roll(&app, Some(&moderator), fair, "", bad).await;
    assert_eq!(code, 400);
    assert_eq!(fields(&problem), ["lines.2", "lines.3", "lines.4"]);
    let codes: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].clone())
        .collect();
    assert_eq!(codes, ["checksum", "unknown", "format"]);
    assert_eq!(
        app.json(&format!("/api/v1/fairs/{fair}")).await["roll_size"],
        2
    );
    assert_eq!(can_vote(&app, fair, &iin(3)).await.1["eligible"], false);

    // In batches: the old roll holds until the last one, then the new one alone.
    let (code, report) = put_roll(
        &app,
        Some(&moderator),
        fair,
        "?batch=1&of=2",
        format!("{}\n{}\n", iin(3), iin(4)),
    )
    .await;
    assert_eq!((code, report["roll_size"].clone()), (200, Value::Null));
    assert_eq!(can_vote(&app, fair, &iin(1)).await.1["eligible"], true);
    assert_eq!(can_vote(&app, fair, &iin(3)).await.1["eligible"], false);
    let (code, _) = put_roll(&app, Some(&moderator), fair, "?batch=3&of=3", iin(5)).await;
    assert_eq!(code, 409, "a batch must follow the one before");
    let (code, report) = put_roll(
        &app,
        Some(&moderator),
        fair,
        "?batch=2&of=2",
        format!("{}\n{}\n", iin(4), iin(5)),
    )
    .await;
    assert_eq!(code, 200);
    assert_eq!(
        (report["accepted"].clone(), report["duplicates"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(report["roll_size"], 3);
    for (n, eligible) in [(1, false), (3, true), (4, true), (5, true)] {
        assert_eq!(
            can_vote(&app, fair, &iin(n)).await.1["eligible"],
            eligible,
            "IIN {n}"
        );
    }

    // Only moderators import; bad batch numbers and closed fairs are refused.
    assert_eq!(put_roll(&app, None, fair, "", iin(6)).await.0, 401);
    let ngo = crate::helpers::login(&app, "ngo@example.kz", "an ngo passphrase here").await;
    assert_eq!(put_roll(&app, Some(&ngo), fair, "", iin(6)).await.0, 403);
    let (code, problem) = put_roll(&app, Some(&moderator), fair, "?batch=3&of=2", iin(6)).await;
    assert_eq!((code, fields(&problem)), (400, vec!["batch".to_owned()]));
    let (code, problem) = put_roll(&app, Some(&moderator), fair, "?batch=x", iin(6)).await;
    assert_eq!((code, fields(&problem)), (400, vec!["batch".to_owned()]));
    assert_eq!(
        put_roll(&app, Some(&moderator), 999, "", iin(6)).await.0,
        404
    );
    assert_eq!(phase(&app, &moderator, fair, 3, "closed").await, 200);
    assert_eq!(
        put_roll(&app, Some(&moderator), fair, "", iin(6)).await.0,
        409
    );

    // The roll holds keyed hashes only.
    let (clear,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM voter_rolls WHERE voter_key = $1")
        .bind(iin(3))
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(clear, 0);
}

#[tokio::test]
async fn a_batch_takes_a_hundred_thousand_lines_and_no_more() {
    let app = spawn_configured(|_| {}).await;
    let moderator = moderator(&app).await;
    let (fair, _) = voting_fair(&app, &moderator, "roll", &[]).await;
    let lines = |n: u32| {
        (0..n)
            .map(|i| format!("{},oral\n", iin(i)))
            .collect::<String>()
    };
    let (code, report) = put_roll(&app, Some(&moderator), fair, "", lines(100_000)).await;
    assert_eq!(code, 200, "{report}");
    assert_eq!(report["roll_size"], 100_000);
    assert_eq!(can_vote(&app, fair, &iin(99_999)).await.1["eligible"], true);
    // One line more, even a repeated one, is too many.
    let too_many = lines(100_000) + &format!("{}\n", iin(0));
    let (code, problem) = put_roll(&app, Some(&moderator), fair, "", too_many).await;
    assert_eq!((code, fields(&problem)), (400, vec!["roll".to_owned()]));
    assert_eq!(problem["errors"][0]["max"], 100_000);
}

#[tokio::test]
async fn only_voters_on_the_roll_get_codes_and_vote() {
    let app = spawn_configured(|_| {}).await;
    let moderator = moderator(&app).await;
    let (fair, idea) = voting_fair(&app, &moderator, "roll", &[]).await;
    put_roll(&app, Some(&moderator), fair, "", format!("{}\n", iin(1))).await;

    // Not on the roll: refused before any code is sent, no SMS spent.
    let (code, problem) = ask_code(&app, Some(fair), 2).await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (403, Some("/problems/not-on-roll"))
    );
    assert_eq!(texts(&app).await, 0);
    let (code, _) = ask_code(&app, Some(999), 2).await;
    assert_eq!(code, 404);

    // On it: a code, and a ballot.
    assert_eq!(ask_code(&app, Some(fair), 1).await.0, 202);
    assert_eq!(texts(&app).await, 1);
    let on_roll = app.verified_voter(&iin(1), &phone(1)).await;
    let ballot = format!("/api/v1/fairs/{fair}/ballot");
    let (code, _) = app
        .call(
            Method::PUT,
            &ballot,
            &json!({"idea_ids": [idea]}),
            Some(&on_roll),
        )
        .await;
    assert_eq!(code, 200);

    // A voter verified without naming the fair still cannot vote in it.
    let off_roll = app.verified_voter(&iin(2), &phone(2)).await;
    let (code, problem) = app
        .call(
            Method::PUT,
            &ballot,
            &json!({"idea_ids": [idea]}),
            Some(&off_roll),
        )
        .await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (403, Some("/problems/not-on-roll"))
    );
    let results = app.json(&format!("/api/v1/fairs/{fair}/results")).await;
    assert_eq!(results["ballots"], 1);

    // An open fair takes any valid IIN.
    let demo = app
        .json("/api/v1/fairs")
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["electorate"] == "open")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(can_vote(&app, demo, &iin(7)).await.1["eligible"], true);
    assert_eq!(ask_code(&app, Some(demo), 7).await.0, 202);
}

#[tokio::test]
async fn a_district_fair_takes_only_the_roll_in_its_districts() {
    let app = spawn_configured(|_| {}).await;
    let moderator = moderator(&app).await;
    let (code, problem) = app
        .call(
            Method::POST,
            "/api/v1/admin/fairs",
            &json!({"title": {"kk": "Жәрмеңке"}, "electorate": "district"}),
            Some(&moderator),
        )
        .await;
    assert_eq!(
        (code, fields(&problem)),
        (400, vec!["districts".to_owned()])
    );
    let (code, problem) = app
        .call(Method::POST, "/api/v1/admin/fairs", &json!({"title": {"kk": "Жәрмеңке"}, "electorate": "district", "districts": ["atlantis"]}), Some(&moderator))
        .await;
    assert_eq!(
        (code, fields(&problem)),
        (400, vec!["districts".to_owned()])
    );

    let (fair, _) = voting_fair(&app, &moderator, "district", &["taskala"]).await;
    let fair_json = app.json(&format!("/api/v1/fairs/{fair}")).await;
    assert_eq!(fair_json["districts"], json!(["taskala"]));
    let roll = format!("{},taskala\n{},oral\n{}\n", iin(1), iin(2), iin(3));
    assert_eq!(
        put_roll(&app, Some(&moderator), fair, "", roll).await.0,
        200
    );
    for (n, eligible) in [(1, true), (2, false), (3, false), (4, false)] {
        assert_eq!(
            can_vote(&app, fair, &iin(n)).await.1["eligible"],
            eligible,
            "IIN {n}"
        );
    }
    assert_eq!(ask_code(&app, Some(fair), 2).await.0, 403);

    // Who may vote is fixed once voting opened.
    let version = fair_json["version"].as_i64().unwrap();
    let (code, problem) = patch_fair(
        &app,
        &moderator,
        fair,
        version,
        json!({"electorate": "open"}),
    )
    .await;
    assert_eq!(
        (code, fields(&problem)),
        (400, vec!["electorate".to_owned()])
    );
    assert_eq!(problem["errors"][0]["code"], "locked");
}

#[tokio::test]
async fn can_i_vote_checks_its_input_and_is_limited_per_client() {
    let app = spawn_configured(|config| config.client_limit = 3).await;
    let demo = app.json("/api/v1/fairs").await[0]["id"].as_i64().unwrap();
    let (code, problem) = can_vote(&app, demo, "000401100018").await;
    assert_eq!((code, fields(&problem)), (400, vec!["iin".to_owned()]));
    assert_eq!(can_vote(&app, 999, &iin(1)).await.0, 404);
    for _ in 0..2 {
        assert_eq!(can_vote(&app, demo, &iin(1)).await.0, 200);
    }
    let (code, problem) = can_vote(&app, demo, &iin(1)).await;
    assert_eq!(code, 429);
    assert!(problem["retry_after"].as_u64().unwrap() > 0);
}

/// The questions the identity service was asked, each with its Authorization header.
type Asked = Arc<std::sync::Mutex<Vec<(Value, Option<String>)>>>;

/// A real HTTP server standing in for the identity service: it answers each
/// question as `mode` says (0 no match, 1 match, 2 too slow) and counts them.
struct IdentityService {
    url: String,
    mode: Arc<AtomicU8>,
    asked: Asked,
}

async fn identity_service() -> IdentityService {
    use axum::{extract::State, http::HeaderMap, routing::post, Json, Router};
    type Shared = (Arc<AtomicU8>, Asked);
    let mode = Arc::new(AtomicU8::new(1));
    let asked = Arc::default();
    let app = Router::new()
        .route(
            "/check",
            post(
                |State((mode, asked)): State<Shared>,
                 headers: HeaderMap,
                 Json(body): Json<Value>| async move {
                    let auth = headers
                        .get("authorization")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    asked.lock().unwrap().push((body, auth));
                    let mode = mode.load(Ordering::SeqCst);
                    if mode == 2 {
                        tokio::time::sleep(std::time::Duration::from_secs(8)).await;
                    }
                    Json(json!({ "match": mode == 1 }))
                },
            ),
        )
        .with_state((mode.clone(), Arc::clone(&asked)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/check", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    IdentityService { url, mode, asked }
}

#[tokio::test]
async fn the_identity_service_is_asked_before_a_code_is_sent() {
    let service = identity_service().await;
    let url = service.url.clone();
    let app = spawn_configured(|config| {
        config.identity_webhook = Some(url);
        config.identity_token = Some("identity-token".into());
    })
    .await;
    let codes = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM voter_codes")
                .fetch_one(&db)
                .await
                .unwrap();
            n
        }
    };

    assert_eq!(ask_code(&app, None, 1).await.0, 202);
    {
        let asked = service.asked.lock().unwrap();
        assert_eq!(asked[0].0, json!({"iin": iin(1), "phone": phone(1)}));
        assert_eq!(asked[0].1.as_deref(), Some("Bearer identity-token"));
    }

    service.mode.store(0, Ordering::SeqCst);
    let (code, problem) = ask_code(&app, None, 2).await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (403, Some("/problems/phone-not-owned"))
    );
    assert_eq!(codes(&app).await, 1);

    service.mode.store(2, Ordering::SeqCst);
    let started = std::time::Instant::now();
    let (code, problem) = ask_code(&app, None, 3).await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (503, Some("/problems/identity-unavailable"))
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(7));
    assert_eq!(codes(&app).await, 1, "nothing stored");
    assert_eq!(texts(&app).await, 1, "no code sent");
    assert_eq!(service.asked.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn an_identity_service_that_is_gone_refuses_codes_with_503() {
    let app = spawn_configured(|config| {
        config.identity_webhook = Some("http://127.0.0.1:9/check".into())
    })
    .await;
    let (code, problem) = ask_code(&app, None, 1).await;
    assert_eq!(
        (code, problem["type"].as_str()),
        (503, Some("/problems/identity-unavailable"))
    );
    assert_eq!(texts(&app).await, 0);
}
