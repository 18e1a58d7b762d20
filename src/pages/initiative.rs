//! `/initiatives/:id`: one initiative, with its place on a small map (in the
//! map's bundle, with Leaflet).

use crate::api;
use crate::areas::LazyDecisions;
use crate::components::loaded::loaded;
use crate::components::vocabulary::district_name;
use crate::components::{set_title, DemoBadge};
use crate::i18n::{dates, kzt, localized, tr, tr_with, use_t};
use crate::leaflet;
use crate::pages::id_param;
use crate::pages::initiatives::{funding_label, kind_label, status_label};
use crate::pages::map::zoom_buttons_follow_language;
use crate::paths::url;
use crate::session::use_account;
use bastama_model::{Initiative, Role};
use bastama_model::{RecordKind, RecordRef};
use leptos::html;
use leptos::prelude::*;

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
                    <dd><a href=url(format!("/ngos/{ngo}"))>{localized(&n)}</a></dd>
                })}
                <dt>{tr(|s| s.location)}</dt><dd>{format!("{lat:.4}, {lon:.4}")}</dd>
            </dl>
            <Show when=mine>
                <p><a href=url(format!("/map/edit/{id}"))>{tr(|s| s.edit_initiative)}</a></p>
            </Show>
            <div class="map map-small" node_ref=element role="region" aria-label=tr(|s| s.location)></div>
            <LazyDecisions record=RecordRef::new(RecordKind::Initiative, id)/>
        </article>
    }
}
