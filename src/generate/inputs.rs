//! Reads the real inputs from the shared data folder.

use std::path::Path;

pub struct County {
    pub adcode: String,
    pub name: String,
    pub boundary: geo::MultiPolygon<f64>,
    /// Label point of the source data, taken as the county seat (approximate).
    pub seat: [f64; 2],
    pub population: u64,
}

pub struct Township {
    pub code: String,
    pub name: String,
    pub adcode: String,
    pub subdistrict: bool,
}

pub struct Inputs {
    pub counties: Vec<County>,
    pub townships: Vec<Township>,
}

impl Inputs {
    pub fn bbox(&self) -> [f64; 4] {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for c in &self.counties {
            for p in &c.boundary.0 {
                for q in p.exterior().coords() {
                    b = [b[0].min(q.x), b[1].min(q.y), b[2].max(q.x), b[3].max(q.y)];
                }
            }
        }
        b
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {}: {e}. Pass --data with the folder holding the Weinan files (data/weinan in the repository).",
            path.display()
        )
    })
}

pub fn read(dir: &Path) -> Result<Inputs, String> {
    let geo_path = dir.join("weinan_districts_wgs84.geojson");
    let pop_path = dir.join("weinan_population_2020.csv");
    let town_path = dir.join("weinan_townships_china_division.csv");

    let mut population = std::collections::BTreeMap::new();
    let pop_text = read_text(&pop_path)?;
    let mut rdr = csv::Reader::from_reader(pop_text.as_bytes());
    for (i, row) in rdr.records().enumerate() {
        let row = row.map_err(|e| format!("{}: row {}: {e}", pop_path.display(), i + 2))?;
        let n: u64 = row[2].trim().parse().map_err(|e| {
            format!(
                "{}: row {}: population {:?} is not a whole number: {e}",
                pop_path.display(),
                i + 2,
                &row[2]
            )
        })?;
        population.insert(row[0].trim().to_string(), n);
    }

    let gj: geojson::GeoJson = read_text(&geo_path)?
        .parse()
        .map_err(|e| format!("{}: not GeoJSON: {e}", geo_path.display()))?;
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        return Err(format!(
            "{}: expected a FeatureCollection",
            geo_path.display()
        ));
    };
    let mut counties = Vec::new();
    for (i, f) in fc.features.iter().enumerate() {
        let prop = |k: &str| f.property(k).cloned();
        let adcode = prop("adcode")
            .and_then(|v| v.as_str().map(str::to_string))
            .ok_or_else(|| format!("{}: feature {i} has no adcode", geo_path.display()))?;
        let name = prop("name")
            .and_then(|v| v.as_str().map(str::to_string))
            .ok_or_else(|| format!("{}: feature {i} has no name", geo_path.display()))?;
        let seat = prop("label_point_wgs84")
            .and_then(|v| serde_json::from_value::<[f64; 2]>(v).ok())
            .ok_or_else(|| {
                format!(
                    "{}: feature {i} ({name}) has no label_point_wgs84",
                    geo_path.display()
                )
            })?;
        let geom = f.geometry.as_ref().ok_or_else(|| {
            format!(
                "{}: feature {i} ({name}) has no geometry",
                geo_path.display()
            )
        })?;
        let g: geo::Geometry<f64> = geom
            .clone()
            .try_into()
            .map_err(|e| format!("{}: feature {i} ({name}): {e}", geo_path.display()))?;
        let boundary = match g {
            geo::Geometry::Polygon(p) => geo::MultiPolygon::new(vec![p]),
            geo::Geometry::MultiPolygon(mp) => mp,
            _ => {
                return Err(format!(
                    "{}: feature {i} ({name}) is not a polygon",
                    geo_path.display()
                ))
            }
        };
        let population = *population.get(&adcode).ok_or_else(|| {
            format!(
                "{}: no population for {adcode} ({name})",
                pop_path.display()
            )
        })?;
        counties.push(County {
            adcode,
            name,
            boundary,
            seat,
            population,
        });
    }
    counties.sort_by(|a, b| a.adcode.cmp(&b.adcode));

    let mut townships = Vec::new();
    let town_text = read_text(&town_path)?;
    let mut rdr = csv::Reader::from_reader(town_text.as_bytes());
    for (i, row) in rdr.records().enumerate() {
        let row = row.map_err(|e| format!("{}: row {}: {e}", town_path.display(), i + 2))?;
        let kind = &row[6];
        if kind.starts_with("township-equivalent") {
            continue; // farms, state enterprises: no township health centre
        }
        townships.push(Township {
            code: row[0].to_string(),
            name: row[1].to_string(),
            adcode: row[2].to_string(),
            subdistrict: kind.starts_with("街道"),
        });
    }
    Ok(Inputs {
        counties,
        townships,
    })
}
