//! Classic location models against published and independently computed
//! optima (data in tests/data, provenance in tests/data/SOURCES.md).

use healthreach::optimise::classic::{solve, ClassicKind, ClassicProblem, ClassicResult};
use healthreach::optimise::Status;
use std::collections::BTreeMap;

fn problem(kind: ClassicKind, w: Vec<f64>, minutes: Vec<Vec<f64>>) -> ClassicProblem {
    healthreach::optimise::instances::dense_problem(kind, w, minutes)
}

fn optimal(r: &ClassicResult) -> f64 {
    assert_eq!(r.outcome.status, Status::Optimal, "{r:?}");
    assert_eq!(r.outcome.gap, Some(0.0));
    r.outcome.objective.unwrap()
}

/// spopt's San Francisco instance, built exactly as spopt's tests do.
fn san_francisco() -> (Vec<f64>, Vec<Vec<f64>>) {
    let (w, m) = healthreach::optimise::instances::spopt_san_francisco(
        &std::fs::read_to_string(
            "tests/data/SF_network_distance_candidateStore_16_censusTract_205_new.csv",
        )
        .unwrap(),
        &std::fs::read_to_string("tests/data/SF_demand_205_centroid_uniform_weight.csv").unwrap(),
    )
    .unwrap();
    assert_eq!(w.len(), 205);
    assert!(m.iter().all(|r| r.len() == 16));
    assert_eq!(w.iter().sum::<f64>(), 955_113.0);
    (w, m)
}

#[test]
fn san_francisco_p_median_matches_spopt() {
    let (w, m) = san_francisco();
    let mut p = problem(ClassicKind::PMedian, w, m);
    p.p = Some(4);
    let r = solve(&p, None).unwrap();
    let obj = optimal(&r);
    assert!((obj - 2_848_268_129.714512).abs() < 1e-3, "{obj}");
    assert!((obj / 955_113.0 - 2982.1268579890657).abs() < 1e-9);
}

#[test]
fn san_francisco_mclp_lscp_and_p_center() {
    let (w, m) = san_francisco();
    let mut p = problem(ClassicKind::Mclp, w.clone(), m.clone());
    p.p = Some(4);
    p.s = Some(5000.0);
    let r = solve(&p, None).unwrap();
    assert_eq!(optimal(&r), 875_247.0);
    let covered_tracts = m
        .iter()
        .filter(|row| r.open.iter().any(|&j| row[j] <= 5000.0))
        .count();
    assert_eq!(covered_tracts, 184, "spopt: 21 of 205 tracts uncovered");

    let mut p = problem(ClassicKind::Lscp, w.clone(), m.clone());
    p.s = Some(5000.0);
    assert_eq!(optimal(&solve(&p, None).unwrap()), 8.0);

    let mut p = problem(ClassicKind::PCenter, w, m);
    p.p = Some(4);
    let r = solve(&p, None).unwrap();
    assert!((optimal(&r) - 7403.06381084986).abs() < 1e-6);
}

/// Swain's 55 points; squared Euclidean distances compared with S² avoid round-off.
fn swain() -> (Vec<f64>, Vec<Vec<f64>>) {
    let text = std::fs::read_to_string("tests/data/swain.txt").unwrap();
    let pts: Vec<(f64, f64, f64)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<f64> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            (f[1], f[2], f[3])
        })
        .collect();
    assert_eq!(pts.len(), 55);
    let d2 = pts
        .iter()
        .map(|a| {
            pts.iter()
                .map(|b| (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2))
                .collect()
        })
        .collect();
    (pts.iter().map(|p| p.2).collect(), d2)
}

#[test]
fn swain_mclp_for_s_10_15_20() {
    let (w, d2) = swain();
    assert_eq!(w.iter().sum::<f64>(), 640.0);
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/swain55_computed_results.json").unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for s in [10.0f64, 15.0, 20.0] {
        for p in 1.. {
            let key = format!("S={s},p={p}");
            let Some(want) = reference["mclp"][&key]["covered_weight"].as_f64() else {
                break;
            };
            let mut prob = problem(ClassicKind::Mclp, w.clone(), d2.clone());
            prob.p = Some(p);
            prob.s = Some(s * s);
            assert_eq!(optimal(&solve(&prob, None).unwrap()), want, "{key}");
            checked += 1;
        }
    }
    assert_eq!(checked, 17);
}

