//! Policy targets, rules, budgets and the objective. Defaults follow
//! `../shared/domain.md`: 90% of residents within 15 minutes of a medical
//! service point; dialysis in every county over 60,000 residents.

use super::{Mode, Tier};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Everything the optimiser must respect, and what it optimises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// The access target (the "15-minute medical service circle").
    pub coverage: CoverageTarget,
    /// Beds and doctors per 1,000 residents, per admin unit.
    pub ratios: RatioTargets,
    /// Service rules (dialysis, mental health, paediatrics).
    pub services: ServiceRules,
    /// Money and doctor-pool budgets.
    pub budget: Budget,
    /// Rules for doctor secondments.
    pub secondment: SecondmentRules,
    /// Unit costs of each kind of decision.
    pub unit_costs: UnitCosts,
    /// What to optimise.
    pub objective: Objective,
    /// Settings of the least-travel-time objective (capacities of service points).
    pub travel_time: TravelTimeObjective,
    /// Parameters of the patient-choice model behind the estimated
    /// in-county treatment and grassroots visit shares.
    pub patient_choice: PatientChoice,
    /// The estimated in-county treatment share (inpatient choices at the
    /// residents' own unit, by the patient-choice model), at least, in every
    /// admin unit, 0–1. Default none (off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_county_share: Option<f64>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            coverage: CoverageTarget::default(),
            ratios: RatioTargets::default(),
            services: ServiceRules::default(),
            budget: Budget::default(),
            secondment: SecondmentRules::default(),
            unit_costs: UnitCosts::default(),
            objective: Objective::LeastCost,
            travel_time: TravelTimeObjective::default(),
            patient_choice: PatientChoice::default(),
            in_county_share: None,
        }
    }
}

impl Policy {
    /// A policy with every target off, the unit costs and model parameters
    /// at their documented defaults: what an imported region starts with,
    /// so no target the planner has not set (the demo's doctors per 1,000,
    /// its mental-health rule) follows a foreign region in.
    ///
    /// ```
    /// let p = healthreach::scenario::Policy::unset();
    /// assert!(!p.coverage.enabled && p.ratios.beds_per_1000.is_none());
    /// assert!(p.services.haemodialysis_min_population.is_none() && p.services.paediatrics.is_none());
    /// ```
    pub fn unset() -> Policy {
        Policy {
            coverage: CoverageTarget {
                enabled: false,
                ..CoverageTarget::default()
            },
            ratios: RatioTargets {
                beds_per_1000: None,
                doctors_per_1000: None,
                elderly_care_beds_per_1000_aged_65: None,
                doctors_per_grassroots_centre: None,
            },
            services: ServiceRules {
                haemodialysis_min_population: None,
                mental_health_min_population: None,
                paediatrics: None,
                emergency_centres: None,
                telemedicine: None,
                inpatient_access: None,
            },
            in_county_share: None,
            ..Policy::default()
        }
    }
}

/// Share of residents within a travel time of a medical service point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CoverageTarget {
    /// Whether the rule is applied.
    pub enabled: bool,
    /// Travel time threshold (minutes). Default 15.
    pub minutes: f64,
    /// Required share of residents within `minutes`, 0–1. Default 0.90.
    pub share: f64,
    /// Mode of travel. Default drive.
    pub mode: Mode,
    /// Apply the share in every admin unit as well as region-wide.
    pub per_admin_unit: bool,
    /// Tiers that count as a medical service point. Default: all.
    pub service_point_tiers: Vec<Tier>,
}

impl Default for CoverageTarget {
    fn default() -> Self {
        CoverageTarget {
            enabled: true,
            minutes: 15.0,
            share: 0.90,
            mode: Mode::Drive,
            per_admin_unit: false,
            service_point_tiers: Tier::ALL.to_vec(),
        }
    }
}

/// Resource ratios per admin unit. `None` switches a ratio off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RatioTargets {
    /// Beds per 1,000 residents, at least (beds per 1,000). Default 7.0.
    pub beds_per_1000: Option<f64>,
    /// Licensed doctors per 1,000 residents, at least (doctors per 1,000). Default 3.2.
    pub doctors_per_1000: Option<f64>,
    /// Integrated medical-and-elderly-care beds per 1,000 residents aged
    /// 65 and over, at least, in every admin unit (beds per 1,000 aged 65+).
    /// Default none (off): it needs the zones' age groups and the
    /// facilities' elderly-care beds and caps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elderly_care_beds_per_1000_aged_65: Option<f64>,
    /// Doctors at every township and community health centre, at least
    /// (doctors per centre), counting those seconded to it by its medical
    /// community's lead hospital (县管乡用). Default none (off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doctors_per_grassroots_centre: Option<f64>,
}

