//! The one coordinate mistake no file can reveal by itself: positions
//! taken from AMap/Tencent (GCJ-02) or Baidu (BD-09) read as WGS84, or the
//! reverse. The points then sit a few hundred metres off, systematically;
//! near boundaries many fall outside. When another reading would put
//! clearly more of them inside the units, the report says so.

use super::crs::Crs;
use crate::validate::polygon_validity::AreaIndex;

/// Raw positions as the file gives them, and the system they were read in.
/// Returns the better system and how many points each reading puts inside,
/// when another reading is clearly better (≥ 3 points and ≥ 2% more inside).
pub(crate) fn better_reading(raw: &[[f64; 2]], used: &Crs, units: &[AreaIndex]) -> Option<(Crs, usize, usize)> {
    if raw.len() < 5 {
        return None;
    }
    let inside = |c: &Crs| {
        raw.iter()
            .filter(|p| {
                let q = c.to_wgs84(**p);
                units.iter().any(|u| u.contains(q[0], q[1]))
            })
            .count()
    };
    let now = inside(used);
    if now == raw.len() {
        return None;
    }
    [Crs::Wgs84, Crs::Gcj02, Crs::Bd09]
        .into_iter()
        .filter(|c| c != used)
        .map(|c| {
            let n = inside(&c);
            (c, n)
        })
        .filter(|(_, n)| *n >= now + 3 && (*n - now) as f64 >= 0.02 * raw.len() as f64)
        .max_by_key(|(_, n)| *n)
        .map(|(c, n)| (c, now, n))
}
