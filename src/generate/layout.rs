//! Counties in projected kilometres, and township seats placed inside them.

use super::inputs::Inputs;
use super::projection::{dist, Local};
use super::rng::SplitMix64;
use crate::scenario::{AdminUnit, Area};
use geo::algorithm::Validation;
use geo::{Contains, SimplifyVwPreserve};

/// English names of Weinan's county-level units (by adcode).
const NAMES_EN: [(&str, &str); 11] = [
    ("610502", "Linwei District"),
    ("610503", "Huazhou District"),
    ("610522", "Tongguan County"),
    ("610523", "Dali County"),
    ("610524", "Heyang County"),
    ("610525", "Chengcheng County"),
    ("610526", "Pucheng County"),
    ("610527", "Baishui County"),
    ("610528", "Fuping County"),
    ("610581", "Hancheng City"),
    ("610582", "Huayin City"),
];

/// The prefecture seat (city core), where tertiary hospitals stand.
pub const CITY_CORE_ADCODE: &str = "610502";

/// Relative population density from terrain: the Qinling mountains in the
/// south (below about 34.45° N) and the northern loess plateau are sparse.
pub fn terrain_factor(lat: f64) -> f64 {
    if lat < 34.42 {
        0.08
    } else if lat < 34.47 {
        0.45
    } else if lat > 35.35 {
        0.6
    } else {
        1.0
    }
}

pub struct CountyKm {
    pub adcode: String,
    pub name: String,
    pub name_en: String,
    pub population: u64,
    /// Simplified boundary in km.
    pub shape: geo::MultiPolygon<f64>,
    /// The same boundary in WGS84, simplified, rounded and valid.
    pub boundary: Area,
    pub seat: (f64, f64),
}

impl CountyKm {
    pub fn admin_unit(&self, _proj: &Local) -> AdminUnit {
        AdminUnit {
            // City districts (市辖区: 临渭区, 华州区) are urban.
            urban: self.name.ends_with('区'),
            id: self.adcode.clone(),
            name: self.name.clone(),
            name_en: Some(self.name_en.clone()),
            code: self.adcode.clone(),
            boundary: self.boundary.clone(),
            population: self.population as f64,
        }
    }

    pub fn contains(&self, p: (f64, f64)) -> bool {
        self.shape.contains(&geo::Point::new(p.0, p.1))
    }
}

fn project(mp: &geo::MultiPolygon<f64>, proj: &Local) -> geo::MultiPolygon<f64> {
    use geo::MapCoords;
    mp.map_coords(|c| {
        let (x, y) = proj.to_km([c.x, c.y]);
        geo::coord! { x: x, y: y }
    })
}

fn unproject(mp: &geo::MultiPolygon<f64>, proj: &Local) -> geo::MultiPolygon<f64> {
    use geo::MapCoords;
    mp.map_coords(|c| {
        let [x, y] = proj.to_lonlat(c.x, c.y);
        geo::coord! { x: x, y: y }
    })
}

/// Union of the parts of a multipolygon: a valid multipolygon whose parts
/// touch at most at points.
fn clean(mp: &geo::MultiPolygon<f64>) -> geo::MultiPolygon<f64> {
    geo::unary_union(mp.0.iter())
}

/// Simplification tolerances tried in turn (km², triangle area for
/// Visvalingam–Whyatt); the first that stays valid after rounding wins.
const SIMPLIFY_KM2: [f64; 5] = [0.08, 0.04, 0.02, 0.01, 0.0];

