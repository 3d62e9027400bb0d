//! The importer end to end: the demo region written out as a planner's files
//! (GeoJSON boundaries, a GBK census table with a title row, a UTF-8-BOM
//! facility list with category text, units in cells and GCJ-02 positions),
//! imported back, and solved.

use healthreach::i18n::Lang;
use healthreach::import::chinese_crs::wgs84_to_gcj02;
use healthreach::import::manifest::Manifest;
use healthreach::import::pipeline::{import, Files, ImportOptions};
use healthreach::scenario::{Scenario, Tier};
use std::collections::HashMap;

struct Mem(HashMap<String, Vec<u8>>);
impl Files for Mem {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("{path}: no such file"))
    }
}

fn category(t: Tier) -> &'static str {
    match t {
        Tier::VillageClinic => "村卫生室",
        Tier::TownshipHealthCentre => "乡镇卫生院",
        Tier::CommunityHealthCentre => "社区卫生服务中心",
        Tier::CountyHospital => "县人民医院",
        Tier::CityHospital => "市中心医院",
        Tier::TertiaryHospital => "三级甲等医院",
    }
}

fn grouped(n: f64) -> String {
    healthreach::i18n::group_digits(n)
}

/// The demo as files, and the manifest naming them.
fn planner_files(s: &Scenario) -> (Mem, Manifest) {
    let features: Vec<serde_json::Value> = s
        .admin_units
        .iter()
        .map(|u| {
            serde_json::json!({"type": "Feature",
                "properties": {"adcode": u.code, "name": u.name},
                "geometry": {"type": "MultiPolygon", "coordinates": u.boundary.0}})
        })
        .collect();
    let geo = serde_json::json!({"type": "FeatureCollection", "features": features}).to_string();
    let mut census =
        String::from("渭南市第七次全国人口普查 各县（市、区）常住人口\n\n区划代码,地区,常住人口\n");
    for u in &s.admin_units {
        census += &format!(
            "{},{},\"{}人\"\n",
            u.code,
            u.name,
            grouped(s.unit_population(&u.id))
        );
    }
    census += &format!(",合计,\"{}\"\n", grouped(s.total_population()));
    let (gbk, _, _) = encoding_rs::GBK.encode(&census);
    let mut list = String::from("\u{feff}机构名称,机构类别,床位数,执业医师数,经度,纬度\n");
    for f in &s.facilities {
        let [x, y] = wgs84_to_gcj02(f.location);
        list += &format!(
            "{},{},{}张,{},{x:.9},{y:.9}\n",
            f.name,
            category(f.tier),
            f.beds,
            f.doctors
        );
    }
    let files = Mem(HashMap::from([
        ("units.geojson".to_string(), geo.into_bytes()),
        ("census.csv".to_string(), gbk.into_owned()),
        ("facilities.csv".to_string(), list.into_bytes()),
    ]));
    let m: Manifest = serde_json::from_value(serde_json::json!({
        "name": "渭南市",
        "units": {"path": "units.geojson"},
        "population": {"path": "census.csv"},
        "facilities": {"path": "facilities.csv", "crs": "gcj02"},
        "zones": {"hex_km": 3}
    }))
    .unwrap();
    (files, m)
}

#[test]
fn the_demo_round_trips_through_a_planners_files() {
    let demo = healthreach::demo::weinan();
    let (files, m) = planner_files(&demo);
    let (s, report) = import(&m, &files, ImportOptions::default());
    let s = s.unwrap_or_else(|| panic!("{:#?}", report.rejected));
    // Nothing is rejected: the total row is left out as a note, not a rejection.
    assert!(report.rejected.is_empty(), "{:#?}", report.rejected);
    assert!(
        report
            .assumed
            .iter()
            .any(|a| a.contains("row 15: a total row")),
        "{:#?}",
        report.assumed
    );
    assert_eq!(report.assumed.len(), report.assumed_zh.len());
    // No invented policy: every target is off until the planner sets it.
    assert_eq!(s.policy, healthreach::scenario::Policy::unset());
    assert!(report.assumed.iter().any(|a| a.contains("gb18030")));
    assert_eq!(s.admin_units.len(), demo.admin_units.len());
    for u in &demo.admin_units {
        let got = s.admin_units.iter().find(|x| x.code == u.code).unwrap();
        assert_eq!(
            s.unit_population(&got.id),
            demo.unit_population(&u.id),
            "{}",
            u.name
        );
    }
    assert_eq!(s.total_population(), demo.total_population());
    assert_eq!(s.facilities.len(), demo.facilities.len());
    for (a, b) in s.facilities.iter().zip(&demo.facilities) {
        assert_eq!(
            (a.tier, a.beds, a.doctors),
            (b.tier, b.beds, b.doctors),
            "{}",
            a.name
        );
        assert!(
            (a.location[0] - b.location[0]).abs() < 1e-7
                && (a.location[1] - b.location[1]).abs() < 1e-7
        );
        let unit = &s
            .admin_units
            .iter()
            .find(|u| u.id == a.admin_unit)
            .unwrap()
            .code;
        let want = &demo
            .admin_units
            .iter()
            .find(|u| u.id == b.admin_unit)
            .unwrap()
            .code;
        assert_eq!(unit, want, "{}", a.name);
    }
    assert!(s.sources.iter().any(|x| x.part == "zones" && !x.real));
    // It plans with the targets a planner sets (here the documented defaults).
    let mut s = s;
    s.policy = healthreach::scenario::Policy::default();
    let r = healthreach::optimise::plan::solve_plan(
        &s,
        &healthreach::optimise::plan::PlanOptions {
            time_limit: Some(30.0),
            ..Default::default()
        },
    )
    .expect("a plan, an infeasibility or a time limit, never an error");
    assert!(r.variables > 0, "{:?}", r.outcome);
}

