//! What-if: how the plan's cost and coverage move with one target, from
//! curves of exact solves (breakpoints) built in the background after the
//! first Optimise, so a slider shows figures while it is dragged.
//!
//! Each [`Knob`] changes one field of the planner's policy and nothing
//! else ([`Knob::apply`]). A breakpoint is a full solve at one value,
//! checked by the independent checker; between two breakpoints the figures
//! are given as the interval the two ends span ([`Curve::estimate`]). For
//! the cost under a coverage or bed target, and the coverage under a money
//! budget, that interval is exact: the least cost can only rise as a
//! target rises (its plans are a subset), and the most coverage can only
//! rise with the budget. Other figures (the coverage of a least-cost plan)
//! are shown as the span of the two ends, marked as such in the view.
//!
//! The sweep ([`sweep`]) solves, in order: the most coverage any plan can
//! reach (no budget), the coverage levels from today's share up to it, the
//! budgets from the cheapest of those plans to the most-coverage plan, and
//! the bed targets from today's lowest unit up past the planner's target.
//! Each knob's own policy value is one of its breakpoints, so the plan on
//! screen sits on every curve.

use crate::optimise::plan::Progress;
use crate::plan::Plan;
use crate::protocol::{answer, SolveReply, SolveRequest};
use crate::scenario::{Objective, Policy, Scenario};
use serde::{Deserialize, Serialize};

/// A target a slider moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Knob {
    /// Share of residents within the coverage threshold (0–1), least cost.
    CoverageShare,
    /// Beds per 1,000 residents in every admin unit.
    BedsPer1000,
    /// The money budget (yuan), most coverage within it.
    Budget,
}

impl Knob {
    /// Every knob, in the order the sweep builds them.
    pub const ALL: [Knob; 3] = [Knob::CoverageShare, Knob::Budget, Knob::BedsPer1000];

    /// The name in `data-testid="whatif-<key>"` and in messages.
    ///
    /// ```
    /// use healthreach::whatif::Knob;
    /// assert_eq!(Knob::BedsPer1000.key(), "beds-per-1000");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Knob::CoverageShare => "coverage-share",
            Knob::BedsPer1000 => "beds-per-1000",
            Knob::Budget => "budget",
        }
    }

    /// The policy with this knob at `value`: the coverage share (least
    /// cost, coverage target on), the bed target, or the money budget (most
    /// coverage within it). Nothing else changes.
    ///
    /// ```
    /// use healthreach::whatif::Knob;
    /// use healthreach::scenario::{Objective, Policy};
    /// let p = Knob::Budget.apply(&Policy::default(), 5e6);
    /// assert_eq!(p.budget.money_yuan, Some(5e6));
    /// assert_eq!(p.objective, Objective::MaxCoverage);
    /// ```
    pub fn apply(self, policy: &Policy, value: f64) -> Policy {
        let mut p = policy.clone();
        match self {
            Knob::CoverageShare => {
                p.objective = Objective::LeastCost;
                p.coverage.enabled = true;
                p.coverage.share = value.clamp(0.0, 1.0);
            }
            Knob::BedsPer1000 => p.ratios.beds_per_1000 = Some(value.max(0.0)),
            Knob::Budget => {
                p.objective = Objective::MaxCoverage;
                p.budget.money_yuan = Some(value.max(0.0));
            }
        }
        p
    }

    /// The knob's value in a policy, when the policy sets it the way the
    /// knob does (a budget counts only under the most-coverage objective).
    pub fn value_in(self, policy: &Policy) -> Option<f64> {
        match self {
            Knob::CoverageShare => (policy.coverage.enabled
                && policy.objective == Objective::LeastCost)
                .then_some(policy.coverage.share),
            Knob::BedsPer1000 => policy.ratios.beds_per_1000,
            Knob::Budget => (policy.objective == Objective::MaxCoverage)
                .then_some(policy.budget.money_yuan)
                .flatten(),
        }
    }
}

/// One exact solve on a curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakpoint {
    /// The knob.
    pub knob: Knob,
    /// Its value.
    pub value: f64,
    /// What the solve gave: a checked plan's cost and coverage, or none
    /// (no plan meets the targets at this value).
    pub outcome: Option<Outcome>,
}