pub fn counties(input: &Inputs, proj: &Local) -> Result<Vec<CountyKm>, String> {
    input
        .counties
        .iter()
        .map(|c| {
            // Dissolve parts that share edges (the source has some) into one
            // valid multipolygon first.
            let km = clean(&project(&c.boundary, proj));
            let mut chosen = None;
            let mut why = String::new();
            for eps in SIMPLIFY_KM2 {
                let simple = if eps > 0.0 {
                    km.simplify_vw_preserve(eps)
                } else {
                    km.clone()
                };
                let mut wgs = unproject(&simple, proj);
                if !wgs.is_valid() {
                    // Rounding can make rings touch; dissolving repairs that.
                    wgs = clean(&wgs);
                }
                let errors = wgs.validation_errors();
                if let Some(e) = errors.first() {
                    why = format!("{e} ({} problem(s) at tolerance {eps} km²)", errors.len());
                }
                if errors.is_empty() {
                    // Keep the km shape consistent with what is embedded.
                    chosen = Some((project(&wgs, proj), Area::from_geo(&wgs)));
                    break;
                }
            }
            let (shape, boundary) = chosen.ok_or_else(|| {
                format!(
                    "{} ({}): no simplification stays a valid polygon: {why}",
                    c.name, c.adcode
                )
            })?;
            let name_en = NAMES_EN
                .iter()
                .find(|(code, _)| *code == c.adcode)
                .map(|(_, n)| n.to_string())
                .unwrap_or_else(|| c.name.clone());
            Ok(CountyKm {
                adcode: c.adcode.clone(),
                name: c.name.clone(),
                name_en,
                population: c.population,
                shape,
                boundary,
                seat: proj.to_km(c.seat),
            })
        })
        .collect()
}

pub struct TownKm {
    pub code: String,
    pub name: String,
    pub adcode: String,
    pub subdistrict: bool,
    pub pos: (f64, f64),
}

/// Places every township seat inside its county: subdistricts (街道) in a
/// sunflower around the county seat, towns spread by best-candidate sampling
/// (far from seats already placed, avoiding the mountains).
pub fn place_townships(input: &Inputs, counties: &[CountyKm], proj: &Local) -> Vec<TownKm> {
    let mut out = Vec::new();
    for c in counties {
        let seed = c.adcode.parse::<u64>().unwrap_or(1);
        let mut rng = SplitMix64::new(seed);
        let rows: Vec<_> = input
            .townships
            .iter()
            .filter(|t| t.adcode == c.adcode)
            .collect();
        let mut placed: Vec<(f64, f64)> = vec![c.seat];
        for (k, t) in rows.iter().filter(|t| t.subdistrict).enumerate() {
            let mut r = 1.4 * ((k as f64) + 0.7).sqrt();
            let a = k as f64 * 2.399_963;
            let mut p = (c.seat.0 + r * a.cos(), c.seat.1 + r * a.sin());
            while !c.contains(p) && r > 0.2 {
                r *= 0.7;
                p = (c.seat.0 + r * a.cos(), c.seat.1 + r * a.sin());
            }
            placed.push(p);
            out.push(town(t, p));
        }
        let bbox = geo::BoundingRect::bounding_rect(&c.shape).expect("county has a shape");
        for t in rows.iter().filter(|t| !t.subdistrict) {
            let mut best: Option<((f64, f64), f64)> = None;
            let mut tries = 0;
            let mut attempts = 0;
            while tries < 40 && attempts < 100_000 {
                attempts += 1;
                let p = (
                    rng.range(bbox.min().x, bbox.max().x),
                    rng.range(bbox.min().y, bbox.max().y),
                );
                if !c.contains(p) {
                    continue;
                }
                tries += 1;
                let d = placed
                    .iter()
                    .map(|q| dist(p, *q))
                    .fold(f64::INFINITY, f64::min);
                let score = d * terrain_factor(proj.lat(p.1)).sqrt();
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((p, score));
                }
            }
            let p = best.map(|b| b.0).unwrap_or(c.seat);
            placed.push(p);
            out.push(town(t, p));
        }
    }
    out
}

fn town(t: &super::inputs::Township, pos: (f64, f64)) -> TownKm {
    TownKm {
        code: t.code.clone(),
        name: t.name.clone(),
        adcode: t.adcode.clone(),
        subdistrict: t.subdistrict,
        pos,
    }
}
