//! Messages between the app and its solver worker (JSON strings), and the
//! worker's whole job as a plain function ([`answer`]) so it is tested natively.
//!
//! Page → worker: a [`Job`] (a solve, or a cost–coverage sweep).
//! Worker → page: [`WorkerMessage`] (`ready` once its code has loaded, then
//! per job `progress`… and `done` or `failed`; a sweep sends a `point` per
//! plan found and ends with `swept`). [`run_job`] is the worker's whole loop
//! body, natively tested.

use crate::access::TravelTimes;
use crate::checker::check;
use crate::diagnostics::Problem;
use crate::import::job::Dropped;
use crate::optimise::plan::{access_options_for, solve_plan_keeping_times, PlanOptions, Progress};
use crate::optimise::Status;
use crate::plan::Plan;
use crate::report::{plan_report, PlanReport};
use crate::scenario::Scenario;
use crate::tradeoff::{trade_off, TradeOffPoint, TradeOffRequest};
use serde::{Deserialize, Serialize};

/// A solve job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SolveRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// The scenario with the planner's policy.
    pub scenario: Scenario,
    /// Seconds before the best plan found is returned with its gap.
    pub time_limit: f64,
    /// Relative MIP gap at which to stop.
    pub mip_gap: f64,
    /// The previous plan, to start from.
    pub warm_start: Option<Plan>,
    /// Report a first feasible plan's objective before branch and bound
    /// (progress shows incumbent, bound and gap; one more LP).
    #[serde(default)]
    pub incumbent: bool,
}

/// The outcome of a solve job, ready for the views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveReply {
    /// optimal / feasible / infeasible / time_limit.
    pub status: Status,
    /// Objective value (yuan, covered residents or mean minutes).
    pub objective: Option<f64>,
    /// Best bound.
    pub bound: Option<f64>,
    /// Relative gap (0–1).
    pub gap: Option<f64>,
    /// Solve time (seconds, in the worker).
    pub seconds: f64,
    /// The solver that ran (absent in records saved before it was recorded).
    #[serde(default)]
    pub backend: Option<crate::optimise::Backend>,
    /// Its version.
    #[serde(default)]
    pub solver_version: Option<String>,
    /// Branch-and-bound nodes.
    #[serde(default)]
    pub nodes: u64,
    /// Why microlp ran in place of HiGHS, when HiGHS could not be used.
    #[serde(default)]
    pub solver_note: Option<String>,
    /// Plan cost (yuan).
    pub cost_yuan: Option<f64>,
    /// The plan.
    pub plan: Option<Plan>,
    /// The independent checker passed.
    pub verified: bool,
    /// Checks that failed (messages, English), when not verified.
    pub failed_checks: Vec<String>,
    /// The same findings as data, shown in the viewer's language (absent
    /// in records stored before they were sent).
    #[serde(default)]
    pub failed_findings: Vec<crate::checker::Finding>,
    /// When infeasible: each failing target in words (English).
    pub shortfalls: Vec<String>,
    /// The same as data, rendered in the viewer's language (absent in
    /// records saved before it was added).
    #[serde(default)]
    pub shortfall_details: Vec<crate::rules::Shortfall>,
    /// Targets met exactly (rule and scope).
    pub binding: Vec<(String, String)>,
    /// Decisions and indicators before/after.
    pub report: Option<PlanReport>,
    /// Stages the time limit stopped before they finished (absent in
    /// records saved before it was sent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_short: Vec<crate::optimise::CutShort>,
    /// The planner stopped the solve: this is the best plan it had found.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped: bool,
}

/// What the page asks the worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Optimise the scenario.
    Solve(Box<SolveRequest>),
    /// Build the cost–coverage trade-off curve.
    TradeOff(Box<TradeOffRequest>),
    /// Build the what-if curves of the sliders (after an Optimise).
    WhatIf(Box<crate::whatif::WhatIfRequest>),
    /// Import the files dropped on the worker with this manifest.
    Import(Box<ImportRequest>),
    /// Prepare a plan for publication (check, re-solve, counterfactuals).
    Publish(Box<PublishRequest>),
    /// Check and report the best plan a stopped solve had found.
    Settle(Box<SettleRequest>),
    /// Say why each decision of a plan is there (after an Optimise).
    Explain(Box<ExplainRequest>),
}

