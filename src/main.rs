//! Mounts the app on the page.

fn main() {
    // Readable panics in the console while developing; the release build leaves
    // the hook and its formatting code out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The reader's language first: Russian and English are chunks of their own.
    wasm_bindgen_futures::spawn_local(async {
        bastama::i18n::load(bastama::i18n::I18n::asked()).await;
        leptos::mount::mount_to_body(bastama::App);
    });
}
