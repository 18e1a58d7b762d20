//! Bastama, the civic-participation web app of the West Kazakhstan region:
//! the app, its router, and the pages it shows.

pub mod api;
pub mod areas;
pub mod components;
pub mod i18n;
pub mod leaflet;
pub mod pages;
pub mod paths;
pub mod session;
pub mod storage;

use components::embed::EmbedFooter;
use components::layout::{FocusOnNavigation, Footer, Header};
use components::vocabulary::Vocabulary;
use i18n::I18n;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use pages::home::Home;
use pages::not_found::NotFound;

/// The app: every page, the full app's and the embed views (`/embed/...`, framed
/// by a portal: no site header, a footer that links out to the full app).
#[component]
pub fn App() -> impl IntoView {
    provide_context(I18n::detect());
    Vocabulary::provide();
    session::Voter::provide();
    session::Account::provide();
    pages::vote::Unsaved::provide();
    let embedded = paths::embedded();
    if embedded {
        components::embed::prepare();
    }
    view! {
        <Router base=paths::base()>
            <FocusOnNavigation/>
            {(!embedded).then(|| view! { <Header/> })}
            <main id="main" tabindex="-1"><Pages/></main>
            {if embedded { view! { <EmbedFooter/> }.into_any() } else { view! { <Footer/> }.into_any() }}
        </Router>
    }
}

/// The page the address shows, from the table in `bastama_model::route`: the
/// home page from the app's first module, every other area from its own (see
/// `areas`). A move between two addresses of one page keeps the page, which
/// follows the id itself.
#[component]
fn Pages() -> impl IntoView {
    use areas::*;
    use bastama_model::route::Page;
    let location = use_location();
    // Without leptos_router's <Routes> (about 30 KB gzip), the page itself
    // tells the router that a move to another path is shown, which then puts
    // it into the address bar and the history.
    let browser = use_context::<BrowserUrl>();
    Effect::new(move || {
        location.pathname.track();
        if let Some(browser) = &browser {
            browser.ready_to_complete();
        }
    });
    let page = Memo::new(move |_| {
        bastama_model::route::Route::of(&paths::below_base(&location.pathname.get())).page
    });
    move || match page.get() {
        Page::Home => view! { <Home/> }.into_any(),
        Page::Initiatives => view! { <Area load=initiatives/> }.into_any(),
        Page::Fairs => view! { <Area load=fair_list/> }.into_any(),
        Page::Fair => view! { <Area load=fair/> }.into_any(),
        Page::Ngos => view! { <Area load=ngo_directory/> }.into_any(),
        Page::Ngo => view! { <Area load=ngo_profile/> }.into_any(),
        Page::Vote => view! { <Area load=vote/> }.into_any(),
        Page::Results => view! { <Area load=results/> }.into_any(),
        Page::Protocol => view! { <Area load=protocol/> }.into_any(),
        Page::Propose => view! { <Area load=propose/> }.into_any(),
        Page::Stats => view! { <Area load=stats/> }.into_any(),
        Page::Moderation => view! { <Area load=moderation/> }.into_any(),
        Page::Audit => view! { <Area load=audit/> }.into_any(),
        Page::Station => view! { <Area load=station/> }.into_any(),
        Page::Account => view! { <Area load=account/> }.into_any(),
        Page::Register => view! { <Area load=register/> }.into_any(),
        Page::Initiative => view! { <Area load=|| with_leaflet(initiative)/> }.into_any(),
        Page::Map => view! { <Area load=|| with_leaflet(map)/> }.into_any(),
        Page::NewInitiative => view! { <Area load=|| with_leaflet(new_initiative)/> }.into_any(),
        Page::EditInitiative => view! { <Area load=|| with_leaflet(edit_initiative)/> }.into_any(),
        Page::NotFound => view! { <NotFound/> }.into_any(),
    }
}
