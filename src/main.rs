//! Mounts the app on the page.

/// Room for the splitter. `wasm-split-cli` lays out the read-only data of each
/// chunk apart, each block aligned, and when the result is longer than the
/// linker's segment it keeps the whole segment (150 KB of every area's text)
/// in the main module. These bytes are in the linker's segment but no chunk
/// uses them, so the splitter leaves them out and the aligned blocks fit in
/// their place. `scripts/build-app.sh` fails if the segment is still too long.
#[cfg(feature = "split")]
#[used]
static SPLIT_ROOM: [u8; 2048] = [0x5a; 2048];

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
