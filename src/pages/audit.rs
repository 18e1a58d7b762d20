//! `/moderation/audit`, the audit log on the moderators' desk: every write,
//! newest first, filtered by record, account and dates (kept in the address),
//! whether the chain of hashes holds, and the CSV of all that the filter picks.

use crate::api::{self, query_string, ApiError};
use crate::components::decisions::{action_label, change_text, kind_label};
use crate::components::form::{Errors, Field, Input};
use crate::components::loaded::{error_text, Loading};
use crate::components::sign_in::ModeratorsOnly;
use crate::i18n::{moment_at, number, title, tr, use_i18n, use_t};
use crate::pages::{query_param, use_go};
use crate::paths::url;
use crate::session::use_account;
use bastama_model::query::Pairs;
use bastama_model::{AuditEntry, AuditPage as Log, AuditQuery, ChainCheck, Kind, Text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The most entries the server answers for one filter.
const SHOWN: usize = 500;

#[component]
pub fn AuditPage() -> impl IntoView {
    title(|s| s.audit_title);
    view! {
        <h1>{tr(|s| s.audit_title)}</h1>
        <ModeratorsOnly>
            <p><a href=url("/moderation")>{tr(|s| s.moderation)}</a></p>
            <p class="lead">{tr(|s| s.audit_intro)}</p>
            <AuditLog/>
        </ModeratorsOnly>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let account = use_account();
    let t = use_t();
    let params = AuditQuery::NAMES.map(query_param);
    // The filter the address names; a bad one (typed into the address) shows
    // as the form's error, and the log unfiltered.
    let from_address = move || read(params.map(|value| value()));
    let query = Memo::new(move |_| from_address().unwrap_or_default());
    let [record, account_id, from, to] = params.map(|value| RwSignal::new(value()));
    let errors = Errors::new();
    Effect::new(move || errors.show(from_address().err().into_iter().collect()));
    let go = use_go();
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read([record, account_id, from, to].map(|value| value.get_untracked())) {
            Err(error) => errors.show(vec![error]),
            Ok(query) => {
                errors.show(Vec::new());
                let href = url(format!("/moderation/audit{}", query_string(&query.pairs())));
                go(&href, Default::default());
            }
        }
    };
    let log = LocalResource::new(move || {
        let filter = query_string(&query.get().pairs());
        let token = account.token().unwrap_or_default();
        async move { api::audit(&filter, &token).await }
    });
    let downloading = RwSignal::new(None::<String>);
    let download = move |_| {
        let filter = query_string(&query.get_untracked().pairs());
        let token = account.token().unwrap_or_default();
        let strings = t.get_untracked();
        spawn_local(async move {
            match api::audit_csv(&filter, &token).await {
                Ok(csv) => {
                    save_file("audit.csv", &csv);
                    downloading.set(None);
                }
                Err(error) => downloading.set(Some(error_text(strings, &error))),
            }
        });
    };
    view! {
        <form class="filters audit-filters" on:submit=show novalidate>
            <Field id="audit-record" field="record" label=tr(|s| s.audit_record)
                value=record set=Callback::new(move |v| record.set(v)) errors/>
            <Field id="audit-account" field="account" label=tr(|s| s.audit_account)
                value=account_id set=Callback::new(move |v| account_id.set(v)) errors input=Input::Number/>
            <Field id="audit-from" field="from" label=tr(|s| s.audit_from)
                value=from set=Callback::new(move |v| from.set(v)) errors input=Input::Date/>
            <Field id="audit-to" field="to" label=tr(|s| s.audit_to)
                value=to set=Callback::new(move |v| to.set(v)) errors input=Input::Date/>
            <button type="submit">{tr(|s| s.audit_filter)}</button>
        </form>
        <p>
            <button type="button" class="secondary" on:click=download>{tr(|s| s.audit_csv)}</button>
            " " <span role="status">{move || downloading.get()}</span>
        </p>
        {move || match log.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(ApiError::Problem(p))) if p.kind == Kind::Unauthorized => {
                account.forget();
                view! { <Loading/> }.into_any()
            }
            Some(Err(error)) => view! {
                <div class="error" role="alert">
                    <p>{error_text(t.get_untracked(), &error)}</p>
                    <button type="button" on:click=move |_| log.refetch()>{tr(|s| s.retry)}</button>
                </div>
            }
            .into_any(),
            Some(Ok(log)) => view! { <Entries log/> }.into_any(),
        }}
    }
}

/// The filter of the values of `AuditQuery::NAMES`, in that order.
fn read(values: [String; 4]) -> Result<AuditQuery, bastama_model::FieldError> {
    let pairs: Vec<(String, String)> = AuditQuery::NAMES
        .iter()
        .map(|name| name.to_string())
        .zip(values)
        .collect();
    AuditQuery::read(&Pairs(&pairs))
}

#[component]
fn Entries(log: Log) -> impl IntoView {
    let Log { entries, chain } = log;
    let more = entries.len() >= SHOWN;
    view! {
        <Chain chain/>
        {if entries.is_empty() {
            view! { <p class="empty" role="status">{tr(|s| s.audit_empty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="audit">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{tr(|s| s.audit_when)}</th>
                                <th scope="col">{tr(|s| s.audit_who)}</th>
                                <th scope="col">{tr(|s| s.audit_what)}</th>
                                <th scope="col">{tr(|s| s.audit_changes)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {entries.into_iter().map(|entry| view! { <Row entry/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {more.then(|| view! { <p class="hint">{tr(|s| s.audit_more)}</p> })}
    }
}

#[component]
fn Chain(chain: ChainCheck) -> impl IntoView {
    let head = chain.head.unwrap_or_default();
    match chain.broken_at {
        Some(seq) => view! {
            <p class="error" role="alert">{tr(|s| s.audit_chain_broken)} " #" {seq}</p>
        }
        .into_any(),
        None => view! {
            <p class="note" role="status">
                {tr(|s| s.audit_chain_ok)} " " {number(chain.entries)} " · "
                <code class="hash" title=head.clone()>{head.chars().take(16).collect::<String>()}</code>
            </p>
        }
        .into_any(),
    }
}

#[component]
fn Row(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let who = move || {
        let t = i18n.strings();
        match (entry.role, entry.account) {
            (Some(role), Some(id)) => format!("{} #{id}", t.roles[role.index()]),
            _ => t.audit_system.to_owned(),
        }
    };
    let what = move || {
        let t = i18n.strings();
        let record = |r: bastama_model::RecordRef| format!("{} #{}", kind_label(t, r.kind), r.id);
        let mut what = format!(
            "{}: {}",
            record(entry.record),
            action_label(t, entry.action)
        );
        if let Some(within) = entry.within {
            what = format!("{what} ({})", record(within));
        }
        what
    };
    let changes = entry.changes.clone();
    let lines = move || {
        let t = i18n.strings();
        let pick = |text: &Text| i18n.pick(text);
        changes
            .iter()
            .map(|change| view! { <li>{change_text(t, &pick, change)}</li> })
            .collect_view()
    };
    view! {
        <tr>
            <td>{entry.seq}</td>
            <td><time datetime=entry.at.clone()>{moment_at(&entry.at)}</time></td>
            <td>{who}</td>
            <td>
                {what}
                {entry.public.then(|| view! { " " <span class="badge">{tr(|s| s.audit_public)}</span> })}
            </td>
            <td><ul class="plain changes">{lines}</ul></td>
        </tr>
    }
}

/// Offers `text` to the browser as a file to save.
fn save_file(name: &str, text: &str) {
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        js_sys::encode_uri_component(text)
    );
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    link.set_href(&href);
    link.set_download(name);
    link.click();
}
