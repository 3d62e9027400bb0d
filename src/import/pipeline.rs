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
use crate::build::projection::Local;
use crate::scenario::*;

/// Most demand zones an import builds (a province at 2 km is about 100,000).
pub const MAX_ZONES: usize = 300_000;

/// Where the importer gets a file's bytes (the CLI: the file system next to
/// the manifest; the browser: the dropped files).
pub trait Files {
    /// The bytes of the file the manifest names `path`.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;

    /// Told when the import starts a stage (`units`, `population`,
    /// `facilities`, `zones`, `raster`, `residents`, `roads`, `sites`,
    /// `travel`, `validate`), so a caller can show progress; the default
    /// ignores it.
    fn stage(&self, _stage: &str) {}
}

/// Options beyond the manifest (the CLI's flags; the wizard's consents).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptions {
    /// Produce no scenario when any row was rejected.
    pub strict: bool,
    /// Correct rows whose longitude and latitude are swapped (the planner's
    /// consent; CLI `--fix swapped-coordinates`); otherwise they are rejected
    /// with the correction offered.
    pub fix_swapped: bool,
    /// Write the scenario although a part lost more than half its rows.
    pub accept_rejected: bool,
}

/// Runs the import. Returns the scenario (when one could be built within the
/// chosen strictness) and the report, always.
pub fn import(m: &Manifest, files: &dyn Files, opts: ImportOptions) -> (Option<Scenario>, Report) {
    let mut report = Report::default();
    let scenario = build(m, files, opts, &mut report);
    (scenario, report)
}

fn source(part: &str, real: bool, en: String, zh: String) -> DataSource {
    DataSource {
        part: part.into(),
        real,
        description: en,
        description_zh: Some(zh),
    }
}

/// Where residents come from (see [`super::zones`]).
#[derive(Debug, Clone, Copy, PartialEq)]
enum PopulationFrom {
    Census,
    Raster,
    GivenZones,
}

fn is_raster(path: &str) -> bool {
    let l = path.to_ascii_lowercase();
    l.ends_with(".tif") || l.ends_with(".tiff")
}

