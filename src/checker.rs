//! The independent plan checker: applies a plan to the scenario and
//! recomputes every indicator and budget from scratch — travel times,
//! coverage, ratios, service rules, caps, secondment limits, cost. It never
//! reads solver variables; "verified" means every check passed.

use crate::access::TravelTimes;
use crate::optimise::plan::model::MIN_SPECIALISTS;
use crate::plan::Plan;
use crate::rules::RuleId;
use crate::scenario::{Objective, Scenario, Specialty, Tier};
use serde::Serialize;
use std::collections::HashMap;

/// One check of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What was checked (`beds_per_1000`, `budget`, `caps`, …).
    pub rule: String,
    /// Admin unit id, facility id, or `region`.
    pub scope: String,
    /// Required value (planner's unit).
    pub required: f64,
    /// Value after the plan.
    pub achieved: f64,
    /// Whether it holds.
    pub ok: bool,
    /// A sentence for the planner.
    pub message: String,
}

/// The checker's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// True only when every finding is ok.
    pub verified: bool,
    /// Cost of the plan (yuan), from the unit costs.
    pub cost_yuan: f64,
    /// Share of residents within the coverage threshold after the plan.
    pub coverage_share: f64,
    /// Every check, passed or not.
    pub findings: Vec<Finding>,
}

const TOL: f64 = 1e-6;

/// Where a policy rule stands after a plan, per unit it applies to (the
/// `rules` of `healthreach solve --json`).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RuleStatus {
    /// The rule.
    pub rule: RuleId,
    /// Admin unit id, or `region`.
    pub unit: String,
    /// The target (planner's unit: a share 0–1, per 1,000, or 1 = offered).
    pub target: f64,
    /// What the plan reaches, recomputed by the checker.
    pub reached: f64,
    /// Whether the target holds.
    pub met: bool,
    /// Whether the solver reported the target as met with no room to spare.
    pub binding: bool,
}

impl Check {
    /// Every policy rule's finding, with `binding` from the solver's list
    /// of `(rule, unit)` targets met exactly.
    pub fn rules(&self, binding: &[(String, String)]) -> Vec<RuleStatus> {
        self.findings
            .iter()
            .filter_map(|f| {
                let rule = RuleId::from_key(&f.rule)?;
                Some(RuleStatus {
                    rule,
                    unit: f.scope.clone(),
                    target: f.required,
                    reached: f.achieved,
                    met: f.ok,
                    binding: binding.iter().any(|(r, u)| *r == f.rule && *u == f.scope),
                })
            })
            .collect()
    }

    /// The findings that fail.
    pub fn violations(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.ok)
    }
}

/// A finding's scope for people: `id (name)` for an admin unit or a
/// facility, `from (name) → to (name)` for a secondment, else as it is.
pub fn scope_label(s: &Scenario, scope: &str) -> String {
    let one = |id: &str| {
        s.admin_unit(id)
            .map(|u| u.name.as_str())
            .or_else(|| s.place_name(id))
            .map_or(id.to_string(), |name| format!("{id} ({name})"))
    };
    match scope.split_once('→') {
        Some((a, b)) => format!("{} → {}", one(a.trim()), one(b.trim())),
        None => one(scope),
    }
}

fn finding(
    rule: &str,
    scope: &str,
    required: f64,
    achieved: f64,
    ok: bool,
    message: String,
) -> Finding {
    Finding {
        rule: rule.into(),
        scope: scope.into(),
        required,
        achieved,
        ok,
        message,
    }
}

