use super::{Area, LonLat};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A demand zone: a small area whose residents are treated as living at its
/// location point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemandZone {
    /// Unique id.
    pub id: String,
    /// Id of the admin unit the zone belongs to.
    pub admin_unit: String,
    /// Representative point `[lon, lat]` (WGS84 degrees).
    pub location: LonLat,
    /// Optional outline, WGS84.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    /// Residents (persons).
    pub population: f64,
    /// Optional age groups (persons), used by paediatric and geriatric rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_groups: Option<AgeGroups>,
}

/// Residents by age group (persons).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeGroups {
    /// Children aged 0–14.
    pub children_0_14: f64,
    /// Residents aged 65 and over.
    pub aged_65_plus: f64,
}
