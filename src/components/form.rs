//! Form fields that show their own errors next to them: the shared validators'
//! as the user types, the server's after a save.

use crate::components::vocabulary::use_vocabulary;
use crate::i18n::{field_words, tr, use_i18n, use_t, Strings};
use bastama_model::FieldError;
use leptos::prelude::*;

/// The errors of one form, and which fields have been touched.
#[derive(Clone, Copy)]
pub struct Errors {
    all: RwSignal<Vec<FieldError>>,
    touched: RwSignal<Vec<String>>,
    /// After a submit every field shows its error, touched or not.
    show_all: RwSignal<bool>,
}

impl Errors {
    pub fn new() -> Errors {
        Errors {
            all: RwSignal::new(Vec::new()),
            touched: RwSignal::new(Vec::new()),
            show_all: RwSignal::new(false),
        }
    }

    /// What the validator now finds; shown for the fields touched so far.
    pub fn validated<T>(self, result: Result<T, Vec<FieldError>>) {
        self.all.set(result.err().unwrap_or_default());
    }

    /// Errors to show on every field at once: after a submit, or the server's.
    pub fn show(self, errors: Vec<FieldError>) {
        self.all.set(errors);
        self.show_all.set(true);
    }

    pub fn is_empty(self) -> bool {
        self.all.with_untracked(Vec::is_empty)
    }

    fn touch(self, field: &str) {
        if self
            .touched
            .with_untracked(|t| !t.iter().any(|f| f == field))
        {
            self.touched.update(|t| t.push(field.to_owned()));
        }
    }

    /// The first error shown for `field` (or its parts, `field.kk`, `field[2]`), in words.
    pub fn message(self, t: &Strings, field: &str) -> Option<String> {
        let shown = self.show_all.get() || self.touched.with(|t| t.iter().any(|f| f == field));
        let belongs = |e: &&FieldError| {
            e.field == field
                || e.field
                    .strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with(['[', '.']))
        };
        shown
            .then(|| {
                self.all
                    .with(|all| all.iter().find(belongs).map(|e| field_words(t, e)))
            })
            .flatten()
    }
}

impl Default for Errors {
    fn default() -> Self {
        Self::new()
    }
}

/// A field's value in a form held as one record: read and write through a lens.
pub fn lens<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    get: fn(&T) -> String,
    put: fn(&mut T, String),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || form.with(get)),
        Callback::new(move |value| form.update(|f| put(f, value))),
    )
}

/// How a field is typed.
#[derive(Clone, Copy, PartialEq, Default)]
pub enum Input {
    #[default]
    Text,
    Email,
    Password,
    Number,
    Date,
    DateTime,
    Url,
    Tel,
    Multiline,
}

impl Input {
    fn kind(self) -> &'static str {
        match self {
            Input::Text | Input::Multiline => "text",
            Input::Email => "email",
            Input::Password => "password",
            Input::Number => "number",
            Input::Date => "date",
            Input::DateTime => "datetime-local",
            Input::Url => "url",
            Input::Tel => "tel",
        }
    }
}

/// A labelled input with its error beneath it, tied to it for screen readers.
#[component]
pub fn Field(
    /// The element's id; the error's is `<id>-error`.
    #[prop(into)]
    id: String,
    /// The validator's name for what this field holds, e.g. `name.kk`.
    field: &'static str,
    label: Signal<&'static str>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
    errors: Errors,
    #[prop(optional)] input: Input,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let t = use_t();
    let message = Memo::new(move |_| errors.message(t.get(), field));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        error_id.clone()
    };
    let on_input = move |ev: leptos::ev::Event| {
        errors.touch(field);
        set.run(event_target_value(&ev));
    };
    let invalid = move || message.with(Option::is_some).then_some("true");
    let control = if input == Input::Multiline {
        view! {
            <textarea id=id.clone() rows="5" prop:value=value on:input=on_input
                aria-invalid=invalid aria-describedby=described required=required></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=input.kind() prop:value=value on:input=on_input
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=invalid aria-describedby=described required=required/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {control}
            <p class="field-error" id=error_id>{move || message.get()}</p>
        </div>
    }
}

/// The district of a form, chosen from the vocabulary.
#[component]
pub fn DistrictSelect(
    value: Signal<String>,
    set: Callback<String>,
    errors: Errors,
) -> impl IntoView {
    let vocabulary = use_vocabulary();
    let i18n = use_i18n();
    let t = use_t();
    let message = move || errors.message(t.get(), "district");
    view! {
        <div class="field">
            <label for="district">{tr(|s| s.district)}</label>
            <select id="district" aria-describedby="district-error"
                on:change=move |ev| set.run(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>"—"</option>
                {move || vocabulary.districts.get().into_iter().map(|d| {
                    let slug = d.slug.clone();
                    view! {
                        <option value=d.slug.clone() selected=move || value.with(|v| *v == slug)>
                            {i18n.pick(&d.name)}
                        </option>
                    }
                }).collect_view()}
            </select>
            <p class="field-error" id="district-error">{message}</p>
        </div>
    }
}