/// Why each decision of a plan is there: the checker on the plan and on the
/// plan minus each decision ([`crate::counterfactual`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExplainRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// The scenario the plan was made for.
    pub scenario: Scenario,
    /// The plan.
    pub plan: Plan,
}

impl Job {
    /// The job's id, echoed in every reply.
    pub fn id(&self) -> u32 {
        match self {
            Job::Solve(r) => r.job,
            Job::TradeOff(r) => r.job,
            Job::WhatIf(r) => r.job,
            Job::Import(r) => r.job,
            Job::Publish(r) => r.job,
            Job::Settle(r) => r.job,
            Job::Explain(r) => r.job,
        }
    }
}

/// The best plan a solve had found when the planner stopped it: checked
/// and reported like a finished solve's, marked as stopped, with the gap to
/// the last bound the solver had proved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettleRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// The scenario with the policy the solve ran with.
    pub scenario: Scenario,
    /// The best plan found.
    pub plan: Plan,
    /// The solver's objective for it.
    pub incumbent: Option<f64>,
    /// The last bound the solver had proved.
    pub bound: Option<f64>,
    /// Seconds the solve had run.
    pub seconds: f64,
}

/// A publish job: what `healthreach publish` prepares, in the worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// The scenario with the planner's policy.
    pub scenario: Scenario,
    /// The plan to publish.
    pub plan: Plan,
    /// Title, publisher, date.
    pub meta: crate::publish::Meta,
    /// The settings a re-check solves with.
    pub settings: crate::publish::SolveSettings,
}

/// An import job: the wizard's choices as a manifest; the files are the
/// ones dropped on the worker before (see `ui/worker.rs`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportRequest {
    /// Job id, echoed in every reply.
    pub job: u32,
    /// Which file is what, and every choice of the mapping step.
    pub manifest: crate::import::manifest::Manifest,
    /// What the planner consented to (swap coordinates back, keep a part
    /// that lost more than half its rows).
    #[serde(default)]
    pub options: crate::import::pipeline::ImportOptions,
}

/// What the worker posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerMessage {
    /// The worker's code has loaded; it takes jobs now.
    Ready,
    /// A solve stage started.
    Progress {
        /// Job id.
        job: u32,
        /// Stage key.
        stage: String,
        /// Seconds since the job started.
        seconds: f64,
        /// Best bound so far.
        bound: Option<f64>,
        /// Objective of the best plan known so far.
        #[serde(default)]
        incumbent: Option<f64>,
        /// A new best plan found (a solve's improving solution), which the
        /// page keeps in case the planner stops the solve.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan: Option<Box<Plan>>,
    },
    /// The job finished.
    Done {
        /// Job id.
        job: u32,
        /// The result.
        reply: Box<SolveReply>,
    },
    /// A trade-off point was found.
    Point {
        /// Job id.
        job: u32,
        /// Its position (0-based) among `total`.
        index: usize,
        /// Points asked for.
        total: usize,
        /// The point with its plan.
        point: Box<TradeOffPoint>,
    },
    /// The trade-off sweep finished.
    Swept {
        /// Job id.
        job: u32,
        /// Points found.
        points: usize,
        /// Coverage levels that gave no checked plan, with the reason.
        skipped: Vec<String>,
    },
    /// A what-if breakpoint was solved.
    Breakpoint {
        /// Job id.
        job: u32,
        /// The breakpoint with its plan (or none).
        point: Box<crate::whatif::Breakpoint>,
    },
    /// Decisions explained (a batch, in plan-file order); the last batch
    /// has `done == total`.
    Explained {
        /// Job id.
        job: u32,
        /// Decisions explained so far.
        done: usize,
        /// Decisions in the plan.
        total: usize,
        /// This batch.
        entries: Vec<crate::counterfactual::Explained>,
    },
    /// The what-if sweep finished.
    WhatIfDone {
        /// Job id.
        job: u32,
        /// Breakpoints solved.
        points: usize,
    },
    /// The dropped files, guessed and previewed.
    Inspected {
        /// Job id.
        job: u32,
        /// One per file, in name order.
        files: Vec<crate::import::wizard::FileInfo>,
    },
    /// An import finished: the scenario (when one could be built) and the report.
    Imported {
        /// Job id.
        job: u32,
        /// The imported region.
        scenario: Option<Box<Scenario>>,
        /// Every row left out or adjusted, totals, assumptions.
        report: Box<crate::import::report::Report>,
    },
    /// A publish job finished: what the portal shows.
    Published {
        /// Job id.
        job: u32,
        /// The publication.
        publication: Box<crate::publish::Publication>,
    },
    /// The job failed.
    Failed {
        /// Job id.
        job: u32,
        /// What went wrong, for the planner (English).
        message: String,
        /// The same in Chinese (empty when only English is known, e.g. a
        /// crash reported by the browser).
        #[serde(default)]
        message_zh: String,
    },
}

