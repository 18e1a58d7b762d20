//! Previous / next page links that keep the rest of the query.

use crate::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;

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
