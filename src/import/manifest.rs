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
    /// GeoJSON, zipped Shapefile, or `.shp` with its sidecars.
    pub path: String,
    /// Property holding the unit's id or division code (default: detected).
    #[serde(default)]
    pub id_field: Option<String>,
    /// Property holding the name (default: detected).
    #[serde(default)]
    pub name_field: Option<String>,
    /// Coordinate system of the boundaries (default: the `.prj`, else WGS84).
    #[serde(default)]
    pub crs: Option<String>,
    /// Attribute encoding of a Shapefile's `.dbf` (default: `.cpg`, else detected).
    #[serde(default)]
    pub encoding: Option<String>,
    /// Which Shapefile of a zip holding several (name without extension).
    #[serde(default)]
    pub layer: Option<String>,
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

pub use super::crs::Crs;