impl Default for RatioTargets {
    fn default() -> Self {
        RatioTargets {
            beds_per_1000: Some(7.0),
            doctors_per_1000: Some(3.2),
            elderly_care_beds_per_1000_aged_65: None,
            doctors_per_grassroots_centre: None,
        }
    }
}

/// Rules on specialty services. `None` switches a rule off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ServiceRules {
    /// Every admin unit with more residents than this offers haemodialysis (persons). Default 60,000.
    pub haemodialysis_min_population: Option<f64>,
    /// Every admin unit with more residents than this has a mental-health clinic (persons). Default 300,000.
    pub mental_health_min_population: Option<f64>,
    /// Paediatric care within a travel time for a share of children.
    pub paediatrics: Option<PaediatricRule>,
    /// The five county emergency centres (chest pain, stroke, trauma,
    /// critical maternal, critical neonatal care). Default none (off): it
    /// needs the facilities' centres today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_centres: Option<EmergencyCentreRule>,
    /// Township and community health centres linked to a telemedicine
    /// reading centre. Default none (off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemedicine: Option<TelemedicineRule>,
    /// Share of residents within a time of a facility with inpatient beds.
    /// Default none (off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inpatient_access: Option<InpatientAccessRule>,
}

impl Default for ServiceRules {
    fn default() -> Self {
        ServiceRules {
            haemodialysis_min_population: Some(60_000.0),
            mental_health_min_population: Some(300_000.0),
            paediatrics: Some(PaediatricRule::default()),
            emergency_centres: None,
            telemedicine: None,
            inpatient_access: None,
        }
    }
}

/// Residents within `minutes` of a facility with inpatient beds: one with
/// at least `min_beds` general beds after the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct InpatientAccessRule {
    /// Travel time threshold (minutes). Default 30.
    pub minutes: f64,
    /// Required share of residents, 0–1. Default 0.95.
    pub share: f64,
    /// Beds that make a facility an inpatient one (beds). Default 10.
    pub min_beds: f64,
}

impl Default for InpatientAccessRule {
    fn default() -> Self {
        InpatientAccessRule {
            minutes: 30.0,
            share: 0.95,
            min_beds: 10.0,
        }
    }
}

/// Paediatric service within `minutes` for `share` of children 0–14.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PaediatricRule {
    /// Travel time threshold (minutes). Default 30.
    pub minutes: f64,
    /// Required share of children, 0–1. Default 0.80.
    pub share: f64,
}

impl Default for PaediatricRule {
    fn default() -> Self {
        PaediatricRule {
            minutes: 30.0,
            share: 0.80,
        }
    }
}

/// The five county emergency centres (五大中心: 胸痛, 卒中, 创伤, 危重孕产妇,
/// 危重新生儿救治中心).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EmergencyCentreRule {
    /// Every admin unit has each centre at one of its lead hospitals (the
    /// lead hospitals of its county medical communities). Default true.
    pub at_lead_hospitals: bool,
    /// Required share of residents within the unit's time of each kind of
    /// centre, 0–1. Default 0.90.
    pub share: f64,
    /// Time to a centre in a rural unit (minutes). Default 60.
    pub rural_minutes: f64,
    /// Time to a centre in an urban unit (a city district) (minutes). Default 30.
    pub urban_minutes: f64,
    /// A township or community centre linked to a telemedicine reading
    /// centre (remote ECG), today or by the plan, gives first contact for
    /// chest pain: residents within the unit's time of one count as reached
    /// by the chest-pain centre network, and the plan may link centres for
    /// this alone. Default true.
    pub chest_pain_via_telemedicine: bool,
}

impl Default for EmergencyCentreRule {
    fn default() -> Self {
        EmergencyCentreRule {
            at_lead_hospitals: true,
            share: 0.90,
            rural_minutes: 60.0,
            urban_minutes: 30.0,
            chest_pain_via_telemedicine: true,
        }
    }
}

/// Township and community health centres on a telemedicine network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TelemedicineRule {
    /// Required share of township and community health centres linked to a
    /// reading centre, 0–1. Default 0.80.
    pub share: f64,
}

impl Default for TelemedicineRule {
    fn default() -> Self {
        TelemedicineRule { share: 0.80 }
    }
}

/// Budgets. `None` means unlimited.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Budget {
    /// Money for beds, posts, services and new service points (yuan).
    pub money_yuan: Option<f64>,
    /// Doctors that may be seconded in all (persons).
    pub doctor_pool: Option<f64>,
}

