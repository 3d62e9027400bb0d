//! The `healthreach` command line, end to end.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_healthreach"))
}

fn run_with_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn demo_piped_into_validate_prints_the_summary() {
    let demo = bin().arg("demo").output().unwrap();
    assert!(demo.status.success());
    let out = run_with_stdin(&["validate", "-"], &String::from_utf8(demo.stdout).unwrap());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("admin units:      11"), "{stdout}");
    assert!(stdout.contains("population:       4,688,744"), "{stdout}");
    assert!(stdout.contains("valid scenario"));
    assert!(stdout.contains("per 1,000"));
}

#[test]
fn validate_json_reports_counts() {
    let demo = bin().arg("demo").output().unwrap();
    let out = run_with_stdin(
        &["validate", "-", "--json"],
        &String::from_utf8(demo.stdout).unwrap(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["summary"]["admin_units"], 11);
    assert_eq!(v["summary"]["population"], 4_688_744.0);
}

#[test]
fn a_corrupted_file_exits_non_zero_listing_every_problem() {
    let mut s = healthreach::demo::weinan();
    s.zones[10].population = -1.0;
    s.zones[11].id = s.zones[12].id.clone();
    let dir = std::env::temp_dir().join(format!("hr-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(&file, s.to_json()).unwrap();
    let out = bin().arg("validate").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("$.zones[10].population"), "{stderr}");
    assert!(stderr.contains("$.zones[12].id"), "{stderr}");
    assert!(stderr.contains("2 error(s)"), "{stderr}");
    assert!(stderr.contains(&*file.display().to_string()));
}

#[test]
fn a_missing_file_is_a_clear_usage_error() {
    let out = bin()
        .args(["validate", "/no/such/file.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.json"));
}

#[test]
fn access_json_reports_coverage_curve_and_ratios() {
    let demo = bin().arg("demo").output().unwrap();
    let out = run_with_stdin(
        &[
            "access",
            "-",
            "--mode",
            "drive",
            "--minutes",
            "15",
            "--json",
        ],
        &String::from_utf8(demo.stdout).unwrap(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let region = v["coverage_share"]["region"].as_f64().unwrap();
    assert!(region > 0.0 && region <= 1.0);
    assert_eq!(v["coverage_share"]["units"].as_object().unwrap().len(), 11);
    let curve = v["access_curve"].as_array().unwrap();
    assert_eq!(curve[15]["share"].as_f64().unwrap(), region);
    assert_eq!(v["beds_per_1000"].as_object().unwrap().len(), 11);
    assert_eq!(v["doctors_per_1000"].as_object().unwrap().len(), 11);
    assert_eq!(v["method"], "road_network");
}

#[test]
fn access_table_names_every_county() {
    let demo = bin().arg("demo").output().unwrap();
    let out = run_with_stdin(
        &["access", "-", "--mode", "walk"],
        &String::from_utf8(demo.stdout).unwrap(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for name in ["临渭区", "华州区", "潼关县", "韩城市"] {
        assert!(stdout.contains(name), "{stdout}");
    }
    assert!(stdout.contains("residents within 15 min"));
}

#[test]
fn solve_classic_prints_the_documented_json() {
    let problem = r#"{"kind": "mclp", "p": 1, "S": 5, "demand_weight": [3, 1, 2],
        "minutes": [[1, 9], [9, 1], [4, 6]], "comment": "unknown fields are ignored"}"#;
    let out = run_with_stdin(&["solve-classic", "-"], problem);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["objective"], 5.0);
    assert_eq!(v["bound"], 5.0);
    assert_eq!(v["gap"], 0.0);
    assert_eq!(v["open"], serde_json::json!([0]));
    assert!(v["seconds"].as_f64().unwrap() >= 0.0);

    let bad = run_with_stdin(
        &["solve-classic", "-"],
        r#"{"kind": "p-median", "demand_weight": [1]}"#,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no costs"));
}

/// `healthreach publish`: the contract (folder, single file, flags), the
/// refusals, and byte-identical output; the viewer's files come from
/// `--assets` (the real ones are Trunk's build, tested in the e2e run).
#[test]
fn publish_writes_the_folder_and_the_single_file_and_refuses_what_it_must() {
    let dir = std::env::temp_dir().join(format!("hr-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let assets = dir.join("assets");
    std::fs::create_dir_all(assets.join("solver")).unwrap();
    for (p, b) in [
        ("portal.js", &b"let wasm_bindgen;"[..]),
        ("portal_bg.wasm", &b"\0asm\x01\0\0\0"[..]),
        ("solver/highs.js", &b"var Module;"[..]),
        ("solver/highs.wasm", &b"\0asm\x01\0\0\0"[..]),
        (
            "solver/highs.wasm.br",
            &b"\x0b\x03\x80\0asm\x01\0\0\0\x03"[..],
        ),
    ] {
        std::fs::write(assets.join(p), b).unwrap();
    }
    let scenario = dir.join("demo.json");
    std::fs::write(&scenario, bin().arg("demo").output().unwrap().stdout).unwrap();
    let plan = dir.join("plan.json");
    let solved = bin()
        .args([
            "solve",
            scenario.to_str().unwrap(),
            "--out",
            plan.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(solved.status.success());
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let publish = |out: &str, single: &str, extra: &[&str]| {
        let mut args = vec![
            "publish".to_string(),
            s(&scenario),
            s(&plan),
            "--assets".into(),
            s(&assets),
        ];
        if !extra.contains(&"--date") {
            args.extend(["--date".to_string(), "2026-12-01".into()]);
        }
        if !out.is_empty() {
            args.extend(["--out".to_string(), s(&dir.join(out))]);
        }
        if !single.is_empty() {
            args.extend(["--single-file".to_string(), s(&dir.join(single))]);
        }
        args.extend(extra.iter().map(|x| x.to_string()));
        bin().args(&args).output().unwrap()
    };
    let first = publish(
        "a",
        "a.html",
        &["--title", "渭南 <公示>", "--publisher", "卫健委"],
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let line = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(
        line.starts_with("published\t") && line.contains("optimal") && line.contains("verified"),
        "{line}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("a/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], "healthreach-portal");
    assert_eq!(manifest["title"], "渭南 <公示>");
    assert_eq!(manifest["publisher"], "卫健委");
    assert_eq!(manifest["date"], "2026-12-01");
    assert_eq!(manifest["status"], "optimal");
    assert_eq!(manifest["verified"], true);
    // Publishing again over the earlier bundle gives the same bytes.
    let again = publish(
        "a",
        "b.html",
        &["--title", "渭南 <公示>", "--publisher", "卫健委"],
    );
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(dir.join("a.html")).unwrap(),
        std::fs::read(dir.join("b.html")).unwrap()
    );
    // Refusals: nowhere to write, a bad date, a folder that is not a bundle.
    let none = publish("", "", &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("--out DIR"));
    let bad = publish("c", "", &["--date", "2026-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
    std::fs::create_dir_all(dir.join("other")).unwrap();
    std::fs::write(dir.join("other/manifest.json"), "{\"name\": \"an app\"}").unwrap();
    let other = publish("other", "", &[]);
    assert_eq!(other.status.code(), Some(2));
    assert!(
        dir.join("other/manifest.json").exists(),
        "nothing of it deleted"
    );
    // Publishing never deletes what it did not write: a note beside an
    // earlier bundle makes the folder refused, and both stay.
    std::fs::write(dir.join("a/notes.txt"), "会议纪要").unwrap();
    let beside_notes = publish("a", "", &[]);
    assert_eq!(beside_notes.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&beside_notes.stderr).contains("notes.txt"));
    assert!(dir.join("a/notes.txt").exists() && dir.join("a/manifest.json").exists());
    std::fs::remove_file(dir.join("a/notes.txt")).unwrap();
    // Replacing an earlier bundle removes the files it listed (one the new
    // bundle lacks included) and leaves nothing beside the folder.
    let m_path = dir.join("a/manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&m_path).unwrap()).unwrap();
    m["files"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"path": "downloads/old.csv", "bytes": 1, "sha256": "0"}));
    std::fs::write(&m_path, m.to_string()).unwrap();
    std::fs::write(dir.join("a/downloads/old.csv"), "x").unwrap();
    let replaced = publish("a", "", &[]);
    assert!(
        replaced.status.success(),
        "{}",
        String::from_utf8_lossy(&replaced.stderr)
    );
    assert!(!dir.join("a/downloads/old.csv").exists());
    assert!(dir.join("a/index.html").exists() && dir.join("a/downloads/decisions.csv").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A folder that holds an input, and the current directory, are refused.
    let holds_input = publish(".", "", &[]);
    assert_eq!(holds_input.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&holds_input.stderr).contains("an input"));
    assert!(scenario.exists() && plan.exists());
    let here = dir.join("here");
    std::fs::create_dir_all(&here).unwrap();
    std::fs::write(here.join("mine.txt"), "x").unwrap();
    let cwd = bin()
        .current_dir(&here)
        .args([
            "publish",
            &s(&scenario),
            &s(&plan),
            "--assets",
            &s(&assets),
            "--out",
            ".",
            "--date",
            "2026-12-01",
        ])
        .output()
        .unwrap();
    assert_eq!(cwd.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&cwd.stderr).contains("current directory"));
    assert!(here.join("mine.txt").exists());
    // A plan naming a facility the scenario lacks is refused with the reason.
    let text = std::fs::read_to_string(&plan).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["beds"][0]["facility"] = "NO-SUCH".into();
    std::fs::write(&plan, v.to_string()).unwrap();
    let unknown = publish("d", "", &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("NO-SUCH"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_json_has_one_entry_per_element_of_the_plan_named_by_its_path() {
    let dir = std::env::temp_dir().join(format!("hr-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (s, p) = (dir.join("s.json"), dir.join("p.json"));
    assert!(bin()
        .args(["demo", "--out"])
        .arg(&s)
        .status()
        .unwrap()
        .success());
    let solved = bin()
        .arg("solve")
        .arg(&s)
        .arg("--out")
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        solved.status.success(),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    // A few seconds of comparison solves: the first decisions priced, the rest not computed.
    let out = bin()
        .arg("explain")
        .arg(&s)
        .arg(&p)
        .args(["--json", "--without-seconds", "2", "--without-total", "3"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut expected = vec![];
    for (array, items) in plan.as_object().unwrap() {
        if let Some(items) = items.as_array() {
            expected.extend((0..items.len()).map(|i| format!("{array}/{i}")));
        }
    }
    let mut got: Vec<String> = v
        .iter()
        .map(|e| e["decision"].as_str().unwrap().to_string())
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    let statuses: Vec<&str> = v
        .iter()
        .map(|e| e["status_without"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"optimal"), "{statuses:?}");
    assert!(statuses.contains(&"not_computed"), "{statuses:?}");
    for e in &v {
        assert!(e["facility"].is_string() && e["kind"].is_string() && e["why_zh"].is_string());
        for x in e["effects"].as_array().unwrap() {
            for k in [
                "rule",
                "unit",
                "indicator",
                "with",
                "without",
                "target",
                "binding",
            ] {
                assert!(x.get(k).is_some(), "{k} missing in {x}");
            }
        }
    }
    // An unreadable plan exits 2.
    std::fs::write(&p, "{").unwrap();
    let bad = bin().arg("explain").arg(&s).arg(&p).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
