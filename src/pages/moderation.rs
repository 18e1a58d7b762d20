//! `/moderation`, the moderators' desk (a bundle of its own): sign in, approve or
//! reject NGOs' applications and ideas, open fairs, move them through their
//! phases, change their settings, and record the funding ideas found.

use crate::api::{self, ApiError, ApiResult, Pending};
use crate::components::form::{Errors, Field, Input};
use crate::components::loaded::error_text;
use crate::components::sign_in::{ModeratorsOnly, SignOut};
use crate::components::vocabulary::district_name;
use crate::i18n::{dates, kzt, localized, number, title, tr, tr_with, use_t, Strings};
use crate::pages::electorate::ElectorateControl;
use crate::pages::fair::phase_label;
use crate::pages::initiatives::kind_label;
use crate::paths::url;
use crate::session::{use_account, Account};
use bastama_model::{
    validate, BallotPublication, Fair, FairChange, FairPhase, FieldError, FundingChange, Idea,
    IdeaFunding, Kind, NewFair, Problem, Reason, Rejection, Text,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ModerationPage() -> impl IntoView {
    title(|s| s.moderation);
    view! {
        <h1>{tr(|s| s.moderation)}</h1>
        <ModeratorsOnly>
            <SignOut/>
            <p>
                <a href=url("/station")>{tr(|s| s.stations_link)}</a> " · "
                <a href=url("/moderation/audit")>{tr(|s| s.audit_link)}</a>
            </p>
            <Queue/>
            <Fairs/>
        </ModeratorsOnly>
    }
}

/// What a change's answer does to the desk: a message, a reload of whatever
/// reads `version`, a sign-out on a 401. Made while rendering and used in tasks,
/// where there is no context to look things up in.
#[derive(Clone, Copy)]
struct Outcome {
    version: RwSignal<u32>,
    message: RwSignal<Option<String>>,
    moderator: Account,
    t: Signal<&'static Strings>,
}

impl Outcome {
    fn new() -> Outcome {
        Outcome {
            version: RwSignal::new(0),
            message: RwSignal::new(None),
            moderator: use_account(),
            t: use_t(),
        }
    }

    fn apply(self, result: ApiResult<()>) {
        let Outcome {
            version,
            message,
            moderator,
            t,
        } = self;
        let t = t.get_untracked();
        match result {
            Ok(()) => message.set(None),
            Err(ApiError::Problem(p)) if p.kind == Kind::Unauthorized => moderator.forget(),
            Err(ApiError::Problem(p)) if p.kind == Kind::ChangedMeanwhile => {
                message.set(Some(t.changed_meanwhile.into()))
            }
            Err(error) => message.set(Some(error_text(t, &error))),
        }
        version.update(|v| *v += 1);
    }
}

#[component]
fn Queue() -> impl IntoView {
    let moderator = use_account();
    let outcome = Outcome::new();
    let Outcome {
        version, message, ..
    } = outcome;
    let queue = LocalResource::new(move || {
        version.track();
        let token = moderator.token().unwrap_or_default();
        async move { api::queue(&token).await }
    });
    view! {
        <section aria-labelledby="queue-title">
            <h2 id="queue-title">{tr(|s| s.queue_title)}</h2>
            <p class="form-error" role="alert">{move || message.get()}</p>
            {move || queue.get().and_then(Result::ok).and_then(|q| q.sms_budget_spent).map(|spent| view! {
                <p class="error" role="alert">{tr(|s| s.sms_budget_alert)} " " {number(spent.per_hour)}</p>
            })}
            {move || match queue.get() {
                None => None,
                Some(Err(error)) => Some(view! { <p class="error" role="alert">{error_text(use_t().get_untracked(), &error)}</p> }.into_any()),
                Some(Ok(queue)) if queue.ideas.is_empty() && queue.ngos.is_empty() && queue.initiatives.is_empty() => Some(view! { <p class="empty">{tr(|s| s.queue_empty)}</p> }.into_any()),
                Some(Ok(queue)) => Some(view! {
                    <h3>{tr(|s| s.ngo_applications)}</h3>
                    <ul class="cards">
                        {queue.ngos.into_iter().map(|ngo| view! {
                            <PendingCard what=Pending::Ngo(ngo.id) outcome>
                                <h4>{localized(&ngo.name)}</h4>
                                <dl class="facts">
                                    <dt>{tr(|s| s.bin)}</dt><dd>{ngo.bin.to_string()}</dd>
                                    <dt>{tr(|s| s.legal_form)}</dt><dd>{ngo.legal_form}</dd>
                                    <dt>{tr(|s| s.registered_on)}</dt><dd>{dates(&ngo.registered_on, None)}</dd>
                                    <dt>{tr(|s| s.district)}</dt><dd>{district_name(ngo.district)}</dd>
                                    <dt>{tr(|s| s.email_label)}</dt><dd>{ngo.email.to_string()}</dd>
                                </dl>
                            </PendingCard>
                        }).collect_view()}
                    </ul>
                    <h3>{tr(|s| s.initiatives_waiting)}</h3>
                    <ul class="cards">
                        {queue.initiatives.into_iter().map(|i| view! {
                            <PendingCard what=Pending::Initiative(i.id) outcome>
                                <h4>{localized(&i.title)}</h4>
                                <p class="meta">
                                    {tr_with(i.kind, kind_label)} " · " {district_name(i.district)} " · "
                                    {dates(&i.starts_on, None)}
                                </p>
                                {i.ngo_name.map(|n| view! { <p>{localized(&n)}</p> })}
                            </PendingCard>
                        }).collect_view()}
                    </ul>
                    <h3>{tr(|s| s.ideas_waiting)}</h3>
                    <ul class="cards">
                        {queue.ideas.into_iter().map(|idea| view! {
                            <PendingCard what=Pending::Idea(idea.id) outcome>
                                <h4>{localized(&idea.title)}</h4>
                                <p>{localized(&idea.summary)}</p>
                                <p class="meta">{tr(|s| s.budget)} ": " {kzt(idea.budget_kzt)}</p>
                            </PendingCard>
                        }).collect_view()}
                    </ul>
                }.into_any()),
            }}
        </section>
    }
}

/// An application or idea waiting, with approve and reject-with-reason.
#[component]
fn PendingCard(what: Pending, outcome: Outcome, children: Children) -> impl IntoView {
    let moderator = use_account();
    let reason = RwSignal::new(String::new());
    let approve = move |_| {
        let token = moderator.token().unwrap_or_default();
        spawn_local(async move { outcome.apply(api::approve(what, &token).await) });
    };
    let reject = move |_| {
        let token = moderator.token().unwrap_or_default();
        let rejection = Rejection {
            reason: reason.get_untracked(),
        };
        spawn_local(async move { outcome.apply(api::reject(what, &rejection, &token).await) });
    };
    let reason_id = match what {
        Pending::Ngo(id) => format!("reason-ngo-{id}"),
        Pending::Idea(id) => format!("reason-idea-{id}"),
        Pending::Initiative(id) => format!("reason-initiative-{id}"),
    };
    view! {
        <li class="card">
            {children()}
            <p class="actions">
                <button type="button" on:click=approve>{tr(|s| s.approve)}</button>
            </p>
            <div class="field">
                <label for=reason_id.clone()>{tr(|s| s.reason)}</label>
                <input id=reason_id prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
            </div>
            <button type="button" class="secondary" on:click=reject>{tr(|s| s.reject)}</button>
        </li>
    }
}

#[component]
fn Fairs() -> impl IntoView {
    let moderator = use_account();
    let outcome = Outcome::new();
    let Outcome {
        version, message, ..
    } = outcome;
    let fairs = LocalResource::new(move || {
        version.track();
        let token = moderator.token().unwrap_or_default();
        async move { api::all_fairs(&token).await }
    });
    let title_kk = RwSignal::new(String::new());
    let title_ru = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let token = moderator.token().unwrap_or_default();
        let fair = NewFair {
            title: Text {
                kk: title_kk.get_untracked(),
                ru: Some(title_ru.get_untracked()).filter(|t| !t.trim().is_empty()),
                en: None,
            },
            description: Text::default(),
            votes_per_voter: None,
            winners: None,
            results_live: None,
            publication: None,
            electorate: None,
            districts: None,
        };
        spawn_local(async move {
            let result = api::create_fair(&fair, &token).await.map(drop);
            if result.is_ok() {
                title_kk.set(String::new());
                title_ru.set(String::new());
            }
            outcome.apply(result);
        });
    };
    view! {
        <section aria-labelledby="fairs-title">
            <h2 id="fairs-title">{tr(|s| s.fairs_admin)}</h2>
            <p class="form-error" role="alert">{move || message.get()}</p>
            {move || fairs.get().and_then(Result::ok).map(|fairs| view! {
                <ul class="cards">
                    {fairs.into_iter().map(|fair| view! { <FairControl fair outcome/> }).collect_view()}
                </ul>
            })}
            <form class="new-fair" on:submit=create>
                <h3>{tr(|s| s.new_fair)}</h3>
                <div class="field">
                    <label for="fair-title-kk">{tr(|s| s.title_kk)}</label>
                    <input id="fair-title-kk" required prop:value=title_kk on:input=move |ev| title_kk.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="fair-title-ru">{tr(|s| s.title_ru)}</label>
                    <input id="fair-title-ru" prop:value=title_ru on:input=move |ev| title_ru.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{tr(|s| s.create)}</button>
            </form>
        </section>
    }
}

