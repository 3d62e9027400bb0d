//! The base map's layers, prepared once per scenario: county outlines, zones
//! with their density and residents, facilities by tier with their beds and
//! doctors (the figures tooltips show).

use crate::scenario::geometry::bbox_of;
use crate::scenario::{Area, LonLat, Scenario, Tier};

/// A county outline and where to put its label.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyLayer {
    /// Admin unit id.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name (falls back to the Chinese).
    pub name_en: String,
    /// Boundary.
    pub boundary: Area,
    /// Label position: the interior point of the largest polygon.
    pub label_at: LonLat,
}

/// A zone to shade.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneLayer {
    /// Zone id (tooltips).
    pub id: String,
    /// Index of its county in [`MapLayers::counties`].
    pub county: Option<usize>,
    /// Residents.
    pub population: f64,
    /// Outline (zones without one are drawn as a dot at `location`).
    pub area: Option<Area>,
    /// Representative point.
    pub location: LonLat,
    /// Residents per km² (0 when the area is unknown).
    pub density: f64,
}

/// A facility marker.
#[derive(Debug, Clone, PartialEq)]
pub struct FacilityMarker {
    /// Site index (position in the scenario's facilities; travel-time site).
    pub site: u32,
    /// Facility id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Index of its county in [`MapLayers::counties`].
    pub county: Option<usize>,
    /// Beds (marker size).
    pub beds: f64,
    /// Doctors.
    pub doctors: f64,
    /// Position.
    pub location: LonLat,
    /// Tier (colour and size).
    pub tier: Tier,
}

/// Everything the base map draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayers {
    /// Bounding box of the region `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: [f64; 4],
    /// County outlines.
    pub counties: Vec<CountyLayer>,
    /// Zones.
    pub zones: Vec<ZoneLayer>,
    /// Facilities, lower tiers first so higher tiers are drawn on top.
    pub facilities: Vec<FacilityMarker>,
}

impl MapLayers {
    /// Prepares the layers of a (validated) scenario.
    pub fn of(s: &Scenario) -> MapLayers {
        use geo::{Area as _, InteriorPoint};
        let counties = s
            .admin_units
            .iter()
            .map(|u| {
                let mp = u.boundary.to_geo();
                let largest = mp.0.iter().max_by(|a, b| {
                    a.unsigned_area()
                        .partial_cmp(&b.unsigned_area())
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
                let label_at = largest
                    .and_then(|p| p.interior_point())
                    .map(|p| [p.x(), p.y()])
                    .unwrap_or([0.0, 0.0]);
                CountyLayer {
                    id: u.id.clone(),
                    name: u.name.clone(),
                    name_en: u.name_en.clone().unwrap_or_else(|| u.name.clone()),
                    boundary: u.boundary.clone(),
                    label_at,
                }
            })
            .collect();
        let county_of = |id: &str| s.admin_units.iter().position(|u| u.id == id);
        let zones = s
            .zones
            .iter()
            .map(|z| {
                let km2 = z.area.as_ref().map_or(0.0, Area::area_km2);
                ZoneLayer {
                    id: z.id.clone(),
                    county: county_of(&z.admin_unit),
                    population: z.population,
                    area: z.area.clone(),
                    location: z.location,
                    density: if km2 > 0.0 { z.population / km2 } else { 0.0 },
                }
            })
            .collect();
        let mut facilities: Vec<FacilityMarker> = s
            .facilities
            .iter()
            .enumerate()
            .map(|(i, f)| FacilityMarker {
                site: i as u32,
                id: f.id.clone(),
                name: f.name.clone(),
                county: county_of(&f.admin_unit),
                beds: f.beds,
                doctors: f.doctors,
                location: f.location,
                tier: f.tier,
            })
            .collect();
        facilities.sort_by_key(|f| f.tier);
        let bbox = bbox_of(s.admin_units.iter().flat_map(|u| u.boundary.positions()))
            .or_else(|| bbox_of(s.zones.iter().map(|z| &z.location)))
            .unwrap_or([0.0, 0.0, 1.0, 1.0]);
        MapLayers {
            bbox,
            counties,
            zones,
            facilities,
        }
    }
}
