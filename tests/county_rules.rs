//! The county medical community's rules on tiny regions: the five
//! emergency centres (`emergency_centres`: at the lead hospitals, and
//! within reach, with linked grassroots centres counting for chest pain)
//! and telemedicine links (`telemedicine`). The optimiser's cost equals
//! brute force over every set of yes/no decisions, each plan judged by the
//! independent checker; plans breaking a tier rule are named.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::optimise::engine::Choice;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::{Plan, PostsAdded, ServiceOpened, TelemedicineLink};
use healthreach::rules::RuleId;
use healthreach::scenario::*;
use proptest::prelude::*;

const MIN_SPECIALISTS: f64 = 2.0;

/// Zones on a line (0.02° apart, given residents), hospitals
/// `(longitude, centres lacking today)` of county tier, township centres
/// `(longitude, linked today)`.
fn region(
    pops: &[f64],
    hospitals: &[(f64, Vec<Specialty>)],
    townships: &[(f64, bool)],
) -> Scenario {
    let mut s = square_region();
    s.zones = pops
        .iter()
        .enumerate()
        .map(|(i, p)| zone(&format!("z{i}"), [110.01 + 0.02 * i as f64, 35.1], *p))
        .collect();
    for (k, (x, lacking)) in hospitals.iter().enumerate() {
        let mut f = facility(&format!("h{k}"), Tier::CountyHospital, [*x, 35.1], 50.0);
        f.services = Specialty::CENTRES
            .into_iter()
            .filter(|c| !lacking.contains(c))
            .collect();
        f.expansion.max_extra_doctors = 20.0;
        f.community = Some(f.id.clone());
        s.facilities.push(f);
    }
    for (k, (x, linked)) in townships.iter().enumerate() {
        let mut f = facility(
            &format!("t{k}"),
            Tier::TownshipHealthCentre,
            [*x, 35.12],
            5.0,
        );
        f.community = Some("h0".into());
        if *linked {
            f.telemedicine_hub = Some("h0".into());
        }
        s.facilities.push(f);
    }
    no_rules(&mut s);
    settle(s)
}

/// Every yes/no decision a plan could take here: open a lacking centre at
/// a hospital (with its specialist posts), or link an unlinked centre.
fn decisions(s: &Scenario) -> Vec<(Option<ServiceOpened>, Option<TelemedicineLink>)> {
    let mut out = Vec::new();
    for f in &s.facilities {
        if f.tier == Tier::CountyHospital {
            for c in Specialty::CENTRES {
                if !f.services.contains(&c) {
                    out.push((
                        Some(ServiceOpened {
                            facility: f.id.clone(),
                            specialty: c,
                        }),
                        None,
                    ));
                }
            }
        } else if f.telemedicine_hub.is_none() {
            out.push((
                None,
                Some(TelemedicineLink {
                    facility: f.id.clone(),
                    hub: "h0".into(),
                }),
            ));
        }
    }
    out
}

/// The cheapest verified plan over every subset of [`decisions`].
fn brute_force(s: &Scenario) -> Option<f64> {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let all = decisions(s);
    assert!(
        all.len() <= 12,
        "too many decisions to enumerate: {}",
        all.len()
    );
    let mut best: Option<f64> = None;
    for mask in 0u32..(1 << all.len()) {
        let mut plan = Plan::default();
        for (j, (open, link)) in all.iter().enumerate() {
            if mask & (1 << j) == 0 {
                continue;
            }
            if let Some(o) = open {
                plan.posts.push(PostsAdded {
                    facility: o.facility.clone(),
                    specialty: Some(o.specialty),
                    posts: MIN_SPECIALISTS,
                });
                plan.services.push(o.clone());
            }
            if let Some(l) = link {
                plan.telemedicine_links.push(l.clone());
            }
        }
        let c = check(s, &tt, &plan);
        if c.verified && best.is_none_or(|b| c.cost_yuan < b) {
            best = Some(c.cost_yuan);
        }
    }
    best
}

