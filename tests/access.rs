//! Travel times and access indicators on small hand-computed cases, against
//! brute force on random graphs, and on bad input.

mod common;

use common::*;
use healthreach::access::network::{RoadGraph, Workspace};
use healthreach::access::speeds::{haversine_km, StraightLine};
use healthreach::access::{AccessOptions, Method, TravelTimes};
use healthreach::indicators::{
    access_curve, access_report, coverage_within, e2sfca, nearest_minutes, service_point_sites,
    DEFAULT_BANDS,
};
use healthreach::scenario::*;
use proptest::prelude::*;

fn km_minutes(a: LonLat, b: LonLat, kmh: f64) -> f64 {
    haversine_km(a, b) / kmh * 60.0
}

/// A county road (40 km/h drive) along 35.1 N, zones and facilities on it.
fn line_scenario() -> Scenario {
    let mut s = square_region();
    let (a, b, c) = ([110.02, 35.1], [110.10, 35.1], [110.18, 35.1]);
    s.roads = Some(RoadNetwork {
        class_speeds: Default::default(),
        links: vec![road("r1", RoadClass::County, vec![a, b, c])],
    });
    s.zones = vec![zone("za", a, 1000.0), zone("zc", c, 3000.0)];
    s.facilities = vec![facility("fb", Tier::TownshipHealthCentre, b, 10.0)];
    settle(s)
}

#[test]
fn road_times_match_hand_computation() {
    let s = line_scenario();
    let tt = TravelTimes::compute(&s, &AccessOptions::default());
    assert_eq!(tt.method, Method::RoadNetwork);
    let want = km_minutes([110.02, 35.1], [110.10, 35.1], 40.0);
    assert!(
        (want - 10.94).abs() < 0.05,
        "7.3 km at 40 km/h ≈ 10.9 min, got {want}"
    );
    for z in 0..2 {
        assert_eq!(tt.pairs[z].len(), 1);
        assert!((tt.pairs[z][0].1 as f64 - want).abs() < 1e-3);
    }
    // Walking the same road at 5 km/h takes 8 times longer: beyond 30 min, not in the pair table,
    // but found by the nearest search (bound 120).
    let walk = TravelTimes::compute(
        &s,
        &AccessOptions {
            mode: Mode::Walk,
            ..Default::default()
        },
    );
    assert!(walk.pairs[0].is_empty());
    let n = walk.nearest(&[0]);
    assert!((n[0].unwrap().1 - want * 8.0).abs() < 1e-3);
}

#[test]
fn gaps_to_the_network_are_walked() {
    let mut s = line_scenario();
    // 1 km north of the road's end point a.
    s.zones[0].location = [110.02, 35.1 + 1.0 / 110.574];
    let tt = TravelTimes::compute(&s, &AccessOptions::default());
    let road = km_minutes([110.02, 35.1], [110.10, 35.1], 40.0);
    let walk = km_minutes(s.zones[0].location, [110.02, 35.1], 5.0);
    assert!((walk - 12.0).abs() < 0.1);
    assert!((tt.pairs[0][0].1 as f64 - (road + walk)).abs() < 1e-3);
}

#[test]
fn coverage_curve_and_e2sfca_by_hand() {
    let s = line_scenario();
    let tt = TravelTimes::compute(&s, &AccessOptions::default());
    let mins = nearest_minutes(&tt, &service_point_sites(&s));
    // Both zones 10.9 min away: all covered at 15, none at 10.
    assert_eq!(coverage_within(&s, &mins, 15.0).share, 1.0);
    assert_eq!(coverage_within(&s, &mins, 10.0).share, 0.0);
    let curve = access_curve(&s, &mins, 20);
    assert_eq!(curve[10].share, 0.0);
    assert_eq!(curve[11].share, 1.0);
    assert!(curve.windows(2).all(|w| w[0].share <= w[1].share));
    // E2SFCA: both zones in band 10–20 (w = 0.68): R = 10 / (4000 × 0.68);
    // A = R × 0.68 × 1000 = 2.5 doctors per 1,000.
    let a = e2sfca(&s, &tt, &DEFAULT_BANDS);
    assert!(
        (a[0] - 2.5).abs() < 1e-9 && (a[1] - 2.5).abs() < 1e-9,
        "{a:?}"
    );
}

