//! The interface's words in Kazakh (the default), Russian and English, shared by
//! the web app and the server's pre-rendered pages.
//!
//! Every string lives in a `Strings` value per language, so a key missing in any
//! language is a compile error, not a blank on the page.

mod en;
mod kk;
mod ru;

use crate::latin::to_latin;
use crate::{Lang, Text};

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
        electorates: 3,
        audit_actions: 10,
        record_kinds: 7,
        roles: 3,
        receipt_states: 3,
        publications: 2,
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
    error_area,
    error_unexpected,
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
    // Problems and refused fields without words of their own
    err_forbidden,
    err_results_not_published,
    err_changed_meanwhile,
    err_unavailable,
    err_sms_budget,
    sms_budget_alert,
    // Who may vote in a fair
    electorate_label,
    electorate_districts,
    can_i_vote,
    can_i_vote_hint,
    check,
    eligible_yes,
    err_not_on_roll,
    err_phone_not_owned,
    err_identity_unavailable,
    err_locked,
    districts_label,
    save_electorate,
    roll_label,
    roll_size,
    roll_hint,
    roll_import,
    roll_importing,
    roll_imported,
    roll_duplicates,
    roll_bad_lines,
    roll_line,
    // Paper ballots at stations
    err_voted_online,
    err_voted_on_paper,
    err_void_too_late,
    voted_on_paper_note,
    by_origin,
    origin_web,
    station_title,
    not_registrar,
    station_fair,
    station_no_fair,
    station_iin,
    station_ideas,
    station_enter,
    station_entered,
    station_recent,
    station_none,
    station_void,
    station_void_until,
    station_void_reason,
    station_voided,
    voids_title,
    voids_none,
    stations_title,
    stations_link,
    station_name,
    station_add,
    station_label,
    registrar_title,
    registrar_add,
    registrar_added,
    // The audit log
    audit_title,
    audit_link,
    audit_intro,
    audit_record,
    audit_account,
    audit_from,
    audit_to,
    audit_filter,
    audit_csv,
    audit_chain_ok,
    audit_chain_broken,
    audit_empty,
    audit_when,
    audit_who,
    audit_what,
    audit_changes,
    audit_system,
    audit_hidden,
    audit_public,
    audit_more,
    decisions_title,
    results_none,
    receipt_label,
    receipt_note,
    receipt_check,
    receipt_check_button,
    receipt_unknown,
    receipt_for_voter,
    // The published ballot box, the recount and the protocol
    publication_label,
    publication_ballots_note,
    publication_totals_note,
    save_publication,
    box_title,
    box_entries,
    box_head,
    box_note,
    box_files,
    recount_button,
    recount_running,
    recount_ok,
    recount_failed,
    recount_page_differs,
    mismatch_chain_broken,
    mismatch_head_differs,
    mismatch_never_cast,
    mismatch_not_in_chain,
    mismatch_altered,
    mismatch_missing,
    mismatch_counted_twice,
    mismatch_unknown_idea,
    mismatch_ballots_differ,
    mismatch_origin_differs,
    mismatch_results_differ,
    mismatch_station,
    box_find_label,
    box_find_button,
    box_found,
    box_not_found,
    protocol_link,
    protocol_title,
    protocol_print,
    protocol_ballots,
    protocol_voids,
    protocol_no_voids,
    protocol_ideas,
    protocol_ties,
    protocol_tied,
    protocol_chain,
    protocol_file,
    protocol_check,
    err_box_not_published,
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