#[test]
fn problems_are_reported_by_file_row_and_field() {
    let demo = healthreach::demo::weinan();
    let (mut files, m) = planner_files(&demo);
    let list = String::from_utf8(files.0["facilities.csv"].clone()).unwrap();
    let mut lines: Vec<String> = list.lines().map(str::to_string).collect();
    lines[1] = "药店甲,药店,0,1,109.5,34.5".into(); // unknown category
    lines[2] = "某院,县人民医院,\"1,5\",5,109.5,34.5".into(); // ambiguous number
    lines[3] = "远方,村卫生室,0,1,100.0,20.0".into(); // outside every unit
    files
        .0
        .insert("facilities.csv".into(), lines.join("\n").into_bytes());
    let (s, report) = import(&m, &files, ImportOptions::default());
    assert!(
        s.is_some(),
        "warnings and rejected rows do not block by default"
    );
    let at = |row| {
        report
            .rejected
            .iter()
            .find(|e| e.file == "facilities.csv" && e.row == Some(row))
            .unwrap_or_else(|| panic!("row {row}: {:#?}", report.rejected))
    };
    assert_eq!(at(2).field, "机构类别");
    assert!(at(3).reason.contains("ambiguous"));
    assert!(
        at(4).reason.contains("km outside the region"),
        "{:?}",
        at(4)
    );
    assert!(at(4).message_zh.contains("第 4 行"), "{:?}", at(4));
    let (strict, _) = import(
        &m,
        &files,
        ImportOptions {
            strict: true,
            ..Default::default()
        },
    );
    assert!(strict.is_none());
}

