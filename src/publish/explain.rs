//! The portal's words: what each indicator means (a definition beside every
//! figure), how a figure is written, and why a decision is in the plan — in
//! plain language, Chinese or English, from the publication's data.

use super::{Counterfactual, Headline, Reason};
use crate::i18n::{money, Lang};
use crate::rules::RuleId;
use crate::scenario::Scenario;

/// The indicator's name (the rule's own words).
pub fn rule_name(rule: RuleId, lang: Lang, s: &Scenario) -> String {
    rule.unit().name(lang, s)
}

/// What the indicator means and how it is counted (the rule's own words).
pub fn definition(rule: RuleId, lang: Lang, s: &Scenario) -> String {
    rule.unit().definition(lang, s)
}

/// A rule's figure as written (a percentage, or per 1,000 with two decimals).
pub fn figure(rule: RuleId, value: f64) -> String {
    rule.unit().figure(value)
}

/// "before → after (target …)" for a headline line.
pub fn headline_figures(h: &Headline, lang: Lang) -> String {
    let mut out = format!("{} → {}", figure(h.rule, h.before), figure(h.rule, h.after));
    if let Some(t) = h.target {
        out.push_str(&match lang {
            Lang::Zh => format!("（目标 {}）", figure(h.rule, t)),
            Lang::En => format!(" (target {})", figure(h.rule, t)),
        });
    }
    out
}

/// "n of N places meet the target, before → after".
pub fn headline_met(h: &Headline, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "达标：规划前 {}/{} → 规划后 {}/{}",
            h.met_before, h.units, h.met_after, h.units
        ),
        Lang::En => format!(
            "Meeting the target: {} of {} before → {} of {} after",
            h.met_before, h.units, h.met_after, h.units
        ),
    }
}

/// A place's name for a rule's scope: the unit's name, or the whole region.
pub fn place(s: &Scenario, unit: &str, lang: Lang) -> String {
    match s.admin_unit(unit) {
        Some(u) => match (lang, &u.name_en) {
            (Lang::En, Some(en)) => en.clone(),
            _ => u.name.clone(),
        },
        None => match lang {
            Lang::Zh => "全地区".into(),
            Lang::En => "the whole region".into(),
        },
    }
}

/// Which targets the decision is needed for, by the counterfactual solves.
pub fn needed(s: &Scenario, rules: &[RuleId], lang: Lang) -> String {
    let names: Vec<String> = rules
        .iter()
        .map(|r| match lang {
            Lang::Zh => format!("「{}」", rule_name(*r, lang, s)),
            Lang::En => format!("“{}”", rule_name(*r, lang, s)),
        })
        .collect();
    match (lang, names.is_empty()) {
        (Lang::Zh, false) => format!("若不设{}目标，最优规划不会作出此项决策（或规模更小）。", names.join("、")),
        (Lang::En, false) => format!(
            "Without the target {} the best plan would not make this decision (or less of it).",
            names.join(", ")
        ),
        (Lang::Zh, true) => "去掉任何单个目标，最优规划仍保留此项决策（它同时服务于多个目标，或有同样好的替代方案）。".into(),
        (Lang::En, true) => "The best plan keeps this decision without any single one of the targets (it serves several together, or alternatives are equally good).".into(),
    }
}

/// The reason in a few words, for the decision table: rule, place, binding.
pub fn why_short(s: &Scenario, reason: &Reason, lang: Lang) -> String {
    let name = rule_name(reason.rule, lang, s);
    let at = place(s, &reason.unit, lang);
    match (lang, reason.binding) {
        (Lang::Zh, true) => format!("{name}（{at}）· 约束性目标"),
        (Lang::En, true) => format!("{name} ({at}) · binding"),
        (Lang::Zh, false) => format!("{name}（{at}）"),
        (Lang::En, false) => format!("{name} ({at})"),
    }
}

/// Why a decision is in the plan: the rule and target it serves, whether the
/// target binds, its marginal cost, and what the plan would cost and reach
/// without that target.
pub fn why(
    s: &Scenario,
    reason: &Reason,
    counterfactual: Option<&Counterfactual>,
    plan_cost: f64,
    lang: Lang,
) -> String {
    let name = rule_name(reason.rule, lang, s);
    let at = place(s, &reason.unit, lang);
    let (t, r) = (
        figure(reason.rule, reason.target),
        figure(reason.rule, reason.reached),
    );
    let mut out = match lang {
        Lang::Zh => format!("服务于「{name}」目标（{at}）：目标 {t}，规划后 {r}"),
        Lang::En => format!("Serves the target “{name}” ({at}): target {t}, reached {r}"),
    };
    out.push_str(&match (lang, reason.binding) {
        (Lang::Zh, true) => "，该目标恰好达到（约束性目标）。".to_string(),
        (Lang::En, true) => "; the target binds (met with nothing to spare).".to_string(),
        (Lang::Zh, false) => "，该目标未构成约束（有余量）。".to_string(),
        (Lang::En, false) => "; the target does not bind (met with room to spare).".to_string(),
    });
    if let Some(m) = reason.marginal_yuan.filter(|m| m.abs() >= 1.0) {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "边际成本：目标每提高一个单位约需 {}。",
                money(lang, m.abs())
            ),
            Lang::En => format!(
                " Marginal cost: about {} per unit of the target.",
                money(lang, m.abs())
            ),
        });
    }
    if let Some(c) = counterfactual {
        match (c.cost_yuan, c.extra_yuan) {
            (Some(without), Some(extra)) => {
                let reach = c
                    .reached
                    .iter()
                    .find(|(u, _)| *u == reason.unit)
                    .map(|(_, v)| figure(reason.rule, *v));
                // A solve its own time limit stopped: the best plan without
                // the target costs between its bound and what it found.
                let gap = c.gap.filter(|g| *g > 1e-4);
                out.push_str(&match (lang, gap) {
                    (Lang::Zh, None) => format!(
                        "若不设此目标，最优规划需 {}（本规划 {}，差额 {}）",
                        money(lang, without),
                        money(lang, plan_cost),
                        money(lang, extra)
                    ),
                    (Lang::En, None) => format!(
                        " Without this target the best plan would cost {} (this plan {}, a difference of {})",
                        money(lang, without),
                        money(lang, plan_cost),
                        money(lang, extra)
                    ),
                    (Lang::Zh, Some(g)) => format!(
                        "若不设此目标，最优规划需 {}–{}（对比求解在时限内停止，差距 {:.2}%；本规划 {}，差额 {}–{}）",
                        money(lang, without * (1.0 - g)),
                        money(lang, without),
                        g * 100.0,
                        money(lang, plan_cost),
                        money(lang, extra),
                        money(lang, extra + without * g)
                    ),
                    (Lang::En, Some(g)) => format!(
                        " Without this target the best plan would cost {} to {} (the comparison solve stopped at its time limit, gap {:.2}%; this plan {}, a difference of {} to {})",
                        money(lang, without * (1.0 - g)),
                        money(lang, without),
                        g * 100.0,
                        money(lang, plan_cost),
                        money(lang, extra),
                        money(lang, extra + without * g)
                    ),
                });
                out.push_str(&match (lang, reach) {
                    (Lang::Zh, Some(v)) => format!("，{at}将为 {v}。"),
                    (Lang::En, Some(v)) => format!(", and {at} would reach {v}."),
                    (Lang::Zh, None) => "。".into(),
                    (Lang::En, None) => ".".into(),
                });
            }
            _ => out.push_str(match lang {
                Lang::Zh => "不设此目标时的对比求解未得到规划。",
                Lang::En => " The comparison solve without this target found no plan.",
            }),
        }
    }
    out
}
