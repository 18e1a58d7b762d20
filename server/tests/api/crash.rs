//! A crash under load: 1,000 voters save ballots at once, the server is killed
//! with SIGKILL in the middle, and started again on the same database. Every
//! ballot it acknowledged must be there, none counted twice, and the database
//! must pass its integrity check.

use crate::helpers::{all_delivered, delivered_texts, fresh_database, iin, phone};
use crate::two_servers::start;
use futures::stream::{self, StreamExt};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const VOTERS: u32 = 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ballots_survive_a_kill() {
    let holder = tempfile::tempdir().unwrap();
    let database = fresh_database(&holder).await;
    let mut server = start(&database);
    let fair: i64 = server.json("/api/v1/fairs").await[0]["id"]
        .as_i64()
        .unwrap();
    let ideas: Vec<i64> = server.json(&format!("/api/v1/fairs/{fair}/ideas")).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();

    // Every voter verifies a phone first.
    let server_ref = &server;
    stream::iter(0..VOTERS)
        .for_each_concurrent(32, |n| async move {
            let sent = server_ref
                .send(
                    reqwest::Method::POST,
                    "/api/v1/voters/otp",
                    json!({"iin": iin(2000 + n), "phone": phone(2000 + n)}),
                    None,
                )
                .await;
            assert_eq!(sent.status(), 202);
        })
        .await;
    all_delivered(&sqlx::AnyPool::connect(&database).await.unwrap()).await;
    let codes: HashMap<String, String> = delivered_texts(&[server.dir.path()])
        .into_iter()
        .map(|m| {
            let text = m["text"].as_str().unwrap().to_owned();
            (
                m["phone"].as_str().unwrap().to_owned(),
                text[text.len() - 6..].to_owned(),
            )
        })
        .collect();
    let codes = &codes;
    let tokens: Vec<String> = stream::iter(0..VOTERS)
        .map(|n| async move {
            let verified: Value = server_ref
                .send(
                    reqwest::Method::POST,
                    "/api/v1/voters/verify",
                    json!({"phone": phone(2000 + n), "code": codes[&phone(2000 + n)]}),
                    None,
                )
                .await
                .json()
                .await
                .unwrap();
            verified["voter_token"].as_str().unwrap().to_owned()
        })
        .buffered(32)
        .collect()
        .await;

    // All save at once; after 300 acknowledgements the server is killed.
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let base = server.base.clone();
    let client = reqwest::Client::new();
    let saving = stream::iter(0..VOTERS as usize).for_each_concurrent(64, |n| {
        let (client, base, token) = (client.clone(), base.clone(), tokens[n].clone());
        let (acknowledged, count) = (acknowledged.clone(), count.clone());
        let chosen = vec![ideas[n % ideas.len()], ideas[(n + 5) % ideas.len()]];
        async move {
            let saved = client
                .put(format!("{base}/api/v1/fairs/{fair}/ballot"))
                .bearer_auth(&token)
                .json(&json!({"idea_ids": chosen}))
                .send()
                .await;
            if let Ok(response) = saved {
                if response.status() == 200 && response.bytes().await.is_ok() {
                    acknowledged.lock().unwrap().push((token, chosen));
                    count.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    });
    let killer = async {
        while count.load(Ordering::SeqCst) < 300 {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        server.child.kill().unwrap();
        server.child.wait().unwrap();
    };
    tokio::join!(saving, killer);
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 300 && acknowledged.len() < VOTERS as usize,
        "{}",
        acknowledged.len()
    );

    // Started again on the same database: every acknowledged ballot is there, as saved.
    let again = start(&database);
    for (token, chosen) in &acknowledged {
        let ballot: Value = reqwest::Client::new()
            .get(format!("{}/api/v1/fairs/{fair}/ballot", again.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut saved: Vec<i64> = ballot["idea_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_i64().unwrap())
            .collect();
        saved.sort();
        let mut chosen = chosen.clone();
        chosen.sort();
        assert_eq!(saved, chosen);
    }
    // Counted once each: the results add up to the stored ballots, two votes each.
    let results = again.json(&format!("/api/v1/fairs/{fair}/results")).await;
    let ballots = results["ballots"].as_i64().unwrap();
    assert!(ballots >= acknowledged.len() as i64 && ballots <= VOTERS as i64);
    let votes: i64 = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["votes"].as_i64().unwrap())
        .sum();
    assert_eq!(votes, ballots * 2);
    if database.starts_with("sqlite:") {
        let pool = bastama_server::db::connect(&database).await.unwrap();
        let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(check, "ok");
    }
}
