//! Least population-weighted travel time, with capacities (the
//! `min_travel_time` objective).
//!
//! For each zone z, with population p_z, let J_z be its `nearest_k` nearest
//! existing service points plus every potential one (a candidate site, or a
//! facility raised to a counting tier) nearer than the k-th existing one.
//! Assignment shares x_zj ∈ [0, 1] and an overflow share u_z ∈ [0, 1]:
//!
//!   Σ_{j∈J_z} x_zj + u_z = 1                      (everyone goes somewhere)
//!   x_zj ≤ open_j                                  (potential points only)
//!   Σ_z p_z x_zj ≤ cap_j · open_j                  (tier capacity, when set)
//!
//!   minimise (1 / Σ p_z) · Σ_z p_z (Σ_j t_zj x_zj + f_z u_z)
//!
//! where t_zj is the travel time and f_z, the price of overflow, is the
//! minutes to the next existing service point after J_z (or the pair-table
//! limit when there is none within it). Zones with no service point within
//! the pair table count at that limit. The objective is therefore the mean
//! travel time (minutes) of the assignment, a lower bound on what residents
//! whose points are full would really travel.

use super::super::model::Vars;
use crate::access::TravelTimes;
use crate::scenario::{Scenario, Tier};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::BTreeMap;

/// The mean-minutes expression and its assignment constraints.
pub struct TravelTimeModel {
    /// Population-weighted mean travel time (minutes).
    pub mean_minutes: Expression,
    /// Assignment, linking and capacity constraints.
    pub constraints: Vec<Constraint>,
}

/// A service point a zone may be assigned to.
struct Point {
    site: usize,
    minutes: f64,
    /// The decision that makes it a service point (None: exists today).
    opens: Option<Variable>,
    capacity: Option<f64>,
}

/// Builds the least-travel-time objective over the model's variables.
pub fn mean_travel_time(
    s: &Scenario,
    tt: &TravelTimes,
    v: &Vars,
    vars: &mut ProblemVariables,
) -> TravelTimeModel {
    let policy = &s.policy;
    let caps = &policy.travel_time.capacity_residents;
    let k = policy.travel_time.nearest_k.max(1);
    let counts = |t: Tier| policy.coverage.service_point_tiers.contains(&t);
    let nf = s.facilities.len();
    let limit = tt.pair_minutes;
    let point = |j: usize, minutes: f64| -> Option<Point> {
        if j < nf {
            let f = &s.facilities[j];
            if counts(f.tier) {
                return Some(Point {
                    site: j,
                    minutes,
                    opens: None,
                    capacity: caps.of(f.tier),
                });
            }
            let up = v.upgrade[j]?;
            let tier = f.tier.next()?;
            Some(Point {
                site: j,
                minutes,
                opens: Some(up),
                capacity: caps.of(tier),
            })
        } else {
            let c = &s.candidate_sites[j - nf];
            counts(c.tier).then(|| Point {
                site: j,
                minutes,
                opens: Some(v.open[j - nf]),
                capacity: caps.of(c.tier),
            })
        }
    };

    let total: f64 = s.zones.iter().map(|z| z.population).sum();
    let scale = if total > 0.0 { 1.0 / total } else { 0.0 };
    let mut mean = Expression::from(0.0);
    let mut constraints = Vec::new();
    // Per service point: Σ p_z x_zj, with its capacity and opening decision.
    let mut load: BTreeMap<usize, (Expression, Option<f64>, Option<Variable>)> = BTreeMap::new();
    for (z, zone) in s.zones.iter().enumerate() {
        if zone.population <= 0.0 {
            continue;
        }
        let mut chosen: Vec<Point> = Vec::new();
        let mut existing = 0;
        let mut overflow = limit;
        for &(j, m) in &tt.pairs[z] {
            let Some(p) = point(j as usize, m as f64) else {
                continue;
            };
            if p.opens.is_none() {
                if existing == k {
                    overflow = p.minutes;
                    break;
                }
                existing += 1;
            }
            chosen.push(p);
        }
        // Potential points beyond the k-th existing one are never preferred.
        let cutoff = chosen
            .iter()
            .filter(|p| p.opens.is_none())
            .map(|p| p.minutes)
            .nth(k - 1);
        if let Some(c) = cutoff {
            chosen.retain(|p| p.opens.is_none() || p.minutes <= c);
        }
        let w = zone.population * scale;
        // One existing point with no limit and nothing nearer to open: fixed.
        if let Some(first) = chosen.first() {
            if first.opens.is_none() && first.capacity.is_none() {
                mean += w * first.minutes;
                continue;
            }
        }
        if chosen.is_empty() {
            mean += w * limit;
            continue;
        }
        let u = vars.add(variable().min(0.0).max(1.0));
        let mut sum = Expression::from(u);
        mean += (w * overflow) * u;
        for p in chosen {
            let x = vars.add(variable().min(0.0).max(1.0));
            sum += x;
            mean += (w * p.minutes) * x;
            if let Some(o) = p.opens {
                constraints.push(constraint!(x <= o));
            }
            let entry = load
                .entry(p.site)
                .or_insert_with(|| (Expression::from(0.0), p.capacity, p.opens));
            entry.0 += zone.population * x;
        }
        constraints.push(constraint!(sum == 1.0));
    }
    for (_, (l, cap, opens)) in load {
        match (cap, opens) {
            (Some(c), Some(o)) => constraints.push(constraint!(l <= c * o)),
            (Some(c), None) => constraints.push(constraint!(l <= c)),
            _ => {}
        }
    }
    TravelTimeModel {
        mean_minutes: mean,
        constraints,
    }
}
