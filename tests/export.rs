//! Exports a planner's office opens: `healthreach export` for every table
//! and format, read back with independent readers (csv, calamine for XLSX,
//! geojson + geo for RFC 7946), and the saved scenario file's round trip.

use calamine::{Data, Reader, Xlsx};
use geo::{Orient, Winding};
use healthreach::plan::{BedsAdded, Plan, Secondment};
use healthreach::scenario::Tier;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_healthreach"))
}

/// A small plan by hand: beds at the first county hospital, a candidate site
/// opened, one secondment from a tertiary hospital.
fn plan(s: &healthreach::scenario::Scenario) -> Plan {
    let county = s
        .facilities
        .iter()
        .find(|f| f.tier == Tier::CountyHospital)
        .unwrap();
    let tertiary = s
        .facilities
        .iter()
        .find(|f| f.tier == Tier::TertiaryHospital)
        .unwrap();
    Plan {
        open_sites: vec![s.candidate_sites[0].id.clone()],
        beds: vec![BedsAdded {
            facility: county.id.clone(),
            beds: 40.0,
        }],
        secondments: vec![Secondment {
            from: tertiary.id.clone(),
            to: county.id.clone(),
            doctors: 3.0,
            minutes: 42.5,
        }],
        ..Plan::default()
    }
}

fn setup(dir: &std::path::Path) -> (healthreach::scenario::Scenario, Plan) {
    let s = healthreach::demo::weinan();
    let p = plan(&s);
    std::fs::write(dir.join("s.json"), s.to_json()).unwrap();
    std::fs::write(dir.join("p.json"), serde_json::to_string(&p).unwrap()).unwrap();
    (s, p)
}

