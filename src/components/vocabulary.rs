//! Districts and directions, loaded once and shared, to name the slugs records carry.

use crate::api::{self, Fetched};
use crate::i18n::use_i18n;
use bastama_model::{Direction, District, Text};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Vocabulary {
    pub districts: Memo<Vec<District>>,
    pub directions: Memo<Vec<Direction>>,
}

/// The loaded list; empty while it loads or when it could not be loaded.
fn list<T: serde::de::DeserializeOwned + PartialEq + Send + Sync + 'static>(
    fetched: Fetched<Vec<T>>,
) -> Memo<Vec<T>> {
    Memo::new(move |_| fetched.get().and_then(Result::ok).unwrap_or_default())
}

impl Vocabulary {
    pub fn provide() {
        provide_context(Vocabulary {
            districts: list(api::fetch(api::districts)),
            directions: list(api::fetch(api::directions)),
        });
    }
}

pub fn use_vocabulary() -> Vocabulary {
    expect_context::<Vocabulary>()
}

/// The name of `slug` in `list`, in the current language; the slug itself until names load.
fn name_of<T: Send + Sync + 'static>(
    list: Memo<Vec<T>>,
    slug_and_name: fn(&T) -> (&str, &Text),
    slug: String,
) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || {
        list.read()
            .iter()
            .map(slug_and_name)
            .find(|(s, _)| *s == slug)
            .map(|(_, name)| i18n.pick(name))
            .unwrap_or_else(|| slug.clone())
    }
}

/// A district's name in the current language.
pub fn district_name(slug: String) -> impl Fn() -> String + Send + Sync + 'static {
    name_of(use_vocabulary().districts, |d| (&d.slug, &d.name), slug)
}

/// A direction's name in the current language.
pub fn direction_name(slug: String) -> impl Fn() -> String + Send + Sync + 'static {
    name_of(use_vocabulary().directions, |d| (&d.slug, &d.name), slug)
}
