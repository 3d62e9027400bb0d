//! The model's rows that are not policy rules — budgets and the
//! least-travel-time objective — and [`Target`], the row type every policy
//! rule ([`crate::rules`]) returns: `lhs ≥ rhs`, added as a hard constraint
//! or, when diagnosing infeasibility, with an elastic slack.

pub mod budget;
pub mod travel_time;

use crate::rules::RuleId;
use good_lp::Expression;

/// One target a plan must meet: `lhs ≥ rhs`.
pub struct Target {
    /// The rule.
    pub rule: RuleId,
    /// Where it applies: an admin unit id, or `region`.
    pub scope: String,
    /// Left-hand side over the decision variables.
    pub lhs: Expression,
    /// Right-hand side.
    pub rhs: f64,
    /// Converts an lhs value into the unit the planner reads (e.g. beds → beds per 1,000).
    pub display_scale: f64,
    /// The target in the planner's unit.
    pub display_target: f64,
}
