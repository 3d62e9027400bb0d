//! Beds and doctors per 1,000 residents, per admin unit, at least the target.
//!
//! beds:    Σ_{f∈u} (beds_f + add_f) + Σ_{k∈u} beds_k · open_k ≥ target · pop_u / 1000
//! doctors: Σ_{f∈u} (doctors_f + posts_f + seconded in − seconded out)
//!          + Σ_{k∈u} doctors_k · open_k ≥ target · pop_u / 1000
//! Seconded doctors count at the target, and leave the source's unit.

use super::super::model::Vars;
use super::Target;
use crate::rules::RuleId;
use crate::scenario::Scenario;
use good_lp::Expression;

/// One `lhs_u ≥ target · pop_u / 1000` row per admin unit with residents.
fn per_unit(
    s: &Scenario,
    rule: RuleId,
    target: Option<f64>,
    lhs: impl Fn(&str) -> Expression,
) -> Vec<Target> {
    let Some(target) = target else {
        return vec![];
    };
    s.admin_units
        .iter()
        .filter_map(|u| {
            let pop = s.unit_population(&u.id);
            (pop > 0.0).then(|| Target {
                rule,
                scope: u.id.clone(),
                lhs: lhs(&u.id),
                rhs: target * pop / 1000.0,
                display_scale: 1000.0 / pop,
                display_target: target,
            })
        })
        .collect()
}

/// Beds per 1,000 in every admin unit.
pub fn beds_per_1000(s: &Scenario, v: &Vars) -> Vec<Target> {
    per_unit(s, RuleId::BedsPer1000, s.policy.ratios.beds_per_1000, |u| {
        v.beds_in_unit(s, u)
    })
}

/// Doctors per 1,000 in every admin unit.
pub fn doctors_per_1000(s: &Scenario, v: &Vars) -> Vec<Target> {
    per_unit(
        s,
        RuleId::DoctorsPer1000,
        s.policy.ratios.doctors_per_1000,
        |u| v.doctors_in_unit(s, u),
    )
}
