//! Fitting WGS84 longitude/latitude into a canvas of `width × height` pixels.

use crate::scenario::LonLat;

/// An equirectangular projection scaled by cos(latitude) at the centre, so
/// shapes keep their proportions at county and prefecture scale, fitted into
/// a canvas with a margin.
///
/// ```
/// use healthreach::view::viewport::Viewport;
/// let v = Viewport::fit([109.0, 34.0, 111.0, 36.0], 800.0, 600.0, 10.0);
/// let (x, y) = v.to_px([110.0, 35.0]);
/// assert!((x - 400.0).abs() < 1e-9 && (y - 300.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    lon0: f64,
    lat0: f64,
    kx: f64,
    /// Pixels per degree of latitude.
    scale: f64,
    cx: f64,
    cy: f64,
}

impl Viewport {
    /// Fits `bbox` = `[min_lon, min_lat, max_lon, max_lat]` into the canvas,
    /// leaving `margin` pixels on every side.
    pub fn fit(bbox: [f64; 4], width: f64, height: f64, margin: f64) -> Viewport {
        Viewport::fit_insets(bbox, width, height, [margin; 4])
    }

    /// Like [`Viewport::fit`] with separate insets `[top, right, bottom, left]`
    /// (pixels), e.g. to keep a legend clear of the map.
    pub fn fit_insets(bbox: [f64; 4], width: f64, height: f64, insets: [f64; 4]) -> Viewport {
        let [top, right, bottom, left] = insets;
        let lon0 = (bbox[0] + bbox[2]) / 2.0;
        let lat0 = (bbox[1] + bbox[3]) / 2.0;
        let kx = lat0.to_radians().cos();
        let w_deg = ((bbox[2] - bbox[0]) * kx).max(1e-9);
        let h_deg = (bbox[3] - bbox[1]).max(1e-9);
        let avail_w = (width - left - right).max(1.0);
        let avail_h = (height - top - bottom).max(1.0);
        let scale = (avail_w / w_deg).min(avail_h / h_deg);
        Viewport {
            lon0,
            lat0,
            kx,
            scale,
            cx: left + avail_w / 2.0,
            cy: top + avail_h / 2.0,
        }
    }

    /// Canvas pixel of a position (y grows downwards).
    pub fn to_px(self, p: LonLat) -> (f64, f64) {
        (
            self.cx + (p[0] - self.lon0) * self.kx * self.scale,
            self.cy - (p[1] - self.lat0) * self.scale,
        )
    }

    /// Position of a canvas pixel (inverse of [`Viewport::to_px`]).
    pub fn to_lonlat(self, x: f64, y: f64) -> LonLat {
        [
            self.lon0 + (x - self.cx) / (self.kx * self.scale),
            self.lat0 - (y - self.cy) / self.scale,
        ]
    }

    /// `[lon0, lat0, kx, scale, cx, cy]`: the projection's centre, its
    /// cos(latitude) factor, pixels per degree of latitude and the centre
    /// pixel — enough to redo [`Viewport::to_px`] elsewhere (the map
    /// publishes them for end-to-end tests).
    pub fn params(self) -> [f64; 6] {
        [self.lon0, self.lat0, self.kx, self.scale, self.cx, self.cy]
    }

    /// Kilometres per pixel (for scale bars).
    pub fn km_per_px(self) -> f64 {
        110.574 / self.scale
    }
}

impl Viewport {
    /// Zooms by `factor` keeping the point under pixel `(x, y)` where it is.
    ///
    /// ```
    /// use healthreach::view::viewport::Viewport;
    /// let v = Viewport::fit([109.0, 34.0, 111.0, 36.0], 800.0, 600.0, 10.0);
    /// let p = v.to_lonlat(300.0, 200.0);
    /// let z = v.zoomed(2.0, 300.0, 200.0);
    /// let (x, y) = z.to_px(p);
    /// assert!((x - 300.0).abs() < 1e-6 && (y - 200.0).abs() < 1e-6);
    /// ```
    pub fn zoomed(self, factor: f64, x: f64, y: f64) -> Viewport {
        let keep = self.to_lonlat(x, y);
        let mut v = self;
        v.scale *= factor;
        let (nx, ny) = v.to_px(keep);
        v.cx += x - nx;
        v.cy += y - ny;
        v
    }

    /// Moves the map by `(dx, dy)` pixels.
    pub fn panned(self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            cx: self.cx + dx,
            cy: self.cy + dy,
            ..self
        }
    }
}

/// A scale bar close to `target_px` pixels long at `km_per_px`: its length
/// in kilometres (1, 2 or 5 × a power of ten) and in pixels.
///
/// ```
/// use healthreach::view::viewport::scale_bar;
/// let (km, px) = scale_bar(0.37, 100.0);
/// assert_eq!(km, 20.0);
/// assert!((px - 20.0 / 0.37).abs() < 1e-9);
/// assert_eq!(scale_bar(0.004, 100.0).0, 0.2);
/// ```
pub fn scale_bar(km_per_px: f64, target_px: f64) -> (f64, f64) {
    let want = (km_per_px * target_px).max(1e-9);
    let p = 10f64.powf(want.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .iter()
        .map(|m| m * p)
        .find(|&k| k <= want)
        .unwrap_or(p);
    // Tidy binary noise (0.2 not 0.20000000000000004).
    let km = (km / p).round() * p;
    let km = format!("{km:.6}").parse().unwrap_or(km);
    (km, km / km_per_px)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_the_box_inside_the_canvas() {
        let b = [109.3, 34.2, 110.7, 35.8];
        let v = Viewport::fit(b, 640.0, 480.0, 12.0);
        for p in [[b[0], b[1]], [b[2], b[3]], [110.0, 35.0]] {
            let (x, y) = v.to_px(p);
            assert!((-1e-6..=640.0 + 1e-6).contains(&x), "x {x}");
            assert!((12.0 - 1e-6..=480.0 - 12.0 + 1e-6).contains(&y), "y {y}");
            let q = v.to_lonlat(x, y);
            assert!((q[0] - p[0]).abs() < 1e-9 && (q[1] - p[1]).abs() < 1e-9);
        }
        // Insets move the centre.
        let w = Viewport::fit_insets(b, 640.0, 480.0, [10.0, 240.0, 10.0, 10.0]);
        let (x, _) = w.to_px([b[2], 35.0]);
        assert!(x <= 640.0 - 240.0 + 1e-6, "right edge {x} clears the inset");
        // North is up.
        assert!(v.to_px([110.0, 35.5]).1 < v.to_px([110.0, 35.0]).1);
    }
}
