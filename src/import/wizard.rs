//! What the browser's import wizard needs from the importer, as plain
//! functions of bytes (run in the worker, tested natively): each dropped
//! file's role guessed from its content ([`inspect`]), a preview of what was
//! read (the first rows after encoding detection and header finding, the
//! columns each role was matched to, the categories and their tiers), and
//! the manifest those choices make ([`manifest_for`]). The wizard's choices
//! *are* a manifest, so a manifest dropped with the files pre-fills them and
//! the batch import (`healthreach import`) and the browser agree.

use super::headers::{find_header, role_of, Role};
use super::manifest::*;
use super::pipeline::Files;
use super::report::Report;
use super::tiers::TierMap;
use crate::scenario::Tier;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest file the wizard accepts (bytes); larger ones are refused at once.
pub const MAX_FILE_BYTES: u64 = 512 << 20;

/// Rows shown in a preview.
pub const PREVIEW_ROWS: usize = 8;

/// Distinct categories listed for the tier table.
const MAX_CATEGORIES: usize = 200;

/// What a dropped file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FileRole {
    /// An import manifest (JSON): pre-fills every choice.
    Manifest,
    /// Administrative boundaries (polygons).
    Boundaries,
    /// Residents per unit (census table).
    Population,
    /// A population raster (GeoTIFF): residents, or weights for the census.
    PopulationRaster,
    /// The facility list (points with tier, beds, doctors).
    Facilities,
    /// Road lines.
    Roads,
    /// A routing engine's travel-time table.
    TravelTable,
    /// Candidate sites for new service points.
    CandidateSites,
    /// Given demand zones (polygons or points).
    Zones,
    /// A Shapefile part (`.dbf`, `.shx`, `.prj`, `.cpg`) that goes with its `.shp`.
    Sidecar,
    /// Not used.
    #[default]
    Unused,
}

impl FileRole {
    /// Every role a planner can choose, in the wizard's order.
    pub const CHOOSABLE: [FileRole; 10] = [
        FileRole::Boundaries,
        FileRole::Population,
        FileRole::PopulationRaster,
        FileRole::Facilities,
        FileRole::Roads,
        FileRole::TravelTable,
        FileRole::CandidateSites,
        FileRole::Zones,
        FileRole::Manifest,
        FileRole::Unused,
    ];

    /// Stable key (i18n key `role_<key>`).
    pub fn key(self) -> &'static str {
        match self {
            FileRole::Manifest => "manifest",
            FileRole::Boundaries => "boundaries",
            FileRole::Population => "population",
            FileRole::PopulationRaster => "population_raster",
            FileRole::Facilities => "facilities",
            FileRole::Roads => "roads",
            FileRole::TravelTable => "travel_table",
            FileRole::CandidateSites => "candidate_sites",
            FileRole::Zones => "zones",
            FileRole::Sidecar => "sidecar",
            FileRole::Unused => "unused",
        }
    }

    /// The role of `key`.
    pub fn from_key(key: &str) -> Option<FileRole> {
        FileRole::CHOOSABLE
            .iter()
            .chain([FileRole::Sidecar].iter())
            .find(|r| r.key() == key)
            .copied()
    }
}

/// What was read of a table or vector file, for the mapping step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// How the text was decoded (tables, DBF attributes).
    pub encoding: Option<String>,
    /// The header's row as the spreadsheet numbers it (tables).
    pub header_row: Option<u64>,
    /// Column or attribute names.
    pub columns: Vec<String>,
    /// Column chosen per role key (`name`, `category`, `beds`, `lon`…), as detected.
    pub detected: BTreeMap<String, String>,
    /// The first rows after the header (or the first features' attributes).
    pub rows: Vec<Vec<String>>,
    /// Rows (tables) or features (vector files) in the file.
    pub count: u64,
    /// Geometry kind of the first feature (vector files).
    pub geometry: Option<String>,
    /// Coordinate system the file declares (`.prj`, GeoTIFF keys, GeoJSON `crs`).
    pub crs: Option<String>,
    /// Distinct values of the category column (facility lists), with the tier
    /// the default table gives them (None: no rule matches — choose one).
    pub categories: Vec<(String, Option<Tier>)>,
    /// Sheets of a workbook.
    pub sheets: Vec<String>,
    /// Population rasters: the sum of all cells (persons).
    pub raster_total: Option<f64>,
}

