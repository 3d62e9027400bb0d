//! Solver benchmark, one program for both platforms: spopt SF, OR-Library
//! pmed1–10 and the Weinan demo plan, each with HiGHS and with microlp in
//! the same run; and the generated province (`province`).
//!
//! Native:  `cargo run --release --bin bench_solve [province [--time-limit S] [--mip-gap G] [--write FILE]]`
//! Browser: built by Trunk from `bench/solve.html`, read by `tests/e2e/bench.mjs solve`.

/// OR-Library pmed1–10, the solver table's p-median workload.
const PMED: &[&str] = PMED_ALL.split_at(10).0;
const SF: (&str, &str) = (
    include_str!("../../tests/data/SF_network_distance_candidateStore_16_censusTract_205_new.csv"),
    include_str!("../../tests/data/SF_demand_205_centroid_uniform_weight.csv"),
);
/// Time limit of the demo's full plan (seconds).
const PLAN_SECONDS: f64 = 30.0;

/// The value after `--name` on the command line.
#[cfg(not(target_arch = "wasm32"))]
fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// `bench_solve province [--time-limit S] [--mip-gap G] [--write FILE]`:
/// the generated province, each stage timed (or, with `--write`, its
/// scenario written for the browser measurement).
#[cfg(not(target_arch = "wasm32"))]
fn province(args: &[String]) {
    let value = |name: &str| arg(args, name);
    if let Some(path) = value("--write") {
        let s = healthreach::bench::province::Province::full().generate(1);
        let text = serde_json::to_string(&s).expect("json");
        std::fs::write(&path, &text).expect("write the province");
        println!("wrote {path} ({:.1} MB)", text.len() as f64 / 1e6);
        return;
    }
    let time_limit = value("--time-limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(60.0);
    let mip_gap = value("--mip-gap")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.01);
    println!("province benchmark (native, release): time limit {time_limit} s, MIP gap {mip_gap}");
    let t0 = std::time::Instant::now();
    let clock = move || t0.elapsed().as_secs_f64();
    for s in healthreach::bench::province::run(&clock, time_limit, mip_gap) {
        println!("{:>9.3} s  {:<34} {}", s.seconds, s.stage, s.figure);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
    }
}

