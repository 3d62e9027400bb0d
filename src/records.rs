//! Scenarios as the browser keeps them (one JSON record per scenario in
//! IndexedDB): the record type, the one reader every stored record goes
//! through, and the merge that keeps two tabs from losing each other's edits.
//! No web types: the storage calls live in `ui/store.rs`.

use crate::diagnostics::Problem;
use crate::scenario::Policy;
use crate::validate::policy_problems;
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
    /// [`data_fingerprint`] of the region the plan was optimised on: a plan
    /// whose region was edited since is stale until optimised again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<u64>,
}

/// A fingerprint of a region's data (everything but the settings): FNV-1a
/// over its JSON. Equal data, equal fingerprint; an edit changes it.
///
/// ```
/// let s = healthreach::demo::weinan();
/// let mut t = s.clone();
/// t.policy.coverage.share = 0.5;
/// assert_eq!(healthreach::records::data_fingerprint(&s), healthreach::records::data_fingerprint(&t));
/// t.facilities[0].beds += 1.0;
/// assert_ne!(healthreach::records::data_fingerprint(&s), healthreach::records::data_fingerprint(&t));
/// ```
pub fn data_fingerprint(s: &crate::scenario::Scenario) -> u64 {
    let mut d = s.clone();
    d.policy = Default::default();
    let bytes = serde_json::to_vec(&d).unwrap_or_default();
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
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
            "the record has no usable key (empty or over 100 characters); it cannot be opened — download it raw and recreate the scenario",
            "记录没有可用的键（为空或超过 100 个字符）；无法打开——请下载原始记录并重新创建情景",
        ));
    }
    if saved.name.chars().count() > MAX_NAME_CHARS {
        problems.push(Problem::error(
            "$.name",
            format!("the name is longer than {MAX_NAME_CHARS} characters; shorten it"),
            format!("名称超过 {MAX_NAME_CHARS} 个字符；请缩短"),
        ));
    }
    if !saved.updated_ms.is_finite() {
        problems.push(Problem::error(
            "$.updated_ms",
            "the time of the last edit is not a number; the record was changed outside HealthReach",
            "最后编辑时间不是数字；该记录曾在 HealthReach 之外被修改",
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
    /// Both tabs changed these settings (JSON paths, `$.policy.…`) to
    /// different values: the planner chooses.
    Conflict(Vec<String>),
}

/// Three-way merge of settings, value by value: `base` is what this tab
/// last read or wrote, `ours` what it holds now, `theirs` what another tab
/// stored since. A value changed on one side only takes that side's value;
/// changed on both to the same value is no conflict; changed on both
/// differently is a conflict at its JSON path. Every setting takes part,
/// whether the scenario panel shows it or not.
///
/// ```
/// use healthreach::records::{merge, Merge};
/// let base = healthreach::scenario::Policy::default();
/// let mut ours = base.clone();
/// ours.coverage.share = 0.95;
/// let mut theirs = base.clone();
/// theirs.ratios.beds_per_1000 = Some(7.5);
/// theirs.unit_costs.bed_yuan = 350_000.0;
/// let Merge::Clean(m) = merge(&base, &ours, &theirs) else { panic!() };
/// assert_eq!((m.coverage.share, m.ratios.beds_per_1000, m.unit_costs.bed_yuan), (0.95, Some(7.5), 350_000.0));
/// theirs.coverage.share = 0.85;
/// assert_eq!(merge(&base, &ours, &theirs), Merge::Conflict(vec!["$.policy.coverage.share".into()]));
/// ```
pub fn merge(base: &Policy, ours: &Policy, theirs: &Policy) -> Merge {
    let mut conflicts = Vec::new();
    match merged(base, ours, theirs, None, &mut conflicts) {
        Some(p) if conflicts.is_empty() => Merge::Clean(Box::new(p)),
        Some(_) => Merge::Conflict(conflicts),
        None => Merge::Conflict(vec!["$.policy".into()]),
    }
}

/// [`merge`] where the planner has chosen a side for the conflicts
/// (`keep_mine`: ours, else theirs); every other edit of either side is kept.
///
/// ```
/// use healthreach::records::merge_choosing;
/// let base = healthreach::scenario::Policy::default();
/// let (mut ours, mut theirs) = (base.clone(), base.clone());
/// ours.coverage.share = 0.95;
/// ours.secondment.one_to_one = true;
/// theirs.coverage.share = 0.85;
/// theirs.ratios.beds_per_1000 = Some(7.5);
/// let m = merge_choosing(&base, &ours, &theirs, false);
/// assert_eq!((m.coverage.share, m.secondment.one_to_one, m.ratios.beds_per_1000), (0.85, true, Some(7.5)));
/// ```
pub fn merge_choosing(base: &Policy, ours: &Policy, theirs: &Policy, keep_mine: bool) -> Policy {
    let mut conflicts = Vec::new();
    merged(base, ours, theirs, Some(keep_mine), &mut conflicts).unwrap_or_else(|| {
        if keep_mine {
            ours.clone()
        } else {
            theirs.clone()
        }
    })
}

fn merged(
    base: &Policy,
    ours: &Policy,
    theirs: &Policy,
    prefer_ours: Option<bool>,
    conflicts: &mut Vec<String>,
) -> Option<Policy> {
    if ours == base || ours == theirs {
        return Some(theirs.clone());
    }
    if theirs == base {
        return Some(ours.clone());
    }
    let v = |p: &Policy| serde_json::to_value(p).unwrap_or(serde_json::Value::Null);
    let m = merge_value(
        &v(base),
        &v(ours),
        &v(theirs),
        "$.policy",
        prefer_ours,
        conflicts,
    );
    let p: Policy = serde_json::from_value(m).ok()?;
    // Two valid sides can still combine into an invalid whole.
    if policy_problems(&p).iter().any(Problem::is_error) {
        if prefer_ours.is_none() {
            conflicts.push("$.policy".into());
        }
        return None;
    }
    Some(p)
}

fn merge_value(
    b: &serde_json::Value,
    o: &serde_json::Value,
    t: &serde_json::Value,
    path: &str,
    prefer_ours: Option<bool>,
    conflicts: &mut Vec<String>,
) -> serde_json::Value {
    use serde_json::Value;
    if o == t || o == b {
        return t.clone();
    }
    if t == b {
        return o.clone();
    }
    if let (Value::Object(bo), Value::Object(oo), Value::Object(to)) = (b, o, t) {
        let mut keys: Vec<&String> = bo.keys().chain(oo.keys()).chain(to.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut out = serde_json::Map::new();
        for k in keys {
            let get = |m: &serde_json::Map<String, Value>| m.get(k).cloned().unwrap_or(Value::Null);
            let v = merge_value(
                &get(bo),
                &get(oo),
                &get(to),
                &format!("{path}.{k}"),
                prefer_ours,
                conflicts,
            );
            if !v.is_null() || oo.contains_key(k) || to.contains_key(k) {
                out.insert(k.clone(), v);
            }
        }
        return Value::Object(out);
    }
    match prefer_ours {
        Some(true) => o.clone(),
        Some(false) => t.clone(),
        None => {
            conflicts.push(path.to_string());
            t.clone()
        }
    }
}

/// A region the planner imported or opened, as the browser stores it (store
/// `regions`, keyed by `id`). The demo region is never stored: it is built in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRegion {
    /// Key (`r-…`), also the `region` of its scenarios.
    pub id: String,
    /// The planner's name for it (default: the scenario's region name).
    pub name: String,
    /// When it was created (ms since 1970).
    pub created_ms: f64,
    /// Counts shown in the region switcher.
    pub units: usize,
    /// Demand zones.
    pub zones: usize,
    /// Facilities.
    pub facilities: usize,
    /// The region.
    pub scenario: crate::scenario::Scenario,
}

/// What the region switcher lists, read without building the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionMeta {
    /// Key.
    pub id: String,
    /// Name.
    pub name: String,
    /// Created (ms since 1970).
    pub created_ms: f64,
    /// Admin units.
    pub units: usize,
    /// Demand zones.
    pub zones: usize,
    /// Facilities.
    pub facilities: usize,
}

/// Longest region key kept.
const MAX_REGION_ID: usize = 100;

fn region_meta_problems(m: &RegionMeta) -> Vec<Problem> {
    let mut p = Vec::new();
    if !m.id.starts_with("r-") || m.id.len() > MAX_REGION_ID {
        p.push(Problem::error(
            "$.id",
            "the region record has no usable key; it cannot be opened — download it raw and import the region again",
            "地区记录没有可用的键；无法打开——请下载原始记录并重新导入该地区",
        ));
    }
    if m.name.chars().count() > MAX_NAME_CHARS || m.name.trim().is_empty() {
        p.push(Problem::error(
            "$.name",
            format!("the region's name is empty or longer than {MAX_NAME_CHARS} characters"),
            format!("地区名称为空或超过 {MAX_NAME_CHARS} 个字符"),
        ));
    }
    if !m.created_ms.is_finite() {
        p.push(Problem::error(
            "$.created_ms",
            "the creation time is not a number; the record was changed outside HealthReach",
            "创建时间不是数字；该记录曾在 HealthReach 之外被修改",
        ));
    }
    p
}

/// Reads a stored region's list entry (not its scenario).
pub fn parse_region_meta(text: &str) -> Result<RegionMeta, Vec<Problem>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let m: RegionMeta = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![crate::diagnostics::from_parse_error(e)])?;
    let p = region_meta_problems(&m);
    if p.is_empty() {
        Ok(m)
    } else {
        Err(p)
    }
}

