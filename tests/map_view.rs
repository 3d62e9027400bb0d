//! The map's view models on the demo: hit-testing finds the marker or zone
//! under the pointer, catchments agree with the travel-time engine.

use geo::{Contains, InteriorPoint};
use healthreach::access::{AccessOptions, TravelTimes};
use healthreach::scenario::Mode;
use healthreach::view::hit::{Hit, HitIndex};
use healthreach::view::map_layers::MapLayers;
use healthreach::view::palette::facility_radius;
use healthreach::view::zone_access::ZoneAccess;

#[test]
fn hovering_finds_the_marker_or_the_zone_under_the_pointer() {
    let s = healthreach::demo::weinan();
    let l = MapLayers::of(&s);
    let index = HitIndex::new(&l);
    // A zoomed-in map: 0.0002° per pixel (≈ 22 m).
    let deg = 0.0002;
    let radius = |i: usize| facility_radius(l.facilities[i].tier, l.facilities[i].beds);
    for f in l.facilities.iter().step_by(7) {
        match index.at(f.location, deg, radius) {
            Some(Hit::Facility(j)) => {
                let g = &l.facilities[j];
                let d = ((g.location[0] - f.location[0]).powi(2)
                    + (g.location[1] - f.location[1]).powi(2))
                .sqrt();
                assert!(d / deg <= radius(j) + 3.0, "{} hit {} {d}", f.name, g.name);
            }
            other => panic!("{} not hit: {other:?}", f.name),
        }
    }
    // Inside a zone, away from markers: that zone.
    let mut zones_checked = 0;
    for (i, z) in l.zones.iter().enumerate().step_by(11) {
        let Some(area) = &z.area else { continue };
        let shape = area.to_geo();
        let Some(p) = shape.interior_point() else {
            continue;
        };
        match index.at([p.x(), p.y()], deg, radius) {
            Some(Hit::Zone(j)) => {
                assert!(
                    l.zones[j].area.as_ref().unwrap().to_geo().contains(&p),
                    "zone {i} → {j}"
                );
                zones_checked += 1;
            }
            Some(Hit::Facility(_)) => {}
            None => panic!("zone {} not hit", z.id),
        }
    }
    assert!(zones_checked > 50, "{zones_checked}");
    // Outside the region: nothing.
    let [x0, y0, _, _] = l.bbox;
    assert_eq!(index.at([x0 - 1.0, y0 - 1.0], deg, radius), None);
}

#[test]
fn a_catchment_is_every_zone_the_engine_puts_within_the_threshold() {
    let s = healthreach::demo::weinan();
    let a = ZoneAccess::of(&s, Mode::Drive);
    let tt = TravelTimes::compute(&s, &AccessOptions::default());
    for site in [0u32, 100, 1000, s.facilities.len() as u32 - 1] {
        let want: Vec<usize> = tt
            .nearest(&[site])
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_some_and(|(_, m)| m <= 15.0))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(a.catchment(site, 15.0), want, "site {site}");
    }
    assert_eq!(a.e2sfca.len(), s.zones.len());
    assert!(a.e2sfca.iter().any(|x| *x > 0.0));
}

#[test]
fn overlapping_markers_give_the_one_drawn_on_top() {
    let s = healthreach::demo::weinan();
    let l = MapLayers::of(&s);
    let index = HitIndex::new(&l);
    // At region scale markers overlap in towns; the biggest hospital is drawn last among them.
    let deg = 0.003;
    let radius = |i: usize| facility_radius(l.facilities[i].tier, l.facilities[i].beds);
    let top = (0..l.facilities.len())
        .max_by(|a, b| l.facilities[*a].beds.total_cmp(&l.facilities[*b].beds))
        .unwrap();
    let Some(Hit::Facility(i)) = index.at(l.facilities[top].location, deg, radius) else {
        panic!("no hit")
    };
    // Nothing drawn after `i` covers the point.
    let p = l.facilities[top].location;
    let kx = ((l.bbox[1] + l.bbox[3]) / 2.0).to_radians().cos();
    let px = |j: usize| {
        let q = l.facilities[j].location;
        (((q[0] - p[0]) * kx).powi(2) + (q[1] - p[1]).powi(2)).sqrt() / deg
    };
    assert!(px(i) <= radius(i), "the hit covers the point");
    for j in i + 1..l.facilities.len() {
        assert!(
            px(j) > radius(j),
            "{} is drawn over {}",
            l.facilities[j].name,
            l.facilities[i].name
        );
    }
}
