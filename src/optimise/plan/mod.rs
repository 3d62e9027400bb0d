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

use super::engine::{self, Choice};
use super::outcome::{relative_gap, CutShort, Outcome, Status};
use crate::access::{AccessOptions, TravelTimes};
use crate::deadline::Deadline;
use crate::diagnostics::Problem;
use crate::plan::Plan;
use crate::scenario::{Objective, Scenario};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use model::Vars;
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
    /// A sentence for the planner (English; the app renders `detail`).
    pub message: String,
    /// The same as data, rendered in the viewer's language.
    pub detail: crate::rules::Shortfall,
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
    /// Stages the time limit stopped before they finished (empty when
    /// everything ran).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cut_short: Vec<CutShort>,
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
            outcome: Outcome::bare(status, seconds),
            plan: None,
            cost_yuan: None,
            binding: vec![],
            shortfalls,
            variables,
            cut_short: vec![],
        }
    }
}

/// Options of a plan solve.
#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Stop after this many seconds with the best plan found and its gap.
    pub time_limit: Option<f64>,
    /// Stop branch and bound once the incumbent is within this relative gap
    /// of the bound. Default 0: prove optimality (HiGHS proves the demo's
    /// full plan in about 0.5 s natively). The reported gap is always the
    /// true one.
    pub mip_gap: f64,
    /// Compute the marginal cost of every binding target (one LP re-solve
    /// each; about 2 s on the demo natively). Default off.
    pub explain: bool,
    /// The solver: [`Choice::Auto`] runs HiGHS with whole beds and doctors
    /// wherever HiGHS is available (natively always, in the browser once
    /// loaded), else microlp with continuous quantities rounded afterwards.
    pub backend: Choice,
    /// A previous plan to start from (what-if runs): its yes/no decisions
    /// are handed to the solver as the first incumbent, in place of the
    /// rounded LP relaxation. Ignored by the solver when it no longer fits.
    pub warm_start: Option<Plan>,
    /// Before branch and bound, find the objective of a first feasible plan
    /// (one more LP) and report it in [`Progress::incumbent`], so a watcher
    /// sees incumbent, bound and gap. Default off (it costs ≈ 0.1 s natively,
    /// 0.4 s in the browser on the demo).
    pub incumbent: bool,
    /// When the time limit started counting (default: when the solve is
    /// called): a caller that read and checked the scenario first passes
    /// its own start, so the limit covers the whole run.
    pub started: Option<Instant>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            time_limit: None,
            mip_gap: 0.0,
            explain: false,
            backend: Choice::Auto,
            warm_start: None,
            incumbent: false,
            started: None,
        }
    }
}

/// Travel-time options the plan model needs: the policy's mode, and pairs
/// up to the largest threshold any rule uses.
pub fn access_options_for(s: &Scenario) -> AccessOptions {
    let p = &s.policy;
    AccessOptions {
        mode: p.coverage.mode,
        pair_minutes: p.coverage.minutes.max(crate::rules::longest_minutes(p)),
        ..AccessOptions::default()
    }
}

/// A failing target as data, for the planner's language.
fn shortfall(s: &Scenario, t: &Target, reachable: f64) -> crate::rules::Shortfall {
    // A target for one kind of service at a place is scoped `place/kind`.
    let place = t
        .scope
        .rsplit_once('/')
        .map_or(t.scope.as_str(), |(p, _)| p);
    // A unit, else a facility (rules that apply to each centre).
    let (unit_name, unit_name_en) = match s.admin_unit(place) {
        Some(u) => (u.name.clone(), u.name_en.clone()),
        None => (s.place_name(place).unwrap_or(place).to_string(), None),
    };
    crate::rules::Shortfall {
        rule: t.rule,
        unit: t.scope.clone(),
        unit_name,
        unit_name_en,
        target: t.display_target,
        reachable,
        minutes: t.rule.unit().minutes(&s.policy),
    }
}

struct Built {
    vars: ProblemVariables,
    v: Vars,
    targets: Vec<Target>,
    other: Vec<Constraint>,
    /// A readable name per row of `other` (for a written model).
    other_names: Vec<String>,
    covered: Expression,
    /// Mean travel time (minutes), built for the `min_travel_time` objective only.
    mean_minutes: Option<Expression>,
}

