//! From a manifest and its files to a scenario and a report: boundaries
//! (GeoJSON), residents per unit and facilities (CSV or XLSX), then demand zones
//! built as hexagons clipped to the units with each unit's residents
//! apportioned by area (whole persons, each unit's total kept exactly). The
//! result passes the scenario validator; nothing is produced when it does
//! not, or — with `strict` — when any row was rejected.

use super::cells::{read_number, Cell, CellError};
use super::headers::{find_header, role_of, Role};
use super::manifest::{Crs, Manifest};
use super::names::{join, Join};
use super::report::{At, Report};
use super::table::{read_csv, Table};
use super::text::encoding_named;
use super::tiers::TierMap;
use crate::build::apportion::apportion;
use crate::build::hexgrid::pieces;
use crate::build::projection::Local;
use crate::scenario::*;
use crate::validate::polygon_validity::AreaIndex;
use std::collections::BTreeMap;

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

/// A unit as read from the boundaries.
struct UnitIn {
    id: String,
    code: String,
    name: String,
    area: Area,
}

fn num_cell(at: &At, field: &str, cell: &str, report: &mut Report) -> Option<Option<f64>> {
    match read_number(cell) {
        Ok(Cell::Missing) => Some(None),
        Ok(Cell::Number(v, _)) if v.is_finite() && v >= 0.0 => Some(Some(v)),
        Ok(Cell::Number(v, _)) => {
            report.rejected.push(at.entry(
                field,
                cell,
                format!("{v} is negative"),
                format!("{v} 为负数"),
                "give a count of 0 or more",
            ));
            None
        }
        Err(CellError::Ambiguous) => {
            report.rejected.push(at.entry(field, cell,
                "ambiguous number: a comma between digits that are not groups of three (decimal comma or thousands?)".into(),
                "数字有歧义：逗号后不是三位一组（是小数逗号还是千位分隔？）".into(),
                "write decimals with a point (1.5) and thousands as 1,500"));
            None
        }
        Err(CellError::NotANumber) => {
            report.rejected.push(at.entry(
                field,
                cell,
                "not a number".into(),
                "不是数字".into(),
                "give a number (units such as 张 or 人 may follow it)",
            ));
            None
        }
    }
}

/// Column of `role`: the manifest's named column, else the detected one.
fn column(
    header_row: &[String],
    named: Option<&str>,
    detected: Option<usize>,
) -> Result<Option<usize>, String> {
    match named {
        Some(n) => header_row
            .iter()
            .position(|h| super::cells::fold(h) == super::cells::fold(n))
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "the manifest names column {n:?}, but the header has only: {}",
                    header_row.join(", ")
                )
            }),
        None => Ok(detected),
    }
}

/// Runs the import. Returns the scenario (when one could be built within the
/// chosen strictness) and the report, always.
pub fn import(m: &Manifest, files: &dyn Files, opts: ImportOptions) -> (Option<Scenario>, Report) {
    let mut report = Report::default();
    let scenario = build(m, files, opts, &mut report);
    (scenario, report)
}

fn file_error<T>(report: &mut Report, file: &str, en: String, zh: String, fix: &str) -> Option<T> {
    report
        .rejected
        .push(At { file, row: None }.entry("", "", en, zh, fix));
    None
}

fn read_table(
    files: &dyn Files,
    path: &str,
    encoding: Option<&str>,
    sheet: Option<&str>,
    report: &mut Report,
) -> Option<Table> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".xls") {
        file_error::<()>(
            report,
            path,
            "old Excel files (.xls) are not read".into(),
            "不读取旧版 Excel 文件（.xls）".into(),
            "save the sheet as .xlsx or CSV",
        );
        return None;
    }
    let bytes = match files.read(path) {
        Ok(b) => b,
        Err(e) => {
            file_error::<()>(
                report,
                path,
                format!("cannot read the file: {e}"),
                format!("无法读取文件：{e}"),
                "check the path (relative to the manifest)",
            );
            return None;
        }
    };
    if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
        return match super::table::read_xlsx(&bytes, sheet) {
            Ok(t) => Some(t),
            Err(e) => {
                file_error::<()>(
                    report,
                    path,
                    e.clone(),
                    e,
                    "check the workbook and the sheet name",
                );
                None
            }
        };
    }
    let declared = match encoding {
        Some(e) => match encoding_named(e) {
            Some(x) => Some(x),
            None => {
                file_error::<()>(
                    report,
                    path,
                    format!("unknown encoding {e:?}"),
                    format!("未知编码 {e:?}"),
                    "use utf-8 or gbk, or leave it out to detect",
                );
                return None;
            }
        },
        None => None,
    };
    match read_csv(&bytes, declared) {
        Ok(t) => {
            if encoding.is_none() {
                report
                    .assumed
                    .push(format!("{path}: encoding detected as {}", t.encoding));
            }
            if t.had_errors {
                report.warnings.push(
                    At {
                        file: path,
                        row: None,
                    }
                    .entry(
                        "",
                        "",
                        format!(
                            "some bytes are not valid {}; they were replaced",
                            t.encoding
                        ),
                        format!("部分字节不是有效的 {}，已替换", t.encoding),
                        "declare the file's encoding in the manifest",
                    ),
                );
            }
            Some(t)
        }
        Err(e) => {
            file_error::<()>(report, path, e.clone(), e, "check that it is a CSV file");
            None
        }
    }
}

