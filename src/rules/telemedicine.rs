//! **Telemedicine links**: the share of township and community health
//! centres linked to a reading centre (a county or higher hospital, for
//! remote ECG and consultation) is at least the target, region-wide
//! (Weinan: over 56% of township centres on one ECG network):
//!
//!   Σ_c (linked_c + link_c) ≥ share · N,   link_c ∈ {0, 1} for each
//!   centre c not linked today, cost `telemedicine_link_yuan` each.
//!
//! A new link goes to [`Scenario::telemedicine_hubs`] (the centre's
//! community lead hospital, else its unit's largest county-level
//! hospital). Linked centres also count for the chest-pain centre's first
//! contact when the emergency-centre rule says so.

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::rules::Target;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{Policy, Scenario, TelemedicineRule};
use crate::validate::limits::SHARE;
use crate::view::policy_form::{flag, num, number, on, Field, FieldKind};
use good_lp::Expression;

/// The rule.
pub struct Telemedicine;

/// The centres the rule counts (township and community health centres).
fn centres(s: &Scenario) -> impl Iterator<Item = usize> + '_ {
    (0..s.facilities.len()).filter(|&i| s.facilities[i].tier.links_to_telemedicine())
}

/// Whether facility `i` is linked today.
pub fn linked_today(s: &Scenario, i: usize) -> bool {
    let f = &s.facilities[i];
    f.telemedicine_hub.is_some() && f.tier.links_to_telemedicine()
}

impl Rule for Telemedicine {
    fn id(&self) -> RuleId {
        RuleId::Telemedicine
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.services.telemedicine.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.services.telemedicine = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(r) = &p.services.telemedicine {
            crate::validate::numbers::check_value(
                || "$.policy.services.telemedicine.share".into(),
                r.share,
                &SHARE,
                out,
            );
        }
    }
    fn counts_telemedicine_links(&self, _p: &Policy) -> bool {
        true
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, v) = (m.s, m.v);
        let Some(rule) = &s.policy.services.telemedicine else {
            return Rows::default();
        };
        let mut lhs = Expression::from(0.0);
        let mut n = 0.0;
        for i in centres(s) {
            n += 1.0;
            if linked_today(s, i) {
                lhs += 1.0;
            } else if let Some(x) = v.links[i] {
                lhs += x;
            }
        }
        if n == 0.0 {
            return Rows::default();
        }
        Rows {
            targets: vec![Target {
                rule: RuleId::Telemedicine,
                scope: "region".into(),
                lhs,
                rhs: rule.share * n,
                display_scale: 1.0 / n,
                display_target: rule.share,
            }],
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let Some(rule) = &a.s.policy.services.telemedicine else {
            return;
        };
        let all: Vec<usize> = centres(a.s).collect();
        if all.is_empty() {
            return;
        }
        let linked = all.iter().filter(|&&i| a.linked[i]).count();
        let share = linked as f64 / all.len() as f64;
        out.push(finding(
            RuleId::Telemedicine.key(),
            "region",
            (rule.share, share, share + TOL >= rule.share),
            format!(
                "{linked} of {} township and community health centres linked to a reading centre: {:.1}% (target {:.1}%)",
                all.len(),
                share * 100.0,
                rule.share * 100.0
            ),
            format!(
                "{} 个乡镇卫生院和社区卫生服务中心中 {linked} 个接入远程诊断中心：{:.1}%（目标 {:.1}%）",
                all.len(),
                share * 100.0,
                rule.share * 100.0
            ),
        ));
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "基层机构远程医疗（心电）接入率".into(),
            Lang::En => "Grassroots centres on a telemedicine network".into(),
        }
    }
    fn definition(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "接入县级或以上医院远程诊断中心（远程心电、远程会诊）的乡镇卫生院和社区卫生服务中心占全部此类机构的比例。".into(),
            Lang::En => "Share of township and community health centres linked to a reading centre at a county or higher hospital, for remote ECG and consultation.".into(),
        }
    }
    fn shortfall(&self, sf: &Shortfall, _place: &str, lang: Lang) -> String {
        let (t, r) = (sf.target * 100.0, sf.reachable * 100.0);
        match lang {
            Lang::En => format!(
                "centres linked to a telemedicine reading centre: target {t:.1}%, best reachable {r:.1}% within the budget"
            ),
            Lang::Zh => format!("接入远程医疗的基层机构比例：目标 {t:.1}%，在预算内最多可达 {r:.1}%"),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        h.region_figure(h.s.policy.services.telemedicine.as_ref().map(|p| p.share))
    }
}

const FIELDS: &[Field] = &[
    Field {
        key: "telemedicine_enabled",
        path: "$.policy.services.telemedicine",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.services.telemedicine.is_some()),
        put: |p, _, s| {
            p.services.telemedicine = if on(s) {
                Some(p.services.telemedicine.clone().unwrap_or_default())
            } else {
                None
            }
        },
    },
    Field {
        key: "telemedicine_share",
        path: "$.policy.services.telemedicine.share",
        unit: "percent",
        kind: number(&SHARE, 100.0, false),
        get: |p| {
            num(p
                .services
                .telemedicine
                .as_ref()
                .map_or(TelemedicineRule::default().share, |r| r.share)
                * 100.0)
        },
        put: |p, v, _| {
            if let Some(r) = p.services.telemedicine.as_mut() {
                r.share = v.unwrap_or(80.0) / 100.0;
            }
        },
    },
];
