//! The import report: totals per file, and every row or feature that was
//! rejected or adjusted, with file, row (as a spreadsheet shows it: header
//! row 1), field, value, reason and what to do — in English and Chinese.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One rejected or adjusted row, or a note about a whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The file (as the manifest names it).
    pub file: String,
    /// Row (tables: the spreadsheet's row number; GeoJSON: feature number from 1), if any.
    pub row: Option<u64>,
    /// Column or property, if any.
    pub field: String,
    /// The value as read.
    pub value: String,
    /// What is wrong (English).
    pub reason: String,
    /// The same in Chinese.
    pub reason_zh: String,
    /// What to do.
    pub fix: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Rows and features left out, and files that could not be used.
    pub rejected: Vec<Entry>,
    /// Adjustments and doubts that did not block anything.
    pub warnings: Vec<Entry>,
    /// What was assumed where the manifest was silent (detected columns, encodings, defaults).
    pub assumed: Vec<String>,
    /// Counts and totals per file and for the scenario.
    pub totals: BTreeMap<String, serde_json::Value>,
}

/// Builds entries with less noise at the call site.
pub(crate) struct At<'a> {
    pub file: &'a str,
    pub row: Option<u64>,
}

impl At<'_> {
    pub(crate) fn entry(
        &self,
        field: &str,
        value: &str,
        en: String,
        zh: String,
        fix: &str,
    ) -> Entry {
        Entry {
            file: self.file.to_string(),
            row: self.row,
            field: field.to_string(),
            value: crate::diagnostics::short(value),
            reason: en,
            reason_zh: zh,
            fix: fix.to_string(),
        }
    }
}

/// Whether an entry blocked its row (rejected) or only changed or doubted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Left out.
    Rejected,
    /// Adjusted or doubtful.
    Warning,
}

impl Report {
    /// Every entry with its kind: rejected first, then warnings, each in file order.
    pub fn entries(&self) -> impl Iterator<Item = (Kind, &Entry)> {
        self.rejected
            .iter()
            .map(|e| (Kind::Rejected, e))
            .chain(self.warnings.iter().map(|e| (Kind::Warning, e)))
    }

    /// The report as CSV: `kind,file,row,field,value,reason,fix`, the
    /// reason in Chinese when `zh`.
    ///
    /// ```
    /// use healthreach::import::report::{Entry, Report};
    /// let mut r = Report::default();
    /// r.rejected.push(Entry { file: "f.csv".into(), row: Some(7), field: "床位".into(),
    ///     value: "-3".into(), reason: "negative".into(), reason_zh: "为负".into(), fix: "fix it".into() });
    /// assert_eq!(r.to_csv(true), "kind,file,row,field,value,reason,fix\nrejected,f.csv,7,床位,-3,为负,fix it\n");
    /// ```
    pub fn to_csv(&self, zh: bool) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["kind", "file", "row", "field", "value", "reason", "fix"]);
        for (k, e) in self.entries() {
            let _ = w.write_record([
                match k {
                    Kind::Rejected => "rejected",
                    Kind::Warning => "warning",
                },
                &e.file,
                &e.row.map(|r| r.to_string()).unwrap_or_default(),
                &e.field,
                &e.value,
                if zh { &e.reason_zh } else { &e.reason },
                &super::fixes::fix_in(&e.fix, zh),
            ]);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}
