//! Where residents are treated — **estimated**, never measured: a Huff
//! (1963) patient-choice model on travel time and each facility's tier and
//! size gives, per admin unit, the estimated **in-county treatment share**
//! (inpatient choices that stay at facilities of the residents' own unit)
//! and the **share of visits at grassroots facilities** (village clinics,
//! township and community health centres), before and after a plan.
//!
//! The probability that a resident of zone z chooses site f is
//!
//!   P(z→f) = A_f · max(t_zf, t₀)^(−λ) / Σ_g A_g · max(t_zg, t₀)^(−λ)
//!
//! over the sites within `max_minutes`, with attractiveness A_f = w_tier ×
//! doctors (visits) or w_tier × beds (inpatient stays). The power decay
//! with λ = 2 is the gravity model's classic form (Huff 1963; the gravity
//! variant of the two-step floating catchment, Luo and Wang 2003, uses
//! λ = 1–2); t₀ keeps a zone at a facility's door from taking every
//! choice. The tier weights — how much more a doctor or bed at a higher
//! tier attracts — are assumptions of this tool, not calibrated figures;
//! they are the scenario's `policy.patient_choice` and the report shows
//! them beside the estimates.

use crate::access::TravelTimes;
use crate::deadline::Deadline;
use crate::plan::Plan;
use crate::scenario::{PatientChoice, Scenario, Tier};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One site's state for the estimate.
#[derive(Clone, Copy)]
struct Site {
    tier: Tier,
    beds: f64,
    doctors: f64,
    unit: usize,
    present: bool,
}

/// Per admin unit id: (before, after), each a share 0–1; units whose
/// residents reach no site are left out.
pub type UnitShares = BTreeMap<String, (f64, f64)>;

/// The estimates of `solve --json` (`estimates`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimates {
    /// Estimated share of inpatient choices at facilities of the residents' own unit.
    pub in_county_share: UnitShares,
    /// Estimated share of visits at village clinics, township and community health centres.
    pub grassroots_visit_share: UnitShares,
}

fn is_grassroots(t: Tier) -> bool {
    matches!(
        t,
        Tier::VillageClinic | Tier::TownshipHealthCentre | Tier::CommunityHealthCentre
    )
}

/// The sites (facilities, then candidate sites) with or without `plan`.
/// Admin unit id → its index.
fn unit_index(s: &Scenario) -> HashMap<&str, usize> {
    s.admin_units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect()
}

fn sites(s: &Scenario, plan: Option<&Plan>) -> Vec<Site> {
    let unit = unit_index(s);
    let unit_of = |id: &str| unit.get(id).copied().unwrap_or(usize::MAX);
    let after = plan.map(|p| p.applied_to(s));
    let facilities = after.as_ref().map_or(&s.facilities, |a| &a.facilities);
    let mut out: Vec<Site> = facilities
        .iter()
        .map(|f| Site {
            tier: f.tier,
            beds: f.beds.max(0.0),
            doctors: f.doctors.max(0.0),
            unit: unit_of(&f.admin_unit),
            present: true,
        })
        .collect();
    for c in &s.candidate_sites {
        let open = plan.is_some_and(|p| p.open_sites.contains(&c.id));
        out.push(Site {
            tier: c.tier,
            beds: c.beds.max(0.0),
            doctors: c.doctors.max(0.0),
            unit: unit_of(&c.admin_unit),
            present: open,
        });
    }
    out
}

