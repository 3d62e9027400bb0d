//! The access curve: cumulative share of residents by minutes to the
//! nearest service point.

use crate::scenario::Scenario;
use serde::Serialize;

/// One point of the curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Minutes.
    pub minutes: f64,
    /// Share of residents within `minutes` (0–1).
    pub share: f64,
}

/// Cumulative share of residents within 0, 1, …, `max` minutes.
/// Non-decreasing by construction; zones with no reachable service point
/// never count.
pub fn access_curve(s: &Scenario, zone_minutes: &[Option<f64>], max: usize) -> Vec<CurvePoint> {
    let total: f64 = s.zones.iter().map(|z| z.population).sum();
    let mut per_minute = vec![0.0; max + 1];
    for (z, m) in s.zones.iter().zip(zone_minutes) {
        if let Some(m) = m {
            let bucket = m.ceil().max(0.0) as usize;
            if bucket <= max {
                per_minute[bucket] += z.population;
            }
        }
    }
    let mut acc = 0.0;
    per_minute
        .iter()
        .enumerate()
        .map(|(t, p)| {
            acc += p;
            CurvePoint {
                minutes: t as f64,
                share: if total > 0.0 { acc / total } else { 0.0 },
            }
        })
        .collect()
}
