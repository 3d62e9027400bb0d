//! **The five county emergency centres** (五大中心: chest pain, stroke,
//! trauma, critical maternal and critical neonatal care).
//!
//! 1. *At the lead hospitals* (when `at_lead_hospitals`): in every admin
//!    unit that has a lead hospital ([`Scenario::lead_hospitals`]), one of
//!    them offers each centre: Σ_{leads l∈u} open(k, l) ≥ 1 for each centre
//!    k the unit's leads lack today. Scope `"<unit>/<centre>"`.
//! 2. *Access*: for each centre k, the share of residents within their
//!    unit's time (rural 60 min, urban 30 min by default) of a facility
//!    offering it is at least the target, region-wide:
//!    Σ_z pop_z (reached_z + a_z) ≥ share · Σ_z pop_z,
//!    a_z ≤ Σ_{f within T_z} open(k, f) [+ Σ_{linked centres c within T_z} link_c
//!    for chest pain, when telemedicine counts]. Scope `"region/<centre>"`.
//!
//! A centre opens at a county or higher hospital ([`Specialty::may_open_at`])
//! with room for its specialist posts, costing `centre_opening_yuan` plus
//! the posts.

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::access::TravelTimes;
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::{t, Lang};
use crate::optimise::plan::model::MIN_SPECIALISTS;
use crate::optimise::plan::rules::Target;
use crate::scenario::{EmergencyCentreRule, Policy, Scenario, Specialty};
use crate::validate::limits::{ACCESS_MINUTES, SHARE};
use crate::view::policy_form::{flag, num, number, on, Field, FieldKind};
use good_lp::{constraint, variable, Expression};

/// The rule.
pub struct EmergencyCentres;

/// Each zone's time to a centre (minutes): its unit's urban or rural time.
fn zone_minutes(s: &Scenario, rule: &EmergencyCentreRule) -> Vec<f64> {
    s.zones
        .iter()
        .map(|z| match s.admin_unit(&z.admin_unit) {
            Some(u) if u.urban => rule.urban_minutes,
            _ => rule.rural_minutes,
        })
        .collect()
}

/// Whether linked grassroots centres count for chest pain.
fn via_telemedicine(p: &Policy, kind: Specialty) -> bool {
    kind == Specialty::ChestPainCentre
        && p.services
            .emergency_centres
            .as_ref()
            .is_some_and(|r| r.chest_pain_via_telemedicine)
}

/// Whether facility `i` offers centre `kind` today where it counts.
fn offers_now(s: &Scenario, i: usize, kind: Specialty) -> bool {
    let f = &s.facilities[i];
    f.services.contains(&kind) && kind.counts_at(f.tier)
}

/// Whether a centre could open at facility `i`.
fn may_open(s: &Scenario, i: usize, kind: Specialty) -> bool {
    let f = &s.facilities[i];
    kind.may_open_at(f.tier)
        && !f.services.contains(&kind)
        && f.expansion.max_extra_doctors >= MIN_SPECIALISTS
}

/// Units with a lead hospital, with their leads.
fn units_with_leads(s: &Scenario) -> Vec<(String, Vec<usize>)> {
    let leads = s.lead_hospitals();
    s.admin_units
        .iter()
        .filter(|u| s.unit_population(&u.id) > 0.0)
        .filter_map(|u| {
            let here: Vec<usize> = leads
                .iter()
                .copied()
                .filter(|&l| s.facilities[l].admin_unit == u.id)
                .collect();
            (!here.is_empty()).then(|| (u.id.clone(), here))
        })
        .collect()
}

/// Per zone: reached by centre `kind` today (within its time).
fn reached_now(s: &Scenario, tt: &TravelTimes, kind: Specialty, minutes: &[f64]) -> Vec<bool> {
    let nf = s.facilities.len();
    let tele = via_telemedicine(&s.policy, kind);
    tt.pairs
        .iter()
        .enumerate()
        .map(|(z, row)| {
            row.iter()
                .take_while(|(_, m)| f64::from(*m) <= minutes[z])
                .any(|&(j, _)| {
                    let j = j as usize;
                    j < nf
                        && (offers_now(s, j, kind)
                            || (tele && super::telemedicine::linked_today(s, j)))
                })
        })
        .collect()
}

