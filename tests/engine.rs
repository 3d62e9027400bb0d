//! The solver engine: both backends give the same answers (against brute
//! force on random small MIPs), one status mapping for every way a solve
//! ends, duals with the documented sign, and a MIP start.

use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use healthreach::optimise::engine::{self, Backend, Choice, LinearModel, Options, Sense};
use healthreach::optimise::Status;
use proptest::prelude::*;

fn solve(model: &LinearModel, choice: Choice, time_limit: Option<f64>) -> engine::Answer {
    let opts = Options {
        time_limit,
        choice,
        ..Options::default()
    };
    engine::solve(model, &opts, &mut |_| {}).expect("a solve")
}

/// max Σ v·x, Σ w·x ≤ cap per row, x binary: the model and its variables.
fn knapsack(values: &[f64], rows: &[(Vec<f64>, f64)]) -> (LinearModel, Vec<Variable>) {
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = values
        .iter()
        .map(|_| vars.add(variable().binary()))
        .collect();
    let objective: Expression = values.iter().zip(&x).map(|(v, x)| *v * *x).sum();
    let constraints: Vec<Constraint> = rows
        .iter()
        .map(|(w, cap)| {
            let lhs: Expression = w.iter().zip(&x).map(|(w, x)| *w * *x).sum();
            constraint!(lhs <= *cap)
        })
        .collect();
    (
        LinearModel::new(&vars, &objective, Sense::Maximise, &constraints),
        x,
    )
}

fn brute(values: &[f64], rows: &[(Vec<f64>, f64)]) -> f64 {
    let n = values.len();
    (0u32..1 << n)
        .filter(|m| {
            rows.iter().all(|(w, cap)| {
                (0..n)
                    .filter(|i| m >> i & 1 == 1)
                    .map(|i| w[i])
                    .sum::<f64>()
                    <= *cap + 1e-9
            })
        })
        .map(|m| {
            (0..n)
                .filter(|i| m >> i & 1 == 1)
                .map(|i| values[i])
                .sum::<f64>()
        })
        .fold(f64::NEG_INFINITY, f64::max)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// Random multi-row knapsacks: HiGHS, microlp and enumeration agree, and
    /// both say the answer is proven.
    #[test]
    fn both_backends_equal_brute_force(
        items in prop::collection::vec((1.0f64..50.0, prop::collection::vec(0.0f64..20.0, 2)), 1..10),
        caps in prop::collection::vec(5.0f64..60.0, 2),
    ) {
        let values: Vec<f64> = items.iter().map(|(v, _)| v.round()).collect();
        let rows: Vec<(Vec<f64>, f64)> = (0..2)
            .map(|r| (items.iter().map(|(_, w)| w[r].round()).collect(), caps[r].round()))
            .collect();
        let best = brute(&values, &rows);
        let (model, _) = knapsack(&values, &rows);
        for choice in [Choice::Highs, Choice::Microlp] {
            let a = solve(&model, choice, Some(20.0));
            prop_assert_eq!(a.status, Status::Optimal);
            prop_assert_eq!(a.gap, Some(0.0));
            prop_assert!((a.objective.unwrap() - best).abs() < 1e-6, "{:?} {:?} vs {}", choice, a.objective, best);
            prop_assert_eq!(a.backend, if choice == Choice::Highs { Backend::Highs } else { Backend::Microlp });
        }
    }
}

#[test]
fn an_infeasible_model_is_infeasible_for_both() {
    let mut vars = ProblemVariables::new();
    let x = vars.add(variable().integer().min(0).max(10));
    let model = LinearModel::new(
        &vars,
        &Expression::from(x),
        Sense::Minimise,
        &[constraint!(2 * x == 7)],
    );
    for choice in [Choice::Highs, Choice::Microlp] {
        let a = solve(&model, choice, Some(10.0));
        assert_eq!(a.status, Status::Infeasible, "{choice:?}");
        assert!(a.objective.is_none());
    }
}

