//! Classic facility-location models over a cost matrix, through the same
//! solver core as the plan model: p-median, maximal covering (MCLP), set
//! covering (LSCP), capacitated p-median, p-center, and capacitated facility
//! location with fixed costs (CFLP, for OR-Library's `cap` sets).
//!
//! The problem format is what `healthreach solve-classic PROBLEM.json` reads:
//!
//! ```json
//! {"kind": "p-median", "p": 2, "demand_weight": [1, 1, 2],
//!  "minutes": [[0, 5, 9], [5, 0, 4], [9, 4, 0]]}
//! ```
//!
//! `minutes` is n clients × m sites (`null` = not allowed); or `sparse`:
//! `[[i, j, minutes], …]` with every other pair not allowed. Covered means
//! minutes ≤ `S`. Unknown fields are ignored.
//!
//! ```
//! use healthreach::optimise::classic::{solve, ClassicProblem};
//! let p: ClassicProblem = serde_json::from_str(
//!     r#"{"kind": "p-median", "p": 1, "demand_weight": [1, 1, 1],
//!         "minutes": [[0, 5, 9], [5, 0, 4], [9, 4, 0]]}"#).unwrap();
//! let r = solve(&p, None).unwrap();
//! assert_eq!(r.open, vec![1]);                 // the middle site
//! assert_eq!(r.outcome.objective, Some(9.0)); // 5 + 0 + 4
//! ```

use super::engine::{self, Choice, Sense};
use super::outcome::{relative_gap, Outcome, Status};
use super::p_median_search;
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use serde::{Deserialize, Serialize};
use web_time::Instant;

/// Which model to solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClassicKind {
    /// Minimise Σ weight × minutes to the nearest of `p` open sites.
    #[serde(rename = "p-median")]
    PMedian,
    /// Maximise the weight within `S` of `p` open sites.
    #[serde(rename = "mclp")]
    Mclp,
    /// Minimise the number of open sites so that every client is within `S`.
    #[serde(rename = "lscp")]
    Lscp,
    /// p-median where site j serves at most `capacity[j]` weight (fractional allocation).
    #[serde(rename = "capacitated-p-median")]
    CapacitatedPMedian,
    /// Minimise the largest minutes from a client to its nearest of `p` open sites.
    #[serde(rename = "p-center")]
    PCenter,
    /// Capacitated facility location: Σ fixed_cost × open + Σ cost × share served,
    /// demand `demand_weight`, `minutes[i][j]` = cost of serving all of i from j
    /// (OR-Library `cap` convention); `p` optional.
    #[serde(rename = "cflp")]
    Cflp,
}

/// A classic problem, as read from JSON.
#[derive(Debug, Clone, Deserialize)]
pub struct ClassicProblem {
    /// The model.
    pub kind: ClassicKind,
    /// Number of sites to open (p-median, MCLP, capacitated p-median, p-center).
    #[serde(default)]
    pub p: Option<usize>,
    /// Coverage threshold (MCLP, LSCP), same unit as the costs.
    #[serde(default, rename = "S")]
    pub s: Option<f64>,
    /// Weight (demand) of each client.
    pub demand_weight: Vec<f64>,
    /// Dense n × m costs; `null` = pair not allowed.
    #[serde(default)]
    pub minutes: Option<Vec<Vec<Option<f64>>>>,
    /// Sparse costs `[i, j, cost]`.
    #[serde(default)]
    pub sparse: Option<Vec<[f64; 3]>>,
    /// Number of sites when only `sparse` is given (default: largest index + 1).
    #[serde(default)]
    pub sites: Option<usize>,
    /// Sites that are always open.
    #[serde(default)]
    pub fixed: Vec<usize>,
    /// Capacity of each site (capacitated models).
    #[serde(default)]
    pub capacity: Option<Vec<f64>>,
    /// Fixed cost of opening each site (CFLP).
    #[serde(default)]
    pub fixed_cost: Option<Vec<f64>>,
}

/// The answer: outcome and the open sites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassicResult {
    /// Status, objective, bound, gap, seconds.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Open sites (indices), ascending.
    pub open: Vec<usize>,
}

