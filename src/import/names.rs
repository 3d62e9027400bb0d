//! Joining rows to admin units by division code or by name, as Chinese
//! tables write them.
//!
//! - **Codes** (行政区划代码): 6 digits for a county, 9 for a township, 12 for
//!   a village (NBS). A code joins the unit whose code it equals, or — when
//!   one is a prefix of the other after dropping trailing zeros to a level
//!   (`610502` ↔ `610502000000`) — the unit at the shorter level.
//! - **Names**: folded (full-width → ASCII, whitespace removed), then one
//!   administrative suffix dropped (`自治县 市 区 县 镇 乡 街道 街道办事处`), so
//!   `临渭区`, `临渭` and `临 渭 区` join; an ambiguous name (two units
//!   normalising alike) joins nothing and is reported.

use super::cells::fold;

const SUFFIXES: &[&str] = &[
    "街道办事处",
    "自治县",
    "自治州",
    "街道",
    "地区",
    "市",
    "区",
    "县",
    "镇",
    "乡",
];

/// A name as it is matched.
///
/// ```
/// use healthreach::import::names::name_key;
/// assert_eq!(name_key("临渭区"), name_key(" 临渭 "));
/// assert_eq!(name_key("华州区"), "华州");
/// assert_eq!(name_key("韩城市"), "韩城");
/// ```
pub fn name_key(name: &str) -> String {
    let f = fold(name);
    for s in SUFFIXES {
        if let Some(stem) = f.strip_suffix(s) {
            // Keep at least two characters: 华县 stays 华县, not 华.
            if stem.chars().count() >= 2 {
                return stem.to_string();
            }
        }
    }
    f
}

/// A division code's digits with the trailing zero levels dropped
/// (`610502000000` → `610502`); `None` when it is not all digits.
///
/// ```
/// use healthreach::import::names::code_key;
/// assert_eq!(code_key("610502000000").as_deref(), Some("610502"));
/// assert_eq!(code_key("６１０５０２").as_deref(), Some("610502"));
/// assert_eq!(code_key("61-05"), None);
/// ```
pub fn code_key(code: &str) -> Option<String> {
    let f = fold(code);
    let f = f.strip_suffix(".0").unwrap_or(&f).to_string(); // spreadsheets store codes as numbers
    if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut s = f;
    // NBS levels: 2 (province) 4 (city) 6 (county) 9 (township) 12 (village).
    for level in [9usize, 6, 4, 2] {
        if s.len() > level && s[level..].bytes().all(|b| b == b'0') {
            s.truncate(level);
        }
    }
    Some(s)
}

/// How a row's unit reference matched.
#[derive(Debug, Clone, PartialEq)]
pub enum Join {
    /// The unit at this index.
    Unit(usize),
    /// Nothing matched.
    None,
    /// Several units matched (their indices).
    Ambiguous(Vec<usize>),
}

/// Finds the unit a reference (code or name) points to among `units`
/// (`(code, name)` pairs).
///
/// ```
/// use healthreach::import::names::{join, Join};
/// let units = [("610502", "临渭区"), ("610503", "华州区")];
/// assert_eq!(join("610503000000", &units), Join::Unit(1));
/// assert_eq!(join("临渭", &units), Join::Unit(0));
/// assert_eq!(join("潼关县", &units), Join::None);
/// ```
pub fn join(reference: &str, units: &[(&str, &str)]) -> Join {
    let hits = |v: Vec<usize>| match v.len() {
        0 => Join::None,
        1 => Join::Unit(v[0]),
        _ => Join::Ambiguous(v),
    };
    if let Some(c) = code_key(reference) {
        let by_code: Vec<usize> = units
            .iter()
            .enumerate()
            .filter(|(_, (code, _))| {
                code_key(code).is_some_and(|u| c == u || (c.len() > u.len() && c.starts_with(&u)))
            })
            .map(|(i, _)| i)
            .collect();
        // The most specific unit whose code prefixes the reference.
        let best = by_code
            .iter()
            .copied()
            .max_by_key(|&i| code_key(units[i].0).map_or(0, |k| k.len()));
        if let Some(b) = best {
            let len = code_key(units[b].0).map_or(0, |k| k.len());
            return hits(
                by_code
                    .into_iter()
                    .filter(|&i| code_key(units[i].0).map_or(0, |k| k.len()) == len)
                    .collect(),
            );
        }
        return Join::None;
    }
    let key = name_key(reference);
    if key.is_empty() {
        return Join::None;
    }
    hits(
        units
            .iter()
            .enumerate()
            .filter(|(_, (_, name))| name_key(name) == key)
            .map(|(i, _)| i)
            .collect(),
    )
}
