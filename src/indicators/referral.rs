//! Referral time from each township / community health centre to its
//! county hospital: the lead hospital of its county medical community when
//! it names one (referral within the community), else the nearest county
//! hospital of its own admin unit.

use crate::access::TravelTimes;
use crate::scenario::{Scenario, Tier};
use serde::Serialize;

/// One referral route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referral {
    /// The township or community health centre's id.
    pub from: String,
    /// The county hospital's id (`None` when its unit has none).
    pub to: Option<String>,
    /// Travel time (minutes), `None` when unreachable within the search bound.
    pub minutes: Option<f64>,
}

/// Referral times, in facility order.
pub fn referral_times(s: &Scenario, tt: &TravelTimes) -> Vec<Referral> {
    let mut out = Vec::new();
    for (i, f) in s.facilities.iter().enumerate() {
        if !matches!(
            f.tier,
            Tier::TownshipHealthCentre | Tier::CommunityHealthCentre
        ) {
            continue;
        }
        let lead = f.community.as_deref().and_then(|id| {
            s.facilities
                .iter()
                .position(|h| h.id == id && h.tier.leads_community())
        });
        let hospitals: Vec<u32> = match lead {
            Some(l) if l != i => vec![l as u32],
            _ => s
                .facilities
                .iter()
                .enumerate()
                .filter(|(_, h)| h.tier == Tier::CountyHospital && h.admin_unit == f.admin_unit)
                .map(|(j, _)| j as u32)
                .collect(),
        };
        let times = tt.site_to_sites(i as u32, &hospitals);
        let best = hospitals
            .iter()
            .zip(times)
            .filter_map(|(h, m)| m.map(|m| (*h, m)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        out.push(Referral {
            from: f.id.clone(),
            to: best
                .map(|(h, _)| s.facilities[h as usize].id.clone())
                .or_else(|| {
                    hospitals
                        .first()
                        .map(|&h| s.facilities[h as usize].id.clone())
                }),
            minutes: best.map(|(_, m)| m),
        });
    }
    out
}
