//! A scenario written out as the files a planner works with — boundaries,
//! zones with their residents and positions (GeoJSON), facilities and
//! candidate sites (CSV), roads (GeoJSON), the travel-time table (long
//! CSV) — and the manifest naming them, so that importing the manifest
//! gives the same scenario back (`healthreach export-region`; the round
//! trip is tested), with each facility's medical community, telemedicine
//! hub, elderly-care beds and services. What the files do not carry is the
//! part a planner sets in the app: policy, expansion caps and upgrade costs
//! (defaults on import), specialists, per-link speed overrides.

use crate::scenario::*;

fn tier_key(t: Tier) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn csv_of(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(
            r.iter()
                .map(|c| crate::cell_text::escape(c))
                .collect::<Vec<_>>()
                .iter()
                .map(|c| c.as_ref()),
        );
    }
    w.into_inner().unwrap_or_default()
}

fn feature(props: serde_json::Value, geometry: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"type": "Feature", "properties": props, "geometry": geometry})
}

fn collection(features: Vec<serde_json::Value>) -> Vec<u8> {
    serde_json::json!({"type": "FeatureCollection", "features": features})
        .to_string()
        .into_bytes()
}

fn area_json(a: &Area) -> serde_json::Value {
    serde_json::json!({"type": "MultiPolygon", "coordinates": a.0})
}

/// The files (name, bytes) and the manifest (`manifest.json`, first).
pub fn region_files(s: &Scenario) -> Vec<(String, Vec<u8>)> {
    let unit_ref = |id: &str| {
        s.admin_units
            .iter()
            .find(|u| u.id == id)
            .map(|u| {
                if u.code.is_empty() {
                    u.name.clone()
                } else {
                    u.code.clone()
                }
            })
            .unwrap_or_default()
    };
    let units = collection(
        s.admin_units
            .iter()
            .map(|u| {
                feature(
                    serde_json::json!({"id": u.id, "code": u.code, "name": u.name}),
                    area_json(&u.boundary),
                )
            })
            .collect(),
    );
    let zones = collection(
        s.zones
            .iter()
            .map(|z| {
                let g = match &z.area {
                    Some(a) => area_json(a),
                    None => serde_json::json!({"type": "Point", "coordinates": z.location}),
                };
                feature(
                    serde_json::json!({"id": z.id, "population": z.population, "lon": z.location[0], "lat": z.location[1]}),
                    g,
                )
            })
            .collect(),
    );
    let facilities = csv_of(
        &[
            "机构代码",
            "机构名称",
            "机构类别",
            "床位数",
            "执业医师数",
            "经度",
            "纬度",
            "所属区县",
            "医共体牵头医院",
            "远程医疗中心",
            "医养结合床位",
            "服务项目",
        ],
        s.facilities.iter().map(|f| {
            vec![
                f.id.clone(),
                f.name.clone(),
                tier_key(f.tier),
                f.beds.to_string(),
                f.doctors.to_string(),
                f.location[0].to_string(),
                f.location[1].to_string(),
                unit_ref(&f.admin_unit),
                f.community.clone().unwrap_or_default(),
                f.telemedicine_hub.clone().unwrap_or_default(),
                f.elderly_care_beds.to_string(),
                f.services
                    .iter()
                    .map(|x| x.key())
                    .collect::<Vec<_>>()
                    .join("、"),
            ]
        }),
    );
    let sites = csv_of(
        &[
            "id", "name", "tier", "cost", "beds", "doctors", "lon", "lat", "unit",
        ],
        s.candidate_sites.iter().map(|c| {
            vec![
                c.id.clone(),
                c.name.clone(),
                tier_key(c.tier),
                c.cost_yuan.to_string(),
                c.beds.to_string(),
                c.doctors.to_string(),
                c.location[0].to_string(),
                c.location[1].to_string(),
                unit_ref(&c.admin_unit),
            ]
        }),
    );
    let mut manifest = serde_json::json!({
        "name": s.region.name,
        "units": {"path": "units.geojson", "id_field": "id", "name_field": "name"},
        "population": {"path": "zones.geojson"},
        "facilities": {"path": "facilities.csv", "crs": "wgs84", "encoding": "utf-8"},
        "zones": {"path": "zones.geojson", "id_field": "id", "population_field": "population"},
        "candidate_sites": {"path": "candidate_sites.csv", "crs": "wgs84", "encoding": "utf-8"},
    });
    let mut out = vec![
        ("units.geojson".to_string(), units),
        ("zones.geojson".to_string(), zones),
        ("facilities.csv".to_string(), facilities),
        ("candidate_sites.csv".to_string(), sites),
    ];
    if let Some(r) = &s.roads {
        let roads = collection(
            r.links
                .iter()
                .map(|l| {
                    feature(
                        serde_json::json!({"id": l.id, "class": serde_json::to_value(l.class).unwrap_or_default()}),
                        serde_json::json!({"type": "LineString", "coordinates": l.line}),
                    )
                })
                .collect(),
        );
        out.push(("roads.geojson".into(), roads));
        manifest["roads"] = serde_json::json!({"path": "roads.geojson", "class_field": "class", "class_speeds": r.class_speeds});
    }
    if let Some(t) = &s.travel_times {
        let table = csv_of(
            &["origin_id", "destination_id", "minutes"],
            t.entries
                .iter()
                .map(|e| vec![e.zone.clone(), e.site.clone(), e.minutes.to_string()]),
        );
        out.push(("travel_times.csv".into(), table));
        manifest["travel_table"] =
            serde_json::json!({"path": "travel_times.csv", "mode": t.mode, "encoding": "utf-8"});
    }
    if s.candidate_sites.is_empty() {
        manifest["candidate_sites"] = serde_json::json!({"generate": false});
        out.retain(|(n, _)| n != "candidate_sites.csv");
    }
    let m = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    out.insert(0, ("manifest.json".into(), m));
    out
}
