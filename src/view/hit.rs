//! What is under the pointer: the facility marker or the zone at a map
//! position, found with R-trees (rstar) over the layers, so hovering stays
//! fast on regions with thousands of zones and facilities.

use super::map_layers::MapLayers;
use crate::scenario::LonLat;
use geo::{Contains, MultiPolygon, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;

/// A hit: an index into [`MapLayers::facilities`] or [`MapLayers::zones`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A facility marker.
    Facility(usize),
    /// A zone.
    Zone(usize),
}

/// Spatial indexes over a map's facilities and zones.
///
/// Positions are indexed as `[lon · cos(lat₀), lat]`, so distances are in
/// degrees of latitude in every direction, like the map's projection.
///
/// ```
/// use healthreach::view::{hit::{Hit, HitIndex}, map_layers::MapLayers};
/// let s = healthreach::demo::weinan();
/// let layers = MapLayers::of(&s);
/// let index = HitIndex::new(&layers);
/// let f = &layers.facilities[layers.facilities.len() - 1];
/// // On a marker's centre, at 0.001° per pixel with 8-pixel markers:
/// assert!(matches!(index.at(f.location, 0.001, |_| 8.0), Some(Hit::Facility(_))));
/// ```
pub struct HitIndex {
    kx: f64,
    facilities: RTree<GeomWithData<[f64; 2], usize>>,
    zone_boxes: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    zone_shapes: Vec<Option<MultiPolygon<f64>>>,
    zone_points: RTree<GeomWithData<[f64; 2], usize>>,
}

impl HitIndex {
    /// Indexes the layers' facilities and zones.
    pub fn new(l: &MapLayers) -> HitIndex {
        let kx = ((l.bbox[1] + l.bbox[3]) / 2.0).to_radians().cos();
        let at = |p: LonLat| [p[0] * kx, p[1]];
        let facilities = RTree::bulk_load(
            l.facilities
                .iter()
                .enumerate()
                .map(|(i, f)| GeomWithData::new(at(f.location), i))
                .collect(),
        );
        let mut boxes = Vec::new();
        let mut points = Vec::new();
        let mut shapes = Vec::with_capacity(l.zones.len());
        for (i, z) in l.zones.iter().enumerate() {
            let outline = z.area.as_ref().map(|a| a.to_geo());
            let corners = z.area.as_ref().and_then(|a| {
                let mut it = a.positions().map(|p| at(*p));
                let first = it.next()?;
                Some(it.fold((first, first), |(lo, hi), q| {
                    (
                        [lo[0].min(q[0]), lo[1].min(q[1])],
                        [hi[0].max(q[0]), hi[1].max(q[1])],
                    )
                }))
            });
            match corners {
                Some((lo, hi)) => boxes.push(GeomWithData::new(Rectangle::from_corners(lo, hi), i)),
                None => points.push(GeomWithData::new(at(z.location), i)),
            }
            shapes.push(outline);
        }
        HitIndex {
            kx,
            facilities,
            zone_boxes: RTree::bulk_load(boxes),
            zone_shapes: shapes,
            zone_points: RTree::bulk_load(points),
        }
    }

    /// The facility whose marker covers `p` (the one drawn on top when
    /// markers overlap; else the nearest within 3 pixels of its edge), else
    /// the zone containing `p` (or, for zones drawn as dots, within 4
    /// pixels of it).
    ///
    /// `deg_per_px` is the map's scale (degrees of latitude per pixel) and
    /// `radius_px(i)` the marker radius of facility `i` in pixels.
    pub fn at(&self, p: LonLat, deg_per_px: f64, radius_px: impl Fn(usize) -> f64) -> Option<Hit> {
        let q = [p[0] * self.kx, p[1]];
        let reach = (LARGEST_MARKER_PX + 3.0) * deg_per_px;
        // Markers are drawn in index order, so among those under the
        // pointer the highest index is the one on top; failing that, the
        // nearest within 3 pixels of its edge.
        let mut on_top: Option<usize> = None;
        let mut nearest: Option<(f64, usize)> = None;
        for c in self.facilities.locate_within_distance(q, reach * reach) {
            let d = dist(*c.geom(), q) / deg_per_px;
            let r = radius_px(c.data);
            if d <= r && on_top.is_none_or(|t| c.data > t) {
                on_top = Some(c.data);
            }
            if d <= r + 3.0 && nearest.is_none_or(|(b, _)| d < b) {
                nearest = Some((d, c.data));
            }
        }
        if let Some(i) = on_top.or(nearest.map(|(_, i)| i)) {
            return Some(Hit::Facility(i));
        }
        let point = Point::new(p[0], p[1]);
        if let Some(z) = self
            .zone_boxes
            .locate_all_at_point(&q)
            .map(|b| b.data)
            .filter(|&i| {
                self.zone_shapes[i]
                    .as_ref()
                    .is_some_and(|s| s.contains(&point))
            })
            // Zones are drawn in index order: the last one is on top.
            .max()
        {
            return Some(Hit::Zone(z));
        }
        let near = 4.0 * deg_per_px;
        self.zone_points
            .nearest_neighbor(&q)
            .filter(|n| dist(*n.geom(), q) <= near)
            .map(|n| Hit::Zone(n.data))
    }
}

/// Markers are never drawn larger than this (pixels; see `palette::facility_radius`).
const LARGEST_MARKER_PX: f64 = 20.0;

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}
