//! NGO self-service (a bundle of its own): `/account` to sign in and edit the
//! NGO's profile, `/account/register` to apply for an account.

use crate::api::{self, ApiError};
use crate::components::form::{lens, DistrictSelect, Errors, Field, Input};
use crate::components::loaded::{error_text, loaded};
use crate::components::sign_in::{SignIn, SignOut};
use crate::components::vocabulary::use_vocabulary;
use crate::i18n::{field_words, format_date, title, tr, use_i18n, use_t, Key, Strings};
use crate::paths::url;
use crate::session::{use_account, Account};
use crate::storage;
use bastama_model::{validate, Kind, Ngo, NgoProfile, NgoRegistration, Problem, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

/// `/account`: the sign-in, then the signed-in NGO's profile.
#[component]
pub fn AccountPage() -> impl IntoView {
    title(|s| s.account_title);
    let account = use_account();
    move || {
        match account.session.get().map(|s| s.account) {
        None => view! {
            <h1>{tr(|s| s.account_title)}</h1>
            <SignIn/>
            <p>{tr(|s| s.no_account_yet)} " " <a href=url("/account/register")>{tr(|s| s.register_ngo)}</a></p>
        }
        .into_any(),
        Some(signed_in) => match (signed_in.role, signed_in.ngo_id) {
            (Role::Ngo, Some(id)) => view! { <SignOut/> <ProfileEditor id/> }.into_any(),
            (Role::Registrar, _) => view! {
                <h1>{tr(|s| s.account_title)}</h1>
                <p><a href=url("/station")>{tr(|s| s.station_title)}</a></p>
                <SignOut/>
            }
            .into_any(),
            _ => view! {
                <h1>{tr(|s| s.account_title)}</h1>
                <p>{tr(|s| s.moderator_edits_from_profile)} " " <a href=url("/moderation")>{tr(|s| s.moderation)}</a></p>
                <SignOut/>
            }
            .into_any(),
        },
    }
    }
}

fn some(value: String) -> Option<String> {
    Some(value)
}

/// `/account/register`: an NGO applies with its BIN; a moderator decides.
#[component]
pub fn RegisterPage() -> impl IntoView {
    title(|s| s.register_ngo);
    let t = use_t();
    let form = RwSignal::new(NgoRegistration::default());
    let errors = Errors::new();
    let message = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    Effect::new(move || errors.validated(form.with(validate::registration)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = form.get_untracked();
        if let Err(found) = validate::registration(&request) {
            errors.show(found);
            return;
        }
        spawn_local(async move {
            match api::register(&request).await {
                Ok(_) => sent.set(true),
                Err(ApiError::Problem(Problem { errors: found, .. })) if !found.is_empty() => {
                    errors.show(found)
                }
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    };
    let (bin, set_bin) = lens(form, |f| f.bin.clone(), |f, v| f.bin = v);
    let (name_kk, set_name_kk) = lens(form, |f| f.name.kk.clone(), |f, v| f.name.kk = v);
    let (name_ru, set_name_ru) = lens(
        form,
        |f| f.name.ru.clone().unwrap_or_default(),
        |f, v| f.name.ru = some(v),
    );
    let (legal_form, set_legal_form) =
        lens(form, |f| f.legal_form.clone(), |f, v| f.legal_form = v);
    let (registered_on, set_registered_on) = lens(
        form,
        |f| f.registered_on.clone(),
        |f, v| f.registered_on = v,
    );
    let (email, set_email) = lens(form, |f| f.email.clone(), |f, v| f.email = v);
    let (password, set_password) = lens(form, |f| f.password.clone(), |f, v| f.password = v);
    view! {
        <h1>{tr(|s| s.register_ngo)}</h1>
        <Show when=move || !sent.get() fallback=|| view! {
            <p class="note" role="status">{tr(|s| s.application_sent)}</p>
            <p><a href=url("/account")>{tr(|s| s.sign_in)}</a></p>
        }>
            <p>{tr(|s| s.register_intro)}</p>
            <form class="account-form" on:submit=submit novalidate>
                <p class="form-error" role="alert">{move || message.get()}</p>
                <Field id="bin" field="bin" label=tr(|s| s.bin) value=bin set=set_bin errors
                    required=true hint=tr(|s| s.bin_hint)/>
                <Field id="name-kk" field="name.kk" label=tr(|s| s.name_kk) value=name_kk set=set_name_kk errors required=true/>
                <Field id="name-ru" field="name.ru" label=tr(|s| s.name_ru) value=name_ru set=set_name_ru errors/>
                <Field id="legal-form" field="legal_form" label=tr(|s| s.legal_form) value=legal_form set=set_legal_form errors required=true/>
                <Field id="registered-on" field="registered_on" label=tr(|s| s.registered_on) value=registered_on
                    set=set_registered_on errors input=Input::Date required=true/>
                <DistrictSelect value=Signal::derive(move || form.with(|f| f.district.clone()))
                    set=Callback::new(move |v| form.update(|f| f.district = v)) errors/>
                <Field id="email" field="email" label=tr(|s| s.email_label) value=email set=set_email errors
                    input=Input::Email autocomplete="username" required=true/>
                <Field id="password" field="password" label=tr(|s| s.password_label) value=password set=set_password
                    errors input=Input::Password autocomplete="new-password" required=true hint=tr(|s| s.password_hint)/>
                <button type="submit">{tr(|s| s.send_application)}</button>
            </form>
        </Show>
    }
}

/// What an editor keeps locally until it saves: the form, and the version it started from.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct Draft {
    version: i64,
    profile: NgoProfile,
}

fn draft_key(id: i64) -> String {
    format!("bastama.draft.ngo.{id}")
}

/// The profile form of NGO `id`, from its public record.
#[component]
fn ProfileEditor(id: i64) -> impl IntoView {
    let ngo = api::fetch(move || api::ngo(id));
    loaded(ngo, |ngo| view! { <Editor ngo/> })
}

/// A field of the profile as text, to compare and show.
type Shown = fn(&NgoProfile) -> String;

/// The fields a conflict compares, with their labels.
const COMPARED: [(Key, Shown); 12] = [
    (|s| s.name_kk, |p| p.name.kk.clone()),
    (|s| s.name_ru, |p| p.name.ru.clone().unwrap_or_default()),
    (|s| s.legal_form, |p| p.legal_form.clone()),
    (|s| s.district, |p| p.district.clone()),
    (|s| s.address, |p| p.address.clone()),
    (|s| s.directions, |p| p.directions.join(", ")),
    (|s| s.description_kk, |p| p.description.kk.clone()),
    (
        |s| s.description_ru,
        |p| p.description.ru.clone().unwrap_or_default(),
    ),
    (
        |s| s.contacts,
        |p| {
            [&p.phone, &p.email, &p.website]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" · ")
        },
    ),
    (|s| s.social_links, |p| p.social_links.join(" · ")),
    (|s| s.volunteers, |p| p.volunteers.to_string()),
    (|s| s.active_label, |p| p.active.to_string()),
];

/// An editor's state: the profile as saved, the form, the version the form
/// started from, and what the page says about them.
#[derive(Clone, Copy)]
struct Edit {
    id: i64,
    saved: RwSignal<Ngo>,
    form: RwSignal<NgoProfile>,
    base: RwSignal<i64>,
    /// True while the form holds a draft kept from an earlier visit.
    restored: RwSignal<bool>,
    /// The version someone else saved meanwhile, while the editor chooses.
    conflict: RwSignal<Option<Ngo>>,
    errors: Errors,
    message: RwSignal<Option<String>>,
    status: RwSignal<Option<&'static str>>,
    t: Signal<&'static Strings>,
    account: Account,
}

impl Edit {
    /// Starts from the draft kept for this NGO when it differs from `ngo`, else
    /// from `ngo` itself.
    fn new(ngo: Ngo) -> Edit {
        let id = ngo.id;
        let draft = storage::get(&draft_key(id))
            .and_then(|json| serde_json::from_str::<Draft>(&json).ok())
            .filter(|d| d.profile != NgoProfile::from(&ngo));
        let restored = RwSignal::new(draft.is_some());
        let (start, version) = match draft {
            Some(d) => (d.profile, d.version),
            None => (NgoProfile::from(&ngo), ngo.version),
        };
        Edit {
            id,
            saved: RwSignal::new(ngo),
            form: RwSignal::new(start),
            base: RwSignal::new(version),
            restored,
            conflict: RwSignal::new(None),
            errors: Errors::new(),
            message: RwSignal::new(None),
            status: RwSignal::new(None),
            t: use_t(),
            account: use_account(),
        }
    }

    /// Checks the form and keeps it as a draft; run on every change.
    fn check_and_keep(self) {
        let profile = self.form.get();
        self.errors
            .validated(validate::ngo_profile(&profile).map(drop));
        if profile == NgoProfile::from(&self.saved.get_untracked()) {
            storage::remove(&draft_key(self.id));
        } else if let Ok(json) = serde_json::to_string(&Draft {
            version: self.base.get_untracked(),
            profile,
        }) {
            storage::set(&draft_key(self.id), &json);
        }
    }

    /// Saves the form as a change of the version it started from; when someone
    /// saved meanwhile, shows both versions to choose from.
    fn save(self) {
        let Edit {
            id,
            saved,
            form,
            base,
            restored,
            conflict,
            errors,
            message,
            status,
            t,
            account,
        } = self;
        let profile = form.get_untracked();
        if let Err(found) = validate::ngo_profile(&profile) {
            errors.show(found);
            message.set(Some(t.get_untracked().fix_fields.into()));
            return;
        }
        let Some(token) = account.token() else {
            account.forget();
            return;
        };
        let version = base.get_untracked();
        message.set(None);
        status.set(Some(t.get_untracked().saving));
        spawn_local(async move {
            let result = api::save_profile(id, version, &profile, &token).await;
            status.set(None);
            match result {
                Ok(ngo) => {
                    storage::remove(&draft_key(id));
                    base.set(ngo.version);
                    form.set(NgoProfile::from(&ngo));
                    saved.set(ngo);
                    conflict.set(None);
                    restored.set(false);
                    status.set(Some(t.get_untracked().profile_saved));
                }
                Err(ApiError::Problem(p)) if p.kind == Kind::ChangedMeanwhile => {
                    match api::one_ngo(id).await {
                        Ok(theirs) => conflict.set(Some(theirs)),
                        Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
                    }
                }
                Err(ApiError::Problem(p)) if p.kind == Kind::Unauthorized => account.forget(),
                Err(ApiError::Problem(Problem { errors: found, .. })) if !found.is_empty() => {
                    errors.show(found);
                    message.set(Some(t.get_untracked().fix_fields.into()));
                }
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    }

    /// Saves the form over the version saved meanwhile.
    fn keep_mine(self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            self.base.set(theirs.version);
            self.save();
        }
    }

    /// Takes the version saved meanwhile in place of the form.
    fn take_theirs(self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            self.base.set(theirs.version);
            self.form.set(NgoProfile::from(&theirs));
            self.saved.set(theirs);
            self.conflict.set(None);
        }
    }

    /// Drops the restored draft for the saved profile.
    fn discard(self) {
        let ngo = self.saved.get_untracked();
        self.base.set(ngo.version);
        self.form.set(NgoProfile::from(&ngo));
        self.restored.set(false);
    }
}

#[component]
fn Editor(ngo: Ngo) -> impl IntoView {
    let i18n = use_i18n();
    let edit = Edit::new(ngo);
    let Edit {
        id,
        saved,
        form,
        errors,
        message,
        status,
        ..
    } = edit;
    // Every change is checked at once and kept as a draft; in memory only where
    // storage is denied.
    Effect::new(move || edit.check_and_keep());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        edit.save();
    };
    view! {
        <h1>{move || saved.with(|n| n.name.kk.clone())}</h1>
        <p class="meta">
            {tr(|s| s.last_updated)} ": " {move || saved.with(|n| format_date(i18n.lang.get(), &n.updated_at))} " · "
            <a href=url(format!("/ngos/{id}"))>{tr(|s| s.public_profile)}</a>
        </p>
        <Show when=move || edit.restored.get()>
            <p class="note" role="status">
                {tr(|s| s.draft_restored)} " "
                <button type="button" class="secondary" on:click=move |_| edit.discard()>{tr(|s| s.discard_draft)}</button>
            </p>
        </Show>
        {move || edit.conflict.get().map(|theirs| view! { <Conflict edit theirs/> })}
        <Logo saved/>
        <form class="account-form" on:submit=submit novalidate>
            <p class="form-error" role="alert">{move || message.get()}</p>
            <ProfileFields form errors/>
            <p class="actions">
                <button type="submit">{tr(|s| s.save)}</button>
                " "
                <span role="status">{move || status.get()}</span>
            </p>
        </form>
        <p><a href=url("/fair")>{tr(|s| s.propose_in_a_fair)}</a></p>
    }
}

/// Both versions side by side, where they differ, and the choice between them.
#[component]
fn Conflict(edit: Edit, theirs: Ngo) -> impl IntoView {
    let mine = edit.form.get_untracked();
    let theirs = NgoProfile::from(&theirs);
    view! {
        <section class="conflict" role="alert" aria-labelledby="conflict-title">
            <h2 id="conflict-title">{tr(|s| s.conflict_title)}</h2>
            <p>{tr(|s| s.conflict_text)}</p>
            <table>
                <thead><tr>
                    <th scope="col">{tr(|s| s.field)}</th>
                    <th scope="col">{tr(|s| s.your_version)}</th>
                    <th scope="col">{tr(|s| s.saved_version)}</th>
                </tr></thead>
                <tbody>
                    {COMPARED.iter().filter(|(_, get)| get(&mine) != get(&theirs)).map(|(label, get)| view! {
                        <tr>
                            <th scope="row">{tr(*label)}</th>
                            <td>{get(&mine)}</td>
                            <td>{get(&theirs)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="actions">
                <button type="button" on:click=move |_| edit.keep_mine()>{tr(|s| s.keep_mine)}</button>
                " "
                <button type="button" class="secondary" on:click=move |_| edit.take_theirs()>{tr(|s| s.take_theirs)}</button>
            </p>
        </section>
    }
}

/// The profile's fields, each checked as it is typed.
#[component]
fn ProfileFields(form: RwSignal<NgoProfile>, errors: Errors) -> impl IntoView {
    let text_field = |id: &'static str,
                      field: &'static str,
                      label: Key,
                      get: fn(&NgoProfile) -> String,
                      put: fn(&mut NgoProfile, String),
                      input: Input| {
        let (value, set) = lens(form, get, put);
        view! { <Field id field label=tr(label) value set errors input/> }
    };
    view! {
        {text_field("name-kk", "name.kk", |s| s.name_kk, |p| p.name.kk.clone(), |p, v| p.name.kk = v, Input::Text)}
        {text_field("name-ru", "name.ru", |s| s.name_ru, |p| p.name.ru.clone().unwrap_or_default(), |p, v| p.name.ru = some(v), Input::Text)}
        {text_field("name-en", "name.en", |s| s.name_en, |p| p.name.en.clone().unwrap_or_default(), |p, v| p.name.en = some(v), Input::Text)}
        {text_field("legal-form", "legal_form", |s| s.legal_form, |p| p.legal_form.clone(), |p, v| p.legal_form = v, Input::Text)}
        <DistrictSelect value=Signal::derive(move || form.with(|f| f.district.clone()))
            set=Callback::new(move |v| form.update(|f| f.district = v)) errors/>
        {text_field("address", "address", |s| s.address, |p| p.address.clone(), |p, v| p.address = v, Input::Text)}
        <Directions form errors/>
        {text_field("description-kk", "description.kk", |s| s.description_kk, |p| p.description.kk.clone(), |p, v| p.description.kk = v, Input::Multiline)}
        {text_field("description-ru", "description.ru", |s| s.description_ru, |p| p.description.ru.clone().unwrap_or_default(), |p, v| p.description.ru = some(v), Input::Multiline)}
        {text_field("phone", "phone", |s| s.phone, |p| p.phone.clone().unwrap_or_default(), |p, v| p.phone = some(v), Input::Tel)}
        {text_field("contact-email", "email", |s| s.email_label, |p| p.email.clone().unwrap_or_default(), |p, v| p.email = some(v), Input::Email)}
        {text_field("website", "website", |s| s.website, |p| p.website.clone().unwrap_or_default(), |p, v| p.website = some(v), Input::Url)}
        {text_field("social-links", "social_links", |s| s.social_links_one_a_line, |p| p.social_links.join("\n"), |p, v| p.social_links = v.split('\n').map(str::to_owned).collect(), Input::Multiline)}
        {text_field("volunteers", "volunteers", |s| s.volunteers, |p| p.volunteers.to_string(), |p, v| p.volunteers = if v.trim().is_empty() { 0 } else { v.trim().parse().unwrap_or(-1) }, Input::Number)}
        <div class="field checkbox">
            <label for="active">
                <input id="active" type="checkbox" prop:checked=move || form.with(|f| f.active)
                    on:change=move |ev| form.update(|f| f.active = event_target_checked(&ev))/>
                " " {tr(|s| s.active_label)}
            </label>
        </div>
    }
}

/// The directions an NGO works in, as checkboxes.
#[component]
fn Directions(form: RwSignal<NgoProfile>, errors: Errors) -> impl IntoView {
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    let t = use_t();
    view! {
        <fieldset class="choices" aria-describedby="directions-error">
            <legend>{tr(|s| s.directions)}</legend>
            <p class="field-error" id="directions-error">{move || errors.message(t.get(), "directions")}</p>
            {move || vocabulary.directions.get().into_iter().map(|d| {
                let slug = d.slug.clone();
                let checked_slug = d.slug.clone();
                let id = format!("direction-{}", d.slug);
                view! {
                    <label for=id.clone()>
                        <input type="checkbox" id=id.clone()
                            prop:checked=move || form.with(|f| f.directions.contains(&checked_slug))
                            on:change=move |_| {
                                let slug = slug.clone();
                                form.update(|f| {
                                    if let Some(at) = f.directions.iter().position(|s| *s == slug) {
                                        f.directions.remove(at);
                                    } else {
                                        f.directions.push(slug);
                                    }
                                })
                            }/>
                        " " {i18n.pick(&d.name)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The largest logo the server takes.
const MAX_LOGO_BYTES: f64 = 1024.0 * 1024.0;

/// The NGO's logo, and a file input to replace it.
#[component]
fn Logo(saved: RwSignal<Ngo>) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let message = RwSignal::new(None::<String>);
    let upload = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let strings = t.get_untracked();
        if !["image/png", "image/jpeg", "image/webp"].contains(&file.type_().as_str()) {
            message.set(Some(strings.err_image.into()));
            return;
        }
        if file.size() > MAX_LOGO_BYTES {
            message.set(Some(strings.err_image_size.into()));
            return;
        }
        let Some(token) = account.token() else {
            account.forget();
            return;
        };
        let id = saved.get_untracked().id;
        message.set(Some(strings.saving.into()));
        spawn_local(async move {
            match api::upload_logo(id, &file, &token).await {
                Ok(ngo) => {
                    message.set(Some(strings.logo_saved.into()));
                    saved.update(|s| s.logo_url = ngo.logo_url);
                }
                Err(ApiError::Problem(Problem { errors, .. })) if !errors.is_empty() => {
                    message.set(Some(field_words(strings, &errors[0])))
                }
                Err(error) => message.set(Some(error_text(strings, &error))),
            }
        });
    };
    view! {
        <div class="field logo-field">
            {move || saved.with(|n| n.logo_url.clone()).map(|src| view! {
                <img class="logo" src=url(src) alt=tr(|s| s.logo) width="96" height="96"/>
            })}
            <label for="logo">{tr(|s| s.logo_upload)}</label>
            <input id="logo" type="file" accept="image/png,image/jpeg,image/webp" on:change=upload
                aria-describedby="logo-error"/>
            <p class="field-error" id="logo-error" role="status">{move || message.get()}</p>
        </div>
    }
}
