//! Where the app lives: the base path the server serves it under (a portal may
//! mount it at `/bastama`), and the embed views (`/embed/...`) other sites frame.

use wasm_bindgen::JsCast;

/// The path the app is served under (`/bastama`), empty at the root. The server
/// writes it into every page as `<meta name="bastama-base">`.
pub fn base() -> &'static str {
    thread_local! {
        static BASE: &'static str = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("meta[name=bastama-base]").ok().flatten())
            .and_then(|meta| meta.get_attribute("content"))
            .map_or("", |base| Box::leak(base.into_boxed_str()));
    }
    BASE.with(|base| *base)
}

/// A path of the app (`/ngos/3`) as the browser must ask for it: below the base.
pub fn url(path: impl AsRef<str>) -> String {
    format!("{}{}", base(), path.as_ref())
}

/// A path the browser shows (`/bastama/ngos/3`) as the app names it (`/ngos/3`).
pub fn below_base(path: &str) -> String {
    path.strip_prefix(base()).unwrap_or(path).to_owned()
}

/// The full app's page showing what the embed view `path` (without the base)
/// shows: `/embed/ngo/3` is `/ngos/3`; `None` when `path` is not an embed view.
pub fn full_app_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/embed")?;
    Some(match rest.strip_prefix("/ngo/") {
        Some(id) => format!("/ngos/{id}"),
        None => rest.to_owned(),
    })
}

/// The current URL's query, with its `?` (empty when there is none).
pub fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// A parameter of the current URL's query as it is written there (not decoded).
pub fn param(name: &str) -> Option<String> {
    query()
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| Some(pair.strip_prefix(name)?.strip_prefix('=')?.to_owned()))
}

/// Whether the page is an embed view, framed by another site. Fixed when the
/// page loads: a page never moves between embed views and the full app.
pub fn embedded() -> bool {
    thread_local! {
        static EMBEDDED: bool = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .is_some_and(|path| path.strip_prefix(base()).unwrap_or(&path).starts_with("/embed/"));
    }
    EMBEDDED.with(|embedded| *embedded)
}

/// Removes the page the server wrote in for the app to take over (the
/// directory's `#prerendered`), which hides the app until then.
pub fn take_over() {
    if let Some(prerendered) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("prerendered"))
    {
        prerendered.remove();
    }
}

/// The anchor a click landed on, if any.
pub fn clicked_anchor(event: &web_sys::MouseEvent) -> Option<web_sys::HtmlAnchorElement> {
    let path = event.composed_path();
    (0..path.length()).find_map(|i| path.get(i).dyn_into().ok())
}
