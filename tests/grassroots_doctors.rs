//! The doctors-at-every-grassroots-centre rule (`grassroots_doctors`) and
//! the county medical community's own secondments (县管乡用): on tiny
//! regions the optimiser's plan costs exactly what enumerating every whole
//! mix of lead-hospital secondees and posts at each centre finds (each
//! plan checked by the independent checker); a lead may second only to its
//! own community's centres, within its release share; and a region that
//! names no community has its units' county hospitals as leads.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::optimise::engine::Choice;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::{Plan, PostsAdded, Secondment};
use healthreach::scenario::*;
use proptest::prelude::*;

/// One centre: (doctors today, room for more, belongs to the community).
type Centre = (f64, f64, bool);

/// The square region: a lead county hospital "L" with `lead_doctors`
/// (its community "L"), a second county hospital "K" leading nothing, and
/// township centres `c0…` with their doctors, room and membership; one
/// zone of residents; the centre-doctors rule at `target`, secondments on
/// at `share` of the lead's doctors.
fn region(lead_doctors: f64, centres: &[Centre], target: f64, share: f64) -> Scenario {
    let mut s = square_region();
    s.zones = vec![zone("z", [110.1, 35.1], 10_000.0)];
    let mut lead = facility("L", Tier::CountyHospital, [110.1, 35.1], lead_doctors);
    lead.community = Some("L".into());
    let other = facility("K", Tier::CountyHospital, [110.12, 35.1], 200.0);
    s.facilities = vec![lead, other];
    for (i, (doctors, room, member)) in centres.iter().enumerate() {
        let mut f = facility(
            &format!("c{i}"),
            Tier::TownshipHealthCentre,
            [110.05 + 0.02 * i as f64, 35.05],
            *doctors,
        );
        f.expansion.max_extra_doctors = *room;
        f.community = member.then(|| "L".into());
        s.facilities.push(f);
    }
    no_rules(&mut s);
    s.policy.secondment.enabled = true;
    s.policy.secondment.lead_release_share = share;
    s.policy.ratios.doctors_per_grassroots_centre = Some(target);
    settle(s)
}

fn secondment(from: &str, to: &str, doctors: f64) -> Secondment {
    Secondment {
        from: from.into(),
        to: to.into(),
        doctors,
        minutes: 0.0,
    }
}

