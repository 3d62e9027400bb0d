//! The integrated medical-and-elderly-care bed rule (`elderly_care_beds`):
//! on tiny regions the optimiser's plan costs exactly what enumerating
//! every whole allocation of beds to facilities finds (and the checker
//! verifies it), beds go only to tiers that may hold them and within each
//! facility's cap, and the rule counts residents aged 65+ only.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::optimise::engine::Choice;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::{BedsAdded, Plan};
use healthreach::rules::RuleId;
use healthreach::scenario::*;
use proptest::prelude::*;

/// Two admin units (west "U", east "V") of the square region; zones with
/// `aged` residents aged 65+ each (10× as many residents); facilities
/// `(tier, unit, elderly beds today, cap)`.
fn region(aged: &[(f64, bool)], facilities: &[(Tier, bool, f64, f64)], target: f64) -> Scenario {
    let mut s = two_unit_region();
    s.zones = aged
        .iter()
        .enumerate()
        .map(|(i, (a, in_east))| {
            let mut z = zone(&format!("z{i}"), [110.02 + 0.01 * i as f64, 35.1], a * 10.0);
            z.admin_unit = if *in_east { "V" } else { "U" }.into();
            z.age_groups = Some(AgeGroups {
                children_0_14: a * 1.5,
                aged_65_plus: *a,
            });
            z
        })
        .collect();
    s.facilities = facilities
        .iter()
        .enumerate()
        .map(|(i, (tier, in_east, today, cap))| {
            let mut f = facility(
                &format!("f{i}"),
                *tier,
                [110.05, 35.05 + 0.01 * i as f64],
                5.0,
            );
            f.admin_unit = if *in_east { "V" } else { "U" }.into();
            f.elderly_care_beds = *today;
            f.expansion.max_extra_elderly_care_beds = *cap;
            f
        })
        .collect();
    no_rules(&mut s);
    s.policy.ratios.elderly_care_beds_per_1000_aged_65 = Some(target);
    settle(s)
}

/// The cheapest verified plan among every whole allocation 0..=cap per
/// facility (each checked by the independent checker).
fn brute_force(s: &Scenario) -> Option<f64> {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let caps: Vec<u32> = s
        .facilities
        .iter()
        .map(|f| f.expansion.max_extra_elderly_care_beds as u32)
        .collect();
    let mut best: Option<f64> = None;
    let mut counts = vec![0u32; caps.len()];
    loop {
        let plan = Plan {
            elderly_care_beds: counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| BedsAdded {
                    facility: s.facilities[i].id.clone(),
                    beds: f64::from(*n),
                })
                .collect(),
            ..Plan::default()
        };
        let c = check(s, &tt, &plan);
        if c.verified && best.is_none_or(|b| c.cost_yuan < b) {
            best = Some(c.cost_yuan);
        }
        // Next allocation (odometer).
        let mut k = 0;
        loop {
            if k == counts.len() {
                return best;
            }
            if counts[k] < caps[k] {
                counts[k] += 1;
                break;
            }
            counts[k] = 0;
            k += 1;
        }
    }
}

