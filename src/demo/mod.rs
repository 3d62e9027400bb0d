//! The embedded demo region: Weinan (渭南市), Shaanxi.
//!
//! `weinan.json` is produced by `healthreach generate-demo` (see
//! [`crate::generate`]) from real county boundaries, the real 2020 census
//! population per county and real township names, with a synthesized layout
//! of zones and facilities calibrated to reported totals. Its `sources` field
//! says which parts are real and which are synthesized.

use crate::scenario::Scenario;

/// The demo scenario as JSON text, exactly as embedded.
pub const WEINAN_JSON: &str = include_str!("weinan.json");

/// The demo scenario, parsed.
///
/// ```
/// let s = healthreach::demo::weinan();
/// assert_eq!(s.total_population(), 4_688_744.0);
/// ```
pub fn weinan() -> Scenario {
    Scenario::from_json(WEINAN_JSON).expect("the embedded demo scenario parses (tested)")
}
