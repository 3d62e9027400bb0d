//! **Integrated medical-and-elderly-care beds** (医养结合床位) per 1,000
//! residents aged 65 and over, at least the target, in every admin unit
//! whose zones carry age groups:
//!
//!   Σ_{f∈u} (elderly_f + x_f) ≥ target · aged65_u / 1000,
//!   x_f ∈ {0, …, cap_f}  at facilities whose tier may hold them
//!   ([`Tier::hosts_elderly_care_beds`]: township and community health
//!   centres, county hospitals), cost `elderly_care_bed_yuan` each.
//!
//! These beds are decided per facility (each with its own cap), and are
//! counted apart from general beds: the beds-per-1,000 rule does not see
//! them. Henan added or upgraded 24,000 such beds in one year (domain brief).
//!
//! [`Tier::hosts_elderly_care_beds`]: crate::scenario::Tier::hosts_elderly_care_beds

use super::ratio::{check_per_unit, per_unit};
use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{After, Finding};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{Policy, Scenario};
use crate::validate::limits::ELDERLY_CARE_BEDS_PER_1000;
use crate::view::policy_form::{number, opt, Field};
use good_lp::Expression;

/// The rule.
pub struct ElderlyCareBeds;

/// Residents aged 65+ of an admin unit (0 when its zones carry no age groups).
pub fn aged_65(s: &Scenario, unit: &str) -> f64 {
    s.zones
        .iter()
        .filter(|z| z.admin_unit == unit)
        .filter_map(|z| z.age_groups.map(|a| a.aged_65_plus))
        .sum()
}

impl Rule for ElderlyCareBeds {
    fn id(&self) -> RuleId {
        RuleId::ElderlyCareBeds
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.ratios.elderly_care_beds_per_1000_aged_65.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.ratios.elderly_care_beds_per_1000_aged_65 = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(v) = p.ratios.elderly_care_beds_per_1000_aged_65 {
            crate::validate::numbers::check_value(
                || "$.policy.ratios.elderly_care_beds_per_1000_aged_65".into(),
                v,
                &ELDERLY_CARE_BEDS_PER_1000,
                out,
            );
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, v) = (m.s, m.v);
        let Some(t) = s.policy.ratios.elderly_care_beds_per_1000_aged_65 else {
            return Rows::default();
        };
        let lhs = |u: &str| {
            let mut e = Expression::from(0.0);
            for (i, f) in s.facilities.iter().enumerate() {
                if f.admin_unit == u {
                    e += f.elderly_care_beds;
                    if let Some(x) = v.elderly_beds[i] {
                        e += x;
                    }
                }
            }
            e
        };
        Rows {
            targets: per_unit(s, RuleId::ElderlyCareBeds, t, |u| aged_65(s, u), lhs),
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        if let Some(t) = a.s.policy.ratios.elderly_care_beds_per_1000_aged_65 {
            check_per_unit(
                a.s,
                RuleId::ElderlyCareBeds,
                t,
                |u| aged_65(a.s, u),
                |u| a.unit_elderly_beds(u),
                (
                    "integrated elderly-care beds aged 65+",
                    "名 65 岁以上老人医养结合床位",
                ),
                out,
            );
        }
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "每千名 65 岁以上老人医养结合床位数".into(),
            Lang::En => "Integrated elderly-care beds per 1,000 residents aged 65+".into(),
        }
    }
    fn definition(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "各县（区）医疗机构（乡镇卫生院、社区卫生服务中心、县级医院）的医养结合床位数除以 65 岁及以上常住人口再乘以 1,000；不计入普通床位；目标对每个县（区）分别适用。".into(),
            Lang::En => "Integrated medical-and-elderly-care beds at the township and community health centres and county hospitals of each county, divided by its residents aged 65 and over, times 1,000; counted apart from general beds; the target applies to every county separately.".into(),
        }
    }
    fn figure(&self, value: f64) -> String {
        format!("{value:.2}")
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let (t, r) = (sf.target, sf.reachable);
        match lang {
            Lang::En => format!(
                "{place} integrated elderly-care beds per 1,000 aged 65+: target {t:.1}, best reachable {r:.2} within the facilities' caps and budget"
            ),
            Lang::Zh => format!(
                "{place} 每千名老人医养结合床位：目标 {t:.1}，在机构扩建上限与预算内最多可达 {r:.2}"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        Figures {
            target: h.s.policy.ratios.elderly_care_beds_per_1000_aged_65,
            before: region_per_1000(h.s, None),
            after: region_per_1000(h.s, Some(h.plan)),
        }
    }
}

const FIELDS: &[Field] = &[Field {
    key: "elderly_care_beds_per_1000",
    path: "$.policy.ratios.elderly_care_beds_per_1000_aged_65",
    unit: "per_1000_aged_65",
    kind: number(&ELDERLY_CARE_BEDS_PER_1000, 1.0, true),
    get: |p| opt(p.ratios.elderly_care_beds_per_1000_aged_65),
    put: |p, v, _| p.ratios.elderly_care_beds_per_1000_aged_65 = v,
}];

/// Integrated elderly-care beds per 1,000 residents aged 65+ over the whole
/// region, today or after `plan`.
fn region_per_1000(s: &Scenario, plan: Option<&crate::plan::Plan>) -> f64 {
    let aged: f64 = s.admin_units.iter().map(|u| aged_65(s, &u.id)).sum();
    let beds: f64 = s
        .facilities
        .iter()
        .map(|f| f.elderly_care_beds)
        .sum::<f64>()
        + plan.map_or(0.0, |p| p.elderly_care_beds.iter().map(|b| b.beds).sum());
    crate::summary::per_1000(beds, aged)
}