/// A table and its header, or a rejected-file entry saying what is missing.
fn table_with_header(
    files: &dyn Files,
    path: &str,
    encoding: Option<&str>,
    sheet: Option<&str>,
    wanted: &str,
    report: &mut Report,
) -> Option<(Table, Vec<Vec<String>>, super::headers::Header)> {
    let t = read_table(files, path, encoding, sheet, report)?;
    let rows: Vec<Vec<String>> = t.rows.iter().map(|(_, r)| r.clone()).collect();
    let Some(h) = find_header(&rows) else {
        return file_error(
            report,
            path,
            "no header row found in the first 20 rows".into(),
            "前 20 行中未找到表头".into(),
            wanted,
        );
    };
    Some((t, rows, h))
}

fn read_units(m: &Manifest, files: &dyn Files, report: &mut Report) -> Option<Vec<UnitIn>> {
    let path = m.units.path.as_str();
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".zip") || lower.ends_with(".shp") {
        return file_error(
            report,
            path,
            "zipped Shapefiles are not read yet".into(),
            "暂不能读取压缩的 Shapefile".into(),
            "export the boundaries as GeoJSON (WGS84) and name that file",
        );
    }
    let crs = match Crs::parse(m.units.crs.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            return file_error(
                report,
                path,
                e.clone(),
                e,
                "declare wgs84, cgcs2000, gcj02 or bd09",
            )
        }
    };
    let bytes = match files.read(path) {
        Ok(b) => b,
        Err(e) => {
            return file_error(
                report,
                path,
                format!("cannot read the file: {e}"),
                format!("无法读取文件：{e}"),
                "check the path (relative to the manifest)",
            )
        }
    };
    let text = super::text::decode(&bytes, None).text;
    let gj: geojson::GeoJson = match text.parse() {
        Ok(g) => g,
        Err(e) => {
            return file_error(
                report,
                path,
                format!("not GeoJSON: {e}"),
                format!("不是 GeoJSON：{e}"),
                "export the boundaries as a GeoJSON FeatureCollection",
            )
        }
    };
    let features = match gj {
        geojson::GeoJson::FeatureCollection(fc) => fc.features,
        geojson::GeoJson::Feature(f) => vec![f],
        geojson::GeoJson::Geometry(_) => {
            return file_error(
                report,
                path,
                "a bare geometry has no name or code".into(),
                "裸几何没有名称或代码".into(),
                "give a FeatureCollection whose features carry name and code properties",
            );
        }
    };
    let mut out = Vec::new();
    for (k, f) in features.iter().enumerate() {
        let at = At {
            file: path,
            row: Some(k as u64 + 1),
        };
        let props = f.properties.clone().unwrap_or_default();
        let text_of = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.trim().to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let by_role = |r: Role| {
            props
                .iter()
                .find(|(key, _)| role_of(key) == Some(r))
                .map(|(_, v)| text_of(v))
        };
        let named = |field: &Option<String>| field.as_ref().and_then(|f| props.get(f)).map(text_of);
        let name = named(&m.units.name_field)
            .or_else(|| by_role(Role::Name))
            .unwrap_or_default();
        let code = by_role(Role::Code).unwrap_or_default();
        let id = named(&m.units.id_field)
            .filter(|s| !s.is_empty())
            .or_else(|| (!code.is_empty()).then(|| code.clone()))
            .unwrap_or_else(|| format!("u{}", k + 1));
        let rings = |poly: &geojson::PolygonType| -> Vec<Ring> {
            poly.iter()
                .map(|ring| {
                    ring.iter()
                        .map(|p| p.as_slice())
                        .filter(|p| p.len() >= 2)
                        .map(|p| crs.to_wgs84([p[0], p[1]]))
                        .collect()
                })
                .collect()
        };
        let area = match f.geometry.as_ref().map(|g| &g.value) {
            Some(geojson::GeometryValue::Polygon { coordinates: p }) => Area(vec![rings(p)]),
            Some(geojson::GeometryValue::MultiPolygon { coordinates: mp }) => {
                Area(mp.iter().map(rings).collect())
            }
            _ => {
                report.rejected.push(at.entry(
                    "geometry",
                    &name,
                    "the feature has no polygon".into(),
                    "该要素没有多边形".into(),
                    "give each unit a Polygon or MultiPolygon",
                ));
                continue;
            }
        };
        let in_range = |p: &LonLat| {
            p[0].is_finite()
                && p[1].is_finite()
                && (-180.0..=180.0).contains(&p[0])
                && (-90.0..=90.0).contains(&p[1])
        };
        if area.positions().next().is_none() || !area.positions().all(in_range) {
            report.rejected.push(at.entry(
                "geometry",
                &name,
                "a position is not a longitude/latitude (or there are none)".into(),
                "有坐标不是经纬度（或没有坐标）".into(),
                "export the boundaries in longitude/latitude, or declare units.crs",
            ));
            continue;
        }
        let closed = area
            .0
            .iter()
            .flatten()
            .all(|r| r.len() >= 4 && r.first() == r.last());
        let faults = if closed {
            crate::validate::polygon_validity::faults(&area.0)
        } else {
            vec![]
        };
        if !closed || !faults.is_empty() {
            report.rejected.push(at.entry(
                "geometry",
                &name,
                if closed {
                    format!("the boundary is not a valid polygon ({} problem(s), e.g. a ring crossing itself)", faults.len())
                } else {
                    "a ring is not closed or has fewer than 4 positions".into()
                },
                "边界不是有效多边形（如环自相交或未闭合）".into(),
                "repair it in GIS software (e.g. make_valid) and export again",
            ));
            continue;
        }
        if name.is_empty() {
            report.warnings.push(at.entry(
                "name",
                "",
                format!("no name found; the unit is called {id:?}"),
                format!("未找到名称；该单元称为 {id:?}"),
                "name the property with units.name_field",
            ));
        }
        out.push(UnitIn {
            name: if name.is_empty() { id.clone() } else { name },
            id,
            code,
            area,
        });
    }
    if m.units.name_field.is_none() {
        report.assumed.push(format!(
            "{path}: unit names and codes taken from properties detected by their keys"
        ));
    }
    Some(out)
}

