//! Helpers shared by the table readers: a file's table (CSV or XLSX) and
//! its header, a named or detected column, a count cell, and a whole-file
//! rejection.

use super::cells::{read_number, Cell, CellError};
use super::headers::{find_header, HEADER_SEARCH_ROWS};
use super::pipeline::Files;
use super::report::{At, Entry, Report};
use super::table::{read_csv, Table};
use super::text::encoding_named;

pub(crate) fn num_cell(
    at: &At,
    field: &str,
    cell: &str,
    report: &mut Report,
) -> Option<Option<f64>> {
    match read_number(cell) {
        Ok(Cell::Missing) => Some(None),
        Ok(Cell::Number(v, _)) if v.is_finite() && v >= 0.0 => Some(Some(v)),
        Ok(Cell::Number(v, _)) => {
            report.rejected.push(at.entry(
                field,
                cell,
                format!("{v} is negative"),
                format!("{v} 为负数"),
                "give a count of 0 or more",
            ));
            None
        }
        Err(CellError::Ambiguous) => {
            report.rejected.push(at.entry(field, cell,
                "ambiguous number: a comma between digits that are not groups of three (decimal comma or thousands?)".into(),
                "数字有歧义：逗号后不是三位一组（是小数逗号还是千位分隔？）".into(),
                "write decimals with a point (1.5) and thousands as 1,500"));
            None
        }
        Err(CellError::NotANumber) => {
            report.rejected.push(at.entry(
                field,
                cell,
                "not a number".into(),
                "不是数字".into(),
                "give a number (units such as 张 or 人 may follow it)",
            ));
            None
        }
    }
}

/// Column of `role`: the manifest's named column, else the detected one.
pub(crate) fn column(
    header_row: &[String],
    named: Option<&str>,
    detected: Option<usize>,
) -> Result<Option<usize>, String> {
    match named {
        Some(n) => header_row
            .iter()
            .position(|h| super::cells::fold(h) == super::cells::fold(n))
            .or_else(|| {
                let k = super::headers::header_key(n).key;
                header_row
                    .iter()
                    .position(|h| !k.is_empty() && super::headers::header_key(h).key == k)
            })
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "the manifest names column {n:?}, but the header has only: {}",
                    header_row.join(", ")
                )
            }),
        None => Ok(detected),
    }
}

pub(crate) fn file_error<T>(
    report: &mut Report,
    file: &str,
    en: String,
    zh: String,
    fix: &str,
) -> Option<T> {
    report
        .rejected
        .push(At { file, row: None }.entry("", "", en, zh, fix));
    None
}

/// Rows listed one by one when a UTF-8 file has rows in another encoding.
const BAD_ROWS_LISTED: usize = 20;

pub(crate) fn read_table(
    files: &dyn Files,
    path: &str,
    encoding: Option<&str>,
    sheet: Option<&str>,
    report: &mut Report,
) -> Option<Table> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".xls") {
        file_error::<()>(
            report,
            path,
            "old Excel files (.xls) are not read".into(),
            "不读取旧版 Excel 文件（.xls）".into(),
            "save the sheet as .xlsx or CSV",
        );
        return None;
    }
    let bytes = match files.read(path) {
        Ok(b) => b,
        Err(e) => {
            file_error::<()>(
                report,
                path,
                format!("cannot read the file: {e}"),
                format!("无法读取文件：{e}"),
                "check the path (relative to the manifest)",
            );
            return None;
        }
    };
    if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
        return match super::table::read_xlsx(&bytes, sheet) {
            Ok(t) => Some(t),
            Err(e) => {
                file_error::<()>(
                    report,
                    path,
                    e.en,
                    e.zh,
                    "check the workbook and the sheet name",
                );
                None
            }
        };
    }
    let declared = match encoding {
        Some(e) => match encoding_named(e) {
            Some(x) => Some(x),
            None => {
                file_error::<()>(
                    report,
                    path,
                    format!("unknown encoding {e:?}"),
                    format!("未知编码 {e:?}"),
                    "use utf-8 or gbk, or leave it out to detect",
                );
                return None;
            }
        },
        None => None,
    };
    match read_csv(&bytes, declared) {
        Ok(t) => {
            if encoding.is_none() {
                report.assume(
                    format!("{path}: encoding detected as {}", t.encoding),
                    format!("{path}：识别为 {} 编码", t.encoding),
                );
            }
            for &row in t.bad_rows.iter().take(BAD_ROWS_LISTED) {
                report.warnings.push(
                    At {
                        file: path,
                        row: Some(row),
                    }
                    .entry(
                        "",
                        "",
                        "this row's bytes are not UTF-8 like the rest of the file (saved in another encoding?); the unreadable characters became �".into(),
                        "此行字节不是 UTF-8（与文件其余部分不同，可能以其他编码保存）；无法读取的字符显示为 �".into(),
                        "correct the row's text, or save the whole file again as UTF-8",
                    ),
                );
            }
            if t.bad_rows.len() > BAD_ROWS_LISTED {
                let more = t.bad_rows.len() - BAD_ROWS_LISTED;
                report.warnings.push(
                    At {
                        file: path,
                        row: None,
                    }
                    .entry(
                        "",
                        "",
                        format!("{more} more rows are not UTF-8"),
                        format!("另有 {more} 行不是 UTF-8"),
                        "save the whole file again as UTF-8",
                    ),
                );
            }
            if t.had_errors && t.bad_rows.is_empty() {
                report.warnings.push(
                    At {
                        file: path,
                        row: None,
                    }
                    .entry(
                        "",
                        "",
                        format!(
                            "some bytes are not valid {}; they were replaced",
                            t.encoding
                        ),
                        format!("部分字节不是有效的 {}，已替换", t.encoding),
                        "declare the file's encoding in the manifest",
                    ),
                );
            }
            Some(t)
        }
        Err(e) => {
            file_error::<()>(report, path, e.en, e.zh, "check that it is a CSV file");
            None
        }
    }
}

