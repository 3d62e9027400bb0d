//! The one solver engine every model goes through.
//!
//! Models are written in good_lp ([`LinearModel::new`] reads one); the
//! engine runs a backend and returns one [`Answer`] with one status mapping
//! (optimal / feasible with a gap / infeasible / time limit; a failure is an
//! [`EngineError`]), bound, gap, nodes, seconds, and which backend ran.
//!
//! Two backends:
//! - **HiGHS** (branch and cut with presolve, cuts and heuristics): natively
//!   through its C API (`highs_native.rs`); in the browser the same HiGHS
//!   release compiled to WebAssembly (npm `highs`), which the worker loads on
//!   the first solve that needs it and installs here ([`install_highs`]).
//! - **microlp** (pure Rust, always present): for models where it is measured
//!   to be faster, and the fallback when HiGHS cannot load.
//!
//! [`choose`] picks per model ([`Choice::Auto`]); the rule and the figures
//! behind it are documented there.

mod highs_native;
mod linear_model;
mod microlp_backend;
pub mod model_file;

#[cfg(not(target_arch = "wasm32"))]
pub use highs_native::solve_file as highs_solve_file;
pub use linear_model::{LinearModel, Sense};

use super::outcome::{relative_gap, Status};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;

/// The HiGHS release the engine is built against (natively: the sys crate's
/// sources; in the browser: npm `highs` of the same minor version).
pub const HIGHS_VERSION: &str = "1.15";

/// The microlp release (Cargo.lock).
pub const MICROLP_VERSION: &str = "0.6";

/// A solver that ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    /// microlp, pure Rust.
    Microlp,
    /// HiGHS (native C++ or WebAssembly).
    Highs,
}

impl Backend {
    /// The name as shown (`microlp`, `HiGHS`).
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            Backend::Highs => "HiGHS",
        }
    }
}

/// Which solver to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Per model, by the measured rule of [`choose`].
    #[default]
    Auto,
    /// microlp, always.
    Microlp,
    /// HiGHS (microlp when HiGHS is not available, said in the answer).
    Highs,
}

impl Choice {
    /// Reads `auto`, `microlp` or `highs`.
    pub fn parse(s: &str) -> Option<Choice> {
        match s {
            "auto" => Some(Choice::Auto),
            "microlp" => Some(Choice::Microlp),
            "highs" => Some(Choice::Highs),
            _ => None,
        }
    }
}

/// How to run one solve.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Seconds; `None` = no limit.
    pub time_limit: Option<f64>,
    /// Stop once the incumbent is within this relative gap of the bound.
    pub mip_gap: f64,
    /// A starting assignment of some columns (`(column, value)`,
    /// [`LinearModel::start_entries`]); the backend completes the rest, or
    /// ignores it when it does not fit.
    pub start: Option<Vec<(usize, f64)>>,
    /// Return the row duals (LPs; HiGHS only).
    pub duals: bool,
    /// Which backend.
    pub choice: Choice,
}

/// What a running solve reports, when the backend can tell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Live {
    /// Objective of the best solution so far.
    pub incumbent: Option<f64>,
    /// Best proven bound so far.
    pub bound: Option<f64>,
    /// Relative gap between them.
    pub gap: Option<f64>,
    /// Branch-and-bound nodes so far.
    pub nodes: u64,
    /// Seconds since the solve started.
    pub seconds: f64,
    /// The column values of a new best solution, when this report is one
    /// (so a caller can keep the best plan found if the solve is stopped).
    #[serde(skip)]
    pub solution: Option<std::sync::Arc<[f64]>>,
}

/// How a solve ended, with everything a planner needs to trust it.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Optimal, feasible (with `gap`), infeasible or time limit.
    pub status: Status,
    /// Objective of the solution (with the model's offset).
    pub objective: Option<f64>,
    /// Best proven bound (the objective itself when optimal).
    pub bound: Option<f64>,
    /// Relative gap |objective − bound| / |objective| (0 when optimal).
    pub gap: Option<f64>,
    /// Branch-and-bound nodes.
    pub nodes: u64,
    /// Wall-clock seconds in the backend.
    pub seconds: f64,
    /// Which backend ran.
    pub backend: Backend,
    /// Its version.
    pub version: String,
    /// Why another backend than the one asked for ran (HiGHS did not load).
    pub fallback: Option<String>,
    /// Column values (empty without a solution).
    pub values: Vec<f64>,
    /// Row duals, when asked for and the backend has them: ∂objective/∂b of
    /// each row as good_lp normalised it (`a·x ≤ b` or `a·x = b`).
    pub row_duals: Option<Vec<f64>>,
}

