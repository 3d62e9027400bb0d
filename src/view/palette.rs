//! Colours and sizes used by the map, one place for both the canvas and the legend.

use crate::scenario::Tier;

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// Density classes for the zone shading (residents per km², lower bounds)
/// and their colours, light to dark (a sequential yellow–red ramp).
pub const DENSITY_CLASSES: [(f64, Rgb); 6] = [
    (0.0, (255, 247, 220)),
    (100.0, (254, 227, 160)),
    (250.0, (253, 190, 110)),
    (500.0, (246, 140, 70)),
    (1_000.0, (222, 84, 44)),
    (3_000.0, (165, 30, 30)),
];

/// Colour of a zone with `density` residents per km².
///
/// ```
/// use healthreach::view::palette::{density_colour, DENSITY_CLASSES};
/// assert_eq!(density_colour(50.0), DENSITY_CLASSES[0].1);
/// assert_eq!(density_colour(5_000.0), DENSITY_CLASSES[5].1);
/// ```
pub fn density_colour(density: f64) -> Rgb {
    DENSITY_CLASSES
        .iter()
        .rev()
        .find(|(lo, _)| density >= *lo)
        .map(|(_, c)| *c)
        .unwrap_or(DENSITY_CLASSES[0].1)
}

/// Marker colour of a tier.
pub fn tier_colour(tier: Tier) -> Rgb {
    match tier {
        Tier::VillageClinic => (46, 125, 50),
        Tier::TownshipHealthCentre => (21, 101, 192),
        Tier::CommunityHealthCentre => (0, 150, 160),
        Tier::CountyHospital => (106, 27, 154),
        Tier::CityHospital => (230, 120, 0),
        Tier::TertiaryHospital => (200, 0, 40),
    }
}

/// Marker radius of a tier (pixels), larger for higher tiers.
pub fn tier_radius(tier: Tier) -> f64 {
    match tier {
        Tier::VillageClinic => 1.5,
        Tier::TownshipHealthCentre => 3.5,
        Tier::CommunityHealthCentre => 3.5,
        Tier::CountyHospital => 6.0,
        Tier::CityHospital => 7.0,
        Tier::TertiaryHospital => 8.5,
    }
}

/// Marker radius of a facility (pixels): its tier's size, grown with the
/// square root of its beds so area follows capacity; at most 16.
///
/// ```
/// use healthreach::scenario::Tier;
/// use healthreach::view::palette::facility_radius;
/// assert!(facility_radius(Tier::CountyHospital, 800.0) > facility_radius(Tier::CountyHospital, 200.0));
/// assert!(facility_radius(Tier::TertiaryHospital, 1e6) <= 16.0);
/// ```
pub fn facility_radius(tier: Tier, beds: f64) -> f64 {
    (tier_radius(tier) + (beds.max(0.0) / 100.0).sqrt()).min(16.0)
}

/// CSS `rgb(...)` text of a colour.
pub fn css(c: Rgb) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// Travel-time classes for the access layer (minutes, upper bounds) and their
/// colours: greens within the 15-minute goal, oranges to reds beyond it.
pub const MINUTE_CLASSES: [(f64, Rgb); 6] = [
    (5.0, (0, 104, 55)),
    (10.0, (49, 163, 84)),
    (15.0, (173, 221, 142)),
    (30.0, (254, 196, 79)),
    (60.0, (236, 112, 20)),
    (f64::INFINITY, (153, 52, 4)),
];

/// Colour of a zone whose nearest service point is `minutes` away
/// (`None` = unreachable within the search bound).
///
/// ```
/// use healthreach::view::palette::{minutes_colour, MINUTE_CLASSES, UNREACHABLE};
/// assert_eq!(minutes_colour(Some(3.0)), MINUTE_CLASSES[0].1);
/// assert_eq!(minutes_colour(Some(15.0)), MINUTE_CLASSES[2].1);
/// assert_eq!(minutes_colour(None), UNREACHABLE);
/// ```
pub fn minutes_colour(minutes: Option<f64>) -> Rgb {
    match minutes {
        None => UNREACHABLE,
        Some(m) => MINUTE_CLASSES
            .iter()
            .find(|(upto, _)| m <= *upto)
            .map_or(UNREACHABLE, |(_, c)| *c),
    }
}

/// Colour of zones with no service point within the search bound.
pub const UNREACHABLE: Rgb = (110, 110, 110);

/// Zones within the coverage threshold, and beyond it.
pub const COVERED: Rgb = (49, 163, 84);
/// See [`COVERED`].
pub const NOT_COVERED: Rgb = (236, 112, 20);

/// E2SFCA classes (doctors per 1,000 residents reachable, lower bounds) and
/// their colours, light to dark (a sequential blue ramp).
pub const E2SFCA_CLASSES: [(f64, Rgb); 6] = [
    (0.0, (240, 244, 250)),
    (0.5, (198, 219, 239)),
    (1.0, (158, 202, 225)),
    (2.0, (107, 174, 214)),
    (3.0, (49, 130, 189)),
    (5.0, (8, 81, 156)),
];

/// Colour of a zone with E2SFCA accessibility `a`.
///
/// ```
/// use healthreach::view::palette::{e2sfca_colour, E2SFCA_CLASSES};
/// assert_eq!(e2sfca_colour(0.2), E2SFCA_CLASSES[0].1);
/// assert_eq!(e2sfca_colour(2.5), E2SFCA_CLASSES[3].1);
/// ```
pub fn e2sfca_colour(a: f64) -> Rgb {
    E2SFCA_CLASSES
        .iter()
        .rev()
        .find(|(lo, _)| a >= *lo)
        .map_or(E2SFCA_CLASSES[0].1, |(_, c)| *c)
}

/// Fill of a 15-minute catchment drawn over the zones (with transparency).
pub const CATCHMENT: Rgb = (37, 99, 235);
