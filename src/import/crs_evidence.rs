//! Which coordinate system a point file is in, from the evidence of its
//! own points, when the manifest does not say: every plausible reading
//! (WGS84/CGCS2000, GCJ-02 of AMap and Tencent, BD-09 of Baidu; for large
//! numbers the CGCS2000 Gauss-Krüger zones, UTM and Web Mercator around the
//! region) is tried against the boundaries. When rows name their unit, a
//! reading scores the points it puts inside *their own* unit; else inside
//! any unit. The best reading is taken only when it beats the next one by
//! more than chance: counting the points one reading puts inside and the
//! other does not (`a`) and the reverse (`b`), `a − b ≥ 3` and
//! `a − b ≥ 2·√(a + b)` (McNemar's test at about 95%). Otherwise the
//! evidence does not separate them and the caller keeps WGS84 and says so.

use super::crs::Crs;
use crate::validate::polygon_validity::AreaIndex;

/// Points weighed at most (evenly strided through the file): enough to
/// separate readings 500 m apart, and bounded on a file of any length.
pub const MAX_EVIDENCE_POINTS: usize = 5_000;

/// How one reading fares.
#[derive(Clone)]
pub struct Reading {
    /// The system.
    pub crs: Crs,
    /// Points it puts inside (their own unit, or any unit).
    pub inside: usize,
    hits: Vec<bool>,
}

/// What the points say.
#[derive(Clone)]
pub struct Evidence {
    /// Points weighed.
    pub points: usize,
    /// Whether the score counts points inside their own unit (rows name it).
    pub own_unit: bool,
    /// Every reading, best first.
    pub readings: Vec<Reading>,
    /// Whether the best reading beats the next by more than chance.
    pub separable: bool,
}

impl Evidence {
    /// The best reading.
    pub fn best(&self) -> &Crs {
        &self.readings[0].crs
    }

    /// Each reading's share, best first: `GCJ-02: 99.2% in their unit; WGS84: 96.0%`.
    pub fn shares(&self, zh: bool) -> String {
        let n = self.points.max(1) as f64;
        let mut out = Vec::new();
        for (i, r) in self.readings.iter().take(4).enumerate() {
            let pct = 100.0 * r.inside as f64 / n;
            let tail = match (i, zh, self.own_unit) {
                (0, false, true) => " in their own unit",
                (0, false, false) => " inside the boundaries",
                (0, true, true) => "位于所属单元内",
                (0, true, false) => "位于边界内",
                _ => "",
            };
            out.push(format!("{}: {pct:.1}%{tail}", r.crs.name()));
        }
        out.join(if zh { "；" } else { "; " })
    }
}

/// The readings worth trying for points that look like `sample`, around a
/// region centred at `centre` (lon, lat).
pub fn hypotheses(sample: &[[f64; 2]], centre: [f64; 2]) -> Vec<Crs> {
    let geographic = sample
        .iter()
        .filter(|p| p[0].abs() <= 180.0 && p[1].abs() <= 90.0)
        .count();
    if geographic * 2 >= sample.len() {
        return vec![Crs::Wgs84, Crs::Gcj02, Crs::Bd09];
    }
    let mut out = Vec::new();
    let tm = |lon0: f64, x0: f64, width: u8| {
        let zone = if x0 > 1e6 {
            format!(", zone {}", (x0 / 1e6).floor())
        } else {
            String::new()
        };
        Crs::from_proj_named(
            &format!("CGCS2000 {width}° Gauss-Krüger {lon0}°E{zone}"),
            &format!("+proj=tmerc +lat_0=0 +lon_0={lon0} +k=1 +x_0={x0} +y_0=0 +ellps=GRS80 +units=m +no_defs"),
        )
        .ok()
    };
    let mut xs: Vec<f64> = sample.iter().map(|p| p[0]).collect();
    xs.sort_by(f64::total_cmp);
    let x = xs.get(xs.len() / 2).copied().unwrap_or(0.0);
    if x >= 1e7 {
        // The zone number leads the easting: 3° zones 25–45, 6° zones 13–23.
        let zone = (x / 1e6).floor();
        if (25.0..=45.0).contains(&zone) {
            out.extend(tm(zone * 3.0, zone * 1e6 + 5e5, 3));
        }
        if (13.0..=23.0).contains(&zone) {
            out.extend(tm(zone * 6.0 - 3.0, zone * 1e6 + 5e5, 6));
        }
    } else {
        // No zone number: the central meridians near the region.
        let cm3 = (centre[0] / 3.0).round() * 3.0;
        for cm in [cm3 - 3.0, cm3, cm3 + 3.0] {
            out.extend(tm(cm, 5e5, 3));
        }
        let zone6 = (centre[0] / 6.0).floor() + 1.0;
        let cm6 = zone6 * 6.0 - 3.0;
        if ![cm3 - 3.0, cm3, cm3 + 3.0].contains(&cm6) {
            out.extend(tm(cm6, 5e5, 6));
        }
        // UTM, north.
        let utm = ((centre[0] + 180.0) / 6.0).floor() + 1.0;
        out.extend(
            Crs::from_proj_named(
                &format!("UTM {utm}N"),
                &format!("+proj=utm +zone={utm} +datum=WGS84 +units=m +no_defs"),
            )
            .ok(),
        );
    }
    out.extend(Crs::from_proj_named("Web Mercator (EPSG:3857)", "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs").ok());
    out
}

