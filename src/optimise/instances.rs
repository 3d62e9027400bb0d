//! Readers for the public validation instances (OR-Library p-median, the
//! spopt San Francisco set), shared by the tests and the solver benchmark.

use super::classic::{ClassicKind, ClassicProblem};

fn dense(kind: ClassicKind, w: Vec<f64>, m: Vec<Vec<f64>>) -> ClassicProblem {
    ClassicProblem {
        kind,
        p: None,
        s: None,
        demand_weight: w,
        minutes: Some(
            m.into_iter()
                .map(|r| r.into_iter().map(Some).collect())
                .collect(),
        ),
        sparse: None,
        sites: None,
        fixed: vec![],
        capacity: None,
        fixed_cost: None,
    }
}

/// An OR-Library `pmedN.txt` as a p-median problem: all-pairs shortest paths
/// (Floyd) over the edge list, every vertex a client of weight 1 and a site.
/// Duplicate edges: the **last** listed cost wins, which reproduces the
/// published optima (Beasley's note; see tests/data/SOURCES.md).
pub fn orlib_pmed(text: &str) -> Result<ClassicProblem, String> {
    let nums: Vec<usize> = text
        .split_whitespace()
        .map(|x| {
            x.parse()
                .map_err(|e| format!("not a whole number {x:?}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    if nums.len() < 3 {
        return Err("the first line must be `n edges p`".into());
    }
    let (n, e, p) = (nums[0], nums[1], nums[2]);
    if nums.len() < 3 + 3 * e {
        return Err(format!("expected {e} edges, the file ends early"));
    }
    let mut d = vec![vec![f64::INFINITY; n]; n];
    for (k, row) in d.iter_mut().enumerate() {
        row[k] = 0.0;
    }
    for k in 0..e {
        let (a, b, c) = (nums[3 + 3 * k], nums[4 + 3 * k], nums[5 + 3 * k] as f64);
        if a == 0 || b == 0 || a > n || b > n {
            return Err(format!("edge {k}: vertex out of 1..={n}"));
        }
        d[a - 1][b - 1] = c;
        d[b - 1][a - 1] = c;
    }
    for k in 0..n {
        let row_k = d[k].clone();
        for row in d.iter_mut() {
            let dak = row[k];
            if dak.is_infinite() {
                continue;
            }
            for (cell, dkb) in row.iter_mut().zip(&row_k) {
                let via = dak + dkb;
                if via < *cell {
                    *cell = via;
                }
            }
        }
    }
    let mut prob = dense(ClassicKind::PMedian, vec![1.0; n], d);
    prob.p = Some(p);
    Ok(prob)
}

/// spopt's San Francisco instance (205 tracts × 16 stores, metres), built as
/// spopt's tests build it: rows = tracts sorted by name, columns = store names
/// sorted as strings, weights = POP2000 of the demand file.
pub fn spopt_san_francisco(
    distances_csv: &str,
    demand_csv: &str,
) -> Result<(Vec<f64>, Vec<Vec<f64>>), String> {
    use std::collections::BTreeMap;
    let mut dist: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for (i, line) in distances_csv.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 3 {
            continue;
        }
        let d: f64 = f[0]
            .parse()
            .map_err(|e| format!("distances line {}: {e}", i + 1))?;
        dist.entry(f[2].to_string())
            .or_default()
            .insert(f[1].to_string(), d);
    }
    let mut pop: BTreeMap<String, f64> = BTreeMap::new();
    for (i, line) in demand_csv.lines().enumerate().skip(1) {
        let f: Vec<String> = line
            .split(',')
            .map(|x| x.trim_matches('"').to_string())
            .collect();
        if f.len() < 7 {
            continue;
        }
        let p: f64 = f[6]
            .parse()
            .map_err(|e| format!("demand line {}: {e}", i + 1))?;
        pop.insert(f[3].clone(), p);
    }
    let w = dist
        .keys()
        .map(|t| {
            pop.get(t)
                .copied()
                .ok_or_else(|| format!("no POP2000 for tract {t}"))
        })
        .collect::<Result<Vec<f64>, String>>()?;
    let m = dist
        .values()
        .map(|row| row.values().copied().collect())
        .collect();
    Ok((w, m))
}

/// A dense problem from weights and a matrix.
pub fn dense_problem(kind: ClassicKind, w: Vec<f64>, m: Vec<Vec<f64>>) -> ClassicProblem {
    dense(kind, w, m)
}
