//! The list of social initiatives, filtered by district and kind from the URL.

use crate::api;
use crate::components::loaded::loaded;
use crate::components::pager::page_of_cards;
use crate::components::vocabulary::{district_name, use_vocabulary};
use crate::components::{DemoBadge, OpenData};
use crate::i18n::{dates, kzt, localized, title, tr, tr_with, use_i18n, Strings};
use crate::pages::{page_param, query_param, use_go};
use crate::paths::url;
use bastama_model::{Funding, Initiative, InitiativeKind, InitiativeStatus};
use leptos::prelude::*;
use leptos_router::components::A;

const PER_PAGE: &str = "20";

pub fn kind_label(t: &Strings, kind: InitiativeKind) -> &'static str {
    t.kinds[kind.index()]
}

pub fn status_label(t: &Strings, status: InitiativeStatus) -> &'static str {
    t.statuses[status.index()]
}

pub fn funding_label(t: &Strings, funding: Funding) -> &'static str {
    t.fundings[funding.index()]
}

#[component]
pub fn Initiatives() -> impl IntoView {
    title(|s| s.initiatives_title);
    let district = query_param("district");
    let kind = query_param("kind");
    let page = page_param();
    let link = move |district: String, kind: String, page: u32| {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        url(format!(
            "/initiatives{}",
            api::query_string(&[("district", district), ("kind", kind), ("page", page)])
        ))
    };
    let list = api::fetch(move || {
        api::initiatives(&api::query_string(&[
            ("district", district()),
            ("kind", kind()),
            ("page", page().to_string()),
            ("per_page", PER_PAGE.into()),
        ]))
    });
    let navigate = use_go();
    let go = move |href: String| navigate(&href, Default::default());
    let go_kind = go.clone();
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    view! {
        <h1>{tr(|s| s.initiatives_title)}</h1>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <label>
                <span>{tr(|s| s.district)}</span>
                <select
                    on:change=move |ev| go(link(event_target_value(&ev), kind(), 1))
                >
                    <option value="">{tr(|s| s.all)}</option>
                    {move || {
                        vocabulary
                            .districts
                            .get()
                            .into_iter()
                            .map(|d| {
                                let selected = d.slug == district();
                                view! { <option value=d.slug.clone() selected=selected>{i18n.pick(&d.name)}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label>
                <span>{tr(|s| s.kind)}</span>
                <select
                    on:change=move |ev| go_kind(link(district(), event_target_value(&ev), 1))
                >
                    <option value="">{tr(|s| s.all)}</option>
                    {InitiativeKind::ALL
                        .iter()
                        .map(|k| {
                            let code = k.code();
                            view! { <option value=code selected=move || kind() == code>{tr_with(*k, kind_label)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </form>
        <OpenData links=Signal::derive(move || {
            let query = api::query_string(&[("district", district()), ("kind", kind())]);
            vec![
                ("CSV", url(format!("/api/v1/export/initiatives.csv{query}"))),
                ("GeoJSON", url(format!("/api/v1/export/initiatives.geojson{query}"))),
            ]
        })/>
        {loaded(list, move |page_data| {
            page_of_cards(
                page_data,
                |i| view! { <InitiativeCard initiative=i/> },
                move |p| link(district(), kind(), p),
            )
        })}
    }
}

#[component]
pub fn InitiativeCard(initiative: Initiative) -> impl IntoView {
    let i = initiative;
    let dates = dates(&i.starts_on, i.ends_on.as_deref());
    let amount = i.amount_kzt;
    view! {
        <li class="card">
            <h3><a href=url(format!("/initiatives/{}", i.id))>{localized(&i.title)}</a></h3>
            <p class="tags">
                <span class=format!("badge kind-{}", i.kind.code())>{tr_with(i.kind, kind_label)}</span>
                <span class="badge">{tr_with(i.status, status_label)}</span>
                <DemoBadge demo=i.demo/>
            </p>
            <p>{localized(&i.description)}</p>
            <dl class="facts">
                <dt>{tr(|s| s.district)}</dt>
                <dd>{district_name(i.district.clone())}</dd>
                <dt>{tr(|s| s.dates)}</dt>
                <dd>{dates}</dd>
                <dt>{tr(|s| s.funding)}</dt>
                <dd>
                    {tr_with(i.funding, funding_label)}
                    {amount.map(|a| view! { ", " {kzt(a)} })}
                </dd>
                {i.ngo_id.zip(i.ngo_name.clone()).map(|(id, name)| view! {
                    <dt>{tr(|s| s.organiser)}</dt>
                    <dd><A href=url(format!("/ngos/{id}"))>{localized(&name)}</A></dd>
                })}
            </dl>
        </li>
    }
}
