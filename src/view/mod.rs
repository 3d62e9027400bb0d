//! View models: what the map and charts draw, computed from the scenario
//! without any browser type, so they are tested natively. The Leptos shell
//! (`ui`) only paints them.

pub mod charts;
pub mod hit;
pub mod map_layers;
pub mod palette;
pub mod policy_form;
pub mod referral_table;
pub mod solve_progress;
pub mod tooltip;
pub mod viewport;
pub mod zone_access;