impl Answer {
    /// The value of a model variable (0 without a solution).
    pub fn value(&self, model: &LinearModel, v: good_lp::Variable) -> f64 {
        model
            .column(v)
            .and_then(|k| self.values.get(k))
            .copied()
            .unwrap_or(0.0)
    }

    /// An answer without a solution.
    fn empty(status: Status, backend: Backend, version: String, seconds: f64) -> Answer {
        Answer {
            status,
            objective: None,
            bound: None,
            gap: None,
            nodes: 0,
            seconds,
            backend,
            version,
            fallback: None,
            values: vec![],
            row_duals: None,
        }
    }

    /// Sets status and gap from objective and bound: optimal only when the
    /// backend proved it and the true gap is nil, else feasible with the gap.
    fn settle(&mut self, proven: bool) {
        let Some(objective) = self.objective else {
            return;
        };
        let gap = self.bound.map_or(1.0, |b| relative_gap(objective, b));
        if proven && (gap <= 1e-9 || self.bound.is_none()) {
            self.status = Status::Optimal;
            self.gap = Some(0.0);
            self.bound = Some(objective);
        } else {
            self.status = Status::Feasible;
            self.gap = Some(gap);
        }
    }
}

/// A solve that failed: which backend, and its own words (kept as a detail
/// for bug reports, never shown as the planner's message).
#[derive(Debug, Clone, PartialEq)]
pub struct EngineError {
    /// The backend that failed.
    pub backend: Backend,
    /// What it said.
    pub detail: String,
    /// The backend cannot be used again in this process (a WebAssembly
    /// abort): the worker must be restarted.
    pub fatal: bool,
    /// The backend ran out of memory (WebAssembly HiGHS at its 2 GiB cap).
    pub out_of_memory: bool,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.backend.name(), self.detail)
    }
}

/// A HiGHS the host provides (the browser worker's WebAssembly HiGHS).
pub trait HighsRuntime {
    /// Its version (`1.15.3`).
    fn version(&self) -> String;
    /// Solves; [`Answer::backend`] is set by the engine.
    fn solve(
        &self,
        model: &LinearModel,
        opts: &Options,
        live: &mut dyn FnMut(Live),
    ) -> Result<Answer, EngineError>;
}

