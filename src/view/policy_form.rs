//! The scenario panel's fields: every target, rule, budget and the objective,
//! each with its unit, range and parser, so the UI is a loop over [`FIELDS`]
//! and a value outside its range is refused at the field with the reason.
//!
//! Shares are entered in percent, money in millions of yuan.

use crate::diagnostics::Problem;
use crate::scenario::{Objective, Policy};
use crate::validate::limits::{self, Limit};

/// What kind of input a field is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldKind {
    /// A number within `min..=max`; `optional` fields may be left empty
    /// (rule off / unlimited); `whole` ones must be integers.
    Number {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
        /// May be empty.
        optional: bool,
        /// Must be a whole number.
        whole: bool,
    },
    /// On / off.
    Toggle,
    /// One of the keys.
    Choice(&'static [&'static str]),
}

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    /// Nothing entered where a value is required.
    Empty,
    /// Not a number.
    NotANumber,
    /// Below the minimum.
    Below(f64),
    /// Above the maximum.
    Above(f64),
    /// Not a whole number.
    NotWhole,
    /// Not one of the choices.
    Unknown,
    /// A number that could be read two ways (`1,5`: 1.5 or 15?); refused
    /// rather than guessed.
    Ambiguous,
    /// The scenario validator refused the value (the same check as a file).
    Invalid(Problem),
}

/// One input of the scenario panel.
pub struct Field {
    /// Stable key (also the i18n label key `field_<key>` and the testid `field-<key>`).
    pub key: &'static str,
    /// JSON path of the policy value it edits (what the validator names).
    pub path: &'static str,
    /// i18n key of the unit (`unit_<unit>`), empty for none.
    pub unit: &'static str,
    /// Input kind.
    pub kind: FieldKind,
    /// Reads the value as the planner enters it.
    pub get: fn(&Policy) -> String,
    /// Writes an accepted value (already checked against the kind).
    pub(crate) put: fn(&mut Policy, Option<f64>, &str),
}

impl Field {
    /// Checks `text` and, when it is accepted, writes it into `p`.
    ///
    /// ```
    /// use healthreach::view::policy_form::{field, FieldError};
    /// let mut p = healthreach::scenario::Policy::default();
    /// let f = field("coverage_share").unwrap();
    /// assert_eq!(f.set(&mut p, "85"), Ok(()));
    /// assert_eq!(p.coverage.share, 0.85);
    /// assert_eq!(f.set(&mut p, "120"), Err(FieldError::Above(100.0)));
    /// ```
    pub fn set(&self, p: &mut Policy, text: &str) -> Result<(), FieldError> {
        let text = text.trim();
        match self.kind {
            FieldKind::Number {
                min,
                max,
                optional,
                whole,
            } => {
                if text.is_empty() {
                    return if optional {
                        (self.put)(p, None, "");
                        Ok(())
                    } else {
                        Err(FieldError::Empty)
                    };
                }
                let v = parse_number(text)?;
                if v < min {
                    return Err(FieldError::Below(min));
                }
                if v > max {
                    return Err(FieldError::Above(max));
                }
                if whole && v.fract() != 0.0 {
                    return Err(FieldError::NotWhole);
                }
                let mut next = p.clone();
                (self.put)(&mut next, Some(v), "");
                // The same check as a scenario file: the field's own limit
                // and anything the whole policy now breaks at this path.
                if let Some(problem) = crate::validate::policy_problems(&next)
                    .into_iter()
                    .find(|x| x.is_error() && x.path == self.path)
                {
                    return Err(FieldError::Invalid(problem));
                }
                *p = next;
                Ok(())
            }
            FieldKind::Toggle => {
                (self.put)(p, None, if text == "true" { "true" } else { "false" });
                Ok(())
            }
            FieldKind::Choice(keys) => {
                if keys.contains(&text) {
                    (self.put)(p, None, text);
                    Ok(())
                } else {
                    Err(FieldError::Unknown)
                }
            }
        }
    }
}

/// Reads a number as typed, by a stated rule: ASCII or full-width digits,
/// one decimal point (`.` or `．`), an optional minus sign, `e` notation; a
/// comma, full-width comma or space only between groups of exactly three
/// digits before the point (`1,500`, `12 345.5`). Anything else that holds a
/// comma (`1,5`, `1,50`) is [`FieldError::Ambiguous`]: decimal comma or
/// thousands? It is refused, never guessed.
///
/// ```
/// use healthreach::view::policy_form::{parse_number, FieldError};
/// assert_eq!(parse_number("1,500"), Ok(1500.0));
/// assert_eq!(parse_number("７．５"), Ok(7.5));
/// assert_eq!(parse_number("1,5"), Err(FieldError::Ambiguous));
/// assert_eq!(parse_number("inf"), Err(FieldError::NotANumber));
/// ```
pub fn parse_number(text: &str) -> Result<f64, FieldError> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            c => c,
        })
        .collect();
    if ascii.is_empty() {
        return Err(FieldError::Empty);
    }
    let grouped = ascii.contains([',', ' ']);
    let plain = if grouped {
        let (sign, rest) = match ascii.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", ascii.as_str()),
        };
        let (int, frac) = match rest.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        let sep = if int.contains(',') { ',' } else { ' ' };
        if int.contains(',') && int.contains(' ') {
            return Err(FieldError::Ambiguous);
        }
        let groups: Vec<&str> = int.split(sep).collect();
        let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        let ok = groups.len() > 1
            && digits(groups[0])
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3 && digits(g))
            && frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(FieldError::Ambiguous);
        }
        let mut s = format!("{sign}{}", groups.concat());
        if let Some(f) = frac {
            s.push('.');
            s.push_str(f);
        }
        s
    } else {
        ascii
    };
    // Rust's parser also reads "inf" and "NaN": only digits are numbers here.
    if !plain
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return Err(FieldError::NotANumber);
    }
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(FieldError::NotANumber),
    }
}

