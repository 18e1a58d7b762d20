//! The published ballot box: the chain's head while voting is open; once it
//! closes, the ballots with no personal data, in an order unrelated to
//! casting, which recount (in Rust and with the server's own binary) to the
//! results and catch each tampering; and the results protocol.

use crate::helpers::{
    iin, moderator, patch_fair, phone, registrar, save_ballot, spawn_app, TestApp,
};
use crate::voting::demo_fair;
use bastama_model::ballot_box::recount;
use bastama_model::{BallotBox, BallotEvent, Mismatch};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

async fn save(app: &TestApp, fair: i64, token: &str, ideas: &[i64]) -> String {
    let ballot = save_ballot(app, fair, token, ideas).await;
    ballot["receipt"].as_str().unwrap().to_owned()
}

/// Changes the fair as a moderator, from its current version.
async fn change(app: &TestApp, moderator: &str, fair: i64, body: Value) -> (u16, Value) {
    let version = app.json(&format!("/api/v1/fairs/{fair}")).await["version"].clone();
    patch_fair(app, moderator, fair, version.as_i64().unwrap(), body).await
}

/// Closes the fair's voting as a moderator.
async fn close(app: &TestApp, moderator: &str, fair: i64) {
    let (code, answer) = change(app, moderator, fair, json!({"phase": "closed"})).await;
    assert_eq!(code, 200, "{answer}");
}

async fn head(app: &TestApp, fair: i64) -> (i64, String) {
    let head = app.json(&format!("/api/v1/fairs/{fair}/box")).await;
    (
        head["events"].as_i64().unwrap(),
        head["head"].as_str().unwrap().to_owned(),
    )
}

/// What the demo fair's voters did: the receipts standing with their ideas,
/// the one replaced and the one voided.
struct Cast {
    standing: Vec<(String, Vec<i64>)>,
    replaced: String,
    voided: String,
    /// The registrar, and the paper ballot they entered that stands.
    clerk: String,
    paper_id: i64,
}

/// Eight web ballots (one of them saved twice) and two paper ones, one voided.
async fn vote(app: &TestApp, fair: i64, ideas: &[i64], moderator: &str) -> Cast {
    let mut standing = Vec::new();
    let mut replaced = String::new();
    for n in 0..8u32 {
        let voter = app.verified_voter(&iin(80 + n), &phone(80 + n)).await;
        let chosen: Vec<i64> = vec![ideas[n as usize % 3], ideas[3 + n as usize % 2]];
        if n == 2 {
            replaced = save(app, fair, &voter, &ideas[..1]).await;
        }
        standing.push((save(app, fair, &voter, &chosen).await, chosen));
    }
    let (clerk, _) = registrar(app, moderator, 8).await;
    let mut paper = Vec::new();
    for n in 90..92u32 {
        let (code, entered) = app
            .call(
                Method::POST,
                &format!("/api/v1/fairs/{fair}/paper-ballots"),
                &json!({"iin": iin(n), "idea_ids": [ideas[1]]}),
                Some(&clerk),
            )
            .await;
        assert_eq!(code, 201, "{entered}");
        paper.push(entered);
    }
    let (code, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/paper-ballots/{}/void", paper[1]["id"]),
            &json!({"reason": "the wrong IIN was typed"}),
            Some(&clerk),
        )
        .await;
    assert_eq!(code, 204);
    standing.push((
        paper[0]["receipt"].as_str().unwrap().to_owned(),
        vec![ideas[1]],
    ));
    Cast {
        standing,
        replaced,
        voided: paper[1]["receipt"].as_str().unwrap().to_owned(),
        paper_id: paper[0]["id"].as_i64().unwrap(),
        clerk,
    }
}

async fn published(app: &TestApp, fair: i64) -> (String, BallotBox) {
    let response = app.get(&format!("/api/v1/fairs/{fair}/ballots.json")).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let ballot_box = serde_json::from_str(&text).unwrap();
    (text, ballot_box)
}

