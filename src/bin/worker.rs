//! The solver worker's entry point (a Web Worker, built by Trunk for wasm32):
//! runs the plan model off the page's thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    healthreach::ui::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`worker` is the browser app's solver worker; it runs only in the browser.");
    std::process::exit(2);
}
