//! Rows a list holds twice, as a careful analyst finds them: an exact
//! repeat of an earlier row (every cell the same) is merged into it and
//! reported; a probable duplicate — the same normalised name within
//! [`NEAR_M`] of an earlier row, or the same code — is kept and flagged so
//! the planner can decide. A code used twice gets a distinct id on the
//! later row, so one repeated code never stops the import.

use super::report::{At, Report};
use crate::scenario::LonLat;
use std::collections::HashMap;

/// Two rows with the same name closer than this are probably one facility (m).
pub const NEAR_M: f64 = 200.0;

/// What the rows so far held.
#[derive(Default)]
pub(crate) struct Seen {
    rows: HashMap<Vec<String>, u64>,
    codes: HashMap<String, u64>,
    ids: std::collections::HashSet<String>,
    names: HashMap<String, Vec<(LonLat, u64)>>,
}

impl Seen {
    /// Whether `row` repeats an earlier row cell for cell (then reported as merged).
    pub(crate) fn exact_repeat(&mut self, at: &At, row: &[String], report: &mut Report) -> bool {
        let key: Vec<String> = row.iter().map(|c| c.trim().to_string()).collect();
        let Some(line) = at.row else { return false };
        match self.rows.get(&key) {
            Some(first) => {
                report.warnings.push(
                    at.entry(
                        "",
                        // The first text cell (a name, not a serial number).
                        key.iter()
                            .find(|c| !c.is_empty() && c.parse::<f64>().is_err())
                            .or_else(|| key.iter().find(|c| !c.is_empty()))
                            .map_or("", |c| c.as_str()),
                        format!("the same row as row {first}: merged into it (counted once)"),
                        format!("与第 {first} 行完全相同：已合并（只计一次）"),
                        "delete the repeated row",
                    ),
                );
                true
            }
            None => {
                self.rows.insert(key, line);
                false
            }
        }
    }

    /// The row's id: its code, or `f<row>` without one; a code an earlier
    /// row used is flagged and the later row gets `<code>-<row>`.
    pub(crate) fn unique_id(
        &mut self,
        at: &At,
        field: &str,
        code: Option<String>,
        line: u64,
        report: &mut Report,
    ) -> String {
        let mut id = match &code {
            Some(c) => c.clone(),
            None => format!("f{line}"),
        };
        if let Some(c) = &code {
            if let Some(first) = self.codes.get(c) {
                id = format!("{c}-{line}");
                report.warnings.push(at.entry(
                    field,
                    c,
                    format!("row {first} has the same code: both kept (this one as {id}); probably one facility listed twice"),
                    format!("第 {first} 行代码相同：两行均保留（本行记为 {id}）；可能是同一机构重复列出"),
                    "delete one of the rows, or give each facility its own code",
                ));
            } else {
                self.codes.insert(c.clone(), line);
            }
        }
        while !self.ids.insert(id.clone()) {
            id.push('_');
        }
        id
    }

    /// Flags a row whose normalised name an earlier row within [`NEAR_M`] has.
    pub(crate) fn near_repeat(
        &mut self,
        at: &At,
        field: &str,
        name: &str,
        p: LonLat,
        report: &mut Report,
    ) {
        let key = super::names::name_key(name);
        if key.is_empty() {
            return;
        }
        let Some(line) = at.row else { return };
        let earlier = self.names.entry(key).or_default();
        if let Some((q, first)) = earlier.iter().find(|(q, _)| metres(*q, p) <= NEAR_M) {
            report.warnings.push(at.entry(
                field,
                name,
                format!("row {first} has the same name {:.0} m away: both kept; probably one facility listed twice", metres(*q, p)),
                format!("第 {first} 行名称相同、相距 {:.0} 米：两行均保留；可能是同一机构重复列出", metres(*q, p)),
                "delete one of the rows if they are one facility",
            ));
        }
        earlier.push((p, line));
    }
}

/// Distance between two positions (m), equirectangular: exact enough at 200 m.
fn metres(a: LonLat, b: LonLat) -> f64 {
    let k = (0.5 * (a[1] + b[1])).to_radians().cos();
    let dx = (a[0] - b[0]) * 111_320.0 * k;
    let dy = (a[1] - b[1]) * 110_574.0;
    (dx * dx + dy * dy).sqrt()
}
