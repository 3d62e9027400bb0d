//! Service rules.
//!
//! - **haemodialysis**: every admin unit with more residents than the
//!   threshold (60,000 by default) offers it somewhere:
//!   has_u + Σ_{f∈u} open(dialysis, f) ≥ 1;
//! - **mental health**: every admin unit over its threshold has a county
//!   hospital with a mental-health clinic: has_u + Σ_{county hospitals f∈u} open(mh, f) ≥ 1;
//! - **paediatrics**: children within T minutes of paediatric care ≥ share:
//!   Σ_z kids_z (reached_z + p_z) ≥ share · Σ_z kids_z, with
//!   p_z ≤ Σ_{f within T} open(paed, f), p_z ∈ [0, 1].

use super::super::model::Vars;
use super::Target;
use crate::rules::RuleId;
use crate::scenario::{Scenario, Specialty};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables};

/// Admin units that the rule for `service` with `threshold` applies to and
/// that lack the service today.
pub fn units_needing(s: &Scenario, service: Specialty, threshold: Option<f64>) -> Vec<String> {
    let Some(threshold) = threshold else {
        return vec![];
    };
    s.admin_units
        .iter()
        .filter(|u| s.unit_population(&u.id) > threshold)
        .filter(|u| {
            !s.facilities.iter().any(|f| {
                f.admin_unit == u.id && f.services.contains(&service) && service.counts_at(f.tier)
            })
        })
        .map(|u| u.id.clone())
        .collect()
}

/// Dialysis and mental-health rules: one target per unit that needs the service.
pub fn unit_services(s: &Scenario, v: &Vars) -> Vec<Target> {
    let rules = [
        (
            RuleId::Haemodialysis,
            Specialty::Haemodialysis,
            s.policy.services.haemodialysis_min_population,
        ),
        (
            RuleId::MentalHealth,
            Specialty::MentalHealth,
            s.policy.services.mental_health_min_population,
        ),
    ];
    let mut out = Vec::new();
    for (rule, service, threshold) in rules {
        for unit in units_needing(s, service, threshold) {
            let lhs: Expression = v
                .service
                .iter()
                .filter(|((f, sp), _)| *sp == service && s.facilities[*f].admin_unit == unit)
                .map(|(_, var)| *var)
                .sum();
            out.push(Target {
                rule,
                scope: unit,
                lhs,
                rhs: 1.0,
                display_scale: 1.0,
                display_target: 1.0,
            });
        }
    }
    out
}

/// The paediatric access target, with its linking constraints.
pub fn paediatrics(
    s: &Scenario,
    v: &Vars,
    vars: &mut ProblemVariables,
) -> (Vec<Target>, Vec<Constraint>) {
    let Some(rule) = &s.policy.services.paediatrics else {
        return (vec![], vec![]);
    };
    let mut lhs = Expression::from(0.0);
    let mut links = Vec::new();
    let mut kids_total = 0.0;
    for z in 0..s.zones.len() {
        let kids = v.children[z];
        kids_total += kids;
        if kids <= 0.0 {
            continue;
        }
        if v.paed_now[z] {
            lhs += kids;
            continue;
        }
        let reach: Vec<_> = v.paed_reach[z].clone();
        if reach.is_empty() {
            continue;
        }
        let p = vars.add(variable().min(0.0).max(1.0));
        let sum: Expression = reach.into_iter().sum();
        links.push(constraint!(p <= sum));
        lhs += kids * p;
    }
    if kids_total <= 0.0 {
        return (vec![], links);
    }
    (
        vec![Target {
            rule: RuleId::Paediatrics,
            scope: "region".into(),
            lhs,
            rhs: rule.share * kids_total,
            display_scale: 1.0 / kids_total,
            display_target: rule.share,
        }],
        links,
    )
}