/// `bench_solve pmed [--time-limit S] [--only N]`: OR-Library pmed1–40
/// (tests/data), each with HiGHS and — up to n = 200 — microlp, against the
/// published optimum.
#[cfg(not(target_arch = "wasm32"))]
/// `bench_solve family [--time-limit S] [--only N] [--publish] [--write FILE]`
/// (`--write`: the generated region as a scenario file): generated regions of 1 to 9
/// counties (zones, township centres, clinics and candidate sites per
/// county varied), each solved to proven optimality or the time limit:
/// size of the model, time, gap — where a planner's own region gets hard.
#[cfg(not(target_arch = "wasm32"))]
fn family(args: &[String]) {
    use healthreach::bench::province::Province;
    let time_limit: f64 = arg(args, "--time-limit").map_or(20.0, |v| v.parse().expect("seconds"));
    println!("cargo run --release --bin bench_solve -- family --time-limit {time_limit}");
    println!(
        "{:>8} {:>6} {:>10} {:>6} {:>9} {:>8} {:>10} {:>9} {:>8}",
        "counties",
        "zones",
        "facilities",
        "sites",
        "variables",
        "seconds",
        "status",
        "gap",
        "nodes"
    );
    let only: Option<usize> = arg(args, "--only").and_then(|v| v.parse().ok());
    for (k, (side, zones, townships, clinics, sites)) in [
        (1, 200, 15, 200, 10),
        (2, 200, 15, 200, 10),
        (2, 500, 15, 250, 30),
        (3, 300, 15, 200, 20),
        (3, 500, 15, 200, 33),
    ]
    .into_iter()
    .enumerate()
    {
        if only.is_some_and(|o| o != k + 1) {
            continue;
        }
        let p = Province {
            side,
            zones,
            townships,
            clinics,
            sites,
            grid: 40 * side,
        };
        let mut s = p.generate(7);
        for (k, a) in args.iter().enumerate() {
            if a == "--off" {
                let key = args.get(k + 1).map_or("", String::as_str);
                if key == "secondment" {
                    s.policy.secondment.enabled = false;
                } else if let Some(r) = healthreach::rules::RuleId::from_key(key) {
                    s.policy = r.turned_off(&s.policy);
                } else {
                    eprintln!("--off {key}: no such rule");
                    std::process::exit(2);
                }
            }
        }
        if let Some(path) = arg(args, "--write").as_deref() {
            // The generated region as a scenario file, to publish or solve elsewhere.
            let json = serde_json::to_string(&s).unwrap_or_default();
            if let Err(e) = std::fs::write(path, json) {
                eprintln!("--write {path}: {e}");
                std::process::exit(2);
            }
        }
        if k == 0 || only.is_some() {
            let on: Vec<&str> = healthreach::rules::on(&s.policy)
                .map(|r| r.id().key())
                .collect();
            eprintln!("rules on: {}", on.join(", "));
        }
        let opts = healthreach::optimise::plan::PlanOptions {
            time_limit: Some(time_limit),
            ..Default::default()
        };
        let t = std::time::Instant::now();
        let verbose = args.iter().any(|a| a == "--verbose");
        let r = healthreach::optimise::plan::solve_plan_observed(&s, &opts, &mut |p| {
            if verbose {
                eprintln!(
                    "  {:>6.2} s {:<18} incumbent {:?} bound {:?} gap {:?}",
                    p.seconds, p.stage, p.incumbent, p.bound, p.gap
                );
            }
        });
        let secs = t.elapsed().as_secs_f64();
        if args.iter().any(|a| a == "--publish") {
            publish_timed(
                &s,
                r.as_ref().ok().and_then(|r| r.plan.as_ref()),
                time_limit,
            );
        }
        match r {
            Ok(r) => println!(
                "{:>8} {:>6} {:>10} {:>6} {:>9} {:>8.2} {:>10} {:>9} {:>8}",
                side * side,
                s.zones.len(),
                s.facilities.len(),
                s.candidate_sites.len(),
                r.variables,
                secs,
                format!("{:?}", r.outcome.status),
                r.outcome
                    .gap
                    .map_or("-".into(), |g| format!("{:.4}%", g * 100.0)),
                r.outcome.nodes
            ),
            Err(e) => println!("{:>8} {:>6}: {e}", side * side, s.zones.len()),
        }
    }
}

