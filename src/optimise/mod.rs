//! Optimisation: classic location models and (next) the scenario plan model,
//! both on good_lp with the pure-Rust microlp backend, which compiles to
//! wasm32. The solver is chosen here and nowhere else.

pub mod classic;
pub mod instances;
mod outcome;
pub mod plan;

pub use outcome::{relative_gap as outcome_gap, Outcome, Status};

/// Which solver runs the models. microlp is the product's solver (pure Rust,
/// runs in the browser); HiGHS is a native-only reference for benchmarks
/// (`--features highs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// microlp through good_lp.
    #[default]
    Microlp,
    /// HiGHS through good_lp, single-threaded.
    #[cfg(feature = "highs")]
    Highs,
}

/// A time limit the solver can hold (seconds): callers check limits at the
/// door ([`crate::validate::limits::time_limit`]); this keeps an unchecked
/// value (NaN, ∞, 1e308) from panicking in the conversion to a `Duration`.
pub(crate) fn solver_seconds(t: f64) -> f64 {
    let max = crate::validate::limits::MAX_TIME_LIMIT_SECONDS;
    if t.is_finite() {
        t.clamp(0.0, max)
    } else {
        max
    }
}
