//! The least-travel-time objective: equal to brute-force enumeration on tiny
//! uncapacitated cases, capacities respected, warm starts change nothing
//! but the starting point.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::Plan;
use healthreach::scenario::*;
use proptest::prelude::*;

fn exact() -> PlanOptions {
    PlanOptions {
        time_limit: Some(20.0),
        mip_gap: 0.0,
        ..Default::default()
    }
}

/// Zones on a line, one existing township health centre at the west end,
/// candidate sites with costs; only the money budget and the objective apply.
fn line_region(pops: &[f64], sites: &[(f64, f64)], budget: f64) -> Scenario {
    let mut s = line_of_zones(pops, sites);
    let p = &mut s.policy;
    p.coverage.enabled = false;
    p.ratios.beds_per_1000 = None;
    p.ratios.doctors_per_1000 = None;
    p.services.haemodialysis_min_population = None;
    p.services.mental_health_min_population = None;
    p.services.paediatrics = None;
    p.secondment.enabled = false;
    // No beds or posts to round: the budget applies exactly.
    p.unit_costs.bed_yuan = 0.0;
    p.unit_costs.specialist_post_yuan = 0.0;
    p.budget.money_yuan = Some(budget);
    p.objective = Objective::MinTravelTime;
    p.travel_time.capacity_residents = TierCapacities {
        township_health_centre: None,
        ..TierCapacities::default()
    };
    settle(s)
}

/// Mean minutes to the nearest open service point (pair-table limit when
/// none is within it), for a set of opened candidate sites.
fn mean_minutes(s: &Scenario, tt: &TravelTimes, open: &[bool]) -> f64 {
    let nf = s.facilities.len();
    let total: f64 = s.zones.iter().map(|z| z.population).sum();
    s.zones
        .iter()
        .enumerate()
        .map(|(z, zone)| {
            let m = tt.pairs[z]
                .iter()
                .filter(|(j, _)| (*j as usize) < nf || open[*j as usize - nf])
                .map(|(_, m)| *m as f64)
                .fold(tt.pair_minutes, f64::min);
            zone.population * m
        })
        .sum::<f64>()
        / total
}

/// Brute force over every affordable set of candidate sites.
fn brute_force(s: &Scenario) -> f64 {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let k = s.candidate_sites.len();
    let budget = s.policy.budget.money_yuan.unwrap();
    (0..(1u32 << k))
        .filter_map(|mask| {
            let open: Vec<bool> = (0..k).map(|j| mask & (1 << j) != 0).collect();
            let cost: f64 = (0..k)
                .filter(|j| open[*j])
                .map(|j| s.candidate_sites[j].cost_yuan)
                .sum();
            (cost <= budget).then(|| mean_minutes(s, &tt, &open))
        })
        .fold(f64::INFINITY, f64::min)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Without capacities the least mean travel time equals enumeration,
    /// the plan stays within budget and passes the checker.
    #[test]
    fn least_travel_time_equals_brute_force(
        pops in prop::collection::vec(100.0f64..5000.0, 2..7),
        sites in prop::collection::vec((110.0f64..110.2, 1.0f64..9.0), 1..5),
        budget in 0.0f64..20.0,
    ) {
        let sites: Vec<(f64, f64)> = sites.into_iter().map(|(x, c)| (x, (c * 1e6).round())).collect();
        let s = line_region(&pops, &sites, (budget * 1e6).round());
        let r = solve_plan(&s, &exact()).unwrap();
        prop_assert_eq!(r.outcome.status, Status::Optimal);
        let best = brute_force(&s);
        let got = r.outcome.objective.unwrap();
        prop_assert!((got - best).abs() < 1e-6 * best.max(1.0), "{} vs {}", got, best);
        let tt = TravelTimes::compute(&s, &access_options_for(&s));
        let plan = r.plan.unwrap();
        let c = check(&s, &tt, &plan);
        prop_assert!(c.verified);
        // The plan's own mean travel time is what the model said.
        let open: Vec<bool> = s.candidate_sites.iter().map(|k| plan.open_sites.contains(&k.id)).collect();
        prop_assert!((mean_minutes(&s, &tt, &open) - got).abs() < 1e-6 * got.max(1.0));
    }
}