/// A dropped file as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileInfo {
    /// File name.
    pub name: String,
    /// Size (bytes).
    pub bytes: u64,
    /// The role guessed from its content.
    pub role: FileRole,
    /// Why that role (English).
    pub why: String,
    /// The same in Chinese.
    pub why_zh: String,
    /// What was read.
    pub preview: Option<Preview>,
    /// A manifest's content, when the file is one (its text).
    pub manifest: Option<String>,
    /// Why the file could not be read (English, Chinese), if it could not.
    pub problem: Option<(String, String)>,
}

/// The role keys a column can be chosen for, per file role (the manifest's
/// `facilities.columns` keys, or the field it sets).
pub fn column_roles(role: FileRole) -> &'static [&'static str] {
    match role {
        FileRole::Facilities => &[
            "name",
            "category",
            "beds",
            "doctors",
            "lon",
            "lat",
            "unit",
            "code",
            "community",
            "telemedicine_hub",
            "elderly_care_beds",
            "services",
        ],
        FileRole::Population => &["unit", "population", "children", "elderly"],
        FileRole::Boundaries => &["id", "name"],
        FileRole::Zones => &["id", "population"],
        FileRole::Roads => &["class"],
        _ => &[],
    }
}

fn role_key(r: Role) -> &'static str {
    match r {
        Role::Name => "name",
        Role::Category => "category",
        Role::Beds => "beds",
        Role::Doctors => "doctors",
        Role::Lon => "lon",
        Role::Lat => "lat",
        Role::Code => "code",
        Role::Unit => "unit",
        Role::Population => "population",
        Role::Children => "children",
        Role::Elderly => "elderly",
        Role::Id => "id",
        Role::Cost => "cost",
        Role::Tier => "tier",
        Role::Origin => "origin",
        Role::Destination => "destination",
        Role::Minutes => "minutes",
        Role::Seconds => "seconds",
        Role::Community => "community",
        Role::TelemedicineHub => "telemedicine_hub",
        Role::ElderlyCareBeds => "elderly_care_beds",
        Role::Services => "services",
    }
}

fn lower_ext(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// One file's bytes as the importer's [`Files`].
struct One<'a>(&'a str, &'a [u8]);

impl Files for One<'_> {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == self.0 {
            Ok(self.1.to_vec())
        } else {
            Err(format!("{path} was not dropped with {}", self.0))
        }
    }
}

fn info(name: &str, bytes: u64, role: FileRole, why: (&str, &str)) -> FileInfo {
    FileInfo {
        name: name.into(),
        bytes,
        role,
        why: why.0.into(),
        why_zh: why.1.into(),
        preview: None,
        manifest: None,
        problem: None,
    }
}

/// Guesses what `name` holds from its content and previews it. `others`:
/// the names dropped with it (a `.shp` reads its `.dbf` and `.prj` from them).
/// Never fails: a file that cannot be read says why and is left unused.
pub fn inspect(name: &str, bytes: &[u8], others: &dyn Files) -> FileInfo {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        let mut f = info(name, size, FileRole::Unused, ("too large", "文件过大"));
        f.problem = Some(too_large(size));
        return f;
    }
    let ext = lower_ext(name);
    match ext.as_str() {
        "dbf" | "shx" | "prj" | "cpg" | "qix" | "sbn" | "sbx" | "xml" => {
            return info(
                name,
                size,
                FileRole::Sidecar,
                (
                    "a part of the Shapefile with the same name",
                    "同名 Shapefile 的组成部分",
                ),
            )
        }
        "tif" | "tiff" => return raster(name, bytes),
        "xls" => {
            let mut f = info(name, size, FileRole::Unused, ("old Excel", "旧版 Excel"));
            f.problem = Some((
                "old Excel files (.xls) are not read: save the sheet as .xlsx or CSV".into(),
                "不读取旧版 Excel 文件（.xls）：请另存为 .xlsx 或 CSV".into(),
            ));
            return f;
        }
        _ => {}
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    if ext == "json" || ext == "geojson" {
        if let Some(f) = manifest_file(name, bytes) {
            return f;
        }
    }
    if ext == "shp" || (is_zip && ext != "xlsx") || ext == "geojson" || ext == "json" {
        return vector(name, bytes, others);
    }
    table(name, bytes)
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub fn too_large(size: u64) -> (String, String) {
    let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
    (
        format!(
            "the file is {}, more than the {} a file may have: split it (by county) or simplify it",
            mb(size),
            mb(MAX_FILE_BYTES)
        ),
        format!(
            "文件大小为 {}，超过单个文件上限 {}：请按县拆分或简化后再导入",
            mb(size),
            mb(MAX_FILE_BYTES)
        ),
    )
}

fn manifest_file(name: &str, bytes: &[u8]) -> Option<FileInfo> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}');
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let o = v.as_object()?;
    if !(o.contains_key("units") && o.contains_key("facilities")) {
        return None;
    }
    let mut f = info(
        name,
        bytes.len() as u64,
        FileRole::Manifest,
        (
            "an import manifest: its choices fill in the steps",
            "导入清单：其中的设置将自动填入各步骤",
        ),
    );
    match serde_json::from_str::<Manifest>(text) {
        Ok(_) => f.manifest = Some(text.to_string()),
        Err(e) => {
            f.problem = Some((
                format!("the manifest cannot be read: {e}"),
                format!("无法读取导入清单：{e}"),
            ))
        }
    }
    Some(f)
}

