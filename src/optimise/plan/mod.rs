//! The plan model: one exact MILP for beds, specialty services, doctor
//! posts, secondments and new service points, built rule by rule
//! ([`rules`]) so that it reads like the policy.
//!
//! When the targets cannot all be met, an elastic re-solve (each target
//! gets a slack, the total relative shortfall is minimised) names every
//! target that fails and by how much.

pub mod model;
pub mod place;
pub mod rules;

use super::outcome::{relative_gap, Outcome, Status};
use crate::access::{AccessOptions, TravelTimes};
use crate::diagnostics::Problem;
use crate::plan::Plan;
use crate::scenario::{Objective, Scenario};
use good_lp::solvers::microlp::microlp;
use good_lp::{
    constraint, variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution,
    SolutionStatus, SolverModel, Variable, WithTimeLimit,
};
use model::{Vars, MIN_SPECIALISTS};
use rules::Target;
use serde::Serialize;
use web_time::Instant;

/// A target that cannot be met, in the planner's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shortfall {
    /// Rule name (`beds_per_1000`, `coverage`, …).
    pub rule: String,
    /// Admin unit id or `region`.
    pub scope: String,
    /// The target (planner's unit).
    pub target: f64,
    /// The best reachable value within caps and budgets (planner's unit).
    pub reachable: f64,
    /// A sentence for the planner.
    pub message: String,
}

/// A target that the optimal plan meets exactly (it drives the cost).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Binding {
    /// Rule name.
    pub rule: String,
    /// Admin unit id or `region`.
    pub scope: String,
    /// The target (planner's unit).
    pub target: f64,
    /// What one unit of this target costs at the margin (yuan per bed per
    /// 1,000, per doctor per 1,000, per 1.0 of a share, per service rule),
    /// from the LP relaxation: the change in its optimum when the target is
    /// eased by 1% of its value, scaled to one unit. Least-cost objective only.
    pub marginal_yuan: Option<f64>,
}

/// What a plan solve returns.
#[derive(Debug, Clone, Serialize)]
pub struct PlanResult {
    /// Status, objective, bound, gap, seconds.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The plan, when one was found.
    pub plan: Option<Plan>,
    /// Cost of the plan (yuan).
    pub cost_yuan: Option<f64>,
    /// Targets met with no room to spare.
    pub binding: Vec<Binding>,
    /// When infeasible: every target that fails, and the best reachable value.
    pub shortfalls: Vec<Shortfall>,
    /// Variables in the model (size of the problem).
    pub variables: usize,
}

impl PlanResult {
    /// A result with no plan (time limit, or infeasible with its shortfalls).
    fn without_plan(
        status: Status,
        seconds: f64,
        variables: usize,
        shortfalls: Vec<Shortfall>,
    ) -> Self {
        PlanResult {
            outcome: Outcome {
                status,
                objective: None,
                bound: None,
                gap: None,
                seconds,
            },
            plan: None,
            cost_yuan: None,
            binding: vec![],
            shortfalls,
            variables,
        }
    }
}

/// Options of a plan solve.
#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Stop after this many seconds with the best plan found and its gap.
    pub time_limit: Option<f64>,
    /// Stop branch and bound once the incumbent is within this relative gap
    /// of the bound (0 = prove optimality). Default 0.001 (0.1%): on the
    /// demo this turns 30 s without a proof into 0.3 s with the same plan.
    /// The reported gap is always the true one.
    pub mip_gap: f64,
    /// Compute the marginal cost of every binding target (one LP re-solve
    /// each; about 2 s on the demo natively). Default off.
    pub explain: bool,
    /// The solver (microlp unless comparing).
    pub backend: super::Backend,
    /// A previous plan to start from (what-if runs): its yes/no decisions
    /// are handed to the solver as the first incumbent, in place of the
    /// rounded LP relaxation. Ignored by the solver when it no longer fits.
    pub warm_start: Option<Plan>,
    /// Before branch and bound, find the objective of a first feasible plan
    /// (one more LP) and report it in [`Progress::incumbent`], so a watcher
    /// sees incumbent, bound and gap. Default off (it costs ≈ 0.1 s natively,
    /// 0.4 s in the browser on the demo).
    pub incumbent: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            time_limit: None,
            mip_gap: 0.001,
            explain: false,
            backend: super::Backend::Microlp,
            warm_start: None,
            incumbent: false,
        }
    }
}

