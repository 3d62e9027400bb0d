//! The import manifest: which file is what, and the choices the importer
//! would otherwise detect or default (every key but `units.path`,
//! `population.path` and `facilities.path` is optional). Paths are relative
//! to the manifest.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The whole manifest.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The region's name (default: the manifest file's name).
    #[serde(default)]
    pub name: Option<String>,
    /// Administrative boundaries.
    pub units: UnitsFile,
    /// Residents per unit.
    pub population: PopulationFile,
    /// The facility list.
    pub facilities: FacilitiesFile,
    /// Road lines (not read yet: reported).
    #[serde(default)]
    pub roads: Option<OtherFile>,
    /// A travel-time table (not read yet: reported).
    #[serde(default)]
    pub travel_table: Option<OtherFile>,
    /// Candidate sites (not read yet: reported).
    #[serde(default)]
    pub candidate_sites: Option<OtherFile>,
    /// How zones are built.
    #[serde(default)]
    pub zones: Option<ZonesSpec>,
    /// Category text → tier key, added to the default table.
    #[serde(default)]
    pub tiers: BTreeMap<String, crate::scenario::Tier>,
    /// Fill missing beds and doctors from the median of the facility's tier
    /// (recorded in `sources` as synthesized); otherwise such rows are rejected.
    #[serde(default)]
    pub fill_missing: bool,
}

/// Boundaries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile {
    /// GeoJSON file.
    pub path: String,
    /// Property holding the unit's id or division code (default: detected).
    #[serde(default)]
    pub id_field: Option<String>,
    /// Property holding the name (default: detected).
    #[serde(default)]
    pub name_field: Option<String>,
    /// Coordinate system of the boundaries (default WGS84).
    #[serde(default)]
    pub crs: Option<String>,
}

/// Residents per unit.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationFile {
    /// CSV or XLSX file.
    pub path: String,
    /// Column naming the unit (code or name).
    #[serde(default)]
    pub unit_field: Option<String>,
    /// Column of residents.
    #[serde(default)]
    pub population_field: Option<String>,
    /// Column of residents aged 0–14.
    #[serde(default)]
    pub children_field: Option<String>,
    /// Column of residents aged 65+.
    #[serde(default)]
    pub elderly_field: Option<String>,
    /// Sheet of an XLSX workbook, by name (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Text encoding (default: detected).
    #[serde(default)]
    pub encoding: Option<String>,
}

/// The facility list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilitiesFile {
    /// CSV or XLSX file.
    pub path: String,
    /// `wgs84`, `cgcs2000`, `gcj02`, `bd09`, `EPSG:4326`, `EPSG:4490` (default WGS84).
    #[serde(default)]
    pub crs: Option<String>,
    /// Text encoding (default: detected).
    #[serde(default)]
    pub encoding: Option<String>,
    /// Column names by role (default: detected from the header).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Sheet of an XLSX workbook, by name (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

/// A file kind the importer does not read yet.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OtherFile {
    /// Its path.
    pub path: String,
    /// Anything else the manifest says about it.
    #[serde(flatten)]
    pub rest: BTreeMap<String, serde_json::Value>,
}

/// How zones are built.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZonesSpec {
    /// Given zones (not read yet).
    #[serde(default)]
    pub path: Option<String>,
    /// Hexagon size: distance across flats (km). Default 2.
    #[serde(default)]
    pub hex_km: Option<f64>,
}

/// A coordinate system a manifest may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    /// WGS84 or CGCS2000 longitude/latitude (within centimetres for planning).
    Wgs84,
    /// GCJ-02 (AMap, Tencent).
    Gcj02,
    /// BD-09 (Baidu).
    Bd09,
}

impl Crs {
    /// Reads a manifest's `crs` (None = WGS84); Err names what is accepted.
    ///
    /// ```
    /// use healthreach::import::manifest::Crs;
    /// assert_eq!(Crs::parse(Some("GCJ-02")), Ok(Crs::Gcj02));
    /// assert_eq!(Crs::parse(Some("EPSG:4490")), Ok(Crs::Wgs84));
    /// assert!(Crs::parse(Some("EPSG:4547")).is_err());
    /// ```
    pub fn parse(s: Option<&str>) -> Result<Crs, String> {
        let Some(s) = s else { return Ok(Crs::Wgs84) };
        let k: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect();
        match k.as_str() {
            "wgs84" | "epsg:4326" | "cgcs2000" | "epsg:4490" | "4326" | "4490" => Ok(Crs::Wgs84),
            "gcj02" | "amap" | "tencent" | "gaode" => Ok(Crs::Gcj02),
            "bd09" | "baidu" | "bd09ll" => Ok(Crs::Bd09),
            _ => Err(format!(
                "coordinate system {s:?} is not read yet; give longitude/latitude in wgs84, cgcs2000, gcj02 or bd09 (projected systems from a .prj are the next step of the importer)"
            )),
        }
    }

    /// Converts a position in this system to WGS84.
    pub fn to_wgs84(self, p: [f64; 2]) -> [f64; 2] {
        use super::chinese_crs::{bd09_to_wgs84, gcj02_to_wgs84};
        match self {
            Crs::Wgs84 => p,
            Crs::Gcj02 => gcj02_to_wgs84(p),
            Crs::Bd09 => bd09_to_wgs84(p),
        }
    }
}