impl WorkerMessage {
    /// The problem a `Failed` message carries (its English text stands in
    /// for a missing Chinese one).
    pub fn failure(&self) -> Option<Problem> {
        match self {
            WorkerMessage::Failed {
                message,
                message_zh,
                ..
            } => Some(Problem::error(
                "worker",
                message.clone(),
                if message_zh.is_empty() {
                    message.clone()
                } else {
                    message_zh.clone()
                },
            )),
            _ => None,
        }
    }

    /// A failure of job `job`, from a problem.
    pub fn failed(job: u32, p: Problem) -> WorkerMessage {
        WorkerMessage::Failed {
            job,
            message: p.message,
            message_zh: p.message_zh,
        }
    }
}

/// Runs a job: solve, check independently, build the report. The request
/// passes the same validation as a scenario file (scenario, time limit, MIP
/// gap) before anything is solved.
pub fn answer(
    req: &SolveRequest,
    progress: &mut dyn FnMut(Progress),
) -> Result<SolveReply, Problem> {
    let s = &req.scenario;
    let opts = PlanOptions {
        time_limit: Some(req.time_limit),
        mip_gap: req.mip_gap,
        warm_start: req.warm_start.clone(),
        incumbent: req.incumbent,
        ..PlanOptions::default()
    };
    let (r, tt) = solve_plan_keeping_times(s, &opts, progress)?;
    let (verified, failed_findings, report) = match &r.plan {
        Some(plan) => {
            let computed;
            let tt = match &tt {
                Some(tt) => tt,
                None => {
                    computed = TravelTimes::compute(s, &access_options_for(s));
                    &computed
                }
            };
            let c = check(s, tt, plan);
            let failed: Vec<_> = c.violations().cloned().collect();
            (c.verified, failed, Some(plan_report(s, plan)))
        }
        None => (false, vec![], None),
    };
    Ok(SolveReply {
        status: r.outcome.status,
        objective: r.outcome.objective,
        bound: r.outcome.bound,
        gap: r.outcome.gap,
        seconds: r.outcome.seconds,
        backend: r.outcome.backend,
        solver_version: r.outcome.solver_version.clone(),
        nodes: r.outcome.nodes,
        solver_note: (r.outcome.backend == Some(crate::optimise::Backend::Microlp))
            .then(crate::optimise::engine::highs_note)
            .flatten(),
        cost_yuan: r.cost_yuan,
        plan: r.plan,
        verified,
        failed_checks: failed_findings.iter().map(|f| f.message.clone()).collect(),
        failed_findings,
        shortfalls: r.shortfalls.iter().map(|x| x.message.clone()).collect(),
        shortfall_details: r.shortfalls.iter().map(|x| x.detail.clone()).collect(),
        binding: r
            .binding
            .iter()
            .map(|b| (b.rule.clone(), b.scope.clone()))
            .collect(),
        report,
        cut_short: r.cut_short,
        stopped: false,
    })
}

