//! What the per-1,000 rules share: one `lhs_u ≥ target · base_u / 1000`
//! row per admin unit with a base (residents, or residents aged 65+), and
//! its check.

use super::RuleId;
use crate::checker::{finding, Finding, TOL};
use crate::optimise::plan::rules::Target;
use crate::scenario::Scenario;
use good_lp::Expression;

/// One target row per admin unit whose `base` is positive.
pub fn per_unit(
    s: &Scenario,
    rule: RuleId,
    target: f64,
    base: impl Fn(&str) -> f64,
    lhs: impl Fn(&str) -> Expression,
) -> Vec<Target> {
    s.admin_units
        .iter()
        .filter_map(|u| {
            let b = base(&u.id);
            (b > 0.0).then(|| Target {
                rule,
                scope: u.id.clone(),
                lhs: lhs(&u.id),
                rhs: target * b / 1000.0,
                display_scale: 1000.0 / b,
                display_target: target,
            })
        })
        .collect()
}

/// One finding per admin unit whose `base` is positive: `count` per 1,000
/// of `base` against `target`. `what` names the figure (en, zh).
pub fn check_per_unit(
    s: &Scenario,
    rule: RuleId,
    target: f64,
    base: impl Fn(&str) -> f64,
    count: impl Fn(&str) -> f64,
    what: (&str, &str),
    out: &mut Vec<Finding>,
) {
    for u in &s.admin_units {
        let b = base(&u.id);
        if b <= 0.0 {
            continue;
        }
        let v = count(&u.id) * 1000.0 / b;
        out.push(finding(
            rule.key(),
            &u.id,
            (target, v, v + TOL >= target),
            format!("{} {} per 1,000: {v:.3} (target {target})", u.name, what.0),
            format!("{} 每千{}：{v:.3}（目标 {target}）", u.name, what.1),
        ));
    }
}