/// Residents per unit index: (population, children, elderly).
type Pops = BTreeMap<usize, (f64, Option<f64>, Option<f64>)>;

fn read_population(
    m: &Manifest,
    files: &dyn Files,
    units: &[UnitIn],
    report: &mut Report,
) -> Option<Pops> {
    let p = &m.population;
    let path = p.path.as_str();
    let (t, rows, h) = table_with_header(
        files,
        path,
        p.encoding.as_deref(),
        p.sheet.as_deref(),
        "give a header with the unit (代码 or 名称) and 常住人口 columns",
        report,
    )?;
    let head = &rows[h.row];
    let col = |named: &Option<String>, role: Role| column(head, named.as_deref(), h.column(role));
    let cols = (|| -> Result<_, String> {
        let unit = match col(&p.unit_field, Role::Code)? {
            Some(c) => Some(c),
            None => col(&None, Role::Name)?.or(h.column(Role::Unit)),
        };
        Ok((
            unit,
            col(&p.population_field, Role::Population)?,
            col(&p.children_field, Role::Children)?,
            col(&p.elderly_field, Role::Elderly)?,
        ))
    })();
    let (unit_c, pop_c, child_c, aged_c) = match cols {
        Ok(c) => c,
        Err(e) => {
            return file_error(
                report,
                path,
                e.clone(),
                e,
                "fix the column name in the manifest",
            )
        }
    };
    let (Some(unit_c), Some(pop_c)) = (unit_c, pop_c) else {
        return file_error(
            report,
            path,
            "no unit column or no population column".into(),
            "缺少单元列或人口列".into(),
            "name them with population.unit_field and population.population_field",
        );
    };
    let keys: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    let mut out = Pops::new();
    for (line, row) in t.rows.iter().skip(h.row + 1) {
        let at = At {
            file: path,
            row: Some(*line),
        };
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let reference = cell(unit_c);
        let u = match join(reference, &keys) {
            Join::Unit(u) => u,
            Join::None => {
                // A total row (合计, 全市) is expected; anything else is reported.
                let what = if row.iter().any(|c| {
                    ["合计", "总计", "全市", "total"]
                        .iter()
                        .any(|w| super::cells::fold(c).contains(w))
                }) {
                    "a total row, left out"
                } else {
                    "matches no unit of the boundaries"
                };
                report.rejected.push(at.entry(
                    &head[unit_c],
                    reference,
                    what.into(),
                    "与边界中的任何单元都不匹配（或为合计行）".into(),
                    "use the unit's division code or name as in the boundaries",
                ));
                continue;
            }
            Join::Ambiguous(v) => {
                report.rejected.push(at.entry(
                    &head[unit_c],
                    reference,
                    format!("matches {} units", v.len()),
                    format!("匹配到 {} 个单元", v.len()),
                    "use the division code",
                ));
                continue;
            }
        };
        let Some(Some(pop)) = num_cell(&at, &head[pop_c], cell(pop_c), report) else {
            if matches!(read_number(cell(pop_c)), Ok(Cell::Missing)) {
                report.rejected.push(at.entry(
                    &head[pop_c],
                    "",
                    "no population".into(),
                    "缺少人口".into(),
                    "give the unit's residents",
                ));
            }
            continue;
        };
        let opt = |c: Option<usize>, report: &mut Report| {
            c.and_then(|c| num_cell(&at, &head[c], cell(c), report).flatten())
        };
        let children = opt(child_c, report);
        let aged = opt(aged_c, report);
        if out.insert(u, (pop, children, aged)).is_some() {
            report.warnings.push(at.entry(
                &head[unit_c],
                reference,
                "the unit appears again; this later row is used".into(),
                "该单元再次出现；使用后一行".into(),
                "keep one row per unit",
            ));
        }
    }
    report
        .totals
        .insert(format!("{path}: rows"), (t.rows.len() - h.row - 1).into());
    Some(out)
}