/// A checked plan at a breakpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The plan's cost (yuan).
    pub cost_yuan: f64,
    /// Share of residents within the threshold after the plan (0–1).
    pub coverage: f64,
    /// Proven optimal (within the sweep's gap).
    pub optimal: bool,
    /// The plan, to start the exact solve from when the slider is released.
    pub plan: Plan,
}

/// A knob's breakpoints, in increasing value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    /// The breakpoints.
    pub points: Vec<Breakpoint>,
}

/// What a curve says at a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Estimate<'a> {
    /// A breakpoint: the figures of its plan.
    Exact(&'a Outcome),
    /// Between two breakpoints: cost and coverage lie between theirs.
    Between {
        /// The breakpoint below.
        low: &'a Breakpoint,
        /// The breakpoint above.
        high: &'a Breakpoint,
        /// Least and most cost of the two (yuan).
        cost: (f64, f64),
        /// Least and most coverage of the two.
        coverage: (f64, f64),
    },
    /// No plan meets the targets at this value (past the last reachable
    /// breakpoint, or at one that had none).
    Unreachable,
    /// The curve has no breakpoint yet on both sides of the value.
    Unknown,
}

/// Two values this close are the same breakpoint (relative).
const SAME: f64 = 1e-9;

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME * a.abs().max(b.abs()).max(1.0)
}

impl Curve {
    /// Adds a breakpoint, keeping value order (a repeat replaces the old).
    pub fn insert(&mut self, b: Breakpoint) {
        match self.points.iter().position(|p| same(p.value, b.value)) {
            Some(i) => self.points[i] = b,
            None => {
                let i = self.points.partition_point(|p| p.value < b.value);
                self.points.insert(i, b);
            }
        }
    }

    /// The values a slider may take: from the first to the last breakpoint
    /// with a plan.
    pub fn range(&self) -> Option<(f64, f64)> {
        let mut reached = self.points.iter().filter(|p| p.outcome.is_some());
        let first = reached.next()?.value;
        let last = reached.next_back().map_or(first, |p| p.value);
        Some((first, last))
    }

    /// The figures at `value`.
    ///
    /// ```
    /// use healthreach::whatif::{Breakpoint, Curve, Estimate, Knob, Outcome};
    /// let at = |value: f64, cost: f64, coverage: f64| Breakpoint {
    ///     knob: Knob::CoverageShare,
    ///     value,
    ///     outcome: Some(Outcome { cost_yuan: cost, coverage, optimal: true, plan: Default::default() }),
    /// };
    /// let mut c = Curve::default();
    /// c.insert(at(0.9, 30.0, 0.91));
    /// c.insert(at(0.8, 10.0, 0.82));
    /// assert!(matches!(c.estimate(0.8), Estimate::Exact(o) if o.cost_yuan == 10.0));
    /// match c.estimate(0.85) {
    ///     Estimate::Between { cost, .. } => assert_eq!(cost, (10.0, 30.0)),
    ///     e => panic!("{e:?}"),
    /// }
    /// assert_eq!(c.estimate(0.95), Estimate::Unknown);
    /// ```
    pub fn estimate(&self, value: f64) -> Estimate<'_> {
        if let Some(p) = self.points.iter().find(|p| same(p.value, value)) {
            return p
                .outcome
                .as_ref()
                .map_or(Estimate::Unreachable, Estimate::Exact);
        }
        let i = self.points.partition_point(|p| p.value < value);
        let (Some(low), Some(high)) = (
            i.checked_sub(1).map(|j| &self.points[j]),
            self.points.get(i),
        ) else {
            return Estimate::Unknown;
        };
        match (&low.outcome, &high.outcome) {
            (Some(a), Some(b)) => Estimate::Between {
                low,
                high,
                cost: (a.cost_yuan.min(b.cost_yuan), a.cost_yuan.max(b.cost_yuan)),
                coverage: (a.coverage.min(b.coverage), a.coverage.max(b.coverage)),
            },
            // A target that has no plan at the lower value has none above
            // it either; a budget or target between a plan and no plan is
            // not known until solved.
            (None, _) if low.knob != Knob::Budget => Estimate::Unreachable,
            _ => Estimate::Unknown,
        }
    }

    /// The plan of the breakpoint nearest `value` that has one: where the
    /// exact solve for `value` starts from.
    pub fn nearest_plan(&self, value: f64) -> Option<&Plan> {
        self.points
            .iter()
            .filter_map(|p| {
                p.outcome
                    .as_ref()
                    .map(|o| ((p.value - value).abs(), &o.plan))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, plan)| plan)
    }
}

