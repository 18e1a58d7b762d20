//! Loading, error-with-retry and data: the three states of every fetched view.

use crate::api::{ApiError, Fetched};
use crate::i18n::{problem_text, tr, use_t, Strings};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::sync::Arc;

type Show = Arc<dyn Fn(&str) -> Option<AnyView> + Send + Sync>;

/// Shows a fetched answer as it loads: a status line, an error with a retry
/// button, or what `ready` makes of the data.
pub fn loaded<T, V>(fetched: Fetched<T>, ready: impl Fn(T) -> V + Send + Sync + 'static) -> AnyView
where
    T: DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let show: Show = Arc::new(move |body| {
        crate::api::parse::<T>(body)
            .ok()
            .map(|value| ready(value).into_any())
    });
    shown(fetched.erased(), show)
}

fn shown(fetched: Fetched<()>, show: Show) -> AnyView {
    let retry = move || fetched.retry();
    (move || {
        let body = fetched.body();
        // The first answer on screen replaces a page the server wrote in.
        if body.is_some() {
            crate::paths::take_over();
        }
        match body {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorBox error retry/> }.into_any(),
            Some(Ok(text)) => show(&text).unwrap_or_else(|| {
                view! { <ErrorBox error=ApiError::Unexpected retry/> }.into_any()
            }),
        }
    })
    .into_any()
}

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="status" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {tr(|s| s.loading)}
        </p>
    }
}

#[component]
pub fn ErrorBox(error: ApiError, retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let t = use_t();
    let message = move || error_text(t.get(), &error);
    view! {
        <div class="error" role="alert">
            <p>{message}</p>
            <button type="button" on:click=move |_| retry()>{tr(|s| s.retry)}</button>
        </div>
    }
}

/// What went wrong, in the current language.
pub fn error_text(t: &Strings, error: &ApiError) -> String {
    match error {
        ApiError::Network => t.error_network.to_owned(),
        ApiError::Unexpected => t.error_unexpected.to_owned(),
        ApiError::Problem(problem) => problem_text(t, problem),
    }
}

/// The empty state of a list.
#[component]
pub fn Empty() -> impl IntoView {
    view! { <p class="empty" role="status">{tr(|s| s.nothing_found)}</p> }
}
