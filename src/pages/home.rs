//! Home: the region's figures from `/api/v1/stats` and the ways in.

use crate::api;
use crate::components::loaded::loaded;
use crate::components::set_title;
use crate::i18n::{format_number, use_i18n, use_t, Strings};
use bastama_model::Stats;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let t = use_t();
    Effect::new(move || set_title(t.get().nav_home));
    let stats = LocalResource::new(api::stats);
    view! {
        <section class="hero">
            <h1>{move || t.get().home_title}</h1>
            <p class="lede">{move || t.get().home_lede}</p>
        </section>
        <section aria-labelledby="figures-title">
            <h2 id="figures-title">{move || t.get().figures_title}</h2>
            {loaded(stats, |stats| view! { <Figures stats/> })}
        </section>
        <section aria-labelledby="ways-title">
            <h2 id="ways-title">{move || t.get().ways_in}</h2>
            <ul class="ways">
                <li><A href="/initiatives">
                    <strong>{move || t.get().nav_initiatives}</strong>
                    <span>{move || t.get().way_initiatives}</span>
                </A></li>
                <li><A href="/fair">
                    <strong>{move || t.get().nav_fair}</strong>
                    <span>{move || t.get().way_fair}</span>
                </A></li>
                <li><A href="/ngos">
                    <strong>{move || t.get().nav_ngos}</strong>
                    <span>{move || t.get().way_ngos}</span>
                </A></li>
            </ul>
        </section>
    }
}

#[component]
fn Figures(stats: Stats) -> impl IntoView {
    let t = use_t();
    let lang = use_i18n().lang;
    let figures: [(i64, fn(&Strings) -> &'static str); 6] = [
        (stats.ngos_registered, |s| s.fig_ngos_registered),
        (stats.ngos_active, |s| s.fig_ngos_active),
        (stats.initiatives, |s| s.fig_initiatives),
        (stats.patron_funded_events, |s| s.fig_patron_events),
        (stats.volunteers, |s| s.fig_volunteers),
        (stats.ideas, |s| s.fig_ideas),
    ];
    view! {
        {stats.demo.then(|| view! { <p class="demo-notice">{move || t.get().demo_notice}</p> })}
        <ul class="figures">
            {figures
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <li>
                            <span class="figure">{move || format_number(lang.get(), value)}</span>
                            <span class="figure-label">{move || label(t.get())}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
