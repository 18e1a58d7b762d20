//! Who may write what: every write endpoint that needs a token, tried by each role.
//! (Registration, codes, verification and sign-in are open to anyone.)

use crate::helpers::{moderator, status, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

const ROLES: [&str; 6] = [
    "anonymous",
    "voter",
    "NGO A",
    "NGO B",
    "registrar",
    "moderator",
];

enum Body {
    Json(Value),
    /// JSON sent with `If-Match` naming the current version of a row in `table`.
    Versioned(Value, &'static str, i64),
    Png,
    Csv(&'static str),
}

struct Row {
    method: Method,
    path: String,
    body: Body,
    /// The status for each of `ROLES`, in order; the moderator goes last, so
    /// earlier refusals leave the record for the roles that may change it.
    expected: [u16; 6],
}

async fn send(app: &TestApp, row: &Row, token: Option<&str>) -> u16 {
    let url = format!("{}{}", app.base, row.path);
    let mut request = app.client.request(row.method.clone(), url);
    request = match &row.body {
        Body::Json(body) => request.json(body),
        Body::Versioned(body, table, id) => {
            let sql = format!("SELECT version FROM {table} WHERE id = $1");
            let (version,): (i64,) = sqlx::query_as(&sql)
                .bind(*id)
                .fetch_one(&app.db)
                .await
                .unwrap();
            request
                .header("If-Match", format!("\"{version}\""))
                .json(body)
        }
        Body::Png => request
            .header("Content-Type", "image/png")
            .body(crate::ngo_accounts::PNG.to_vec()),
        Body::Csv(lines) => request.header("Content-Type", "text/csv").body(*lines),
    };
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    status(request.send().await.unwrap()).await.0
}

/// How many entries the audit log holds.
async fn logged(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.db)
        .await
        .unwrap();
    n
}

/// Submits an idea to `fair` as `token`: its id.
async fn idea(app: &TestApp, fair: i64, token: &str) -> i64 {
    let (code, idea) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{fair}/ideas"),
            &idea_body(),
            Some(token),
        )
        .await;
    assert_eq!(code, 201, "{idea}");
    idea["id"].as_i64().unwrap()
}

fn initiative_body() -> Value {
    json!({
        "title": {"kk": "Еріктілер сенбілігі"},
        "kind": "event",
        "status": "planned",
        "funding": "own_funds",
        "amount_kzt": null,
        "district": "terekti",
        "location": {"lat": 51.27, "lon": 52.0},
        "starts_on": "2027-05-01",
        "ends_on": null,
    })
}

fn idea_body() -> Value {
    json!({
        "title": {"kk": "Ауладағы спорт алаңы"},
        "summary": {"kk": "Көпқабатты үйлер ауласына спорт алаңын салу."},
        "budget_kzt": 3000000,
    })
}

#[tokio::test]
async fn every_write_answers_each_role_as_the_table_says() {
    let app = crate::helpers::spawn_app().await;
    let moderator = moderator(&app).await;
    let voter = app
        .verified_voter(&crate::helpers::iin(700), &crate::helpers::phone(700))
        .await;
    let (ngo_a, token_a) = app.approved_ngo(10, &moderator).await;
    let (_, token_b) = app.approved_ngo(11, &moderator).await;
    let pending = |n: u32| {
        let app = &app;
        async move {
            let (code, body) = app
                .call(
                    Method::POST,
                    "/api/v1/ngos/register",
                    &crate::helpers::registration(n),
                    None,
                )
                .await;
            assert_eq!(code, 201);
            body["ngo_id"].as_i64().unwrap()
        }
    };
    let (to_approve, to_reject) = (pending(12).await, pending(13).await);
    let (registrar, station) = crate::helpers::registrar(&app, &moderator, 1).await;
    // A paper ballot the registrar entered, to void.
    let (code, entered) = app
        .call(
            Method::POST,
            "/api/v1/fairs/1/paper-ballots",
            &json!({"iin": crate::helpers::iin(701), "idea_ids": [1]}),
            Some(&registrar),
        )
        .await;
    assert_eq!(code, 201, "{entered}");
    let entered = entered["id"].as_i64().unwrap();

    // A fair open for ideas, and ideas waiting in it or approved.
    let (_, fair) = app
        .call(
            Method::POST,
            "/api/v1/admin/fairs",
            &json!({"title": {"kk": "Идеялар жәрмеңкесі 2027"}}),
            Some(&moderator),
        )
        .await;
    let fair = fair["id"].as_i64().unwrap();
    let phase = Row {
        method: Method::PATCH,
        path: format!("/api/v1/admin/fairs/{fair}"),
        body: Body::Versioned(json!({"phase": "submission"}), "fairs", fair),
        expected: [0; 6],
    };
    assert_eq!(send(&app, &phase, Some(&moderator)).await, 200);
    let (idea_to_approve, idea_to_reject, idea_approved) = (
        idea(&app, fair, &voter).await,
        idea(&app, fair, &voter).await,
        idea(&app, fair, &token_a).await,
    );
    let approve = format!("/api/v1/admin/ideas/{idea_approved}/approve");
    assert_eq!(
        app.call(Method::POST, &approve, &json!({}), Some(&moderator))
            .await
            .0,
        204
    );

    let profile = {
        let ngo = app.json(&format!("/api/v1/ngos/{ngo_a}")).await;
        json!({
            "name": ngo["name"], "legal_form": ngo["legal_form"], "district": ngo["district"],
            "address": "Орал", "directions": [], "description": {"kk": ""},
            "phone": null, "email": null, "website": null, "social_links": [],
            "volunteers": 3, "active": true,
        })
    };
    let reason = json!({"reason": "the same idea was submitted twice"});
    // An initiative of NGO A's, and two waiting for a moderator.
    let initiative = |token: &str| {
        let app = &app;
        let token = token.to_owned();
        async move {
            let (code, body) = app
                .call(
                    Method::POST,
                    "/api/v1/initiatives",
                    &initiative_body(),
                    Some(&token),
                )
                .await;
            assert_eq!(code, 201, "{body}");
            body["id"].as_i64().unwrap()
        }
    };
    let (own, to_publish, to_refuse) = (
        initiative(&token_a).await,
        initiative(&token_a).await,
        initiative(&token_b).await,
    );
    let rows = [
        Row {
            method: Method::PATCH,
            path: format!("/api/v1/ngos/{ngo_a}"),
            body: Body::Versioned(profile, "ngos", ngo_a),
            expected: [401, 401, 200, 403, 403, 200],
        },
        Row {
            method: Method::PUT,
            path: format!("/api/v1/ngos/{ngo_a}/logo"),
            body: Body::Png,
            expected: [401, 401, 200, 403, 403, 200],
        },
        Row {
            method: Method::POST,
            path: "/api/v1/initiatives".into(),
            body: Body::Json(initiative_body()),
            expected: [401, 401, 201, 201, 403, 403],
        },
        Row {
            method: Method::PATCH,
            path: format!("/api/v1/initiatives/{own}"),
            body: Body::Versioned(initiative_body(), "initiatives", own),
            expected: [401, 401, 200, 403, 403, 200],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/admin/initiatives/{to_publish}/approve"),
            body: Body::Json(json!({})),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/admin/initiatives/{to_refuse}/reject"),
            body: Body::Json(json!({"reason": "no place given"})),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/fairs/{fair}/ideas"),
            body: Body::Json(idea_body()),
            expected: [401, 201, 201, 201, 403, 403],
        },
        Row {
            method: Method::PUT,
            path: "/api/v1/fairs/1/ballot".into(),
            body: Body::Json(json!({"idea_ids": [1]})),
            expected: [401, 200, 401, 401, 401, 401],
        },
        Row {
            method: Method::POST,
            path: "/api/v1/admin/fairs".into(),
            body: Body::Json(json!({"title": {"kk": "Жаңа жәрмеңке"}})),
            expected: [401, 401, 403, 403, 403, 201],
        },
        Row {
            method: Method::PATCH,
            path: format!("/api/v1/admin/fairs/{fair}"),
            body: Body::Versioned(json!({"winners": 5}), "fairs", fair),
            expected: [401, 401, 403, 403, 403, 200],
        },
        Row {
            method: Method::PUT,
            path: format!("/api/v1/admin/fairs/{fair}/roll"),
            body: Body::Csv("000401100017\n"),
            expected: [401, 401, 403, 403, 403, 200],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/admin/ideas/{idea_to_approve}/approve"),
            body: Body::Json(json!({})),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/admin/ideas/{idea_to_reject}/reject"),
            body: Body::Json(reason.clone()),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::PUT,
            path: format!("/api/v1/admin/ideas/{idea_approved}/funding"),
            body: Body::Json(json!({"funding": {
                "sponsor": "Ақжайық демеушісі", "amount_kzt": 500000, "memorandum_signed": true
            }})),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/admin/ngos/{to_approve}/approve"),
            body: Body::Json(json!({})),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/admin/ngos/{to_reject}/reject"),
            body: Body::Json(reason),
            expected: [401, 401, 403, 403, 403, 204],
        },
        Row {
            method: Method::POST,
            path: "/api/v1/admin/stations".into(),
            body: Body::Json(json!({"name": "Бөкей ордасы әкімдігі", "district": "bokei-orda"})),
            expected: [401, 401, 403, 403, 403, 201],
        },
        Row {
            method: Method::POST,
            path: "/api/v1/admin/registrars".into(),
            body: Body::Json(json!({
                "email": "registrar2@oral.example.kz", "password": "Bokei orda station 9",
                "station_id": station,
            })),
            expected: [401, 401, 403, 403, 403, 201],
        },
        Row {
            method: Method::POST,
            path: "/api/v1/fairs/1/paper-ballots".into(),
            body: Body::Json(json!({"iin": crate::helpers::iin(702), "idea_ids": [1]})),
            expected: [401, 401, 403, 403, 201, 403],
        },
        Row {
            method: Method::POST,
            path: format!("/api/v1/paper-ballots/{entered}/void"),
            body: Body::Json(json!({"reason": "the wrong IIN was typed"})),
            expected: [401, 401, 403, 403, 204, 403],
        },
        // Last: signing out ends each token.
        Row {
            method: Method::POST,
            path: "/api/v1/auth/logout".into(),
            body: Body::Json(json!({})),
            expected: [401, 204, 204, 204, 204, 204],
        },
    ];
    let tokens = [
        None,
        Some(voter.as_str()),
        Some(token_a.as_str()),
        Some(token_b.as_str()),
        Some(registrar.as_str()),
        Some(moderator.as_str()),
    ];
    let mut wrong = Vec::new();
    for row in &rows {
        for (role, (token, expected)) in ROLES.iter().zip(tokens.iter().zip(row.expected)) {
            let before = logged(&app).await;
            let got = send(&app, row, *token).await;
            if got != expected {
                wrong.push(format!(
                    "{} {} as {role}: {got}, expected {expected}",
                    row.method, row.path
                ));
            }
            // Each write by an account leaves one entry in the audit log; a
            // refusal, a voter's write and signing out leave none.
            let entries = logged(&app).await - before;
            let account_write = *role != "voter" && !row.path.ends_with("/logout");
            let should = i64::from(got < 300 && account_write);
            if entries != should {
                wrong.push(format!(
                    "{} {} as {role}: {entries} audit entries, expected {should}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Signed out: no token opens anything any more.
    for token in tokens.into_iter().flatten() {
        assert_eq!(send(&app, &rows[0], Some(token)).await, 401);
    }
}
