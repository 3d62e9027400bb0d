//! Numbers as spreadsheets hold them: full-width digits, thousands
//! separators, a unit written in the cell (`120张`, `35 人`, `1.2万人`),
//! blanks and dashes for "no value". One stated rule, so nothing is
//! silently multiplied: the number itself is read by
//! [`crate::view::policy_form::parse_number`] (a comma only between groups
//! of three digits: `1,5` is ambiguous and refused); `万` multiplies by
//! 10,000 and `亿` by 100,000,000, written right after the number; any other
//! trailing unit (`张`, `人`, `床`, `名`, `beds`, …) is dropped and named.

/// A cell read as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Blank, or a placeholder for "no value" (`-`, `—`, `/`, `无`, `NA`, `N/A`).
    Missing,
    /// A number, and the unit text dropped from the cell (empty when none).
    Number(f64, String),
}

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq)]
pub enum CellError {
    /// `1,5`: decimal comma or thousands separator?
    Ambiguous,
    /// Not a number at all.
    NotANumber,
}

/// Reads a cell.
///
/// ```
/// use healthreach::import::cells::{read_number, Cell, CellError};
/// assert_eq!(read_number("120张"), Ok(Cell::Number(120.0, "张".into())));
/// assert_eq!(read_number("１，２００"), Ok(Cell::Number(1200.0, String::new())));
/// assert_eq!(read_number("1.2万人"), Ok(Cell::Number(12000.0, "人".into())));
/// assert_eq!(read_number(" — "), Ok(Cell::Missing));
/// assert_eq!(read_number("1,5"), Err(CellError::Ambiguous));
/// assert_eq!(read_number("many"), Err(CellError::NotANumber));
/// ```
pub fn read_number(cell: &str) -> Result<Cell, CellError> {
    let t = cell.trim();
    if t.is_empty()
        || matches!(
            t,
            "-" | "—" | "–" | "/" | "无" | "NA" | "N/A" | "n/a" | "null" | "NULL"
        )
    {
        return Ok(Cell::Missing);
    }
    // Split the leading number from a trailing unit.
    let is_numeric = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(
                c,
                '.' | '．' | ',' | '，' | ' ' | '-' | '－' | '−' | '+' | 'e' | 'E'
            )
    };
    let end = t
        .char_indices()
        .find(|&(i, c)| !is_numeric(c) || (matches!(c, 'e' | 'E') && i == 0))
        .map_or(t.len(), |(i, _)| i);
    let (num, rest) = t.split_at(end);
    let num = num.trim();
    if num.is_empty() {
        return Err(CellError::NotANumber);
    }
    let mut rest = rest.trim();
    let mut scale = 1.0;
    if let Some(r) = rest.strip_prefix('万') {
        scale = 1e4;
        rest = r.trim();
    } else if let Some(r) = rest.strip_prefix('亿') {
        scale = 1e8;
        rest = r.trim();
    }
    if rest
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return Err(CellError::NotANumber); // "12张3", "1-2"
    }
    use crate::view::policy_form::{parse_number, FieldError};
    match parse_number(num) {
        Ok(v) => Ok(Cell::Number(v * scale, rest.to_string())),
        Err(FieldError::Ambiguous) => Err(CellError::Ambiguous),
        Err(_) => Err(CellError::NotANumber),
    }
}

/// Text normalised for matching: full-width letters, digits and spaces
/// folded to ASCII, whitespace removed, ASCII lower-cased.
///
/// ```
/// assert_eq!(healthreach::import::cells::fold("  Ｂｅｄｓ　数 "), "beds数");
/// ```
pub fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{3000}' => ' ',
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}
