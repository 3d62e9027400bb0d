//! Residents per unit from a census table (CSV or XLSX), joined to the
//! units by division code or normalised name.

use super::cells::{read_number, Cell};
use super::headers::Role;
use super::manifest::Manifest;
use super::names::{join, Join};
use super::pipeline::Files;
use super::report::{At, Report};
use super::tabular::{column, file_error, num_cell, table_with_header};
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
    let (t, rows, h) = table_with_header(
        files,
        path,
        p.encoding.as_deref(),
        p.sheet.as_deref(),
        "give a header with the unit (代码 or 名称) and 常住人口 columns",
        report,
    )?;
    let head = &rows[h.row];
    let col = |named: &Option<String>, role: Role| column(head, named.as_deref(), h.column(role));
    let cols = (|| -> Result<_, String> {
        let unit = match col(&p.unit_field, Role::Code)? {
            Some(c) => Some(c),
            None => col(&None, Role::Name)?.or(h.column(Role::Unit)),
        };
        Ok((
            unit,
            col(&p.population_field, Role::Population)?,
            col(&p.children_field, Role::Children)?,
            col(&p.elderly_field, Role::Elderly)?,
        ))
    })();
    let (unit_c, pop_c, child_c, aged_c) = match cols {
        Ok(c) => c,
        Err(e) => {
            return file_error(
                report,
                path,
                e.clone(),
                e,
                "fix the column name in the manifest",
            )
        }
    };
    let (Some(unit_c), Some(pop_c)) = (unit_c, pop_c) else {
        return file_error(
            report,
            path,
            "no unit column or no population column".into(),
            "缺少单元列或人口列".into(),
            "name them with population.unit_field and population.population_field",
        );
    };
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
                // A total row (合计, 全市) is expected; anything else is reported.
                let what = if row.iter().any(|c| {
                    ["合计", "总计", "全市", "total"]
                        .iter()
                        .any(|w| super::cells::fold(c).contains(w))
                }) {
                    "a total row, left out"
                } else {
                    "matches no unit of the boundaries"
                };
                report.rejected.push(at.entry(
                    &head[unit_c],
                    reference,
                    what.into(),
                    "与边界中的任何单元都不匹配（或为合计行）".into(),
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
        let children = opt(child_c, report);
        let aged = opt(aged_c, report);
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
