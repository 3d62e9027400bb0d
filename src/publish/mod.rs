//! Publishing a plan for the public: the data a read-only transparency
//! portal shows (what was decided, where, why, before → after against each
//! target), its manifest with content hashes, and the bundle of files
//! (`bundle.rs`) — a folder for any static server and one self-contained
//! HTML file. `healthreach publish` and the app's Publish run the same code.
//!
//! [`prepare`] does the work that needs a solver, at publish time: the
//! independent check of the plan, a fresh solve with the published settings
//! (status, bound and gap of the plan, which targets bind and their marginal
//! cost) and one counterfactual solve per rule that is on (what the plan would
//! cost and reach without that target). Everything it records is a pure
//! function of scenario and plan — no clock, no timings — so the same inputs
//! give byte-identical bundles; only the manifest's date is chosen
//! ([`Meta::date`]).

pub mod bundle;
pub mod explain;
pub mod hash;
pub mod recheck;

use crate::access::TravelTimes;
use crate::checker::{check, Check, RuleStatus};
use crate::diagnostics::Problem;
use crate::optimise::plan::{access_options_for, solve_plan, PlanOptions, PlanResult};
use crate::optimise::Status;
use crate::plan::{Plan, SolverRecord};
use crate::report::{plan_report, PlanReport};
use crate::rules::RuleId;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The portal format's version (the manifest's `format_version`).
pub const FORMAT_VERSION: u32 = 1;

/// The manifest's `format`.
pub const FORMAT: &str = "healthreach-portal";

/// Who publishes, what and when (the manifest's words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The portal's title.
    pub title: String,
    /// The publishing body.
    pub publisher: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
}

impl Meta {
    /// The meta data with defaults for what is not given: title from the
    /// region's name, publisher empty, date today (UTC). Refuses a date that
    /// is not a real `YYYY-MM-DD` day and over-long texts.
    pub fn new(
        s: &Scenario,
        title: Option<String>,
        publisher: Option<String>,
        date: Option<String>,
    ) -> Result<Meta, Problem> {
        let title = title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                format!(
                    "{} · 医疗资源规划公示 · Health resource plan",
                    s.region.name
                )
            });
        let publisher = publisher.unwrap_or_default().trim().to_string();
        for (name, v) in [("--title", &title), ("--publisher", &publisher)] {
            if v.chars().count() > 200 {
                return Err(Problem::error(
                    name,
                    format!(
                        "{name} is {} characters long; keep it to 200",
                        v.chars().count()
                    ),
                    format!("{name} 长 {} 个字符，请不超过 200 个", v.chars().count()),
                ));
            }
        }
        let date = match date {
            Some(d) => {
                let d = d.trim().to_string();
                if !is_date(&d) {
                    return Err(Problem::error(
                        "--date",
                        format!(
                            "--date {d:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01"
                        ),
                        format!("--date {d:?} 不是日期；请写成 YYYY-MM-DD，例如 2026-12-01"),
                    ));
                }
                d
            }
            None => today(),
        };
        Ok(Meta {
            title,
            publisher,
            date,
        })
    }
}

/// Whether `d` is a real calendar day written `YYYY-MM-DD`.
///
/// ```
/// use healthreach::publish::is_date;
/// assert!(is_date("2024-02-29"));
/// assert!(!is_date("2023-02-29"));
/// assert!(!is_date("2024-2-9"));
/// ```
pub fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !d
        .chars()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Today's date (UTC), `YYYY-MM-DD` (days to civil date, H. Hinnant's algorithm).
