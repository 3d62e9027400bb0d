//! The import report: totals per file, and every row or feature that was
//! rejected or adjusted, with file, row (as a spreadsheet shows it: header
//! row 1), field, value, reason and what to do — in English and Chinese.

use serde::Serialize;
use std::collections::BTreeMap;

/// One rejected or adjusted row, or a note about a whole file.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
