//! Ballot receipts: given for each saved ballot, web or paper; a changed
//! ballot's old receipt answers "replaced", a voided one "voided"; never ideas.

use crate::helpers::{iin, moderator, phone, registrar, save_ballot, spawn_app, TestApp};
use crate::voting::demo_fair;
use reqwest::Method;
use serde_json::{json, Value};

async fn check(app: &TestApp, fair: i64, receipt: &str) -> (u16, Value) {
    let response = app
        .get(&format!("/api/v1/fairs/{fair}/receipts/{receipt}"))
        .await;
    crate::helpers::status(response).await
}

#[tokio::test]
async fn a_web_ballot_s_receipt_is_counted_until_the_ballot_changes() {
    let app = spawn_app().await;
    let (fair, ideas) = demo_fair(&app).await;
    let voter = app.verified_voter(&iin(60), &phone(60)).await;
    let first = save_ballot(&app, fair, &voter, &ideas[..2]).await;
    let receipt = first["receipt"].as_str().unwrap().to_owned();
    assert_eq!(
        bastama_model::receipt::parse("r", &receipt).unwrap(),
        receipt
    );
    let (code, answer) = check(&app, fair, &receipt).await;
    assert_eq!(code, 200, "{answer}");
    assert_eq!(
        answer,
        json!({"fair_id": fair, "receipt": receipt, "state": "counted"}),
        "no ideas"
    );

    // As written down: grouped, in small letters.
    let typed = bastama_model::receipt::grouped(&receipt).to_lowercase();
    assert_eq!(check(&app, fair, &typed).await.1["state"], "counted");

    // The voter reads it back with the ballot.
    let saved = app
        .json_as(&format!("/api/v1/fairs/{fair}/ballot"), &voter)
        .await;
    assert_eq!(saved["receipt"], receipt);

    // The same ideas again: a new receipt, and the old one is replaced.
    let second = save_ballot(&app, fair, &voter, &ideas[..2]).await;
    let new = second["receipt"].as_str().unwrap();
    assert_ne!(new, receipt);
    assert_eq!(check(&app, fair, new).await.1["state"], "counted");
    assert_eq!(check(&app, fair, &receipt).await.1["state"], "replaced");

    // Another voter with the same ideas gets another receipt.
    let other = app.verified_voter(&iin(61), &phone(61)).await;
    let theirs = save_ballot(&app, fair, &other, &ideas[..2]).await;
    assert_ne!(theirs["receipt"], second["receipt"]);
}

#[tokio::test]
async fn unknown_and_malformed_receipts_are_refused() {
    let app = spawn_app().await;
    let (fair, _) = demo_fair(&app).await;
    let (code, problem) = check(&app, fair, "00000-00000").await;
    assert_eq!(code, 404, "{problem}");
    let (code, problem) = check(&app, fair, "not-a-receipt").await;
    assert_eq!(
        (code, problem["errors"][0]["field"].clone()),
        (400, json!("code"))
    );
    let (code, _) = check(&app, 999_999, "00000-00000").await;
    assert_eq!(code, 404);
    // A receipt belongs to its fair.
    let voter = app.verified_voter(&iin(62), &phone(62)).await;
    let (_, ideas) = demo_fair(&app).await;
    let receipt = save_ballot(&app, fair, &voter, &ideas[..1]).await["receipt"].clone();
    let fairs = app.json("/api/v1/fairs").await;
    let other = fairs
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .find(|id| *id != fair);
    if let Some(other) = other {
        assert_eq!(check(&app, other, receipt.as_str().unwrap()).await.0, 404);
    }
}

#[tokio::test]
async fn a_paper_ballot_s_receipt_goes_to_the_registrar_and_a_void_shows() {
    let app = spawn_app().await;
    let (fair, ideas) = demo_fair(&app).await;
    let moderator = moderator(&app).await;
    let (registrar, _) = registrar(&app, &moderator, 5).await;
    let (code, entered) = app
        .call(
            Method::POST,
            &format!("/api/v1/fairs/{fair}/paper-ballots"),
            &json!({"iin": iin(63), "idea_ids": [ideas[0]]}),
            Some(&registrar),
        )
        .await;
    assert_eq!(code, 201, "{entered}");
    let receipt = entered["receipt"].as_str().unwrap().to_owned();
    assert_eq!(check(&app, fair, &receipt).await.1["state"], "counted");
    let recent = app.json_as("/api/v1/paper-ballots", &registrar).await;
    assert_eq!(recent[0]["receipt"], receipt);

    // Online, the paper voter sees that they voted on paper, not the receipt.
    let voter = app.verified_voter(&iin(63), &phone(63)).await;
    let online = app
        .json_as(&format!("/api/v1/fairs/{fair}/ballot"), &voter)
        .await;
    assert_eq!(
        (online["paper"].clone(), online["receipt"].clone()),
        (json!(true), Value::Null)
    );

    let id = entered["id"].as_i64().unwrap();
    let (code, _) = app
        .call(
            Method::POST,
            &format!("/api/v1/paper-ballots/{id}/void"),
            &json!({"reason": "the wrong IIN was typed"}),
            Some(&registrar),
        )
        .await;
    assert_eq!(code, 204);
    assert_eq!(check(&app, fair, &receipt).await.1["state"], "voided");
}

#[tokio::test]
async fn the_database_keeps_receipts_for_ballots_only() {
    let app = spawn_app().await;
    let (fair, ideas) = demo_fair(&app).await;
    let voter = app.verified_voter(&iin(64), &phone(64)).await;
    let receipt = save_ballot(&app, fair, &voter, &ideas[..1]).await["receipt"].clone();
    let (with_receipt,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ballots WHERE receipt = $1")
        .bind(receipt.as_str().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(with_receipt, 1);
    let (issued,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM receipts WHERE code = $1")
        .bind(receipt.as_str().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(issued, 1);
}
