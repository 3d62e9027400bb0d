//! The policy rules' identities: one typed id per rule, with the key used in
//! JSON, the CLI and translation tables. The model's targets, the checker's
//! findings and `solve --json`'s `rules` name rules by these ids only.

use serde::{Deserialize, Serialize};

/// A policy rule a plan is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    /// Share of residents within the coverage time of a service point.
    Coverage,
    /// Beds per 1,000 residents in every admin unit.
    #[serde(rename = "beds_per_1000")]
    BedsPer1000,
    /// Doctors per 1,000 residents in every admin unit.
    #[serde(rename = "doctors_per_1000")]
    DoctorsPer1000,
    /// Haemodialysis in every admin unit over its population threshold.
    Haemodialysis,
    /// A mental-health clinic at a county hospital in every admin unit over its threshold.
    MentalHealth,
    /// Share of children within a time of paediatric care.
    Paediatrics,
    /// Share of residents within a time of a facility with inpatient beds.
    InpatientAccess,
    /// The five county emergency centres: at the lead hospitals, and within reach.
    EmergencyCentres,
    /// Integrated medical-and-elderly-care beds per 1,000 residents aged 65+.
    ElderlyCareBeds,
    /// Doctors at every township and community health centre (县管乡用).
    GrassrootsDoctors,
    /// Share of township and community centres on a telemedicine network.
    Telemedicine,
    /// The estimated in-county treatment share in every admin unit.
    InCountyShare,
}

impl RuleId {
    /// Every rule, in the order reports list them.
    pub const ALL: [RuleId; 12] = [
        RuleId::Coverage,
        RuleId::BedsPer1000,
        RuleId::DoctorsPer1000,
        RuleId::Haemodialysis,
        RuleId::MentalHealth,
        RuleId::Paediatrics,
        RuleId::InpatientAccess,
        RuleId::EmergencyCentres,
        RuleId::ElderlyCareBeds,
        RuleId::GrassrootsDoctors,
        RuleId::Telemedicine,
        RuleId::InCountyShare,
    ];

    /// The stable key (`beds_per_1000`, …), as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            RuleId::Coverage => "coverage",
            RuleId::BedsPer1000 => "beds_per_1000",
            RuleId::DoctorsPer1000 => "doctors_per_1000",
            RuleId::Haemodialysis => "haemodialysis",
            RuleId::MentalHealth => "mental_health",
            RuleId::Paediatrics => "paediatrics",
            RuleId::InpatientAccess => "inpatient_access",
            RuleId::EmergencyCentres => "emergency_centres",
            RuleId::ElderlyCareBeds => "elderly_care_beds",
            RuleId::GrassrootsDoctors => "grassroots_doctors",
            RuleId::Telemedicine => "telemedicine",
            RuleId::InCountyShare => "in_county_share",
        }
    }

    /// The rule with this key, if it is one.
    ///
    /// ```
    /// use healthreach::rules::RuleId;
    /// for r in RuleId::ALL {
    ///     assert_eq!(RuleId::from_key(r.key()), Some(r));
    /// }
    /// assert_eq!(RuleId::from_key("budget"), None);
    /// // JSON says the same key.
    /// for r in RuleId::ALL {
    ///     assert_eq!(serde_json::to_value(r).unwrap(), r.key());
    /// }
    /// ```
    pub fn from_key(key: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.key() == key)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}