/// Facilities read, before ids are final.
fn read_facilities(
    m: &Manifest,
    files: &dyn Files,
    units: &[UnitIn],
    report: &mut Report,
) -> Option<Vec<Facility>> {
    let fm = &m.facilities;
    let path = fm.path.as_str();
    let crs = match Crs::parse(fm.crs.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            return file_error(
                report,
                path,
                e.clone(),
                e,
                "declare wgs84, cgcs2000, gcj02 or bd09",
            )
        }
    };
    if fm.crs.is_none() {
        report.assumed.push(format!("{path}: coordinates taken as WGS84 (declare facilities.crs: gcj02 for AMap/Tencent, bd09 for Baidu)"));
    }
    let (t, rows, h) = table_with_header(
        files,
        path,
        fm.encoding.as_deref(),
        fm.sheet.as_deref(),
        "give a header with 名称, 类别, 床位, 医师, 经度, 纬度",
        report,
    )?;
    let head = &rows[h.row];
    let named = |k: &str| fm.columns.get(k).map(String::as_str);
    let pick = |k: &str, r: Role| column(head, named(k), h.column(r));
    let cols = (|| -> Result<_, String> {
        Ok([
            pick("name", Role::Name)?,
            pick("category", Role::Category)?,
            pick("beds", Role::Beds)?,
            pick("doctors", Role::Doctors)?,
            pick("lon", Role::Lon)?,
            pick("lat", Role::Lat)?,
            pick("unit", Role::Unit)?,
            pick("code", Role::Code)?,
        ])
    })();
    let [name_c, cat_c, beds_c, docs_c, lon_c, lat_c, unit_c, code_c] = match cols {
        Ok(c) => c,
        Err(e) => {
            return file_error(
                report,
                path,
                e.clone(),
                e,
                "fix the column name in facilities.columns",
            )
        }
    };
    let (Some(name_c), Some(cat_c), Some(lon_c), Some(lat_c)) = (name_c, cat_c, lon_c, lat_c)
    else {
        return file_error(
            report,
            path,
            "the name, category, longitude or latitude column is missing".into(),
            "缺少名称、类别、经度或纬度列".into(),
            "name them in facilities.columns",
        );
    };
    let mut tiers = TierMap::default();
    for (k, v) in &m.tiers {
        tiers.set(k, *v);
    }
    let index: Vec<AreaIndex> = units.iter().map(|u| AreaIndex::new(&u.area.0)).collect();
    let keys: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut missing: Vec<(usize, bool, bool, u64)> = Vec::new();
    for (line, row) in t.rows.iter().skip(h.row + 1) {
        let at = At {
            file: path,
            row: Some(*line),
        };
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let name = cell(name_c).to_string();
        if name.is_empty() {
            report.rejected.push(at.entry(
                &head[name_c],
                "",
                "no name".into(),
                "缺少名称".into(),
                "give the facility's name",
            ));
            continue;
        }
        let Some(tier) = tiers.tier_of(cell(cat_c)) else {
            report.rejected.push(at.entry(&head[cat_c], cell(cat_c), "unknown category".into(), "未知类别".into(), "add it to the manifest's tiers table, e.g. \"tiers\": {\"…\": \"county_hospital\"}"));
            continue;
        };
        let (Some(Some(lon)), Some(Some(lat))) = (
            num_cell(&at, &head[lon_c], cell(lon_c), report),
            num_cell(&at, &head[lat_c], cell(lat_c), report),
        ) else {
            report.rejected.push(at.entry(
                &head[lon_c],
                &format!("{}, {}", cell(lon_c), cell(lat_c)),
                "no coordinates".into(),
                "缺少坐标".into(),
                "give longitude and latitude",
            ));
            continue;
        };
        let location = crs.to_wgs84([lon, lat]);
        let unit = match unit_c.map(|c| join(cell(c), &keys)) {
            Some(Join::Unit(u)) => Some(u),
            _ => (0..units.len()).find(|&u| index[u].contains(location[0], location[1])),
        };
        let Some(u) = unit else {
            report.rejected.push(at.entry(
                &head[lon_c],
                &format!("{}, {}", location[0], location[1]),
                "the position lies in no unit of the boundaries".into(),
                "该位置不在任何边界单元内".into(),
                "check the coordinates, their order and facilities.crs",
            ));
            continue;
        };
        let count = |c: Option<usize>, report: &mut Report| match c {
            Some(c) => num_cell(&at, &head[c], cell(c), report),
            None => Some(None),
        };
        let (Some(beds), Some(doctors)) = (count(beds_c, report), count(docs_c, report)) else {
            continue;
        };
        if beds.is_none() || doctors.is_none() {
            if !m.fill_missing {
                report.rejected.push(at.entry(
                    if beds.is_none() { "beds" } else { "doctors" },
                    "",
                    "no beds or no doctors given".into(),
                    "缺少床位或医师数".into(),
                    "give them, or set \"fill_missing\": true to use the tier's median",
                ));
                continue;
            }
            missing.push((out.len(), beds.is_none(), doctors.is_none(), *line));
        }
        let id = code_c
            .map(|c| cell(c).to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("f{line}"));
        out.push(Facility {
            id,
            name,
            tier,
            location,
            admin_unit: units[u].id.clone(),
            beds: beds.unwrap_or(0.0).round(),
            doctors: doctors.unwrap_or(0.0).round(),
            specialists: Default::default(),
            services: Default::default(),
            expansion: Default::default(),
        });
        let f = out.last_mut().expect("just pushed");
        f.expansion = default_expansion(f.tier, f.beds, f.doctors);
    }
    // Tier medians of what was given, for the rows that asked to be filled.
    for (i, no_beds, no_docs, line) in missing {
        let tier = out[i].tier;
        let median = |f: &dyn Fn(&Facility) -> f64| {
            let mut v: Vec<f64> = out
                .iter()
                .enumerate()
                .filter(|(j, x)| x.tier == tier && *j != i)
                .map(|(_, x)| f(x))
                .collect();
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(0.0)
        };
        let (b, d) = (median(&|x| x.beds), median(&|x| x.doctors));
        if no_beds {
            out[i].beds = b;
        }
        if no_docs {
            out[i].doctors = d;
        }
        report.warnings.push(
            At {
                file: path,
                row: Some(line),
            }
            .entry(
                if no_beds { "beds" } else { "doctors" },
                "",
                format!("filled from the median of its tier ({b} beds, {d} doctors)"),
                format!("按同层级中位数填补（{b} 张床位，{d} 名医师）"),
                "give the real figures when known",
            ),
        );
    }
    report
        .totals
        .insert(format!("{path}: facilities"), out.len().into());
    Some(out)
}

/// What a facility may absorb when the list does not say (a planning
/// assumption, recorded in `sources`): hospitals 30% more beds and doctors;
/// township and community centres 50% more, at least 10 beds and 3
/// doctors; village clinics no beds and 1 more doctor.
pub fn default_expansion(tier: Tier, beds: f64, doctors: f64) -> Expansion {
    let (b, d) = match tier {
        Tier::VillageClinic => (0.0, 1.0),
        Tier::TownshipHealthCentre | Tier::CommunityHealthCentre => (
            (beds * 0.5).round().max(10.0),
            (doctors * 0.5).round().max(3.0),
        ),
        _ => ((beds * 0.3).round(), (doctors * 0.3).round()),
    };
    Expansion {
        max_extra_beds: b.min(crate::validate::limits::BEDS.max),
        max_extra_doctors: d.min(crate::validate::limits::DOCTORS.max),
        upgrade_cost_yuan: None,
    }
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
