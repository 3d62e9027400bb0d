//! **Beds per 1,000 residents** in every admin unit, at least the target:
//!
//!   Σ_{f∈u} (beds_f + add_f) + Σ_{k∈u} beds_k · open_k ≥ target · pop_u / 1000
//!
//! (general beds; integrated elderly-care beds have their own rule).

use super::ratio::{check_per_unit, per_unit};
use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{After, Finding};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{Policy, Scenario};
use crate::validate::limits::BEDS_PER_1000;
use crate::view::policy_form::{number, opt, Field};

/// The rule.
pub struct BedsPer1000;

impl Rule for BedsPer1000 {
    fn id(&self) -> RuleId {
        RuleId::BedsPer1000
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.ratios.beds_per_1000.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.ratios.beds_per_1000 = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(v) = p.ratios.beds_per_1000 {
            crate::validate::numbers::check_value(
                || "$.policy.ratios.beds_per_1000".into(),
                v,
                &BEDS_PER_1000,
                out,
            );
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, v) = (m.s, m.v);
        let Some(t) = s.policy.ratios.beds_per_1000 else {
            return Rows::default();
        };
        Rows {
            targets: per_unit(
                s,
                RuleId::BedsPer1000,
                t,
                |u| s.unit_population(u),
                |u| v.beds_in_unit(s, u),
            ),
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        if let Some(t) = a.s.policy.ratios.beds_per_1000 {
            check_per_unit(
                a.s,
                RuleId::BedsPer1000,
                t,
                |u| a.s.unit_population(u),
                |u| a.unit_beds(u),
                ("beds", "人口床位"),
                out,
            );
        }
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "每千人口床位数".into(),
            Lang::En => "Hospital beds per 1,000 residents".into(),
        }
    }
    fn definition(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "各县（区）医疗机构实有床位数除以常住人口再乘以 1,000；目标对每个县（区）分别适用。".into(),
            Lang::En => "Beds at the facilities of each county divided by its residents, times 1,000; the target applies to every county separately.".into(),
        }
    }
    fn figure(&self, value: f64) -> String {
        format!("{value:.2}")
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let (t, r) = (sf.target, sf.reachable);
        match lang {
            Lang::En => format!(
                "{place} beds per 1,000: target {t:.1}, best reachable {r:.2} within expansion caps and budget"
            ),
            Lang::Zh => format!("{place} 每千人床位：目标 {t:.1}，在扩建上限与预算内最多可达 {r:.2}"),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        h.per_1000_region(h.s.policy.ratios.beds_per_1000, &|u| u.beds_per_1000)
    }
}

const FIELDS: &[Field] = &[Field {
    key: "beds_per_1000",
    path: "$.policy.ratios.beds_per_1000",
    unit: "per_1000",
    kind: number(&BEDS_PER_1000, 1.0, true),
    get: |p| opt(p.ratios.beds_per_1000),
    put: |p, v, _| p.ratios.beds_per_1000 = v,
}];
