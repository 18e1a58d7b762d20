//! Pieces that several pages share.

pub mod decisions;
pub mod embed;
pub mod form;
pub mod layout;
pub mod loaded;
pub mod pager;
pub mod sign_in;
pub mod vocabulary;

use crate::i18n::tr;
use leptos::prelude::*;

/// Marks a record of the demo data set.
#[component]
pub fn DemoBadge(demo: bool) -> impl IntoView {
    demo.then(|| view! { <span class="badge badge-demo">{tr(|s| s.demo_badge)}</span> })
}

/// Links to the open-data files of a list, with the list's current filters.
#[component]
pub fn OpenData(#[prop(into)] links: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    view! {
        <p class="open-data">
            {tr(|s| s.open_data)} ": "
            {move || {
                links
                    .get()
                    .into_iter()
                    .map(|(label, href)| view! { <a href=href rel="external" download>{label}</a> " " })
                    .collect_view()
            }}
        </p>
    }
}

/// Sets the document's title for the current page.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} · Bastama"));
    }
}
