//! From a manifest and its files to a scenario and a report: boundaries
//! (GeoJSON), residents per unit and facilities (CSV or XLSX), then demand zones
//! built as hexagons clipped to the units with each unit's residents
//! apportioned by area (whole persons, each unit's total kept exactly). The
//! result passes the scenario validator; nothing is produced when it does
//! not, or — with `strict` — when any row was rejected.

use super::facilities::read_facilities;
use super::manifest::Manifest;
use super::population::read_population;
use super::report::{At, Report};
use super::tabular::file_error;
use super::units::read_units;
use crate::build::apportion::apportion;
use crate::build::hexgrid::pieces;
use crate::build::projection::Local;
use crate::scenario::*;

/// Most demand zones an import builds (a province at 2 km is about 100,000).
pub const MAX_ZONES: usize = 300_000;

/// Where the importer gets a file's bytes (the CLI: the file system next to
/// the manifest; the browser: the dropped files).
pub trait Files {
    /// The bytes of the file the manifest names `path`.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
}

/// Options beyond the manifest.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Produce no scenario when any row was rejected.
    pub strict: bool,
}


/// Runs the import. Returns the scenario (when one could be built within the
/// chosen strictness) and the report, always.
pub fn import(m: &Manifest, files: &dyn Files, opts: ImportOptions) -> (Option<Scenario>, Report) {
    let mut report = Report::default();
    let scenario = build(m, files, opts, &mut report);
    (scenario, report)
}


