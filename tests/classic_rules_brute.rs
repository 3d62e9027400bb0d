//! The classic rules against brute force on tiny regions: beds per 1,000
//! (general beds decided per facility, and candidate sites with beds),
//! doctors per 1,000 (posts), a service in every populous unit
//! (haemodialysis, mental health) and paediatric access. For each, every
//! whole allocation or set of yes/no decisions is judged by the independent
//! checker; the optimiser's plan is verified and, with HiGHS, costs exactly
//! the cheapest verified one (microlp's rounded plan costs at least that);
//! when none is verified the optimiser says infeasible.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::optimise::engine::Choice;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::{BedsAdded, Plan, PostsAdded, ServiceOpened};
use healthreach::scenario::*;
use proptest::prelude::*;

const MIN_SPECIALISTS: f64 = 2.0;

/// A facility of the tiny region: tier, in the east unit, beds today, bed
/// cap, doctors today, doctor cap.
type Spec = (Tier, bool, f64, f64, f64, f64);

/// Two units (west "U", east "V"); zones `(residents, in the east)` on a
/// line 0.02° apart, each with 15% children; facilities spread along it;
/// candidate township sites in the west `(longitude, beds, cost)`.
fn region(zones: &[(f64, bool)], facilities: &[Spec], sites: &[(f64, f64, f64)]) -> Scenario {
    let mut s = two_unit_region();
    s.zones = zones
        .iter()
        .enumerate()
        .map(|(i, (p, east))| {
            let mut z = zone(&format!("z{i}"), [110.01 + 0.02 * i as f64, 35.1], *p);
            z.admin_unit = if *east { "V" } else { "U" }.into();
            z.age_groups = Some(AgeGroups {
                children_0_14: (p * 0.15).round(),
                aged_65_plus: (p * 0.12).round(),
            });
            z
        })
        .collect();
    s.facilities = facilities
        .iter()
        .enumerate()
        .map(|(i, (tier, east, beds, bed_cap, doctors, doctor_cap))| {
            let mut f = facility(
                &format!("f{i}"),
                *tier,
                [110.02 + 0.05 * i as f64, 35.12],
                *doctors,
            );
            f.admin_unit = if *east { "V" } else { "U" }.into();
            f.beds = *beds;
            f.expansion.max_extra_beds = *bed_cap;
            f.expansion.max_extra_doctors = *doctor_cap;
            f
        })
        .collect();
    s.candidate_sites = sites
        .iter()
        .enumerate()
        .map(|(k, (x, beds, cost))| CandidateSite {
            id: format!("c{k}"),
            name: format!("c{k}"),
            tier: Tier::TownshipHealthCentre,
            location: [*x, 35.11],
            admin_unit: "U".into(),
            cost_yuan: *cost,
            beds: *beds,
            doctors: 0.0,
        })
        .collect();
    no_rules(&mut s);
    settle(s)
}

/// Every whole vector 0..=caps[k] (an odometer).
fn allocations(caps: &[u32]) -> Vec<Vec<u32>> {
    let mut out = vec![];
    let mut n = vec![0u32; caps.len()];
    loop {
        out.push(n.clone());
        let mut k = 0;
        loop {
            if k == n.len() {
                return out;
            }
            if n[k] < caps[k] {
                n[k] += 1;
                break;
            }
            n[k] = 0;
            k += 1;
        }
    }
}

/// Beds at every facility (each 0..=cap) × every set of candidate sites.
fn bed_plans(s: &Scenario) -> impl Iterator<Item = Plan> + '_ {
    let caps: Vec<u32> = s
        .facilities
        .iter()
        .map(|f| f.expansion.max_extra_beds as u32)
        .collect();
    let sites = site_subsets(s);
    allocations(&caps).into_iter().flat_map(move |n| {
        sites
            .clone()
            .into_iter()
            .map(move |(mut plan, _)| {
                plan.beds = n
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b > 0)
                    .map(|(i, b)| BedsAdded {
                        facility: s.facilities[i].id.clone(),
                        beds: f64::from(*b),
                    })
                    .collect();
                plan
            })
            .collect::<Vec<_>>()
    })
}

/// General posts at every facility (each 0..=cap).
fn post_plans(s: &Scenario) -> impl Iterator<Item = Plan> + '_ {
    let caps: Vec<u32> = s
        .facilities
        .iter()
        .map(|f| f.expansion.max_extra_doctors as u32)
        .collect();
    allocations(&caps).into_iter().map(move |n| Plan {
        posts: n
            .iter()
            .enumerate()
            .filter(|(_, p)| **p > 0)
            .map(|(i, p)| PostsAdded {
                facility: s.facilities[i].id.clone(),
                specialty: None,
                posts: f64::from(*p),
            })
            .collect(),
        ..Plan::default()
    })
}

