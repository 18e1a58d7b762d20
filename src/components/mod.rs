//! Pieces that several pages share.

pub mod layout;
pub mod loaded;
pub mod pager;
pub mod vocabulary;

use crate::i18n::tr;
use leptos::prelude::*;

/// Marks a record of the demo data set.
#[component]
pub fn DemoBadge(demo: bool) -> impl IntoView {
    demo.then(|| view! { <span class="badge badge-demo">{tr(|s| s.demo_badge)}</span> })
}

/// Sets the document's title for the current page.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} · Bastama"));
    }
}