#[test]
fn a_full_service_point_sends_the_overflow_to_the_next_one() {
    // Two zones of 800 at the existing centre, whose capacity is 1,000; a
    // candidate site 0.06° east can take the other 600 residents.
    let mut s = line_region(&[800.0, 800.0, 0.0, 1.0], &[(110.07, 1e6)], 1e6);
    s.zones[1].location = s.zones[0].location;
    s.policy
        .travel_time
        .capacity_residents
        .township_health_centre = Some(1_000.0);
    let s = settle(s);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let to_site = |z: usize| -> f64 {
        tt.pairs[z]
            .iter()
            .find(|(j, _)| *j == 1)
            .map_or(tt.pair_minutes, |(_, m)| *m as f64)
    };
    let at_home = |z: usize| -> f64 {
        tt.pairs[z]
            .iter()
            .find(|(j, _)| *j == 0)
            .map_or(tt.pair_minutes, |(_, m)| *m as f64)
    };
    let r = solve_plan(&s, &exact()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    assert_eq!(r.plan.as_ref().unwrap().open_sites, vec!["c0".to_string()]);
    // 1,000 residents at the centre, 600 at the site, the one in zone 3 at
    // whichever is nearer (the site has room).
    let expected = (1000.0 * at_home(0) + 600.0 * to_site(0) + to_site(3).min(at_home(3))) / 1601.0;
    let got = r.outcome.objective.unwrap();
    assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");

    // Without money for the site the 600 overflow at the pair-table limit.
    let mut poor = s.clone();
    poor.policy.budget.money_yuan = Some(0.0);
    let r = solve_plan(&poor, &exact()).unwrap();
    let expected =
        (1000.0 * at_home(0) + 600.0 * tt.pair_minutes + at_home(3).min(tt.pair_minutes)) / 1601.0;
    let got = r.outcome.objective.unwrap();
    assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
}

#[test]
fn demo_least_travel_time_within_a_budget_is_verified_and_beats_least_cost() {
    let mut s = healthreach::demo::weinan();
    s.policy.services.paediatrics = None;
    let least_cost = solve_plan(&s, &PlanOptions::default()).unwrap();
    let cost = least_cost.cost_yuan.unwrap();
    s.policy.objective = Objective::MinTravelTime;
    s.policy.budget.money_yuan = Some(cost * 1.2);
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert!(matches!(
        r.outcome.status,
        Status::Optimal | Status::Feasible
    ));
    assert!(r.outcome.gap.unwrap() <= 0.001 + 1e-9);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let plan = r.plan.as_ref().unwrap();
    assert!(check(&s, &tt, plan).verified);
    assert!(r.cost_yuan.unwrap() <= cost * 1.2);
    // More service points than the least-cost plan opened, for less travel.
    let lc_plan = least_cost.plan.as_ref().unwrap();
    assert!(plan.open_sites.len() > lc_plan.open_sites.len());
}

#[test]
fn a_warm_start_gives_the_same_optimum_as_a_cold_start() {
    let mut s = healthreach::demo::weinan();
    s.policy.services.paediatrics = None;
    let base = solve_plan(&s, &exact()).unwrap();
    s.policy.ratios.beds_per_1000 = Some(7.2);
    let cold = solve_plan(&s, &exact()).unwrap();
    let warm = solve_plan(
        &s,
        &PlanOptions {
            warm_start: base.plan.clone(),
            ..exact()
        },
    )
    .unwrap();
    // Rounding beds to whole numbers may leave a tiny gap; it is the same.
    assert_eq!(cold.outcome.status, warm.outcome.status);
    assert!(cold.outcome.gap.unwrap() < 0.01);
    assert!((cold.cost_yuan.unwrap() - warm.cost_yuan.unwrap()).abs() < 1.0);
    // A warm start that no longer fits (everything shut) is ignored.
    let shut = solve_plan(
        &s,
        &PlanOptions {
            warm_start: Some(Plan::default()),
            ..exact()
        },
    )
    .unwrap();
    assert!((shut.cost_yuan.unwrap() - cold.cost_yuan.unwrap()).abs() < 1.0);
}
