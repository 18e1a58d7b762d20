//! The interface in Kazakh (the default), Russian and English.
//!
//! Every string lives in a `Strings` value per language, so a key missing in any
//! language is a compile error, not a blank on the page.

mod en;
mod kk;
mod ru;

use crate::storage;
use bastama_model::latin::to_latin;
use bastama_model::{Lang, Text};
use leptos::prelude::*;

/// Declares `Strings`, every piece of interface text, from the names of its
/// strings and of its lists (the labels of a vocabulary, in the vocabulary's order),
/// with `map` to make a copy of each string through a function (the Latin script).
macro_rules! strings {
    (lists { $($list:ident: $n:literal,)* } $($key:ident,)*) => {
        /// Every piece of interface text.
        #[derive(Clone, Copy)]
        pub struct Strings {
            $(pub $list: [&'static str; $n],)*
            $(pub $key: &'static str,)*
        }

        impl Strings {
            /// Every string with its key, for the tests that check each language.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                let mut all = vec![$((stringify!($key), self.$key),)*];
                $(all.extend(self.$list.iter().map(|s| (stringify!($list), *s)));)*
                all
            }

            /// Every string passed through `f`; made once, so leaked. One loop
            /// over all the strings keeps the wasm small.
            fn map(&self, f: fn(&str) -> String) -> Strings {
                let mut copy = Strings { ..*self };
                let lists = [$(copy.$list.as_mut_slice(),)*];
                let keys = [$(&mut copy.$key,)*];
                for s in lists.into_iter().flatten().chain(keys) {
                    *s = leaked(f, s);
                }
                copy
            }
        }
    };
}

/// `f(s)`, kept for the rest of the visit. Never inlined: `map` calls it for
/// every string, and inlined copies would swell the wasm.
#[inline(never)]
fn leaked(f: fn(&str) -> String, s: &str) -> &'static str {
    Box::leak(f(s).into_boxed_str())
}

strings! {
    lists {
        kinds: 5,
        statuses: 3,
        fundings: 5,
        phases: 4,
    }
    app_name,
    tagline,
    skip_to_content,
    nav_label,
    nav_home,
    nav_initiatives,
    nav_fair,
    nav_ngos,
    language,
    loading,
    retry,
    error_network,
    error_server,
    error_not_found,
    demo_badge,
    demo_notice,
    previous_page,
    next_page,
    page_of,
    results_found,
    nothing_found,
    all,
    search,
    district,
    direction,
    open_data,
    // Home
    home_title,
    home_lede,
    figures_title,
    fig_ngos_registered,
    fig_ngos_active,
    fig_initiatives,
    fig_patron_events,
    fig_volunteers,
    fig_ideas,
    ways_in,
    way_initiatives,
    way_fair,
    way_ngos,
    // Initiatives
    initiatives_title,
    kind,
    status,
    funding,
    organiser,
    volunteers,
    amount,
    dates,
    // Fair
    fair_title,
    fairs_empty,
    phase,
    voting_window,
    votes_per_voter,
    winners,
    ideas_title,
    ideas_count,
    budget,
    sponsor,
    memorandum_signed,
    open_fair,
    // NGOs
    ngos_title,
    ngos_search_hint,
    verified,
    active,
    inactive,
    bin,
    legal_form,
    registered_on,
    address,
    directions,
    about,
    contacts,
    phone,
    email,
    website,
    ngo_initiatives,
    back_to_directory,
    // Voting
    vote_title,
    verify_intro,
    iin,
    iin_hint,
    phone_hint,
    send_code,
    code_label,
    code_sent,
    confirm_code,
    verified_note,
    other_number,
    choose,
    chosen,
    left,
    save_ballot,
    ballot_saved,
    unsaved,
    leave_unsaved,
    voting_not_open,
    results,
    results_title,
    rank,
    idea,
    votes,
    winner,
    ballots_cast,
    chart_label,
    err_iin_format,
    err_iin_checksum,
    err_phone,
    err_code_format,
    err_code_wrong,
    err_code_expired,
    err_code_attempts,
    err_too_many,
    err_phone_used,
    err_voting_closed,
    err_ballot_count,
    err_ballot_unknown,
    err_session,
    // Moderation and proposing ideas
    moderation,
    sign_in,
    sign_out,
    email_label,
    password_label,
    err_sign_in,
    not_moderator,
    queue_title,
    queue_empty,
    approve,
    reject,
    reason,
    fairs_admin,
    new_fair,
    title_kk,
    title_ru,
    create,
    next_phase,
    changed_meanwhile,
    propose_idea,
    summary_kk,
    summary_ru,
    budget_label,
    send_idea,
    idea_sent,
    err_title,
    err_summary,
    err_budget,
    not_taking_ideas,
    more,
    description_kk,
    description_ru,
    // NGO accounts
    account_title,
    active_label,
    application_sent,
    bin_hint,
    conflict_title,
    conflict_text,
    discard_draft,
    draft_restored,
    edit_profile,
    err_date,
    err_email,
    err_image,
    err_image_size,
    err_password_common,
    err_pending,
    err_range,
    err_rejected,
    err_required,
    err_taken,
    err_too_long,
    err_too_many_items,
    err_too_short,
    err_unknown_value,
    err_url,
    field,
    fix_fields,
    keep_mine,
    take_theirs,
    your_version,
    saved_version,
    last_updated,
    logo,
    logo_saved,
    logo_upload,
    moderator_edits_from_profile,
    name_kk,
    name_ru,
    name_en,
    no_account_yet,
    password_hint,
    profile_saved,
    public_profile,
    register_intro,
    register_ngo,
    save,
    saving,
    send_application,
    social_links,
    social_links_one_a_line,
    // BIN
    err_bin_format,
    err_bin_checksum,
    // Moderation: applications, settings, funding
    ngo_applications,
    ideas_waiting,
    winners_setting,
    voting_ends_setting,
    results_live_setting,
    save_settings,
    funding_title,
    funding_saved,
    amount_kzt,
    // Proposing as an NGO
    ngo_sign_in_to_propose,
    proposing_as_ngo,
    // Profile
    ngo_ideas,
    for_ngos,
    // Account: ideas
    propose_in_a_fair,
    // Directory
    sort_by,
    sort_name,
    sort_updated,
    sort_volunteers,
    only_active,
    only_verified,
    // Statistics
    nav_stats,
    stats_title,
    stats_lede,
    stat_by_kind,
    stat_by_funding,
    stat_by_status,
    stat_social_order,
    year,
    count,
    growth,
    // Map
    initiatives_waiting,
    nav_map,
    map_title,
    map_label,
    map_unavailable,
    funding_source,
    date_from,
    date_to,
    by_district,
    on_map,
    details,
    open_initiative,
    close,
    add_initiative,
    edit_initiative,
    location,
    latitude,
    longitude,
    pick_on_map,
    starts_on,
    ends_on,
    initiative_sent,
    err_region,
    err_before_start,
    sign_in_to_add,
    // Hidden characters
    err_characters,
    // Map controls
    zoom_in,
    zoom_out,
    // Not found
    not_found_title,
    not_found_text,
    go_home,
    open_in_bastama,
    embed_this,
    embed_hint,
    embed_script,
    embed_iframe,
    copy,
    copied,
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

thread_local! {
    /// The Kazakh strings in the Latin alphabet, made the first time they are shown.
    static KK_LATIN: &'static Strings = Box::leak(Box::new(kk::STRINGS.map(to_latin)));
}

/// What a reader chose to read: a language, and for Kazakh the alphabet.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Choice {
    pub lang: Lang,
    /// Kazakh in the Latin alphabet of 2021 rather than Cyrillic.
    pub latin: bool,
}

impl Choice {
    /// The choices the language switch offers, with their labels.
    pub const ALL: [(Choice, &'static str); 4] = [
        (
            Choice {
                lang: Lang::Kk,
                latin: false,
            },
            "Қаз",
        ),
        (
            Choice {
                lang: Lang::Kk,
                latin: true,
            },
            "Qaz",
        ),
        (
            Choice {
                lang: Lang::Ru,
                latin: false,
            },
            "Рус",
        ),
        (
            Choice {
                lang: Lang::En,
                latin: false,
            },
            "Eng",
        ),
    ];

    /// `kk`, `kk-Latn`, `ru` or `en`: the URL's `lang` and the page's `<html lang>`.
    pub fn code(self) -> &'static str {
        if self.latin {
            "kk-Latn"
        } else {
            self.lang.code()
        }
    }

    pub fn from_code(code: &str) -> Option<Choice> {
        if code.eq_ignore_ascii_case("kk-latn") {
            return Some(Choice {
                lang: Lang::Kk,
                latin: true,
            });
        }
        Lang::from_code(code).map(|lang| Choice { lang, latin: false })
    }

    pub fn strings(self) -> &'static Strings {
        if self.latin && self.lang == Lang::Kk {
            KK_LATIN.with(|s| *s)
        } else {
            strings(self.lang)
        }
    }

    /// A record's text in this choice, with the kk → ru → en fallback.
    pub fn pick(self, text: &Text) -> String {
        let chosen = text.get(self.lang);
        if self.latin {
            to_latin(chosen)
        } else {
            chosen.to_owned()
        }
    }
}

