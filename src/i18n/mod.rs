//! The interface in Kazakh (the default), Russian and English: the reader's
//! choice, kept in signals, and formatting. The words are in `bastama_model::i18n`.

use crate::storage;
use bastama_model::{FieldError, Kind, Lang, Problem, Reason, Text};
use leptos::prelude::*;

use bastama_model::i18n::kazakh;
pub use bastama_model::i18n::{Choice, Key, Strings, SAVED_CHOICE};

/// The language chosen for this visit, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    latin: RwSignal<bool>,
    strings: RwSignal<&'static Strings>,
}

impl I18n {
    /// The language this visit has asked for, as `choice`, when its strings
    /// are loaded (`load`); Kazakh otherwise.
    pub fn detect() -> I18n {
        let choice = I18n::asked();
        let choice = if loaded(choice).is_some() {
            choice
        } else {
            Choice::ALL[0].0
        };
        set_document_lang(choice);
        I18n::new(choice)
    }

    /// Language from the URL (`?lang=`), then the saved choice, then the browser.
    pub fn asked() -> Choice {
        let from_url = crate::paths::param("lang").and_then(|code| Choice::from_code(&code));
        let saved = || storage::get(SAVED_CHOICE).and_then(|code| Choice::from_code(&code));
        let browser = || {
            let languages = web_sys::window()?.navigator().languages();
            Choice::from_browser(languages.iter().filter_map(|l| l.as_string()))
        };
        from_url
            .or_else(saved)
            .or_else(browser)
            .unwrap_or(Choice::ALL[0].0)
    }

    /// For a choice whose strings are loaded (Kazakh always is).
    pub fn new(choice: Choice) -> I18n {
        I18n {
            lang: RwSignal::new(choice.lang),
            latin: RwSignal::new(choice.latin),
            strings: RwSignal::new(loaded(choice).unwrap_or(kazakh(false))),
        }
    }

    /// The current choice, reactively.
    pub fn choice(self) -> Choice {
        Choice {
            lang: self.lang.get(),
            latin: self.latin.get(),
        }
    }

    /// The interface strings of the current choice, reactively.
    pub fn strings(self) -> &'static Strings {
        self.strings.get()
    }

    /// Switches the language, once its strings are loaded, and remembers it
    /// where the browser allows. When they cannot be loaded (offline), the
    /// page stays in its language.
    pub fn choose(self, choice: Choice) {
        leptos::task::spawn_local(async move {
            let Some(strings) = load(choice).await else {
                return;
            };
            self.strings.set(strings);
            self.lang.set(choice.lang);
            self.latin.set(choice.latin);
            storage::set(SAVED_CHOICE, choice.code());
            // Also for the server, which writes the directory's page in it.
            storage::set_cookie(SAVED_CHOICE, choice.code());
            set_document_lang(choice);
        });
    }

    /// A record's text in the current choice, reactively.
    pub fn pick(self, text: &Text) -> String {
        self.choice().pick(text)
    }
}

thread_local! {
    /// The Russian and English strings, once their chunks are loaded.
    static LOADED: std::cell::Cell<[Option<&'static Strings>; 2]> = const { std::cell::Cell::new([None; 2]) };
}

/// The strings of `choice` if this visit has them: Kazakh is in the app's
/// first chunk; Russian and English are each in a chunk of their own (in a
/// build that is not split, every language is there at once).
pub fn loaded(choice: Choice) -> Option<&'static Strings> {
    match choice.lang {
        Lang::Kk => Some(kazakh(choice.latin)),
        #[cfg(not(feature = "split"))]
        lang => Some(bastama_model::i18n::strings(lang)),
        #[cfg(feature = "split")]
        Lang::Ru => LOADED.with(|l| l.get()[0]),
        #[cfg(feature = "split")]
        Lang::En => LOADED.with(|l| l.get()[1]),
    }
}

/// The strings of `choice`, fetching their chunk the first time; None when it
/// cannot be fetched.
pub async fn load(choice: Choice) -> Option<&'static Strings> {
    if let Some(strings) = loaded(choice) {
        return Some(strings);
    }
    let (strings, slot) = match choice.lang {
        Lang::Kk => return Some(kazakh(choice.latin)),
        Lang::Ru => (crate::areas::russian().await.ok()?, 0),
        Lang::En => (crate::areas::english().await.ok()?, 1),
    };
    LOADED.with(|l| {
        let mut all = l.get();
        all[slot] = Some(strings);
        l.set(all);
    });
    Some(strings)
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
    Signal::derive(move || i18n.strings())
}

/// One interface string, following the language. All such strings share this one
/// signal type, which keeps the wasm small: a closure per string would each be
/// compiled into its own copy of the rendering code.
pub fn tr(key: Key) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || key(i18n.strings()))
}

/// A label chosen by a value, such as a kind of initiative, following the language.
pub fn tr_with<T: Copy + Send + Sync + 'static>(
    value: T,
    label: fn(&Strings, T) -> &'static str,
) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || label(i18n.strings(), value))
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

