//! Polygon-validation benchmark: `validate::validate` on the Weinan demo whose
//! first admin unit gets a generated county-like boundary (a valid, wiggly,
//! star-shaped ring around 109.5° E, 34.5° N plus one hole) of 10,000,
//! 100,000 and 1,000,000 vertices, against `geo::Validation` (the quadratic
//! check it replaced) on the same boundary, same run.
//!
//! Native only: `cargo run --release --bin bench_validate`

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use geo::algorithm::Validation;
    use healthreach::scenario::Area;
    use std::time::Instant;

    use healthreach::bench::Rng;

    /// A closed ring of `n` vertices at strictly increasing angles around `c`
    /// (so simple for any positive radius), radius wiggling on several scales.
    fn wiggly_ring(
        n: usize,
        c: [f64; 2],
        r: [f64; 2],
        seed: u64,
        clockwise: bool,
    ) -> Vec<[f64; 2]> {
        let mut rng = Rng(seed);
        let mut ring: Vec<[f64; 2]> = (0..n)
            .map(|k| {
                let t = std::f64::consts::TAU * (k as f64 + 0.4 * rng.unit()) / n as f64;
                let f = 1.0
                    + 0.12 * (5.0 * t + 0.3).sin()
                    + 0.06 * (17.0 * t + 1.1).sin()
                    + 0.02 * (97.0 * t).sin()
                    + 0.004 * (1009.0 * t).sin()
                    + 0.002 * (rng.unit() - 0.5);
                [c[0] + f * r[0] * t.cos(), c[1] + f * r[1] * t.sin()]
            })
            .collect();
        if clockwise {
            ring.reverse();
        }
        ring.push(ring[0]);
        ring
    }

    /// `n` vertices in all: the exterior has 90 %, the hole 10 %.
    fn boundary(n: usize) -> Area {
        let hole_n = n / 10;
        let exterior = wiggly_ring(n - hole_n, [109.5, 34.5], [0.42, 0.35], 1, false);
        let hole = wiggly_ring(hole_n, [109.45, 34.52], [0.05, 0.04], 2, true);
        Area(vec![vec![exterior, hole]])
    }

    println!("cargo run --release --bin bench_validate");
    println!(
        "polygon validation benchmark (native, release): validate::validate on the Weinan demo"
    );
    println!("with admin_units[0].boundary replaced by a generated valid county-like ring plus one hole\n");

    let demo = healthreach::demo::weinan();
    let t = Instant::now();
    let p = healthreach::validate::validate(&demo);
    println!(
        "{:>12}  {:>10.3} s  {:>14}  problems {}",
        "demo as is",
        t.elapsed().as_secs_f64(),
        "",
        p.len()
    );
    println!(
        "\n{:>9}  {:>12}  {:>22}  {:>9}  check",
        "vertices", "validate", "geo validation_errors", "geo/ours"
    );
    for n in [10_000, 100_000, 1_000_000] {
        let mut s = demo.clone();
        s.admin_units[0].boundary = boundary(n);
        let t = Instant::now();
        let problems = healthreach::validate::validate(&s);
        let ours = t.elapsed().as_secs_f64();
        let polygon_problems = problems
            .iter()
            .filter(|p| p.path.starts_with("$.admin_units[0].boundary"))
            .count();
        let check = format!(
            "{polygon_problems} boundary problems, {} in all",
            problems.len()
        );
        if n <= 100_000 {
            let t = Instant::now();
            let errors: usize = s.admin_units[0]
                .boundary
                .to_geo()
                .0
                .iter()
                .map(|p| p.validation_errors().len())
                .sum();
            let geo = t.elapsed().as_secs_f64();
            println!(
                "{n:>9}  {ours:>10.3} s  {geo:>20.3} s  {:>9.0}  {check}; geo: {errors} errors",
                geo / ours
            );
        } else {
            println!(
                "{n:>9}  {ours:>10.3} s  {:>22}  {:>9}  {check}",
                "not run: quadratic", "-"
            );
        }
    }

    // A pathological shape: a dense star (radii alternating 0.05° / 0.45°),
    // whose long spikes all overlap one another's boxes near the centre.
    for n in [10_000usize, 100_000] {
        let mut ring: Vec<[f64; 2]> = (0..n)
            .map(|k| {
                let t = std::f64::consts::TAU * k as f64 / n as f64;
                let r = if k % 2 == 0 { 0.05 } else { 0.45 };
                [109.5 + r * t.cos(), 34.5 + r * t.sin()]
            })
            .collect();
        ring.push(ring[0]);
        let mut s = demo.clone();
        s.admin_units[0].boundary = Area(vec![vec![ring]]);
        let t = Instant::now();
        let problems = healthreach::validate::validate(&s);
        let verdict = problems
            .iter()
            .find(|p| p.path.starts_with("$.admin_units[0].boundary"))
            .map_or("valid".to_string(), |p| {
                p.message.chars().take(90).collect()
            });
        println!(
            "{:>9}  {:>10.3} s  dense star: {verdict}",
            n,
            t.elapsed().as_secs_f64()
        );
    }

    // Whole scenarios: parse + validate (`validate::load`, what every door
    // runs) on generated regions, for the limits table in docs/scenario-format.md.
    println!(
        "\n{:>8} {:>11} {:>11} {:>14} {:>12} {:>8} {:>8}  problems",
        "zones", "facilities", "road links", "road segments", "JSON bytes", "load", "validate"
    );
    for (zones, facilities, grid) in [(10_000, 1_000, 317), (100_000, 30_000, 710)] {
        let s = healthreach::bench::synthetic_region(zones, facilities, grid, 7);
        let links = s.roads.as_ref().map_or(0, |r| r.links.len());
        let segments: usize = s.roads.as_ref().map_or(0, |r| {
            r.links.iter().map(|l| l.line.len().saturating_sub(1)).sum()
        });
        let text = s.to_json();
        let t = Instant::now();
        let loaded = healthreach::validate::load(&text);
        let load = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let problems = healthreach::validate::validate(&s);
        let validate = t.elapsed().as_secs_f64();
        println!(
            "{zones:>8} {facilities:>11} {links:>11} {segments:>14} {:>12} {load:>6.2} s {validate:>6.2} s  {} ({})",
            text.len(),
            problems.len(),
            if loaded.is_ok() { "loads" } else { "refused" }
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
