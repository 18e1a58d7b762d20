//! The frame around every page: skip link, header with menu and language switch, footer.

use crate::i18n::{use_i18n, use_t};
use bastama_model::Lang;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let t = use_t();
    view! {
        <a class="skip-link" href="#main">{move || t.get().skip_to_content}</a>
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"Б"</span>
                    <span>{move || t.get().app_name}</span>
                </A>
                <LanguageSwitch/>
            </div>
            <nav class="main-nav" aria-label=move || t.get().nav_label>
                <A href="/" exact=true>{move || t.get().nav_home}</A>
                <A href="/initiatives">{move || t.get().nav_initiatives}</A>
                <A href="/fair">{move || t.get().nav_fair}</A>
                <A href="/ngos">{move || t.get().nav_ngos}</A>
            </nav>
        </header>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let t = use_t();
    let names = [(Lang::Kk, "Қаз"), (Lang::Ru, "Рус"), (Lang::En, "Eng")];
    view! {
        <div class="lang-switch" role="group" aria-label=move || t.get().language>
            {names
                .into_iter()
                .map(|(lang, label)| {
                    view! {
                        <button
                            type="button"
                            lang=lang.code()
                            aria-pressed=move || (i18n.lang.get() == lang).to_string()
                            on:click=move |_| i18n.choose(lang)
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
    let t = use_t();
    view! {
        <footer class="site-footer">
            <p>{move || t.get().app_name} " — " {move || t.get().tagline}</p>
            <p><a href="/api/v1/openapi.json">"API"</a></p>
        </footer>
    }
}
