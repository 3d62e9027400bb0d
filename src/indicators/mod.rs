//! Access indicators planners are judged by, each a documented function over
//! a scenario and its travel times. [`AccessReport`] gathers them for the
//! CLI (`healthreach access --json`) and the app.

mod access_curve;
mod coverage_within;
mod e2sfca;
mod nearest;
pub mod patient_choice;
mod referral;

pub use access_curve::{access_curve, CurvePoint};
pub use coverage_within::{coverage_within, Coverage, UnitCoverage};
pub use e2sfca::{e2sfca, E2sfcaBand, DEFAULT_BANDS};
pub use nearest::{nearest_minutes, service_point_sites, sites_of_tier, sites_with_service};
pub use referral::{referral_times, Referral};

use crate::access::{AccessOptions, Method, TravelTimes};
use crate::scenario::{Mode, Scenario, Specialty, Tier};
use crate::summary::summarise;
use crate::validate::Problem;
use serde::Serialize;
use std::collections::BTreeMap;

/// Every access indicator of a scenario for one mode and threshold.
#[derive(Debug, Clone, Serialize)]
pub struct AccessReport {
    /// Mode of travel.
    pub mode: Mode,
    /// How travel times were computed.
    pub method: Method,
    /// The coverage threshold (minutes).
    pub minutes: f64,
    /// Share of residents within `minutes` of a service point, region-wide (0–1).
    pub coverage_share: f64,
    /// The same per admin unit.
    pub coverage: Coverage,
    /// Cumulative share of residents by minutes to the nearest service point.
    pub access_curve: Vec<CurvePoint>,
    /// Beds per 1,000 residents per admin unit id.
    pub beds_per_1000: BTreeMap<String, f64>,
    /// Doctors per 1,000 residents per admin unit id.
    pub doctors_per_1000: BTreeMap<String, f64>,
    /// Per zone: minutes to the nearest service point (`None` beyond the search bound).
    pub zone_minutes: Vec<Option<f64>>,
    /// Per zone: minutes to the nearest facility of each tier.
    pub zone_minutes_by_tier: BTreeMap<Tier, Vec<Option<f64>>>,
    /// Per zone: minutes to the nearest facility offering each service.
    pub zone_minutes_by_service: BTreeMap<Specialty, Vec<Option<f64>>>,
    /// Per zone: E2SFCA accessibility (doctors per 1,000 residents reachable).
    pub e2sfca: Vec<f64>,
    /// Referral time from each township/community health centre to its county hospital.
    pub referrals: Vec<Referral>,
    /// Problems met while computing travel times.
    pub warnings: Vec<Problem>,
}

/// Computes travel times and every indicator. `minutes` is the coverage
/// threshold (the policy's 15 by default).
pub fn access_report(s: &Scenario, opts: &AccessOptions, minutes: f64) -> AccessReport {
    let tt = TravelTimes::compute(s, opts);
    report_from(s, &tt, minutes)
}

/// Per zone, minutes to the nearest medical service point for `mode` (the
/// headline layer of the map), with the method used and any warnings.
/// Skips the zone–site pair table, so it is cheap enough to run on every
/// change of mode in the browser.
pub fn service_point_minutes(s: &Scenario, mode: Mode) -> (Vec<Option<f64>>, Method, Vec<Problem>) {
    let opts = AccessOptions {
        mode,
        pair_minutes: 0.0,
        ..AccessOptions::default()
    };
    let tt = TravelTimes::compute(s, &opts);
    let minutes = nearest_minutes(&tt, &service_point_sites(s));
    (minutes, tt.method, tt.warnings)
}

/// Like [`access_report`] from travel times already computed.
pub fn report_from(s: &Scenario, tt: &TravelTimes, minutes: f64) -> AccessReport {
    let points = service_point_sites(s);
    let zone_minutes = nearest_minutes(tt, &points);
    let coverage = coverage_within(s, &zone_minutes, minutes);
    let curve_max = tt.max_minutes.min(120.0).ceil() as usize;
    let access_curve = access_curve(s, &zone_minutes, curve_max);
    let summary = summarise(s);
    let zone_minutes_by_tier = Tier::ALL
        .iter()
        .map(|&t| (t, nearest_minutes(tt, &sites_of_tier(s, t))))
        .collect();
    let zone_minutes_by_service = Specialty::ALL
        .iter()
        .map(|&sp| (sp, nearest_minutes(tt, &sites_with_service(s, sp))))
        .collect();
    AccessReport {
        mode: tt.mode,
        method: tt.method,
        minutes,
        coverage_share: coverage.share,
        coverage,
        access_curve,
        beds_per_1000: summary
            .units
            .iter()
            .map(|u| (u.id.clone(), u.beds_per_1000))
            .collect(),
        doctors_per_1000: summary
            .units
            .iter()
            .map(|u| (u.id.clone(), u.doctors_per_1000))
            .collect(),
        zone_minutes,
        zone_minutes_by_tier,
        zone_minutes_by_service,
        e2sfca: e2sfca(s, tt, &DEFAULT_BANDS),
        referrals: referral_times(s, tt),
        warnings: tt.warnings.clone(),
    }
}