fn build(
    m: &Manifest,
    files: &dyn Files,
    opts: ImportOptions,
    report: &mut Report,
) -> Option<Scenario> {
    files.stage("units");
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
    let bbox = crate::scenario::geometry::bbox_of(units.iter().flat_map(|u| u.area.positions()))?;
    let proj = Local::around(&bbox);
    let zones_path = m.zones.as_ref().and_then(|z| z.path.clone());
    let from = if is_raster(&m.population.path) {
        PopulationFrom::Raster
    } else if zones_path.as_deref() == Some(m.population.path.as_str()) {
        PopulationFrom::GivenZones
    } else {
        PopulationFrom::Census
    };
    let census = match from {
        PopulationFrom::Census => {
            files.stage("population");
            Some(read_population(m, files, &units, report)?)
        }
        _ => None,
    };
    files.stage("facilities");
    let facilities = read_facilities(m, files, &units, &opts, report)?;
    files.stage("zones");
    let hex_km = m.zones.as_ref().and_then(|z| z.hex_km).unwrap_or(2.0);
    let mut zones = match &zones_path {
        Some(p) => super::zones::given(m, p, files, &units, &proj, report)?,
        None => {
            if !(0.2..=50.0).contains(&hex_km) {
                return file_error(
                    report,
                    "manifest",
                    format!("zones.hex_km = {hex_km}: give 0.2 to 50 km"),
                    format!("zones.hex_km = {hex_km}：请填 0.2 到 50 公里"),
                    "2 km suits a county",
                );
            }
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
            let z = super::zones::hexagons(&units, hex_km, &proj);
            let points = z.iter().filter(|z| z.area.is_none()).count();
            if points > 0 {
                report.assume(
                    format!("{points} hexagon piece(s) clipped at a unit's border touched themselves; they are kept as points with their share of residents"),
                    format!("{points} 个在单元边界处裁剪的六边形碎片自相接触，按点保留并分得相应人口"),
                );
            }
            z
        }
    };
    if zones.is_empty() {
        return file_error(
            report,
            zones_path.as_deref().unwrap_or(&m.units.path),
            "no demand zone could be made".into(),
            "未能生成任何需求分区".into(),
            "see the rows above",
        );
    }
    if zones.len() > MAX_ZONES {
        return file_error(
            report,
            zones_path.as_deref().unwrap_or(&m.units.path),
            format!("{} zones, more than {MAX_ZONES}", zones.len()),
            format!("{} 个分区，超过 {MAX_ZONES}", zones.len()),
            "merge zones, or plan part of the region",
        );
    }
    // A raster: the population itself, or weights for the census.
    let raster_path = match from {
        PopulationFrom::Raster => Some(m.population.path.clone()),
        _ => m.population.raster.clone(),
    };
    if let Some(rp) = &raster_path {
        let read = files
            .read(rp)
            .and_then(|b| super::zones::add_raster(&mut zones, &b, m.population.crs.as_deref()));
        match read {
            Ok((sum, outside)) => {
                report
                    .totals
                    .insert(format!("{rp}: cells"), sum.cells.into());
                report
                    .totals
                    .insert(format!("{rp}: populated cells"), sum.populated.into());
                report
                    .totals
                    .insert(format!("{rp}: persons"), sum.total.round().into());
                report.assume(
                    format!("{rp}: raster in {}", sum.crs),
                    format!("{rp}：栅格坐标系为 {}", sum.crs),
                );
                if outside > 0.0 {
                    report.assume(
                        format!(
                            "{rp}: {outside:.0} persons lie outside the zones and were left out"
                        ),
                        format!("{rp}：{outside:.0} 人位于需求单元以外，已略去"),
                    );
                }
            }
            Err(e) => {
                return file_error(
                    report,
                    rp,
                    e.clone(),
                    format!("无法读取栅格：{e}"),
                    "give a single-band GeoTIFF of persons per cell",
                )
            }
        }
    }
    let (demand, totals) = super::zones::residents(
        &zones,
        &units,
        census.as_ref(),
        raster_path.is_some(),
        report,
        &m.population.path,
    );
    drop(zones);
    let admin_units: Vec<AdminUnit> = units
        .iter()
        .zip(&totals)
        .map(|(u, t)| AdminUnit {
            urban: false,
            id: u.id.clone(),
            name: u.name.clone(),
            name_en: None,
            code: u.code.clone(),
            boundary: u.area.clone(),
            population: *t,
        })
        .collect();
    files.stage("roads");
    let roads = super::roads::read_roads(m, files, bbox, report);
    files.stage("sites");
    let sites_spec = m.candidate_sites.clone().unwrap_or_default();
    let candidate_sites = match &sites_spec.path {
        Some(p) => super::sites::read_sites(m, &sites_spec, p, files, &units, &opts, report)
            .unwrap_or_default(),
        None if sites_spec.generate != Some(false) => {
            let per = sites_spec.per_unit.unwrap_or(3).min(50);
            let c = super::sites::generated(&demand, &facilities, &admin_units, per, &proj);
            report.assume(
                format!("candidate sites: {} generated (the populated zones farthest from township-level care, {per} per unit at most, 8 km apart; 8,000,000 yuan, 20 beds, 6 doctors each)", c.len()),
                format!("候选点：生成 {} 个（距乡镇级医疗最远的有人口分区，每单元至多 {per} 个、相距至少 8 公里；每个 800 万元、20 张床位、6 名医师）", c.len()),
            );
            c
        }
        None => vec![],
    };
    let travel_times = m.travel_table.as_ref().and_then(|t| {
        let zs: std::collections::HashSet<&str> = demand.iter().map(|z| z.id.as_str()).collect();
        let ss: std::collections::HashSet<&str> = facilities
            .iter()
            .map(|f| f.id.as_str())
            .chain(candidate_sites.iter().map(|c| c.id.as_str()))
            .collect();
        files.stage("travel");
        super::travel::read_travel(t, files, &zs, &ss, report)
    });
    let mut sources = vec![source(
        "admin_units.boundary",
        true,
        format!("imported from {}", file_name(&m.units.path)),
        format!("导入自 {}", file_name(&m.units.path)),
    )];
    let zones_name = zones_path.as_deref().map(file_name);
    let zone_rule_en = match (&zones_name, from, raster_path.is_some()) {
        (Some(p), PopulationFrom::GivenZones, _) => format!("imported from {p}, residents as given"),
        (Some(p), _, true) => format!("imported from {p}; each unit's residents spread by the raster's persons in each zone (whole persons, totals kept)"),
        (Some(p), _, false) => format!("imported from {p}; each unit's residents spread by zone area (points: equally), whole persons, totals kept"),
        (None, _, true) => format!("synthesized: hexagons {hex_km} km across clipped to the units; residents from the raster's persons in each hexagon (whole persons, unit totals kept)"),
        (None, _, false) => format!("synthesized: hexagons {hex_km} km across clipped to the units; each unit's residents apportioned by area in whole persons (totals kept exactly)"),
    };
    let zone_rule_zh = match (&zones_name, raster_path.is_some()) {
        (Some(p), true) => format!("导入自 {p}；各单元人口按栅格人口分配（整数，总数不变）"),
        (Some(p), false) => format!("导入自 {p}；人口按给定或按面积分配（整数，总数不变）"),
        (None, true) => {
            format!("合成：{hex_km} 公里六边形按单元裁剪；人口按栅格分配（整数，单元总数不变）")
        }
        (None, false) => {
            format!("合成：{hex_km} 公里六边形按单元裁剪；各单元人口按面积分配为整数（总数不变）")
        }
    };
    let pop_en = match from {
        PopulationFrom::Census => format!("imported from {}", file_name(&m.population.path)),
        PopulationFrom::Raster => {
            format!("summed from the raster {}", file_name(&m.population.path))
        }
        PopulationFrom::GivenZones => {
            format!("summed from the zones of {}", file_name(&m.population.path))
        }
    };
    sources.push(source(
        "admin_units.population",
        true,
        pop_en.clone(),
        format!("来自 {}", file_name(&m.population.path)),
    ));
    sources.push(source(
        "zones",
        zones_path.is_some(),
        zone_rule_en,
        zone_rule_zh,
    ));
    sources.push(source(
        "facilities",
        true,
        format!("imported from {}", file_name(&m.facilities.path)),
        format!("导入自 {}", file_name(&m.facilities.path)),
    ));
    sources.push(source("facilities.expansion", false, "planning assumption: hospitals may add 30% of their beds and doctors; township and community centres 50% (at least 10 beds, 3 doctors) and as many integrated elderly-care beds; county hospitals elderly-care beds up to 10% of their beds; village clinics 1 doctor".into(), "规划假设：医院可增加 30% 的床位与医师；乡镇卫生院与社区卫生服务中心 50%（至少 10 张床位、3 名医师），医养结合床位同数；县级医院医养结合床位至多为床位的 10%；村卫生室 1 名医师".into()));
    if report
        .warnings
        .iter()
        .any(|w| w.reason.starts_with("filled from the median"))
    {
        sources.push(source(
            "facilities.beds, facilities.doctors (some)",
            false,
            "synthesized where missing: the median of the facility's tier (see the import report)"
                .into(),
            "缺失处为合成：同层级中位数（见导入报告）".into(),
        ));
    }
    if let Some(r) = &m.roads {
        sources.push(source(
            "roads",
            true,
            format!(
                "imported from {}; speeds per class: the documented defaults{}",
                file_name(&r.path),
                if r.class_speeds.is_empty() {
                    ""
                } else {
                    ", overridden by the manifest"
                }
            ),
            format!("导入自 {}；各等级速度为文档默认值", file_name(&r.path)),
        ));
    }
    match &sites_spec.path {
        Some(p) => sources.push(source("candidate_sites", true, format!("imported from {}", file_name(p)), format!("导入自 {}", file_name(p)))),
        None if !candidate_sites.is_empty() => sources.push(source("candidate_sites", false, "synthesized: the populated zones farthest from township-level care, at most 3 per unit, 8 km apart, as new township or community centres (8,000,000 yuan, 20 beds, 6 doctors)".into(), "合成：距乡镇级医疗最远的有人口分区，每单元至多 3 个、相距至少 8 公里，作为新建卫生院或社区卫生服务中心（800 万元、20 张床位、6 名医师）".into())),
        None => {}
    }
    if let Some(t) = &m.travel_table {
        sources.push(source(
            "travel_times",
            true,
            format!("imported from {} ({:?})", file_name(&t.path), t.mode),
            format!("导入自 {}", file_name(&t.path)),
        ));
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
        zones: demand,
        facilities,
        candidate_sites,
        roads: roads.filter(|r| !r.links.is_empty()),
        travel_times: travel_times.filter(|t| !t.entries.is_empty()),
        // No invented policy: the planner sets each target (the demo's do not follow a foreign region in).
        policy: Policy::unset(),
    };
    for (k, v) in [
        ("admin_units", s.admin_units.len()),
        ("zones", s.zones.len()),
        ("facilities", s.facilities.len()),
        ("candidate_sites", s.candidate_sites.len()),
        ("road_links", s.roads.as_ref().map_or(0, |r| r.links.len())),
        (
            "travel_pairs",
            s.travel_times.as_ref().map_or(0, |t| t.entries.len()),
        ),
    ] {
        report.totals.insert(k.into(), v.into());
    }
    report
        .totals
        .insert("population".into(), s.total_population().into());
    files.stage("validate");
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
    let empty = empty_parts(&s, report);
    let mostly = mostly_rejected(m, report);
    if !opts.accept_rejected {
        report.mostly_rejected = mostly;
    }
    let blocked = report.rejected.iter().any(|e| e.file == "scenario")
        || empty
        || !report.mostly_rejected.is_empty()
        || (opts.strict && !report.rejected.is_empty());
    (!blocked).then_some(s)
}

