//! The interface in Kazakh (the default), Russian and English.
//!
//! Every string lives in a `Strings` value per language, so a key missing in any
//! language is a compile error, not a blank on the page.

mod en;
mod kk;
mod ru;

use crate::storage;
use bastama_model::{Lang, Text};
use leptos::prelude::*;

/// Every piece of interface text.
pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_initiatives: &'static str,
    pub nav_fair: &'static str,
    pub nav_ngos: &'static str,
    pub language: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,
    pub error_not_found: &'static str,
    pub demo_badge: &'static str,
    pub demo_notice: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: &'static str,
    pub results_found: &'static str,
    pub nothing_found: &'static str,
    pub all: &'static str,
    pub search: &'static str,
    pub district: &'static str,
    pub direction: &'static str,
    pub open_data: &'static str,
    // Home
    pub home_title: &'static str,
    pub home_lede: &'static str,
    pub figures_title: &'static str,
    pub fig_ngos_registered: &'static str,
    pub fig_ngos_active: &'static str,
    pub fig_initiatives: &'static str,
    pub fig_patron_events: &'static str,
    pub fig_volunteers: &'static str,
    pub fig_ideas: &'static str,
    pub ways_in: &'static str,
    pub way_initiatives: &'static str,
    pub way_fair: &'static str,
    pub way_ngos: &'static str,
    // Initiatives
    pub initiatives_title: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub funding: &'static str,
    pub organiser: &'static str,
    pub volunteers: &'static str,
    pub amount: &'static str,
    pub dates: &'static str,
    pub kinds: [&'static str; 5],
    pub statuses: [&'static str; 3],
    pub fundings: [&'static str; 5],
    // Fair
    pub fair_title: &'static str,
    pub fairs_empty: &'static str,
    pub phase: &'static str,
    pub phases: [&'static str; 4],
    pub voting_window: &'static str,
    pub votes_per_voter: &'static str,
    pub winners: &'static str,
    pub ideas_title: &'static str,
    pub ideas_count: &'static str,
    pub budget: &'static str,
    pub sponsor: &'static str,
    pub memorandum_signed: &'static str,
    pub open_fair: &'static str,
    // NGOs
    pub ngos_title: &'static str,
    pub ngos_search_hint: &'static str,
    pub verified: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub bin: &'static str,
    pub legal_form: &'static str,
    pub registered_on: &'static str,
    pub address: &'static str,
    pub directions: &'static str,
    pub about: &'static str,
    pub contacts: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub ngo_initiatives: &'static str,
    pub back_to_directory: &'static str,
    // Voting
    pub vote_title: &'static str,
    pub verify_intro: &'static str,
    pub iin: &'static str,
    pub iin_hint: &'static str,
    pub phone_hint: &'static str,
    pub send_code: &'static str,
    pub code_label: &'static str,
    pub code_sent: &'static str,
    pub confirm_code: &'static str,
    pub verified_note: &'static str,
    pub other_number: &'static str,
    pub choose: &'static str,
    pub chosen: &'static str,
    pub left: &'static str,
    pub save_ballot: &'static str,
    pub ballot_saved: &'static str,
    pub unsaved: &'static str,
    pub leave_unsaved: &'static str,
    pub voting_not_open: &'static str,
    pub results: &'static str,
    pub results_title: &'static str,
    pub rank: &'static str,
    pub idea: &'static str,
    pub votes: &'static str,
    pub winner: &'static str,
    pub ballots_cast: &'static str,
    pub chart_label: &'static str,
    pub err_iin_format: &'static str,
    pub err_iin_checksum: &'static str,
    pub err_phone: &'static str,
    pub err_code_format: &'static str,
    pub err_code_wrong: &'static str,
    pub err_code_expired: &'static str,
    pub err_code_attempts: &'static str,
    pub err_too_many: &'static str,
    pub err_phone_used: &'static str,
    pub err_voting_closed: &'static str,
    pub err_ballot_count: &'static str,
    pub err_ballot_unknown: &'static str,
    pub err_session: &'static str,
    // Moderation and proposing ideas
    pub moderation: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub err_sign_in: &'static str,
    pub not_moderator: &'static str,
    pub queue_title: &'static str,
    pub queue_empty: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reason: &'static str,
    pub fairs_admin: &'static str,
    pub new_fair: &'static str,
    pub title_kk: &'static str,
    pub title_ru: &'static str,
    pub create: &'static str,
    pub next_phase: &'static str,
    pub changed_meanwhile: &'static str,
    pub propose_idea: &'static str,
    pub summary_kk: &'static str,
    pub summary_ru: &'static str,
    pub budget_label: &'static str,
    pub send_idea: &'static str,
    pub idea_sent: &'static str,
    pub err_title: &'static str,
    pub err_summary: &'static str,
    pub err_budget: &'static str,
    pub not_taking_ideas: &'static str,
    pub more: &'static str,
    pub description_kk: &'static str,
    pub description_ru: &'static str,
    // NGO accounts
    pub account_title: &'static str,
    pub active_label: &'static str,
    pub application_sent: &'static str,
    pub bin_hint: &'static str,
    pub conflict_title: &'static str,
    pub conflict_text: &'static str,
    pub discard_draft: &'static str,
    pub draft_restored: &'static str,
    pub edit_profile: &'static str,
    pub err_date: &'static str,
    pub err_email: &'static str,
    pub err_image: &'static str,
    pub err_image_size: &'static str,
    pub err_password_common: &'static str,
    pub err_pending: &'static str,
    pub err_range: &'static str,
    pub err_rejected: &'static str,
    pub err_required: &'static str,
    pub err_taken: &'static str,
    pub err_too_long: &'static str,
    pub err_too_many_items: &'static str,
    pub err_too_short: &'static str,
    pub err_unknown_value: &'static str,
    pub err_url: &'static str,
    pub field: &'static str,
    pub fix_fields: &'static str,
    pub keep_mine: &'static str,
    pub take_theirs: &'static str,
    pub your_version: &'static str,
    pub saved_version: &'static str,
    pub last_updated: &'static str,
    pub logo: &'static str,
    pub logo_saved: &'static str,
    pub logo_upload: &'static str,
    pub moderator_edits_from_profile: &'static str,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub no_account_yet: &'static str,
    pub password_hint: &'static str,
    pub profile_saved: &'static str,
    pub public_profile: &'static str,
    pub register_intro: &'static str,
    pub register_ngo: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub send_application: &'static str,
    pub social_links: &'static str,
    pub social_links_one_a_line: &'static str,
    // BIN
    pub err_bin_format: &'static str,
    pub err_bin_checksum: &'static str,
    // Moderation: applications, settings, funding
    pub ngo_applications: &'static str,
    pub ideas_waiting: &'static str,
    pub winners_setting: &'static str,
    pub voting_ends_setting: &'static str,
    pub results_live_setting: &'static str,
    pub save_settings: &'static str,
    pub funding_title: &'static str,
    pub funding_saved: &'static str,
    pub amount_kzt: &'static str,
    // Proposing as an NGO
    pub ngo_sign_in_to_propose: &'static str,
    pub proposing_as_ngo: &'static str,
    // Profile
    pub ngo_ideas: &'static str,
    pub for_ngos: &'static str,
    // Account: ideas
    pub propose_in_a_fair: &'static str,
    // Directory
    pub sort_by: &'static str,
    pub sort_name: &'static str,
    pub sort_updated: &'static str,
    pub sort_volunteers: &'static str,
    pub only_active: &'static str,
    pub only_verified: &'static str,
    // Not found
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
}

/// Picks one string out of `Strings`, e.g. `|s| s.loading`.
pub type Key = fn(&Strings) -> &'static str;

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Kk => &kk::STRINGS,
        Lang::Ru => &ru::STRINGS,
        Lang::En => &en::STRINGS,
    }
}

const STORAGE_KEY: &str = "bastama.lang";

/// The language chosen for this visit, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Language from the URL (`?lang=`), then the saved choice, then the browser.
    pub fn detect() -> I18n {
        let from_url = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|search| {
                search
                    .trim_start_matches('?')
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("lang="))
                    .and_then(Lang::from_code)
            });
        let saved = || storage::get(STORAGE_KEY).and_then(|code| Lang::from_code(&code));
        let browser = || {
            let languages = web_sys::window()?.navigator().languages();
            languages
                .iter()
                .filter_map(|l| l.as_string())
                .find_map(|l| Lang::from_code(l.split('-').next().unwrap_or("")))
        };
        let lang = from_url.or_else(saved).or_else(browser).unwrap_or_default();
        set_document_lang(lang);
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    /// Switches the language and remembers it where the browser allows.
    pub fn choose(self, lang: Lang) {
        self.lang.set(lang);
        storage::set(STORAGE_KEY, lang.code());
        set_document_lang(lang);
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.code());
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The interface strings of the current language, reactively.
pub fn use_t() -> Signal<&'static Strings> {
    let lang = use_i18n().lang;
    Signal::derive(move || strings(lang.get()))
}

