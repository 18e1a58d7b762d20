//! `/stats`: the region's figures, which the server computes from the records,
//! as bar charts (SVG) each with its data table.

use crate::api;
use crate::components::loaded::loaded;
use crate::i18n::{format_kzt, format_number, title, tr, tr_with, use_i18n, Key};
use crate::pages::home::Figures;
use crate::pages::initiatives::{funding_label, kind_label, status_label};
use bastama_model::{Count, Funding, InitiativeKind, InitiativeStatus, Stats};
use leptos::prelude::*;

#[component]
pub fn StatsPage() -> impl IntoView {
    title(|s| s.stats_title);
    let stats = api::fetch(api::stats);
    view! {
        <h1>{tr(|s| s.stats_title)}</h1>
        <p class="lede">{tr(|s| s.stats_lede)}</p>
        {loaded(stats, |stats| view! { <StatsView stats/> })}
    }
}

/// One bar of a chart: what it counts, the figure, and for money the growth on the bar before.
#[derive(Clone, Copy)]
struct Bar {
    label: Signal<String>,
    value: i64,
    money: bool,
    growth: Option<i64>,
}

fn counted<T: Copy + Send + Sync + 'static>(
    counts: &[Count],
    parse: fn(&str) -> Option<T>,
    label: fn(&crate::i18n::Strings, T) -> &'static str,
) -> Vec<Bar> {
    counts
        .iter()
        .filter_map(|c| {
            let label = tr_with(parse(&c.key)?, label);
            Some(Bar {
                label: Signal::derive(move || label.get().to_owned()),
                value: c.count,
                money: false,
                growth: None,
            })
        })
        .collect()
}

#[component]
fn StatsView(stats: Stats) -> impl IntoView {
    let mut previous: Option<i64> = None;
    let by_year: Vec<Bar> = stats
        .state_social_order_by_year
        .iter()
        .map(|y| {
            let growth = previous
                .filter(|p| *p > 0)
                .map(|p| ((y.amount_kzt - p) * 100) / p);
            previous = Some(y.amount_kzt);
            Bar {
                label: Signal::stored(y.year.to_string()),
                value: y.amount_kzt,
                money: true,
                growth,
            }
        })
        .collect();
    view! {
        <Figures stats=stats.clone()/>
        <Chart id="by-kind" caption=|s| s.stat_by_kind column=|s| s.kind
            bars=counted(&stats.initiatives_by_kind, InitiativeKind::from_code, kind_label)/>
        <Chart id="by-funding" caption=|s| s.stat_by_funding column=|s| s.funding
            bars=counted(&stats.initiatives_by_funding, Funding::from_code, funding_label)/>
        <Chart id="by-status" caption=|s| s.stat_by_status column=|s| s.status
            bars=counted(&stats.initiatives_by_status, InitiativeStatus::from_code, status_label)/>
        <Chart id="social-order" caption=|s| s.stat_social_order column=|s| s.year bars=by_year/>
    }
}

const ROW: i64 = 44;
const WIDTH: i64 = 600;

/// A horizontal bar chart and, as its text equivalent, a table of the same figures.
#[component]
fn Chart(id: &'static str, caption: Key, column: Key, bars: Vec<Bar>) -> impl IntoView {
    let lang = use_i18n().lang;
    let most = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as i64;
    let money = bars.iter().any(|b| b.money);
    let value = move |bar: &Bar| {
        if bar.money {
            format_kzt(lang.get(), bar.value)
        } else {
            format_number(lang.get(), bar.value)
        }
    };
    let title_id = format!("{id}-title");
    let shapes = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = i as i64 * ROW;
            let width = (bar.value * (WIDTH - 160) / most).max(2);
            let shown = *bar;
            view! {
                <g class="bar">
                    <text x="0" y=y + 15>{bar.label}</text>
                    <rect x="0" y=y + 21 width=width height="16" rx="3"></rect>
                    <text x=width + 6 y=y + 34>{move || value(&shown)}</text>
                </g>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .map(|bar| {
            let growth = bar.growth.map(|g| format!("{}{g} %", if g > 0 { "+" } else { "" }));
            let label = bar.label;
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{move || value(&bar)}</td>
                    {money.then(|| view! { <td>{growth.clone().unwrap_or_else(|| "—".into())}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=title_id.clone() class="stat">
            <h2 id=title_id.clone()>{tr(caption)}</h2>
            <figure class="chart">
                <svg viewBox=format!("0 0 {WIDTH} {}", height.max(ROW)) role="img" aria-labelledby=title_id.clone()
                    preserveAspectRatio="xMinYMin meet">
                    {shapes}
                </svg>
            </figure>
            <table class="results">
                <caption>{tr(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(column)}</th>
                        <th scope="col">{tr(if money { |s| s.amount_kzt } else { |s| s.count })}</th>
                        {money.then(|| view! { <th scope="col">{tr(|s| s.growth)}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