fn export(dir: &std::path::Path, format: &str, table: &str, lang: &str) -> std::path::PathBuf {
    let out = dir.join(format!("{table}-{lang}.{format}"));
    let o = bin()
        .args([
            "export", "s.json", "p.json", "--format", format, "--table", table,
        ])
        .arg("--out")
        .arg(&out)
        .args(["--lang", lang])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("hr-export-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn csv_tables_have_one_row_per_decision_unit_and_zone() {
    let dir = tmp("csv");
    let (s, _) = setup(&dir);
    let rows = |table: &str| {
        let p = export(&dir, "csv", table, "en");
        let mut r = csv::Reader::from_path(p).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        (header, rows)
    };
    let (h, d) = rows("decisions");
    assert_eq!(h[0], "kind");
    // Open site, beds, secondment.
    assert_eq!(d.len(), 3, "{d:?}");
    assert!(d.iter().any(|r| &r[0] == "secondment" && &r[10] == "42.5"));
    let (h, u) = rows("indicators");
    assert_eq!(h[3], "beds_per_1000_before");
    assert_eq!(u.len(), s.admin_units.len());
    let (h, z) = rows("zones");
    assert_eq!(h[0], "zone_id");
    assert_eq!(z.len(), s.zones.len());
    // Residents add up; minutes are numbers or empty; within is yes/no.
    let total: f64 = z.iter().map(|r| r[3].parse::<f64>().unwrap()).sum();
    assert_eq!(total, 4_688_744.0);
    assert!(z
        .iter()
        .all(|r| r[6].is_empty() || r[6].parse::<f64>().is_ok()));
    assert!(z.iter().all(|r| &r[8] == "yes" || &r[8] == "no"));
    // The opened site brings some zone closer.
    assert!(z.iter().any(|r| {
        let (b, a) = (r[6].parse::<f64>().ok(), r[7].parse::<f64>().ok());
        matches!((b, a), (Some(b), Some(a)) if a < b) || (b.is_none() && a.is_some())
    }));
}

#[test]
fn xlsx_has_headers_in_the_chosen_language_and_numbers_as_numbers() {
    let dir = tmp("xlsx");
    setup(&dir);
    for (lang, sheet, header) in [
        ("zh", "各县指标", "常住人口"),
        ("en", "Indicators", "Residents"),
    ] {
        let p = export(&dir, "xlsx", "indicators", lang);
        let mut wb: Xlsx<_> = calamine::open_workbook(&p).unwrap();
        assert_eq!(wb.sheet_names(), vec![sheet.to_string()]);
        let range = wb.worksheet_range(sheet).unwrap();
        assert_eq!(range.get((0, 2)), Some(&Data::String(header.into())));
        assert_eq!(range.height(), 12);
        assert!(matches!(range.get((1, 2)), Some(Data::Float(x)) if *x > 100_000.0));
        assert!(matches!(range.get((1, 3)), Some(Data::Float(_))));
    }
    // Decisions: words in the chosen language, quantities numbers.
    let p = export(&dir, "xlsx", "decisions", "zh");
    let mut wb: Xlsx<_> = calamine::open_workbook(&p).unwrap();
    let range = wb.worksheet_range("决策清单").unwrap();
    let kinds: Vec<String> = (1..range.height())
        .map(|r| range.get((r, 0)).unwrap().to_string())
        .collect();
    assert!(kinds.contains(&"医师下沉".to_string()), "{kinds:?}");
    assert!((1..range.height()).all(|r| matches!(range.get((r, 5)), Some(Data::Float(_)))));
    // The same plan gives the same bytes.
    let again = std::fs::read(&p).unwrap();
    let p2 = export(&dir, "xlsx", "decisions", "zh");
    assert_eq!(std::fs::read(p2).unwrap(), again);
}

#[test]
fn geojson_follows_rfc_7946() {
    let dir = tmp("geojson");
    let (s, _) = setup(&dir);
    for table in ["decisions", "indicators", "zones"] {
        let p = export(&dir, "geojson", table, "en");
        let text = std::fs::read_to_string(p).unwrap();
        let gj: geojson::GeoJson = text.parse().unwrap();
        let geojson::GeoJson::FeatureCollection(fc) = gj else {
            panic!("{table}: not a FeatureCollection");
        };
        assert!(fc.crs_name().is_none());
        let expected = match table {
            "decisions" => 3,
            "indicators" => s.admin_units.len(),
            _ => s.zones.len(),
        };
        assert_eq!(fc.features.len(), expected, "{table}");
        for f in &fc.features {
            let g: geo::Geometry<f64> = f.geometry.clone().unwrap().try_into().unwrap();
            let mut check = |p: &geo::Polygon<f64>| {
                assert!(
                    p.exterior().is_ccw(),
                    "{table}: exterior ring not counter-clockwise"
                );
                assert!(
                    p.interiors().iter().all(|r| r.is_cw()),
                    "{table}: hole not clockwise"
                );
                assert_eq!(p.clone().orient(geo::orient::Direction::Default), *p);
            };
            match &g {
                geo::Geometry::MultiPolygon(mp) => mp.0.iter().for_each(&mut check),
                geo::Geometry::Polygon(p) => check(p),
                _ => {}
            }
            // WGS84 longitude/latitude.
            use geo::CoordsIter;
            assert!(g
                .coords_iter()
                .all(|c| (105.0..112.0).contains(&c.x) && (33.0..37.0).contains(&c.y)));
        }
    }
}

trait CrsName {
    fn crs_name(&self) -> Option<String>;
}

impl CrsName for geojson::FeatureCollection {
    fn crs_name(&self) -> Option<String> {
        self.foreign_members
            .as_ref()
            .and_then(|m| m.get("crs"))
            .map(|c| c.to_string())
    }
}

#[test]
fn export_refuses_a_plan_of_another_region_with_its_path() {
    let dir = tmp("refuse");
    setup(&dir);
    std::fs::write(
        dir.join("bad.json"),
        r#"{"open_sites":["nowhere"],"upgrades":[],"beds":[{"facility":"F?","beds":1e300}],"posts":[],"services":[],"secondments":[]}"#,
    )
    .unwrap();
    let o = bin()
        .args([
            "export",
            "s.json",
            "bad.json",
            "--format",
            "csv",
            "--table",
            "decisions",
            "--out",
            "x.csv",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("$.open_sites[0]"), "{err}");
    assert!(err.contains("$.beds[0].facility"), "{err}");
    assert!(err.contains("$.beds[0].beds"), "{err}");
    assert!(!dir.join("x.csv").exists());
}

#[test]
fn a_saved_scenario_file_opens_to_the_same_bytes_and_exports() {
    use healthreach::scenario_file::{open, ScenarioFile};
    let s = healthreach::demo::weinan();
    let p = plan(&s);
    let reply = healthreach::protocol::SolveReply {
        status: healthreach::optimise::Status::Feasible,
        objective: Some(1.0),
        bound: None,
        gap: None,
        seconds: 0.1,
        backend: None,
        solver_version: None,
        nodes: 0,
        solver_note: None,
        cost_yuan: Some(1.0),
        report: Some(healthreach::report::plan_report(&s, &p)),
        plan: Some(p),
        verified: false,
        failed_checks: vec![],
        failed_findings: vec![],
        shortfalls: vec![],
        shortfall_details: vec![],
        binding: vec![],
        cut_short: vec![],
        stopped: false,
    };
    let mut policy = s.policy.clone();
    policy.coverage.share = 0.95;
    let f = ScenarioFile::new(
        "方案 A".into(),
        s.clone(),
        Some(healthreach::records::SavedResult {
            policy,
            reply,
            data: None,
        }),
    );
    let text = f.to_text();
    let (back, _) = open(text.as_bytes()).unwrap();
    assert_eq!(back, f);
    assert_eq!(back.to_text(), text);
    // The CLI exports from a saved file as from a scenario.
    let dir = tmp("file");
    setup(&dir);
    std::fs::write(dir.join("s.json"), &text).unwrap();
    export(&dir, "csv", "decisions", "en");
    // A plain scenario is the older format: migrated, named after its region.
    let (old, _) = open(s.to_json().as_bytes()).unwrap();
    assert_eq!(old.name, "渭南市");
    assert_eq!(old.scenario, s);
    // A plan naming a facility the region lacks is refused at its path.
    let broken = text.replacen(&s.candidate_sites[0].id, "no-such-site", 1);
    let err = open(broken.as_bytes()).unwrap_err();
    assert!(
        err.iter()
            .any(|p| p.path == "$.result.reply.plan.open_sites[0]"),
        "{err:?}"
    );
    // Garbage and hostile values never panic and say where.
    assert!(open(b"\xff\xfe").is_err());
    let bad = text.replacen("\"share\": 0.95", "\"share\": 1e308", 1);
    assert!(open(bad.as_bytes())
        .unwrap_err()
        .iter()
        .any(|p| p.path.starts_with("$.result.policy.coverage.share")));
}
