//! Scenarios as the browser keeps them (one JSON record per scenario in
//! IndexedDB): the record type, the one reader every stored record goes
//! through, and the merge that keeps two tabs from losing each other's edits.
//! No web types: the storage calls live in `ui/store.rs`.

use crate::diagnostics::Problem;
use crate::scenario::Policy;
use crate::validate::policy_problems;
use crate::view::policy_form::FIELDS;
use serde::{Deserialize, Serialize};

/// Longest scenario name kept (characters).
pub const MAX_NAME_CHARS: usize = 200;

/// A scenario as stored: the planner's name and settings for the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// Key.
    pub id: String,
    /// The planner's name for it.
    pub name: String,
    /// Region name it belongs to.
    pub region: String,
    /// Targets, rules, budgets and objective.
    pub policy: Policy,
    /// Last edit (ms since 1970).
    pub updated_ms: f64,
    /// The last plan optimised for it, with the settings it was optimised
    /// under (so a reload or a comparison shows it again).
    #[serde(default)]
    pub result: Option<SavedResult>,
    /// Revision: +1 on every write, so a tab can tell that another tab wrote
    /// the record since it last read it.
    #[serde(default)]
    pub rev: u64,
}

/// A plan kept with its scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedResult {
    /// The settings it was optimised under.
    pub policy: Policy,
    /// The solver's reply (plan, report, status).
    pub reply: crate::protocol::SolveReply,
}

/// Reads a stored record: parses it and passes its settings through the
/// same validation as a scenario file. A record that fails is not loaded
/// (the caller keeps it aside and tells the planner).
///
/// ```
/// use healthreach::records::{parse_record, Saved};
/// let ok = Saved { id: "s1".into(), name: "A".into(), region: "渭南市".into(),
///     policy: Default::default(), updated_ms: 0.0, result: None, rev: 3 };
/// assert_eq!(parse_record(&serde_json::to_string(&ok).unwrap()).unwrap(), ok);
/// let bad = serde_json::to_string(&ok).unwrap().replace("\"share\":0.9", "\"share\":-0.5");
/// assert!(parse_record(&bad).unwrap_err()[0].path.contains("coverage.share"));
/// assert!(parse_record("{not json").is_err());
/// ```
pub fn parse_record(text: &str) -> Result<Saved, Vec<Problem>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let saved: Saved = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![crate::diagnostics::from_parse_error(e)])?;
    let mut problems = policy_problems(&saved.policy);
    if let Some(r) = &saved.result {
        problems.extend(policy_problems(&r.policy).into_iter().map(|mut p| {
            p.path = p.path.replacen("$.policy", "$.result.policy", 1);
            p
        }));
    }
    if saved.id.trim().is_empty() || saved.id.len() > 100 {
        problems.push(Problem::error(
            "$.id",
            "the record has no usable key",
            "记录没有可用的键",
        ));
    }
    if saved.name.chars().count() > MAX_NAME_CHARS {
        problems.push(Problem::error(
            "$.name",
            format!("the name is longer than {MAX_NAME_CHARS} characters"),
            format!("名称超过 {MAX_NAME_CHARS} 个字符"),
        ));
    }
    if !saved.updated_ms.is_finite() {
        problems.push(Problem::error(
            "$.updated_ms",
            "the time of the last edit is not a number",
            "最后编辑时间不是数字",
        ));
    }
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok(saved)
    }
}

/// The result of merging two tabs' edits of one scenario's settings.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Every edit fits together: the merged settings.
    Clean(Box<Policy>),
    /// Both tabs changed these fields (form keys) to different values: the
    /// planner chooses.
    Conflict(Vec<&'static str>),
}

/// Three-way merge of settings by field of the scenario panel: `base` is
/// what this tab last read or wrote, `ours` what it holds now, `theirs` what
/// another tab stored since. A field changed on one side only takes that
/// side's value; changed on both to the same value is no conflict.
///
/// ```
/// use healthreach::records::{merge, Merge};
/// let base = healthreach::scenario::Policy::default();
/// let mut ours = base.clone();
/// ours.coverage.share = 0.95;
/// let mut theirs = base.clone();
/// theirs.ratios.beds_per_1000 = Some(7.5);
/// let Merge::Clean(m) = merge(&base, &ours, &theirs) else { panic!() };
/// assert_eq!((m.coverage.share, m.ratios.beds_per_1000), (0.95, Some(7.5)));
/// theirs.coverage.share = 0.85;
/// assert_eq!(merge(&base, &ours, &theirs), Merge::Conflict(vec!["coverage_share"]));
/// ```
pub fn merge(base: &Policy, ours: &Policy, theirs: &Policy) -> Merge {
    if ours == base {
        return Merge::Clean(Box::new(theirs.clone()));
    }
    if theirs == base || theirs == ours {
        return Merge::Clean(Box::new(ours.clone()));
    }
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    for f in FIELDS {
        let (b, o, t) = ((f.get)(base), (f.get)(ours), (f.get)(theirs));
        if o == b || o == t {
            continue;
        }
        if t == b {
            if f.set(&mut merged, &o).is_err() {
                conflicts.push(f.key);
            }
        } else {
            conflicts.push(f.key);
        }
    }
    if conflicts.is_empty() {
        Merge::Clean(Box::new(merged))
    } else {
        Merge::Conflict(conflicts)
    }
}
