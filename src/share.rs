//! Share links: a scenario's name and settings (the policy), deflated and
//! base64url-encoded, so a link restores exactly what the planner set.
//!
//! The region itself is not in the link (the demo region is embedded; a
//! region of megabytes does not fit in a URL): the link names the region
//! it was made for, and opening it on another region is refused with a reason.

use crate::diagnostics::Problem;
use crate::scenario::Policy;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Format tag of the link payload.
pub const SHARE_FORMAT: &str = "healthreach-share/1";

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// Always [`SHARE_FORMAT`].
    pub format: String,
    /// The region it was made for (its name).
    pub region: String,
    /// The scenario's name.
    pub name: String,
    /// Targets, rules, budgets and objective.
    pub policy: Policy,
}

/// Encodes for a URL fragment (`#s=…`).
///
/// ```
/// use healthreach::share::{decode, encode, Shared, SHARE_FORMAT};
/// let s = Shared { format: SHARE_FORMAT.into(), region: "渭南市".into(), name: "A".into(), policy: Default::default() };
/// assert_eq!(decode(&encode(&s)).unwrap(), s);
/// ```
pub fn encode(s: &Shared) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
}

/// Longest link payload read (characters): settings deflate to well under
/// 2 KB; anything this long was not made by HealthReach.
pub const MAX_LINK_CHARS: usize = 64 * 1024;

/// Largest unpacked payload read (bytes).
pub const MAX_UNPACKED_BYTES: usize = 1 << 20;

fn refused(en: String, zh: String) -> Vec<Problem> {
    vec![Problem::error("$", en, zh)]
}

/// Decodes a link payload and passes its settings through the same
/// validation as a scenario file; every problem names the field and what to
/// do. Too long, damaged, foreign and invalid links are told apart.
///
/// ```
/// use healthreach::share::{decode, encode, Shared, SHARE_FORMAT};
/// let mut s = Shared { format: SHARE_FORMAT.into(), region: "渭南市".into(), name: "A".into(), policy: Default::default() };
/// s.policy.coverage.share = -0.5;
/// let p = decode(&encode(&s)).unwrap_err();
/// assert_eq!(p[0].path, "$.policy.coverage.share");
/// assert!(decode(&"A".repeat(100_000)).unwrap_err()[0].message.contains("too long"));
/// ```
pub fn decode(text: &str) -> Result<Shared, Vec<Problem>> {
    let text = text.trim();
    if text.len() > MAX_LINK_CHARS {
        return Err(refused(
            format!(
                "the share link is too long ({} characters; HealthReach links hold only settings and stay under {MAX_LINK_CHARS}); it was not made by HealthReach — ask for the link again",
                text.len()
            ),
            format!(
                "分享链接过长（{} 个字符；HealthReach 链接只含设置，长度不超过 {MAX_LINK_CHARS}）；它不是 HealthReach 生成的——请重新索取链接",
                text.len()
            ),
        ));
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| {
            refused(
                format!(
                    "the share link is damaged (not base64url: {e}); copy the whole link again"
                ),
                format!("分享链接已损坏（不是 base64url：{e}）；请重新完整复制链接"),
            )
        })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED_BYTES)
        .map_err(|e| {
            if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                refused(
                    format!("the share link unpacks to more than {MAX_UNPACKED_BYTES} bytes, far more than any settings; it was not made by HealthReach and is not opened"),
                    format!("分享链接解压后超过 {MAX_UNPACKED_BYTES} 字节，远超任何设置所需；它不是 HealthReach 生成的，未打开"),
                )
            } else {
                refused(
                    "the share link is damaged (cannot be decompressed); copy the whole link again".into(),
                    "分享链接已损坏（无法解压）；请重新完整复制链接".into(),
                )
            }
        })?;
    let de = &mut serde_json::Deserializer::from_slice(&json);
    let shared: Shared = serde_path_to_error::deserialize(de).map_err(|e| {
        let p = crate::diagnostics::from_parse_error(e);
        vec![Problem::error(
            p.path,
            format!(
                "the share link does not hold HealthReach settings: {}",
                p.message
            ),
            format!("分享链接中不是 HealthReach 设置：{}", p.message_zh),
        )]
    })?;
    if shared.format != SHARE_FORMAT {
        return Err(vec![Problem::error(
            "$.format",
            format!(
                "the share link has format {:?}; this version reads {SHARE_FORMAT:?}",
                shared.format
            ),
            format!(
                "分享链接的格式为 {:?}；本版读取 {SHARE_FORMAT:?}",
                shared.format
            ),
        )]);
    }
    let mut problems: Vec<Problem> = crate::validate::policy_problems(&shared.policy)
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    if shared.name.chars().count() > crate::records::MAX_NAME_CHARS {
        problems.push(Problem::error(
            "$.name",
            format!(
                "the scenario name is longer than {} characters",
                crate::records::MAX_NAME_CHARS
            ),
            format!("情景名称超过 {} 个字符", crate::records::MAX_NAME_CHARS),
        ));
    }
    if problems.is_empty() {
        Ok(shared)
    } else {
        Err(problems)
    }
}