/// A stored number as the panel shows it.
pub(crate) fn num(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    format!("{r}")
}
/// An optional number (empty when none).
pub(crate) fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}
/// A toggle's value.
pub(crate) fn flag(b: bool) -> String {
    b.to_string()
}
/// Whether a toggle's text is on.
pub(crate) fn on(s: &str) -> bool {
    s == "true"
}
/// A number field over a core limit, shown `scale` × the stored value
/// (100 for percent, 10⁻⁶ for million yuan).
pub(crate) const fn number(l: &Limit, scale: f64, optional: bool) -> FieldKind {
    FieldKind::Number {
        min: l.min * scale,
        max: l.max * scale,
        optional,
        whole: l.whole,
    }
}

/// The objective keys, in menu order.
pub const OBJECTIVES: &[&str] = &["least_cost", "max_coverage", "min_travel_time"];

/// Every field, in panel order: each policy rule's own fields
/// ([`crate::rules::Rule::fields`], in report order), then budgets,
/// secondment and the objective.
pub static FIELDS: std::sync::LazyLock<Vec<&'static Field>> = std::sync::LazyLock::new(|| {
    crate::rules::RuleId::ALL
        .into_iter()
        .flat_map(|r| r.unit().fields())
        .chain(GENERAL)
        .collect()
});

/// The fields that belong to no single rule.
const GENERAL: &[Field] = &[
    Field {
        key: "money_budget",
        path: "$.policy.budget.money_yuan",
        unit: "million_yuan",
        kind: number(&limits::BUDGET, 1e-6, true),
        get: |p| opt(p.budget.money_yuan.map(|y| y / 1e6)),
        put: |p, v, _| p.budget.money_yuan = v.map(|m| m * 1e6),
    },
    Field {
        key: "doctor_pool",
        path: "$.policy.budget.doctor_pool",
        unit: "doctors",
        kind: number(&limits::DOCTOR_POOL, 1.0, true),
        get: |p| opt(p.budget.doctor_pool),
        put: |p, v, _| p.budget.doctor_pool = v,
    },
    Field {
        key: "secondment_enabled",
        path: "$.policy.secondment.enabled",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.secondment.enabled),
        put: |p, _, s| p.secondment.enabled = on(s),
    },
    Field {
        key: "release_share",
        path: "$.policy.secondment.source_release_share",
        unit: "percent",
        kind: number(&limits::SHARE, 100.0, false),
        get: |p| num(p.secondment.source_release_share * 100.0),
        put: |p, v, _| p.secondment.source_release_share = v.unwrap_or(10.0) / 100.0,
    },
    Field {
        key: "lead_release_share",
        path: "$.policy.secondment.lead_release_share",
        unit: "percent",
        kind: number(&limits::SHARE, 100.0, false),
        get: |p| num(p.secondment.lead_release_share * 100.0),
        put: |p, v, _| p.secondment.lead_release_share = v.unwrap_or(10.0) / 100.0,
    },
    Field {
        key: "secondment_minutes",
        path: "$.policy.secondment.max_travel_minutes",
        unit: "minutes",
        kind: number(&limits::SECONDMENT_MINUTES, 1.0, false),
        get: |p| num(p.secondment.max_travel_minutes),
        put: |p, v, _| p.secondment.max_travel_minutes = v.unwrap_or(90.0),
    },
    Field {
        key: "one_to_one",
        path: "$.policy.secondment.one_to_one",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.secondment.one_to_one),
        put: |p, _, s| p.secondment.one_to_one = on(s),
    },
    Field {
        key: "objective",
        path: "$.policy.objective",
        unit: "",
        kind: FieldKind::Choice(OBJECTIVES),
        get: |p| {
            match p.objective {
                Objective::LeastCost | Objective::Weighted { .. } => "least_cost",
                Objective::MaxCoverage => "max_coverage",
                Objective::MinTravelTime => "min_travel_time",
            }
            .into()
        },
        put: |p, _, s| {
            p.objective = match s {
                "max_coverage" => Objective::MaxCoverage,
                "min_travel_time" => Objective::MinTravelTime,
                _ => Objective::LeastCost,
            }
        },
    },
];

/// The field with this key.
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key).copied()
}

/// Problems of the policy as a whole that no single field shows: objectives
/// that need a money budget. Returns i18n keys.
pub fn policy_warnings(p: &Policy) -> Vec<&'static str> {
    let mut out = Vec::new();
    if matches!(
        p.objective,
        Objective::MaxCoverage | Objective::MinTravelTime
    ) && p.budget.money_yuan.is_none()
    {
        out.push("warn_objective_needs_budget");
    }
    out
}
