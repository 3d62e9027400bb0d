//! A local equirectangular projection to kilometres, accurate to well under
//! 1% across a prefecture-sized region; used for hex grids and distances.

use crate::scenario::LonLat;

/// Degrees ↔ km about a centre point.
#[derive(Clone, Copy)]
pub struct Local {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

impl Local {
    /// Centred on the middle of `bbox` = [min_lon, min_lat, max_lon, max_lat].
    pub fn around(bbox: &[f64; 4]) -> Local {
        let lon0 = (bbox[0] + bbox[2]) / 2.0;
        let lat0 = (bbox[1] + bbox[3]) / 2.0;
        Local {
            lon0,
            lat0,
            kx: 111.320 * lat0.to_radians().cos(),
            ky: 110.574,
        }
    }

    /// `[lon, lat]` → (x, y) km east and north of the centre.
    pub fn to_km(self, p: LonLat) -> (f64, f64) {
        ((p[0] - self.lon0) * self.kx, (p[1] - self.lat0) * self.ky)
    }

    /// (x, y) km → `[lon, lat]`, rounded to 1e-5°.
    pub fn to_lonlat(self, x: f64, y: f64) -> LonLat {
        [
            round6(self.lon0 + x / self.kx),
            round6(self.lat0 + y / self.ky),
        ]
    }

    /// Latitude of a projected point.
    pub fn lat(self, y: f64) -> f64 {
        self.lat0 + y / self.ky
    }
}

/// Rounds degrees to 1e-5 (about 1 m), which keeps the embedded file small.
pub fn round6(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

/// Euclidean distance between projected points (km).
pub fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}