/// One interface string, following the language. All such strings share this one
/// signal type, which keeps the wasm small: a closure per string would each be
/// compiled into its own copy of the rendering code.
pub fn tr(key: Key) -> Signal<&'static str> {
    let lang = use_i18n().lang;
    Signal::derive(move || key(strings(lang.get())))
}

/// A label chosen by a value, such as a kind of initiative, following the language.
pub fn tr_with<T: Copy + Send + Sync + 'static>(
    value: T,
    label: fn(&Strings, T) -> &'static str,
) -> Signal<&'static str> {
    let lang = use_i18n().lang;
    Signal::derive(move || label(strings(lang.get()), value))
}

/// A number grouped as the current language writes it.
pub fn number(n: i64) -> Signal<String> {
    let lang = use_i18n().lang;
    Signal::derive(move || format_number(lang.get(), n))
}

/// An amount of tenge as the current language writes it.
pub fn kzt(amount: i64) -> Signal<String> {
    let lang = use_i18n().lang;
    Signal::derive(move || format_kzt(lang.get(), amount))
}

/// Keeps the document's title on an interface string of the current language.
pub fn title(key: Key) {
    let lang = use_i18n().lang;
    Effect::new(move || crate::components::set_title(key(strings(lang.get()))));
}

/// What an invalid field means, in the current language, by its field and code.
pub fn field_text(t: &Strings, field: &str, code: &str) -> Option<&'static str> {
    Some(match (field, code) {
        ("iin", "format") => t.err_iin_format,
        ("iin", _) => t.err_iin_checksum,
        ("bin", "format") => t.err_bin_format,
        ("bin", "checksum") => t.err_bin_checksum,
        ("phone", _) => t.err_phone,
        ("code", "wrong") => t.err_code_wrong,
        ("code", "expired") => t.err_code_expired,
        ("code", "attempts") => t.err_code_attempts,
        ("code", _) => t.err_code_format,
        ("idea_ids", "unknown") => t.err_ballot_unknown,
        ("idea_ids", _) => t.err_ballot_count,
        (f, _) if f.starts_with("title") => t.err_title,
        (f, _) if f.starts_with("summary") => t.err_summary,
        ("budget_kzt", _) => t.err_budget,
        _ => return None,
    })
}

