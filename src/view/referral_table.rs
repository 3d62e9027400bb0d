//! Referral times within each county medical community, as the access panel
//! lists them: per lead hospital (or, in a region that names no community,
//! per county hospital the centres refer to), how many township and
//! community centres refer there, and their mean and longest travel time.
//! The times are [`crate::indicators::referral_times`]'s.

use crate::access::{AccessOptions, TravelTimes};
use crate::indicators::{referral_times, Referral};
use crate::scenario::{Mode, Scenario};

/// One hospital the centres refer to, and how far they are from it.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityReferral {
    /// The hospital's id (`None`: centres whose unit has no county hospital).
    pub hospital: Option<String>,
    /// Its name (empty when none).
    pub name: String,
    /// The admin unit of the centres' hospital (of the first centre when none).
    pub unit: String,
    /// Centres referring there.
    pub centres: usize,
    /// Mean travel time of those reachable (minutes).
    pub mean_minutes: Option<f64>,
    /// Longest travel time of those reachable (minutes).
    pub longest_minutes: Option<f64>,
    /// Centres that cannot reach it within the search bound.
    pub unreachable: usize,
}

/// The referral routes of `s` by the hospital they go to, in the order of
/// the scenario's admin units, then of the hospitals' appearance.
///
/// ```
/// use healthreach::scenario::Mode;
/// let s = healthreach::demo::weinan();
/// let rows = healthreach::view::referral_table::compute(&s, Mode::Drive);
/// // The demo names 16 medical communities; every centre is in one.
/// assert_eq!(rows.len(), 16);
/// let centres = s.facilities.iter().filter(|f| f.tier.is_grassroots_centre()).count();
/// assert_eq!(rows.iter().map(|r| r.centres).sum::<usize>(), centres);
/// assert!(rows.iter().all(|r| r.mean_minutes.unwrap() <= r.longest_minutes.unwrap()));
/// ```
pub fn by_hospital(s: &Scenario, referrals: &[Referral]) -> Vec<CommunityReferral> {
    let mut rows: Vec<(CommunityReferral, Vec<f64>)> = Vec::new();
    for r in referrals {
        let to = r.to.as_deref().and_then(|id| s.facility(id));
        let unit = match to {
            Some(h) => h.admin_unit.clone(),
            None => s
                .facility(&r.from)
                .map(|f| f.admin_unit.clone())
                .unwrap_or_default(),
        };
        let key = (r.to.clone(), unit.clone());
        let at = match rows
            .iter()
            .position(|(x, _)| (x.hospital.clone(), x.unit.clone()) == key)
        {
            Some(i) => i,
            None => {
                rows.push((
                    CommunityReferral {
                        hospital: r.to.clone(),
                        name: to.map(|h| h.name.clone()).unwrap_or_default(),
                        unit,
                        centres: 0,
                        mean_minutes: None,
                        longest_minutes: None,
                        unreachable: 0,
                    },
                    vec![],
                ));
                rows.len() - 1
            }
        };
        let (row, times) = &mut rows[at];
        row.centres += 1;
        match r.minutes {
            Some(m) => times.push(m),
            None => row.unreachable += 1,
        }
    }
    let order = |unit: &str| s.admin_units.iter().position(|u| u.id == unit);
    rows.sort_by_key(|(r, _)| order(&r.unit));
    rows.into_iter()
        .map(|(mut r, times)| {
            if !times.is_empty() {
                r.mean_minutes = Some(times.iter().sum::<f64>() / times.len() as f64);
                r.longest_minutes = Some(times.iter().copied().fold(0.0, f64::max));
            }
            r
        })
        .collect()
}

/// Computes the referral times of `s` by `mode` (the hospital searches
/// only: zone pairs are not kept) and groups them with [`by_hospital`].
pub fn compute(s: &Scenario, mode: Mode) -> Vec<CommunityReferral> {
    let tt = TravelTimes::compute(
        s,
        &AccessOptions {
            mode,
            pair_minutes: 0.0,
            ..AccessOptions::default()
        },
    );
    by_hospital(s, &referral_times(s, &tt))
}
