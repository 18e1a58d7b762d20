//! Embedding on other sites. The embed views (`/embed/...`) have no site
//! header, take the portal's theme from the URL, link out to the full app, and
//! tell the parent page their height so its iframe fits them. "Embed this" on
//! the full app's pages gives the snippets a portal pastes.

use crate::components::layout::LanguageSwitch;
use crate::i18n::tr;
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::prelude::*;

/// What the message to the parent page says: `{type: RESIZE, height}`.
const RESIZE: &str = "bastama:resize";

/// Readies the page as an embed view: the portal's theme, links out in new
/// tabs, the height told to the parent.
pub fn prepare() {
    apply_theme();
    open_the_full_app_outside();
    report_height();
}

/// The embed view's only chrome: a link out to the full app, and the languages.
#[component]
pub fn EmbedFooter() -> impl IntoView {
    let location = use_location();
    let full = move || {
        let path = location.pathname.get();
        let path = path.strip_prefix(paths::base()).unwrap_or(&path);
        let page = paths::full_app_path(path).unwrap_or_else(|| "/".into());
        let search = location.search.get();
        let query = if search.is_empty() {
            search
        } else {
            format!("?{search}")
        };
        paths::url(format!("{page}{query}"))
    };
    view! {
        <footer class="embed-footer">
            <a href=full target="_blank" rel="noopener">
                <span class="brand-mark" aria-hidden="true">"Б"</span>
                {tr(|s| s.open_in_bastama)}
                <span aria-hidden="true">" ↗"</span>
            </a>
            <LanguageSwitch/>
        </footer>
    }
}

/// The portal's theme from the URL: `theme=dark` and `accent=RRGGBB`.
fn apply_theme() {
    let Some(root) = document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = root.set_attribute("data-embed", "");
    let dark = paths::param("theme").as_deref() == Some("dark");
    if dark {
        let _ = root.set_attribute("data-theme", "dark");
    }
    if let Some((accent, ink)) = paths::param("accent").and_then(|a| accent_colours(&a)) {
        let style = root.style();
        let _ = style.set_property("--accent", &accent);
        let _ = style.set_property("--accent-ink", ink);
        // Links take the accent where it reads well on the page's background.
        if (ink == "#ffffff") != dark {
            let _ = style.set_property("--link", &accent);
        }
    }
}

/// An accent colour given as `RRGGBB` (or `#RRGGBB`, `%23RRGGBB`), and the ink
/// that reads on it: black on light colours, white on dark ones.
pub fn accent_colours(raw: &str) -> Option<(String, &'static str)> {
    let hex = raw
        .strip_prefix("%23")
        .or_else(|| raw.strip_prefix('#'))
        .unwrap_or(raw);
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u32::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    let brightness = 299 * channel(0) + 587 * channel(2) + 114 * channel(4);
    let ink = if brightness > 150_000 {
        "#000000"
    } else {
        "#ffffff"
    };
    Some((format!("#{hex}"), ink))
}

/// Links to pages that are not embed views open the full app in a new tab,
/// since the full app is never shown inside a frame.
fn open_the_full_app_outside() {
    let inside = format!(
        "{}{}/embed/",
        window().location().origin().unwrap_or_default(),
        paths::base()
    );
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event| {
        if let Some(anchor) = paths::clicked_anchor(&event) {
            if !anchor.href().starts_with(&inside) && anchor.target().is_empty() {
                anchor.set_target("_blank");
                anchor.set_rel("noopener");
            }
        }
    });
    // Capturing, so it runs before the router decides to route the click itself.
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

/// In a frame, tells the parent page the height of the content whenever it
/// changes. The message holds nothing but the height, so any parent may read it.
fn report_height() {
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    if js_sys::Object::is(&parent, &window()) {
        return;
    }
    let Some(body) = document().body() else {
        return;
    };
    let measured = body.clone();
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let message = js_sys::Object::new();
        let height = measured.get_bounding_client_rect().height().ceil();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &RESIZE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // Both live as long as the page.
        std::mem::forget(observer);
        on_resize.forget();
    }
}

