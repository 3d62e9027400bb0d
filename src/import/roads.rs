//! Road lines (GeoJSON or Shapefile) with a class attribute — OSM
//! `highway`, Geofabrik's `fclass`, or the Chinese administrative grades
//! (高速, 国道, 省道, 县道, 乡道, 村道) — mapped to the scenario's road classes
//! through an editable table; speeds per class and mode are the documented
//! defaults of [`crate::access::speeds::default_speeds`] unless the manifest
//! overrides them. Footpaths and cycleways become walk-and-bike links.

use super::manifest::Manifest;
use super::pipeline::Files;
use super::report::{At, Report};
use super::vector::{read_vector, VectorSpec};
use crate::scenario::{ModeSpeeds, RoadClass, RoadLink, RoadNetwork};
use std::collections::BTreeMap;

/// Most road links an import keeps (a province is about 1,000,000).
pub const MAX_LINKS: usize = 3_000_000;

/// What a class text becomes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RoadKind {
    /// A road of this class at its class speeds.
    Class(RoadClass),
    /// Paths closed to cars: village class, walk 5 and bike 12 km/h, no driving.
    Path,
    /// Not a road for travel to care (ferries, runways, construction…): left out.
    Skip,
}

/// The default table from class text (folded) to kind.
///
/// | text | class |
/// |---|---|
/// | motorway, motorway_link, 高速, 高速公路 | expressway |
/// | trunk, trunk_link, 国道 | national |
/// | primary, primary_link, 省道 | provincial |
/// | secondary, secondary_link, 县道 | county |
/// | tertiary, unclassified, residential, living_street, service, road, track*, 乡道, 村道, 专用公路, 城市道路 | village |
/// | footway, path, pedestrian, steps, cycleway, bridleway | walk-and-bike path |
/// | construction, proposed, raceway, busway, bus_guideway, platform, corridor, elevator, escape | left out |
pub fn default_kind(text: &str) -> Option<RoadKind> {
    use RoadClass::*;
    let t = super::cells::fold(text);
    let t = t.trim();
    if t.starts_with("track") {
        return Some(RoadKind::Class(Village));
    }
    Some(match t {
        "motorway" | "motorway_link" | "高速" | "高速公路" | "expressway" => {
            RoadKind::Class(Expressway)
        }
        "trunk" | "trunk_link" | "国道" | "national" => RoadKind::Class(National),
        "primary" | "primary_link" | "省道" | "provincial" => RoadKind::Class(Provincial),
        "secondary" | "secondary_link" | "县道" | "county" => RoadKind::Class(County),
        "tertiary" | "tertiary_link" | "unclassified" | "residential" | "living_street"
        | "service" | "road" | "乡道" | "村道" | "专用公路" | "城市道路" | "village" => {
            RoadKind::Class(Village)
        }
        "footway" | "path" | "pedestrian" | "steps" | "cycleway" | "bridleway" | "步行道" => {
            RoadKind::Path
        }
        "construction" | "proposed" | "raceway" | "busway" | "bus_guideway" | "platform"
        | "corridor" | "elevator" | "escape" | "abandoned" | "disused" => RoadKind::Skip,
        _ => return None,
    })
}

const CLASS_KEYS: &[&str] = &[
    "highway",
    "fclass",
    "class",
    "roadclass",
    "road_class",
    "道路等级",
    "等级",
    "技术等级",
    "行政等级",
    "type",
    "kind",
    "类型",
];

