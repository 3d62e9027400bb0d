//! Numbers: finite, within the plausible range of what they measure
//! ([`super::limits`]), whole where they count people or beds, shares within
//! 0–1. Every message names the range and why it is there.

use super::limits::{self, Limit};
use super::{at, Problem};
use crate::diagnostics::num;
use crate::diagnostics::short;
use crate::scenario::{Objective, Policy, Scenario};

/// Checks one value against its limit; at most one problem per value. The
/// path is only written out for a value with a problem (a large region has
/// millions of values, nearly all fine).
pub(crate) fn check_value(
    path: impl FnOnce() -> String,
    v: f64,
    l: &Limit,
    out: &mut Vec<Problem>,
) {
    if value_ok(v, l) {
        return;
    }
    if let Some(p) = value_problem(path(), v, l) {
        out.push(p);
    }
}

/// Whether `v` passes every test of [`value_problem`] (cheap: no text).
fn value_ok(v: f64, l: &Limit) -> bool {
    let share = l.max == 1.0 && l.min == 0.0 && l.unit.is_empty();
    v.is_finite()
        && (!share || (0.0..=1.0).contains(&v))
        && v >= l.min
        && v <= l.max
        && !(v > 0.0 && v < l.floor)
        && !(l.whole && v.fract() != 0.0)
}

/// The problem with `v` at `path` under limit `l`, if any.
pub(crate) fn value_problem(path: String, v: f64, l: &Limit) -> Option<Problem> {
    let (u, uz) = (l.unit, l.unit_zh);
    let (vs, min, max) = (num(v), num(l.min), num(l.max));
    let sp = if u.is_empty() { "" } else { " " };
    if !v.is_finite() {
        return Some(Problem::error(
            path,
            format!(
                "{vs} is not a finite number; give a number from {} to {}{sp}{u}",
                min, max
            ),
            format!("{vs} 不是有限数值；请填写 {} 到 {}{uz} 之间的数", min, max),
        ));
    }
    if l.max == 1.0 && l.min == 0.0 && l.unit.is_empty() && !(0.0..=1.0).contains(&v) {
        let (hint, hint_zh) = if v > 1.0 && v <= 100.0 {
            (
                format!(" (write {} for {vs}%)", v / 100.0),
                format!("（{vs}% 请写作 {}）", v / 100.0),
            )
        } else {
            (String::new(), String::new())
        };
        return Some(Problem::error(
            path,
            format!("share {vs} is outside 0–1{hint}"),
            format!("比例 {vs} 不在 0–1 之间{hint_zh}"),
        ));
    }
    if v < l.min {
        return Some(if l.min == 0.0 {
            Problem::error(
                path,
                format!("{vs}{sp}{u} is negative; it must be 0 or more"),
                format!("{vs}{uz} 为负数；必须 ≥ 0"),
            )
        } else {
            Problem::error(
                path,
                format!(
                    "{vs}{sp}{u} is below the smallest accepted value, {}{sp}{u}",
                    min
                ),
                format!("{vs}{uz} 小于允许的最小值 {min}{uz}"),
            )
        });
    }
    if v > l.max {
        return Some(Problem::error(
            path,
            format!(
                "{vs}{sp}{u} is more than {}{sp}{u}, the largest accepted: {}. Check the value and its unit",
                max, l.why
            ),
            format!(
                "{vs}{uz} 超过允许的最大值 {}{uz}：{}。请检查数值及其单位",
                max, l.why_zh
            ),
        ));
    }
    if v > 0.0 && v < l.floor {
        let floor = num(l.floor);
        return Some(Problem::error(
            path,
            format!("{vs}{sp}{u} is a vanishing amount: give 0, or at least {floor}{sp}{u}"),
            format!("{vs}{uz} 过小：请填 0，或至少 {floor}{uz}"),
        ));
    }
    if l.whole && v.fract() != 0.0 {
        return Some(Problem::error(
            path,
            format!("{vs}{sp}{u} is not a whole number"),
            format!("{vs}{uz} 不是整数"),
        ));
    }
    None
}

