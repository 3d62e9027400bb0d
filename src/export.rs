//! Exports of a plan: decisions and per-unit indicators as CSV, decisions as
//! GeoJSON (points for facility decisions, lines for secondments). Plain
//! strings, so the app can offer them as downloads and the tests can parse them.

use crate::report::PlanReport;
use serde_json::{json, Value};

fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn num(x: f64) -> String {
    // Whole numbers without ".0"; others with up to 4 decimals.
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').to_string()
    }
}

/// Every decision, one row each:
/// `kind,facility_id,facility,admin_unit,specialty,quantity,cost_yuan,rule,from_id,from,minutes`.
///
/// ```
/// let s = healthreach::demo::weinan();
/// let r = healthreach::report::plan_report(&s, &Default::default());
/// assert!(healthreach::export::decisions_csv(&r).starts_with("kind,facility_id"));
/// ```
pub fn decisions_csv(r: &PlanReport) -> String {
    let rows = r
        .decisions
        .iter()
        .map(|d| {
            let (from_id, from, minutes) = match &d.from {
                Some((id, name, _, m)) => (id.clone(), name.clone(), num(*m)),
                None => Default::default(),
            };
            vec![
                d.kind.key().to_string(),
                d.facility_id.clone(),
                d.facility_name.clone(),
                d.unit_name.clone(),
                d.specialty.map(|s| s.key().to_string()).unwrap_or_default(),
                num(d.quantity),
                num(d.cost_yuan),
                d.rule.to_string(),
                from_id,
                from,
                minutes,
            ]
        })
        .collect();
    csv_text(
        &[
            "kind",
            "facility_id",
            "facility",
            "admin_unit",
            "specialty",
            "quantity",
            "cost_yuan",
            "rule",
            "from_id",
            "from",
            "minutes",
        ],
        rows,
    )
}

/// Per admin unit before and after:
/// `unit_id,unit,population,beds_per_1000_before,…_after,doctors_per_1000_before,…_after,coverage_before,coverage_after`.
pub fn indicators_csv(r: &PlanReport) -> String {
    let rows = r
        .units
        .iter()
        .map(|u| {
            vec![
                u.id.clone(),
                u.name.clone(),
                num(u.population),
                num(u.beds_per_1000.0),
                num(u.beds_per_1000.1),
                num(u.doctors_per_1000.0),
                num(u.doctors_per_1000.1),
                num(u.coverage.0),
                num(u.coverage.1),
            ]
        })
        .collect();
    csv_text(
        &[
            "unit_id",
            "unit",
            "population",
            "beds_per_1000_before",
            "beds_per_1000_after",
            "doctors_per_1000_before",
            "doctors_per_1000_after",
            "coverage_before",
            "coverage_after",
        ],
        rows,
    )
}

/// The decisions as a GeoJSON FeatureCollection (WGS84): a Point per
/// facility decision, a LineString from source to target per secondment.
pub fn decisions_geojson(r: &PlanReport) -> String {
    let features: Vec<Value> = r
        .decisions
        .iter()
        .map(|d| {
            let geometry = match &d.from {
                Some((_, _, from, _)) => json!({
                    "type": "LineString",
                    "coordinates": [from, d.location],
                }),
                None => json!({"type": "Point", "coordinates": d.location}),
            };
            json!({
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "kind": d.kind.key(),
                    "facility_id": d.facility_id,
                    "facility": d.facility_name,
                    "admin_unit": d.unit_name,
                    "specialty": d.specialty.map(|s| s.key()),
                    "quantity": d.quantity,
                    "cost_yuan": d.cost_yuan,
                    "rule": d.rule,
                    "from_id": d.from.as_ref().map(|f| f.0.clone()),
                },
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features}).to_string()
}
