//! The crate's one diagnostic type: a [`Problem`] says what is wrong, where
//! (a JSON path such as `$.facilities[12].beds`, or a file and row), and what
//! to do — in English and in Simplified Chinese, so every door (CLI, file,
//! share link, stored record, form, worker message) can show it in the
//! reader's language without flattening it first.
//!
//! ```
//! use healthreach::diagnostics::Problem;
//! use healthreach::i18n::Lang;
//! let p = Problem::error("$.zones[0].population", "-5 persons is negative", "人口 -5 为负数");
//! assert!(p.is_error());
//! assert_eq!(p.text(Lang::Zh), "人口 -5 为负数");
//! assert_eq!(p.to_string(), "error: $.zones[0].population: -5 persons is negative");
//! ```

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The input cannot be used until this is fixed.
    Error,
    /// The input can be used, but a result may be surprising.
    Warning,
}

/// One problem found in an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where: the JSON path of the offending value (`$.facilities[12].beds`,
    /// `$` for the whole input), or a field name for form and option inputs.
    pub path: String,
    /// What is wrong and what to do, in English.
    pub message: String,
    /// The same in Simplified Chinese.
    pub message_zh: String,
    /// Technical detail for a bug report (a solver's own words), never the
    /// message itself; shown only on request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Problem {
    /// An error at `path`, in English and Chinese.
    pub fn error(path: impl Into<String>, en: impl Into<String>, zh: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            path: path.into(),
            message: en.into(),
            message_zh: zh.into(),
            detail: None,
        }
    }

    /// A warning at `path`, in English and Chinese.
    pub fn warning(
        path: impl Into<String>,
        en: impl Into<String>,
        zh: impl Into<String>,
    ) -> Problem {
        Problem {
            severity: Severity::Warning,
            path: path.into(),
            message: en.into(),
            message_zh: zh.into(),
            detail: None,
        }
    }

    /// The same problem carrying technical `detail`.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    /// Whether this problem blocks loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message,
            Lang::Zh => &self.message_zh,
        }
    }

    /// "where: what" in `lang`, for one line of a list shown to a planner.
    pub fn line(&self, lang: Lang) -> String {
        let kind = match (lang, self.severity) {
            (Lang::En, Severity::Error) => "error",
            (Lang::En, Severity::Warning) => "warning",
            (Lang::Zh, Severity::Error) => "错误",
            (Lang::Zh, Severity::Warning) => "警告",
        };
        format!("{kind}: {}: {}", self.path, self.text(lang))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

/// A number as a message shows it: plain when it reads well, in `e`
/// notation when it is huge or tiny (`1e308`, not 309 digits).
///
/// ```
/// use healthreach::diagnostics::num;
/// assert_eq!(num(1e308), "1e308");
/// assert_eq!(num(-0.5), "-0.5");
/// assert_eq!(num(60000.0), "60000");
/// ```
pub fn num(v: f64) -> String {
    if v.is_finite() && v != 0.0 && (v.abs() >= 1e9 || v.abs() < 1e-4) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A name or id as a message quotes it: at most 60 characters, so a huge
/// string in the input cannot make every message about it huge.
///
/// ```
/// assert_eq!(healthreach::diagnostics::short("渭南"), "渭南");
/// assert_eq!(healthreach::diagnostics::short(&"x".repeat(100)).chars().count(), 61);
/// ```
pub fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(60).collect();
        t.push('…');
        t
    }
}

/// A JSON path from serde_path_to_error's form (`admin_units[0].population`,
/// `[0]`, `.`) to ours (`$.admin_units[0].population`, `$[0]`, `$`).
///
/// ```
/// use healthreach::diagnostics::json_path;
/// assert_eq!(json_path("."), "$");
/// assert_eq!(json_path("[0]"), "$[0]");
/// assert_eq!(json_path("zones[3].population"), "$.zones[3].population");
/// ```
pub fn json_path(serde_path: &str) -> String {
    if serde_path == "." || serde_path.is_empty() {
        "$".to_string()
    } else if serde_path.starts_with('[') {
        format!("${serde_path}")
    } else {
        format!("$.{serde_path}")
    }
}