/// Checks and reports the best plan of a stopped solve
/// ([`Job::Settle`]). Scenario and plan pass the validator first, like
/// every request.
pub fn settle(req: &SettleRequest) -> Result<SolveReply, Problem> {
    let s = &req.scenario;
    let first_error = |ps: Vec<Problem>| ps.into_iter().find(Problem::is_error);
    if let Some(p) = first_error(crate::validate::validate(s)) {
        return Err(p);
    }
    if let Some(p) = first_error(crate::validate::plan_problems(&req.plan, s)) {
        return Err(p);
    }
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let c = check(s, &tt, &req.plan);
    let failed: Vec<_> = c.violations().cloned().collect();
    let cost = crate::optimise::plan::plan_cost(s, &req.plan);
    let objective = match s.policy.objective {
        crate::scenario::Objective::LeastCost => Some(cost),
        _ => req.incumbent,
    };
    let gap = match (objective, req.bound) {
        (Some(x), Some(b)) => Some(crate::optimise::outcome_gap(x, b)),
        _ => None,
    };
    Ok(SolveReply {
        status: Status::Feasible,
        objective,
        bound: req.bound,
        gap,
        seconds: req.seconds,
        backend: req.plan.solver.as_ref().map(|r| r.backend),
        solver_version: req.plan.solver.as_ref().map(|r| r.version.clone()),
        nodes: 0,
        solver_note: None,
        cost_yuan: Some(cost),
        verified: c.verified,
        failed_checks: failed.iter().map(|f| f.message.clone()).collect(),
        failed_findings: failed,
        shortfalls: vec![],
        shortfall_details: vec![],
        binding: vec![],
        report: Some(plan_report(s, &req.plan)),
        plan: Some(req.plan.clone()),
        cut_short: vec![],
        stopped: true,
    })
}

/// Runs one job, posting every message it produces (an import sees no
/// files: see [`run_job_with`]).
pub fn run_job(job: &Job, post: &mut dyn FnMut(WorkerMessage)) {
    run_job_with(job, &Dropped::default(), post)
}

/// Guesses and previews the files dropped on the worker (job `id`),
/// posting progress per file, then `inspected`.
pub fn inspect_job(id: u32, files: &Dropped, post: &mut dyn FnMut(WorkerMessage)) {
    let started = web_time::Instant::now();
    let infos = crate::import::job::inspect_all(files, &mut |i, n, name| {
        post(WorkerMessage::Progress {
            job: id,
            stage: format!("inspect:{}/{n}:{name}", i + 1),
            seconds: started.elapsed().as_secs_f64(),
            bound: None,
            incumbent: None,
            plan: None,
        })
    });
    post(WorkerMessage::Inspected {
        job: id,
        files: infos,
    });
}

/// How many explained decisions go to the page in one message.
const EXPLAIN_BATCH: usize = 16;

/// An explain job: the scenario and plan through their validators, then
/// each decision's effects, posted in batches; returns the last batch.
pub fn explain_job(
    r: &ExplainRequest,
    post: &mut dyn FnMut(WorkerMessage),
) -> Result<WorkerMessage, Problem> {
    let s = &r.scenario;
    if let Some(p) = crate::validate::validate(s)
        .into_iter()
        .find(Problem::is_error)
    {
        return Err(p);
    }
    if let Some(p) = crate::validate::plan_problems(&r.plan, s)
        .into_iter()
        .find(Problem::is_error)
    {
        return Err(p);
    }
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let base = check(s, &tt, &r.plan);
    let mut batch = Vec::new();
    let mut last = (0, 0);
    crate::counterfactual::explain_each(s, &tt, &r.plan, &base, &mut |e, done, total| {
        batch.push(e);
        last = (done, total);
        if batch.len() == EXPLAIN_BATCH && done < total {
            post(WorkerMessage::Explained {
                job: r.job,
                done,
                total,
                entries: std::mem::take(&mut batch),
            });
        }
    });
    Ok(WorkerMessage::Explained {
        job: r.job,
        done: last.0,
        total: last.1,
        entries: batch,
    })
}

