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

/// A stage of a solve that the time limit stopped before it finished: the
/// result says which, so a planner knows what is missing and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutShort {
    /// Travel times: nothing could be modelled.
    TravelTimes,
    /// Gathering added beds at fewer facilities (the model's placement is kept).
    BedGathering,
    /// The marginal cost of the binding targets.
    MarginalValues,
    /// The independent check of the plan (the plan is shown unverified).
    Check,
    /// The patient-choice estimates of `solve --json`.
    Estimates,
}

impl CutShort {
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            CutShort::TravelTimes => "travel_times",
            CutShort::BedGathering => "bed_gathering",
            CutShort::MarginalValues => "marginal_values",
            CutShort::Check => "check",
            CutShort::Estimates => "estimates",
        }
    }

    /// What was left out, in English and in Chinese.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            CutShort::TravelTimes => ("travel times", "行程时间"),
            CutShort::BedGathering => (
                "gathering added beds at fewer facilities",
                "新增床位集中到较少机构",
            ),
            CutShort::MarginalValues => (
                "the marginal cost of each binding target",
                "各约束性目标的边际成本",
            ),
            CutShort::Check => ("the independent check", "独立核验"),
            CutShort::Estimates => ("the patient-choice estimates", "就医选择估算"),
        }
    }
}
