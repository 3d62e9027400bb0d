//! The two coordinate systems of Chinese web maps, which no projection
//! library implements: GCJ-02 (AMap, Tencent; an obfuscated shift of WGS84
//! by up to ~700 m inside China) and BD-09 (Baidu; a further rotation of
//! GCJ-02). Forward formulas are the published closed forms; the inverses
//! are solved by fixed-point iteration to well under a millimetre (the
//! shift varies slowly, so each step gains about three orders of
//! magnitude). Outside mainland China GCJ-02 equals WGS84.

use std::f64::consts::PI;

/// Krasovsky 1940 semi-major axis and eccentricity², as the GCJ-02 formulas use.
const A: f64 = 6_378_245.0;
const EE: f64 = 0.006_693_421_622_965_943;
/// BD-09's rotation constant.
const X_PI: f64 = PI * 3000.0 / 180.0;

/// Whether GCJ-02 shifts this position (the rough box of mainland China
/// the published formulas use).
pub fn in_china(lon: f64, lat: f64) -> bool {
    (72.004..=137.8347).contains(&lon) && (0.8293..=55.8271).contains(&lat)
}

fn shift_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn shift_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// WGS84 → GCJ-02 (degrees `[lon, lat]`).
pub fn wgs84_to_gcj02([lon, lat]: [f64; 2]) -> [f64; 2] {
    if !in_china(lon, lat) {
        return [lon, lat];
    }
    let (x, y) = (lon - 105.0, lat - 35.0);
    let rad = lat / 180.0 * PI;
    let magic = 1.0 - EE * rad.sin() * rad.sin();
    let sq = magic.sqrt();
    let dlat = shift_lat(x, y) * 180.0 / ((A * (1.0 - EE)) / (magic * sq) * PI);
    let dlon = shift_lon(x, y) * 180.0 / (A / sq * rad.cos() * PI);
    [lon + dlon, lat + dlat]
}

/// GCJ-02 → WGS84, by iteration: the WGS84 point whose GCJ-02 image is `p`.
///
/// ```
/// use healthreach::import::chinese_crs::{gcj02_to_wgs84, wgs84_to_gcj02};
/// let wgs = [109.5099, 34.4998]; // 渭南
/// let back = gcj02_to_wgs84(wgs84_to_gcj02(wgs));
/// assert!((back[0] - wgs[0]).abs() < 1e-9 && (back[1] - wgs[1]).abs() < 1e-9);
/// ```
pub fn gcj02_to_wgs84(p: [f64; 2]) -> [f64; 2] {
    if !in_china(p[0], p[1]) {
        return p;
    }
    let mut w = p;
    for _ in 0..30 {
        let g = wgs84_to_gcj02(w);
        let (dx, dy) = (g[0] - p[0], g[1] - p[1]);
        w = [w[0] - dx, w[1] - dy];
        if dx.abs() < 1e-12 && dy.abs() < 1e-12 {
            break;
        }
    }
    w
}

/// GCJ-02 → BD-09.
pub fn gcj02_to_bd09([lon, lat]: [f64; 2]) -> [f64; 2] {
    let z = (lon * lon + lat * lat).sqrt() + 0.00002 * (lat * X_PI).sin();
    let theta = lat.atan2(lon) + 0.000003 * (lon * X_PI).cos();
    [z * theta.cos() + 0.0065, z * theta.sin() + 0.006]
}

/// BD-09 → GCJ-02, by iteration on [`gcj02_to_bd09`] (the published closed
/// form of the inverse is only accurate to a few metres).
pub fn bd09_to_gcj02(p: [f64; 2]) -> [f64; 2] {
    let mut g = [p[0] - 0.0065, p[1] - 0.006];
    for _ in 0..30 {
        let b = gcj02_to_bd09(g);
        let (dx, dy) = (b[0] - p[0], b[1] - p[1]);
        g = [g[0] - dx, g[1] - dy];
        if dx.abs() < 1e-12 && dy.abs() < 1e-12 {
            break;
        }
    }
    g
}

/// BD-09 → WGS84.
pub fn bd09_to_wgs84(p: [f64; 2]) -> [f64; 2] {
    gcj02_to_wgs84(bd09_to_gcj02(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Metres between two nearby positions (equirectangular; fine below 1 km).
    fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
        let k = 111_320.0;
        let dx = (a[0] - b[0]) * k * (a[1].to_radians()).cos();
        let dy = (a[1] - b[1]) * k;
        (dx * dx + dy * dy).sqrt()
    }

    #[test]
    fn the_shift_is_hundreds_of_metres_in_china_and_nothing_outside() {
        let weinan = [109.51, 34.50];
        let d = metres(weinan, wgs84_to_gcj02(weinan));
        assert!((100.0..1000.0).contains(&d), "{d} m");
        let paris = [2.35, 48.86];
        assert_eq!(wgs84_to_gcj02(paris), paris);
        // Baidu adds a further ≈ 1 km rotation/offset.
        let g = wgs84_to_gcj02(weinan);
        let b = metres(g, gcj02_to_bd09(g));
        assert!((300.0..1500.0).contains(&b), "{b} m");
    }

    proptest! {
        /// The inverses are accurate to well under a metre everywhere in China.
        #[test]
        fn inverses_are_under_a_millimetre(lon in 73.0..135.0f64, lat in 18.0..53.0f64) {
            let w = [lon, lat];
            prop_assert!(metres(w, gcj02_to_wgs84(wgs84_to_gcj02(w))) < 1e-3);
            let g = wgs84_to_gcj02(w);
            prop_assert!(metres(g, bd09_to_gcj02(gcj02_to_bd09(g))) < 1e-3);
            prop_assert!(metres(w, bd09_to_wgs84(gcj02_to_bd09(g))) < 1e-3);
        }
    }
}
