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

    /// Whether facilities of this tier receive doctors seconded by their
    /// own medical community's lead hospital (县管乡用: township and
    /// community health centres, the community's grassroots centres).
    pub fn is_grassroots_centre(self) -> bool {
        matches!(
            self,
            Tier::TownshipHealthCentre | Tier::CommunityHealthCentre
        )
    }

    /// Whether facilities of this tier may hold inpatient beds (township
    /// health centres and above; village clinics have none).
    pub fn holds_inpatient_beds(self) -> bool {
        self > Tier::VillageClinic
    }

    /// Whether facilities of this tier may be linked to a telemedicine
    /// reading centre (remote ECG and consultation: township and community
    /// health centres).
    pub fn links_to_telemedicine(self) -> bool {
        matches!(
            self,
            Tier::TownshipHealthCentre | Tier::CommunityHealthCentre
        )
    }

    /// Whether facilities of this tier may serve as a telemedicine reading
    /// centre (county hospitals and above).
    pub fn reads_telemedicine(self) -> bool {
        self >= Tier::CountyHospital
    }

    /// Whether facilities of this tier may lead a county medical community
    /// (county hospitals and above).
    pub fn leads_community(self) -> bool {
        self >= Tier::CountyHospital
    }

    /// Whether facilities of this tier may hold integrated
    /// medical-and-elderly-care beds (医养结合: township and community health
    /// centres and county hospitals, where the policy places them).
    pub fn hosts_elderly_care_beds(self) -> bool {
        matches!(
            self,
            Tier::TownshipHealthCentre | Tier::CommunityHealthCentre | Tier::CountyHospital
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
    /// 胸痛中心: chest-pain centre.
    ChestPainCentre,
    /// 卒中中心: stroke centre.
    StrokeCentre,
    /// 创伤中心: trauma centre.
    TraumaCentre,
    /// 危重孕产妇救治中心: critical maternal care centre.
    CriticalMaternalCentre,
    /// 危重新生儿救治中心: critical neonatal care centre.
    CriticalNeonatalCentre,
}

impl Specialty {
    /// Every specialty.
    pub const ALL: [Specialty; 11] = [
        Specialty::Paediatrics,
        Specialty::Haemodialysis,
        Specialty::MentalHealth,
        Specialty::Geriatrics,
        Specialty::NuclearMedicine,
        Specialty::Obstetrics,
        Specialty::ChestPainCentre,
        Specialty::StrokeCentre,
        Specialty::TraumaCentre,
        Specialty::CriticalMaternalCentre,
        Specialty::CriticalNeonatalCentre,
    ];

    /// The five emergency centres of a county (五大中心).
    pub const CENTRES: [Specialty; 5] = [
        Specialty::ChestPainCentre,
        Specialty::StrokeCentre,
        Specialty::TraumaCentre,
        Specialty::CriticalMaternalCentre,
        Specialty::CriticalNeonatalCentre,
    ];

    /// Whether this is one of the five emergency centres.
    pub fn is_centre(self) -> bool {
        Specialty::CENTRES.contains(&self)
    }

    /// Stable key, as in the JSON (`haemodialysis`, …).
    pub fn key(self) -> &'static str {
        match self {
            Specialty::Paediatrics => "paediatrics",
            Specialty::Haemodialysis => "haemodialysis",
            Specialty::MentalHealth => "mental_health",
            Specialty::Geriatrics => "geriatrics",
            Specialty::NuclearMedicine => "nuclear_medicine",
            Specialty::Obstetrics => "obstetrics",
            Specialty::ChestPainCentre => "chest_pain_centre",
            Specialty::StrokeCentre => "stroke_centre",
            Specialty::TraumaCentre => "trauma_centre",
            Specialty::CriticalMaternalCentre => "critical_maternal_centre",
            Specialty::CriticalNeonatalCentre => "critical_neonatal_centre",
        }
    }

    /// Whether a plan may open this service at a facility of `tier`: mental
    /// health at county hospitals; haemodialysis and paediatrics at county
    /// hospitals, township and community health centres; the five
    /// emergency centres at county hospitals and above; the others are not
    /// planned.
    pub fn may_open_at(self, tier: Tier) -> bool {
        match self {
            Specialty::MentalHealth => tier == Tier::CountyHospital,
            Specialty::Haemodialysis | Specialty::Paediatrics => tier.receives_secondees(),
            s if s.is_centre() => tier >= Tier::CountyHospital,
            _ => false,
        }
    }

    /// Whether the service, offered at a facility of `tier`, counts toward
    /// its rule (a mental-health clinic and an emergency centre count at
    /// county level or above).
    pub fn counts_at(self, tier: Tier) -> bool {
        if self == Specialty::MentalHealth || self.is_centre() {
            tier >= Tier::CountyHospital
        } else {
            true
        }
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
    /// Integrated medical-and-elderly-care beds (医养结合床位), counted apart
    /// from `beds` (beds).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub elderly_care_beds: f64,
    /// Specialists by specialty (persons), part of `doctors`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub specialists: BTreeMap<Specialty, f64>,
    /// Specialty services offered now (the five emergency centres among them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Specialty>,
    /// The county medical community (紧密型县域医共体) it belongs to: the
    /// id of the community's lead hospital (its own id for the lead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    /// The telemedicine reading centre (a county or higher hospital) it is
    /// linked to today for remote ECG and consultation, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemedicine_hub: Option<String>,
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
    /// Most integrated medical-and-elderly-care beds that can be added (beds).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub max_extra_elderly_care_beds: f64,
    /// Cost of raising it one tier (yuan); absent when it cannot be raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_cost_yuan: Option<f64>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
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
