//! Unique ids and references between collections.

use super::{at, Problem};
use crate::scenario::Scenario;
use std::collections::{HashMap, HashSet};

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    let units = unique(
        "admin_units",
        "admin unit",
        s.admin_units.iter().map(|u| u.id.as_str()),
        out,
    );
    let zones = unique("zones", "zone", s.zones.iter().map(|z| z.id.as_str()), out);
    // Facilities and candidate sites share one namespace: travel tables refer to both.
    let mut sites: HashMap<&str, String> = HashMap::new();
    for (coll, ids) in [
        (
            "facilities",
            s.facilities
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "candidate_sites",
            s.candidate_sites.iter().map(|c| c.id.as_str()).collect(),
        ),
    ] {
        for (i, id) in ids.into_iter().enumerate() {
            let here = at(coll, i, "id");
            if id.trim().is_empty() {
                out.push(Problem::error(
                    here,
                    "the id is empty; give every item an id",
                ));
            } else if let Some(first) = sites.get(id) {
                out.push(Problem::error(
                    here,
                    format!("duplicate id {id:?}: already used at {first}; ids of facilities and candidate sites must be unique"),
                ));
            } else {
                sites.insert(id, here);
            }
        }
    }
    if let Some(roads) = &s.roads {
        unique(
            "roads.links",
            "road link",
            roads.links.iter().map(|l| l.id.as_str()),
            out,
        );
    }

    let unit_ref = |coll: &str, i: usize, id: &str, out: &mut Vec<Problem>| {
        if !units.contains(id) {
            out.push(Problem::error(
                at(coll, i, "admin_unit"),
                format!("refers to admin unit {id:?}, which is not in admin_units"),
            ));
        }
    };
    for (i, z) in s.zones.iter().enumerate() {
        unit_ref("zones", i, &z.admin_unit, out);
    }
    for (i, f) in s.facilities.iter().enumerate() {
        unit_ref("facilities", i, &f.admin_unit, out);
    }
    for (i, c) in s.candidate_sites.iter().enumerate() {
        unit_ref("candidate_sites", i, &c.admin_unit, out);
    }
    if let Some(table) = &s.travel_times {
        for (i, e) in table.entries.iter().enumerate() {
            if !zones.contains(e.zone.as_str()) {
                out.push(Problem::error(
                    at("travel_times.entries", i, "zone"),
                    format!("refers to zone {:?}, which is not in zones", e.zone),
                ));
            }
            if !sites.contains_key(e.site.as_str()) {
                out.push(Problem::error(
                    at("travel_times.entries", i, "site"),
                    format!(
                        "refers to {:?}, which is neither a facility nor a candidate site",
                        e.site
                    ),
                ));
            }
        }
    }
}

/// Reports empty and duplicate ids; returns the set of ids.
fn unique<'a>(
    coll: &str,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    out: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(Problem::error(
                at(coll, i, "id"),
                format!("the {what} id is empty; give every {what} an id"),
            ));
        } else if let Some(j) = first.get(id) {
            out.push(Problem::error(
                at(coll, i, "id"),
                format!(
                    "duplicate {what} id {id:?}: already used at {}",
                    at(coll, *j, "id")
                ),
            ));
        } else {
            first.insert(id, i);
        }
    }
    first.into_keys().collect()
}