fn tier() -> impl Strategy<Value = Tier> {
    prop_oneof![
        Just(Tier::VillageClinic),
        Just(Tier::TownshipHealthCentre),
        Just(Tier::CommunityHealthCentre),
        Just(Tier::CountyHospital),
        Just(Tier::CityHospital),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// The optimiser's cost equals brute force, with HiGHS (proven optimal)
    /// and microlp (rounded, so only feasible);
    /// when no allocation meets the target, it says infeasible.
    #[test]
    fn optimum_equals_brute_force(
        aged in prop::collection::vec((50.0f64..900.0, any::<bool>()), 1..4),
        facilities in prop::collection::vec((tier(), any::<bool>(), 0.0f64..3.0, 0.0f64..4.0), 1..4),
        target in 0.5f64..8.0,
    ) {
        let facilities: Vec<_> = facilities
            .into_iter()
            .map(|(t, e, today, cap)| (t, e, today.floor(), cap.floor()))
            .collect();
        let s = region(&aged, &facilities, target);
        let best = brute_force(&s);
        for backend in [Choice::Highs, Choice::Microlp] {
            let r = solve_plan(&s, &PlanOptions { backend, time_limit: Some(20.0), ..Default::default() }).unwrap();
            match best {
                Some(best) => {
                    // microlp decides beds as continuous quantities and
                    // rounds them up afterwards: its plan is the optimum,
                    // but it cannot prove it (its bound is the LP's).
                    match backend {
                        Choice::Microlp => prop_assert!(matches!(r.outcome.status, Status::Optimal | Status::Feasible)),
                        _ => prop_assert_eq!(r.outcome.status, Status::Optimal, "{:?}", backend),
                    }
                    prop_assert!((r.cost_yuan.unwrap() - best).abs() < 1e-6, "{:?}: {:?} vs {}", backend, r.cost_yuan, best);
                    let tt = TravelTimes::compute(&s, &access_options_for(&s));
                    let c = check(&s, &tt, r.plan.as_ref().unwrap());
                    prop_assert!(c.verified, "{:?}", c.violations().collect::<Vec<_>>());
                }
                None => prop_assert_eq!(r.outcome.status, Status::Infeasible, "{:?}", backend),
            }
        }
    }
}

#[test]
fn beds_go_only_to_tiers_that_may_hold_them_within_caps() {
    // West: 1,000 aged 65+, target 5 per 1,000 → 5 beds. A village clinic
    // with a large cap may not hold them; the township centre (cap 3) and
    // the county hospital (cap 10) may.
    let s = region(
        &[(1000.0, false)],
        &[
            (Tier::VillageClinic, false, 0.0, 50.0),
            (Tier::TownshipHealthCentre, false, 0.0, 3.0),
            (Tier::CountyHospital, false, 0.0, 10.0),
        ],
        5.0,
    );
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    let plan = r.plan.unwrap();
    let total: f64 = plan.elderly_care_beds.iter().map(|b| b.beds).sum();
    assert_eq!(total, 5.0, "{plan:?}");
    assert!(plan.elderly_care_beds.iter().all(|b| b.facility != "f0"));
    assert!(plan
        .elderly_care_beds
        .iter()
        .all(|b| b.facility != "f1" || b.beds <= 3.0));
    assert_eq!(
        r.cost_yuan,
        Some(5.0 * s.policy.unit_costs.elderly_care_bed_yuan)
    );
    // The checker names beds at a village clinic, and beds past a cap.
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let bad = Plan {
        elderly_care_beds: vec![
            BedsAdded {
                facility: "f0".into(),
                beds: 5.0,
            },
            BedsAdded {
                facility: "f1".into(),
                beds: 4.0,
            },
        ],
        ..Plan::default()
    };
    let c = check(&s, &tt, &bad);
    let failed: Vec<&str> = c.violations().map(|f| f.rule.as_str()).collect();
    assert!(failed.contains(&"elderly_care_tier"), "{failed:?}");
    assert!(failed.contains(&"elderly_care_bed_cap"), "{failed:?}");
    // Every finding reads in Chinese as well.
    assert!(c.violations().all(|f| !f.message_zh.is_empty()));
}

#[test]
fn only_residents_aged_65_and_over_count_and_general_beds_do_not() {
    // 2,000 aged in the west: target 3 → 6 beds; 4 are there today.
    let mut s = region(
        &[(2000.0, false)],
        &[(Tier::TownshipHealthCentre, false, 4.0, 10.0)],
        3.0,
    );
    // General beds, however many, do not count toward this rule.
    s.facilities[0].beds = 500.0;
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    let plan = r.plan.unwrap();
    assert_eq!(plan.elderly_care_beds.len(), 1);
    assert_eq!(plan.elderly_care_beds[0].beds, 2.0);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let c = check(&s, &tt, &plan);
    let rules = c.rules(&[]);
    let west = rules
        .iter()
        .find(|x| x.rule == RuleId::ElderlyCareBeds && x.unit == "U")
        .expect("the west unit is judged");
    assert!((west.reached - 3.0).abs() < 1e-9, "{west:?}");
    // The east unit has no residents aged 65+: the rule does not apply there.
    assert!(!rules
        .iter()
        .any(|x| x.rule == RuleId::ElderlyCareBeds && x.unit == "V"));
}
