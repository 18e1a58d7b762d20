//! Bastama, the civic-participation web app of the West Kazakhstan region:
//! the app, its router, and the pages it shows.

pub mod api;
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
use pages::account::{AccountPage, RegisterPage};
use pages::fair::{FairList, FairPage};
use pages::home::Home;
use pages::initiatives::Initiatives;
use pages::moderation::ModerationPage;
use pages::ngos::{NgoDirectory, NgoProfile};
use pages::not_found::NotFound;
use pages::propose::ProposePage;
use pages::results::ResultsPage;
use pages::stats::StatsPage;
use pages::vote::VotePage;

/// What every page needs: language, vocabularies, the voter, the frame.
#[component]
fn Shell(#[prop(optional)] external: bool, children: Children) -> impl IntoView {
    provide_context(I18n::detect());
    Vocabulary::provide();
    view! {
        <Router base=paths::base()>
            <FocusOnNavigation/>
            <Header external/>
            <main id="main" tabindex="-1">{children()}</main>
            <Footer/>
        </Router>
    }
}

/// The same for an embed view (`/embed/...`, framed by a portal): no site
/// header, and a footer that links out to the full app.
#[component]
fn EmbedShell(children: Children) -> impl IntoView {
    provide_context(I18n::detect());
    Vocabulary::provide();
    components::embed::prepare();
    view! {
        <Router base=paths::base()>
            <FocusOnNavigation/>
            <main id="main" tabindex="-1">{children()}</main>
            <EmbedFooter/>
        </Router>
    }
}

/// The routes of a bundle that has embed views too, in the embed frame on an
/// embed view and in the full app's frame elsewhere.
fn framed<V: IntoView + 'static>(routes: impl FnOnce() -> V + Send + 'static) -> AnyView {
    if paths::embedded() {
        view! { <EmbedShell>{routes()}</EmbedShell> }.into_any()
    } else {
        view! { <Shell external=true>{routes()}</Shell> }.into_any()
    }
}

/// The app people browse: home, initiatives, fairs, NGOs.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/initiatives") view=Initiatives/>
                <Route path=path!("/fair") view=FairList/>
                <Route path=path!("/fair/:id") view=FairPage/>
                <Route path=path!("/ngos") view=NgoDirectory/>
                <Route path=path!("/ngos/:id") view=NgoProfile/>
            </Routes>
        </Shell>
    }
}

/// The voting app, a bundle of its own so the browsing app stays small:
/// verifying a phone, the ballot, and the results; also as embed views.
#[component]
pub fn VoteApp() -> impl IntoView {
    session::Voter::provide();
    pages::vote::Unsaved::provide();
    framed(|| {
        view! {
            <Routes fallback=NotFound>
                <Route path=path!("/fair/:id/vote") view=VotePage/>
                <Route path=path!("/fair/:id/results") view=ResultsPage/>
                <Route path=path!("/embed/fair/:id") view=VotePage/>
                <Route path=path!("/embed/fair/:id/results") view=ResultsPage/>
            </Routes>
        }
    })
}

/// Proposing an idea to a fair, a bundle of its own: as a verified voter, or
/// as an NGO's signed-in account.
#[component]
pub fn ProposeApp() -> impl IntoView {
    session::Voter::provide();
    session::Account::provide();
    view! {
        <Shell external=true>
            <Routes fallback=NotFound>
                <Route path=path!("/fair/:id/propose") view=ProposePage/>
            </Routes>
        </Shell>
    }
}

/// The moderators' desk, a bundle of its own.
#[component]
pub fn AdminApp() -> impl IntoView {
    session::Account::provide();
    view! {
        <Shell external=true>
            <Routes fallback=NotFound>
                <Route path=path!("/moderation") view=ModerationPage/>
            </Routes>
        </Shell>
    }
}

/// NGO self-service, a bundle of its own: sign in, edit the profile.
#[component]
pub fn AccountApp() -> impl IntoView {
    session::Account::provide();
    view! {
        <Shell external=true>
            <Routes fallback=NotFound>
                <Route path=path!("/account") view=AccountPage/>
            </Routes>
        </Shell>
    }
}

/// The region's statistics, a bundle of its own (its charts would push the
/// browsing app's first load over its budget).
#[component]
pub fn StatsApp() -> impl IntoView {
    view! {
        <Shell external=true>
            <Routes fallback=NotFound>
                <Route path=path!("/stats") view=StatsPage/>
            </Routes>
        </Shell>
    }
}

/// The map of social initiatives, a bundle of its own with Leaflet; also as an
/// embed view.
#[component]
pub fn MapApp() -> impl IntoView {
    session::Account::provide();
    framed(|| {
        view! {
            <Routes fallback=NotFound>
                <Route path=path!("/map") view=pages::map::MapPage/>
                <Route path=path!("/initiatives/:id") view=pages::initiative::InitiativePage/>
                <Route path=path!("/embed/map") view=pages::map::MapPage/>
            </Routes>
        }
    })
}

/// NGOs placing their initiatives on the map, a bundle of its own with Leaflet.
#[component]
pub fn PlaceApp() -> impl IntoView {
    session::Account::provide();
    view! {
        <Shell external=true>
            <Routes fallback=NotFound>
                <Route path=path!("/map/new") view=pages::place::NewInitiativePage/>
                <Route path=path!("/map/edit/:id") view=pages::place::EditInitiativePage/>
            </Routes>
        </Shell>
    }
}

/// An NGO's application for an account, a bundle of its own.
#[component]
pub fn RegisterApp() -> impl IntoView {
    view! {
        <Shell external=true>
            <Routes fallback=NotFound>
                <Route path=path!("/account/register") view=RegisterPage/>
            </Routes>
        </Shell>
    }
}

/// The NGO directory and NGO cards as embed views, a bundle of their own so
/// the browsing app carries no embed frame.
#[component]
pub fn CardsApp() -> impl IntoView {
    view! {
        <EmbedShell>
            <Routes fallback=NotFound>
                <Route path=path!("/embed/ngos") view=NgoDirectory/>
                <Route path=path!("/embed/ngo/:id") view=NgoProfile/>
            </Routes>
        </EmbedShell>
    }
}