/// What an invalid field means, in the current language, where the field has
/// words of its own for its reason.
pub fn field_text(t: &Strings, field: &str, reason: Reason) -> Option<&'static str> {
    Some(match (field, reason) {
        ("iin", Reason::Format) => t.err_iin_format,
        ("iin", _) => t.err_iin_checksum,
        ("bin", Reason::Format) => t.err_bin_format,
        ("bin", Reason::CheckDigit) => t.err_bin_checksum,
        ("phone", _) => t.err_phone,
        ("code", Reason::Wrong { .. }) => t.err_code_wrong,
        ("code", Reason::Expired) => t.err_code_expired,
        ("code", Reason::Attempts) => t.err_code_attempts,
        ("code", _) => t.err_code_format,
        ("idea_ids", Reason::Unknown) => t.err_ballot_unknown,
        ("idea_ids", _) => t.err_ballot_count,
        (f, _) if f.starts_with("title") => t.err_title,
        (f, _) if f.starts_with("summary") => t.err_summary,
        ("budget_kzt", _) => t.err_budget,
        _ => return None,
    })
}

/// What an invalid field means, in the current language: the field's own words
/// where it has them, else its reason's, with the reason's number.
pub fn field_words(t: &Strings, error: &FieldError) -> String {
    if let Some(words) = field_text(t, &error.field, error.reason) {
        return words.to_owned();
    }
    let (words, n) = match error.reason {
        Reason::Required => (t.err_required, None),
        Reason::TooShort { min } => (t.err_too_short, Some(min)),
        Reason::TooLong { max } => (t.err_too_long, Some(max)),
        Reason::Range { .. } => (t.err_range, None),
        Reason::TooMany { .. } => (t.err_too_many_items, None),
        Reason::Duplicate => (t.err_ballot_count, None),
        Reason::Characters => (t.err_characters, None),
        Reason::CheckDigit => (t.err_bin_checksum, None),
        Reason::Phone => (t.err_phone, None),
        Reason::Email => (t.err_email, None),
        Reason::Url => (t.err_url, None),
        Reason::Date | Reason::Time => (t.err_date, None),
        Reason::Common => (t.err_password_common, None),
        Reason::Unknown => (t.err_unknown_value, None),
        Reason::Taken => (t.err_taken, None),
        Reason::Region => (t.err_region, None),
        Reason::BeforeStart => (t.err_before_start, None),
        Reason::Image => (t.err_image, None),
        Reason::TooLarge { .. } => (t.err_image_size, None),
        Reason::Expired => (t.err_code_expired, None),
        Reason::Attempts => (t.err_code_attempts, None),
        Reason::Wrong { .. } => (t.err_code_wrong, None),
        Reason::Locked => (t.err_locked, None),
        // What the app's own checks keep from being sent.
        Reason::Format
        | Reason::Backwards
        | Reason::Boolean
        | Reason::Json
        | Reason::Type
        | Reason::Incomplete => (t.error_server, None),
    };
    match n {
        Some(n) => words.replace("{n}", &n.to_string()),
        None => words.to_owned(),
    }
}

/// What a problem from the server means, in the current language.
pub fn problem_text(t: &Strings, problem: &Problem) -> String {
    let words = match problem.kind {
        Kind::InvalidInput | Kind::Taken => {
            return problem
                .errors
                .first()
                .map_or_else(|| t.error_server.to_owned(), |e| field_words(t, e))
        }
        Kind::TooMany { retry_after } => return format!("{} {retry_after}", t.err_too_many),
        Kind::Rejected => {
            let reason = problem.detail.split_once(": ").map_or("", |(_, r)| r);
            return format!("{} {reason}", t.err_rejected);
        }
        Kind::Unauthorized => t.err_session,
        Kind::Forbidden => t.err_forbidden,
        Kind::Pending => t.err_pending,
        Kind::NotFound => t.error_not_found,
        Kind::VotingClosed => t.err_voting_closed,
        Kind::PhoneUsed => t.err_phone_used,
        Kind::VotedOnline { voted_at } => {
            return format!("{} {}", t.err_voted_online, moment(voted_at))
        }
        Kind::VotedOnPaper { voted_at } => {
            return format!("{} {}", t.err_voted_on_paper, moment(voted_at))
        }
        Kind::VoidTooLate => t.err_void_too_late,
        Kind::NotOnRoll => t.err_not_on_roll,
        Kind::PhoneNotOwned => t.err_phone_not_owned,
        Kind::IdentityUnavailable => t.err_identity_unavailable,
        Kind::NotTakingIdeas => t.not_taking_ideas,
        Kind::ResultsNotPublished => t.err_results_not_published,
        Kind::BoxNotPublished => t.err_box_not_published,
        Kind::ChangedMeanwhile | Kind::Conflict => t.err_changed_meanwhile,
        Kind::TooLarge => t.err_image_size,
        Kind::Unavailable => t.err_unavailable,
        Kind::SmsUnavailable { retry_after } => {
            return format!("{} {retry_after}", t.err_sms_budget)
        }
        // What only a broken client meets: the server's own words follow.
        Kind::MethodNotAllowed | Kind::UnsupportedMediaType | Kind::PreconditionRequired => {
            return format!("{} {}", t.error_server, problem.detail)
        }
    };
    words.to_owned()
}

/// A moment (Unix seconds) on the reader's clock: `14:05, 03.12.2026`.
pub fn moment(unix: u64) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    format!(
        "{:02}:{:02}, {:02}.{:02}.{}",
        at.get_hours(),
        at.get_minutes(),
        at.get_date(),
        at.get_month() + 1,
        at.get_full_year()
    )
}

/// A stored moment (RFC 3339) on the reader's clock, as [`moment`] writes it.
pub fn moment_at(rfc3339: &str) -> String {
    moment((js_sys::Date::parse(rfc3339) / 1000.0) as u64)
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
