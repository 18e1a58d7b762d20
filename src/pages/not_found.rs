//! The page for any address the app does not know.

use crate::i18n::{title, tr};
use crate::paths::url;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    title(|s| s.not_found_title);
    view! {
        <section class="not-found">
            <h1>{tr(|s| s.not_found_title)}</h1>
            <p>{tr(|s| s.not_found_text)}</p>
            <p><A href=url("/")>{tr(|s| s.go_home)}</A></p>
        </section>
    }
}
