//! microlp: the pure-Rust backend (always available, on both targets).
//!
//! The solve runs in slices of [`SLICE_SECONDS`] and resumes after each, so
//! a watcher hears incumbent, bound and gap while branch and bound runs
//! (microlp has no callback of its own).

use super::{Answer, Backend, EngineError, LinearModel, Live, Options, Sense};
use crate::optimise::outcome::Status;
use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions};
use std::time::Duration;
use web_time::Instant;

/// Seconds between two progress reports.
const SLICE_SECONDS: f64 = 0.5;

fn error(detail: impl Into<String>) -> EngineError {
    EngineError {
        backend: Backend::Microlp,
        detail: detail.into(),
        fatal: false,
        out_of_memory: false,
    }
}

/// An integer bound in microlp's range (`None` outside it).
fn int_bound(x: f64, up: bool) -> Option<i32> {
    if x.is_infinite() {
        return Some(if x > 0.0 { i32::MAX } else { i32::MIN });
    }
    let r = if up { x.floor() } else { x.ceil() };
    (f64::from(i32::MIN)..=f64::from(i32::MAX))
        .contains(&r)
        .then_some(r as i32)
}

fn build(model: &LinearModel) -> Result<(Problem, Vec<microlp::Variable>), EngineError> {
    let mut p = Problem::new(match model.sense {
        Sense::Minimise => OptimizationDirection::Minimize,
        Sense::Maximise => OptimizationDirection::Maximize,
    });
    let mut cols = Vec::with_capacity(model.columns());
    for k in 0..model.columns() {
        let (lo, hi, c) = (model.lower[k], model.upper[k], model.cost[k]);
        let v = if model.integer[k] {
            match (int_bound(lo, false), int_bound(hi, true)) {
                (Some(a), Some(b)) if a <= b => p.add_integer_var(c, (a, b)),
                (Some(_), Some(_)) => return Err(error("an integer variable has no whole value")),
                _ => return Err(error("integer bounds beyond microlp's 32-bit range")),
            }
        } else {
            p.add_var(c, (lo, hi))
        };
        cols.push(v);
    }
    for r in 0..model.rows() {
        let span = model.row_start[r]..model.row_start[r + 1];
        let terms: Vec<(microlp::Variable, f64)> = model.col_index[span.clone()]
            .iter()
            .zip(&model.value[span])
            .map(|(k, a)| (cols[*k], *a))
            .collect();
        let (lo, hi) = (model.row_lower[r], model.row_upper[r]);
        if lo == hi {
            p.add_constraint(terms, ComparisonOp::Eq, hi);
        } else {
            if hi.is_finite() {
                p.add_constraint(terms.clone(), ComparisonOp::Le, hi);
            }
            if lo.is_finite() {
                p.add_constraint(terms, ComparisonOp::Ge, lo);
            }
        }
    }
    Ok((p, cols))
}

/// Solves with microlp.
pub fn solve(
    model: &LinearModel,
    opts: &Options,
    live: &mut dyn FnMut(Live),
) -> Result<Answer, EngineError> {
    let t0 = Instant::now();
    let (problem, cols) = build(model)?;
    let limit = opts.time_limit.map(crate::optimise::solver_seconds);
    let left = |t0: Instant| limit.map(|t| (t - t0.elapsed().as_secs_f64()).max(0.0));
    let slice = |t0: Instant| {
        let s = left(t0).map_or(SLICE_SECONDS, |l| l.min(SLICE_SECONDS));
        Some(Duration::from_secs_f64(s))
    };
    let mut so = SolveOptions::default();
    so.mip_gap = opts.mip_gap.max(0.0);
    so.time_limit = slice(t0);
    so.warm_start = opts
        .start
        .as_ref()
        .map(|x| x.iter().map(|(k, v)| (cols[*k], *v)).collect());
    let version = super::MICROLP_VERSION.to_string();
    // Solve in slices, telling `live` between them, until done or out of time.
    let mut reported: Option<f64> = None;
    let sliced = || -> Result<microlp::SolveOutcome, microlp::Error> {
        let mut outcome = problem.solve_with(so)?;
        loop {
            let reason = outcome.termination_reason();
            let out_of_time = left(t0).is_some_and(|l| l <= 0.0);
            if reason != microlp::TerminationReason::TimeLimit || out_of_time {
                return Ok(outcome);
            }
            let stats = outcome.stats();
            let incumbent = outcome.solution().map(|s| s.objective() + model.offset);
            // A new incumbent comes with its values.
            let solution = match (outcome.solution(), incumbent) {
                (Some(sol), Some(x)) if reported != Some(x) => {
                    reported = Some(x);
                    Some(cols.iter().map(|c| sol.var_value(*c)).collect())
                }
                _ => None,
            };
            live(Live {
                incumbent,
                bound: stats.best_bound.map(|b| b + model.offset),
                gap: stats.gap,
                nodes: stats.nodes_solved,
                seconds: t0.elapsed().as_secs_f64(),
                solution,
            });
            let mut resume = outcome.last_resume_options();
            resume.time_limit = slice(t0);
            outcome = outcome.resume_with(resume)?;
        }
    };
    let outcome = match sliced() {
        Ok(o) => o,
        Err(microlp::Error::Infeasible) => {
            return Ok(Answer::empty(
                Status::Infeasible,
                Backend::Microlp,
                version,
                t0.elapsed().as_secs_f64(),
            ))
        }
        Err(e) => return Err(error(e.to_string())),
    };
    let stats = outcome.stats();
    let seconds = t0.elapsed().as_secs_f64();
    let proven = outcome.is_optimal();
    match outcome.into_solution() {
        Ok(sol) => {
            let values: Vec<f64> = cols.iter().map(|c| sol.var_value(*c)).collect();
            let mut a = Answer::empty(Status::Feasible, Backend::Microlp, version, seconds);
            a.objective = Some(model.objective_of(&values));
            a.bound = stats.best_bound.map(|b| b + model.offset);
            a.nodes = stats.nodes_solved;
            a.values = values;
            a.settle(proven);
            Ok(a)
        }
        Err(_) => {
            let mut a = Answer::empty(Status::TimeLimit, Backend::Microlp, version, seconds);
            a.bound = stats.best_bound.map(|b| b + model.offset);
            a.nodes = stats.nodes_solved;
            Ok(a)
        }
    }
}