thread_local! {
    static RUNTIME: RefCell<Option<Rc<dyn HighsRuntime>>> = const { RefCell::new(None) };
    static UNAVAILABLE: RefCell<Option<String>> = const { RefCell::new(None) };
    static ABORTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether HiGHS aborted in this process (its WebAssembly module is then
/// unusable; the worker restarts).
pub fn highs_aborted() -> bool {
    ABORTED.with(std::cell::Cell::get)
}

/// Installs the host's HiGHS (the browser worker, once it has loaded).
pub fn install_highs(runtime: Rc<dyn HighsRuntime>) {
    RUNTIME.with(|r| *r.borrow_mut() = Some(runtime));
    UNAVAILABLE.with(|u| *u.borrow_mut() = None);
}

/// Says HiGHS cannot be used here, and why (it failed to load, or aborted):
/// solves fall back to microlp and say so.
pub fn highs_unavailable(reason: String) {
    RUNTIME.with(|r| *r.borrow_mut() = None);
    UNAVAILABLE.with(|u| *u.borrow_mut() = Some(reason));
}

/// Whether HiGHS can run here (natively always; in the browser once installed).
pub fn highs_available() -> bool {
    highs_native::AVAILABLE || RUNTIME.with(|r| r.borrow().is_some())
}

/// Why HiGHS is not available here, when it was tried and failed.
pub fn highs_note() -> Option<String> {
    UNAVAILABLE.with(|u| u.borrow().clone())
}

/// Why HiGHS is not available, when it is not.
fn unavailable_reason() -> String {
    UNAVAILABLE
        .with(|u| u.borrow().clone())
        .unwrap_or_else(|| "HiGHS is not loaded in this worker".into())
}

/// Models at most this large (nonzeros) with at most [`SMALL_INTEGERS`]
/// integer columns go to microlp under [`Choice::Auto`]: on them HiGHS's
/// set-up (presolve, and in the browser crossing into its WebAssembly
/// module) costs more than the solve (bench_solve: SF p-median and MCLP,
/// pmed1–5).
pub const SMALL_NONZEROS: usize = 25_000;
/// See [`SMALL_NONZEROS`].
pub const SMALL_INTEGERS: usize = 120;

/// The backend [`solve`] will run for this model.
pub fn choose(model: &LinearModel, choice: Choice) -> Backend {
    match choice {
        Choice::Microlp => Backend::Microlp,
        Choice::Highs if highs_available() => Backend::Highs,
        Choice::Highs => Backend::Microlp,
        Choice::Auto => {
            let small = model.nonzeros() <= SMALL_NONZEROS && model.integers() <= SMALL_INTEGERS;
            if small || !highs_available() {
                Backend::Microlp
            } else {
                Backend::Highs
            }
        }
    }
}

/// Solves a model; `live` hears incumbent, bound and gap while it runs.
pub fn solve(
    model: &LinearModel,
    opts: &Options,
    live: &mut dyn FnMut(Live),
) -> Result<Answer, EngineError> {
    let backend = choose(model, opts.choice);
    if model.columns() == 0 {
        // Nothing to decide (HiGHS calls such a model empty and gives no
        // solution): feasible exactly when every row admits 0.
        let fits =
            (0..model.rows()).all(|r| model.row_lower[r] <= 1e-9 && model.row_upper[r] >= -1e-9);
        let mut a = Answer::empty(
            if fits {
                Status::Optimal
            } else {
                Status::Infeasible
            },
            backend,
            version(backend),
            0.0,
        );
        if fits {
            a.objective = Some(model.offset);
            a.bound = Some(model.offset);
            a.gap = Some(0.0);
        }
        return Ok(a);
    }
    let fallback =
        (opts.choice == Choice::Highs && backend == Backend::Microlp).then(unavailable_reason);
    let mut answer = match backend {
        Backend::Microlp => microlp_backend::solve(model, opts, live),
        Backend::Highs => {
            if highs_native::AVAILABLE {
                highs_native::solve(model, opts, live)
            } else {
                let runtime = RUNTIME.with(|r| r.borrow().clone());
                match runtime {
                    Some(rt) => {
                        let out = rt.solve(model, opts, live);
                        if let Err(e) = &out {
                            if e.fatal {
                                highs_unavailable(e.detail.clone());
                                ABORTED.with(|a| a.set(true));
                            }
                        }
                        out
                    }
                    None => {
                        return Err(EngineError {
                            backend,
                            detail: unavailable_reason(),
                            fatal: false,
                            out_of_memory: false,
                        })
                    }
                }
            }
        }
    }?;
    answer.backend = backend;
    answer.fallback = fallback;
    Ok(answer)
}

/// The version of a backend as it runs here.
pub fn version(backend: Backend) -> String {
    match backend {
        Backend::Microlp => MICROLP_VERSION.into(),
        Backend::Highs => {
            if highs_native::AVAILABLE {
                highs_native::version()
            } else {
                RUNTIME
                    .with(|r| r.borrow().as_ref().map(|rt| rt.version()))
                    .unwrap_or_else(|| HIGHS_VERSION.into())
            }
        }
    }
}

/// For the browser's HiGHS: fills status and gap of an answer the runtime
/// built from HiGHS's own status (`proven`: HiGHS said optimal).
pub fn settle(answer: &mut Answer, proven: bool) {
    answer.settle(proven);
}

/// An answer without a solution, for a runtime.
pub fn empty_answer(status: Status, backend: Backend, version: String, seconds: f64) -> Answer {
    Answer::empty(status, backend, version, seconds)
}
