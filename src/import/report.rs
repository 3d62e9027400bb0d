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
    /// The whole line in English: where (file, row, column, value), what is
    /// wrong and what to do.
    #[serde(default)]
    pub message_en: String,
    /// The same in Chinese.
    #[serde(default)]
    pub message_zh: String,
}

impl Entry {
    /// A line with its messages written from its parts.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        file: &str,
        row: Option<u64>,
        field: &str,
        value: &str,
        reason: String,
        reason_zh: String,
        fix: &str,
    ) -> Entry {
        let mut e = Entry {
            file: file.to_string(),
            row,
            field: field.to_string(),
            value: crate::diagnostics::short(value),
            reason,
            reason_zh,
            fix: fix.to_string(),
            message_en: String::new(),
            message_zh: String::new(),
        };
        e.message_en = e.sentence(false);
        e.message_zh = e.sentence(true);
        e
    }

    /// Where, what and what to do, in one language.
    ///
    /// ```
    /// use healthreach::import::report::Entry;
    /// let e = Entry::new("机构.csv", Some(17), "床位数（张）", "abc",
    ///     "not a number".into(), "不是数字".into(), "give a number (units such as 张 or 人 may follow it)");
    /// assert_eq!(e.message_en, "机构.csv, row 17, column “床位数（张）”, value “abc”: not a number. Give a number (units such as 张 or 人 may follow it).");
    /// assert!(e.message_zh.starts_with("机构.csv 第 17 行，“床位数（张）”列，值“abc”：不是数字。请填写数字"));
    /// ```
    pub fn sentence(&self, zh: bool) -> String {
        let fix = super::fixes::fix_in(&self.fix, zh);
        let fix = fix.trim_end_matches(['.', '。']);
        if zh {
            let mut s = self.file.clone();
            if let Some(r) = self.row {
                s.push_str(&format!(" 第 {r} 行"));
            }
            if !self.field.is_empty() {
                s.push_str(&format!("，“{}”列", self.field));
            }
            if !self.value.is_empty() {
                s.push_str(&format!("，值“{}”", self.value));
            }
            s.push('：');
            s.push_str(self.reason_zh.trim_end_matches('。'));
            s.push('。');
            if !fix.is_empty() {
                s.push_str(fix);
                s.push('。');
            }
            s
        } else {
            let mut s = self.file.clone();
            if let Some(r) = self.row {
                s.push_str(&format!(", row {r}"));
            }
            if !self.field.is_empty() {
                s.push_str(&format!(", column “{}”", self.field));
            }
            if !self.value.is_empty() {
                s.push_str(&format!(", value “{}”", self.value));
            }
            s.push_str(": ");
            s.push_str(self.reason.trim_end_matches('.'));
            s.push('.');
            if !fix.is_empty() {
                let mut c = fix.chars();
                if let Some(first) = c.next() {
                    s.push(' ');
                    s.extend(first.to_uppercase());
                    s.push_str(c.as_str());
                    s.push('.');
                }
            }
            s
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Rows and features left out, and files that could not be used.
    pub rejected: Vec<Entry>,
    /// Adjustments and doubts that did not block anything.
    pub warnings: Vec<Entry>,
    /// What was assumed where the manifest was silent (detected columns,
    /// encodings, defaults), in English.
    pub assumed: Vec<String>,
    /// The same, in Chinese, line for line.
    #[serde(default)]
    pub assumed_zh: Vec<String>,
    /// Counts and totals per file and for the scenario.
    pub totals: BTreeMap<String, serde_json::Value>,
    /// Required columns neither named nor found: the import cannot run
    /// until each is mapped (CLI: exit 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_columns: Vec<MissingColumn>,
    /// Parts that lost more than half their rows: no scenario is written
    /// unless the planner confirms (CLI: `--accept-rejected`; exit 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mostly_rejected: Vec<Entry>,
    /// Files whose points do not show their coordinate system: the wizard
    /// asks which it is (the CLI reads them as WGS84 with a warning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crs_questions: Vec<CrsQuestion>,
    /// Rows rejected because longitude and latitude look swapped: the
    /// planner may let the importer swap them back (`--fix swapped-coordinates`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub swaps_offered: usize,
    /// Rows the planner edited or dropped (the manifest's `edits`), as applied.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub edits_applied: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A coordinate system the importer could not tell from the points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrsQuestion {
    /// The file.
    pub file: String,
    /// The manifest key that declares it (`facilities.crs`, …).
    pub key: String,
    /// The reading used meanwhile (its declaration, e.g. `wgs84`).
    pub kept: String,
    /// The readings weighed, best first.
    pub choices: Vec<CrsChoice>,
}

/// One reading of a [`CrsQuestion`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrsChoice {
    /// Its name for people (`GCJ-02`, `CGCS2000 3° Gauss-Krüger 111°E`).
    pub name: String,
    /// What to declare for it (`gcj02`, `EPSG:4546`, a proj string).
    pub declare: String,
    /// Share of points it puts inside their unit (or the boundaries), 0–1.
    pub share: f64,
}

