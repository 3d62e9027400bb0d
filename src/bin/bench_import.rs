//! Import benchmark: a synthetic prefecture (10 counties of 15 townships =
//! 150 township units, 4,000 facilities, 50,000 road segments, a
//! 500,000-cell GeoTIFF) and, with `--province`, a province (2,000
//! townships, 30,000 facilities, 1,000,000 road segments, 20,000,000 raster
//! cells), built in memory as a planner's files and imported through
//! `import::pipeline::import`. Prints the time and the peak resident memory
//! of the process (VmHWM), against the targets of issue 10 (< 5 s; < 1.5 GB).
//!
//! Native only: `cargo run --release --bin bench_import [-- --province]
//! [--write DIR]` (`--write`: also write the files and their manifest.json
//! to DIR, for the browser's import timing in the e2e tests). `--messy
//! [--small]` times generated messy folders imported without a manifest,
//! `--write-messy DIR [--counties N] [--per-county M] [--seed S]` writes one
//! (default 4 counties × 40 facilities, seed 17), `--hostile` times the refusal of files
//! built to exhaust memory.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use healthreach::bench::Rng;
    use healthreach::import::manifest::Manifest;
    use healthreach::import::pipeline::{import, Files, ImportOptions};
    use std::collections::HashMap;
    use std::time::Instant;

    struct Mem(HashMap<String, Vec<u8>>);
    impl Files for Mem {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            self.0
                .get(path)
                .cloned()
                .ok_or_else(|| format!("{path}: no such file"))
        }
    }

    fn peak_mib() -> f64 {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            })
            .map_or(f64::NAN, |kb| kb / 1024.0)
    }

    struct Size {
        name: &'static str,
        cols: usize,
        rows: usize,
        facilities: usize,
        roads: usize,
        raster: (usize, usize),
        hex_km: f64,
    }
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-messy") {
        let dir = args.get(i + 1).expect("--write-messy DIR");
        let num = |name: &str, default: usize| {
            args.iter()
                .position(|a| a == name)
                .and_then(|k| args.get(k + 1))
                .map_or(default, |v| v.parse().expect("a whole number"))
        };
        write_messy(
            dir,
            num("--counties", 4),
            num("--per-county", 40),
            num("--seed", 17) as u64,
        );
        return;
    }
    if args.iter().any(|a| a == "--messy") {
        messy(&args);
        return;
    }
    if args.iter().any(|a| a == "--hostile") {
        hostile();
        return;
    }
    let province = std::env::args().any(|a| a == "--province");
    let size = if province {
        Size {
            name: "province",
            cols: 50,
            rows: 40,
            facilities: 30_000,
            roads: 1_000_000,
            raster: (5_000, 4_000),
            hex_km: 4.0,
        }
    } else {
        Size {
            name: "prefecture",
            cols: 15,
            rows: 10,
            facilities: 4_000,
            roads: 50_000,
            raster: (1_000, 500),
            hex_km: 2.0,
        }
    };
    // Townships: a grid of 0.1° cells from 108.0°E, 34.0°N.
    let (x0, y0, step) = (108.0, 34.0, 0.1);
    let (w, h) = (size.cols as f64 * step, size.rows as f64 * step);
    let mut rng = Rng(7);
    let t0 = Instant::now();
    let mut feats = Vec::new();
    let mut census = String::from("代码,名称,常住人口\n");
    for r in 0..size.rows {
        for c in 0..size.cols {
            let (a, b) = (x0 + c as f64 * step, y0 + r as f64 * step);
            let code = format!("61{:04}{:03}", r * size.cols + c, 100 + c % 900);
            feats.push(serde_json::json!({"type": "Feature", "properties": {"code": code, "name": format!("镇{r}-{c}")},
                "geometry": {"type": "Polygon", "coordinates": [[[a, b], [a + step, b], [a + step, b + step], [a, b + step], [a, b]]]}}));
            census += &format!(
                "{code},镇{r}-{c},{}\n",
                20_000 + (rng.unit() * 30_000.0) as u64
            );
        }
    }
    let units = serde_json::json!({"type": "FeatureCollection", "features": feats}).to_string();
    let mut list = String::from("名称,类别,床位,医师,经度,纬度\n");
    let cats = ["村卫生室", "乡镇卫生院", "社区卫生服务中心", "县人民医院"];
    for k in 0..size.facilities {
        let (lon, lat) = (
            x0 + 0.001 + rng.unit() * (w - 0.002),
            y0 + 0.001 + rng.unit() * (h - 0.002),
        );
        list += &format!(
            "机构{k},{},{},{},{lon:.6},{lat:.6}\n",
            cats[k % 4],
            (k % 4) * 40,
            1 + k % 4 * 10
        );
    }
    let mut roads = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    let classes = ["primary", "secondary", "tertiary", "residential", "trunk"];
    for k in 0..size.roads {
        let (lon, lat) = (x0 + rng.unit() * w, y0 + rng.unit() * h);
        if k > 0 {
            roads.push(',');
        }
        roads += &format!("{{\"type\":\"Feature\",\"properties\":{{\"highway\":\"{}\"}},\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[[{lon:.6},{lat:.6}],[{:.6},{:.6}]]}}}}",
            classes[k % 5], lon + 0.005 * (rng.unit() - 0.5), lat + 0.005 * (rng.unit() - 0.5));
    }
    roads += "]}";
    let (rw, rh) = size.raster;
    let mut tif = std::io::Cursor::new(Vec::new());
    {
        use tiff::encoder::{colortype::Gray32Float, TiffEncoder};
        use tiff::tags::Tag;
        let mut enc = TiffEncoder::new(&mut tif).expect("encoder");
        let mut img = enc
            .new_image::<Gray32Float>(rw as u32, rh as u32)
            .expect("image");
        img.encoder()
            .write_tag(
                Tag::ModelPixelScaleTag,
                &[w / rw as f64, h / rh as f64, 0.0][..],
            )
            .expect("tag");
        img.encoder()
            .write_tag(Tag::ModelTiepointTag, &[0.0, 0.0, 0.0, x0, y0 + h, 0.0][..])
            .expect("tag");
        img.encoder()
            .write_tag(
                Tag::GeoKeyDirectoryTag,
                &[1u16, 1, 0, 1, 2048, 0, 1, 4326][..],
            )
            .expect("tag");
        img.rows_per_strip(16).expect("strips");
        let mut strip = vec![0f32; rw * 16];
        let mut row = 0;
        while row < rh {
            let n = 16.min(rh - row);
            for v in strip[..rw * n].iter_mut() {
                *v = (rng.unit() * 10.0) as f32;
            }
            img.write_strip(&strip[..rw * n]).expect("strip");
            row += n;
        }
        img.finish().expect("finish");
    }
    let files = Mem(HashMap::from([
        ("units.geojson".to_string(), units.into_bytes()),
        ("census.csv".to_string(), census.into_bytes()),
        ("facilities.csv".to_string(), list.into_bytes()),
        ("roads.geojson".to_string(), roads.into_bytes()),
        ("pop.tif".to_string(), tif.into_inner()),
    ]));
    let bytes: usize = files.0.values().map(Vec::len).sum();
    let args: Vec<String> = std::env::args().collect();
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1));
    let made = t0.elapsed().as_secs_f64();
    let m: Manifest = serde_json::from_value(serde_json::json!({
        "units": {"path": "units.geojson"},
        "population": {"path": "census.csv", "raster": "pop.tif"},
        "facilities": {"path": "facilities.csv"},
        "roads": {"path": "roads.geojson"},
        "zones": {"hex_km": size.hex_km}
    }))
    .expect("manifest");
    if let Some(dir) = write_to {
        std::fs::create_dir_all(dir).expect("create the output folder");
        for (name, data) in &files.0 {
            std::fs::write(std::path::Path::new(dir).join(name), data).expect("write");
        }
        let mut manifest = m.clone();
        manifest.name = Some(format!("synthetic {}", size.name));
        std::fs::write(
            std::path::Path::new(dir).join("manifest.json"),
            serde_json::to_string_pretty(&manifest).expect("json"),
        )
        .expect("write");
        println!("wrote the files and manifest.json to {dir}");
    }
    let before = peak_mib();
    let t = Instant::now();
    let (s, r) = import(&m, &files, ImportOptions::default());
    let secs = t.elapsed().as_secs_f64();
    let s =
        s.unwrap_or_else(|| panic!("no scenario: {:?}", &r.rejected[..r.rejected.len().min(5)]));
    println!(
        "cargo run --release --bin bench_import{}",
        if province { " -- --province" } else { "" }
    );
    println!("import benchmark ({}), native release, synthetic files built in memory in {made:.1} s ({:.0} MiB of input)", size.name, bytes as f64 / 1048576.0);
    println!(
        "  {} township units, {} facilities, {} road segments, {} raster cells, hexagons {} km",
        s.admin_units.len(),
        s.facilities.len(),
        s.roads.as_ref().map_or(0, |x| x.links.len()),
        rw * rh,
        size.hex_km
    );
    println!(
        "  → {} zones, population {}, {} candidate sites, {} rejected rows",
        s.zones.len(),
        s.total_population(),
        s.candidate_sites.len(),
        r.rejected.len()
    );
    let target = if province { "peak < 1.5 GB" } else { "< 5 s" };
    println!("  import: {secs:.2} s; peak resident memory {:.0} MiB (before the import: {before:.0} MiB, input files included); target {target}", peak_mib());
}