/// What a problem from the server means, in the current language: the known
/// kinds have their own words, anything else the server's own detail.
pub fn problem_text(t: &Strings, problem: &bastama_model::Problem) -> String {
    let known = problem
        .errors
        .first()
        .and_then(|e| field_text(t, &e.field, &e.code))
        .or(match problem.kind.as_str() {
            "/problems/phone-used" => Some(t.err_phone_used),
            "/problems/voting-closed" => Some(t.err_voting_closed),
            "/problems/unauthorized" => Some(t.err_session),
            "/problems/too-many-requests" => Some(t.err_too_many),
            _ => None,
        });
    match (known, problem.status) {
        (Some(text), _) => text.to_owned(),
        (None, 404) => t.error_not_found.to_owned(),
        (None, _) => format!("{} {}", t.error_server, problem.detail),
    }
}

/// A record's text in the current language, with the kk → ru → en fallback.
pub fn localized(text: &Text) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_i18n().lang;
    let text = text.clone();
    move || text.get(lang.get()).to_owned()
}

/// Groups digits as people read money in each language: `2 000 000 ₸`, `2,000,000 ₸`.
pub fn format_number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let separator = match lang {
        Lang::En => ',',
        Lang::Kk | Lang::Ru => '\u{a0}',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '−');
    }
    out
}

pub fn format_kzt(lang: Lang, amount: i64) -> String {
    format!("{}\u{a0}₸", format_number(lang, amount))
}
