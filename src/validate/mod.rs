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
mod numbers;
mod polygons;
mod totals;

use crate::scenario::{Scenario, FORMAT};
use serde::Serialize;
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The scenario cannot be used until this is fixed.
    Error,
    /// The scenario can be used, but a result may be surprising.
    Warning,
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path of the offending value, e.g. `$.facilities[12].beds`.
    pub path: String,
    /// What is wrong and what to do, in plain language.
    pub message: String,
}

impl Problem {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        }
    }

    /// Whether this problem blocks loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Turns a JSON parse error into a problem naming the path and the line/column.
    pub fn from_parse_error(e: serde_path_to_error::Error<serde_json::Error>) -> Problem {
        let path = e.path().to_string();
        let path = if path == "." || path.is_empty() {
            "$".to_string()
        } else {
            format!("$.{path}")
        };
        let inner = e.inner();
        let what = match inner.classify() {
            serde_json::error::Category::Syntax => "the file is not valid JSON",
            serde_json::error::Category::Eof => "the file ends early (truncated JSON)",
            serde_json::error::Category::Data => "a value has the wrong type or name",
            serde_json::error::Category::Io => "the file could not be read",
        };
        // serde_json's message already ends with "at line L column C".
        Problem::error(
            path,
            format!("{what}: {inner}. Fix it there and load again."),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}: {}", self.path, self.message)
    }
}

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
        ));
    }
    if s.region.name.trim().is_empty() {
        out.push(Problem::error("$.region.name", "the region has no name"));
    }
    if s.region.crs != "EPSG:4326" {
        out.push(Problem::error(
            "$.region.crs",
            format!(
                "coordinate system {:?} is not supported; give WGS84 longitude/latitude \
                 and set crs to \"EPSG:4326\"",
                s.region.crs
            ),
        ));
    }
    totals::check_not_empty(s, &mut out);
    ids::check(s, &mut out);
    numbers::check(s, &mut out);
    coordinates::check(s, &mut out);
    polygons::check(s, &mut out);
    totals::check_population_totals(s, &mut out);
    out.sort_by_key(|p| p.severity);
    out
}

/// Parses and validates JSON text. Returns the scenario and its warnings, or
/// every problem (errors and warnings) when there is at least one error.
pub fn load(text: &str) -> Result<(Scenario, Vec<Problem>), Vec<Problem>> {
    let scenario = Scenario::from_json(text).map_err(|p| vec![p])?;
    let problems = validate(&scenario);
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok((scenario, problems))
    }
}

/// `$.collection[i].field`
pub(crate) fn at(collection: &str, i: usize, field: &str) -> String {
    if field.is_empty() {
        format!("$.{collection}[{i}]")
    } else {
        format!("$.{collection}[{i}].{field}")
    }
}