pub fn today() -> String {
    let secs = web_time::SystemTime::now()
        .duration_since(web_time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The settings a plan was solved with — what a re-check solves with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SolveSettings {
    /// Relative MIP gap at which the solve stops (0: proven optimal).
    pub mip_gap: f64,
    /// Seconds before the best plan found is returned.
    pub time_limit: f64,
    /// Seconds each per-rule "what this target costs" solve may take (it
    /// starts from the published plan; its gap is published with it).
    #[serde(default = "default_counterfactual_time_limit")]
    pub counterfactual_time_limit: f64,
}

fn default_counterfactual_time_limit() -> f64 {
    3.0
}

impl Default for SolveSettings {
    /// As `healthreach solve` and the app: prove optimality, 30 s; 3 s per
    /// counterfactual.
    fn default() -> Self {
        SolveSettings {
            mip_gap: 0.0,
            time_limit: 30.0,
            counterfactual_time_limit: default_counterfactual_time_limit(),
        }
    }
}

/// One file of the bundle, with its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path inside the bundle (`/`-separated, relative).
    pub path: String,
    /// Size (bytes).
    pub bytes: usize,
    /// SHA-256, hex.
    pub sha256: String,
}

/// What the bundle is and what it shows, for anyone to verify.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The scenario's name.
    pub region: String,
    /// SHA-256 of the scenario's canonical serialisation (`scenario.json`).
    pub scenario_sha256: String,
    /// SHA-256 of the plan's canonical decisions (see [`hash::canonical_plan`]).
    pub plan_sha256: String,
    /// The solver that made the plan (from the plan file; else the solver
    /// that re-solved it at publish time).
    pub solver: Option<SolverRecord>,
    /// How the plan stands against the best plan a solve at publish time
    /// proves: optimal (costs the proven optimum), feasible (with its gap);
    /// for a plan the checker rejects, the publish-time solve's status and
    /// no gap.
    pub status: Status,
    /// Relative gap between the plan's cost and the proven bound (0–1).
    pub gap: Option<f64>,
    /// The proven lower bound on cost (yuan).
    pub bound_yuan: Option<f64>,
    /// The plan's cost (yuan), recomputed by the checker.
    pub cost_yuan: f64,
    /// The independent checker passed the plan.
    pub verified: bool,
    /// How many checks failed.
    pub violations: usize,
    /// The settings a re-check solves with.
    pub settings: SolveSettings,
    /// The files beside the page, with their hashes (the page itself aside).
    #[serde(default)]
    pub files: Vec<FileEntry>,
}

/// A rule's standing over the region before and after the plan (the headline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// The rule.
    pub rule: RuleId,
    /// The region-level target (a share 0–1, or per 1,000), when the rule has one.
    pub target: Option<f64>,
    /// Admin units (or `region`) the rule is judged at.
    pub units: usize,
    /// How many of them met it before the plan.
    pub met_before: usize,
    /// How many after.
    pub met_after: usize,
    /// The region's figure before: share within the time, per 1,000, or
    /// the share of units meeting a service rule.
    pub before: f64,
    /// The same after.
    pub after: f64,
}

/// Why a decision is in the plan: the rule it serves, at its place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule.
    pub rule: RuleId,
    /// Where the rule is judged (admin unit id or `region`).
    pub unit: String,
    /// The target there.
    pub target: f64,
    /// What the plan reaches there.
    pub reached: f64,
    /// The target is met with no room to spare.
    pub binding: bool,
    /// What easing the target by one unit would save (yuan; the LP
    /// relaxation's marginal value), when the solver could say.
    pub marginal_yuan: Option<f64>,
}

/// The plan the solver finds with one rule turned off, everything else equal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterfactual {
    /// The rule turned off.
    pub rule: RuleId,
    /// How that solve ended.
    pub status: Status,
    /// What that plan costs (yuan).
    pub cost_yuan: Option<f64>,
    /// Relative gap between that plan's cost and the solve's bound (0:
    /// proven optimal; more when its own time limit stopped it first).
    #[serde(default)]
    pub gap: Option<f64>,
    /// What the published plan costs more (yuan; negative when less).
    pub extra_yuan: Option<f64>,
    /// What that plan reaches on this rule, per unit (`region` or unit id).
    pub reached: Vec<(String, f64)>,
    /// Why the solve failed, when it did (the solver's words).
    #[serde(default)]
    pub failed: Option<String>,
}

/// Everything the portal shows that needs a solver or the travel times,
/// computed at publish time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    /// The manifest.
    pub manifest: Manifest,
    /// One line per rule that is on.
    pub headline: Vec<Headline>,
    /// Every rule at every unit it applies to, after the plan.
    pub rules: Vec<RuleStatus>,
    /// Decisions and indicators before → after.
    pub report: PlanReport,
    /// Per decision (same order as `report.decisions`), the rule it serves.
    pub reasons: Vec<Option<Reason>>,
    /// Per rule that is on, the plan without it.
    pub counterfactuals: Vec<Counterfactual>,
    /// Per decision (same order as `report.decisions`), the rules without
    /// which the best plan would not make it, or would make less of it.
    pub needed_by: Vec<Vec<RuleId>>,
    /// Per zone, minutes to the nearest service point before the plan.
    pub minutes_before: Vec<Option<f64>>,
    /// Per zone, E2SFCA accessibility before the plan.
    pub e2sfca_before: Vec<f64>,
    /// Per element of the plan file, what removing it does (the checker on
    /// the plan minus it; [`crate::counterfactual`]): the portal's reasons.
    #[serde(default)]
    pub explained: Vec<crate::counterfactual::Explained>,
}

/// Progress of [`prepare`]: which step, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
}

/// The publish-time re-solve: the published settings, with marginal values.
fn solve(s: &Scenario, settings: SolveSettings, plan: &Plan) -> Result<PlanResult, Problem> {
    solve_plan(
        s,
        &PlanOptions {
            time_limit: Some(settings.time_limit),
            mip_gap: settings.mip_gap,
            explain: true,
            warm_start: Some(plan.clone()),
            ..PlanOptions::default()
        },
    )
}