/// The name of a file without its folders: what `sources` and portals
/// carry, never a path on the planner's computer.
///
/// ```
/// use healthreach::import::pipeline::file_name;
/// assert_eq!(file_name("/home/planner/渭南/facilities.csv"), "facilities.csv");
/// assert_eq!(file_name(r"C:\Users\a\b.xlsx"), "b.xlsx");
/// ```
pub fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// A scenario with no facility, no zone or nobody living in it is never
/// written: each such part is a rejection naming it.
fn empty_parts(s: &Scenario, report: &mut Report) -> bool {
    let mut empty = false;
    for (part, n, en, zh, fix) in [
        (
            "facilities",
            s.facilities.len() as f64,
            "no facility was imported",
            "未导入任何机构",
            "see the rejected rows above, or map the columns the report names",
        ),
        (
            "zones",
            s.zones.len() as f64,
            "no demand zone was made",
            "未生成任何需求分区",
            "see the rows above",
        ),
        (
            "population",
            s.total_population(),
            "the region has no residents",
            "本地区人口为 0",
            "check the census table and its unit column",
        ),
    ] {
        if n <= 0.0 {
            empty = true;
            report.rejected.push(
                At {
                    file: part,
                    row: None,
                }
                .entry("", "0", en.into(), zh.into(), fix),
            );
        }
    }
    empty
}

