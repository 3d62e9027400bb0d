//! The embedded Weinan demo region against its real inputs and the reported totals.

use healthreach::scenario::Tier;
use healthreach::summary::summarise;
use healthreach::validate::{validate, Severity};
use std::collections::BTreeMap;
use std::path::Path;

fn census() -> BTreeMap<String, f64> {
    let text = std::fs::read_to_string("data/weinan/weinan_population_2020.csv").unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[2].trim().parse().unwrap())
        })
        .collect()
}

#[test]
fn demo_is_valid_without_errors_or_warnings() {
    let s = healthreach::demo::weinan();
    let problems = validate(&s);
    assert!(
        problems.is_empty(),
        "problems in the embedded demo:\n{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(problems.iter().all(|p| p.severity != Severity::Error));
}

#[test]
fn zones_sum_exactly_to_each_countys_census_population() {
    let s = healthreach::demo::weinan();
    let census = census();
    assert_eq!(census.len(), 11);
    assert_eq!(census.values().sum::<f64>(), 4_688_744.0);
    assert_eq!(s.admin_units.len(), 11);
    for (code, pop) in &census {
        let unit = s
            .admin_unit(code)
            .expect("every census county is an admin unit");
        assert_eq!(unit.population, *pop, "{code} admin population");
        let zones: f64 = s
            .zones
            .iter()
            .filter(|z| &z.admin_unit == code)
            .map(|z| z.population)
            .sum();
        assert_eq!(zones, *pop, "{code}: zones sum to {zones}, census {pop}");
    }
    assert_eq!(s.total_population(), 4_688_744.0);
}

#[test]
fn layout_matches_the_reported_totals() {
    let s = healthreach::demo::weinan();
    let sum = summarise(&s);
    assert_eq!(sum.facilities, 3_906, "reported institutions");
    assert_eq!(sum.beds, 36_000.0, "reported beds");
    assert_eq!(
        sum.facilities_per_tier[&Tier::CountyHospital],
        16,
        "one lead hospital per county medical community"
    );
    let tertiary: Vec<_> = s
        .facilities
        .iter()
        .filter(|f| f.tier == Tier::TertiaryHospital)
        .collect();
    assert!(!tertiary.is_empty());
    assert!(
        tertiary.iter().all(|f| f.admin_unit == "610502"),
        "tertiary in 临渭区"
    );
    // Every county has its own county hospital and zones.
    for u in &s.admin_units {
        assert!(s
            .facilities
            .iter()
            .any(|f| f.admin_unit == u.id && f.tier == Tier::CountyHospital));
        assert!(s.zones.iter().filter(|z| z.admin_unit == u.id).count() >= 20);
    }
}

#[test]
fn every_real_township_has_one_health_centre() {
    let s = healthreach::demo::weinan();
    let text = std::fs::read_to_string("data/weinan/weinan_townships_china_division.csv").unwrap();
    let mut n = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[6].starts_with("township-equivalent") {
            continue;
        }
        n += 1;
        let id = format!("H{}", f[0]);
        let fac = s
            .facilities
            .iter()
            .find(|x| x.id == id)
            .unwrap_or_else(|| panic!("no health centre for {} {}", f[0], f[1]));
        assert!(fac.name.starts_with(f[1]), "{} named {}", f[1], fac.name);
        assert_eq!(fac.admin_unit, f[2]);
        let want = if f[6].starts_with("街道") {
            Tier::CommunityHealthCentre
        } else {
            Tier::TownshipHealthCentre
        };
        assert_eq!(fac.tier, want, "{}", f[1]);
    }
    assert_eq!(n, 135);
}

#[test]
fn facilities_stand_inside_their_county() {
    use geo::Contains;
    let s = healthreach::demo::weinan();
    let shapes: BTreeMap<_, _> = s
        .admin_units
        .iter()
        .map(|u| (u.id.clone(), u.boundary.to_geo()))
        .collect();
    let outside: Vec<_> = s
        .facilities
        .iter()
        .filter(|f| f.tier != Tier::VillageClinic)
        .filter(|f| !shapes[&f.admin_unit].contains(&geo::Point::new(f.location[0], f.location[1])))
        .map(|f| f.name.clone())
        .collect();
    assert!(outside.is_empty(), "outside their county: {outside:?}");
}

#[test]
fn generator_is_deterministic_and_reproduces_the_embedded_file() {
    let s =
        healthreach::generate::weinan(Path::new("data/weinan")).expect("inputs are in the repo");
    assert_eq!(
        s.to_json() + "\n",
        healthreach::demo::WEINAN_JSON,
        "src/demo/weinan.json is stale: run `cargo run --release -- generate-demo`"
    );
}

#[test]
fn embedded_file_stays_small_enough_to_ship() {
    let bytes = healthreach::demo::WEINAN_JSON.len();
    assert!(bytes < 2_000_000, "demo JSON is {bytes} bytes");
}