/// A counterfactual solve: one rule off, so the published plan still fits
/// and is the first incumbent; its own time limit, no marginal values.
fn solve_without(
    s: &Scenario,
    rule: RuleId,
    settings: SolveSettings,
    plan: &Plan,
) -> Result<PlanResult, Problem> {
    let mut without = s.clone();
    without.policy = rule.turned_off(&s.policy);
    solve_plan(
        &without,
        &PlanOptions {
            time_limit: Some(settings.counterfactual_time_limit),
            mip_gap: settings.mip_gap,
            warm_start: Some(plan.clone()),
            ..PlanOptions::default()
        },
    )
}

/// The re-solve next to `rest` (the counterfactual solves): natively on a
/// second thread, so a publish takes about the longer of the two; in the
/// browser (one thread) one after the other.
fn alongside<T: Send>(
    fresh: impl FnOnce() -> Result<PlanResult, Problem> + Send,
    rest: impl FnOnce() -> T,
) -> (Result<PlanResult, Problem>, T) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let handle = std::thread::Builder::new()
                .name("publish-resolve".into())
                .spawn_scoped(scope, fresh);
            match handle {
                Ok(h) => {
                    let rest = rest();
                    let fresh = h.join().unwrap_or_else(|_| {
                        Err(Problem::error(
                            "solve",
                            "the publish-time re-solve stopped unexpectedly",
                            "发布时的重新求解意外中止",
                        ))
                    });
                    (fresh, rest)
                }
                Err(_) => {
                    let rest = rest();
                    (
                        Err(Problem::error(
                            "solve",
                            "no thread for the re-solve",
                            "无法启动重新求解线程",
                        )),
                        rest,
                    )
                }
            }
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let fresh = fresh();
        (fresh, rest())
    }
}

/// Checks, re-solves and explains `plan` on `s` for publication.
/// Fails (with the reason) when the scenario is not valid or the plan names
/// what the scenario does not have; a plan that breaks rules is published
/// with the checker's verdict, never refused.
pub fn prepare(
    s: &Scenario,
    plan: &Plan,
    meta: &Meta,
    settings: SolveSettings,
    progress: &mut dyn FnMut(Step),
) -> Result<Publication, Problem> {
    if let Some(p) = crate::validate::validate(s)
        .into_iter()
        .find(crate::validate::Problem::is_error)
    {
        return Err(p);
    }
    if let Some(p) = crate::validate::plan_problems(plan, s).into_iter().next() {
        return Err(p);
    }
    let on: Vec<RuleId> = RuleId::ALL
        .into_iter()
        .filter(|r| r.is_on(&s.policy))
        .collect();
    let total = on.len() + 2;
    progress(Step { done: 0, total });
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let checked = check(s, &tt, plan);
    let before = check(s, &tt, &Plan::default());
    let report = plan_report(s, plan);
    let explained = crate::counterfactual::explain(s, &tt, plan, &checked);
    let (fresh, (counterfactuals, needed_by)) = alongside(
        || solve(s, settings, plan),
        || {
            let mut counterfactuals = Vec::new();
            let mut needed_by = vec![Vec::new(); report.decisions.len()];
            for (i, rule) in on.iter().enumerate() {
                let r = match solve_without(s, *rule, settings, plan) {
                    Ok(r) => r,
                    Err(p) => {
                        counterfactuals.push(Counterfactual {
                            rule: *rule,
                            status: Status::TimeLimit,
                            cost_yuan: None,
                            gap: None,
                            extra_yuan: None,
                            reached: vec![],
                            failed: Some(p.message),
                        });
                        progress(Step { done: i + 1, total });
                        continue;
                    }
                };
                if let Some(p) = &r.plan {
                    let kept = recheck::rows(p);
                    for (d, needed) in report.decisions.iter().zip(needed_by.iter_mut()) {
                        let q = kept.get(&recheck::key_of(d)).copied().unwrap_or(0.0);
                        if q < d.quantity - 1e-9 {
                            needed.push(*rule);
                        }
                    }
                }
                let reached = match &r.plan {
                    Some(p) => check(s, &tt, p)
                        .rules(&[])
                        .into_iter()
                        .filter(|x| x.rule == *rule)
                        .map(|x| (x.unit, x.reached))
                        .collect(),
                    None => vec![],
                };
                counterfactuals.push(Counterfactual {
                    rule: *rule,
                    status: r.outcome.status,
                    cost_yuan: r.cost_yuan,
                    gap: r.outcome.gap,
                    extra_yuan: r.cost_yuan.map(|c| checked.cost_yuan - c),
                    reached,
                    failed: None,
                });
                progress(Step { done: i + 1, total });
            }
            (counterfactuals, needed_by)
        },
    );
    let fresh = fresh?;
    progress(Step {
        done: total - 1,
        total,
    });
    let binding: Vec<(String, String)> = fresh
        .binding
        .iter()
        .map(|b| (b.rule.clone(), b.scope.clone()))
        .collect();
    let rules = checked.rules(&binding);
    let (status, gap, bound) = standing(&fresh, &checked, plan);
    let reasons = report
        .decisions
        .iter()
        .map(|d| {
            let rule = RuleId::from_key(&d.rule)?;
            // The rule's standing where the decision is: at its unit, at its
            // unit for its kind of service (`unit/kind`), region-wide for
            // its kind, or region-wide.
            let kind = d.specialty.map(|k| k.key()).unwrap_or_default();
            let places = [
                d.unit_id.clone(),
                format!("{}/{kind}", d.unit_id),
                format!("region/{kind}"),
                "region".to_string(),
            ];
            let st = places
                .iter()
                .find_map(|p| rules.iter().find(|r| r.rule == rule && &r.unit == p))?;
            let marginal_yuan = fresh
                .binding
                .iter()
                .find(|b| b.rule == rule.key() && b.scope == st.unit)
                .and_then(|b| b.marginal_yuan);
            Some(Reason {
                rule,
                unit: st.unit.clone(),
                target: st.target,
                reached: st.reached,
                binding: st.binding,
                marginal_yuan,
            })
        })
        .collect();
    let headline = headline(s, plan, &on, &before, &checked, &report);
    let (minutes_before, _, _) =
        crate::indicators::service_point_minutes(s, s.policy.coverage.mode);
    let e2sfca_before = crate::view::zone_access::ZoneAccess::of(s, s.policy.coverage.mode).e2sfca;
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        title: meta.title.clone(),
        publisher: meta.publisher.clone(),
        date: meta.date.clone(),
        region: s.region.name.clone(),
        scenario_sha256: hash::scenario_hash(s),
        plan_sha256: hash::plan_hash(plan),
        solver: plan.solver.clone().or_else(|| {
            Some(SolverRecord {
                backend: fresh.outcome.backend?,
                version: fresh.outcome.solver_version.clone()?,
            })
        }),
        status,
        gap,
        bound_yuan: bound,
        cost_yuan: checked.cost_yuan,
        verified: checked.verified,
        violations: checked.violations().count(),
        settings,
        files: vec![],
    };
    progress(Step { done: total, total });
    Ok(Publication {
        manifest,
        headline,
        rules,
        report,
        reasons,
        counterfactuals,
        needed_by,
        minutes_before,
        e2sfca_before,
        explained,
    })
}