/// Travel-time options the plan model needs: the policy's mode, and pairs
/// up to the largest threshold any rule uses.
pub fn access_options_for(s: &Scenario) -> AccessOptions {
    let p = &s.policy;
    let paed = p.services.paediatrics.as_ref().map_or(0.0, |r| r.minutes);
    AccessOptions {
        mode: p.coverage.mode,
        pair_minutes: p.coverage.minutes.max(paed),
        ..AccessOptions::default()
    }
}

fn scope_name(s: &Scenario, scope: &str) -> String {
    s.admin_unit(scope)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| "region".into())
}

fn describe(s: &Scenario, t: &Target, reachable: f64) -> String {
    let place = scope_name(s, &t.scope);
    match t.rule {
        "beds_per_1000" => format!(
            "{place} beds per 1,000: target {:.1}, best reachable {:.2} within expansion caps and budget",
            t.display_target, reachable
        ),
        "doctors_per_1000" => format!(
            "{place} doctors per 1,000: target {:.2}, best reachable {:.2} within posts, secondments and budget",
            t.display_target, reachable
        ),
        "coverage" => format!(
            "{place}: share within {} min of a service point: target {:.1}%, best reachable {:.1}% with the candidate sites",
            s.policy.coverage.minutes,
            t.display_target * 100.0,
            reachable * 100.0
        ),
        "paediatrics" => format!(
            "children within {} min of paediatric care: target {:.1}%, best reachable {:.1}%",
            s.policy.services.paediatrics.as_ref().map_or(0.0, |r| r.minutes),
            t.display_target * 100.0,
            reachable * 100.0
        ),
        "haemodialysis" => format!("{place}: no facility can open haemodialysis (needs room for {MIN_SPECIALISTS} specialists) within the budget"),
        "mental_health" => format!("{place}: no county hospital can open a mental-health clinic within the budget"),
        other => format!("{place} {other}: target {}, best reachable {reachable}", t.display_target),
    }
}

struct Built {
    vars: ProblemVariables,
    v: Vars,
    targets: Vec<Target>,
    other: Vec<Constraint>,
    covered: Expression,
    /// Mean travel time (minutes), built for the `min_travel_time` objective only.
    mean_minutes: Option<Expression>,
}

fn build(s: &Scenario, tt: &TravelTimes) -> Built {
    build_with(s, tt, false)
}

fn build_with(s: &Scenario, tt: &TravelTimes, relax: bool) -> Built {
    let mut vars = ProblemVariables::new();
    let v = if relax {
        Vars::relaxed(s, tt, &mut vars)
    } else {
        Vars::new(s, tt, &mut vars)
    };
    let (mut coverage, cov_links, covered) = rules::coverage::coverage_within(s, &v, &mut vars);
    let coverage_is_objective = matches!(
        s.policy.objective,
        Objective::MaxCoverage | Objective::Weighted { .. }
    );
    if coverage_is_objective {
        coverage.clear();
    }
    let (paed, paed_links) = rules::services::paediatrics(s, &v, &mut vars);
    let mut targets = coverage;
    targets.extend(rules::ratios::beds_per_1000(s, &v));
    targets.extend(rules::ratios::doctors_per_1000(s, &v));
    targets.extend(rules::services::unit_services(s, &v));
    targets.extend(paed);
    let mut other = cov_links;
    other.extend(paed_links);
    other.extend(v.structure(s));
    other.extend(rules::budget::budgets(s, &v));
    let mean_minutes = matches!(s.policy.objective, Objective::MinTravelTime).then(|| {
        let m = rules::travel_time::mean_travel_time(s, tt, &v, &mut vars);
        other.extend(m.constraints);
        m.mean_minutes
    });
    Built {
        vars,
        v,
        targets,
        other,
        covered,
        mean_minutes,
    }
}