fn raster(name: &str, bytes: &[u8]) -> FileInfo {
    let mut f = info(
        name,
        bytes.len() as u64,
        FileRole::PopulationRaster,
        (
            "a GeoTIFF raster: residents per cell",
            "GeoTIFF 栅格：每个像元的人口",
        ),
    );
    match super::raster::read_raster(bytes, None, &mut |_, _, _| {}) {
        Ok(s) => {
            f.preview = Some(Preview {
                count: s.cells,
                crs: Some(s.crs),
                raster_total: Some(s.total),
                ..Preview::default()
            })
        }
        Err(e) => {
            f.role = FileRole::Unused;
            f.problem = Some((e.clone(), e));
        }
    }
    f
}

fn vector(name: &str, bytes: &[u8], others: &dyn Files) -> FileInfo {
    struct With<'a>(One<'a>, &'a dyn Files);
    impl Files for With<'_> {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            self.0.read(path).or_else(|_| self.1.read(path))
        }
    }
    let files = With(One(name, bytes), others);
    let mut report = Report::default();
    let mut p = Preview::default();
    let mut polygons = 0u64;
    let mut lines = 0u64;
    let mut points = 0u64;
    let read = super::vector::read_vector(
        &files,
        name,
        super::vector::VectorSpec::default(),
        &mut report,
        &mut |feat, _| {
            p.count += 1;
            if p.columns.is_empty() {
                p.columns = feat.props.iter().map(|(k, _)| k.clone()).collect();
            }
            if p.rows.len() < PREVIEW_ROWS {
                p.rows
                    .push(feat.props.iter().map(|(_, v)| v.clone()).collect());
            }
            match &feat.geometry {
                Some(geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)) => polygons += 1,
                Some(geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)) => {
                    lines += 1
                }
                Some(geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_)) => points += 1,
                _ => {}
            }
            if p.geometry.is_none() {
                p.geometry = feat.geometry.as_ref().map(|g| kind_of(g).to_string());
            }
        },
    );
    for a in &report.assumed {
        if let Some(rest) = a.split(": coordinates in ").nth(1) {
            p.crs = Some(rest.trim_end_matches(" (as the file says)").to_string());
        }
        if let Some(rest) = a.split(": attribute text read as ").nth(1) {
            p.encoding = rest.split(" (").next().map(String::from);
        }
    }
    for c in &p.columns {
        if let Some(r) = role_of(c) {
            p.detected
                .entry(role_key(r).to_string())
                .or_insert_with(|| c.clone());
        }
    }
    if !p.detected.contains_key("id") {
        // Units and zones are keyed by their division code when there is no id.
        if let Some(c) = p.detected.get("code").cloned() {
            p.detected.insert("id".into(), c);
        }
    }
    let mut f = info(name, bytes.len() as u64, FileRole::Unused, ("", ""));
    if read.is_none() || p.count == 0 {
        let why = report
            .rejected
            .first()
            .map(|e| (e.reason.clone(), e.reason_zh.clone()))
            .unwrap_or_else(|| ("no feature could be read".into(), "未能读取任何要素".into()));
        f.problem = Some(why);
        f.preview = Some(p);
        return f;
    }
    let has_pop = p.detected.contains_key("population");
    let (role, why) = if lines > polygons && lines >= points {
        (FileRole::Roads, ("lines: a road network", "线要素：路网"))
    } else if polygons >= points {
        if has_pop && p.count > 60 {
            (
                FileRole::Zones,
                (
                    "many polygons carrying residents: demand zones",
                    "大量带人口属性的面要素：需求单元",
                ),
            )
        } else {
            (
                FileRole::Boundaries,
                ("polygons: administrative boundaries", "面要素：行政区边界"),
            )
        }
    } else if has_pop {
        (
            FileRole::Zones,
            (
                "points carrying residents: demand zones",
                "带人口属性的点要素：需求单元",
            ),
        )
    } else {
        (
            FileRole::Unused,
            (
                "points without residents: give facilities as a table",
                "无人口属性的点要素：机构请以表格提供",
            ),
        )
    };
    f.role = role;
    f.why = why.0.into();
    f.why_zh = why.1.into();
    f.preview = Some(p);
    f
}

