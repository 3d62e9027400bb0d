//! Why each decision is in a plan, from counterfactuals: the independent
//! checker judges the plan, then the plan minus that one decision, and the
//! decision's effects are the checks whose figure (or verdict) differs —
//! "阳西县 15 分钟覆盖 96.4%; without it 91.7% < target 95%". Nothing here
//! reads solver variables or guesses a rule from the decision's kind: a
//! decision is said to serve a rule only when removing it moves that rule's
//! figure.
//!
//! [`without`] adds the cost of the best plan that does without a decision
//! (one time-boxed solve on the scenario with that decision forbidden);
//! [`words`] writes the reason in Chinese and English.

pub mod without;
pub mod words;

use crate::access::TravelTimes;
use crate::checker::{check, Check, Finding};
use crate::plan::Plan;
use crate::report::DecisionKind;
use crate::rules::RuleId;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Smallest change of a figure that counts as an effect.
const MOVED: f64 = 1e-9;

/// One check a decision moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    /// The check's key: a rule (`coverage`, `beds_per_1000`, …) or another
    /// check of the plan (`service_staff`, `secondment_release`, …).
    pub rule: String,
    /// Where it is judged: admin unit id, `unit/kind`, facility id or `region`.
    pub unit: String,
    /// The indicator's name in English.
    pub indicator: String,
    /// The indicator's name in Chinese.
    pub indicator_zh: String,
    /// The figure with the plan (absent when the checker judges this only
    /// once it fails, and it holds with the plan).
    pub with: Option<f64>,
    /// The figure with the plan minus this decision.
    pub without: f64,
    /// What the rule requires there.
    pub target: f64,
    /// The target holds with the plan and fails without this decision.
    pub binding: bool,
}

/// A decision of a plan and what it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explained {
    /// The element of the plan file: `<array>/<index>` (`open_sites/0`, `beds/3`).
    pub decision: String,
    /// What kind of decision (`open_site`, `beds`, `secondment`, …).
    pub kind: DecisionKind,
    /// Where: the facility or candidate site (the target, for a secondment).
    pub facility: String,
    /// Every check it moves, the targets it is needed for first.
    pub effects: Vec<Effect>,
    /// What the best plan that does without it costs (yuan), when computed.
    pub cost_without: Option<f64>,
    /// How that was obtained: `optimal`, `feasible` (with
    /// [`gap_without`](Self::gap_without)), `infeasible` (no plan meets the
    /// targets without it), `time_limit` (no plan found in its time box) or
    /// `not_computed` (see [`why_not_computed`](Self::why_not_computed)).
    pub status_without: String,
    /// The relative gap of that solve, when it stopped unproven.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap_without: Option<f64>,
    /// Why the cost without it was not computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_not_computed: Option<String>,
    /// The reason in English.
    pub why: String,
    /// The reason in Chinese.
    pub why_zh: String,
}

/// Every element of `plan`, in file order: its `<array>/<index>`, kind and facility.
pub fn decisions(plan: &Plan) -> Vec<(String, DecisionKind, String)> {
    let mut out = Vec::new();
    let mut push = |array: &str, kind, ids: Vec<&str>| {
        out.extend(
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (format!("{array}/{i}"), kind, id.to_string())),
        )
    };
    push(
        "open_sites",
        DecisionKind::OpenSite,
        plan.open_sites.iter().map(String::as_str).collect(),
    );
    push(
        "upgrades",
        DecisionKind::Upgrade,
        plan.upgrades.iter().map(String::as_str).collect(),
    );
    push(
        "beds",
        DecisionKind::Beds,
        plan.beds.iter().map(|b| b.facility.as_str()).collect(),
    );
    push(
        "elderly_care_beds",
        DecisionKind::ElderlyCareBeds,
        plan.elderly_care_beds
            .iter()
            .map(|b| b.facility.as_str())
            .collect(),
    );
    push(
        "posts",
        DecisionKind::Posts,
        plan.posts.iter().map(|p| p.facility.as_str()).collect(),
    );
    push(
        "services",
        DecisionKind::Service,
        plan.services.iter().map(|o| o.facility.as_str()).collect(),
    );
    push(
        "secondments",
        DecisionKind::Secondment,
        plan.secondments.iter().map(|x| x.to.as_str()).collect(),
    );
    push(
        "telemedicine_links",
        DecisionKind::Telemedicine,
        plan.telemedicine_links
            .iter()
            .map(|x| x.facility.as_str())
            .collect(),
    );
    out
}