/// What a recount found that does not add up, in the words of `t`.
pub fn mismatch_text(t: &Strings, mismatch: &crate::Mismatch) -> String {
    use crate::Mismatch as M;
    let fill = |words: &str, pairs: &[(&str, String)]| {
        pairs
            .iter()
            .fold(words.to_owned(), |w, (key, value)| w.replace(key, value))
    };
    match mismatch {
        M::ChainBroken { seq } => fill(t.mismatch_chain_broken, &[("{seq}", seq.to_string())]),
        M::HeadDiffers => t.mismatch_head_differs.to_owned(),
        M::NeverCast { seq, receipt } => fill(
            t.mismatch_never_cast,
            &[("{seq}", seq.to_string()), ("{receipt}", receipt.clone())],
        ),
        M::NotInChain { receipt } => {
            fill(t.mismatch_not_in_chain, &[("{receipt}", receipt.clone())])
        }
        M::Altered { receipt, seq } => fill(
            t.mismatch_altered,
            &[("{seq}", seq.to_string()), ("{receipt}", receipt.clone())],
        ),
        M::Missing { receipt, seq } => fill(
            t.mismatch_missing,
            &[("{seq}", seq.to_string()), ("{receipt}", receipt.clone())],
        ),
        M::CountedTwice { receipt } => {
            fill(t.mismatch_counted_twice, &[("{receipt}", receipt.clone())])
        }
        M::UnknownIdea { receipt, idea } => fill(
            t.mismatch_unknown_idea,
            &[("{receipt}", receipt.clone()), ("{idea}", idea.to_string())],
        ),
        M::BallotsDiffer { chain, published } => fill(
            t.mismatch_ballots_differ,
            &[
                ("{chain}", chain.to_string()),
                ("{published}", published.to_string()),
            ],
        ),
        M::OriginDiffers { station } => {
            let origin = match station {
                None => t.origin_web.to_owned(),
                Some(id) => fill(t.mismatch_station, &[("{id}", id.to_string())]),
            };
            fill(t.mismatch_origin_differs, &[("{origin}", origin)])
        }
        M::ResultsDiffer { idea_id } => fill(
            t.mismatch_results_differ,
            &[("{idea}", idea_id.to_string())],
        ),
    }
}

/// Where the reader's choice is kept: the app's storage key, and the cookie
/// that tells the server.
pub const SAVED_CHOICE: &str = "bastama.lang";

/// Picks one string out of `Strings`, e.g. `|s| s.loading`.
pub type Key = fn(&Strings) -> &'static str;

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Kk => kazakh(false),
        Lang::Ru => russian(),
        Lang::En => english(),
    }
}

/// The Kazakh strings, in Cyrillic or in the Latin alphabet. Each language has
/// a function of its own, so that the web app can keep the other two languages
/// out of its first chunk.
pub fn kazakh(latin: bool) -> &'static Strings {
    if latin {
        KK_LATIN.with(|s| *s)
    } else {
        &kk::STRINGS
    }
}

pub fn russian() -> &'static Strings {
    &ru::STRINGS
}

pub fn english() -> &'static Strings {
    &en::STRINGS
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

    /// The first of the browser's languages (`kk-KZ`, `ru`, ...) the app speaks.
    pub fn from_browser<T: AsRef<str>>(tags: impl IntoIterator<Item = T>) -> Option<Choice> {
        tags.into_iter()
            .find_map(|tag| Choice::from_code(tag.as_ref().split('-').next().unwrap_or("")))
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
        match self.lang {
            Lang::Kk => kazakh(self.latin),
            lang => strings(lang),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string_and_latin_has_no_cyrillic() {
        let kk = Choice::ALL[0].0.strings().entries();
        for (choice, _) in Choice::ALL {
            let entries = choice.strings().entries();
            assert_eq!(entries.len(), kk.len());
            let empty: Vec<_> = entries
                .iter()
                .filter(|(_, s)| s.trim().is_empty())
                .collect();
            assert!(empty.is_empty(), "{choice:?}: empty {empty:?}");
        }
        let latin = Choice {
            lang: Lang::Kk,
            latin: true,
        }
        .strings()
        .entries();
        let cyrillic: Vec<_> = latin
            .iter()
            .filter(|(_, s)| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)))
            .collect();
        assert!(cyrillic.is_empty(), "{cyrillic:?}");
        // Russian and English are translations, not copies of the Kazakh.
        for choice in [Choice::ALL[2].0, Choice::ALL[3].0] {
            let same = choice
                .strings()
                .entries()
                .iter()
                .zip(&kk)
                .filter(|((_, a), (_, b))| a == b && a.chars().any(char::is_alphabetic))
                .count();
            assert!(
                same * 10 < kk.len(),
                "{choice:?}: {same} strings equal to Kazakh"
            );
        }
    }
}
