//! The cost–coverage trade-off sweep: every point a checked plan, each
//! budget point as good as brute-force enumeration, and the worker's job
//! loop posting points in order.

mod common;

use common::{coverage_only, site_subsets};
use healthreach::indicators::{coverage_within, service_point_minutes};
use healthreach::protocol::{run_job, Job, WorkerMessage};
use healthreach::scenario::Scenario;
use healthreach::tradeoff::{trade_off, PointKind, TradeOffRequest};
use proptest::prelude::*;

fn request(s: Scenario, points: usize) -> TradeOffRequest {
    TradeOffRequest {
        job: 3,
        scenario: s,
        points,
        time_limit: 20.0,
        mip_gap: 0.0,
    }
}

/// Every subset of candidate sites: (cost, share covered after opening it).
fn subsets(s: &Scenario) -> Vec<(f64, f64)> {
    site_subsets(s)
        .into_iter()
        .map(|(plan, cost)| {
            let after = plan.applied_to(s);
            let (m, _, _) = service_point_minutes(&after, after.policy.coverage.mode);
            (
                cost,
                coverage_within(&after, &m, after.policy.coverage.minutes).share,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Floor costs nothing here (coverage is the only target); the target
    /// point and every level point cost exactly what the cheapest subset
    /// reaching that coverage costs; the last level is the most coverage
    /// any subset reaches.
    #[test]
    fn level_points_match_brute_force(
        pops in prop::collection::vec(100.0f64..5000.0, 2..6),
        sites in prop::collection::vec((110.0f64..110.2, 1.0f64..9.0), 1..5),
        share in 0.3f64..0.95,
    ) {
        let sites: Vec<(f64, f64)> = sites.into_iter().map(|(x, c)| (x, (c * 1e6).round())).collect();
        let s = coverage_only(&pops, &sites, share);
        let all = subsets(&s);
        let cheapest = |level: f64| all.iter().filter(|(_, c)| *c >= level - 1e-9).map(|(k, _)| *k).fold(f64::INFINITY, f64::min);
        let mut seen = vec![];
        let curve = trade_off(&request(s.clone(), 5), &mut |i, total, p| seen.push((i, total, p.kind)), &mut |_| {}).unwrap();
        // Only an unreachable target is skipped, and then with the reason.
        let expected_skips: Vec<String> = if cheapest(share).is_finite() {
            vec![]
        } else {
            vec![format!("{:.2}% (target): no plan (infeasible)", share * 100.0)]
        };
        prop_assert_eq!(&curve.skipped, &expected_skips);
        let points = curve.points;
        prop_assert_eq!(seen.len(), points.len());
        prop_assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "points in order: {:?}", seen);
        prop_assert_eq!(points[0].kind, PointKind::Floor);
        prop_assert_eq!(points[0].cost_yuan, 0.0);
        for p in &points {
            prop_assert!(p.reply.verified, "{:?}", p.reply.failed_checks);
            prop_assert!(p.coverage >= p.share - 1e-9);
            if p.kind != PointKind::Floor {
                prop_assert!((p.cost_yuan - cheapest(p.share)).abs() < 1e-6, "{:?} at {}: {} vs {}", p.kind, p.share, p.cost_yuan, cheapest(p.share));
            }
        }
        // The target point exists exactly when some subset reaches the share.
        let has_target = points.iter().any(|p| p.kind == PointKind::Target);
        prop_assert_eq!(has_target, cheapest(share).is_finite());
        let levels: Vec<_> = points.iter().filter(|p| p.kind == PointKind::Level).collect();
        let most = all.iter().map(|(_, c)| *c).fold(0.0, f64::max);
        if most > points[0].coverage + 1e-9 {
            prop_assert_eq!(levels.len(), 3);
            prop_assert!((levels[2].coverage - most).abs() < 1e-9);
        }
        // More coverage never costs less.
        prop_assert!(levels.windows(2).all(|w| w[0].cost_yuan <= w[1].cost_yuan + 1e-6));
    }
}

#[test]
fn the_worker_loop_posts_progress_points_in_order_and_swept() {
    let s = coverage_only(
        &[1000.0, 2000.0, 3000.0, 500.0],
        &[(110.1, 2e6), (110.19, 3e6)],
        0.9,
    );
    let job = Job::TradeOff(Box::new(request(s, 4)));
    // Jobs travel as JSON.
    let job: Job = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
    let mut msgs = vec![];
    run_job(&job, &mut |m| msgs.push(m));
    let points: Vec<usize> = msgs
        .iter()
        .filter_map(|m| match m {
            WorkerMessage::Point {
                job: 3,
                index,
                total: 4,
                ..
            } => Some(*index),
            _ => None,
        })
        .collect();
    assert!(
        points.len() >= 3 && points.windows(2).all(|w| w[0] < w[1]),
        "{points:?}"
    );
    assert!(msgs
        .iter()
        .any(|m| matches!(m, WorkerMessage::Progress { job: 3, .. })));
    assert_eq!(
        msgs.last(),
        Some(&WorkerMessage::Swept {
            job: 3,
            points: points.len(),
            skipped: vec![]
        })
    );
}

#[test]
fn no_curve_when_the_other_targets_are_out_of_reach() {
    let mut s = healthreach::demo::weinan();
    s.policy.ratios.beds_per_1000 = Some(25.0);
    let err = trade_off(&request(s, 4), &mut |_, _, _| {}, &mut |_| {}).unwrap_err();
    assert!(err.message.contains("beds per 1,000"), "{err}");
}