/// A what-if sweep: every knob's breakpoints for the planner's policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WhatIfRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// The scenario with the planner's policy (the one just optimised).
    pub scenario: Scenario,
    /// Breakpoints per knob besides the policy's own value (2 to
    /// [`MAX_STEPS`]).
    pub steps: usize,
    /// Seconds per solve.
    pub time_limit: f64,
    /// Relative MIP gap per solve.
    pub mip_gap: f64,
}

/// Most breakpoints per knob a sweep may ask for (each is a full solve).
pub const MAX_STEPS: usize = 12;

/// `n` values from `low` to `high`, both included, evenly spaced and
/// rounded to `unit` (so a slider's steps land on them).
///
/// ```
/// assert_eq!(healthreach::whatif::steps(0.5, 0.9, 5, 0.001), vec![0.5, 0.6, 0.7, 0.8, 0.9]);
/// ```
pub fn steps(low: f64, high: f64, n: usize, unit: f64) -> Vec<f64> {
    let round = |x: f64| (x / unit).round() * unit;
    let mut v: Vec<f64> = (0..n.max(2))
        .map(|k| round(low + (high - low) * k as f64 / (n.max(2) - 1) as f64))
        .map(|x| (x * 1e9).round() / 1e9)
        .collect();
    v.dedup_by(|a, b| same(*a, *b));
    v
}

/// How finely each knob's breakpoints are rounded: 0.1 percentage point of
/// coverage, 0.01 beds per 1,000, 10,000 yuan.
pub fn unit(knob: Knob) -> f64 {
    match knob {
        Knob::CoverageShare => 0.001,
        Knob::BedsPer1000 => 0.01,
        Knob::Budget => 10_000.0,
    }
}

fn solve_at(
    req: &WhatIfRequest,
    policy: Policy,
    warm: Option<Plan>,
    progress: &mut dyn FnMut(Progress),
) -> Result<SolveReply, crate::diagnostics::Problem> {
    let mut scenario = req.scenario.clone();
    scenario.policy = policy;
    answer(
        &SolveRequest {
            job: req.job,
            scenario,
            time_limit: req.time_limit,
            mip_gap: req.mip_gap,
            warm_start: warm,
            incumbent: false,
        },
        progress,
    )
}

fn outcome_of(reply: &SolveReply) -> Option<Outcome> {
    if !reply.verified {
        return None;
    }
    Some(Outcome {
        cost_yuan: reply.cost_yuan?,
        coverage: reply.report.as_ref()?.coverage.1,
        optimal: reply.status == crate::optimise::Status::Optimal,
        plan: reply.plan.clone()?,
    })
}

/// The breakpoint values of every knob, from the most-coverage solve's
/// reply (no budget): coverage from today's share to the most reachable,
/// bed targets from today's lowest unit to a quarter past the higher of
/// the target and today's highest unit. Budgets come later, from the
/// coverage curve's cheapest plan ([`budget_values`]).
fn values_from(knob: Knob, policy: &Policy, most: &SolveReply, n: usize) -> Vec<f64> {
    let Some(report) = most.report.as_ref() else {
        return vec![];
    };
    let (low, high) = match knob {
        Knob::CoverageShare => {
            let floor = (report.coverage.0 / 0.001).floor() * 0.001;
            (floor, report.coverage.1.max(floor))
        }
        Knob::BedsPer1000 => {
            let today = report.units.iter().map(|u| u.beds_per_1000.0);
            let lowest = today.clone().fold(f64::INFINITY, f64::min);
            let highest = today.fold(0.0, f64::max);
            if !lowest.is_finite() {
                return vec![];
            }
            let top = policy.ratios.beds_per_1000.unwrap_or(0.0).max(highest) * 1.25;
            ((lowest / 0.01).floor() * 0.01, top.max(lowest + 0.5))
        }
        Knob::Budget => return vec![],
    };
    with_own(knob, policy, steps(low, high, n, unit(knob)))
}

