//! The browser wizard's core: every fixture's role guessed from its content,
//! previews as read (encoding, header row, detected columns, categories),
//! and the manifest the guesses make importing the same region the CLI
//! manifest does.

use healthreach::import::manifest::Manifest;
use healthreach::import::pipeline::{import, Files, ImportOptions};
use healthreach::import::wizard::{inspect, manifest_for, missing, FileRole};
use std::collections::BTreeMap;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/import");

struct Dropped(BTreeMap<String, Vec<u8>>);

impl Files for Dropped {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("{path} was not dropped"))
    }
}

fn dropped(names: &[&str]) -> Dropped {
    Dropped(
        names
            .iter()
            .map(|n| (n.to_string(), std::fs::read(format!("{DIR}/{n}")).unwrap()))
            .collect(),
    )
}

#[test]
fn every_fixture_gets_the_role_it_plays() {
    let names = [
        "weinan_counties_gk.zip",
        "weinan_census_gbk.csv",
        "weinan_census.xlsx",
        "weinan_facilities_gcj02.csv",
        "weinan_roads.geojson",
        "weinan_population_wgs84.tif",
        "weinan_travel_seconds.csv",
        "weinan_candidate_sites.csv",
        "shapefile_census.json",
    ];
    let files = dropped(&names);
    let roles: Vec<(String, FileRole)> = names
        .iter()
        .map(|n| {
            let i = inspect(n, &files.0[*n], &files);
            assert!(i.problem.is_none(), "{n}: {:?}", i.problem);
            (n.to_string(), i.role)
        })
        .collect();
    let want = [
        FileRole::Boundaries,
        FileRole::Population,
        FileRole::Population,
        FileRole::Facilities,
        FileRole::Roads,
        FileRole::PopulationRaster,
        FileRole::TravelTable,
        FileRole::CandidateSites,
        FileRole::Manifest,
    ];
    for ((n, got), want) in roles.iter().zip(want) {
        assert_eq!(*got, want, "{n}");
    }
}

#[test]
fn previews_show_the_rows_as_read() {
    let files = dropped(&[
        "weinan_census_gbk.csv",
        "weinan_facilities_gcj02.csv",
        "weinan_census.xlsx",
    ]);
    let census = inspect(
        "weinan_census_gbk.csv",
        &files.0["weinan_census_gbk.csv"],
        &files,
    );
    let p = census.preview.unwrap();
    assert!(p.encoding.unwrap().to_ascii_lowercase().starts_with("gb"));
    assert!(
        p.columns.iter().any(|c| c.contains("人口")),
        "{:?}",
        p.columns
    );
    assert!(p.detected.contains_key("population"));
    assert!(!p.rows.is_empty() && p.rows.len() <= 8);
    let xlsx = inspect("weinan_census.xlsx", &files.0["weinan_census.xlsx"], &files);
    let p = xlsx.preview.unwrap();
    // The title row sits above the header.
    assert!(p.header_row.unwrap() > 1, "{:?}", p.header_row);
    assert!(!p.sheets.is_empty());
    let f = inspect(
        "weinan_facilities_gcj02.csv",
        &files.0["weinan_facilities_gcj02.csv"],
        &files,
    );
    let p = f.preview.unwrap();
    for k in ["name", "category", "beds", "lon", "lat"] {
        assert!(p.detected.contains_key(k), "{k}: {:?}", p.detected);
    }
    assert!(p.count > 1000);
    assert!(!p.categories.is_empty());
    assert!(p.categories.iter().any(|(_, t)| t.is_some()));
}

#[test]
fn guessed_roles_make_a_manifest_that_imports() {
    let names = [
        "weinan_counties_gk.zip",
        "weinan_census_gbk.csv",
        "weinan_facilities_gcj02.csv",
        "weinan_roads.geojson",
    ];
    let files = dropped(&names);
    let roles: Vec<(String, FileRole)> = names
        .iter()
        .map(|n| (n.to_string(), inspect(n, &files.0[*n], &files).role))
        .collect();
    let empty = Manifest::default();
    assert_eq!(missing(&empty).len(), 3);
    let mut m = manifest_for(&roles, &empty);
    assert!(missing(&m).is_empty());
    m.facilities.crs = Some("gcj02".into());
    let (s, report) = import(&m, &files, ImportOptions::default());
    let s = s.unwrap_or_else(|| panic!("{:?}", report.rejected));
    assert_eq!(s.admin_units.len(), 11);
    assert!(s.roads.is_some_and(|r| !r.links.is_empty()));
    // A dropped manifest pre-fills everything; the same files keep its choices.
    let text = std::fs::read_to_string(format!("{DIR}/shapefile_census.json")).unwrap();
    let given: Manifest = serde_json::from_str(&text).unwrap();
    let again = manifest_for(&roles, &given);
    assert_eq!(again.facilities.crs.as_deref(), Some("gcj02"));
    assert_eq!(again.zones, given.zones);
    // The manifest round-trips through JSON (the worker message).
    let back: Manifest = serde_json::from_str(&serde_json::to_string(&again).unwrap()).unwrap();
    assert_eq!(back, again);
}

