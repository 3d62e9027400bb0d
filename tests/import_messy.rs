//! Generated prefecture folders as offices hand them over (no manifest;
//! GBK; title, notes and total rows; statistics-office headers; GCJ-02
//! coordinates; planted defects), imported through the CLI: every clean row
//! comes in where the truth has it, every planted defect is named with its
//! spreadsheet row, and the exit codes follow the contract.

use healthreach::generate::region_folder::{generate, Defect, Folder, FolderSpec};
use healthreach::scenario::Scenario;
use std::path::PathBuf;
use std::process::Command;

fn write(f: &Folder, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hr-messy-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in &f.files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

struct Run {
    code: Option<i32>,
    report: serde_json::Value,
    scenario: Option<Scenario>,
    stderr: String,
}

fn import(dir: &PathBuf, extra: &[&str]) -> Run {
    let (out, report) = (dir.join("out.json"), dir.join("report.json"));
    let _ = std::fs::remove_file(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_healthreach"))
        .arg("import")
        .arg(dir)
        .args([
            "--out",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .unwrap();
    let scenario = std::fs::read_to_string(&out).ok().map(|t| {
        healthreach::validate::load(&t)
            .expect("a written scenario loads")
            .0
    });
    Run {
        code: run.status.code(),
        report: serde_json::from_str(&std::fs::read_to_string(&report).unwrap_or("{}".into()))
            .unwrap(),
        scenario,
        stderr: String::from_utf8_lossy(&run.stderr).into_owned(),
    }
}

fn metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let dx = (a[0] - b[0]) * 111_320.0 * b[1].to_radians().cos();
    let dy = (a[1] - b[1]) * 110_574.0;
    (dx * dx + dy * dy).sqrt()
}

/// The report's entries (rejected and warnings) on `row` of the facility list.
fn entries_on(r: &serde_json::Value, file: &str, row: u64) -> Vec<serde_json::Value> {
    ["rejected", "warnings"]
        .iter()
        .flat_map(|k| r[*k].as_array().cloned().unwrap_or_default())
        .filter(|e| e["file"] == file && e["row"] == row)
        .collect()
}

#[test]
fn generated_folders_import_without_a_manifest_row_by_row() {
    for (counties, per, seed, gcj02, gbk) in [
        (1, 150, 3, true, true),
        (4, 50, 7, true, false),
        (9, 30, 11, false, true),
    ] {
        let spec = FolderSpec {
            counties,
            facilities_per_county: per,
            seed,
            gcj02,
            gbk,
            ..FolderSpec::default()
        };
        let f = generate(&spec);
        let dir = write(&f, &format!("rows{seed}"));
        let r = import(&dir, &[]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let s = r.scenario.expect("written");
        assert_eq!(s.admin_units.len(), counties);
        let total: u64 = f.counties.iter().map(|c| c.2).sum();
        assert_eq!(
            s.total_population() as u64,
            total,
            "the 合计 row is not counted"
        );
        assert!(s.policy == healthreach::scenario::Policy::unset());
        let file = &f.facilities_file;
        // The coordinate system was chosen from the points.
        let want = if gcj02 {
            "coordinates read as GCJ-02"
        } else {
            "coordinates read as WGS84"
        };
        let said = r.report.to_string();
        assert!(
            said.contains(want) || (!gcj02 && said.contains("do not show")),
            "{said}"
        );
        // Each planted defect is named on its spreadsheet row.
        for t in f.facilities.iter().filter(|t| t.defect.is_some()) {
            let on = entries_on(&r.report, file, t.row);
            let text = serde_json::to_string(&on).unwrap();
            let (key, kind) = match t.defect.unwrap() {
                Defect::SwappedCoordinates => ("look swapped", "rejected"),
                Defect::FarOutside => ("km outside the region", "rejected"),
                Defect::BadNumber => ("not a number", "rejected"),
                Defect::FractionalBeds => ("not a whole number", "warnings"),
                Defect::ExactDuplicate => ("the same row as row", "warnings"),
                Defect::ProbableDuplicate => ("has the same name", "warnings"),
            };
            assert!(text.contains(key), "row {} {:?}: {text}", t.row, t.defect);
            assert!(
                r.report[kind]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["row"] == t.row),
                "row {} {:?} under {kind}",
                t.row,
                t.defect
            );
            assert!(on.iter().all(|e| e["message_zh"]
                .as_str()
                .is_some_and(|m| m.contains(&format!("第 {} 行", t.row)))));
        }
        // Every line of the report has its Chinese.
        for k in ["rejected", "warnings"] {
            for e in r.report[k].as_array().unwrap() {
                let fix = e["fix"].as_str().unwrap();
                assert!(
                    fix.is_empty() || healthreach::import::fixes::fix_zh(fix).is_some(),
                    "no Chinese for {fix:?}"
                );
            }
        }
        assert_eq!(
            r.report["assumed"].as_array().map(Vec::len),
            r.report["assumed_zh"].as_array().map(Vec::len)
        );
        // Every kept row where the truth has it, with its beds and doctors.
        let kept: Vec<_> = f
            .facilities
            .iter()
            .filter(|t| {
                !matches!(
                    t.defect,
                    Some(
                        Defect::SwappedCoordinates
                            | Defect::FarOutside
                            | Defect::BadNumber
                            | Defect::ExactDuplicate
                    )
                )
            })
            .collect();
        assert_eq!(s.facilities.len(), kept.len(), "{}", r.stderr);
        for (fac, t) in s.facilities.iter().zip(&kept) {
            assert_eq!(fac.name, t.name);
            assert_eq!(fac.tier, t.tier, "{}", t.name);
            assert!(
                metres(fac.location, t.wgs84) < 5.0,
                "{}: {:.1} m",
                t.name,
                metres(fac.location, t.wgs84)
            );
            assert_eq!(fac.beds, t.beds.unwrap().round(), "{}", t.name);
            assert_eq!(fac.doctors, t.doctors, "{}", t.name);
        }
        // With consent the swapped row is corrected, and reported.
        let fixed = import(&dir, &["--fix", "swapped-coordinates"]);
        let s2 = fixed.scenario.expect("written");
        assert_eq!(s2.facilities.len(), kept.len() + 1);
        let t = f
            .facilities
            .iter()
            .find(|t| t.defect == Some(Defect::SwappedCoordinates))
            .unwrap();
        let fac = s2
            .facilities
            .iter()
            .find(|x| x.name == t.name)
            .expect("kept");
        assert!(metres(fac.location, t.wgs84) < 5.0);
        assert!(
            serde_json::to_string(&entries_on(&fixed.report, file, t.row))
                .unwrap()
                .contains("corrected")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_required_column_not_found_exits_2_and_can_be_mapped() {
    let f = generate(&FolderSpec {
        doctors_header: "医护力量".into(),
        ..FolderSpec::default()
    });
    let dir = write(&f, "map");
    let r = import(&dir, &[]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.scenario.is_none(),
        "a scenario without doctors is never written"
    );
    let m = &r.report["missing_columns"][0];
    assert_eq!(m["role"], "doctors");
    assert_eq!(m["part"], "facilities");
    assert!(m["headers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h == "医护力量"));
    assert!(m["message_en"]
        .as_str()
        .unwrap()
        .contains("--map facilities.doctors="));
    assert!(m["message_zh"].as_str().unwrap().contains("未识别出医师列"));
    // Mapped by hand: it imports.
    let ok = import(&dir, &["--map", "facilities.doctors=医护力量"]);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    assert!(ok
        .scenario
        .unwrap()
        .facilities
        .iter()
        .any(|x| x.doctors > 0.0));
    // Marked "not in this file": it imports with 0 doctors, and says so.
    let absent = import(&dir, &["--map", "facilities.doctors="]);
    assert_eq!(absent.code, Some(0), "{}", absent.stderr);
    assert!(absent.report["assumed"]
        .to_string()
        .contains("not in this file"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_part_that_loses_more_than_half_its_rows_needs_consent() {
    let mut f = generate(&FolderSpec {
        gbk: false,
        gcj02: false,
        ..FolderSpec::default()
    });
    // Every village clinic's beds unreadable.
    let name = f.facilities_file.clone();
    let text = String::from_utf8(f.files[&name].clone()).unwrap();
    let broken: String = text
        .lines()
        .map(|l| {
            if l.contains("村卫生室") {
                l.replacen(",0,1,", ",x,1,", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    f.files.insert(name, broken.into_bytes());
    let dir = write(&f, "half");
    let r = import(&dir, &[]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.scenario.is_none());
    assert!(r.report["mostly_rejected"][0]["message_en"]
        .as_str()
        .unwrap()
        .contains("more than half"));
    let ok = import(&dir, &["--accept-rejected"]);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sources_name_files_not_paths() {
    let f = generate(&FolderSpec::default());
    let dir = write(&f, "src");
    let r = import(&dir, &[]);
    let s = r.scenario.expect("written");
    let text = serde_json::to_string(&s.sources).unwrap();
    assert!(!text.contains(dir.to_str().unwrap()), "{text}");
    assert!(text.contains("医疗机构名录.csv"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_hostile_facility_file_is_refused_by_name_and_the_cli_says_so() {
    // The folder's facility list replaced by files built to exhaust memory:
    // the import stops with the limit named, exit 1, nothing written.
    let book =
        healthreach::generate::hostile::workbook(&[(0, 0, "机构名称"), (1_048_575, 16_383, "x")]);
    let cases: [(&str, Vec<u8>, &str); 2] = [
        ("医疗机构名录.xlsx", book, "beyond the 1024 columns"),
        (
            "医疗机构名录.csv",
            vec![b','; 50 << 20],
            "more than 1024 cells",
        ),
    ];
    for (k, (name, bytes, said)) in cases.into_iter().enumerate() {
        let mut f = generate(&FolderSpec {
            gbk: false,
            ..FolderSpec::default()
        });
        f.files.remove(&f.facilities_file.clone());
        f.files.insert(name.to_string(), bytes);
        let dir = write(&f, &format!("hostile{k}"));
        let r = import(&dir, &[]);
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        assert!(r.scenario.is_none());
        let text = r.report["rejected"].to_string();
        assert!(text.contains(said), "{name}: {text}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