#[test]
fn the_cli_contract() {
    let demo = healthreach::demo::weinan();
    let (files, m) = planner_files(&demo);
    let dir = std::env::temp_dir().join(format!("healthreach-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in &files.0 {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let _ = m;
    let manifest = dir.join("manifest.json");
    std::fs::write(
        &manifest,
        r#"{"name": "渭南市", "units": {"path": "units.geojson"}, "population": {"path": "census.csv"},
            "facilities": {"path": "facilities.csv", "crs": "gcj02"}, "zones": {"hex_km": 3}}"#,
    )
    .unwrap();
    let (out, report) = (dir.join("s.json"), dir.join("r.json"));
    let bin = env!("CARGO_BIN_EXE_healthreach");
    let run = std::process::Command::new(bin)
        .args([
            "import",
            manifest.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(r["rejected"].is_array() && r["warnings"].is_array() && r["totals"].is_object());
    assert_eq!(r["rejected"].as_array().map(Vec::len), Some(0), "{r:#}");
    assert!(r["assumed_zh"].as_array().is_some_and(|a| !a.is_empty()));
    // The imported scenario validates and solves from the CLI.
    let v = std::process::Command::new(bin)
        .args(["validate", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    let s = std::process::Command::new(bin)
        .args(["solve", out.to_str().unwrap(), "--time-limit", "30"])
        .output()
        .unwrap();
    assert!(
        s.status.code() == Some(0) || s.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&s.stderr)
    );
    assert!(String::from_utf8_lossy(&s.stdout).contains("status:"));
    // A broken manifest: exit 1 with the reason in the report.
    std::fs::write(&manifest, r#"{"units": {"path": "units.geojson"}}"#).unwrap();
    let bad = std::process::Command::new(bin)
        .args([
            "import",
            manifest.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(r["rejected"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("population"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_census_workbook_with_a_title_row_and_merged_cells() {
    use rust_xlsxwriter::Workbook;
    let demo = healthreach::demo::weinan();
    let (mut files, mut m) = planner_files(&demo);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("常住人口").unwrap();
    // A title merged across the columns, a blank row, then the header.
    sheet
        .merge_range(0, 0, 0, 2, "渭南市第七次全国人口普查", &Default::default())
        .unwrap();
    sheet.write_string(2, 0, "区划代码").unwrap();
    sheet.write_string(2, 1, "地区").unwrap();
    sheet.write_string(2, 2, "常住人口（人）").unwrap();
    for (i, u) in demo.admin_units.iter().enumerate() {
        let r = 3 + i as u32;
        sheet
            .write_number(r, 0, u.code.parse::<f64>().unwrap())
            .unwrap();
        sheet.write_string(r, 1, &u.name).unwrap();
        sheet
            .write_number(r, 2, demo.unit_population(&u.id))
            .unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    files.0.insert("census.xlsx".into(), bytes);
    m.population.path = "census.xlsx".into();
    m.population.sheet = Some("常住人口".into());
    let (s, report) = import(&m, &files, ImportOptions::default());
    let s = s.unwrap_or_else(|| panic!("{:#?}", report.rejected));
    assert!(report.rejected.is_empty(), "{:#?}", report.rejected);
    assert_eq!(s.total_population(), demo.total_population());
    // A sheet that is not there is named with the ones that are.
    m.population.sheet = Some("Sheet9".into());
    let (s, report) = import(&m, &files, ImportOptions::default());
    assert!(s.is_none());
    assert!(
        report.rejected[0].reason.contains("常住人口"),
        "{:?}",
        report.rejected[0]
    );
}

/// Export → import gives the same scenario: every unit, zone, facility,
/// candidate site, road link and travel time the files carry.
#[test]
fn export_then_import_gives_the_same_scenario() {
    let mut demo = healthreach::demo::weinan();
    // A small travel table, so that part of the round trip is exercised too.
    demo.travel_times = Some(healthreach::scenario::TravelTimeTable {
        mode: healthreach::scenario::Mode::Walk,
        entries: demo
            .zones
            .iter()
            .take(5)
            .zip(&demo.facilities)
            .map(|(z, f)| healthreach::scenario::TravelTimeEntry {
                zone: z.id.clone(),
                site: f.id.clone(),
                minutes: 12.5,
            })
            .collect(),
    });
    let files = healthreach::import::region_files::region_files(&demo);
    assert_eq!(files[0].0, "manifest.json");
    let m: Manifest = serde_json::from_slice(&files[0].1).unwrap();
    let mem = Mem(files.into_iter().collect());
    let (s, report) = import(
        &m,
        &mem,
        ImportOptions {
            strict: true,
            ..Default::default()
        },
    );
    let s = s.unwrap_or_else(|| panic!("{:#?}", report.rejected));
    let key = |u: &healthreach::scenario::AdminUnit| {
        (
            u.id.clone(),
            u.name.clone(),
            u.code.clone(),
            u.boundary.clone(),
            u.population,
        )
    };
    assert_eq!(
        s.admin_units.iter().map(key).collect::<Vec<_>>(),
        demo.admin_units.iter().map(key).collect::<Vec<_>>()
    );
    let zkey = |z: &healthreach::scenario::DemandZone| {
        (
            z.id.clone(),
            z.admin_unit.clone(),
            z.location,
            z.area.clone(),
            z.population,
        )
    };
    assert_eq!(
        s.zones.iter().map(zkey).collect::<Vec<_>>(),
        demo.zones.iter().map(zkey).collect::<Vec<_>>()
    );
    let fkey = |f: &healthreach::scenario::Facility| {
        (
            f.id.clone(),
            f.name.clone(),
            f.tier,
            f.location,
            f.admin_unit.clone(),
            f.beds,
            f.doctors,
            // The county medical community's data.
            (
                f.community.clone(),
                f.telemedicine_hub.clone(),
                f.elderly_care_beds,
                f.services.clone(),
            ),
        )
    };
    assert_eq!(
        s.facilities.iter().map(fkey).collect::<Vec<_>>(),
        demo.facilities.iter().map(fkey).collect::<Vec<_>>()
    );
    assert_eq!(s.candidate_sites, demo.candidate_sites);
    let rkey = |r: &healthreach::scenario::RoadNetwork| {
        r.links
            .iter()
            .map(|l| (l.id.clone(), l.class, l.line.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(s.roads.as_ref().map(rkey), demo.roads.as_ref().map(rkey));
    let mut want = demo.travel_times.clone().unwrap();
    want.entries
        .sort_by(|a, b| (&a.zone, &a.site).cmp(&(&b.zone, &b.site)));
    assert_eq!(s.travel_times, Some(want));
}

#[test]
fn export_region_then_import_from_the_cli() {
    let bin = env!("CARGO_BIN_EXE_healthreach");
    let dir = std::env::temp_dir().join(format!("hr-export-{}", std::process::id()));
    let demo = dir.join("demo.json");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(&demo, healthreach::demo::weinan().to_json_pretty()).unwrap();
    let out = std::process::Command::new(bin)
        .args([
            "export-region",
            demo.to_str().unwrap(),
            "--dir",
            dir.join("files").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = dir.join("back.json");
    let out = std::process::Command::new(bin)
        .args([
            "import",
            dir.join("files/manifest.json").to_str().unwrap(),
            "--out",
            back.to_str().unwrap(),
            "--strict",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = healthreach::validate::load(&std::fs::read_to_string(&back).unwrap())
        .unwrap()
        .0;
    assert_eq!(s.zones.len(), healthreach::demo::weinan().zones.len());
    // A scenario that is not valid is refused (the CLI's exit 2 for unusable input), not a panic.
    std::fs::write(dir.join("bad.json"), "{}").unwrap();
    let out = std::process::Command::new(bin)
        .args([
            "export-region",
            dir.join("bad.json").to_str().unwrap(),
            "--dir",
            dir.join("x").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid scenario"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A planner's list with the county medical community's columns (lead
/// hospital and reading centre by name, elderly-care beds, services by
/// Chinese name): each is read onto the facility, leads lead themselves,
/// and a name matching no facility or an unknown service is reported with
/// its row and left out.
#[test]
fn community_hub_elderly_beds_and_services_are_read_from_the_list() {
    let demo = healthreach::demo::weinan();
    let (mut files, m) = planner_files(&demo);
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| demo.facilities.iter().find(|f| &f.id == id))
            .map(|f| f.name.clone())
            .unwrap_or_default()
    };
    let bad = demo
        .facilities
        .iter()
        .position(|f| f.tier == Tier::TownshipHealthCentre)
        .unwrap();
    let mut list = String::from(
        "机构名称,机构类别,床位数,执业医师数,经度,纬度,医共体牵头医院,远程医疗中心,医养结合床位,服务项目\n",
    );
    for (k, f) in demo.facilities.iter().enumerate() {
        let [x, y] = wgs84_to_gcj02(f.location);
        let services: Vec<&str> = f
            .services
            .iter()
            .map(|s| healthreach::i18n::t(Lang::Zh, &format!("specialty_{}", s.key())))
            .collect();
        // One centre's row names a lead that does not exist and a service
        // nobody plans.
        let (community, extra) = if k == bad {
            ("不存在的医院".to_string(), "、针灸")
        } else {
            (name_of(&f.community), "")
        };
        list += &format!(
            "{},{},{},{},{x:.9},{y:.9},{community},{},{},{}{extra}\n",
            f.name,
            category(f.tier),
            f.beds,
            f.doctors,
            name_of(&f.telemedicine_hub),
            f.elderly_care_beds,
            services.join("、"),
        );
    }
    files.0.insert("facilities.csv".into(), list.into_bytes());
    let (s, report) = import(&m, &files, ImportOptions::default());
    let s = s.unwrap_or_else(|| panic!("{:#?}", report.rejected));
    assert_eq!(s.facilities.len(), demo.facilities.len());
    for (k, (f, got)) in demo.facilities.iter().zip(&s.facilities).enumerate() {
        if k == bad {
            continue;
        }
        assert_eq!(got.elderly_care_beds, f.elderly_care_beds, "{}", f.name);
        assert_eq!(got.services, f.services, "{}", f.name);
        let lead = got
            .community
            .as_ref()
            .map(|id| s.facility(id).unwrap().name.clone());
        assert_eq!(
            lead.unwrap_or_default(),
            name_of(&f.community),
            "row {}",
            k + 2
        );
        let hub = got
            .telemedicine_hub
            .as_ref()
            .map(|id| s.facility(id).unwrap().name.clone());
        assert_eq!(
            hub.unwrap_or_default(),
            name_of(&f.telemedicine_hub),
            "{}",
            f.name
        );
    }
    assert_eq!(s.lead_hospitals().len(), demo.lead_hospitals().len());
    let warned = |field: &str| {
        report
            .warnings
            .iter()
            .any(|w| w.field == field && w.row == Some(bad as u64 + 2))
    };
    assert!(warned("community"), "{:#?}", report.warnings);
    assert!(warned("服务项目"), "{:#?}", report.warnings);
    assert_eq!(s.facilities[bad].community, None);
}
