//! Share links: a scenario's name and settings (the policy), deflated and
//! base64url-encoded, so a link restores exactly what the planner set.
//!
//! The region itself is not in the link (the demo region is embedded; a
//! region of megabytes does not fit in a URL): the link names the region
//! it was made for, and opening it on another region is refused with a reason.

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

/// Decodes a link payload, saying what is wrong when it cannot.
pub fn decode(text: &str) -> Result<Shared, String> {
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim())
        .map_err(|e| {
            format!("the share link is damaged (not base64url: {e}); copy the whole link again")
        })?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, 1 << 20).map_err(|_| {
            "the share link is damaged (cannot be decompressed); copy the whole link again"
                .to_string()
        })?;
    let shared: Shared = serde_json::from_slice(&json)
        .map_err(|e| format!("the share link does not hold HealthReach settings: {e}"))?;
    if shared.format != SHARE_FORMAT {
        return Err(format!(
            "the share link has format {:?}; this version reads {SHARE_FORMAT:?}",
            shared.format
        ));
    }
    Ok(shared)
}
