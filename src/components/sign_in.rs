//! Signing an account (an NGO's or a moderator's) in and out.

use crate::api::{self, ApiError};
use crate::components::loaded::error_text;
use crate::i18n::{tr, use_t};
use crate::session::use_account;
use bastama_model::{Kind, LoginRequest, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignIn() -> impl IntoView {
    let t = use_t();
    let account = use_account();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::login(&request).await {
                Ok(session) => account.sign_in(session),
                Err(ApiError::Problem(p)) if p.kind == Kind::Unauthorized => {
                    message.set(Some(t.get_untracked().err_sign_in.into()))
                }
                Err(error) => message.set(Some(error_text(t.get_untracked(), &error))),
            }
        });
    };
    view! {
        <form class="sign-in" on:submit=submit>
            <p class="form-error" role="alert">{move || message.get()}</p>
            <div class="field">
                <label for="email">{tr(|s| s.email_label)}</label>
                <input id="email" type="email" autocomplete="username" required prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="password">{tr(|s| s.password_label)}</label>
                <input id="password" type="password" autocomplete="current-password" required prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit">{tr(|s| s.sign_in)}</button>
        </form>
    }
}

#[component]
pub fn SignOut() -> impl IntoView {
    let account = use_account();
    let out = move |_| {
        if let Some(token) = account.token() {
            spawn_local(async move {
                let _ = api::logout(&token).await;
            });
        }
        account.forget();
    };
    view! { <p><button type="button" class="secondary" on:click=out>{tr(|s| s.sign_out)}</button></p> }
}

/// What only a moderator sees: the sign-in form until someone signs in, a
/// refusal for any other account.
#[component]
pub fn ModeratorsOnly(children: ChildrenFn) -> impl IntoView {
    let account = use_account();
    move || match account.session.get() {
        None => view! { <SignIn/> }.into_any(),
        Some(session) if session.account.role != Role::Moderator => view! {
            <p class="error" role="alert">{tr(|s| s.not_moderator)}</p>
            <SignOut/>
        }
        .into_any(),
        Some(_) => children().into_any(),
    }
}
