use super::LonLat;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Tier of a health facility, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 村卫生室: first contact in villages.
    VillageClinic,
    /// 乡镇卫生院: primary care with some beds.
    TownshipHealthCentre,
    /// 社区卫生服务中心: urban primary care.
    CommunityHealthCentre,
    /// 县级医院 (secondary): the county's lead hospital.
    CountyHospital,
    /// 市级医院: city / prefecture hospital.
    CityHospital,
    /// 三甲医院 / regional medical centre: source of seconded doctors.
    TertiaryHospital,
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 6] = [
        Tier::VillageClinic,
        Tier::TownshipHealthCentre,
        Tier::CommunityHealthCentre,
        Tier::CountyHospital,
        Tier::CityHospital,
        Tier::TertiaryHospital,
    ];

    /// The tier an upgrade raises a facility to (`None` at the top).
    pub fn next(self) -> Option<Tier> {
        let i = Tier::ALL.iter().position(|x| *x == self)?;
        Tier::ALL.get(i + 1).copied()
    }

    /// Whether facilities of this tier second doctors to lower tiers
    /// (对口支援: tertiary and city hospitals).
    pub fn sends_secondees(self) -> bool {
        matches!(self, Tier::TertiaryHospital | Tier::CityHospital)
    }

    /// Whether facilities of this tier receive seconded doctors (county
    /// hospitals, township and community health centres).
    pub fn receives_secondees(self) -> bool {
        matches!(
            self,
            Tier::CountyHospital | Tier::TownshipHealthCentre | Tier::CommunityHealthCentre
        )
    }

    /// The snake_case key used in JSON and in translation tables.
    pub fn key(self) -> &'static str {
        match self {
            Tier::VillageClinic => "village_clinic",
            Tier::TownshipHealthCentre => "township_health_centre",
            Tier::CommunityHealthCentre => "community_health_centre",
            Tier::CountyHospital => "county_hospital",
            Tier::CityHospital => "city_hospital",
            Tier::TertiaryHospital => "tertiary_hospital",
        }
    }
}

/// A specialty: both a service a facility offers and a kind of specialist post.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Specialty {
    /// 儿科
    Paediatrics,
    /// 血液透析
    Haemodialysis,
    /// 精神卫生 / mental-health clinic
    MentalHealth,
    /// 老年医学
    Geriatrics,
    /// 核医学
    NuclearMedicine,
    /// 产科 / critical maternal care
    Obstetrics,
}

impl Specialty {
    /// Every specialty.
    pub const ALL: [Specialty; 6] = [
        Specialty::Paediatrics,
        Specialty::Haemodialysis,
        Specialty::MentalHealth,
        Specialty::Geriatrics,
        Specialty::NuclearMedicine,
        Specialty::Obstetrics,
    ];

    /// Stable key, as in the JSON (`haemodialysis`, …).
    pub fn key(self) -> &'static str {
        match self {
            Specialty::Paediatrics => "paediatrics",
            Specialty::Haemodialysis => "haemodialysis",
            Specialty::MentalHealth => "mental_health",
            Specialty::Geriatrics => "geriatrics",
            Specialty::NuclearMedicine => "nuclear_medicine",
            Specialty::Obstetrics => "obstetrics",
        }
    }

    /// Whether a plan may open this service at a facility of `tier`: mental
    /// health at county hospitals; haemodialysis and paediatrics at county
    /// hospitals, township and community health centres; the others are
    /// not planned.
    pub fn may_open_at(self, tier: Tier) -> bool {
        match self {
            Specialty::MentalHealth => tier == Tier::CountyHospital,
            Specialty::Haemodialysis | Specialty::Paediatrics => tier.receives_secondees(),
            _ => false,
        }
    }

    /// Whether the service, offered at a facility of `tier`, counts toward
    /// its rule (a mental-health clinic counts at county level or above).
    pub fn counts_at(self, tier: Tier) -> bool {
        self != Specialty::MentalHealth || tier >= Tier::CountyHospital
    }
}

/// An existing health facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Unique id (shared namespace with candidate sites).
    pub id: String,
    /// Name, e.g. `蒲城县医院`.
    pub name: String,
    /// Tier of care.
    pub tier: Tier,
    /// Location `[lon, lat]` (WGS84 degrees).
    pub location: LonLat,
    /// Id of the admin unit it stands in.
    pub admin_unit: String,
    /// Staffed beds (beds).
    #[serde(default)]
    pub beds: f64,
    /// Licensed doctors (persons).
    #[serde(default)]
    pub doctors: f64,
    /// Specialists by specialty (persons), part of `doctors`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub specialists: BTreeMap<Specialty, f64>,
    /// Specialty services offered now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Specialty>,
    /// What the facility can absorb (expansion caps).
    #[serde(default, skip_serializing_if = "Expansion::is_none")]
    pub expansion: Expansion,
}

/// Caps on what a facility can absorb, from floor space and staff.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expansion {
    /// Most beds that can be added (beds).
    #[serde(default)]
    pub max_extra_beds: f64,
    /// Most doctors (posts or secondees) it can take in (persons).
    #[serde(default)]
    pub max_extra_doctors: f64,
    /// Cost of raising it one tier (yuan); absent when it cannot be raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_cost_yuan: Option<f64>,
}

impl Expansion {
    fn is_none(&self) -> bool {
        *self == Expansion::default()
    }
}

/// A site where a new service point could be opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateSite {
    /// Unique id (shared namespace with facilities).
    pub id: String,
    /// Name or description, e.g. `孝义镇 new community hospital`.
    pub name: String,
    /// Tier the new service point would have.
    pub tier: Tier,
    /// Location `[lon, lat]` (WGS84 degrees).
    pub location: LonLat,
    /// Id of the admin unit it stands in.
    pub admin_unit: String,
    /// One-off cost of opening it (yuan).
    pub cost_yuan: f64,
    /// Beds it would open with (beds).
    #[serde(default)]
    pub beds: f64,
    /// Doctors it would need (persons).
    #[serde(default)]
    pub doctors: f64,
}
