//! The scenario model: everything a planner loads before pressing **Optimise**.
//!
//! A [`Scenario`] is plain data (serde + JSON Schema). It holds no derived
//! values: travel times, indicators and plans are computed from it elsewhere.
//! The JSON format is versioned by the [`Scenario::format`] field and
//! documented in `docs/scenario-format.md`; its schema is generated from these
//! types (`healthreach schema`).
//!
//! Units are part of every field name or documented on it: `_minutes`,
//! `_kmh`, `_yuan`, `_per_1000`, shares in `0..=1`, coordinates in WGS84
//! degrees `[longitude, latitude]`.
//!
//! ```
//! let s = healthreach::demo::weinan();
//! assert_eq!(s.format, healthreach::scenario::FORMAT);
//! assert_eq!(s.admin_units.len(), 11);
//! ```

mod admin_unit;
mod community_leads;
mod facility;
pub mod geometry;
mod policy;
mod roads;
mod telemedicine_hubs;
mod travel_table;
mod zone;

pub use admin_unit::AdminUnit;
pub use facility::{CandidateSite, Expansion, Facility, Specialty, Tier};
pub use geometry::{Area, LonLat, Ring};
pub use policy::{
    Budget, CoverageTarget, EmergencyCentreRule, InpatientAccessRule, Objective, PaediatricRule,
    PatientChoice, Policy, RatioTargets, SecondmentRules, ServiceRules, TelemedicineRule,
    TierCapacities, TierWeights, TravelTimeObjective, UnitCosts,
};
pub use roads::{ModeSpeeds, RoadClass, RoadLink, RoadNetwork};
pub use travel_table::{Mode, TravelTimeEntry, TravelTimeTable};
pub use zone::{AgeGroups, DemandZone};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The format tag this version of HealthReach reads and writes.
pub const FORMAT: &str = "healthreach-scenario/1";

/// A region to plan for: its administrative units, people, facilities,
/// optional roads or travel times, and the policy targets and budgets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format and version tag; must be `"healthreach-scenario/1"`.
    pub format: String,
    /// The region's name and coordinate system.
    pub region: Region,
    /// Where each part of the data comes from, and whether it is real or synthesized.
    #[serde(default)]
    pub sources: Vec<DataSource>,
    /// Administrative units (counties, districts): the level at which ratio targets apply.
    pub admin_units: Vec<AdminUnit>,
    /// Demand zones: where people live.
    pub zones: Vec<DemandZone>,
    /// Existing health facilities of every tier.
    pub facilities: Vec<Facility>,
    /// Sites where a new service point could be opened.
    #[serde(default)]
    pub candidate_sites: Vec<CandidateSite>,
    /// Optional road network used to compute travel times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roads: Option<RoadNetwork>,
    /// Optional explicit zone → facility/site travel times, used as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_times: Option<TravelTimeTable>,
    /// Targets, rules, budgets and the objective.
    #[serde(default)]
    pub policy: Policy,
}

/// The region's identity and coordinate reference system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Name shown to users, e.g. `渭南市`.
    pub name: String,
    /// English name, e.g. `Weinan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Coordinate reference system; only `EPSG:4326` (WGS84 longitude/latitude) is supported.
    #[serde(default = "default_crs")]
    pub crs: String,
}

fn default_crs() -> String {
    "EPSG:4326".to_string()
}

/// Provenance of one part of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    /// What part of the scenario this covers, e.g. `admin_units.boundary`.
    pub part: String,
    /// `true` for real, published data; `false` for synthesized data.
    pub real: bool,
    /// Where it came from or how it was made (English).
    pub description: String,
    /// The same in Simplified Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
}

