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
    // Facility 3 (a city hospital) leads no medical community and reads
    // for nobody: no other facility names it.
    let named = |id: &str, f: &healthreach::scenario::Facility| {
        f.community.as_deref() == Some(id) || f.telemedicine_hub.as_deref() == Some(id)
    };
    assert!(s.facilities.iter().all(|f| !named(&s.facilities[3].id, f)));
    s.facilities[3].id = dup.clone();
    s.zones[3].population = -12.0;
    let [lon, lat] = s.facilities[7].location;
    s.facilities[7].location = [lat, lon];
    let text = s.to_json();
    let problems = load(&text).expect_err("must be rejected");
    let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 3, "{problems:#?}");
    let d = at(&problems, "$.facilities[3].id");
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

#[test]
fn every_number_has_a_plausible_range() {
    let mut s = demo();
    s.facilities[0].beds = 1e308;
    s.zones[0].population = 2e9;
    s.policy.unit_costs.bed_yuan = -300_000.0;
    s.candidate_sites[0].cost_yuan = 1e15;
    s.policy.objective = healthreach::scenario::Objective::Weighted {
        cost_weight: -1.0,
        uncovered_weight: 1e9,
    };
    let p = validate(&s);
    let beds = at(&p, "$.facilities[0].beds");
    assert!(
        beds[0].message.contains("1e308") && beds[0].message.contains("20000"),
        "{}",
        beds[0].message
    );
    assert!(
        beds[0].message_zh.contains("超过"),
        "{}",
        beds[0].message_zh
    );
    assert!(at(&p, "$.zones[0].population")[0].message.contains("China"));
    assert!(at(&p, "$.policy.unit_costs.bed_yuan")[0]
        .message
        .contains("negative"));
    assert_eq!(at(&p, "$.candidate_sites[0].cost_yuan").len(), 1);
    assert_eq!(at(&p, "$.policy.objective.cost_weight").len(), 1);
    assert_eq!(at(&p, "$.policy.objective.uncovered_weight").len(), 1);
}

#[test]
fn cross_references_and_geometry_are_checked() {
    let mut s = demo();
    // Two times for one pair.
    s.travel_times = Some(healthreach::scenario::TravelTimeTable {
        mode: healthreach::scenario::Mode::Drive,
        entries: vec![
            healthreach::scenario::TravelTimeEntry {
                zone: s.zones[0].id.clone(),
                site: s.facilities[0].id.clone(),
                minutes: 10.0,
            },
            healthreach::scenario::TravelTimeEntry {
                zone: s.zones[0].id.clone(),
                site: s.facilities[0].id.clone(),
                minutes: 4.0,
            },
        ],
    });
    // A facility that names another county than the one it stands in.
    let other = s
        .admin_units
        .iter()
        .find(|u| u.id != s.facilities[0].admin_unit)
        .unwrap()
        .id
        .clone();
    s.facilities[0].admin_unit = other.clone();
    // A link of length zero, and a crawl.
    let roads = s.roads.as_mut().unwrap();
    let p0 = roads.links[0].line[0];
    roads.links[0].line = vec![p0, p0];
    roads.links[1].speeds = Some(healthreach::scenario::ModeSpeeds {
        walk_kmh: 5.0,
        bike_kmh: 15.0,
        drive_kmh: 0.01,
    });
    let p = validate(&s);
    let dup = at(&p, "$.travel_times.entries[1]");
    assert!(
        dup[0].is_error() && dup[0].message.contains("two travel times"),
        "{dup:?}"
    );
    let placed = at(&p, "$.facilities[0].admin_unit");
    assert!(
        !placed[0].is_error() && placed[0].message.contains("lies in"),
        "{placed:?}"
    );
    let zero = at(&p, "$.roads.links[0].line");
    assert!(zero[0].message.contains("length 0"), "{zero:?}");
    assert!(at(&p, "$.roads.links[1].speeds.drive_kmh")[0].is_error());
}

#[test]
fn messages_say_what_where_and_what_to_do() {
    // A byte-order mark is accepted.
    let text = format!("\u{feff}{}", demo().to_json());
    assert!(load(&text).is_ok());
    // A position with an altitude.
    let text = demo()
        .to_json()
        .replacen("\"location\":[", "\"location\":[1.0,", 1);
    let p = load(&text).unwrap_err();
    assert!(p[0].message.contains("altitude"), "{}", p[0].message);
    assert!(p[0].path.ends_with(".location"), "{}", p[0].path);
    // The root is `$`, an array root `$[0]`, never `$.[0]`.
    let p = load("[1]").unwrap_err();
    assert!(
        p[0].path == "$" || p[0].path.starts_with("$["),
        "{}",
        p[0].path
    );
    // Binary input: the byte offset.
    let p = healthreach::validate::load_bytes(b"{\"format\": \"\xff\xfe\"}").unwrap_err();
    assert!(p[0].message.contains("byte 12"), "{}", p[0].message);
    assert!(
        p[0].message_zh.contains("第 12 字节"),
        "{}",
        p[0].message_zh
    );
}
