//! The cost–coverage trade-off: what each extra share of residents within
//! the threshold costs, found by solving the plan model at several coverage
//! levels (the efficient frontier).
//!
//! Points, each a full, checked plan:
//! 1. **floor** — the least-cost plan meeting every target except coverage
//!    (coverage share 0): what the other targets cost, and the coverage
//!    they bring anyway;
//! 2. **target** — the least-cost plan meeting every target (the planner's
//!    Optimise, without the money budget);
//! 3. **level** points — the least-cost plan reaching coverage levels evenly
//!    spaced from the floor's coverage up to the most any plan can reach
//!    (found with the `max_coverage` objective and no budget).
//!
//! The money budget of the scenario is ignored throughout: the curve shows
//! what each level of coverage would cost.

use crate::optimise::plan::Progress;
use crate::protocol::{answer, SolveReply, SolveRequest};
use crate::scenario::{Objective, Policy, Scenario};
use serde::{Deserialize, Serialize};

/// A trade-off job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TradeOffRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// The scenario with the planner's policy.
    pub scenario: Scenario,
    /// Points in all (at least 3: floor, target, one coverage level).
    pub points: usize,
    /// Seconds per solve.
    pub time_limit: f64,
    /// Relative MIP gap per solve.
    pub mip_gap: f64,
}

/// Which solve a point comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    /// Least cost without the coverage target.
    Floor,
    /// Least cost with every target.
    Target,
    /// Least cost reaching a coverage level.
    Level,
}

/// One point of the curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeOffPoint {
    /// Which solve.
    pub kind: PointKind,
    /// The coverage share asked for (0–1).
    pub share: f64,
    /// The plan's cost (yuan).
    pub cost_yuan: f64,
    /// Share of residents within the coverage threshold after the plan (0–1).
    pub coverage: f64,
    /// The settings it was solved under (least cost, coverage share, no budget).
    pub policy: Policy,
    /// The solve, with its plan and report (to load the plan).
    pub reply: SolveReply,
}

/// Coverage levels of the `level` points: `n` values evenly spaced above
/// `low`, the last at `high`.
///
/// ```
/// assert_eq!(healthreach::tradeoff::levels(0.5, 0.9, 4), vec![0.6, 0.7, 0.8, 0.9]);
/// ```
pub fn levels(low: f64, high: f64, n: usize) -> Vec<f64> {
    (1..=n)
        .map(|k| {
            let x = low + (high - low) * k as f64 / n as f64;
            // Tidy binary noise: levels are shown in per cent.
            (x * 1e9).round() / 1e9
        })
        .collect()
}

fn point(kind: PointKind, share: f64, policy: &Policy, reply: SolveReply) -> Option<TradeOffPoint> {
    // Only plans the independent checker passed make the curve.
    if !reply.verified {
        return None;
    }
    let coverage = reply.report.as_ref()?.coverage.1;
    Some(TradeOffPoint {
        kind,
        share,
        policy: policy.clone(),
        cost_yuan: reply.cost_yuan?,
        coverage,
        reply,
    })
}

/// Why a reply gives no point, in words.
fn not_a_point(reply: &SolveReply) -> String {
    if reply.plan.is_none() {
        format!("no plan ({:?})", reply.status).to_lowercase()
    } else if !reply.verified {
        format!(
            "the checker refused the plan: {}",
            reply.failed_checks.join("; ")
        )
    } else {
        "no report".into()
    }
}

/// Most points a trade-off curve may ask for (each is a full solve).
pub const MAX_POINTS: usize = 25;

/// The curve: its points (floor, target, then levels in increasing order)
/// and the levels whose solve failed, with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeOff {
    /// Points found.
    pub points: Vec<TradeOffPoint>,
    /// Levels the solver could not finish (numerical trouble), in words.
    pub skipped: Vec<String>,
}