/// A required column the importer could not find.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingColumn {
    /// The file.
    pub file: String,
    /// The manifest part (`facilities`, `population`, `candidate_sites`).
    pub part: String,
    /// The role's key (`doctors`, `population`, …).
    pub role: String,
    /// The column the manifest named, when it named one the header lacks.
    pub named: Option<String>,
    /// The file's headers, as written.
    pub headers: Vec<String>,
    /// What is missing and how to map it (English).
    pub message_en: String,
    /// The same in Chinese.
    pub message_zh: String,
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
        Entry::new(self.file, self.row, field, value, en, zh, fix)
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
    /// Records a required column that is not there.
    pub fn missing_column(
        &mut self,
        file: &str,
        part: &str,
        key: &str,
        role: super::headers::Role,
        headers: &[String],
        named: Option<&str>,
    ) {
        let (en, zh) = role.words();
        let seen: Vec<String> = headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .collect();
        let list = seen.iter().map(|h| format!("“{h}”")).collect::<Vec<_>>();
        let (what_en, what_zh) = match named {
            Some(n) => (
                format!("the {en} column is named “{n}”, but the header has no such column"),
                format!("{zh}列指定为“{n}”，但表头中没有该列"),
            ),
            None => (
                format!("no column was recognised as {en}"),
                format!("未识别出{zh}列"),
            ),
        };
        self.missing_columns.push(MissingColumn {
            file: file.to_string(),
            part: part.to_string(),
            role: key.to_string(),
            named: named.map(str::to_string),
            headers: seen.clone(),
            message_en: format!(
                "{file} ({part}): {what_en}. The file's headers: {}. Map it in the manifest (\"{part}\": {{\"columns\": {{\"{key}\": \"<header>\"}}}}) or with --map {part}.{key}=<header>; --map {part}.{key}= marks it \"not in this file\".",
                list.join(", ")
            ),
            message_zh: format!(
                "{file}（{part}）：{what_zh}。文件表头为：{}。请在清单中指定（\"{part}\": {{\"columns\": {{\"{key}\": \"<表头>\"}}}}），或使用 --map {part}.{key}=<表头>；--map {part}.{key}= 表示“本文件没有此列”。",
                list.join("、")
            ),
        });
    }

    /// Notes an assumption, in both languages.
    pub fn assume(&mut self, en: impl Into<String>, zh: impl Into<String>) {
        self.assumed.push(en.into());
        self.assumed_zh.push(zh.into());
    }

    /// The totals as lines in one language, no JSON keys: `机构：3,896`.
    ///
    /// ```
    /// let mut r = healthreach::import::report::Report::default();
    /// r.totals.insert("admin_units".into(), 4.into());
    /// r.totals.insert("facilities.csv: rows".into(), 12.into());
    /// assert_eq!(r.total_lines(true), vec!["行政单元：4", "facilities.csv：数据行 12"]);
    /// assert_eq!(r.total_lines(false), vec!["admin units: 4", "facilities.csv: data rows 12"]);
    /// ```
    pub fn total_lines(&self, zh: bool) -> Vec<String> {
        let label = |k: &str| -> String {
            let (en, z) = match k {
                "admin_units" => ("admin units", "行政单元"),
                "zones" => ("demand zones", "需求分区"),
                "facilities" => ("facilities", "机构"),
                "candidate_sites" => ("candidate sites", "候选点"),
                "road_links" => ("road links", "道路路段"),
                "travel_pairs" => ("travel-time pairs", "出行时间对"),
                "population" => ("residents", "常住人口"),
                "rows" => ("data rows", "数据行"),
                "cells" => ("raster cells", "栅格像元"),
                "populated cells" => ("populated cells", "有人口的像元"),
                "persons" => ("persons", "人口"),
                "candidate sites" => ("candidate sites", "候选点"),
                "features" => ("features", "要素"),
                "lines" => ("lines", "线"),
                other => (other, other),
            };
            (if zh { z } else { en }).to_string()
        };
        self.totals
            .iter()
            .map(|(k, v)| {
                let v = match v.as_f64() {
                    Some(x) if x.fract() == 0.0 => format!("{x:.0}"),
                    _ => v.to_string().trim_matches('"').to_string(),
                };
                match k.rsplit_once(": ") {
                    Some((file, what)) if zh => format!("{file}：{} {v}", label(what)),
                    Some((file, what)) => format!("{file}: {} {v}", label(what)),
                    None if zh => format!("{}：{v}", label(k)),
                    None => format!("{}: {v}", label(k)),
                }
            })
            .collect()
    }

    /// The assumptions in one language (English where a Chinese line is missing).
    pub fn assumptions(&self, zh: bool) -> Vec<String> {
        self.assumed
            .iter()
            .enumerate()
            .map(|(i, en)| match (zh, self.assumed_zh.get(i)) {
                (true, Some(z)) if !z.is_empty() => z.clone(),
                _ => en.clone(),
            })
            .collect()
    }

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
    /// r.rejected.push(Entry::new("f.csv", Some(7), "床位", "-3", "negative".into(), "为负".into(), "fix it"));
    /// assert_eq!(r.to_csv(true), "kind,file,row,field,value,reason,fix\nrejected,f.csv,7,床位,-3,为负,fix it\n");
    /// ```
    pub fn to_csv(&self, zh: bool) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["kind", "file", "row", "field", "value", "reason", "fix"]);
        for (k, e) in self.entries() {
            let row = e.row.map(|r| r.to_string()).unwrap_or_default();
            let fix = super::fixes::fix_in(&e.fix, zh);
            let cells = [
                match k {
                    Kind::Rejected => "rejected",
                    Kind::Warning => "warning",
                },
                &e.file,
                &row,
                &e.field,
                &e.value,
                if zh { &e.reason_zh } else { &e.reason },
                &fix,
            ];
            let _ = w.write_record(
                cells
                    .map(crate::cell_text::escape)
                    .iter()
                    .map(|c| c.as_ref()),
            );
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}
