//! **Doctors per 1,000 residents** in every admin unit, at least the target:
//!
//!   Σ_{f∈u} (doctors_f + posts_f + seconded in − seconded out)
//!   + Σ_{k∈u} doctors_k · open_k ≥ target · pop_u / 1000
//!
//! Seconded doctors count where they work, and leave the source's unit.

use super::ratio::{check_per_unit, per_unit};
use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{After, Finding};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{Policy, Scenario};
use crate::validate::limits::DOCTORS_PER_1000;
use crate::view::policy_form::{number, opt, Field};

/// The rule.
pub struct DoctorsPer1000;

impl Rule for DoctorsPer1000 {
    fn id(&self) -> RuleId {
        RuleId::DoctorsPer1000
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.ratios.doctors_per_1000.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.ratios.doctors_per_1000 = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(v) = p.ratios.doctors_per_1000 {
            crate::validate::numbers::check_value(
                || "$.policy.ratios.doctors_per_1000".into(),
                v,
                &DOCTORS_PER_1000,
                out,
            );
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, v) = (m.s, m.v);
        let Some(t) = s.policy.ratios.doctors_per_1000 else {
            return Rows::default();
        };
        Rows {
            targets: per_unit(
                s,
                RuleId::DoctorsPer1000,
                t,
                |u| s.unit_population(u),
                |u| v.doctors_in_unit(s, u),
            ),
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        if let Some(t) = a.s.policy.ratios.doctors_per_1000 {
            check_per_unit(
                a.s,
                RuleId::DoctorsPer1000,
                t,
                |u| a.s.unit_population(u),
                |u| a.unit_doctors(u),
                ("doctors", "人口医师"),
                out,
            );
        }
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "每千人口执业（助理）医师数".into(),
            Lang::En => "Doctors per 1,000 residents".into(),
        }
    }
    fn definition(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "各县（区）医师数（含下派医师，不含派出医师）除以常住人口再乘以 1,000；目标对每个县（区）分别适用。".into(),
            Lang::En => "Doctors working in each county (seconded doctors counted where they work) per 1,000 residents; the target applies to every county separately.".into(),
        }
    }
    fn figure(&self, value: f64) -> String {
        format!("{value:.2}")
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let (t, r) = (sf.target, sf.reachable);
        match lang {
            Lang::En => format!(
                "{place} doctors per 1,000: target {t:.2}, best reachable {r:.2} within posts, secondments and budget"
            ),
            Lang::Zh => format!(
                "{place} 每千人医师：目标 {t:.2}，在新增岗位、对口支援与预算内最多可达 {r:.2}"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        h.per_1000_region(h.s.policy.ratios.doctors_per_1000, &|u| u.doctors_per_1000)
    }
}

const FIELDS: &[Field] = &[Field {
    key: "doctors_per_1000",
    path: "$.policy.ratios.doctors_per_1000",
    unit: "per_1000",
    kind: number(&DOCTORS_PER_1000, 1.0, true),
    get: |p| opt(p.ratios.doctors_per_1000),
    put: |p, v, _| p.ratios.doctors_per_1000 = v,
}];
