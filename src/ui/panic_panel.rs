//! Shows a readable error panel instead of a blank page when the app panics.
//! The panel (`#error-panel`) is static HTML in index.html, so it exists
//! even when the app itself never mounted.

use wasm_bindgen::JsCast;

/// Installs the panic hook: log to the console, then fill and show the panel.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Fills the error panel with `details` and makes it visible.
pub fn show(details: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.get_element_by_id("error-details") {
        el.set_text_content(Some(details));
    }
    if let Some(panel) = doc
        .get_element_by_id("error-panel")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        panel.set_hidden(false);
    }
}
