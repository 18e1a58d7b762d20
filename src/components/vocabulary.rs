//! Districts and directions, loaded once and shared, to name the slugs records carry.

use crate::api::{self, ApiResult};
use crate::i18n::use_i18n;
use bastama_model::{Direction, District};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Vocabulary {
    pub districts: LocalResource<ApiResult<Vec<District>>>,
    pub directions: LocalResource<ApiResult<Vec<Direction>>>,
}

impl Vocabulary {
    pub fn provide() {
        provide_context(Vocabulary {
            districts: LocalResource::new(api::districts),
            directions: LocalResource::new(api::directions),
        });
    }

    /// The districts once loaded, empty before.
    pub fn district_list(self) -> Vec<District> {
        self.districts.get().and_then(Result::ok).unwrap_or_default()
    }

    pub fn direction_list(self) -> Vec<Direction> {
        self.directions.get().and_then(Result::ok).unwrap_or_default()
    }
}

pub fn use_vocabulary() -> Vocabulary {
    expect_context::<Vocabulary>()
}

/// A district's name in the current language; the slug until the names load.
pub fn district_name(slug: String) -> impl Fn() -> String + Send + Sync + 'static {
    let vocabulary = use_vocabulary();
    let lang = use_i18n().lang;
    move || {
        vocabulary
            .district_list()
            .iter()
            .find(|d| d.slug == slug)
            .map(|d| d.name.get(lang.get()).to_owned())
            .unwrap_or_else(|| slug.clone())
    }
}

/// A direction's name in the current language; the slug until the names load.
pub fn direction_name(slug: String) -> impl Fn() -> String + Send + Sync + 'static {
    let vocabulary = use_vocabulary();
    let lang = use_i18n().lang;
    move || {
        vocabulary
            .direction_list()
            .iter()
            .find(|d| d.slug == slug)
            .map(|d| d.name.get(lang.get()).to_owned())
            .unwrap_or_else(|| slug.clone())
    }
}