/// Reads a stored region whole: its entry, and its scenario through the
/// same validator as a scenario file (paths `$.scenario…`).
///
/// ```
/// use healthreach::records::{parse_region, StoredRegion};
/// let r = StoredRegion::new("r-1".into(), "渭南".into(), 0.0, healthreach::demo::weinan());
/// let text = serde_json::to_string(&r).unwrap();
/// assert_eq!(parse_region(&text).unwrap(), r);
/// let bad = text.replacen("\"population\":", "\"population\":-", 1);
/// assert!(parse_region(&bad).unwrap_err()[0].path.starts_with("$.scenario"));
/// ```
pub fn parse_region(text: &str) -> Result<StoredRegion, Vec<Problem>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let r: StoredRegion = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![crate::diagnostics::from_parse_error(e)])?;
    let mut p = region_meta_problems(&r.meta());
    p.extend(
        crate::validate::validate(&r.scenario)
            .into_iter()
            .filter(Problem::is_error)
            .map(|mut x| {
                x.path = x.path.replacen('$', "$.scenario", 1);
                x
            }),
    );
    if p.is_empty() {
        Ok(r)
    } else {
        Err(p)
    }
}

impl StoredRegion {
    /// A region record for `scenario`.
    pub fn new(
        id: String,
        name: String,
        created_ms: f64,
        scenario: crate::scenario::Scenario,
    ) -> StoredRegion {
        StoredRegion {
            id,
            name,
            created_ms,
            units: scenario.admin_units.len(),
            zones: scenario.zones.len(),
            facilities: scenario.facilities.len(),
            scenario,
        }
    }

    /// Its list entry.
    pub fn meta(&self) -> RegionMeta {
        RegionMeta {
            id: self.id.clone(),
            name: self.name.clone(),
            created_ms: self.created_ms,
            units: self.units,
            zones: self.zones,
            facilities: self.facilities,
        }
    }
}