/// Reads the roads the manifest names into a network clipped to the
/// region's bounding box (with a margin of 0.1°).
pub(crate) fn read_roads(
    m: &Manifest,
    files: &dyn Files,
    bbox: [f64; 4],
    report: &mut Report,
) -> Option<RoadNetwork> {
    let r = m.roads.as_ref()?;
    let path = r.path.as_str();
    let mut table: BTreeMap<String, RoadKind> = BTreeMap::new();
    for (k, v) in &r.classes {
        table.insert(
            super::cells::fold(k),
            match v {
                Some(c) => RoadKind::Class(*c),
                None => RoadKind::Skip,
            },
        );
    }
    let margin = 0.1;
    let inside = |p: &[f64; 2]| {
        p[0] >= bbox[0] - margin
            && p[0] <= bbox[2] + margin
            && p[1] >= bbox[1] - margin
            && p[1] <= bbox[3] + margin
    };
    let mut links = Vec::new();
    let mut outside = 0u64;
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut unknown: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut too_many = false;
    let mut class_key_used: Option<String> = None;
    let spec = VectorSpec {
        crs: r.crs.as_deref(),
        encoding: r.encoding.as_deref(),
        layer: r.layer.as_deref(),
    };
    read_vector(files, path, spec, report, &mut |f, report| {
        let at = At {
            file: path,
            row: Some(f.number),
        };
        let class_text = match &r.class_field {
            Some(k) => f.get(k).map(str::to_string),
            None => CLASS_KEYS.iter().find_map(|k| {
                f.get(k).map(|v| {
                    class_key_used.get_or_insert_with(|| k.to_string());
                    v.to_string()
                })
            }),
        };
        let Some(class_text) = class_text.filter(|c| !c.is_empty()) else {
            report.rejected.push(at.entry(
                r.class_field.as_deref().unwrap_or("class"),
                "",
                "no road class".into(),
                "缺少道路等级".into(),
                "name the class attribute with roads.class_field",
            ));
            return;
        };
        let folded = super::cells::fold(&class_text);
        let kind = table
            .get(&folded)
            .copied()
            .or_else(|| default_kind(&class_text));
        let Some(kind) = kind else {
            let e = unknown.entry(class_text.clone()).or_insert((0, f.number));
            e.0 += 1;
            return;
        };
        let (class, speeds) = match kind {
            RoadKind::Skip => {
                *skipped.entry(class_text).or_default() += 1;
                return;
            }
            RoadKind::Class(c) => (c, None),
            RoadKind::Path => (
                RoadClass::Village,
                Some(ModeSpeeds {
                    walk_kmh: 5.0,
                    bike_kmh: 12.0,
                    drive_kmh: 0.0,
                }),
            ),
        };
        let lines: Vec<Vec<[f64; 2]>> = match &f.geometry {
            Some(geo::Geometry::LineString(l)) => vec![l.0.iter().map(|c| [c.x, c.y]).collect()],
            Some(geo::Geometry::MultiLineString(ml)) => {
                ml.0.iter()
                    .map(|l| l.0.iter().map(|c| [c.x, c.y]).collect())
                    .collect()
            }
            _ => {
                report.rejected.push(at.entry(
                    "geometry",
                    &class_text,
                    "the feature is not a line".into(),
                    "该要素不是线".into(),
                    "give roads as LineString or MultiLineString",
                ));
                return;
            }
        };
        let parts = lines.len();
        for (k, line) in lines.into_iter().enumerate() {
            let ok = |p: &[f64; 2]| {
                p[0].is_finite() && p[1].is_finite() && p[0].abs() <= 180.0 && p[1].abs() <= 90.0
            };
            if line.len() < 2 || !line.iter().all(ok) {
                report.rejected.push(at.entry(
                    "geometry",
                    &class_text,
                    "a line with fewer than two positions, or a position that is not a longitude/latitude".into(),
                    "线少于两个点，或有坐标不是经纬度".into(),
                    "check the file's coordinate system (roads.crs)",
                ));
                continue;
            }
            if !line.iter().any(inside) {
                outside += 1;
                continue;
            }
            if links.len() >= MAX_LINKS {
                too_many = true;
                return;
            }
            links.push(RoadLink {
                id: match (f.get("id").filter(|s| !s.is_empty()), parts) {
                    (Some(id), 1) => id.to_string(),
                    (Some(id), _) => format!("{id}-{}", k + 1),
                    (None, 1) => format!("r{}", f.number),
                    (None, _) => format!("r{}-{}", f.number, k + 1),
                },
                class,
                line,
                speeds,
            });
        }
    })?;
    for (text, (n, first)) in &unknown {
        report.rejected.push(At { file: path, row: Some(*first) }.entry(
            r.class_field.as_deref().or(class_key_used.as_deref()).unwrap_or("class"),
            text,
            format!("unknown road class ({n} feature(s), the first shown); left out"),
            format!("未知道路等级（{n} 个要素，显示第一个）；未导入"),
            "map it in roads.classes, e.g. \"classes\": {\"…\": \"county\"} (or null to leave it out)",
        ));
    }
    if too_many {
        report.rejected.push(
            At {
                file: path,
                row: None,
            }
            .entry(
                "",
                "",
                format!("more than {MAX_LINKS} road links; the rest were left out"),
                format!("道路超过 {MAX_LINKS} 段；其余未导入"),
                "give the main roads only, or bring a travel-time table from a routing engine",
            ),
        );
    }
    if outside > 0 {
        report.assume(
            format!(
                "{path}: {outside} line(s) entirely outside the region (0.1° margin) were left out"
            ),
            format!("{path}：{outside} 条完全位于本地区以外（外扩 0.1°）的线已略去"),
        );
    }
    for (text, n) in &skipped {
        report.assume(
            format!(
                "{path}: {n} line(s) of class {text:?} are not roads to care and were left out"
            ),
            format!("{path}：{n} 条等级为“{text}”的线不是就医道路，已略去"),
        );
    }
    if let Some(k) = &class_key_used {
        report.assume(
            format!("{path}: road class read from the attribute {k:?}"),
            format!("{path}：道路等级取自属性“{k}”"),
        );
    }
    report
        .totals
        .insert(format!("{path}: road links"), links.len().into());
    Some(RoadNetwork {
        class_speeds: r.class_speeds.clone(),
        links,
    })
}
