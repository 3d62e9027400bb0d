//! Budgets: money (yuan) and the pool of doctors that may be seconded.
//!
//! cost = Σ bed_yuan · add_f + Σ post_yuan · posts_f
//!      + Σ (opening_yuan(s) + MIN_SPECIALISTS · post_yuan) · open(s, f)   (a centre: centre_opening_yuan)
//!      + Σ elderly_care_bed_yuan · elderly_f + Σ telemedicine_link_yuan · link_c
//!      + Σ secondment_yuan · second_(a,b) + Σ cost_k · open_k + Σ upgrade_f · up_f
//! cost ≤ money − rounding margin (none when quantities are whole in the model);  Σ second ≤ doctor_pool.

use super::super::model::Vars;
use crate::scenario::Scenario;
use good_lp::{constraint, Constraint, Expression};

/// The budget constraints (hard: targets give way first when diagnosing).
pub fn budgets(s: &Scenario, v: &Vars) -> Vec<(String, Constraint)> {
    let mut out = Vec::new();
    if let Some(money) = s.policy.budget.money_yuan {
        // Keep room for rounding beds and posts to whole numbers afterwards
        // (none when the model decides whole numbers itself).
        let margin = if v.whole {
            0.0
        } else {
            super::super::place::rounding_margin(s)
        };
        out.push((
            "budget_money".into(),
            constraint!(v.cost(s) <= (money - margin).max(0.0)),
        ));
    }
    if let Some(pool) = s.policy.budget.doctor_pool {
        let total: Expression = v.second.iter().map(|x| x.var).sum();
        out.push(("budget_doctor_pool".into(), constraint!(total <= pool)));
    }
    out
}
