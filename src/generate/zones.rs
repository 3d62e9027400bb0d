//! Demand zones: hexagons clipped to counties, populated so that each
//! county's zones sum exactly to its census total.

use super::layout::{terrain_factor, CountyKm, TownKm, CITY_CORE_ADCODE};
use super::projection::{dist, Local};
use super::HEX_RADIUS_KM;
use crate::scenario::{AgeGroups, Area, DemandZone};
use geo::algorithm::Validation;
use geo::MapCoords;

/// Pieces smaller than this (km²) are dropped (their people live in neighbours).
const MIN_PIECE_KM2: f64 = 0.25;
/// Assumed shares of residents aged 0–14 and 65+ (not census figures).
pub const CHILD_SHARE: f64 = 0.165;
pub const AGED_SHARE: f64 = 0.155;

pub struct ZoneKm {
    pub id: String,
    pub adcode: String,
    pub shape: geo::MultiPolygon<f64>,
    pub loc: (f64, f64),
    pub population: u64,
}

impl ZoneKm {
    pub fn to_scenario(&self, proj: &Local) -> DemandZone {
        let wgs = self.shape.map_coords(|c| {
            let [x, y] = proj.to_lonlat(c.x, c.y);
            geo::coord! { x: x, y: y }
        });
        let pop = self.population as f64;
        let children = (pop * CHILD_SHARE).round();
        let aged = (pop * AGED_SHARE).round();
        DemandZone {
            id: self.id.clone(),
            admin_unit: self.adcode.clone(),
            location: proj.to_lonlat(self.loc.0, self.loc.1),
            area: wgs.is_valid().then(|| Area::from_geo(&wgs)),
            population: pop,
            age_groups: Some(AgeGroups {
                children_0_14: children,
                aged_65_plus: aged,
            }),
        }
    }
}

/// Residents per km² (relative) at a point: rural base by terrain, plus
/// the county seat's town and the township seats.
fn density(p: (f64, f64), county: &CountyKm, towns: &[&TownKm], proj: &Local) -> f64 {
    let rural = 160.0 * terrain_factor(proj.lat(p.1));
    let (seat_peak, seat_scale) = if county.adcode == CITY_CORE_ADCODE {
        (14_000.0, 3.0)
    } else {
        (5_000.0, 2.0)
    };
    let seat = seat_peak * (-dist(p, county.seat) / seat_scale).exp();
    let town = towns
        .iter()
        .map(|t| {
            let peak = if t.subdistrict { 3_000.0 } else { 900.0 };
            peak * (-dist(p, t.pos) / 1.2).exp()
        })
        .fold(0.0, f64::max);
    rural + seat + town
}

pub use crate::build::apportion::apportion;

pub fn build(counties: &[CountyKm], towns: &[TownKm], proj: &Local) -> Vec<ZoneKm> {
    let r = HEX_RADIUS_KM;
    let mut zones = Vec::new();
    for c in counties {
        let here: Vec<&TownKm> = towns.iter().filter(|t| t.adcode == c.adcode).collect();
        let pieces = crate::build::hexgrid::pieces(&c.shape, r, MIN_PIECE_KM2);
        let weights: Vec<f64> = pieces
            .iter()
            .map(|(_, loc, area)| area * density(*loc, c, &here, proj))
            .collect();
        let pops = apportion(c.population, &weights);
        for (i, ((shape, loc, _area), pop)) in pieces.into_iter().zip(pops).enumerate() {
            zones.push(ZoneKm {
                id: format!("z{}-{:04}", c.adcode, i + 1),
                adcode: c.adcode.clone(),
                shape,
                loc,
                population: pop,
            });
        }
    }
    zones
}

#[cfg(test)]
mod tests {
    use super::apportion;

    #[test]
    fn apportion_sums_exactly_and_follows_weights() {
        let v = apportion(10, &[1.0, 1.0, 1.0]);
        assert_eq!(v.iter().sum::<u64>(), 10);
        assert_eq!(v, vec![4, 3, 3]);
        let v = apportion(920_044, &[0.3, 2.5, 7.1, 0.0]);
        assert_eq!(v.iter().sum::<u64>(), 920_044);
        assert_eq!(v[3], 0);
        assert!(v[2] > v[1] && v[1] > v[0]);
    }
}
