//! Publishing's "what this target costs" solves start from the published
//! plan and run with their own time limit: on generated regions, each one's
//! plan costs no more than the published plan (which still fits with the rule
//! off), a proven one equals a cold solve of the same relaxed scenario, and
//! one stopped by its limit says so with its gap.

mod common;

use common::feasible_generated;
use healthreach::optimise::plan::{solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::publish::{prepare, Meta, SolveSettings};
use healthreach::scenario::Scenario;

fn regions() -> Vec<(String, Scenario)> {
    feasible_generated(
        &[
            (1, 150, 10, 80, 10),
            (2, 100, 8, 60, 8),
            (1, 250, 15, 150, 14),
        ],
        31..41,
        &|s| plan_of(s).is_some(),
    )
}

fn plan_of(s: &Scenario) -> Option<healthreach::plan::Plan> {
    solve_plan(
        s,
        &PlanOptions {
            time_limit: Some(60.0),
            ..Default::default()
        },
    )
    .ok()?
    .plan
}

fn publish(
    s: &Scenario,
    counterfactual_time_limit: f64,
) -> (f64, healthreach::publish::Publication) {
    let plan = plan_of(s).expect("a plan");
    let meta = Meta::new(s, None, None, Some("2026-12-01".into())).expect("meta");
    let settings = SolveSettings {
        counterfactual_time_limit,
        ..SolveSettings::default()
    };
    let mut steps = vec![];
    let p = prepare(s, &plan, &meta, settings, &mut |st| steps.push(st)).expect("publishes");
    // Progress counts up to its total, whatever order the solves end in.
    assert!(steps.windows(2).all(|w| w[0].done < w[1].done), "{steps:?}");
    assert_eq!(
        steps.last().map(|st| st.done),
        steps.last().map(|st| st.total)
    );
    (p.manifest.cost_yuan, p)
}

#[test]
fn proven_counterfactuals_equal_a_cold_solve_and_never_cost_more_than_the_plan() {
    for (name, s) in regions() {
        let (cost, p) = publish(&s, 60.0);
        assert!(!p.counterfactuals.is_empty(), "{name}");
        for c in &p.counterfactuals {
            let without_cost = c
                .cost_yuan
                .unwrap_or_else(|| panic!("{name}: {:?} found no plan", c.rule));
            assert!(
                without_cost <= cost * (1.0 + 1e-6) + 1.0,
                "{name}: {:?} costs {without_cost} > {cost}",
                c.rule
            );
            assert_eq!(c.status, Status::Optimal, "{name}: {:?}", c.rule);
            assert!(
                c.gap.is_some_and(|g| g <= 1e-4),
                "{name}: {:?} gap {:?}",
                c.rule,
                c.gap
            );
            let mut without = s.clone();
            without.policy = c.rule.turned_off(&s.policy);
            let cold = solve_plan(
                &without,
                &PlanOptions {
                    time_limit: Some(60.0),
                    ..Default::default()
                },
            )
            .expect("solves");
            let cold_cost = cold.cost_yuan.expect("a plan");
            assert!(
                (cold_cost - without_cost).abs() <= 1e-4 * cold_cost.max(1.0) + 1.0,
                "{name}: {:?} warm {without_cost} vs cold {cold_cost}",
                c.rule
            );
        }
    }
}

#[test]
fn a_short_counterfactual_limit_keeps_a_plan_no_worse_than_the_published_one_and_says_its_gap() {
    // The 4-county prefecture of `bench_solve family` (2,000 zones), whose
    // per-rule solves take 0.2–0.5 s on 2 cores: a 0.3 s limit stops some
    // of them on a machine like this one.
    let prefecture = healthreach::bench::province::Province {
        side: 2,
        zones: 500,
        townships: 15,
        clinics: 250,
        sites: 30,
        grid: 80,
    }
    .generate(7);
    let mut stopped_somewhere = 0;
    for (name, s) in regions()
        .into_iter()
        .chain([("4-county prefecture, seed 7".to_string(), prefecture)])
    {
        let (cost, p) = publish(&s, 0.3);
        let stopped = p
            .counterfactuals
            .iter()
            .filter(|c| c.status != Status::Optimal)
            .count();
        eprintln!(
            "{name}: {stopped} of {} stopped by their limit",
            p.counterfactuals.len()
        );
        // A stopped solve still has the published plan to give.
        stopped_somewhere += p
            .counterfactuals
            .iter()
            .filter(|c| c.status != Status::Optimal && c.cost_yuan.is_some())
            .count();
        for c in &p.counterfactuals {
            if let Some(without_cost) = c.cost_yuan {
                assert!(
                    without_cost <= cost * (1.0 + 1e-6) + 1.0,
                    "{name}: {:?}",
                    c.rule
                );
                assert!(
                    c.gap.is_some(),
                    "{name}: {:?} has a plan but no gap",
                    c.rule
                );
                if c.status != Status::Optimal {
                    assert!(c.gap.is_some_and(|g| g >= 0.0), "{name}: {:?}", c.rule);
                }
            } else {
                assert!(
                    c.status != Status::Optimal,
                    "{name}: {:?} optimal without a plan",
                    c.rule
                );
            }
        }
    }
    eprintln!("{stopped_somewhere} per-rule solves stopped with a plan");
}
