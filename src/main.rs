//! Mounts the app on the page.

fn main() {
    // Readable panics in the console while developing; the release build leaves
    // the hook and its formatting code out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bastama::App);
}