/// "Embed this": the snippets that show `view` (`map`, `fair`, `ngo`, `ngos`)
/// on another site with the page's current filters, as the `embed.js` div and
/// as a plain iframe. Made when opened, from the URL of that moment.
#[component]
pub fn EmbedThis(view: &'static str, #[prop(optional)] id: Option<i64>) -> impl IntoView {
    // Written at once (a view drawn again while its data arrives has them
    // too), and again on opening, with the filters of that moment.
    let code = RwSignal::new(snippets(view, id));
    let copied = RwSignal::new(None::<usize>);
    let snippet = move |i: usize, label: Signal<&'static str>| {
        let box_id = ["embed-script", "embed-iframe"][i];
        view! {
            <label for=box_id>{label}</label>
            <textarea id=box_id readonly rows="3" prop:value=move || code.with(|c| c[i].clone())></textarea>
            <p>
                <button type="button" class="secondary" on:click=move |_| {
                    copied.set(None);
                    if let Some(written) = code.with_untracked(|c| copy(&c[i])) {
                        leptos::task::spawn_local(async move {
                            if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
                                copied.set(Some(i));
                            }
                        });
                    }
                }>{tr(|s| s.copy)}</button>
                " "
                <span role="status">{move || (copied.get() == Some(i)).then(|| tr(|s| s.copied))}</span>
            </p>
        }
    };
    view! {
        <details class="embed-this" on:toggle=move |_| code.set(snippets(view, id))>
            <summary>{tr(|s| s.embed_this)}</summary>
            <p>{tr(|s| s.embed_hint)}</p>
            {snippet(0, tr(|s| s.embed_script))}
            {snippet(1, tr(|s| s.embed_iframe))}
        </details>
    }
}

/// The two snippets for `view`: the `embed.js` div, and the iframe.
fn snippets(view: &str, id: Option<i64>) -> [String; 2] {
    let app = format!(
        "{}{}",
        window().location().origin().unwrap_or_default(),
        paths::base()
    );
    let path = match id {
        Some(id) => format!("/embed/{view}/{id}"),
        None => format!("/embed/{view}"),
    };
    let mut data = id
        .map(|id| format!(" data-id=\"{id}\""))
        .unwrap_or_default();
    let search = paths::query();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            // Names that can be data-* attributes; the page number is not a filter.
            let name = pair.split('=').next().unwrap_or_default();
            !name.is_empty()
                && name != "page"
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .collect();
    let decode = |s: &str| {
        js_sys::decode_uri_component(&s.replace('+', " "))
            .map(String::from)
            .unwrap_or_default()
    };
    for pair in &kept {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        data.push_str(&format!(" data-{name}=\"{}\"", escape(&decode(value))));
    }
    let query = kept.join("&");
    let query = if query.is_empty() {
        query
    } else {
        format!("?{query}")
    };
    [
        format!(
            "<div data-bastama-embed=\"{view}\"{data}></div>\n<script src=\"{app}/embed.js\" async></script>"
        ),
        format!(
            "<iframe src=\"{}\" title=\"Bastama\" width=\"100%\" height=\"600\" style=\"border:0\"></iframe>",
            escape(&format!("{app}{path}{query}"))
        ),
    ]
}

/// Puts `text` on the clipboard, where the browser offers one: the promise
/// of the write.
fn copy(text: &str) -> Option<js_sys::Promise> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"clipboard".into())
        .unwrap_or(false)
        .then(|| navigator.clipboard().write_text(text))
}

/// Text made safe inside an HTML attribute.
fn escape(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => safe.push_str("&amp;"),
            '"' => safe.push_str("&quot;"),
            '<' => safe.push_str("&lt;"),
            '>' => safe.push_str("&gt;"),
            c => safe.push(c),
        }
    }
    safe
}
