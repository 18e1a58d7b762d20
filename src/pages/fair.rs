//! The ideas fairs: the list and one fair with its approved ideas (read-only for now).

use crate::api;
use crate::areas::{LazyBoxHead, LazyDecisions};
use crate::components::embed::EmbedThis;
use crate::components::loaded::{error_text, loaded, Empty};
use crate::components::vocabulary::district_name;
use crate::components::{set_title, DemoBadge};
use crate::i18n::{dates, field_words, kzt, localized, title, tr, tr_with, use_t, Strings};
use crate::pages::id_param;
use crate::paths::url;
use crate::session::now_utc;
use bastama_model::{
    BallotPublication, Electorate, EligibilityRequest, Fair, FairPhase, Idea, Iin,
};
use bastama_model::{RecordKind, RecordRef};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

pub fn phase_label(t: &Strings, phase: FairPhase) -> &'static str {
    t.phases[phase.index()]
}

/// Who may vote in a fair, in plain words.
pub fn electorate_words(t: &Strings, electorate: Electorate) -> &'static str {
    t.electorates[electorate.index()]
}

pub fn window(fair: &Fair) -> Signal<String> {
    match (&fair.voting_starts_at, &fair.voting_ends_at) {
        (Some(start), Some(end)) => dates(start, Some(end)),
        _ => Signal::stored("—".into()),
    }
}