/// The published plan's status and gap against the fresh solve's proof.
fn standing(
    fresh: &PlanResult,
    checked: &Check,
    plan: &Plan,
) -> (Status, Option<f64>, Option<f64>) {
    if !checked.verified {
        // The plan breaks rules (`verified` false): no gap is claimed for it;
        // the status is the publish-time solve's.
        return (fresh.outcome.status, None, fresh.outcome.bound);
    }
    let least_cost = fresh.plan.is_some()
        && matches!(
            fresh.plan.as_ref().map(hash::plan_hash),
            Some(h) if h == hash::plan_hash(plan)
        );
    if least_cost {
        return (fresh.outcome.status, fresh.outcome.gap, fresh.outcome.bound);
    }
    match fresh.outcome.bound {
        Some(b) if checked.cost_yuan > 0.0 => {
            let gap = ((checked.cost_yuan - b) / checked.cost_yuan).max(0.0);
            let status = if gap <= 1e-9 {
                fresh.outcome.status
            } else {
                Status::Feasible
            };
            (status, Some(gap), Some(b))
        }
        _ => (fresh.outcome.status, fresh.outcome.gap, fresh.outcome.bound),
    }
}

fn headline(
    s: &Scenario,
    after_plan: &Plan,
    on: &[RuleId],
    before: &Check,
    after: &Check,
    report: &PlanReport,
) -> Vec<Headline> {
    on.iter()
        .map(|&rule| {
            let of = |c: &Check| -> Vec<RuleStatus> {
                c.rules(&[])
                    .into_iter()
                    .filter(|r| r.rule == rule)
                    .collect()
            };
            let (x0, x1) = (of(before), of(after));
            let f = rule.unit().headline(&crate::rules::HeadlineInput {
                s,
                plan: after_plan,
                report,
                before: &x0,
                after: &x1,
            });
            let met = |v: &[RuleStatus]| v.iter().filter(|r| r.met).count();
            Headline {
                rule,
                target: f.target,
                units: x1.len(),
                met_before: met(&x0),
                met_after: met(&x1),
                before: f.before,
                after: f.after,
            }
        })
        .collect()
}
