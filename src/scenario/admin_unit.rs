use super::Area;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An administrative unit (county, district, county-level city): the level at
/// which beds- and doctors-per-1,000 targets and service rules apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUnit {
    /// Unique id, referenced by zones and facilities.
    pub id: String,
    /// Name in Chinese, e.g. `临渭区`.
    pub name: String,
    /// Name in English (pinyin), e.g. `Linwei District`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Official administrative code (6-digit adcode in China).
    #[serde(default)]
    pub code: String,
    /// Boundary polygon(s), WGS84.
    pub boundary: Area,
    /// Resident population (persons). Demand zones in this unit should sum to it.
    pub population: f64,
    /// A city district (市辖区): rules with urban and rural travel times
    /// (the emergency centres) use the urban one here.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub urban: bool,
}
