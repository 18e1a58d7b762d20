use crate::helpers::spawn_app;

#[tokio::test]
async fn the_demo_fair_is_voting_with_a_dozen_ideas() {
    let app = spawn_app().await;
    let fairs = app.json("/api/v1/fairs").await;
    let fairs = fairs.as_array().unwrap();
    assert_eq!(fairs.len(), 1);
    let fair = &fairs[0];
    assert_eq!(fair["phase"], "voting");
    assert_eq!(fair["votes_per_voter"], 3);
    assert_eq!(fair["winners"], 10);
    assert!(fair["voting_starts_at"].as_str().unwrap() < fair["voting_ends_at"].as_str().unwrap());
    let id = fair["id"].as_i64().unwrap();
    assert_eq!(&app.json(&format!("/api/v1/fairs/{id}")).await, fair);

    let ideas = app.json(&format!("/api/v1/fairs/{id}/ideas")).await;
    assert_eq!(ideas["total"], fair["ideas"]);
    let items = ideas["items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    let deaf = items
        .iter()
        .find(|i| i["funding"]["amount_kzt"] == 2_000_000)
        .expect("the idea sponsored with 2,000,000 tenge");
    assert_eq!(deaf["funding"]["memorandum_signed"], true);
    assert!(deaf["ngo_name"]["kk"]
        .as_str()
        .unwrap()
        .contains("саңыраулар"));
}

#[tokio::test]
async fn unknown_fairs_are_404() {
    let app = spawn_app().await;
    app.problem("/api/v1/fairs/777", 404).await;
    app.problem("/api/v1/fairs/777/ideas", 404).await;
    app.problem("/api/v1/fairs/x/ideas", 404).await;
}
