use crate::helpers::{
    fields, iin, moderator, ngo_account, phone, spawn_app, status, TestApp, PASSWORD,
};
use reqwest::Method;
use serde_json::{json, Value};

async fn patch_fair(
    app: &TestApp,
    token: &str,
    id: i64,
    version: Option<i64>,
    body: Value,
) -> reqwest::Response {
    let mut request = app
        .client
        .patch(format!("{}/api/v1/admin/fairs/{id}", app.base))
        .bearer_auth(token)
        .json(&body);
    if let Some(version) = version {
        request = request.header("If-Match", format!("\"{version}\""));
    }
    request.send().await.unwrap()
}

fn idea() -> Value {
    json!({
        "title": {"kk": "Ауыл жастарына арналған IT-мектеп", "ru": "IT-школа для сельской молодёжи"},
        "summary": {"kk": "Аудан орталығында жастарға бағдарламалау сабақтары."},
        "description": {"kk": "Жыл бойы аптасына үш рет тегін сабақ; компьютерлерді демеуші береді."},
        "district": "taskala",
        "budget_kzt": 1500000,
        "directions": ["youth", "education"]
    })
}

#[tokio::test]
async fn signing_in_and_out() {
    let app = spawn_app().await;
    let token = moderator(&app).await;
    let me: Value = app.json_as("/api/v1/me", &token).await;
    assert_eq!(me["role"], "moderator");
    assert_eq!(me["email"], "moderator@oral.example.kz");
    let (code, _) = app
        .call(
            Method::POST,
            "/api/v1/auth/logout",
            &json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(code, 204);
    let (code, _) = status(
        app.client
            .get(format!("{}/api/v1/me", app.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(code, 401);

    for (email, password) in [
        ("moderator@oral.example.kz", "wrong password!"),
        ("nobody@oral.example.kz", PASSWORD),
    ] {
        let (code, problem) = app
            .call(
                Method::POST,
                "/api/v1/auth/login",
                &json!({"email": email, "password": password}),
                None,
            )
            .await;
        assert_eq!(code, 401, "{problem}");
    }
    // Five tries per e-mail in 15 minutes: this e-mail has had one wrong and one right.
    for _ in 0..3 {
        app.send_json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "moderator@oral.example.kz", "password": "x"}),
            None,
        )
        .await;
    }
    let refused = app
        .send_json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "moderator@oral.example.kz", "password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn only_moderators_moderate() {
    let app = spawn_app().await;
    let ngo = ngo_account(&app).await;
    let voter = app.verified_voter(&iin(30), &phone(30)).await;
    for (token, expected) in [
        (None, 401),
        (Some(voter.as_str()), 401),
        (Some(ngo.as_str()), 403),
        (Some("forged"), 401),
    ] {
        let (code, _) = app
            .call(
                Method::POST,
                "/api/v1/admin/fairs",
                &json!({"title": {"kk": "Жаңа жәрмеңке"}}),
                token,
            )
            .await;
        assert_eq!(code, expected, "create fair as {token:?}");
        let mut request = app.client.get(format!("{}/api/v1/admin/queue", app.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        assert_eq!(
            request.send().await.unwrap().status().as_u16(),
            expected,
            "queue as {token:?}"
        );
        let (code, _) = app
            .call(
                Method::POST,
                "/api/v1/admin/ideas/1/approve",
                &json!({}),
                token,
            )
            .await;
        assert_eq!(code, expected, "approve as {token:?}");
        let (code, _) =
            status(patch_fair(&app, token.unwrap_or(""), 1, Some(1), json!({"winners": 5})).await)
                .await;
        assert_eq!(code, expected, "change fair as {token:?}");
    }
}

#[tokio::test]
async fn a_fair_goes_from_draft_to_closed_with_ideas_moderated() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let ngo = ngo_account(&app).await;
    let voter = app.verified_voter(&iin(31), &phone(31)).await;

    let (code, fair) = app
        .call(
            Method::POST,
            "/api/v1/admin/fairs",
            &json!({"title": {"kk": "2018 жылғы жәрмеңке"}, "votes_per_voter": 2}),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 201);
    let id = fair["id"].as_i64().unwrap();
    assert_eq!(fair["phase"], "draft");
    app.problem(&format!("/api/v1/fairs/{id}"), 404).await;
    let (code, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &idea(),
            Some(&ngo),
        )
        .await;
    assert_eq!(code, 404, "a draft takes no ideas");

    // Phase changes need the version they start from.
    let (code, _) =
        status(patch_fair(&app, &moderator, id, None, json!({"phase": "submission"})).await).await;
    assert_eq!(code, 428);
    let (code, _) = status(
        patch_fair(
            &app,
            &moderator,
            id,
            Some(99),
            json!({"phase": "submission"}),
        )
        .await,
    )
    .await;
    assert_eq!(code, 412);
    let (code, fair) = status(
        patch_fair(
            &app,
            &moderator,
            id,
            Some(1),
            json!({"phase": "submission"}),
        )
        .await,
    )
    .await;
    assert_eq!(code, 200);
    assert_eq!(
        (fair["phase"].as_str(), fair["version"].as_i64()),
        (Some("submission"), Some(2))
    );
    let (code, problem) = status(
        patch_fair(
            &app,
            &moderator,
            id,
            Some(2),
            json!({"phase": "draft", "winners": 0, "votes_per_voter": 50}),
        )
        .await,
    )
    .await;
    assert_eq!(code, 400);
    assert_eq!(fields(&problem), ["votes_per_voter", "winners", "phase"]);

    // Ideas from an NGO and from a voter wait; bad ones are refused by field.
    let (code, from_ngo) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &idea(),
            Some(&ngo),
        )
        .await;
    assert_eq!(code, 201);
    let (code, from_voter) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &idea(),
            Some(&voter),
        )
        .await;
    assert_eq!(code, 201);
    let (code, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &idea(),
            None,
        )
        .await;
    assert_eq!(code, 401);
    let (code, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &idea(),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 403);
    let mut bad = idea();
    bad["title"]["kk"] = json!("Ж");
    bad["budget_kzt"] = json!(-1);
    bad["description"] = json!({"kk": "ә".repeat(5001)});
    let (code, problem) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &bad,
            Some(&ngo),
        )
        .await;
    assert_eq!(code, 400);
    assert_eq!(
        fields(&problem),
        ["title.kk", "description.kk", "budget_kzt"]
    );
    let mut nowhere = idea();
    nowhere["district"] = json!("atlantis");
    let (code, problem) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{id}/ideas"),
            &nowhere,
            Some(&ngo),
        )
        .await;
    assert_eq!((code, fields(&problem)), (400, vec!["district".to_owned()]));

    let queue: Value = app.json_as("/api/v1/admin/queue", &moderator).await;
    assert_eq!(queue["ideas"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.json(&format!("/api/v1/fairs/{id}/ideas")).await["total"],
        0
    );

    let approve = format!("/api/v1/admin/ideas/{}/approve", from_ngo["id"]);
    let reject = format!("/api/v1/admin/ideas/{}/reject", from_voter["id"]);
    assert_eq!(
        app.call(Method::POST, &approve, &json!({}), Some(&moderator))
            .await
            .0,
        204
    );
    assert_eq!(
        app.call(Method::POST, &approve, &json!({}), Some(&moderator))
            .await
            .0,
        404
    );
    let (code, problem) = app
        .call(Method::POST, &reject, &json!({}), Some(&moderator))
        .await;
    assert_eq!((code, fields(&problem)), (400, vec!["reason".to_owned()]));
    assert_eq!(
        app.call(
            Method::POST,
            &reject,
            &json!({"reason": "Дубликат идеи №1"}),
            Some(&moderator)
        )
        .await
        .0,
        204
    );
    let ideas = app.json(&format!("/api/v1/fairs/{id}/ideas")).await;
    assert_eq!(ideas["total"], 1);
    assert_eq!(ideas["items"][0]["id"], from_ngo["id"]);
    assert_eq!(
        ideas["items"][0]["directions"],
        json!(["education", "youth"])
    );

    // Moderators see drafts and record the funding an approved idea found.
    let all: Value = app.json_as("/api/v1/admin/fairs", &moderator).await;
    assert!(all.as_array().unwrap().iter().any(|f| f["id"] == id));
    let funding = format!("/api/v1/admin/ideas/{}/funding", from_ngo["id"]);
    let sponsor = json!({"funding": {"sponsor": "«АқсайГазСервис» ЖШС", "amount_kzt": 2000000, "memorandum_signed": true}});
    assert_eq!(
        app.call(Method::PUT, &funding, &sponsor, Some(&ngo))
            .await
            .0,
        403
    );
    assert_eq!(
        app.call(Method::PUT, &funding, &sponsor, Some(&moderator))
            .await
            .0,
        204
    );
    let ideas = app.json(&format!("/api/v1/fairs/{id}/ideas")).await;
    assert_eq!(ideas["items"][0]["funding"]["amount_kzt"], 2000000);
    assert_eq!(ideas["items"][0]["funding"]["memorandum_signed"], true);
    let negative =
        json!({"funding": {"sponsor": "X", "amount_kzt": -5, "memorandum_signed": false}});
    let (code, problem) = app
        .call(Method::PUT, &funding, &negative, Some(&moderator))
        .await;
    assert_eq!(
        (code, fields(&problem)),
        (
            400,
            vec![
                "funding.sponsor".to_owned(),
                "funding.amount_kzt".to_owned()
            ]
        )
    );
    let rejected = format!("/api/v1/admin/ideas/{}/funding", from_voter["id"]);
    assert_eq!(
        app.call(Method::PUT, &rejected, &sponsor, Some(&moderator))
            .await
            .0,
        404
    );

    // Voting opens by the server's clock; then the fair closes and takes no more.
    let ballot = |token: String| {
        let app = &app;
        let idea_id = from_ngo["id"].clone();
        async move {
            app.send_json(
                Method::PUT,
                &format!("/api/v1/fairs/{id}/ballot"),
                &json!({"idea_ids": [idea_id]}),
                Some(&token),
            )
            .await
            .status()
            .as_u16()
        }
    };
    assert_eq!(ballot(voter.clone()).await, 409);
    let (code, fair) =
        status(patch_fair(&app, &moderator, id, Some(2), json!({"phase": "voting"})).await).await;
    assert_eq!(code, 200);
    assert!(fair["voting_starts_at"].is_string());
    assert_eq!(ballot(voter.clone()).await, 200);
    let (code, fair) =
        status(patch_fair(&app, &moderator, id, Some(3), json!({"phase": "closed"})).await).await;
    assert_eq!(code, 200);
    assert!(fair["voting_ends_at"].is_string());
    assert_eq!(ballot(voter.clone()).await, 409);
    let results = app.json(&format!("/api/v1/fairs/{id}/results")).await;
    assert_eq!(results["items"][0]["votes"], 1);
    assert_eq!(results["items"][0]["winner"], true);
}