/// A generated prefecture folder as an office hands it over (no manifest,
/// GBK, GCJ-02, title and total rows, planted defects, a doctors column
/// headed `字段7` that no matcher knows), for the wizard's e2e test.
#[cfg(not(target_arch = "wasm32"))]
fn write_messy(dir: &str, counties: usize, per_county: usize, seed: u64) {
    use healthreach::generate::region_folder::{generate, FolderSpec};
    let f = generate(&FolderSpec {
        counties: counties.clamp(1, 20),
        facilities_per_county: per_county,
        seed,
        doctors_header: "字段7".into(),
        ..FolderSpec::default()
    });
    std::fs::create_dir_all(dir).expect("create the output folder");
    for (name, bytes) in &f.files {
        std::fs::write(std::path::Path::new(dir).join(name), bytes).expect("write");
    }
    let rows: Vec<String> = f
        .facilities
        .iter()
        .filter_map(|r| {
            r.defect.map(|d| {
                format!(
                    "{{\"row\":{},\"defect\":\"{d:?}\",\"name\":{:?}}}",
                    r.row, r.name
                )
            })
        })
        .collect();
    // What the e2e test needs to know of the truth: the file and the planted rows.
    std::fs::write(
        std::path::Path::new(dir).join("truth.json.txt"),
        format!(
            "{{\"facilities_file\":{:?},\"facilities\":{},\"defects\":[{}]}}",
            f.facilities_file,
            f.facilities.len(),
            rows.join(",")
        ),
    )
    .expect("write");
    println!("wrote {} files to {dir}", f.files.len());
}