/// `plan` without the element `decision` (`<array>/<index>`); `None` when
/// the plan has no such element.
///
/// ```
/// use healthreach::counterfactual::minus;
/// use healthreach::plan::Plan;
/// let p = Plan { open_sites: vec!["a".into(), "b".into()], ..Plan::default() };
/// assert_eq!(minus(&p, "open_sites/0").unwrap().open_sites, vec!["b".to_string()]);
/// assert!(minus(&p, "open_sites/2").is_none());
/// assert!(minus(&p, "beds/x").is_none());
/// ```
pub fn minus(plan: &Plan, decision: &str) -> Option<Plan> {
    let (array, index) = decision.split_once('/')?;
    let i: usize = index.parse().ok()?;
    let mut p = plan.clone();
    fn take<T>(v: &mut Vec<T>, i: usize) -> Option<()> {
        (i < v.len()).then(|| {
            v.remove(i);
        })
    }
    match array {
        "open_sites" => take(&mut p.open_sites, i),
        "upgrades" => take(&mut p.upgrades, i),
        "beds" => take(&mut p.beds, i),
        "elderly_care_beds" => take(&mut p.elderly_care_beds, i),
        "posts" => take(&mut p.posts, i),
        "services" => take(&mut p.services, i),
        "secondments" => take(&mut p.secondments, i),
        "telemedicine_links" => take(&mut p.telemedicine_links, i),
        _ => None,
    }?;
    Some(p)
}

/// The checks that differ between `with` (the plan's check) and `without`
/// (the check of the plan minus one decision): every rule whose figure
/// moves, and any other check (staffing, caps, releases) whose verdict
/// changes. The cost and budget are left out: removing anything lowers them.
pub fn effects(s: &Scenario, with: &Check, without: &Check) -> Vec<Effect> {
    // Findings by (check, scope, occurrence), so a scope judged twice pairs up in order.
    fn key(fs: &[Finding]) -> HashMap<(String, String, usize), &Finding> {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        fs.iter()
            .map(|f| {
                let n = seen.entry((&f.rule, &f.scope)).or_default();
                *n += 1;
                ((f.rule.clone(), f.scope.clone(), *n), f)
            })
            .collect()
    }
    let before = key(&with.findings);
    let mut out: Vec<Effect> = Vec::new();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for f in &without.findings {
        let n = seen.entry((&f.rule, &f.scope)).or_default();
        *n += 1;
        if f.rule == "budget" {
            continue;
        }
        let rule = RuleId::from_key(&f.rule);
        let base = before.get(&(f.rule.clone(), f.scope.clone(), *n));
        let moved = match (base, rule) {
            (Some(b), Some(_)) => (b.achieved - f.achieved).abs() > MOVED || b.ok != f.ok,
            (Some(b), None) => b.ok != f.ok,
            (None, _) => !f.ok,
        };
        if !moved {
            continue;
        }
        let (indicator, indicator_zh) = match rule {
            Some(r) => (
                r.unit().name(crate::i18n::Lang::En, s),
                r.unit().name(crate::i18n::Lang::Zh, s),
            ),
            None => words::check_name(&f.rule),
        };
        out.push(Effect {
            rule: f.rule.clone(),
            unit: f.scope.clone(),
            indicator,
            indicator_zh,
            with: base.map(|b| b.achieved),
            without: f.achieved,
            target: f.required,
            binding: base.is_none_or(|b| b.ok) && !f.ok,
        });
    }
    // The targets it is needed for first, then the largest moves.
    out.sort_by(|a, b| {
        b.binding.cmp(&a.binding).then(
            moved_by(b)
                .partial_cmp(&moved_by(a))
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
    out
}

fn moved_by(e: &Effect) -> f64 {
    e.with.map_or(f64::INFINITY, |w| (w - e.without).abs())
}

/// Every decision of `plan` with its effects, by the checker alone
/// (`cost_without` not computed: see [`without::price`]). `base` is the
/// checker's verdict on the whole plan.
pub fn explain(s: &Scenario, tt: &TravelTimes, plan: &Plan, base: &Check) -> Vec<Explained> {
    let mut out = Vec::new();
    explain_each(s, tt, plan, base, &mut |e, _, _| out.push(e));
    out
}

/// [`explain`], handing each decision to `each(explained, done, total)` as
/// soon as it is judged (the worker streams them to the page).
pub fn explain_each(
    s: &Scenario,
    tt: &TravelTimes,
    plan: &Plan,
    base: &Check,
    each: &mut dyn FnMut(Explained, usize, usize),
) {
    let all = decisions(plan);
    let total = all.len();
    for (k, (decision, kind, facility)) in all.into_iter().enumerate() {
        let effects = match minus(plan, &decision) {
            Some(p) => effects(s, base, &check(s, tt, &p)),
            None => vec![],
        };
        let mut e = Explained {
            decision,
            kind,
            facility,
            effects,
            cost_without: None,
            status_without: "not_computed".into(),
            gap_without: None,
            why_not_computed: Some("not asked for".into()),
            why: String::new(),
            why_zh: String::new(),
        };
        words::write(s, base.cost_yuan, &mut e);
        each(e, k + 1, total);
    }
}