#[component]
pub fn FairList() -> impl IntoView {
    title(|s| s.nav_fair);
    let fairs = api::fetch(api::fairs);
    view! {
        <h1>{tr(|s| s.fair_title)}</h1>
        {loaded(fairs, move |fairs| {
            if fairs.is_empty() {
                return view! { <p class="empty" role="status">{tr(|s| s.fairs_empty)}</p> }.into_any();
            }
            view! {
                <ul class="cards">
                    {fairs.into_iter().map(|fair| {
                        let id = fair.id;
                        let ideas = fair.ideas;
                        let phase = fair.phase;
                        let window = window(&fair);
                        view! {
                            <li class="card">
                                <h2><A href=url(format!("/fair/{id}"))>{localized(&fair.title)}</A></h2>
                                <p class="tags">
                                    <span class=format!("badge phase-{}", phase.code())>{tr_with(phase, phase_label)}</span>
                                    <DemoBadge demo=fair.demo/>
                                </p>
                                <p>{localized(&fair.description)}</p>
                                <dl class="facts">
                                    <dt>{tr(|s| s.voting_window)}</dt>
                                    <dd>{window}</dd>
                                    <dt>{tr(|s| s.ideas_title)}</dt>
                                    <dd>{ideas}</dd>
                                </dl>
                                <p><A href=url(format!("/fair/{id}")) attr:class="button">{tr(|s| s.open_fair)}</A></p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}

#[component]
pub fn FairPage() -> impl IntoView {
    let id = id_param();
    let fair = api::fetch(move || api::fair(id()));
    let ideas = api::fetch(move || api::ideas(id()));
    loaded(fair, move |fair| view! { <FairView fair ideas/> })
}

#[component]
fn FairView(fair: Fair, ideas: api::Fetched<bastama_model::Page<Idea>>) -> impl IntoView {
    let title = localized(&fair.title);
    let for_title = title.clone();
    Effect::new(move || set_title(&for_title()));
    let phase = fair.phase;
    let open = fair.voting_open(&now_utc());
    // Voting and results are the voting app's pages: links there load them.
    let vote_link = open.then(|| {
        view! { <a class="button" href=url(format!("/fair/{}/vote", fair.id))>{tr(|s| s.vote_title)}</a> }
    });
    let propose_link = (phase == FairPhase::Submission).then(|| {
        view! { <a class="button" href=url(format!("/fair/{}/propose", fair.id))>{tr(|s| s.propose_idea)}</a> }
    });
    let results_link = (fair.results_live || phase == FairPhase::Closed).then(|| {
        view! { <a class="button secondary" href=url(format!("/fair/{}/results", fair.id))>{tr(|s| s.results)}</a> }
    });
    let fair_id = fair.id;
    let electorate = fair.electorate;
    let publication = fair.publication;
    let districts = (electorate == Electorate::District).then(|| {
        let names = fair
            .districts
            .iter()
            .cloned()
            .map(district_name)
            .collect::<Vec<_>>();
        view! {
            " " {tr(|s| s.electorate_districts)} " "
            {move || names.iter().map(|name| name()).collect::<Vec<_>>().join(", ")}
        }
    });
    view! {
        <article>
            <h1>{title}</h1>
            <p class="tags">
                <span class=format!("badge phase-{}", phase.code())>{tr_with(phase, phase_label)}</span>
                <DemoBadge demo=fair.demo/>
            </p>
            <p>{localized(&fair.description)}</p>
            <dl class="facts">
                <dt>{tr(|s| s.voting_window)}</dt>
                <dd>{window(&fair)}</dd>
                <dt>{tr(|s| s.votes_per_voter)}</dt>
                <dd>{fair.votes_per_voter}</dd>
                <dt>{tr(|s| s.winners)}</dt>
                <dd>{fair.winners}</dd>
                <dt>{tr(|s| s.electorate_label)}</dt>
                <dd>{tr_with(electorate, electorate_words)} {districts}</dd>
            </dl>
            <p class="actions">{vote_link} {propose_link} {results_link}</p>
            {(electorate != Electorate::Open && phase != FairPhase::Closed).then(|| view! { <CanIVote fair_id/> })}
            {(!open).then(|| view! { <p class="note">{tr(|s| s.voting_not_open)}</p> })}
            <h2>{tr(|s| s.ideas_title)}</h2>
            {loaded(ideas, |page| {
                if page.items.is_empty() {
                    return view! { <Empty/> }.into_any();
                }
                view! {
                    <ol class="cards ideas">
                        {page.items.into_iter().map(|idea| view! { <IdeaCard idea/> }).collect_view()}
                    </ol>
                }
                .into_any()
            })}
            {matches!(phase, FairPhase::Voting | FairPhase::Closed).then(|| view! {
                <LazyBoxHead fair_id closed=phase == FairPhase::Closed publication/>
            })}
            <LazyDecisions record=RecordRef::new(RecordKind::Fair, fair_id)/>
            <EmbedThis view="fair" id=fair_id/>
        </article>
    }
}

/// What the fair publishes of its ballots, in plain words.
pub fn publication_note(t: &Strings, publication: BallotPublication) -> &'static str {
    match publication {
        BallotPublication::Ballots => t.publication_ballots_note,
        BallotPublication::Totals => t.publication_totals_note,
    }
}

/// "Can I vote?": an IIN in, whether it is on the fair's voter list out.
/// Plain markup, not the forms' `Field`: this page's chunk stays small.
#[component]
fn CanIVote(fair_id: i64) -> impl IntoView {
    let t = use_t();
    let iin = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<String>);
    let answer = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        answer.set(None);
        let typed = iin.get_untracked();
        let t = t.get_untracked();
        if let Err(error) = Iin::field("iin", &typed) {
            return invalid.set(Some(field_words(t, &error)));
        }
        busy.set(true);
        spawn_local(async move {
            match api::eligibility(fair_id, &EligibilityRequest { iin: typed }).await {
                Ok(found) if found.eligible => answer.set(Some(t.eligible_yes.to_owned())),
                Ok(_) => answer.set(Some(t.err_not_on_roll.to_owned())),
                Err(error) => answer.set(Some(error_text(t, &error))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="can-i-vote" aria-labelledby="can-i-vote-title">
            <h2 id="can-i-vote-title">{tr(|s| s.can_i_vote)}</h2>
            <form on:submit=check novalidate>
                <div class="field">
                    <label for="eligibility-iin">{tr(|s| s.iin)}</label>
                    <p class="hint" id="eligibility-hint">{tr(|s| s.can_i_vote_hint)}</p>
                    <input id="eligibility-iin" inputmode="numeric" autocomplete="off" prop:value=iin
                        aria-describedby="eligibility-error eligibility-hint"
                        aria-invalid=move || invalid.with(Option::is_some).then_some("true")
                        on:input=move |ev| {
                            iin.set(event_target_value(&ev));
                            invalid.set(None);
                            answer.set(None);
                        }/>
                    <p class="field-error" id="eligibility-error">{move || invalid.get()}</p>
                </div>
                <button type="submit" disabled=busy>{tr(|s| s.check)}</button>
            </form>
            <p class="answer" role="status">{move || answer.get()}</p>
        </section>
    }
}

/// An idea; `choose` is what the voting app puts on it (the checkbox).
#[component]
pub fn IdeaCard(idea: Idea, #[prop(optional)] choose: Option<AnyView>) -> impl IntoView {
    let budget = idea.budget_kzt;
    view! {
        <li class="card" id=format!("idea-{}", idea.id)>
            <h3>{localized(&idea.title)}</h3>
            <p class="tags"><DemoBadge demo=idea.demo/></p>
            {choose}
            <p>{localized(&idea.summary)}</p>
            {(!idea.description.get(bastama_model::Lang::Kk).is_empty()).then(|| view! {
                <details>
                    <summary>{tr(|s| s.more)}</summary>
                    <p class="description">{localized(&idea.description)}</p>
                </details>
            })}
            <dl class="facts">
                {idea.ngo_id.zip(idea.ngo_name.clone()).map(|(id, name)| view! {
                    <dt>{tr(|s| s.organiser)}</dt>
                    <dd><A href=url(format!("/ngos/{id}"))>{localized(&name)}</A></dd>
                })}
                {idea.district.clone().map(|d| view! {
                    <dt>{tr(|s| s.district)}</dt>
                    <dd>{district_name(d)}</dd>
                })}
                <dt>{tr(|s| s.budget)}</dt>
                <dd>{kzt(budget)}</dd>
                {idea.funding.clone().map(|f| {
                    let amount = f.amount_kzt;
                    view! {
                        <dt>{tr(|s| s.sponsor)}</dt>
                        <dd>
                            {f.sponsor} ", " {kzt(amount)}
                            {f.memorandum_signed.then(|| view! { <span class="badge badge-ok">{tr(|s| s.memorandum_signed)}</span> })}
                        </dd>
                    }
                })}
            </dl>
        </li>
    }
}
