//! Small hand-made scenarios for tests.
#![allow(dead_code)]

use healthreach::scenario::*;

/// A 0.2° × 0.2° square region near (110 E, 35 N) with one admin unit.
pub fn square_region() -> Scenario {
    let ring = vec![
        [110.0, 35.0],
        [110.2, 35.0],
        [110.2, 35.2],
        [110.0, 35.2],
        [110.0, 35.0],
    ];
    Scenario {
        format: FORMAT.into(),
        region: Region {
            name: "测试区".into(),
            name_en: Some("Test".into()),
            crs: "EPSG:4326".into(),
        },
        sources: vec![],
        admin_units: vec![AdminUnit {
            urban: false,
            id: "U".into(),
            name: "测试县".into(),
            name_en: None,
            code: "000000".into(),
            boundary: Area(vec![vec![ring]]),
            population: 0.0,
        }],
        zones: vec![],
        facilities: vec![],
        candidate_sites: vec![],
        roads: None,
        travel_times: None,
        policy: Policy::default(),
    }
}

/// [`square_region`] with a second admin unit "V" (东县) sharing its
/// outline: tests place zones and facilities in either by id.
pub fn two_unit_region() -> Scenario {
    let mut s = square_region();
    let mut east = s.admin_units[0].clone();
    east.id = "V".into();
    east.name = "东县".into();
    east.code = "000001".into();
    s.admin_units.push(east);
    s
}

pub fn zone(id: &str, at: LonLat, population: f64) -> DemandZone {
    DemandZone {
        id: id.into(),
        admin_unit: "U".into(),
        location: at,
        area: None,
        population,
        age_groups: None,
    }
}

pub fn facility(id: &str, tier: Tier, at: LonLat, doctors: f64) -> Facility {
    Facility {
        id: id.into(),
        name: id.into(),
        tier,
        location: at,
        admin_unit: "U".into(),
        beds: 0.0,
        doctors,
        elderly_care_beds: 0.0,
        community: None,
        telemedicine_hub: None,
        specialists: Default::default(),
        services: vec![],
        expansion: Default::default(),
    }
}

pub fn road(id: &str, class: RoadClass, line: Vec<LonLat>) -> RoadLink {
    RoadLink {
        id: id.into(),
        class,
        line,
        speeds: None,
    }
}

/// Sets each admin unit's population to the sum of its zones.
pub fn settle(mut s: Scenario) -> Scenario {
    for u in &mut s.admin_units {
        u.population = s
            .zones
            .iter()
            .filter(|z| z.admin_unit == u.id)
            .map(|z| z.population)
            .sum();
    }
    s
}

/// The square region with zones on a line (0.03° apart) of these
/// populations, one township health centre at the west end, and
/// township-level candidate sites `(longitude, cost)`.
pub fn line_of_zones(pops: &[f64], sites: &[(f64, f64)]) -> Scenario {
    let mut s = square_region();
    s.zones = pops
        .iter()
        .enumerate()
        .map(|(i, p)| zone(&format!("z{i}"), [110.01 + 0.03 * i as f64, 35.1], *p))
        .collect();
    s.facilities = vec![facility(
        "f0",
        Tier::TownshipHealthCentre,
        [110.01, 35.1],
        0.0,
    )];
    s.candidate_sites = sites
        .iter()
        .enumerate()
        .map(|(k, (x, cost))| CandidateSite {
            id: format!("c{k}"),
            name: format!("c{k}"),
            tier: Tier::TownshipHealthCentre,
            location: [*x, 35.1],
            admin_unit: "U".into(),
            cost_yuan: *cost,
            beds: 0.0,
            doctors: 0.0,
        })
        .collect();
    s
}

/// The square region's policy with every rule off (coverage, ratios,
/// services) and no secondments: a test turns on the one it is about.
pub fn no_rules(s: &mut Scenario) {
    s.policy.coverage.enabled = false;
    s.policy.ratios.beds_per_1000 = None;
    s.policy.ratios.doctors_per_1000 = None;
    s.policy.ratios.elderly_care_beds_per_1000_aged_65 = None;
    s.policy.services.haemodialysis_min_population = None;
    s.policy.services.mental_health_min_population = None;
    s.policy.services.paediatrics = None;
    s.policy.secondment.enabled = false;
}

