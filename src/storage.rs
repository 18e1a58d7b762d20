//! Browser storage that may be denied: inside a cross-origin iframe Chromium
//! throws on `localStorage`. Every access here is fallible and never panics.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Saves where the browser allows; where it does not, the value lives only in memory.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Sets a cookie of the app's pages for a year (not sent to other sites); where
/// the browser refuses it, nothing happens.
pub fn set_cookie(name: &str, value: &str) {
    let path = match crate::paths::base() {
        "" => "/",
        base => base,
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let cookie = format!("{name}={value}; path={path}; max-age=31536000; SameSite=Lax");
        let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
    }
}
