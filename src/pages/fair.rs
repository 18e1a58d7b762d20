//! The ideas fairs: the list and one fair with its approved ideas (read-only for now).

use crate::api;
use crate::components::loaded::{loaded, Empty};
use crate::components::vocabulary::district_name;
use crate::components::{set_title, DemoBadge};
use crate::i18n::{format_kzt, localized, use_i18n, use_t, Strings};
use crate::pages::format_date;
use bastama_model::{Fair, FairPhase, Idea};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn phase_label(t: &Strings, phase: FairPhase) -> &'static str {
    let i = FairPhase::ALL.iter().position(|p| *p == phase).unwrap_or(0);
    t.phases[i]
}

fn window(fair: &Fair) -> String {
    match (&fair.voting_starts_at, &fair.voting_ends_at) {
        (Some(start), Some(end)) => format!("{} – {}", format_date(start), format_date(end)),
        _ => "—".into(),
    }
}

#[component]
pub fn FairList() -> impl IntoView {
    let t = use_t();
    Effect::new(move || set_title(t.get().nav_fair));
    let fairs = LocalResource::new(api::fairs);
    view! {
        <h1>{move || t.get().fair_title}</h1>
        {loaded(fairs, move |fairs| {
            if fairs.is_empty() {
                return view! { <p class="empty" role="status">{move || t.get().fairs_empty}</p> }.into_any();
            }
            view! {
                <ul class="cards">
                    {fairs.into_iter().map(|fair| {
                        let id = fair.id;
                        let ideas = fair.ideas;
                        let phase = fair.phase;
                        view! {
                            <li class="card">
                                <h2><A href=format!("/fair/{id}")>{localized(&fair.title)}</A></h2>
                                <p class="tags">
                                    <span class=format!("badge phase-{}", phase.code())>{move || phase_label(t.get(), phase)}</span>
                                    <DemoBadge demo=fair.demo/>
                                </p>
                                <p>{localized(&fair.description)}</p>
                                <dl class="facts">
                                    <dt>{move || t.get().voting_window}</dt>
                                    <dd>{window(&fair)}</dd>
                                    <dt>{move || t.get().ideas_title}</dt>
                                    <dd>{ideas}</dd>
                                </dl>
                                <p><A href=format!("/fair/{id}") attr:class="button">{move || t.get().open_fair}</A></p>
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
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let fair = LocalResource::new(move || {
        let id = id();
        async move { api::fair(id).await }
    });
    let ideas = LocalResource::new(move || {
        let id = id();
        async move { api::ideas(id).await }
    });
    loaded(fair, move |fair| view! { <FairView fair ideas/> })
}

#[component]
fn FairView(fair: Fair, ideas: LocalResource<api::ApiResult<bastama_model::Page<Idea>>>) -> impl IntoView {
    let t = use_t();
    let title = localized(&fair.title);
    let for_title = title.clone();
    Effect::new(move || set_title(&for_title()));
    let phase = fair.phase;
    view! {
        <article>
            <h1>{title}</h1>
            <p class="tags">
                <span class=format!("badge phase-{}", phase.code())>{move || phase_label(t.get(), phase)}</span>
                <DemoBadge demo=fair.demo/>
            </p>
            <p>{localized(&fair.description)}</p>
            <dl class="facts">
                <dt>{move || t.get().voting_window}</dt>
                <dd>{window(&fair)}</dd>
                <dt>{move || t.get().votes_per_voter}</dt>
                <dd>{fair.votes_per_voter}</dd>
                <dt>{move || t.get().winners}</dt>
                <dd>{fair.winners}</dd>
            </dl>
            <h2>{move || t.get().ideas_title}</h2>
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
        </article>
    }
}

#[component]
fn IdeaCard(idea: Idea) -> impl IntoView {
    let t = use_t();
    let lang = use_i18n().lang;
    let budget = idea.budget_kzt;
    view! {
        <li class="card">
            <h3>{localized(&idea.title)}</h3>
            <p class="tags"><DemoBadge demo=idea.demo/></p>
            <p>{localized(&idea.summary)}</p>
            <dl class="facts">
                {idea.ngo_id.zip(idea.ngo_name.clone()).map(|(id, name)| view! {
                    <dt>{move || t.get().organiser}</dt>
                    <dd><A href=format!("/ngos/{id}")>{localized(&name)}</A></dd>
                })}
                {idea.district.clone().map(|d| view! {
                    <dt>{move || t.get().district}</dt>
                    <dd>{district_name(d)}</dd>
                })}
                <dt>{move || t.get().budget}</dt>
                <dd>{move || format_kzt(lang.get(), budget)}</dd>
                {idea.funding.clone().map(|f| {
                    let amount = f.amount_kzt;
                    view! {
                        <dt>{move || t.get().sponsor}</dt>
                        <dd>
                            {f.sponsor} ", " {move || format_kzt(lang.get(), amount)}
                            {f.memorandum_signed.then(|| view! { <span class="badge badge-ok">{move || t.get().memorandum_signed}</span> })}
                        </dd>
                    }
                })}
            </dl>
        </li>
    }
}