fn kind_of(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) => "Point",
        geo::Geometry::MultiPoint(_) => "MultiPoint",
        geo::Geometry::LineString(_) => "LineString",
        geo::Geometry::MultiLineString(_) => "MultiLineString",
        geo::Geometry::Polygon(_) => "Polygon",
        geo::Geometry::MultiPolygon(_) => "MultiPolygon",
        _ => "Geometry",
    }
}

fn table(name: &str, bytes: &[u8]) -> FileInfo {
    let mut f = info(name, bytes.len() as u64, FileRole::Unused, ("", ""));
    let mut p = Preview::default();
    let t = if bytes.starts_with(b"PK\x03\x04") {
        p.sheets = super::table::sheet_names(bytes).unwrap_or_default();
        super::table::read_xlsx(bytes, None)
    } else {
        super::table::read_csv(bytes, None)
    };
    let t = match t {
        Ok(t) => t,
        Err(e) => {
            f.problem = Some((e.en, e.zh));
            return f;
        }
    };
    p.encoding = Some(t.encoding.to_string());
    let rows: Vec<Vec<String>> = t.rows.iter().map(|(_, r)| r.clone()).collect();
    let Some(h) = find_header(&rows) else {
        let n = super::headers::HEADER_SEARCH_ROWS;
        f.problem = Some((
            format!("no header row found in the first {n} rows: name the columns (名称, 类别, 床位, 经度, 纬度, 常住人口…)"),
            format!("前 {n} 行中未找到表头：请为各列命名（名称、类别、床位、经度、纬度、常住人口……）"),
        ));
        p.rows = rows.into_iter().take(PREVIEW_ROWS).collect();
        f.preview = Some(p);
        return f;
    };
    p.header_row = t.rows.get(h.row).map(|(n, _)| *n);
    p.columns = rows[h.row].clone();
    for (r, c) in &h.columns {
        if let Some(col) = p.columns.get(*c) {
            p.detected
                .entry(role_key(*r).to_string())
                .or_insert_with(|| col.clone());
        }
    }
    p.rows = rows
        .iter()
        .skip(h.row + 1)
        .take(PREVIEW_ROWS)
        .cloned()
        .collect();
    p.count = (rows.len() - h.row - 1) as u64;
    let has = |r: Role| h.column(r).is_some();
    let (role, why) = if (has(Role::Origin) || has(Role::Id))
        && has(Role::Destination)
        && (has(Role::Minutes) || has(Role::Seconds))
    {
        (
            FileRole::TravelTable,
            (
                "origin, destination and time: a travel-time table",
                "起点、终点与时间：出行时间表",
            ),
        )
    } else if has(Role::Lon) && has(Role::Lat) && has(Role::Cost) && !has(Role::Beds) {
        (
            FileRole::CandidateSites,
            (
                "points with a cost and no beds: candidate sites",
                "带造价、无床位的点：候选站点",
            ),
        )
    } else if has(Role::Lon)
        && has(Role::Lat)
        && (has(Role::Beds) || has(Role::Doctors) || has(Role::Category))
    {
        (
            FileRole::Facilities,
            (
                "points with category or beds: the facility list",
                "带类别或床位的点：医疗机构名录",
            ),
        )
    } else if has(Role::Lon) && has(Role::Lat) {
        (
            FileRole::CandidateSites,
            (
                "points without beds: candidate sites",
                "无床位的点：候选站点",
            ),
        )
    } else if has(Role::Population) {
        (
            FileRole::Population,
            (
                "residents per unit: the census table",
                "各单元常住人口：普查表",
            ),
        )
    } else {
        (
            FileRole::Unused,
            (
                "no known columns: choose its role",
                "未识别的列：请选择其用途",
            ),
        )
    };
    if role == FileRole::Population && !p.detected.contains_key("unit") {
        // The census joins units by code, else by name (population.rs).
        let by = p.detected.get("code").or(p.detected.get("name")).cloned();
        if let Some(c) = by {
            p.detected.insert("unit".into(), c);
        }
    }
    if role == FileRole::Facilities {
        if let Some(c) = h.column(Role::Category) {
            let tiers = TierMap::default();
            let mut seen = std::collections::BTreeSet::new();
            for r in rows.iter().skip(h.row + 1) {
                let v = r.get(c).map(|s| s.trim()).unwrap_or("");
                if !v.is_empty() && seen.len() < MAX_CATEGORIES && seen.insert(v.to_string()) {
                    p.categories.push((v.to_string(), tiers.tier_of(v)));
                }
            }
        }
    }
    f.role = role;
    f.why = why.0.into();
    f.why_zh = why.1.into();
    f.preview = Some(p);
    f
}

