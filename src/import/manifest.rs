//! The import manifest: which file is what, and the choices the importer
//! would otherwise detect or default (every key but `units.path`,
//! `population.path` and `facilities.path` is optional). Paths are relative
//! to the manifest.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The region's name (default: the manifest file's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Administrative boundaries.
    pub units: UnitsFile,
    /// Residents per unit.
    pub population: PopulationFile,
    /// The facility list.
    pub facilities: FacilitiesFile,
    /// Road lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roads: Option<RoadsFile>,
    /// A travel-time table from a routing engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_table: Option<TravelFile>,
    /// Candidate sites for new service points (default: generated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_sites: Option<SitesFile>,
    /// How zones are built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<ZonesSpec>,
    /// Category text → tier key, added to the default table.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tiers: BTreeMap<String, crate::scenario::Tier>,
    /// Fill missing beds and doctors from the median of the facility's tier
    /// (recorded in `sources` as synthesized); otherwise such rows are rejected.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fill_missing: bool,
    /// Rows the planner corrected or dropped, by file and row as the
    /// spreadsheet numbers it (the wizard's "fix in place" and "drop").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<RowEdit>,
}

/// One planner's correction of a table row: a cell set to a new value, or
/// the whole row left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowEdit {
    /// The file (as the manifest names it).
    pub file: String,
    /// The row as the spreadsheet numbers it.
    pub row: u64,
    /// Leave the row out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// The column to set (its header as written), when not dropping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The new value of that cell.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
}

/// Boundaries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile {
    /// GeoJSON, zipped Shapefile, or `.shp` with its sidecars.
    pub path: String,
    /// Property holding the unit's id or division code (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_field: Option<String>,
    /// Property holding the name (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_field: Option<String>,
    /// Coordinate system of the boundaries (default: the `.prj`, else WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<String>,
    /// Attribute encoding of a Shapefile's `.dbf` (default: `.cpg`, else detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Which Shapefile of a zip holding several (name without extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

/// Residents per unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationFile {
    /// CSV or XLSX census table by unit, or a GeoTIFF population raster
    /// (`.tif`), or the given zones' file when the zones carry residents.
    pub path: String,
    /// A GeoTIFF raster spreading each unit's census total over its zones
    /// (dasymetric weights), when `path` is a census table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raster: Option<String>,
    /// Coordinate system of the raster when its GeoTIFF keys do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<String>,
    /// Column naming the unit (code or name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_field: Option<String>,
    /// Column of residents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_field: Option<String>,
    /// Column of residents aged 0–14.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children_field: Option<String>,
    /// Column of residents aged 65+.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elderly_field: Option<String>,
    /// Sheet of an XLSX workbook, by name (default: the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Text encoding (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// The facility list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilitiesFile {
    /// CSV or XLSX file.
    pub path: String,
    /// `wgs84`, `cgcs2000`, `gcj02`, `bd09`, `EPSG:4326`, `EPSG:4490` (default WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<String>,
    /// Text encoding (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Column names by role (default: detected from the header).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
    /// Sheet of an XLSX workbook, by name (default: the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// Road lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadsFile {
    /// GeoJSON, zipped Shapefile, or `.shp` with its sidecars.
    pub path: String,
    /// Attribute holding the class (default: `highway`, `fclass`, `等级`… detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_field: Option<String>,
    /// Coordinate system (default: the `.prj`, else WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<String>,
    /// Attribute encoding of a `.dbf` (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Which Shapefile of a zip holding several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// Class text → road class (`expressway`, `national`, `provincial`,
    /// `county`, `village`, or null to leave such lines out), added to the
    /// default table.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classes: BTreeMap<String, Option<crate::scenario::RoadClass>>,
    /// Speeds per class overriding the documented defaults (km/h).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub class_speeds: BTreeMap<crate::scenario::RoadClass, crate::scenario::ModeSpeeds>,
}

/// A travel-time table: long (`origin_id, destination_id, minutes`) or a
/// wide matrix (origins down, destinations across).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TravelFile {
    /// CSV or XLSX file.
    pub path: String,
    /// Mode the times were measured for (default drive).
    #[serde(default)]
    pub mode: crate::scenario::Mode,
    /// Text encoding (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Sheet of an XLSX workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// `minutes` (default) or `seconds`, when the header does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Candidate sites: a file, or generation settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitesFile {
    /// CSV or XLSX of points (name, category or tier, lon, lat, optionally cost, beds, doctors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Coordinate system of the points (default WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<String>,
    /// Text encoding (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Sheet of an XLSX workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Generate candidates when no file is given (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate: Option<bool>,
    /// Generated candidates per unit (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<usize>,
}

/// How zones are built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZonesSpec {
    /// Given zones: polygons or points (GeoJSON, Shapefile, or CSV points), with population when they carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Hexagon size: distance across flats (km). Default 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hex_km: Option<f64>,
    /// Attribute or column holding a given zone's id (default: detected, else numbered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_field: Option<String>,
    /// Attribute or column holding a given zone's residents (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_field: Option<String>,
    /// Coordinate system of given zones (default: the `.prj`, else WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<String>,
    /// Attribute encoding (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Which Shapefile of a zip holding several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

impl ZonesSpec {
    /// Hexagons of `hex_km` across flats (default 2 km).
    pub fn hexagons(hex_km: Option<f64>) -> ZonesSpec {
        ZonesSpec {
            path: None,
            hex_km,
            id_field: None,
            population_field: None,
            crs: None,
            encoding: None,
            layer: None,
        }
    }
}

pub use super::crs::Crs;