fn json_key<T: serde::Serialize>(k: &T) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    use limits::*;
    for (i, u) in s.admin_units.iter().enumerate() {
        check_value(
            || at("admin_units", i, "population"),
            u.population,
            &POPULATION,
            out,
        );
    }
    let mut total = 0.0;
    for (i, z) in s.zones.iter().enumerate() {
        check_value(
            || at("zones", i, "population"),
            z.population,
            &POPULATION,
            out,
        );
        if POPULATION.contains(z.population) {
            total += z.population;
        }
        if let Some(a) = z.age_groups {
            check_value(
                || at("zones", i, "age_groups.children_0_14"),
                a.children_0_14,
                &POPULATION,
                out,
            );
            check_value(
                || at("zones", i, "age_groups.aged_65_plus"),
                a.aged_65_plus,
                &POPULATION,
                out,
            );
            // Only compare when every figure is itself valid (no knock-on messages).
            if POPULATION.contains(z.population)
                && POPULATION.contains(a.children_0_14)
                && POPULATION.contains(a.aged_65_plus)
                && a.children_0_14 + a.aged_65_plus > z.population
            {
                out.push(Problem::error(
                    at("zones", i, "age_groups"),
                    format!(
                        "children ({}) and residents 65+ ({}) together exceed the zone's population ({})",
                        a.children_0_14, a.aged_65_plus, z.population
                    ),
                    format!(
                        "儿童（{}）与 65 岁及以上居民（{}）之和超过该分区人口（{}）",
                        a.children_0_14, a.aged_65_plus, z.population
                    ),
                ));
            }
        }
    }
    if total > POPULATION.max {
        out.push(Problem::error(
            "$.zones",
            format!(
                "the zones hold {total} residents in all, more than {}: {}. Check the population column and its unit",
                POPULATION.max, POPULATION.why
            ),
            format!(
                "各分区人口合计 {total}，超过 {}：{}。请检查人口列及其单位",
                POPULATION.max, POPULATION.why_zh
            ),
        ));
    }
    for (i, f) in s.facilities.iter().enumerate() {
        facility_numbers(i, f, out);
    }
    for (i, c) in s.candidate_sites.iter().enumerate() {
        site_numbers(i, c, out);
    }
    if let Some(roads) = &s.roads {
        for (class, sp) in &roads.class_speeds {
            let key = json_key(class);
            for (mode, v) in [
                ("walk_kmh", sp.walk_kmh),
                ("bike_kmh", sp.bike_kmh),
                ("drive_kmh", sp.drive_kmh),
            ] {
                check_value(
                    || format!("$.roads.class_speeds.{key}.{mode}"),
                    v,
                    &SPEED,
                    out,
                );
            }
        }
        for (i, l) in roads.links.iter().enumerate() {
            if let Some(sp) = l.speeds {
                for (mode, v) in [
                    ("walk_kmh", sp.walk_kmh),
                    ("bike_kmh", sp.bike_kmh),
                    ("drive_kmh", sp.drive_kmh),
                ] {
                    check_value(
                        || at("roads.links", i, &format!("speeds.{mode}")),
                        v,
                        &SPEED,
                        out,
                    );
                }
            }
        }
    }
    if let Some(t) = &s.travel_times {
        for (i, e) in t.entries.iter().enumerate() {
            check_value(
                || at("travel_times.entries", i, "minutes"),
                e.minutes,
                &TABLE_MINUTES,
                out,
            );
        }
    }
    out.extend(policy_problems(&s.policy));
}

