//! Generated region folders as a prefecture's offices hand them over, for
//! the tests and the import benchmark: county boundaries (GeoJSON), a
//! census table with a title row and a total row, and a facility list with
//! statistics-office headers (`执业（助理）医师数`, `实有床位（张）数`),
//! title and notes rows above the header, GBK text and, if asked, GCJ-02
//! coordinates — with planted defects (swapped coordinates, a hospital in
//! Beijing, an exact duplicate row, a probable duplicate, a bad number, a
//! fractional count) whose spreadsheet rows are recorded, and the truth of
//! every facility row to compare an import with. No manifest is written:
//! the importer has to find its way as it would in a planner's folder.

use crate::bench::Rng;
use crate::scenario::Tier;
use std::collections::BTreeMap;

/// What to generate.
#[derive(Debug, Clone)]
pub struct FolderSpec {
    /// Counties (1–20), laid out on a grid of about 30 km squares with
    /// wavy shared borders.
    pub counties: usize,
    /// Facilities per county (a county hospital, township centres, the rest
    /// village clinics).
    pub facilities_per_county: usize,
    /// Seed: the same spec and seed give the same bytes.
    pub seed: u64,
    /// Facility coordinates in GCJ-02 (as exported from AMap) instead of WGS84.
    pub gcj02: bool,
    /// The facility list in GBK (else UTF-8 with BOM).
    pub gbk: bool,
    /// Plant the defects listed in [`Defect`].
    pub defects: bool,
    /// The doctors column's header.
    pub doctors_header: String,
}

impl Default for FolderSpec {
    fn default() -> Self {
        FolderSpec {
            counties: 4,
            facilities_per_county: 60,
            seed: 1,
            gcj02: true,
            gbk: true,
            defects: true,
            doctors_header: "执业（助理）医师数".into(),
        }
    }
}

/// A planted defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// Longitude and latitude swapped.
    SwappedCoordinates,
    /// A hospital placed in Beijing, far outside the region.
    FarOutside,
    /// A row repeated cell for cell.
    ExactDuplicate,
    /// The same facility again 50 m away under the same name.
    ProbableDuplicate,
    /// `abc` in the beds column.
    BadNumber,
    /// `12.6` beds.
    FractionalBeds,
}

/// One facility row as the truth has it.
#[derive(Debug, Clone)]
pub struct TruthRow {
    /// The row number as the spreadsheet shows it.
    pub row: u64,
    /// Name.
    pub name: String,
    /// Tier.
    pub tier: Tier,
    /// Position, WGS84.
    pub wgs84: [f64; 2],
    /// Beds (None where the defect makes the cell unreadable).
    pub beds: Option<f64>,
    /// Doctors.
    pub doctors: f64,
    /// The defect planted on this row, if any.
    pub defect: Option<Defect>,
}

/// The folder's files and its truth.
#[derive(Debug, Clone)]
pub struct Folder {
    /// File name → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The facility list's name.
    pub facilities_file: String,
    /// Every data row of the facility list.
    pub facilities: Vec<TruthRow>,
    /// County names and their census population.
    pub counties: Vec<(String, String, u64)>,
}

const SYLLABLES: &[&str] = &[
    "安", "宝", "长", "丰", "河", "华", "嘉", "江", "金", "乐", "临", "龙", "宁", "平", "清", "山",
    "泰", "通", "文", "新", "兴", "阳", "永", "玉", "云", "泽", "中", "东", "西", "南", "北", "白",
];

