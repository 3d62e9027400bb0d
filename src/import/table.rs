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
    /// Rows (spreadsheet numbers) of a UTF-8 file with bytes that are not
    /// UTF-8 (replaced by U+FFFD).
    pub bad_rows: Vec<u64>,
}

/// Largest table file read (bytes).
pub const MAX_TABLE_BYTES: usize = 256 << 20;

/// Most cells in one row of a table (Excel allows 16,384; an office's list
/// has a few dozen).
pub const MAX_COLUMNS: usize = 1_024;

/// Most non-empty cells in one table (a 200,000-row list of 20 columns has
/// 4 million).
pub const MAX_CELLS: usize = 16_000_000;

/// Most bytes the members of an XLSX workbook may unpack to, together.
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;

/// Why a table file was not read, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// In English.
    pub en: String,
    /// In Chinese.
    pub zh: String,
}

impl Refused {
    fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Refused {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

fn check_size(len: usize) -> Result<(), Refused> {
    if len > MAX_TABLE_BYTES {
        return Err(Refused::new(
            format!(
                "the file is {len} bytes, more than the {} MiB a table may have: split it or remove unused columns",
                MAX_TABLE_BYTES >> 20
            ),
            format!(
                "文件为 {len} 字节，超过表格上限 {} MiB：请拆分文件或删去不用的列",
                MAX_TABLE_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

fn too_many_columns(row: u64, column: Option<u64>) -> Refused {
    match column {
        None => Refused::new(
            format!("row {row} has more than {MAX_COLUMNS} cells, the most a table may have: remove the unused columns"),
            format!("第 {row} 行超过 {MAX_COLUMNS} 个单元格（表格每行上限）：请删去不用的列"),
        ),
        Some(c) => Refused::new(
            format!("row {row} has a filled cell in column {c}, beyond the {MAX_COLUMNS} columns a table may have: delete what lies beyond the table's own columns"),
            format!("第 {row} 行第 {c} 列有内容，超出表格 {MAX_COLUMNS} 列的上限：请删除表格之外的内容"),
        ),
    }
}

fn too_many_cells() -> Refused {
    Refused::new(
        format!("the table has more than {MAX_CELLS} filled cells, the most one table may have: remove unused columns or split the file"),
        format!("表格的非空单元格超过 {MAX_CELLS} 个（单表上限）：请删去不用的列或拆分文件"),
    )
}

/// Checks the shape of CSV text before any row is built: no row with more
/// than [`MAX_COLUMNS`] cells, no more than [`MAX_CELLS`] cells in all.
/// Quotes are followed, so a delimiter or line break inside a quoted cell
/// does not count.
fn check_csv_shape(text: &str, delimiter: u8) -> Result<(), Refused> {
    let (mut line, mut row_start, mut cells, mut total) = (1u64, 1u64, 1usize, 0usize);
    let (mut quoted, mut filled) = (false, false);
    for &b in text.as_bytes() {
        match b {
            b'"' => {
                quoted = !quoted;
                filled = true;
            }
            b'\n' => {
                line += 1;
                if !quoted {
                    if filled {
                        total += cells;
                        if total > MAX_CELLS {
                            return Err(too_many_cells());
                        }
                    }
                    (row_start, cells, filled) = (line, 1, false);
                }
            }
            b'\r' => {}
            d if d == delimiter && !quoted => {
                cells += 1;
                filled = true;
                if cells > MAX_COLUMNS {
                    return Err(too_many_columns(row_start, None));
                }
            }
            _ => filled = true,
        }
    }
    if filled && total + cells > MAX_CELLS {
        return Err(too_many_cells());
    }
    Ok(())
}

/// Reads CSV bytes (comma, or tab / semicolon when the first line has more
/// of those than commas). Sizes are checked before rows are built: the file
/// ([`MAX_TABLE_BYTES`]), cells per row ([`MAX_COLUMNS`]) and cells in all
/// ([`MAX_CELLS`]).
///
/// ```
/// use healthreach::import::table::read_csv;
/// let t = read_csv("名称,床位\n\n医院,12\n".as_bytes(), None).unwrap();
/// assert_eq!(t.rows, vec![(1, vec!["名称".into(), "床位".into()]), (3, vec!["医院".into(), "12".into()])]);
/// let wide = ",".repeat(5000);
/// assert!(read_csv(wide.as_bytes(), None).unwrap_err().en.contains("1024"));
/// ```
pub fn read_csv(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Table, Refused> {
    check_size(bytes.len())?;
    let Decoded {
        text,
        encoding,
        had_errors,
        bad_lines,
        ..
    } = decode(bytes, declared);
    // The delimiter from the start of the first line (a line may be huge).
    let head = &text.as_bytes()[..text.len().min(64 << 10)];
    let first = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first.iter().filter(|&&b| b == c).count();
    let delimiter = if count(b'\t') > count(b',') {
        b'\t'
    } else if count(b';') > count(b',') {
        b';'
    } else {
        b','
    };
    check_csv_shape(&text, delimiter)?;
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
        let record = record.map_err(|e| {
            Refused::new(
                format!("the CSV cannot be read: {e}"),
                format!("CSV 无法读取：{e}"),
            )
        })?;
        let line = record.position().map_or(0, |p| line_of(p.byte() as usize));
        // A text cell an export guarded against formulas reads as it was.
        let cells: Vec<String> = record
            .iter()
            .map(|c| crate::cell_text::unescape(c.trim()).to_string())
            .collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        rows.push((line, cells));
    }
    Ok(Table {
        rows,
        encoding,
        had_errors,
        bad_rows: bad_lines,
    })
}

/// Checks an XLSX archive before a byte of it is unpacked for reading:
/// the sizes its members declare, together, at most [`MAX_INFLATED_BYTES`];
/// each member unpacks to no more than it declares (so a member that lies
/// is stopped at its declared size); the shared-string table claims no more
/// strings than its size can hold (the reader reserves room for them).
fn check_workbook_archive(bytes: &[u8]) -> Result<(), Refused> {
    use std::io::Read;
    let not_xlsx = |e: &dyn std::fmt::Display| {
        Refused::new(
            format!("not an XLSX workbook: {e}"),
            format!("不是 XLSX 工作簿：{e}"),
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    let mut total = 0u64;
    let mut largest = (0u64, String::new());
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| not_xlsx(&e))?;
        total = total.saturating_add(f.size());
        if f.size() > largest.0 {
            largest = (f.size(), f.name().to_string());
        }
    }
    if total > MAX_INFLATED_BYTES {
        let mib = |b: u64| b >> 20;
        return Err(Refused::new(
            format!(
                "the workbook unpacks to {} MiB ({} alone is {} MiB), more than the {} MiB allowed: save only the sheet you need, or as CSV",
                mib(total), largest.1, mib(largest.0), mib(MAX_INFLATED_BYTES)
            ),
            format!(
                "工作簿解压后为 {} MiB（其中 {} 为 {} MiB），超过上限 {} MiB：请只保存所需工作表，或另存为 CSV",
                mib(total), largest.1, mib(largest.0), mib(MAX_INFLATED_BYTES)
            ),
        ));
    }
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|e| not_xlsx(&e))?;
        let (name, declared) = (f.name().to_string(), f.size());
        let shared = name.eq_ignore_ascii_case("xl/sharedStrings.xml");
        let mut head = Vec::new();
        let mut limited = f.take(declared.saturating_add(1));
        if shared {
            (&mut limited)
                .take(4096)
                .read_to_end(&mut head)
                .map_err(|e| not_xlsx(&e))?;
        }
        let rest = std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| not_xlsx(&e))?;
        if head.len() as u64 + rest > declared {
            return Err(Refused::new(
                format!("{name} in the workbook unpacks to more than the {declared} bytes it declares: the file is damaged; save it again from Excel"),
                format!("工作簿中的 {name} 解压后超过其声明的 {declared} 字节：文件已损坏，请用 Excel 重新保存"),
            ));
        }
        if shared {
            let claimed = unique_count(&head).unwrap_or(0);
            // Each string takes at least `<si><t/></si>` (13 bytes).
            if claimed > declared / 13 + 16 {
                return Err(Refused::new(
                    format!("the workbook's string table claims {claimed} strings in {declared} bytes: the file is damaged; save it again from Excel"),
                    format!("工作簿的字符串表声称有 {claimed} 个字符串，但只有 {declared} 字节：文件已损坏，请用 Excel 重新保存"),
                ));
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` of a shared-string table's `<sst>` element.
fn unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("uniqueCount=")? + "uniqueCount=".len();
    let digits: String = text[at..]
        .chars()
        .skip(1)
        .take_while(|c| c.is_ascii_digit())
        .collect();
    // More digits than a u64 holds is as damaged as a huge count.
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Reads a sheet of an XLSX workbook (`sheet` by name, else the first):
/// cells as text (whole floats without `.0`), a merged cell's value copied to
/// every cell it covers, row numbers as the spreadsheet shows them.
///
/// Bounded before anything is allocated: the archive's unpacked size
/// ([`MAX_INFLATED_BYTES`], checked member by member), a filled cell beyond
/// column [`MAX_COLUMNS`] or more than [`MAX_CELLS`] filled cells refuse
/// the sheet. Cells are read one by one and kept row by row, so a used
/// range that claims the whole sheet costs nothing. Any bytes: an error
/// says what, never a panic.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Refused> {
    use calamine::{DataRef, Reader, Xlsx};
    check_size(bytes.len())?;
    check_workbook_archive(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Refused::new(
            format!("not an XLSX workbook: {e}"),
            format!("不是 XLSX 工作簿：{e}"),
        )
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                Refused::new(
                    format!("no sheet {s:?}; the workbook has: {}", names.join(", ")),
                    format!("没有工作表 {s:?}；工作簿中有：{}", names.join("、")),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Refused::new("the workbook has no sheet", "工作簿中没有工作表"))?,
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        Refused::new(
            format!("sheet {name:?} cannot be read: {e}"),
            format!("工作表 {name:?} 无法读取：{e}"),
        )
    };
    let text = |d: &DataRef| match d {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_string()
        }
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    };
    // Filled cells, row by row (0-based sheet row → cells by column).
    let mut sparse: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut filled = 0usize;
    {
        let mut cells = book
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(&e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
            let value = text(cell.get_value());
            if value.is_empty() {
                continue;
            }
            let (r, c) = cell.get_position();
            if c as usize >= MAX_COLUMNS {
                return Err(too_many_columns(r as u64 + 1, Some(c as u64 + 1)));
            }
            filled += 1;
            if filled > MAX_CELLS {
                return Err(too_many_cells());
            }
            let row = sparse.entry(r).or_default();
            if row.len() <= c as usize {
                row.resize(c as usize + 1, String::new());
            }
            row[c as usize] = value;
        }
    }
    if book.load_merged_regions().is_ok() {
        for (sheet_name, _, d) in book.merged_regions() {
            if sheet_name != &name {
                continue;
            }
            let Some(v) = sparse
                .get(&d.start.0)
                .and_then(|r| r.get(d.start.1 as usize))
                .filter(|v| !v.is_empty())
                .cloned()
            else {
                continue;
            };
            let last_col = (d.end.1 as usize).min(MAX_COLUMNS - 1);
            for (_, row) in sparse.range_mut(d.start.0..=d.end.0) {
                if row.len() <= last_col {
                    row.resize(last_col + 1, String::new());
                }
                for cell in row.iter_mut().take(last_col + 1).skip(d.start.1 as usize) {
                    if cell.is_empty() {
                        cell.clone_from(&v);
                    }
                }
            }
        }
    }
    let rows = sparse
        .into_iter()
        .map(|(r, cells)| (r as u64 + 1, cells))
        .collect();
    Ok(Table {
        rows,
        encoding: "xlsx",
        had_errors: false,
        bad_rows: Vec::new(),
    })
}

/// The sheet names of an XLSX workbook, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Refused> {
    use calamine::{Reader, Xlsx};
    check_size(bytes.len())?;
    check_workbook_archive(bytes)?;
    let book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Refused::new(
            format!("not an XLSX workbook: {e}"),
            format!("不是 XLSX 工作簿：{e}"),
        )
    })?;
    Ok(book.sheet_names())
}
