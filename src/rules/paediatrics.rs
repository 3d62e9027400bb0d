//! **Paediatrics**: the share of children (0–14) within T minutes of a
//! facility offering paediatric care is at least the target:
//!
//!   Σ_z kids_z (reached_z + p_z) ≥ share · Σ_z kids_z,
//!   p_z ≤ Σ_{f within T} open(paed, f),  p_z ∈ [0, 1].
//!
//! The service may open where [`Specialty::may_open_at`] allows and the
//! facility has room for its specialists.

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::access::TravelTimes;
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::model::MIN_SPECIALISTS;
use crate::optimise::plan::rules::Target;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{PaediatricRule, Policy, Scenario, Specialty};
use crate::validate::limits::{ACCESS_MINUTES, SHARE};
use crate::view::policy_form::{flag, num, number, on, Field, FieldKind};
use good_lp::{constraint, variable, Expression};

/// The rule.
pub struct Paediatrics;

const SERVICE: Specialty = Specialty::Paediatrics;

fn children(s: &Scenario, z: usize) -> f64 {
    s.zones[z].age_groups.map_or(0.0, |a| a.children_0_14)
}

/// Per zone: paediatric care within `minutes` today.
fn reached_now(s: &Scenario, tt: &TravelTimes, minutes: f64) -> Vec<bool> {
    let nf = s.facilities.len();
    tt.pairs
        .iter()
        .map(|row| {
            row.iter()
                .take_while(|(_, m)| *m <= minutes as f32)
                .any(|&(j, _)| {
                    (j as usize) < nf && s.facilities[j as usize].services.contains(&SERVICE)
                })
        })
        .collect()
}

