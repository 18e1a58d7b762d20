use crate::helpers::{fields, spawn_app};

#[tokio::test]
async fn the_directory_lists_the_demo_ngos_in_pages() {
    let app = spawn_app().await;
    let first = app.json("/api/v1/ngos?per_page=10").await;
    let total = first["total"].as_i64().unwrap();
    assert!((25..=40).contains(&total));
    assert_eq!(first["items"].as_array().unwrap().len(), 10);
    assert_eq!(
        (first["page"].as_i64(), first["per_page"].as_i64()),
        (Some(1), Some(10))
    );
    let last_page = (total + 9) / 10;
    let last = app
        .json(&format!("/api/v1/ngos?per_page=10&page={last_page}"))
        .await;
    assert_eq!(
        last["items"].as_array().unwrap().len() as i64,
        total - (last_page - 1) * 10
    );
    let beyond = app
        .json(&format!("/api/v1/ngos?per_page=10&page={}", last_page + 1))
        .await;
    assert!(beyond["items"].as_array().unwrap().is_empty());
    assert_eq!(
        app.json("/api/v1/ngos?per_page=200").await["items"]
            .as_array()
            .unwrap()
            .len() as i64,
        total
    );
}

#[tokio::test]
async fn search_matches_kazakh_russian_and_latin_typing() {
    let app = spawn_app().await;
    let names = |v: serde_json::Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["name"]["kk"].as_str().unwrap().to_owned())
            .collect()
    };
    let latin = names(app.json("/api/v1/ngos?q=zhastar").await);
    assert!(
        !latin.is_empty() && latin.iter().all(|n| n.to_lowercase().contains("жастар")),
        "{latin:?}"
    );
    assert_eq!(
        latin,
        names(
            app.json("/api/v1/ngos?q=%D0%96%D0%90%D0%A1%D0%A2%D0%90%D0%A0")
                .await
        )
    ); // ЖАСТАР
    let deaf = names(app.json("/api/v1/ngos?q=%D0%B3%D0%BB%D1%83%D1%85").await); // глух
    assert!(deaf.iter().any(|n| n.contains("саңыраулар")), "{deaf:?}");
    assert!(names(app.json("/api/v1/ngos?q=qwxqwxqwx").await).is_empty());
}

#[tokio::test]
async fn filters_narrow_the_directory() {
    let app = spawn_app().await;
    let oral = app.json("/api/v1/ngos?district=oral&per_page=200").await;
    assert!(oral["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["district"] == "oral"));
    let disability = app
        .json("/api/v1/ngos?direction=disability&per_page=200")
        .await;
    let items = disability["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|n| n["directions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "disability")));
    let inactive = app.json("/api/v1/ngos?active=false&per_page=200").await;
    assert!(inactive["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["active"] == false));
}

#[tokio::test]
async fn bad_parameters_are_named() {
    let app = spawn_app().await;
    let long_q = format!("q={}", "ә".repeat(101));
    for (query, field) in [
        ("page=-1", "page"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("per_page=100000", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=201", "per_page"),
        ("district=atlantis", "district"),
        ("direction=nothing", "direction"),
        ("active=maybe", "active"),
        (long_q.as_str(), "q"),
    ] {
        let problem = app.problem(&format!("/api/v1/ngos?{query}"), 400).await;
        assert_eq!(fields(&problem), [field], "{query}");
    }
}

#[tokio::test]
async fn a_profile_has_the_public_fields() {
    let app = spawn_app().await;
    let list = app
        .json("/api/v1/ngos?q=%D1%81%D0%B0%D2%A3%D1%8B%D1%80%D0%B0%D1%83%D0%BB%D0%B0%D1%80")
        .await; // саңыраулар
    let id = list["items"][0]["id"].as_i64().unwrap();
    let ngo = app.json(&format!("/api/v1/ngos/{id}")).await;
    assert_eq!(ngo["id"], id);
    assert_eq!(ngo["bin"].as_str().unwrap().len(), 12);
    assert!(!ngo["description"]["kk"].as_str().unwrap().is_empty());
    assert!(!ngo["description"]["ru"].as_str().unwrap().is_empty());
    assert_eq!(ngo["demo"], true);
    assert_eq!(ngo["version"], 1);
}

#[tokio::test]
async fn unknown_ngos_are_404() {
    let app = spawn_app().await;
    app.problem("/api/v1/ngos/999999", 404).await;
    app.problem("/api/v1/ngos/abc", 404).await;
    app.problem("/api/v1/ngos/-1", 404).await;
    app.problem("/api/v1/ngos/99999999999999999999999", 404)
        .await;
}

#[tokio::test]
async fn the_directory_sorts_by_name_update_or_volunteers() {
    let app = spawn_app().await;
    let volunteers = |v: serde_json::Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["volunteers"].as_i64().unwrap())
            .collect()
    };
    let most_first = volunteers(app.json("/api/v1/ngos?sort=volunteers&per_page=200").await);
    assert!(
        most_first.windows(2).all(|w| w[0] >= w[1]),
        "{most_first:?}"
    );
    assert!(most_first[0] > *most_first.last().unwrap());
    assert_eq!(
        app.json("/api/v1/ngos?per_page=200").await,
        app.json("/api/v1/ngos?sort=name&per_page=200").await
    );
    let problem = app.problem("/api/v1/ngos?sort=random", 400).await;
    assert_eq!(fields(&problem), ["sort"]);
}