/// Population-weighted shares per unit: Σ_z pop_z · Σ_{f ∈ wanted} P(z→f) / Σ_z pop_z,
/// with attractiveness `size` (beds or doctors).
fn shares(
    s: &Scenario,
    tt: &TravelTimes,
    m: &PatientChoice,
    sites: &[Site],
    size: fn(&PatientChoice, &Site) -> f64,
    wanted: &dyn Fn(&Site, usize) -> bool,
    deadline: Deadline,
) -> Option<Vec<Option<f64>>> {
    let unit = unit_index(s);
    let mut num = vec![0.0; s.admin_units.len()];
    let mut den = vec![0.0; s.admin_units.len()];
    for (z, zone) in s.zones.iter().enumerate() {
        if deadline.passed() {
            return None;
        }
        let Some(&u) = unit.get(zone.admin_unit.as_str()) else {
            continue;
        };
        let (mut all, mut hit) = (0.0, 0.0);
        for &(site, minutes) in tt.pairs.get(z).map_or(&[][..], |p| &p[..]) {
            let Some(f) = sites.get(site as usize).filter(|f| f.present) else {
                continue;
            };
            if f64::from(minutes) > m.max_minutes {
                break;
            }
            let a = size(m, f);
            if a <= 0.0 {
                continue;
            }
            let g = a * f64::from(minutes).max(m.floor_minutes).powf(-m.decay_power);
            all += g;
            if wanted(f, u) {
                hit += g;
            }
        }
        if all > 0.0 && zone.population > 0.0 {
            num[u] += zone.population * hit / all;
            den[u] += zone.population;
        }
    }
    Some(
        num.iter()
            .zip(&den)
            .map(|(n, d)| (*d > 0.0).then(|| n / d))
            .collect(),
    )
}

/// The estimates before and after `plan`. `tt` must be travel times of
/// `s` whose pair table reaches `s.policy.patient_choice.max_minutes`
/// (see [`pair_minutes`]).
pub fn estimates(s: &Scenario, tt: &TravelTimes, plan: &Plan) -> Estimates {
    match estimates_by(s, tt, plan, Deadline::NONE) {
        Some(e) => e,
        None => unreachable!("no deadline, so never cut short"),
    }
}

/// [`estimates`], given up (`None`) once `deadline` passes.
pub fn estimates_by(
    s: &Scenario,
    tt: &TravelTimes,
    plan: &Plan,
    deadline: Deadline,
) -> Option<Estimates> {
    let m = &s.policy.patient_choice;
    let before = sites(s, None);
    let after = sites(s, Some(plan));
    let both = |size: fn(&PatientChoice, &Site) -> f64, wanted: &dyn Fn(&Site, usize) -> bool| {
        let b = shares(s, tt, m, &before, size, wanted, deadline)?;
        let a = shares(s, tt, m, &after, size, wanted, deadline)?;
        Some(
            s.admin_units
                .iter()
                .enumerate()
                .filter_map(|(i, u)| Some((u.id.clone(), (b[i]?, a[i]?))))
                .collect::<UnitShares>(),
        )
    };
    Some(Estimates {
        in_county_share: both(|m, f| m.stay_weights.of(f.tier) * f.beds, &|f, u| {
            f.unit == u
        })?,
        grassroots_visit_share: both(|m, f| m.visit_weights.of(f.tier) * f.doctors, &|f, _| {
            is_grassroots(f.tier)
        })?,
    })
}

/// The estimated in-county treatment share per admin unit (scenario
/// order) of the region after a plan given as its state: each facility's
/// tier and beds added, and the candidate sites opened — what the checker
/// recomputes. `None` where the unit's residents reach no bedded site.
pub fn in_county_after(
    s: &Scenario,
    tt: &TravelTimes,
    tier: &[Tier],
    beds_added: &[f64],
    opened: &[bool],
) -> Vec<Option<f64>> {
    let mut sites = sites(s, None);
    for (i, site) in sites.iter_mut().enumerate().take(s.facilities.len()) {
        site.tier = tier.get(i).copied().unwrap_or(site.tier);
        site.beds += beds_added.get(i).copied().unwrap_or(0.0).max(0.0);
    }
    let nf = s.facilities.len();
    for (k, open) in opened.iter().enumerate() {
        if let Some(site) = sites.get_mut(nf + k) {
            site.present = *open;
        }
    }
    shares(
        s,
        tt,
        &s.policy.patient_choice,
        &sites,
        |m, f| m.stay_weights.of(f.tier) * f.beds,
        &|f, u| f.unit == u,
        Deadline::NONE,
    )
    .unwrap_or_default()
}

/// The pair-table bound the estimates need (minutes).
pub fn pair_minutes(s: &Scenario) -> f64 {
    s.policy.patient_choice.max_minutes
}
