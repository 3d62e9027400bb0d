//! A target the plan cannot reach, as data: rendered in the viewer's
//! language by its rule ([`super::Rule::shortfall`]), never stored as a
//! sentence.

use super::RuleId;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A failing target and the best value reachable.
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
        let place = super::place_name(&self.unit_name, self.unit_name_en.as_deref(), lang);
        self.rule.unit().shortfall(self, &place, lang)
    }
}