/// A table and its header, or a rejected-file entry saying what is missing.
pub(crate) fn table_with_header(
    files: &dyn Files,
    path: &str,
    encoding: Option<&str>,
    sheet: Option<&str>,
    wanted: &str,
    edits: &[super::manifest::RowEdit],
    report: &mut Report,
) -> Option<(Table, Vec<Vec<String>>, super::headers::Header)> {
    let mut t = read_table(files, path, encoding, sheet, report)?;
    let rows: Vec<Vec<String>> = t.rows.iter().map(|(_, r)| r.clone()).collect();
    let Some(h) = find_header(&rows) else {
        return file_error(
            report,
            path,
            format!("no header row found in the first {HEADER_SEARCH_ROWS} rows"),
            format!("前 {HEADER_SEARCH_ROWS} 行中未找到表头"),
            wanted,
        );
    };
    let line = |i: usize| t.rows.get(i).map_or(i as u64 + 1, |(n, _)| *n);
    let (first, last) = (line(h.first_row), line(h.row));
    let recognised = h.columns.len();
    if first == last {
        report.assume(
            format!("{path}: header taken from row {last} ({recognised} columns recognised; rows above it skipped: {})", last - 1),
            format!("{path}：表头取第 {last} 行（识别出 {recognised} 列；跳过其上 {} 行）", last - 1),
        );
    } else {
        report.assume(
            format!(
                "{path}: a two-row header, rows {first}–{last} ({recognised} columns recognised)"
            ),
            format!("{path}：两行表头，第 {first}–{last} 行（识别出 {recognised} 列）"),
        );
    }
    apply_edits(&mut t, &h, path, edits, report);
    let rows = t.rows.iter().map(|(_, r)| r.clone()).collect();
    Some((t, rows, h))
}

/// The planner's corrections of this file's rows below the header: a cell
/// set (the report keeps the value it replaced) or a row left out. An edit
/// that names no row or column of the file is reported, not applied.
fn apply_edits(
    t: &mut Table,
    h: &super::headers::Header,
    path: &str,
    edits: &[super::manifest::RowEdit],
    report: &mut Report,
) {
    let header_line = t.rows.get(h.row).map_or(0, |(n, _)| *n);
    for e in edits.iter().filter(|e| e.file == path) {
        let at = t
            .rows
            .iter()
            .position(|(n, _)| *n == e.row)
            .filter(|_| e.row > header_line);
        let Some(i) = at else {
            report.warnings.push(Entry::new(
                path,
                Some(e.row),
                e.column.as_deref().unwrap_or(""),
                &e.value,
                format!("the correction names row {}, which is not a data row of this file: not applied", e.row),
                format!("修改指向第 {} 行，该行不是本文件的数据行：未应用", e.row),
                "check the row number (as the spreadsheet shows it)",
            ));
            continue;
        };
        if e.drop {
            t.rows.remove(i);
            report.edits_applied += 1;
            report.assume(
                format!("{path}: row {} left out (dropped by the planner)", e.row),
                format!("{path}：第 {} 行未导入（规划人员删除）", e.row),
            );
            continue;
        }
        let col = e.column.as_deref().and_then(|c| {
            let k = super::headers::header_key(c);
            h.names
                .iter()
                .position(|n| n == c || super::headers::header_key(n) == k)
        });
        let Some(c) = col else {
            report.warnings.push(Entry::new(
                path,
                Some(e.row),
                e.column.as_deref().unwrap_or(""),
                &e.value,
                "the correction names a column this file does not have: not applied".into(),
                "修改所指的列在本文件中不存在：未应用".into(),
                "choose one of the file's columns",
            ));
            continue;
        };
        let cells = &mut t.rows[i].1;
        if cells.len() <= c {
            cells.resize(c + 1, String::new());
        }
        let before = std::mem::replace(&mut cells[c], e.value.clone());
        report.edits_applied += 1;
        let name = &h.names[c];
        report.assume(
            format!(
                "{path}: row {}, column “{name}” set to “{}” by the planner (was “{before}”)",
                e.row, e.value
            ),
            format!(
                "{path}：第 {} 行“{name}”列由规划人员改为“{}”（原为“{before}”）",
                e.row, e.value
            ),
        );
    }
}