/// The largest cost, weight or threshold accepted (any unit): beyond it the
/// model's coefficients span more than a double can solve safely.
pub const MAX_VALUE: f64 = 1e12;

/// The largest capacity or fixed cost accepted.
pub const MAX_CAPACITY: f64 = 1e15;

/// The problem in the solver's terms: allowed pairs per client `(site,
/// cost)` over the sites that appear in the data (`site_ids[k]` is the
/// problem's own index of internal site k), so the model's size follows the
/// data and never an index a user wrote.
struct Costs {
    m: usize,
    rows: Vec<Vec<(usize, f64)>>,
    site_ids: Vec<usize>,
    fixed: Vec<usize>,
    capacity: Option<Vec<f64>>,
    fixed_cost: Option<Vec<f64>>,
}

impl ClassicKind {
    /// The name used in the problem format (`p-median`, `mclp`, …).
    pub fn name(self) -> &'static str {
        match self {
            ClassicKind::PMedian => "p-median",
            ClassicKind::Mclp => "mclp",
            ClassicKind::Lscp => "lscp",
            ClassicKind::CapacitatedPMedian => "capacitated-p-median",
            ClassicKind::PCenter => "p-center",
            ClassicKind::Cflp => "cflp",
        }
    }
}

/// A whole number ≥ 0 written as JSON number `v` (sparse indices).
fn index_of(v: f64) -> Option<usize> {
    (v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < usize::MAX as f64).then_some(v as usize)
}

/// Checks a per-site list (capacity, fixed_cost): one finite value in
/// 0…`max` per site; names the first bad entry.
fn per_site(name: &str, list: &[f64], sites: usize, max: f64) -> Result<(), String> {
    if list.len() != sites {
        return Err(format!(
            "{name} has {} entries but there are {sites} sites: give one per site",
            list.len()
        ));
    }
    match list
        .iter()
        .position(|x| !(x.is_finite() && (0.0..=max).contains(x)))
    {
        Some(j) => Err(format!(
            "{name}[{j}] = {} must be a finite number from 0 to {max:e}",
            list[j]
        )),
        None => Ok(()),
    }
}

