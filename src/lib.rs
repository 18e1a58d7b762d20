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
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use pages::fair::{FairList, FairPage};
use pages::home::Home;
use pages::initiatives::Initiatives;
use pages::ngos::{NgoDirectory, NgoProfile};
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
            <main id="main" tabindex="-1"><AppRoutes/></main>
            {if embedded { view! { <EmbedFooter/> }.into_any() } else { view! { <Footer/> }.into_any() }}
        </Router>
    }
}

/// The route table: the pages people browse (home, initiatives, fairs, NGOs)
/// in the app's first chunk, each heavier area in its own (see `areas`).
#[component]
fn AppRoutes() -> impl IntoView {
    use areas::*;
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=Home/>
            <Route path=path!("/initiatives") view=Initiatives/>
            <Route path=path!("/initiatives/:id") view=|| view! { <Area load=|| with_leaflet(initiative)/> }/>
            <Route path=path!("/fair") view=FairList/>
            <Route path=path!("/fair/:id") view=FairPage/>
            <Route path=path!("/fair/:id/vote") view=|| view! { <Area load=vote/> }/>
            <Route path=path!("/fair/:id/results") view=|| view! { <Area load=results/> }/>
            <Route path=path!("/fair/:id/propose") view=|| view! { <Area load=propose/> }/>
            <Route path=path!("/ngos") view=NgoDirectory/>
            <Route path=path!("/ngos/:id") view=NgoProfile/>
            <Route path=path!("/map") view=|| view! { <Area load=|| with_leaflet(map)/> }/>
            <Route path=path!("/map/new") view=|| view! { <Area load=|| with_leaflet(new_initiative)/> }/>
            <Route path=path!("/map/edit/:id") view=|| view! { <Area load=|| with_leaflet(edit_initiative)/> }/>
            <Route path=path!("/stats") view=|| view! { <Area load=stats/> }/>
            <Route path=path!("/moderation") view=|| view! { <Area load=moderation/> }/>
            <Route path=path!("/account") view=|| view! { <Area load=account/> }/>
            <Route path=path!("/account/register") view=|| view! { <Area load=register/> }/>
            <Route path=path!("/embed/fair/:id") view=|| view! { <Area load=vote/> }/>
            <Route path=path!("/embed/fair/:id/results") view=|| view! { <Area load=results/> }/>
            <Route path=path!("/embed/map") view=|| view! { <Area load=|| with_leaflet(map)/> }/>
            <Route path=path!("/embed/ngos") view=NgoDirectory/>
            <Route path=path!("/embed/ngo/:id") view=NgoProfile/>
        </Routes>
    }
}