/// The cheapest verified plan among every whole (secondees, posts) pair
/// per centre within its room, the secondees from its lead when it has one.
fn brute_force(s: &Scenario) -> Option<f64> {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let centres: Vec<usize> = (0..s.facilities.len())
        .filter(|&i| s.facilities[i].tier.is_grassroots_centre())
        .collect();
    let room = |i: usize| s.facilities[i].expansion.max_extra_doctors as u32;
    let mut best: Option<f64> = None;
    // Per centre: (secondees, posts); odometer over both.
    let mut pick = vec![(0u32, 0u32); centres.len()];
    loop {
        let mut plan = Plan::default();
        for (k, &i) in centres.iter().enumerate() {
            let (n, p) = pick[k];
            let id = &s.facilities[i].id;
            if n > 0 {
                plan.secondments.push(secondment("L", id, f64::from(n)));
            }
            if p > 0 {
                plan.posts.push(PostsAdded {
                    facility: id.clone(),
                    specialty: None,
                    posts: f64::from(p),
                });
            }
        }
        let c = check(s, &tt, &plan);
        if c.verified && best.is_none_or(|b| c.cost_yuan < b) {
            best = Some(c.cost_yuan);
        }
        let mut k = 0;
        loop {
            if k == pick.len() {
                return best;
            }
            let i = centres[k];
            let lead = s.community_lead_of(i).is_some();
            let (n, p) = &mut pick[k];
            if *n + *p < room(i) {
                *p += 1;
                break;
            }
            if lead && *n < room(i) {
                *n += 1;
                *p = 0;
                break;
            }
            *n = 0;
            *p = 0;
            k += 1;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// The optimiser's cost equals brute force (HiGHS proves it, microlp
    /// rounds); when no mix meets the target, it says infeasible.
    #[test]
    fn optimum_equals_brute_force(
        lead_doctors in 0.0f64..60.0,
        centres in prop::collection::vec((0.0f64..6.0, 0.0f64..4.0, any::<bool>()), 1..4),
        target in 1.0f64..8.0,
        share in prop_oneof![Just(0.0), Just(0.05), Just(0.1)],
    ) {
        let centres: Vec<Centre> = centres
            .into_iter()
            .map(|(d, r, m)| (d.floor(), r.floor(), m))
            .collect();
        let s = region(lead_doctors.floor(), &centres, target.floor(), share);
        let best = brute_force(&s);
        for backend in [Choice::Highs, Choice::Microlp] {
            let r = solve_plan(&s, &PlanOptions { backend, time_limit: Some(20.0), ..Default::default() }).unwrap();
            match best {
                Some(best) => {
                    match backend {
                        Choice::Microlp => prop_assert!(matches!(r.outcome.status, Status::Optimal | Status::Feasible)),
                        _ => prop_assert_eq!(r.outcome.status, Status::Optimal, "{:?}", backend),
                    }
                    let tt = TravelTimes::compute(&s, &access_options_for(&s));
                    let c = check(&s, &tt, r.plan.as_ref().unwrap());
                    prop_assert!(c.verified, "{:?}", c.violations().collect::<Vec<_>>());
                    // microlp rounds continuous quantities: never cheaper
                    // than the optimum, and HiGHS equals it.
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

/// With room to spare, the lead's secondees (120,000 yuan) are chosen over
/// posts (250,000); past the lead's release share, posts make up the rest.
#[test]
fn secondees_first_then_posts() {
    let s = region(40.0, &[(2.0, 6.0, true), (3.0, 6.0, true)], 6.0, 0.1);
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    let plan = r.plan.unwrap();
    let seconded: f64 = plan.secondments.iter().map(|x| x.doctors).sum();
    let posts: f64 = plan.posts.iter().map(|x| x.posts).sum();
    assert!(plan.secondments.iter().all(|x| x.from == "L"));
    // 4 + 3 doctors short; the lead releases ⌊0.1 × 40⌋ = 4.
    assert_eq!(seconded, 4.0);
    assert_eq!(posts, 3.0);
    assert_eq!(r.cost_yuan.unwrap(), 4.0 * 120_000.0 + 3.0 * 250_000.0);
}

/// A county hospital seconds only to its own community's centres, within
/// its release share; a hospital that leads nothing seconds to no centre.
#[test]
fn only_the_own_lead_seconds_within_its_share() {
    let s = region(40.0, &[(2.0, 6.0, true), (2.0, 6.0, false)], 4.0, 0.1);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let fails = |plan: &Plan| -> Vec<String> {
        check(&s, &tt, plan)
            .violations()
            .map(|f| f.rule.clone())
            .collect()
    };
    let with = |x: Vec<Secondment>| Plan {
        secondments: x,
        ..Plan::default()
    };
    // Its own centre: fine for the secondment (c1 still short).
    assert_eq!(
        fails(&with(vec![secondment("L", "c0", 2.0)])),
        vec!["grassroots_doctors"]
    );
    // Another community's (here: none) centre, or from a non-lead.
    assert!(
        fails(&with(vec![secondment("L", "c1", 2.0)])).contains(&"secondment_tiers".to_string())
    );
    assert!(
        fails(&with(vec![secondment("K", "c0", 2.0)])).contains(&"secondment_tiers".to_string())
    );
    // Past ⌊0.1 × 40⌋ = 4 doctors.
    let mut big = region(40.0, &[(2.0, 6.0, true), (2.0, 6.0, true)], 4.0, 0.1);
    big.facilities[2].expansion.max_extra_doctors = 6.0;
    let tt = TravelTimes::compute(&big, &access_options_for(&big));
    let plan = with(vec![secondment("L", "c0", 3.0), secondment("L", "c1", 2.0)]);
    let names: Vec<String> = check(&big, &tt, &plan)
        .violations()
        .map(|f| f.rule.clone())
        .collect();
    assert_eq!(names, vec!["secondment_release"]);
}

/// A region naming no community: each unit's county hospital with the most
/// beds leads its centres, and the solver uses it.
#[test]
fn without_communities_the_units_county_hospital_leads() {
    let mut s = region(40.0, &[(2.0, 6.0, false)], 5.0, 0.1);
    for f in &mut s.facilities {
        f.community = None;
    }
    s.facilities[1].beds = 500.0; // "K" now has the most beds
    assert_eq!(s.community_lead_of(2), Some(1));
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    let plan = r.plan.unwrap();
    assert_eq!(plan.secondments.len(), 1);
    assert_eq!(plan.secondments[0].from, "K");
    assert_eq!(plan.secondments[0].doctors, 3.0);
}
