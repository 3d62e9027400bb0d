use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Mode of travel.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// On foot.
    Walk,
    /// Bicycle or e-bike.
    Bike,
    /// Car, bus or motorbike.
    #[default]
    Drive,
}

/// Explicit travel times from zones to facilities or candidate sites, used as given.
/// Sparse: a missing pair means "not reachable within the table".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TravelTimeTable {
    /// Mode the times were measured for.
    #[serde(default)]
    pub mode: Mode,
    /// The entries.
    pub entries: Vec<TravelTimeEntry>,
}

/// One zone → facility/site travel time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TravelTimeEntry {
    /// Demand zone id.
    pub zone: String,
    /// Facility or candidate site id.
    pub site: String,
    /// Travel time (minutes).
    pub minutes: f64,
}