/// `family --publish`: after the solve, everything `healthreach publish`
/// computes (check, fresh solve, one solve per rule off), each step timed.
#[cfg(not(target_arch = "wasm32"))]
fn publish_timed(
    s: &healthreach::scenario::Scenario,
    plan: Option<&healthreach::plan::Plan>,
    limit: f64,
) {
    use healthreach::publish::{prepare, Meta, SolveSettings};
    let Some(plan) = plan else {
        println!("  publish: no plan to publish");
        return;
    };
    let meta = Meta::new(s, None, None, Some("2026-12-01".into())).expect("meta");
    let settings = SolveSettings {
        time_limit: limit,
        ..SolveSettings::default()
    };
    let t = std::time::Instant::now();
    let mut last = 0.0;
    let r = prepare(s, plan, &meta, settings, &mut |step| {
        let now = t.elapsed().as_secs_f64();
        eprintln!(
            "  publish step {}/{}: {:.2} s",
            step.done,
            step.total,
            now - last
        );
        last = now;
    });
    match r {
        Ok(p) => {
            let worst = p
                .counterfactuals
                .iter()
                .filter_map(|c| c.gap)
                .fold(0.0f64, f64::max);
            println!(
                "  publish: {:.2} s, {} counterfactual solves, worst counterfactual gap {:.4}%",
                t.elapsed().as_secs_f64(),
                p.counterfactuals.len(),
                worst * 100.0
            );
        }
        Err(e) => println!("  publish failed: {e}"),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn pmed(args: &[String]) {
    use healthreach::optimise::{classic::solve_with, instances::orlib_pmed, Choice, Status};
    let value = |name: &str| arg(args, name);
    let limit: f64 = value("--time-limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(600.0);
    let only: Option<usize> = value("--only").and_then(|v| v.parse().ok());
    let opt = std::fs::read_to_string("tests/data/pmedopt.txt").expect("tests/data/pmedopt.txt");
    let optimum = |i: usize| {
        opt.lines()
            .filter_map(|l| {
                let mut w = l.split_whitespace();
                Some((w.next()?.to_string(), w.next()?.parse::<f64>().ok()?))
            })
            .find(|(k, _)| *k == format!("pmed{i}"))
            .map(|(_, v)| v)
    };
    println!("OR-Library p-median (native, release), time limit {limit} s each");
    println!(
        "{:<7} {:>4} {:>4} {:>10} {:>9} {:>10} {:>11} {:>11}",
        "", "n", "p", "published", "HiGHS", "HiGHS s", "microlp", "microlp s"
    );
    for i in 1..=40 {
        if only.is_some_and(|o| o != i) {
            continue;
        }
        let text = std::fs::read_to_string(format!("tests/data/pmed{i}.txt")).expect("pmed file");
        let problem = orlib_pmed(&text).expect("pmed");
        let n = problem.demand_weight.len();
        let run = |choice: Choice| {
            let r = solve_with(&problem, Some(limit), choice).expect("solve");
            let obj = if r.outcome.status == Status::Optimal {
                format!("{}", r.outcome.objective.unwrap_or(f64::NAN))
            } else {
                format!("{}?", r.outcome.status.key())
            };
            (obj, r.outcome.seconds)
        };
        let (h, hs) = run(Choice::Highs);
        let (m, ms) = if n <= 200 {
            let (m, ms) = run(Choice::Microlp);
            (m, format!("{ms:.2}"))
        } else {
            ("-".into(), "-".into())
        };
        println!(
            "pmed{i:<3} {n:>4} {:>4} {:>10} {h:>9} {hs:>10.2} {m:>11} {ms:>11}",
            problem.p.unwrap_or(0),
            optimum(i).map_or(String::new(), |v| v.to_string()),
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use healthreach::optimise::Choice;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("province") {
        province(&args);
        return;
    }
    if args.first().map(String::as_str) == Some("pmed") {
        pmed(&args);
        return;
    }
    if args.first().map(String::as_str) == Some("family") {
        family(&args);
        return;
    }
    let t0 = std::time::Instant::now();
    let clock = move || t0.elapsed().as_secs_f64() * 1000.0;
    println!(
        "solver benchmark (native, release): every step with HiGHS, then with microlp, same run"
    );
    let highs = healthreach::bench::run_solver_bench(&clock, PMED, SF, PLAN_SECONDS, Choice::Highs);
    let micro =
        healthreach::bench::run_solver_bench(&clock, PMED, SF, PLAN_SECONDS, Choice::Microlp);
    println!(
        "{:>10} {:>10} {:>8}  {:<62} {:>14} {:>14}",
        "HiGHS ms", "microlp ms", "ratio", "step", "HiGHS", "microlp"
    );
    for h in &highs {
        let m = micro.iter().find(|x| x.step == h.step);
        println!(
            "{:>10.1} {:>10.1} {:>8.2}  {:<62} {:>14.4} {:>14.4}",
            h.ms,
            m.map_or(f64::NAN, |m| m.ms),
            m.map_or(f64::NAN, |m| m.ms / h.ms),
            h.step,
            h.check,
            m.map_or(f64::NAN, |m| m.check)
        );
    }
}

/// OR-Library pmed1–40 (the browser's `?pmed` run; natively `pmed` reads tests/data).
const PMED_ALL: [&str; 40] = [
    include_str!("../../tests/data/pmed1.txt"),
    include_str!("../../tests/data/pmed2.txt"),
    include_str!("../../tests/data/pmed3.txt"),
    include_str!("../../tests/data/pmed4.txt"),
    include_str!("../../tests/data/pmed5.txt"),
    include_str!("../../tests/data/pmed6.txt"),
    include_str!("../../tests/data/pmed7.txt"),
    include_str!("../../tests/data/pmed8.txt"),
    include_str!("../../tests/data/pmed9.txt"),
    include_str!("../../tests/data/pmed10.txt"),
    include_str!("../../tests/data/pmed11.txt"),
    include_str!("../../tests/data/pmed12.txt"),
    include_str!("../../tests/data/pmed13.txt"),
    include_str!("../../tests/data/pmed14.txt"),
    include_str!("../../tests/data/pmed15.txt"),
    include_str!("../../tests/data/pmed16.txt"),
    include_str!("../../tests/data/pmed17.txt"),
    include_str!("../../tests/data/pmed18.txt"),
    include_str!("../../tests/data/pmed19.txt"),
    include_str!("../../tests/data/pmed20.txt"),
    include_str!("../../tests/data/pmed21.txt"),
    include_str!("../../tests/data/pmed22.txt"),
    include_str!("../../tests/data/pmed23.txt"),
    include_str!("../../tests/data/pmed24.txt"),
    include_str!("../../tests/data/pmed25.txt"),
    include_str!("../../tests/data/pmed26.txt"),
    include_str!("../../tests/data/pmed27.txt"),
    include_str!("../../tests/data/pmed28.txt"),
    include_str!("../../tests/data/pmed29.txt"),
    include_str!("../../tests/data/pmed30.txt"),
    include_str!("../../tests/data/pmed31.txt"),
    include_str!("../../tests/data/pmed32.txt"),
    include_str!("../../tests/data/pmed33.txt"),
    include_str!("../../tests/data/pmed34.txt"),
    include_str!("../../tests/data/pmed35.txt"),
    include_str!("../../tests/data/pmed36.txt"),
    include_str!("../../tests/data/pmed37.txt"),
    include_str!("../../tests/data/pmed38.txt"),
    include_str!("../../tests/data/pmed39.txt"),
    include_str!("../../tests/data/pmed40.txt"),
];

/// In the browser this program is a worker (bench/solve.html starts it): it
/// loads HiGHS as the app's worker does, then posts `{"row": Timing}` per
/// step and `{"done": true}` at the end. `?pmed` in the page's address runs
/// pmed1–40 with HiGHS (600 s each); otherwise the table the native run
/// prints, HiGHS and microlp in the same run.
#[cfg(target_arch = "wasm32")]
fn main() {
    use healthreach::bench::Timing;
    use healthreach::optimise::{classic::solve_with, instances::orlib_pmed, Choice, Status};
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let search = js_sys::Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| js_sys::Reflect::get(&l, &"search".into()))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let pmed_only = search.contains("pmed");
    wasm_bindgen_futures::spawn_local(async move {
        let post = |v: serde_json::Value| {
            let _ = scope.post_message(&wasm_bindgen::JsValue::from_str(&v.to_string()));
        };
        healthreach::ui::highs::load().await;
        let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
            .expect("performance");
        let clock = move || perf.now();
        if pmed_only {
            for (i, text) in PMED_ALL.iter().enumerate() {
                let problem = orlib_pmed(text).expect("pmed");
                let t = clock();
                let r = solve_with(&problem, Some(600.0), Choice::Highs).expect("solve");
                let check = if r.outcome.status == Status::Optimal {
                    r.outcome.objective.unwrap_or(f64::NAN)
                } else {
                    f64::NAN
                };
                post(serde_json::json!({"row": Timing {
                    step: format!("pmed{} (n {}, p {}) {}", i + 1, problem.demand_weight.len(),
                        problem.p.unwrap_or(0), r.outcome.status.key()),
                    ms: clock() - t,
                    check,
                }}));
            }
        } else {
            for choice in [Choice::Highs, Choice::Microlp] {
                let name = if choice == Choice::Highs {
                    "HiGHS"
                } else {
                    "microlp"
                };
                for mut t in
                    healthreach::bench::run_solver_bench(&clock, PMED, SF, PLAN_SECONDS, choice)
                {
                    t.step = format!("{name}: {}", t.step);
                    post(serde_json::json!({"row": t}));
                }
            }
        }
        post(serde_json::json!({"done": true}));
    });
}