impl Built {
    /// Every target as a hard constraint, plus the linking and structural ones.
    fn hard_constraints(&self) -> Vec<Constraint> {
        self.targets
            .iter()
            .map(|t| constraint!(t.lhs.clone() >= t.rhs))
            .chain(self.other.iter().cloned())
            .collect()
    }
}

fn objective(s: &Scenario, b: &Built) -> (Expression, bool) {
    match &s.policy.objective {
        Objective::LeastCost => (b.v.cost(s), false),
        Objective::MaxCoverage => (b.covered.clone(), true),
        Objective::Weighted {
            cost_weight,
            uncovered_weight,
        } => (
            (cost_weight / 1e6) * b.v.cost(s) - (uncovered_weight / 1000.0) * b.covered.clone(),
            false,
        ),
        Objective::MinTravelTime => (b.mean_minutes.clone().unwrap_or_default(), false),
    }
}

enum Run {
    Solved {
        status: Status,
        objective: f64,
        bound: Option<f64>,
        values: Box<dyn Fn(Variable) -> f64>,
    },
    Infeasible,
    TimeLimit,
}

/// How to run one solve.
struct RunOptions {
    time_limit: Option<f64>,
    hint: Vec<(Variable, f64)>,
    mip_gap: f64,
    // Only read when the `highs` comparison backend is compiled in.
    #[cfg_attr(not(feature = "highs"), allow(dead_code))]
    backend: super::Backend,
}

fn run(
    vars: ProblemVariables,
    obj: Expression,
    maximise: bool,
    constraints: Vec<Constraint>,
    keep: Vec<Variable>,
    o: RunOptions,
) -> Result<Run, Failure> {
    #[cfg(feature = "highs")]
    if o.backend == super::Backend::Highs {
        return run_highs(vars, obj, maximise, constraints, keep, o);
    }
    let model = if maximise {
        vars.maximise(obj.clone())
    } else {
        vars.minimise(obj.clone())
    };
    let mut model = model.using(microlp);
    if let Some(t) = o.time_limit {
        model = model.with_time_limit(super::solver_seconds(t));
    }
    for c in constraints {
        model.add_constraint(c);
    }
    if !o.hint.is_empty() {
        use good_lp::WithInitialSolution;
        model = model.with_initial_solution(o.hint);
    }
    if o.mip_gap > 0.0 {
        use good_lp::WithMipGap;
        model = model
            .with_mip_gap(o.mip_gap as f32)
            .map_err(|e| Failure::Solver(format!("mip gap {}: {e}", o.mip_gap)))?;
    }
    match model.solve() {
        Ok(sol) => {
            let objective = sol.eval(&obj);
            let status = match sol.status() {
                SolutionStatus::Optimal => Status::Optimal,
                SolutionStatus::GapLimit | SolutionStatus::TimeLimit => Status::Feasible,
            };
            let values: std::collections::HashMap<Variable, f64> =
                keep.iter().map(|v| (*v, sol.value(*v))).collect();
            // microlp's bound leaves out the objective's constant term.
            let constant = {
                use good_lp::IntoAffineExpression;
                obj.clone().constant()
            };
            let bound = sol.into_inner().stats().best_bound.map(|b| b + constant);
            Ok(Run::Solved {
                status,
                objective,
                bound,
                values: Box::new(move |v| values.get(&v).copied().unwrap_or(0.0)),
            })
        }
        Err(ResolutionError::Infeasible) => Ok(Run::Infeasible),
        Err(ResolutionError::Other(m)) if m.contains("Time limit") => Ok(Run::TimeLimit),
        Err(e) => Err(Failure::Solver(e.to_string())),
    }
}

