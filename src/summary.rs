//! The region at a glance: what `healthreach validate` prints and the app's
//! summary panel shows. Computed from the scenario alone.

use crate::scenario::{Scenario, Tier};
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts and ratios of a scenario, region-wide and per admin unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Region name.
    pub region: String,
    /// Number of admin units.
    pub admin_units: usize,
    /// Number of demand zones.
    pub zones: usize,
    /// Residents over all zones (persons).
    pub population: f64,
    /// Number of facilities.
    pub facilities: usize,
    /// Facilities per tier.
    pub facilities_per_tier: BTreeMap<Tier, usize>,
    /// Number of candidate sites.
    pub candidate_sites: usize,
    /// Beds over all facilities.
    pub beds: f64,
    /// Doctors over all facilities.
    pub doctors: f64,
    /// Beds per 1,000 residents.
    pub beds_per_1000: f64,
    /// Doctors per 1,000 residents.
    pub doctors_per_1000: f64,
    /// Road links, if there is a network.
    pub road_links: usize,
    /// The same figures per admin unit, in scenario order.
    pub units: Vec<UnitSummary>,
}

/// Figures of one admin unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSummary {
    /// Admin unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Residents of its zones (persons).
    pub population: f64,
    /// Facilities in it.
    pub facilities: usize,
    /// Beds in it.
    pub beds: f64,
    /// Doctors in it.
    pub doctors: f64,
    /// Beds per 1,000 residents.
    pub beds_per_1000: f64,
    /// Doctors per 1,000 residents.
    pub doctors_per_1000: f64,
}

/// `count` per 1,000 of `population`, 0 when there is nobody.
///
/// ```
/// assert_eq!(healthreach::summary::per_1000(7.0, 1000.0), 7.0);
/// assert_eq!(healthreach::summary::per_1000(5.0, 0.0), 0.0);
/// ```
pub fn per_1000(count: f64, population: f64) -> f64 {
    if population > 0.0 {
        count * 1000.0 / population
    } else {
        0.0
    }
}

/// Summarises a scenario.
pub fn summarise(s: &Scenario) -> Summary {
    let population = s.total_population();
    let beds: f64 = s.facilities.iter().map(|f| f.beds).sum();
    let doctors: f64 = s.facilities.iter().map(|f| f.doctors).sum();
    let mut facilities_per_tier = BTreeMap::new();
    for f in &s.facilities {
        *facilities_per_tier.entry(f.tier).or_insert(0) += 1;
    }
    let units = s
        .admin_units
        .iter()
        .map(|u| {
            let pop = s.unit_population(&u.id);
            let here: Vec<_> = s
                .facilities
                .iter()
                .filter(|f| f.admin_unit == u.id)
                .collect();
            let b: f64 = here.iter().map(|f| f.beds).sum();
            let d: f64 = here.iter().map(|f| f.doctors).sum();
            UnitSummary {
                id: u.id.clone(),
                name: u.name.clone(),
                population: pop,
                facilities: here.len(),
                beds: b,
                doctors: d,
                beds_per_1000: per_1000(b, pop),
                doctors_per_1000: per_1000(d, pop),
            }
        })
        .collect();
    Summary {
        region: s.region.name.clone(),
        admin_units: s.admin_units.len(),
        zones: s.zones.len(),
        population,
        facilities: s.facilities.len(),
        facilities_per_tier,
        candidate_sites: s.candidate_sites.len(),
        beds,
        doctors,
        beds_per_1000: per_1000(beds, population),
        doctors_per_1000: per_1000(doctors, population),
        road_links: s.roads.as_ref().map_or(0, |r| r.links.len()),
        units,
    }
}