/// Which variant of the model to build.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Yes/no decisions binary, quantities continuous (rounded by `place`).
    Exact,
    /// Yes/no decisions binary and quantities declared integer (no rounding step).
    Whole,
    /// As [`Form::Whole`] but the quantities continuous (whole caps and
    /// targets): the same model whenever its solution comes out whole.
    WholeCaps,
    /// Every decision continuous: the LP relaxation.
    Relaxed,
}

fn build_with(s: &Scenario, tt: &TravelTimes, form: Form) -> Built {
    let mut vars = ProblemVariables::new();
    let v = match form {
        Form::Exact => Vars::new(s, tt, &mut vars),
        Form::Whole => Vars::whole(s, tt, &mut vars, true),
        Form::WholeCaps => Vars::whole(s, tt, &mut vars, false),
        Form::Relaxed => Vars::relaxed(s, tt, &mut vars),
    };
    let covered = crate::rules::coverage::covered(s, &v, &mut vars);
    let mut targets = Vec::new();
    let mut other = covered.links.clone();
    let mut other_names: Vec<String> = (0..other.len())
        .map(|k| format!("coverage_reach_{k}"))
        .collect();
    let mut input = crate::rules::ModelInput {
        s,
        tt,
        v: &v,
        vars: &mut vars,
        covered: &covered,
    };
    for rule in crate::rules::on(&s.policy) {
        let rows = rule.rows(&mut input);
        targets.extend(rows.targets);
        let key = rule.id().key();
        other_names.extend((0..rows.links.len()).map(|k| format!("{key}_link_{k}")));
        other.extend(rows.links);
    }
    for (name, c) in v
        .structure(s)
        .into_iter()
        .chain(rules::budget::budgets(s, &v))
    {
        other_names.push(name);
        other.push(c);
    }
    let covered = covered.total;
    if matches!(form, Form::Whole | Form::WholeCaps) {
        round_up_whole_targets(&mut targets, &all_vars(&v));
    }
    let mean_minutes = matches!(s.policy.objective, Objective::MinTravelTime).then(|| {
        let m = rules::travel_time::mean_travel_time(s, tt, &v, &mut vars);
        other_names.extend((0..m.constraints.len()).map(|k| format!("travel_time_{k}")));
        other.extend(m.constraints);
        m.mean_minutes
    });
    Built {
        vars,
        v,
        targets,
        other,
        other_names,
        covered,
        mean_minutes,
    }
}

/// A target whose left-hand side counts whole things (decisions — yes/no
/// or whole quantities — with integer coefficients) holds exactly when it
/// holds with its right-hand side rounded up: `c + a·x ≥ r` ⟺
/// `a·x ≥ ⌈r − c⌉` for whole `x`. Stating it so makes the quantities' LP
/// give whole numbers once the yes/no decisions are fixed.
fn round_up_whole_targets(targets: &mut [Target], decisions: &[Variable]) {
    use good_lp::IntoAffineExpression;
    let integer: std::collections::HashSet<Variable> = decisions.iter().copied().collect();
    let whole = |x: f64| (x - x.round()).abs() <= 1e-9;
    for t in targets {
        let c = t.lhs.clone().constant();
        let counts = t
            .lhs
            .clone()
            .linear_coefficients()
            .into_iter()
            .all(|(v, a)| integer.contains(&v) && whole(a));
        if counts && whole(c) {
            t.rhs = c.round() + (t.rhs - c.round() - 1e-9).ceil();
        }
    }
}