#[cfg(feature = "highs")]
fn run_highs(
    vars: ProblemVariables,
    obj: Expression,
    maximise: bool,
    constraints: Vec<Constraint>,
    keep: Vec<Variable>,
    o: RunOptions,
) -> Result<Run, Failure> {
    let model = if maximise {
        vars.maximise(obj.clone())
    } else {
        vars.minimise(obj.clone())
    };
    let mut model = model
        .using(good_lp::solvers::highs::highs)
        .set_threads(1)
        .set_mip_rel_gap(o.mip_gap as f32)
        .map_err(|e| e.to_string())?;
    if let Some(t) = o.time_limit {
        model = model.set_time_limit(super::solver_seconds(t));
    }
    for c in constraints {
        model.add_constraint(c);
    }
    match model.solve() {
        Ok(sol) => {
            let objective = sol.eval(&obj);
            let status = match sol.status() {
                SolutionStatus::Optimal => Status::Optimal,
                _ => Status::Feasible,
            };
            let values: std::collections::HashMap<Variable, f64> =
                keep.iter().map(|v| (*v, sol.value(*v))).collect();
            Ok(Run::Solved {
                status,
                objective,
                bound: None,
                values: Box::new(move |v| values.get(&v).copied().unwrap_or(0.0)),
            })
        }
        Err(ResolutionError::Infeasible) => Ok(Run::Infeasible),
        Err(e) => Err(Failure::Solver(format!("HiGHS: {e}"))),
    }
}

fn all_vars(v: &Vars) -> Vec<Variable> {
    let mut out: Vec<Variable> = v.open.clone();
    out.extend(v.upgrade.iter().flatten());
    out.extend(v.add_beds.iter().flatten());
    out.extend(v.posts.iter().flatten());
    out.extend(v.service.values());
    out.extend(v.second.iter().map(|x| x.var));
    out
}

/// A stage of a plan solve, reported as it starts (microlp has no callback
/// inside branch and bound, so progress is per stage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// `travel_times`, `relaxation`, `branch_and_bound` or `diagnosis`.
    pub stage: &'static str,
    /// Seconds since the solve started.
    pub seconds: f64,
    /// The best bound known so far (objective units), once the LP relaxation is solved.
    pub bound: Option<f64>,
    /// The objective of the first plan known to be feasible (the relaxation's
    /// yes/no decisions rounded up, the rest re-optimised), when there is one.
    pub incumbent: Option<f64>,
}

/// Why a solve gave no result at all (a planner-level [`Problem`] once it
/// leaves this module; the solver's own words are kept only as detail).
enum Failure {
    /// The solver itself failed (numerical trouble, an internal error).
    Solver(String),
    /// Even with every target relaxed no plan fits the budgets and rules.
    RelaxedInfeasible,
    /// The time limit struck during the infeasibility diagnosis.
    DiagnosisTimeLimit,
}

impl From<Failure> for Problem {
    fn from(f: Failure) -> Problem {
        match f {
            Failure::Solver(detail) => Problem::error(
                "$.policy",
                "the solver could not finish this model, so no plan was made (nothing was changed). \
                 Extreme or very unequal figures usually cause this: check unit costs, budgets and \
                 targets for values far from the others, loosen a target, or try again",
                "求解器未能完成此模型，未生成方案（未作任何改动）。这通常由极端或相差悬殊的数值引起：\
                 请检查单位成本、预算和目标中是否有与其他值相差很大的数，放宽某个目标，或再试一次",
            )
            .with_detail(detail),
            Failure::RelaxedInfeasible => Problem::error(
                "$.policy.budget",
                "even with every target relaxed no plan fits: the budgets or the secondment rules \
                 cannot be met. Raise the money budget or the doctor pool, or ease the secondment rules",
                "即使放宽所有目标也没有可行方案：预算或派驻规则无法满足。请提高资金预算或医师池，或放宽派驻规则",
            ),
            Failure::DiagnosisTimeLimit => Problem::error(
                "time_limit",
                "the targets cannot all be met, and the time limit struck while finding which ones; \
                 give more time to see each failing target",
                "目标无法全部满足，且在查找具体哪些目标时到达时间上限；请给更多时间以查看每个未达标的目标",
            ),
        }
    }
}

/// Solves the plan model for a scenario; refuses an invalid scenario or
/// option before solving, and turns any solver failure into a planner-level
/// [`Problem`].
pub fn solve_plan(s: &Scenario, opts: &PlanOptions) -> Result<PlanResult, Problem> {
    solve_plan_observed(s, opts, &mut |_| {})
}

