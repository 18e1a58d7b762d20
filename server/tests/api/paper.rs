//! Paper ballots at stations: one ballot per IIN per fair across paper and the
//! web, in both orders; voids within ten minutes; results by channel; and no
//! registrar reading a ballot's ideas back.

use crate::electorate::voting_fair;
use crate::helpers::{
    fields, iin, moderator, phone, registrar as new_registrar, spawn_app, TestApp,
};
use crate::voting::demo_fair;
use reqwest::Method;
use serde_json::{json, Value};

async fn enter(app: &TestApp, token: &str, fair: i64, iin: &str, ideas: &[i64]) -> (u16, Value) {
    app.call(
        Method::POST,
        &format!("/api/v1/fairs/{fair}/paper-ballots"),
        &json!({"iin": iin, "idea_ids": ideas}),
        Some(token),
    )
    .await
}

async fn vote_online(app: &TestApp, fair: i64, n: u32, ideas: &[i64]) -> (u16, Value) {
    let voter = app.verified_voter(&iin(n), &phone(n)).await;
    app.call(
        Method::PUT,
        &format!("/api/v1/fairs/{fair}/ballot"),
        &json!({"idea_ids": ideas}),
        Some(&voter),
    )
    .await
}

fn seconds_ago(problem: &Value) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    now - problem["voted_at"].as_i64().expect("voted_at")
}

#[tokio::test]
async fn one_ballot_per_iin_across_paper_and_the_web_in_either_order() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (registrar, station) = new_registrar(&app, &moderator, 1).await;
    let (fair, ideas) = demo_fair(&app).await;

    // Paper first: a second paper ballot and a web ballot are refused.
    let (code, entered) = enter(&app, &registrar, fair, &iin(801), &ideas[..2]).await;
    assert_eq!(code, 201, "{entered}");
    assert!(entered.get("idea_ids").is_none(), "{entered}");
    assert!(entered["void_until"].as_str().unwrap() > entered["entered_at"].as_str().unwrap());
    let (code, again) = enter(&app, &registrar, fair, &iin(801), &ideas[2..3]).await;
    assert_eq!(code, 409);
    assert_eq!(again["type"], "/problems/voted-on-paper");
    assert!((0..60).contains(&seconds_ago(&again)), "{again}");
    let (code, online) = vote_online(&app, fair, 801, &ideas[2..3]).await;
    assert_eq!(code, 409, "{online}");
    assert_eq!(online["type"], "/problems/voted-on-paper");
    assert!((0..60).contains(&seconds_ago(&online)), "{online}");
    // The voter's own view shows a paper ballot, never its ideas.
    let voter = app.verified_voter(&iin(801), &phone(801)).await;
    let saved = app
        .json_as(&format!("/api/v1/fairs/{fair}/ballot"), &voter)
        .await;
    assert_eq!(saved["paper"], true);
    assert_eq!(saved["idea_ids"], json!([]));

    // The web first: the paper ballot is refused, saying when and how, not what.
    let (code, _) = vote_online(&app, fair, 802, &ideas[..1]).await;
    assert_eq!(code, 200);
    let (code, refused) = enter(&app, &registrar, fair, &iin(802), &ideas[..1]).await;
    assert_eq!(code, 409);
    assert_eq!(refused["type"], "/problems/voted-online");
    assert!((0..60).contains(&seconds_ago(&refused)), "{refused}");
    assert!(!refused.to_string().contains("idea"), "{refused}");

    // Results count each channel: per origin, per station, and in the CSV.
    let results = app.json(&format!("/api/v1/fairs/{fair}/results")).await;
    assert_eq!(results["ballots"], 2);
    assert_eq!(results["origins"][0]["station"], Value::Null);
    assert_eq!(results["origins"][0]["ballots"], 1);
    assert_eq!(results["origins"][1]["station"]["id"], station);
    assert_eq!(results["origins"][1]["ballots"], 1);
    let first = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["idea_id"] == ideas[0])
        .unwrap();
    assert_eq!(first["votes"], 2);
    assert_eq!(first["by_origin"], json!([1, 1]));
    let csv = app
        .get(&format!("/api/v1/fairs/{fair}/results.csv"))
        .await
        .text()
        .await
        .unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(&format!(
            "votes,votes_web,votes_station_{station}: Орал қаласы әкімдігі 1,winner"
        )),
        "{header}"
    );
    let row = csv
        .lines()
        .find(|l| l.split(',').nth(1) == Some(&ideas[0].to_string()))
        .unwrap();
    assert!(row.ends_with(",2,1,1,true"), "{row}");
}

