//! Optimisation: classic location models and (next) the scenario plan model,
//! both on good_lp with the pure-Rust microlp backend, which compiles to
//! wasm32. The solver is chosen here and nowhere else.

pub mod classic;
pub mod instances;
mod outcome;
pub mod plan;

pub use outcome::{relative_gap as outcome_gap, Outcome, Status};
