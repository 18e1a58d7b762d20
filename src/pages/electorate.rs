//! The desk's part of a fair's electorate: who may vote, chosen until voting
//! opens, and the voter roll, imported from a CSV file in batches.

use crate::api::{self, ApiError, ApiResult};
use crate::components::loaded::error_text;
use crate::components::vocabulary::use_vocabulary;
use crate::i18n::{field_words, tr, tr_with, use_i18n, use_t, Strings};
use crate::pages::fair::electorate_words;
use crate::session::use_account;
use bastama_model::{validate, Electorate, Fair, FairChange, FairPhase, FieldError, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Lines in one batch of an import: the most the server takes at once.
const BATCH_LINES: usize = 100_000;
/// Invalid lines listed on the desk at most.
const LISTED: usize = 20;

/// Who may vote in `fair` and, for a fair with a voter roll, its import.
/// `done` gets each change's answer.
#[component]
pub fn ElectorateControl(fair: Fair, done: Callback<ApiResult<()>>) -> impl IntoView {
    let changeable = matches!(fair.phase, FairPhase::Draft | FairPhase::Submission);
    let with_roll = fair.electorate != Electorate::Open && fair.phase != FairPhase::Closed;
    let (id, roll_size) = (fair.id, fair.roll_size);
    view! {
        <div class="electorate">
            {if changeable {
                view! { <ElectorateForm fair done/> }.into_any()
            } else {
                view! {
                    <p>{tr(|s| s.electorate_label)} ": " {tr_with(fair.electorate, electorate_words)}</p>
                }
                .into_any()
            }}
            {with_roll.then(|| view! { <RollImport fair_id=id roll_size/> })}
        </div>
    }
}

#[component]
fn ElectorateForm(fair: Fair, done: Callback<ApiResult<()>>) -> impl IntoView {
    let moderator = use_account();
    let t = use_t();
    let i18n = use_i18n();
    let districts_known = use_vocabulary().districts;
    let (id, version) = (fair.id, fair.version);
    let electorate = RwSignal::new(fair.electorate);
    let districts = RwSignal::new(fair.districts);
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (chosen, covered) = (electorate.get_untracked(), districts.get_untracked());
        if let Err(e) = validate::electorate(Some(chosen), Some(&covered)) {
            return error.set(Some(field_words(t.get_untracked(), &e)));
        }
        error.set(None);
        let change = FairChange {
            electorate: Some(chosen),
            districts: Some(covered),
            ..Default::default()
        };
        let token = moderator.token().unwrap_or_default();
        spawn_local(async move {
            match api::change_fair(id, version, &change, &token).await {
                Err(ApiError::Problem(Problem { errors, .. })) if !errors.is_empty() => {
                    error.set(Some(field_words(t.get_untracked(), &errors[0])))
                }
                other => done.run(other.map(drop)),
            }
        });
    };
    let field = |name: &str| format!("fair-{id}-{name}");
    let choices = Electorate::ALL.iter().map(move |&choice| {
        view! {
            <label>
                <input type="radio" name=field("electorate") value=choice.code()
                    prop:checked=move || electorate.get() == choice
                    on:change=move |_| electorate.set(choice)/>
                " " {tr_with(choice, electorate_words)}
            </label>
        }
    });
    let district_boxes = move || {
        districts_known
            .get()
            .into_iter()
            .map(|d| {
                let slug = d.slug.clone();
                let for_change = d.slug.clone();
                view! {
                    <label>
                        <input type="checkbox" value=d.slug.clone()
                            prop:checked=move || districts.with(|all| all.contains(&slug))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                districts.update(|all| {
                                    all.retain(|s| *s != for_change);
                                    if on {
                                        all.push(for_change.clone());
                                    }
                                });
                            }/>
                        " " {i18n.pick(&d.name)}
                    </label>
                }
            })
            .collect_view()
    };
    let error_id = field("electorate-error");
    let described = error_id.clone();
    view! {
        <form class="electorate-form" on:submit=save novalidate aria-describedby=described>
            <fieldset class="choices">
                <legend>{tr(|s| s.electorate_label)}</legend>
                {choices.collect_view()}
            </fieldset>
            {move || (electorate.get() == Electorate::District).then(|| view! {
                <fieldset class="choices">
                    <legend>{tr(|s| s.districts_label)}</legend>
                    {district_boxes}
                </fieldset>
            })}
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
            <button type="submit">{tr(|s| s.save_electorate)}</button>
        </form>
    }
}

