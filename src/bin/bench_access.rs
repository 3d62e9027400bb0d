//! Access-engine benchmark, one program for both platforms.
//!
//! Native:  `cargo run --release --bin bench_access`
//! Browser: built by Trunk from `bench/index.html` and opened in headless
//! Chromium by `tests/e2e/bench.mjs`, which reads the table from the page.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let t0 = std::time::Instant::now();
    let clock = move || t0.elapsed().as_secs_f64() * 1000.0;
    println!("access benchmark (native, release)");
    for t in healthreach::bench::run_access_bench(&clock) {
        println!("{:>10.1} ms  {:<62} check {}", t.ms, t.step, t.check);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    let window = web_sys::window().expect("a window");
    let perf = window.performance().expect("performance");
    let clock = move || perf.now();
    let results = healthreach::bench::run_access_bench(&clock);
    let doc = window.document().expect("a document");
    let pre = doc.create_element("pre").expect("pre");
    pre.set_id("results");
    pre.set_text_content(Some(&serde_json::to_string(&results).expect("json")));
    doc.body()
        .expect("body")
        .append_child(&pre)
        .expect("append");
}
