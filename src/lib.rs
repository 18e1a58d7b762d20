//! Bastama, the civic-participation web app of the West Kazakhstan region:
//! the app, its router, and the pages it shows.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod storage;

use components::layout::{Footer, Header};
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

#[component]
pub fn App() -> impl IntoView {
    provide_context(I18n::detect());
    Vocabulary::provide();
    view! {
        <Router>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/initiatives") view=Initiatives/>
                    <Route path=path!("/fair") view=FairList/>
                    <Route path=path!("/fair/:id") view=FairPage/>
                    <Route path=path!("/ngos") view=NgoDirectory/>
                    <Route path=path!("/ngos/:id") view=NgoProfile/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
