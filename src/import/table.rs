//! A table file (CSV in any encoding [`super::text`] reads) as rows of
//! cells, each with the row number a spreadsheet shows. Blank rows are kept
//! out; the header is found by [`super::headers::find_header`].

use super::text::{decode, Decoded};
use encoding_rs::Encoding;

/// Rows of a table: (spreadsheet row number from 1, cells).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Non-blank rows in file order.
    pub rows: Vec<(u64, Vec<String>)>,
    /// How the text was decoded.
    pub encoding: &'static str,
    /// Some bytes could not be read in that encoding.
    pub had_errors: bool,
}

/// Largest table file read (bytes).
pub const MAX_TABLE_BYTES: usize = 256 << 20;

/// Reads CSV bytes (comma, or tab / semicolon when the first line has more
/// of those than commas).
///
/// ```
/// use healthreach::import::table::read_csv;
/// let t = read_csv("名称,床位\n\n医院,12\n".as_bytes(), None).unwrap();
/// assert_eq!(t.rows, vec![(1, vec!["名称".into(), "床位".into()]), (3, vec!["医院".into(), "12".into()])]);
/// ```
pub fn read_csv(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Table, String> {
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(format!(
            "the file is {} bytes, more than the {MAX_TABLE_BYTES} a table may have",
            bytes.len()
        ));
    }
    let Decoded {
        text,
        encoding,
        had_errors,
        ..
    } = decode(bytes, declared);
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let delimiter = if count('\t') > count(',') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // Line numbers from byte offsets (the csv crate's own count skips blank lines).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // A record's position may point at blank lines the reader skipped before it.
    let line_of = |mut byte: usize| {
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        line_starts.partition_point(|&s| s <= byte) as u64
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("the CSV cannot be read: {e}"))?;
        let line = record.position().map_or(0, |p| line_of(p.byte() as usize));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        rows.push((line, cells));
    }
    Ok(Table {
        rows,
        encoding,
        had_errors,
    })
}

/// Reads a sheet of an XLSX workbook (`sheet` by name, else the first):
/// cells as text (whole floats without `.0`), a merged cell's value copied to
/// every cell it covers, row numbers as the spreadsheet shows them.
///
/// Any bytes: an error says what, never a panic.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, String> {
    use calamine::{Data, Reader, Xlsx};
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(format!(
            "the file is {} bytes, more than the {MAX_TABLE_BYTES} a table may have",
            bytes.len()
        ));
    }
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("not an XLSX workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| format!("no sheet {s:?}; the workbook has: {}", names.join(", ")))?,
        None => names.first().cloned().ok_or("the workbook has no sheet")?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("sheet {name:?} cannot be read: {e}"))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let text = |d: &Data| match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    };
    let mut grid: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    if book.load_merged_regions().is_ok() {
        for (sheet_name, _, d) in book.merged_regions() {
            if sheet_name != &name {
                continue;
            }
            let (r0, c0) = (
                d.start.0.saturating_sub(row0) as usize,
                d.start.1.saturating_sub(col0) as usize,
            );
            let (r1, c1) = (
                d.end.0.saturating_sub(row0) as usize,
                d.end.1.saturating_sub(col0) as usize,
            );
            let Some(v) = grid.get(r0).and_then(|r| r.get(c0)).cloned() else {
                continue;
            };
            for row in grid.iter_mut().take(r1 + 1).skip(r0) {
                for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                    if cell.is_empty() {
                        cell.clone_from(&v);
                    }
                }
            }
        }
    }
    let rows = grid
        .into_iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .map(|(i, r)| (row0 as u64 + i as u64 + 1, r))
        .collect();
    Ok(Table {
        rows,
        encoding: "xlsx",
        had_errors: false,
    })
}

/// The sheet names of an XLSX workbook, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    use calamine::{Reader, Xlsx};
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(format!(
            "the file is {} bytes, more than the {MAX_TABLE_BYTES} a table may have",
            bytes.len()
        ));
    }
    let book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("not an XLSX workbook: {e}"))?;
    Ok(book.sheet_names())
}