#[test]
fn straight_line_without_roads() {
    let mut s = line_scenario();
    s.roads = None;
    let tt = TravelTimes::compute(&s, &AccessOptions::default());
    assert_eq!(tt.method, Method::StraightLine);
    let km = haversine_km([110.02, 35.1], [110.10, 35.1]);
    let want = StraightLine::default().minutes(km, Mode::Drive);
    assert!((want - km * 1.3 / 40.0 * 60.0).abs() < 1e-12);
    assert!((tt.pairs[0][0].1 as f64 - want).abs() < 1e-3);
    assert!((tt.nearest(&[0])[0].unwrap().1 - want).abs() < 1e-9);
}

#[test]
fn explicit_table_is_used_as_given() {
    let mut s = line_scenario();
    s.travel_times = Some(TravelTimeTable {
        mode: Mode::Drive,
        entries: vec![
            TravelTimeEntry {
                zone: "za".into(),
                site: "fb".into(),
                minutes: 7.5,
            },
            TravelTimeEntry {
                zone: "zc".into(),
                site: "fb".into(),
                minutes: 44.0,
            },
        ],
    });
    let tt = TravelTimes::compute(&s, &AccessOptions::default());
    assert_eq!(tt.method, Method::Table);
    assert_eq!(tt.pairs[0], vec![(0, 7.5)]);
    assert!(
        tt.pairs[1].is_empty(),
        "44 min is beyond the 30 min pair table"
    );
    assert_eq!(tt.nearest(&[0])[1], Some((0, 44.0)));
    let r = access_report(&s, &AccessOptions::default(), 15.0);
    assert_eq!(r.coverage_share, 0.25);
}

#[test]
fn disconnected_networks_zero_speeds_and_far_zones_warn_not_panic() {
    let mut s = line_scenario();
    let net = s.roads.as_mut().unwrap();
    // A separate road nobody can reach from the first, and a zero-speed class.
    net.links.push(road(
        "island",
        RoadClass::Village,
        vec![[110.05, 35.18], [110.08, 35.18]],
    ));
    net.class_speeds.insert(
        RoadClass::Provincial,
        ModeSpeeds {
            walk_kmh: 0.0,
            bike_kmh: 0.0,
            drive_kmh: 0.0,
        },
    );
    net.links.push(road(
        "stopped",
        RoadClass::Provincial,
        vec![[110.0, 35.01], [110.1, 35.01]],
    ));
    s.zones.push(zone("z-island", [110.05, 35.18], 500.0));
    s.zones.push(zone("z-far", [110.1, 35.19], 200.0)); // ~1.1 km from the island road
    s.zones.push(zone("z-very-far", [110.19, 35.19], 100.0));
    let s = settle(s);
    let r = access_report(&s, &AccessOptions::default(), 15.0);
    let all = r
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("disconnected"), "{all}");
    assert!(all.contains("\"stopped\""), "{all}");
    assert!(all.contains("z-very-far"), "{all}");
    // The island zone cannot reach the facility: unreachable, not NaN.
    assert_eq!(r.zone_minutes[2], None);
    assert!(r.e2sfca.iter().all(|x| x.is_finite()));
    assert!(r.access_curve.iter().all(|p| p.share.is_finite()));
    assert!(r.coverage_share > 0.0 && r.coverage_share < 1.0);
}

#[test]
fn empty_inputs_give_zeros_not_nan() {
    let mut s = line_scenario();
    s.facilities.clear();
    let r = access_report(&s, &AccessOptions::default(), 15.0);
    assert_eq!(r.coverage_share, 0.0);
    assert!(r.zone_minutes.iter().all(Option::is_none));
    assert!(r.e2sfca.iter().all(|x| *x == 0.0));
}

#[test]
fn demo_drive_coverage_is_computed_over_the_road_network() {
    let s = healthreach::demo::weinan();
    let r = access_report(&s, &AccessOptions::default(), 15.0);
    assert_eq!(r.method, Method::RoadNetwork);
    assert!(
        r.coverage_share > 0.5 && r.coverage_share < 1.0,
        "{}",
        r.coverage_share
    );
    // The share at 15 minutes is the curve's value at 15.
    assert!((r.access_curve[15].share - r.coverage_share).abs() < 1e-12);
    // Walking reaches fewer people than driving.
    let walk = access_report(
        &s,
        &AccessOptions {
            mode: Mode::Walk,
            ..Default::default()
        },
        15.0,
    );
    assert!(walk.coverage_share < r.coverage_share);
    // The mountain south is worse off than the plain: 华州区 below 富平县.
    let unit = |id: &str| r.coverage.units.iter().find(|u| u.id == id).unwrap().share;
    assert!(unit("610503") < unit("610528"));
    assert_eq!(r.referrals.len(), 135);
    // Referrals stay within the county medical community: to its lead.
    for x in &r.referrals {
        let f = s.facilities.iter().find(|f| f.id == x.from).unwrap();
        assert_eq!(x.to.as_deref(), f.community.as_deref(), "{}", x.from);
        assert!(x.minutes.is_some(), "{} reaches its lead", x.from);
    }
}

