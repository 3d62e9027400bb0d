//! Travel speeds: defaults per road class and mode, and the straight-line
//! fallback used when a scenario has no road network.

use crate::scenario::{Mode, ModeSpeeds, RoadClass, RoadNetwork};

/// Default speeds per road class (km/h). Expressways are closed to walking
/// and cycling. Planning assumptions, overridable per scenario
/// (`roads.class_speeds`) and per link (`roads.links[].speeds`).
///
/// | class | walk | bike | drive |
/// |---|---|---|---|
/// | expressway | 0 | 0 | 100 |
/// | national | 5 | 15 | 60 |
/// | provincial | 5 | 15 | 50 |
/// | county | 5 | 15 | 40 |
/// | village | 5 | 12 | 25 |
pub fn default_speeds(class: RoadClass) -> ModeSpeeds {
    let (walk_kmh, bike_kmh, drive_kmh) = match class {
        RoadClass::Expressway => (0.0, 0.0, 100.0),
        RoadClass::National => (5.0, 15.0, 60.0),
        RoadClass::Provincial => (5.0, 15.0, 50.0),
        RoadClass::County => (5.0, 15.0, 40.0),
        RoadClass::Village => (5.0, 12.0, 25.0),
    };
    ModeSpeeds {
        walk_kmh,
        bike_kmh,
        drive_kmh,
    }
}

/// The speed of `mode` in a [`ModeSpeeds`].
pub fn speed_of(s: &ModeSpeeds, mode: Mode) -> f64 {
    match mode {
        Mode::Walk => s.walk_kmh,
        Mode::Bike => s.bike_kmh,
        Mode::Drive => s.drive_kmh,
    }
}

/// Speed of `mode` on a road of `class` in `net` (scenario override or default).
pub fn class_speed(net: &RoadNetwork, class: RoadClass, mode: Mode) -> f64 {
    speed_of(
        net.class_speeds
            .get(&class)
            .unwrap_or(&default_speeds(class)),
        mode,
    )
}

/// Walking speed used to cross the gap between a zone or facility and its
/// nearest network node (km/h).
pub const ACCESS_WALK_KMH: f64 = 5.0;

/// Straight-line travel without a network: great-circle distance × detour
/// factor ÷ speed.
///
/// The detour (circuity) factor 1.3 is the typical ratio of road to
/// straight-line distance reported for regional road networks (about
/// 1.2–1.4; Ballou, Rahardja & Sakai 2002, "Selected country circuity
/// factors for road travel distance estimation", Transportation Research A 36).
/// Speeds are door-to-door averages: walk 5, bike 15, drive 40 km/h.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StraightLine {
    /// Road distance ÷ straight-line distance.
    pub detour_factor: f64,
    /// Average speed per mode (km/h).
    pub speeds: ModeSpeeds,
}

impl Default for StraightLine {
    fn default() -> Self {
        StraightLine {
            detour_factor: 1.3,
            speeds: ModeSpeeds {
                walk_kmh: 5.0,
                bike_kmh: 15.0,
                drive_kmh: 40.0,
            },
        }
    }
}

impl StraightLine {
    /// Minutes to cover `km` of straight-line distance by `mode`.
    ///
    /// ```
    /// use healthreach::access::speeds::StraightLine;
    /// use healthreach::scenario::Mode;
    /// // 10 km × 1.3 at 40 km/h = 19.5 minutes.
    /// assert!((StraightLine::default().minutes(10.0, Mode::Drive) - 19.5).abs() < 1e-9);
    /// ```
    pub fn minutes(&self, km: f64, mode: Mode) -> f64 {
        let v = speed_of(&self.speeds, mode);
        if v <= 0.0 {
            f64::INFINITY
        } else {
            km * self.detour_factor / v * 60.0
        }
    }
}

/// Great-circle distance (km) between two `[lon, lat]` positions.
///
/// ```
/// let d = healthreach::access::speeds::haversine_km([109.5, 34.5], [110.5, 34.5]);
/// assert!((d - 91.6).abs() < 0.5);
/// ```
pub fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(a[0], a[1]), Point::new(b[0], b[1])) / 1000.0
}
