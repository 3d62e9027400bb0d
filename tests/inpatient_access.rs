//! The inpatient-access rule (`inpatient_access`): on tiny regions the
//! optimiser's plan costs exactly what enumerating every choice of
//! facilities to bring up to the rule's bed count finds (each plan checked
//! by the independent checker), and the beds land at the facility chosen.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::optimise::engine::Choice;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::{BedsAdded, Plan};
use healthreach::scenario::*;
use proptest::prelude::*;

/// The square region with zones of `pops` on a line 0.03° apart, township
/// centres `(longitude, beds today, bed cap)`, and only the inpatient rule
/// on (`minutes`, `share`, 10 beds).
fn region(pops: &[f64], centres: &[(f64, f64, f64)], minutes: f64, share: f64) -> Scenario {
    let mut s = square_region();
    s.zones = pops
        .iter()
        .enumerate()
        .map(|(i, p)| zone(&format!("z{i}"), [110.01 + 0.03 * i as f64, 35.1], *p))
        .collect();
    s.facilities = centres
        .iter()
        .enumerate()
        .map(|(i, (x, beds, cap))| {
            let mut f = facility(
                &format!("f{i}"),
                Tier::TownshipHealthCentre,
                [*x, 35.1],
                5.0,
            );
            f.beds = *beds;
            f.expansion.max_extra_beds = *cap;
            f
        })
        .collect();
    no_rules(&mut s);
    s.policy.services.inpatient_access = Some(InpatientAccessRule {
        minutes,
        share,
        min_beds: 10.0,
    });
    settle(s)
}

/// The cheapest verified plan among every set of facilities brought up to
/// 10 beds (each within its cap).
fn brute_force(s: &Scenario) -> Option<f64> {
    let n = s.facilities.len();
    cheapest(
        s,
        (0..(1u32 << n)).map(|mask| {
            let beds: Vec<BedsAdded> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| {
                    let f = &s.facilities[i];
                    BedsAdded {
                        facility: f.id.clone(),
                        beds: (10.0 - f.beds).max(0.0),
                    }
                })
                .collect();
            Plan {
                beds,
                ..Plan::default()
            }
        }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn optimum_equals_brute_force(
        pops in prop::collection::vec(100.0f64..5000.0, 1..5),
        centres in prop::collection::vec((110.0f64..110.15, 0.0f64..14.0, 0.0f64..12.0), 1..4),
        minutes in 3.0f64..15.0,
        share in 0.3f64..1.0,
    ) {
        let centres: Vec<_> = centres.into_iter().map(|(x, b, c)| (x, b.floor(), c.floor())).collect();
        let s = region(&pops, &centres, minutes.floor(), share);
        let best = brute_force(&s);
        for backend in [Choice::Highs, Choice::Microlp] {
            let r = solve_plan(&s, &PlanOptions { backend, time_limit: Some(20.0), ..Default::default() }).unwrap();
            match best {
                Some(best) => {
                    prop_assert!(matches!(r.outcome.status, Status::Optimal | Status::Feasible), "{:?}", backend);
                    let tt = TravelTimes::compute(&s, &access_options_for(&s));
                    let c = check(&s, &tt, r.plan.as_ref().unwrap());
                    prop_assert!(c.verified, "{:?}", c.violations().collect::<Vec<_>>());
                    match backend {
                        Choice::Microlp => prop_assert!(r.cost_yuan.unwrap() >= best - 1e-6),
                        _ => prop_assert!((r.cost_yuan.unwrap() - best).abs() < 1e-6, "{:?} vs {}", r.cost_yuan, best),
                    }
                }
                None => prop_assert_eq!(r.outcome.status, Status::Infeasible, "{:?}", backend),
            }
        }
    }
}

/// The east zones are reached only if the east centre gets its beds: it
/// gets exactly the 8 it lacks, at 300,000 yuan each (the middle zone is
/// out of reach of both).
#[test]
fn the_beds_go_to_the_facility_that_reaches_the_zones() {
    let s = region(
        &[1000.0, 1000.0, 1000.0, 1000.0, 1000.0],
        &[(110.01, 20.0, 10.0), (110.13, 2.0, 10.0)],
        8.0,
        0.8,
    );
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    let plan = r.plan.unwrap();
    assert_eq!(
        plan.beds,
        vec![BedsAdded {
            facility: "f1".into(),
            beds: 8.0
        }]
    );
    assert_eq!(r.cost_yuan.unwrap(), 8.0 * 300_000.0);
}
