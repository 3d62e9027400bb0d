//! The importer on the project's fixtures (tests/data/import/, written by
//! `cargo run --example make_import_fixtures` from ../shared/data): a zipped
//! Shapefile in a Gauss-Krüger zone with a GBK attribute table, a GBK
//! census with a title row, GCJ-02 facilities, roads with Chinese grades, a
//! GeoTIFF population raster; and every new reader on hostile bytes.

use healthreach::import::manifest::Manifest;
use healthreach::import::pipeline::{import, Files, ImportOptions};
use healthreach::import::report::Report;
use healthreach::scenario::RoadClass;
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

const DIR: &str = "tests/data/import";

struct Dir(PathBuf, HashMap<String, Vec<u8>>);
impl Files for Dir {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if let Some(b) = self.1.get(path) {
            return Ok(b.clone());
        }
        std::fs::read(self.0.join(path)).map_err(|e| e.to_string())
    }
}

fn manifest(name: &str) -> Manifest {
    serde_json::from_slice(&std::fs::read(format!("{DIR}/{name}")).unwrap()).unwrap()
}

fn run(
    m: &Manifest,
    extra: HashMap<String, Vec<u8>>,
) -> (Option<healthreach::scenario::Scenario>, Report) {
    import(m, &Dir(DIR.into(), extra), ImportOptions::default())
}

fn census() -> HashMap<String, f64> {
    std::fs::read_to_string("../shared/data/china_region/weinan_population_2020.csv")
        .ok()
        .unwrap_or_else(|| {
            // The fixture holds the same figures (GBK, with 人 and separators).
            let b = std::fs::read(format!("{DIR}/weinan_census_gbk.csv")).unwrap();
            let t = encoding_rs::GBK
                .decode(&b)
                .0
                .replace("人", "")
                .replace("\"", "");
            let mut out = String::from("adcode,name,p\n");
            for l in t.lines().skip(3) {
                let c: Vec<&str> = l.splitn(3, ',').collect();
                if c.len() == 3 && !c[0].is_empty() {
                    out += &format!("{},{},{}\n", c[0], c[1], c[2].replace(',', ""));
                }
            }
            out
        })
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            Some((c[0].to_string(), c.get(2)?.trim().parse().ok()?))
        })
        .collect()
}

#[test]
fn a_zipped_gauss_kruger_shapefile_with_a_gbk_table_and_roads() {
    let (s, r) = run(&manifest("shapefile_census.json"), HashMap::new());
    let s = s.unwrap_or_else(|| panic!("{:#?}", r.rejected));
    assert_eq!(s.admin_units.len(), 11, "{:#?}", r.rejected);
    // Names decoded from GBK, codes kept, every unit's census total exact.
    let c = census();
    for u in &s.admin_units {
        assert!(
            u.name.ends_with('区')
                || u.name.ends_with('县')
                || u.name.ends_with('市')
                || u.name == "富平",
            "{}",
            u.name
        );
        assert_eq!(s.unit_population(&u.id), c[&u.code], "{}", u.name);
    }
    assert!(
        r.assumed.iter().any(|a| a.contains("GK_CM_111E")),
        "{:?}",
        r.assumed
    );
    assert!(
        r.assumed.iter().any(|a| a.contains("language driver")),
        "{:?}",
        r.assumed
    );
    // Back in longitude/latitude: Weinan lies within 108.9–110.7°E, 34.2–35.9°N.
    let b = healthreach::scenario::geometry::bbox_of(
        s.admin_units.iter().flat_map(|u| u.boundary.positions()),
    )
    .unwrap();
    assert!(
        b[0] > 108.8 && b[2] < 110.8 && b[1] > 34.1 && b[3] < 36.0,
        "{b:?}"
    );
    // The projected boundaries match the WGS84 source within 1 m (1e-5°).
    let wgs = healthreach::demo::weinan();
    let b0 = healthreach::scenario::geometry::bbox_of(
        wgs.admin_units.iter().flat_map(|u| u.boundary.positions()),
    )
    .unwrap();
    for k in 0..4 {
        assert!((b[k] - b0[k]).abs() < 2e-3, "{b:?} vs {b0:?}");
    }
    // Roads: every line but the unknown class, classes as graded.
    let roads = s.roads.as_ref().expect("roads");
    assert_eq!(roads.links.len(), wgs.roads.as_ref().unwrap().links.len());
    assert!(roads.links.iter().any(|l| l.class == RoadClass::Expressway));
    assert!(r
        .rejected
        .iter()
        .any(|e| e.value == "机耕路" && e.reason.contains("unknown road class")));
    assert!(!s.candidate_sites.is_empty());
    assert!(s
        .sources
        .iter()
        .any(|x| x.part == "candidate_sites" && !x.real));
}