#[test]
fn row_duals_are_the_change_of_the_optimum_per_unit_of_right_hand_side() {
    // min 2x + 3y, x + y ≥ 10, x ≤ 4: optimum 4·2 + 6·3 = 26; one more unit
    // of the ≥ row costs 3. good_lp keeps it as −x − y ≤ −10, so the dual
    // (∂objective/∂b of the row as stored) is −3.
    let mut vars = ProblemVariables::new();
    let x = vars.add(variable().min(0).max(4));
    let y = vars.add(variable().min(0));
    let model = LinearModel::new(
        &vars,
        &(2 * x + 3 * y + 5),
        Sense::Minimise,
        &[constraint!(x + y >= 10)],
    );
    let opts = Options {
        duals: true,
        choice: Choice::Highs,
        ..Options::default()
    };
    let a = engine::solve(&model, &opts, &mut |_| {}).unwrap();
    assert_eq!(a.status, Status::Optimal);
    assert!(
        (a.objective.unwrap() - 31.0).abs() < 1e-9,
        "offset included"
    );
    let d = a.row_duals.as_ref().unwrap()[0];
    assert!((d + 3.0).abs() < 1e-9, "dual {d}");
    assert!((a.value(&model, x) - 4.0).abs() < 1e-9);
}

/// A p-median on random points, hard enough that a tiny time limit stops it.
fn p_median(n: usize, p: usize) -> (LinearModel, Vec<Variable>) {
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let pts: Vec<(f64, f64)> = (0..n).map(|_| (next(), next())).collect();
    let mut vars = ProblemVariables::new();
    let y: Vec<Variable> = (0..n).map(|_| vars.add(variable().binary())).collect();
    let mut obj = Expression::from(0.0);
    let mut cons = vec![];
    for (i, a) in pts.iter().enumerate() {
        let mut assigned = Expression::from(0.0);
        for (j, b) in pts.iter().enumerate() {
            let x = vars.add(variable().min(0).max(1));
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            obj += (d * 1000.0).round() * x;
            assigned += x;
            cons.push(constraint!(x <= y[j]));
            let _ = i;
        }
        cons.push(constraint!(assigned == 1));
    }
    let total: Expression = y.iter().copied().sum();
    cons.push(constraint!(total == p as f64));
    (LinearModel::new(&vars, &obj, Sense::Minimise, &cons), y)
}

#[test]
fn a_time_limit_ends_with_the_best_solution_and_its_true_gap_or_none() {
    let (model, _) = p_median(60, 4);
    for choice in [Choice::Highs, Choice::Microlp] {
        let a = solve(&model, choice, Some(0.05));
        match a.status {
            Status::Feasible => {
                let (o, b) = (a.objective.unwrap(), a.bound.unwrap());
                assert!(b <= o + 1e-6);
                assert!((a.gap.unwrap() - (o - b) / o).abs() < 1e-9);
            }
            Status::TimeLimit => assert!(a.objective.is_none()),
            Status::Optimal => assert_eq!(a.gap, Some(0.0)),
            Status::Infeasible => panic!("{choice:?}: a p-median is feasible"),
        }
        assert!(a.seconds < 5.0, "{choice:?} took {} s", a.seconds);
    }
    // Given time, both prove the same optimum.
    let h = solve(&model, Choice::Highs, Some(60.0));
    let m = solve(&model, Choice::Microlp, Some(60.0));
    assert_eq!(h.status, Status::Optimal);
    assert_eq!(m.status, Status::Optimal);
    assert!((h.objective.unwrap() - m.objective.unwrap()).abs() < 1e-6);
}

#[test]
fn a_mip_start_is_used_and_a_bad_one_ignored() {
    let values = [10.0, 13.0, 7.0, 8.0];
    let rows = vec![(vec![5.0, 6.0, 4.0, 3.0], 10.0)];
    let (model, x) = knapsack(&values, &rows);
    let good = model.start_entries(&[(x[1], 1.0), (x[3], 1.0)]);
    let bad = model.start_entries(&[(x[0], 1.0), (x[1], 1.0), (x[2], 1.0)]);
    for choice in [Choice::Highs, Choice::Microlp] {
        for start in [good.clone(), bad.clone()] {
            let opts = Options {
                start: Some(start),
                choice,
                ..Options::default()
            };
            let a = engine::solve(&model, &opts, &mut |_| {}).unwrap();
            assert_eq!(a.status, Status::Optimal);
            assert_eq!(a.objective, Some(brute(&values, &rows)), "{choice:?}");
        }
    }
}

