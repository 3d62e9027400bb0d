//! A hexagon lattice clipped to a shape (in a local km projection): the
//! demand zones of the demo generator and of the importer.

use geo::{Area as _, BooleanOps, BoundingRect, InteriorPoint, Intersects};

/// A regular hexagon of circumradius `r` centred at (`cx`, `cy`), pointy side up.
pub fn hexagon(cx: f64, cy: f64, r: f64) -> geo::Polygon<f64> {
    let pts: Vec<(f64, f64)> = (0..=6)
        .map(|i| {
            let a = std::f64::consts::PI / 180.0 * (60.0 * (i % 6) as f64 - 30.0);
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    geo::Polygon::new(geo::LineString::from(pts), vec![])
}

/// The pieces of a global hexagon lattice (circumradius `r`, anchored at
/// 0,0 so hexes line up across shapes) inside `shape`: each piece, an
/// interior point and its area; pieces smaller than `min_area` are dropped.
///
/// ```
/// use healthreach::build::hexgrid::pieces;
/// let square = geo::MultiPolygon::new(vec![geo::Polygon::new(
///     geo::LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]), vec![])]);
/// let p = pieces(&square, 2.0, 0.25);
/// let total: f64 = p.iter().map(|x| x.2).sum();
/// assert!((total - 100.0).abs() < 1.0, "{total}");
/// ```
pub fn pieces(
    shape: &geo::MultiPolygon<f64>,
    r: f64,
    min_area: f64,
) -> Vec<(geo::MultiPolygon<f64>, (f64, f64), f64)> {
    let (dx, dy) = (3f64.sqrt() * r, 1.5 * r);
    let mut out = Vec::new();
    let Some(bb) = shape.bounding_rect() else {
        return out;
    };
    let row0 = (bb.min().y / dy).floor() as i64 - 1;
    let row1 = (bb.max().y / dy).ceil() as i64 + 1;
    for row in row0..=row1 {
        let off = if row.rem_euclid(2) == 1 {
            dx / 2.0
        } else {
            0.0
        };
        let col0 = ((bb.min().x - off) / dx).floor() as i64 - 1;
        let col1 = ((bb.max().x - off) / dx).ceil() as i64 + 1;
        for col in col0..=col1 {
            let (cx, cy) = (col as f64 * dx + off, row as f64 * dy);
            let hex = hexagon(cx, cy, r);
            if !hex.intersects(shape) {
                continue;
            }
            let piece = shape.intersection(&geo::MultiPolygon::new(vec![hex]));
            let area = piece.unsigned_area();
            if area < min_area {
                continue;
            }
            let Some(ip) = piece.interior_point() else {
                continue;
            };
            out.push((piece, (ip.x(), ip.y()), area));
        }
    }
    out
}
