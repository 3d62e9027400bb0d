//! Residents per unit from a census table (CSV or XLSX), joined to the
//! units by division code or normalised name.

use super::cells::{read_number, Cell};
use super::headers::Role;
use super::manifest::Manifest;
use super::names::{join, Join};
use super::pipeline::Files;
use super::report::{At, Report};
use super::tabular::{column, num_cell, table_with_header};
use super::units::UnitIn;
use std::collections::BTreeMap;

/// Residents per unit index: (population, children, elderly).
pub(crate) type Pops = BTreeMap<usize, (f64, Option<f64>, Option<f64>)>;

pub(crate) fn read_population(
    m: &Manifest,
    files: &dyn Files,
    units: &[UnitIn],
    report: &mut Report,
) -> Option<Pops> {
    let p = &m.population;
    let path = p.path.as_str();
    let (t, _rows, h) = table_with_header(
        files,
        path,
        p.encoding.as_deref(),
        p.sheet.as_deref(),
        "give a header with the unit (代码 or 名称) and 常住人口 columns",
        &m.edits,
        report,
    )?;
    let head = &h.names;
    let col = |named: &Option<String>, role: Role| column(head, named.as_deref(), h.column(role));
    let cols = (|| -> Result<_, (&'static str, Role, String)> {
        let unit = match &p.unit_field {
            Some(n) => {
                col(&Some(n.clone()), Role::Code).map_err(|_| ("unit", Role::Unit, n.clone()))?
            }
            None => h
                .column(Role::Code)
                .or(h.column(Role::Name))
                .or(h.column(Role::Unit)),
        };
        let named = |f: &Option<String>, key: &'static str, role: Role| {
            col(f, role).map_err(|_| (key, role, f.clone().unwrap_or_default()))
        };
        Ok((
            unit,
            named(&p.population_field, "population", Role::Population)?,
            named(&p.children_field, "children", Role::Children)?,
            named(&p.elderly_field, "elderly", Role::Elderly)?,
        ))
    })();
    let (unit_c, pop_c, child_c, aged_c) = match cols {
        Ok(c) => c,
        Err((key, role, n)) => {
            report.missing_column(path, "population", key, role, head, Some(&n));
            return None;
        }
    };
    if unit_c.is_none() {
        report.missing_column(path, "population", "unit", Role::Unit, head, None);
    }
    if pop_c.is_none() {
        report.missing_column(
            path,
            "population",
            "population",
            Role::Population,
            head,
            None,
        );
    }
    let (Some(unit_c), Some(pop_c)) = (unit_c, pop_c) else {
        return None;
    };
    for (en, zh) in &h.notes {
        report.assume(format!("{path}: {en}"), format!("{path}：{zh}"));
    }
    let scale = super::headers::scale_of(&head[pop_c]);
    if scale != 1.0 {
        report.assume(
            format!("{path}: the header “{}” counts in units of {scale}: each value multiplied by {scale}", head[pop_c]),
            format!("{path}：表头“{}”以 {scale} 为单位：各值乘以 {scale}", head[pop_c]),
        );
    }
    let keys: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    let mut out = Pops::new();
    for (line, row) in t.rows.iter().skip(h.row + 1) {
        let at = At {
            file: path,
            row: Some(*line),
        };
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let reference = cell(unit_c);
        let u = match join(reference, &keys) {
            Join::Unit(u) => u,
            Join::None => {
                // A total row (合计, 全市) is expected: left out, not a rejection.
                if is_total_row(row) {
                    let label = row
                        .iter()
                        .map(|c| c.trim())
                        .find(|c| !c.is_empty())
                        .unwrap_or("");
                    report.assume(
                        format!("{path} row {line}: a total row (“{label}”), left out"),
                        format!("{path} 第 {line} 行：合计行（“{label}”），已略去"),
                    );
                    continue;
                }
                if row.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                report.rejected.push(at.entry(
                    &head[unit_c],
                    reference,
                    "matches no unit of the boundaries".into(),
                    "与边界中的任何单元都不匹配".into(),
                    "use the unit's division code or name as in the boundaries",
                ));
                continue;
            }
            Join::Ambiguous(v) => {
                report.rejected.push(at.entry(
                    &head[unit_c],
                    reference,
                    format!("matches {} units", v.len()),
                    format!("匹配到 {} 个单元", v.len()),
                    "use the division code",
                ));
                continue;
            }
        };
        let Some(Some(pop)) = num_cell(&at, &head[pop_c], cell(pop_c), report) else {
            if matches!(read_number(cell(pop_c)), Ok(Cell::Missing)) {
                report.rejected.push(at.entry(
                    &head[pop_c],
                    "",
                    "no population".into(),
                    "缺少人口".into(),
                    "give the unit's residents",
                ));
            }
            continue;
        };
        let opt = |c: Option<usize>, report: &mut Report| {
            c.and_then(|c| num_cell(&at, &head[c], cell(c), report).flatten())
        };
        let pop = pop * scale;
        let children =
            opt(child_c, report).map(|v| v * super::headers::scale_of(&head[child_c.unwrap_or(0)]));
        let aged =
            opt(aged_c, report).map(|v| v * super::headers::scale_of(&head[aged_c.unwrap_or(0)]));
        if out.insert(u, (pop, children, aged)).is_some() {
            report.warnings.push(at.entry(
                &head[unit_c],
                reference,
                "the unit appears again; this later row is used".into(),
                "该单元再次出现；使用后一行".into(),
                "keep one row per unit",
            ));
        }
    }
    report
        .totals
        .insert(format!("{path}: rows"), (t.rows.len() - h.row - 1).into());
    Some(out)
}

/// A census total row: its first cells say 合计, 总计, 全市, 全区, 全县 or total.
///
/// ```
/// # use healthreach::import::population::is_total_row;
/// let row = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert!(is_total_row(&row(&["合计", "", "1234567"])));
/// assert!(is_total_row(&row(&["", "全市总计", "1"])));
/// assert!(!is_total_row(&row(&["临渭区", "610502", "1"])));
/// ```
pub fn is_total_row(row: &[String]) -> bool {
    row.iter().take(3).any(|c| {
        let f = super::cells::fold(c);
        [
            "合计", "总计", "总数", "全市", "全区", "全县", "全省", "total", "sum",
        ]
        .iter()
        .any(|w| f == *w || (f.chars().count() <= 6 && f.contains(w)))
    })
}
