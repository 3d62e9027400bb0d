//! Time to the nearest facility of a tier, of a service, or of any service point.

use crate::access::TravelTimes;
use crate::scenario::{Scenario, Specialty, Tier};

/// Site indices of the facilities that count as a medical service point
/// under the scenario's coverage policy (`policy.coverage.service_point_tiers`).
pub fn service_point_sites(s: &Scenario) -> Vec<u32> {
    let tiers = &s.policy.coverage.service_point_tiers;
    s.facilities
        .iter()
        .enumerate()
        .filter(|(_, f)| tiers.contains(&f.tier))
        .map(|(i, _)| i as u32)
        .collect()
}

/// Site indices of the facilities of one tier.
pub fn sites_of_tier(s: &Scenario, tier: Tier) -> Vec<u32> {
    s.facilities
        .iter()
        .enumerate()
        .filter(|(_, f)| f.tier == tier)
        .map(|(i, _)| i as u32)
        .collect()
}

/// Site indices of the facilities offering a service now.
pub fn sites_with_service(s: &Scenario, service: Specialty) -> Vec<u32> {
    s.facilities
        .iter()
        .enumerate()
        .filter(|(_, f)| f.services.contains(&service))
        .map(|(i, _)| i as u32)
        .collect()
}

/// Per zone, minutes to the nearest of `sites` (`None` when none is within
/// the search bound, or `sites` is empty). Never NaN.
pub fn nearest_minutes(tt: &TravelTimes, sites: &[u32]) -> Vec<Option<f64>> {
    if sites.is_empty() {
        return vec![None; tt.pairs.len()];
    }
    tt.nearest(sites)
        .into_iter()
        .map(|n| n.map(|(_, m)| m))
        .collect()
}
