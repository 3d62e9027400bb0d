//! Validation reports every problem at once, with its JSON path.

use healthreach::scenario::Scenario;
use healthreach::validate::{load, validate, Problem};

fn demo() -> Scenario {
    healthreach::demo::weinan()
}

fn at<'a>(problems: &'a [Problem], path: &str) -> Vec<&'a Problem> {
    problems.iter().filter(|p| p.path == path).collect()
}

#[test]
fn a_corrupted_scenario_gets_one_message_per_problem() {
    let mut s = demo();
    let dup = s.facilities[0].id.clone();
    s.facilities[5].id = dup.clone();
    s.zones[3].population = -12.0;
    let [lon, lat] = s.facilities[7].location;
    s.facilities[7].location = [lat, lon];
    let text = s.to_json();
    let problems = load(&text).expect_err("must be rejected");
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 3, "{problems:#?}");
    let d = at(&problems, "$.facilities[5].id");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("duplicate") && d[0].message.contains(&dup));
    let n = at(&problems, "$.zones[3].population");
    assert_eq!(n.len(), 1);
    assert!(n[0].message.contains("negative"));
    let c = at(&problems, "$.facilities[7].location");
    assert_eq!(c.len(), 1);
    assert!(c[0].message.contains("swapped"), "{}", c[0].message);
}

#[test]
fn unknown_references_and_empty_regions_are_named() {
    let mut s = demo();
    s.zones[0].admin_unit = "999999".into();
    s.facilities[2].admin_unit = "nowhere".into();
    let p = validate(&s);
    assert!(at(&p, "$.zones[0].admin_unit")[0]
        .message
        .contains("999999"));
    assert!(at(&p, "$.facilities[2].admin_unit")[0]
        .message
        .contains("nowhere"));

    let empty = Scenario {
        admin_units: vec![],
        zones: vec![],
        facilities: vec![],
        candidate_sites: vec![],
        ..demo()
    };
    let p = validate(&empty);
    assert!(!at(&p, "$.admin_units").is_empty());
    assert!(!at(&p, "$.zones").is_empty());
}

#[test]
fn non_finite_fractional_and_out_of_range_numbers_are_errors() {
    let mut s = demo();
    s.facilities[0].beds = f64::NAN;
    s.facilities[1].doctors = 2.5;
    s.policy.coverage.share = 90.0;
    s.zones[1].location = [200.0, 95.0];
    let p = validate(&s);
    assert!(at(&p, "$.facilities[0].beds")[0].message.contains("finite"));
    assert!(at(&p, "$.facilities[1].doctors")[0]
        .message
        .contains("whole"));
    let share = at(&p, "$.policy.coverage.share");
    assert!(
        share[0].message.contains("0.9"),
        "hint to write 0.9: {}",
        share[0].message
    );
    assert!(!at(&p, "$.zones[1].location").is_empty());
}

#[test]
fn invalid_polygons_are_reported_with_their_path() {
    let mut s = demo();
    // A bow-tie: self-intersecting.
    s.admin_units[0].boundary.0 = vec![vec![vec![
        [109.4, 34.4],
        [109.6, 34.6],
        [109.6, 34.4],
        [109.4, 34.6],
        [109.4, 34.4],
    ]]];
    // An open ring.
    s.admin_units[1].boundary.0[0][0].pop();
    let p = validate(&s);
    assert!(
        p.iter()
            .any(|x| x.path.starts_with("$.admin_units[0].boundary") && x.is_error()),
        "{p:#?}"
    );
    assert!(p
        .iter()
        .any(|x| x.path.starts_with("$.admin_units[1].boundary") && x.message.contains("closed")));
}

#[test]
fn facilities_outside_the_region_are_warnings_not_errors() {
    let mut s = demo();
    s.facilities[0].location = [116.4, 39.9]; // Beijing
    let (_, warnings) = load(&s.to_json()).expect("still loads");
    let w = at(&warnings, "$.facilities[0].location");
    assert_eq!(w.len(), 1);
    assert!(w[0].message.contains("outside"));
}

#[test]
fn parse_errors_name_the_path_and_line() {
    let text = demo()
        .to_json()
        .replacen("\"population\":", "\"population\":\"many\",\"x\":", 1);
    let p = load(&text).expect_err("a string where a number belongs");
    assert_eq!(p.len(), 1);
    assert!(p[0].path.starts_with("$.admin_units[0]"), "{}", p[0].path);
    assert!(p[0].message.contains("line 1"), "{}", p[0].message);

    let p = load("{\"format\": ").expect_err("truncated");
    assert!(p[0].message.contains("ends early"));
}

#[test]
fn wrong_format_version_is_refused() {
    let mut s = demo();
    s.format = "healthreach-scenario/99".into();
    let p = validate(&s);
    assert!(at(&p, "$.format")[0]
        .message
        .contains("healthreach-scenario/1"));
}

#[test]
fn json_round_trip_is_lossless() {
    let s = demo();
    let back = Scenario::from_json(&s.to_json_pretty()).unwrap();
    assert_eq!(s, back);
}

#[test]
fn the_committed_schema_matches_the_types() {
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/scenario.schema.json").unwrap())
            .unwrap();
    assert_eq!(
        committed,
        healthreach::scenario::json_schema(),
        "docs/scenario.schema.json is stale: run `cargo run --release -- schema --out docs/scenario.schema.json`"
    );
}
