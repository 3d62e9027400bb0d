//! The plan model: verified by the independent checker, infeasibility named
//! in words, and the optimum equal to brute-force enumeration on tiny cases.

mod common;

use common::*;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::i18n::Lang;
use healthreach::optimise::plan::{access_options_for, plan_cost, solve_plan, PlanOptions};
use healthreach::optimise::{Backend, Choice, Status};
use healthreach::plan::{BedsAdded, Plan};
use healthreach::scenario::*;
use proptest::prelude::*;

fn quick_demo() -> Scenario {
    let mut s = healthreach::demo::weinan();
    // Without the paediatric rule the demo solves in milliseconds.
    s.policy.services.paediatrics = None;
    s
}

fn opts(t: f64) -> PlanOptions {
    PlanOptions {
        time_limit: Some(t),
        mip_gap: 0.0,
        explain: true,
        ..Default::default()
    }
}

#[test]
fn demo_plan_meets_every_target_and_the_checker_verifies_it() {
    let s = quick_demo();
    let r = solve_plan(&s, &opts(20.0)).unwrap();
    assert!(
        matches!(r.outcome.status, Status::Optimal | Status::Feasible),
        "{r:?}"
    );
    let plan = r.plan.as_ref().unwrap();
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let c = check(&s, &tt, plan);
    let failed: Vec<_> = c.findings.iter().filter(|f| !f.ok).collect();
    assert!(c.verified, "{failed:#?}");
    assert!((c.cost_yuan - r.cost_yuan.unwrap()).abs() < 1e-6);
    assert_eq!(plan_cost(&s, plan), c.cost_yuan);
    // The bound never exceeds the plan's cost; the gap is what separates them.
    let (obj, bound) = (r.outcome.objective.unwrap(), r.outcome.bound.unwrap());
    assert!(bound <= obj + 1e-6);
    assert!(r.outcome.gap.unwrap() <= 0.01, "gap {:?}", r.outcome.gap);
    // Every unit over 60,000 residents offers dialysis afterwards.
    assert!(c
        .findings
        .iter()
        .filter(|f| f.rule == "haemodialysis")
        .all(|f| f.ok));
    assert!(!r.binding.is_empty());
    // Marginal costs: a beds-per-1,000 target costs at least the beds it needs.
    let beds = r
        .binding
        .iter()
        .find(|b| b.rule == "beds_per_1000")
        .expect("a binding bed target");
    let pop: f64 = s
        .zones
        .iter()
        .filter(|z| z.admin_unit == beds.scope)
        .map(|z| z.population)
        .sum();
    let m = beds.marginal_yuan.unwrap();
    let per_bed = s.policy.unit_costs.bed_yuan * pop / 1000.0;
    assert!(m > 0.0 && m <= per_bed * 1.000001, "{m} vs {per_bed}");
}

#[test]
fn a_tampered_plan_is_not_verified() {
    let s = quick_demo();
    let r = solve_plan(&s, &opts(20.0)).unwrap();
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let mut plan = r.plan.unwrap();
    let f = s
        .facilities
        .iter()
        .find(|f| f.expansion.max_extra_beds > 0.0)
        .unwrap();
    plan.beds.push(BedsAdded {
        facility: f.id.clone(),
        beds: f.expansion.max_extra_beds + 1.0,
    });
    let c = check(&s, &tt, &plan);
    assert!(!c.verified);
    assert!(c.findings.iter().any(|x| x.rule == "bed_cap" && !x.ok));
    let mut plan2 = Plan::default();
    plan2.services.clear();
    let c = check(&s, &tt, &plan2);
    assert!(!c.verified, "doing nothing cannot meet the demo's targets");
}

#[test]
fn infeasible_targets_are_named_with_the_best_reachable_value() {
    let mut s = quick_demo();
    s.policy.ratios.doctors_per_1000 = Some(3.2);
    let r = solve_plan(&s, &opts(30.0)).unwrap();
    assert_eq!(r.outcome.status, Status::Infeasible);
    assert!(r.plan.is_none());
    let tongguan = r
        .shortfalls
        .iter()
        .find(|x| x.scope == "610522" && x.rule == "doctors_per_1000")
        .expect("潼关县 cannot reach 3.2 doctors per 1,000");
    assert!(tongguan.reachable < 3.2 && tongguan.reachable > 2.0);
    // In English with the county's English name, in Chinese with its own;
    // the reply to the app carries the data, rendered in the viewer's language.
    assert!(
        tongguan
            .message
            .starts_with("Tongguan County doctors per 1,000: target 3.20, best reachable"),
        "{}",
        tongguan.message
    );
    assert_eq!(tongguan.message, tongguan.detail.text(Lang::En));
    assert!(tongguan
        .detail
        .text(Lang::Zh)
        .starts_with("潼关县 每千人医师：目标 3.20，在新增岗位、对口支援与预算内最多可达"));
    // Targets that can be met are not listed.
    assert!(
        r.shortfalls.iter().all(|x| x.rule == "doctors_per_1000"),
        "{:?}",
        r.shortfalls
    );
}

