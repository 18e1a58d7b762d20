//! The map of social initiatives (with Leaflet): `/map` with its filters and
//! list, also as the embed view `/embed/map`.

use crate::api::{self, Place, Places};
use crate::components::embed::EmbedThis;
use crate::components::loaded::loaded;
use crate::components::pager::page_of_cards;
use crate::components::vocabulary::{district_name, use_vocabulary};
use crate::components::OpenData;
use crate::i18n::{dates, localized, title, tr, tr_with, use_i18n, use_t, I18n, Key};
use crate::leaflet;
use crate::pages::initiatives::{funding_label, kind_label, status_label, InitiativeCard};
use crate::pages::{filtered_link, page_param, use_go};
use crate::paths::{self, url};
use bastama_model::{Funding, InitiativeKind, InitiativeQuery, InitiativeStatus};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn MapPage() -> impl IntoView {
    title(|s| s.map_title);
    let embedded = paths::embedded();
    let query = use_query_map();
    let current = move |name: &str| query.read().get(name).unwrap_or_default();
    let filters = move || -> Vec<(&'static str, String)> {
        InitiativeQuery::NAMES
            .iter()
            .map(|f| (*f, current(f)))
            .collect()
    };
    let page = page_param();
    let here = use_location().pathname;
    let link = move |name: &str, value: String| {
        filtered_link(
            &here.get_untracked(),
            &InitiativeQuery::NAMES,
            current,
            name,
            value,
        )
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
    let go_district = go.clone();
    let selected = RwSignal::new(None::<i64>);
    view! {
        <h1>{tr(|s| s.map_title)}</h1>
        {(!embedded).then(|| view! { <p><a href=url("/map/new")>{tr(|s| s.add_initiative)}</a></p> })}
        {filter_form(current, go)}
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

/// The filters' form: text, district, kind, status, funding and dates, each
/// moving to the URL with its new value through `go`.
fn filter_form(
    current: impl Fn(&str) -> String + Copy + Send + Sync + 'static,
    go: impl Fn(&str, String) + Clone + 'static,
) -> impl IntoView {
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
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="grow">
                <span>{tr(|s| s.search)}</span>
                <input type="search" prop:value=move || current("q")
                    on:input=move |ev| go("q", event_target_value(&ev))/>
            </label>
            {select("district", |s| s.district, districts)}
            {select("kind", |s| s.kind, vocabulary_options(InitiativeKind::ALL))}
            {select("status", |s| s.status, statuses)}
            {select("funding", |s| s.funding_source, fundings)}
            {date("from", |s| s.date_from)}
            {date("to", |s| s.date_to)}
        </form>
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
        group.with_value(|g| {
            if let Some(g) = g {
                show_places(g, &places, i18n);
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

/// Puts the places on the map as markers in `group`, titled in the reader's language.
fn show_places(group: &leaflet::Group, places: &Places, i18n: I18n) {
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
    leaflet::show(group, &pins);
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

/// Keeps the zoom buttons of the map in `element` named in the reader's
/// language after a switch (the map names them when it is made).
pub fn zoom_buttons_follow_language(element: NodeRef<html::Div>) {
    let t = use_t();
    Effect::new(move || {
        let strings = t.get();
        if let Some(div) = element.get() {
            leaflet::name_zoom_buttons(&div, (strings.zoom_in, strings.zoom_out));
        }
    });
}