/// Generates a folder.
pub fn generate(spec: &FolderSpec) -> Folder {
    let mut rng = Rng(spec
        .seed
        .wrapping_mul(0x2545_F491_4F6C_DD1D)
        .wrapping_add(17));
    let n = spec.counties.clamp(1, 20);
    let cols = (n as f64).sqrt().ceil() as usize;
    let (lon0, lat0, step) = (110.0 + rng.unit(), 30.0 + rng.unit() * 4.0, 0.3);
    // Shared borders wave a little: the x of the border between columns c
    // and c+1 at height t, the y between rows r and r+1 at x.
    let wave = |k: usize, t: f64| 0.02 * ((t * 20.0 + k as f64 * 1.7).sin());
    let xb = |c: usize, y: f64| {
        lon0 + c as f64 * step + if c == 0 || c == cols { 0.0 } else { wave(c, y) }
    };
    let rows_n = n.div_ceil(cols);
    let yb = |r: usize, x: f64| {
        lat0 + r as f64 * step
            + if r == 0 || r == rows_n {
                0.0
            } else {
                wave(r + 50, x)
            }
    };
    let mut features = Vec::new();
    let mut counties = Vec::new();
    let mut boxes = Vec::new();
    for i in 0..n {
        let (c, r) = (i % cols, i / cols);
        let k = 12;
        let mut ring = Vec::new();
        for j in 0..k {
            let x = lon0 + (c as f64 + j as f64 / k as f64) * step;
            ring.push([x, yb(r, x)]);
        }
        for j in 0..k {
            let y = lat0 + (r as f64 + j as f64 / k as f64) * step;
            ring.push([xb(c + 1, y), y]);
        }
        for j in 0..k {
            let x = lon0 + (c as f64 + 1.0 - j as f64 / k as f64) * step;
            ring.push([x, yb(r + 1, x)]);
        }
        for j in 0..k {
            let y = lat0 + (r as f64 + 1.0 - j as f64 / k as f64) * step;
            ring.push([xb(c, y), y]);
        }
        ring.push(ring[0]);
        let name = format!(
            "{}{}县",
            SYLLABLES[(i * 7 + spec.seed as usize) % SYLLABLES.len()],
            SYLLABLES[(i * 13 + 5) % SYLLABLES.len()]
        );
        let code = format!("6199{:02}", i + 1);
        let pop = 150_000 + (rng.unit() * 600_000.0) as u64;
        features.push(serde_json::json!({
            "type": "Feature",
            "properties": {"NAME": name, "ADCODE": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }));
        counties.push((name, code, pop));
        boxes.push((c, r));
    }
    let mut files = BTreeMap::new();
    files.insert(
        "县界.geojson".to_string(),
        serde_json::json!({"type": "FeatureCollection", "features": features})
            .to_string()
            .into_bytes(),
    );
    // Census: a title row, the header, the counties, a total row.
    let mut census =
        String::from("第七次全国人口普查主要数据（分县）,,\n行政区划代码,地区,常住人口（人）\n");
    for (name, code, pop) in &counties {
        census.push_str(&format!("{code},{name},{pop}\n"));
    }
    let total: u64 = counties.iter().map(|c| c.2).sum();
    census.push_str(&format!(",合计,{total}\n"));
    files.insert("人口普查.csv".to_string(), census.into_bytes());
    // Facilities: title, notes and blank rows above the header.
    let header = [
        "序号",
        "机构名称",
        "机构类别",
        "经济类型",
        "所属区县",
        "实有床位（张）数",
        spec.doctors_header.as_str(),
        "经度",
        "纬度",
    ];
    let mut lines: Vec<Vec<String>> = vec![
        vec!["某市医疗卫生机构名录（2023年）".into()],
        vec!["说明：床位、医师为年末数；坐标来自网络地图".into()],
        vec![String::new()],
        header.iter().map(|s| s.to_string()).collect(),
    ];
    let mut truth = Vec::new();
    let inset = 0.0003;
    for (i, (name, _, _)) in counties.iter().enumerate() {
        let (c, r) = boxes[i];
        for j in 0..spec.facilities_per_county.max(3) {
            // Uniform in the county's square, kept off the wavy border.
            let x = lon0 + (c as f64 + rng.unit()) * step;
            let y = lat0 + (r as f64 + rng.unit()) * step;
            let inside = x > xb(c, y) + inset
                && x < xb(c + 1, y) - inset
                && y > yb(r, x) + inset
                && y < yb(r + 1, x) - inset;
            if !inside {
                continue;
            }
            let (tier, beds, doctors) = match j {
                0 => (
                    Tier::CountyHospital,
                    400.0 + (rng.unit() * 600.0).round(),
                    120.0 + (rng.unit() * 150.0).round(),
                ),
                1..=8 => (
                    Tier::TownshipHealthCentre,
                    20.0 + (rng.unit() * 60.0).round(),
                    6.0 + (rng.unit() * 15.0).round(),
                ),
                _ => (Tier::VillageClinic, 0.0, 1.0),
            };
            let fname = match tier {
                Tier::CountyHospital => format!("{name}人民医院"),
                Tier::TownshipHealthCentre => {
                    format!("{name}{}镇卫生院", SYLLABLES[j % SYLLABLES.len()])
                }
                _ => format!("{name}{}{}村卫生室", SYLLABLES[j % SYLLABLES.len()], j),
            };
            truth.push(TruthRow {
                row: 0,
                name: fname,
                tier,
                wgs84: [x, y],
                beds: Some(beds),
                doctors,
                defect: None,
            });
        }
    }
    // Plant the defects on village clinics spread through the list.
    if spec.defects {
        let villages: Vec<usize> = (0..truth.len())
            .filter(|&i| truth[i].tier == Tier::VillageClinic)
            .collect();
        let pick = |k: usize| villages[(k * villages.len()) / 7];
        if villages.len() >= 7 {
            truth[pick(1)].defect = Some(Defect::SwappedCoordinates);
            truth[pick(2)].defect = Some(Defect::FarOutside);
            truth[pick(3)].defect = Some(Defect::BadNumber);
            truth[pick(3)].beds = None;
            truth[pick(4)].defect = Some(Defect::FractionalBeds);
            truth[pick(4)].beds = Some(12.6);
            let dup = truth[pick(5)].clone();
            truth.insert(
                pick(5) + 1,
                TruthRow {
                    defect: Some(Defect::ExactDuplicate),
                    ..dup.clone()
                },
            );
            let mut near = dup;
            near.wgs84[0] += 0.0005; // about 45 m
            near.defect = Some(Defect::ProbableDuplicate);
            truth.insert(pick(6) + 2, near);
        }
    }
    let header_row = lines.len() as u64; // the header's own row number
    for (k, t) in truth.iter_mut().enumerate() {
        t.row = header_row + 1 + k as u64;
    }
    let mut serial = 0;
    for t in &truth {
        if t.defect != Some(Defect::ExactDuplicate) {
            serial += 1;
        }
        let written = if spec.gcj02 {
            crate::import::chinese_crs::wgs84_to_gcj02(t.wgs84)
        } else {
            t.wgs84
        };
        let written = match t.defect {
            Some(Defect::FarOutside) => [116.397, 39.909],
            _ => written,
        };
        let (lon, lat) = match t.defect {
            Some(Defect::SwappedCoordinates) => (written[1], written[0]),
            _ => (written[0], written[1]),
        };
        let county = t
            .name
            .split('县')
            .next()
            .map(|s| format!("{s}县"))
            .unwrap_or_default();
        let beds = match t.defect {
            Some(Defect::BadNumber) => "abc".to_string(),
            _ => fmt_count(t.beds.unwrap_or(0.0)),
        };
        lines.push(vec![
            serial.to_string(),
            t.name.clone(),
            match t.tier {
                Tier::CountyHospital => "县人民医院",
                Tier::TownshipHealthCentre => "乡镇卫生院",
                _ => "村卫生室",
            }
            .into(),
            "公立".into(),
            county,
            beds,
            fmt_count(t.doctors),
            format!("{lon:.6}"),
            format!("{lat:.6}"),
        ]);
    }
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for l in &lines {
        let _ = w.write_record(l);
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    let bytes = if spec.gbk {
        encoding_rs::GBK.encode(&text).0.into_owned()
    } else {
        let mut b = "\u{feff}".as_bytes().to_vec();
        b.extend(text.into_bytes());
        b
    };
    let facilities_file = "医疗机构名录.csv".to_string();
    files.insert(facilities_file.clone(), bytes);
    Folder {
        files,
        facilities_file,
        facilities: truth,
        counties,
    }
}

fn fmt_count(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}
