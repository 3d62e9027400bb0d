//! The one coordinate mistake no file can reveal by itself: positions
//! taken from AMap/Tencent (GCJ-02) or Baidu (BD-09) read as WGS84, or the
//! reverse. The points then sit a few hundred metres off, systematically;
//! near boundaries many fall outside. When another reading would put
//! clearly more of them inside the units, the report says so.

use super::crs::Crs;
use crate::validate::polygon_validity::AreaIndex;

/// Raw positions as the file gives them, and the system they were read in.
/// Returns the better system and how many points each reading puts inside,
/// when another reading is clearly better: at least 3 more points inside,
/// and at most half as many outside.
pub(crate) fn better_reading(
    raw: &[[f64; 2]],
    used: &Crs,
    units: &[AreaIndex],
) -> Option<(Crs, usize, usize)> {
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
        .filter(|(_, n)| *n >= now + 3 && 2 * (raw.len() - *n) <= raw.len() - now)
        .max_by_key(|(_, n)| *n)
        .map(|(c, n)| (c, now, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Separate 0.01° squares around Weinan, points inside them given in
    /// GCJ-02 (about 500 m off): read as WGS84 many fall in the gaps.
    #[test]
    fn gcj02_read_as_wgs84_is_detected_and_true_wgs84_is_not() {
        let mut squares = Vec::new();
        let mut truth = Vec::new();
        for i in 0..10 {
            for j in 0..10 {
                let (x, y) = (109.0 + 0.02 * i as f64, 34.5 + 0.02 * j as f64);
                let ring = vec![
                    [x, y],
                    [x + 0.01, y],
                    [x + 0.01, y + 0.01],
                    [x, y + 0.01],
                    [x, y],
                ];
                squares.push(AreaIndex::new(&[vec![ring]]));
                truth.push([x + 0.002 + 0.0006 * j as f64, y + 0.005]);
            }
        }
        let gcj: Vec<[f64; 2]> = truth
            .iter()
            .map(|p| super::super::chinese_crs::wgs84_to_gcj02(*p))
            .collect();
        let (better, now, then) = better_reading(&gcj, &Crs::Wgs84, &squares).expect("flagged");
        assert_eq!(better, Crs::Gcj02);
        assert!(then > now, "{now} {then}");
        assert!(better_reading(&truth, &Crs::Wgs84, &squares).is_none());
        assert!(better_reading(&gcj, &Crs::Gcj02, &squares).is_none());
    }
}