fn prepare(p: &ClassicProblem) -> Result<Costs, String> {
    let n = p.demand_weight.len();
    if n == 0 {
        return Err("demand_weight is empty: give one weight per client".into());
    }
    if let Some(i) = p
        .demand_weight
        .iter()
        .position(|w| !(w.is_finite() && (0.0..=MAX_VALUE).contains(w)))
    {
        return Err(format!(
            "demand_weight[{i}] = {} must be a finite number from 0 to {MAX_VALUE:e}",
            p.demand_weight[i]
        ));
    }
    let cost_ok = |c: f64| c.is_finite() && (0.0..=MAX_VALUE).contains(&c);
    // `declared`: the problem's number of sites; `rows` in the problem's indices.
    let (declared, rows) = match (&p.minutes, &p.sparse) {
        (Some(dense), None) => {
            if dense.len() != n {
                return Err(format!(
                    "minutes has {} rows but demand_weight has {n} entries: give one row per client",
                    dense.len()
                ));
            }
            let m = dense.first().map_or(0, Vec::len);
            let mut rows = Vec::with_capacity(n);
            for (i, row) in dense.iter().enumerate() {
                if row.len() != m {
                    return Err(format!(
                        "minutes[{i}] has {} entries, row 0 has {m}: every row needs one per site",
                        row.len()
                    ));
                }
                let mut r = Vec::new();
                for (j, c) in row.iter().enumerate() {
                    if let Some(c) = c {
                        if !cost_ok(*c) {
                            return Err(format!(
                                "minutes[{i}][{j}] = {c} must be a finite number from 0 to {MAX_VALUE:e} (or null: not allowed)"
                            ));
                        }
                        r.push((j, *c));
                    }
                }
                rows.push(r);
            }
            if p.sites.is_some_and(|s| s != m) {
                return Err(format!(
                    "sites = {} but minutes has {m} columns: drop sites or make them agree",
                    p.sites.unwrap_or(0)
                ));
            }
            (m, rows)
        }
        (None, Some(sparse)) => {
            let mut rows = vec![Vec::new(); n];
            let mut largest = 0usize;
            for (k, [i, j, c]) in sparse.iter().enumerate() {
                let Some(i) = index_of(*i).filter(|&i| i < n) else {
                    return Err(format!(
                        "sparse[{k}]: client {i} must be a whole number from 0 to {} (there are {n} clients, numbered from 0)",
                        n - 1
                    ));
                };
                let Some(j) = index_of(*j).filter(|&j| p.sites.is_none_or(|s| j < s)) else {
                    return Err(match p.sites {
                        Some(s) => format!(
                            "sparse[{k}]: site {j} must be a whole number from 0 to {} (sites = {s})",
                            s.saturating_sub(1)
                        ),
                        None => format!("sparse[{k}]: site {j} must be a whole number ≥ 0"),
                    });
                };
                if !cost_ok(*c) {
                    return Err(format!(
                        "sparse[{k}]: cost {c} must be a finite number from 0 to {MAX_VALUE:e}"
                    ));
                }
                largest = largest.max(j + 1);
                rows[i].push((j, *c));
            }
            let m = p.sites.unwrap_or(
                largest.max(
                    p.fixed
                        .iter()
                        .map(|j| j.saturating_add(1))
                        .max()
                        .unwrap_or(0),
                ),
            );
            (m, rows)
        }
        (Some(_), Some(_)) => return Err("give either minutes or sparse, not both".into()),
        (None, None) => {
            return Err("no costs: give minutes (n × m) or sparse ([i, j, minutes])".into())
        }
    };
    if declared == 0 {
        return Err(
            "there are no sites: give at least one column in minutes or one entry in sparse".into(),
        );
    }
    let mut seen = std::collections::HashSet::with_capacity(p.fixed.len());
    if let Some(j) = p.fixed.iter().find(|j| !seen.insert(**j)) {
        return Err(format!(
            "fixed site {j} is listed twice; list each fixed site once"
        ));
    }
    if let Some(&j) = p.fixed.iter().find(|&&j| j >= declared || j == usize::MAX) {
        return Err(format!(
            "fixed site {j} is out of range: sites are numbered 0 to {}",
            declared - 1
        ));
    }
    // The sites the data names: every site of a dense matrix; for sparse
    // costs the sites of some pair, and the fixed ones.
    let site_ids: Vec<usize> = if p.minutes.is_some() {
        (0..declared).collect()
    } else {
        let mut ids: Vec<usize> = rows
            .iter()
            .flatten()
            .map(|(j, _)| *j)
            .chain(p.fixed.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let m = site_ids.len();
    let needs_p = matches!(
        p.kind,
        ClassicKind::PMedian
            | ClassicKind::Mclp
            | ClassicKind::CapacitatedPMedian
            | ClassicKind::PCenter
    );
    match p.p {
        None if needs_p => {
            return Err(format!(
                "{} needs p, the number of sites to open",
                p.kind.name()
            ))
        }
        Some(k) if k == 0 || k > m => {
            return Err(if m < declared {
                format!(
                    "p = {k} must be between 1 and {m}, the number of sites that appear in sparse or fixed (a site that serves no client cannot change the result)"
                )
            } else {
                format!("p = {k} must be between 1 and the number of sites ({m})")
            })
        }
        Some(k) if k < p.fixed.len() => {
            return Err(format!(
                "p = {k} is smaller than the {} fixed sites",
                p.fixed.len()
            ))
        }
        _ => {}
    }
    if matches!(p.kind, ClassicKind::Mclp | ClassicKind::Lscp) {
        match p.s {
            None => {
                return Err(format!(
                    "{} needs S, the coverage threshold (same unit as the costs)",
                    p.kind.name()
                ))
            }
            Some(v) if !(v.is_finite() && (0.0..=MAX_VALUE).contains(&v)) => {
                return Err(format!(
                "S = {v}: the coverage threshold must be a finite number from 0 to {MAX_VALUE:e}"
            ))
            }
            _ => {}
        }
    }
    if matches!(p.kind, ClassicKind::CapacitatedPMedian | ClassicKind::Cflp) {
        match &p.capacity {
            Some(c) => per_site("capacity", c, declared, MAX_CAPACITY)?,
            None => return Err(format!("{} needs capacity, one per site", p.kind.name())),
        }
    }
    if p.kind == ClassicKind::Cflp {
        match &p.fixed_cost {
            Some(c) => per_site("fixed_cost", c, declared, MAX_CAPACITY)?,
            None => return Err(format!("cflp needs fixed_cost, one per site ({declared})")),
        }
    }
    let mut internal = std::collections::HashMap::with_capacity(m);
    for (k, &j) in site_ids.iter().enumerate() {
        internal.insert(j, k);
    }
    let rows = rows
        .into_iter()
        .map(|r| r.into_iter().map(|(j, c)| (internal[&j], c)).collect())
        .collect();
    let pick = |list: &Option<Vec<f64>>| {
        list.as_ref()
            .map(|l| site_ids.iter().map(|&j| l[j]).collect::<Vec<f64>>())
    };
    Ok(Costs {
        m,
        rows,
        fixed: p.fixed.iter().map(|j| internal[j]).collect(),
        capacity: pick(&p.capacity),
        fixed_cost: pick(&p.fixed_cost),
        site_ids,
    })
}

struct Solved {
    status: Status,
    objective: Option<f64>,
    bound: Option<f64>,
    y: Vec<f64>,
    backend: Option<engine::Backend>,
    version: Option<String>,
    nodes: u64,
}

impl Solved {
    /// An engine's answer, with the values of the open-site variables `y`.
    fn from_answer(a: &engine::Answer, model: &engine::LinearModel, y: &[Variable]) -> Solved {
        Solved {
            status: a.status,
            objective: a.objective,
            bound: a.bound,
            y: y.iter().map(|v| a.value(model, *v)).collect(),
            backend: Some(a.backend),
            version: Some(a.version.clone()),
            nodes: a.nodes,
        }
    }

    /// Decided without a solve (no client can be served, say).
    fn without(status: Status) -> Solved {
        Solved {
            status,
            objective: None,
            bound: None,
            y: vec![],
            backend: None,
            version: None,
            nodes: 0,
        }
    }
}

/// Time limit and solver of every solve of one problem.
#[derive(Clone, Copy)]
struct Cfg {
    time_limit: Option<f64>,
    choice: Choice,
}

/// Solves one model through the engine; the open sites' values come back.
fn run(
    vars: ProblemVariables,
    sense: Sense,
    objective: Expression,
    constraints: Vec<Constraint>,
    y: &[Variable],
    cfg: Cfg,
) -> Result<Solved, String> {
    let model = engine::LinearModel::new(&vars, &objective, sense, &constraints);
    let opts = engine::Options {
        time_limit: cfg.time_limit,
        mip_gap: 0.0,
        choice: cfg.choice,
        ..engine::Options::default()
    };
    let a =
        engine::solve(&model, &opts, &mut |_| {}).map_err(|e| format!("the solver failed: {e}"))?;
    Ok(Solved::from_answer(&a, &model, y))
}

fn opened(y: &[f64]) -> Vec<usize> {
    y.iter()
        .enumerate()
        .filter(|(_, v)| **v > 0.5)
        .map(|(j, _)| j)
        .collect()
}

/// Σ weight × cost to the nearest open site; `None` if a weighted client has none.
fn assignment_cost(p: &ClassicProblem, c: &Costs, open: &[usize]) -> Option<f64> {
    let mut is_open = vec![false; c.m];
    for &j in open {
        is_open[j] = true;
    }
    let mut total = 0.0;
    for (i, row) in c.rows.iter().enumerate() {
        let best = row
            .iter()
            .filter(|(j, _)| is_open[*j])
            .map(|(_, d)| *d)
            .fold(f64::INFINITY, f64::min);
        if best.is_infinite() {
            if p.demand_weight[i] > 0.0 {
                return None;
            }
        } else {
            total += p.demand_weight[i] * best;
        }
    }
    Some(total)
}

/// Σ weight of clients within `S` of an open site.
fn covered_weight(p: &ClassicProblem, c: &Costs, open: &[usize]) -> f64 {
    let s = p.s.unwrap_or(0.0);
    c.rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().any(|(j, d)| *d <= s && open.contains(j)))
        .map(|(i, _)| p.demand_weight[i])
        .sum()
}

/// Solves a classic problem (the engine picks the solver). `time_limit` in seconds.
pub fn solve(p: &ClassicProblem, time_limit: Option<f64>) -> Result<ClassicResult, String> {
    solve_with(p, time_limit, Choice::Auto)
}

/// Solves a classic problem with the given solver choice.
pub fn solve_with(
    p: &ClassicProblem,
    time_limit: Option<f64>,
    choice: Choice,
) -> Result<ClassicResult, String> {
    let cfg = Cfg { time_limit, choice };
    let t0 = Instant::now();
    let c = prepare(p)?;
    let (solved, objective_override) = match p.kind {
        ClassicKind::PMedian => (p_median_levels(p, &c, cfg, t0)?, None),
        ClassicKind::CapacitatedPMedian | ClassicKind::Cflp => {
            (assignment_model(p, &c, cfg)?, None)
        }
        ClassicKind::Mclp => (mclp(p, &c, cfg)?, None),
        ClassicKind::Lscp => (lscp(p, &c, p.s.unwrap_or(0.0), None, cfg)?, None),
        ClassicKind::PCenter => {
            let (s, radius) = p_center(p, &c, cfg, t0)?;
            (s, radius)
        }
    };
    let open = opened(&solved.y);
    let mut open_ids: Vec<usize> = open.iter().map(|&j| c.site_ids[j]).collect();
    open_ids.sort_unstable();
    // Recompute the objective from the open sites where the model allows,
    // so the figure never carries solver round-off.
    let objective = match (p.kind, solved.objective) {
        (_, None) => None,
        (ClassicKind::PMedian, Some(_)) => assignment_cost(p, &c, &open),
        (ClassicKind::Lscp, Some(_)) => Some(open.len() as f64),
        (ClassicKind::Mclp, Some(_)) => Some(covered_weight(p, &c, &open)),
        (ClassicKind::PCenter, Some(_)) => objective_override,
        (_, Some(v)) => Some(v),
    };
    let bound = solved.bound;
    let gap = match (objective, bound) {
        (Some(_), _) if solved.status == Status::Optimal => Some(0.0),
        (Some(o), Some(b)) => Some(relative_gap(o, b)),
        _ => None,
    };
    Ok(ClassicResult {
        outcome: Outcome {
            status: solved.status,
            objective,
            bound: if solved.status == Status::Optimal {
                objective
            } else {
                bound
            },
            gap,
            seconds: t0.elapsed().as_secs_f64(),
            backend: solved.backend,
            solver_version: solved.version.clone(),
            nodes: solved.nodes,
        },
        open: open_ids,
    })
}

/// p-median, capacitated p-median and CFLP: y_j open, x_ij share of client i
/// served by j.
///
/// min Σ_ij w_i c_ij x_ij (+ Σ_j f_j y_j for CFLP, where the cost is c_ij x_ij)
/// s.t. Σ_j x_ij = 1 ∀i; x_ij ≤ y_j; Σ_j y_j = p; Σ_i w_i x_ij ≤ cap_j y_j (capacitated).
fn assignment_model(p: &ClassicProblem, c: &Costs, cfg: Cfg) -> Result<Solved, String> {
    let mut vars = ProblemVariables::new();
    let y: Vec<Variable> = (0..c.m).map(|_| vars.add(variable().binary())).collect();
    let mut objective = Expression::from(0.0);
    let mut constraints = Vec::new();
    let mut load: Vec<Expression> = vec![Expression::from(0.0); c.m];
    for (i, row) in c.rows.iter().enumerate() {
        let w = p.demand_weight[i];
        if row.is_empty() {
            if w > 0.0 {
                return Ok(Solved::without(Status::Infeasible));
            }
            continue;
        }
        let mut assigned = Expression::from(0.0);
        for &(j, d) in row {
            let x = vars.add(variable().min(0.0).max(1.0));
            assigned += x;
            objective += if p.kind == ClassicKind::Cflp {
                d
            } else {
                w * d
            } * x;
            constraints.push(constraint!(x <= y[j]));
            load[j] += w * x;
        }
        constraints.push(constraint!(assigned == 1.0));
    }
    if let Some(cap) = &c.capacity {
        if matches!(p.kind, ClassicKind::CapacitatedPMedian | ClassicKind::Cflp) {
            for (j, l) in load.into_iter().enumerate() {
                constraints.push(constraint!(l <= cap[j] * y[j]));
            }
        }
    }
    if let Some(fc) = &c.fixed_cost {
        if p.kind == ClassicKind::Cflp {
            for j in 0..c.m {
                objective += fc[j] * y[j];
            }
        }
    }
    if let Some(k) = p.p {
        let total: Expression = y.iter().copied().sum();
        constraints.push(constraint!(total == k as f64));
    }
    for &j in &c.fixed {
        constraints.push(constraint!(y[j] == 1.0));
    }
    run(vars, Sense::Minimise, objective, constraints, &y, cfg)
}

/// p-median in Elloumi's sorted-distance form, over each client's nearest
/// distance levels, exact by iteration.
///
/// For client i with distinct distances D_1 < D_2 < … (over the sites it
/// may use) and S_k the sites at D_k, z_ik = 1 when no open site is nearer
/// than D_k. Chained, each y_j enters once per client:
///
/// min Σ_i w_i (D_1 + Σ_{k=2}^{K_i+1} (D_k − D_{k−1}) z_ik)
/// s.t. z_i2 + Σ_{S_1} y_j ≥ 1;  z_ik − z_i,k−1 + Σ_{S_{k−1}} y_j ≥ 0;  Σ_j y_j = p.
///
/// Summed along the chain this is Elloumi's z_ik + Σ_{d_ij < D_k} y_j ≥ 1,
/// with the same LP bound as the assignment model but a third of its
/// nonzeros and far less degeneracy (Elloumi 2010). Levels past K_i are
/// charged D_{K_i+1}, a lower bound; the optimum is the p-median's when no
/// last z_i,K_i+1 is used, otherwise those clients get twice the levels
/// and the model is solved again. K_i starts at about 1.5 m/p sites.
fn p_median_levels(p: &ClassicProblem, c: &Costs, cfg: Cfg, t0: Instant) -> Result<Solved, String> {
    // levels[i]: (distance, sites at that distance), nearest first.
    let mut levels: Vec<Vec<(f64, Vec<usize>)>> = Vec::with_capacity(c.rows.len());
    for (i, row) in c.rows.iter().enumerate() {
        if row.is_empty() && p.demand_weight[i] > 0.0 {
            return Ok(Solved::without(Status::Infeasible));
        }
        let mut r = row.clone();
        r.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut l: Vec<(f64, Vec<usize>)> = Vec::new();
        for (j, d) in r {
            match l.last_mut() {
                Some((last, sites)) if *last == d => sites.push(j),
                _ => l.push((d, vec![j])),
            }
        }
        levels.push(l);
    }
    let open = p.p.unwrap_or(1).max(1);
    let start_sites = (3 * c.m).div_ceil(2 * open) + 5;
    // k[i]: levels modelled for client i.
    let mut k: Vec<usize> = levels
        .iter()
        .map(|l| {
            let mut sites = 0;
            let mut n = 0;
            while n < l.len() && sites < start_sites {
                sites += l[n].1.len();
                n += 1;
            }
            n
        })
        .collect();
    let left = || cfg.time_limit.map(|t| t - t0.elapsed().as_secs_f64());
    // A local optimum as the first incumbent, in at most a tenth of the time.
    let budget = cfg.time_limit.map(|t| t * 0.1);
    let search = p_median_search::Instance {
        sites: c.m,
        rows: &c.rows,
        weight: &p.demand_weight,
        fixed: &c.fixed,
        p: open,
    };
    let incumbent = p_median_search::search(&search, &|| {
        budget.is_some_and(|b| t0.elapsed().as_secs_f64() > b)
    });
    loop {
        let mut vars = ProblemVariables::new();
        let y: Vec<Variable> = (0..c.m).map(|_| vars.add(variable().binary())).collect();
        let mut objective = Expression::from(0.0);
        let mut constraints = Vec::new();
        // The last z of each truncated client: used means "look farther".
        let mut beyond: Vec<Option<Variable>> = vec![None; levels.len()];
        for (i, l) in levels.iter().enumerate() {
            let w = p.demand_weight[i];
            if l.is_empty() || w <= 0.0 {
                continue;
            }
            objective += w * l[0].0;
            let last = (k[i] + 1).min(l.len());
            let mut prev: Option<Variable> = None;
            for step in 1..last {
                let z = vars.add(variable().min(0.0).max(1.0));
                objective += (w * (l[step].0 - l[step - 1].0)) * z;
                let here: Expression = l[step - 1].1.iter().map(|&j| y[j]).sum();
                constraints.push(match prev {
                    None => constraint!(z + here >= 1.0),
                    Some(q) => constraint!(z - q + here >= 0.0),
                });
                prev = Some(z);
            }
            if last == l.len() {
                // Every level modelled: the farthest one must be open if
                // nothing nearer is.
                let here: Expression = l[last - 1].1.iter().map(|&j| y[j]).sum();
                constraints.push(match prev {
                    None => constraint!(here >= 1.0),
                    Some(q) => constraint!(here - q >= 0.0),
                });
            } else {
                beyond[i] = prev;
            }
        }
        let total: Expression = y.iter().copied().sum();
        constraints.push(constraint!(total == open as f64));
        for &j in &c.fixed {
            constraints.push(constraint!(y[j] == 1.0));
        }
        let model = engine::LinearModel::new(&vars, &objective, Sense::Minimise, &constraints);
        let start = incumbent.as_ref().map(|sites| {
            let mut hint: Vec<(Variable, f64)> = y.iter().map(|v| (*v, 0.0)).collect();
            for &j in sites {
                hint[j].1 = 1.0;
            }
            model.start_entries(&hint)
        });
        let opts = engine::Options {
            time_limit: left().map(|t| t.max(0.01)),
            mip_gap: 0.0,
            choice: cfg.choice,
            start,
            ..engine::Options::default()
        };
        let a = engine::solve(&model, &opts, &mut |_| {})
            .map_err(|e| format!("the solver failed: {e}"))?;
        let solved = Solved::from_answer(&a, &model, &y);
        if a.status != Status::Optimal {
            // Time ran out (or no solution): the reduced bound still bounds
            // the p-median, and the open sites are a p-median solution.
            return Ok(solved);
        }
        let mut grew = false;
        for (i, z) in beyond.iter().enumerate() {
            if let Some(z) = z {
                if a.value(&model, *z) > 1e-6 {
                    k[i] = (2 * k[i]).min(levels[i].len());
                    grew = true;
                }
            }
        }
        if !grew {
            return Ok(solved);
        }
    }
}

/// MCLP: max Σ_i w_i z_i s.t. z_i ≤ Σ_{j: c_ij ≤ S} y_j, Σ_j y_j = p, z_i ≤ 1.
fn mclp(p: &ClassicProblem, c: &Costs, cfg: Cfg) -> Result<Solved, String> {
    let s = p.s.unwrap_or(0.0);
    let mut vars = ProblemVariables::new();
    let y: Vec<Variable> = (0..c.m).map(|_| vars.add(variable().binary())).collect();
    let mut objective = Expression::from(0.0);
    let mut constraints = Vec::new();
    for (i, row) in c.rows.iter().enumerate() {
        let near: Vec<usize> = row
            .iter()
            .filter(|(_, d)| *d <= s)
            .map(|(j, _)| *j)
            .collect();
        if near.is_empty() || p.demand_weight[i] == 0.0 {
            continue;
        }
        let z = vars.add(variable().min(0.0).max(1.0));
        objective += p.demand_weight[i] * z;
        let cover: Expression = near.iter().map(|&j| y[j]).sum();
        constraints.push(constraint!(z <= cover));
    }
    let total: Expression = y.iter().copied().sum();
    constraints.push(constraint!(total == p.p.unwrap_or(1) as f64));
    for &j in &c.fixed {
        constraints.push(constraint!(y[j] == 1.0));
    }
    run(vars, Sense::Maximise, objective, constraints, &y, cfg)
}

/// LSCP: min Σ_j y_j s.t. Σ_{j: c_ij ≤ S} y_j ≥ 1 for every client (with
/// weight > 0); optionally Σ_j y_j ≤ `at_most`.
fn lscp(
    p: &ClassicProblem,
    c: &Costs,
    s: f64,
    at_most: Option<usize>,
    cfg: Cfg,
) -> Result<Solved, String> {
    let mut vars = ProblemVariables::new();
    let y: Vec<Variable> = (0..c.m).map(|_| vars.add(variable().binary())).collect();
    let mut constraints = Vec::new();
    for (i, row) in c.rows.iter().enumerate() {
        if p.demand_weight[i] == 0.0 && p.kind != ClassicKind::Lscp {
            continue;
        }
        let near: Vec<usize> = row
            .iter()
            .filter(|(_, d)| *d <= s)
            .map(|(j, _)| *j)
            .collect();
        if near.is_empty() {
            return Ok(Solved::without(Status::Infeasible));
        }
        let cover: Expression = near.iter().map(|&j| y[j]).sum();
        constraints.push(constraint!(cover >= 1.0));
    }
    let total: Expression = y.iter().copied().sum();
    if let Some(k) = at_most {
        constraints.push(constraint!(total.clone() <= k as f64));
    }
    for &j in &c.fixed {
        constraints.push(constraint!(y[j] == 1.0));
    }
    run(vars, Sense::Minimise, total, constraints, &y, cfg)
}

/// p-center by bisection over the distinct costs: the least radius r such
/// that every client can be covered within r by at most p sites (an LSCP
/// feasibility check each step). Exact; returns the radius as objective.
fn p_center(
    p: &ClassicProblem,
    c: &Costs,
    cfg: Cfg,
    t0: Instant,
) -> Result<(Solved, Option<f64>), String> {
    let time_limit = cfg.time_limit;
    let k = p.p.unwrap_or(1);
    let mut radii: Vec<f64> = c.rows.iter().flatten().map(|(_, d)| *d).collect();
    radii.sort_by(f64::total_cmp);
    radii.dedup();
    let left = |t0: Instant| time_limit.map(|t| t - t0.elapsed().as_secs_f64());
    let (mut lo, mut hi) = (0usize, radii.len());
    let mut best: Option<Solved> = None;
    let mut best_r = None;
    while lo < hi {
        let mid = (lo + hi) / 2;
        if left(t0).is_some_and(|t| t <= 0.0) {
            break;
        }
        let s = lscp(
            p,
            c,
            radii[mid],
            Some(k),
            Cfg {
                time_limit: left(t0),
                choice: cfg.choice,
            },
        )?;
        match s.status {
            Status::Optimal | Status::Feasible => {
                best_r = Some(radii[mid]);
                best = Some(s);
                hi = mid;
            }
            Status::Infeasible => lo = mid + 1,
            Status::TimeLimit => break,
        }
    }
    let done = lo >= hi;
    match best {
        Some(mut s) => {
            s.status = if done {
                Status::Optimal
            } else {
                Status::Feasible
            };
            s.objective = best_r;
            s.bound = if done { best_r } else { radii.get(lo).copied() };
            Ok((s, best_r))
        }
        None => Ok((
            Solved::without(if done {
                Status::Infeasible
            } else {
                Status::TimeLimit
            }),
            None,
        )),
    }
}
