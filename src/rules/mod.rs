//! The policy rules, each a unit in one file: its identity ([`RuleId`]),
//! whether the policy turns it on, the validation of its policy fields, the
//! specialty services it needs decided, its rows in the plan model, its
//! independent check, its words (name, definition, shortfall; zh and en,
//! rendered in the reader's language), its fields in the scenario panel and
//! its region-wide headline for the public ([`headline`]).
//!
//! | file | rule |
//! |---|---|
//! | `coverage.rs` | share of residents within T minutes of a service point |
//! | `beds_per_1000.rs`, `doctors_per_1000.rs` (over `ratio.rs`) | beds / doctors per 1,000 in every unit |
//! | `haemodialysis.rs`, `mental_health.rs` (over `unit_service.rs`) | a service in every populous unit |
//! | `paediatrics.rs` | share of children within T minutes of paediatric care |
//! | `inpatient_access.rs` | share of residents within T minutes of a facility with inpatient beds |
//! | `emergency_centres.rs` | the five county emergency centres: at the lead hospitals, and within reach |
//! | `elderly_care_beds.rs` | integrated medical-and-elderly-care beds per 1,000 residents aged 65+ |
//! | `grassroots_doctors.rs` | doctors at every township and community centre, with the community lead's secondees (县管乡用) |
//! | `telemedicine.rs` | share of township and community centres on a telemedicine network |
//! | `in_county_share.rs` | the estimated in-county treatment share in every unit (a conservative linear bound of the patient-choice model) |
//!
//! Adding a rule: a variant of [`RuleId`], one file implementing [`Rule`],
//! its arm in [`RuleId::unit`]. The model (`optimise::plan`), the checker,
//! the validator, the form and the portal loop over [`RuleId::ALL`].
//! Domain facts the rules share (which tier may offer what) live on the
//! scenario's types ([`crate::scenario::Tier`], [`crate::scenario::Specialty`]).

mod beds_per_1000;
pub mod coverage;
mod doctors_per_1000;
pub mod elderly_care_beds;
pub mod emergency_centres;
mod grassroots_doctors;
mod haemodialysis;
pub mod headline;
mod id;
pub mod in_county_share;
mod inpatient_access;
mod mental_health;
pub mod paediatrics;
mod ratio;
pub mod reach_groups;
mod shortfall;
pub mod telemedicine;
pub mod unit_service;

pub use headline::{Figures, HeadlineInput};
pub use id::RuleId;
pub use shortfall::Shortfall;

use crate::access::TravelTimes;
use crate::checker::{After, Finding};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::model::Vars;
use crate::optimise::plan::rules::Target;
use crate::scenario::{Policy, Scenario, Specialty};
use crate::view::policy_form::Field;
use good_lp::{Constraint, ProblemVariables};

/// What a rule's rows are built from.
pub struct ModelInput<'a> {
    /// The scenario.
    pub s: &'a Scenario,
    /// Its travel times (pairs up to every rule's threshold).
    pub tt: &'a TravelTimes,
    /// The model's decision variables.
    pub v: &'a Vars,
    /// Where a rule adds its own auxiliary variables.
    pub vars: &'a mut ProblemVariables,
    /// Who is covered today and by which decisions otherwise (shared by
    /// the coverage rule and the coverage objectives).
    pub covered: &'a coverage::Covered,
}

/// A rule's rows: its targets (`lhs ≥ rhs`, elastic when diagnosing) and
/// the linking constraints its auxiliary variables need.
#[derive(Default)]
pub struct Rows {
    /// Targets.
    pub targets: Vec<Target>,
    /// Linking constraints (always hard).
    pub links: Vec<Constraint>,
}