#[test]
fn both_backends_name_the_same_failing_targets_with_the_same_reachable_values() {
    // Residents in the millions: the region's coverage target is out of reach.
    let mut s = quick_demo();
    s.policy.coverage.share = 0.999;
    s.policy.ratios.doctors_per_1000 = Some(3.2);
    let mut found = vec![];
    for backend in [Choice::Highs, Choice::Microlp] {
        let r = solve_plan(
            &s,
            &PlanOptions {
                backend,
                ..opts(60.0)
            },
        )
        .unwrap();
        assert_eq!(r.outcome.status, Status::Infeasible, "{backend:?}");
        let coverage = r
            .shortfalls
            .iter()
            .find(|x| x.rule == "coverage")
            .unwrap_or_else(|| panic!("{backend:?}: {:?}", r.shortfalls));
        // Today's coverage is reachable without building anything.
        assert!(
            coverage.reachable > 0.5 && coverage.reachable < 0.999,
            "{backend:?}: {coverage:?}"
        );
        found.push(r.shortfalls);
    }
    let key = |v: &Vec<healthreach::optimise::plan::Shortfall>| {
        v.iter()
            .map(|x| (x.rule.clone(), x.scope.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&found[0]), key(&found[1]));
    for (a, b) in found[0].iter().zip(&found[1]) {
        assert!((a.reachable - b.reachable).abs() < 0.02, "{a:?} vs {b:?}");
    }
}

/// Brute force: the cheapest set of candidate sites meeting the coverage target.
fn brute_force(s: &Scenario) -> Option<f64> {
    cheapest(s, site_subsets(s).into_iter().map(|(plan, _)| plan))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// On random tiny scenarios the optimiser's plan passes the checker and
    /// costs exactly what brute-force enumeration finds; when enumeration
    /// finds nothing, the optimiser says infeasible.
    #[test]
    fn optimum_equals_brute_force(
        pops in prop::collection::vec(100.0f64..5000.0, 2..6),
        sites in prop::collection::vec((110.0f64..110.2, 1.0f64..9.0), 1..5),
        share in 0.3f64..1.0,
    ) {
        let sites: Vec<(f64, f64)> = sites.into_iter().map(|(x, c)| (x, (c * 1e6).round())).collect();
        let s = coverage_only(&pops, &sites, share);
        let best = brute_force(&s);
        for backend in [Choice::Highs, Choice::Microlp] {
            let r = solve_plan(&s, &PlanOptions { backend, ..opts(20.0) }).unwrap();
            match best {
                Some(best) => {
                    prop_assert_eq!(r.outcome.status, Status::Optimal);
                    prop_assert!((r.cost_yuan.unwrap() - best).abs() < 1e-6, "{:?}: {:?} vs {}", backend, r.cost_yuan, best);
                    let tt = TravelTimes::compute(&s, &access_options_for(&s));
                    prop_assert!(check(&s, &tt, r.plan.as_ref().unwrap()).verified);
                }
                None => prop_assert_eq!(r.outcome.status, Status::Infeasible),
            }
        }
    }
}

#[test]
fn full_demo_plan_with_the_default_gap_tolerance_is_verified() {
    let s = healthreach::demo::weinan();
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    assert!(matches!(
        r.outcome.status,
        Status::Optimal | Status::Feasible
    ));
    // The reported gap is the true one: plan cost against the proven bound.
    let (obj, bound) = (r.outcome.objective.unwrap(), r.outcome.bound.unwrap());
    assert!((r.outcome.gap.unwrap() - (obj - bound) / obj).abs() < 1e-9);
    assert!(r.outcome.gap.unwrap() < 0.01);
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let c = check(&s, &tt, r.plan.as_ref().unwrap());
    assert!(
        c.verified,
        "{:#?}",
        c.findings.iter().filter(|f| !f.ok).collect::<Vec<_>>()
    );
    assert!(c.findings.iter().any(|f| f.rule == "paediatrics" && f.ok));
}

#[test]
fn the_full_demo_plan_is_proven_optimal_in_whole_beds_and_doctors_with_highs() {
    let s = healthreach::demo::weinan();
    let exact = PlanOptions {
        time_limit: Some(60.0),
        mip_gap: 0.0,
        ..Default::default()
    };
    let r = solve_plan(&s, &exact).unwrap();
    assert_eq!(r.outcome.status, Status::Optimal);
    assert_eq!(r.outcome.backend, Some(Backend::Highs));
    assert_eq!(r.outcome.gap, Some(0.0));
    let plan = r.plan.as_ref().unwrap();
    assert_eq!(
        plan.solver.as_ref().map(|x| x.backend),
        Some(Backend::Highs)
    );
    // The plan is the model's solution: whole numbers, no rounding step,
    // and the proven optimum is its cost.
    assert!(plan.beds.iter().all(|b| b.beds.fract() == 0.0));
    assert!(plan.posts.iter().all(|p| p.posts.fract() == 0.0));
    assert!(plan.secondments.iter().all(|x| x.doctors.fract() == 0.0));
    let cost = r.cost_yuan.unwrap();
    assert_eq!(r.outcome.objective, Some(cost));
    assert_eq!(r.outcome.bound, Some(cost));
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    assert!(check(&s, &tt, plan).verified);
    // microlp (continuous quantities, rounded) finds no cheaper plan.
    let m = solve_plan(
        &s,
        &PlanOptions {
            backend: Choice::Microlp,
            time_limit: Some(20.0),
            ..exact.clone()
        },
    )
    .unwrap();
    assert_eq!(m.outcome.backend, Some(Backend::Microlp));
    assert!(
        m.cost_yuan.unwrap() >= cost - 1e-6,
        "{:?} < {cost}",
        m.cost_yuan
    );
    assert!(check(&s, &tt, m.plan.as_ref().unwrap()).verified);
}
