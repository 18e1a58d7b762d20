//! The published ballot box in the app: its head on the fair's page, and on
//! the results page of a closed fair the recount in the browser and a
//! receipt looked up among the published ballots. An area of its own (see
//! `areas`), with the recount's hashing and counting, fetched only where a
//! fair's box is shown.

use crate::api;
use crate::components::loaded::{error_text, loaded};
use crate::i18n::{tr, tr_with, use_i18n, use_t};
use crate::pages::fair::publication_note;
use crate::pages::vote::field_message;
use crate::paths::url;
use bastama_model::ballot_box::recount;
use bastama_model::{i18n::mismatch_text, receipt, BallotBox, BallotPublication, FairResults};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The ballot box while voting is open and after: the head of the chain
/// over its ballot events, and once voting closed the published files and
/// the protocol.
#[component]
pub fn BoxHead(fair_id: i64, closed: bool, publication: BallotPublication) -> impl IntoView {
    let head = api::fetch(move || api::ballot_box_head(fair_id));
    let file = |ext: &str| url(format!("/api/v1/fairs/{fair_id}/ballots.{ext}"));
    view! {
        <section class="ballot-box" aria-labelledby="ballot-box-title">
            <h2 id="ballot-box-title">{tr(|s| s.box_title)}</h2>
            <p>{tr_with(publication, publication_note)}</p>
            {loaded(head, |head| view! {
                <dl class="facts">
                    <dt>{tr(|s| s.box_entries)}</dt>
                    <dd>{head.events}</dd>
                    <dt>{tr(|s| s.box_head)}</dt>
                    <dd><code class="hash box-head">{head.head}</code></dd>
                </dl>
            })}
            {if closed {
                view! {
                    <p class="open-data">
                        {tr(|s| s.box_files)} " "
                        <a href=file("json") rel="external" download>"JSON"</a>
                        {(publication == BallotPublication::Ballots).then(|| view! {
                            <a href=file("csv") rel="external" download>"CSV"</a>
                        })}
                        <a href=url(format!("/fair/{fair_id}/protocol"))>{tr(|s| s.protocol_link)}</a>
                    </p>
                }
                .into_any()
            } else {
                view! { <p class="hint">{tr(|s| s.box_note)}</p> }.into_any()
            }}
        </section>
    }
}

/// "Recount from the published ballots": the file fetched, its chain and
/// ballots checked and counted by the very code the server counts with,
/// and the outcome compared with the results shown; and a receipt looked up
/// in the same file.
#[component]
pub fn Recount(fair_id: i64, shown: FairResults, publication: BallotPublication) -> impl IntoView {
    let t = use_t();
    let ballot_box = RwSignal::new(None::<BallotBox>);
    let outcome = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    // The file once fetched, kept for the next recount or lookup.
    let fetched = move || async move {
        if let Some(found) = ballot_box.get_untracked() {
            return Ok(found);
        }
        let found = api::ballot_box(fair_id).await?;
        ballot_box.set(Some(found.clone()));
        Ok::<_, api::ApiError>(found)
    };
    let run = move |_| {
        let shown = shown.clone();
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let t = t.get_untracked();
            outcome.set(Some(match fetched().await {
                Err(error) => (false, error_text(t, &error)),
                Ok(found) => match recount(&found) {
                    Ok(recounted) if recounted.results == shown => (
                        true,
                        format!(
                            "{} {}",
                            t.recount_ok
                                .replace("{n}", &recounted.results.ballots.to_string())
                                .replace("{events}", &recounted.events.to_string()),
                            recounted.head
                        ),
                    ),
                    Ok(_) => (
                        false,
                        format!("{} {}", t.recount_failed, t.recount_page_differs),
                    ),
                    Err(mismatch) => (
                        false,
                        format!("{} {}", t.recount_failed, mismatch_text(t, &mismatch)),
                    ),
                },
            }));
            busy.set(false);
        });
    };
    view! {
        <section class="recount" aria-labelledby="recount-title">
            <h2 id="recount-title">{tr(|s| s.box_title)}</h2>
            <p class="hint">{crate::i18n::tr_with(publication, crate::pages::fair::publication_note)}</p>
            <p class="open-data">
                {tr(|s| s.box_files)} " "
                <a href=url(format!("/api/v1/fairs/{fair_id}/ballots.json")) rel="external" download>"JSON"</a>
                {(publication == BallotPublication::Ballots).then(|| view! {
                    <a href=url(format!("/api/v1/fairs/{fair_id}/ballots.csv")) rel="external" download>"CSV"</a>
                })}
            </p>
            <button type="button" on:click=run disabled=busy>{tr(|s| s.recount_button)}</button>
            <p role="status" class=move || match outcome.get() {
                Some((true, _)) => "recount-outcome agrees",
                Some((false, _)) => "recount-outcome differs",
                None => "recount-outcome",
            }>
                {move || if busy.get() { Some(t.get().recount_running.to_owned()) } else { outcome.get().map(|(_, text)| text) }}
            </p>
            {(publication == BallotPublication::Ballots).then(|| view! { <FindReceipt fetched/> })}
        </section>
    }
}

/// A receipt looked up among the published ballots: the ideas its ballot chose.
#[component]
fn FindReceipt<F, Fut>(fetched: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + 'static,
    Fut: std::future::Future<Output = api::ApiResult<BallotBox>> + 'static,
{
    let t = use_t();
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<String>);
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let strings = t.get_untracked();
        let code = match receipt::parse("code", &typed.get_untracked()) {
            Ok(code) => code,
            Err(error) => {
                return answer.set(field_message(strings, Some(error)).map(str::to_owned))
            }
        };
        spawn_local(async move {
            answer.set(Some(match fetched().await {
                Err(error) => error_text(strings, &error),
                Ok(found) => match found.ballots.iter().find(|b| b.receipt == code) {
                    None => strings.box_not_found.to_owned(),
                    Some(ballot) => {
                        let titles: Vec<String> = ballot
                            .ideas
                            .iter()
                            .filter_map(|id| found.ideas.iter().find(|i| i.id == *id))
                            .map(|idea| i18n.pick(&idea.title))
                            .collect();
                        format!("{} {}", strings.box_found, titles.join("; "))
                    }
                },
            }));
        });
    };
    view! {
        <form class="find-receipt" on:submit=find novalidate>
            <label for="find-receipt">{tr(|s| s.box_find_label)}</label>
            <input id="find-receipt" autocomplete="off" spellcheck="false" placeholder="7K2QM-XD4RA"
                prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
            " " <button type="submit" class="secondary">{tr(|s| s.box_find_button)}</button>
            <p role="status">{move || answer.get()}</p>
        </form>
    }
}
