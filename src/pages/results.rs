//! A fair's results: the ranking with vote counts, the winners marked, a bar
//! chart (SVG) whose text equivalent is the table, and the CSV; once voting
//! closed, a recount in the browser from the published ballots, and a voter's
//! receipt found among them.

use crate::api;
use crate::areas::LazyRecount;
use crate::components::loaded::{loaded, Empty};
use crate::components::set_title;
use crate::i18n::{localized, number, tr, use_t};
use crate::pages::id_param;
use crate::paths::url;
use bastama_model::{FairPhase, FairResults, OriginTotal, ResultRow};
use leptos::prelude::*;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let t = use_t();
    Effect::new(move || set_title(t.get().results_title));
    let id = id_param();
    let results = api::fetch(move || api::results(id()));
    let fair = api::fetch(move || api::fair(id()));
    view! {
        {if crate::paths::embedded() {
            view! { <p><a href=move || url(format!("/embed/fair/{}", id()))>"← " {tr(|s| s.vote_title)}</a></p> }.into_any()
        } else {
            view! { <p><a href=move || url(format!("/fair/{}", id()))>"← " {tr(|s| s.nav_fair)}</a></p> }.into_any()
        }}
        <h1>{tr(|s| s.results_title)}</h1>
        {loaded(results, move |results| {
            let shown = results.clone();
            view! {
                <ResultsView results/>
                {move || fair.get().and_then(Result::ok).filter(|f| f.phase == FairPhase::Closed).map(|f| {
                    let shown = shown.clone();
                    view! {
                        // The protocol is a page of the full app, not an embed view.
                        {(!crate::paths::embedded()).then(|| view! {
                            <p><a href=url(format!("/fair/{}/protocol", f.id))>{tr(|s| s.protocol_link)}</a></p>
                        })}
                        <LazyRecount fair_id=f.id shown publication=f.publication/>
                    }
                })}
            }
        })}
    }
}

const BAR_HEIGHT: i64 = 28;
const LABEL_WIDTH: i64 = 250;
const CHART_WIDTH: i64 = 640;
/// The characters of a title a bar's label shows; its accessible name has all.
const LABEL_CHARS: usize = 28;

#[component]
pub fn ResultsView(results: FairResults) -> impl IntoView {
    if results.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    if results.ballots == 0 {
        return view! { <p class="empty" role="status">{tr(|s| s.results_none)}</p> }.into_any();
    }
    let most = results
        .items
        .iter()
        .map(|r| r.votes)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = BAR_HEIGHT * results.items.len() as i64;
    let csv = url(format!("/api/v1/fairs/{}/results.csv", results.fair_id));
    view! {
        <p class="count">{tr(|s| s.ballots_cast)} ": " {number(results.ballots)}</p>
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {CHART_WIDTH} {height}")
                role="group"
                aria-labelledby="chart-title"
                preserveAspectRatio="xMinYMin meet"
            >
                <title id="chart-title">{tr(|s| s.chart_label)}</title>
                {results.items.iter().enumerate().map(|(i, row)| bar(i as i64, row, most)).collect_view()}
            </svg>
        </figure>
        <table class="results">
            <caption>{tr(|s| s.chart_label)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(|s| s.rank)}</th>
                    <th scope="col">{tr(|s| s.idea)}</th>
                    <th scope="col">{tr(|s| s.votes)}</th>
                </tr>
            </thead>
            <tbody>
                {results.items.into_iter().map(|row| view! {
                    <tr class:winner=row.winner>
                        <td>{row.rank}</td>
                        <th scope="row">
                            {localized(&row.title)}
                            {row.winner.then(|| view! { " " <span class="badge badge-ok">{tr(|s| s.winner)}</span> })}
                        </th>
                        <td>{number(row.votes)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(results.origins.len() > 1).then(|| view! { <Origins origins=results.origins/> })}
        <p class="open-data">{tr(|s| s.open_data)} ": " <a href=csv rel="external" download>"CSV"</a></p>
    }
    .into_any()
}

/// The ballots by channel, once any came on paper: online, then each station.
#[component]
fn Origins(origins: Vec<OriginTotal>) -> impl IntoView {
    view! {
        <table class="results origins">
            <caption>{tr(|s| s.by_origin)}</caption>
            <tbody>{origin_rows(&origins)}</tbody>
        </table>
    }
}

/// A row for each origin: online or the station's name, and its ballots.
pub fn origin_rows(origins: &[OriginTotal]) -> impl IntoView {
    origins
        .iter()
        .map(|origin| {
            view! {
                <tr>
                    <th scope="row">{match &origin.station {
                        Some(station) => station.name.clone().into_any(),
                        None => tr(|s| s.origin_web).into_any(),
                    }}</th>
                    <td>{number(origin.ballots)}</td>
                </tr>
            }
        })
        .collect_view()
}

/// One bar: the rank and the idea's title (shortened) at the left, the bar
/// scaled to the most votes, the count after it; named in full for screen readers.
fn bar(index: i64, row: &ResultRow, most: i64) -> impl IntoView {
    let y = index * BAR_HEIGHT;
    let room = CHART_WIDTH - LABEL_WIDTH - 60;
    let width = (row.votes * room / most).max(if row.votes > 0 { 2 } else { 0 });
    let title = localized(&row.title);
    let full = title.clone();
    let (rank, votes, winner) = (row.rank, row.votes, row.winner);
    let t = use_t();
    let name = move || {
        let mark = if winner { t.get().winner } else { "" };
        format!("#{rank} {}: {votes} {mark}", full())
            .trim_end()
            .to_owned()
    };
    let label = move || {
        let title = title();
        let short: String = title.chars().take(LABEL_CHARS).collect();
        let more = if short.len() < title.len() { "…" } else { "" };
        format!("#{rank} {short}{more}")
    };
    view! {
        <g class=if row.winner { "bar winner" } else { "bar" } role="img" aria-label=name>
            <text x="4" y=y + 19 aria-hidden="true">{label}</text>
            <rect x=LABEL_WIDTH y=y + 5 width=width height=BAR_HEIGHT - 10 rx="3"></rect>
            <text x=LABEL_WIDTH + width + 6 y=y + 19 aria-hidden="true">{row.votes}</text>
        </g>
    }
}