/// [`solve_plan`], telling `progress` as each stage starts.
pub fn solve_plan_observed(
    s: &Scenario,
    opts: &PlanOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<PlanResult, Problem> {
    if let Some(t) = opts.time_limit {
        crate::validate::limits::time_limit(t)?;
    }
    crate::validate::limits::mip_gap(opts.mip_gap)?;
    if let Some(p) = crate::validate::validate(s)
        .into_iter()
        .find(crate::validate::Problem::is_error)
    {
        return Err(p);
    }
    let t0 = Instant::now();
    let mut tell = |stage: &'static str, bound: Option<f64>, incumbent: Option<f64>| {
        progress(Progress {
            stage,
            seconds: t0.elapsed().as_secs_f64(),
            bound,
            incumbent,
        })
    };
    tell("travel_times", None, None);
    let tt = TravelTimes::compute(s, &access_options_for(s));
    tell("relaxation", None, None);
    let b = build(s, &tt);
    let (obj, maximise) = objective(s, &b);
    let n_vars = all_vars(&b.v).len();
    let constraints = b.hard_constraints();
    let keep = all_vars(&b.v);
    // Seed the branch and bound: solve the LP relaxation, round every yes/no
    // decision it uses up to yes, and hand that to microlp as a starting
    // incumbent (it completes the rest by LP, or ignores the hint if it
    // does not fit). The relaxation's optimum is also a bound.
    let (hint, lp_bound) = if b.v.choices().is_empty() {
        (vec![], None)
    } else {
        seed(s, &tt, opts.time_limit.map(|t| t / 4.0))?
    };
    let incumbent = if hint.is_empty() || !opts.incumbent {
        None
    } else {
        incumbent_of(s, &tt, &hint, opts.time_limit.map(|t| t / 4.0))
    };
    tell("branch_and_bound", lp_bound, incumbent);
    let hint = match &opts.warm_start {
        Some(plan) => warm_hint(s, &b.v, plan),
        None => hint,
    };
    let hint: Vec<(Variable, f64)> = b.v.choices().into_iter().zip(hint).collect();
    let result = run(
        b.vars,
        obj,
        maximise,
        constraints,
        keep,
        RunOptions {
            time_limit: opts.time_limit,
            hint,
            mip_gap: opts.mip_gap,
            backend: opts.backend,
        },
    )?;
    let seconds = || t0.elapsed().as_secs_f64();
    match result {
        Run::Solved {
            status,
            objective,
            bound,
            values,
        } => {
            let plan = place::place(s, &b.v, &*values);
            let cost = plan_cost(s, &plan);
            let binding_ix: Vec<usize> = b
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| eval(&t.lhs, &*values) - t.rhs <= 1e-6 * t.rhs.abs().max(1.0))
                .map(|(i, _)| i)
                .collect();
            let margins = if opts.explain && matches!(s.policy.objective, Objective::LeastCost) {
                marginal_values(s, &tt, &binding_ix, lp_bound)
            } else {
                vec![None; binding_ix.len()]
            };
            let binding = binding_ix
                .iter()
                .zip(margins)
                .map(|(&i, m)| Binding {
                    rule: b.targets[i].rule.into(),
                    scope: b.targets[i].scope.clone(),
                    target: b.targets[i].display_target,
                    marginal_yuan: m,
                })
                .collect();
            // The model's optimum (quantities continuous) bounds the plan's
            // objective; rounding to whole beds and doctors may cost a little more.
            let bound = if status == Status::Optimal {
                Some(objective)
            } else {
                bound.or(lp_bound)
            };
            let rounded = matches!(s.policy.objective, Objective::LeastCost);
            let objective = if rounded { cost } else { objective };
            let gap = bound.map_or(1.0, |b| relative_gap(objective, b));
            let status = if status == Status::Optimal && gap <= 1e-9 {
                Status::Optimal
            } else {
                Status::Feasible
            };
            Ok(PlanResult {
                outcome: Outcome {
                    status,
                    objective: Some(objective),
                    bound,
                    gap: Some(if status == Status::Optimal { 0.0 } else { gap }),
                    seconds: seconds(),
                },
                plan: Some(plan),
                cost_yuan: Some(cost),
                binding,
                shortfalls: vec![],
                variables: n_vars,
            })
        }
        Run::TimeLimit => Ok(PlanResult::without_plan(
            Status::TimeLimit,
            seconds(),
            n_vars,
            vec![],
        )),
        Run::Infeasible => {
            tell("diagnosis", None, None);
            let left = opts.time_limit.map(|t| (t - seconds()).max(1.0));
            let shortfalls = diagnose(s, &tt, left)?;
            Ok(PlanResult::without_plan(
                Status::Infeasible,
                seconds(),
                n_vars,
                shortfalls,
            ))
        }
    }
}

