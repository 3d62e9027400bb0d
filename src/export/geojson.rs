//! GeoJSON exports, as RFC 7946 asks: WGS84 longitude/latitude, polygon
//! exteriors counter-clockwise and holes clockwise (the right-hand rule),
//! properties from the same tables as the CSV (stable keys).

use super::tables::{self, Cell, Table};
use crate::report::PlanReport;
use crate::scenario::Scenario;
use geo::orient::{Direction, Orient};
use serde_json::{json, Map, Value};

fn properties(table: &Table, row: &[Cell]) -> Map<String, Value> {
    table
        .columns
        .iter()
        .zip(row)
        .map(|(c, v)| {
            let v = match v {
                Cell::Text(s) => json!(s),
                Cell::Number(x) => json!(x),
                Cell::Empty => Value::Null,
            };
            (c.key.to_string(), v)
        })
        .collect()
}

fn collection(features: Vec<Value>) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

/// The decisions as a FeatureCollection: a Point per facility decision, a
/// LineString from source to target per secondment.
pub fn decisions_geojson(r: &PlanReport) -> String {
    let table = tables::decisions(r, None);
    let features = r
        .decisions
        .iter()
        .zip(&table.rows)
        .map(|(d, row)| {
            let geometry = match &d.from {
                Some((_, _, from, _)) => json!({
                    "type": "LineString",
                    "coordinates": [from, d.location],
                }),
                None => json!({"type": "Point", "coordinates": d.location}),
            };
            json!({"type": "Feature", "geometry": geometry, "properties": properties(&table, row)})
        })
        .collect();
    collection(features)
}

fn multipolygon(a: &crate::scenario::Area) -> Value {
    let mp = a.to_geo().orient(Direction::Default);
    let polys: Vec<Vec<Vec<[f64; 2]>>> =
        mp.0.iter()
            .map(|p| {
                std::iter::once(ring(p.exterior()))
                    .chain(p.interiors().iter().map(ring))
                    .collect()
            })
            .collect();
    json!({"type": "MultiPolygon", "coordinates": polys})
}

/// The admin units as a FeatureCollection: each unit's outline carrying its
/// row of the indicators table.
pub fn indicators_geojson(s: &Scenario, r: &PlanReport) -> String {
    let table = tables::indicators(r, None);
    let features = r
        .units
        .iter()
        .zip(&table.rows)
        .map(|(u, row)| {
            let geometry = s
                .admin_unit(&u.id)
                .map(|a| multipolygon(&a.boundary))
                .unwrap_or(Value::Null);
            json!({"type": "Feature", "id": u.id, "geometry": geometry, "properties": properties(&table, row)})
        })
        .collect();
    collection(features)
}

fn ring(ls: &geo::LineString<f64>) -> Vec<[f64; 2]> {
    ls.0.iter().map(|c| [c.x, c.y]).collect()
}

/// The zones as a FeatureCollection: each zone's outline (a MultiPolygon,
/// right-hand rule) or, when it has none, its point; properties as in the
/// zones table (`before`: minutes per zone before the plan).
pub fn zones_geojson(s: &Scenario, r: &PlanReport, before: &[Option<f64>]) -> String {
    let table = tables::zones(s, r, before, None);
    let features = s
        .zones
        .iter()
        .zip(&table.rows)
        .map(|(z, row)| {
            let geometry = match &z.area {
                Some(a) => multipolygon(a),
                None => json!({"type": "Point", "coordinates": z.location}),
            };
            json!({"type": "Feature", "id": z.id, "geometry": geometry, "properties": properties(&table, row)})
        })
        .collect();
    collection(features)
}