/// The manifest the wizard's choices make: `base` (a dropped manifest, or
/// the choices so far) with each file put where its role says. A role the
/// base already fills with another dropped file keeps the base's choice of
/// columns only when it is the same file.
pub fn manifest_for(files: &[(String, FileRole)], base: &Manifest) -> Manifest {
    let mut m = base.clone();
    let of = |r: FileRole| files.iter().find(|(_, x)| *x == r).map(|(n, _)| n.clone());
    if let Some(p) = of(FileRole::Boundaries) {
        if m.units.path != p {
            m.units = UnitsFile {
                path: p,
                ..UnitsFile::default()
            };
        }
    }
    let census = of(FileRole::Population);
    let raster = of(FileRole::PopulationRaster);
    match (census, raster) {
        (Some(c), r) => {
            if m.population.path != c {
                m.population = PopulationFile {
                    path: c,
                    ..PopulationFile::default()
                };
            }
            m.population.raster = r;
        }
        (None, Some(r)) => {
            if m.population.path != r {
                m.population = PopulationFile {
                    path: r,
                    ..PopulationFile::default()
                };
            }
            m.population.raster = None;
        }
        (None, None) => {}
    }
    if let Some(p) = of(FileRole::Facilities) {
        if m.facilities.path != p {
            m.facilities = FacilitiesFile {
                path: p,
                ..FacilitiesFile::default()
            };
        }
    }
    m.roads = match of(FileRole::Roads) {
        Some(p) if m.roads.as_ref().map(|r| &r.path) == Some(&p) => m.roads,
        Some(p) => Some(RoadsFile {
            path: p,
            ..RoadsFile::default()
        }),
        None => None,
    };
    m.travel_table = match of(FileRole::TravelTable) {
        Some(p) if m.travel_table.as_ref().map(|r| &r.path) == Some(&p) => m.travel_table,
        Some(p) => Some(TravelFile {
            path: p,
            ..TravelFile::default()
        }),
        None => None,
    };
    match of(FileRole::CandidateSites) {
        Some(p) => {
            let mut s = m.candidate_sites.clone().unwrap_or_default();
            if s.path.as_deref() != Some(&p) {
                s = SitesFile {
                    path: Some(p),
                    ..SitesFile::default()
                };
            }
            m.candidate_sites = Some(s);
        }
        None => {
            if let Some(s) = &mut m.candidate_sites {
                s.path = None;
            }
        }
    }
    match of(FileRole::Zones) {
        Some(p) => {
            let mut z = m.zones.clone().unwrap_or(ZonesSpec::hexagons(None));
            if z.path.as_deref() != Some(&p) {
                z = ZonesSpec {
                    path: Some(p.clone()),
                    ..ZonesSpec::hexagons(None)
                };
            }
            m.zones = Some(z);
            if m.population.path.is_empty() {
                m.population.path = p;
            }
        }
        None => {
            if let Some(z) = &mut m.zones {
                z.path = None;
            }
        }
    }
    m
}

