//! The estimated in-county treatment share as a target (`in_county_share`).
//! The model holds a conservative linear bound of the patient-choice
//! estimate, so on tiny regions, against brute force over every plan judged
//! by the checker's exact estimate: whenever the optimiser returns a plan it
//! is verified and costs at least the true optimum; whenever no plan meets
//! the target the optimiser says infeasible; and on a case worked by hand
//! the bound is tight.

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

/// Two units: west "U" (zones, a township centre, candidate sites) and east
/// "V" (a county hospital). Travel by straight line.
fn region(
    west_pops: &[f64],
    town_beds: f64,
    hospital_beds: f64,
    sites: &[(f64, f64)],
    room: f64,
) -> Scenario {
    let mut s = two_unit_region();
    s.zones = west_pops
        .iter()
        .enumerate()
        .map(|(i, p)| zone(&format!("z{i}"), [110.02 + 0.02 * i as f64, 35.1], *p))
        .collect();
    let mut v_zone = zone("zv", [110.19, 35.1], 100.0);
    v_zone.admin_unit = "V".into();
    s.zones.push(v_zone);
    let mut town = facility("t", Tier::TownshipHealthCentre, [110.02, 35.12], 5.0);
    town.beds = town_beds;
    town.expansion.max_extra_beds = room;
    let mut hosp = facility("h", Tier::CountyHospital, [110.15, 35.1], 50.0);
    hosp.admin_unit = "V".into();
    hosp.beds = hospital_beds;
    s.facilities = vec![town, hosp];
    s.candidate_sites = sites
        .iter()
        .enumerate()
        .map(|(k, (x, beds))| CandidateSite {
            id: format!("c{k}"),
            name: format!("c{k}"),
            tier: Tier::TownshipHealthCentre,
            location: [*x, 35.11],
            admin_unit: "U".into(),
            cost_yuan: 1e6 * (k as f64 + 1.0),
            beds: *beds,
            doctors: 0.0,
        })
        .collect();
    no_rules(&mut s);
    settle(s)
}

