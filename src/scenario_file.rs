//! The scenario file a planner saves and opens: the region, the scenario's
//! settings and its last plan in one versioned JSON document
//! (`docs/scenario-file.md`). Opening goes through the same validators as
//! every other door; nothing is returned when anything is wrong. A plain
//! scenario JSON (what `healthreach demo` or `import` writes) is the older
//! format and is migrated; a file from a newer version is refused.

use crate::diagnostics::Problem;
use crate::records::SavedResult;
use crate::scenario::Scenario;
use crate::validate::{self, limits::MAX_SCENARIO_BYTES, plan_problems, policy_problems};
use serde::{Deserialize, Serialize};

/// The `format` of a scenario file.
pub const FILE_FORMAT: &str = "healthreach-scenario-file";
/// The version this build writes and the newest it reads.
pub const FILE_VERSION: u32 = 1;

/// A saved scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Always [`FILE_FORMAT`].
    pub format: String,
    /// Format version (1).
    pub version: u32,
    /// The planner's name for the scenario.
    pub name: String,
    /// The region with the scenario's settings (`scenario.policy`).
    pub scenario: Scenario,
    /// The last plan, with the settings it was optimised under.
    #[serde(default)]
    pub result: Option<SavedResult>,
}

impl ScenarioFile {
    /// A file of the current version.
    pub fn new(name: String, scenario: Scenario, result: Option<SavedResult>) -> ScenarioFile {
        ScenarioFile {
            format: FILE_FORMAT.into(),
            version: FILE_VERSION,
            name,
            scenario,
            result,
        }
    }

    /// The file's text (pretty JSON, fields in a fixed order, so saving what
    /// was opened gives the same bytes).
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

fn prefixed(problems: Vec<Problem>, prefix: &str) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            p.path = match p.path.strip_prefix('$') {
                Some(rest) => format!("{prefix}{rest}"),
                None => p.path,
            };
            p
        })
        .collect()
}

/// Opens a scenario file (or a plain scenario JSON, migrated): the file and
/// its warnings, or every problem, each with its JSON path.
///
/// ```
/// use healthreach::scenario_file::{open, ScenarioFile};
/// let f = ScenarioFile::new("A".into(), healthreach::demo::weinan(), None);
/// let (back, _) = open(f.to_text().as_bytes()).unwrap();
/// assert_eq!(back.to_text(), f.to_text());
/// let newer = f.to_text().replacen("\"version\": 1", "\"version\": 7", 1);
/// assert!(open(newer.as_bytes()).unwrap_err()[0].message.contains("newer"));
/// ```
pub fn open(bytes: &[u8]) -> Result<(ScenarioFile, Vec<Problem>), Vec<Problem>> {
    let text = crate::diagnostics::text_of(bytes, MAX_SCENARIO_BYTES).map_err(|p| vec![p])?;
    let de = &mut serde_json::Deserializer::from_str(text);
    let head: Head = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![crate::diagnostics::from_parse_error(e)])?;
    let format = head.format.as_ref().and_then(|v| v.as_str()).unwrap_or("");
    if format == crate::scenario::FORMAT {
        // Version 0: a bare scenario. Its name is the region's.
        let (s, warnings) = validate::load(text)?;
        let name = s.region.name.clone();
        return Ok((ScenarioFile::new(name, s, None), warnings));
    }
    if format != FILE_FORMAT {
        return Err(vec![Problem::error(
            "$.format",
            format!(
                "this is not a HealthReach scenario file (format {:?}); open a file saved with \"Save scenario\", or a scenario JSON",
                crate::diagnostics::short(format)
            ),
            format!(
                "这不是 HealthReach 情景文件（format 为 {:?}）；请打开用“保存情景”保存的文件或情景 JSON",
                crate::diagnostics::short(format)
            ),
        )]);
    }
    let version = head.version.as_ref().and_then(|v| v.as_u64());
    match version {
        Some(v) if v > u64::from(FILE_VERSION) => {
            return Err(vec![Problem::error(
                "$.version",
                format!(
                    "the file was saved by a newer HealthReach (format version {v}); this one reads up to version {FILE_VERSION}: open it with the newer version, or save it there as a scenario JSON"
                ),
                format!(
                    "该文件由较新版本的 HealthReach 保存（格式版本 {v}）；本版本最高读取版本 {FILE_VERSION}：请用新版本打开，或在新版本中另存为情景 JSON"
                ),
            )]);
        }
        Some(v) if v >= 1 => {}
        _ => {
            return Err(vec![Problem::error(
                "$.version",
                "the file has no usable format version (a whole number from 1); it was changed outside HealthReach",
                "文件缺少可用的格式版本（从 1 起的整数）；该文件曾在 HealthReach 之外被修改",
            )]);
        }
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let file: ScenarioFile = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![crate::diagnostics::from_parse_error(e)])?;
    let mut problems = prefixed(validate::validate(&file.scenario), "$.scenario");
    if file.name.chars().count() > crate::records::MAX_NAME_CHARS {
        problems.push(Problem::error(
            "$.name",
            format!(
                "the name is longer than {} characters; shorten it",
                crate::records::MAX_NAME_CHARS
            ),
            format!("名称超过 {} 个字符；请缩短", crate::records::MAX_NAME_CHARS),
        ));
    }
    if let Some(r) = &file.result {
        problems.extend(prefixed(policy_problems(&r.policy), "$.result"));
        if let Some(plan) = &r.reply.plan {
            problems.extend(prefixed(
                plan_problems(plan, &file.scenario),
                "$.result.reply.plan",
            ));
        }
    }
    if problems.iter().any(Problem::is_error) {
        Err(problems)
    } else {
        Ok((file, problems))
    }
}