impl Built {
    /// The name of each row of [`Built::hard_constraints`], in order.
    fn row_names(&self) -> Vec<String> {
        self.targets
            .iter()
            .map(|t| format!("{}({})", t.rule.key(), t.scope))
            .chain(self.other_names.iter().cloned())
            .collect()
    }

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

/// A solve's reports with, for an improving solution, its value of each
/// variable.
type ValuedLive<'a> = dyn FnMut(engine::Live, Option<&dyn Fn(Variable) -> f64>) + 'a;

/// What a running solve of a built model reports: the engine's figures,
/// the model's variables and, with an improving solution, its value of
/// each variable.
type PlacingLive<'a> = dyn FnMut(engine::Live, &Vars, Option<&dyn Fn(Variable) -> f64>) + 'a;

/// Solves a built model (its variables are taken); `live` hears each
/// report with the solution's values when it brings one.
fn solve_placing(
    b: &mut Built,
    s: &Scenario,
    o: RunOptions,
    live: &mut PlacingLive,
) -> Result<Run, Failure> {
    let (obj, maximise) = objective(s, b);
    let constraints = b.hard_constraints();
    let vars = std::mem::replace(&mut b.vars, ProblemVariables::new());
    let v = &b.v;
    run(vars, &obj, maximise, &constraints, o, &mut |l, value| {
        live(l, v, value)
    })
}

/// Whether the first solve's solution (quantities continuous), rounded by
/// [`place::place`], should be the plan rather than the whole model's
/// `second` result: it must check, and (least cost) cost less — or the
/// second found nothing. Only while the deadline allows the check.
fn keep_first(
    s: &Scenario,
    tt: &TravelTimes,
    v: &Vars,
    first: &Solved,
    second: &Run,
    deadline: Deadline,
) -> bool {
    let second_cost = match second {
        Run::Solved(x) => match s.policy.objective {
            Objective::LeastCost => x.answer.objective,
            // Other objectives are not comparable by cost: keep the whole model's.
            _ => return false,
        },
        Run::Infeasible | Run::TimeLimit => None,
    };
    if deadline.passed() {
        return false;
    }
    let plan = place::place(s, v, &|x| first.value(x));
    if !crate::checker::check(s, tt, &plan).verified {
        return false;
    }
    second_cost.is_none_or(|c| plan_cost(s, &plan) < c - 1e-6 * c.abs().max(1.0))
}

/// The proven bound of a run, if it has one.
fn bound_of(r: &Run) -> Option<f64> {
    match r {
        Run::Solved(x) => x.answer.bound,
        _ => None,
    }
}

/// The tighter of two bounds on the same optimum.
fn tighter(maximise: bool, a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if maximise { a.min(b) } else { a.max(b) }),
        (a, b) => a.or(b),
    }
}

fn set_bound(r: &mut Run, bound: Option<f64>) {
    if let Run::Solved(x) = r {
        x.answer.bound = bound;
    }
}

/// Whether every bed, post and secondee count of a solution is whole.
fn quantities_whole(v: &Vars, solved: &Solved) -> bool {
    let whole = |x: Variable| {
        let y = solved.value(x);
        (y - y.round()).abs() <= 1e-6
    };
    v.beds_at
        .iter()
        .chain(&v.posts)
        .chain(&v.elderly_beds)
        .flatten()
        .all(|x| whole(*x))
        && v.second.iter().all(|x| whole(x.var))
}

/// One solve's answer, readable by the model's variables.
struct Solved {
    answer: engine::Answer,
    model: engine::LinearModel,
}

impl Solved {
    fn value(&self, v: Variable) -> f64 {
        self.answer.value(&self.model, v)
    }
}

enum Run {
    Solved(Box<Solved>),
    Infeasible,
    TimeLimit,
}

/// How to run one solve.
struct RunOptions {
    time_limit: Option<f64>,
    hint: Vec<(Variable, f64)>,
    mip_gap: f64,
    choice: Choice,
    duals: bool,
}

impl RunOptions {
    /// An exact solve (gap 0) within `time_limit`.
    fn exact(time_limit: Option<f64>, choice: Choice) -> RunOptions {
        RunOptions {
            time_limit,
            hint: vec![],
            mip_gap: 0.0,
            choice,
            duals: false,
        }
    }
}

/// Solves through the engine; maps its answer to what the plan needs.
fn run(
    vars: ProblemVariables,
    obj: &Expression,
    maximise: bool,
    constraints: &[Constraint],
    o: RunOptions,
    live: &mut ValuedLive,
) -> Result<Run, Failure> {
    let sense = if maximise {
        engine::Sense::Maximise
    } else {
        engine::Sense::Minimise
    };
    let model = engine::LinearModel::new(&vars, obj, sense, constraints);
    let start = (!o.hint.is_empty()).then(|| model.start_entries(&o.hint));
    let mut relay = |l: engine::Live| match l.solution.clone() {
        Some(sol) => {
            let value = |v: Variable| {
                model
                    .column(v)
                    .and_then(|k| sol.get(k))
                    .copied()
                    .unwrap_or(0.0)
            };
            live(l, Some(&value))
        }
        None => live(l, None),
    };
    let answer = engine::solve(
        &model,
        &engine::Options {
            time_limit: o.time_limit,
            mip_gap: o.mip_gap,
            start,
            duals: o.duals,
            choice: o.choice,
        },
        &mut relay,
    )
    .map_err(|e| {
        if e.fatal {
            if e.out_of_memory {
                Failure::OutOfMemory(e.to_string())
            } else {
                Failure::Crashed(e.to_string())
            }
        } else {
            Failure::Solver(e.to_string())
        }
    })?;
    Ok(match answer.status {
        Status::Infeasible => Run::Infeasible,
        Status::TimeLimit => Run::TimeLimit,
        Status::Optimal | Status::Feasible => Run::Solved(Box::new(Solved { answer, model })),
    })
}

