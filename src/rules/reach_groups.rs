//! Zones that the same decisions would reach, merged (a model reduction
//! the reach rules share: coverage, paediatrics).
//!
//! A rule counting the residents reached writes, per zone, `r_z ≤ Σ_{d ∈ D_z} d`
//! with `r_z ∈ [0, 1]` and counts `w_z · r_z`. Zones whose sets `D_z` are
//! equal (within one scope) are one group: `r_G ≤ Σ_{d ∈ D} d` counted
//! `(Σ_{z ∈ G} w_z) · r_G` is the same model — exact for the LP relaxation
//! too (any `r_z` of the group average into `r_G`, and `r_G` gives each zone
//! the same value) — with one row and one variable per group instead of per
//! zone. Villages and hexagons repeat sets often: on the generated
//! 9-county region 4,500 zones give a few hundred groups.

use good_lp::Variable;
use std::collections::{BTreeMap, HashMap};

/// One group: its scope, summed weight and reaching decisions.
pub struct Group<K> {
    /// Where the zones lie (a unit id, or `()` for the region).
    pub scope: K,
    /// Σ weights of its zones (residents, children…).
    pub weight: f64,
    /// The decisions any of which reaches every zone of the group.
    pub reach: Vec<Variable>,
}

/// Zones `(scope, weight, decisions)` grouped by scope and decision set, in
/// the order each group is first seen; zones with no decision are dropped.
pub fn merge<K: Ord + Clone>(
    zones: impl IntoIterator<Item = (K, f64, Vec<Variable>)>,
) -> Vec<Group<K>> {
    let mut number: HashMap<Variable, usize> = HashMap::new();
    let mut index: BTreeMap<(K, Vec<usize>), usize> = BTreeMap::new();
    let mut out: Vec<Group<K>> = Vec::new();
    for (scope, weight, reach) in zones {
        if reach.is_empty() {
            continue;
        }
        let mut key: Vec<usize> = reach
            .iter()
            .map(|v| {
                let n = number.len();
                *number.entry(*v).or_insert(n)
            })
            .collect();
        key.sort_unstable();
        key.dedup();
        match index.get(&(scope.clone(), key.clone())) {
            Some(&g) => out[g].weight += weight,
            None => {
                index.insert((scope.clone(), key), out.len());
                out.push(Group {
                    scope,
                    weight,
                    reach,
                });
            }
        }
    }
    out
}
