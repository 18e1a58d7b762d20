//! `/map/new` and `/map/edit/:id`, a bundle of their own with Leaflet: an NGO
//! places its own initiatives on the map.

use crate::api::{self, ApiError};
use crate::components::form::{lens, DistrictSelect, Errors, Field, Input};
use crate::components::loaded::{error_text, loaded};
use crate::components::sign_in::SignIn;
use crate::i18n::{title, tr, tr_with, use_t, Key, Strings};
use crate::leaflet;
use crate::pages::id_param;
use crate::pages::initiatives::{funding_label, kind_label, status_label};
use crate::pages::map::zoom_buttons_follow_language;
use crate::paths::url;
use crate::session::use_account;
use bastama_model::{
    validate, Funding, Initiative, InitiativeForm, InitiativeKind, InitiativeStatus, Point,
    Problem, Role, Text,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `/map/new`: an NGO places a new initiative.
#[component]
pub fn NewInitiativePage() -> impl IntoView {
    title(|s| s.add_initiative);
    let account = use_account();
    view! {
        <h1>{tr(|s| s.add_initiative)}</h1>
        {move || match account.session.get() {
            Some(s) if s.account.role == Role::Ngo => view! { <InitiativeEditor existing=None/> }.into_any(),
            _ => view! { <p>{tr(|s| s.sign_in_to_add)}</p> <SignIn/> }.into_any(),
        }}
    }
}

/// `/map/edit/:id`: its NGO (or a moderator) changes an initiative.
#[component]
pub fn EditInitiativePage() -> impl IntoView {
    title(|s| s.edit_initiative);
    let id = id_param();
    let account = use_account();
    let initiative = api::fetch(move || api::initiative(id()));
    view! {
        <h1>{tr(|s| s.edit_initiative)}</h1>
        {move || match account.session.get() {
            Some(_) => loaded(initiative, |i| view! { <InitiativeEditor existing=Some(i)/> }),
            None => view! { <SignIn/> }.into_any(),
        }}
    }
}

fn blank_form() -> InitiativeForm {
    InitiativeForm {
        title: Text::default(),
        description: Text::default(),
        kind: InitiativeKind::Event,
        status: InitiativeStatus::Planned,
        funding: Funding::OwnFunds,
        amount_kzt: None,
        district: String::new(),
        location: Point {
            lat: f64::NAN,
            lon: f64::NAN,
        },
        starts_on: String::new(),
        ends_on: None,
        volunteers: 0,
    }
}

fn form_of(i: &Initiative) -> InitiativeForm {
    InitiativeForm {
        title: i.title.clone(),
        description: i.description.clone(),
        kind: i.kind,
        status: i.status,
        funding: i.funding,
        amount_kzt: i.amount_kzt,
        district: i.district.clone(),
        location: i.location,
        starts_on: i.starts_on.clone(),
        ends_on: i.ends_on.clone(),
        volunteers: i.volunteers,
    }
}

/// A coordinate as typed: a number, or NaN (which the validator refuses).
fn coordinate(text: &str) -> f64 {
    text.trim().replace(',', ".").parse().unwrap_or(f64::NAN)
}

/// One choice of a vocabulary, as a labelled select.
fn choose<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: Key,
    all: &'static [T],
    code: fn(T) -> &'static str,
    name: fn(&Strings, T) -> &'static str,
    value: Signal<T>,
    set: impl Fn(T) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <select id=id on:change=move |ev| {
                let chosen = event_target_value(&ev);
                if let Some(v) = all.iter().find(|v| code(**v) == chosen) {
                    set(*v);
                }
            }>
                {all.iter().map(|v| {
                    let v = *v;
                    view! { <option value=code(v) selected=move || value.get() == v>{tr_with(v, name)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn InitiativeEditor(existing: Option<Initiative>) -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let version = existing.as_ref().map(|i| (i.id, i.version));
    let form = RwSignal::new(existing.as_ref().map_or_else(blank_form, form_of));
    // Coordinates as typed, so a half-typed number stays as it is.
    let lat = RwSignal::new(
        existing
            .as_ref()
            .map(|i| i.location.lat.to_string())
            .unwrap_or_default(),
    );
    let lon = RwSignal::new(
        existing
            .as_ref()
            .map(|i| i.location.lon.to_string())
            .unwrap_or_default(),
    );
    Effect::new(move || {
        let (la, lo) = (coordinate(&lat.get()), coordinate(&lon.get()));
        form.update(|f| f.location = Point { lat: la, lon: lo });
    });
    let errors = Errors::new();
    Effect::new(move || errors.validated(form.with(validate::initiative)));
    let message = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = form.get_untracked();
        let strings = t.get_untracked();
        if let Err(found) = validate::initiative(&body) {
            errors.show(found);
            message.set(Some(strings.fix_fields.into()));
            return;
        }
        let Some(token) = account.token() else {
            account.forget();
            return;
        };
        spawn_local(async move {
            let result = match version {
                Some((id, v)) => api::save_initiative(id, v, &body, &token).await,
                None => api::add_initiative(&body, &token).await,
            };
            match result {
                Ok(_) => sent.set(true),
                Err(ApiError::Problem(Problem { errors: found, .. })) if !found.is_empty() => {
                    errors.show(found);
                    message.set(Some(strings.fix_fields.into()));
                }
                Err(error) => message.set(Some(error_text(strings, &error))),
            }
        });
    };
    let text = move |id: &'static str,
                     field: &'static str,
                     label: Key,
                     get: fn(&InitiativeForm) -> String,
                     put: fn(&mut InitiativeForm, String),
                     input: Input| {
        let (value, set) = lens(form, get, put);
        view! { <Field id field label=tr(label) value set errors input/> }
    };
    view! {
        <Show when=move || !sent.get() fallback=|| view! {
            <p class="note" role="status">{tr(|s| s.initiative_sent)}</p>
            <p><a href=url("/map")>{tr(|s| s.nav_map)}</a></p>
        }>
            <form class="account-form" on:submit=submit novalidate>
                <p class="form-error" role="alert">{move || message.get()}</p>
                {text("title-kk", "title.kk", |s| s.title_kk, |f| f.title.kk.clone(), |f, v| f.title.kk = v, Input::Text)}
                {text("title-ru", "title.ru", |s| s.title_ru, |f| f.title.ru.clone().unwrap_or_default(), |f, v| f.title.ru = Some(v).filter(|v| !v.trim().is_empty()), Input::Text)}
                {text("description-kk", "description.kk", |s| s.description_kk, |f| f.description.kk.clone(), |f, v| f.description.kk = v, Input::Multiline)}
                {choose("kind", |s| s.kind, InitiativeKind::ALL, InitiativeKind::code, kind_label,
                    Signal::derive(move || form.with(|f| f.kind)), move |v| form.update(|f| f.kind = v))}
                {choose("status", |s| s.status, InitiativeStatus::ALL, InitiativeStatus::code, status_label,
                    Signal::derive(move || form.with(|f| f.status)), move |v| form.update(|f| f.status = v))}
                {choose("funding", |s| s.funding_source, Funding::ALL, Funding::code, funding_label,
                    Signal::derive(move || form.with(|f| f.funding)), move |v| form.update(|f| f.funding = v))}
                {text("amount", "amount_kzt", |s| s.amount_kzt, |f| f.amount_kzt.map(|a| a.to_string()).unwrap_or_default(),
                    |f, v| f.amount_kzt = if v.trim().is_empty() { None } else { Some(v.trim().parse().unwrap_or(-1)) }, Input::Number)}
                <DistrictSelect value=Signal::derive(move || form.with(|f| f.district.clone()))
                    set=Callback::new(move |v| form.update(|f| f.district = v)) errors/>
                <PlaceFields lat lon errors/>
                {text("starts-on", "starts_on", |s| s.starts_on, |f| f.starts_on.clone(), |f, v| f.starts_on = v, Input::Date)}
                {text("ends-on", "ends_on", |s| s.ends_on, |f| f.ends_on.clone().unwrap_or_default(), |f, v| f.ends_on = Some(v).filter(|v| !v.is_empty()), Input::Date)}
                {text("volunteers", "volunteers", |s| s.volunteers, |f| f.volunteers.to_string(),
                    |f, v| f.volunteers = if v.trim().is_empty() { 0 } else { v.trim().parse().unwrap_or(-1) }, Input::Number)}
                <button type="submit">{tr(|s| s.save)}</button>
            </form>
        </Show>
    }
}

/// The place: a click on the map, or the coordinates typed.
#[component]
fn PlaceFields(lat: RwSignal<String>, lon: RwSignal<String>, errors: Errors) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{tr(|s| s.location)}</legend>
            <p class="hint">{tr(|s| s.pick_on_map)}</p>
            <PlacePicker lat lon/>
            <Field id="lat" field="location.lat" label=tr(|s| s.latitude) value=lat
                set=Callback::new(move |v| lat.set(v)) errors/>
            <Field id="lon" field="location.lon" label=tr(|s| s.longitude) value=lon
                set=Callback::new(move |v| lon.set(v)) errors/>
        </fieldset>
    }
}

/// The map to place an initiative on: a click there sets `lat` and `lon`.
#[component]
fn PlacePicker(lat: RwSignal<String>, lon: RwSignal<String>) -> impl IntoView {
    let t = use_t();
    let element = NodeRef::<html::Div>::new();
    zoom_buttons_follow_language(element);
    Effect::new(move || {
        if let Some(div) = element.get() {
            if leaflet::available() {
                let strings = t.get_untracked();
                let map = leaflet::region_map(&div, None, (strings.zoom_in, strings.zoom_out));
                let handler = leaflet::on_click(&map, move |la, lo| {
                    lat.set(format!("{la:.5}"));
                    lon.set(format!("{lo:.5}"));
                });
                handler.forget();
            }
        }
    });
    view! {
        <div class="map map-small map-picker" node_ref=element role="region" aria-label=tr(|s| s.pick_on_map)></div>
    }
}
