//! Whole-scenario checks: something to plan for, and population totals that agree.

use super::{at, Problem};
use crate::diagnostics::short;
use crate::scenario::Scenario;
use std::collections::HashMap;

pub(super) fn check_not_empty(s: &Scenario, out: &mut Vec<Problem>) {
    if s.admin_units.is_empty() {
        out.push(Problem::error(
            "$.admin_units",
            "the region has no admin units; add at least one county or district with its boundary",
            "地区没有行政单元；请至少添加一个带边界的县或区",
        ));
    }
    if s.zones.is_empty() {
        out.push(Problem::error(
            "$.zones",
            "the region has no demand zones, so there is nobody to plan for; add zones with population",
            "地区没有需求分区，无人可规划；请添加带人口的分区",
        ));
    } else if s.total_population() <= 0.0 {
        out.push(Problem::error(
            "$.zones",
            "every demand zone has population 0; give the zones their residents",
            "所有需求分区的人口都为 0；请填写各分区的常住人口",
        ));
    }
    if s.facilities.is_empty() && s.candidate_sites.is_empty() {
        out.push(Problem::warning(
            "$.facilities",
            "there are no facilities and no candidate sites: access is zero everywhere",
            "没有任何医疗机构或候选点：各处可及性均为零",
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
                    short(&u.id), short(&u.name), u.population
                ),
                format!(
                    "行政单元 {:?}（{}）有 {} 名居民，但没有带人口的需求分区；这些居民无法纳入规划",
                    short(&u.id), short(&u.name), u.population
                ),
            ));
        } else if (sum - u.population).abs() > 0.5 {
            out.push(Problem::warning(
                at("admin_units", i, "population"),
                format!(
                    "admin unit {:?} ({}) says {} residents but its zones sum to {}; per-1,000 ratios use the zones' sum",
                    short(&u.id), short(&u.name), u.population, sum
                ),
                format!(
                    "行政单元 {:?}（{}）填写 {} 名居民，但其分区合计 {}；千人指标按分区合计计算",
                    short(&u.id), short(&u.name), u.population, sum
                ),
            ));
        }
    }
}
