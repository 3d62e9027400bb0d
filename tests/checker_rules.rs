//! The checker names every rule a plan breaks, and every eligibility
//! condition the model enforces (which tiers may send or receive seconded
//! doctors, where a service may open, quantities ≥ 0, known ids): for each,
//! a case that breaks only that one, and the checker's failing findings are
//! exactly that rule. Also the `healthreach check` command line.

use healthreach::access::TravelTimes;
use healthreach::checker::{check, Check};
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::plan::{BedsAdded, Plan, Secondment, ServiceOpened, TelemedicineLink};
use healthreach::rules::RuleId;
use healthreach::scenario::*;
use std::sync::OnceLock;

/// The demo and its optimal plan, solved once for every test here.
fn demo() -> &'static (Scenario, Plan) {
    static DEMO: OnceLock<(Scenario, Plan)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let s = healthreach::demo::weinan();
        let r = solve_plan(
            &s,
            &PlanOptions {
                time_limit: Some(60.0),
                mip_gap: 0.0,
                ..Default::default()
            },
        )
        .expect("the demo solves");
        (s, r.plan.expect("a plan"))
    })
}

/// A change to the scenario and plan that breaks one rule.
type BreakScenario<'a> = Box<dyn Fn(&mut Scenario, &mut Plan) + 'a>;
/// A change to the plan that breaks one condition.
type BreakPlan<'a> = Box<dyn Fn(&mut Plan) + 'a>;

fn checked(s: &Scenario, plan: &Plan) -> Check {
    let tt = TravelTimes::compute(s, &access_options_for(s));
    check(s, &tt, plan)
}

