//! Numbers: finite, non-negative, whole where they count people or beds,
//! shares within 0–1, times and speeds positive.

use super::{at, Problem};
use crate::scenario::Scenario;

/// What a number measures, which decides what values are allowed.
#[derive(Clone, Copy)]
enum Kind {
    /// Persons, beds, posts: finite, ≥ 0, whole.
    Count(&'static str),
    /// Money or other amounts: finite, ≥ 0.
    Amount(&'static str),
    /// A share: 0–1.
    Share,
    /// A duration or speed that must be > 0.
    Positive(&'static str),
}

fn check_value(path: String, v: f64, kind: Kind, out: &mut Vec<Problem>) {
    if !v.is_finite() {
        out.push(Problem::error(path, format!("{v} is not a finite number")));
        return;
    }
    match kind {
        Kind::Count(unit) => {
            if v < 0.0 {
                out.push(Problem::error(
                    path,
                    format!("{v} {unit} is negative; a count must be 0 or more"),
                ));
            } else if v.fract() != 0.0 {
                out.push(Problem::error(
                    path,
                    format!("{v} {unit} is not a whole number"),
                ));
            }
        }
        Kind::Amount(unit) => {
            if v < 0.0 {
                out.push(Problem::error(
                    path,
                    format!("{v} {unit} is negative; it must be 0 or more"),
                ));
            }
        }
        Kind::Share => {
            if !(0.0..=1.0).contains(&v) {
                let hint = if v > 1.0 && v <= 100.0 {
                    format!(" (write {} for {v}%)", v / 100.0)
                } else {
                    String::new()
                };
                out.push(Problem::error(
                    path,
                    format!("share {v} is outside 0–1{hint}"),
                ));
            }
        }
        Kind::Positive(unit) => {
            if v <= 0.0 {
                out.push(Problem::error(
                    path,
                    format!("{v} {unit} must be greater than 0"),
                ));
            }
        }
    }
}

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    use Kind::*;
    for (i, u) in s.admin_units.iter().enumerate() {
        check_value(
            at("admin_units", i, "population"),
            u.population,
            Count("persons"),
            out,
        );
    }
    for (i, z) in s.zones.iter().enumerate() {
        check_value(
            at("zones", i, "population"),
            z.population,
            Count("persons"),
            out,
        );
        if let Some(a) = z.age_groups {
            check_value(
                at("zones", i, "age_groups.children_0_14"),
                a.children_0_14,
                Count("persons"),
                out,
            );
            check_value(
                at("zones", i, "age_groups.aged_65_plus"),
                a.aged_65_plus,
                Count("persons"),
                out,
            );
            let valid = |v: f64| v.is_finite() && v >= 0.0;
            // Only compare when every figure is itself valid (no knock-on messages).
            if valid(z.population)
                && valid(a.children_0_14)
                && valid(a.aged_65_plus)
                && a.children_0_14 + a.aged_65_plus > z.population
            {
                out.push(Problem::error(
                    at("zones", i, "age_groups"),
                    format!(
                        "children ({}) and residents 65+ ({}) together exceed the zone's population ({})",
                        a.children_0_14, a.aged_65_plus, z.population
                    ),
                ));
            }
        }
    }
    for (i, f) in s.facilities.iter().enumerate() {
        check_value(at("facilities", i, "beds"), f.beds, Count("beds"), out);
        check_value(
            at("facilities", i, "doctors"),
            f.doctors,
            Count("doctors"),
            out,
        );
        for (sp, n) in &f.specialists {
            let key = serde_json::to_value(sp)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            check_value(
                at("facilities", i, &format!("specialists.{key}")),
                *n,
                Count("specialists"),
                out,
            );
        }
        let specialists: f64 = f.specialists.values().sum();
        if specialists > f.doctors {
            out.push(Problem::error(
                at("facilities", i, "specialists"),
                format!(
                    "{specialists} specialists but only {} doctors at {:?}; specialists are counted among doctors",
                    f.doctors, f.name
                ),
            ));
        }
        let e = &f.expansion;
        check_value(
            at("facilities", i, "expansion.max_extra_beds"),
            e.max_extra_beds,
            Count("beds"),
            out,
        );
        check_value(
            at("facilities", i, "expansion.max_extra_doctors"),
            e.max_extra_doctors,
            Count("doctors"),
            out,
        );
        if let Some(c) = e.upgrade_cost_yuan {
            check_value(
                at("facilities", i, "expansion.upgrade_cost_yuan"),
                c,
                Amount("yuan"),
                out,
            );
        }
    }
    for (i, c) in s.candidate_sites.iter().enumerate() {
        check_value(
            at("candidate_sites", i, "cost_yuan"),
            c.cost_yuan,
            Amount("yuan"),
            out,
        );
        check_value(at("candidate_sites", i, "beds"), c.beds, Count("beds"), out);
        check_value(
            at("candidate_sites", i, "doctors"),
            c.doctors,
            Count("doctors"),
            out,
        );
    }
    if let Some(roads) = &s.roads {
        for (class, sp) in &roads.class_speeds {
            let key = serde_json::to_value(class)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            for (mode, v) in [
                ("walk_kmh", sp.walk_kmh),
                ("bike_kmh", sp.bike_kmh),
                ("drive_kmh", sp.drive_kmh),
            ] {
                check_value(
                    format!("$.roads.class_speeds.{key}.{mode}"),
                    v,
                    Amount("km/h"),
                    out,
                );
            }
        }
        for (i, l) in roads.links.iter().enumerate() {
            if l.line.len() < 2 {
                out.push(Problem::error(
                    at("roads.links", i, "line"),
                    format!(
                        "road link {:?} has {} position(s); a line needs at least 2",
                        l.id,
                        l.line.len()
                    ),
                ));
            }
            if let Some(sp) = l.speeds {
                for (mode, v) in [
                    ("walk_kmh", sp.walk_kmh),
                    ("bike_kmh", sp.bike_kmh),
                    ("drive_kmh", sp.drive_kmh),
                ] {
                    check_value(
                        at("roads.links", i, &format!("speeds.{mode}")),
                        v,
                        Amount("km/h"),
                        out,
                    );
                }
            }
        }
    }
    if let Some(t) = &s.travel_times {
        for (i, e) in t.entries.iter().enumerate() {
            check_value(
                at("travel_times.entries", i, "minutes"),
                e.minutes,
                Amount("minutes"),
                out,
            );
        }
    }
    check_policy(s, out);
}

fn check_policy(s: &Scenario, out: &mut Vec<Problem>) {
    use Kind::*;
    let p = &s.policy;
    check_value(
        "$.policy.coverage.minutes".into(),
        p.coverage.minutes,
        Positive("minutes"),
        out,
    );
    check_value(
        "$.policy.coverage.share".into(),
        p.coverage.share,
        Share,
        out,
    );
    if p.coverage.enabled && p.coverage.service_point_tiers.is_empty() {
        out.push(Problem::error(
            "$.policy.coverage.service_point_tiers",
            "no tier counts as a service point; list at least one tier or switch the coverage rule off",
        ));
    }
    if let Some(v) = p.ratios.beds_per_1000 {
        check_value(
            "$.policy.ratios.beds_per_1000".into(),
            v,
            Amount("beds per 1,000"),
            out,
        );
    }
    if let Some(v) = p.ratios.doctors_per_1000 {
        check_value(
            "$.policy.ratios.doctors_per_1000".into(),
            v,
            Amount("doctors per 1,000"),
            out,
        );
    }
    if let Some(v) = p.services.haemodialysis_min_population {
        check_value(
            "$.policy.services.haemodialysis_min_population".into(),
            v,
            Count("persons"),
            out,
        );
    }
    if let Some(v) = p.services.mental_health_min_population {
        check_value(
            "$.policy.services.mental_health_min_population".into(),
            v,
            Count("persons"),
            out,
        );
    }
    if let Some(r) = &p.services.paediatrics {
        check_value(
            "$.policy.services.paediatrics.minutes".into(),
            r.minutes,
            Positive("minutes"),
            out,
        );
        check_value(
            "$.policy.services.paediatrics.share".into(),
            r.share,
            Share,
            out,
        );
    }
    if let Some(v) = p.budget.money_yuan {
        check_value("$.policy.budget.money_yuan".into(), v, Amount("yuan"), out);
    }
    if let Some(v) = p.budget.doctor_pool {
        check_value(
            "$.policy.budget.doctor_pool".into(),
            v,
            Count("doctors"),
            out,
        );
    }
    check_value(
        "$.policy.secondment.source_release_share".into(),
        p.secondment.source_release_share,
        Share,
        out,
    );
    check_value(
        "$.policy.secondment.max_travel_minutes".into(),
        p.secondment.max_travel_minutes,
        Positive("minutes"),
        out,
    );
    let c = &p.unit_costs;
    for (field, v) in [
        ("bed_yuan", c.bed_yuan),
        ("specialist_post_yuan", c.specialist_post_yuan),
        ("service_opening_yuan", c.service_opening_yuan),
        ("secondment_yuan", c.secondment_yuan),
    ] {
        check_value(
            format!("$.policy.unit_costs.{field}"),
            v,
            Amount("yuan"),
            out,
        );
    }
    let t = &p.travel_time;
    if t.nearest_k == 0 {
        out.push(Problem::error(
            "$.policy.travel_time.nearest_k",
            "0 service points per zone leaves nobody assigned; use 1 or more (default 5)",
        ));
    }
    for tier in crate::scenario::Tier::ALL {
        if let Some(v) = t.capacity_residents.of(tier) {
            check_value(
                format!("$.policy.travel_time.capacity_residents.{}", tier.key()),
                v,
                Amount("persons"),
                out,
            );
        }
    }
}