/// What the manifest still lacks before an import can run (English, Chinese).
pub fn missing(m: &Manifest) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if m.units.path.is_empty() {
        out.push((
            "boundaries of the admin units (GeoJSON or a zipped Shapefile)",
            "行政区边界（GeoJSON 或 Shapefile 压缩包）",
        ));
    }
    if m.population.path.is_empty() {
        out.push((
            "residents: a census table by unit, a GeoTIFF raster, or zones carrying residents",
            "人口：按单元的普查表、GeoTIFF 栅格，或带人口的需求单元",
        ));
    }
    if m.facilities.path.is_empty() {
        out.push((
            "the facility list (CSV or XLSX with name, category, longitude, latitude)",
            "医疗机构名录（含名称、类别、经度、纬度的 CSV 或 XLSX）",
        ));
    }
    out
}

/// The column the manifest names for `key` of the file playing `role`
/// (None: detected from the header).
pub fn column_of(m: &Manifest, role: FileRole, key: &str) -> Option<String> {
    match (role, key) {
        (FileRole::Facilities, k) => m.facilities.columns.get(k).cloned(),
        (FileRole::Population, "unit") => m.population.unit_field.clone(),
        (FileRole::Population, "population") => m.population.population_field.clone(),
        (FileRole::Population, "children") => m.population.children_field.clone(),
        (FileRole::Population, "elderly") => m.population.elderly_field.clone(),
        (FileRole::Boundaries, "id") => m.units.id_field.clone(),
        (FileRole::Boundaries, "name") => m.units.name_field.clone(),
        (FileRole::Zones, "id") => m.zones.as_ref().and_then(|z| z.id_field.clone()),
        (FileRole::Zones, "population") => {
            m.zones.as_ref().and_then(|z| z.population_field.clone())
        }
        (FileRole::Roads, "class") => m.roads.as_ref().and_then(|r| r.class_field.clone()),
        _ => None,
    }
}

/// The column chooser's value for "not in this file" (a required count the
/// file does not have: 0 for every row, and the report says so).
pub const NOT_IN_FILE: &str = "(not in this file)";

/// The keys a file playing `role` cannot be imported without.
pub fn required_columns(role: FileRole) -> &'static [&'static str] {
    match role {
        FileRole::Facilities => &["name", "category", "beds", "doctors", "lon", "lat"],
        FileRole::Population => &["unit", "population"],
        _ => &[],
    }
}

/// Whether `key` may be marked "not in this file" (counts, not identity or position).
pub fn may_be_absent(role: FileRole, key: &str) -> bool {
    role == FileRole::Facilities && matches!(key, "beds" | "doctors")
}

/// Where a role's column comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnState {
    /// The planner (or a dropped manifest) named this column, and the file has it.
    Named(String),
    /// Found by its header.
    Detected(String),
    /// Marked "not in this file".
    NotInFile,
    /// Neither named nor found (or named but not in the file).
    Missing,
}

/// Where `key`'s column comes from for the file playing `role`.
///
/// ```
/// use healthreach::import::manifest::Manifest;
/// use healthreach::import::wizard::*;
/// let p = Preview { columns: vec!["机构名称".into(), "字段7".into()],
///     detected: [("name".to_string(), "机构名称".to_string())].into(), ..Preview::default() };
/// let mut m = Manifest::default();
/// let r = FileRole::Facilities;
/// assert_eq!(column_state(&m, r, "name", &p), ColumnState::Detected("机构名称".into()));
/// assert_eq!(column_state(&m, r, "doctors", &p), ColumnState::Missing);
/// set_column(&mut m, r, "doctors", Some("字段7".into()));
/// assert_eq!(column_state(&m, r, "doctors", &p), ColumnState::Named("字段7".into()));
/// set_column(&mut m, r, "doctors", Some(NOT_IN_FILE.into()));
/// assert_eq!(column_state(&m, r, "doctors", &p), ColumnState::NotInFile);
/// assert_eq!(m.facilities.columns["doctors"], "");
/// ```
pub fn column_state(m: &Manifest, role: FileRole, key: &str, preview: &Preview) -> ColumnState {
    match column_of(m, role, key) {
        Some(c) if c.is_empty() => ColumnState::NotInFile,
        Some(c) if preview.columns.contains(&c) => ColumnState::Named(c),
        Some(_) => ColumnState::Missing,
        None => match preview.detected.get(key) {
            Some(c) => ColumnState::Detected(c.clone()),
            None => ColumnState::Missing,
        },
    }
}