fn all_vars(v: &Vars) -> Vec<Variable> {
    let mut out: Vec<Variable> = v.open.clone();
    out.extend(v.upgrade.iter().flatten());
    out.extend(v.beds_at.iter().flatten());
    out.extend(v.posts.iter().flatten());
    out.extend(v.elderly_beds.iter().flatten());
    out.extend(v.service.values());
    out.extend(v.links.iter().flatten());
    out.extend(v.second.iter().map(|x| x.var));
    out
}

/// A stage of a plan solve as it starts, and the solver's incumbent, bound
/// and gap while branch and bound runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// `travel_times`, `relaxation`, `branch_and_bound`, `marginal_values`
    /// or `diagnosis`.
    pub stage: &'static str,
    /// Seconds since the solve started.
    pub seconds: f64,
    /// The best bound known so far (objective units), once the LP relaxation is solved.
    pub bound: Option<f64>,
    /// The objective of the first plan known to be feasible (the relaxation's
    /// yes/no decisions rounded up, the rest re-optimised), when there is one.
    pub incumbent: Option<f64>,
    /// Relative gap between them, when both are known.
    pub gap: Option<f64>,
    /// The best plan found so far, when this report brings a new one (the
    /// solver's improving solution, placed): what a stopped solve keeps.
    #[serde(skip)]
    pub plan: Option<std::sync::Arc<Plan>>,
}

