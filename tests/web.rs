//! Component tests: parts of the app mounted in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use bastama::api::ApiError;
use bastama::components::form::{Errors, Field};
use bastama::components::loaded::ErrorBox;
use bastama::components::pager::Pager;
use bastama::i18n::{format_kzt, format_number, Choice, I18n};
use bastama::{storage, App};
use bastama_model::Lang;
use leptos::prelude::*;
use leptos_router::components::Router;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the page to mount into.
fn container() -> web_sys::HtmlElement {
    let div: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to five seconds for `selector` to match inside `root`.
async fn wait_for(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    for _ in 0..100 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(50).await;
    }
    panic!(
        "{selector} never appeared; the page holds: {}",
        root.inner_html()
    );
}

fn in_language(lang: Lang) {
    provide_context(I18n::new(Choice { lang, latin: false }));
}

#[wasm_bindgen_test]
async fn the_error_box_speaks_the_language_and_retries() {
    let root = container();
    let clicks = Arc::new(AtomicUsize::new(0));
    let counted = clicks.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        in_language(Lang::Ru);
        let counted = counted.clone();
        view! { <ErrorBox error=ApiError::Network retry=move || { counted.fetch_add(1, Ordering::SeqCst); }/> }
    });
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(alert
        .text_content()
        .unwrap()
        .contains("Не удалось связаться с сервером"));
    let button: web_sys::HtmlElement = wait_for(&root, "button").await.unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Повторить");
    button.click();
    button.click();
    assert_eq!(clicks.load(Ordering::SeqCst), 2);
}

/// A body that does not decode is the server's fault, not the reader's network.
#[wasm_bindgen_test]
async fn an_answer_that_does_not_decode_is_unexpected_not_a_network_error() {
    let error = bastama::api::parse::<bastama_model::Fair>("<!doctype html>").err();
    assert_eq!(error, Some(ApiError::Unexpected));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        in_language(Lang::En);
        view! { <ErrorBox error=ApiError::Unexpected retry=|| ()/> }
    });
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(alert
        .text_content()
        .unwrap()
        .contains("The server answered something unexpected"));
}

#[wasm_bindgen_test]
async fn the_pager_links_to_the_neighbouring_pages() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        in_language(Lang::En);
        view! { <Router><Pager page=2 pages=3 href=|p| format!("/ngos?q=a&page={p}")/></Router> }
    });
    let previous = wait_for(&root, "a[rel=prev]").await;
    assert_eq!(previous.get_attribute("href").unwrap(), "/ngos?q=a&page=1");
    let next = wait_for(&root, "a[rel=next]").await;
    assert_eq!(next.get_attribute("href").unwrap(), "/ngos?q=a&page=3");
    assert!(root.text_content().unwrap().contains("Page 2 / 3"));
}

#[wasm_bindgen_test]
async fn a_single_page_needs_no_pager() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        in_language(Lang::Kk);
        view! { <Router><Pager page=1 pages=1 href=|p| p.to_string()/></Router> }
    });
    sleep(50).await;
    assert!(root.query_selector("nav").unwrap().is_none());
}

/// The test runner's own server has no API: the app must show its error state
/// with a retry, not a blank page.
#[wasm_bindgen_test]
async fn the_app_without_its_api_shows_an_error_with_retry() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), App);
    let alert = wait_for(&root, ".error[role=alert]").await;
    assert!(alert.query_selector("button").unwrap().is_some());
    assert!(root
        .query_selector("nav.main-nav a[href='/ngos']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn money_and_numbers_are_grouped_per_language() {
    assert_eq!(
        format_kzt(Lang::Kk, 2_000_000),
        "2\u{a0}000\u{a0}000\u{a0}₸"
    );
    assert_eq!(format_kzt(Lang::En, 2_000_000), "2,000,000\u{a0}₸");
    assert_eq!(format_number(Lang::Ru, 999), "999");
    assert_eq!(format_number(Lang::Ru, -1000), "−1\u{a0}000");
}

#[wasm_bindgen_test]
fn storage_keeps_values_where_allowed() {
    storage::set("bastama.test", "1");
    assert_eq!(storage::get("bastama.test").as_deref(), Some("1"));
    assert_eq!(storage::get("bastama.absent"), None);
}

#[wasm_bindgen_test]
async fn a_field_shows_the_shared_validator_s_error_once_typed_in() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        in_language(Lang::En);
        let value = RwSignal::new(String::new());
        let errors = Errors::new();
        // What the pages do: check the whole form at every change.
        Effect::new(move || {
            errors.validated(
                value.with(|bin| bastama_model::Bin::field("bin", bin).map_err(|e| vec![e])),
            )
        });
        view! {
            <Field id="bin" field="bin" label=Signal::stored("BIN") value=value
                set=Callback::new(move |v| value.set(v)) errors/>
        }
    });
    let input: web_sys::HtmlInputElement = wait_for(&root, "#bin").await.unchecked_into();
    // Untouched: no error yet, though the empty value is not a BIN.
    assert_eq!(input.get_attribute("aria-invalid"), None);
    input.set_value("150340001235");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let error = wait_for(&root, ".field.invalid #bin-error").await;
    assert!(error.text_content().unwrap().contains("check digit"));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("bin-error")
    );
    input.set_value(&bastama_model::ids::with_check_digit("15034000123").unwrap());
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    for _ in 0..50 {
        if input.get_attribute("aria-invalid").is_none() {
            return;
        }
        sleep(20).await;
    }
    panic!("a valid BIN still shows an error");
}