impl Scenario {
    /// Parses a scenario from JSON text without validating it.
    ///
    /// Most callers want [`crate::validate::load`], which also validates and
    /// reports every problem at once.
    /// A leading byte-order mark is ignored.
    pub fn from_json(text: &str) -> Result<Scenario, crate::diagnostics::Problem> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(crate::diagnostics::from_parse_error)
    }

    /// Serialises the scenario as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Serialises the scenario as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a scenario always serialises")
    }

    /// Total population over demand zones (persons).
    pub fn total_population(&self) -> f64 {
        self.zones.iter().map(|z| z.population).sum()
    }

    /// Residents of the zones of admin unit `unit` (persons).
    pub fn unit_population(&self, unit: &str) -> f64 {
        self.zones
            .iter()
            .filter(|z| z.admin_unit == unit)
            .map(|z| z.population)
            .sum()
    }

    /// The facility with this id, if any.
    pub fn facility(&self, id: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.id == id)
    }

    /// The name of the facility or candidate site with this id, if any.
    pub fn place_name(&self, id: &str) -> Option<&str> {
        self.facility(id).map(|f| f.name.as_str()).or_else(|| {
            self.candidate_sites
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.as_str())
        })
    }

    /// The admin unit with this id, if any.
    pub fn admin_unit(&self, id: &str) -> Option<&AdminUnit> {
        self.admin_units.iter().find(|u| u.id == id)
    }

    /// The lead hospitals of the county medical communities (indices into
    /// `facilities`): facilities that lead their own community. A scenario
    /// that names no community has, in each admin unit, its county
    /// hospital with the most beds (the first on a tie) as lead.
    ///
    /// ```
    /// let s = healthreach::demo::weinan();
    /// let leads = s.lead_hospitals();
    /// assert_eq!(leads.len(), 16);
    /// assert!(leads.iter().all(|&i| s.facilities[i].tier.leads_community()));
    /// ```
    pub fn lead_hospitals(&self) -> Vec<usize> {
        let named: Vec<usize> = (0..self.facilities.len())
            .filter(|&i| {
                let f = &self.facilities[i];
                f.community.as_deref() == Some(f.id.as_str()) && f.tier.leads_community()
            })
            .collect();
        if !named.is_empty() || self.facilities.iter().any(|f| f.community.is_some()) {
            return named;
        }
        self.admin_units
            .iter()
            .filter_map(|u| self.unit_county_hospital(&u.id))
            .collect()
    }

    /// The county hospital of an admin unit with the most beds (the first
    /// on a tie): the lead of a region that names no community.
    fn unit_county_hospital(&self, unit: &str) -> Option<usize> {
        (0..self.facilities.len())
            .filter(|&i| {
                let f = &self.facilities[i];
                f.admin_unit == unit && f.tier == Tier::CountyHospital
            })
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if self.facilities[b].beds >= self.facilities[i].beds => Some(b),
                _ => Some(i),
            })
    }

    /// The lead hospital of facility `i`'s county medical community, when
    /// `i` is a grassroots centre that belongs to one: the facility its
    /// `community` names, if that one leads itself and may lead; in a
    /// region that names no community, its admin unit's county hospital
    /// with the most beds (as [`Scenario::lead_hospitals`]).
    ///
    /// ```
    /// let s = healthreach::demo::weinan();
    /// let leads = s.lead_hospitals();
    /// let centre = s.facilities.iter().position(|f| f.tier.is_grassroots_centre()).unwrap();
    /// let lead = s.community_lead_of(centre).unwrap();
    /// assert!(leads.contains(&lead));
    /// assert_eq!(s.facilities[centre].community.as_deref(), Some(s.facilities[lead].id.as_str()));
    /// ```
    pub fn community_lead_of(&self, i: usize) -> Option<usize> {
        let f = self.facilities.get(i)?;
        if !f.tier.is_grassroots_centre() {
            return None;
        }
        if let Some(id) = f.community.as_deref() {
            let lead = self.facilities.iter().position(|g| g.id == id)?;
            let g = &self.facilities[lead];
            return (g.tier.leads_community() && g.community.as_deref() == Some(id))
                .then_some(lead);
        }
        if self.facilities.iter().any(|g| g.community.is_some()) {
            return None;
        }
        self.unit_county_hospital(&f.admin_unit)
    }
}

/// The JSON Schema of the scenario format, generated from the Rust types.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Scenario)).expect("schema serialises")
}
