//! Whole-scenario checks: something to plan for, and population totals that agree.

use super::{at, Problem};
use crate::scenario::Scenario;
use std::collections::HashMap;

pub(super) fn check_not_empty(s: &Scenario, out: &mut Vec<Problem>) {
    if s.admin_units.is_empty() {
        out.push(Problem::error(
            "$.admin_units",
            "the region has no admin units; add at least one county or district with its boundary",
        ));
    }
    if s.zones.is_empty() {
        out.push(Problem::error(
            "$.zones",
            "the region has no demand zones, so there is nobody to plan for; add zones with population",
        ));
    } else if s.total_population() <= 0.0 {
        out.push(Problem::error(
            "$.zones",
            "every demand zone has population 0; give the zones their residents",
        ));
    }
    if s.facilities.is_empty() && s.candidate_sites.is_empty() {
        out.push(Problem::warning(
            "$.facilities",
            "there are no facilities and no candidate sites: access is zero everywhere",
        ));
    }
}

/// Warns where an admin unit's population differs from the sum of its zones.
pub(super) fn check_population_totals(s: &Scenario, out: &mut Vec<Problem>) {
    let mut sums: HashMap<&str, f64> = HashMap::new();
    for z in &s.zones {
        if z.population.is_finite() && z.population >= 0.0 {
            *sums.entry(z.admin_unit.as_str()).or_default() += z.population;
        }
    }
    for (i, u) in s.admin_units.iter().enumerate() {
        let sum = sums.get(u.id.as_str()).copied().unwrap_or(0.0);
        if !u.population.is_finite() || u.population < 0.0 {
            continue;
        }
        if sum == 0.0 && u.population > 0.0 {
            out.push(Problem::warning(
                at("admin_units", i, "population"),
                format!(
                    "admin unit {:?} ({}) has {} residents but no demand zone with population; its residents cannot be planned for",
                    u.id, u.name, u.population
                ),
            ));
        } else if (sum - u.population).abs() > 0.5 {
            out.push(Problem::warning(
                at("admin_units", i, "population"),
                format!(
                    "admin unit {:?} ({}) says {} residents but its zones sum to {}; per-1,000 ratios use the zones' sum",
                    u.id, u.name, u.population, sum
                ),
            ));
        }
    }
}