/// How doctors may be lent from upper to lower tiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SecondmentRules {
    /// Whether secondments are allowed at all.
    pub enabled: bool,
    /// Share of a source's doctors it can release, 0–1. Default 0.10.
    pub source_release_share: f64,
    /// Share of a county medical community's lead hospital's doctors it
    /// can second to its own community's township and community health
    /// centres (县管乡用), 0–1. Default 0.10, as for a tertiary source (a
    /// planning assumption). A tertiary or city hospital
    /// that also leads a community releases at `source_release_share`, all
    /// routes together.
    pub lead_release_share: f64,
    /// Longest source → target travel time (minutes). Default 90.
    pub max_travel_minutes: f64,
    /// Each target receives from at most one source (一对一结对帮扶).
    pub one_to_one: bool,
}

impl SecondmentRules {
    /// The share of its doctors a facility of tier `tier` may second, all
    /// routes together: `source_release_share` for tertiary and city
    /// hospitals, `lead_release_share` for a community's lead hospital
    /// otherwise.
    pub fn release_share(&self, tier: super::Tier) -> f64 {
        if tier.sends_secondees() {
            self.source_release_share
        } else {
            self.lead_release_share
        }
    }

    /// Most doctors a facility of tier `tier` with `doctors` doctors may
    /// second (whole doctors).
    pub fn release_cap(&self, tier: super::Tier, doctors: f64) -> f64 {
        (self.release_share(tier) * doctors).floor()
    }
}

impl Default for SecondmentRules {
    fn default() -> Self {
        SecondmentRules {
            enabled: true,
            source_release_share: 0.10,
            lead_release_share: 0.10,
            max_travel_minutes: 90.0,
            one_to_one: false,
        }
    }
}

/// Unit costs (yuan). Planning assumptions, to be set by the planner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct UnitCosts {
    /// One added bed (yuan). Default 300,000.
    pub bed_yuan: f64,
    /// One new specialist post for a year (yuan). Default 250,000.
    pub specialist_post_yuan: f64,
    /// Opening one specialty service, equipment and fit-out (yuan). Default 2,000,000.
    pub service_opening_yuan: f64,
    /// One seconded doctor for a year, allowances and travel (yuan). Default 120,000.
    pub secondment_yuan: f64,
    /// One integrated medical-and-elderly-care bed, added or converted, with
    /// its fit-out (yuan). Default 100,000.
    pub elderly_care_bed_yuan: f64,
    /// Opening one emergency centre at a hospital: equipment, green channel
    /// and training, besides its specialist posts (yuan). Default 5,000,000.
    pub centre_opening_yuan: f64,
    /// Linking one township or community centre to a reading centre:
    /// equipment and network (yuan). Default 200,000.
    pub telemedicine_link_yuan: f64,
}

impl UnitCosts {
    /// The one-off cost of opening `service` (a centre or another specialty
    /// service), besides its specialist posts (yuan).
    pub fn opening_yuan(&self, service: crate::scenario::Specialty) -> f64 {
        if service.is_centre() {
            self.centre_opening_yuan
        } else {
            self.service_opening_yuan
        }
    }
}

impl Default for UnitCosts {
    fn default() -> Self {
        UnitCosts {
            bed_yuan: 300_000.0,
            specialist_post_yuan: 250_000.0,
            service_opening_yuan: 2_000_000.0,
            secondment_yuan: 120_000.0,
            elderly_care_bed_yuan: 100_000.0,
            centre_opening_yuan: 5_000_000.0,
            telemedicine_link_yuan: 200_000.0,
        }
    }
}

/// What the optimiser optimises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Objective {
    /// Least cost meeting every target.
    LeastCost,
    /// Most residents covered within the money budget.
    MaxCoverage,
    /// Least population-weighted travel time, with capacities.
    MinTravelTime,
    /// A weighted sum: cost (per million yuan) and uncovered residents (per 1,000).
    Weighted {
        /// Weight on cost, per million yuan.
        cost_weight: f64,
        /// Weight on uncovered residents, per 1,000 persons.
        uncovered_weight: f64,
    },
}

/// How the least-travel-time objective assigns residents to service points.
///
/// Each zone's residents go to its `nearest_k` nearest service points (open
/// ones: existing, candidate sites opened, facilities raised to a counting
/// tier), each taking at most its tier's capacity; residents that fit
/// nowhere among those count at the next service point's minutes (or the
/// pair-table limit). Capacities are planning assumptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TravelTimeObjective {
    /// Service points considered per zone. Default 5.
    pub nearest_k: usize,
    /// Residents one service point can serve, per tier (`None` = no limit).
    pub capacity_residents: TierCapacities,
}

impl Default for TravelTimeObjective {
    fn default() -> Self {
        TravelTimeObjective {
            nearest_k: 5,
            capacity_residents: TierCapacities::default(),
        }
    }
}

