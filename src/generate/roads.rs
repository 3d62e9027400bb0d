//! A plausible road network for the demo: expressways and national roads
//! between county seats, provincial roads chaining township seats, county
//! roads from every township seat to its county seat, and village roads
//! from populated zones to the nearest township seat. In the Qinling
//! mountains (south) and on the northern plateau many zones get no village
//! road, which shows up as real access gaps.

use super::layout::{terrain_factor, CountyKm, TownKm, CITY_CORE_ADCODE};
use super::projection::{dist, Local};
use super::rng::SplitMix64;
use super::zones::ZoneKm;
use crate::scenario::{RoadClass, RoadLink, RoadNetwork};

/// Vertices are placed about this far apart along a road (km), so that
/// places can join it along its length.
const VERTEX_SPACING_KM: f64 = 1.0;

fn line(
    a: (f64, f64),
    b: (f64, f64),
    proj: &Local,
    wiggle: f64,
    rng: &mut SplitMix64,
) -> Vec<[f64; 2]> {
    let d = dist(a, b);
    let n = (d / VERTEX_SPACING_KM).ceil().max(1.0) as usize;
    let (nx, ny) = if d > 0.0 {
        (-(b.1 - a.1) / d, (b.0 - a.0) / d)
    } else {
        (0.0, 0.0)
    };
    // A gentle bend: the road leaves its straight line by up to `wiggle` × length.
    let bend = rng.range(-wiggle, wiggle) * d;
    (0..=n)
        .map(|i| {
            let t = i as f64 / n as f64;
            let off = bend * (std::f64::consts::PI * t).sin();
            proj.to_lonlat(
                a.0 + (b.0 - a.0) * t + nx * off,
                a.1 + (b.1 - a.1) * t + ny * off,
            )
        })
        .collect()
}

pub fn build(
    counties: &[CountyKm],
    towns: &[TownKm],
    zones: &[ZoneKm],
    proj: &Local,
) -> RoadNetwork {
    let mut rng = SplitMix64::new(34_500_109);
    let mut links = Vec::new();
    let add = |class: RoadClass, pts: Vec<[f64; 2]>, links: &mut Vec<RoadLink>| {
        let id = format!("r{:05}", links.len() + 1);
        links.push(RoadLink {
            id,
            class,
            line: pts,
            speeds: None,
        });
    };
    let seats: Vec<(f64, f64)> = counties.iter().map(|c| c.seat).collect();
    let core = counties
        .iter()
        .position(|c| c.adcode == CITY_CORE_ADCODE)
        .unwrap_or(0);

    // Expressways: a minimum spanning tree over the county seats (Prim),
    // straight, with access only at the seats.
    let mut in_tree = vec![false; seats.len()];
    in_tree[core] = true;
    for _ in 1..seats.len() {
        let mut best: Option<(usize, usize, f64)> = None;
        for i in (0..seats.len()).filter(|&i| in_tree[i]) {
            for j in (0..seats.len()).filter(|&j| !in_tree[j]) {
                let d = dist(seats[i], seats[j]);
                if best.is_none_or(|b| d < b.2) {
                    best = Some((i, j, d));
                }
            }
        }
        let (i, j, _) = best.expect("a seat is left");
        in_tree[j] = true;
        let pts = vec![
            proj.to_lonlat(seats[i].0, seats[i].1),
            proj.to_lonlat(seats[j].0, seats[j].1),
        ];
        add(RoadClass::Expressway, pts, &mut links);
    }
    // National roads: every seat to its two nearest seats, with vertices along the way.
    let mut national = std::collections::BTreeSet::new();
    for i in 0..seats.len() {
        let mut near: Vec<usize> = (0..seats.len()).filter(|&j| j != i).collect();
        near.sort_by(|&a, &b| dist(seats[i], seats[a]).total_cmp(&dist(seats[i], seats[b])));
        for &j in near.iter().take(2) {
            national.insert((i.min(j), i.max(j)));
        }
    }
    for (i, j) in national {
        let pts = line(seats[i], seats[j], proj, 0.05, &mut rng);
        add(RoadClass::National, pts, &mut links);
    }
    // County roads: every township seat to its county seat.
    for t in towns {
        let c = counties
            .iter()
            .find(|c| c.adcode == t.adcode)
            .expect("town's county");
        if dist(t.pos, c.seat) < 0.05 {
            continue;
        }
        let pts = line(c.seat, t.pos, proj, 0.08, &mut rng);
        add(RoadClass::County, pts, &mut links);
    }
    // Provincial roads: chain each county's towns to their nearest neighbour
    // town in the same or another county (a loose web between townships).
    for (i, t) in towns.iter().enumerate().filter(|(_, t)| !t.subdistrict) {
        let nearest = towns
            .iter()
            .enumerate()
            .filter(|(j, u)| *j != i && !u.subdistrict)
            .min_by(|a, b| dist(t.pos, a.1.pos).total_cmp(&dist(t.pos, b.1.pos)));
        if let Some((j, u)) = nearest {
            if i < j || dist(t.pos, u.pos) > 0.0 {
                let pts = line(t.pos, u.pos, proj, 0.06, &mut rng);
                add(RoadClass::Provincial, pts, &mut links);
            }
        }
    }
    // Village roads: each zone to the nearest township seat of its county,
    // except many remote zones in the mountains and on the plateau.
    for z in zones {
        let town = towns
            .iter()
            .filter(|t| t.adcode == z.adcode)
            .min_by(|a, b| dist(z.loc, a.pos).total_cmp(&dist(z.loc, b.pos)));
        let Some(t) = town else { continue };
        let d = dist(z.loc, t.pos);
        if d < 0.3 {
            continue;
        }
        let terrain = terrain_factor(proj.lat(z.loc.1));
        // Remote and rugged: the chance of a village road falls with both.
        let p_road = (terrain * 1.2).min(1.0) * if d > 8.0 { 0.6 } else { 1.0 };
        if rng.unit() > p_road {
            continue;
        }
        let pts = line(t.pos, z.loc, proj, 0.1, &mut rng);
        add(RoadClass::Village, pts, &mut links);
    }
    RoadNetwork {
        class_speeds: Default::default(),
        links,
    }
}
