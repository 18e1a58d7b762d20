//! The NGO directory (search and filters in the URL) and public profiles.

use crate::api;
use crate::areas::LazyDecisions;
use crate::components::embed::EmbedThis;
use crate::components::loaded::{loaded, Empty};
use crate::components::pager::page_of_cards;
use crate::components::vocabulary::{direction_name, district_name, use_vocabulary};
use crate::components::{set_title, DemoBadge, OpenData};
use crate::i18n::{dates, localized, number, title, tr, use_i18n, Key};
use crate::pages::id_param;
use crate::pages::initiatives::InitiativeCard;
use crate::pages::{filtered_link, page_param, use_go};
use crate::paths;
use crate::paths::url;
use bastama_model::{validate, Ngo, NgoQuery, NgoSummary, DIRECTORY_PER_PAGE};
use bastama_model::{RecordKind, RecordRef};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn NgoDirectory() -> impl IntoView {
    title(|s| s.ngos_title);
    let query = use_query_map();
    let current = move |name: &str| query.read().get(name).unwrap_or_default();
    let page = page_param();
    // The directory's URL with `name` set to `value` (the page when `name` is
    // "page"; any other change goes back to the first page).
    let here = use_location().pathname;
    let link = move |name: &str, value: String| {
        filtered_link(
            &here.get_untracked(),
            &NgoQuery::NAMES,
            current,
            name,
            value,
        )
    };
    let list = api::fetch(move || {
        let mut pairs: Vec<(&str, String)> =
            NgoQuery::NAMES.iter().map(|f| (*f, current(f))).collect();
        pairs.push(("page", page().to_string()));
        pairs.push(("per_page", DIRECTORY_PER_PAGE.to_string()));
        api::ngos(&api::query_string(&pairs))
    });
    let navigate = use_go();
    let go = move |name: &str, value: String, replace: bool| {
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(&link(name, value), options)
    };
    let (go_text, go_select, go_check) = (go.clone(), go.clone(), go.clone());
    let select = move |name: &'static str, label: Key, options: Signal<Vec<(String, String)>>| {
        let go = go_select.clone();
        view! {
            <label>
                <span>{tr(label)}</span>
                <select on:change=move |ev| go(name, event_target_value(&ev), false)>
                    <option value="">{tr(|s| s.all)}</option>
                    {move || options.get().into_iter().map(|(value, text)| {
                        let selected = value == current(name);
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let check = move |name: &'static str, label: Key| {
        let go = go_check.clone();
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || current(name) == "true"
                    on:change=move |ev| go(name, if event_target_checked(&ev) { "true".into() } else { String::new() }, false)/>
                <span>{tr(label)}</span>
            </label>
        }
    };
    let (districts, directions) = filter_options();
    view! {
        <h1>{tr(|s| s.ngos_title)}</h1>
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="grow">
                <span>{tr(|s| s.search)}</span>
                <input
                    type="search"
                    prop:value=move || current("q")
                    placeholder=tr(|s| s.ngos_search_hint)
                    on:input=move |ev| go_text("q", event_target_value(&ev), true)
                />
            </label>
            {select("district", |s| s.district, districts)}
            {select("direction", |s| s.direction, directions)}
            <label>
                <span>{tr(|s| s.sort_by)}</span>
                <select on:change=move |ev| go("sort", event_target_value(&ev), false)>
                    {[("", (|s| s.sort_name) as Key), ("updated", |s| s.sort_updated), ("volunteers", |s| s.sort_volunteers)]
                        .into_iter()
                        .map(|(value, label)| view! {
                            <option value=value selected=move || current("sort") == value>{tr(label)}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            {check("active", |s| s.only_active)}
            {check("verified", |s| s.only_verified)}
        </form>
        {(!paths::embedded()).then(|| view! {
            <OpenData links=Signal::derive(move || {
                let pairs: Vec<(&str, String)> = NgoQuery::NAMES.iter().map(|f| (*f, current(f))).collect();
                vec![("CSV", url(format!("/api/v1/export/ngos.csv{}", api::query_string(&pairs))))]
            })/>
            <EmbedThis view="ngos"/>
        })}
        {loaded(list, move |page_data| {
            page_of_cards(page_data, |ngo| view! { <NgoCard ngo/> }, move |p| link("page", p.to_string()))
        })}
    }
}

type Options = Signal<Vec<(String, String)>>;

/// The districts and the directions as a filter's options: each slug, and its
/// name in the reader's language.
fn filter_options() -> (Options, Options) {
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    let districts = Signal::derive(move || {
        let districts = vocabulary.districts.get();
        districts
            .into_iter()
            .map(|d| (d.slug, i18n.pick(&d.name)))
            .collect()
    });
    let directions = Signal::derive(move || {
        let directions = vocabulary.directions.get();
        directions
            .into_iter()
            .map(|d| (d.slug, i18n.pick(&d.name)))
            .collect()
    });
    (districts, directions)
}

#[component]
fn NgoCard(ngo: NgoSummary) -> impl IntoView {
    // An embed view's cards open the embed view of the profile.
    let href = if paths::embedded() {
        url(format!("/embed/ngo/{}", ngo.id))
    } else {
        url(format!("/ngos/{}", ngo.id))
    };
    view! {
        <li class="card">
            <h2 class="card-title"><A href=href>{localized(&ngo.name)}</A></h2>
            <p class="tags">
                {ngo.verified.then(|| view! { <span class="badge badge-ok">{tr(|s| s.verified)}</span> })}
                {(!ngo.active).then(|| view! { <span class="badge">{tr(|s| s.inactive)}</span> })}
                <DemoBadge demo=ngo.demo/>
            </p>
            <p class="meta">
                {district_name(ngo.district.clone())}
                {ngo.directions.into_iter().map(|d| view! { " · " {direction_name(d)} }).collect_view()}
            </p>
        </li>
    }
}

/// `+77112501234` as people write it, `+7 711 250 12 34`; anything else as it is.
fn spaced_phone(phone: &str) -> String {
    match phone.strip_prefix("+7") {
        Some(n) if n.len() == 10 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("+7 {} {} {} {}", &n[..3], &n[3..6], &n[6..8], &n[8..])
        }
        _ => phone.to_owned(),
    }
}

#[component]
pub fn NgoProfile() -> impl IntoView {
    let id = id_param();
    let ngo = api::fetch(move || api::ngo(id()));
    loaded(ngo, |ngo| view! { <ProfileView ngo/> })
}

#[component]
fn ProfileView(ngo: Ngo) -> impl IntoView {
    let name = localized(&ngo.name);
    let for_title = name.clone();
    Effect::new(move || set_title(&for_title()));
    let query = api::query_string(&[("ngo", ngo.id.to_string()), ("per_page", "50".into())]);
    let initiatives = api::fetch(move || api::initiatives(&query));
    let volunteers = ngo.volunteers;
    let embedded = paths::embedded();
    let id = ngo.id;
    let other_names: Vec<String> = [ngo.name.ru.clone(), ngo.name.en.clone()]
        .into_iter()
        .flatten()
        .filter(|n| !n.is_empty() && n != &ngo.name.kk)
        .collect();
    view! {
        <article class="profile">
            <p><A href=url(if embedded { "/embed/ngos" } else { "/ngos" })>"← " {tr(|s| s.back_to_directory)}</A></p>
            <div class="profile-head">
                {ngo.logo_url.clone().map(|src| view! { <img class="logo" src=url(src) alt="" width="96" height="96"/> })}
                <h1>{name}</h1>
            </div>
            {(!other_names.is_empty()).then(|| view! { <p class="other-names">{other_names.join(" · ")}</p> })}
            <p class="tags">
                {ngo.verified.then(|| view! { <span class="badge badge-ok">"✓ " {tr(|s| s.verified)}</span> })}
                <span class="badge">{if ngo.active { tr(|s| s.active) } else { tr(|s| s.inactive) }}</span>
                <DemoBadge demo=ngo.demo/>
            </p>
            <h2>{tr(|s| s.about)}</h2>
            <p class="description">{localized(&ngo.description)}</p>
            <dl class="facts">
                <dt>{tr(|s| s.bin)}</dt>
                <dd>{ngo.bin.to_string()}</dd>
                <dt>{tr(|s| s.legal_form)}</dt>
                <dd>{ngo.legal_form.clone()}</dd>
                <dt>{tr(|s| s.registered_on)}</dt>
                <dd>{dates(&ngo.registered_on, None)}</dd>
                <dt>{tr(|s| s.district)}</dt>
                <dd>{district_name(ngo.district.clone())}</dd>
                <dt>{tr(|s| s.address)}</dt>
                <dd>{ngo.address.clone()}</dd>
                <dt>{tr(|s| s.directions)}</dt>
                <dd>
                    {ngo.directions.iter().enumerate().map(|(i, d)| view! {
                        {(i > 0).then_some(", ")}{direction_name(d.clone())}
                    }).collect_view()}
                </dd>
                <dt>{tr(|s| s.volunteers)}</dt>
                <dd>{number(volunteers)}</dd>
                <dt>{tr(|s| s.last_updated)}</dt>
                <dd>{dates(&ngo.updated_at, None)}</dd>
            </dl>
            <h2>{tr(|s| s.contacts)}</h2>
            {contacts(&ngo)}
            <h2>{tr(|s| s.ngo_initiatives)}</h2>
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
            <h2>{tr(|s| s.ngo_ideas)}</h2>
            {if ngo.ideas.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <ul>
                        {ngo.ideas.clone().into_iter().map(|idea| view! {
                            <li><A href=url(format!("/fair/{}#idea-{}", idea.fair_id, idea.id))>{localized(&idea.title)}</A></li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <LazyDecisions record=RecordRef::new(RecordKind::Ngo, id)/>
            {(!embedded).then(|| view! { <EmbedThis view="ngo" id/> })}
        </article>
    }
}

/// An NGO's phone, e-mail, website and social links: only http(s) links
/// become links, anything else stays text.
fn contacts(ngo: &Ngo) -> impl IntoView {
    let website = ngo
        .website
        .clone()
        .filter(|w| validate::web_link("website", w).is_ok());
    let tel = ngo.phone.as_ref().map(|p| {
        p.chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    });
    let social: Vec<String> = ngo
        .social_links
        .iter()
        .filter(|l| validate::web_link("social_links", l).is_ok())
        .cloned()
        .collect();
    view! {
        <dl class="facts">
            {ngo.phone.clone().zip(tel).map(|(phone, tel)| view! {
                <dt>{tr(|s| s.phone)}</dt>
                <dd><a href=format!("tel:{tel}")>{spaced_phone(&phone)}</a></dd>
            })}
            {ngo.email.clone().map(|email| view! {
                <dt>{tr(|s| s.email)}</dt>
                <dd><a href=format!("mailto:{email}")>{email.to_string()}</a></dd>
            })}
            {website.map(|site| view! {
                <dt>{tr(|s| s.website)}</dt>
                <dd><a href=site.clone() rel="noopener noreferrer nofollow" target="_blank">{site.clone()}</a></dd>
            })}
            {(!social.is_empty()).then(|| view! {
                <dt>{tr(|s| s.social_links)}</dt>
                <dd>
                    <ul class="plain">
                        {social.into_iter().map(|link| view! {
                            <li><a href=link.clone() rel="noopener noreferrer nofollow" target="_blank">{link.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </dd>
            })}
        </dl>
    }
}