#[tokio::test]
async fn a_registrar_voids_their_own_ballot_within_ten_minutes_and_every_void_is_kept() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (registrar, _) = new_registrar(&app, &moderator, 1).await;
    let (other, _) = new_registrar(&app, &moderator, 2).await;
    let (fair, ideas) = demo_fair(&app).await;
    let (_, mistake) = enter(&app, &registrar, fair, &iin(811), &ideas[..1]).await;
    let id = mistake["id"].as_i64().unwrap();
    let void = |token: &str, id: i64, reason: &str| {
        let (app, token, reason) = (&app, token.to_owned(), reason.to_owned());
        async move {
            app.call(
                Method::POST,
                &format!("/api/v1/paper-ballots/{id}/void"),
                &json!({ "reason": reason }),
                Some(&token),
            )
            .await
        }
    };

    // The registrar's list shows the entry, never its ideas.
    let list = app.json_as("/api/v1/paper-ballots", &registrar).await;
    assert_eq!(list[0]["id"], id);
    assert!(!list.to_string().contains("idea_ids"), "{list}");
    assert_eq!(
        app.json_as("/api/v1/paper-ballots", &other).await,
        json!([])
    );

    let (code, problem) = void(&registrar, id, " ").await;
    assert_eq!(code, 400);
    assert_eq!(fields(&problem), ["reason"]);
    assert_eq!(void(&other, id, "not mine").await.0, 404);
    assert_eq!(void(&registrar, id + 1000, "no such ballot").await.0, 404);
    let (code, body) = void(&registrar, id, "the wrong IIN was typed").await;
    assert_eq!(code, 204, "{body}");
    assert_eq!(void(&registrar, id, "twice").await.0, 404);
    // The ballot is gone: that voter may vote again, and the results lost it.
    let (code, _) = enter(&app, &registrar, fair, &iin(811), &ideas[1..2]).await;
    assert_eq!(code, 201);
    let results = app.json(&format!("/api/v1/fairs/{fair}/results")).await;
    assert_eq!(results["ballots"], 1);

    // Ten minutes on, a ballot stays.
    let (_, late) = enter(&app, &registrar, fair, &iin(812), &ideas[..1]).await;
    let late = late["id"].as_i64().unwrap();
    sqlx::query("UPDATE ballots SET created_at = '2020-01-01T00:00:00Z' WHERE id = $1")
        .bind(late)
        .execute(&app.db)
        .await
        .unwrap();
    let (code, problem) = void(&registrar, late, "noticed too late").await;
    assert_eq!(code, 409);
    assert_eq!(problem["type"], "/problems/void-too-late");

    // Moderators see every void: where, by whom, when, why.
    let path = format!("/api/v1/admin/fairs/{fair}/voids");
    let voids = app.json_as(&path, &moderator).await;
    assert_eq!(voids.as_array().unwrap().len(), 1, "{voids}");
    assert_eq!(voids[0]["station"], "Орал қаласы әкімдігі 1");
    assert_eq!(voids[0]["registrar"], "registrar1@oral.example.kz");
    assert_eq!(voids[0]["reason"], "the wrong IIN was typed");
    assert_eq!(voids[0]["entered_at"], mistake["entered_at"]);
    let (code, _) = app
        .call(Method::GET, &path, &Value::Null, Some(&registrar))
        .await;
    assert_eq!(code, 403);
}

#[tokio::test]
async fn paper_ballots_are_checked_like_web_ballots() {
    let app = spawn_app().await;
    let moderator = moderator(&app).await;
    let (registrar, _) = new_registrar(&app, &moderator, 1).await;
    let (fair, ideas) = demo_fair(&app).await;

    let good = iin(821);
    let last = good.as_bytes()[11] - b'0';
    let bad = format!("{}{}", &good[..11], (last + 1) % 10);
    let (code, problem) = enter(&app, &registrar, fair, &bad, &ideas[..1]).await;
    assert_eq!(code, 400);
    assert_eq!(problem["errors"][0]["field"], "iin");
    assert_eq!(problem["errors"][0]["code"], "checksum");
    let (code, problem) = enter(&app, &registrar, fair, &iin(821), &[]).await;
    assert_eq!(code, 400);
    assert_eq!(fields(&problem), ["idea_ids"]);
    let (code, problem) = enter(&app, &registrar, fair, &iin(821), &[999_999]).await;
    assert_eq!(code, 400, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "unknown");
    // Nothing was written: the IIN may still vote.
    assert_eq!(
        enter(&app, &registrar, fair, &iin(821), &ideas[..1])
            .await
            .0,
        201
    );
    assert_eq!(
        enter(&app, &registrar, 9999, &iin(822), &ideas[..1])
            .await
            .0,
        404
    );

    // A fair with a roll takes paper ballots only from IINs on it.
    let (roll_fair, idea) = voting_fair(&app, &moderator, "roll", &[]).await;
    let (code, problem) = enter(&app, &registrar, roll_fair, &iin(823), &[idea]).await;
    assert_eq!(code, 403);
    assert_eq!(problem["type"], "/problems/not-on-roll");

    // Stations and registrars are checked too, each field at fault named.
    let (code, problem) = app
        .call(
            Method::POST,
            "/api/v1/admin/stations",
            &json!({"name": "", "district": "atlantis"}),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 400);
    assert_eq!(fields(&problem), ["name"]);
    let (code, problem) = app
        .call(
            Method::POST,
            "/api/v1/admin/stations",
            &json!({"name": "Атлантида", "district": "atlantis"}),
            Some(&moderator),
        )
        .await;
    assert_eq!(code, 400);
    assert_eq!(fields(&problem), ["district"]);
    let registrar_body = |email: &str, password: &str, station: i64| json!({"email": email, "password": password, "station_id": station});
    for (body, field, status) in [
        (
            registrar_body("not an e-mail", "Bokei orda station 8", 1),
            "email",
            400,
        ),
        (
            registrar_body("new@oral.example.kz", "password", 1),
            "password",
            400,
        ),
        (
            registrar_body("new@oral.example.kz", "Bokei orda station 8", 999),
            "station_id",
            400,
        ),
        (
            registrar_body("registrar1@oral.example.kz", "Bokei orda station 8", 1),
            "email",
            409,
        ),
    ] {
        let (code, problem) = app
            .call(
                Method::POST,
                "/api/v1/admin/registrars",
                &body,
                Some(&moderator),
            )
            .await;
        assert_eq!(
            (code, fields(&problem)),
            (status, vec![field.to_owned()]),
            "{body}"
        );
    }
}
