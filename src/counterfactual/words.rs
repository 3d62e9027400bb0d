//! A decision's reason in words, from its counterfactual effects: what it is
//! needed for (a target that fails without it), what else it moves, and
//! what the best plan without it would cost. The app's why panel and the
//! portal show these sentences as they are.

use super::{Effect, Explained};
use crate::i18n::{money, Lang};
use crate::rules::RuleId;
use crate::scenario::Scenario;

/// At most this many targets it is needed for are written out, and this
/// many other effects; the rest are counted.
const SHOWN: (usize, usize) = (4, 2);

/// The name of a check that is not a policy rule, in English and Chinese.
pub fn check_name(key: &str) -> (String, String) {
    let (en, zh) = match key {
        "service_staff" => ("specialists a service needs", "服务所需专科医师"),
        "secondment_release" => ("doctors a hospital can release", "医院可派出医师数"),
        "secondment_travel" => ("secondment travel time", "派驻路程时间"),
        "secondment_tiers" => ("who may second to whom", "派驻层级"),
        "doctor_pool" => ("doctors available to second", "可派驻医师总数"),
        "one_to_one" => ("one partner per facility (一对一)", "一对一帮扶"),
        "bed_cap" => ("beds a facility can add", "机构可新增床位"),
        "doctor_cap" => ("doctors a facility can take in", "机构可新增医师"),
        "elderly_care_bed_cap" => (
            "elderly-care beds a facility can add",
            "机构可新增医养结合床位",
        ),
        "service_tier" => ("who may offer a service", "可开设服务的层级"),
        other => (other, other),
    };
    (en.into(), zh.into())
}

/// A place for a check's scope: an admin unit's, facility's or site's
/// name in `lang`, the whole region, with `/ kind` kept.
pub fn place(s: &Scenario, scope: &str, lang: Lang) -> String {
    let one = |id: &str| {
        if id == "region" {
            return match lang {
                Lang::Zh => "全地区".to_string(),
                Lang::En => "the whole region".to_string(),
            };
        }
        match s.admin_unit(id) {
            Some(u) => match (lang, &u.name_en) {
                (Lang::En, Some(en)) => en.clone(),
                _ => u.name.clone(),
            },
            None => s.place_name(id).map_or(id.to_string(), str::to_string),
        }
    };
    match (scope.split_once('→'), scope.rsplit_once('/')) {
        (Some((a, b)), _) => format!("{} → {}", one(a.trim()), one(b.trim())),
        (None, Some((p, kind))) => format!("{} / {kind}", one(p)),
        (None, None) => one(scope),
    }
}

/// A figure of a check as written.
fn figure(rule: &str, v: f64) -> String {
    match RuleId::from_key(rule) {
        Some(r) => r.unit().figure(v),
        None => crate::i18n::group_digits(v),
    }
}

/// One effect in words.
pub fn effect(s: &Scenario, e: &Effect, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => &e.indicator_zh,
        Lang::En => &e.indicator,
    };
    let at = place(s, &e.unit, lang);
    let (w, wo, t) = (
        e.with.map(|w| figure(&e.rule, w)),
        figure(&e.rule, e.without),
        figure(&e.rule, e.target),
    );
    match (lang, e.binding, w) {
        (Lang::Zh, true, Some(w)) => {
            format!("{at}{name} {w}；若无此项 {wo}，低于目标 {t}")
        }
        (Lang::En, true, Some(w)) => {
            format!("{at} {name} {w}; without it {wo}, below the target {t}")
        }
        (Lang::Zh, true, None) => format!("若无此项，{at}{name}为 {wo}，不满足要求 {t}"),
        (Lang::En, true, None) => {
            format!("without it {at} {name} would be {wo}, short of the {t} required")
        }
        (Lang::Zh, false, Some(w)) => format!("{at}{name} {w}（若无此项 {wo}，目标 {t}）"),
        (Lang::En, false, Some(w)) => {
            format!("{at} {name} {w} (without it {wo}; target {t})")
        }
        (Lang::Zh, false, None) => format!("{at}{name}若无此项为 {wo}（要求 {t}）"),
        (Lang::En, false, None) => format!("{at} {name} without it {wo} (required {t})"),
    }
}

