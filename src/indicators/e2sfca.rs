//! Enhanced two-step floating catchment area (E2SFCA) accessibility.
//!
//! Luo, W. & Qi, Y. (2009), "An enhanced two-step floating catchment area
//! (E2SFCA) method for measuring spatial accessibility to primary care
//! physicians", *Health & Place* 15(4), 1100–1107. Travel-time bands with
//! Gaussian-derived weights: 0–10 min → 1.00, 10–20 → 0.68, 20–30 → 0.22.
//!
//! Step 1, per facility j with doctors S_j:
//!   R_j = S_j / Σ_{k: t_kj ≤ 30} P_k · W(t_kj)
//! Step 2, per zone i:
//!   A_i = Σ_{j: t_ij ≤ 30} R_j · W(t_ij)
//! reported ×1,000 (doctors per 1,000 residents reachable). Facilities
//! without doctors (village clinics) contribute nothing.

use crate::access::TravelTimes;
use crate::scenario::Scenario;

/// A distance-decay band: pairs with `minutes ≤ upto` (and above the previous
/// band) get `weight`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct E2sfcaBand {
    /// Upper bound of the band (minutes).
    pub upto: f64,
    /// Weight.
    pub weight: f64,
}

/// Luo & Qi (2009) bands.
pub const DEFAULT_BANDS: [E2sfcaBand; 3] = [
    E2sfcaBand {
        upto: 10.0,
        weight: 1.0,
    },
    E2sfcaBand {
        upto: 20.0,
        weight: 0.68,
    },
    E2sfcaBand {
        upto: 30.0,
        weight: 0.22,
    },
];

fn weight(bands: &[E2sfcaBand], minutes: f32) -> f64 {
    bands
        .iter()
        .find(|b| minutes as f64 <= b.upto)
        .map_or(0.0, |b| b.weight)
}

/// E2SFCA index per zone (doctors per 1,000 residents reachable), over the
/// zone–facility pairs of `tt` (bands beyond `tt.pair_minutes` are cut).
pub fn e2sfca(s: &Scenario, tt: &TravelTimes, bands: &[E2sfcaBand]) -> Vec<f64> {
    let nf = s.facilities.len();
    let mut demand = vec![0.0; nf];
    for (z, row) in s.zones.iter().zip(&tt.pairs) {
        for &(j, m) in row {
            if (j as usize) < nf {
                demand[j as usize] += z.population * weight(bands, m);
            }
        }
    }
    let ratio: Vec<f64> = s
        .facilities
        .iter()
        .zip(&demand)
        .map(|(f, d)| if *d > 0.0 { f.doctors / d } else { 0.0 })
        .collect();
    tt.pairs
        .iter()
        .map(|row| {
            1000.0
                * row
                    .iter()
                    .filter(|(j, _)| (*j as usize) < nf)
                    .map(|&(j, m)| ratio[j as usize] * weight(bands, m))
                    .sum::<f64>()
        })
        .collect()
}
