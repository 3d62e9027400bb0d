//! Coverage: share of residents within T minutes of a medical service point
//! ≥ target, region-wide and (optionally) in every admin unit.
//!
//! For each zone z not covered today, c_z ∈ [0, 1] with
//!   c_z ≤ Σ_{candidate k within T} open_k + Σ_{facility f within T, raised to a counting tier} up_f,
//! and Σ_z pop_z (covered_z + c_z) ≥ share · Σ_z pop_z.

use super::super::model::Vars;
use super::Target;
use crate::rules::RuleId;
use crate::scenario::Scenario;
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables};

/// Builds the coverage targets; returns them with the linking constraints
/// and the total covered-population expression (used by coverage objectives).
pub fn coverage_within(
    s: &Scenario,
    v: &Vars,
    vars: &mut ProblemVariables,
) -> (Vec<Target>, Vec<Constraint>, Expression) {
    let policy = &s.policy.coverage;
    let mut links = Vec::new();
    let mut covered_total = Expression::from(0.0);
    let mut per_unit: std::collections::BTreeMap<&str, Expression> = Default::default();
    for (z, zone) in s.zones.iter().enumerate() {
        let term: Expression = if v.covered_now[z] {
            Expression::from(zone.population)
        } else {
            let reach: Vec<_> = v.coverers[z].to_vec();
            if reach.is_empty() {
                Expression::from(0.0)
            } else {
                let c = vars.add(variable().min(0.0).max(1.0));
                let sum: Expression = reach.into_iter().sum();
                links.push(constraint!(c <= sum));
                zone.population * c
            }
        };
        covered_total += term.clone();
        *per_unit.entry(zone.admin_unit.as_str()).or_default() += term;
    }
    let mut targets = Vec::new();
    if policy.enabled {
        let total: f64 = s.zones.iter().map(|z| z.population).sum();
        targets.push(Target {
            rule: RuleId::Coverage,
            scope: "region".into(),
            lhs: covered_total.clone(),
            rhs: policy.share * total,
            display_scale: if total > 0.0 { 1.0 / total } else { 0.0 },
            display_target: policy.share,
        });
        if policy.per_admin_unit {
            for u in &s.admin_units {
                let pop = s.unit_population(&u.id);
                if pop <= 0.0 {
                    continue;
                }
                targets.push(Target {
                    rule: RuleId::Coverage,
                    scope: u.id.clone(),
                    lhs: per_unit.remove(u.id.as_str()).unwrap_or_default(),
                    rhs: policy.share * pop,
                    display_scale: 1.0 / pop,
                    display_target: policy.share,
                });
            }
        }
    }
    (targets, links, covered_total)
}
