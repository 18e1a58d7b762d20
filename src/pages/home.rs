//! Home: the region's figures from `/api/v1/stats` and the ways in.

use crate::api;
use crate::components::loaded::loaded;
use crate::i18n::{number, title, tr, Key};
use crate::paths::url;
use bastama_model::Stats;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    title(|s| s.nav_home);
    let stats = api::fetch(api::stats);
    view! {
        <section class="hero">
            <h1>{tr(|s| s.home_title)}</h1>
            <p class="lede">{tr(|s| s.home_lede)}</p>
        </section>
        <section aria-labelledby="figures-title">
            <h2 id="figures-title">{tr(|s| s.figures_title)}</h2>
            {loaded(stats, |stats| view! { <Figures stats/> })}
        </section>
        <section aria-labelledby="ways-title">
            <h2 id="ways-title">{tr(|s| s.ways_in)}</h2>
            <ul class="ways">
                <li><A href=url("/initiatives")>
                    <strong>{tr(|s| s.nav_initiatives)}</strong>
                    <span>{tr(|s| s.way_initiatives)}</span>
                </A></li>
                <li><A href=url("/fair")>
                    <strong>{tr(|s| s.nav_fair)}</strong>
                    <span>{tr(|s| s.way_fair)}</span>
                </A></li>
                <li><A href=url("/ngos")>
                    <strong>{tr(|s| s.nav_ngos)}</strong>
                    <span>{tr(|s| s.way_ngos)}</span>
                </A></li>
            </ul>
        </section>
    }
}

#[component]
pub fn Figures(stats: Stats) -> impl IntoView {
    let figures: [(i64, Key); 6] = [
        (stats.ngos_registered, |s| s.fig_ngos_registered),
        (stats.ngos_active, |s| s.fig_ngos_active),
        (stats.initiatives, |s| s.fig_initiatives),
        (stats.patron_funded_events, |s| s.fig_patron_events),
        (stats.volunteers, |s| s.fig_volunteers),
        (stats.ideas, |s| s.fig_ideas),
    ];
    view! {
        {stats.demo.then(|| view! { <p class="demo-notice">{tr(|s| s.demo_notice)}</p> })}
        <ul class="figures">
            {figures
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <li>
                            <span class="figure">{number(value)}</span>
                            <span class="figure-label">{tr(label)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