#[tokio::test]
async fn the_box_is_chained_while_voting_and_published_when_it_closes() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (fair, ideas) = demo_fair(&app).await;
    let before = head(&app, fair).await;
    let cast = vote(&app, fair, &ideas, &moderator).await;
    // Eleven casts (nine online, two on paper), one replaced, one voided.
    let (events, at_close) = head(&app, fair).await;
    assert_eq!(events, before.0 + 13);
    assert_ne!(at_close, before.1);
    assert_eq!(at_close.len(), 64);
    let problem = app
        .problem(&format!("/api/v1/fairs/{fair}/ballots.json"), 409)
        .await;
    assert!(problem["type"]
        .as_str()
        .unwrap()
        .ends_with("/box-not-published"));
    // What is published is fixed before voting opens.
    let (code, problem) = change(&app, &moderator, fair, json!({"publication": "totals"})).await;
    assert_eq!(
        (code, problem["errors"][0]["field"].clone()),
        (400, json!("publication"))
    );

    close(&app, &moderator, fair).await;
    let (text, ballot_box) = published(&app, fair).await;
    assert_eq!(ballot_box.head, at_close, "the head shown while voting");
    let recounted = recount(&ballot_box).unwrap();
    let results: bastama_model::FairResults =
        serde_json::from_value(app.json(&format!("/api/v1/fairs/{fair}/results")).await).unwrap();
    assert_eq!(recounted.results, results);

    // Each voter finds their receipt with their ideas; the replaced and the
    // voided ones are chain entries only.
    for (receipt, mut ideas) in cast.standing {
        ideas.sort_unstable();
        let found = ballot_box.ballots.iter().find(|b| b.receipt == receipt);
        assert_eq!(found.map(|b| b.ideas.clone()), Some(ideas), "{receipt}");
    }
    for (receipt, event) in [
        (&cast.replaced, BallotEvent::Replaced),
        (&cast.voided, BallotEvent::Voided),
    ] {
        assert!(ballot_box.ballots.iter().all(|b| &b.receipt != receipt));
        assert!(ballot_box
            .chain
            .iter()
            .any(|e| &e.receipt == receipt && e.event == event));
    }

    // Nothing that leads to a person: no IIN, phone, e-mail, voter key or time.
    let keys: Vec<(String,)> = sqlx::query_as("SELECT voter_key FROM ballots")
        .fetch_all(&app.db)
        .await
        .unwrap();
    for n in 80..92 {
        assert!(!text.contains(&iin(n)) && !text.contains(&phone(n)[2..]));
    }
    assert!(keys.iter().all(|(key,)| !text.contains(key.as_str())));
    assert!(!text.contains('@'));
    let is_time = |w: &[u8]| {
        w.iter().enumerate().all(|(k, c)| match k {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            _ => c.is_ascii_digit(),
        })
    };
    assert!(
        !text.as_bytes().windows(11).any(is_time),
        "no time in the file"
    );

    // Not the casting order.
    let cast_order: Vec<&str> = ballot_box
        .chain
        .iter()
        .filter(|e| e.event == BallotEvent::Cast)
        .map(|e| e.receipt.as_str())
        .filter(|r| ballot_box.ballots.iter().any(|b| b.receipt == *r))
        .collect();
    let file_order: Vec<&str> = ballot_box
        .ballots
        .iter()
        .map(|b| b.receipt.as_str())
        .collect();
    assert_eq!(file_order.len(), cast_order.len());
    assert_ne!(file_order, cast_order);
    // The same file on every request.
    assert_eq!(published(&app, fair).await.0, text);

    // A void after voting closed would change the published box: refused.
    let (code, problem) = app
        .call(
            Method::POST,
            &format!("/api/v1/paper-ballots/{}/void", cast.paper_id),
            &json!({"reason": "too late for this"}),
            Some(&cast.clerk),
        )
        .await;
    assert_eq!(code, 409, "{problem}");
    let csv = app.get(&format!("/api/v1/fairs/{fair}/ballots.csv")).await;
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("receipt,ideas,origin,station_id,station\n"));
    assert_eq!(csv.lines().count(), 1 + ballot_box.ballots.len());

    let protocol = app.json(&format!("/api/v1/fairs/{fair}/protocol")).await;
    assert_eq!(
        protocol["file_sha256"],
        format!("{:x}", Sha256::digest(text.as_bytes()))
    );
    assert_eq!(protocol["head"], at_close);
    assert_eq!(protocol["voids"][0]["voids"], 1);
    assert_eq!(protocol["results"]["ballots"], results.ballots);
}

