//! Voting in a fair: verify a phone with a code, choose ideas, save the ballot.
//! Nothing here needs a cookie or storage: the voter's token and unsaved choices
//! live in memory when the browser denies storage.

use crate::api::{self, ApiError};
use crate::components::loaded::error_text;
use crate::i18n::{field_text, tr, use_t, Strings};
use crate::pages::id_param;
use crate::paths::url;
use crate::session::{use_voter, Voter};
use bastama_model::{
    receipt, validate, BallotRequest, FieldError, Kind, OtpRequest, VerifyRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The ballot being made on a fair's page, shared by its idea cards and its bar.
#[derive(Clone, Copy)]
pub struct Choice {
    pub fair_id: i64,
    pub max: i64,
    pub chosen: RwSignal<Vec<i64>>,
    pub saved: RwSignal<Vec<i64>>,
    /// True once the voter's phone is verified and their saved ballot is read:
    /// a choice made before that answer arrived would be overwritten by it.
    pub ready: RwSignal<bool>,
    /// True when the voter's ballot was cast on paper at a station: it
    /// stands, and cannot be changed here.
    pub paper: RwSignal<bool>,
    /// The saved ballot's receipt.
    pub receipt: RwSignal<Option<String>>,
}

impl Choice {
    /// True when the choice differs from the saved ballot.
    pub fn unsaved(self) -> bool {
        let sorted = |v: &Vec<i64>| {
            let mut v = v.clone();
            v.sort_unstable();
            v
        };
        self.chosen.with(sorted) != self.saved.with(sorted)
    }
}

/// Provides the choice for `fair_id` and loads the voter's saved ballot whenever
/// a voter token appears.
pub fn provide_choice(fair_id: i64, max: i64) -> Choice {
    let voter = use_voter();
    let choice = Choice {
        fair_id,
        max,
        chosen: RwSignal::new(Vec::new()),
        saved: RwSignal::new(Vec::new()),
        ready: RwSignal::new(false),
        paper: RwSignal::new(false),
        receipt: RwSignal::new(None),
    };
    Effect::new(move || {
        choice.ready.set(false);
        let Some(token) = voter
            .session
            .with(|s| s.as_ref().map(|s| s.voter_token.clone()))
        else {
            return;
        };
        spawn_local(async move {
            match api::ballot(fair_id, &token).await {
                Ok(ballot) => {
                    choice.paper.set(ballot.paper);
                    choice.receipt.set(ballot.receipt);
                    choice.saved.set(ballot.idea_ids.clone());
                    choice.chosen.set(ballot.idea_ids);
                }
                Err(ApiError::Problem(p)) if p.kind == Kind::Unauthorized => return voter.forget(),
                // Without the saved ballot the voter still chooses afresh.
                Err(_) => {}
            }
            choice.ready.set(true);
        });
    });
    let unsaved = use_context::<Unsaved>();
    Effect::new(move || {
        if let Some(Unsaved(flag)) = unsaved {
            flag.set(choice.unsaved());
        }
    });
    on_cleanup(move || {
        if let Some(Unsaved(flag)) = unsaved {
            flag.set(false);
        }
    });
    provide_context(choice);
    choice
}

/// True while a page holds choices not yet saved; the app then asks before leaving.
#[derive(Clone, Copy)]
pub struct Unsaved(pub RwSignal<bool>);

impl Unsaved {
    /// Provides the flag and, once for the app's life, asks before the page is
    /// closed or reloaded, and before a link is followed, while it is set.
    pub fn provide() {
        use wasm_bindgen::prelude::*;
        let flag = RwSignal::new(false);
        provide_context(Unsaved(flag));
        let t = crate::i18n::use_t();
        let Some(window) = web_sys::window() else {
            return;
        };
        let before_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
            move |event: web_sys::BeforeUnloadEvent| {
                if flag.try_get_untracked().unwrap_or(false) {
                    event.prevent_default();
                    event.set_return_value("unsaved");
                }
            },
        );
        let on_link =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
                if !flag.try_get_untracked().unwrap_or(false) {
                    return;
                }
                let on_a_link = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest("a[href]").ok().flatten())
                    .is_some();
                let message = t.try_get_untracked().map_or("", |t| t.leave_unsaved);
                let window = web_sys::window();
                if on_a_link
                    && !window
                        .and_then(|w| w.confirm_with_message(message).ok())
                        .unwrap_or(true)
                {
                    event.prevent_default();
                    event.stop_immediate_propagation();
                }
            });
        let _ = window.add_event_listener_with_callback(
            "beforeunload",
            before_unload.as_ref().unchecked_ref(),
        );
        // Capture, so the question comes before the router follows the link.
        let _ = window.add_event_listener_with_callback_and_bool(
            "click",
            on_link.as_ref().unchecked_ref(),
            true,
        );
        // Listeners for the app's whole life: it never unmounts.
        before_unload.forget();
        on_link.forget();
    }
}