fn build(
    m: &Manifest,
    files: &dyn Files,
    opts: ImportOptions,
    report: &mut Report,
) -> Option<Scenario> {
    for (what, f) in [
        ("roads", &m.roads),
        ("travel_table", &m.travel_table),
        ("candidate_sites", &m.candidate_sites),
    ] {
        if let Some(f) = f {
            report.rejected.push(At { file: &f.path, row: None }.entry(what, "", format!("{what} files are not read by this version of the importer; the file is left out"), format!("本版导入程序尚不读取 {what} 文件；该文件未导入"), "travel times fall back to straight lines; add the file again once the importer reads it"));
        }
    }
    let units = read_units(m, files, report)?;
    if units.is_empty() {
        return file_error(
            report,
            &m.units.path,
            "no unit could be read".into(),
            "未能读取任何单元".into(),
            "see the rows above",
        );
    }
    let pops = read_population(m, files, &units, report)?;
    let facilities = read_facilities(m, files, &units, report)?;
    let hex_km = m.zones.as_ref().and_then(|z| z.hex_km).unwrap_or(2.0);
    if !(0.2..=50.0).contains(&hex_km) {
        return file_error(
            report,
            "manifest",
            format!("zones.hex_km = {hex_km}: give 0.2 to 50 km"),
            format!("zones.hex_km = {hex_km}：请填 0.2 到 50 公里"),
            "2 km suits a county",
        );
    }
    let bbox = crate::scenario::geometry::bbox_of(units.iter().flat_map(|u| u.area.positions()))?;
    let proj = Local::around(&bbox);
    // Zones are built per unit: bound their number before building any.
    let hex_area = 3f64.sqrt() / 2.0 * hex_km * hex_km;
    let estimate: f64 = units
        .iter()
        .filter_map(|u| u.area.bbox())
        .map(|b| {
            let (x0, y0) = proj.to_km([b[0], b[1]]);
            let (x1, y1) = proj.to_km([b[2], b[3]]);
            ((x1 - x0).abs() + hex_km) * ((y1 - y0).abs() + hex_km) / hex_area
        })
        .sum();
    if estimate > MAX_ZONES as f64 {
        return file_error(
            report,
            &m.units.path,
            format!("the units span so much ground that {hex_km} km hexagons would make about {estimate:.0} zones, more than {MAX_ZONES}"),
            format!("各单元范围过大，{hex_km} 公里六边形将产生约 {estimate:.0} 个分区，超过 {MAX_ZONES}"),
            "give a larger zones.hex_km, or check that the boundaries are in longitude/latitude",
        );
    }
    let mut zones = Vec::new();
    let mut admin_units = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let (pop, children, aged) = pops.get(&ui).copied().unwrap_or((0.0, None, None));
        if !pops.contains_key(&ui) {
            report.warnings.push(
                At {
                    file: &m.population.path,
                    row: None,
                }
                .entry(
                    "",
                    &u.name,
                    format!("no population row for {}; it has 0 residents", u.name),
                    format!("{} 没有人口行；按 0 人计", u.name),
                    "add a row for it",
                ),
            );
        }
        let km = u.area.to_geo().map_coords(|c| {
            let (x, y) = proj.to_km([c.x, c.y]);
            geo::coord! { x: x, y: y }
        });
        // Hexagon "across flats" hex_km: circumradius hex_km / √3.
        let mut ps = pieces(&km, hex_km / 3f64.sqrt(), 0.0);
        if ps.is_empty() {
            use geo::InteriorPoint;
            if let Some(ip) = km.interior_point() {
                ps.push((km.clone(), (ip.x(), ip.y()), 1.0));
            }
        }
        let weights: Vec<f64> = ps.iter().map(|p| p.2).collect();
        let split =
            |total: Option<f64>| total.map(|t| apportion(t.round().max(0.0) as u64, &weights));
        let (people, kids, old) = (
            split(Some(pop)).unwrap_or_default(),
            split(children),
            split(aged),
        );
        for (k, (shape, loc, _)) in ps.into_iter().enumerate() {
            let wgs = shape.map_coords(|c| {
                let [x, y] = proj.to_lonlat(c.x, c.y);
                geo::coord! { x: x, y: y }
            });
            zones.push(DemandZone {
                id: format!("z{}-{:04}", u.id, k + 1),
                admin_unit: u.id.clone(),
                location: proj.to_lonlat(loc.0, loc.1),
                area: Some(Area::from_geo(&wgs)),
                population: people.get(k).copied().unwrap_or(0) as f64,
                age_groups: match (&kids, &old) {
                    (Some(a), Some(b)) => Some(AgeGroups {
                        children_0_14: a[k] as f64,
                        aged_65_plus: b[k] as f64,
                    }),
                    _ => None,
                },
            });
        }
        admin_units.push(AdminUnit {
            id: u.id.clone(),
            name: u.name.clone(),
            name_en: None,
            code: u.code.clone(),
            boundary: u.area.clone(),
            population: pop.round(),
        });
    }
    use geo::MapCoords;
    let mut sources = vec![
        DataSource { part: "admin_units.boundary".into(), real: true, description: format!("imported from {}", m.units.path), description_zh: Some(format!("导入自 {}", m.units.path)) },
        DataSource { part: "admin_units.population".into(), real: true, description: format!("imported from {}", m.population.path), description_zh: Some(format!("导入自 {}", m.population.path)) },
        DataSource { part: "zones".into(), real: false, description: format!("synthesized: hexagons {hex_km} km across clipped to the units; each unit's residents apportioned by area in whole persons (totals kept exactly)"), description_zh: Some(format!("合成：{hex_km} 公里六边形按单元裁剪；各单元人口按面积分配为整数（总数不变）")) },
        DataSource { part: "facilities".into(), real: true, description: format!("imported from {}", m.facilities.path), description_zh: Some(format!("导入自 {}", m.facilities.path)) },
    ];
    sources.push(DataSource { part: "facilities.expansion".into(), real: false, description: "planning assumption: hospitals may add 30% of their beds and doctors; township and community centres 50% (at least 10 beds, 3 doctors); village clinics 1 doctor".into(), description_zh: Some("规划假设：医院可增加 30% 的床位与医师；乡镇卫生院与社区卫生服务中心 50%（至少 10 张床位、3 名医师）；村卫生室 1 名医师".into()) });
    if report
        .warnings
        .iter()
        .any(|w| w.reason.starts_with("filled from the median"))
    {
        sources.push(DataSource { part: "facilities.beds, facilities.doctors (some)".into(), real: false, description: "synthesized where missing: the median of the facility's tier (see the import report)".into(), description_zh: Some("缺失处为合成：同层级中位数（见导入报告）".into()) });
    }
    let s = Scenario {
        format: FORMAT.into(),
        region: Region {
            name: m.name.clone().unwrap_or_else(|| "imported region".into()),
            name_en: None,
            crs: "EPSG:4326".into(),
        },
        sources,
        admin_units,
        zones,
        facilities,
        candidate_sites: vec![],
        roads: None,
        travel_times: None,
        policy: Policy::default(),
    };
    report
        .totals
        .insert("admin_units".into(), s.admin_units.len().into());
    report.totals.insert("zones".into(), s.zones.len().into());
    report
        .totals
        .insert("population".into(), s.total_population().into());
    report
        .totals
        .insert("facilities".into(), s.facilities.len().into());
    for p in crate::validate::validate(&s) {
        let e = At {
            file: "scenario",
            row: None,
        }
        .entry(
            &p.path,
            "",
            p.message.clone(),
            p.message_zh.clone(),
            "fix the input file this part came from",
        );
        if p.is_error() {
            report.rejected.push(e)
        } else {
            report.warnings.push(e)
        }
    }
    let blocked = report.rejected.iter().any(|e| e.file == "scenario")
        || (opts.strict && !report.rejected.is_empty());
    (!blocked).then_some(s)
}

