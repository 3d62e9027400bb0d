//! Geometry as it is stored in a scenario: GeoJSON-style coordinate arrays in
//! WGS84 degrees, convertible to [`geo`] types for computation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A position `[longitude, latitude]` in WGS84 degrees (GeoJSON order).
pub type LonLat = [f64; 2];

/// A closed ring of positions (first == last), as in GeoJSON.
pub type Ring = Vec<LonLat>;

/// A polygon or multipolygon, stored as GeoJSON `MultiPolygon` coordinates:
/// polygons → rings (exterior first, then holes) → positions.
///
/// ```
/// use healthreach::scenario::Area;
/// let square = Area(vec![vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]]);
/// let mp = square.to_geo();
/// assert_eq!(mp.0.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Area(pub Vec<Vec<Ring>>);

impl Area {
    /// Converts to a [`geo::MultiPolygon`] (no validation).
    pub fn to_geo(&self) -> geo::MultiPolygon<f64> {
        geo::MultiPolygon::new(
            self.0
                .iter()
                .filter(|rings| !rings.is_empty())
                .map(|rings| {
                    let ring = |r: &Ring| {
                        geo::LineString::from(r.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>())
                    };
                    geo::Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect())
                })
                .collect(),
        )
    }

    /// Builds from a [`geo::MultiPolygon`].
    pub fn from_geo(mp: &geo::MultiPolygon<f64>) -> Area {
        let ring = |ls: &geo::LineString<f64>| ls.coords().map(|c| [c.x, c.y]).collect::<Ring>();
        Area(
            mp.0.iter()
                .map(|p| {
                    std::iter::once(ring(p.exterior()))
                        .chain(p.interiors().iter().map(ring))
                        .collect()
                })
                .collect(),
        )
    }

    /// Every position of every ring.
    pub fn positions(&self) -> impl Iterator<Item = &LonLat> {
        self.0.iter().flatten().flatten()
    }

    /// Area on the Earth's surface (km²), by the Chamberlain–Duquette
    /// spherical approximation (well under 1% error at county scale).
    pub fn area_km2(&self) -> f64 {
        use geo::ChamberlainDuquetteArea;
        self.to_geo().chamberlain_duquette_unsigned_area() / 1e6
    }

    /// Bounding box `[min_lon, min_lat, max_lon, max_lat]`, or `None` when empty.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        bbox_of(self.positions())
    }
}

/// Bounding box `[min_lon, min_lat, max_lon, max_lat]` of finite positions.
pub fn bbox_of<'a>(points: impl Iterator<Item = &'a LonLat>) -> Option<[f64; 4]> {
    let mut b: Option<[f64; 4]> = None;
    for p in points.filter(|p| p[0].is_finite() && p[1].is_finite()) {
        b = Some(match b {
            None => [p[0], p[1], p[0], p[1]],
            Some(b) => [
                b[0].min(p[0]),
                b[1].min(p[1]),
                b[2].max(p[0]),
                b[3].max(p[1]),
            ],
        });
    }
    b
}