/// `bastama-server recount FILE`: the server's own binary, on a file.
fn recount_file(dir: &std::path::Path, name: &str, ballot_box: &BallotBox) -> (bool, String) {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(ballot_box).unwrap()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bastama-server"))
        .arg("recount")
        .arg(&path)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[tokio::test]
async fn a_recount_catches_each_tampering_and_says_where() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (fair, ideas) = demo_fair(&app).await;
    vote(&app, fair, &ideas, &moderator).await;
    close(&app, &moderator, fair).await;
    let (_, ballot_box) = published(&app, fair).await;
    let (ok, said) = recount_file(app.dir.path(), "box.json", &ballot_box);
    assert!(ok, "{said}");
    assert!(said.contains("the recount agrees"), "{said}");

    // A ballot dropped: the entry that cast it says which.
    let mut dropped = ballot_box.clone();
    let gone = dropped.ballots.remove(3);
    let seq = ballot_box
        .chain
        .iter()
        .find(|e| e.receipt == gone.receipt && e.event == BallotEvent::Cast)
        .unwrap()
        .seq;
    assert_eq!(
        recount(&dropped).unwrap_err(),
        Mismatch::Missing {
            receipt: gone.receipt.clone(),
            seq
        }
    );
    let (ok, said) = recount_file(app.dir.path(), "dropped.json", &dropped);
    assert!(!ok);
    assert!(
        said.contains(&format!("chain entry {seq} cast receipt {}", gone.receipt)),
        "{said}"
    );

    // An idea changed.
    let mut changed = ballot_box.clone();
    let other = ideas
        .iter()
        .find(|i| !changed.ballots[0].ideas.contains(i))
        .unwrap();
    changed.ballots[0].ideas[0] = *other;
    assert!(
        matches!(recount(&changed), Err(Mismatch::Altered { receipt, .. }) if receipt == changed.ballots[0].receipt)
    );
    let (ok, said) = recount_file(app.dir.path(), "changed.json", &changed);
    assert!(!ok && said.contains("is not the one chain entry"), "{said}");

    // Chain entries reordered.
    let mut reordered = ballot_box.clone();
    reordered.chain.swap(4, 5);
    assert_eq!(
        recount(&reordered).unwrap_err(),
        Mismatch::ChainBroken { seq: 5 }
    );
    let (ok, said) = recount_file(app.dir.path(), "reordered.json", &reordered);
    assert!(
        !ok && said.contains("chain entry 5 does not follow"),
        "{said}"
    );

    // A ballot changed in the database after it was cast: the server's
    // results follow the database, the chain does not.
    let receipt = &ballot_box.ballots[0].receipt;
    let done = sqlx::query(
        "UPDATE ballot_ideas SET idea_id = $1 WHERE ballot_id = (SELECT id FROM ballots WHERE receipt = $2) \
         AND idea_id = $3",
    )
    .bind(other)
    .bind(receipt)
    .bind(ballot_box.ballots[0].ideas[0])
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(done.rows_affected(), 1);
    // Past the second public reads are kept for.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, altered) = published(&app, fair).await;
    let found = recount(&altered);
    assert!(
        matches!(&found, Err(Mismatch::Altered { receipt: r, .. }) if r == receipt),
        "{found:?}"
    );
}

#[tokio::test]
async fn a_fair_that_publishes_totals_keeps_its_ballots() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (fair, ideas) = demo_fair(&app).await;
    // Chosen before voting opened (the demo fair is open already).
    sqlx::query("UPDATE fairs SET publication = 'totals' WHERE id = $1")
        .bind(fair)
        .execute(&app.db)
        .await
        .unwrap();
    let shown = app.json(&format!("/api/v1/fairs/{fair}")).await;
    assert_eq!(shown["publication"], "totals");
    let cast = vote(&app, fair, &ideas, &moderator).await;
    close(&app, &moderator, fair).await;
    let (text, ballot_box) = published(&app, fair).await;
    assert!(ballot_box.ballots.is_empty() && ballot_box.salt.is_none());
    assert_eq!(recount(&ballot_box).unwrap().results.ballots, 9);
    // The receipts are in the chain, their ideas nowhere.
    let (receipt, _) = &cast.standing[0];
    assert!(text.contains(receipt.as_str()));
    let check = app
        .json(&format!("/api/v1/fairs/{fair}/receipts/{receipt}"))
        .await;
    assert_eq!(check["state"], "counted");
    // Ballots standing other than the totals say: caught.
    let mut short = ballot_box.clone();
    short.results.ballots -= 1;
    assert!(matches!(
        recount(&short),
        Err(Mismatch::BallotsDiffer {
            chain: 9,
            published: 8
        })
    ));
}