/// Why a solve gave no result at all (a planner-level [`Problem`] once it
/// leaves this module; the solver's own words are kept only as detail).
enum Failure {
    /// The solver itself failed (numerical trouble, an internal error).
    Solver(String),
    /// The solver's WebAssembly module aborted (out of memory, an internal
    /// error); the worker restarts.
    Crashed(String),
    /// The solver ran out of memory (HiGHS in the browser, at its 2 GiB cap).
    OutOfMemory(String),
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
            Failure::Crashed(detail) => Problem::error(
                "$.policy",
                "the solver stopped with an internal error or ran out of memory, so no plan was made; \
                 it restarts now and your settings are kept. Press Optimise again; if it happens \
                 again, give a shorter time limit or a larger MIP gap",
                "求解器因内部错误或内存不足而停止，未生成方案；求解器正在重启，您的设置均已保留。\
                 请再次点击优化；如再次发生，请缩短时间上限或放宽 MIP 间隙",
            )
            .with_detail(detail),
            Failure::OutOfMemory(detail) => Problem::error(
                "$.policy",
                "the model needs more memory than the browser's solver has (2 GiB), so no plan was \
                 made; the solver restarts now and your settings are kept. Solve this region with \
                 the command line (`healthreach solve`, no such limit), or plan fewer counties at once",
                "模型所需内存超过浏览器中求解器的上限（2 GiB），未生成方案；求解器正在重启，您的设置均已保留。\
                 请用命令行求解该地区（`healthreach solve`，无此上限），或每次规划较少的县",
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

/// [`solve_plan`], telling `progress` as each stage starts and, while the
/// solver runs, its incumbent, bound and gap.
///
/// Everything a solve does — the model, seeding, the solve, marginal values,
/// the infeasibility diagnosis — lives inside `time_limit`.
pub fn solve_plan_observed(
    s: &Scenario,
    opts: &PlanOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<PlanResult, Problem> {
    solve_plan_keeping_times(s, opts, progress).map(|(r, _)| r)
}

/// [`solve_plan_observed`], also returning the travel times it computed
/// ([`access_options_for`]; `None` when the time limit struck first), so a
/// caller checks the plan without computing them again.
pub fn solve_plan_keeping_times(
    s: &Scenario,
    opts: &PlanOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(PlanResult, Option<TravelTimes>), Problem> {
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
    let t0 = opts.started.unwrap_or_else(Instant::now);
    let deadline = Deadline::after(t0, opts.time_limit);
    let left = || deadline.left().map(|t| t.max(0.05));
    let mut tell_plan =
        |stage: &'static str, live: Option<&engine::Live>, plan: Option<std::sync::Arc<Plan>>| {
            progress(Progress {
                stage,
                seconds: t0.elapsed().as_secs_f64(),
                bound: live.and_then(|l| l.bound),
                incumbent: live.and_then(|l| l.incumbent),
                gap: live.and_then(|l| l.gap),
                plan,
            })
        };
    tell_plan("travel_times", None, None);
    let Some(tt) = TravelTimes::compute_by(s, &access_options_for(s), deadline) else {
        let mut r =
            PlanResult::without_plan(Status::TimeLimit, t0.elapsed().as_secs_f64(), 0, vec![]);
        r.cut_short.push(CutShort::TravelTimes);
        return Ok((r, None));
    };
    // What follows the solver — placing, the caller's check — takes about
    // as long as the travel times did; the solver leaves room for it.
    let after_solver = 0.05 + t0.elapsed().as_secs_f64().min(30.0) * 0.5;
    let solver_left = || deadline.left().map(|t| (t - after_solver).max(0.05));
    // A MIP engine that handles whole numbers (HiGHS) decides beds and
    // doctors as whole numbers, so the plan shown is the proven optimum; with
    // microlp they stay continuous and are rounded by `place`.
    //
    // First with the quantities continuous under whole caps and whole
    // targets: with the yes/no decisions fixed, what is left is integral in
    // practice (a transportation problem for secondees), and HiGHS then
    // need not branch on beds and doctors (demo: 0.6 s against 2.3 s). A
    // solution that comes out whole is a solution of the integer model with
    // the same bound; one that does not is re-solved with them declared integer.
    let whole = opts.backend != Choice::Microlp && engine::highs_available();
    let choice = if whole {
        Choice::Highs
    } else {
        Choice::Microlp
    };
    tell_plan("relaxation", None, None);
    let mut b = build_with(s, &tt, if whole { Form::WholeCaps } else { Form::Exact });
    let n_vars = all_vars(&b.v).len();
    // microlp only: seed its branch and bound with the LP relaxation's
    // yes/no decisions rounded up (it completes the rest by LP, or ignores
    // the hint); the relaxation's optimum is also a bound. HiGHS has its own
    // presolve, cuts and heuristics.
    let (hint, lp_bound) = if whole || b.v.choices().is_empty() {
        (vec![], None)
    } else {
        seed(s, &tt, left().map(|t| t / 4.0))?
    };
    let incumbent = if hint.is_empty() || !opts.incumbent {
        None
    } else {
        incumbent_of(s, &tt, &hint, left().map(|t| t / 4.0))
    };
    tell_plan(
        "branch_and_bound",
        Some(&engine::Live {
            incumbent,
            bound: lp_bound,
            gap: None,
            nodes: 0,
            seconds: 0.0,
            solution: None,
        }),
        None,
    );
    let hint = match &opts.warm_start {
        Some(plan) => warm_hint(s, &b.v, plan),
        None => hint,
    };
    let hint: Vec<(Variable, f64)> = b.v.choices().into_iter().zip(hint).collect();
    let main = |hint| RunOptions {
        time_limit: solver_left(),
        hint,
        mip_gap: opts.mip_gap,
        choice,
        duals: false,
    };
    let result = {
        // Each improving solution is placed as a plan and reported, so a
        // stopped solve keeps the best plan found.
        let mut live = |l: engine::Live, v: &Vars, value: Option<&dyn Fn(Variable) -> f64>| {
            let plan = value.map(|value| std::sync::Arc::new(place::place(s, v, value)));
            tell_plan("branch_and_bound", Some(&l), plan)
        };
        let mut result = solve_placing(&mut b, s, main(hint), &mut live)?;
        if let Run::Solved(solved) = &result {
            if whole && !quantities_whole(&b.v, solved) {
                let hint =
                    b.v.choices()
                        .into_iter()
                        .map(|v| solved.value(v).round())
                        .collect::<Vec<f64>>();
                let first_b = std::mem::replace(&mut b, build_with(s, &tt, Form::Whole));
                let hint = b.v.choices().into_iter().zip(hint).collect();
                let second = solve_placing(&mut b, s, main(hint), &mut live)?;
                let first = std::mem::replace(&mut result, second);
                // The plan shown is never worse than one already found: the
                // first solution, its quantities rounded by `place`, is kept
                // when it checks and costs less than what the whole model
                // found in the time left (or when that found nothing).
                if let Run::Solved(first) = first {
                    let maximise = objective(s, &b).1;
                    if keep_first(s, &tt, &first_b.v, &first, &result, deadline) {
                        let bound = tighter(maximise, first.answer.bound, bound_of(&result));
                        b = first_b;
                        result = Run::Solved(first);
                        set_bound(&mut result, bound);
                    } else {
                        // The first model relaxes the second: its bound holds too.
                        let bound = tighter(maximise, first.answer.bound, bound_of(&result));
                        set_bound(&mut result, bound);
                    }
                }
            }
        }
        result
    };
    let seconds = || t0.elapsed().as_secs_f64();
    let outcome = match result {
        Run::Solved(solved) => {
            let values = |v: Variable| solved.value(v);
            let mut plan = place::place(s, &b.v, &values);
            // Beds gathered at fewer facilities where that changes nothing
            // a rule judges (checked when a rule judges their location).
            let mut cut_short = vec![];
            if deadline.passed() {
                cut_short.push(CutShort::BedGathering);
            } else {
                let gathered = place::gather_beds(s, &plan);
                if gathered != plan
                    && (!place::bed_location_matters(s)
                        || crate::checker::check(s, &tt, &gathered).verified)
                {
                    plan = gathered;
                }
            }
            plan.solver = Some(crate::plan::SolverRecord {
                backend: solved.answer.backend,
                version: solved.answer.version.clone(),
            });
            let cost = plan_cost(s, &plan);
            let binding_ix: Vec<usize> = b
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| eval(&t.lhs, &values) - t.rhs <= 1e-6 * t.rhs.abs().max(1.0))
                .map(|(i, _)| i)
                .collect();
            let margins = if opts.explain && matches!(s.policy.objective, Objective::LeastCost) {
                tell_plan("marginal_values", None, None);
                let m = if deadline.passed() {
                    vec![None; binding_ix.len()]
                } else {
                    marginal_values(s, &tt, &binding_ix, left())
                };
                if deadline.passed() && m.iter().any(Option::is_none) {
                    cut_short.push(CutShort::MarginalValues);
                }
                m
            } else {
                vec![None; binding_ix.len()]
            };
            let binding = binding_ix
                .iter()
                .zip(margins)
                .map(|(&i, m)| Binding {
                    rule: b.targets[i].rule.key().into(),
                    scope: b.targets[i].scope.clone(),
                    target: b.targets[i].display_target,
                    marginal_yuan: m,
                })
                .collect();
            let a = &solved.answer;
            // With continuous quantities the model's optimum bounds the
            // plan's objective, and rounding may cost a little more; with
            // whole quantities the plan is the model's solution.
            let bound = a.bound.or(lp_bound);
            let rounded = matches!(s.policy.objective, Objective::LeastCost);
            let objective = if rounded {
                cost
            } else {
                a.objective.unwrap_or(cost)
            };
            let gap = bound.map_or(1.0, |b| relative_gap(objective, b));
            let status = if a.status == Status::Optimal && gap <= 1e-9 {
                Status::Optimal
            } else {
                Status::Feasible
            };
            Ok(PlanResult {
                outcome: Outcome {
                    status,
                    objective: Some(objective),
                    bound: if status == Status::Optimal {
                        Some(objective)
                    } else {
                        bound
                    },
                    gap: Some(if status == Status::Optimal { 0.0 } else { gap }),
                    seconds: seconds(),
                    backend: Some(a.backend),
                    solver_version: Some(a.version.clone()),
                    nodes: a.nodes,
                },
                plan: Some(plan),
                cost_yuan: Some(cost),
                binding,
                shortfalls: vec![],
                variables: n_vars,
                cut_short,
            })
        }
        Run::TimeLimit => Ok(PlanResult::without_plan(
            Status::TimeLimit,
            seconds(),
            n_vars,
            vec![],
        )),
        Run::Infeasible => {
            tell_plan("diagnosis", None, None);
            let shortfalls = diagnose(s, &tt, left(), choice)?;
            Ok(PlanResult::without_plan(
                Status::Infeasible,
                seconds(),
                n_vars,
                shortfalls,
            ))
        }
    };
    outcome.map(|r| (r, Some(tt)))
}

/// The plan model of `s` as a file another solver reads ([`engine::model_file`]):
/// the model with beds, posts and secondees declared integer — the one the
/// engine solves with HiGHS (it first tries them continuous under whole caps,
/// the same model whenever that solution comes out whole) —, its objective
/// the policy's, every target hard, rows and columns named by rule, unit and
/// facility. Validated first, like a solve.
pub fn write_model(
    s: &Scenario,
    format: engine::model_file::ModelFormat,
) -> Result<String, Problem> {
    if let Some(p) = crate::validate::validate(s)
        .into_iter()
        .find(crate::validate::Problem::is_error)
    {
        return Err(p);
    }
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let b = build_with(s, &tt, Form::Whole);
    let (obj, maximise) = objective(s, &b);
    let sense = if maximise {
        engine::Sense::Maximise
    } else {
        engine::Sense::Minimise
    };
    let mut m = engine::LinearModel::new(&b.vars, &obj, sense, &b.hard_constraints());
    for (v, name) in b.v.names(s) {
        if let Some(k) = m.column(v) {
            m.names[k] = name;
        }
    }
    Ok(engine::model_file::write(&m, &b.row_names(), format))
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
    for (i, x) in v.links.iter().enumerate() {
        if x.is_some() {
            let id = &s.facilities[i].id;
            out.push(yes(plan
                .telemedicine_links
                .iter()
                .any(|l| &l.facility == id)));
        }
    }
    for (i, x) in v.inpatient.iter().enumerate() {
        if x.is_some() {
            let f = &s.facilities[i];
            let added: f64 = plan
                .beds
                .iter()
                .filter(|b| b.facility == f.id)
                .map(|b| b.beds)
                .sum();
            out.push(yes(added >= v.first_beds(s, f) - 1e-9));
        }
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
    let b = build_with(s, tt, Form::Relaxed);
    let (obj, maximise) = objective(s, &b);
    let constraints = b.hard_constraints();
    let choices = b.v.choices();
    let o = RunOptions::exact(time_limit, Choice::Microlp);
    Ok(
        match run(b.vars, &obj, maximise, &constraints, o, &mut |_, _| {})? {
            Run::Solved(solved) => (
                choices
                    .iter()
                    .map(|v| if solved.value(*v) > 1e-6 { 1.0 } else { 0.0 })
                    .collect(),
                solved.answer.objective,
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
    let b = build_with(s, tt, Form::Relaxed);
    let (obj, maximise) = objective(s, &b);
    let mut constraints = b.hard_constraints();
    for (v, x) in b.v.choices().iter().zip(hint) {
        constraints.push(constraint!(*v == *x));
    }
    let o = RunOptions::exact(time_limit, Choice::Microlp);
    match run(b.vars, &obj, maximise, &constraints, o, &mut |_, _| {}) {
        Ok(Run::Solved(solved)) => solved.answer.objective,
        _ => None,
    }
}

/// Marginal cost of each target (by index) from the LP relaxation, in yuan
/// per unit of the target as the planner reads it.
///
/// With HiGHS: the row duals of one LP (the relaxation's optimum changes by
/// −dual per unit of a `≥` target's right-hand side). Without: ease each
/// target by 1% of its right-hand side, re-solve, and scale the saving —
/// one LP per target, each within what is left of `time_limit` (a target
/// the time does not reach has no figure).
fn marginal_values(
    s: &Scenario,
    tt: &TravelTimes,
    targets: &[usize],
    time_limit: Option<f64>,
) -> Vec<Option<f64>> {
    if targets.is_empty() {
        return vec![];
    }
    let t0 = Instant::now();
    let left = || time_limit.map(|t| t - t0.elapsed().as_secs_f64());
    let b = build_with(s, tt, Form::Relaxed);
    let obj = b.v.cost(s);
    let constraints = b.hard_constraints();
    if engine::highs_available() {
        let o = RunOptions {
            duals: true,
            ..RunOptions::exact(left(), Choice::Highs)
        };
        let Ok(Run::Solved(solved)) = run(b.vars, &obj, false, &constraints, o, &mut |_, _| {})
        else {
            return vec![None; targets.len()];
        };
        let Some(duals) = &solved.answer.row_duals else {
            return vec![None; targets.len()];
        };
        // Targets are the first rows, in order (`hard_constraints`).
        return targets
            .iter()
            .map(|&k| {
                let t = &b.targets[k];
                let d = duals.get(k).copied()?;
                (t.display_scale > 0.0).then(|| (-d / t.display_scale).max(0.0))
            })
            .collect();
    }
    let o = RunOptions::exact(left(), Choice::Microlp);
    let base = match run(b.vars, &obj, false, &constraints, o, &mut |_, _| {}) {
        Ok(Run::Solved(solved)) => solved.answer.objective,
        _ => None,
    };
    let Some(base) = base else {
        return vec![None; targets.len()];
    };
    targets
        .iter()
        .map(|&k| {
            if left().is_some_and(|l| l <= 0.0) {
                return None;
            }
            let b = build_with(s, tt, Form::Relaxed);
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
            let o = RunOptions::exact(left(), Choice::Microlp);
            match run(b.vars, &obj, false, &constraints, o, &mut |_, _| {}) {
                Ok(Run::Solved(solved)) if display_delta > 0.0 => solved
                    .answer
                    .objective
                    .map(|objective| ((base - objective) / display_delta).max(0.0)),
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
    cost += plan.elderly_care_beds.iter().map(|b| b.beds).sum::<f64>() * c.elderly_care_bed_yuan;
    cost += plan.posts.iter().map(|p| p.posts).sum::<f64>() * c.specialist_post_yuan;
    cost += plan
        .services
        .iter()
        .map(|o| c.opening_yuan(o.specialty))
        .sum::<f64>();
    cost += plan.secondments.iter().map(|x| x.doctors).sum::<f64>() * c.secondment_yuan;
    cost += plan.telemedicine_links.len() as f64 * c.telemedicine_link_yuan;
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

/// Elastic re-solve: every target `lhs + rhs·short ≥ rhs` with its relative
/// shortfall `short` in [0, 1], minimise Σ short (budgets and caps stay
/// hard), and report each target with a positive shortfall. Relative
/// shortfalls keep the objective's coefficients near 1: as `slack / rhs`
/// with rhs in the millions (residents) they fell below HiGHS's
/// optimality tolerance, and any slack looked optimal.
fn diagnose(
    s: &Scenario,
    tt: &TravelTimes,
    time_limit: Option<f64>,
    choice: Choice,
) -> Result<Vec<Shortfall>, Failure> {
    let whole = choice == Choice::Highs;
    let mut b = build_with(s, tt, if whole { Form::Whole } else { Form::Exact });
    let mut obj = Expression::from(0.0);
    let mut constraints = Vec::new();
    let mut slacks = Vec::new();
    for t in &b.targets {
        let short = b.vars.add(variable().min(0.0).max(1.0));
        obj += short;
        let scale = t.rhs.max(1e-9);
        constraints.push(constraint!(t.lhs.clone() + scale * short >= t.rhs));
        slacks.push(short);
    }
    // Among equally short plans, prefer the cheaper (a tie-break only).
    obj += 1e-15 * b.v.cost(s);
    constraints.extend(b.other.iter().cloned());
    let targets = std::mem::take(&mut b.targets);
    let o = RunOptions::exact(time_limit, choice);
    match run(b.vars, &obj, false, &constraints, o, &mut |_, _| {})? {
        Run::Solved(solved) => Ok(targets
            .iter()
            .zip(&slacks)
            .filter(|(_, v)| solved.value(**v) > 1e-6)
            .map(|(t, v)| {
                let reachable = (t.rhs - t.rhs.max(1e-9) * solved.value(*v)) * t.display_scale;
                let detail = shortfall(s, t, reachable);
                Shortfall {
                    rule: t.rule.key().into(),
                    scope: t.scope.clone(),
                    target: t.display_target,
                    reachable,
                    message: detail.text(crate::i18n::Lang::En),
                    detail,
                }
            })
            .collect()),
        Run::Infeasible => Err(Failure::RelaxedInfeasible),
        Run::TimeLimit => Err(Failure::DiagnosisTimeLimit),
    }
}
