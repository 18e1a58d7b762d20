//! Mounts the NGO directory and cards as embed views (`/embed/ngos`, `/embed/ngo/:id`) on its page.

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bastama::CardsApp);
}