#[test]
fn auto_sends_small_models_to_microlp_and_large_ones_to_highs() {
    let (small, _) = knapsack(&[1.0, 2.0], &[(vec![1.0, 1.0], 1.0)]);
    assert_eq!(engine::choose(&small, Choice::Auto), Backend::Microlp);
    let (large, _) = p_median(200, 5);
    assert!(large.nonzeros() > engine::SMALL_NONZEROS);
    assert_eq!(engine::choose(&large, Choice::Auto), Backend::Highs);
    assert_eq!(engine::choose(&large, Choice::Microlp), Backend::Microlp);
}

#[test]
fn progress_reports_incumbent_bound_and_gap_while_highs_runs() {
    let (model, _) = p_median(80, 3);
    let mut seen = vec![];
    let opts = Options {
        choice: Choice::Highs,
        time_limit: Some(60.0),
        ..Options::default()
    };
    let a = engine::solve(&model, &opts, &mut |l| seen.push(l)).unwrap();
    assert_eq!(a.status, Status::Optimal);
    let with_both = seen
        .iter()
        .find(|l| l.incumbent.is_some() && l.bound.is_some())
        .expect("a report with incumbent and bound");
    assert!(with_both.bound.unwrap() <= with_both.incumbent.unwrap() + 1e-6);
    assert!(with_both.incumbent.unwrap() >= a.objective.unwrap() - 1e-6);
}

#[test]
fn a_model_with_nothing_to_decide_is_decided_by_its_rows() {
    let vars = ProblemVariables::new();
    let feasible = LinearModel::new(&vars, &Expression::from(7.0), Sense::Minimise, &[]);
    let x = Expression::from(3.0);
    let infeasible = LinearModel::new(
        &vars,
        &Expression::from(0.0),
        Sense::Minimise,
        &[constraint!(x >= 4.0)],
    );
    for choice in [Choice::Highs, Choice::Microlp] {
        let a = solve(&feasible, choice, None);
        assert_eq!(
            (a.status, a.objective),
            (Status::Optimal, Some(7.0)),
            "{choice:?}"
        );
        assert_eq!(solve(&infeasible, choice, None).status, Status::Infeasible);
    }
}

/// Whether `x` satisfies every bound, integrality and row of `m`.
fn feasible(m: &LinearModel, x: &[f64]) -> bool {
    let tol = 1e-6;
    let bounds = (0..m.columns()).all(|j| {
        x[j] >= m.lower[j] - tol
            && x[j] <= m.upper[j] + tol
            && (!m.integer[j] || (x[j] - x[j].round()).abs() <= tol)
    });
    let rows = (0..m.rows()).all(|r| {
        let a: f64 = (m.row_start[r]..m.row_start[r + 1])
            .map(|e| m.value[e] * x[m.col_index[e]])
            .sum();
        a >= m.row_lower[r] - tol && a <= m.row_upper[r] + tol
    });
    bounds && rows
}

#[test]
fn an_improving_solution_comes_with_its_values_so_a_stopped_solve_keeps_it() {
    let (model, _) = p_median(80, 3);
    for choice in [Choice::Highs, Choice::Microlp] {
        let mut seen = vec![];
        let opts = Options {
            choice,
            time_limit: Some(if choice == Choice::Highs { 60.0 } else { 2.0 }),
            ..Options::default()
        };
        let a = engine::solve(&model, &opts, &mut |l| seen.push(l)).unwrap();
        let with_values: Vec<_> = seen.iter().filter(|l| l.solution.is_some()).collect();
        for l in &with_values {
            let x = l.solution.as_ref().unwrap();
            assert_eq!(x.len(), model.columns(), "{choice:?}");
            assert!(feasible(&model, x), "{choice:?}: an infeasible 'solution'");
            let worth = model.objective_of(x);
            let incumbent = l.incumbent.expect("values come with their objective");
            assert!(
                (worth - incumbent).abs() <= 1e-6 * incumbent.abs().max(1.0),
                "{choice:?}: values worth {worth}, incumbent {incumbent}"
            );
            // Never better than the optimum (a minimisation).
            if a.status == Status::Optimal {
                assert!(worth >= a.objective.unwrap() - 1e-6);
            }
        }
        // HiGHS reports every new incumbent; microlp's come between its
        // 0.5 s slices, so a short solve may report none.
        if choice == Choice::Highs {
            assert!(
                !with_values.is_empty(),
                "HiGHS reported no improving solution"
            );
        }
    }
}