/// Checks that `bytes` are text HealthReach can read: within `limit` bytes,
/// UTF-8 (a leading byte-order mark is dropped), with no NUL byte. Returns
/// the text or a problem naming the byte offset and what to do.
///
/// ```
/// use healthreach::diagnostics::text_of;
/// assert_eq!(text_of(b"\xEF\xBB\xBF{}", 100).unwrap(), "{}");
/// let p = text_of(b"{\"a\": \xFF}", 100).unwrap_err();
/// assert!(p.message.contains("byte 6"), "{}", p.message);
/// assert!(text_of(&[b' '; 200], 100).unwrap_err().message.contains("100"));
/// ```
pub fn text_of(bytes: &[u8], limit: usize) -> Result<&str, Problem> {
    if bytes.len() > limit {
        return Err(Problem::error(
            "$",
            format!(
                "the input is {} bytes, more than the limit of {limit} bytes; split the region or \
                 simplify its boundaries (see the limits table in docs/scenario-format.md)",
                bytes.len()
            ),
            format!(
                "输入有 {} 字节，超过上限 {limit} 字节；请拆分地区或简化边界（见 docs/scenario-format.md 中的限值表）",
                bytes.len()
            ),
        ));
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let bytes = &bytes[bom..];
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to() + bom;
        Problem::error(
            "$",
            format!(
                "the input is not UTF-8 text: byte {at} (0x{:02X}) cannot be read. A scenario is a \
                 JSON text file; save it as UTF-8 (a file in GBK or a binary file such as a \
                 spreadsheet or zip cannot be read here)",
                bytes[at - bom]
            ),
            format!(
                "输入不是 UTF-8 文本：第 {at} 字节（0x{:02X}）无法读取。情景文件是 JSON 文本，请另存为 UTF-8（GBK 编码文件或表格、压缩包等二进制文件无法在此读取）",
                bytes[at - bom]
            ),
        )
    })?;
    if let Some(at) = text.bytes().position(|b| b == 0).map(|at| at + bom) {
        return Err(Problem::error(
            "$",
            format!("the input holds a NUL byte at byte {at}: it is a binary file, not JSON text; open the scenario's .json file instead"),
            format!("输入在第 {at} 字节处含有 NUL 字节：这是二进制文件而不是 JSON 文本；请改为打开情景的 .json 文件"),
        ));
    }
    Ok(text)
}

/// Turns a JSON parse error into a problem naming the path and the line and
/// column, with a plain reason for the common cases (a position with an
/// altitude, a wrong type, a truncated file).
pub fn from_parse_error(e: serde_path_to_error::Error<serde_json::Error>) -> Problem {
    let path = json_path(&e.path().to_string());
    let inner = e.inner();
    let (line, col) = (inner.line(), inner.column());
    let raw = inner.to_string();
    // serde_json's message ends with " at line L column C": say it once.
    let detail = raw
        .rsplit_once(" at line ")
        .map_or(raw.as_str(), |(head, _)| head)
        .to_string();
    let is_position = {
        let last = path.rsplit('.').next().unwrap_or("");
        last.starts_with("location")
            || last.starts_with("line")
            || last.starts_with("boundary")
            || last.starts_with("area")
    };
    use serde_json::error::Category;
    let (en, zh) = match inner.classify() {
        Category::Data | Category::Syntax
            if is_position
                && (detail.starts_with("invalid length 0")
                    || detail.starts_with("invalid length 1,")) =>
        {
            (
                "a position must be exactly [longitude, latitude]; this one has fewer than 2 numbers. \
                 Give both"
                    .to_string(),
                "坐标必须正好是 [经度, 纬度]；此处少于 2 个数。请两个都填写".to_string(),
            )
        }
        Category::Data | Category::Syntax
            if is_position
                && (detail.starts_with("trailing characters")
                    || detail.starts_with("invalid length")) =>
        {
            (
                "a position must be exactly [longitude, latitude]; this one has more numbers \
                 (an altitude?). Drop the third number"
                    .to_string(),
                "坐标必须正好是 [经度, 纬度]；此处多了数字（高程？）。请删去第三个数".to_string(),
            )
        }
        Category::Syntax if detail.starts_with("recursion limit") => (
            "the file nests arrays or objects more than 128 deep, which no HealthReach file does; \
             check that this is the right file"
                .to_string(),
            "文件中数组或对象嵌套超过 128 层，HealthReach 文件不会如此；请确认文件是否正确".to_string(),
        ),
        Category::Syntax => (
            format!("the file is not valid JSON ({detail})"),
            format!("文件不是有效的 JSON（{detail}）"),
        ),
        Category::Eof => (
            "the file ends early (truncated JSON); save or copy it again in full".to_string(),
            "文件提前结束（JSON 被截断）；请重新完整保存或复制".to_string(),
        ),
        Category::Data => (
            format!("a value has the wrong type or name ({detail})"),
            format!("某个值的类型或名称不对（{detail}）"),
        ),
        Category::Io => (
            format!("the file could not be read ({detail})"),
            format!("文件无法读取（{detail}）"),
        ),
    };
    Problem::error(
        path,
        format!("{en}, at line {line} column {col}. Fix it there and load again."),
        format!("{zh}，位于第 {line} 行第 {col} 列。请在该处修改后重新载入。"),
    )
}