#[test]
fn a_population_raster_alone_and_as_census_weights() {
    let (s, r) = run(&manifest("raster_population.json"), HashMap::new());
    let s = s.unwrap_or_else(|| panic!("{:#?}", r.rejected));
    let persons = r.totals["weinan_population_wgs84.tif: persons"]
        .as_f64()
        .unwrap();
    let outside: f64 = r
        .assumed
        .iter()
        .find_map(|a| {
            a.split(": ")
                .nth(1)?
                .split(" persons lie outside")
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0.0);
    // Whole persons per unit: the scenario holds the raster's persons to within one per unit.
    assert!(
        (s.total_population() - (persons - outside)).abs() <= 11.0 + 1.0,
        "{} vs {persons} - {outside}",
        s.total_population()
    );
    let (w, r2) = run(&manifest("census_with_raster.json"), HashMap::new());
    let w = w.unwrap_or_else(|| panic!("{:#?}", r2.rejected));
    let c = census();
    for u in &w.admin_units {
        assert_eq!(w.unit_population(&u.id), c[&u.code]);
    }
    // Weighted by the raster, not by area: zones differ from the area split.
    let (a, _) = run(&manifest("shapefile_census.json"), HashMap::new());
    let a = a.unwrap();
    let differ = w
        .zones
        .iter()
        .zip(&a.zones)
        .filter(|(x, y)| x.population != y.population)
        .count();
    assert!(differ > w.zones.len() / 2, "{differ}");
}

#[test]
fn travel_tables_long_and_wide_and_given_zones() {
    let (s, _) = run(&manifest("shapefile_census.json"), HashMap::new());
    let s = s.unwrap();
    let (z0, z1) = (&s.zones[0].id, &s.zones[1].id);
    let (f0, f1) = (&s.facilities[0].id, &s.facilities[1].id);
    let long = format!("origin_id,destination_id,duration\n{z0},{f0},600\n{z1},{f1},90\n{z1},nowhere,5\n{z0},{f0},700\n");
    let wide = format!(",{f0},{f1}\n{z0},12.5,\n{z1},3,x\n");
    let mut m = manifest("shapefile_census.json");
    m.roads = None;
    m.travel_table = Some(serde_json::from_value(serde_json::json!({"path": "long.csv"})).unwrap());
    let (t, r) = run(
        &m,
        HashMap::from([("long.csv".to_string(), long.into_bytes())]),
    );
    let t = t.unwrap().travel_times.unwrap();
    assert_eq!(t.entries.len(), 2, "{:?}", t.entries);
    assert_eq!(
        t.entries.iter().find(|e| &e.zone == z0).unwrap().minutes,
        10.0,
        "seconds → minutes, first of a repeated pair"
    );
    assert!(r
        .rejected
        .iter()
        .any(|e| e.value == "nowhere" && e.row == Some(4)));
    assert!(r
        .warnings
        .iter()
        .any(|e| e.reason.contains("more than once")));
    m.travel_table = Some(serde_json::from_value(serde_json::json!({"path": "wide.csv"})).unwrap());
    let (t, r) = run(
        &m,
        HashMap::from([("wide.csv".to_string(), wide.into_bytes())]),
    );
    let t = t.unwrap().travel_times.unwrap();
    assert_eq!(t.entries.len(), 2, "{:?}", t.entries);
    assert!(r
        .rejected
        .iter()
        .any(|e| e.value == "x" && e.row == Some(3)));
    // Given zones: points with residents, as the population source.
    let pts: Vec<serde_json::Value> = s
        .zones
        .iter()
        .map(|z| {
            serde_json::json!({"type": "Feature",
        "properties": {"id": z.id, "population": z.population},
        "geometry": {"type": "Point", "coordinates": z.location}})
        })
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": pts}).to_string();
    let mut g = manifest("shapefile_census.json");
    g.roads = None;
    g.population = serde_json::from_value(serde_json::json!({"path": "zones.geojson"})).unwrap();
    g.zones = Some(serde_json::from_value(serde_json::json!({"path": "zones.geojson"})).unwrap());
    let (gz, r) = run(
        &g,
        HashMap::from([("zones.geojson".to_string(), fc.into_bytes())]),
    );
    let gz = gz.unwrap_or_else(|| panic!("{:#?}", r.rejected));
    assert_eq!(gz.zones.len(), s.zones.len());
    assert_eq!(gz.total_population(), s.total_population());
}

#[test]
fn facilities_in_gcj02_are_recognised_without_a_manifest_crs() {
    let mut m = manifest("shapefile_census.json");
    m.roads = None;
    let declared = m.facilities.crs.clone();
    assert_eq!(declared.as_deref(), Some("gcj02"));
    let (truth, _) = run(&m, HashMap::new());
    let truth = truth.expect("declared import");
    m.facilities.crs = None; // the file is GCJ-02; nothing says so
    let (s, r) = run(&m, HashMap::new());
    let s = s.unwrap_or_else(|| panic!("{:#?}", r.rejected));
    assert!(
        r.assumed
            .iter()
            .any(|a| a.contains("coordinates read as GCJ-02") && a.contains("WGS84:")),
        "{:#?}",
        r.assumed
    );
    assert!(r
        .assumed_zh
        .iter()
        .any(|a| a.contains("坐标按 GCJ-02 读取")));
    // Every facility where the declared reading puts it (within 5 m).
    assert_eq!(s.facilities.len(), truth.facilities.len());
    for (a, b) in s.facilities.iter().zip(&truth.facilities) {
        let dx = (a.location[0] - b.location[0]) * 111_320.0 * b.location[1].to_radians().cos();
        let dy = (a.location[1] - b.location[1]) * 110_574.0;
        assert!((dx * dx + dy * dy).sqrt() < 5.0, "{}", a.name);
    }
}

#[test]
fn an_xlsx_census_a_routing_engines_table_and_a_site_list() {
    let (s, r) = run(&manifest("xlsx_travel_sites.json"), HashMap::new());
    let s = s.unwrap_or_else(|| panic!("{:#?}", r.rejected));
    let c = census();
    for u in &s.admin_units {
        assert_eq!(s.unit_population(&u.id), c[&u.code], "{}", u.name);
    }
    let rows = std::fs::read_to_string(format!("{DIR}/weinan_travel_seconds.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    let t = s.travel_times.as_ref().expect("a travel table");
    assert_eq!(
        t.entries.len(),
        rows,
        "{:?}",
        &r.rejected[..r.rejected.len().min(3)]
    );
    assert!(t
        .entries
        .iter()
        .all(|e| e.minutes <= 8.0 * 1.3 / 40.0 * 60.0 + 0.01));
    assert!(r.assumed.iter().any(|a| a.contains("seconds")));
    assert_eq!(s.candidate_sites.len(), 5);
    assert!(s
        .candidate_sites
        .iter()
        .all(|x| x.cost_yuan >= 6_000_000.0 && x.beds == 20.0));
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap()
}

fn read_all(path: &str, bytes: Vec<u8>) -> Report {
    let files = Dir(DIR.into(), HashMap::from([(path.to_string(), bytes)]));
    let mut report = Report::default();
    let _ = healthreach::import::vector::read_vector(
        &files,
        path,
        Default::default(),
        &mut report,
        &mut |f, _| {
            let _ = (f.number, f.props.len(), f.geometry.is_some());
        },
    );
    report
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_shapefile_zips_never_panic(flips in prop::collection::vec((0usize..200_000, any::<u8>()), 1..12), cut in 0usize..200_000) {
        let mut b = fixture("weinan_counties_gk.zip");
        for (i, v) in flips { let n = b.len(); b[i % n] = v; }
        if cut % 3 == 0 { b.truncate(cut % b.len()); }
        let _ = read_all("u.zip", b);
    }

    #[test]
    fn mutated_rasters_never_panic(flips in prop::collection::vec((0usize..30_000, any::<u8>()), 1..12), cut in 0usize..30_000) {
        let mut b = fixture("weinan_population_wgs84.tif");
        for (i, v) in flips { let n = b.len(); b[i % n] = v; }
        if cut % 3 == 0 { b.truncate(cut % b.len()); }
        let _ = healthreach::import::raster::read_raster(&b, None, &mut |_, _, _| {});
    }

    #[test]
    fn arbitrary_bytes_in_every_vector_door(b in prop::collection::vec(any::<u8>(), 0..600)) {
        for name in ["a.zip", "a.shp", "a.geojson"] {
            let _ = read_all(name, b.clone());
        }
        let _ = healthreach::import::raster::read_raster(&b, None, &mut |_, _, _| {});
    }
}

/// A raw .shp inside a zip, with its header bytes corrupted record by record.
#[test]
fn every_shp_header_byte_corrupted_reads_or_reports() {
    let zip = fixture("weinan_counties_gk.zip");
    let parts = healthreach::import::shapefile_zip::from_zip(&zip, None).unwrap();
    for i in 0..100.min(parts.shp.len()) {
        for v in [0u8, 0x7f, 0xff] {
            let mut shp = parts.shp.clone();
            shp[i] = v;
            let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let o = zip::write::SimpleFileOptions::default();
            for (name, bytes) in [("a.shp", &shp), ("a.dbf", parts.dbf.as_ref().unwrap())] {
                z.start_file(name, o).unwrap();
                std::io::Write::write_all(&mut z, bytes).unwrap();
            }
            let b = z.finish().unwrap().into_inner();
            let _ = read_all("c.zip", b);
        }
    }
}
