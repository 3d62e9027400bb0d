//! The plan model, exact on regions nobody tuned it to: the plan's cost is
//! the model's optimum (secondees fit every facility's room together), the
//! reductions keep the optimum (brute force), and the written MPS / LP
//! files re-solve in HiGHS to the same optimum.

mod common;

use common::{cheapest, coverage_only, site_subsets};
use healthreach::bench::province::Province;
use healthreach::optimise::plan::{plan_cost, solve_plan, write_model, PlanOptions};
use healthreach::optimise::{highs_solve_file, ModelFormat, Status};
use healthreach::scenario::Scenario;

fn region(side: usize, zones: usize, sites: usize, seed: u64) -> Scenario {
    Province {
        side,
        zones,
        townships: 15,
        clinics: if side == 1 { 200 } else { 250 },
        sites,
        grid: 40 * side,
    }
    .generate(seed)
}

fn solve(s: &Scenario) -> healthreach::optimise::plan::PlanResult {
    solve_plan(
        s,
        &PlanOptions {
            time_limit: Some(60.0),
            ..Default::default()
        },
    )
    .expect("solves")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// On generated regions of 1 and 4 counties with secondments on, the plan
/// placed at facilities costs exactly the model's optimum and verifies:
/// no secondee is left without room (they used to become posts, the plan
/// costing more than the model said).
#[test]
fn plan_cost_is_the_model_optimum_on_generated_regions() {
    let mut proven = 0;
    for (side, zones, sites, seed) in [
        (1, 200, 10, 7),
        (2, 500, 30, 7),
        (1, 200, 10, 3),
        (1, 300, 12, 11),
        (2, 400, 25, 5),
    ] {
        let s = region(side, zones, sites, seed);
        assert!(s.policy.secondment.enabled);
        let r = solve(&s);
        let Some(plan) = &r.plan else { continue };
        let tt = healthreach::access::TravelTimes::compute(
            &s,
            &healthreach::optimise::plan::access_options_for(&s),
        );
        assert!(
            healthreach::checker::check(&s, &tt, plan).verified,
            "region {side}/{zones}/{seed}"
        );
        if r.outcome.status == Status::Optimal {
            proven += 1;
            let cost = plan_cost(&s, plan);
            let bound = r.outcome.bound.expect("bound");
            assert!(
                close(cost, bound),
                "region {side}/{zones}/{seed}: plan {cost} vs bound {bound}"
            );
        }
    }
    assert!(proven >= 2, "at least two regions proven ({proven})");
}

/// Zones merged by the sites that would cover them keep the optimum: on
/// lines of zones that repeat the same sets (several zones between the
/// same sites), the cheapest plan is the brute-force cheapest over every
/// subset of sites, checked independently.
#[test]
fn merged_zones_keep_the_coverage_optimum() {
    let pops = [900.0, 400.0, 700.0, 300.0, 800.0, 200.0, 600.0, 500.0];
    let sites = [
        (110.04, 3.0e6),
        (110.10, 2.0e6),
        (110.16, 4.0e6),
        (110.22, 2.5e6),
    ];
    for share in [0.3, 0.5, 0.7, 0.9] {
        let s = coverage_only(&pops, &sites, share);
        let brute = cheapest(&s, site_subsets(&s).into_iter().map(|(p, _)| p));
        let r = solve(&s);
        match brute {
            None => assert!(r.plan.is_none(), "share {share}: no plan verifies"),
            Some(best) => {
                let cost = r.cost_yuan.expect("a plan");
                assert!(
                    close(cost, best),
                    "share {share}: {cost} vs brute force {best}"
                );
            }
        }
    }
}

fn resolve(text: &str, ext: &str) -> f64 {
    let dir = std::env::temp_dir().join(format!("healthreach-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("model{}.{ext}", text.len()));
    std::fs::write(&path, text).unwrap();
    let (optimal, objective) =
        highs_solve_file(path.to_str().unwrap(), 60.0).expect("HiGHS reads it");
    assert!(optimal, "{ext}: HiGHS proves the written model optimal");
    objective.expect("an objective")
}

/// The written model, read by HiGHS's own MPS and LP readers, re-solves to
/// the optimum the engine finds, and names its rows and columns by rule,
/// unit and facility.
#[test]
fn written_models_resolve_to_the_same_optimum() {
    for (side, zones, sites, seed) in [(1, 200, 10, 7), (2, 500, 30, 7)] {
        let s = region(side, zones, sites, seed);
        let r = solve(&s);
        assert_eq!(r.outcome.status, Status::Optimal);
        let optimum = r.outcome.objective.expect("objective");
        for (format, ext) in [(ModelFormat::Mps, "mps"), (ModelFormat::Lp, "lp")] {
            let text = write_model(&s, format).expect("writes");
            let safe = |id: &str| -> String {
                id.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "_.(),/:!@#".contains(c) {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect()
            };
            let f = s
                .facilities
                .iter()
                .find(|f| text.contains(&format!("beds({})", safe(&f.id))));
            assert!(f.is_some(), "{ext}: columns named by facility");
            assert!(text.contains("beds_per_1000("), "{ext}: rows named by rule");
            let objective = resolve(&text, ext);
            assert!(
                close(objective, optimum),
                "{ext}: {objective} vs engine {optimum}"
            );
        }
    }
}

#[test]
fn model_format_from_the_file_name() {
    assert_eq!(ModelFormat::of_path("a/b.MPS"), Some(ModelFormat::Mps));
    assert_eq!(ModelFormat::of_path("x.lp"), Some(ModelFormat::Lp));
    assert_eq!(ModelFormat::of_path("x.txt"), None);
}
