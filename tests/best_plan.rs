//! The plan shown is never worse than a plan already found, and a stopped
//! solve keeps its best plan: on generated regions, every plan the worker
//! reports while it solves checks no cheaper than the final one, and
//! `Job::Settle` turns the best plan found into a checked, reported result.

use healthreach::access::TravelTimes;
use healthreach::bench::province::Province;
use healthreach::checker::check;
use healthreach::optimise::plan::{access_options_for, plan_cost};
use healthreach::plan::Plan;
use healthreach::protocol::{run_job, Job, SettleRequest, SolveRequest, WorkerMessage};
use healthreach::scenario::Scenario;

/// Small generated regions: 1–4 counties, townships and villages, roads.
fn regions() -> Vec<(String, Scenario)> {
    [
        (1, 200, 15, 200, 10, 7),
        (1, 300, 12, 150, 12, 11),
        (2, 200, 15, 200, 10, 12),
        (2, 120, 8, 60, 8, 13),
        (3, 200, 15, 200, 20, 14),
    ]
    .into_iter()
    .map(|(side, zones, townships, clinics, sites, seed)| {
        let p = Province {
            side,
            zones,
            townships,
            clinics,
            sites,
            grid: 40 * side,
        };
        (
            format!("{side}×{side} counties, {zones} zones per county, seed {seed}"),
            p.generate(seed),
        )
    })
    .collect()
}

/// A plan reported while solving, with the incumbent and bound of its report.
type Found = (Plan, Option<f64>, Option<f64>);

/// Solves `s` as the page does; the progress plans and the final message.
fn solve(s: &Scenario) -> (Vec<Found>, WorkerMessage) {
    let req = SolveRequest {
        job: 1,
        scenario: s.clone(),
        time_limit: 60.0,
        mip_gap: 0.0,
        warm_start: None,
        incumbent: true,
    };
    let mut found = vec![];
    let mut last = None;
    run_job(&Job::Solve(Box::new(req)), &mut |m| match m {
        WorkerMessage::Progress {
            plan: Some(plan),
            incumbent,
            bound,
            ..
        } => found.push((*plan, incumbent, bound)),
        WorkerMessage::Progress { .. } => {}
        other => last = Some(other),
    });
    (found, last.expect("a final message"))
}

#[test]
fn the_final_plan_is_never_worse_than_a_plan_found_on_the_way() {
    let (mut reported, mut solved) = (0, 0);
    for (name, s) in regions() {
        let (found, last) = solve(&s);
        let WorkerMessage::Done { reply, .. } = last else {
            panic!("{name}: {last:?}");
        };
        eprintln!(
            "{name}: {:?}, {} plans on the way",
            reply.status,
            found.len()
        );
        // Some generated regions cannot meet every rule (infeasible): nothing to compare.
        let Some(final_plan) = &reply.plan else {
            continue;
        };
        solved += 1;
        assert!(reply.verified, "{name}: {:?}", reply.failed_checks);
        let tt = TravelTimes::compute(&s, &access_options_for(&s));
        let final_cost = plan_cost(&s, final_plan);
        for (k, (plan, incumbent, _)) in found.iter().enumerate() {
            assert!(
                incumbent.is_some(),
                "{name}: plan {k} without its objective"
            );
            if check(&s, &tt, plan).verified {
                let cost = plan_cost(&s, plan);
                assert!(
                    final_cost <= cost + 1e-6 * cost.max(1.0),
                    "{name}: plan {k} found on the way costs {cost}, the final one {final_cost}"
                );
            }
        }
        reported += found.len();
    }
    assert!(
        solved >= 3 && reported > 0,
        "{solved} regions solved, {reported} plans reported while solving: the test would prove nothing"
    );
}

#[test]
fn a_stopped_solve_keeps_its_best_plan_checked_with_its_gap() {
    let (name, s) = regions().remove(4);
    let (found, _) = solve(&s);
    let (plan, incumbent, bound) = found
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("{name}: no plan reported while solving"));
    let settle = |plan: Plan, scenario: Scenario| {
        let mut out = vec![];
        let req = SettleRequest {
            job: 9,
            scenario,
            plan,
            incumbent,
            bound,
            seconds: 1.5,
        };
        run_job(&Job::Settle(Box::new(req)), &mut |m| out.push(m));
        assert_eq!(out.len(), 1, "{out:?}");
        out.remove(0)
    };
    let WorkerMessage::Done { job: 9, reply } = settle(plan.clone(), s.clone()) else {
        panic!("settle failed");
    };
    let tt = TravelTimes::compute(&s, &access_options_for(&s));
    let c = check(&s, &tt, &plan);
    assert!(reply.stopped);
    assert_eq!(reply.verified, c.verified);
    assert_eq!(reply.plan.as_ref(), Some(&plan));
    let cost = plan_cost(&s, &plan);
    assert_eq!(reply.cost_yuan, Some(cost));
    assert_eq!(reply.objective, Some(cost));
    assert_eq!(reply.seconds, 1.5);
    if let (Some(b), Some(g)) = (bound, reply.gap) {
        assert!((g - (cost - b).abs() / cost).abs() < 1e-9, "gap {g}");
    }
    assert!(reply.report.is_some_and(|r| !r.decisions.is_empty()));
    // A plan naming a facility the region lacks is refused with its path.
    let mut bad = plan.clone();
    bad.beds.push(healthreach::plan::BedsAdded {
        facility: "no-such-facility".into(),
        beds: 3.0,
    });
    match settle(bad, s.clone()) {
        WorkerMessage::Failed { message, .. } => {
            assert!(message.contains("no-such-facility"), "{message}")
        }
        m => panic!("{m:?}"),
    }
}
