//! What a solve reports: status, objective, bound, gap, time.

use serde::{Deserialize, Serialize};

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal (gap 0 within tolerance).
    Optimal,
    /// A feasible solution, but the time limit stopped the proof (gap > 0).
    Feasible,
    /// No solution satisfies the constraints.
    Infeasible,
    /// The time limit struck before any feasible solution was found.
    TimeLimit,
}

impl Status {
    /// The JSON key (`optimal`, `feasible`, `infeasible`, `time_limit`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::TimeLimit => "time_limit",
        }
    }
}

/// The result of a solve, with the figures a planner needs to trust it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// Objective of the best solution found (`None` without one).
    pub objective: Option<f64>,
    /// Best proven bound on the optimum (`None` when unknown).
    pub bound: Option<f64>,
    /// Relative gap |objective − bound| / max(|objective|, 1e-9); 0 when optimal.
    pub gap: Option<f64>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// The solver that ran the main solve (`None` when none ran).
    pub backend: Option<super::engine::Backend>,
    /// Its version.
    pub solver_version: Option<String>,
    /// Branch-and-bound nodes of the main solve.
    pub nodes: u64,
}

impl Outcome {
    /// An outcome without a solve (refused or trivially decided).
    pub fn bare(status: Status, seconds: f64) -> Outcome {
        Outcome {
            status,
            objective: None,
            bound: None,
            gap: None,
            seconds,
            backend: None,
            solver_version: None,
            nodes: 0,
        }
    }
}

/// Relative gap between an objective and a bound.
///
/// ```
/// assert_eq!(healthreach::optimise::outcome_gap(100.0, 90.0), 0.1);
/// ```
pub fn relative_gap(objective: f64, bound: f64) -> f64 {
    ((objective - bound).abs() / objective.abs().max(1e-9)).max(0.0)
}
