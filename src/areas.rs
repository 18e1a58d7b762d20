//! The app's areas, each a chunk of WebAssembly of its own that the browser
//! fetches the first time one of its routes shows (`scripts/build-app.sh`
//! splits them out). Until then the page says it is loading; when the chunk
//! cannot be fetched (the network is gone, or a new release replaced it), it
//! says so and offers to try again.

use crate::components::loaded::Loading;
use crate::i18n::{tr, Strings};
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;

/// An area's chunk that could not be fetched.
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<SplitLoaderError> for Unloaded {
    fn from(_: SplitLoaderError) -> Unloaded {
        Unloaded
    }
}

/// A route's page, from the chunk `load` fetches.
#[component]
pub fn Area<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, Unloaded>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let retry = move || attempt.update(|n| *n += 1);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                attempt.track();
                let loading = send_wrapper::SendWrapper::new(load());
                Suspend::new(async move {
                    loading.await.unwrap_or_else(|Unloaded| view! { <Failed retry/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn Failed(retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <p>{tr(|s| s.error_area)}</p>
            <button type="button" on:click=move |_| retry()>{tr(|s| s.retry)}</button>
        </div>
    }
}

/// A page with a map: its chunk, and Leaflet before it shows.
pub async fn with_leaflet<Fut>(load: impl FnOnce() -> Fut) -> Result<AnyView, Unloaded>
where
    Fut: Future<Output = Result<AnyView, Unloaded>>,
{
    let (page, leaflet) = futures::join!(load(), crate::leaflet::load());
    leaflet.map_err(|_| Unloaded)?;
    page
}

/// The split points, one function per page; the pages of one area share its
/// chunk. Built without the `split` feature (the component tests, a debug
/// build) the app is one module, and a page is there at once.
macro_rules! pages {
    ($($area:ident: $name:ident => $page:path;)*) => {$(
        #[cfg(feature = "split")]
        #[wasm_split($area, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<AnyView, Unloaded> {
            // Untracked: what the page reads must not load the chunk again.
            Ok(untrack(|| $page().into_any()))
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<AnyView, Unloaded> {
            Ok(untrack(|| $page().into_any()))
        }
    )*};
}

pages! {
    browse: initiatives => crate::pages::initiatives::Initiatives;
    browse: fair_list => crate::pages::fair::FairList;
    browse: fair => crate::pages::fair::FairPage;
    browse: ngo_directory => crate::pages::ngos::NgoDirectory;
    browse: ngo_profile => crate::pages::ngos::NgoProfile;
    vote: vote => crate::pages::vote::VotePage;
    vote: results => crate::pages::results::ResultsPage;
    propose: propose => crate::pages::propose::ProposePage;
    moderation: moderation => crate::pages::moderation::ModerationPage;
    account: account => crate::pages::account::AccountPage;
    account: register => crate::pages::account::RegisterPage;
    stats: stats => crate::pages::stats::StatsPage;
    map: map => crate::pages::map::MapPage;
    map: initiative => crate::pages::initiative::InitiativePage;
    place: new_initiative => crate::pages::place::NewInitiativePage;
    place: edit_initiative => crate::pages::place::EditInitiativePage;
}

/// The interface in Russian and in English, each a chunk of its own (Kazakh is
/// in the first chunk).
#[cfg(feature = "split")]
#[wasm_split(lang_ru, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn russian() -> Result<&'static Strings, Unloaded> {
    Ok(bastama_model::i18n::russian())
}

#[cfg(feature = "split")]
#[wasm_split(lang_en, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn english() -> Result<&'static Strings, Unloaded> {
    Ok(bastama_model::i18n::english())
}

#[cfg(not(feature = "split"))]
pub async fn russian() -> Result<&'static Strings, Unloaded> {
    Ok(bastama_model::i18n::russian())
}

#[cfg(not(feature = "split"))]
pub async fn english() -> Result<&'static Strings, Unloaded> {
    Ok(bastama_model::i18n::english())
}