/// The cost of doing without it, in words.
fn cost_words(e: &Explained, plan_cost: f64, lang: Lang) -> String {
    match (e.status_without.as_str(), e.cost_without) {
        ("optimal", Some(c)) | ("feasible", Some(c)) => {
            let extra = c - plan_cost;
            let gap = e.gap_without.filter(|g| *g > 1e-4);
            match (lang, gap) {
                (Lang::Zh, None) => format!(
                    "不作此项的最优规划需 {}（本规划 {}，差额 {}）。",
                    money(lang, c),
                    money(lang, plan_cost),
                    money(lang, extra)
                ),
                (Lang::En, None) => format!(
                    "The best plan without it costs {} (this plan {}, a difference of {}).",
                    money(lang, c),
                    money(lang, plan_cost),
                    money(lang, extra)
                ),
                (Lang::Zh, Some(g)) => format!(
                    "不作此项的规划需 {}（对比求解在时限内停止，与最优相差不超过 {:.2}%；本规划 {}）。",
                    money(lang, c),
                    g * 100.0,
                    money(lang, plan_cost)
                ),
                (Lang::En, Some(g)) => format!(
                    "A plan without it costs {} (its solve stopped at its time limit, within {:.2}% of the best possible; this plan {}).",
                    money(lang, c),
                    g * 100.0,
                    money(lang, plan_cost)
                ),
            }
        }
        ("infeasible", _) => match lang {
            Lang::Zh => "不作此项，任何规划都无法在预算内满足全部目标。".into(),
            Lang::En => "Without it no plan meets every target within the budget.".into(),
        },
        ("time_limit", _) => match lang {
            Lang::Zh => "不作此项的对比求解在时限内未找到规划。".into(),
            Lang::En => {
                "The comparison solve without it found no plan within its time limit.".into()
            }
        },
        _ => match lang {
            Lang::Zh => "不作此项的成本：未计算。".into(),
            Lang::En => "Cost without it: not computed.".into(),
        },
    }
}

/// Writes `e.why` and `e.why_zh` from its effects and cost without it;
/// `plan_cost` is what the whole plan costs (yuan).
pub fn write(s: &Scenario, plan_cost: f64, e: &mut Explained) {
    e.why = sentence(s, plan_cost, e, Lang::En);
    e.why_zh = sentence(s, plan_cost, e, Lang::Zh);
}

fn sentence(s: &Scenario, plan_cost: f64, e: &Explained, lang: Lang) -> String {
    let needed: Vec<&Effect> = e.effects.iter().filter(|x| x.binding).collect();
    let moved: Vec<&Effect> = e.effects.iter().filter(|x| !x.binding).collect();
    let list = |xs: &[&Effect], shown: usize| {
        let mut parts: Vec<String> = xs.iter().take(shown).map(|x| effect(s, x, lang)).collect();
        if xs.len() > shown {
            parts.push(match lang {
                Lang::Zh => format!("另有 {} 项", xs.len() - shown),
                Lang::En => format!("and {} more", xs.len() - shown),
            });
        }
        parts.join(match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        })
    };
    let mut out = String::new();
    if !needed.is_empty() {
        out.push_str(&match lang {
            Lang::Zh => format!("目标所需：{}。", list(&needed, SHOWN.0)),
            Lang::En => format!("Needed for a target: {}.", list(&needed, SHOWN.0)),
        });
    }
    if !moved.is_empty() {
        if !out.is_empty() && lang == Lang::En {
            out.push(' ');
        }
        out.push_str(&match (lang, needed.is_empty()) {
            (Lang::Zh, true) => {
                format!("没有它各目标仍达到，但会改变：{}。", list(&moved, SHOWN.1))
            }
            (Lang::En, true) => format!(
                "Every target still holds without it, but it moves: {}.",
                list(&moved, SHOWN.1)
            ),
            (Lang::Zh, false) => format!("还改变：{}。", list(&moved, SHOWN.1)),
            (Lang::En, false) => format!("It also moves: {}.", list(&moved, SHOWN.1)),
        });
    }
    if e.effects.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "成本考量：去掉此项不改变任何规则所评判的指标；它是所找到的同时满足各目标的最省方式的一部分，可由其他决策替代。",
            Lang::En => "Cost: removing it moves no indicator the rules judge; it is part of the cheapest way found to meet the targets together, and other decisions could stand in for it.",
        });
    }
    if lang == Lang::En {
        out.push(' ');
    }
    out.push_str(&cost_words(e, plan_cost, lang));
    out
}

/// A decision's reason in a few words: the first target it is needed for,
/// or that none needs it alone.
pub fn short(s: &Scenario, e: &Explained, lang: Lang) -> String {
    let place = |x: &Effect| place(s, &x.unit, lang);
    match e.effects.iter().find(|x| x.binding) {
        Some(x) => match lang {
            Lang::Zh => format!("{}{}所需", place(x), x.indicator_zh),
            Lang::En => format!("needed for {} in {}", x.indicator, place(x)),
        },
        None => match (lang, e.effects.first()) {
            (Lang::Zh, Some(x)) => format!("非单项必需；改变{}{}", place(x), x.indicator_zh),
            (Lang::En, Some(x)) => format!(
                "no target needs it alone; moves {} in {}",
                x.indicator,
                place(x)
            ),
            (Lang::Zh, None) => "不改变任何指标（最省组合的一部分）".into(),
            (Lang::En, None) => "moves no indicator (part of the cheapest mix)".into(),
        },
    }
}