/// Generated messy folders imported without a manifest (the header,
/// encoding and coordinate system found from the files), timed: a
/// prefecture of 2,000 facilities and a 200,000-row facility list.
#[cfg(not(target_arch = "wasm32"))]
fn messy(args: &[String]) {
    use healthreach::generate::region_folder::{generate, FolderSpec};
    use healthreach::import::mapping::guess_manifest;
    use healthreach::import::pipeline::{import, Files, ImportOptions};
    use std::time::Instant;
    struct Mem<'a>(&'a std::collections::BTreeMap<String, Vec<u8>>);
    impl Files for Mem<'_> {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            self.0
                .get(path)
                .cloned()
                .ok_or_else(|| format!("{path}: no such file"))
        }
    }
    let peak = || {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            })
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    let large = !args.iter().any(|a| a == "--small");
    println!(
        "cargo run --release --bin bench_import -- --messy{}",
        if large { "" } else { " --small" }
    );
    let mut cases = vec![("prefecture, 4 counties, 2,000 facilities", 4, 530, 3.0)];
    if large {
        cases.push(("200,000-row facility list, 20 counties", 20, 10_750, 20.0));
    }
    for (label, counties, per, target) in cases {
        let t0 = Instant::now();
        let f = generate(&FolderSpec {
            counties,
            facilities_per_county: per,
            seed: 3,
            ..FolderSpec::default()
        });
        let made = t0.elapsed().as_secs_f64();
        let bytes: usize = f.files.values().map(Vec::len).sum();
        let names: Vec<String> = f.files.keys().cloned().collect();
        let t = Instant::now();
        let (m, _, _) = guess_manifest(&names, &Mem(&f.files));
        let guessed = t.elapsed().as_secs_f64();
        let (s, r) = import(&m, &Mem(&f.files), ImportOptions::default());
        let secs = t.elapsed().as_secs_f64();
        let n = s.as_ref().map_or(0, |s| s.facilities.len());
        println!("  {label} ({:.1} MiB of files, generated in {made:.1} s): {} rows → {n} facilities, {} rejected, {} warnings", bytes as f64 / 1048576.0, f.facilities.len(), r.rejected.len(), r.warnings.len());
        println!("    roles and columns guessed in {guessed:.2} s; guessed + imported in {secs:.2} s (target < {target} s); peak resident memory so far {:.0} MiB (target < 1024)", peak());
    }
}

