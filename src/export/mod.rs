//! Exports of a plan a planner's office can open: decisions, per-unit
//! indicators and per-zone figures as CSV (stable column keys) or XLSX
//! (headers in the reader's language, numbers as numbers, one sheet per
//! table), decisions and zones as RFC 7946 GeoJSON. The tables are built
//! once (`tables.rs`); each writer only formats them. Bytes and strings,
//! so the app offers them as downloads, the CLI writes them, and the tests
//! parse them.

mod geojson;
pub mod tables;
mod xlsx;

pub use geojson::{decisions_geojson, zones_geojson};
pub use tables::{Cell, Table, TableKind};
pub use xlsx::xlsx;

use crate::report::PlanReport;

/// Formats a number as the CSV files write it: whole numbers without ".0",
/// others with up to 4 decimals.
pub fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A table as CSV (UTF-8, header of stable keys).
pub fn csv(table: &Table) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(table.columns.iter().map(|c| c.key));
    for r in &table.rows {
        let _ = w.write_record(r.iter().map(|c| match c {
            Cell::Text(s) => crate::cell_text::escape(s).into_owned(),
            Cell::Number(x) => num(*x),
            Cell::Empty => String::new(),
        }));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Every decision, one row each:
/// `kind,facility_id,facility,admin_unit,specialty,quantity,cost_yuan,rule,from_id,from,minutes`.
///
/// ```
/// let s = healthreach::demo::weinan();
/// let r = healthreach::report::plan_report(&s, &Default::default());
/// assert!(healthreach::export::decisions_csv(&r).starts_with("kind,facility_id"));
/// ```
pub fn decisions_csv(r: &PlanReport) -> String {
    csv(&tables::decisions(r, None))
}

/// Per admin unit before and after:
/// `unit_id,unit,population,beds_per_1000_before,…_after,doctors_per_1000_before,…_after,coverage_before,coverage_after`.
pub fn indicators_csv(r: &PlanReport) -> String {
    csv(&tables::indicators(r, None))
}

/// File format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV, UTF-8, stable column keys.
    Csv,
    /// An XLSX workbook, headers in the chosen language.
    Xlsx,
    /// RFC 7946 GeoJSON.
    GeoJson,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::GeoJson => "geojson",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::GeoJson => "application/geo+json",
        }
    }
}

/// One table of a plan in one format (what `healthreach export` writes and
/// the app downloads). `before`: per zone minutes before the plan
/// ([`tables::zone_minutes_before`]), needed by the zones table only;
/// `lang`: XLSX headers and words. Indicators as GeoJSON are the admin
/// units' outlines carrying their figures.
pub fn export(
    s: &crate::scenario::Scenario,
    r: &PlanReport,
    before: &[Option<f64>],
    table: TableKind,
    format: Format,
    lang: crate::i18n::Lang,
) -> Result<Vec<u8>, String> {
    let build = |l: Option<crate::i18n::Lang>| match table {
        TableKind::Decisions => tables::decisions(r, l),
        TableKind::Indicators => tables::indicators(r, l),
        TableKind::Zones => tables::zones(s, r, before, l),
    };
    Ok(match format {
        Format::Csv => csv(&build(None)).into_bytes(),
        Format::Xlsx => xlsx(&[build(Some(lang))], lang)?,
        Format::GeoJson => match table {
            TableKind::Decisions => decisions_geojson(r),
            TableKind::Indicators => geojson::indicators_geojson(s, r),
            TableKind::Zones => zones_geojson(s, r, before),
        }
        .into_bytes(),
    })
}
