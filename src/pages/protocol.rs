//! `/fair/:id/protocol`: the results protocol of a closed fair, a page made
//! to be printed on A4 (`@media print` in the stylesheet): the fair, its
//! dates and electorate, the ballots by origin and station, the voids, each
//! idea's votes and rank with ties marked, the winners, the chain's head and
//! the SHA-256 of the published ballots.

use crate::api;
use crate::components::loaded::loaded;
use crate::components::set_title;
use crate::components::vocabulary::district_name;
use crate::i18n::{localized, number, tr, tr_with, use_t};
use crate::pages::fair::{electorate_words, window};
use crate::pages::id_param;
use crate::pages::results::origin_rows;
use crate::paths::url;
use bastama_model::{Electorate, FairResults, Protocol};
use leptos::prelude::*;

#[component]
pub fn ProtocolPage() -> impl IntoView {
    let t = use_t();
    Effect::new(move || set_title(t.get().protocol_title));
    let id = id_param();
    let protocol = api::fetch(move || api::protocol(id()));
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <p class="no-print">
            <a href=move || url(format!("/fair/{}/results", id()))>"← " {tr(|s| s.results_title)}</a>
            " " <button type="button" on:click=print>{tr(|s| s.protocol_print)}</button>
        </p>
        {loaded(protocol, |protocol| view! { <ProtocolView protocol/> })}
    }
}

#[component]
pub fn ProtocolView(protocol: Protocol) -> impl IntoView {
    let Protocol {
        fair,
        results,
        voids,
        events,
        head,
        file_sha256,
    } = protocol;
    let districts = (fair.electorate == Electorate::District).then(|| {
        let names: Vec<_> = fair.districts.iter().cloned().map(district_name).collect();
        view! { " " {move || names.iter().map(|name| name()).collect::<Vec<_>>().join(", ")} }
    });
    let electorate = fair.electorate;
    view! {
        <article class="protocol">
            <h1>{tr(|s| s.protocol_title)}</h1>
            <p class="protocol-fair">{localized(&fair.title)}</p>
            <dl class="facts">
                <dt>{tr(|s| s.voting_window)}</dt>
                <dd>{window(&fair)}</dd>
                <dt>{tr(|s| s.electorate_label)}</dt>
                <dd>{tr_with(electorate, electorate_words)} {districts}</dd>
                {(electorate != Electorate::Open).then(|| view! {
                    <dt>{tr(|s| s.roll_size)}</dt>
                    <dd>{number(fair.roll_size)}</dd>
                })}
                <dt>{tr(|s| s.votes_per_voter)}</dt>
                <dd>{fair.votes_per_voter}</dd>
                <dt>{tr(|s| s.winners)}</dt>
                <dd>{fair.winners}</dd>
            </dl>
            <h2>{tr(|s| s.protocol_ballots)}</h2>
            {ballots_by_origin(&results)}
            <h2>{tr(|s| s.protocol_voids)}</h2>
            {if voids.is_empty() {
                view! { <p>{tr(|s| s.protocol_no_voids)}</p> }.into_any()
            } else {
                view! {
                    <table class="results">
                        <tbody>
                            {voids.into_iter().map(|v| view! {
                                <tr><th scope="row">{v.station.name}</th><td>{number(v.voids)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
            <h2>{tr(|s| s.protocol_ideas)}</h2>
            {ranking(&results)}
            <p class="hint">{tr(|s| s.protocol_ties)}</p>
            <h2>{tr(|s| s.protocol_chain)}</h2>
            <dl class="facts">
                <dt>{tr(|s| s.box_entries)}</dt>
                <dd>{number(events)}</dd>
                <dt>{tr(|s| s.box_head)}</dt>
                <dd><code class="hash">{head}</code></dd>
                <dt>{tr(|s| s.protocol_file)}</dt>
                <dd><code class="hash">{file_sha256}</code></dd>
            </dl>
            <p class="hint">{tr(|s| s.protocol_check)}</p>
        </article>
    }
}

/// The ballots counted from each origin (the web, then each station), and in all.
fn ballots_by_origin(results: &FairResults) -> impl IntoView {
    view! {
        <table class="results">
            <tbody>{origin_rows(&results.origins)}</tbody>
            <tfoot>
                <tr><th scope="row">{tr(|s| s.ballots_cast)}</th><td>{number(results.ballots)}</td></tr>
            </tfoot>
        </table>
    }
}

/// Each idea's rank (ties marked), title, votes and whether it won.
fn ranking(results: &FairResults) -> impl IntoView {
    let tied = |rank: i64| results.items.iter().filter(|r| r.rank == rank).count() > 1;
    let rows = results
        .items
        .iter()
        .map(|row| {
            let tied = tied(row.rank);
            view! {
                <tr class:winner=row.winner>
                    <td>{row.rank} {tied.then(|| view! { " (" {tr(|s| s.protocol_tied)} ")" })}</td>
                    <th scope="row">{localized(&row.title)}</th>
                    <td>{number(row.votes)}</td>
                    <td>{row.winner.then(|| tr(|s| s.winner))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="results protocol-ideas">
            <thead>
                <tr>
                    <th scope="col">{tr(|s| s.rank)}</th>
                    <th scope="col">{tr(|s| s.idea)}</th>
                    <th scope="col">{tr(|s| s.votes)}</th>
                    <th scope="col">{tr(|s| s.winner)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
