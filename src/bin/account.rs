//! Mounts the NGO self-service (`/account`) on its page.

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bastama::AccountApp);
}