/// [`run_job`] with the files dropped on the worker.
pub fn run_job_with(job: &Job, files: &Dropped, post: &mut dyn FnMut(WorkerMessage)) {
    let id = job.id();
    // Progress and points both go out through `post`; share it.
    let post = std::cell::RefCell::new(post);
    // Only a solve's best plans go to the page (what Cancel keeps).
    let keeps_plans = matches!(job, Job::Solve(_));
    let mut progress = |p: Progress| {
        (post.borrow_mut())(WorkerMessage::Progress {
            job: id,
            stage: p.stage.into(),
            seconds: p.seconds,
            bound: p.bound,
            incumbent: p.incumbent,
            plan: p
                .plan
                .filter(|_| keeps_plans)
                .map(|plan| Box::new((*plan).clone())),
        })
    };
    let last = match job {
        Job::Solve(r) => match answer(r, &mut progress) {
            Ok(reply) => WorkerMessage::Done {
                job: id,
                reply: Box::new(reply),
            },
            Err(p) => WorkerMessage::failed(id, p),
        },
        Job::Explain(r) => match explain_job(r, &mut |m| (post.borrow_mut())(m)) {
            Ok(m) => m,
            Err(p) => WorkerMessage::failed(id, p),
        },
        Job::TradeOff(r) => {
            let mut on_point = |index: usize, total: usize, p: &TradeOffPoint| {
                (post.borrow_mut())(WorkerMessage::Point {
                    job: id,
                    index,
                    total,
                    point: Box::new(p.clone()),
                })
            };
            match trade_off(r, &mut on_point, &mut progress) {
                Ok(curve) => WorkerMessage::Swept {
                    job: id,
                    points: curve.points.len(),
                    skipped: curve.skipped,
                },
                Err(p) => WorkerMessage::failed(id, p),
            }
        }
        Job::WhatIf(r) => {
            let mut on_point = |b: &crate::whatif::Breakpoint| {
                (post.borrow_mut())(WorkerMessage::Breakpoint {
                    job: id,
                    point: Box::new(b.clone()),
                })
            };
            match crate::whatif::sweep(r, &mut on_point, &mut progress) {
                Ok(curves) => WorkerMessage::WhatIfDone {
                    job: id,
                    points: curves.iter().map(|(_, c)| c.points.len()).sum(),
                },
                Err(p) => WorkerMessage::failed(id, p),
            }
        }
        Job::Import(r) => {
            let started = web_time::Instant::now();
            let (scenario, report) =
                crate::import::job::run(&r.manifest, r.options, files, &mut |stage| {
                    (post.borrow_mut())(WorkerMessage::Progress {
                        job: id,
                        stage: format!("import:{stage}"),
                        seconds: started.elapsed().as_secs_f64(),
                        bound: None,
                        incumbent: None,
                        plan: None,
                    })
                });
            WorkerMessage::Imported {
                job: id,
                scenario: scenario.map(Box::new),
                report: Box::new(report),
            }
        }
        Job::Settle(r) => match settle(r) {
            Ok(reply) => WorkerMessage::Done {
                job: id,
                reply: Box::new(reply),
            },
            Err(p) => WorkerMessage::failed(id, p),
        },
        Job::Publish(r) => {
            let started = web_time::Instant::now();
            let mut step = |st: crate::publish::Step| {
                (post.borrow_mut())(WorkerMessage::Progress {
                    job: id,
                    stage: format!("publish:{}/{}", st.done, st.total),
                    seconds: started.elapsed().as_secs_f64(),
                    bound: None,
                    incumbent: None,
                    plan: None,
                })
            };
            match crate::publish::prepare(&r.scenario, &r.plan, &r.meta, r.settings, &mut step) {
                Ok(p) => WorkerMessage::Published {
                    job: id,
                    publication: Box::new(p),
                },
                Err(p) => WorkerMessage::failed(id, p),
            }
        }
    };
    (post.borrow_mut())(last);
}
