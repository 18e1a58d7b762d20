//! Loading, error-with-retry and data: the three states of every fetched view.

use crate::api::{ApiError, ApiResult};
use crate::i18n::use_t;
use leptos::prelude::*;

/// Shows `resource` as it loads: a status line, an error with a retry button,
/// or what `ready` makes of the data.
pub fn loaded<T, V>(
    resource: LocalResource<ApiResult<T>>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ErrorBox error retry=move || resource.refetch()/> }.into_any(),
        Some(Ok(value)) => ready(value).into_any(),
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let t = use_t();
    view! {
        <p class="status" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {move || t.get().loading}
        </p>
    }
}

#[component]
pub fn ErrorBox(error: ApiError, retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let t = use_t();
    let message = move || match &error {
        ApiError::Network => t.get().error_network.to_owned(),
        ApiError::Problem(p) if p.status == 404 => t.get().error_not_found.to_owned(),
        ApiError::Problem(p) => format!("{} {}", t.get().error_server, p.detail),
    };
    view! {
        <div class="error" role="alert">
            <p>{message}</p>
            <button type="button" on:click=move |_| retry()>{move || t.get().retry}</button>
        </div>
    }
}

/// The empty state of a list.
#[component]
pub fn Empty() -> impl IntoView {
    let t = use_t();
    view! { <p class="empty" role="status">{move || t.get().nothing_found}</p> }
}