impl Rule for Paediatrics {
    fn id(&self) -> RuleId {
        RuleId::Paediatrics
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.services.paediatrics.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.services.paediatrics = None;
    }
    fn minutes(&self, p: &Policy) -> Option<f64> {
        p.services.paediatrics.as_ref().map(|r| r.minutes)
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        use crate::validate::numbers::check_value;
        if let Some(r) = &p.services.paediatrics {
            check_value(
                || "$.policy.services.paediatrics.minutes".into(),
                r.minutes,
                &ACCESS_MINUTES,
                out,
            );
            check_value(
                || "$.policy.services.paediatrics.share".into(),
                r.share,
                &SHARE,
                out,
            );
        }
    }
    /// Facilities within T of a zone with children not reached today.
    fn services_wanted(&self, s: &Scenario, tt: &TravelTimes) -> Vec<(usize, Specialty)> {
        let Some(rule) = &s.policy.services.paediatrics else {
            return vec![];
        };
        let now = reached_now(s, tt, rule.minutes);
        let nf = s.facilities.len();
        let mut want = vec![false; nf];
        for (z, row) in tt.pairs.iter().enumerate() {
            if now[z] || children(s, z) <= 0.0 {
                continue;
            }
            for &(j, _) in row.iter().take_while(|(_, m)| *m <= rule.minutes as f32) {
                let j = j as usize;
                if j < nf {
                    let f = &s.facilities[j];
                    if SERVICE.may_open_at(f.tier)
                        && !f.services.contains(&SERVICE)
                        && f.expansion.max_extra_doctors >= MIN_SPECIALISTS
                    {
                        want[j] = true;
                    }
                }
            }
        }
        (0..nf).filter(|&j| want[j]).map(|j| (j, SERVICE)).collect()
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, tt, v) = (m.s, m.tt, m.v);
        let Some(rule) = &s.policy.services.paediatrics else {
            return Rows::default();
        };
        let now = reached_now(s, tt, rule.minutes);
        let mut lhs = Expression::from(0.0);
        let mut links = Vec::new();
        let mut kids_total = 0.0;
        let mut open_to = Vec::new();
        for (z, row) in tt.pairs.iter().enumerate() {
            let kids = children(s, z);
            kids_total += kids;
            if kids <= 0.0 {
                continue;
            }
            if now[z] {
                lhs += kids;
                continue;
            }
            let reach: Vec<_> = row
                .iter()
                .take_while(|(_, m)| *m <= rule.minutes as f32)
                .filter_map(|&(j, _)| v.service.get(&(j as usize, SERVICE)).copied())
                .collect();
            open_to.push(((), kids, reach));
        }
        for g in super::reach_groups::merge(open_to) {
            let p = m.vars.add(variable().min(0.0).max(1.0));
            let sum: Expression = g.reach.into_iter().sum();
            links.push(constraint!(p <= sum));
            lhs += g.weight * p;
        }
        if kids_total <= 0.0 {
            return Rows {
                targets: vec![],
                links,
            };
        }
        Rows {
            targets: vec![Target {
                rule: RuleId::Paediatrics,
                scope: "region".into(),
                lhs,
                rhs: rule.share * kids_total,
                display_scale: 1.0 / kids_total,
                display_target: rule.share,
            }],
            links,
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let Some(rule) = &a.s.policy.services.paediatrics else {
            return;
        };
        let paed: Vec<u32> = (0..a.s.facilities.len())
            .filter(|&i| a.services[i].contains(&SERVICE))
            .map(|i| i as u32)
            .collect();
        let near = crate::indicators::nearest_minutes(a.tt, &paed);
        let (mut kids, mut within) = (0.0, 0.0);
        for (z, near) in near.iter().enumerate() {
            let k = children(a.s, z);
            kids += k;
            if near.is_some_and(|m| m <= rule.minutes) {
                within += k;
            }
        }
        if kids > 0.0 {
            let share = within / kids;
            out.push(finding(
                RuleId::Paediatrics.key(),
                "region",
                (rule.share, share, share + TOL >= rule.share),
                format!(
                    "{:.2}% of children within {} min of paediatric care (target {:.1}%)",
                    share * 100.0,
                    rule.minutes,
                    rule.share * 100.0
                ),
                format!(
                    "{:.2}% 的儿童 {} 分钟内可达儿科服务（目标 {:.1}%）",
                    share * 100.0,
                    rule.minutes,
                    rule.share * 100.0
                ),
            ));
        }
    }
    fn name(&self, lang: Lang, s: &Scenario) -> String {
        let m = self.minutes(&s.policy).unwrap_or(0.0);
        match lang {
            Lang::Zh => format!("{m} 分钟儿科服务可及率"),
            Lang::En => format!("Children within {m} minutes of paediatric care"),
        }
    }
    fn definition(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "能在规定时间内到达提供儿科服务机构的儿童（0–14 岁）占全部儿童的比例。".into(),
            Lang::En => "Share of children (0–14) who can reach a facility offering paediatric care within the set time.".into(),
        }
    }
    fn shortfall(&self, sf: &Shortfall, _place: &str, lang: Lang) -> String {
        let m = sf.minutes.unwrap_or(0.0);
        let (t, r) = (sf.target * 100.0, sf.reachable * 100.0);
        match lang {
            Lang::En => format!(
                "children within {m} min of paediatric care: target {t:.1}%, best reachable {r:.1}%"
            ),
            Lang::Zh => format!("{m} 分钟内可达儿科服务的儿童比例：目标 {t:.1}%，最多可达 {r:.1}%"),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        h.region_figure(h.s.policy.services.paediatrics.as_ref().map(|p| p.share))
    }
}

const FIELDS: &[Field] = &[
    Field {
        key: "paediatrics_enabled",
        path: "$.policy.services.paediatrics",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.services.paediatrics.is_some()),
        put: |p, _, s| {
            p.services.paediatrics = if on(s) {
                Some(p.services.paediatrics.clone().unwrap_or_default())
            } else {
                None
            }
        },
    },
    Field {
        key: "paediatrics_minutes",
        path: "$.policy.services.paediatrics.minutes",
        unit: "minutes",
        kind: number(&ACCESS_MINUTES, 1.0, false),
        get: |p| {
            num(p
                .services
                .paediatrics
                .as_ref()
                .map_or(PaediatricRule::default().minutes, |r| r.minutes))
        },
        put: |p, v, _| {
            if let Some(r) = p.services.paediatrics.as_mut() {
                r.minutes = v.unwrap_or(30.0);
            }
        },
    },
    Field {
        key: "paediatrics_share",
        path: "$.policy.services.paediatrics.share",
        unit: "percent",
        kind: number(&SHARE, 100.0, false),
        get: |p| {
            num(p
                .services
                .paediatrics
                .as_ref()
                .map_or(PaediatricRule::default().share, |r| r.share)
                * 100.0)
        },
        put: |p, v, _| {
            if let Some(r) = p.services.paediatrics.as_mut() {
                r.share = v.unwrap_or(80.0) / 100.0;
            }
        },
    },
];
