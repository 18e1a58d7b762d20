//! Limits that stop abuse, not crowds: clients told apart behind a trusted
//! proxy (and only behind one), a crowd behind one address, the per-IIN limit,
//! and the region's SMS budget.

use crate::helpers::{all_delivered, delivered_texts, iin, moderator, phone, spawn_configured};
use futures::stream::{self, StreamExt};
use reqwest::Method;
use serde_json::{json, Value};

/// Asks for a code for voter `n`, through `forwarded_for` when given.
async fn ask(
    app: &crate::helpers::TestApp,
    n: u32,
    forwarded_for: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/api/v1/voters/otp", app.base))
        .json(&json!({"iin": iin(n), "phone": phone(n)}));
    if let Some(hops) = forwarded_for {
        request = request.header("X-Forwarded-For", hops);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_told_apart_and_no_one_else_picks_an_address() {
    let behind_proxy = spawn_configured(|config| {
        config.client_limit = 3;
        config.trusted_proxies = bastama_server::client::trusted_proxies("127.0.0.1/32").unwrap();
    })
    .await;
    for n in 1..=3 {
        let answer = ask(&behind_proxy, n, Some("1.1.1.1, 203.0.113.7")).await;
        assert_eq!(answer.status(), 202);
    }
    // The right-most hop is the client, whatever the client wrote before it.
    assert_eq!(
        ask(&behind_proxy, 4, Some("9.9.9.9, 203.0.113.7"))
            .await
            .status(),
        429
    );
    assert_eq!(
        ask(&behind_proxy, 5, Some("203.0.113.8")).await.status(),
        202
    );

    let direct = spawn_configured(|config| config.client_limit = 3).await;
    for n in 1..=3 {
        let hop = format!("203.0.113.{n}");
        assert_eq!(ask(&direct, n, Some(&hop)).await.status(), 202);
    }
    let refused = ask(&direct, 4, Some("203.0.113.99")).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_voters_behind_one_address_all_get_their_codes() {
    let app = spawn_configured(|config| {
        config.client_limit = bastama_server::config::DEFAULT_CLIENT_LIMIT;
    })
    .await;
    let app = &app;
    let answers: Vec<u16> = stream::iter(1000..1300)
        .map(|n| async move { ask(app, n, None).await.status().as_u16() })
        .buffer_unordered(16)
        .collect()
        .await;
    assert_eq!(
        answers.iter().filter(|s| **s == 202).count(),
        300,
        "{answers:?}"
    );
    all_delivered(&app.db).await;
    assert_eq!(delivered_texts(&[app.dir.path()]).len(), 300);
}

#[tokio::test]
async fn one_iin_gets_five_codes_an_hour_whatever_the_phones() {
    let app = spawn_app_for_limits().await;
    for n in 0..5 {
        let sent = app
            .send_json(
                Method::POST,
                "/api/v1/voters/otp",
                &json!({"iin": iin(7), "phone": phone(700 + n)}),
                None,
            )
            .await;
        assert_eq!(sent.status(), 202);
    }
    let sent = app
        .send_json(
            Method::POST,
            "/api/v1/voters/otp",
            &json!({"iin": iin(7), "phone": phone(799)}),
            None,
        )
        .await;
    assert_eq!(sent.status(), 429);
}

async fn spawn_app_for_limits() -> crate::helpers::TestApp {
    spawn_configured(|config| config.client_limit = 100).await
}

#[tokio::test]
async fn past_the_sms_budget_codes_are_refused_with_a_503_and_moderators_see_it() {
    let app = spawn_configured(|config| {
        config.client_limit = 100;
        config.sms_per_hour = 4;
    })
    .await;
    let moderator = moderator(&app).await;
    let queue = app.json_as("/api/v1/admin/queue", &moderator).await;
    assert_eq!(queue["sms_budget_spent"], Value::Null);
    for n in 1..=4 {
        assert_eq!(ask(&app, n, None).await.status(), 202);
    }
    let refused = ask(&app, 5, None).await;
    assert_eq!(refused.status(), 503);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry_after));
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/sms-unavailable");
    assert_eq!(problem["retry_after"], retry_after);
    all_delivered(&app.db).await;
    assert_eq!(
        delivered_texts(&[app.dir.path()]).len(),
        4,
        "no text past the budget"
    );

    let queue = app.json_as("/api/v1/admin/queue", &moderator).await;
    assert_eq!(queue["sms_budget_spent"]["per_hour"], 4);
    assert!(queue["sms_budget_spent"]["renews_in"].as_u64().unwrap() >= 1);
}
