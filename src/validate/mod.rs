//! Scenario validation.
//!
//! Invariant: validation never panics and never stops at the first problem.
//! [`validate`] returns every problem it finds, each with a JSON path and a
//! plain-language reason; [`load`] parses and validates, and hands back a
//! scenario only when there is no error (never a partial load).
//!
//! ```
//! let mut s = healthreach::demo::weinan();
//! s.zones[0].population = -5.0;
//! let problems = healthreach::validate::validate(&s);
//! assert!(problems.iter().any(|p| p.path == "$.zones[0].population"));
//! ```

mod coordinates;
mod ids;
pub mod limits;
pub(crate) mod numbers;
mod placement;
mod plan;
pub(crate) mod polygon_validity;
mod polygons;
mod roads;
mod totals;

pub use crate::diagnostics::{Problem, Severity};
pub use numbers::policy_problems;
pub(crate) use numbers::{facility_numbers, site_numbers, value_problem};
pub use plan::{load_plan, plan_problems};

use crate::scenario::{Scenario, FORMAT};

/// Checks a scenario and returns every problem found (errors first, then warnings,
/// each group in document order). An empty list means the scenario is clean.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut out = Vec::new();
    if s.format != FORMAT {
        out.push(Problem::error(
            "$.format",
            format!(
                "format is {:?}, but this version of HealthReach reads {FORMAT:?}. \
                 Convert the file or set the field.",
                s.format
            ),
            format!(
                "格式为 {:?}，本版 HealthReach 读取 {FORMAT:?}。请转换文件或修改该字段。",
                s.format
            ),
        ));
    }
    if s.region.name.trim().is_empty() {
        out.push(Problem::error(
            "$.region.name",
            "the region has no name; give it one",
            "地区没有名称；请填写名称",
        ));
    }
    if s.region.crs != "EPSG:4326" {
        out.push(Problem::error(
            "$.region.crs",
            format!(
                "coordinate system {:?} is not supported; give WGS84 longitude/latitude \
                 and set crs to \"EPSG:4326\"",
                s.region.crs
            ),
            format!(
                "不支持坐标系 {:?}；请使用 WGS84 经纬度，并将 crs 设为 \"EPSG:4326\"",
                s.region.crs
            ),
        ));
    }
    totals::check_not_empty(s, &mut out);
    ids::check(s, &mut out);
    numbers::check(s, &mut out);
    coordinates::check(s, &mut out);
    polygons::check(s, &mut out);
    roads::check(s, &mut out);
    placement::check(s, &mut out);
    totals::check_population_totals(s, &mut out);
    out.sort_by_key(|p| p.severity);
    if out.len() > MAX_LISTED {
        let (errors, warnings) = (
            out.iter().filter(|p| p.is_error()).count(),
            out.iter().filter(|p| !p.is_error()).count(),
        );
        out.truncate(MAX_LISTED);
        out.push(Problem::error(
            "$",
            format!("{errors} errors and {warnings} warnings in all; only the first {MAX_LISTED} are listed. Fix those and validate again"),
            format!("共 {errors} 个错误、{warnings} 个警告，只列出前 {MAX_LISTED} 个。请修正后再校验"),
        ));
    }
    out
}

/// Problems listed by one validation; the rest are counted in one more.
pub const MAX_LISTED: usize = 1000;

/// Parses and validates JSON text. Returns the scenario and its warnings, or
/// every problem (errors and warnings) when there is at least one error.
pub fn load(text: &str) -> Result<(Scenario, Vec<Problem>), Vec<Problem>> {
    let text = crate::diagnostics::text_of(text.as_bytes(), limits::MAX_SCENARIO_BYTES)
        .map_err(|p| vec![p])?;
    let scenario = Scenario::from_json(text).map_err(|p| vec![p])?;
    let problems = validate(&scenario);
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok((scenario, problems))
    }
}

/// [`load`] for raw bytes (a file, standard input, a dropped file): checks
/// the size limit and that the bytes are UTF-8 JSON text (a byte-order mark is
/// dropped), naming the byte offset of anything unreadable.
///
/// ```
/// let p = healthreach::validate::load_bytes(b"\x00\x01binary").unwrap_err();
/// assert!(p[0].message.contains("byte 0"));
/// ```
pub fn load_bytes(bytes: &[u8]) -> Result<(Scenario, Vec<Problem>), Vec<Problem>> {
    let text =
        crate::diagnostics::text_of(bytes, limits::MAX_SCENARIO_BYTES).map_err(|p| vec![p])?;
    load(text)
}

/// `$.collection[i].field`
pub(crate) fn at(collection: &str, i: usize, field: &str) -> String {
    if field.is_empty() {
        format!("$.{collection}[{i}]")
    } else {
        format!("$.{collection}[{i}].{field}")
    }
}
