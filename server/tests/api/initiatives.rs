use crate::helpers::{fields, spawn_app};

#[tokio::test]
async fn initiatives_filter_by_kind_funding_status_and_district() {
    let app = spawn_app().await;
    let all = app.json("/api/v1/initiatives?per_page=200").await;
    let total = all["total"].as_i64().unwrap();
    assert!(total >= 40);
    let events = app
        .json("/api/v1/initiatives?kind=event&per_page=200")
        .await;
    let events = events["items"].as_array().unwrap();
    assert!(!events.is_empty() && events.len() < total as usize);
    assert!(events.iter().all(|i| i["kind"] == "event"));
    let patron = app
        .json("/api/v1/initiatives?funding=patron&status=done&per_page=200")
        .await;
    assert!(patron["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["funding"] == "patron" && i["status"] == "done"));
    let oral = app
        .json("/api/v1/initiatives?district=oral&per_page=200")
        .await;
    assert!(oral["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["district"] == "oral"));
}

#[tokio::test]
async fn bbox_and_dates_narrow_the_initiatives() {
    let app = spawn_app().await;
    let all = app.json("/api/v1/initiatives?per_page=200").await["total"]
        .as_i64()
        .unwrap();
    let region = app
        .json("/api/v1/initiatives?bbox=46,48,55.5,52&per_page=200")
        .await;
    assert_eq!(region["total"].as_i64().unwrap(), all);
    let oral_box = app
        .json("/api/v1/initiatives?bbox=51.2,51.1,51.6,51.4&per_page=200")
        .await;
    for i in oral_box["items"].as_array().unwrap() {
        let (lat, lon) = (
            i["location"]["lat"].as_f64().unwrap(),
            i["location"]["lon"].as_f64().unwrap(),
        );
        assert!((51.1..=51.4).contains(&lat) && (51.2..=51.6).contains(&lon));
    }
    let in_2016 = app
        .json("/api/v1/initiatives?from=2016-01-01&to=2016-12-31&per_page=200")
        .await;
    for i in in_2016["items"].as_array().unwrap() {
        assert!(i["starts_on"].as_str().unwrap() <= "2016-12-31");
    }
}

#[tokio::test]
async fn an_initiative_names_its_ngo() {
    let app = spawn_app().await;
    let list = app.json("/api/v1/initiatives?per_page=200").await;
    let with_ngo = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ngo_id"].is_i64())
        .unwrap();
    let one = app
        .json(&format!("/api/v1/initiatives/{}", with_ngo["id"]))
        .await;
    assert_eq!(&one, with_ngo);
    assert!(one["ngo_name"]["kk"].is_string());
    let by_ngo = app
        .json(&format!(
            "/api/v1/initiatives?ngo={}&per_page=200",
            with_ngo["ngo_id"]
        ))
        .await;
    assert!(by_ngo["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["ngo_id"] == with_ngo["ngo_id"]));
}

#[tokio::test]
async fn bad_initiative_filters_are_named() {
    let app = spawn_app().await;
    for (query, field) in [
        ("kind=party", "kind"),
        ("funding=lottery", "funding"),
        ("status=lost", "status"),
        ("district=mars", "district"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("from=2017-02-30", "from"),
        ("to=yesterday", "to"),
        ("ngo=abc", "ngo"),
        ("per_page=100000", "per_page"),
    ] {
        let problem = app
            .problem(&format!("/api/v1/initiatives?{query}"), 400)
            .await;
        assert_eq!(fields(&problem), [field], "{query}");
    }
    app.problem("/api/v1/initiatives/424242", 404).await;
}
