//! **Coverage**: the share of residents within T minutes of a medical
//! service point is at least the target, region-wide and (optionally) in
//! every admin unit (the "15-minute medical service circle").
//!
//! Model: for each zone z not covered today, c_z ∈ [0, 1] with
//!   c_z ≤ Σ_{candidate k within T} open_k + Σ_{facility f within T, raised to a counting tier} up_f,
//! and Σ_z pop_z (covered_z + c_z) ≥ share · Σ_z pop_z.
//! Check: the nearest service point of the plan's region, recomputed from
//! travel times. Under a coverage objective (max coverage, weighted) the
//! share is maximised instead and the check is informational.

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::model::Vars;
use crate::optimise::plan::rules::Target;
use crate::rules::{Figures, HeadlineInput};
use crate::scenario::{Mode, Objective, Policy, Scenario};
use crate::validate::limits::{ACCESS_MINUTES, SHARE};
use crate::view::policy_form::{flag, num, number, on, Field, FieldKind};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables};
use std::collections::BTreeMap;

/// The rule.
pub struct Coverage;

/// Residents covered after the plan, as expressions over the decisions:
/// shared by this rule and the coverage objectives.
pub struct Covered {
    /// Residents within T of a service point, region-wide.
    pub total: Expression,
    /// The same per admin unit.
    pub per_unit: BTreeMap<String, Expression>,
    /// c_z ≤ Σ coverers.
    pub links: Vec<Constraint>,
}

/// Builds the covered-residents expressions (one c per group of zones the
/// same decisions could cover, [`super::reach_groups`]).
pub fn covered(s: &Scenario, v: &Vars, vars: &mut ProblemVariables) -> Covered {
    let mut links = Vec::new();
    let mut total = Expression::from(0.0);
    let mut per_unit: BTreeMap<String, Expression> = BTreeMap::new();
    let mut reachable = Vec::new();
    for (z, zone) in s.zones.iter().enumerate() {
        let unit = zone.admin_unit.clone();
        if v.covered_now[z] {
            total += zone.population;
            *per_unit.entry(unit).or_default() += zone.population;
        } else {
            per_unit.entry(unit.clone()).or_default();
            reachable.push((unit, zone.population, v.coverers[z].clone()));
        }
    }
    // Zones the same sites and upgrades would cover share one c.
    for g in super::reach_groups::merge(reachable) {
        let c = vars.add(variable().min(0.0).max(1.0));
        let sum: Expression = g.reach.iter().copied().sum();
        links.push(constraint!(c <= sum));
        total += g.weight * c;
        *per_unit.entry(g.scope).or_default() += g.weight * c;
    }
    Covered {
        total,
        per_unit,
        links,
    }
}

/// Whether the objective maximises coverage (then the share is no target).
pub fn is_objective(p: &Policy) -> bool {
    matches!(
        p.objective,
        Objective::MaxCoverage | Objective::Weighted { .. }
    )
}

fn mode_words(mode: Mode, lang: Lang) -> &'static str {
    match (lang, mode) {
        (Lang::Zh, Mode::Walk) => "步行",
        (Lang::Zh, Mode::Bike) => "骑行",
        (Lang::Zh, Mode::Drive) => "驾车",
        (Lang::En, Mode::Walk) => "walking",
        (Lang::En, Mode::Bike) => "bicycle",
        (Lang::En, Mode::Drive) => "car",
    }
}

