//! The policy rules' identities: one typed id per rule, with the key used in
//! JSON, the CLI and translation tables. The model's targets, the checker's
//! findings and `solve --json`'s `rules` name rules by these ids only.

use crate::i18n::Lang;
use crate::optimise::plan::model::MIN_SPECIALISTS;
use serde::{Deserialize, Serialize};

/// A policy rule a plan is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    /// Share of residents within the coverage time of a service point.
    Coverage,
    /// Beds per 1,000 residents in every admin unit.
    #[serde(rename = "beds_per_1000")]
    BedsPer1000,
    /// Doctors per 1,000 residents in every admin unit.
    #[serde(rename = "doctors_per_1000")]
    DoctorsPer1000,
    /// Haemodialysis in every admin unit over its population threshold.
    Haemodialysis,
    /// A mental-health clinic at a county hospital in every admin unit over its threshold.
    MentalHealth,
    /// Share of children within a time of paediatric care.
    Paediatrics,
}

impl RuleId {
    /// Every rule, in the order reports list them.
    pub const ALL: [RuleId; 6] = [
        RuleId::Coverage,
        RuleId::BedsPer1000,
        RuleId::DoctorsPer1000,
        RuleId::Haemodialysis,
        RuleId::MentalHealth,
        RuleId::Paediatrics,
    ];

    /// The stable key (`beds_per_1000`, …), as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            RuleId::Coverage => "coverage",
            RuleId::BedsPer1000 => "beds_per_1000",
            RuleId::DoctorsPer1000 => "doctors_per_1000",
            RuleId::Haemodialysis => "haemodialysis",
            RuleId::MentalHealth => "mental_health",
            RuleId::Paediatrics => "paediatrics",
        }
    }

    /// The rule with this key, if it is one.
    ///
    /// ```
    /// use healthreach::rules::RuleId;
    /// for r in RuleId::ALL {
    ///     assert_eq!(RuleId::from_key(r.key()), Some(r));
    /// }
    /// assert_eq!(RuleId::from_key("budget"), None);
    /// // JSON says the same key.
    /// for r in RuleId::ALL {
    ///     assert_eq!(serde_json::to_value(r).unwrap(), r.key());
    /// }
    /// ```
    pub fn from_key(key: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.key() == key)
    }
}

impl RuleId {
    /// Whether `policy` sets this rule's target (a rule without one is off).
    pub fn is_on(self, policy: &crate::scenario::Policy) -> bool {
        match self {
            RuleId::Coverage => policy.coverage.enabled,
            RuleId::BedsPer1000 => policy.ratios.beds_per_1000.is_some(),
            RuleId::DoctorsPer1000 => policy.ratios.doctors_per_1000.is_some(),
            RuleId::Haemodialysis => policy.services.haemodialysis_min_population.is_some(),
            RuleId::MentalHealth => policy.services.mental_health_min_population.is_some(),
            RuleId::Paediatrics => policy.services.paediatrics.is_some(),
        }
    }

