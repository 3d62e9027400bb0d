//! **Mental health**: every admin unit with more residents than the
//! threshold (300,000 by default) has a county hospital (or a facility of
//! a higher tier) with a mental-health clinic; it may open only at a
//! county hospital ([`Specialty::may_open_at`], [`Specialty::counts_at`]).

use super::unit_service;
use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{After, Finding};
use crate::diagnostics::Problem;
use crate::i18n::{group_digits, Lang};
use crate::scenario::{Policy, Scenario, Specialty};
use crate::validate::limits::POPULATION;
use crate::view::policy_form::{number, opt, Field};

/// The rule.
pub struct MentalHealth;

const SERVICE: Specialty = Specialty::MentalHealth;

impl Rule for MentalHealth {
    fn id(&self) -> RuleId {
        RuleId::MentalHealth
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.services.mental_health_min_population.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.services.mental_health_min_population = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(v) = p.services.mental_health_min_population {
            crate::validate::numbers::check_value(
                || "$.policy.services.mental_health_min_population".into(),
                v,
                &POPULATION,
                out,
            );
        }
    }
    fn services_wanted(
        &self,
        s: &Scenario,
        _tt: &crate::access::TravelTimes,
    ) -> Vec<(usize, Specialty)> {
        unit_service::wanted(s, SERVICE, s.policy.services.mental_health_min_population)
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let th = m.s.policy.services.mental_health_min_population;
        Rows {
            targets: unit_service::targets(m, RuleId::MentalHealth, SERVICE, th),
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let th = a.s.policy.services.mental_health_min_population;
        unit_service::check(a, RuleId::MentalHealth, SERVICE, th, "精神卫生门诊", out);
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "精神卫生门诊县域覆盖".into(),
            Lang::En => "Counties with a mental-health clinic".into(),
        }
    }
    fn definition(&self, lang: Lang, s: &Scenario) -> String {
        let th = group_digits(
            s.policy
                .services
                .mental_health_min_population
                .unwrap_or(0.0),
        );
        match lang {
            Lang::Zh => format!("常住人口达到 {th} 人的县（区）中，县级医院开设精神卫生门诊的比例。"),
            Lang::En => format!(
                "Of the counties with at least {th} residents, the share whose county hospital runs a mental-health clinic."
            ),
        }
    }
    fn shortfall(&self, _sf: &Shortfall, place: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{place}: no county hospital can open a mental-health clinic within the budget"
            ),
            Lang::Zh => format!("{place}：在预算内没有县级医院能开设精神卫生门诊"),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
}

const FIELDS: &[Field] = &[Field {
    key: "mental_health_min_population",
    path: "$.policy.services.mental_health_min_population",
    unit: "persons",
    kind: number(&POPULATION, 1.0, true),
    get: |p| opt(p.services.mental_health_min_population),
    put: |p, v, _| p.services.mental_health_min_population = v,
}];
