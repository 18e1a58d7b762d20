//! Previous / next page links that keep the rest of the query.

use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the neighbouring pages; `href(page)` builds each link.
#[component]
pub fn Pager(page: u32, pages: u32, href: impl Fn(u32) -> String + Send + Sync + 'static) -> impl IntoView {
    let t = use_t();
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| href(page - 1));
        let next = (page < pages).then(|| href(page + 1));
        view! {
            <nav class="pager" aria-label=move || t.get().page_of>
                {previous.map(|h| view! { <A href=h attr:rel="prev">"← " {move || t.get().previous_page}</A> })}
                <span>{move || t.get().page_of} " " {page} " / " {pages}</span>
                {next.map(|h| view! { <A href=h attr:rel="next">{move || t.get().next_page} " →"</A> })}
            </nav>
        }
    })
}
