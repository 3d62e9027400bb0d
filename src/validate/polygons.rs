//! Polygons: closed rings of at least four positions, in range, and valid in
//! the OGC sense (checked with `geo::Validation`).

use super::{at, Problem};
use crate::scenario::Scenario;
use crate::scenario::{Area, LonLat};
use geo::algorithm::Validation;

fn check_area(path: &str, what: &str, area: &Area, out: &mut Vec<Problem>) {
    if area.0.is_empty() {
        out.push(Problem::error(
            path,
            format!("{what}: the polygon is empty; give at least one ring"),
        ));
        return;
    }
    let mut rings_ok = true;
    for (pi, rings) in area.0.iter().enumerate() {
        if rings.is_empty() {
            out.push(Problem::error(
                format!("{path}[{pi}]"),
                format!("{what}: polygon {pi} has no rings"),
            ));
            rings_ok = false;
        }
        for (ri, ring) in rings.iter().enumerate() {
            let here = format!("{path}[{pi}][{ri}]");
            if let Some(k) = ring.iter().position(|p: &LonLat| {
                !(p[0].is_finite()
                    && p[1].is_finite()
                    && (-180.0..=180.0).contains(&p[0])
                    && (-90.0..=90.0).contains(&p[1]))
            }) {
                let p = ring[k];
                out.push(Problem::error(
                    format!("{here}[{k}]"),
                    format!("{what}: [{}, {}] is not a WGS84 [longitude, latitude] (longitude −180…180, latitude −90…90)", p[0], p[1]),
                ));
                rings_ok = false;
                continue;
            }
            if ring.len() < 4 {
                out.push(Problem::error(
                    here,
                    format!(
                        "{what}: a ring needs at least 4 positions (first = last), found {}",
                        ring.len()
                    ),
                ));
                rings_ok = false;
            } else if ring.first() != ring.last() {
                out.push(Problem::error(
                    here,
                    format!("{what}: the ring is not closed; repeat the first position at the end"),
                ));
                rings_ok = false;
            }
        }
    }
    if !rings_ok {
        return;
    }
    for (pi, poly) in area.to_geo().0.iter().enumerate() {
        for e in poly.validation_errors() {
            out.push(Problem::error(
                format!("{path}[{pi}]"),
                format!("{what}: invalid polygon: {e}. Repair it (for example with make_valid in GIS software)."),
            ));
        }
    }
}

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    for (i, u) in s.admin_units.iter().enumerate() {
        check_area(
            &at("admin_units", i, "boundary"),
            &format!("admin unit {:?} ({})", u.id, u.name),
            &u.boundary,
            out,
        );
    }
    for (i, z) in s.zones.iter().enumerate() {
        if let Some(a) = &z.area {
            check_area(&at("zones", i, "area"), &format!("zone {:?}", z.id), a, out);
        }
    }
}
