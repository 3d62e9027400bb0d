use super::LonLat;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Class of a road, which sets its default speeds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RoadClass {
    /// 高速公路
    Expressway,
    /// 国道
    National,
    /// 省道
    Provincial,
    /// 县道
    County,
    /// 乡村道路
    Village,
}

/// Speeds on a road by mode of travel (km/h). Zero means the mode cannot use it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModeSpeeds {
    /// Walking speed (km/h).
    pub walk_kmh: f64,
    /// Bicycle / e-bike speed (km/h).
    pub bike_kmh: f64,
    /// Driving speed (km/h).
    pub drive_kmh: f64,
}

/// A road network: polylines with a class and optional speed overrides.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoadNetwork {
    /// Speeds per class overriding the documented defaults (km/h).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub class_speeds: BTreeMap<RoadClass, ModeSpeeds>,
    /// The road links.
    pub links: Vec<RoadLink>,
}

/// One road link: a polyline travelled both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoadLink {
    /// Unique id.
    pub id: String,
    /// Road class.
    pub class: RoadClass,
    /// The polyline, at least two positions `[lon, lat]`.
    pub line: Vec<LonLat>,
    /// Speeds on this link overriding its class (km/h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speeds: Option<ModeSpeeds>,
}
