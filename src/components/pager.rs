//! A page of a list: how many were found, its cards, and previous / next page
//! links that keep the rest of the query.

use crate::components::loaded::Empty;
use crate::i18n::tr;
use bastama_model::Page;
use leptos::prelude::*;
use leptos_router::components::A;

/// A page of a list: how many were found, a card for each item, and the pager
/// (`href(page)` builds its links); the empty state when there is nothing.
pub fn page_of_cards<T, V: IntoView + 'static>(
    page: Page<T>,
    card: impl Fn(T) -> V,
    href: impl Fn(u32) -> String + Send + Sync + 'static,
) -> AnyView {
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (pages, current, total) = (page.pages(), page.page, page.total);
    let cards = page.items.into_iter().map(card).collect_view();
    view! {
        <p class="count" role="status">{tr(|s| s.results_found)} ": " {total}</p>
        <ul class="cards">{cards}</ul>
        <Pager page=current pages href/>
    }
    .into_any()
}

/// Links to the neighbouring pages; `href(page)` builds each link.
#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    href: impl Fn(u32) -> String + Send + Sync + 'static,
) -> impl IntoView {
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| href(page - 1));
        let next = (page < pages).then(|| href(page + 1));
        view! {
            <nav class="pager" aria-label=tr(|s| s.page_of)>
                {previous.map(|h| view! { <A href=h attr:rel="prev">"← " {tr(|s| s.previous_page)}</A> })}
                <span>{tr(|s| s.page_of)} " " {page} " / " {pages}</span>
                {next.map(|h| view! { <A href=h attr:rel="next">{tr(|s| s.next_page)} " →"</A> })}
            </nav>
        }
    })
}