/// The cheapest plan the checker verifies, over every subset of candidate
/// sites and every number of beds at the township centre.
fn brute_force(s: &Scenario) -> Option<f64> {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let room = s.facilities[0].expansion.max_extra_beds as u32;
    let k = s.candidate_sites.len();
    let mut best: Option<f64> = None;
    for mask in 0u32..(1 << k) {
        for beds in 0..=room {
            let plan = Plan {
                open_sites: (0..k)
                    .filter(|j| mask & (1 << j) != 0)
                    .map(|j| s.candidate_sites[j].id.clone())
                    .collect(),
                beds: (beds > 0)
                    .then(|| BedsAdded {
                        facility: "t".into(),
                        beds: f64::from(beds),
                    })
                    .into_iter()
                    .collect(),
                ..Plan::default()
            };
            let c = check(s, &tt, &plan);
            if c.verified && best.is_none_or(|b| c.cost_yuan < b) {
                best = Some(c.cost_yuan);
            }
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Sound against brute force: a returned plan is verified and costs at
    /// least the true optimum; no plan meets the target ⇒ infeasible.
    #[test]
    fn the_bound_is_sound_against_brute_force(
        pops in prop::collection::vec(100.0f64..5000.0, 1..4),
        town_beds in 1.0f64..60.0,
        hospital_beds in 10.0f64..400.0,
        sites in prop::collection::vec((110.0f64..110.1, 5.0f64..80.0), 0..3),
        room in 0u32..12,
        target in 0.05f64..0.95,
    ) {
        let sites: Vec<(f64, f64)> = sites.into_iter().map(|(x, b)| (x, b.round())).collect();
        let mut s = region(&pops, town_beds.round(), hospital_beds.round(), &sites, f64::from(room));
        s.policy.in_county_share = Some(target);
        let best = brute_force(&s);
        for backend in [Choice::Highs, Choice::Microlp] {
            let r = solve_plan(&s, &PlanOptions { backend, time_limit: Some(20.0), ..Default::default() }).unwrap();
            match (&r.plan, best) {
                (Some(plan), Some(best)) => {
                    let tt = TravelTimes::compute(&s, &access_options_for(&s));
                    let c = check(&s, &tt, plan);
                    prop_assert!(c.verified, "{:?}: {:?}", backend, c.violations().collect::<Vec<_>>());
                    prop_assert!(c.cost_yuan + 1e-6 >= best, "{:?}: {} < {}", backend, c.cost_yuan, best);
                }
                (Some(plan), None) => {
                    prop_assert!(false, "{:?}: a plan {:?} where none meets the target", backend, plan);
                }
                (None, _) => prop_assert_eq!(r.outcome.status, Status::Infeasible, "{:?}", backend),
            }
        }
    }
}

#[test]
fn a_site_in_the_county_is_opened_when_the_share_needs_it() {
    // One western zone; the township centre (10 beds) and a candidate site
    // (40 beds) near it, the eastern county hospital (100 beds) farther.
    let mut s = region(&[1000.0], 10.0, 100.0, &[(110.03, 40.0)], 0.0);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let before = check(&s, &tt, &Plan::default());
    assert!(
        before
            .rules(&[])
            .iter()
            .all(|r| r.rule != RuleId::InCountyShare),
        "off: not judged"
    );
    s.policy.in_county_share = Some(0.0);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let today = check(&s, &tt, &Plan::default())
        .rules(&[])
        .into_iter()
        .find(|r| r.rule == RuleId::InCountyShare && r.unit == "U")
        .expect("the west is judged")
        .reached;
    let opened = Plan {
        open_sites: vec!["c0".into()],
        ..Plan::default()
    };
    let with_site = check(&s, &tt, &opened)
        .rules(&[])
        .into_iter()
        .find(|r| r.rule == RuleId::InCountyShare && r.unit == "U")
        .unwrap()
        .reached;
    assert!(with_site > today + 0.05, "{today} → {with_site}");
    // A target between the two: the site must open; beyond what it gives:
    // infeasible, and the diagnosis names the west.
    s.policy.in_county_share = Some((today + with_site) / 2.0);
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    assert_eq!(r.plan.unwrap().open_sites, vec!["c0".to_string()]);
    s.policy.in_county_share = Some((with_site + 1.0) / 2.0);
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Infeasible);
    assert!(r
        .shortfalls
        .iter()
        .any(|x| x.rule == "in_county_share" && x.scope == "U"));
}

#[test]
fn stay_weights_that_fall_with_tier_are_refused_with_the_target_on() {
    let mut p = Policy::default();
    p.patient_choice.stay_weights.county_hospital = 0.1;
    assert!(healthreach::validate::policy_problems(&p).is_empty());
    p.in_county_share = Some(0.8);
    let found = healthreach::validate::policy_problems(&p);
    assert!(found
        .iter()
        .any(|x| x.path == "$.policy.patient_choice.stay_weights"));
}

#[test]
fn beds_at_a_reachable_facility_count_though_another_in_the_unit_is_out_of_reach() {
    // The west's township centre may take 30 beds; a second centre of the
    // west lies far beyond the patient-choice model's reach. Beds are
    // decided per facility, so the near centre's beds count at their own
    // attraction (a bed decided per unit counted at the least of the two:
    // nothing, and the target was out of reach).
    let mut s = region(&[1000.0], 10.0, 100.0, &[], 30.0);
    let mut far = facility("far", Tier::TownshipHealthCentre, [113.0, 35.1], 5.0);
    far.beds = 10.0;
    far.expansion.max_extra_beds = 30.0;
    s.facilities.push(far);
    s.policy.in_county_share = Some(0.0);
    let s = settle(s);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let share = |plan: &Plan| {
        check(&s, &tt, plan)
            .rules(&[])
            .into_iter()
            .find(|r| r.rule == RuleId::InCountyShare && r.unit == "U")
            .expect("the west is judged")
            .reached
    };
    let today = share(&Plan::default());
    let full = share(&Plan {
        beds: vec![BedsAdded {
            facility: "t".into(),
            beds: 30.0,
        }],
        ..Plan::default()
    });
    assert!(full > today + 0.05, "{today} → {full}");
    let mut s = s;
    s.policy.in_county_share = Some(today + (full - today) / 4.0);
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal, "{:?}", r.shortfalls);
    let plan = r.plan.unwrap();
    assert!(check(&s, &tt, &plan).verified);
    assert!(!plan.beds.is_empty());
    assert!(
        plan.beds.iter().all(|b| b.facility == "t"),
        "{:?}",
        plan.beds
    );
}
