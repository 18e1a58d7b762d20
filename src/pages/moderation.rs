//! `/moderation`, the moderators' desk (a bundle of its own): sign in, approve or
//! reject the ideas waiting, open fairs and move them through their phases.

use crate::api::{self, ApiError, ApiResult};
use crate::components::loaded::error_text;
use crate::i18n::{kzt, localized, title, tr, tr_with, use_t, Strings};
use crate::pages::fair::phase_label;
use crate::session::{use_moderator, Moderator};
use bastama_model::{
    Fair, FairChange, FairPhase, LoginRequest, NewFair, PendingIdea, Rejection, Role, Text,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ModerationPage() -> impl IntoView {
    title(|s| s.moderation);
    let moderator = use_moderator();
    view! {
        <h1>{tr(|s| s.moderation)}</h1>
        {move || match moderator.session.get() {
            None => view! { <SignIn/> }.into_any(),
            Some(session) if session.account.role != Role::Moderator => view! {
                <p class="error" role="alert">{tr(|s| s.not_moderator)}</p>
                <SignOut/>
            }
            .into_any(),
            Some(_) => view! { <SignOut/> <Queue/> <Fairs/> }.into_any(),
        }}
    }
}

#[component]
fn SignIn() -> impl IntoView {
    let t = use_t();
    let moderator = use_moderator();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::login(&request).await {
                Ok(session) => moderator.sign_in(session),
                Err(ApiError::Problem(p)) if p.status == 401 => {
                    message.set(Some(t.get_untracked().err_sign_in.into()))
                }
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    };
    view! {
        <form class="sign-in" on:submit=submit>
            <p class="form-error" role="alert">{move || message.get()}</p>
            <div class="field">
                <label for="email">{tr(|s| s.email_label)}</label>
                <input id="email" type="email" autocomplete="username" required prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="password">{tr(|s| s.password_label)}</label>
                <input id="password" type="password" autocomplete="current-password" required prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit">{tr(|s| s.sign_in)}</button>
        </form>
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let moderator = use_moderator();
    let out = move |_| {
        if let Some(token) = moderator.token() {
            spawn_local(async move {
                let _ = api::logout(&token).await;
            });
        }
        moderator.forget();
    };
    view! { <p><button type="button" class="secondary" on:click=out>{tr(|s| s.sign_out)}</button></p> }
}

/// What a change's answer does to the desk: a message, a reload of whatever
/// reads `version`, a sign-out on a 401. Made while rendering and used in tasks,
/// where there is no context to look things up in.
#[derive(Clone, Copy)]
struct Outcome {
    version: RwSignal<u32>,
    message: RwSignal<Option<String>>,
    moderator: Moderator,
    t: Signal<&'static Strings>,
}

impl Outcome {
    fn new() -> Outcome {
        Outcome {
            version: RwSignal::new(0),
            message: RwSignal::new(None),
            moderator: use_moderator(),
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
            Err(ApiError::Problem(p)) if p.status == 401 => moderator.forget(),
            Err(ApiError::Problem(p)) if p.status == 412 => {
                message.set(Some(t.changed_meanwhile.into()))
            }
            Err(error) => message.set(Some(error_text(t, &error))),
        }
        version.update(|v| *v += 1);
    }
}

#[component]
fn Queue() -> impl IntoView {
    let moderator = use_moderator();
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
            {move || match queue.get() {
                None => None,
                Some(Err(error)) => Some(view! { <p class="error" role="alert">{error_text(use_t().get_untracked(), &error)}</p> }.into_any()),
                Some(Ok(queue)) if queue.ideas.is_empty() => Some(view! { <p class="empty">{tr(|s| s.queue_empty)}</p> }.into_any()),
                Some(Ok(queue)) => Some(view! {
                    <ul class="cards">
                        {queue.ideas.into_iter().map(|idea| view! { <PendingCard idea outcome/> }).collect_view()}
                    </ul>
                }.into_any()),
            }}
        </section>
    }
}

#[component]
fn PendingCard(idea: PendingIdea, outcome: Outcome) -> impl IntoView {
    let moderator = use_moderator();
    let reason = RwSignal::new(String::new());
    let id = idea.id;
    let approve = move |_| {
        let token = moderator.token().unwrap_or_default();
        spawn_local(async move { outcome.apply(api::approve_idea(id, &token).await) });
    };
    let reject = move |_| {
        let token = moderator.token().unwrap_or_default();
        let rejection = Rejection {
            reason: reason.get_untracked(),
        };
        spawn_local(async move { outcome.apply(api::reject_idea(id, &rejection, &token).await) });
    };
    let reason_id = format!("reason-{id}");
    view! {
        <li class="card">
            <h3>{localized(&idea.title)}</h3>
            <p>{localized(&idea.summary)}</p>
            <p class="meta">{tr(|s| s.budget)} ": " {kzt(idea.budget_kzt)}</p>
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
    let moderator = use_moderator();
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

#[component]
fn FairControl(fair: Fair, outcome: Outcome) -> impl IntoView {
    let moderator = use_moderator();
    let next = FairPhase::ALL
        .iter()
        .position(|p| *p == fair.phase)
        .and_then(|i| FairPhase::ALL.get(i + 1))
        .copied();
    let (id, fair_version) = (fair.id, fair.version);
    let advance = move |_| {
        let token = moderator.token().unwrap_or_default();
        let change = FairChange {
            phase: next,
            ..Default::default()
        };
        spawn_local(async move {
            outcome.apply(
                api::change_fair(id, fair_version, &change, &token)
                    .await
                    .map(drop),
            )
        });
    };
    view! {
        <li class="card">
            <h3>{localized(&fair.title)}</h3>
            <p class="tags"><span class="badge">{tr_with(fair.phase, phase_label)}</span></p>
            {next.map(|next| view! {
                <button type="button" on:click=advance>
                    {tr(|s| s.next_phase)} ": " {tr_with(next, phase_label)}
                </button>
            })}
        </li>
    }
}
