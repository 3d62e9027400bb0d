//! Benchmark workloads shared by the native and the browser benchmark
//! (`src/bin/bench_access.rs`): the same code, timed by each platform's clock.

use crate::access::{AccessOptions, TravelTimes};
use crate::indicators::{
    access_curve, coverage_within, e2sfca, nearest_minutes, service_point_sites, DEFAULT_BANDS,
};
use crate::scenario::*;

pub mod province;

/// SplitMix64, for reproducible synthetic regions and shapes.
pub struct Rng(pub u64);

impl Rng {
    /// The next number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A synthetic region of `zones` zones and `facilities` facilities on a
/// square grid of roads with `grid × grid` nodes (2·grid·(grid−1) edges),
/// about 200 km across: every 20th line a national road, every 5th a county
/// road, the rest village roads.
pub fn synthetic_region(zones: usize, facilities: usize, grid: usize, seed: u64) -> Scenario {
    let mut rng = Rng(seed);
    let (lon0, lat0, span_lat): (f64, f64, f64) = (109.0, 34.0, 1.8);
    let span_lon = span_lat / lat0.to_radians().cos();
    let step = |i: usize, span: f64| span * i as f64 / (grid - 1) as f64;
    let class = |i: usize| {
        if i % 20 == 0 {
            RoadClass::National
        } else if i % 5 == 0 {
            RoadClass::County
        } else {
            RoadClass::Village
        }
    };
    let mut links = Vec::new();
    for i in 0..grid {
        links.push(RoadLink {
            id: format!("h{i}"),
            class: class(i),
            line: (0..grid)
                .map(|j| [lon0 + step(j, span_lon), lat0 + step(i, span_lat)])
                .collect(),
            speeds: None,
        });
        links.push(RoadLink {
            id: format!("v{i}"),
            class: class(i),
            line: (0..grid)
                .map(|j| [lon0 + step(i, span_lon), lat0 + step(j, span_lat)])
                .collect(),
            speeds: None,
        });
    }
    let square = |x0: f64, y0: f64, w: f64, h: f64| {
        Area(vec![vec![vec![
            [x0, y0],
            [x0 + w, y0],
            [x0 + w, y0 + h],
            [x0, y0 + h],
            [x0, y0],
        ]]])
    };
    let (hw, hh) = (span_lon / 2.0, span_lat / 2.0);
    let admin_units: Vec<AdminUnit> = (0..4)
        .map(|q| AdminUnit {
            urban: false,
            id: format!("Q{q}"),
            name: format!("Q{q}"),
            name_en: None,
            code: String::new(),
            boundary: square(
                lon0 + hw * (q % 2) as f64,
                lat0 + hh * (q / 2) as f64,
                hw,
                hh,
            ),
            population: 0.0,
        })
        .collect();
    let quadrant = |p: LonLat| {
        let qx = usize::from(p[0] >= lon0 + hw);
        let qy = usize::from(p[1] >= lat0 + hh);
        format!("Q{}", qx + 2 * qy)
    };
    let mut point = || [lon0 + rng.unit() * span_lon, lat0 + rng.unit() * span_lat];
    let zone_list: Vec<DemandZone> = (0..zones)
        .map(|i| {
            let p = point();
            DemandZone {
                id: format!("z{i}"),
                admin_unit: quadrant(p),
                location: p,
                area: None,
                population: 1000.0,
                age_groups: None,
            }
        })
        .collect();
    let tiers = [
        Tier::VillageClinic,
        Tier::VillageClinic,
        Tier::TownshipHealthCentre,
        Tier::CountyHospital,
    ];
    let facility_list: Vec<Facility> = (0..facilities)
        .map(|i| {
            let p = point();
            Facility {
                elderly_care_beds: 0.0,
                community: None,
                telemedicine_hub: None,
                id: format!("f{i}"),
                name: format!("f{i}"),
                tier: tiers[i % tiers.len()],
                location: p,
                admin_unit: quadrant(p),
                beds: 20.0,
                doctors: 5.0,
                specialists: Default::default(),
                services: vec![],
                expansion: Default::default(),
            }
        })
        .collect();
    let mut s = Scenario {
        format: FORMAT.into(),
        region: Region {
            name: "benchmark".into(),
            name_en: None,
            crs: "EPSG:4326".into(),
        },
        sources: vec![],
        admin_units,
        zones: zone_list,
        facilities: facility_list,
        candidate_sites: vec![],
        roads: Some(RoadNetwork {
            class_speeds: Default::default(),
            links,
        }),
        travel_times: None,
        policy: Policy::default(),
    };
    for u in &mut s.admin_units {
        u.population = s
            .zones
            .iter()
            .filter(|z| z.admin_unit == u.id)
            .map(|z| z.population)
            .sum();
    }
    s
}

/// One timed step.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Timing {
    /// What was timed.
    pub step: String,
    /// Wall-clock milliseconds.
    pub ms: f64,
    /// A figure computed by the step (a check that the work was done).
    pub check: f64,
}

