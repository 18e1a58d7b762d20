//! `/station`, a registrar's screen at a station: the fair open for voting,
//! the voter's IIN from their ID card, the ideas marked on the paper ballot,
//! and the ballots entered lately, each voidable for ten minutes. Made for a
//! phone and for the keyboard: Tab through, Space to mark, Enter to enter.
//! Moderators find the stations here: a new station, a registrar's account,
//! and every void.

use crate::api::{self, ApiError};
use crate::components::form::{lens, DistrictSelect, Errors, Field, Input};
use crate::components::loaded::error_text;
use crate::components::sign_in::{SignIn, SignOut};
use crate::components::vocabulary::district_name;
use crate::i18n::{field_words, localized, moment_at, title, tr, use_t};
use crate::session::use_account;
use bastama_model::{
    validate, Fair, FairPhase, FieldError, Idea, Iin, Kind, NewRegistrar, NewStation, PaperBallot,
    PaperBallotRequest, Role, Station, VoidRequest, VoidedBallot,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StationPage() -> impl IntoView {
    title(|s| s.station_title);
    let account = use_account();
    view! {
        <h1>{tr(|s| s.station_title)}</h1>
        {move || match account.session.get() {
            None => view! { <SignIn/> }.into_any(),
            Some(session) => match session.account.station {
                Some(station) if session.account.role == Role::Registrar => view! {
                    <p class="lead">{station.name}</p>
                    <SignOut/>
                    <Station/>
                }
                .into_any(),
                _ if session.account.role == Role::Moderator => view! {
                    <SignOut/>
                    <StationsDesk/>
                }
                .into_any(),
                _ => view! {
                    <p class="error" role="alert">{tr(|s| s.not_registrar)}</p>
                    <SignOut/>
                }
                .into_any(),
            },
        }}
    }
}

/// The fairs open for voting, the ballot form of the one chosen, and the
/// registrar's latest entries.
#[component]
fn Station() -> impl IntoView {
    let t = use_t();
    let fairs = api::fetch(api::fairs);
    let recent = RwSignal::new(0u32);
    view! {
        {move || fairs.get().map(|answer| match answer {
            Ok(fairs) => {
                let open: Vec<Fair> = fairs.into_iter().filter(|f| f.phase == FairPhase::Voting).collect();
                let Some(first) = open.first().map(|f| f.id) else {
                    return view! { <p class="note">{tr(|s| s.station_no_fair)}</p> }.into_any();
                };
                let chosen = RwSignal::new(first);
                let choices = open.clone();
                view! {
                    <FairChoice open=choices chosen/>
                    {move || {
                        let fair = open.iter().find(|f| f.id == chosen.get()).cloned();
                        fair.map(|fair| view! { <BallotForm fair_id=fair.id max=fair.votes_per_voter recent/> })
                    }}
                }
                .into_any()
            }
            Err(error) => view! { <p class="error" role="alert">{error_text(t.get(), &error)}</p> }.into_any(),
        })}
        <Recent recent/>
    }
}

#[component]
fn FairChoice(open: Vec<Fair>, chosen: RwSignal<i64>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="station-fair">{tr(|s| s.station_fair)}</label>
            <select id="station-fair" on:change=move |ev| {
                if let Ok(id) = event_target_value(&ev).parse() {
                    chosen.set(id);
                }
            }>
                {open.into_iter().map(|fair| {
                    let id = fair.id;
                    view! { <option value=id selected=move || chosen.get() == id>{localized(&fair.title)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The ballot as the registrar reads it off the paper. A refusal keeps what
/// was typed; an entry clears the form for the next voter.
#[component]
fn BallotForm(fair_id: i64, max: i64, recent: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let ideas = api::fetch(move || api::ideas(fair_id));
    let iin = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<i64>::new());
    let iin_error = RwSignal::new(None::<FieldError>);
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = PaperBallotRequest {
            iin: iin.get_untracked(),
            idea_ids: chosen.get_untracked(),
        };
        if let Err(error) = Iin::field("iin", &request.iin) {
            iin_error.set(Some(error));
            return;
        }
        if let Err(error) = validate::ballot(&request.idea_ids, max) {
            message.set(Some(field_words(t.get_untracked(), &error)));
            return;
        }
        let Some(token) = account.token() else {
            return account.forget();
        };
        busy.set(true);
        spawn_local(async move {
            match api::enter_paper_ballot(fair_id, &request, &token).await {
                Ok(entered) => {
                    iin.set(String::new());
                    chosen.set(Vec::new());
                    let t = t.get_untracked();
                    let receipt = bastama_model::receipt::grouped(&entered.receipt);
                    message.set(Some(format!(
                        "{} {}: {receipt}",
                        t.station_entered, t.receipt_for_voter
                    )));
                    recent.update(|n| *n += 1);
                    if let Some(input) = input.get_untracked() {
                        let _ = input.focus();
                    }
                }
                Err(ApiError::Problem(p)) if p.kind == Kind::Unauthorized => account.forget(),
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="station-ballot" on:submit=submit>
            <div class="field" class:invalid=move || iin_error.with(Option::is_some)>
                <label for="station-iin">{tr(|s| s.station_iin)}</label>
                <input id="station-iin" node_ref=input inputmode="numeric" maxlength="12" autocomplete="off"
                    required prop:value=iin aria-describedby="station-iin-error"
                    aria-invalid=move || iin_error.with(Option::is_some).then_some("true")
                    on:input=move |ev| {
                        iin.set(event_target_value(&ev));
                        iin_error.set(None);
                    }/>
                <p class="field-error" id="station-iin-error">
                    {move || iin_error.get().map(|e| field_words(t.get(), &e))}
                </p>
            </div>
            <fieldset>
                <legend>{tr(|s| s.station_ideas)}</legend>
                {move || ideas.get().map(|answer| match answer {
                    Ok(page) => page.items.into_iter().enumerate()
                        .map(|(n, idea)| view! { <IdeaMark n=n + 1 idea chosen/> })
                        .collect_view().into_any(),
                    Err(error) => view! { <p class="error">{error_text(t.get(), &error)}</p> }.into_any(),
                })}
            </fieldset>
            <p class="form-status" role="status" aria-live="polite">{move || message.get()}</p>
            <button type="submit" disabled=move || busy.get()>{tr(|s| s.station_enter)}</button>
        </form>
    }
}

#[component]
fn IdeaMark(n: usize, idea: Idea, chosen: RwSignal<Vec<i64>>) -> impl IntoView {
    let id = idea.id;
    let input_id = format!("mark-{id}");
    view! {
        <p class="choose">
            <input type="checkbox" id=input_id.clone()
                prop:checked=move || chosen.with(|c| c.contains(&id))
                on:change=move |_| chosen.update(|c| match c.iter().position(|i| *i == id) {
                    Some(at) => {
                        c.remove(at);
                    }
                    None => c.push(id),
                })/>
            <label for=input_id>{format!("{n}. ")} {localized(&idea.title)}</label>
        </p>
    }
}

/// The registrar's latest entries, newest first; those still in their ten
/// minutes can be voided with a reason.
/// (Read with a task into a signal, not a `LocalResource` as the desk reads:
/// four of those here made this area 14 KB gzip bigger.)
#[component]
fn Recent(recent: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let entries = RwSignal::new(None::<Result<Vec<PaperBallot>, ApiError>>);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move || {
        recent.track();
        let Some(token) = account.token() else {
            return;
        };
        spawn_local(async move {
            entries.set(Some(api::paper_ballots(&token).await));
        });
    });
    view! {
        <section aria-labelledby="recent-title">
            <h2 id="recent-title">{tr(|s| s.station_recent)}</h2>
            <p class="form-status" role="status">{move || notice.get()}</p>
            {move || entries.get().map(|answer| match answer {
                Ok(list) if list.is_empty() => view! { <p class="note">{tr(|s| s.station_none)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="entries">
                        {list.into_iter().map(|ballot| view! { <Entry ballot recent notice/> }).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! { <p class="error">{error_text(t.get(), &error)}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn Entry(
    ballot: PaperBallot,
    recent: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let voidable = js_sys::Date::parse(&ballot.void_until) > js_sys::Date::now();
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let id = ballot.id;
    let void = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = VoidRequest {
            reason: reason.get_untracked(),
        };
        if let Err(error) = validate::void_reason(&request.reason) {
            message.set(Some(field_words(t.get_untracked(), &error)));
            return;
        }
        let Some(token) = account.token() else {
            return account.forget();
        };
        spawn_local(async move {
            match api::void_paper_ballot(id, &request, &token).await {
                Ok(()) => {
                    notice.set(Some(t.get_untracked().station_voided.to_owned()));
                    recent.update(|n| *n += 1);
                }
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    };
    let reason_id = format!("void-reason-{id}");
    view! {
        <li>
            <p>
                "№ " {id} " · " {moment_at(&ballot.entered_at)} " · " {tr(|s| s.receipt_label)} ": "
                <strong class="receipt-code">{bastama_model::receipt::grouped(&ballot.receipt)}</strong>
            </p>
            {voidable.then(|| view! {
                <form class="void" on:submit=void>
                    <label for=reason_id.clone()>{tr(|s| s.station_void_reason)}</label>
                    <input id=reason_id type="text" maxlength="500" prop:value=reason
                        on:input=move |ev| reason.set(event_target_value(&ev))/>
                    <button type="submit">{tr(|s| s.station_void)}</button>
                    <p class="form-status" role="status">{move || message.get()}</p>
                </form>
            })}
        </li>
    }
}

/// The moderators' side: the stations, a new station, a registrar's account,
/// and the voids of each fair.
#[component]
fn StationsDesk() -> impl IntoView {
    let account = use_account();
    let version = RwSignal::new(0u32);
    let stations = RwSignal::new(Vec::<Station>::new());
    Effect::new(move || {
        version.track();
        let Some(token) = account.token() else {
            return;
        };
        spawn_local(async move {
            if let Ok(list) = api::stations(&token).await {
                stations.set(list);
            }
        });
    });
    view! {
        <section aria-labelledby="stations-title">
            <h2 id="stations-title">{tr(|s| s.stations_title)}</h2>
            <ul class="entries">
                {move || stations.get().into_iter().map(|s| view! {
                    <li>{s.name} " · " {district_name(s.district)}</li>
                }).collect_view()}
            </ul>
            <NewStationForm version/>
            <NewRegistrarForm stations/>
        </section>
        <Voids/>
    }
}

#[component]
fn NewStationForm(version: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let form = RwSignal::new(NewStation {
        name: String::new(),
        district: String::new(),
    });
    let errors = Errors::new();
    let message = RwSignal::new(None::<String>);
    Effect::new(move || errors.validated(form.with(validate::station)));
    let (name, set_name) = lens(form, |f| f.name.clone(), |f, v| f.name = v);
    let (district, set_district) = lens(form, |f| f.district.clone(), |f, v| f.district = v);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(all) = form.with_untracked(validate::station) {
            return errors.show(all);
        }
        let Some(token) = account.token() else {
            return account.forget();
        };
        let station = form.get_untracked();
        spawn_local(async move {
            match api::create_station(&station, &token).await {
                Ok(_) => {
                    form.set(NewStation {
                        name: String::new(),
                        district: String::new(),
                    });
                    message.set(None);
                    version.update(|v| *v += 1);
                }
                Err(ApiError::Problem(p)) if p.kind == Kind::InvalidInput => errors.show(p.errors),
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    };
    view! {
        <form on:submit=submit>
            <Field id="station-name" field="name" label=tr(|s| s.station_name) value=name set=set_name errors required=true/>
            <DistrictSelect value=district set=set_district errors/>
            <p class="form-error" role="alert">{move || message.get()}</p>
            <button type="submit">{tr(|s| s.station_add)}</button>
        </form>
    }
}

#[component]
fn NewRegistrarForm(stations: RwSignal<Vec<Station>>) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let form = RwSignal::new(NewRegistrar {
        email: String::new(),
        password: String::new(),
        station_id: 0,
    });
    let errors = Errors::new();
    let message = RwSignal::new(None::<String>);
    Effect::new(move || errors.validated(form.with(validate::registrar)));
    let (email, set_email) = lens(form, |f| f.email.clone(), |f, v| f.email = v);
    let (password, set_password) = lens(form, |f| f.password.clone(), |f, v| f.password = v);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.with_untracked(|f| f.station_id == 0) {
            if let Some(first) = stations.with_untracked(|s| s.first().map(|s| s.id)) {
                form.update(|f| f.station_id = first);
            }
        }
        if let Err(all) = form.with_untracked(validate::registrar) {
            return errors.show(all);
        }
        let Some(token) = account.token() else {
            return account.forget();
        };
        let registrar = form.get_untracked();
        spawn_local(async move {
            match api::create_registrar(&registrar, &token).await {
                Ok(_) => {
                    form.update(|f| f.password.clear());
                    message.set(Some(t.get_untracked().registrar_added.to_owned()));
                }
                Err(ApiError::Problem(p)) if matches!(p.kind, Kind::InvalidInput | Kind::Taken) => {
                    errors.show(p.errors)
                }
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    };
    view! {
        <form on:submit=submit>
            <h3>{tr(|s| s.registrar_title)}</h3>
            <div class="field">
                <label for="registrar-station">{tr(|s| s.station_label)}</label>
                <select id="registrar-station" on:change=move |ev| {
                    if let Ok(id) = event_target_value(&ev).parse() {
                        form.update(|f| f.station_id = id);
                    }
                }>
                    {move || stations.get().into_iter().map(|s| view! {
                        <option value=s.id selected=move || form.with(|f| f.station_id == s.id)>{s.name}</option>
                    }).collect_view()}
                </select>
                <p class="field-error">{move || errors.message(t.get(), "station_id")}</p>
            </div>
            <Field id="registrar-email" field="email" label=tr(|s| s.email_label) value=email set=set_email
                errors input=Input::Email autocomplete="off" required=true/>
            <Field id="registrar-password" field="password" label=tr(|s| s.password_label) value=password
                set=set_password errors input=Input::Password autocomplete="new-password" required=true/>
            <p class="form-status" role="status">{move || message.get()}</p>
            <button type="submit">{tr(|s| s.registrar_add)}</button>
        </form>
    }
}

/// The voided paper ballots of the fair chosen: where, by whom, when, why.
#[component]
fn Voids() -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let fairs = RwSignal::new(Vec::<Fair>::new());
    let chosen = RwSignal::new(None::<i64>);
    let voids = RwSignal::new(None::<Result<Vec<VoidedBallot>, ApiError>>);
    Effect::new(move || {
        let Some(token) = account.token() else {
            return;
        };
        spawn_local(async move {
            if let Ok(list) = api::all_fairs(&token).await {
                chosen.set(list.first().map(|f| f.id));
                fairs.set(list);
            }
        });
    });
    Effect::new(move || {
        let (Some(fair), Some(token)) = (chosen.get(), account.token()) else {
            return;
        };
        spawn_local(async move { voids.set(Some(api::voids(fair, &token).await)) });
    });
    view! {
        <section aria-labelledby="voids-title">
            <h2 id="voids-title">{tr(|s| s.voids_title)}</h2>
            <div class="field">
                <label for="voids-fair">{tr(|s| s.station_fair)}</label>
                <select id="voids-fair" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                    {move || fairs.get().into_iter().map(|f| {
                        let id = f.id;
                        view! { <option value=id selected=move || chosen.get() == Some(id)>{localized(&f.title)}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || voids.get().map(|answer| match answer {
                Ok(list) if list.is_empty() => view! { <p class="note">{tr(|s| s.voids_none)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="entries">
                        {list.into_iter().map(|v| view! {
                            <li>
                                <p>{v.station} " · " {v.registrar}</p>
                                <p>{moment_at(&v.entered_at)} " → " {moment_at(&v.voided_at)}</p>
                                <p>{v.reason}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! { <p class="error">{error_text(t.get(), &error)}</p> }.into_any(),
            })}
        </section>
    }
}
