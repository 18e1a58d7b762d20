//! The map of social initiatives (with Leaflet): `/map` with its filters and
//! list, and `/initiatives/:id`, in one bundle; `/map/new` and `/map/edit/:id`,
//! where an NGO places its own initiatives, in another.

use crate::api::{self, ApiError, Place, Places};
use crate::components::embed::EmbedThis;
use crate::components::form::{lens, DistrictSelect, Errors, Field, Input};
use crate::components::loaded::{error_text, loaded};
use crate::components::pager::page_of_cards;
use crate::components::sign_in::SignIn;
use crate::components::vocabulary::{district_name, use_vocabulary};
use crate::components::{set_title, DemoBadge, OpenData};
use crate::i18n::{dates, kzt, localized, title, tr, tr_with, use_i18n, use_t, Key, Strings};
use crate::leaflet;
use crate::pages::id_param;
use crate::pages::initiatives::{funding_label, kind_label, status_label, InitiativeCard};
use crate::pages::{filtered_link, page_param, use_go};
use crate::paths::{self, url};
use crate::session::use_account;
use bastama_model::{
    validate, Funding, Initiative, InitiativeForm, InitiativeKind, InitiativeStatus, Point,
    Problem, Role, Text,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::NavigateOptions;

/// The filters the map and its list share, each a query parameter of the URL.
const FILTERS: [&str; 7] = ["q", "district", "kind", "status", "funding", "from", "to"];

#[component]
pub fn MapPage() -> impl IntoView {
    title(|s| s.map_title);
    let embedded = paths::embedded();
    let query = use_query_map();
    let current = move |name: &str| query.read().get(name).unwrap_or_default();
    let filters = move || -> Vec<(&'static str, String)> {
        FILTERS.iter().map(|f| (*f, current(f))).collect()
    };
    let page = page_param();
    let here = use_location().pathname;
    let link = move |name: &str, value: String| {
        filtered_link(&here.get_untracked(), &FILTERS, current, name, value)
    };
    let places = api::fetch(move || api::initiatives_geojson(&api::query_string(&filters())));
    let list = api::fetch(move || {
        let mut pairs = filters();
        pairs.push(("page", page().to_string()));
        pairs.push(("per_page", "20".into()));
        api::initiatives(&api::query_string(&pairs))
    });
    let navigate = use_go();
    let go = move |name: &str, value: String| {
        let options = NavigateOptions {
            replace: name == "q",
            scroll: false,
            ..Default::default()
        };
        navigate(&link(name, value), options)
    };
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    let select = {
        let go = go.clone();
        move |name: &'static str, label: Key, options: Signal<Vec<(String, String)>>| {
            let go = go.clone();
            view! {
                <label>
                    <span>{tr(label)}</span>
                    <select on:change=move |ev| go(name, event_target_value(&ev))>
                        <option value="">{tr(|s| s.all)}</option>
                        {move || options.get().into_iter().map(|(value, text)| {
                            let selected = value == current(name);
                            view! { <option value=value selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        }
    };
    let t = use_t();
    let vocabulary_options = |all: &'static [InitiativeKind]| {
        Signal::derive(move || {
            all.iter()
                .map(|k| (k.code().to_owned(), kind_label(t.get(), *k).to_owned()))
                .collect()
        })
    };
    let statuses = Signal::derive(move || {
        InitiativeStatus::ALL
            .iter()
            .map(|k| (k.code().to_owned(), status_label(t.get(), *k).to_owned()))
            .collect()
    });
    let fundings = Signal::derive(move || {
        Funding::ALL
            .iter()
            .map(|k| (k.code().to_owned(), funding_label(t.get(), *k).to_owned()))
            .collect()
    });
    let districts = Signal::derive(move || {
        vocabulary
            .districts
            .get()
            .into_iter()
            .map(|d| (d.slug.clone(), i18n.pick(&d.name)))
            .collect()
    });
    let date = {
        let go = go.clone();
        move |name: &'static str, label: Key| {
            let go = go.clone();
            view! {
                <label>
                    <span>{tr(label)}</span>
                    <input type="date" prop:value=move || current(name)
                        on:change=move |ev| go(name, event_target_value(&ev))/>
                </label>
            }
        }
    };
    let go_text = go.clone();
    let go_district = go.clone();
    let selected = RwSignal::new(None::<i64>);
    view! {
        <h1>{tr(|s| s.map_title)}</h1>
        {(!embedded).then(|| view! { <p><a href=url("/map/new") rel="external">{tr(|s| s.add_initiative)}</a></p> })}
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="grow">
                <span>{tr(|s| s.search)}</span>
                <input type="search" prop:value=move || current("q")
                    on:input=move |ev| go_text("q", event_target_value(&ev))/>
            </label>
            {select("district", |s| s.district, districts)}
            {select("kind", |s| s.kind, vocabulary_options(InitiativeKind::ALL))}
            {select("status", |s| s.status, statuses)}
            {select("funding", |s| s.funding_source, fundings)}
            {date("from", |s| s.date_from)}
            {date("to", |s| s.date_to)}
        </form>
        {(!embedded).then(|| view! {
            <OpenData links=Signal::derive(move || {
                let query = api::query_string(&filters());
                vec![
                    ("CSV", url(format!("/api/v1/export/initiatives.csv{query}"))),
                    ("GeoJSON", url(format!("/api/v1/export/initiatives.geojson{query}"))),
                ]
            })/>
            <EmbedThis view="map"/>
        })}
        <div class="map-area">
            <RegionMap places selected/>
            {move || selected.get().and_then(|id| {
                places.get().and_then(Result::ok).and_then(|p| p.features.into_iter().find(|f| f.id == id))
            }).map(|place| view! { <Details place selected/> })}
        </div>
        <section aria-labelledby="by-district-title">
            <h2 id="by-district-title">{tr(|s| s.by_district)}</h2>
            {move || places.get().and_then(Result::ok).map(|p| {
                let go = go_district.clone();
                view! { <DistrictCounts places=p pick=Callback::new(move |slug: String| go("district", slug))/> }
            })}
        </section>
        <section aria-labelledby="list-title">
            <h2 id="list-title">{tr(|s| s.initiatives_title)}</h2>
            {loaded(list, move |page_data| {
                page_of_cards(
                    page_data,
                    |i| view! { <InitiativeCard initiative=i/> },
                    move |p| link("page", p.to_string()),
                )
            })}
        </section>
    }
}

/// The map itself: district names, the clustered markers of `places`, and
/// `selected` set when a marker is chosen.
#[component]
fn RegionMap(places: api::Fetched<Places>, selected: RwSignal<Option<i64>>) -> impl IntoView {
    let t = use_t();
    let config = api::fetch(api::map_config);
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    let element = NodeRef::<html::Div>::new();
    zoom_buttons_follow_language(element);
    let group = StoredValue::new_local(None::<leaflet::Group>);
    let names = StoredValue::new_local(None::<leaflet::Group>);
    let map = StoredValue::new_local(None::<leaflet::Map>);
    let failed = RwSignal::new(false);
    // Set once the map exists; what draws on it waits for this.
    let ready = RwSignal::new(false);
    // The map, once its element and configuration are there.
    Effect::new(move || {
        let (Some(div), Some(config)) = (element.get(), config.get()) else {
            return;
        };
        if map.with_value(Option::is_some) {
            return;
        }
        if !leaflet::available() {
            failed.set(true);
            return;
        }
        let config = config.ok().unwrap_or(bastama_model::MapConfig {
            tile_url: None,
            attribution: None,
        });
        let tiles = config
            .tile_url
            .as_deref()
            .map(|url| (url, config.attribution.as_deref().unwrap_or("")));
        let strings = t.get_untracked();
        let created = leaflet::region_map(&div, tiles, (strings.zoom_in, strings.zoom_out));
        let (clusters, handler) = leaflet::clusters(&created, move |id| selected.set(Some(id)));
        handler.forget();
        group.set_value(Some(clusters));
        names.set_value(Some(leaflet::label_layer(&created)));
        map.set_value(Some(created));
        ready.set(true);
    });
    // District names on the map, in the reader's language (redrawn when it changes).
    Effect::new(move || {
        let districts = vocabulary.districts.get();
        if !ready.get() || districts.is_empty() {
            return;
        }
        let labels: Vec<(f64, f64, String)> = districts
            .iter()
            .map(|d| (d.center.lat, d.center.lon, i18n.pick(&d.name)))
            .collect();
        names.with_value(|layer| {
            if let Some(layer) = layer {
                leaflet::labels(layer, &labels);
            }
        });
    });
    // The markers: exactly the places the filters give.
    Effect::new(move || {
        let Some(Ok(places)) = places.get() else {
            return;
        };
        if !ready.get() {
            return;
        }
        let titles: Vec<String> = places
            .features
            .iter()
            .map(|p| i18n.pick(&p.properties.title))
            .collect();
        let pins: Vec<leaflet::Pin> = places
            .features
            .iter()
            .zip(&titles)
            .map(|(p, title)| leaflet::Pin {
                lat: p.geometry.coordinates[1],
                lon: p.geometry.coordinates[0],
                class: p.properties.kind.code(),
                title,
                id: p.id,
            })
            .collect();
        group.with_value(|g| {
            if let Some(g) = g {
                leaflet::show(g, &pins);
            }
        });
    });
    on_cleanup(move || {
        map.with_value(|m| {
            if let Some(m) = m {
                m.remove();
            }
        })
    });
    view! {
        <div class="map" node_ref=element role="region" aria-label=tr(|s| s.map_label)></div>
        <Show when=move || failed.get()>
            <p class="note" role="status">{tr(|s| s.map_unavailable)}</p>
        </Show>
    }
}

/// The chosen marker's initiative, beside the map.
#[component]
fn Details(place: Place, selected: RwSignal<Option<i64>>) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move || {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let p = place.properties;
    view! {
        <aside class="details" aria-labelledby="details-title">
            <h2 id="details-title" tabindex="-1" node_ref=heading>{localized(&p.title)}</h2>
            <p class="tags">
                <span class="badge">{tr_with(p.kind, kind_label)}</span>
                <span class="badge">{tr_with(p.status, status_label)}</span>
            </p>
            <p class="meta">{district_name(p.district)} " · " {dates(&p.starts_on, p.ends_on.as_deref())}</p>
            <p class="meta">{tr_with(p.funding, funding_label)}</p>
            <p class="actions">
                <a class="button" href=url(format!("/initiatives/{}", place.id))>{tr(|s| s.open_initiative)}</a>
                <button type="button" class="secondary" on:click=move |_| selected.set(None)>{tr(|s| s.close)}</button>
            </p>
        </aside>
    }
}

/// How many of the places are in each district; choosing one filters by it.
#[component]
fn DistrictCounts(places: Places, pick: Callback<String>) -> impl IntoView {
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    let counts = move || {
        vocabulary
            .districts
            .get()
            .into_iter()
            .map(|d| {
                let n = places
                    .features
                    .iter()
                    .filter(|p| p.properties.district == d.slug)
                    .count();
                (d.slug, i18n.pick(&d.name), n)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <ul class="district-counts">
            {move || counts().into_iter().map(|(slug, name, n)| view! {
                <li>
                    <button type="button" class="secondary" on:click=move |_| pick.run(slug.clone())>
                        {name} " " <span class="badge">{n}</span>
                    </button>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/initiatives/:id`: one initiative, with its place on a small map.
#[component]
pub fn InitiativePage() -> impl IntoView {
    let id = id_param();
    let initiative = api::fetch(move || api::initiative(id()));
    loaded(
        initiative,
        |initiative| view! { <InitiativeView initiative/> },
    )
}

#[component]
fn InitiativeView(initiative: Initiative) -> impl IntoView {
    let i = initiative;
    let name = localized(&i.title);
    let for_title = name.clone();
    Effect::new(move || set_title(&for_title()));
    let account = use_account();
    let ngo_id = i.ngo_id;
    let mine = move || {
        account.session.with(|s| {
            s.as_ref().is_some_and(|s| {
                s.account.role == Role::Moderator
                    || (ngo_id.is_some() && s.account.ngo_id == ngo_id)
            })
        })
    };
    let element = NodeRef::<html::Div>::new();
    zoom_buttons_follow_language(element);
    let (lat, lon, id) = (i.location.lat, i.location.lon, i.id);
    let kind = i.kind.code();
    let pin_title = i.title.kk.clone();
    let t = use_t();
    Effect::new(move || {
        if let Some(div) = element.get() {
            if leaflet::available() {
                let strings = t.get_untracked();
                let map = leaflet::region_map(&div, None, (strings.zoom_in, strings.zoom_out));
                let (group, handler) = leaflet::clusters(&map, |_| {});
                handler.forget();
                leaflet::show(
                    &group,
                    &[leaflet::Pin {
                        lat,
                        lon,
                        class: kind,
                        title: &pin_title,
                        id,
                    }],
                );
                map.set_view(&js_sys::Array::of2(&lat.into(), &lon.into()), 10.0);
            }
        }
    });
    view! {
        <article class="profile">
            <p><a href=url("/map")>"← " {tr(|s| s.nav_map)}</a></p>
            <h1>{name}</h1>
            <p class="tags">
                <span class="badge">{tr_with(i.kind, kind_label)}</span>
                <span class="badge">{tr_with(i.status, status_label)}</span>
                <DemoBadge demo=i.demo/>
            </p>
            <p class="description">{localized(&i.description)}</p>
            <dl class="facts">
                <dt>{tr(|s| s.district)}</dt><dd>{district_name(i.district.clone())}</dd>
                <dt>{tr(|s| s.dates)}</dt><dd>{dates(&i.starts_on, i.ends_on.as_deref())}</dd>
                <dt>{tr(|s| s.funding_source)}</dt><dd>{tr_with(i.funding, funding_label)}</dd>
                {i.amount_kzt.map(|a| view! { <dt>{tr(|s| s.amount_kzt)}</dt><dd>{kzt(a)}</dd> })}
                <dt>{tr(|s| s.volunteers)}</dt><dd>{i.volunteers}</dd>
                {i.ngo_name.clone().zip(i.ngo_id).map(|(n, ngo)| view! {
                    <dt>{tr(|s| s.nav_ngos)}</dt>
                    <dd><a href=url(format!("/ngos/{ngo}")) rel="external">{localized(&n)}</a></dd>
                })}
                <dt>{tr(|s| s.location)}</dt><dd>{format!("{lat:.4}, {lon:.4}")}</dd>
            </dl>
            <Show when=mine>
                <p><a href=url(format!("/map/edit/{id}")) rel="external">{tr(|s| s.edit_initiative)}</a></p>
            </Show>
            <div class="map map-small" node_ref=element role="region" aria-label=tr(|s| s.location)></div>
        </article>
    }
}

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
    // The place: a click on the map, or the coordinates typed.
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
        <Show when=move || !sent.get() fallback=|| view! {
            <p class="note" role="status">{tr(|s| s.initiative_sent)}</p>
            <p><a href=url("/map") rel="external">{tr(|s| s.nav_map)}</a></p>
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
                <fieldset class="choices">
                    <legend>{tr(|s| s.location)}</legend>
                    <p class="hint">{tr(|s| s.pick_on_map)}</p>
                    <div class="map map-small map-picker" node_ref=element role="region" aria-label=tr(|s| s.pick_on_map)></div>
                    <Field id="lat" field="location.lat" label=tr(|s| s.latitude) value=lat
                        set=Callback::new(move |v| lat.set(v)) errors/>
                    <Field id="lon" field="location.lon" label=tr(|s| s.longitude) value=lon
                        set=Callback::new(move |v| lon.set(v)) errors/>
                </fieldset>
                {text("starts-on", "starts_on", |s| s.starts_on, |f| f.starts_on.clone(), |f, v| f.starts_on = v, Input::Date)}
                {text("ends-on", "ends_on", |s| s.ends_on, |f| f.ends_on.clone().unwrap_or_default(), |f, v| f.ends_on = Some(v).filter(|v| !v.is_empty()), Input::Date)}
                {text("volunteers", "volunteers", |s| s.volunteers, |f| f.volunteers.to_string(),
                    |f, v| f.volunteers = if v.trim().is_empty() { 0 } else { v.trim().parse().unwrap_or(-1) }, Input::Number)}
                <button type="submit">{tr(|s| s.save)}</button>
            </form>
        </Show>
    }
}

/// Keeps the zoom buttons of the map in `element` named in the reader's
/// language after a switch (the map names them when it is made).
fn zoom_buttons_follow_language(element: NodeRef<html::Div>) {
    let t = use_t();
    Effect::new(move || {
        let strings = t.get();
        if let Some(div) = element.get() {
            leaflet::name_zoom_buttons(&div, (strings.zoom_in, strings.zoom_out));
        }
    });
}