/// Required columns still to be chosen: (file, role key), for every file
/// that plays a role with required columns.
pub fn unmapped(
    m: &Manifest,
    roles: &[(String, FileRole)],
    infos: &[FileInfo],
) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (name, role) in roles {
        let Some(p) = infos
            .iter()
            .find(|f| f.name == *name)
            .and_then(|f| f.preview.as_ref())
        else {
            continue;
        };
        for key in required_columns(*role) {
            if column_state(m, *role, key, p) == ColumnState::Missing {
                out.push((name.clone(), *key));
            }
        }
    }
    out
}

/// Sets (or, with None, clears back to detection) the column for `key`;
/// [`NOT_IN_FILE`] marks a count the file does not have.
pub fn set_column(m: &mut Manifest, role: FileRole, key: &str, column: Option<String>) {
    if column.as_deref() == Some(NOT_IN_FILE) {
        if may_be_absent(role, key) {
            m.facilities.columns.insert(key.to_string(), String::new());
        }
        return;
    }
    let column = column.filter(|c| !c.is_empty());
    match (role, key) {
        (FileRole::Facilities, k) => match column {
            Some(c) => {
                m.facilities.columns.insert(k.to_string(), c);
            }
            None => {
                m.facilities.columns.remove(k);
            }
        },
        (FileRole::Population, "unit") => m.population.unit_field = column,
        (FileRole::Population, "population") => m.population.population_field = column,
        (FileRole::Population, "children") => m.population.children_field = column,
        (FileRole::Population, "elderly") => m.population.elderly_field = column,
        (FileRole::Boundaries, "id") => m.units.id_field = column,
        (FileRole::Boundaries, "name") => m.units.name_field = column,
        (FileRole::Zones, "id") => {
            if let Some(z) = &mut m.zones {
                z.id_field = column
            }
        }
        (FileRole::Zones, "population") => {
            if let Some(z) = &mut m.zones {
                z.population_field = column
            }
        }
        (FileRole::Roads, "class") => {
            if let Some(r) = &mut m.roads {
                r.class_field = column
            }
        }
        _ => {}
    }
}

/// Whether the file playing `role` has coordinates whose system can be chosen.
pub fn has_crs(role: FileRole) -> bool {
    matches!(
        role,
        FileRole::Boundaries
            | FileRole::Facilities
            | FileRole::Roads
            | FileRole::CandidateSites
            | FileRole::Zones
            | FileRole::PopulationRaster
    )
}

/// The coordinate system the manifest declares for the file playing `role`.
pub fn crs_of(m: &Manifest, role: FileRole) -> Option<String> {
    match role {
        FileRole::Boundaries => m.units.crs.clone(),
        FileRole::Facilities => m.facilities.crs.clone(),
        FileRole::Roads => m.roads.as_ref().and_then(|r| r.crs.clone()),
        FileRole::CandidateSites => m.candidate_sites.as_ref().and_then(|r| r.crs.clone()),
        FileRole::Zones => m.zones.as_ref().and_then(|r| r.crs.clone()),
        FileRole::PopulationRaster => m.population.crs.clone(),
        _ => None,
    }
}

/// Declares (or, with None, leaves to the file) the coordinate system.
pub fn set_crs(m: &mut Manifest, role: FileRole, crs: Option<String>) {
    let crs = crs.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    match role {
        FileRole::Boundaries => m.units.crs = crs,
        FileRole::Facilities => m.facilities.crs = crs,
        FileRole::Roads => {
            if let Some(r) = &mut m.roads {
                r.crs = crs
            }
        }
        FileRole::CandidateSites => {
            if let Some(r) = &mut m.candidate_sites {
                r.crs = crs
            }
        }
        FileRole::Zones => {
            if let Some(r) = &mut m.zones {
                r.crs = crs
            }
        }
        FileRole::PopulationRaster => m.population.crs = crs,
        _ => {}
    }
}

/// Whether `crs` is a system the importer reads (empty: left to the file).
///
/// ```
/// use healthreach::import::wizard::crs_problem;
/// assert!(crs_problem("gcj02").is_none());
/// assert!(crs_problem("EPSG:4546").is_none());
/// assert!(crs_problem("EPSG:99999999").is_some());
/// ```
pub fn crs_problem(crs: &str) -> Option<String> {
    if crs.trim().is_empty() {
        return None;
    }
    let problem = super::crs::Crs::parse(Some(crs.trim())).err();
    #[cfg(not(feature = "projections"))]
    let problem = problem.and_then(|_| super::crs::syntax_problem(crs.trim()));
    problem
}
