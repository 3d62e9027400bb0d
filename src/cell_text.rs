//! Text cells a spreadsheet program would run: a cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is read as a formula by Excel,
//! WPS and LibreOffice, so a facility named `=HYPERLINK(…)` in a planner's
//! export could act on the reader's machine. Every CSV the product writes
//! puts a `'` before such text (and before text that already begins with
//! `'`, so the rule can be undone exactly); the importer takes one such `'`
//! away again, so a name survives import → export → import unchanged. XLSX
//! needs none of this: its text is written as string cells.

/// Whether a spreadsheet program would run `s` as a formula. A plain signed
/// number (`-3`, `+1.5e3`) is read as that number, so it stays as it is.
fn runs(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && !plain_number(s)
}

fn plain_number(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-' | b'e' | b'E'))
        && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// `s` as a CSV text cell that no spreadsheet program runs.
///
/// ```
/// use healthreach::cell_text::{escape, unescape};
/// assert_eq!(escape("=1+1"), "'=1+1");
/// assert_eq!(escape("'quoted"), "''quoted");
/// assert_eq!(escape("华州区"), "华州区");
/// assert_eq!(escape("-3"), "-3");
/// assert_eq!(escape("-1+2"), "'-1+2");
/// for s in ["=1+1", "-3", "-1+2", "'-3", "@x", "'=x", "''", "'a", "a", ""] {
///     assert_eq!(unescape(&escape(s)), s);
/// }
/// ```
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if runs(s) || s.starts_with('\'') {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// A CSV text cell as it was before [`escape`]: one leading `'` taken away
/// when text that would run, or another `'`, follows it. Any other text (an
/// office's own `'abc`) is kept as it is.
pub fn unescape(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if runs(rest) || rest.starts_with('\'') => rest,
        _ => s,
    }
}
