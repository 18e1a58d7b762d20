//! The frame around every page: skip link, header with menu and language switch, footer.

use crate::i18n::{tr, use_i18n, Choice};
use crate::paths::url;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{tr(|s| s.skip_to_content)}</a>
        <header class="site-header">
            <div class="bar">
                <A href=url("/") attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"Б"</span>
                    <span>{tr(|s| s.app_name)}</span>
                </A>
                <LanguageSwitch/>
            </div>
            <nav class="main-nav" aria-label=tr(|s| s.nav_label)>
                <A href=url("/") exact=true>{tr(|s| s.nav_home)}</A>
                <A href=url("/initiatives")>{tr(|s| s.nav_initiatives)}</A>
                <A href=url("/map")>{tr(|s| s.nav_map)}</A>
                <A href=url("/fair")>{tr(|s| s.nav_fair)}</A>
                <A href=url("/ngos")>{tr(|s| s.nav_ngos)}</A>
                <A href=url("/stats")>{tr(|s| s.nav_stats)}</A>
            </nav>
        </header>
    }
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="lang-switch" role="group" aria-label=tr(|s| s.language)>
            {Choice::ALL
                .into_iter()
                .map(|(choice, label)| {
                    view! {
                        <button
                            type="button"
                            lang=choice.code()
                            aria-pressed=move || (i18n.choice() == choice).to_string()
                            on:click=move |_| i18n.choose(choice)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{tr(|s| s.app_name)} " — " {tr(|s| s.tagline)}</p>
            <p>
                <a href=url("/account")>{tr(|s| s.for_ngos)}</a>
                " · "
                <a href=url("/api/v1/openapi.json")>"API"</a>
            </p>
        </footer>
    }
}

/// After a move to another page (not on the first load), focus goes to the new
/// page's content, so a screen reader starts reading there and Tab goes on from it.
#[component]
pub fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    // The path focus was last moved for; the router may report the first
    // page's path more than once while it starts.
    let shown = StoredValue::new(location.pathname.get_untracked());
    Effect::new(move || {
        let path = location.pathname.get();
        if shown.with_value(|shown| *shown == path) {
            return;
        }
        shown.set_value(path);
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    });
}
