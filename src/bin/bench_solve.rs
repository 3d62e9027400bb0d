//! Solver benchmark, one program for both platforms: spopt SF, OR-Library
//! pmed1–10 and the Weinan demo plan.
//!
//! Native:  `cargo run --release --bin bench_solve`
//! Browser: built by Trunk from `bench/solve.html`, read by `tests/e2e/bench.mjs solve`.

const PMED: [&str; 10] = [
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
];
const SF: (&str, &str) = (
    include_str!("../../tests/data/SF_network_distance_candidateStore_16_censusTract_205_new.csv"),
    include_str!("../../tests/data/SF_demand_205_centroid_uniform_weight.csv"),
);
/// Time limit of the demo's full plan (seconds).
const PLAN_SECONDS: f64 = 30.0;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let t0 = std::time::Instant::now();
    let clock = move || t0.elapsed().as_secs_f64() * 1000.0;
    println!("solver benchmark (native, release, microlp)");
    let micro = healthreach::bench::run_solver_bench(&clock, &PMED, SF, PLAN_SECONDS);
    for t in &micro {
        println!("{:>10.1} ms  {:<62} check {}", t.ms, t.step, t.check);
    }
    #[cfg(feature = "highs")]
    {
        println!("\nthe same classic models with HiGHS (1 thread, gap 0), same run:");
        for t in healthreach::bench::run_highs_bench(&clock, &PMED, SF) {
            let m = micro.iter().find(|x| x.step == t.step);
            let ratio = m.map_or(String::new(), |m| {
                format!("microlp/HiGHS time {:.2}", m.ms / t.ms)
            });
            println!(
                "{:>10.1} ms  {:<62} check {}  {ratio}",
                t.ms, t.step, t.check
            );
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    let window = web_sys::window().expect("a window");
    let perf = window.performance().expect("performance");
    let clock = move || perf.now();
    let results = healthreach::bench::run_solver_bench(&clock, &PMED, SF, PLAN_SECONDS);
    let doc = window.document().expect("a document");
    let pre = doc.create_element("pre").expect("pre");
    pre.set_id("results");
    pre.set_text_content(Some(&serde_json::to_string(&results).expect("json")));
    doc.body()
        .expect("body")
        .append_child(&pre)
        .expect("append");
}
