//! A [`LinearModel`] as a file another solver reads: free MPS or CPLEX LP.
//!
//! Columns and rows carry the names the model gives them (rule, unit,
//! facility), made safe for both formats — letters, digits and
//! `_ . ( ) , / : ! @ #`, anything else `_`, never a leading digit or
//! period — and unique (a repeat gets `~2`, `~3`…). Unnamed ones are
//! `x<k>` / `r<k>`. Every bound is written out (no reader's default for an
//! integer column is relied on); the objective's constant is the MPS
//! objective row's right-hand side negated, as MPS readers take it, and a
//! constant term in LP.

use super::{LinearModel, Sense};
use std::collections::HashSet;
use std::fmt::Write;

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFormat {
    /// Free-format MPS.
    Mps,
    /// CPLEX LP.
    Lp,
}

impl ModelFormat {
    /// From a file name's extension (`.mps`, `.lp`), any case.
    pub fn of_path(path: &str) -> Option<ModelFormat> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".mps") {
            Some(ModelFormat::Mps)
        } else if lower.ends_with(".lp") {
            Some(ModelFormat::Lp)
        } else {
            None
        }
    }
}

fn safe(name: &str, fallback: String) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_.(),/:!@#".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.trim_matches('_').is_empty() {
        out = fallback;
    }
    if out.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        out.insert(0, '_');
    }
    out
}

fn unique(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .map(|n| {
            let mut m = n.clone();
            let mut k = 1;
            while !seen.insert(m.clone()) {
                k += 1;
                m = format!("{n}~{k}");
            }
            m
        })
        .collect()
}

/// Writes `m` with row names `rows` (missing ones are `r<k>`).
pub fn write(m: &LinearModel, rows: &[String], format: ModelFormat) -> String {
    let cols = unique(
        (0..m.columns()).map(|k| safe(m.names.get(k).map_or("", String::as_str), format!("x{k}"))),
    );
    let row_names = unique(
        (0..m.rows()).map(|r| safe(rows.get(r).map_or("", String::as_str), format!("r{r}"))),
    );
    match format {
        ModelFormat::Mps => mps(m, &cols, &row_names),
        ModelFormat::Lp => lp(m, &cols, &row_names),
    }
}

fn num(x: f64) -> String {
    // Shortest text that reads back to the same f64.
    format!("{x:?}")
}

fn mps(m: &LinearModel, cols: &[String], rows: &[String]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "NAME healthreach");
    let _ = writeln!(o, "OBJSENSE");
    let _ = writeln!(
        o,
        "    {}",
        if m.sense == Sense::Maximise {
            "MAX"
        } else {
            "MIN"
        }
    );
    let _ = writeln!(o, "ROWS");
    let _ = writeln!(o, " N obj");
    for (r, name) in rows.iter().enumerate() {
        let (lo, hi) = (m.row_lower[r], m.row_upper[r]);
        let kind = if lo == hi {
            "E"
        } else if lo.is_finite() {
            "G"
        } else {
            "L"
        };
        let _ = writeln!(o, " {kind} {}", name);
    }
    let (start, row_of, value) = m.csc();
    let _ = writeln!(o, "COLUMNS");
    let mut in_int = false;
    let mut marker = 0;
    for (k, col) in cols.iter().enumerate() {
        if m.integer[k] != in_int {
            let _ = writeln!(
                o,
                "    M{marker} 'MARKER' '{}'",
                if m.integer[k] { "INTORG" } else { "INTEND" }
            );
            marker += 1;
            in_int = m.integer[k];
        }
        let mut wrote = false;
        if m.cost[k] != 0.0 {
            let _ = writeln!(o, "    {} obj {}", col, num(m.cost[k]));
            wrote = true;
        }
        for e in start[k]..start[k + 1] {
            let _ = writeln!(o, "    {} {} {}", col, rows[row_of[e]], num(value[e]));
            wrote = true;
        }
        if !wrote {
            // A column in no row still exists (with a zero cost).
            let _ = writeln!(o, "    {} obj 0", col);
        }
    }
    if in_int {
        let _ = writeln!(o, "    M{marker} 'MARKER' 'INTEND'");
    }
    let _ = writeln!(o, "RHS");
    if m.offset != 0.0 {
        let _ = writeln!(o, "    rhs obj {}", num(-m.offset));
    }
    let mut ranges = Vec::new();
    for (r, name) in rows.iter().enumerate() {
        let (lo, hi) = (m.row_lower[r], m.row_upper[r]);
        let b = if lo == hi || !lo.is_finite() { hi } else { lo };
        if b != 0.0 && b.is_finite() {
            let _ = writeln!(o, "    rhs {} {}", name, num(b));
        }
        if lo != hi && lo.is_finite() && hi.is_finite() {
            ranges.push((r, hi - lo));
        }
    }
    if !ranges.is_empty() {
        let _ = writeln!(o, "RANGES");
        for (r, width) in ranges {
            let _ = writeln!(o, "    rng {} {}", rows[r], num(width));
        }
    }
    let _ = writeln!(o, "BOUNDS");
    for (k, c) in cols.iter().enumerate() {
        let (lo, hi) = (m.lower[k], m.upper[k]);
        if lo == hi {
            let _ = writeln!(o, " FX bnd {c} {}", num(lo));
            continue;
        }
        if lo.is_finite() {
            let _ = writeln!(o, " LO bnd {c} {}", num(lo));
        } else {
            let _ = writeln!(o, " MI bnd {c}");
        }
        if hi.is_finite() {
            let _ = writeln!(o, " UP bnd {c} {}", num(hi));
        } else {
            let _ = writeln!(o, " PL bnd {c}");
        }
    }
    let _ = writeln!(o, "ENDATA");
    o
}