/// A number of residents per tier; `None` means no limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TierCapacities {
    /// Village clinic (persons). Default 3,000: a clinic serves its village.
    pub village_clinic: Option<f64>,
    /// Township health centre (persons). Default 60,000: a township.
    pub township_health_centre: Option<f64>,
    /// Community health centre (persons). Default 60,000: a subdistrict.
    pub community_health_centre: Option<f64>,
    /// County hospital (persons). Default no limit.
    pub county_hospital: Option<f64>,
    /// City hospital (persons). Default no limit.
    pub city_hospital: Option<f64>,
    /// Tertiary hospital (persons). Default no limit.
    pub tertiary_hospital: Option<f64>,
}

impl Default for TierCapacities {
    fn default() -> Self {
        TierCapacities {
            village_clinic: Some(3_000.0),
            township_health_centre: Some(60_000.0),
            community_health_centre: Some(60_000.0),
            county_hospital: None,
            city_hospital: None,
            tertiary_hospital: None,
        }
    }
}

impl TierCapacities {
    /// The capacity of a tier.
    ///
    /// ```
    /// use healthreach::scenario::{TierCapacities, Tier};
    /// let c = TierCapacities::default();
    /// assert_eq!(c.of(Tier::VillageClinic), Some(3_000.0));
    /// assert_eq!(c.of(Tier::CountyHospital), None);
    /// ```
    pub fn of(&self, tier: Tier) -> Option<f64> {
        match tier {
            Tier::VillageClinic => self.village_clinic,
            Tier::TownshipHealthCentre => self.township_health_centre,
            Tier::CommunityHealthCentre => self.community_health_centre,
            Tier::CountyHospital => self.county_hospital,
            Tier::CityHospital => self.city_hospital,
            Tier::TertiaryHospital => self.tertiary_hospital,
        }
    }
}

/// A weight per tier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierWeights {
    /// Village clinic.
    pub village_clinic: f64,
    /// Township health centre.
    pub township_health_centre: f64,
    /// Community health centre.
    pub community_health_centre: f64,
    /// County hospital.
    pub county_hospital: f64,
    /// City hospital.
    pub city_hospital: f64,
    /// Tertiary hospital.
    pub tertiary_hospital: f64,
}

impl TierWeights {
    /// The weight of a tier.
    pub fn of(&self, tier: Tier) -> f64 {
        match tier {
            Tier::VillageClinic => self.village_clinic,
            Tier::TownshipHealthCentre => self.township_health_centre,
            Tier::CommunityHealthCentre => self.community_health_centre,
            Tier::CountyHospital => self.county_hospital,
            Tier::CityHospital => self.city_hospital,
            Tier::TertiaryHospital => self.tertiary_hospital,
        }
    }

    /// Every weight with its field name.
    pub fn fields(&self) -> [(&'static str, f64); 6] {
        [
            ("village_clinic", self.village_clinic),
            ("township_health_centre", self.township_health_centre),
            ("community_health_centre", self.community_health_centre),
            ("county_hospital", self.county_hospital),
            ("city_hospital", self.city_hospital),
            ("tertiary_hospital", self.tertiary_hospital),
        ]
    }
}

/// The Huff patient-choice model of `indicators::patient_choice`: a
/// resident chooses a site with probability ∝ weight(tier) × size ×
/// max(minutes, floor)^(−decay). Size is doctors for visits, beds for
/// inpatient stays. Estimates, not measurements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PatientChoice {
    /// Power of the travel-time decay. Default 2 (the gravity model's classic form).
    pub decay_power: f64,
    /// Travel times below this count as this (minutes). Default 5.
    pub floor_minutes: f64,
    /// Sites farther than this are not chosen (minutes). Default 60.
    pub max_minutes: f64,
    /// Weight of a doctor's attraction for visits, per tier (assumed: a
    /// grassroots doctor sees more visits than a hospital doctor).
    pub visit_weights: TierWeights,
    /// Weight of a bed's attraction for inpatient stays, per tier (assumed:
    /// residents prefer beds at higher tiers).
    pub stay_weights: TierWeights,
}

impl Default for PatientChoice {
    fn default() -> Self {
        PatientChoice {
            decay_power: 2.0,
            floor_minutes: 5.0,
            max_minutes: 60.0,
            visit_weights: TierWeights {
                village_clinic: 3.0,
                township_health_centre: 2.0,
                community_health_centre: 2.0,
                county_hospital: 1.0,
                city_hospital: 1.0,
                tertiary_hospital: 1.0,
            },
            stay_weights: TierWeights {
                village_clinic: 0.0,
                township_health_centre: 0.5,
                community_health_centre: 0.5,
                county_hospital: 1.0,
                city_hospital: 1.5,
                tertiary_hospital: 2.0,
            },
        }
    }
}