const STORAGE_KEY: &str = "bastama.lang";

/// The language chosen for this visit, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    latin: RwSignal<bool>,
}

impl I18n {
    /// Language from the URL (`?lang=`), then the saved choice, then the browser.
    pub fn detect() -> I18n {
        let from_url = crate::paths::param("lang").and_then(|code| Choice::from_code(&code));
        let saved = || storage::get(STORAGE_KEY).and_then(|code| Choice::from_code(&code));
        let browser = || {
            let languages = web_sys::window()?.navigator().languages();
            languages
                .iter()
                .filter_map(|l| l.as_string())
                .find_map(|l| Choice::from_code(l.split('-').next().unwrap_or("")))
        };
        let choice = from_url
            .or_else(saved)
            .or_else(browser)
            .unwrap_or(Choice::ALL[0].0);
        set_document_lang(choice);
        I18n::new(choice)
    }

    pub fn new(choice: Choice) -> I18n {
        I18n {
            lang: RwSignal::new(choice.lang),
            latin: RwSignal::new(choice.latin),
        }
    }

    /// The current choice, reactively.
    pub fn choice(self) -> Choice {
        Choice {
            lang: self.lang.get(),
            latin: self.latin.get(),
        }
    }

    /// Switches the language and remembers it where the browser allows.
    pub fn choose(self, choice: Choice) {
        self.lang.set(choice.lang);
        self.latin.set(choice.latin);
        storage::set(STORAGE_KEY, choice.code());
        set_document_lang(choice);
    }

