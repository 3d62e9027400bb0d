//! The cost of doing without a decision: the scenario with that decision
//! forbidden (the candidate site taken out, the upgrade's cost removed, the
//! facility's room for beds set to none), solved once, warm-started from the
//! plan minus the decision and time-boxed. Decisions the scenario cannot
//! forbid one by one (posts and secondees share a facility's room; services
//! and telemedicine links have no per-facility switch) are marked
//! `not_computed` with that reason rather than priced by a stronger ban.

use super::{minus, words, Explained};
use crate::optimise::plan::{plan_cost, solve_plan, PlanOptions};
use crate::optimise::Status;
use crate::plan::Plan;
use crate::scenario::Scenario;
use std::time::Duration;
use web_time::Instant;

/// How long the solves may take.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Seconds for each decision's solve.
    pub per_decision: f64,
    /// Seconds for all of them together; decisions left when it runs out
    /// are `not_computed`.
    pub total: f64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            per_decision: 5.0,
            total: 60.0,
        }
    }
}

/// `s` with the element `decision` of `plan` forbidden, or why that cannot
/// be said exactly.
///
/// ```
/// use healthreach::counterfactual::without::forbidden;
/// use healthreach::plan::{BedsAdded, Plan};
/// let s = healthreach::demo::weinan();
/// let f = s.facilities.iter().find(|f| f.expansion.max_extra_beds > 0.0).unwrap();
/// let p = Plan { beds: vec![BedsAdded { facility: f.id.clone(), beds: 5.0 }], ..Plan::default() };
/// let t = forbidden(&s, &p, "beds/0").unwrap();
/// assert_eq!(t.facility(&f.id).unwrap().expansion.max_extra_beds, 0.0);
/// assert!(forbidden(&s, &p, "posts/0").is_err());
/// ```
pub fn forbidden(s: &Scenario, plan: &Plan, decision: &str) -> Result<Scenario, &'static str> {
    let (array, index) = decision.split_once('/').ok_or("not a decision")?;
    let i: usize = index.parse().map_err(|_| "not a decision")?;
    let mut t = s.clone();
    fn facility<'a>(t: &'a mut Scenario, id: &str) -> Option<&'a mut crate::scenario::Expansion> {
        let k = t.facilities.iter().position(|f| f.id == id)?;
        Some(&mut t.facilities[k].expansion)
    }
    match array {
        "open_sites" => {
            let id = plan.open_sites.get(i).ok_or("no such decision")?;
            let before = t.candidate_sites.len();
            t.candidate_sites.retain(|c| &c.id != id);
            if t.candidate_sites.len() == before {
                return Err("the site is not in the scenario");
            }
        }
        "upgrades" => {
            let id = plan.upgrades.get(i).ok_or("no such decision")?;
            facility(&mut t, id)
                .ok_or("the facility is not in the scenario")?
                .upgrade_cost_yuan = None;
        }
        "beds" => {
            let b = plan.beds.get(i).ok_or("no such decision")?;
            facility(&mut t, &b.facility)
                .ok_or("the facility is not in the scenario")?
                .max_extra_beds = 0.0;
        }
        "elderly_care_beds" => {
            let b = plan.elderly_care_beds.get(i).ok_or("no such decision")?;
            facility(&mut t, &b.facility)
                .ok_or("the facility is not in the scenario")?
                .max_extra_elderly_care_beds = 0.0;
        }
        "posts" | "secondments" => return Err(
            "posts and secondees share a facility's room: the model cannot forbid this one alone",
        ),
        "services" | "telemedicine_links" => {
            return Err("the scenario has no switch to forbid this one alone")
        }
        _ => return Err("not a decision"),
    }
    Ok(t)
}

/// Fills `cost_without` and `status_without` of each of `explained` (the
/// decisions of `plan` on `s`) within `budget`, and rewrites their reasons.
/// `tell(done, total)` after each.
pub fn price(
    s: &Scenario,
    plan: &Plan,
    explained: &mut [Explained],
    budget: Budget,
    tell: &mut dyn FnMut(usize, usize),
) {
    let started = Instant::now();
    let total = Duration::from_secs_f64(budget.total.max(0.0));
    let cost = plan_cost(s, plan);
    let n = explained.len();
    for (k, e) in explained.iter_mut().enumerate() {
        let left = total.saturating_sub(started.elapsed()).as_secs_f64();
        let result = match forbidden(s, plan, &e.decision) {
            Err(why) => Err(why.to_string()),
            Ok(_) if left < 0.05 => Err("the time for comparison solves ran out".to_string()),
            Ok(t) => solve_plan(
                &t,
                &PlanOptions {
                    time_limit: Some(budget.per_decision.min(left).max(0.05)),
                    warm_start: minus(plan, &e.decision),
                    ..PlanOptions::default()
                },
            )
            .map_err(|p| p.message),
        };
        match result {
            Ok(r) => {
                e.status_without = r.outcome.status.key().into();
                e.cost_without = r.plan.as_ref().map(|p| plan_cost(s, p));
                e.gap_without = r
                    .outcome
                    .gap
                    .filter(|_| r.outcome.status == Status::Feasible);
                e.why_not_computed = None;
            }
            Err(why) => {
                e.status_without = "not_computed".into();
                e.why_not_computed = Some(why);
            }
        }
        words::write(s, cost, e);
        tell(k + 1, n);
    }
}