/// Runs `f`, appending its wall time (by `now_ms`) and check value to `out`.
fn timed(
    out: &mut Vec<Timing>,
    now_ms: &dyn Fn() -> f64,
    step: String,
    f: &mut dyn FnMut() -> f64,
) {
    let t0 = now_ms();
    let check = f();
    out.push(Timing {
        step,
        ms: now_ms() - t0,
        check,
    });
}

/// Times the access engine on the benchmark region (10,000 zones, 1,000
/// facilities, ~200,000 road edges) and on the Weinan demo. `now_ms` is the
/// platform's clock in milliseconds.
pub fn run_access_bench(now_ms: &dyn Fn() -> f64) -> Vec<Timing> {
    let mut out = Vec::new();
    let mut time = |step: String, f: &mut dyn FnMut() -> f64| timed(&mut out, now_ms, step, f);
    let mut big = None;
    time(
        "generate benchmark region (10,000 zones, 1,000 facilities)".into(),
        &mut || {
            let s = synthetic_region(10_000, 1_000, 317, 7);
            let edges = 2 * 317 * 316;
            big = Some(s);
            edges as f64
        },
    );
    let s = big.expect("generated");
    let opts = AccessOptions::default();
    time(
        "road graph only (petgraph build, CSR, components, rstar)".into(),
        &mut || {
            let net = s.roads.as_ref().expect("roads");
            let (g, _) = crate::access::network::RoadGraph::build(net, Mode::Drive);
            g.edge_count() as f64
        },
    );
    let mut tt = None;
    time(
        "travel times: graph + joins + zone–site pairs ≤ 30 min".into(),
        &mut || {
            let t = TravelTimes::compute(&s, &opts);
            let n = t.pairs.iter().map(|r| r.len()).sum::<usize>() as f64;
            tt = Some(t);
            n
        },
    );
    let tt = tt.expect("computed");
    let mut mins = Vec::new();
    time(
        "nearest service point, every zone (multi-source, ≤ 120 min)".into(),
        &mut || {
            mins = nearest_minutes(&tt, &service_point_sites(&s));
            mins.iter().flatten().count() as f64
        },
    );
    time("15-minute coverage + access curve".into(), &mut || {
        let c = coverage_within(&s, &mins, 15.0);
        let curve = access_curve(&s, &mins, 120);
        c.share + curve[30].share
    });
    time("E2SFCA over the pair table".into(), &mut || {
        e2sfca(&s, &tt, &DEFAULT_BANDS).iter().sum()
    });
    let demo = crate::demo::weinan();
    time(
        "Weinan demo: travel times with pairs (drive)".into(),
        &mut || {
            TravelTimes::compute(&demo, &opts)
                .pairs
                .iter()
                .map(|r| r.len())
                .sum::<usize>() as f64
        },
    );
    time(
        "Weinan demo: map layer (nearest service point, drive)".into(),
        &mut || {
            crate::indicators::service_point_minutes(&demo, Mode::Drive)
                .0
                .iter()
                .flatten()
                .count() as f64
        },
    );
    out
}

/// Times the classic instances (spopt SF p-median and MCLP, pmed1..) with
/// one backend; `check` is the objective found.
fn time_classics(
    now_ms: &dyn Fn() -> f64,
    out: &mut Vec<Timing>,
    pmed: &[&str],
    sf: (&str, &str),
    choice: crate::optimise::Choice,
) {
    use crate::optimise::classic::{solve_with, ClassicKind, ClassicProblem};
    use crate::optimise::instances::{dense_problem, orlib_pmed, spopt_san_francisco};
    let mut time = |step: String, problem: Option<ClassicProblem>| {
        let t0 = now_ms();
        let check = problem
            .and_then(|p| solve_with(&p, None, choice).ok())
            .filter(|r| r.outcome.status == crate::optimise::Status::Optimal)
            .and_then(|r| r.outcome.objective)
            .unwrap_or(f64::NAN);
        out.push(Timing {
            step,
            ms: now_ms() - t0,
            check,
        });
    };
    if let Ok((w, m)) = spopt_san_francisco(sf.0, sf.1) {
        let mut p = dense_problem(ClassicKind::PMedian, w.clone(), m.clone());
        p.p = Some(4);
        time("SF p-median p=4 (objective)".into(), Some(p));
        let mut p = dense_problem(ClassicKind::Mclp, w, m);
        p.p = Some(4);
        p.s = Some(5000.0);
        time("SF MCLP p=4 S=5000 (covered population)".into(), Some(p));
    }
    for (i, text) in pmed.iter().enumerate() {
        time(
            format!("pmed{} p-median (objective)", i + 1),
            orlib_pmed(text).ok(),
        );
    }
}

