//! The app's areas, each a chunk of WebAssembly of its own that the browser
//! fetches the first time one of its routes shows (`scripts/build-app.sh`
//! splits them out). Until then the page says it is loading; when the chunk
//! cannot be fetched (the network is gone, or a new release replaced it), it
//! says so and offers to try again.

use crate::components::loaded::Loading;
use crate::i18n::{tr, Strings};
use bastama_model::{BallotPublication, FairResults, RecordRef};
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

/// The public decisions about `record`, from their chunk.
#[component]
pub fn LazyDecisions(record: RecordRef) -> impl IntoView {
    view! { <Area load=move || async move { decisions().await.map(|show| show(record)) }/> }
}

/// The ballot box on a fair's page, from its chunk.
#[component]
pub fn LazyBoxHead(fair_id: i64, closed: bool, publication: BallotPublication) -> impl IntoView {
    view! { <Area load=move || async move { box_head().await.map(|show| show(fair_id, closed, publication)) }/> }
}

/// The recount and the receipt lookup of a closed fair's results, from their chunk.
#[component]
pub fn LazyRecount(
    fair_id: i64,
    shown: FairResults,
    publication: BallotPublication,
) -> impl IntoView {
    let shown = StoredValue::new(shown);
    view! {
        <Area load=move || async move {
            recount().await.map(|show| show(fair_id, shown.get_value(), publication))
        }/>
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

/// The split points: `area: name -> T = value` makes `async fn name() ->
/// Result<T, Unloaded>`, which fetches the area's chunk the first time and
/// answers `value` from it; the functions of one area share its chunk. Built
/// without the `split` feature (the component tests) the app is one module,
/// and the value is there at once.
macro_rules! split_points {
    ($($area:ident: $name:ident -> $ty:ty = $value:expr;)*) => {$(
        #[cfg(feature = "split")]
        #[wasm_split($area, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<$ty, Unloaded> {
            Ok($value)
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<$ty, Unloaded> {
            Ok($value)
        }
    )*};
}

/// A page, untracked: what the page reads must not load the chunk again.
macro_rules! page {
    ($page:path) => {
        untrack(|| $page().into_any())
    };
}

split_points! {
    browse: initiatives -> AnyView = page!(crate::pages::initiatives::Initiatives);
    browse: fair_list -> AnyView = page!(crate::pages::fair::FairList);
    browse: fair -> AnyView = page!(crate::pages::fair::FairPage);
    browse: ngo_directory -> AnyView = page!(crate::pages::ngos::NgoDirectory);
    browse: ngo_profile -> AnyView = page!(crate::pages::ngos::NgoProfile);
    vote: vote -> AnyView = page!(crate::pages::vote::VotePage);
    vote: results -> AnyView = page!(crate::pages::results::ResultsPage);
    propose: propose -> AnyView = page!(crate::pages::propose::ProposePage);
    moderation: moderation -> AnyView = page!(crate::pages::moderation::ModerationPage);
    // An area of its own: in the desk's, the account's or the proposal's
    // area it would add 45 to 70 KB gzip to theirs; apart, it costs every
    // route about 2 KB (the loader's table, and shared chunks cut finer).
    audit: audit -> AnyView = page!(crate::pages::audit::AuditPage);
    station: station -> AnyView = page!(crate::pages::station::StationPage);
    account: account -> AnyView = page!(crate::pages::account::AccountPage);
    account: register -> AnyView = page!(crate::pages::account::RegisterPage);

    stats: stats -> AnyView = page!(crate::pages::stats::StatsPage);
    map: map -> AnyView = page!(crate::pages::map::MapPage);
    map: initiative -> AnyView = page!(crate::pages::initiative::InitiativePage);
    place: new_initiative -> AnyView = page!(crate::pages::place::NewInitiativePage);
    place: edit_initiative -> AnyView = page!(crate::pages::place::EditInitiativePage);
    // The decisions on a record's page (an NGO's, a fair's, an initiative's):
    // in the areas of those pages they would add 7 to 9 KB gzip to each.
    decisions: decisions -> fn(RecordRef) -> AnyView =
        |record| view! { <crate::components::decisions::Decisions record/> }.into_any();
    // The published ballot box: its head on the fair's page, the recount and
    // the receipt lookup on the results page, the protocol. Apart, the
    // recount's hashing and counting load only where a box is shown.
    ballot_box: protocol -> AnyView = page!(crate::pages::protocol::ProtocolPage);
    ballot_box: box_head -> fn(i64, bool, BallotPublication) -> AnyView =
        |fair_id, closed, publication| view! { <crate::pages::ballot_box::BoxHead fair_id closed publication/> }.into_any();
    ballot_box: recount -> fn(i64, FairResults, BallotPublication) -> AnyView =
        |fair_id, shown, publication| view! { <crate::pages::ballot_box::Recount fair_id shown publication/> }.into_any();
    // The interface in Russian and in English (Kazakh is in the first chunk).
    lang_ru: russian -> &'static Strings = bastama_model::i18n::russian();
    lang_en: english -> &'static Strings = bastama_model::i18n::english();
}