/// The scope of a centre's target: `"<place>/<centre>"`.
fn scope(place: &str, kind: Specialty) -> String {
    format!("{place}/{}", kind.key())
}

/// The centre named by a scope, if it names one.
pub fn centre_of(scope: &str) -> Option<Specialty> {
    let key = scope.rsplit_once('/')?.1;
    Specialty::CENTRES.into_iter().find(|k| k.key() == key)
}

impl Rule for EmergencyCentres {
    fn id(&self) -> RuleId {
        RuleId::EmergencyCentres
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.services.emergency_centres.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.services.emergency_centres = None;
    }
    fn minutes(&self, p: &Policy) -> Option<f64> {
        p.services
            .emergency_centres
            .as_ref()
            .map(|r| r.rural_minutes.max(r.urban_minutes))
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        use crate::validate::numbers::check_value;
        if let Some(r) = &p.services.emergency_centres {
            let at = |f: &str| format!("$.policy.services.emergency_centres.{f}");
            check_value(|| at("share"), r.share, &SHARE, out);
            check_value(
                || at("rural_minutes"),
                r.rural_minutes,
                &ACCESS_MINUTES,
                out,
            );
            check_value(
                || at("urban_minutes"),
                r.urban_minutes,
                &ACCESS_MINUTES,
                out,
            );
        }
    }
    fn counts_telemedicine_links(&self, p: &Policy) -> bool {
        p.services
            .emergency_centres
            .as_ref()
            .is_some_and(|r| r.chest_pain_via_telemedicine)
    }
    fn services_wanted(&self, s: &Scenario, tt: &TravelTimes) -> Vec<(usize, Specialty)> {
        let Some(rule) = &s.policy.services.emergency_centres else {
            return vec![];
        };
        let minutes = zone_minutes(s, rule);
        let nf = s.facilities.len();
        let mut out = Vec::new();
        for kind in Specialty::CENTRES {
            let mut want = vec![false; nf];
            if rule.at_lead_hospitals {
                for (_, leads) in units_with_leads(s) {
                    if !leads.iter().any(|&l| offers_now(s, l, kind)) {
                        for l in leads {
                            want[l] |= may_open(s, l, kind);
                        }
                    }
                }
            }
            let now = reached_now(s, tt, kind, &minutes);
            for (z, row) in tt.pairs.iter().enumerate() {
                if now[z] || s.zones[z].population <= 0.0 {
                    continue;
                }
                for &(j, _) in row.iter().take_while(|(_, m)| f64::from(*m) <= minutes[z]) {
                    let j = j as usize;
                    if j < nf && may_open(s, j, kind) {
                        want[j] = true;
                    }
                }
            }
            out.extend((0..nf).filter(|&j| want[j]).map(|j| (j, kind)));
        }
        out
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, tt, v) = (m.s, m.tt, m.v);
        let Some(rule) = &s.policy.services.emergency_centres else {
            return Rows::default();
        };
        let minutes = zone_minutes(s, rule);
        let nf = s.facilities.len();
        let total: f64 = s.zones.iter().map(|z| z.population).sum();
        let mut rows = Rows::default();
        for kind in Specialty::CENTRES {
            if rule.at_lead_hospitals {
                for (unit, leads) in units_with_leads(s) {
                    if leads.iter().any(|&l| offers_now(s, l, kind)) {
                        continue;
                    }
                    let lhs: Expression = leads
                        .iter()
                        .filter_map(|&l| v.service.get(&(l, kind)).copied())
                        .sum();
                    rows.targets.push(Target {
                        rule: RuleId::EmergencyCentres,
                        scope: scope(&unit, kind),
                        lhs,
                        rhs: 1.0,
                        display_scale: 1.0,
                        display_target: 1.0,
                    });
                }
            }
            if total <= 0.0 {
                continue;
            }
            let tele = via_telemedicine(&s.policy, kind);
            let now = reached_now(s, tt, kind, &minutes);
            let mut lhs = Expression::from(0.0);
            for (z, row) in tt.pairs.iter().enumerate() {
                let pop = s.zones[z].population;
                if pop <= 0.0 {
                    continue;
                }
                if now[z] {
                    lhs += pop;
                    continue;
                }
                let reach: Vec<_> = row
                    .iter()
                    .take_while(|(_, m)| f64::from(*m) <= minutes[z])
                    .filter(|(j, _)| (*j as usize) < nf)
                    .flat_map(|&(j, _)| {
                        let j = j as usize;
                        let centre = v.service.get(&(j, kind)).copied();
                        let link = if tele { v.links[j] } else { None };
                        centre.into_iter().chain(link)
                    })
                    .collect();
                if reach.is_empty() {
                    continue;
                }
                let a = m.vars.add(variable().min(0.0).max(1.0));
                let sum: Expression = reach.into_iter().sum();
                rows.links.push(constraint!(a <= sum));
                lhs += pop * a;
            }
            rows.targets.push(Target {
                rule: RuleId::EmergencyCentres,
                scope: scope("region", kind),
                lhs,
                rhs: rule.share * total,
                display_scale: 1.0 / total,
                display_target: rule.share,
            });
        }
        rows
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let s = a.s;
        let Some(rule) = &s.policy.services.emergency_centres else {
            return;
        };
        let minutes = zone_minutes(s, rule);
        let offers =
            |i: usize, kind: Specialty| a.services[i].contains(&kind) && kind.counts_at(a.tier[i]);
        for kind in Specialty::CENTRES {
            let (en, zh) = (t(Lang::En, &key(kind)), t(Lang::Zh, &key(kind)));
            if rule.at_lead_hospitals {
                for (unit, leads) in units_with_leads(s) {
                    let has = leads.iter().any(|&l| offers(l, kind));
                    let name = s
                        .admin_unit(&unit)
                        .map_or(unit.as_str(), |u| u.name.as_str());
                    out.push(finding(
                        RuleId::EmergencyCentres.key(),
                        &scope(&unit, kind),
                        (1.0, f64::from(u8::from(has)), has),
                        format!(
                            "{name}: {en} at a lead hospital {}",
                            if has { "offered" } else { "missing" }
                        ),
                        format!(
                            "{name}：牵头医院{zh}{}",
                            if has { "已建成" } else { "缺失" }
                        ),
                    ));
                }
            }
            let tele = via_telemedicine(&s.policy, kind);
            let points: Vec<u32> = (0..s.facilities.len())
                .filter(|&i| offers(i, kind) || (tele && a.linked[i]))
                .map(|i| i as u32)
                .collect();
            let near = crate::indicators::nearest_minutes(a.tt, &points);
            let (mut pop, mut within) = (0.0, 0.0);
            for (z, zone) in s.zones.iter().enumerate() {
                pop += zone.population;
                if near[z].is_some_and(|m| m <= minutes[z]) {
                    within += zone.population;
                }
            }
            if pop > 0.0 {
                let share = within / pop;
                out.push(finding(
                    RuleId::EmergencyCentres.key(),
                    &scope("region", kind),
                    (rule.share, share, share + TOL >= rule.share),
                    format!(
                        "{:.2}% of residents within {} min (rural) / {} min (urban) of a {en}{} (target {:.1}%)",
                        share * 100.0,
                        rule.rural_minutes,
                        rule.urban_minutes,
                        if tele { " or a linked grassroots centre" } else { "" },
                        rule.share * 100.0
                    ),
                    format!(
                        "{:.2}% 的居民在农村 {} 分钟、城区 {} 分钟内可达{zh}{}（目标 {:.1}%）",
                        share * 100.0,
                        rule.rural_minutes,
                        rule.urban_minutes,
                        if tele { "或接入远程心电的基层机构" } else { "" },
                        rule.share * 100.0
                    ),
                ));
            }
        }
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "县域五大中心（胸痛、卒中、创伤、危重孕产妇、危重新生儿）".into(),
            Lang::En => "County emergency centres (chest pain, stroke, trauma, critical maternal and neonatal care)".into(),
        }
    }
    fn definition(&self, lang: Lang, s: &Scenario) -> String {
        let r = s
            .policy
            .services
            .emergency_centres
            .clone()
            .unwrap_or_default();
        let (rural, urban) = (r.rural_minutes, r.urban_minutes);
        match lang {
            Lang::Zh => format!(
                "每类中心：居民在农村 {rural} 分钟、城区 {urban} 分钟内能到达提供该中心的医院的比例（按人口加权）{}{}",
                if r.at_lead_hospitals { "；并且每个县（区）的医共体牵头医院须建成五类中心" } else { "" },
                if r.chest_pain_via_telemedicine { "；接入远程心电的乡镇卫生院和社区卫生服务中心计为胸痛首诊点" } else { "" }
            ),
            Lang::En => format!(
                "For each kind of centre: the share of residents within {rural} minutes (rural) or {urban} minutes (urban districts) of a hospital offering it, weighted by population{}{}.",
                if r.at_lead_hospitals { "; and every county's medical-community lead hospital has all five" } else { "" },
                if r.chest_pain_via_telemedicine { "; township and community centres on a remote-ECG network count as first contact for chest pain" } else { "" }
            ),
        }
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let kind = centre_of(&sf.unit).map_or(String::new(), |k| t(lang, &key(k)).to_string());
        if sf.unit.starts_with("region/") {
            let (tg, r) = (sf.target * 100.0, sf.reachable * 100.0);
            match lang {
                Lang::En => format!(
                    "residents within reach of a {kind}: target {tg:.1}%, best reachable {r:.1}% within the budget"
                ),
                Lang::Zh => format!("可及{kind}的居民比例：目标 {tg:.1}%，在预算内最多可达 {r:.1}%"),
            }
        } else {
            match lang {
                Lang::En => format!(
                    "{place}: no lead hospital can open a {kind} (needs room for {MIN_SPECIALISTS} specialists) within the budget"
                ),
                Lang::Zh => format!(
                    "{place}：在预算内没有牵头医院能建成{kind}（需容纳 {MIN_SPECIALISTS} 名专科医师）"
                ),
            }
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
}

/// The i18n key of a centre's name.
fn key(kind: Specialty) -> String {
    format!("specialty_{}", kind.key())
}

fn rule_or_default(p: &Policy) -> EmergencyCentreRule {
    p.services.emergency_centres.clone().unwrap_or_default()
}

const FIELDS: &[Field] = &[
    Field {
        key: "emergency_centres_enabled",
        path: "$.policy.services.emergency_centres",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.services.emergency_centres.is_some()),
        put: |p, _, s| {
            p.services.emergency_centres = on(s).then(|| rule_or_default(p));
        },
    },
    Field {
        key: "emergency_centres_share",
        path: "$.policy.services.emergency_centres.share",
        unit: "percent",
        kind: number(&SHARE, 100.0, false),
        get: |p| num(rule_or_default(p).share * 100.0),
        put: |p, v, _| {
            if let Some(r) = p.services.emergency_centres.as_mut() {
                r.share = v.unwrap_or(90.0) / 100.0;
            }
        },
    },
    Field {
        key: "emergency_centres_rural_minutes",
        path: "$.policy.services.emergency_centres.rural_minutes",
        unit: "minutes",
        kind: number(&ACCESS_MINUTES, 1.0, false),
        get: |p| num(rule_or_default(p).rural_minutes),
        put: |p, v, _| {
            if let Some(r) = p.services.emergency_centres.as_mut() {
                r.rural_minutes = v.unwrap_or(60.0);
            }
        },
    },
    Field {
        key: "emergency_centres_urban_minutes",
        path: "$.policy.services.emergency_centres.urban_minutes",
        unit: "minutes",
        kind: number(&ACCESS_MINUTES, 1.0, false),
        get: |p| num(rule_or_default(p).urban_minutes),
        put: |p, v, _| {
            if let Some(r) = p.services.emergency_centres.as_mut() {
                r.urban_minutes = v.unwrap_or(30.0);
            }
        },
    },
    Field {
        key: "emergency_centres_at_leads",
        path: "$.policy.services.emergency_centres.at_lead_hospitals",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(rule_or_default(p).at_lead_hospitals),
        put: |p, _, s| {
            if let Some(r) = p.services.emergency_centres.as_mut() {
                r.at_lead_hospitals = on(s);
            }
        },
    },
    Field {
        key: "emergency_centres_telemedicine",
        path: "$.policy.services.emergency_centres.chest_pain_via_telemedicine",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(rule_or_default(p).chest_pain_via_telemedicine),
        put: |p, _, s| {
            if let Some(r) = p.services.emergency_centres.as_mut() {
                r.chest_pain_via_telemedicine = on(s);
            }
        },
    },
];