/// Parts of which more than half the data rows were rejected.
fn mostly_rejected(m: &Manifest, report: &Report) -> Vec<super::report::Entry> {
    let mut paths = vec![m.facilities.path.clone(), m.population.path.clone()];
    if let Some(p) = m.candidate_sites.as_ref().and_then(|c| c.path.clone()) {
        paths.push(p);
    }
    let mut out = Vec::new();
    for path in paths {
        let Some(rows) = report
            .totals
            .get(&format!("{path}: rows"))
            .and_then(|v| v.as_u64())
        else {
            continue;
        };
        let mut lost: Vec<u64> = report
            .rejected
            .iter()
            .filter(|e| e.file == path)
            .filter_map(|e| e.row)
            .collect();
        lost.sort_unstable();
        lost.dedup();
        if rows > 0 && 2 * lost.len() as u64 > rows {
            out.push(At { file: &path, row: None }.entry(
                "",
                &format!("{}/{rows}", lost.len()),
                format!("{} of {rows} rows were rejected — more than half: no scenario is written unless you confirm", lost.len()),
                format!("{rows} 行中有 {} 行被拒绝，超过一半：需确认后才会生成场景", lost.len()),
                "fix the rows, map the columns, or confirm (CLI: --accept-rejected)",
            ));
        }
    }
    out
}