/// [`line_of_zones`] with only the coverage target on (ratios, service
/// rules and secondments off), at coverage share `share`.
pub fn coverage_only(pops: &[f64], sites: &[(f64, f64)], share: f64) -> Scenario {
    let mut s = line_of_zones(pops, sites);
    s.policy.ratios.beds_per_1000 = None;
    s.policy.ratios.doctors_per_1000 = None;
    s.policy.services.haemodialysis_min_population = None;
    s.policy.services.mental_health_min_population = None;
    s.policy.services.paediatrics = None;
    s.policy.secondment.enabled = false;
    s.policy.coverage.share = share;
    settle(s)
}

/// Every plan that only opens candidate sites: one per subset (bit `j` of
/// the index opens site `j`), with the sites' total cost.
pub fn site_subsets(s: &Scenario) -> Vec<(healthreach::plan::Plan, f64)> {
    let k = s.candidate_sites.len();
    (0..(1u32 << k))
        .map(|mask| {
            let open: Vec<&CandidateSite> = (0..k)
                .filter(|j| mask & (1 << j) != 0)
                .map(|j| &s.candidate_sites[j])
                .collect();
            let plan = healthreach::plan::Plan {
                open_sites: open.iter().map(|c| c.id.clone()).collect(),
                ..Default::default()
            };
            (plan, open.iter().map(|c| c.cost_yuan).sum())
        })
        .collect()
}

/// The cheapest of `plans` that the independent checker verifies (its
/// cost), or None when it verifies none: the brute-force tests' judge.
pub fn cheapest(
    s: &Scenario,
    plans: impl IntoIterator<Item = healthreach::plan::Plan>,
) -> Option<f64> {
    let tt = healthreach::access::TravelTimes::compute(
        s,
        &healthreach::optimise::plan::access_options_for(s),
    );
    let mut best: Option<f64> = None;
    for plan in plans {
        let c = healthreach::checker::check(s, &tt, &plan);
        if c.verified && best.is_none_or(|b| c.cost_yuan < b) {
            best = Some(c.cost_yuan);
        }
    }
    best
}

/// Generated regions (`(side, zones, townships, clinics, sites)` per
/// county, roads on a 40-node grid per county) whose targets a plan can meet:
/// every rule on but paediatric access (which generated regions rarely
/// meet); per shape the first seed of `seeds` for which some plan meets them,
/// the coverage share lowered a step at a time until one does. Panics when no
/// seed of a shape gives a plan.
pub fn feasible_generated(
    shapes: &[(usize, usize, usize, usize, usize)],
    seeds: std::ops::Range<u64>,
    meets: &dyn Fn(&Scenario) -> bool,
) -> Vec<(String, Scenario)> {
    use healthreach::bench::province::Province;
    use healthreach::rules::RuleId;
    shapes
        .iter()
        .map(|&(side, zones, townships, clinics, sites)| {
            seeds
                .clone()
                .find_map(|seed| {
                    let mut s = Province {
                        side,
                        zones,
                        townships,
                        clinics,
                        sites,
                        grid: 40 * side,
                    }
                    .generate(seed);
                    s.policy = RuleId::Paediatrics.turned_off(&s.policy);
                    while !meets(&s) {
                        if s.policy.coverage.share < 0.15 {
                            return None;
                        }
                        s.policy.coverage.share =
                            ((s.policy.coverage.share - 0.1) * 1000.0).round() / 1000.0;
                    }
                    Some((
                        format!("{side}×{side} counties, {zones} zones, seed {seed}"),
                        s,
                    ))
                })
                .unwrap_or_else(|| panic!("no seed of {side}×{side}, {zones} zones has a plan"))
        })
        .collect()
}