/// Budgets from the cheapest coverage plan to the most-coverage plan.
fn budget_values(policy: &Policy, coverage: &Curve, most: &SolveReply, n: usize) -> Vec<f64> {
    let cheapest = coverage
        .points
        .iter()
        .filter_map(|p| p.outcome.as_ref().map(|o| o.cost_yuan))
        .fold(f64::INFINITY, f64::min);
    let Some(top) = most.cost_yuan else {
        return vec![];
    };
    if !cheapest.is_finite() {
        return vec![];
    }
    let u = unit(Knob::Budget);
    let low = (cheapest / u).ceil() * u;
    let high = ((top / u).ceil() * u).max(low);
    with_own(Knob::Budget, policy, steps(low, high, n, u))
}

/// The values plus the policy's own value of the knob (when it sets it).
fn with_own(knob: Knob, policy: &Policy, mut v: Vec<f64>) -> Vec<f64> {
    if let Some(own) = knob.value_in(policy) {
        if !v.iter().any(|x| same(*x, own)) {
            v.push(own);
            v.sort_by(f64::total_cmp);
        }
    }
    v
}

/// Every knob's curve. Each breakpoint is reported as it is found
/// (`on_point`), with the stages of its solve (`progress`). A breakpoint
/// whose solve fails (numerical trouble) or whose plan the checker refuses
/// has no outcome.
///
/// Fails when the policy cannot be met at any value: the most-coverage
/// solve finds no plan, naming the shortfalls.
pub fn sweep(
    req: &WhatIfRequest,
    on_point: &mut dyn FnMut(&Breakpoint),
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<(Knob, Curve)>, crate::diagnostics::Problem> {
    if !(2..=MAX_STEPS).contains(&req.steps) {
        return Err(crate::diagnostics::Problem::error(
            "steps",
            format!(
                "{} steps asked for; a what-if curve has 2 to {MAX_STEPS} steps",
                req.steps
            ),
            format!(
                "请求 {} 个分段；假设分析曲线为 2 到 {MAX_STEPS} 个分段",
                req.steps
            ),
        ));
    }
    let policy = &req.scenario.policy;
    let mut most_policy = policy.clone();
    most_policy.objective = Objective::MaxCoverage;
    most_policy.budget.money_yuan = None;
    let most = solve_at(req, most_policy, None, progress)?;
    if outcome_of(&most).is_none() {
        let shortfalls = most.shortfalls.join("; ");
        return Err(crate::diagnostics::Problem::error(
            "$.policy",
            format!("no what-if curves: no plan meets the other targets ({shortfalls})"),
            format!("无法进行假设分析：没有方案能满足其他目标（{shortfalls}）"),
        ));
    }
    let mut curves = Vec::new();
    let mut solve_curve =
        |knob: Knob, values: Vec<f64>, progress: &mut dyn FnMut(Progress)| -> Curve {
            let mut curve = Curve::default();
            let mut warm: Option<Plan> = most.plan.clone();
            for value in values {
                let outcome = solve_at(req, knob.apply(policy, value), warm.clone(), progress)
                    .ok()
                    .as_ref()
                    .and_then(outcome_of);
                if let Some(o) = &outcome {
                    warm = Some(o.plan.clone());
                }
                let b = Breakpoint {
                    knob,
                    value,
                    outcome,
                };
                on_point(&b);
                curve.insert(b);
            }
            curve
        };
    let coverage = solve_curve(
        Knob::CoverageShare,
        values_from(Knob::CoverageShare, policy, &most, req.steps),
        progress,
    );
    let budgets = budget_values(policy, &coverage, &most, req.steps);
    curves.push((Knob::CoverageShare, coverage));
    curves.push((Knob::Budget, solve_curve(Knob::Budget, budgets, progress)));
    let beds = values_from(Knob::BedsPer1000, policy, &most, req.steps);
    curves.push((
        Knob::BedsPer1000,
        solve_curve(Knob::BedsPer1000, beds, progress),
    ));
    Ok(curves)
}