fn centres() -> impl Strategy<Value = Vec<Specialty>> {
    prop::sample::subsequence(Specialty::CENTRES.to_vec(), 0..=2)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20, .. ProptestConfig::default() })]

    /// Emergency centres and telemedicine together: the optimiser's cost
    /// equals brute force with HiGHS and microlp, and its plan is verified;
    /// infeasible exactly when no subset is verified.
    #[test]
    fn optimum_equals_brute_force(
        pops in prop::collection::vec(100.0f64..5000.0, 2..6),
        hospitals in prop::collection::vec((110.0f64..110.2, centres()), 1..3),
        townships in prop::collection::vec((110.0f64..110.2, any::<bool>()), 0..3),
        minutes in 2.0f64..20.0,
        share in 0.2f64..1.0,
        leads in any::<bool>(),
        via_tele in any::<bool>(),
        tele_share in prop::option::of(0.0f64..1.0),
        urban in any::<bool>(),
    ) {
        let mut s = region(&pops, &hospitals, &townships);
        s.admin_units[0].urban = urban;
        s.policy.services.emergency_centres = Some(EmergencyCentreRule {
            at_lead_hospitals: leads,
            share,
            rural_minutes: minutes,
            urban_minutes: minutes / 2.0 + 1.0,
            chest_pain_via_telemedicine: via_tele,
        });
        s.policy.services.telemedicine = tele_share.map(|share| TelemedicineRule { share });
        prop_assume!(decisions(&s).len() <= 12);
        let best = brute_force(&s);
        for backend in [Choice::Highs, Choice::Microlp] {
            let r = solve_plan(&s, &PlanOptions { backend, time_limit: Some(20.0), ..Default::default() }).unwrap();
            match best {
                Some(best) => {
                    prop_assert_eq!(r.outcome.status, Status::Optimal, "{:?}", backend);
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
fn a_lead_hospital_lacking_a_centre_opens_it() {
    let s0 = region(&[1000.0], &[(110.05, vec![Specialty::StrokeCentre])], &[]);
    let mut s = s0.clone();
    s.policy.services.emergency_centres = Some(EmergencyCentreRule {
        share: 0.0,
        ..EmergencyCentreRule::default()
    });
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    let plan = r.plan.unwrap();
    assert_eq!(
        plan.services,
        vec![ServiceOpened {
            facility: "h0".into(),
            specialty: Specialty::StrokeCentre
        }]
    );
    let c = &s.policy.unit_costs;
    assert_eq!(
        r.cost_yuan,
        Some(c.centre_opening_yuan + MIN_SPECIALISTS * c.specialist_post_yuan)
    );
    // The checker reads the unit's lead and names the centre in its scope.
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let bare = check(&s, &tt, &Plan::default());
    let failing: Vec<&str> = bare.violations().map(|f| f.scope.as_str()).collect();
    assert_eq!(failing, vec!["U/stroke_centre"]);
    assert!(bare.violations().all(|f| f.message_zh.contains("卒中中心")));
    // Off by default: the same region needs nothing.
    let r = solve_plan(&s0, &PlanOptions::default()).unwrap();
    assert_eq!(r.cost_yuan, Some(0.0));
}

#[test]
fn a_linked_township_centre_counts_for_chest_pain_only() {
    // One hospital at the west end with every centre; residents at the far
    // east end, 0.16° (≈ 15 km) away; a township centre beside them.
    let mut s = region(&[10.0, 1000.0], &[(110.01, vec![])], &[(110.03, false)]);
    s.zones[1].location = [110.17, 35.1];
    s.facilities[1].location = [110.17, 35.1];
    // 0.16° ≈ 14.6 km: more than 5 minutes even at expressway speed.
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    assert!(tt.pairs[1]
        .iter()
        .all(|(j, m)| *j != 0 || f64::from(*m) > 5.0));
    let far: f64 = 10.0;
    s.policy.services.emergency_centres = Some(EmergencyCentreRule {
        at_lead_hospitals: false,
        share: 0.9,
        rural_minutes: (far / 2.0).max(1.0),
        urban_minutes: 30.0,
        chest_pain_via_telemedicine: true,
    });
    // Every other centre is out of reach: infeasible, with only those
    // four named (chest pain is reached through the link).
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Infeasible);
    let mut named: Vec<&str> = r.shortfalls.iter().map(|x| x.scope.as_str()).collect();
    named.sort();
    assert_eq!(
        named,
        vec![
            "region/critical_maternal_centre",
            "region/critical_neonatal_centre",
            "region/stroke_centre",
            "region/trauma_centre"
        ]
    );
    // A second hospital beside the far residents has every centre but
    // chest pain: now the link (200,000 yuan) beats opening a chest-pain
    // centre there (5 million and two posts), and the plan is verified.
    let mut s2 = s.clone();
    let mut h1 = facility("h1", Tier::CountyHospital, [110.17, 35.11], 50.0);
    h1.services = Specialty::CENTRES
        .into_iter()
        .filter(|c| *c != Specialty::ChestPainCentre)
        .collect();
    h1.expansion.max_extra_doctors = 20.0;
    s2.facilities.push(h1);
    let r = solve_plan(&s2, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    let plan = r.plan.unwrap();
    assert_eq!(plan.telemedicine_links.len(), 1, "{plan:?}");
    assert_eq!(
        r.cost_yuan,
        Some(s2.policy.unit_costs.telemedicine_link_yuan)
    );
    let tt2 = TravelTimes::compute(&s2, &access_options_for(&s2));
    assert!(check(&s2, &tt2, &plan).verified);
    // Without counting links, the chest-pain centre opens at h1 instead.
    let mut s3 = s2.clone();
    s3.policy
        .services
        .emergency_centres
        .as_mut()
        .unwrap()
        .chest_pain_via_telemedicine = false;
    let r = solve_plan(&s3, &PlanOptions::default()).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    let plan = r.plan.unwrap();
    assert!(plan.telemedicine_links.is_empty());
    assert_eq!(
        plan.services,
        vec![ServiceOpened {
            facility: "h1".into(),
            specialty: Specialty::ChestPainCentre
        }]
    );
}

#[test]
fn tiers_that_may_not_are_named_by_the_checker() {
    let mut s = region(&[1000.0], &[(110.05, vec![])], &[(110.1, false)]);
    s.facilities
        .push(facility("v0", Tier::VillageClinic, [110.1, 35.1], 1.0));
    s.policy.services.telemedicine = Some(TelemedicineRule { share: 0.0 });
    s.policy.services.emergency_centres = Some(EmergencyCentreRule::default());
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let cases: Vec<(&str, Plan)> = vec![
        (
            "service_tier",
            Plan {
                services: vec![ServiceOpened {
                    facility: "t0".into(),
                    specialty: Specialty::TraumaCentre,
                }],
                ..Plan::default()
            },
        ),
        (
            "telemedicine_tiers",
            Plan {
                telemedicine_links: vec![TelemedicineLink {
                    facility: "v0".into(),
                    hub: "h0".into(),
                }],
                ..Plan::default()
            },
        ),
        (
            "telemedicine_tiers",
            Plan {
                telemedicine_links: vec![TelemedicineLink {
                    facility: "t0".into(),
                    hub: "v0".into(),
                }],
                ..Plan::default()
            },
        ),
        (
            "references",
            Plan {
                telemedicine_links: vec![TelemedicineLink {
                    facility: "t0".into(),
                    hub: "nowhere".into(),
                }],
                ..Plan::default()
            },
        ),
    ];
    for (rule, plan) in cases {
        let c = check(&s, &tt, &plan);
        let names: Vec<&str> = c.violations().map(|f| f.rule.as_str()).collect();
        assert!(names.contains(&rule), "{rule}: {names:?}");
        assert!(c.violations().all(|f| !f.message_zh.is_empty()));
    }
    // The policy rules are listed by their ids.
    let c = check(&s, &tt, &Plan::default());
    let rules = c.rules(&[]);
    assert!(rules.iter().any(|r| r.rule == RuleId::Telemedicine));
    assert_eq!(
        rules
            .iter()
            .filter(|r| r.rule == RuleId::EmergencyCentres)
            .count(),
        10,
        "five centres at the lead, five within reach"
    );
}

#[test]
fn a_community_naming_a_non_lead_is_refused() {
    let mut s = region(&[1000.0], &[(110.05, vec![])], &[(110.1, true)]);
    s.facilities[1].community = Some("t0".into());
    s.facilities
        .push(facility("v0", Tier::VillageClinic, [110.1, 35.1], 1.0));
    s.facilities[2].telemedicine_hub = Some("t0".into());
    let problems = healthreach::validate::validate(&s);
    let paths: Vec<&str> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.path.as_str())
        .collect();
    assert!(paths.contains(&"$.facilities[1].community"), "{paths:?}");
    assert!(
        paths.contains(&"$.facilities[2].telemedicine_hub"),
        "{paths:?}"
    );
}