/// Hostile table files refused by the importer's limits, timed against
/// reading a clean 2,000-row facility list in the same run (issue 27: each
/// refused "in well under a second").
#[cfg(not(target_arch = "wasm32"))]
fn hostile() {
    use healthreach::generate::hostile::{claiming_strings, declare_size, with_zeros, workbook};
    use healthreach::import::table::{read_csv, read_xlsx};
    use std::time::Instant;
    println!("cargo run --release --bin bench_import -- --hostile");
    let mut clean = String::from("名称,类别,床位,医师,经度,纬度\n");
    for i in 0..2000 {
        clean += &format!("第{i}卫生院,乡镇卫生院,20,5,109.5,34.5\n");
    }
    let t = Instant::now();
    let rows = read_csv(clean.as_bytes(), None).map_or(0, |t| t.rows.len());
    let reference = t.elapsed().as_secs_f64();
    println!(
        "  reference: a clean 2,000-row facility CSV ({} KiB) read in {:.4} s ({rows} rows)",
        clean.len() >> 10,
        reference
    );
    let book = workbook(&[(0, 0, "名称"), (1, 0, "医院")]);
    let mut lying = with_zeros(&book, "xl/media/image1.bin", 256);
    declare_size(&mut lying, "xl/media/image1.bin", 1000);
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        (
            "workbook with one cell at XFD1048576",
            workbook(&[(0, 0, "名称"), (1_048_575, 16_383, "x")]),
            true,
        ),
        (
            "workbook with a member unpacking to 4 GiB",
            with_zeros(&book, "xl/media/image1.bin", 4096),
            true,
        ),
        (
            "workbook with a 256 MiB member declaring 1,000 bytes",
            lying,
            true,
        ),
        (
            "workbook whose string table claims 4e12 strings",
            claiming_strings(&book, "4000000000000"),
            true,
        ),
        ("CSV line of 200 MB of commas", vec![b','; 200 << 20], false),
    ];
    for (label, bytes, xlsx) in cases {
        let t = Instant::now();
        let r = if xlsx {
            read_xlsx(&bytes, None)
        } else {
            read_csv(&bytes, None)
        };
        let secs = t.elapsed().as_secs_f64();
        let said = r.err().map_or_else(|| "NOT REFUSED".to_string(), |e| e.en);
        println!(
            "  {label} ({} KiB): refused in {secs:.4} s ({:.2}× the reference): {said}",
            bytes.len() >> 10,
            secs / reference
        );
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
