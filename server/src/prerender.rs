//! The NGO directory's page written into the HTML the server sends: the same
//! header, filters and first page of cards the app shows, so they are on screen
//! before the app has started (and for readers without JavaScript, and for
//! search engines). The app hides itself behind it while it starts and removes it
//! once its own first answer is in (see `paths::take_over`).

use crate::error::ApiResult;
use crate::params::Params;
use crate::store::{meta, ngos, Db};
use axum::http::{header, HeaderMap};
use bastama_model::i18n::{Choice, Strings, SAVED_CHOICE};
use bastama_model::{NgoQuery, NgoSort, NgoSummary, Page, DIRECTORY_PER_PAGE};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::fmt::Write;

/// The directory page for `query`, in the reader's language, and that language;
/// an error when the query is not one the API takes (the app then says why).
pub async fn directory(
    db: &Db,
    base: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> ApiResult<(Choice, String)> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let choice = language(&pairs, headers);
    let mut asked: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| NgoQuery::NAMES.contains(&k.as_str()) || k == "page")
        .cloned()
        .collect();
    asked.push(("per_page".into(), DIRECTORY_PER_PAGE.to_string()));
    let asked = Params::new(asked);
    let paging = asked.paging()?;
    let filters = asked.ngo_query(db).await?;
    let (page, districts, directions) = tokio::try_join!(
        ngos::page(db, &filters, paging),
        meta::districts(db),
        meta::directions(db),
    )?;
    let names = Names {
        districts: districts
            .into_iter()
            .map(|d| (d.slug, choice.pick(&d.name)))
            .collect(),
        directions: directions
            .into_iter()
            .map(|d| (d.slug, choice.pick(&d.name)))
            .collect(),
    };
    let t = choice.strings();
    let written = filters.pairs();
    // The directory's URL on another page, as the app's pager links are.
    let link = |page: u32| {
        let mut pairs = written.clone();
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        format!("{base}/ngos{}", query_string(&pairs))
    };

    let mut html = String::from(r#"<div id="prerendered">"#);
    header(&mut html, t, choice, base);
    let _ = write!(
        html,
        r#"<main id="prerendered-main" tabindex="-1"><h1>{}</h1>"#,
        text(t.ngos_title)
    );
    filter_form(&mut html, t, &written, &names);
    let csv = format!("{base}/api/v1/export/ngos.csv{}", query_string(&written));
    let _ = write!(
        html,
        r#"<p class="open-data">{}: <a href="{}" rel="external" download>CSV</a> </p><details class="embed-this"><summary>{}</summary></details>"#,
        text(t.open_data),
        attr(&csv),
        text(t.embed_this)
    );
    results(&mut html, t, choice, base, &page, &names, link);
    let _ = write!(
        html,
        r#"</main><footer class="site-footer"><p>{} — {}</p><p><a href="{base}/account" rel="external">{}</a> · <a href="{base}/api/v1/openapi.json">API</a></p></footer></div>"#,
        text(t.app_name),
        text(t.tagline),
        text(t.for_ngos)
    );
    Ok((choice, html))
}

/// `?name=value&…`, encoded; empty when there is nothing to ask.
fn query_string(pairs: &[(&str, String)]) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.extend_pairs(pairs);
    match url.finish() {
        query if query.is_empty() => query,
        query => format!("?{query}"),
    }
}

/// The names of the districts and directions in the reader's language, by slug.
struct Names {
    districts: Vec<(String, String)>,
    directions: Vec<(String, String)>,
}

impl Names {
    fn of(list: &[(String, String)], slug: &str) -> String {
        list.iter()
            .find(|(s, _)| s == slug)
            .map_or_else(|| slug.to_owned(), |(_, name)| name.clone())
    }
}