/// Every problem of a policy on its own (targets, rules, budgets, costs,
/// objective), with paths under `$.policy`. The same check guards scenario
/// files, share links, stored records, the scenario panel and the worker.
///
/// ```
/// let mut p = healthreach::scenario::Policy::default();
/// assert!(healthreach::validate::policy_problems(&p).is_empty());
/// p.coverage.share = -0.5;
/// p.coverage.minutes = -5.0;
/// p.ratios.beds_per_1000 = Some(1e308);
/// let found = healthreach::validate::policy_problems(&p);
/// assert_eq!(found.len(), 3);
/// ```
pub fn policy_problems(p: &Policy) -> Vec<Problem> {
    use limits::*;
    let mut out = Vec::new();
    let out = &mut out;
    // Each policy rule's own fields (coverage, ratios, services, …).
    crate::rules::validate(p, out);
    let c = &p.patient_choice;
    check_value(
        || "$.policy.patient_choice.decay_power".into(),
        c.decay_power,
        &DECAY_POWER,
        out,
    );
    for (field, v) in [
        ("floor_minutes", c.floor_minutes),
        ("max_minutes", c.max_minutes),
    ] {
        check_value(
            || format!("$.policy.patient_choice.{field}"),
            v,
            &ACCESS_MINUTES,
            out,
        );
    }
    for (set, w) in [
        ("visit_weights", &c.visit_weights),
        ("stay_weights", &c.stay_weights),
    ] {
        for (tier, v) in w.fields() {
            check_value(
                || format!("$.policy.patient_choice.{set}.{tier}"),
                v,
                &CHOICE_WEIGHT,
                out,
            );
        }
    }
    if let Some(v) = p.budget.money_yuan {
        check_value(|| "$.policy.budget.money_yuan".into(), v, &BUDGET, out);
    }
    if let Some(v) = p.budget.doctor_pool {
        check_value(
            || "$.policy.budget.doctor_pool".into(),
            v,
            &DOCTOR_POOL,
            out,
        );
    }
    check_value(
        || "$.policy.secondment.source_release_share".into(),
        p.secondment.source_release_share,
        &SHARE,
        out,
    );
    check_value(
        || "$.policy.secondment.lead_release_share".into(),
        p.secondment.lead_release_share,
        &SHARE,
        out,
    );
    check_value(
        || "$.policy.secondment.max_travel_minutes".into(),
        p.secondment.max_travel_minutes,
        &SECONDMENT_MINUTES,
        out,
    );
    let c = &p.unit_costs;
    for (field, v) in [
        ("bed_yuan", c.bed_yuan),
        ("specialist_post_yuan", c.specialist_post_yuan),
        ("service_opening_yuan", c.service_opening_yuan),
        ("secondment_yuan", c.secondment_yuan),
        ("elderly_care_bed_yuan", c.elderly_care_bed_yuan),
        ("centre_opening_yuan", c.centre_opening_yuan),
        ("telemedicine_link_yuan", c.telemedicine_link_yuan),
    ] {
        check_value(
            || format!("$.policy.unit_costs.{field}"),
            v,
            &UNIT_COST,
            out,
        );
    }
    if let Objective::Weighted {
        cost_weight,
        uncovered_weight,
    } = p.objective
    {
        check_value(
            || "$.policy.objective.cost_weight".into(),
            cost_weight,
            &WEIGHT,
            out,
        );
        check_value(
            || "$.policy.objective.uncovered_weight".into(),
            uncovered_weight,
            &WEIGHT,
            out,
        );
        if cost_weight == 0.0 && uncovered_weight == 0.0 {
            out.push(Problem::error(
                "$.policy.objective",
                "both weights are 0, so every plan scores the same; give cost_weight or uncovered_weight a positive value",
                "两项权重都为 0，所有方案得分相同；请给 cost_weight 或 uncovered_weight 一个正值",
            ));
        }
    }
    let t = &p.travel_time;
    check_value(
        || "$.policy.travel_time.nearest_k".into(),
        t.nearest_k as f64,
        &NEAREST_K,
        out,
    );
    for tier in crate::scenario::Tier::ALL {
        if let Some(v) = t.capacity_residents.of(tier) {
            check_value(
                || format!("$.policy.travel_time.capacity_residents.{}", tier.key()),
                v,
                &CAPACITY,
                out,
            );
        }
    }
    std::mem::take(out)
}

/// The numbers of facility `i` (also what the data editor checks before an edit).
pub(crate) fn facility_numbers(i: usize, f: &crate::scenario::Facility, out: &mut Vec<Problem>) {
    use limits::*;
    check_value(|| at("facilities", i, "beds"), f.beds, &BEDS, out);
    check_value(|| at("facilities", i, "doctors"), f.doctors, &DOCTORS, out);
    check_value(
        || at("facilities", i, "elderly_care_beds"),
        f.elderly_care_beds,
        &BEDS,
        out,
    );
    for (sp, n) in &f.specialists {
        check_value(
            || at("facilities", i, &format!("specialists.{}", json_key(sp))),
            *n,
            &DOCTORS,
            out,
        );
    }
    let specialists: f64 = f.specialists.values().sum();
    if specialists > f.doctors {
        out.push(Problem::error(
            at("facilities", i, "specialists"),
            format!(
                "{specialists} specialists but only {} doctors at {:?}; specialists are counted among doctors",
                f.doctors, short(&f.name)
            ),
            format!(
                "{:?} 有 {specialists} 名专科医师，但医师总数只有 {}；专科医师计入医师总数",
                short(&f.name), f.doctors
            ),
        ));
    }
    let e = &f.expansion;
    check_value(
        || at("facilities", i, "expansion.max_extra_beds"),
        e.max_extra_beds,
        &BEDS,
        out,
    );
    check_value(
        || at("facilities", i, "expansion.max_extra_doctors"),
        e.max_extra_doctors,
        &DOCTORS,
        out,
    );
    check_value(
        || at("facilities", i, "expansion.max_extra_elderly_care_beds"),
        e.max_extra_elderly_care_beds,
        &BEDS,
        out,
    );
    if let Some(c) = e.upgrade_cost_yuan {
        check_value(
            || at("facilities", i, "expansion.upgrade_cost_yuan"),
            c,
            &SITE_COST,
            out,
        );
    }
}

/// The numbers of candidate site `i`.
pub(crate) fn site_numbers(i: usize, c: &crate::scenario::CandidateSite, out: &mut Vec<Problem>) {
    use limits::*;
    check_value(
        || at("candidate_sites", i, "cost_yuan"),
        c.cost_yuan,
        &SITE_COST,
        out,
    );
    check_value(|| at("candidate_sites", i, "beds"), c.beds, &BEDS, out);
    check_value(
        || at("candidate_sites", i, "doctors"),
        c.doctors,
        &DOCTORS,
        out,
    );
}