/// A previous plan's yes/no decisions, in [`Vars::choices`] order.
fn warm_hint(s: &Scenario, v: &Vars, plan: &Plan) -> Vec<f64> {
    let yes = |b: bool| if b { 1.0 } else { 0.0 };
    let mut out: Vec<f64> = s
        .candidate_sites
        .iter()
        .map(|c| yes(plan.open_sites.contains(&c.id)))
        .collect();
    for (i, f) in s.facilities.iter().enumerate() {
        if v.upgrade[i].is_some() {
            out.push(yes(plan.upgrades.contains(&f.id)));
        }
    }
    for (i, sp) in v.service.keys() {
        let id = &s.facilities[*i].id;
        out.push(yes(plan
            .services
            .iter()
            .any(|x| &x.facility == id && x.specialty == *sp)));
    }
    out
}

/// Solves the LP relaxation; returns the yes/no decisions rounded up (in
/// [`Vars::choices`] order) and the relaxation's objective.
fn seed(
    s: &Scenario,
    tt: &TravelTimes,
    time_limit: Option<f64>,
) -> Result<(Vec<f64>, Option<f64>), Failure> {
    let b = build_with(s, tt, true);
    let (obj, maximise) = objective(s, &b);
    let constraints = b.hard_constraints();
    let choices = b.v.choices();
    Ok(
        match run(
            b.vars,
            obj,
            maximise,
            constraints,
            choices.clone(),
            RunOptions {
                time_limit,
                hint: vec![],
                mip_gap: 0.0,
                backend: super::Backend::Microlp,
            },
        )? {
            Run::Solved {
                objective, values, ..
            } => (
                choices
                    .iter()
                    .map(|v| if values(*v) > 1e-6 { 1.0 } else { 0.0 })
                    .collect(),
                Some(objective),
            ),
            _ => (vec![], None),
        },
    )
}

/// The objective of the plan that takes the yes/no decisions `hint` and
/// optimises everything else (quantities are continuous in the model, so
/// this is a feasible plan of it), or `None` when that does not fit.
fn incumbent_of(
    s: &Scenario,
    tt: &TravelTimes,
    hint: &[f64],
    time_limit: Option<f64>,
) -> Option<f64> {
    let b = build_with(s, tt, true);
    let (obj, maximise) = objective(s, &b);
    let mut constraints = b.hard_constraints();
    let choices = b.v.choices();
    for (v, x) in choices.iter().zip(hint) {
        constraints.push(constraint!(*v == *x));
    }
    match run(
        b.vars,
        obj,
        maximise,
        constraints,
        choices,
        RunOptions {
            time_limit,
            hint: vec![],
            mip_gap: 0.0,
            backend: super::Backend::Microlp,
        },
    ) {
        Ok(Run::Solved { objective, .. }) => Some(objective),
        _ => None,
    }
}

/// Marginal cost of each target (by index) from the LP relaxation: ease the
/// target by 1% of its right-hand side, re-solve, and scale the saving to one
/// unit of the target as the planner reads it.
fn marginal_values(
    s: &Scenario,
    tt: &TravelTimes,
    targets: &[usize],
    base: Option<f64>,
) -> Vec<Option<f64>> {
    let Some(base) = base else {
        return vec![None; targets.len()];
    };
    targets
        .iter()
        .map(|&k| {
            let b = build_with(s, tt, true);
            let obj = b.v.cost(s);
            let t = &b.targets[k];
            let delta = 0.01 * t.rhs.abs().max(1e-9);
            let display_delta = delta * t.display_scale;
            let mut constraints: Vec<Constraint> = b
                .targets
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    let rhs = if j == k { t.rhs - delta } else { t.rhs };
                    constraint!(t.lhs.clone() >= rhs)
                })
                .collect();
            constraints.extend(b.other.iter().cloned());
            let o = RunOptions {
                time_limit: Some(5.0),
                hint: vec![],
                mip_gap: 0.0,
                backend: super::Backend::Microlp,
            };
            match run(b.vars, obj, false, constraints, vec![], o) {
                Ok(Run::Solved { objective, .. }) if display_delta > 0.0 => {
                    Some(((base - objective) / display_delta).max(0.0))
                }
                _ => None,
            }
        })
        .collect()
}