/// Checks `plan` against scenario `s`; `tt` are travel times of `s` whose
/// pair table reaches the coverage and paediatric thresholds.
pub fn check(s: &Scenario, tt: &TravelTimes, plan: &Plan) -> Check {
    let mut out = Vec::new();
    let fac: HashMap<&str, usize> = s
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let site: HashMap<&str, usize> = s
        .candidate_sites
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let unknown = |id: &str, what: &str, out: &mut Vec<Finding>| {
        out.push(finding(
            "references",
            id,
            0.0,
            0.0,
            false,
            format!("the plan refers to {what} {id:?}, which is not in the scenario"),
        ));
    };
    let c = &s.policy.unit_costs;
    let mut cost = 0.0;
    let mut beds = vec![0.0; s.facilities.len()];
    let mut doctors_in = vec![0.0; s.facilities.len()];
    let mut doctors_out = vec![0.0; s.facilities.len()];
    let mut services: Vec<Vec<Specialty>> =
        s.facilities.iter().map(|f| f.services.clone()).collect();
    let mut tier: Vec<Tier> = s.facilities.iter().map(|f| f.tier).collect();
    let mut opened = vec![false; s.candidate_sites.len()];

    for id in &plan.open_sites {
        match site.get(id.as_str()) {
            Some(&k) => {
                opened[k] = true;
                cost += s.candidate_sites[k].cost_yuan;
            }
            None => unknown(id, "candidate site", &mut out),
        }
    }
    for id in &plan.upgrades {
        match fac.get(id.as_str()) {
            Some(&i) => match s.facilities[i]
                .expansion
                .upgrade_cost_yuan
                .filter(|_| tier[i].next().is_some())
            {
                Some(u) => {
                    cost += u;
                    tier[i] = tier[i].next().unwrap_or(tier[i]);
                }
                None => out.push(finding(
                    "caps",
                    id,
                    0.0,
                    1.0,
                    false,
                    format!(
                        "{} cannot be raised a tier (no upgrade cost in the scenario, or the top tier)",
                        s.facilities[i].name
                    ),
                )),
            },
            None => unknown(id, "facility", &mut out),
        }
    }
    // Quantities must be whole-or-fractional numbers ≥ 0: a negative one
    // would buy a target with resources taken away.
    let quantity = |what: &str, scope: &str, v: f64, out: &mut Vec<Finding>| {
        if !(v.is_finite() && v >= 0.0) {
            out.push(finding(
                "quantities",
                scope,
                0.0,
                v,
                false,
                format!("{what} at {scope}: {v} (must be a number ≥ 0)"),
            ));
        }
    };
    for b in &plan.beds {
        quantity("beds added", &b.facility, b.beds, &mut out);
        match fac.get(b.facility.as_str()) {
            Some(&i) => {
                beds[i] += b.beds;
                cost += c.bed_yuan * b.beds;
            }
            None => unknown(&b.facility, "facility", &mut out),
        }
    }
    let mut specialist_posts: HashMap<(usize, Specialty), f64> = HashMap::new();
    for p in &plan.posts {
        quantity("doctor posts", &p.facility, p.posts, &mut out);
        match fac.get(p.facility.as_str()) {
            Some(&i) => {
                doctors_in[i] += p.posts;
                if let Some(sp) = p.specialty {
                    *specialist_posts.entry((i, sp)).or_default() += p.posts;
                }
                cost += c.specialist_post_yuan * p.posts;
            }
            None => unknown(&p.facility, "facility", &mut out),
        }
    }
    for o in &plan.services {
        match fac.get(o.facility.as_str()) {
            Some(&i) => {
                cost += c.service_opening_yuan;
                let t = s.facilities[i].tier;
                if !o.specialty.may_open_at(t) {
                    out.push(finding(
                        "service_tier",
                        &o.facility,
                        0.0,
                        1.0,
                        false,
                        format!(
                            "{} ({}) may not offer {} (a {} may not)",
                            s.facilities[i].name,
                            o.facility,
                            o.specialty.key(),
                            t.key()
                        ),
                    ));
                }
                let have = s.facilities[i]
                    .specialists
                    .get(&o.specialty)
                    .copied()
                    .unwrap_or(0.0)
                    + specialist_posts
                        .get(&(i, o.specialty))
                        .copied()
                        .unwrap_or(0.0);
                out.push(finding(
                    "service_staff",
                    &o.facility,
                    MIN_SPECIALISTS,
                    have,
                    have + TOL >= MIN_SPECIALISTS,
                    format!(
                        "{} opens {:?} with {have} specialists (needs {MIN_SPECIALISTS})",
                        s.facilities[i].name, o.specialty
                    ),
                ));
                if !services[i].contains(&o.specialty) {
                    services[i].push(o.specialty);
                }
            }
            None => unknown(&o.facility, "facility", &mut out),
        }
    }
    // Secondments: sources, travel limit, release caps, pool, one-to-one.
    let rules = &s.policy.secondment;
    let mut released: HashMap<usize, f64> = HashMap::new();
    let mut pairs: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut pool = 0.0;
    for x in &plan.secondments {
        let (Some(&a), Some(&b)) = (fac.get(x.from.as_str()), fac.get(x.to.as_str())) else {
            unknown(
                &format!("{} → {}", x.from, x.to),
                "secondment between",
                &mut out,
            );
            continue;
        };
        quantity(
            "seconded doctors",
            &format!("{}→{}", x.from, x.to),
            x.doctors,
            &mut out,
        );
        let (ta, tb) = (s.facilities[a].tier, s.facilities[b].tier);
        if !ta.sends_secondees() || !tb.receives_secondees() || a == b {
            out.push(finding(
                "secondment_tiers",
                &format!("{}→{}", x.from, x.to),
                0.0,
                x.doctors,
                false,
                format!(
                    "{} ({}) → {} ({}): {}",
                    s.facilities[a].name,
                    ta.key(),
                    s.facilities[b].name,
                    tb.key(),
                    if a == b {
                        "a facility cannot second doctors to itself"
                    } else if !ta.sends_secondees() {
                        "only tertiary and city hospitals send seconded doctors"
                    } else {
                        "only county hospitals, township and community health centres receive seconded doctors"
                    }
                ),
            ));
        }
        pool += x.doctors;
        cost += c.secondment_yuan * x.doctors;
        doctors_in[b] += x.doctors;
        doctors_out[a] += x.doctors;
        *released.entry(a).or_default() += x.doctors;
        pairs.entry(b).or_default().push(a);
        let minutes = tt.site_to_sites(a as u32, &[b as u32])[0];
        let ok_time = minutes.is_some_and(|m| m <= rules.max_travel_minutes + 1e-6);
        out.push(finding(
            "secondment_travel",
            &format!("{}→{}", x.from, x.to),
            rules.max_travel_minutes,
            minutes.unwrap_or(f64::INFINITY),
            rules.enabled && ok_time,
            format!(
                "{} → {}: {} min (limit {} min)",
                s.facilities[a].name,
                s.facilities[b].name,
                minutes.map_or("unreachable".into(), |m| format!("{m:.1}")),
                rules.max_travel_minutes
            ),
        ));
    }
    for (a, n) in &released {
        let cap = (rules.source_release_share * s.facilities[*a].doctors).floor();
        out.push(finding(
            "secondment_release",
            &s.facilities[*a].id,
            cap,
            *n,
            *n <= cap + TOL,
            format!(
                "{} releases {n} doctors (at most {cap})",
                s.facilities[*a].name
            ),
        ));
    }
    if let Some(limit) = s.policy.budget.doctor_pool {
        out.push(finding(
            "doctor_pool",
            "region",
            limit,
            pool,
            pool <= limit + TOL,
            format!("{pool} doctors seconded (pool {limit})"),
        ));
    }
    if rules.one_to_one {
        for (b, sources) in &pairs {
            let mut u = sources.clone();
            u.sort_unstable();
            u.dedup();
            out.push(finding(
                "one_to_one",
                &s.facilities[*b].id,
                1.0,
                u.len() as f64,
                u.len() <= 1,
                format!(
                    "{} receives from {} source(s)",
                    s.facilities[*b].name,
                    u.len()
                ),
            ));
        }
    }
    // Caps.
    for (i, f) in s.facilities.iter().enumerate() {
        if beds[i] > 0.0 {
            let ok = beds[i] <= f.expansion.max_extra_beds + TOL && beds[i].fract() == 0.0;
            out.push(finding(
                "bed_cap",
                &f.id,
                f.expansion.max_extra_beds,
                beds[i],
                ok,
                format!(
                    "{}: {} beds added (cap {})",
                    f.name, beds[i], f.expansion.max_extra_beds
                ),
            ));
        }
        if doctors_in[i] > 0.0 {
            let ok = doctors_in[i] <= f.expansion.max_extra_doctors + TOL;
            out.push(finding(
                "doctor_cap",
                &f.id,
                f.expansion.max_extra_doctors,
                doctors_in[i],
                ok,
                format!(
                    "{}: takes in {} doctors (cap {})",
                    f.name, doctors_in[i], f.expansion.max_extra_doctors
                ),
            ));
        }
    }
    // Ratios per unit.
    for u in &s.admin_units {
        let pop = s.unit_population(&u.id);
        if pop <= 0.0 {
            continue;
        }
        let mut b = 0.0;
        let mut d = 0.0;
        for (i, f) in s
            .facilities
            .iter()
            .enumerate()
            .filter(|(_, f)| f.admin_unit == u.id)
        {
            b += f.beds + beds[i];
            d += f.doctors + doctors_in[i] - doctors_out[i];
        }
        for (k, c) in s
            .candidate_sites
            .iter()
            .enumerate()
            .filter(|(_, c)| c.admin_unit == u.id)
        {
            if opened[k] {
                b += c.beds;
                d += c.doctors;
            }
        }
        if let Some(t) = s.policy.ratios.beds_per_1000 {
            let v = b * 1000.0 / pop;
            out.push(finding(
                RuleId::BedsPer1000.key(),
                &u.id,
                t,
                v,
                v + TOL >= t,
                format!("{} beds per 1,000: {v:.3} (target {t})", u.name),
            ));
        }
        if let Some(t) = s.policy.ratios.doctors_per_1000 {
            let v = d * 1000.0 / pop;
            out.push(finding(
                RuleId::DoctorsPer1000.key(),
                &u.id,
                t,
                v,
                v + TOL >= t,
                format!("{} doctors per 1,000: {v:.3} (target {t})", u.name),
            ));
        }
        for (rule, sp, threshold) in [
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
        ] {
            if let Some(th) = threshold.filter(|th| pop > *th) {
                let has = s.facilities.iter().enumerate().any(|(i, f)| {
                    f.admin_unit == u.id && services[i].contains(&sp) && sp.counts_at(tier[i])
                });
                out.push(finding(
                    rule.key(),
                    &u.id,
                    1.0,
                    f64::from(u8::from(has)),
                    has,
                    format!(
                        "{} ({} residents > {th}): {rule} {}",
                        u.name,
                        pop,
                        if has { "offered" } else { "missing" }
                    ),
                ));
            }
        }
    }
    // Coverage, recomputed from travel times over the plan's service points.
    let counts = |t: Tier| s.policy.coverage.service_point_tiers.contains(&t);
    let nf = s.facilities.len() as u32;
    let points: Vec<u32> = (0..s.facilities.len())
        .filter(|&i| counts(tier[i]))
        .map(|i| i as u32)
        .chain(
            (0..s.candidate_sites.len())
                .filter(|&k| opened[k] && counts(s.candidate_sites[k].tier))
                .map(|k| nf + k as u32),
        )
        .collect();
    let near = crate::indicators::nearest_minutes(tt, &points);
    let cov = crate::indicators::coverage_within(s, &near, s.policy.coverage.minutes);
    let informational = matches!(
        s.policy.objective,
        Objective::MaxCoverage | Objective::Weighted { .. }
    );
    if s.policy.coverage.enabled {
        let t = s.policy.coverage.share;
        out.push(finding(
            RuleId::Coverage.key(),
            "region",
            t,
            cov.share,
            informational || cov.share + TOL >= t,
            format!(
                "{:.2}% of residents within {} min (target {:.1}%{})",
                cov.share * 100.0,
                s.policy.coverage.minutes,
                t * 100.0,
                if informational {
                    ", maximised as the objective"
                } else {
                    ""
                }
            ),
        ));
        if s.policy.coverage.per_admin_unit && !informational {
            for u in &cov.units {
                out.push(finding(
                    RuleId::Coverage.key(),
                    &u.id,
                    t,
                    u.share,
                    u.population <= 0.0 || u.share + TOL >= t,
                    format!(
                        "{}: {:.2}% within {} min",
                        u.name,
                        u.share * 100.0,
                        s.policy.coverage.minutes
                    ),
                ));
            }
        }
    }
    // Paediatrics.
    if let Some(rule) = &s.policy.services.paediatrics {
        let paed: Vec<u32> = (0..s.facilities.len())
            .filter(|&i| services[i].contains(&Specialty::Paediatrics))
            .map(|i| i as u32)
            .collect();
        let near = crate::indicators::nearest_minutes(tt, &paed);
        let (mut kids, mut within) = (0.0, 0.0);
        for (z, zone) in s.zones.iter().enumerate() {
            let k = zone.age_groups.map_or(0.0, |a| a.children_0_14);
            kids += k;
            if near[z].is_some_and(|m| m <= rule.minutes) {
                within += k;
            }
        }
        if kids > 0.0 {
            let share = within / kids;
            out.push(finding(
                RuleId::Paediatrics.key(),
                "region",
                rule.share,
                share,
                share + TOL >= rule.share,
                format!(
                    "{:.2}% of children within {} min of paediatric care (target {:.1}%)",
                    share * 100.0,
                    rule.minutes,
                    rule.share * 100.0
                ),
            ));
        }
    }
    if let Some(money) = s.policy.budget.money_yuan {
        out.push(finding(
            "budget",
            "region",
            money,
            cost,
            cost <= money * (1.0 + 1e-9) + TOL,
            format!("cost {cost:.0} yuan (budget {money:.0})"),
        ));
    }
    Check {
        verified: out.iter().all(|f| f.ok),
        cost_yuan: cost,
        coverage_share: cov.share,
        findings: out,
    }
}