/// The distinct rule names of the failing findings.
fn failing(c: &Check) -> Vec<String> {
    let mut v: Vec<String> = c.violations().map(|f| f.rule.clone()).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn the_demo_plan_is_verified_and_lists_every_rule_per_unit() {
    let (s, plan) = demo();
    let c = checked(s, plan);
    assert!(c.verified, "{:?}", c.violations().collect::<Vec<_>>());
    let rules = c.rules(&[]);
    for r in [
        RuleId::Coverage,
        RuleId::BedsPer1000,
        RuleId::DoctorsPer1000,
        RuleId::ElderlyCareBeds,
        RuleId::EmergencyCentres,
        RuleId::Telemedicine,
        RuleId::GrassrootsDoctors,
    ] {
        assert!(rules.iter().any(|x| x.rule == r), "{r} missing");
    }
    // One ratio entry per admin unit with residents.
    let beds = rules
        .iter()
        .filter(|x| x.rule == RuleId::BedsPer1000)
        .count();
    assert_eq!(beds, s.admin_units.len());
    assert!(rules.iter().all(|x| x.met));
}

/// Tightens one rule's target past what the plan reaches; the checker must
/// then fail that rule, and only it.
#[test]
fn each_policy_rule_broken_alone_is_named_alone() {
    let (base, plan) = demo();
    let before = checked(base, plan);
    let top = |rule: RuleId| {
        before
            .findings
            .iter()
            .filter(|f| f.rule == rule.key())
            .map(|f| f.achieved)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let strip = |s: &mut Scenario, p: &mut Plan, sp: Specialty| {
        for f in &mut s.facilities {
            f.services.retain(|x| *x != sp);
        }
        p.services.retain(|o| o.specialty != sp);
    };
    let cases: Vec<(RuleId, BreakScenario)> = vec![
        (
            RuleId::Coverage,
            Box::new(|s, _| {
                s.policy.coverage.minutes = 2.0;
                s.policy.coverage.share = 0.9;
            }),
        ),
        (
            RuleId::BedsPer1000,
            Box::new(move |s, _| {
                s.policy.ratios.beds_per_1000 = Some(top(RuleId::BedsPer1000) + 1.0)
            }),
        ),
        (
            RuleId::DoctorsPer1000,
            Box::new(move |s, _| {
                s.policy.ratios.doctors_per_1000 = Some(top(RuleId::DoctorsPer1000) + 1.0)
            }),
        ),
        (
            RuleId::Haemodialysis,
            Box::new(move |s, p| {
                s.policy.services.haemodialysis_min_population = Some(0.0);
                strip(s, p, Specialty::Haemodialysis);
            }),
        ),
        (
            RuleId::MentalHealth,
            Box::new(move |s, p| {
                s.policy.services.mental_health_min_population = Some(0.0);
                strip(s, p, Specialty::MentalHealth);
            }),
        ),
        (
            RuleId::EmergencyCentres,
            Box::new(move |s, p| strip(s, p, Specialty::CriticalNeonatalCentre)),
        ),
        (
            RuleId::Telemedicine,
            Box::new(|s, _| {
                s.policy.services.telemedicine = Some(TelemedicineRule { share: 1.0 });
            }),
        ),
        (
            // Off in the demo: on with a target no county's estimate reaches.
            RuleId::InCountyShare,
            Box::new(|s, _| s.policy.in_county_share = Some(0.99)),
        ),
        (
            RuleId::ElderlyCareBeds,
            Box::new(move |s, _| {
                s.policy.ratios.elderly_care_beds_per_1000_aged_65 =
                    Some(top(RuleId::ElderlyCareBeds) + 1.0)
            }),
        ),
        (
            // Off in the demo: on with a reach nobody has.
            RuleId::InpatientAccess,
            Box::new(|s, _| {
                s.policy.services.inpatient_access = Some(InpatientAccessRule {
                    minutes: 1.0,
                    share: 1.0,
                    min_beds: 10.0,
                })
            }),
        ),
        (
            RuleId::GrassrootsDoctors,
            Box::new(move |s, _| {
                s.policy.ratios.doctors_per_grassroots_centre =
                    Some(top(RuleId::GrassrootsDoctors) + 1.0)
            }),
        ),
        (
            RuleId::Paediatrics,
            Box::new(|s, _| {
                let rule = s.policy.services.paediatrics.get_or_insert(PaediatricRule {
                    minutes: 30.0,
                    share: 0.9,
                });
                rule.minutes = 1.0;
                rule.share = 1.0;
            }),
        ),
    ];
    // Every rule has its case.
    for r in RuleId::ALL {
        assert!(
            cases.iter().any(|(x, _)| *x == r),
            "{r} has no break-one case"
        );
    }
    for (rule, breaks) in cases {
        let (mut s, mut p) = (base.clone(), plan.clone());
        breaks(&mut s, &mut p);
        let c = checked(&s, &p);
        assert!(!c.verified, "{rule}: still verified");
        assert_eq!(failing(&c), vec![rule.key().to_string()], "{rule}");
        assert!(c.rules(&[]).iter().any(|x| x.rule == rule && !x.met));
    }
}

fn of_tier(s: &Scenario, t: Tier) -> String {
    s.facilities
        .iter()
        .find(|f| f.tier == t)
        .map(|f| f.id.clone())
        .expect("a facility of that tier")
}

/// Plans that break one eligibility condition, each named by the checker.
#[test]
fn eligibility_quantities_and_ids_are_checked() {
    let (s, plan) = demo();
    let village = of_tier(s, Tier::VillageClinic);
    let township = of_tier(s, Tier::TownshipHealthCentre);
    let county = of_tier(s, Tier::CountyHospital);
    let tertiary = of_tier(s, Tier::TertiaryHospital);
    // A lead hospital and a township centre of another community (县管乡用
    // runs only within the community).
    let lead = s.lead_hospitals()[0];
    let stranger = s
        .facilities
        .iter()
        .position(|f| {
            f.tier == Tier::TownshipHealthCentre
                && f.community.as_deref() != Some(s.facilities[lead].id.as_str())
        })
        .map(|i| s.facilities[i].id.clone())
        .expect("a centre of another community");
    let lead = s.facilities[lead].id.clone();
    let cases: Vec<(&str, BreakPlan)> = vec![
        (
            "service_tier",
            Box::new(|p| {
                p.services.push(ServiceOpened {
                    facility: county.clone(),
                    specialty: Specialty::NuclearMedicine,
                })
            }),
        ),
        (
            "secondment_tiers",
            Box::new(|p| {
                p.secondments.push(Secondment {
                    from: township.clone(),
                    to: village.clone(),
                    doctors: 0.0,
                    minutes: 0.0,
                })
            }),
        ),
        (
            "secondment_tiers",
            Box::new(|p| {
                p.secondments.push(Secondment {
                    from: tertiary.clone(),
                    to: tertiary.clone(),
                    doctors: 0.0,
                    minutes: 0.0,
                })
            }),
        ),
        (
            "secondment_tiers",
            Box::new(|p| {
                p.secondments.push(Secondment {
                    from: lead.clone(),
                    to: stranger.clone(),
                    doctors: 0.0,
                    minutes: 0.0,
                })
            }),
        ),
        (
            "elderly_care_tier",
            Box::new(|p| {
                p.elderly_care_beds.push(BedsAdded {
                    facility: village.clone(),
                    beds: 0.0,
                })
            }),
        ),
        (
            "telemedicine_tiers",
            Box::new(|p| {
                p.telemedicine_links.push(TelemedicineLink {
                    facility: village.clone(),
                    hub: county.clone(),
                })
            }),
        ),
        (
            "quantities",
            Box::new(|p| {
                p.beds.push(BedsAdded {
                    facility: county.clone(),
                    beds: -5.0,
                })
            }),
        ),
        (
            "references",
            Box::new(|p| {
                p.beds.push(BedsAdded {
                    facility: "no-such-facility".into(),
                    beds: 0.0,
                })
            }),
        ),
    ];
    for (rule, breaks) in cases {
        let mut p = plan.clone();
        breaks(&mut p);
        // The cost of a zero-doctor secondment or an opened service may
        // move the budget; give it room so only the condition is tested.
        let mut s = s.clone();
        s.policy.budget.money_yuan = None;
        let c = checked(&s, &p);
        assert!(!c.verified, "{rule}: still verified");
        let names = failing(&c);
        assert!(names.contains(&rule.to_string()), "{rule}: {names:?}");
        // Nothing the case did not touch fails (opening a service with no
        // specialists also fails its staffing check).
        for n in &names {
            assert!(
                n == rule || n == "service_staff" || n == "secondment_travel",
                "{rule}: also {n}"
            );
        }
    }
}

fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_healthreach"))
}

#[test]
fn check_command_prints_verified_or_one_line_per_violation() {
    let (s, plan) = demo();
    let dir = std::env::temp_dir().join(format!("hr-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario = dir.join("s.json");
    std::fs::write(&scenario, s.to_json()).unwrap();
    let good = dir.join("good.json");
    std::fs::write(&good, serde_json::to_string(plan).unwrap()).unwrap();
    let out = bin()
        .arg("check")
        .arg(&scenario)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "verified");

    // A tampered plan: negative beds at a named county hospital, and a
    // secondment between tiers that may not second.
    let county = of_tier(s, Tier::CountyHospital);
    let township = of_tier(s, Tier::TownshipHealthCentre);
    let mut bad = plan.clone();
    bad.beds.push(BedsAdded {
        facility: county.clone(),
        beds: -3.0,
    });
    bad.secondments.push(Secondment {
        from: township.clone(),
        to: county.clone(),
        doctors: 1.0,
        minutes: 5.0,
    });
    let badf = dir.join("bad.json");
    std::fs::write(&badf, serde_json::to_string(&bad).unwrap()).unwrap();
    let out = bin()
        .arg("check")
        .arg(&scenario)
        .arg(&badf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let name = &s.facilities.iter().find(|f| f.id == county).unwrap().name;
    let line = text
        .lines()
        .find(|l| l.starts_with("quantities"))
        .unwrap_or_else(|| panic!("no quantities line: {text}"));
    assert!(
        line.contains(&county) && line.contains(name.as_str()),
        "{line}"
    );
    assert!(line.contains("plan gives -3"), "{line}");
    assert!(
        text.lines().any(|l| l.starts_with("secondment_tiers")),
        "{text}"
    );
    assert!(!text.contains("verified"));

    // --json: the verdict with the rules.
    let out = bin()
        .args(["check", "--json"])
        .arg(&scenario)
        .arg(&badf)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verified"], false);
    assert!(v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == "beds_per_1000"));

    // Not a plan at all: exit 2 with the place, never a crash.
    let junk = dir.join("junk.json");
    std::fs::write(&junk, r#"{"beds": [{"facility": 3}]}"#).unwrap();
    let out = bin()
        .arg("check")
        .arg(&scenario)
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("beds[0].facility"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
