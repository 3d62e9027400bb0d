//! `solve --time-limit T` returns within T (plus the reading of the file)
//! on a region far too large to finish in T, and names the stages it cut
//! short. A binary of its own, so nothing else competes for the cores.

use std::process::Command;
use std::time::Instant;

use healthreach::bench::province::Province;

/// A generated province of 36 counties with over 200,000 facilities and a
/// road network: travel times, solve, check and estimates together take far
/// longer than the limits below.
fn large_region(dir: &std::path::Path) -> std::path::PathBuf {
    let s = Province {
        side: 6,
        zones: 120,
        townships: 12,
        clinics: 5_560,
        sites: 6,
        grid: 150,
    }
    .generate(28);
    // Every rule on but paediatric access, which this region cannot meet:
    // a plan is found, so check and estimates have work the limit can cut.
    let mut s = s;
    s.policy = healthreach::rules::RuleId::Paediatrics.turned_off(&s.policy);
    assert!(s.facilities.len() >= 200_000, "{}", s.facilities.len());
    let path = dir.join("large.json");
    std::fs::write(&path, serde_json::to_vec(&s).unwrap()).unwrap();
    path
}

/// Runs `solve --json --timings` and returns (wall seconds, parsed reply,
/// the stage timings it printed).
fn solve(file: &std::path::Path, limit: f64) -> (f64, serde_json::Value, String) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_healthreach"))
        .args([
            "solve",
            "--json",
            "--timings",
            "--time-limit",
            &limit.to_string(),
        ])
        .arg(file)
        .output()
        .unwrap();
    let wall = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "solve printed no JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (wall, v, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn cut_short(v: &serde_json::Value) -> Vec<String> {
    v["result"]["cut_short"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_time_limit_bounds_the_whole_run_and_names_what_was_cut() {
    let dir = std::env::temp_dir().join(format!("healthreach-time-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = large_region(&dir);
    // The bound: the limit plus one second at any size (process
    // start and exit included); a run that ignored the limit in any stage
    // takes many times longer.
    const SLACK: f64 = 1.0;
    // The limits are fractions of what the whole run takes on this
    // machine, so each one falls inside the work on a slow machine and a
    // fast one alike: the first inside travel times, the others later.
    let (full, whole, _) = solve(&file, 600.0);
    eprintln!(
        "--time-limit 600: {full:.2} s, {}, cut short: {:?}",
        whole["result"]["status"],
        cut_short(&whole)
    );
    assert!(
        cut_short(&whole).is_empty(),
        "a run with time to spare was cut short: {:?}",
        cut_short(&whole)
    );
    assert!(
        full >= 3.0,
        "the whole run took {full:.2} s, too little to test a limit inside it"
    );
    let round = |x: f64| (x * 10.0).round() / 10.0;
    for limit in [1.0, round(full * 0.45), round(full * 0.75)] {
        let (wall, v, stages) = solve(&file, limit);
        let cut = cut_short(&v);
        eprintln!(
            "--time-limit {limit}: {wall:.2} s, {}, cut short: {cut:?}\n{stages}",
            v["result"]["status"]
        );
        assert!(
            wall <= limit + SLACK,
            "--time-limit {limit}: took {wall:.2} s (cut short: {cut:?}); stages:\n{stages}"
        );
        assert!(
            !cut.is_empty(),
            "--time-limit {limit}: nothing was cut short, so the region is too small to test the limit"
        );
        let known = [
            "travel_times",
            "bed_gathering",
            "marginal_values",
            "check",
            "estimates",
        ];
        assert!(cut.iter().all(|c| known.contains(&c.as_str())), "{cut:?}");
        // What was cut is missing from the reply, never half there.
        if cut.iter().any(|c| c == "check") {
            assert!(v["check"].is_null(), "{}", v["check"]);
        }
        if cut.iter().any(|c| c == "estimates") {
            assert!(v["estimates"].is_null());
        }
        if cut.iter().any(|c| c == "travel_times") {
            assert!(v["result"]["plan"].is_null());
            assert_eq!(v["result"]["status"], "time_limit", "{v}");
        }
    }
    if std::env::var_os("KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
