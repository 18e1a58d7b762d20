//! The app's pages, one module per area.

pub mod account;
pub mod audit;
pub mod ballot_box;
pub mod electorate;
pub mod fair;
pub mod home;
pub mod initiative;
pub mod initiatives;
pub mod map;
pub mod moderation;
pub mod ngos;
pub mod not_found;
pub mod place;
pub mod propose;
pub mod protocol;
pub mod results;
pub mod station;
pub mod stats;
pub mod vote;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::NavigateOptions;

/// The URL of a filtered list: `path` (the full app's list or its embed view,
/// with the base) with the current value of each of `filters`, and `name` set
/// to `value`. A change of anything but the page goes back to the first page.
pub fn filtered_link(
    path: &str,
    filters: &[&str],
    current: impl Fn(&str) -> String,
    name: &str,
    value: String,
) -> String {
    let mut pairs: Vec<(&str, String)> = filters
        .iter()
        .map(|f| {
            (
                *f,
                if *f == name {
                    value.clone()
                } else {
                    current(f)
                },
            )
        })
        .collect();
    if name == "page" && value != "1" {
        pairs.push(("page", value));
    }
    format!("{path}{}", crate::api::query_string(&pairs))
}

/// Moves to `href`, a URL of the app that already holds the base path (from
/// `paths::url` or `filtered_link`), so the router must not add it again.
pub fn use_go() -> impl Fn(&str, NavigateOptions) + Clone {
    let navigate = leptos_router::hooks::use_navigate();
    move |href, options| {
        navigate(
            href,
            NavigateOptions {
                resolve: false,
                ..options
            },
        )
    }
}

/// A query parameter of the current URL, empty when absent.
pub fn query_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get(name).unwrap_or_default()
}

/// The record id of the address (`/fair/3/vote`), 0 (which names nothing) when
/// it has none.
pub fn id_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let location = leptos_router::hooks::use_location();
    move || bastama_model::route::Route::id(&location.pathname.read())
}

/// The `page` query parameter, 1 when absent or not a number.
pub fn page_param() -> impl Fn() -> u32 + Copy + Send + Sync + 'static {
    let page = query_param("page");
    move || page().parse().ok().filter(|p| *p >= 1).unwrap_or(1)
}
