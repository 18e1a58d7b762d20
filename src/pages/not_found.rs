//! The page for any address the app does not know.

use crate::components::set_title;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_t();
    Effect::new(move || set_title(t.get().not_found_title));
    view! {
        <section class="not-found">
            <h1>{move || t.get().not_found_title}</h1>
            <p>{move || t.get().not_found_text}</p>
            <p><A href="/">{move || t.get().go_home}</A></p>
        </section>
    }
}
