//! What the "a service in every populous unit" rules share (haemodialysis,
//! mental health): every admin unit with more residents than the threshold
//! offers the service at a facility where it counts:
//!
//!   Σ_{f∈u, may open there} open(service, f) ≥ 1   for each unit lacking it today.

use super::{ModelInput, RuleId};
use crate::checker::{finding, After, Finding};
use crate::optimise::plan::model::MIN_SPECIALISTS;
use crate::optimise::plan::rules::Target;
use crate::scenario::{Scenario, Specialty};
use good_lp::Expression;
use std::collections::HashSet;

/// Admin units that the rule for `service` with `threshold` applies to and
/// that lack the service today.
pub fn units_needing(s: &Scenario, service: Specialty, threshold: Option<f64>) -> Vec<String> {
    let Some(threshold) = threshold else {
        return vec![];
    };
    // One pass over the facilities, not one per unit: a region may have
    // hundreds of thousands.
    let served: HashSet<&str> = s
        .facilities
        .iter()
        .filter(|f| f.services.contains(&service) && service.counts_at(f.tier))
        .map(|f| f.admin_unit.as_str())
        .collect();
    s.admin_units
        .iter()
        .filter(|u| !served.contains(u.id.as_str()))
        .filter(|u| s.unit_population(&u.id) > threshold)
        .map(|u| u.id.clone())
        .collect()
}

/// The facilities where the service could open for the units needing it
/// (eligible tier, room for the specialists).
pub fn wanted(s: &Scenario, service: Specialty, threshold: Option<f64>) -> Vec<(usize, Specialty)> {
    let needing = units_needing(s, service, threshold);
    let units: HashSet<&str> = needing.iter().map(String::as_str).collect();
    s.facilities
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            units.contains(f.admin_unit.as_str())
                && service.may_open_at(f.tier)
                && f.expansion.max_extra_doctors >= MIN_SPECIALISTS
        })
        .map(|(i, _)| (i, service))
        .collect()
}

/// One target per unit needing the service.
pub fn targets(
    m: &ModelInput<'_>,
    rule: RuleId,
    service: Specialty,
    threshold: Option<f64>,
) -> Vec<Target> {
    let (s, v) = (m.s, m.v);
    units_needing(s, service, threshold)
        .into_iter()
        .map(|unit| {
            let lhs: Expression = v
                .service
                .iter()
                .filter(|((f, sp), _)| *sp == service && s.facilities[*f].admin_unit == unit)
                .map(|(_, var)| *var)
                .sum();
            Target {
                rule,
                scope: unit,
                lhs,
                rhs: 1.0,
                display_scale: 1.0,
                display_target: 1.0,
            }
        })
        .collect()
}

/// One finding per unit over the threshold: offered after the plan, at a
/// facility whose tier (after upgrades) counts for the service.
pub fn check(
    a: &After<'_>,
    rule: RuleId,
    service: Specialty,
    threshold: Option<f64>,
    what_zh: &str,
    out: &mut Vec<Finding>,
) {
    let Some(th) = threshold else { return };
    for u in &a.s.admin_units {
        let pop = a.s.unit_population(&u.id);
        if pop <= 0.0 || pop <= th {
            continue;
        }
        let has = a
            .facilities_in(&u.id)
            .any(|(i, _)| a.services[i].contains(&service) && service.counts_at(a.tier[i]));
        out.push(finding(
            rule.key(),
            &u.id,
            (1.0, f64::from(u8::from(has)), has),
            format!(
                "{} ({} residents > {th}): {rule} {}",
                u.name,
                pop,
                if has { "offered" } else { "missing" }
            ),
            format!(
                "{}（常住人口 {pop} > {th}）：{}{}",
                u.name,
                what_zh,
                if has { "已提供" } else { "缺失" }
            ),
        ));
    }
}