/// `datetime-local`'s value (the browser's local time) as RFC 3339 UTC, and back.
fn to_utc(local: &str) -> Option<String> {
    let date = js_sys::Date::new(&local.into());
    let ms = date.get_time();
    (!ms.is_nan()).then(|| crate::session::utc_seconds(&date))
}

fn to_local(utc: &str) -> String {
    let date = js_sys::Date::new(&utc.into());
    if date.get_time().is_nan() {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// A fair on the desk: its phase moved on, its settings, who may vote, and
/// its ideas' funding.
#[component]
fn FairControl(fair: Fair, outcome: Outcome) -> impl IntoView {
    let moderator = use_account();
    let next = FairPhase::ALL
        .iter()
        .position(|p| *p == fair.phase)
        .and_then(|i| FairPhase::ALL.get(i + 1))
        .copied();
    let (id, fair_version) = (fair.id, fair.version);
    let change = Callback::new(move |(change, errors): (FairChange, Errors)| {
        let token = moderator.token().unwrap_or_default();
        spawn_local(async move {
            let result = api::change_fair(id, fair_version, &change, &token).await;
            match result {
                Err(ApiError::Problem(Problem { errors: found, .. })) if !found.is_empty() => {
                    errors.show(found)
                }
                other => outcome.apply(other.map(drop)),
            }
        });
    });
    let errors = Errors::new();
    let advance = move |_| {
        let phase = FairChange {
            phase: next,
            ..Default::default()
        };
        change.run((phase, errors))
    };
    let settable = fair.phase != FairPhase::Closed;
    let settings = fair.clone();
    let electorate = fair.clone();
    view! {
        <li class="card">
            <h3>{localized(&fair.title)}</h3>
            <p class="tags"><span class="badge">{tr_with(fair.phase, phase_label)}</span></p>
            {next.map(|next| view! {
                <button type="button" on:click=advance>
                    {tr(|s| s.next_phase)} ": " {tr_with(next, phase_label)}
                </button>
            })}
            {settable.then(|| view! { <FairSettings fair=settings change errors/> })}
            <ElectorateControl fair=electorate done=Callback::new(move |result| outcome.apply(result))/>
            // A draft's ideas are not public yet, nor approved.
            {(fair.phase != FairPhase::Draft).then(|| view! { <Funding fair_id=id/> })}
        </li>
    }
}

/// A fair's settings: votes per voter, winners, the end of voting, whether
/// results show while voting, and what it publishes of its ballots (fixed
/// once voting opens, as who may vote is). Checked here by the shared
/// validators, then sent through `change`.
#[component]
fn FairSettings(
    fair: Fair,
    change: Callback<(FairChange, Errors)>,
    errors: Errors,
) -> impl IntoView {
    let t = use_t();
    let id = fair.id;
    let votes = RwSignal::new(fair.votes_per_voter.to_string());
    let winners = RwSignal::new(fair.winners.to_string());
    let live = RwSignal::new(fair.results_live);
    let publication = RwSignal::new(fair.publication);
    let publication_fixed = matches!(fair.phase, FairPhase::Voting | FairPhase::Closed);
    let ends = RwSignal::new(
        fair.voting_ends_at
            .as_deref()
            .map(to_local)
            .unwrap_or_default(),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse().unwrap_or(0);
        let end = ends.get_untracked();
        let voting_ends_at = if end.is_empty() {
            None
        } else {
            match to_utc(&end) {
                Some(utc) => Some(utc),
                None => {
                    let reason = t.get_untracked().err_date;
                    return errors.show(vec![FieldError::new(
                        "voting_ends_at",
                        Reason::Time,
                        reason,
                    )]);
                }
            }
        };
        let (votes_per_voter, winners) = (number(votes), number(winners));
        if let Err(found) = validate::fair_settings(Some(votes_per_voter), Some(winners)) {
            return errors.show(found);
        }
        let settings = FairChange {
            votes_per_voter: Some(votes_per_voter),
            winners: Some(winners),
            results_live: Some(live.get_untracked()),
            publication: Some(publication.get_untracked()),
            voting_ends_at,
            ..Default::default()
        };
        change.run((settings, errors))
    };
    let field = move |name: &'static str| format!("fair-{id}-{name}");
    view! {
        <form class="fair-settings" on:submit=save novalidate>
            <Field id=field("votes") field="votes_per_voter" label=tr(|s| s.votes_per_voter)
                value=votes set=Callback::new(move |v| votes.set(v)) errors input=Input::Number/>
            <Field id=field("winners") field="winners" label=tr(|s| s.winners_setting)
                value=winners set=Callback::new(move |v| winners.set(v)) errors input=Input::Number/>
            <Field id=field("ends") field="voting_ends_at" label=tr(|s| s.voting_ends_setting)
                value=ends set=Callback::new(move |v| ends.set(v)) errors input=Input::DateTime/>
            <div class="field checkbox">
                <label>
                    <input type="checkbox" prop:checked=live on:change=move |ev| live.set(event_target_checked(&ev))/>
                    " " {tr(|s| s.results_live_setting)}
                </label>
            </div>
            <div class="field">
                <label for=field("publication")>{tr(|s| s.publication_label)}</label>
                <select id=field("publication") disabled=publication_fixed
                    on:change=move |ev| {
                        if let Some(chosen) = BallotPublication::from_code(&event_target_value(&ev)) {
                            publication.set(chosen);
                        }
                    }>
                    {BallotPublication::ALL.iter().map(|p| view! {
                        <option value=p.code() selected=*p == fair.publication>
                            {tr_with(*p, |s, p| s.publications[p.index()])}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{tr(|s| s.save_settings)}</button>
        </form>
    }
}

/// The approved ideas of a fair, each with the funding it found.
#[component]
fn Funding(fair_id: i64) -> impl IntoView {
    let ideas = api::fetch(move || api::ideas(fair_id));
    view! {
        <details class="funding">
            <summary>{tr(|s| s.funding_title)}</summary>
            {move || ideas.get().and_then(Result::ok).map(|page| view! {
                <ul class="plain">
                    {page.items.into_iter().map(|idea| view! { <FundingForm idea/> }).collect_view()}
                </ul>
            })}
        </details>
    }
}

#[component]
fn FundingForm(idea: Idea) -> impl IntoView {
    let moderator = use_account();
    let t = use_t();
    let id = idea.id;
    let funding = idea.funding.clone().unwrap_or(IdeaFunding {
        sponsor: String::new(),
        amount_kzt: 0,
        memorandum_signed: false,
    });
    let sponsor = RwSignal::new(funding.sponsor);
    let amount = RwSignal::new(if funding.amount_kzt > 0 {
        funding.amount_kzt.to_string()
    } else {
        String::new()
    });
    let memorandum = RwSignal::new(funding.memorandum_signed);
    let errors = Errors::new();
    let status = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let token = moderator.token().unwrap_or_default();
        let sponsor = sponsor.get_untracked();
        let change = FundingChange {
            funding: (!sponsor.trim().is_empty()).then(|| IdeaFunding {
                sponsor,
                amount_kzt: amount.get_untracked().trim().parse().unwrap_or(0),
                memorandum_signed: memorandum.get_untracked(),
            }),
        };
        let strings = t.get_untracked();
        spawn_local(async move {
            match api::set_funding(id, &change, &token).await {
                Ok(()) => {
                    errors.show(Vec::new());
                    status.set(Some(strings.funding_saved.into()));
                }
                Err(ApiError::Problem(Problem { errors: found, .. })) if !found.is_empty() => {
                    errors.show(found);
                    status.set(None);
                }
                Err(error) => status.set(Some(error_text(strings, &error))),
            }
        });
    };
    let memorandum_id = format!("idea-{id}-memorandum");
    view! {
        <li>
            <form class="funding-form" on:submit=save novalidate>
                <h4>{localized(&idea.title)}</h4>
                <Field id=format!("idea-{id}-sponsor") field="funding.sponsor" label=tr(|s| s.sponsor)
                    value=sponsor set=Callback::new(move |v| sponsor.set(v)) errors/>
                <Field id=format!("idea-{id}-amount") field="funding.amount_kzt" label=tr(|s| s.amount_kzt)
                    value=amount set=Callback::new(move |v| amount.set(v)) errors input=Input::Number/>
                <div class="field checkbox">
                    <label for=memorandum_id.clone()>
                        <input id=memorandum_id.clone() type="checkbox" prop:checked=memorandum
                            on:change=move |ev| memorandum.set(event_target_checked(&ev))/>
                        " " {tr(|s| s.memorandum_signed)}
                    </label>
                </div>
                <button type="submit">{tr(|s| s.save)}</button>
                " " <span role="status">{move || status.get()}</span>
            </form>
        </li>
    }
}
