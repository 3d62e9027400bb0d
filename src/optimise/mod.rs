//! Optimisation: classic location models and the scenario plan model, both
//! written in good_lp and solved through one engine ([`engine`]: HiGHS or
//! microlp, natively and in the browser). The solver is chosen there and
//! nowhere else.

pub mod classic;
pub mod engine;
pub mod instances;
mod outcome;
mod p_median_search;
pub mod plan;

#[cfg(not(target_arch = "wasm32"))]
pub use engine::highs_solve_file;
pub use engine::model_file::ModelFormat;
pub use engine::{Backend, Choice};
pub use outcome::{relative_gap as outcome_gap, CutShort, Outcome, Status};

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
