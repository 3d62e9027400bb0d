//! **Haemodialysis**: every admin unit with more residents than the
//! threshold (60,000 by default, the national rule) offers it somewhere
//! (at a county hospital, township or community health centre:
//! [`Specialty::may_open_at`]).

use super::unit_service;
use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{After, Finding};
use crate::diagnostics::Problem;
use crate::i18n::{group_digits, Lang};
use crate::optimise::plan::model::MIN_SPECIALISTS;
use crate::scenario::{Policy, Scenario, Specialty};
use crate::validate::limits::POPULATION;
use crate::view::policy_form::{number, opt, Field};

/// The rule.
pub struct Haemodialysis;

const SERVICE: Specialty = Specialty::Haemodialysis;

impl Rule for Haemodialysis {
    fn id(&self) -> RuleId {
        RuleId::Haemodialysis
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.services.haemodialysis_min_population.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.services.haemodialysis_min_population = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(v) = p.services.haemodialysis_min_population {
            crate::validate::numbers::check_value(
                || "$.policy.services.haemodialysis_min_population".into(),
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
        unit_service::wanted(s, SERVICE, s.policy.services.haemodialysis_min_population)
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let th = m.s.policy.services.haemodialysis_min_population;
        Rows {
            targets: unit_service::targets(m, RuleId::Haemodialysis, SERVICE, th),
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let th = a.s.policy.services.haemodialysis_min_population;
        unit_service::check(a, RuleId::Haemodialysis, SERVICE, th, "血液透析", out);
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "血液透析服务县域覆盖".into(),
            Lang::En => "Counties offering haemodialysis".into(),
        }
    }
    fn definition(&self, lang: Lang, s: &Scenario) -> String {
        let th = group_digits(
            s.policy
                .services
                .haemodialysis_min_population
                .unwrap_or(0.0),
        );
        match lang {
            Lang::Zh => format!("常住人口达到 {th} 人的县（区）中，至少有一家机构提供血液透析的比例。"),
            Lang::En => format!(
                "Of the counties with at least {th} residents, the share where some facility offers haemodialysis."
            ),
        }
    }
    fn shortfall(&self, _sf: &Shortfall, place: &str, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{place}: no facility can open haemodialysis (needs room for {MIN_SPECIALISTS} specialists) within the budget"
            ),
            Lang::Zh => format!(
                "{place}：在预算内没有机构能开设血液透析（需容纳 {MIN_SPECIALISTS} 名专科医师）"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
}

const FIELDS: &[Field] = &[Field {
    key: "haemodialysis_min_population",
    path: "$.policy.services.haemodialysis_min_population",
    unit: "persons",
    kind: number(&POPULATION, 1.0, true),
    get: |p| opt(p.services.haemodialysis_min_population),
    put: |p, v, _| p.services.haemodialysis_min_population = v,
}];
