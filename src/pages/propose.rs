//! `/fair/:id/propose`: a verified voter, or an NGO's signed-in account, proposes
//! an idea to a fair taking ideas; it waits for a moderator.

use crate::api::{self, ApiError};
use crate::components::loaded::{error_text, loaded};
use crate::components::vocabulary::use_vocabulary;
use crate::i18n::{field_text, localized, title, tr, use_i18n, use_t};
use crate::pages::id_param;
use crate::pages::vote::VerifyPhone;
use crate::paths::url;
use crate::session::{use_account, use_voter};
use bastama_model::{validate, Fair, FairPhase, Kind, NewIdea, Role, Text};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ProposePage() -> impl IntoView {
    title(|s| s.propose_idea);
    let id = id_param();
    let fair = api::fetch(move || api::fair(id()));
    loaded(fair, |fair| view! { <ProposeView fair/> })
}

/// One labelled input of the form.
fn input(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    kind: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// A labelled multi-line input.
fn textarea(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id rows="5" prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </div>
    }
}

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct IdeaFields {
    title_kk: RwSignal<String>,
    title_ru: RwSignal<String>,
    summary_kk: RwSignal<String>,
    summary_ru: RwSignal<String>,
    description_kk: RwSignal<String>,
    description_ru: RwSignal<String>,
    budget: RwSignal<String>,
    district: RwSignal<String>,
    directions: RwSignal<Vec<String>>,
}

impl IdeaFields {
    fn new() -> Self {
        let field = || RwSignal::new(String::new());
        IdeaFields {
            title_kk: field(),
            title_ru: field(),
            summary_kk: field(),
            summary_ru: field(),
            description_kk: field(),
            description_ru: field(),
            budget: field(),
            district: field(),
            directions: RwSignal::new(Vec::new()),
        }
    }

    /// The idea the fields make; a field left blank is none.
    fn idea(self) -> NewIdea {
        let optional = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        NewIdea {
            title: Text {
                kk: self.title_kk.get_untracked(),
                ru: optional(self.title_ru.get_untracked()),
                en: None,
            },
            summary: Text {
                kk: self.summary_kk.get_untracked(),
                ru: optional(self.summary_ru.get_untracked()),
                en: None,
            },
            description: Text {
                kk: self.description_kk.get_untracked(),
                ru: optional(self.description_ru.get_untracked()),
                en: None,
            },
            district: optional(self.district.get_untracked()),
            budget_kzt: self
                .budget
                .get_untracked()
                .trim()
                .replace([' ', '\u{a0}'], "")
                .parse()
                .unwrap_or(0),
            directions: self.directions.get_untracked(),
        }
    }
}

#[component]
fn ProposeView(fair: Fair) -> impl IntoView {
    let t = use_t();
    let voter = use_voter();
    let account = use_account();
    // An NGO's signed-in account proposes on the NGO's behalf; anyone else
    // verifies a phone first.
    let ngo_token = move || {
        account
            .session
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.account.role == Role::Ngo))
            .then(|| account.token())
            .flatten()
    };
    let as_ngo = move || {
        account
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.account.role == Role::Ngo))
    };
    let signed = move || as_ngo() || voter.session.with(Option::is_some);
    let fair_id = fair.id;
    let fields = IdeaFields::new();
    let errors = RwSignal::new(Vec::<String>::new());
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let idea = fields.idea();
        let strings = t.get_untracked();
        if let Err(found) = validate::idea(&idea) {
            errors.set(
                found
                    .iter()
                    .filter_map(|e| field_text(strings, &e.field, e.reason))
                    .map(str::to_owned)
                    .collect(),
            );
            return;
        }
        let Some(token) = ngo_token().or_else(|| voter.token()) else {
            voter.forget();
            return;
        };
        spawn_local(async move {
            match api::submit_idea(fair_id, &idea, &token).await {
                Ok(_) => sent.set(true),
                Err(error) => {
                    if matches!(&error, ApiError::Problem(p) if p.kind == Kind::Unauthorized) {
                        voter.forget();
                        account.forget();
                    }
                    errors.set(vec![error_text(strings, &error)]);
                }
            }
        });
    };
    view! {
        <p><a href=url(format!("/fair/{fair_id}"))>"← " {localized(&fair.title)}</a></p>
        <h1>{tr(|s| s.propose_idea)}</h1>
        {if fair.phase != FairPhase::Submission {
            view! { <p class="note">{tr(|s| s.not_taking_ideas)}</p> }.into_any()
        } else {
            view! {
                <Show when=move || !signed()>
                    <p>{tr(|s| s.ngo_sign_in_to_propose)} " " <a href=url("/account")>{tr(|s| s.sign_in)}</a></p>
                    <VerifyPhone/>
                </Show>
                <Show when=move || signed() && !sent.get()>
                    <Show when=as_ngo><p class="note">{tr(|s| s.proposing_as_ngo)}</p></Show>
                    <form class="propose" on:submit=submit novalidate>
                        <ul class="form-error" role="alert">
                            {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                        </ul>
                        <IdeaInputs fields/>
                        <button type="submit">{tr(|s| s.send_idea)}</button>
                    </form>
                </Show>
                <Show when=move || sent.get()>
                    <p class="note" role="status">{tr(|s| s.idea_sent)}</p>
                </Show>
            }
            .into_any()
        }}
    }
}

/// The inputs of the idea's fields.
#[component]
fn IdeaInputs(fields: IdeaFields) -> impl IntoView {
    let i18n = use_i18n();
    let vocabulary = use_vocabulary();
    view! {
        {input("title-kk", tr(|s| s.title_kk), fields.title_kk, "text")}
        {input("title-ru", tr(|s| s.title_ru), fields.title_ru, "text")}
        {input("summary-kk", tr(|s| s.summary_kk), fields.summary_kk, "text")}
        {input("summary-ru", tr(|s| s.summary_ru), fields.summary_ru, "text")}
        {textarea("description-kk", tr(|s| s.description_kk), fields.description_kk)}
        {textarea("description-ru", tr(|s| s.description_ru), fields.description_ru)}
        <fieldset class="choices">
            <legend>{tr(|s| s.directions)}</legend>
            {move || vocabulary.directions.get().into_iter().map(|d| {
                let slug = d.slug.clone();
                let id = format!("direction-{}", d.slug);
                let label_for = id.clone();
                view! {
                    <label for=label_for>
                        <input type="checkbox" id=id on:change=move |_| {
                            let slug = slug.clone();
                            fields.directions.update(|all| {
                                if let Some(at) = all.iter().position(|s| *s == slug) {
                                    all.remove(at);
                                } else {
                                    all.push(slug);
                                }
                            })
                        }/>
                        " " {i18n.pick(&d.name)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <div class="field">
            <label for="district">{tr(|s| s.district)}</label>
            <select id="district" on:change=move |ev| fields.district.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || vocabulary.districts.get().into_iter().map(|d| {
                    view! { <option value=d.slug.clone()>{i18n.pick(&d.name)}</option> }
                }).collect_view()}
            </select>
        </div>
        {input("budget", tr(|s| s.budget_label), fields.budget, "number")}
    }
}