/// A policy rule: everything about it, in one place.
pub trait Rule: Sync {
    /// Its identity.
    fn id(&self) -> RuleId;
    /// Whether `p` sets its target (a rule without one is off).
    fn is_on(&self, p: &Policy) -> bool;
    /// Turns it off, leaving everything else as it was.
    fn turn_off(&self, p: &mut Policy);
    /// The travel time it judges by (minutes), when it has one: the travel
    /// times' pair table must reach it.
    fn minutes(&self, _p: &Policy) -> Option<f64> {
        None
    }
    /// Problems of its policy fields (paths under `$.policy`).
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>);
    /// The specialty services (facility index, service) the model must be
    /// able to open for it.
    fn services_wanted(&self, _s: &Scenario, _tt: &TravelTimes) -> Vec<(usize, Specialty)> {
        vec![]
    }
    /// Whether it counts telemedicine links (so the model must be able to
    /// decide them) under policy `p`.
    fn counts_telemedicine_links(&self, _p: &Policy) -> bool {
        false
    }
    /// Its rows in the plan model (called only when it is on).
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows;
    /// Its independent check on the region after a plan (called only when
    /// it is on): one finding per unit it applies to, keyed by its id.
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>);
    /// The indicator's name.
    fn name(&self, lang: Lang, s: &Scenario) -> String;
    /// What the indicator means and how it is counted.
    fn definition(&self, lang: Lang, s: &Scenario) -> String;
    /// A figure of the rule as written (a percentage by default).
    fn figure(&self, value: f64) -> String {
        format!("{:.1}%", value * 100.0)
    }
    /// A failing target in words; `place` is the unit's name in `lang`.
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String;
    /// Its fields in the scenario panel, in panel order.
    fn fields(&self) -> &'static [Field];
    /// Its region-wide figure before and after a plan, for the public
    /// (by default the share of the places it is judged at that meet it).
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        h.share_met(None)
    }
}

impl RuleId {
    /// The rule itself.
    pub fn unit(self) -> &'static dyn Rule {
        match self {
            RuleId::Coverage => &coverage::Coverage,
            RuleId::BedsPer1000 => &beds_per_1000::BedsPer1000,
            RuleId::DoctorsPer1000 => &doctors_per_1000::DoctorsPer1000,
            RuleId::Haemodialysis => &haemodialysis::Haemodialysis,
            RuleId::MentalHealth => &mental_health::MentalHealth,
            RuleId::Paediatrics => &paediatrics::Paediatrics,
            RuleId::InpatientAccess => &inpatient_access::InpatientAccess,
            RuleId::EmergencyCentres => &emergency_centres::EmergencyCentres,
            RuleId::ElderlyCareBeds => &elderly_care_beds::ElderlyCareBeds,
            RuleId::GrassrootsDoctors => &grassroots_doctors::GrassrootsDoctors,
            RuleId::Telemedicine => &telemedicine::Telemedicine,
            RuleId::InCountyShare => &in_county_share::InCountyShare,
        }
    }

    /// Whether `policy` turns this rule on.
    pub fn is_on(self, policy: &Policy) -> bool {
        self.unit().is_on(policy)
    }

    /// `policy` with this rule turned off, everything else as it was: the
    /// counterfactual a published plan's "without this target" is solved on.
    ///
    /// ```
    /// use healthreach::rules::RuleId;
    /// let p = healthreach::demo::weinan().policy;
    /// for r in RuleId::ALL {
    ///     let off = r.turned_off(&p);
    ///     assert!(!r.is_on(&off));
    ///     for other in RuleId::ALL.into_iter().filter(|o| *o != r) {
    ///         assert_eq!(other.is_on(&off), other.is_on(&p));
    ///     }
    /// }
    /// ```
    pub fn turned_off(self, policy: &Policy) -> Policy {
        let mut p = policy.clone();
        self.unit().turn_off(&mut p);
        p
    }
}

/// The rules that `p` turns on, in report order.
pub fn on(p: &Policy) -> impl Iterator<Item = &'static dyn Rule> + '_ {
    RuleId::ALL
        .into_iter()
        .filter(|r| r.is_on(p))
        .map(RuleId::unit)
}

/// The largest travel time any rule that is on judges by (minutes).
pub fn longest_minutes(p: &Policy) -> f64 {
    on(p).filter_map(|r| r.minutes(p)).fold(0.0, f64::max)
}

/// Every problem of the rules' policy fields.
pub fn validate(p: &Policy, out: &mut Vec<Problem>) {
    for r in RuleId::ALL {
        r.unit().validate(p, out);
    }
}

/// A place's name for a rule's scope in `lang`: the unit's name, or the
/// whole region.
pub fn place_name(unit_name: &str, unit_name_en: Option<&str>, lang: Lang) -> String {
    match (lang, unit_name.is_empty()) {
        (Lang::Zh, true) => "全地区".into(),
        (Lang::En, true) => "region".into(),
        (Lang::En, false) => unit_name_en.unwrap_or(unit_name).into(),
        (Lang::Zh, false) => unit_name.into(),
    }
}