/// Brute force: Floyd–Warshall over the same edges.
fn floyd(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Vec<f64>> {
    let mut d = vec![vec![f64::INFINITY; n]; n];
    for (i, row) in d.iter_mut().enumerate() {
        row[i] = 0.0;
    }
    for &(a, b, w) in edges {
        if w < d[a][b] {
            d[a][b] = w;
            d[b][a] = w;
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                let via = d[i][k] + d[k][j];
                if via < d[i][j] {
                    d[i][j] = via;
                }
            }
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Bounded Dijkstra over the road graph equals all-pairs brute force, and
    /// the zone–site pair table equals brute force within its bound.
    #[test]
    fn dijkstra_equals_brute_force(
        pts in prop::collection::vec((0.0f64..0.2, 0.0f64..0.2), 2..14),
        links in prop::collection::vec((0usize..14, 0usize..14, 0usize..5), 1..30),
        bound in 5.0f64..40.0,
    ) {
        let n = pts.len();
        let pos: Vec<LonLat> = pts.iter().map(|(x, y)| [110.0 + x, 35.0 + y]).collect();
        let classes = [RoadClass::Expressway, RoadClass::National, RoadClass::Provincial, RoadClass::County, RoadClass::Village];
        let mut net = RoadNetwork::default();
        let mut edges = Vec::new();
        for (k, &(a, b, c)) in links.iter().enumerate() {
            let (a, b) = (a % n, b % n);
            if a == b { continue; }
            net.links.push(road(&format!("l{k}"), classes[c], vec![pos[a], pos[b]]));
            let v = healthreach::access::speeds::default_speeds(classes[c]).drive_kmh;
            edges.push((a, b, km_minutes(pos[a], pos[b], v)));
        }
        prop_assume!(!net.links.is_empty());
        let (graph, _) = RoadGraph::build(&net, Mode::Drive);
        let d = floyd(n, &edges);
        // Map points to graph nodes through the join (gap 0 at a node).
        let used: Vec<usize> = (0..n).filter(|&i| edges.iter().any(|e| e.0 == i || e.1 == i)).collect();
        let node_of = |i: usize| graph.join(pos[i]).unwrap();
        let mut ws = Workspace::default();
        for &src in &used {
            let j = node_of(src);
            prop_assert!(j.gap_km < 1e-6);
            graph.search(&[(j.node, 0.0, 7)], bound, &mut ws);
            for &dst in &used {
                let got = ws.dist[node_of(dst).node as usize];
                let want = d[src][dst];
                if want <= bound {
                    prop_assert!((got - want).abs() < 1e-3, "{src}->{dst}: {got} vs {want}");
                } else {
                    prop_assert!(got.is_infinite(), "{src}->{dst} beyond bound found {got}");
                }
            }
        }
        // The pair table: zones at the even used points, facilities at the odd ones.
        let mut s = square_region();
        s.roads = Some(net);
        let zs: Vec<usize> = used.iter().copied().filter(|i| i % 2 == 0).collect();
        let fs: Vec<usize> = used.iter().copied().filter(|i| i % 2 == 1).collect();
        s.zones = zs.iter().map(|&i| zone(&format!("z{i}"), pos[i], 10.0)).collect();
        s.facilities = fs.iter().map(|&i| facility(&format!("f{i}"), Tier::VillageClinic, pos[i], 0.0)).collect();
        let opts = AccessOptions { pair_minutes: bound, ..Default::default() };
        let tt = TravelTimes::compute(&settle(s), &opts);
        for (zi, &z) in zs.iter().enumerate() {
            let mut want: Vec<(u32, f64)> = fs.iter().enumerate()
                .filter(|(_, &f)| d[z][f] <= bound)
                .map(|(fi, &f)| (fi as u32, d[z][f]))
                .collect();
            want.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let got = &tt.pairs[zi];
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert!((g.1 as f64 - w.1).abs() < 1e-2);
            }
            // Nearest: the minimum of the brute-force row.
            let best = fs.iter().map(|&f| d[z][f]).fold(f64::INFINITY, f64::min);
            let near = tt.nearest(&(0..fs.len() as u32).collect::<Vec<_>>())[zi];
            if best <= 120.0 && !fs.is_empty() {
                prop_assert!((near.unwrap().1 - best).abs() < 1e-3);
            } else {
                prop_assert!(near.is_none());
            }
        }
    }
}
