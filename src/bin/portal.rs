//! The transparency portal's viewer (built by Trunk for wasm32): a separate
//! entry point from the planner, read-only by construction.

#[cfg(target_arch = "wasm32")]
fn main() {
    healthreach::ui::portal::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`portal` is the published plan's viewer; `healthreach publish` bundles it.");
    std::process::exit(2);
}
