use crate::helpers::{fields, spawn_app};

/// Parses a CSV body into rows of cells.
fn parse_csv(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_directory_exports_as_csv_with_the_list_filters() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/export/ngos.csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let rows = parse_csv(&response.text().await.unwrap());
    assert_eq!(rows[0][..3], ["id", "bin", "name_kk"]);
    let total = app.json("/api/v1/ngos").await["total"].as_i64().unwrap();
    assert_eq!(rows.len() as i64 - 1, total);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));

    let oral = parse_csv(
        &app.get("/api/v1/export/ngos.csv?district=oral")
            .await
            .text()
            .await
            .unwrap(),
    );
    let oral_total = app.json("/api/v1/ngos?district=oral").await["total"]
        .as_i64()
        .unwrap();
    assert_eq!(oral.len() as i64 - 1, oral_total);
    let problem = app
        .problem("/api/v1/export/ngos.csv?district=nowhere", 400)
        .await;
    assert_eq!(fields(&problem), ["district"]);
}

#[tokio::test]
async fn initiatives_export_as_csv_and_geojson() {
    let app = spawn_app().await;
    let total = app.json("/api/v1/initiatives?kind=event").await["total"]
        .as_i64()
        .unwrap();
    let rows = parse_csv(
        &app.get("/api/v1/export/initiatives.csv?kind=event")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(rows.len() as i64 - 1, total);
    let kind = rows[0].iter().position(|h| h == "kind").unwrap();
    assert!(rows[1..].iter().all(|r| r[kind] == "event"));

    let response = app.get("/api/v1/export/initiatives.geojson").await;
    assert_eq!(response.headers()["content-type"], "application/geo+json");
    let geo: serde_json::Value = response.json().await.unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(
        features.len() as i64,
        app.json("/api/v1/initiatives").await["total"]
            .as_i64()
            .unwrap()
    );
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (46.0..=55.5).contains(&lon) && (48.0..=52.0).contains(&lat),
            "lon, lat order: {c:?}"
        );
        assert!(f["properties"]["title"]["kk"].is_string());
    }
}

#[tokio::test]
async fn results_count_the_stored_ballots_exactly() {
    let app = spawn_app().await;
    let fair = app.json("/api/v1/fairs").await[0].clone();
    let fair_id = fair["id"].as_i64().unwrap();
    let ideas = app.json(&format!("/api/v1/fairs/{fair_id}/ideas")).await;
    let ids: Vec<i64> = ideas["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();

    // Three ballots: idea 0 gets 3 votes, idea 1 gets 2, ideas 2 and 3 one each.
    let ballots: [&[usize]; 3] = [&[0, 1, 2], &[0, 1, 3], &[0]];
    for (n, choice) in ballots.iter().enumerate() {
        let (ballot_id,): (i64,) = sqlx::query_as(
            "INSERT INTO ballots (fair_id, voter_key, created_at, updated_at) VALUES ($1, $2, '', '') RETURNING id",
        )
        .bind(fair_id)
        .bind(format!("voter-{n}"))
        .fetch_one(&app.db)
        .await
        .unwrap();
        for &i in *choice {
            sqlx::query("INSERT INTO ballot_ideas (ballot_id, idea_id) VALUES ($1, $2)")
                .bind(ballot_id)
                .bind(ids[i])
                .execute(&app.db)
                .await
                .unwrap();
        }
    }

    let results = app.json(&format!("/api/v1/fairs/{fair_id}/results")).await;
    assert_eq!(results["ballots"], 3);
    let items = results["items"].as_array().unwrap();
    assert_eq!(items.len(), ids.len());
    let row = |k: usize| &items[k];
    assert_eq!(
        (
            row(0)["idea_id"].as_i64().unwrap(),
            row(0)["votes"].as_i64().unwrap(),
            row(0)["rank"].as_i64().unwrap()
        ),
        (ids[0], 3, 1)
    );
    assert_eq!(
        (
            row(1)["idea_id"].as_i64().unwrap(),
            row(1)["votes"].as_i64().unwrap()
        ),
        (ids[1], 2)
    );
    // Equal votes share a rank.
    assert_eq!(
        (row(2)["votes"].as_i64(), row(2)["rank"].as_i64()),
        (Some(1), Some(3))
    );
    assert_eq!(
        (row(3)["votes"].as_i64(), row(3)["rank"].as_i64()),
        (Some(1), Some(3))
    );
    assert_eq!(row(4)["votes"], 0);
    // Only ideas with votes win; here four, fewer than the fair's ten places.
    let winners = items.iter().filter(|r| r["winner"] == true).count();
    assert_eq!(winners, 4);
    let total_votes: i64 = items.iter().map(|r| r["votes"].as_i64().unwrap()).sum();
    assert_eq!(total_votes, 7);

    let csv = parse_csv(
        &app.get(&format!("/api/v1/fairs/{fair_id}/results.csv"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(
        csv[0],
        [
            "rank",
            "idea_id",
            "title_kk",
            "title_ru",
            "title_en",
            "votes",
            "votes_web",
            "winner"
        ]
    );
    // No paper ballots: every vote came through the web.
    assert_eq!(csv[1][5..7], ["3", "3"]);
    assert_eq!(csv[1][5], "3");
    assert_eq!(csv.len(), ids.len() + 1);
}

#[tokio::test]
async fn hidden_results_wait_for_the_close() {
    let app = spawn_app().await;
    let fair_id = app.json("/api/v1/fairs").await[0]["id"].as_i64().unwrap();
    sqlx::query("UPDATE fairs SET results_live = 0 WHERE id = $1")
        .bind(fair_id)
        .execute(&app.db)
        .await
        .unwrap();
    app.problem(&format!("/api/v1/fairs/{fair_id}/results"), 409)
        .await;
    app.problem(&format!("/api/v1/fairs/{fair_id}/results.csv"), 409)
        .await;
    sqlx::query("UPDATE fairs SET phase = 'closed' WHERE id = $1")
        .bind(fair_id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        app.json(&format!("/api/v1/fairs/{fair_id}/results")).await["fair_id"],
        fair_id
    );
    app.problem("/api/v1/fairs/4040/results", 404).await;
}

#[tokio::test]
async fn text_that_looks_like_a_formula_is_defused() {
    let app = spawn_app().await;
    sqlx::query("UPDATE ngos SET address = '=HYPERLINK(\"http://evil\")' WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
    let rows = parse_csv(
        &app.get("/api/v1/export/ngos.csv")
            .await
            .text()
            .await
            .unwrap(),
    );
    let address = rows[0].iter().position(|h| h == "address").unwrap();
    let row = rows.iter().find(|r| r[0] == "1").unwrap();
    assert_eq!(row[address], "'=HYPERLINK(\"http://evil\")");
}
