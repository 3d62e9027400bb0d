//! A rule's headline for the public: its region-wide figure before and
//! after a plan, and the region-level target when it has one. Each rule
//! says how its figure is read ([`super::Rule::headline`]); by default it
//! is the share of the places the rule is judged at that meet it.

use crate::checker::RuleStatus;
use crate::plan::Plan;
use crate::report::{PlanReport, UnitIndicators};
use crate::scenario::Scenario;
use crate::summary::per_1000;

/// What a headline is read from.
pub struct HeadlineInput<'a> {
    /// The scenario.
    pub s: &'a Scenario,
    /// The plan.
    pub plan: &'a Plan,
    /// The plan's report (each unit's figures before and after).
    pub report: &'a PlanReport,
    /// The rule's findings before the plan.
    pub before: &'a [RuleStatus],
    /// Its findings after the plan.
    pub after: &'a [RuleStatus],
}

/// A rule's region-wide standing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// The region-level target (a share 0–1, or per 1,000), when it has one.
    pub target: Option<f64>,
    /// The figure before the plan.
    pub before: f64,
    /// The figure after.
    pub after: f64,
}

impl HeadlineInput<'_> {
    /// Share of the places judged that meet the rule, before and after.
    pub fn share_met(&self, target: Option<f64>) -> Figures {
        Figures {
            target,
            before: share_met(self.before),
            after: share_met(self.after),
        }
    }

    /// The region-wide finding's figure where the rule is judged over the
    /// whole region, else the share of places that meet it.
    pub fn region_figure(&self, target: Option<f64>) -> Figures {
        let region = |v: &[RuleStatus]| {
            v.iter()
                .find(|r| r.unit == "region")
                .map_or(share_met(v), |r| r.reached)
        };
        Figures {
            target,
            before: region(self.before),
            after: region(self.after),
        }
    }

    /// A quantity per 1,000 residents over the whole region, summed from
    /// the units' per-1,000 figures (before, after).
    pub fn per_1000_region(
        &self,
        target: Option<f64>,
        of: &dyn Fn(&UnitIndicators) -> (f64, f64),
    ) -> Figures {
        let units = &self.report.units;
        let pop: f64 = units.iter().map(|u| u.population).sum();
        let total = |pick: &dyn Fn((f64, f64)) -> f64| {
            units
                .iter()
                .map(|u| pick(of(u)) * u.population / 1000.0)
                .sum::<f64>()
        };
        Figures {
            target,
            before: per_1000(total(&|x| x.0), pop),
            after: per_1000(total(&|x| x.1), pop),
        }
    }
}

fn share_met(v: &[RuleStatus]) -> f64 {
    if v.is_empty() {
        1.0
    } else {
        v.iter().filter(|r| r.met).count() as f64 / v.len() as f64
    }
}
