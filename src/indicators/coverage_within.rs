//! The 15-minute indicator: share of residents within T minutes of a
//! medical service point, region-wide and per admin unit.

use crate::scenario::Scenario;
use serde::Serialize;

/// Coverage within a threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Threshold (minutes).
    pub minutes: f64,
    /// Residents within the threshold.
    pub covered: f64,
    /// All residents.
    pub population: f64,
    /// `covered / population` (0 when there is nobody).
    pub share: f64,
    /// Per admin unit, in scenario order.
    pub units: Vec<UnitCoverage>,
}

/// Coverage of one admin unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitCoverage {
    /// Admin unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Residents within the threshold.
    pub covered: f64,
    /// Residents.
    pub population: f64,
    /// Share (0–1).
    pub share: f64,
}

fn share(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// Share of population whose zone is within `minutes` of a service point,
/// given each zone's minutes to its nearest one (`None` = unreachable).
///
/// coverage = Σ_z pop_z · [t_z ≤ T] / Σ_z pop_z
///
/// ```
/// use healthreach::indicators::coverage_within;
/// let mut s = healthreach::demo::weinan();
/// s.zones.truncate(2);
/// s.zones[0].population = 300.0;
/// s.zones[1].population = 100.0;
/// let c = coverage_within(&s, &[Some(10.0), Some(20.0)], 15.0);
/// assert_eq!(c.share, 0.75);
/// ```
pub fn coverage_within(s: &Scenario, zone_minutes: &[Option<f64>], minutes: f64) -> Coverage {
    let within = |i: usize| {
        zone_minutes
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|m| m <= minutes)
    };
    let mut covered = 0.0;
    let mut population = 0.0;
    for (i, z) in s.zones.iter().enumerate() {
        population += z.population;
        if within(i) {
            covered += z.population;
        }
    }
    let units = s
        .admin_units
        .iter()
        .map(|u| {
            let (mut c, mut p) = (0.0, 0.0);
            for (i, z) in s
                .zones
                .iter()
                .enumerate()
                .filter(|(_, z)| z.admin_unit == u.id)
            {
                p += z.population;
                if within(i) {
                    c += z.population;
                }
            }
            UnitCoverage {
                id: u.id.clone(),
                name: u.name.clone(),
                covered: c,
                population: p,
                share: share(c, p),
            }
        })
        .collect();
    Coverage {
        minutes,
        covered,
        population,
        share: share(covered, population),
        units,
    }
}