/// Times the solvers: spopt's San Francisco set, OR-Library pmed1–10 and the
/// Weinan demo's full plan (and without the paediatric rule). `pmed` holds the
/// texts of pmed1..=10, `sf` the two San Francisco CSVs; `plan_seconds` is
/// the demo plan's time limit; `choice` the solver every step uses.
pub fn run_solver_bench(
    now_ms: &dyn Fn() -> f64,
    pmed: &[&str],
    sf: (&str, &str),
    plan_seconds: f64,
    choice: crate::optimise::Choice,
) -> Vec<Timing> {
    let mut out = Vec::new();
    time_classics(now_ms, &mut out, pmed, sf, choice);
    let mut time = |step: String, f: &mut dyn FnMut() -> f64| timed(&mut out, now_ms, step, f);
    let demo = crate::demo::weinan();
    let opts = crate::optimise::plan::PlanOptions {
        time_limit: Some(plan_seconds),
        backend: choice,
        ..Default::default()
    };
    let exact = crate::optimise::plan::PlanOptions {
        time_limit: Some(plan_seconds),
        mip_gap: 0.0,
        backend: choice,
        ..Default::default()
    };
    let mut quick = demo.clone();
    quick.policy.services.paediatrics = None;
    time(
        "Weinan plan without the paediatric rule (gap %)".into(),
        &mut || {
            crate::optimise::plan::solve_plan(&quick, &opts)
                .ok()
                .and_then(|r| r.outcome.gap)
                .map_or(f64::NAN, |g| g * 100.0)
        },
    );
    time(
        "Weinan full plan, MIP gap tolerance 0.1% (gap %)".into(),
        &mut || {
            crate::optimise::plan::solve_plan(&demo, &opts)
                .ok()
                .and_then(|r| r.outcome.gap)
                .map_or(f64::NAN, |g| g * 100.0)
        },
    );
    time(
        format!("Weinan full plan, exact, time limit {plan_seconds} s (gap %)"),
        &mut || {
            crate::optimise::plan::solve_plan(&demo, &exact)
                .ok()
                .and_then(|r| r.outcome.gap)
                .map_or(f64::NAN, |g| g * 100.0)
        },
    );
    // A what-if: the planner raises the beds target 7.0 → 7.2 per 1,000 and
    // re-solves, from scratch and warm-started from the first plan.
    let base = crate::optimise::plan::solve_plan(&demo, &opts)
        .ok()
        .and_then(|r| r.plan);
    let mut what_if = demo.clone();
    what_if.policy.ratios.beds_per_1000 = Some(7.2);
    let warm = crate::optimise::plan::PlanOptions {
        warm_start: base,
        ..opts.clone()
    };
    for (label, o) in [("cold", &opts), ("warm-started", &warm)] {
        time(
            format!("Weinan what-if, beds 7.2 per 1,000, {label} (gap %)"),
            &mut || {
                crate::optimise::plan::solve_plan(&what_if, o)
                    .ok()
                    .and_then(|r| r.outcome.gap)
                    .map_or(f64::NAN, |g| g * 100.0)
            },
        );
    }
    // Least travel time within a budget of 1.2 billion yuan (mean minutes).
    let mut travel = demo.clone();
    travel.policy.objective = crate::scenario::Objective::MinTravelTime;
    travel.policy.budget.money_yuan = Some(1.2e9);
    time(
        "Weinan least travel time, budget 1.2 bn yuan (mean minutes)".into(),
        &mut || {
            crate::optimise::plan::solve_plan(&travel, &opts)
                .ok()
                .and_then(|r| r.outcome.objective)
                .unwrap_or(f64::NAN)
        },
    );
    // The cost–coverage trade-off curve of the dashboard (7 points, each a
    // checked plan with its report).
    time(
        "Weinan cost–coverage trade-off, 7 points (points found)".into(),
        &mut || {
            let req = crate::tradeoff::TradeOffRequest {
                job: 0,
                scenario: demo.clone(),
                points: 7,
                time_limit: 20.0,
                mip_gap: 0.001,
            };
            crate::tradeoff::trade_off(&req, &mut |_, _, _| {}, &mut |_| {})
                .map_or(f64::NAN, |c| c.points.len() as f64)
        },
    );
    out
}