#[test]
fn swain_lscp_and_p_center() {
    let (w, d2) = swain();
    for (s, want) in [(5.0f64, 30.0), (10.0, 9.0), (15.0, 5.0), (20.0, 3.0)] {
        let mut p = problem(ClassicKind::Lscp, w.clone(), d2.clone());
        p.s = Some(s * s);
        assert_eq!(optimal(&solve(&p, None).unwrap()), want, "S={s}");
    }
    for (k, want) in [(1, 800.0), (2, 538.0), (3, 305.0), (4, 244.0)] {
        let mut p = problem(ClassicKind::PCenter, w.clone(), d2.clone());
        p.p = Some(k);
        assert_eq!(optimal(&solve(&p, None).unwrap()), want, "p={k}");
    }
}

/// An OR-Library p-median instance (last duplicate edge wins).
fn pmed(i: usize) -> ClassicProblem {
    healthreach::optimise::instances::orlib_pmed(
        &std::fs::read_to_string(format!("tests/data/pmed{i}.txt")).unwrap(),
    )
    .unwrap()
}

fn pmedopt() -> BTreeMap<String, f64> {
    std::fs::read_to_string("tests/data/pmedopt.txt")
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            Some((f.first()?.to_string(), f.get(1)?.parse().ok()?))
        })
        .collect()
}

#[test]
fn or_library_pmed1_to_5_reach_the_published_optima() {
    let opt = pmedopt();
    for i in 1..=5 {
        let prob = pmed(i);
        let p = prob.p.unwrap();
        let r = solve(&prob, None).unwrap();
        assert_eq!(optimal(&r), opt[&format!("pmed{i}")], "pmed{i}");
        assert_eq!(r.open.len(), p);
    }
}

/// OR-Library capacitated warehouse location (Beasley 1988).
fn cap(name: &str) -> ClassicProblem {
    let text = std::fs::read_to_string(format!("tests/data/{name}.txt")).unwrap();
    let t: Vec<f64> = text
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    let (m, n) = (t[0] as usize, t[1] as usize);
    let mut k = 2;
    let (mut capacity, mut fixed) = (vec![], vec![]);
    for _ in 0..m {
        capacity.push(t[k]);
        fixed.push(t[k + 1]);
        k += 2;
    }
    let (mut demand, mut costs) = (vec![], vec![]);
    for _ in 0..n {
        demand.push(t[k]);
        costs.push(t[k + 1..k + 1 + m].to_vec());
        k += 1 + m;
    }
    let mut p = problem(ClassicKind::Cflp, demand, costs);
    p.capacity = Some(capacity);
    p.fixed_cost = Some(fixed);
    p
}

#[test]
fn or_library_cap71_and_cap101_reach_the_published_optima() {
    for (name, want) in [("cap71", 932_615.750), ("cap101", 796_648.437)] {
        let r = solve(&cap(name), None).unwrap();
        let obj = optimal(&r);
        assert!((obj - want).abs() < 1e-2, "{name}: {obj} vs {want}");
    }
}

#[test]
fn bad_problems_are_refused_with_reasons() {
    let mut p = problem(
        ClassicKind::PMedian,
        vec![1.0, 1.0],
        vec![vec![1.0, 2.0], vec![3.0]],
    );
    p.p = Some(1);
    assert!(solve(&p, None)
        .unwrap_err()
        .contains("minutes[1] has 1 entries"));
    let p = problem(ClassicKind::PMedian, vec![1.0], vec![vec![1.0]]);
    assert!(solve(&p, None).unwrap_err().contains("needs p"));
    let mut p = problem(ClassicKind::Mclp, vec![1.0], vec![vec![1.0]]);
    p.p = Some(1);
    assert!(solve(&p, None).unwrap_err().contains("needs S"));
    let mut p = problem(ClassicKind::PMedian, vec![1.0], vec![vec![1.0]]);
    p.p = Some(3);
    assert!(solve(&p, None).unwrap_err().contains("between 1 and"));
}

#[test]
fn infeasible_and_sparse_inputs() {
    // Client 1 has no site within S: LSCP is infeasible.
    let mut p = problem(
        ClassicKind::Lscp,
        vec![1.0, 1.0],
        vec![vec![1.0, 9.0], vec![8.0, 9.0]],
    );
    p.s = Some(5.0);
    assert_eq!(solve(&p, None).unwrap().outcome.status, Status::Infeasible);
    // Sparse p-median: missing pairs are not allowed.
    let p: ClassicProblem = serde_json::from_str(
        r#"{"kind": "p-median", "p": 1, "demand_weight": [1, 1],
            "sparse": [[0, 0, 2], [1, 0, 3], [1, 1, 0]], "extra": "ignored"}"#,
    )
    .unwrap();
    let r = solve(&p, None).unwrap();
    assert_eq!(r.open, vec![0]);
    assert_eq!(optimal(&r), 5.0);
}