/// The filters' form, as the app's directory draws it, showing `written`.
fn filter_form(html: &mut String, t: &Strings, written: &[(&str, String)], names: &Names) {
    let current = |name: &str| {
        written
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let _ = write!(
        html,
        r#"<form class="filters" role="search"><label class="grow"><span>{}</span><input type="search" name="q" value="{}" placeholder="{}"></label>"#,
        text(t.search),
        attr(current("q")),
        attr(t.ngos_search_hint)
    );
    let select = |html: &mut String, name: &str, label: &str, options: &[(String, String)]| {
        let _ = write!(
            html,
            r#"<label><span>{}</span><select name="{name}">"#,
            text(label)
        );
        for (value, shown) in options {
            let selected = if value == current(name) {
                " selected"
            } else {
                ""
            };
            let _ = write!(
                html,
                r#"<option value="{}"{selected}>{}</option>"#,
                attr(value),
                text(shown)
            );
        }
        html.push_str("</select></label>");
    };
    let all = |list: &[(String, String)]| {
        let mut options = vec![(String::new(), t.all.to_owned())];
        options.extend(list.iter().cloned());
        options
    };
    select(html, "district", t.district, &all(&names.districts));
    select(html, "direction", t.direction, &all(&names.directions));
    let sorts: Vec<(String, String)> = NgoSort::ALL
        .iter()
        .map(|sort| {
            // The default order is no parameter at all, as in the app.
            let value = if *sort == NgoSort::Name {
                ""
            } else {
                sort.code()
            };
            let label = match sort {
                NgoSort::Name => t.sort_name,
                NgoSort::Updated => t.sort_updated,
                NgoSort::Volunteers => t.sort_volunteers,
            };
            (value.to_owned(), label.to_owned())
        })
        .collect();
    select(html, "sort", t.sort_by, &sorts);
    for (name, label) in [("active", t.only_active), ("verified", t.only_verified)] {
        let checked = if current(name) == "true" {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            html,
            r#"<label class="check"><input type="checkbox" name="{name}" value="true"{checked}><span>{}</span></label>"#,
            text(label)
        );
    }
    html.push_str("</form>");
}

/// The page of cards with its count and pager, or the empty state.
fn results(
    html: &mut String,
    t: &Strings,
    choice: Choice,
    base: &str,
    page: &Page<NgoSummary>,
    names: &Names,
    link: impl Fn(u32) -> String,
) {
    if page.items.is_empty() {
        let _ = write!(
            html,
            r#"<p class="empty" role="status">{}</p>"#,
            text(t.nothing_found)
        );
        return;
    }
    let _ = write!(
        html,
        r#"<p class="count" role="status">{}: {}</p><ul class="cards">"#,
        text(t.results_found),
        page.total
    );
    for ngo in &page.items {
        card(
            html,
            t,
            choice,
            base,
            ngo,
            |d| Names::of(&names.districts, d),
            |d| Names::of(&names.directions, d),
        );
    }
    html.push_str("</ul>");
    let pages = page.pages();
    if pages <= 1 {
        return;
    }
    let _ = write!(
        html,
        r#"<nav class="pager" aria-label="{}">"#,
        attr(t.page_of)
    );
    if page.page > 1 {
        let _ = write!(
            html,
            r#"<a href="{}" rel="prev">← {}</a>"#,
            attr(&link(page.page - 1)),
            text(t.previous_page)
        );
    }
    let _ = write!(
        html,
        "<span>{} {} / {pages}</span>",
        text(t.page_of),
        page.page
    );
    if page.page < pages {
        let _ = write!(
            html,
            r#"<a href="{}" rel="next">{} →</a>"#,
            attr(&link(page.page + 1)),
            text(t.next_page)
        );
    }
    html.push_str("</nav>");
}

/// The site header, as the app's `Header` draws it on the directory.
fn header(html: &mut String, t: &Strings, choice: Choice, base: &str) {
    let _ = write!(
        html,
        r##"<a class="skip-link" href="#prerendered-main">{}</a><header class="site-header"><div class="bar"><a href="{base}/" class="brand"><span class="brand-mark" aria-hidden="true">Б</span><span>{}</span></a><div class="lang-switch" role="group" aria-label="{}">"##,
        text(t.skip_to_content),
        text(t.app_name),
        attr(t.language)
    );
    for (each, label) in Choice::ALL {
        let _ = write!(
            html,
            r#"<button type="button" lang="{}" aria-pressed="{}">{label}</button>"#,
            each.code(),
            each == choice
        );
    }
    let _ = write!(
        html,
        r#"</div></div><nav class="main-nav" aria-label="{}">"#,
        attr(t.nav_label)
    );
    for (path, label) in [
        ("/", t.nav_home),
        ("/initiatives", t.nav_initiatives),
        ("/map", t.nav_map),
        ("/fair", t.nav_fair),
        ("/ngos", t.nav_ngos),
        ("/stats", t.nav_stats),
    ] {
        let current = if path == "/ngos" {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(
            html,
            r#"<a href="{base}{path}"{current}>{}</a>"#,
            text(label)
        );
    }
    html.push_str("</nav></header>");
}

/// One card, as the app's `NgoCard` draws it.
fn card(
    html: &mut String,
    t: &Strings,
    choice: Choice,
    base: &str,
    ngo: &NgoSummary,
    district: impl Fn(&str) -> String,
    direction: impl Fn(&str) -> String,
) {
    let _ = write!(
        html,
        r#"<li class="card"><h2 class="card-title"><a href="{base}/ngos/{}">{}</a></h2><p class="tags">"#,
        ngo.id,
        text(&choice.pick(&ngo.name))
    );
    if ngo.verified {
        let _ = write!(
            html,
            r#"<span class="badge badge-ok">{}</span>"#,
            text(t.verified)
        );
    }
    if !ngo.active {
        let _ = write!(html, r#"<span class="badge">{}</span>"#, text(t.inactive));
    }
    if ngo.demo {
        let _ = write!(
            html,
            r#"<span class="badge badge-demo">{}</span>"#,
            text(t.demo_badge)
        );
    }
    let _ = write!(
        html,
        r#"</p><p class="meta">{}"#,
        text(&district(&ngo.district))
    );
    for d in &ngo.directions {
        let _ = write!(html, " · {}", text(&direction(d)));
    }
    html.push_str("</p></li>");
}

/// The reader's language, as the app finds it: the URL's `lang`, then the
/// choice the app saved (its `bastama.lang` cookie), then the browser's
/// languages (`Accept-Language`), then Kazakh.
fn language(pairs: &[(String, String)], headers: &HeaderMap) -> Choice {
    let from_url = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Choice::from_code(v));
    let saved = || {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .find_map(|pair| pair.trim().strip_prefix(SAVED_CHOICE)?.strip_prefix('='))
            .and_then(Choice::from_code)
    };
    let browser = || {
        let accepted = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
        Choice::from_browser(
            accepted
                .split(',')
                .filter_map(|part| part.split(';').next())
                .map(str::trim),
        )
    };
    from_url
        .or_else(saved)
        .or_else(browser)
        .unwrap_or(Choice::ALL[0].0)
}