/// Solves every point, reporting each as it is found (`on_point(index,
/// total, point)`) and the stages of each solve (`progress`). Points are
/// reported floor, target, then levels in increasing order; only plans the
/// independent checker passes become points; a level (or the target) that
/// yields none is named in [`TradeOff::skipped`] with the reason.
///
/// Fails when not even the floor can be met (the other targets are out of
/// reach), naming the shortfalls.
pub fn trade_off(
    req: &TradeOffRequest,
    on_point: &mut dyn FnMut(usize, usize, &TradeOffPoint),
    progress: &mut dyn FnMut(Progress),
) -> Result<TradeOff, crate::diagnostics::Problem> {
    if !(3..=MAX_POINTS).contains(&req.points) {
        return Err(crate::diagnostics::Problem::error(
            "points",
            format!(
                "{} points asked for; a trade-off curve has 3 to {MAX_POINTS} points",
                req.points
            ),
            format!(
                "请求 {} 个点；权衡曲线为 3 到 {MAX_POINTS} 个点",
                req.points
            ),
        ));
    }
    let total = req.points;
    let solve =
        |scenario: Scenario, warm: Option<&TradeOffPoint>, progress: &mut dyn FnMut(Progress)| {
            answer(
                &SolveRequest {
                    job: req.job,
                    scenario,
                    time_limit: req.time_limit,
                    mip_gap: req.mip_gap,
                    warm_start: warm.and_then(|p| p.reply.plan.clone()),
                    incumbent: false,
                },
                progress,
            )
        };
    let with = |objective: Objective, share: f64| {
        let mut s = req.scenario.clone();
        s.policy.objective = objective;
        s.policy.budget.money_yuan = None;
        s.policy.coverage.share = share;
        s
    };
    let mut out: Vec<TradeOffPoint> = Vec::new();
    let mut skipped = Vec::new();

    let floor_s = with(Objective::LeastCost, 0.0);
    let floor_policy = floor_s.policy.clone();
    let floor_reply = solve(floor_s, None, progress)?;
    let shortfalls = floor_reply.shortfalls.join("; ");
    let Some(floor) = point(PointKind::Floor, 0.0, &floor_policy, floor_reply) else {
        return Err(crate::diagnostics::Problem::error(
            "$.policy",
            format!(
                "no trade-off curve: even without the coverage target the other targets cannot be met ({shortfalls})"
            ),
            format!("无法绘制权衡曲线：即使不设覆盖率目标，其他目标也无法满足（{shortfalls}）"),
        ));
    };
    on_point(0, total, &floor);
    out.push(floor);

    let share = req.scenario.policy.coverage.share;
    let target_s = with(Objective::LeastCost, share);
    let target_policy = target_s.policy.clone();
    let mut target_coverage = None;
    match solve(target_s, out.first(), progress) {
        Ok(reply) => {
            let why = not_a_point(&reply);
            match point(PointKind::Target, share, &target_policy, reply) {
                Some(p) => {
                    target_coverage = Some(p.coverage);
                    on_point(1, total, &p);
                    out.push(p);
                }
                None => skipped.push(format!("{:.2}% (target): {why}", share * 100.0)),
            }
        }
        Err(e) => skipped.push(format!("{:.2}% (target): {e}", share * 100.0)),
    }

    // The most any plan covers: every useful site opened, no budget. If
    // that solve fails, the levels stop at the target's coverage.
    let low = out[0].coverage;
    let high = match solve(with(Objective::MaxCoverage, 0.0), out.first(), progress) {
        Ok(r) => r.report.map(|r| r.coverage.1),
        Err(_) => None,
    }
    .or(target_coverage)
    .unwrap_or(low);
    if high > low + 1e-9 {
        let mut warm = 0;
        for (index, level) in (2..).zip(levels(low, high, total - 2)) {
            // A hair less than the level asked for, for rounding.
            let s = with(Objective::LeastCost, (level - 1e-9).max(0.0));
            let policy = s.policy.clone();
            match solve(s, out.get(warm), progress) {
                Ok(reply) => {
                    let why = not_a_point(&reply);
                    match point(PointKind::Level, level, &policy, reply) {
                        Some(p) => {
                            on_point(index, total, &p);
                            out.push(p);
                            warm = out.len() - 1;
                        }
                        None => skipped.push(format!("{:.2}%: {why}", level * 100.0)),
                    }
                }
                Err(e) => skipped.push(format!("{:.2}%: {e}", level * 100.0)),
            }
        }
    }
    Ok(TradeOff {
        points: out,
        skipped,
    })
}
