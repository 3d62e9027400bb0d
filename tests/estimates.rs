//! The patient-choice estimates (in-county treatment share, grassroots
//! visit share) against the Huff formula computed by hand, and on the demo.

mod common;

use common::*;
use healthreach::access::{AccessOptions, TravelTimes};
use healthreach::indicators::patient_choice::{estimates, pair_minutes};
use healthreach::plan::{BedsAdded, Plan};
use healthreach::scenario::*;

fn times(s: &Scenario) -> TravelTimes {
    TravelTimes::compute(
        s,
        &AccessOptions {
            pair_minutes: pair_minutes(s),
            ..AccessOptions::default()
        },
    )
}

/// One zone of unit U; a county hospital in U at 10 min and a tertiary
/// hospital in unit V at 20 min; a village clinic in U at 5 min.
fn two_units() -> Scenario {
    let mut s = square_region();
    let mut v = s.admin_units[0].clone();
    v.id = "V".into();
    v.code = "000001".into();
    s.admin_units.push(v);
    s.zones.push(zone("z", [110.1, 35.1], 1000.0));
    let mut county = facility("county", Tier::CountyHospital, [110.1, 35.1], 100.0);
    county.beds = 100.0;
    let mut top = facility("top", Tier::TertiaryHospital, [110.1, 35.1], 300.0);
    top.beds = 200.0;
    top.admin_unit = "V".into();
    let clinic = facility("clinic", Tier::VillageClinic, [110.1, 35.1], 2.0);
    s.facilities = vec![county, top, clinic];
    let entry = |site: &str, minutes: f64| TravelTimeEntry {
        zone: "z".into(),
        site: site.into(),
        minutes,
    };
    s.travel_times = Some(TravelTimeTable {
        mode: Mode::Drive,
        entries: vec![
            entry("county", 10.0),
            entry("top", 20.0),
            entry("clinic", 5.0),
        ],
    });
    settle(s)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn shares_follow_the_huff_formula() {
    let mut s = two_units();
    let m = &mut s.policy.patient_choice;
    m.decay_power = 2.0;
    m.floor_minutes = 5.0;
    let m = s.policy.patient_choice.clone();
    let tt = times(&s);
    let plan = Plan {
        beds: vec![BedsAdded {
            facility: "county".into(),
            beds: 300.0,
        }],
        ..Plan::default()
    };
    let e = estimates(&s, &tt, &plan);
    // Stays: county 1.0 × 100 beds / 10², tertiary 2.0 × 200 / 20².
    let stay = |beds: f64| {
        let a = m.stay_weights.county_hospital * beds / 100.0;
        let b = m.stay_weights.tertiary_hospital * 200.0 / 400.0;
        a / (a + b)
    };
    let (before, after) = e.in_county_share["U"];
    assert!(close(before, stay(100.0)), "{before} vs {}", stay(100.0));
    assert!(close(after, stay(400.0)), "{after} vs {}", stay(400.0));
    assert!(after > before);
    // Visits: the clinic's 2 doctors at 5 min against the hospitals'.
    let g = m.visit_weights.village_clinic * 2.0 / 25.0;
    let h = m.visit_weights.county_hospital * 100.0 / 100.0
        + m.visit_weights.tertiary_hospital * 300.0 / 400.0;
    let (gb, ga) = e.grassroots_visit_share["U"];
    assert!(close(gb, g / (g + h)), "{gb}");
    assert!(close(ga, gb), "beds do not change visits");
    // Unit V has no residents: no estimate.
    assert!(!e.in_county_share.contains_key("V"));
}

#[test]
fn sites_beyond_the_limit_are_not_chosen() {
    let mut s = two_units();
    s.policy.patient_choice.max_minutes = 15.0;
    let e = estimates(&s, &times(&s), &Plan::default());
    // Only the county hospital holds beds within 15 min.
    assert!(close(e.in_county_share["U"].0, 1.0));
}

#[test]
fn demo_estimates_are_shares_for_every_county() {
    let s = healthreach::demo::weinan();
    let e = estimates(&s, &times(&s), &Plan::default());
    assert_eq!(e.in_county_share.len(), s.admin_units.len());
    for (b, a) in e
        .in_county_share
        .values()
        .chain(e.grassroots_visit_share.values())
    {
        assert!((0.0..=1.0).contains(b) && close(*a, *b));
    }
}
