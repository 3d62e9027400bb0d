//! The browser app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    healthreach::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`app` is the browser build; serve it with scripts/serve.sh (see README.md).");
    std::process::exit(2);
}
