//! **Inpatient access**: the share of residents within T minutes of a
//! facility with inpatient beds — one holding at least `min_beds` general
//! beds after the plan — is at least the target, region-wide:
//!
//!   Σ_z pop_z (reached_z + q_z) ≥ share · Σ_z pop_z,
//!   q_z ≤ Σ_{f within T} first_f + Σ_{k within T, beds_k ≥ min} open_k,  q_z ∈ [0, 1],
//!
//! where `first_f` (binary) places the `min_beds − beds_f` beds facility f
//! lacks, taken from its unit's added beds and within its own cap, at a
//! tier that may hold beds ([`Tier::holds_inpatient_beds`]); a candidate
//! site opened with enough beds counts too. The beds cost `bed_yuan` each,
//! as any other (they also count for beds per 1,000).
//!
//! [`Tier::holds_inpatient_beds`]: crate::scenario::Tier::holds_inpatient_beds

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::access::TravelTimes;
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::rules::Target;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{InpatientAccessRule, Policy, Scenario};
use crate::validate::limits::{ACCESS_MINUTES, BEDS, SHARE};
use crate::view::policy_form::{flag, num, number, on, Field, FieldKind};
use good_lp::{constraint, variable, Expression};

/// The rule.
pub struct InpatientAccess;

/// Per zone: a facility with at least `min_beds` beds within `minutes` today.
fn reached_now(s: &Scenario, tt: &TravelTimes, rule: &InpatientAccessRule) -> Vec<bool> {
    let nf = s.facilities.len();
    tt.pairs
        .iter()
        .map(|row| {
            row.iter()
                .take_while(|(_, m)| *m <= rule.minutes as f32)
                .any(|&(j, _)| {
                    let j = j as usize;
                    j < nf && s.facilities[j].beds + TOL >= rule.min_beds
                })
        })
        .collect()
}

