//! A good_lp model as plain arrays: what every backend reads.
//!
//! The models are written in good_lp (they read like their maths); this
//! turns one into bounds, costs, integrality and a sparse matrix, once, so
//! each backend is a small translation and the answer maps back to the
//! model's own [`Variable`]s.

use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable};
use std::collections::HashMap;

/// Minimise or maximise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// Minimise the objective.
    Minimise,
    /// Maximise the objective.
    Maximise,
}

/// A linear (mixed-integer) model: `lower ≤ x ≤ upper`, `row_lower ≤ A x ≤
/// row_upper`, objective `cost · x + offset`. Rows are the constraints in
/// the order given; `A` is stored row by row (CSR).
#[derive(Debug, Clone)]
pub struct LinearModel {
    /// Direction.
    pub sense: Sense,
    /// Constant term of the objective.
    pub offset: f64,
    /// Objective coefficient of each column.
    pub cost: Vec<f64>,
    /// Lower bound of each column (may be −∞).
    pub lower: Vec<f64>,
    /// Upper bound of each column (may be +∞).
    pub upper: Vec<f64>,
    /// Whether each column must take a whole value.
    pub integer: Vec<bool>,
    /// Each column's name as the model gave it (empty when it gave none).
    pub names: Vec<String>,
    /// Lower bound of each row (−∞ for `≤` rows).
    pub row_lower: Vec<f64>,
    /// Upper bound of each row.
    pub row_upper: Vec<f64>,
    /// CSR: row `r` holds entries `row_start[r]..row_start[r + 1]`.
    pub row_start: Vec<usize>,
    /// CSR column index of each entry.
    pub col_index: Vec<usize>,
    /// CSR value of each entry.
    pub value: Vec<f64>,
    columns: HashMap<Variable, usize>,
}

impl LinearModel {
    /// Reads a good_lp model. Every constraint becomes one row, in order
    /// (good_lp keeps each as `a·x ≤ b` or `a·x = b`; a `≥` arrives negated).
    pub fn new(
        vars: &ProblemVariables,
        objective: &Expression,
        sense: Sense,
        constraints: &[Constraint],
    ) -> LinearModel {
        let n = vars.len();
        let mut columns = HashMap::with_capacity(n);
        let (mut lower, mut upper, mut integer, mut names) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (k, (var, def)) in vars.iter_variables_with_def().enumerate() {
            columns.insert(var, k);
            lower.push(def.get_min());
            upper.push(def.get_max());
            integer.push(def.is_integer());
            names.push(def.get_name().to_string());
        }
        let mut cost = vec![0.0; n];
        for (var, c) in objective.clone().linear_coefficients() {
            if let Some(&k) = columns.get(&var) {
                cost[k] += c;
            }
        }
        let mut m = LinearModel {
            sense,
            offset: objective.clone().constant(),
            cost,
            lower,
            upper,
            integer,
            names,
            row_lower: Vec::with_capacity(constraints.len()),
            row_upper: Vec::with_capacity(constraints.len()),
            row_start: vec![0],
            col_index: vec![],
            value: vec![],
            columns,
        };
        let mut merged: HashMap<usize, f64> = HashMap::new();
        for c in constraints {
            let e = c.expression();
            merged.clear();
            for (var, a) in e.clone().linear_coefficients() {
                if let Some(&k) = m.columns.get(&var) {
                    *merged.entry(k).or_default() += a;
                }
            }
            let mut entries: Vec<(usize, f64)> = merged
                .iter()
                .filter(|(_, a)| **a != 0.0)
                .map(|(k, a)| (*k, *a))
                .collect();
            entries.sort_unstable_by_key(|e| e.0);
            for (k, a) in entries {
                m.col_index.push(k);
                m.value.push(a);
            }
            m.row_start.push(m.col_index.len());
            // Normalised by good_lp as `a·x + constant ≤ 0` (or `= 0`).
            let b = -e.constant();
            m.row_upper.push(b);
            m.row_lower.push(if c.is_equality() {
                b
            } else {
                f64::NEG_INFINITY
            });
        }
        m
    }

    /// Number of columns (variables).
    pub fn columns(&self) -> usize {
        self.cost.len()
    }

    /// Number of rows (constraints).
    pub fn rows(&self) -> usize {
        self.row_upper.len()
    }

    /// Number of nonzero matrix entries.
    pub fn nonzeros(&self) -> usize {
        self.value.len()
    }

    /// Number of integer columns.
    pub fn integers(&self) -> usize {
        self.integer.iter().filter(|b| **b).count()
    }

    /// The column of a model variable (`None` for a variable of another model).
    pub fn column(&self, v: Variable) -> Option<usize> {
        self.columns.get(&v).copied()
    }

    /// Values of some variables as `(column, value)`, for a MIP start
    /// (variables of another model are left out).
    pub fn start_entries(&self, hint: &[(Variable, f64)]) -> Vec<(usize, f64)> {
        hint.iter()
            .filter_map(|(v, x)| self.column(*v).map(|k| (k, *x)))
            .collect()
    }

    /// The matrix column by column (CSC): `(start, row index, value)`.
    pub fn csc(&self) -> (Vec<usize>, Vec<usize>, Vec<f64>) {
        let n = self.columns();
        let mut count = vec![0usize; n + 1];
        for &k in &self.col_index {
            count[k + 1] += 1;
        }
        for k in 0..n {
            count[k + 1] += count[k];
        }
        let start = count.clone();
        let mut next = count;
        let mut rows = vec![0usize; self.nonzeros()];
        let mut values = vec![0.0; self.nonzeros()];
        for r in 0..self.rows() {
            for e in self.row_start[r]..self.row_start[r + 1] {
                let k = self.col_index[e];
                rows[next[k]] = r;
                values[next[k]] = self.value[e];
                next[k] += 1;
            }
        }
        (start, rows, values)
    }

    /// Objective value of a column vector.
    pub fn objective_of(&self, x: &[f64]) -> f64 {
        self.offset + self.cost.iter().zip(x).map(|(c, v)| c * v).sum::<f64>()
    }
}
