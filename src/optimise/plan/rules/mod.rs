//! The policy rules, one constraint builder per rule. Each builder reads
//! the scenario's policy and the model's variables and returns
//! [`Target`] rows `lhs ≥ rhs`; the model adds them as hard constraints or,
//! when diagnosing infeasibility, with an elastic slack.

pub mod budget;
pub mod coverage;
pub mod ratios;
pub mod services;
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