impl Rule for InpatientAccess {
    fn id(&self) -> RuleId {
        RuleId::InpatientAccess
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.services.inpatient_access.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.services.inpatient_access = None;
    }
    fn minutes(&self, p: &Policy) -> Option<f64> {
        p.services.inpatient_access.as_ref().map(|r| r.minutes)
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        use crate::validate::numbers::check_value;
        if let Some(r) = &p.services.inpatient_access {
            let at = "$.policy.services.inpatient_access";
            check_value(|| format!("{at}.minutes"), r.minutes, &ACCESS_MINUTES, out);
            check_value(|| format!("{at}.share"), r.share, &SHARE, out);
            check_value(|| format!("{at}.min_beds"), r.min_beds, &BEDS, out);
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, tt, v) = (m.s, m.tt, m.v);
        let Some(rule) = &s.policy.services.inpatient_access else {
            return Rows::default();
        };
        let nf = s.facilities.len();
        let now = reached_now(s, tt, rule);
        let mut lhs = Expression::from(0.0);
        let mut links = Vec::new();
        let mut total = 0.0;
        for (z, row) in tt.pairs.iter().enumerate() {
            let pop = s.zones[z].population;
            total += pop;
            if pop <= 0.0 {
                continue;
            }
            if now[z] {
                lhs += pop;
                continue;
            }
            let reach: Vec<_> = row
                .iter()
                .take_while(|(_, m)| *m <= rule.minutes as f32)
                .filter_map(|&(j, _)| {
                    let j = j as usize;
                    if j < nf {
                        v.inpatient[j]
                    } else {
                        let k = j - nf;
                        (s.candidate_sites[k].beds + TOL >= rule.min_beds).then(|| v.open[k])
                    }
                })
                .collect();
            if reach.is_empty() {
                continue;
            }
            let q = m.vars.add(variable().min(0.0).max(1.0));
            let sum: Expression = reach.into_iter().sum();
            links.push(constraint!(q <= sum));
            lhs += pop * q;
        }
        if total <= 0.0 {
            return Rows {
                targets: vec![],
                links,
            };
        }
        Rows {
            targets: vec![Target {
                rule: RuleId::InpatientAccess,
                scope: "region".into(),
                lhs,
                rhs: rule.share * total,
                display_scale: 1.0 / total,
                display_target: rule.share,
            }],
            links,
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let Some(rule) = &a.s.policy.services.inpatient_access else {
            return;
        };
        let nf = a.s.facilities.len();
        let with_beds: Vec<u32> = (0..nf)
            .filter(|&i| a.s.facilities[i].beds + a.beds_added[i] + TOL >= rule.min_beds)
            .map(|i| i as u32)
            .chain(
                a.s.candidate_sites
                    .iter()
                    .enumerate()
                    .filter(|(k, c)| a.opened[*k] && c.beds + TOL >= rule.min_beds)
                    .map(|(k, _)| (nf + k) as u32),
            )
            .collect();
        let near = crate::indicators::nearest_minutes(a.tt, &with_beds);
        let (mut all, mut within) = (0.0, 0.0);
        for (z, near) in near.iter().enumerate() {
            let p = a.s.zones[z].population;
            all += p;
            if near.is_some_and(|m| m <= rule.minutes) {
                within += p;
            }
        }
        if all > 0.0 {
            let share = within / all;
            out.push(finding(
                RuleId::InpatientAccess.key(),
                "region",
                (rule.share, share, share + TOL >= rule.share),
                format!(
                    "{:.2}% of residents within {} min of a facility with at least {} beds (target {:.1}%)",
                    share * 100.0,
                    rule.minutes,
                    rule.min_beds,
                    rule.share * 100.0
                ),
                format!(
                    "{:.2}% 的居民 {} 分钟内可达床位不少于 {} 张的机构（目标 {:.1}%）",
                    share * 100.0,
                    rule.minutes,
                    rule.min_beds,
                    rule.share * 100.0
                ),
            ));
        }
    }
    fn name(&self, lang: Lang, s: &Scenario) -> String {
        let m = self.minutes(&s.policy).unwrap_or(0.0);
        match lang {
            Lang::Zh => format!("{m} 分钟住院服务可及率"),
            Lang::En => format!("Residents within {m} minutes of inpatient beds"),
        }
    }
    fn definition(&self, lang: Lang, s: &Scenario) -> String {
        let b = s
            .policy
            .services
            .inpatient_access
            .as_ref()
            .map_or(InpatientAccessRule::default().min_beds, |r| r.min_beds);
        match lang {
            Lang::Zh => format!("能在规定时间内到达床位不少于 {b} 张的医疗机构（含新建服务点）的常住人口占全部常住人口的比例。"),
            Lang::En => format!("Share of residents who can reach a facility (or a new service point) with at least {b} beds within the set time."),
        }
    }
    fn shortfall(&self, sf: &Shortfall, _place: &str, lang: Lang) -> String {
        let m = sf.minutes.unwrap_or(0.0);
        let (t, r) = (sf.target * 100.0, sf.reachable * 100.0);
        match lang {
            Lang::En => format!(
                "residents within {m} min of inpatient beds: target {t:.1}%, best reachable {r:.1}% within the facilities' bed caps and budget"
            ),
            Lang::Zh => format!(
                "{m} 分钟内可达住院床位的居民比例：目标 {t:.1}%，在机构床位上限与预算内最多可达 {r:.1}%"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        h.region_figure(
            h.s.policy
                .services
                .inpatient_access
                .as_ref()
                .map(|p| p.share),
        )
    }
}

/// The rule's settings as the form reads them (the defaults when off).
fn rule_of(p: &Policy) -> InpatientAccessRule {
    p.services.inpatient_access.clone().unwrap_or_default()
}

const FIELDS: &[Field] = &[
    Field {
        key: "inpatient_access_enabled",
        path: "$.policy.services.inpatient_access",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.services.inpatient_access.is_some()),
        put: |p, _, s| {
            p.services.inpatient_access = on(s).then(|| rule_of(p));
        },
    },
    Field {
        key: "inpatient_access_minutes",
        path: "$.policy.services.inpatient_access.minutes",
        unit: "minutes",
        kind: number(&ACCESS_MINUTES, 1.0, false),
        get: |p| num(rule_of(p).minutes),
        put: |p, v, _| {
            if let Some(r) = p.services.inpatient_access.as_mut() {
                r.minutes = v.unwrap_or(30.0);
            }
        },
    },
    Field {
        key: "inpatient_access_share",
        path: "$.policy.services.inpatient_access.share",
        unit: "percent",
        kind: number(&SHARE, 100.0, false),
        get: |p| num(rule_of(p).share * 100.0),
        put: |p, v, _| {
            if let Some(r) = p.services.inpatient_access.as_mut() {
                r.share = v.unwrap_or(95.0) / 100.0;
            }
        },
    },
    Field {
        key: "inpatient_access_min_beds",
        path: "$.policy.services.inpatient_access.min_beds",
        unit: "beds",
        kind: number(&BEDS, 1.0, false),
        get: |p| num(rule_of(p).min_beds),
        put: |p, v, _| {
            if let Some(r) = p.services.inpatient_access.as_mut() {
                r.min_beds = v.unwrap_or(10.0);
            }
        },
    },
];