/// Weighs the readings of `raw` (positions as written; `own`: the unit
/// each row names, when it names one) against the units. None when there
/// are too few points to judge (fewer than 5) or no reading puts any inside.
pub(crate) fn weigh(
    raw: &[[f64; 2]],
    own: &[Option<usize>],
    units: &[AreaIndex],
    bboxes: &[[f64; 4]],
    centre: [f64; 2],
) -> Option<Evidence> {
    let finite: Vec<usize> = (0..raw.len())
        .filter(|&i| raw[i][0].is_finite() && raw[i][1].is_finite())
        .collect();
    if finite.len() < 5 {
        return None;
    }
    let stride = finite.len().div_ceil(MAX_EVIDENCE_POINTS).max(1);
    let picked: Vec<usize> = finite.iter().copied().step_by(stride).collect();
    let named = picked
        .iter()
        .filter(|&&i| own.get(i).copied().flatten().is_some())
        .count();
    let own_unit = named * 2 >= picked.len();
    let sample: Vec<[f64; 2]> = picked.iter().map(|&i| raw[i]).collect();
    let inside_unit = |u: usize, q: [f64; 2]| {
        let b = bboxes[u];
        q[0] >= b[0]
            && q[0] <= b[2]
            && q[1] >= b[1]
            && q[1] <= b[3]
            && units[u].contains(q[0], q[1])
    };
    let mut readings: Vec<Reading> = hypotheses(&sample, centre)
        .into_iter()
        .map(|crs| {
            let hits: Vec<bool> = picked
                .iter()
                .map(|&i| {
                    let q = crs.to_wgs84(raw[i]);
                    if !(q[0].is_finite() && q[1].is_finite()) {
                        return false;
                    }
                    match own.get(i).copied().flatten().filter(|_| own_unit) {
                        Some(u) => u < units.len() && inside_unit(u, q),
                        None => (0..units.len()).any(|u| inside_unit(u, q)),
                    }
                })
                .collect();
            Reading {
                inside: hits.iter().filter(|h| **h).count(),
                crs,
                hits,
            }
        })
        .collect();
    // Best first; among equals the earlier hypothesis (WGS84 first).
    readings.sort_by_key(|r| std::cmp::Reverse(r.inside));
    if readings.first().is_none_or(|r| r.inside == 0) {
        return None;
    }
    let separable = match readings.get(1) {
        None => true,
        Some(second) => {
            let first = &readings[0];
            let a = first
                .hits
                .iter()
                .zip(&second.hits)
                .filter(|(x, y)| **x && !**y)
                .count() as f64;
            let b = first
                .hits
                .iter()
                .zip(&second.hits)
                .filter(|(x, y)| !**x && **y)
                .count() as f64;
            a - b >= 3.0 && a - b >= 2.0 * (a + b).sqrt()
        }
    };
    Some(Evidence {
        points: picked.len(),
        own_unit,
        readings,
        separable,
    })
}