#[wasm_bindgen_test]
fn embed_views_link_out_to_the_same_view_in_the_full_app() {
    use bastama::paths::full_app_path;
    assert_eq!(full_app_path("/embed/ngo/3").as_deref(), Some("/ngos/3"));
    assert_eq!(full_app_path("/embed/ngos").as_deref(), Some("/ngos"));
    assert_eq!(full_app_path("/embed/map").as_deref(), Some("/map"));
    assert_eq!(
        full_app_path("/embed/fair/2/results").as_deref(),
        Some("/fair/2/results")
    );
    assert_eq!(full_app_path("/ngos/3"), None);
    // The test page has no base tag: the app is at the root.
    assert_eq!(bastama::paths::url("/ngos"), "/ngos");
}

#[wasm_bindgen_test]
fn a_portals_accent_takes_the_ink_that_reads_on_it() {
    use bastama::components::embed::accent_colours;
    assert_eq!(
        accent_colours("7c3aed"),
        Some(("#7c3aed".into(), "#ffffff"))
    );
    assert_eq!(
        accent_colours("%23f59e0b"),
        Some(("#f59e0b".into(), "#000000"))
    );
    assert_eq!(
        accent_colours("#FFFFFF"),
        Some(("#FFFFFF".into(), "#000000"))
    );
    for refused in ["", "red", "12345", "1234567", "zzzzzz", "0b5c57;x", "%23"] {
        assert_eq!(accent_colours(refused), None, "{refused}");
    }
}

fn result_row(rank: i64, title: &str, votes: i64, winner: bool) -> bastama_model::ResultRow {
    bastama_model::ResultRow {
        rank,
        idea_id: rank,
        title: bastama_model::Text {
            kk: title.into(),
            ru: None,
            en: None,
        },
        votes,
        winner,
        by_origin: vec![votes],
    }
}

#[wasm_bindgen_test]
async fn results_without_ballots_say_so_instead_of_empty_bars() {
    let root = container();
    let results = bastama_model::FairResults {
        fair_id: 1,
        ballots: 0,
        winners: 10,
        items: vec![
            result_row(1, "Аула", 0, false),
            result_row(1, "Саябақ", 0, false),
        ],
        origins: Vec::new(),
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        in_language(Lang::En);
        view! { <bastama::pages::results::ResultsView results/> }
    });
    let status = wait_for(&root, "[role=status]").await;
    assert!(status.text_content().unwrap().contains("No ballots yet"));
    assert!(root.query_selector("svg").unwrap().is_none());
    assert!(root.query_selector("table").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn each_bar_is_named_by_its_idea_and_winners_stand_out() {
    let root = container();
    let long = "Ауладағы балалар мен жасөспірімдерге арналған спорт алаңы";
    let results = bastama_model::FairResults {
        fair_id: 1,
        ballots: 5,
        winners: 1,
        items: vec![
            result_row(1, long, 4, true),
            result_row(2, "Саябақ", 1, false),
        ],
        origins: Vec::new(),
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        in_language(Lang::En);
        view! { <bastama::pages::results::ResultsView results/> }
    });
    let first = wait_for(&root, "svg g.bar").await;
    assert_eq!(
        first.get_attribute("aria-label").unwrap(),
        format!("#1 {long}: 4 Winner")
    );
    assert_eq!(first.get_attribute("class").unwrap(), "bar winner");
    let label = first
        .query_selector("text")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        label.starts_with("#1 Ауладағы") && label.ends_with('…'),
        "{label}"
    );
    assert!(label.chars().count() < long.chars().count());
    let second = wait_for(&root, "svg g.bar:nth-of-type(2)").await;
    assert_eq!(second.get_attribute("class").unwrap(), "bar");
    assert_eq!(second.get_attribute("aria-label").unwrap(), "#2 Саябақ: 1");
}

#[wasm_bindgen_test]
async fn the_protocol_marks_ties_and_states_the_chain_and_the_file() {
    let root = container();
    let protocol: bastama_model::Protocol = serde_json::from_value(serde_json::json!({
        "fair": {
            "id": 1, "title": {"kk": "Жәрмеңке"}, "description": {"kk": ""}, "phase": "closed",
            "submission_starts_at": null, "voting_starts_at": "2026-11-01T09:00:00Z",
            "voting_ends_at": "2026-11-15T18:00:00Z", "votes_per_voter": 3, "winners": 2,
            "results_live": false, "publication": "ballots", "ideas": 3, "electorate": "roll",
            "districts": [], "roll_size": 4200, "demo": false, "version": 4
        },
        "results": {
            "fair_id": 1, "ballots": 9, "winners": 2,
            "items": [result_row(1, "Саябақ", 5, true), result_row(2, "Кітапхана", 3, true),
                      result_row(2, "Спорт алаңы", 3, true)],
            "origins": [{"station": null, "ballots": 7},
                        {"station": {"id": 4, "name": "Мектеп №4", "district": "oral"}, "ballots": 2}]
        },
        "voids": [],
        "events": 12,
        "head": "ab".repeat(32),
        "file_sha256": "cd".repeat(32)
    }))
    .unwrap();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        in_language(Lang::En);
        view! { <bastama::pages::protocol::ProtocolView protocol/> }
    });
    wait_for(&root, ".protocol h1").await;
    let text = root.text_content().unwrap();
    let rows: Vec<String> = (1..=3)
        .map(|n| {
            let selector = format!(".protocol-ideas tbody tr:nth-of-type({n}) td");
            root.query_selector(&selector)
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(rows, ["1", "2 (tie)", "2 (tie)"]);
    assert!(text.contains(&"ab".repeat(32)) && text.contains(&"cd".repeat(32)));
    assert!(
        text.contains("Мектеп №4") && text.contains("4,200"),
        "{text}"
    );
    assert!(text.contains("Voided paper ballots") && text.contains("None."));
}