impl Rule for Coverage {
    fn id(&self) -> RuleId {
        RuleId::Coverage
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.coverage.enabled
    }
    fn turn_off(&self, p: &mut Policy) {
        p.coverage.enabled = false;
    }
    fn minutes(&self, p: &Policy) -> Option<f64> {
        Some(p.coverage.minutes)
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        use crate::validate::numbers::check_value;
        check_value(
            || "$.policy.coverage.minutes".into(),
            p.coverage.minutes,
            &ACCESS_MINUTES,
            out,
        );
        check_value(
            || "$.policy.coverage.share".into(),
            p.coverage.share,
            &SHARE,
            out,
        );
        if p.coverage.enabled && p.coverage.service_point_tiers.is_empty() {
            out.push(Problem::error(
                "$.policy.coverage.service_point_tiers",
                "no tier counts as a service point; list at least one tier or switch the coverage rule off",
                "没有任何层级计为医疗服务点；请至少列出一个层级，或关闭覆盖率规则",
            ));
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let s = m.s;
        let policy = &s.policy.coverage;
        if is_objective(&s.policy) {
            return Rows::default();
        }
        let total: f64 = s.zones.iter().map(|z| z.population).sum();
        let mut targets = vec![Target {
            rule: RuleId::Coverage,
            scope: "region".into(),
            lhs: m.covered.total.clone(),
            rhs: policy.share * total,
            display_scale: if total > 0.0 { 1.0 / total } else { 0.0 },
            display_target: policy.share,
        }];
        if policy.per_admin_unit {
            for u in &s.admin_units {
                let pop = s.unit_population(&u.id);
                if pop <= 0.0 {
                    continue;
                }
                targets.push(Target {
                    rule: RuleId::Coverage,
                    scope: u.id.clone(),
                    lhs: m.covered.per_unit.get(&u.id).cloned().unwrap_or_default(),
                    rhs: policy.share * pop,
                    display_scale: 1.0 / pop,
                    display_target: policy.share,
                });
            }
        }
        Rows {
            targets,
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let p = &a.s.policy.coverage;
        let cov = &a.coverage;
        let informational = is_objective(&a.s.policy);
        let t = p.share;
        out.push(finding(
            RuleId::Coverage.key(),
            "region",
            (t, cov.share, informational || cov.share + TOL >= t),
            format!(
                "{:.2}% of residents within {} min (target {:.1}%{})",
                cov.share * 100.0,
                p.minutes,
                t * 100.0,
                if informational {
                    ", maximised as the objective"
                } else {
                    ""
                }
            ),
            format!(
                "{:.2}% 的居民 {} 分钟内可达（目标 {:.1}%{}）",
                cov.share * 100.0,
                p.minutes,
                t * 100.0,
                if informational {
                    "，作为目标函数最大化"
                } else {
                    ""
                }
            ),
        ));
        if p.per_admin_unit && !informational {
            for u in &cov.units {
                out.push(finding(
                    RuleId::Coverage.key(),
                    &u.id,
                    (t, u.share, u.population <= 0.0 || u.share + TOL >= t),
                    format!(
                        "{}: {:.2}% within {} min",
                        u.name,
                        u.share * 100.0,
                        p.minutes
                    ),
                    format!(
                        "{}：{:.2}% 的居民 {} 分钟内可达",
                        u.name,
                        u.share * 100.0,
                        p.minutes
                    ),
                ));
            }
        }
    }
    fn name(&self, lang: Lang, s: &Scenario) -> String {
        let m = s.policy.coverage.minutes;
        match lang {
            Lang::Zh => format!("{m} 分钟医疗服务圈覆盖率"),
            Lang::En => format!("Residents within {m} minutes of care"),
        }
    }
    fn definition(&self, lang: Lang, s: &Scenario) -> String {
        let m = s.policy.coverage.minutes;
        let mode = mode_words(s.policy.coverage.mode, lang);
        match lang {
            Lang::Zh => format!(
                "居住地按{mode}方式 {m} 分钟内能到达至少一个医疗服务点（村卫生室及以上）的居民占全部居民的比例；按需求单元人口加权。"
            ),
            Lang::En => format!(
                "Share of all residents whose home is within {m} minutes (by {mode}) of at least one medical service point (village clinic or above), weighted by each zone's population."
            ),
        }
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let m = sf.minutes.unwrap_or(0.0);
        let (t, r) = (sf.target * 100.0, sf.reachable * 100.0);
        match lang {
            Lang::En => format!(
                "{place}: share within {m} min of a service point: target {t:.1}%, best reachable {r:.1}% with the candidate sites"
            ),
            Lang::Zh => format!(
                "{place}：{m} 分钟内可达医疗服务点的居民比例：目标 {t:.1}%，利用备选点最多可达 {r:.1}%"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
    fn headline(&self, h: &HeadlineInput<'_>) -> Figures {
        Figures {
            target: Some(h.s.policy.coverage.share),
            before: h.report.coverage.0,
            after: h.report.coverage.1,
        }
    }
}

const FIELDS: &[Field] = &[
    Field {
        key: "coverage_enabled",
        path: "$.policy.coverage.enabled",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.coverage.enabled),
        put: |p, _, s| p.coverage.enabled = on(s),
    },
    Field {
        key: "coverage_share",
        path: "$.policy.coverage.share",
        unit: "percent",
        kind: number(&SHARE, 100.0, false),
        get: |p| num(p.coverage.share * 100.0),
        put: |p, v, _| p.coverage.share = v.unwrap_or(0.0) / 100.0,
    },
    Field {
        key: "coverage_minutes",
        path: "$.policy.coverage.minutes",
        unit: "minutes",
        kind: number(&ACCESS_MINUTES, 1.0, false),
        get: |p| num(p.coverage.minutes),
        put: |p, v, _| p.coverage.minutes = v.unwrap_or(15.0),
    },
    Field {
        key: "coverage_per_unit",
        path: "$.policy.coverage.per_admin_unit",
        unit: "",
        kind: FieldKind::Toggle,
        get: |p| flag(p.coverage.per_admin_unit),
        put: |p, _, s| p.coverage.per_admin_unit = on(s),
    },
];