/// The voter roll's size, and a file input that imports a new roll.
#[component]
fn RollImport(fair_id: i64, roll_size: i64) -> impl IntoView {
    let moderator = use_account();
    let t = use_t();
    let report = RwSignal::new(String::new());
    // Kept here: the desk's list reloads only when the fair itself changes.
    let size = RwSignal::new(roll_size.to_string());
    let busy = RwSignal::new(false);
    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let token = moderator.token().unwrap_or_default();
        busy.set(true);
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|text| text.as_string())
                .unwrap_or_default();
            if let Some(imported) = import(fair_id, &text, &token, report, t.get_untracked()).await
            {
                size.set(imported.to_string());
            }
            busy.set(false);
        });
    };
    let input_id = format!("fair-{fair_id}-roll");
    let hint_id = format!("{input_id}-hint");
    view! {
        <p>{tr(|s| s.roll_size)} " " {size}</p>
        <div class="field">
            <label for=input_id.clone()>{tr(|s| s.roll_import)}</label>
            <p class="hint" id=hint_id.clone()>{tr(|s| s.roll_hint)}</p>
            <input id=input_id type="file" accept=".csv,text/csv,text/plain" aria-describedby=hint_id
                disabled=busy on:change=choose/>
        </div>
        // A line each: what happened, then each refused line.
        <p class="roll-report" role="status">{report}</p>
    }
}

/// Sends the file's lines in batches, saying how far it got; the size of the
/// roll the last one put in force. An empty file is one empty batch: it
/// empties the roll.
async fn import(
    fair_id: i64,
    text: &str,
    token: &str,
    report: RwSignal<String>,
    t: &'static Strings,
) -> Option<i64> {
    let say =
        |said: String, lines: Vec<String>| report.set([vec![said], lines].concat().join("\n"));
    let lines: Vec<&str> = text.lines().collect();
    let mut batches: Vec<&[&str]> = lines.chunks(BATCH_LINES).collect();
    if batches.is_empty() {
        batches.push(&[]);
    }
    let of = batches.len();
    let mut duplicates = 0;
    for (index, batch) in batches.iter().enumerate() {
        say(
            format!("{} {} / {of}", t.roll_importing, index + 1),
            Vec::new(),
        );
        match api::import_roll(fair_id, (index + 1, of), &batch.join("\n"), token).await {
            Ok(answer) => {
                duplicates += answer.duplicates;
                if let Some(size) = answer.roll_size {
                    let said = format!(
                        "{} {size}. {} {duplicates}",
                        t.roll_imported, t.roll_duplicates
                    );
                    say(said, Vec::new());
                    return Some(size);
                }
            }
            Err(ApiError::Problem(Problem { errors, .. })) if !errors.is_empty() => {
                let refused = bad_lines(t, index * BATCH_LINES, &errors);
                say(t.roll_bad_lines.to_owned(), refused);
                return None;
            }
            Err(error) => {
                say(error_text(t, &error), Vec::new());
                return None;
            }
        }
    }
    // The last batch always answers with the roll's size.
    say(t.error_unexpected.to_owned(), Vec::new());
    None
}

/// The refused lines of a batch that starts after `offset` lines of the file,
/// numbered in the file, in words; the first `LISTED` of them.
fn bad_lines(t: &Strings, offset: usize, errors: &[FieldError]) -> Vec<String> {
    errors
        .iter()
        .take(LISTED)
        .map(|e| {
            let words = field_words(t, e);
            match e
                .field
                .strip_prefix("lines.")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n) => format!("{} {}: {words}", t.roll_line, offset + n),
                None => words,
            }
        })
        .collect()
}