/// `+ 3 x - 2 y` with lines kept short (LP readers limit line length).
fn terms(o: &mut String, entries: impl Iterator<Item = (f64, String)>) {
    let mut line = 0;
    let mut any = false;
    for (a, name) in entries {
        if a == 0.0 {
            continue;
        }
        let sign = if a < 0.0 { '-' } else { '+' };
        let t = format!(" {sign} {} {name}", num(a.abs()));
        line += t.len();
        if line > 200 {
            o.push_str("\n   ");
            line = t.len();
        }
        o.push_str(&t);
        any = true;
    }
    if !any {
        o.push_str(" 0 x_zero");
    }
}

fn lp(m: &LinearModel, cols: &[String], rows: &[String]) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\\ HealthReach plan model");
    let _ = writeln!(
        o,
        "{}",
        if m.sense == Sense::Maximise {
            "Maximize"
        } else {
            "Minimize"
        }
    );
    o.push_str(" obj:");
    terms(
        &mut o,
        (0..m.columns()).map(|k| (m.cost[k], cols[k].clone())),
    );
    if m.offset != 0.0 {
        let sign = if m.offset < 0.0 { '-' } else { '+' };
        let _ = write!(o, " {sign} {}", num(m.offset.abs()));
    }
    o.push('\n');
    let _ = writeln!(o, "Subject To");
    for (r, rname) in rows.iter().enumerate() {
        let (lo, hi) = (m.row_lower[r], m.row_upper[r]);
        let entries = || {
            (m.row_start[r]..m.row_start[r + 1]).map(|e| (m.value[e], cols[m.col_index[e]].clone()))
        };
        let mut row = |name: &str, op: &str, b: f64| {
            let _ = write!(o, " {name}:");
            terms(&mut o, entries());
            let _ = writeln!(o, " {op} {}", num(b));
        };
        if lo == hi {
            row(rname, "=", hi);
        } else {
            if lo.is_finite() {
                let name = if hi.is_finite() {
                    format!("{rname}_lo")
                } else {
                    rname.clone()
                };
                row(&name, ">=", lo);
            }
            if hi.is_finite() {
                let name = if lo.is_finite() {
                    format!("{rname}_hi")
                } else {
                    rname.clone()
                };
                row(&name, "<=", hi);
            }
        }
    }
    let _ = writeln!(o, "Bounds");
    for (k, c) in cols.iter().enumerate() {
        let (lo, hi) = (m.lower[k], m.upper[k]);
        match (lo.is_finite(), hi.is_finite()) {
            (true, true) => _ = writeln!(o, " {} <= {c} <= {}", num(lo), num(hi)),
            (true, false) => _ = writeln!(o, " {c} >= {}", num(lo)),
            (false, true) => _ = writeln!(o, " -inf <= {c} <= {}", num(hi)),
            (false, false) => _ = writeln!(o, " {c} free"),
        }
    }
    if o.contains(" x_zero") {
        let _ = writeln!(o, " x_zero = 0");
    }
    let ints: Vec<&String> = (0..m.columns())
        .filter(|&k| m.integer[k])
        .map(|k| &cols[k])
        .collect();
    if !ints.is_empty() {
        let _ = writeln!(o, "Generals");
        for chunk in ints.chunks(10) {
            let line: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(o, " {}", line.join(" "));
        }
    }
    let _ = writeln!(o, "End");
    o
}