/// Every set of `services` opened where they may open (with their
/// specialist posts), the doctor cap allowing.
fn service_plans(s: &Scenario, services: &[Specialty]) -> Vec<Plan> {
    let choices: Vec<(usize, Specialty)> = s
        .facilities
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            services
                .iter()
                .filter(move |sp| sp.may_open_at(f.tier) && !f.services.contains(sp))
                .map(move |sp| (i, *sp))
        })
        .collect();
    assert!(choices.len() <= 10, "{} choices", choices.len());
    (0u32..(1 << choices.len()))
        .map(|mask| {
            let mut plan = Plan::default();
            for (j, (i, sp)) in choices.iter().enumerate() {
                if mask & (1 << j) != 0 {
                    let id = s.facilities[*i].id.clone();
                    plan.services.push(ServiceOpened {
                        facility: id.clone(),
                        specialty: *sp,
                    });
                    plan.posts.push(PostsAdded {
                        facility: id,
                        specialty: Some(*sp),
                        posts: MIN_SPECIALISTS,
                    });
                }
            }
            plan
        })
        .collect()
}

/// Solves with both backends and compares with `best`.
fn agrees(s: &Scenario, best: Option<f64>) -> Result<(), TestCaseError> {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    for backend in [Choice::Highs, Choice::Microlp] {
        let r = solve_plan(
            s,
            &PlanOptions {
                backend,
                time_limit: Some(20.0),
                ..Default::default()
            },
        )
        .unwrap();
        match (&r.plan, best) {
            (Some(plan), Some(best)) => {
                let c = check(s, &tt, plan);
                prop_assert!(
                    c.verified,
                    "{:?}: {:?}",
                    backend,
                    c.violations().collect::<Vec<_>>()
                );
                if backend == Choice::Highs {
                    prop_assert_eq!(r.outcome.status, Status::Optimal);
                    prop_assert!(
                        (c.cost_yuan - best).abs() < 1e-6,
                        "HiGHS {} ≠ brute force {}",
                        c.cost_yuan,
                        best
                    );
                } else {
                    prop_assert!(
                        c.cost_yuan + 1e-6 >= best,
                        "microlp {} < {}",
                        c.cost_yuan,
                        best
                    );
                }
            }
            (Some(plan), None) => {
                prop_assert!(false, "{:?}: {:?} where no plan is verified", backend, plan)
            }
            (None, Some(best)) => {
                prop_assert!(false, "{:?}: no plan, brute force {}", backend, best)
            }
            (None, None) => prop_assert_eq!(r.outcome.status, Status::Infeasible),
        }
    }
    Ok(())
}

fn tier() -> impl Strategy<Value = Tier> {
    prop_oneof![
        Just(Tier::TownshipHealthCentre),
        Just(Tier::CommunityHealthCentre),
        Just(Tier::CountyHospital),
    ]
}

fn zones() -> impl Strategy<Value = Vec<(f64, bool)>> {
    prop::collection::vec(
        ((100.0f64..900.0).prop_map(f64::round), any::<bool>()),
        1..4,
    )
}

fn facilities() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(
        (
            tier(),
            any::<bool>(),
            0.0f64..2.0,
            0.0f64..5.0,
            0.0f64..2.0,
            0.0f64..5.0,
        )
            .prop_map(|(t, e, b, bc, d, dc)| (t, e, b.floor(), bc.floor(), d.floor(), dc.floor())),
        1..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// Beds per 1,000 in every unit: beds at each facility within its cap,
    /// and candidate sites that bring beds.
    #[test]
    fn beds_per_1000_equals_brute_force(
        zones in zones(),
        facilities in facilities(),
        sites in prop::collection::vec((110.0f64..110.1, 0.0f64..4.0, 1.0f64..9.0), 0..3),
        target in 0.5f64..5.0,
    ) {
        let sites: Vec<_> = sites.into_iter().map(|(x, b, c)| (x, b.floor(), (c * 1e5).round())).collect();
        let mut s = region(&zones, &facilities, &sites);
        s.policy.ratios.beds_per_1000 = Some(target);
        let best = cheapest(&s, bed_plans(&s));
        agrees(&s, best)?;
    }

    /// Doctors per 1,000 in every unit: general posts within each facility's cap.
    #[test]
    fn doctors_per_1000_equals_brute_force(
        zones in zones(),
        facilities in facilities(),
        target in 0.5f64..5.0,
    ) {
        let mut s = region(&zones, &facilities, &[]);
        s.policy.ratios.doctors_per_1000 = Some(target);
        let best = cheapest(&s, post_plans(&s));
        agrees(&s, best)?;
    }

    /// Haemodialysis and mental health in every unit above a population.
    #[test]
    fn populous_unit_services_equal_brute_force(
        zones in zones(),
        facilities in facilities(),
        dialysis in prop::option::of(0.0f64..600.0),
        mental in prop::option::of(0.0f64..600.0),
    ) {
        let mut s = region(&zones, &facilities, &[]);
        s.policy.services.haemodialysis_min_population = dialysis;
        s.policy.services.mental_health_min_population = mental;
        let best = cheapest(
            &s,
            service_plans(&s, &[Specialty::Haemodialysis, Specialty::MentalHealth]).into_iter(),
        );
        agrees(&s, best)?;
    }

    /// A share of children within T minutes of paediatric care.
    #[test]
    fn paediatrics_equals_brute_force(
        zones in zones(),
        facilities in facilities(),
        minutes in 3.0f64..20.0,
        share in 0.2f64..1.0,
    ) {
        let mut s = region(&zones, &facilities, &[]);
        s.policy.services.paediatrics = Some(PaediatricRule { minutes: minutes.round(), share });
        let best = cheapest(&s, service_plans(&s, &[Specialty::Paediatrics]).into_iter());
        agrees(&s, best)?;
    }
}
