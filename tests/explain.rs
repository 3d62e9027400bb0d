//! A decision's reasons are counterfactual: on the demo and generated
//! regions, every decision of the optimal plan is removed in turn and each
//! effect the explanation states is compared with the indicators recomputed
//! by the plan report (a separate path from the checker's), and every
//! indicator that moves is among the stated effects.

mod common;

use common::feasible_generated;
use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::counterfactual::{decisions, explain, minus, without};
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::Plan;
use healthreach::report::{plan_report, PlanReport};
use healthreach::rules::RuleId;
use healthreach::scenario::Scenario;

fn regions() -> Vec<(String, Scenario)> {
    let mut out = vec![("weinan".to_string(), healthreach::demo::weinan())];
    out.extend(feasible_generated(
        &[(1, 150, 10, 80, 10), (2, 100, 8, 60, 8)],
        51..61,
        &|s| plan_of(s).is_some(),
    ));
    out
}

fn plan_of(s: &Scenario) -> Option<Plan> {
    let r = solve_plan(
        s,
        &PlanOptions {
            time_limit: Some(60.0),
            ..Default::default()
        },
    )
    .ok()?;
    r.plan.filter(|_| r.outcome.status == Status::Optimal)
}

/// The per-unit figure of a ratio or coverage rule, from a plan report.
fn figure(r: &PlanReport, rule: RuleId, unit: &str) -> Option<f64> {
    if unit == "region" && rule == RuleId::Coverage {
        return Some(r.coverage.1);
    }
    let u = r.units.iter().find(|u| u.id == unit)?;
    match rule {
        RuleId::BedsPer1000 => Some(u.beds_per_1000.1),
        RuleId::DoctorsPer1000 => Some(u.doctors_per_1000.1),
        RuleId::Coverage => Some(u.coverage.1),
        _ => None,
    }
}

const RECOMPUTED: [RuleId; 3] = [
    RuleId::BedsPer1000,
    RuleId::DoctorsPer1000,
    RuleId::Coverage,
];

#[test]
fn every_stated_effect_is_what_removing_the_decision_does() {
    let regions = regions();
    assert!(regions.len() >= 3, "{} regions", regions.len());
    for (name, s) in &regions {
        let plan = plan_of(s).unwrap_or_else(|| panic!("{name}: an optimal plan"));
        let tt = TravelTimes::compute(s, &access_options_for(s));
        let base = check(s, &tt, &plan);
        assert!(base.verified, "{name}");
        let out = explain(s, &tt, &plan, &base);
        let full = plan_report(s, &plan);
        let listed = decisions(&plan);
        assert_eq!(out.len(), listed.len(), "{name}: one entry per element");
        assert!(!out.is_empty(), "{name}: the plan decides something");
        let mut binding = 0;
        for (e, (id, kind, facility)) in out.iter().zip(&listed) {
            assert_eq!((&e.decision, e.kind, &e.facility), (id, *kind, facility));
            let less = minus(&plan, &e.decision).expect("an element of the plan");
            let less = plan_report(s, &less);
            for x in &e.effects {
                // binding means: met with the plan, failing without it.
                assert_eq!(
                    x.binding,
                    x.with.is_none_or(|w| w >= x.target - 1e-6) && x.without < x.target - 1e-6,
                    "{name} {}: {x:?}",
                    e.decision
                );
                binding += usize::from(x.binding);
                let Some(rule) = RuleId::from_key(&x.rule).filter(|r| RECOMPUTED.contains(r))
                else {
                    continue;
                };
                let with = figure(&full, rule, &x.unit)
                    .unwrap_or_else(|| panic!("{name}: {} at {}", x.rule, x.unit));
                let wo = figure(&less, rule, &x.unit).expect("the same unit");
                assert!(
                    (x.with.expect("judged with the plan") - with).abs() < 1e-6
                        && (x.without - wo).abs() < 1e-6,
                    "{name} {}: stated {x:?}, recomputed {with} / {wo}",
                    e.decision
                );
            }
            // Nothing that moves where a rule is judged is left unsaid.
            for rule in RECOMPUTED.into_iter().filter(|r| r.is_on(&s.policy)) {
                let judged = |scope: &str| {
                    base.findings
                        .iter()
                        .any(|f| f.rule == rule.key() && f.scope == scope)
                };
                for u in s
                    .admin_units
                    .iter()
                    .map(|u| u.id.as_str())
                    .chain(["region"])
                {
                    if !judged(u) {
                        continue;
                    }
                    let (Some(a), Some(b)) = (figure(&full, rule, u), figure(&less, rule, u))
                    else {
                        continue;
                    };
                    if (a - b).abs() > 1e-9 {
                        assert!(
                            e.effects
                                .iter()
                                .any(|x| x.rule == rule.key() && x.unit == u),
                            "{name} {}: {} at {u} moves {a} → {b} but is not stated",
                            e.decision,
                            rule.key(),
                        );
                    }
                }
            }
            // The words say what the figures say.
            assert!(!e.why.is_empty() && !e.why_zh.is_empty());
            if e.effects.iter().any(|x| x.binding) {
                assert!(e.why.starts_with("Needed for a target"), "{}", e.why);
                assert!(e.why_zh.starts_with("目标所需"), "{}", e.why_zh);
            } else {
                assert!(!e.why.contains("Needed for"), "{}", e.why);
            }
        }
        // An optimal plan that meets its targets at least cost has decisions they need.
        assert!(binding > 0, "{name}: no decision is needed for any target");
    }
}

#[test]
fn the_best_plan_without_a_decision_costs_no_less_than_the_optimum() {
    for (name, s) in regions().iter().skip(1) {
        let plan = plan_of(s).expect("an optimal plan");
        let tt = TravelTimes::compute(s, &access_options_for(s));
        let base = check(s, &tt, &plan);
        let mut out = explain(s, &tt, &plan, &base);
        let mut told = vec![];
        without::price(
            s,
            &plan,
            &mut out,
            without::Budget {
                per_decision: 10.0,
                total: 60.0,
            },
            &mut |done, n| told.push((done, n)),
        );
        assert_eq!(told.last(), Some(&(out.len(), out.len())));
        let priced: Vec<_> = out
            .iter()
            .filter(|e| e.status_without == "optimal")
            .collect();
        assert!(!priced.is_empty(), "{name}: some decision priced");
        for e in &out {
            match e.status_without.as_str() {
                "optimal" | "feasible" => {
                    let c = e.cost_without.expect("a cost");
                    assert!(
                        c >= base.cost_yuan - 1e-3,
                        "{name} {}: {c} < {}",
                        e.decision,
                        base.cost_yuan
                    );
                    assert!(
                        e.why.contains("without it costs")
                            || e.why.contains("A plan without it costs"),
                        "{}",
                        e.why
                    );
                }
                "not_computed" => {
                    assert!(e.cost_without.is_none() && e.why_not_computed.is_some());
                    assert!(e.why.contains("not computed"), "{}", e.why);
                }
                "infeasible" => assert!(e.why.contains("no plan meets"), "{}", e.why),
                other => assert_eq!(other, "time_limit"),
            }
        }
    }
}