/// The message of a field, in the current language.
pub(crate) fn field_message(
    t: &'static Strings,
    error: Option<FieldError>,
) -> Option<&'static str> {
    error.map(|e| field_text(t, &e.field, e.reason).unwrap_or(t.error_server))
}

/// An input with its label and the message of its error, announced.
#[component]
fn Field(
    id: &'static str,
    label: Signal<&'static str>,
    hint: Signal<&'static str>,
    value: RwSignal<String>,
    error: RwSignal<Option<&'static str>>,
    #[prop(optional)] input_type: &'static str,
    #[prop(optional)] input_mode: &'static str,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=if input_type.is_empty() { "text" } else { input_type }
                inputmode=(!input_mode.is_empty()).then_some(input_mode)
                autocomplete=if autocomplete.is_empty() { "off" } else { autocomplete }
                placeholder=hint
                prop:value=value
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// What the verification form holds: the typed values, each field's error,
/// the phone a code went to, a message above the form, and whether a request
/// is on its way.
#[derive(Clone, Copy)]
struct Verification {
    iin: RwSignal<String>,
    phone: RwSignal<String>,
    code: RwSignal<String>,
    iin_error: RwSignal<Option<&'static str>>,
    phone_error: RwSignal<Option<&'static str>>,
    code_error: RwSignal<Option<&'static str>>,
    sent_to: RwSignal<Option<String>>,
    message: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
}

impl Verification {
    fn new() -> Verification {
        Verification {
            iin: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            iin_error: RwSignal::new(None),
            phone_error: RwSignal::new(None),
            code_error: RwSignal::new(None),
            sent_to: RwSignal::new(None),
            message: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Step one: the IIN and phone checked by the shared validator, then a
    /// code asked for.
    fn send_code(self, t: &'static Strings, fair_id: Option<i64>) {
        self.message.set(None);
        let typed = OtpRequest {
            iin: self.iin.get_untracked(),
            phone: self.phone.get_untracked(),
            fair_id,
        };
        let claim = match validate::otp_request(&typed) {
            Ok(claim) => claim,
            Err(errors) => {
                for e in errors {
                    let target = if e.field == "iin" {
                        self.iin_error
                    } else {
                        self.phone_error
                    };
                    target.set(field_message(t, Some(e)));
                }
                return;
            }
        };
        self.busy.set(true);
        let request = OtpRequest {
            iin: claim.iin.into(),
            phone: claim.phone.into(),
            fair_id,
        };
        spawn_local(async move {
            match api::request_code(&request).await {
                Ok(_) => self.sent_to.set(Some(request.phone)),
                Err(error) => self.show(t, error),
            }
            self.busy.set(false);
        });
    }

    /// Step two: the code from the SMS checked, then the voter signed in.
    fn confirm(self, t: &'static Strings, voter: Voter) {
        self.message.set(None);
        let Some(phone) = self.sent_to.get_untracked() else {
            return;
        };
        let code = match validate::otp_code("code", &self.code.get_untracked()) {
            Ok(code) => code,
            Err(e) => return self.code_error.set(field_message(t, Some(e))),
        };
        self.busy.set(true);
        spawn_local(async move {
            match api::verify_code(&VerifyRequest { phone, code }).await {
                Ok(session) => voter.sign_in(session),
                Err(error) => self.show(t, error),
            }
            self.busy.set(false);
        });
    }

    /// Puts an error from the server at its field, or above the form.
    fn show(self, t: &'static Strings, error: ApiError) {
        let first = match &error {
            ApiError::Problem(p) => p.errors.first().cloned(),
            ApiError::Network | ApiError::Unexpected => None,
        };
        let field = first.as_ref().map(|e| e.field.clone());
        let known = field_message(t, first);
        match (field.as_deref(), known) {
            (Some("iin"), Some(m)) => self.iin_error.set(Some(m)),
            (Some("phone"), Some(m)) => self.phone_error.set(Some(m)),
            (Some("code"), Some(m)) => self.code_error.set(Some(m)),
            _ => self.message.set(Some(error_text(t, &error))),
        }
    }
}

/// Step one: IIN and phone; step two: the code from the SMS. With `fair_id`,
/// a fair with a voter roll refuses an IIN not on it before any code is sent.
#[component]
pub fn VerifyPhone(#[prop(optional)] fair_id: Option<i64>) -> impl IntoView {
    let t = use_t();
    let voter = use_voter();
    let form = Verification::new();
    let Verification {
        iin,
        phone,
        code,
        iin_error,
        phone_error,
        code_error,
        sent_to,
        message,
        busy,
    } = form;
    let send_code = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.send_code(t.get_untracked(), fair_id);
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.confirm(t.get_untracked(), voter);
    };

    view! {
        <section class="verify" aria-labelledby="verify-title">
            <h2 id="verify-title">{tr(|s| s.vote_title)}</h2>
            <p>{tr(|s| s.verify_intro)}</p>
            <p class="form-error" role="alert">{move || message.get()}</p>
            {move || match sent_to.get() {
                None => view! {
                    <form on:submit=send_code novalidate>
                        <Field id="iin" label=tr(|s| s.iin) hint=tr(|s| s.iin_hint) value=iin error=iin_error input_mode="numeric"/>
                        <Field id="phone" label=tr(|s| s.phone) hint=tr(|s| s.phone_hint) value=phone error=phone_error input_type="tel" autocomplete="tel"/>
                        <button type="submit" disabled=busy>{tr(|s| s.send_code)}</button>
                    </form>
                }
                .into_any(),
                Some(number) => view! {
                    <form on:submit=confirm novalidate>
                        <p>{tr(|s| s.code_sent)} " " <strong>{number}</strong></p>
                        <Field id="code" label=tr(|s| s.code_label) hint=Signal::derive(|| "123456") value=code error=code_error input_mode="numeric" autocomplete="one-time-code"/>
                        <button type="submit" disabled=busy>{tr(|s| s.confirm_code)}</button>
                        " "
                        <button type="button" class="secondary" on:click=move |_| sent_to.set(None)>{tr(|s| s.other_number)}</button>
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The checkbox that puts an idea on the ballot.
#[component]
pub fn ChooseIdea(idea_id: i64) -> impl IntoView {
    let Some(choice) = use_context::<Choice>() else {
        return ().into_any();
    };
    let checked = move || choice.chosen.with(|c| c.contains(&idea_id));
    let full = move || choice.chosen.with(|c| c.len() as i64 >= choice.max);
    let id = format!("choose-{idea_id}");
    view! {
        <p class="choose">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=checked
                disabled=move || !choice.ready.get() || choice.paper.get() || (full() && !checked())
                on:change=move |_| {
                    choice.chosen.update(|c| {
                        if let Some(at) = c.iter().position(|i| *i == idea_id) {
                            c.remove(at);
                        } else if (c.len() as i64) < choice.max {
                            c.push(idea_id);
                        }
                    })
                }
            />
            <label for=id>{tr(|s| s.choose)}</label>
        </p>
    }
    .into_any()
}

/// The counter and the save button, kept in view at the bottom of the screen.
#[component]
pub fn BallotBar() -> impl IntoView {
    let t = use_t();
    let voter = use_voter();
    let Some(choice) = use_context::<Choice>() else {
        return ().into_any();
    };
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let count = move || choice.chosen.with(Vec::len) as i64;
    // A new choice makes the last answer from the server old news.
    Effect::new(move || {
        choice.chosen.track();
        status.set(None);
    });
    let save = move |_| {
        let ideas = choice.chosen.get_untracked();
        if let Err(e) = validate::ballot(&ideas, choice.max) {
            status.set(field_message(t.get_untracked(), Some(e)).map(str::to_owned));
            return;
        }
        let Some(token) = voter.token() else {
            voter.forget();
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::save_ballot(choice.fair_id, &BallotRequest { idea_ids: ideas }, &token).await
            {
                Ok(ballot) => {
                    choice.receipt.set(ballot.receipt);
                    choice.saved.set(ballot.idea_ids.clone());
                    choice.chosen.set(ballot.idea_ids);
                    status.set(Some(t.get_untracked().ballot_saved.to_owned()));
                }
                Err(error) => {
                    if matches!(&error, ApiError::Problem(p) if p.kind == Kind::Unauthorized) {
                        voter.forget();
                    }
                    status.set(Some(error_text(t.get_untracked(), &error)));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=move || choice.ready.get() && choice.paper.get()>
            <div class="ballot-bar">
                <p class="ballot-status" role="status">{tr(|s| s.voted_on_paper_note)}</p>
            </div>
        </Show>
        <Show when=move || choice.ready.get() && !choice.paper.get()>
            <div class="ballot-bar">
                <p class="ballot-count" aria-live="polite">
                    {tr(|s| s.chosen)} ": " {count} " / " {choice.max} " · " {move || choice.max - count()} " " {tr(|s| s.left)}
                </p>
                <p class="ballot-status" role="status">
                    {move || {
                        status.get().or_else(|| {
                            if choice.unsaved() {
                                Some(t.get().unsaved.to_owned())
                            } else {
                                choice.saved.with(|s| !s.is_empty()).then(|| t.get().ballot_saved.to_owned())
                            }
                        })
                    }}
                </p>
                <button type="button" on:click=save disabled=move || busy.get() || !choice.unsaved()>
                    {tr(|s| s.save_ballot)}
                </button>
                {move || choice.receipt.get().filter(|_| !choice.unsaved()).map(|code| view! {
                    <p class="receipt">
                        {tr(|s| s.receipt_label)} ": " <strong class="receipt-code">{receipt::grouped(&code)}</strong>
                    </p>
                })}
            </div>
        </Show>
    }
    .into_any()
}

/// "Check a receipt": what became of the ballot a receipt was given for.
#[component]
fn CheckReceipt(fair_id: i64) -> impl IntoView {
    let t = use_t();
    let typed = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<String>);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let strings = t.get_untracked();
        let code = match receipt::parse("code", &typed.get_untracked()) {
            Ok(code) => code,
            Err(error) => {
                answer.set(field_message(strings, Some(error)).map(str::to_owned));
                return;
            }
        };
        spawn_local(async move {
            answer.set(Some(match api::check_receipt(fair_id, &code).await {
                Ok(check) => strings.receipt_states[check.state.index()].to_owned(),
                Err(ApiError::Problem(p)) if p.kind == Kind::NotFound => {
                    strings.receipt_unknown.to_owned()
                }
                Err(error) => error_text(strings, &error),
            }));
        });
    };
    view! {
        <section class="check-receipt" aria-labelledby="check-receipt-title">
            <h2 id="check-receipt-title">{tr(|s| s.receipt_check)}</h2>
            <p class="hint">{tr(|s| s.receipt_note)}</p>
            <form on:submit=check novalidate>
                <label for="receipt">{tr(|s| s.receipt_label)}</label>
                <input id="receipt" autocomplete="off" spellcheck="false" placeholder="7K2QM-XD4RA"
                    prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                " " <button type="submit" class="secondary">{tr(|s| s.receipt_check_button)}</button>
                <p role="status">{move || answer.get()}</p>
            </form>
        </section>
    }
}

/// `/fair/:id/vote`: verify, choose, save.
#[component]
pub fn VotePage() -> impl IntoView {
    let id = id_param();
    let fair = api::fetch(move || api::fair(id()));
    crate::components::loaded::loaded(fair, |fair| view! { <VoteView fair/> })
}

#[component]
fn VoteView(fair: bastama_model::Fair) -> impl IntoView {
    use crate::components::loaded::{loaded, Empty};
    use crate::i18n::localized;
    use crate::pages::fair::IdeaCard;
    let title = localized(&fair.title);
    let for_title = title.clone();
    Effect::new(move || crate::components::set_title(&for_title()));
    let open = fair.voting_open(&crate::session::now_utc());
    let ideas = api::fetch({
        let id = fair.id;
        move || api::ideas(id)
    });
    if open {
        provide_choice(fair.id, fair.votes_per_voter);
    }
    let verified = use_voter().session;
    let fair_id = fair.id;
    let back = url(format!("/fair/{}", fair.id));
    // An embed view keeps its results inside the frame.
    let results = if crate::paths::embedded() {
        url(format!("/embed/fair/{}/results", fair.id))
    } else {
        url(format!("/fair/{}/results", fair.id))
    };
    view! {
        <p>
            <a href=back>"← " {title.clone()}</a>
            " · "
            <a href=results>{tr(|s| s.results)}</a>
        </p>
        <h1>{tr(|s| s.vote_title)}</h1>
        <p class="note publication">
            {crate::i18n::tr_with(fair.publication, crate::pages::fair::publication_note)}
        </p>
        {if open {
            view! { <Show when=move || verified.with(Option::is_none)><VerifyPhone fair_id/></Show> }.into_any()
        } else {
            view! { <p class="note">{tr(|s| s.voting_not_open)}</p> }.into_any()
        }}
        <h2>{tr(|s| s.ideas_title)}</h2>
        {loaded(ideas, move |page| {
            if page.items.is_empty() {
                return view! { <Empty/> }.into_any();
            }
            view! {
                <ol class="cards ideas">
                    {page.items.into_iter().map(|idea| {
                        if open {
                            let choose = view! { <ChooseIdea idea_id=idea.id/> }.into_any();
                            view! { <IdeaCard idea choose/> }.into_any()
                        } else {
                            view! { <IdeaCard idea/> }.into_any()
                        }
                    }).collect_view()}
                </ol>
                <BallotBar/>
            }
            .into_any()
        })}
        <CheckReceipt fair_id/>
    }
}