/// Cost of a plan (yuan) from the scenario's unit costs.
pub fn plan_cost(s: &Scenario, plan: &Plan) -> f64 {
    let c = &s.policy.unit_costs;
    let mut cost = 0.0;
    for id in &plan.open_sites {
        cost += s
            .candidate_sites
            .iter()
            .find(|k| &k.id == id)
            .map_or(0.0, |k| k.cost_yuan);
    }
    for id in &plan.upgrades {
        cost += s
            .facilities
            .iter()
            .find(|f| &f.id == id)
            .and_then(|f| f.expansion.upgrade_cost_yuan)
            .unwrap_or(0.0);
    }
    cost += plan.beds.iter().map(|b| b.beds).sum::<f64>() * c.bed_yuan;
    cost += plan.posts.iter().map(|p| p.posts).sum::<f64>() * c.specialist_post_yuan;
    cost += plan.services.len() as f64 * c.service_opening_yuan;
    cost += plan.secondments.iter().map(|x| x.doctors).sum::<f64>() * c.secondment_yuan;
    cost
}

/// Value of a linear expression at a solution.
fn eval(e: &Expression, value: &dyn Fn(Variable) -> f64) -> f64 {
    use good_lp::IntoAffineExpression;
    let constant = e.clone().constant();
    e.clone()
        .linear_coefficients()
        .map(|(v, c)| c * value(v))
        .sum::<f64>()
        + constant
}

/// Elastic re-solve: every target `lhs + slack ≥ rhs`, minimise the total
/// relative shortfall Σ slack / rhs (budgets and caps stay hard), and report
/// each target with a positive slack.
fn diagnose(
    s: &Scenario,
    tt: &TravelTimes,
    time_limit: Option<f64>,
) -> Result<Vec<Shortfall>, Failure> {
    let mut b = build(s, tt);
    let mut obj = Expression::from(0.0);
    let mut constraints = Vec::new();
    let mut slacks = Vec::new();
    for t in &b.targets {
        let slack = b.vars.add(variable().min(0.0).max(t.rhs.max(0.0)));
        obj += (1.0 / t.rhs.abs().max(1e-9)) * slack;
        constraints.push(constraint!(t.lhs.clone() + slack >= t.rhs));
        slacks.push(slack);
    }
    // Among equally short plans, prefer the cheaper.
    obj += 1e-12 * b.v.cost(s);
    constraints.extend(b.other.iter().cloned());
    let keep = slacks.clone();
    let targets = std::mem::take(&mut b.targets);
    match run(
        b.vars,
        obj,
        false,
        constraints,
        keep,
        RunOptions {
            time_limit,
            hint: vec![],
            mip_gap: 0.0,
            backend: super::Backend::Microlp,
        },
    )? {
        Run::Solved { values, .. } => Ok(targets
            .iter()
            .zip(&slacks)
            .filter(|(t, v)| values(**v) > 1e-6 * t.rhs.abs().max(1.0))
            .map(|(t, v)| {
                let reachable = (t.rhs - values(*v)) * t.display_scale;
                Shortfall {
                    rule: t.rule.into(),
                    scope: t.scope.clone(),
                    target: t.display_target,
                    reachable,
                    message: describe(s, t, reachable),
                }
            })
            .collect()),
        Run::Infeasible => Err(Failure::RelaxedInfeasible),
        Run::TimeLimit => Err(Failure::DiagnosisTimeLimit),
    }
}