#[test]
fn a_file_that_is_not_what_it_says_is_left_unused_with_a_reason() {
    let files = Dropped(BTreeMap::new());
    for (name, bytes) in [
        (
            "x.geojson",
            b"{\"type\":\"FeatureCollection\",\"features\":[]}".as_slice(),
        ),
        ("x.zip", b"PK\x03\x04garbage".as_slice()),
        ("x.tif", b"II*\x00garbage".as_slice()),
        ("x.csv", b"\x00\x01\x02".as_slice()),
        ("old.xls", b"\xd0\xcf\x11\xe0".as_slice()),
    ] {
        let i = inspect(name, bytes, &files);
        assert_eq!(i.role, FileRole::Unused, "{name}");
        assert!(i.problem.is_some(), "{name}");
    }
}

#[test]
fn the_geojson_manifest_reports_the_planted_rows_with_their_numbers() {
    let text = std::fs::read_to_string(format!("{DIR}/geojson_census.json")).unwrap();
    let m: Manifest = serde_json::from_str(&text).unwrap();
    let files = dropped(&[
        "weinan_counties.geojson",
        "weinan_census_gbk.csv",
        "weinan_facilities_planted_gbk.csv",
    ]);
    let (s, report) = import(&m, &files, ImportOptions::default());
    let s = s.unwrap_or_else(|| panic!("{:?}", report.rejected));
    let rows: Vec<u64> = report
        .rejected
        .iter()
        .filter(|e| e.file == "weinan_facilities_planted_gbk.csv")
        .filter_map(|e| e.row)
        .collect();
    // Header row 1, the demo's 3,906 facilities in rows 2–3907, the planted rows after.
    for n in [3908, 3909, 3910] {
        assert!(rows.contains(&n), "row {n} not rejected: {rows:?}");
    }
    assert!(s.facilities.len() <= 3906 && s.facilities.len() + rows.len() >= 3906 + 3 - 3);
    assert!(!s.facilities.iter().any(|f| f.name.starts_with("坏行")));
}

#[test]
fn every_fix_the_fixtures_produce_has_its_chinese() {
    use healthreach::import::fixes::fix_zh;
    let mut missing = std::collections::BTreeSet::new();
    let all = [
        "weinan_counties_gk.zip",
        "weinan_counties.geojson",
        "weinan_census_gbk.csv",
        "weinan_census.xlsx",
        "weinan_facilities_gcj02.csv",
        "weinan_facilities_planted_gbk.csv",
        "weinan_roads.geojson",
        "weinan_population_wgs84.tif",
        "weinan_travel_seconds.csv",
        "weinan_candidate_sites.csv",
    ];
    let mut files = dropped(&all);
    // Hostile variants: a broken zip, a binary "CSV", a census without its header.
    files
        .0
        .insert("broken.zip".into(), b"PK\x03\x04broken".to_vec());
    files
        .0
        .insert("binary.csv".into(), vec![0, 159, 146, 150, 0, 1]);
    files
        .0
        .insert("noheader.csv".into(), "a,b\n1,2\n".as_bytes().to_vec());
    let mut manifests: Vec<Manifest> = [
        "shapefile_census.json",
        "raster_population.json",
        "census_with_raster.json",
        "xlsx_travel_sites.json",
        "geojson_census.json",
    ]
    .iter()
    .map(|n| serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/{n}")).unwrap()).unwrap())
    .collect();
    let base = manifests[0].clone();
    for (units, census, facilities) in [
        (
            "broken.zip",
            "weinan_census_gbk.csv",
            "weinan_facilities_gcj02.csv",
        ),
        (
            "weinan_counties_gk.zip",
            "noheader.csv",
            "weinan_facilities_gcj02.csv",
        ),
        (
            "weinan_counties_gk.zip",
            "weinan_census_gbk.csv",
            "binary.csv",
        ),
        (
            "weinan_counties_gk.zip",
            "weinan_census_gbk.csv",
            "missing.csv",
        ),
    ] {
        let mut m = base.clone();
        m.units.path = units.into();
        m.population.path = census.into();
        m.facilities.path = facilities.into();
        manifests.push(m);
    }
    let mut seen = std::collections::BTreeSet::new();
    for m in &manifests {
        let (_, report) = import(m, &files, ImportOptions::default());
        for e in report.rejected.iter().chain(&report.warnings) {
            seen.insert(e.fix.clone());
            if fix_zh(&e.fix).is_none() {
                missing.insert(e.fix.clone());
            }
        }
    }
    assert!(seen.len() >= 8, "too few kinds of fix exercised: {seen:?}");
    assert!(missing.is_empty(), "fixes without Chinese: {missing:#?}");
}