    /// A record's text in the current choice, reactively.
    pub fn pick(self, text: &Text) -> String {
        self.choice().pick(text)
    }
}

fn set_document_lang(choice: Choice) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", choice.code());
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The interface strings of the current language, reactively.
pub fn use_t() -> Signal<&'static Strings> {
    let i18n = use_i18n();
    Signal::derive(move || i18n.choice().strings())
}

/// One interface string, following the language. All such strings share this one
/// signal type, which keeps the wasm small: a closure per string would each be
/// compiled into its own copy of the rendering code.
pub fn tr(key: Key) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || key(i18n.choice().strings()))
}

/// A label chosen by a value, such as a kind of initiative, following the language.
pub fn tr_with<T: Copy + Send + Sync + 'static>(
    value: T,
    label: fn(&Strings, T) -> &'static str,
) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || label(i18n.choice().strings(), value))
}

/// A date (`YYYY-MM-DD`, or the day of an RFC 3339 time) as the language writes
/// it: `27.03.2015` in Kazakh and Russian, `27 Mar 2015` in English.
pub fn format_date(lang: Lang, date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = date.get(..10).unwrap_or(date).split('-').collect();
    match (lang, &parts[..]) {
        (Lang::En, &[y, m, d]) => match m
            .parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        {
            Some(month) => format!("{} {month} {y}", d.trim_start_matches('0')),
            None => date.to_owned(),
        },
        (_, &[y, m, d]) => format!("{d}.{m}.{y}"),
        _ => date.to_owned(),
    }
}

/// A date, or a span of dates (one date when both are the same), following the language.
pub fn dates(start: &str, end: Option<&str>) -> Signal<String> {
    let lang = use_i18n().lang;
    let (start, end) = (
        start.to_owned(),
        end.filter(|e| *e != start).map(str::to_owned),
    );
    Signal::derive(move || match &end {
        Some(end) => format!(
            "{} – {}",
            format_date(lang.get(), &start),
            format_date(lang.get(), end)
        ),
        None => format_date(lang.get(), &start),
    })
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
    let t = use_t();
    Effect::new(move || crate::components::set_title(key(t.get())));
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
    let i18n = use_i18n();
    let text = text.clone();
    move || i18n.pick(&text)
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
