//! The NGO directory (search and filters in the URL) and public profiles.

use crate::api;
use crate::components::loaded::{loaded, Empty};
use crate::components::pager::Pager;
use crate::components::vocabulary::{direction_name, district_name, use_vocabulary};
use crate::components::{set_title, DemoBadge};
use crate::i18n::{format_number, localized, use_i18n, use_t};
use crate::pages::initiatives::InitiativeCard;
use crate::pages::{format_date, page_param, query_param};
use bastama_model::{validate, Ngo, NgoSummary};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

const PER_PAGE: &str = "20";

#[component]
pub fn NgoDirectory() -> impl IntoView {
    let t = use_t();
    Effect::new(move || set_title(t.get().ngos_title));
    let q = query_param("q");
    let district = query_param("district");
    let page = page_param();
    let link = move |q: String, district: String, page: u32| {
        let page = if page > 1 { page.to_string() } else { String::new() };
        format!("/ngos{}", api::query_string(&[("q", q), ("district", district), ("page", page)]))
    };
    let list = LocalResource::new(move || {
        let query = api::query_string(&[
            ("q", q()),
            ("district", district()),
            ("page", page().to_string()),
            ("per_page", PER_PAGE.into()),
        ]);
        async move { api::ngos(&query).await }
    });
    let navigate = use_navigate();
    let replace = navigate.clone();
    let vocabulary = use_vocabulary();
    let lang = use_i18n().lang;
    view! {
        <h1>{move || t.get().ngos_title}</h1>
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="grow">
                <span>{move || t.get().search}</span>
                <input
                    type="search"
                    prop:value=q
                    placeholder=move || t.get().ngos_search_hint
                    on:input=move |ev| {
                        let options = NavigateOptions { replace: true, scroll: false, ..Default::default() };
                        replace(&link(event_target_value(&ev), district(), 1), options)
                    }
                />
            </label>
            <label>
                <span>{move || t.get().district}</span>
                <select on:change=move |ev| navigate(&link(q(), event_target_value(&ev), 1), Default::default())>
                    <option value="">{move || t.get().all}</option>
                    {move || {
                        vocabulary
                            .district_list()
                            .into_iter()
                            .map(|d| {
                                let selected = d.slug == district();
                                view! { <option value=d.slug.clone() selected=selected>{d.name.get(lang.get()).to_owned()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </form>
        {loaded(list, move |page_data| {
            if page_data.items.is_empty() {
                return view! { <Empty/> }.into_any();
            }
            let (pages, current, total) = (page_data.pages(), page_data.page, page_data.total);
            view! {
                <p class="count" role="status">{move || t.get().results_found} ": " {total}</p>
                <ul class="cards">
                    {page_data.items.into_iter().map(|ngo| view! { <NgoCard ngo/> }).collect_view()}
                </ul>
                <Pager page=current pages href=move |p| link(q(), district(), p)/>
            }
            .into_any()
        })}
    }
}

#[component]
fn NgoCard(ngo: NgoSummary) -> impl IntoView {
    let t = use_t();
    view! {
        <li class="card">
            <h2 class="card-title"><A href=format!("/ngos/{}", ngo.id)>{localized(&ngo.name)}</A></h2>
            <p class="tags">
                {ngo.verified.then(|| view! { <span class="badge badge-ok">{move || t.get().verified}</span> })}
                {(!ngo.active).then(|| view! { <span class="badge">{move || t.get().inactive}</span> })}
                <DemoBadge demo=ngo.demo/>
            </p>
            <p class="meta">
                {district_name(ngo.district.clone())}
                {ngo.directions.into_iter().map(|d| view! { " · " {direction_name(d)} }).collect_view()}
            </p>
        </li>
    }
}

#[component]
pub fn NgoProfile() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let ngo = LocalResource::new(move || {
        let id = id();
        async move { api::ngo(id).await }
    });
    loaded(ngo, |ngo| view! { <ProfileView ngo/> })
}

#[component]
fn ProfileView(ngo: Ngo) -> impl IntoView {
    let t = use_t();
    let lang = use_i18n().lang;
    let name = localized(&ngo.name);
    let for_title = name.clone();
    Effect::new(move || set_title(&for_title()));
    let query = api::query_string(&[("ngo", ngo.id.to_string()), ("per_page", "50".into())]);
    let initiatives = LocalResource::new(move || {
        let query = query.clone();
        async move { api::initiatives(&query).await }
    });
    // Only http(s) links become links; anything else stays text.
    let website = ngo.website.clone().filter(|w| validate::web_link("website", w).is_ok());
    let tel = ngo.phone.as_ref().map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>());
    let volunteers = ngo.volunteers;
    let other_names: Vec<String> = [ngo.name.ru.clone(), ngo.name.en.clone()]
        .into_iter()
        .flatten()
        .filter(|n| !n.is_empty() && n != &ngo.name.kk)
        .collect();
    view! {
        <article class="profile">
            <p><A href="/ngos">"← " {move || t.get().back_to_directory}</A></p>
            <h1>{name}</h1>
            {(!other_names.is_empty()).then(|| view! { <p class="other-names">{other_names.join(" · ")}</p> })}
            <p class="tags">
                {ngo.verified.then(|| view! { <span class="badge badge-ok">"✓ " {move || t.get().verified}</span> })}
                <span class="badge">{move || if ngo.active { t.get().active } else { t.get().inactive }}</span>
                <DemoBadge demo=ngo.demo/>
            </p>
            <h2>{move || t.get().about}</h2>
            <p class="description">{localized(&ngo.description)}</p>
            <dl class="facts">
                <dt>{move || t.get().bin}</dt>
                <dd>{ngo.bin.clone()}</dd>
                <dt>{move || t.get().legal_form}</dt>
                <dd>{ngo.legal_form.clone()}</dd>
                <dt>{move || t.get().registered_on}</dt>
                <dd>{format_date(&ngo.registered_on)}</dd>
                <dt>{move || t.get().district}</dt>
                <dd>{district_name(ngo.district.clone())}</dd>
                <dt>{move || t.get().address}</dt>
                <dd>{ngo.address.clone()}</dd>
                <dt>{move || t.get().directions}</dt>
                <dd>
                    {ngo.directions.iter().enumerate().map(|(i, d)| view! {
                        {(i > 0).then_some(", ")}{direction_name(d.clone())}
                    }).collect_view()}
                </dd>
                <dt>{move || t.get().volunteers}</dt>
                <dd>{move || format_number(lang.get(), volunteers)}</dd>
                <dt>{move || t.get().updated_at}</dt>
                <dd>{format_date(&ngo.updated_at)}</dd>
            </dl>
            <h2>{move || t.get().contacts}</h2>
            <dl class="facts">
                {ngo.phone.clone().zip(tel).map(|(phone, tel)| view! {
                    <dt>{move || t.get().phone}</dt>
                    <dd><a href=format!("tel:{tel}")>{phone}</a></dd>
                })}
                {ngo.email.clone().map(|email| view! {
                    <dt>{move || t.get().email}</dt>
                    <dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
                })}
                {website.map(|site| view! {
                    <dt>{move || t.get().website}</dt>
                    <dd><a href=site.clone() rel="noopener noreferrer nofollow" target="_blank">{site.clone()}</a></dd>
                })}
            </dl>
            <h2>{move || t.get().ngo_initiatives}</h2>
            {loaded(initiatives, |page| {
                if page.items.is_empty() {
                    return view! { <Empty/> }.into_any();
                }
                view! {
                    <ul class="cards">
                        {page.items.into_iter().map(|i| view! { <InitiativeCard initiative=i/> }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </article>
    }
}
