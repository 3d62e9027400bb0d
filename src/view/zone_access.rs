//! Per-zone access figures the map's layers and tooltips need beyond the
//! nearest service point: E2SFCA accessibility and each site's catchment
//! (the zones within a threshold of it). Computed once per travel mode from
//! the full zone–site pair table.

use crate::access::{AccessOptions, TravelTimes};
use crate::indicators::{e2sfca, nearest_minutes, service_point_sites, DEFAULT_BANDS};
use crate::scenario::{Mode, Scenario};

/// Zone figures for one scenario and mode.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneAccess {
    /// Per zone: minutes to the nearest medical service point.
    pub minutes: Vec<Option<f64>>,
    /// Per zone: E2SFCA accessibility (doctors per 1,000 residents reachable).
    pub e2sfca: Vec<f64>,
    /// Per zone: every `(site, minutes)` within the catchment reach.
    pairs: Vec<Vec<(u32, f32)>>,
}

impl ZoneAccess {
    /// Computes the figures of `s` for `mode`, with catchments up to the
    /// policy's threshold (and at least 30 minutes, the E2SFCA bands' reach).
    pub fn of(s: &Scenario, mode: Mode) -> ZoneAccess {
        ZoneAccess::within(s, mode, s.policy.coverage.minutes)
    }

    /// Like [`ZoneAccess::of`] with catchments up to `minutes` (at least 30).
    pub fn within(s: &Scenario, mode: Mode, minutes: f64) -> ZoneAccess {
        let opts = AccessOptions {
            mode,
            pair_minutes: 30f64.max(minutes),
            ..AccessOptions::default()
        };
        let tt = TravelTimes::compute(s, &opts);
        ZoneAccess {
            minutes: nearest_minutes(&tt, &service_point_sites(s)),
            e2sfca: e2sfca(s, &tt, &DEFAULT_BANDS),
            pairs: tt.pairs,
        }
    }

    /// Zones within `minutes` of `site` (its catchment), in zone order;
    /// `minutes` beyond the reach it was computed for are cut there.
    ///
    /// ```
    /// use healthreach::scenario::Mode;
    /// use healthreach::view::zone_access::ZoneAccess;
    /// let s = healthreach::demo::weinan();
    /// let a = ZoneAccess::of(&s, Mode::Drive);
    /// let hospital = s.facilities.iter().position(|f| f.beds > 300.0).unwrap() as u32;
    /// assert!(a.catchment(hospital, 15.0).len() >= a.catchment(hospital, 5.0).len());
    /// ```
    pub fn catchment(&self, site: u32, minutes: f64) -> Vec<usize> {
        self.catchment_by(site, |_| minutes)
    }

    /// Zones within reach of an emergency centre at `site` (its catchment
    /// under the emergency-centre rule): each zone by its own unit's time,
    /// `urban` minutes in a city district, `rural` elsewhere; cut at the
    /// reach it was computed for.
    ///
    /// ```
    /// use healthreach::scenario::Mode;
    /// use healthreach::view::zone_access::ZoneAccess;
    /// let s = healthreach::demo::weinan();
    /// let a = ZoneAccess::within(&s, Mode::Drive, 60.0);
    /// let lead = s.lead_hospitals()[0] as u32;
    /// let centre = a.centre_catchment(&s, lead, 60.0, 30.0);
    /// assert!(centre.len() >= a.catchment(lead, 30.0).len());
    /// assert!(centre.len() <= a.catchment(lead, 60.0).len());
    /// ```
    pub fn centre_catchment(&self, s: &Scenario, site: u32, rural: f64, urban: f64) -> Vec<usize> {
        let urban_unit: std::collections::HashMap<&str, bool> = s
            .admin_units
            .iter()
            .map(|u| (u.id.as_str(), u.urban))
            .collect();
        let reach: Vec<f64> = s
            .zones
            .iter()
            .map(|z| {
                if urban_unit
                    .get(z.admin_unit.as_str())
                    .copied()
                    .unwrap_or(false)
                {
                    urban
                } else {
                    rural
                }
            })
            .collect();
        self.catchment_by(site, |i| reach.get(i).copied().unwrap_or(rural))
    }

    fn catchment_by(&self, site: u32, minutes: impl Fn(usize) -> f64) -> Vec<usize> {
        self.pairs
            .iter()
            .enumerate()
            .filter(|(i, row)| {
                let limit = minutes(*i);
                row.iter().any(|&(j, m)| j == site && f64::from(m) <= limit)
            })
            .map(|(i, _)| i)
            .collect()
    }
}
