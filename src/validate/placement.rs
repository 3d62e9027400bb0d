//! Geometric consistency of cross-references: a facility, candidate site or
//! zone names the admin unit it belongs to; when its position lies inside a
//! different unit's boundary, beds, doctors or residents would be counted in
//! the wrong county's ratios. Point-in-polygon by an R-tree over boundary
//! segments ([`super::polygon_validity::AreaIndex`]), so a million-vertex
//! boundary costs a logarithm per point, not a scan.

use super::polygon_validity::AreaIndex;
use super::{at, Problem};
use crate::diagnostics::short;
use crate::scenario::{LonLat, Scenario};
use std::collections::HashMap;

/// At most this many such warnings are listed one by one per collection;
/// the rest are counted in one more.
const MAX_LISTED: usize = 20;

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    let finite = |p: &LonLat| p[0].is_finite() && p[1].is_finite();
    // Only boundaries whose rings are usable (the polygon checks report the rest).
    let units: Vec<(usize, AreaIndex)> = s
        .admin_units
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            !u.boundary.0.is_empty()
                && u.boundary
                    .0
                    .iter()
                    .flatten()
                    .all(|r| r.len() >= 4 && r.iter().all(finite) && r.first() == r.last())
        })
        .map(|(i, u)| (i, AreaIndex::new(&u.boundary.0)))
        .collect();
    if units.len() < 2 {
        return; // with one unit there is nowhere else to be
    }
    let by_id: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(k, (i, _))| (s.admin_units[*i].id.as_str(), k))
        .collect();
    let inside = |k: usize, p: &LonLat| {
        let idx = &units[k].1;
        idx.bbox()
            .is_some_and(|b| p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3])
            && idx.contains(p[0], p[1])
    };
    let mut check_items = |coll: &str,
                           (what, what_zh): (&str, &str),
                           items: Vec<(&str, &str, LonLat)>| {
        let mut listed = 0;
        let mut more = 0;
        for (i, (id, unit, p)) in items.into_iter().enumerate() {
            let Some(&own) = by_id.get(unit) else {
                continue;
            };
            if !finite(&p) || inside(own, &p) {
                continue;
            }
            let Some(k) = (0..units.len()).find(|&k| k != own && inside(k, &p)) else {
                continue;
            };
            if listed == MAX_LISTED {
                more += 1;
                continue;
            }
            listed += 1;
            let sid = short(id);
            let other = &s.admin_units[units[k].0];
            let stated = &s.admin_units[units[own].0];
            out.push(Problem::warning(
                at(coll, i, "admin_unit"),
                format!(
                    "{what} {sid:?} says it belongs to {:?} ({}), but its position [{}, {}] lies in {:?} ({}); it is counted in {}'s figures. Set admin_unit to {:?} or correct the position",
                    short(&stated.id), short(&stated.name), p[0], p[1], short(&other.id), short(&other.name), short(&stated.name), short(&other.id)
                ),
                format!(
                    "{what_zh} {sid:?} 标注属于 {:?}（{}），但其位置 [{}, {}] 位于 {:?}（{}）内；它被计入{}的指标。请将 admin_unit 改为 {:?}，或更正位置",
                    short(&stated.id), short(&stated.name), p[0], p[1], short(&other.id), short(&other.name), short(&stated.name), short(&other.id)
                ),
            ));
        }
        if more > 0 {
            out.push(Problem::warning(
                format!("$.{coll}"),
                format!("{more} more {what}(s) lie in another admin unit than the one they name"),
                format!("另有 {more} 个{what_zh}位于其所标注行政单元以外的单元内"),
            ));
        }
    };
    check_items(
        "facilities",
        ("facility", "机构"),
        s.facilities
            .iter()
            .map(|f| (f.id.as_str(), f.admin_unit.as_str(), f.location))
            .collect(),
    );
    check_items(
        "candidate_sites",
        ("candidate site", "候选点"),
        s.candidate_sites
            .iter()
            .map(|c| (c.id.as_str(), c.admin_unit.as_str(), c.location))
            .collect(),
    );
    check_items(
        "zones",
        ("zone", "分区"),
        s.zones
            .iter()
            .map(|z| (z.id.as_str(), z.admin_unit.as_str(), z.location))
            .collect(),
    );
}
