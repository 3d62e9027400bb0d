//! HealthReach (医疗资源下沉规划): plan where beds, specialty services,
//! seconded doctors and new service points go.
//!
//! The planning core (`scenario`, `validate`, `summary`, `demo`) has no web
//! types and builds and tests natively; the Leptos shell (`ui`) is compiled
//! only for `wasm32`. Data flows one way: scenario → access → plan → views.
//! See ARCHITECTURE.md for the codemap.

#![warn(missing_docs)]

pub mod access;
pub mod bench;
pub mod build;
pub mod cell_text;
pub mod checker;
pub mod counterfactual;
pub mod deadline;
pub mod demo;
pub mod diagnostics;
pub mod edit;
pub mod export;
pub mod i18n;
pub mod import;
pub mod indicators;
pub mod optimise;
pub mod plan;
pub mod protocol;
pub mod publish;
pub mod records;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod scenario_file;
pub mod share;
pub mod summary;
pub mod tradeoff;
pub mod validate;
pub mod view;
pub mod whatif;

/// The demo-region generator; reads `../shared/data` (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;

/// The browser app (Leptos, plotters-canvas).
#[cfg(target_arch = "wasm32")]
pub mod ui;
