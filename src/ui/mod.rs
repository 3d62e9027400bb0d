//! The Leptos shell: a thin layer that loads a scenario, asks the core for
//! view models and paints them. No planning logic lives here.

mod access_panel;
mod app;
mod canvas;
mod charts;
mod compare_panel;
mod curve_chart;
mod data_editor;
mod exports;
pub mod highs;
mod import_mapping;
mod import_report;
mod import_wizard;
mod map_canvas;
mod map_legend;
mod map_paint;
mod panic_panel;
mod plan_panel;
mod policy_panel;
pub mod portal;
mod publish_panel;
mod region_switcher;
mod root;
mod scenario_bar;
mod scenario_files;
mod solver;
mod sources_panel;
mod store;
mod summary_panel;
mod tables;
mod whatif_panel;
mod why;
pub mod worker;

/// Starts the app: installs the panic panel and mounts the root component.
pub fn start() {
    panic_panel::install();
    leptos::mount::mount_to_body(root::App);
}