    /// `policy` with this rule turned off, everything else as it was: the
    /// counterfactual a published plan's "without this target" is solved on.
    ///
    /// ```
    /// use healthreach::rules::RuleId;
    /// let p = healthreach::demo::weinan().policy;
    /// for r in RuleId::ALL {
    ///     let off = r.turned_off(&p);
    ///     assert!(!r.is_on(&off));
    ///     for other in RuleId::ALL.into_iter().filter(|o| *o != r) {
    ///         assert_eq!(other.is_on(&off), other.is_on(&p));
    ///     }
    /// }
    /// ```
    pub fn turned_off(self, policy: &crate::scenario::Policy) -> crate::scenario::Policy {
        let mut p = policy.clone();
        match self {
            RuleId::Coverage => p.coverage.enabled = false,
            RuleId::BedsPer1000 => p.ratios.beds_per_1000 = None,
            RuleId::DoctorsPer1000 => p.ratios.doctors_per_1000 = None,
            RuleId::Haemodialysis => p.services.haemodialysis_min_population = None,
            RuleId::MentalHealth => p.services.mental_health_min_population = None,
            RuleId::Paediatrics => p.services.paediatrics = None,
        }
        p
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// A target the plan cannot reach, as data: rendered in the viewer's
/// language by [`Shortfall::text`], never stored as a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The rule.
    pub rule: RuleId,
    /// Admin unit id, or `region`.
    pub unit: String,
    /// The unit's name (Chinese), empty for the region.
    #[serde(default)]
    pub unit_name: String,
    /// The unit's English name, when the scenario has one.
    #[serde(default)]
    pub unit_name_en: Option<String>,
    /// The target (planner's unit: per 1,000, or a share 0–1; 1 = offered).
    pub target: f64,
    /// The best value reachable within caps and budgets (same unit).
    pub reachable: f64,
    /// The rule's travel time (coverage, paediatrics), minutes.
    #[serde(default)]
    pub minutes: Option<f64>,
}

impl Shortfall {
    /// The sentence for a planner reading `lang`.
    ///
    /// ```
    /// use healthreach::i18n::Lang;
    /// use healthreach::rules::{RuleId, Shortfall};
    /// let s = Shortfall { rule: RuleId::BedsPer1000, unit: "610522".into(),
    ///     unit_name: "潼关县".into(), unit_name_en: Some("Tongguan".into()),
    ///     target: 7.0, reachable: 6.5, minutes: None };
    /// assert!(s.text(Lang::Zh).starts_with("潼关县 每千人床位：目标 7.0"));
    /// assert!(s.text(Lang::En).starts_with("Tongguan beds per 1,000: target 7.0"));
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let place = match (lang, self.unit_name.is_empty()) {
            (_, true) => match lang {
                Lang::Zh => "全地区".to_string(),
                Lang::En => "region".to_string(),
            },
            (Lang::En, false) => self
                .unit_name_en
                .clone()
                .unwrap_or_else(|| self.unit_name.clone()),
            (Lang::Zh, false) => self.unit_name.clone(),
        };
        let (t, r) = (self.target, self.reachable);
        let m = self.minutes.unwrap_or(0.0);
        match (lang, self.rule) {
            (Lang::En, RuleId::BedsPer1000) => format!(
                "{place} beds per 1,000: target {t:.1}, best reachable {r:.2} within expansion caps and budget"
            ),
            (Lang::Zh, RuleId::BedsPer1000) => format!(
                "{place} 每千人床位：目标 {t:.1}，在扩建上限与预算内最多可达 {r:.2}"
            ),
            (Lang::En, RuleId::DoctorsPer1000) => format!(
                "{place} doctors per 1,000: target {t:.2}, best reachable {r:.2} within posts, secondments and budget"
            ),
            (Lang::Zh, RuleId::DoctorsPer1000) => format!(
                "{place} 每千人医师：目标 {t:.2}，在新增岗位、对口支援与预算内最多可达 {r:.2}"
            ),
            (Lang::En, RuleId::Coverage) => format!(
                "{place}: share within {m} min of a service point: target {:.1}%, best reachable {:.1}% with the candidate sites",
                t * 100.0,
                r * 100.0
            ),
            (Lang::Zh, RuleId::Coverage) => format!(
                "{place}：{m} 分钟内可达医疗服务点的居民比例：目标 {:.1}%，利用备选点最多可达 {:.1}%",
                t * 100.0,
                r * 100.0
            ),
            (Lang::En, RuleId::Paediatrics) => format!(
                "children within {m} min of paediatric care: target {:.1}%, best reachable {:.1}%",
                t * 100.0,
                r * 100.0
            ),
            (Lang::Zh, RuleId::Paediatrics) => format!(
                "{m} 分钟内可达儿科服务的儿童比例：目标 {:.1}%，最多可达 {:.1}%",
                t * 100.0,
                r * 100.0
            ),
            (Lang::En, RuleId::Haemodialysis) => format!(
                "{place}: no facility can open haemodialysis (needs room for {MIN_SPECIALISTS} specialists) within the budget"
            ),
            (Lang::Zh, RuleId::Haemodialysis) => {
                format!("{place}：在预算内没有机构能开设血液透析（需容纳 {MIN_SPECIALISTS} 名专科医师）")
            }
            (Lang::En, RuleId::MentalHealth) => format!(
                "{place}: no county hospital can open a mental-health clinic within the budget"
            ),
            (Lang::Zh, RuleId::MentalHealth) => {
                format!("{place}：在预算内没有县级医院能开设精神卫生门诊")
            }
        }
    }
}
