//! Unique ids and references between collections; one travel time per pair.

use super::{at, Problem};
use crate::scenario::Scenario;
use std::collections::{HashMap, HashSet};

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    let units = unique(
        "admin_units",
        ("admin unit", "行政单元"),
        s.admin_units.iter().map(|u| u.id.as_str()),
        out,
    );
    let zones = unique(
        "zones",
        ("zone", "需求分区"),
        s.zones.iter().map(|z| z.id.as_str()),
        out,
    );
    // Facilities and candidate sites share one namespace: travel tables refer to both.
    let mut sites: HashMap<&str, String> = HashMap::new();
    let facility_ids = s.facilities.iter().map(|f| ("facilities", f.id.as_str()));
    let site_ids = s
        .candidate_sites
        .iter()
        .map(|c| ("candidate_sites", c.id.as_str()));
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (coll, id) in facility_ids.chain(site_ids) {
        let i = index.entry(coll).or_default();
        let here = at(coll, *i, "id");
        *i += 1;
        if id.trim().is_empty() {
            out.push(Problem::error(
                here,
                "the id is empty; give every item an id",
                "编号为空；请给每一项一个编号",
            ));
        } else if let Some(first) = sites.get(id) {
            out.push(Problem::error(
                here,
                format!("duplicate id {id:?}: already used at {first}; ids of facilities and candidate sites must be unique"),
                format!("编号 {id:?} 重复：已在 {first} 使用；机构与候选点的编号必须唯一"),
            ));
        } else {
            sites.insert(id, here);
        }
    }
    if let Some(roads) = &s.roads {
        unique(
            "roads.links",
            ("road link", "道路路段"),
            roads.links.iter().map(|l| l.id.as_str()),
            out,
        );
    }

    let unit_ref = |coll: &str, i: usize, id: &str, out: &mut Vec<Problem>| {
        if !units.contains(id) {
            out.push(Problem::error(
                at(coll, i, "admin_unit"),
                format!("refers to admin unit {id:?}, which is not in admin_units; use one of their ids"),
                format!("引用的行政单元 {id:?} 不在 admin_units 中；请使用其中的编号"),
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
        let mut first: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, e) in table.entries.iter().enumerate() {
            if !zones.contains(e.zone.as_str()) {
                out.push(Problem::error(
                    at("travel_times.entries", i, "zone"),
                    format!("refers to zone {:?}, which is not in zones", e.zone),
                    format!("引用的分区 {:?} 不在 zones 中", e.zone),
                ));
            }
            if !sites.contains_key(e.site.as_str()) {
                out.push(Problem::error(
                    at("travel_times.entries", i, "site"),
                    format!(
                        "refers to {:?}, which is neither a facility nor a candidate site",
                        e.site
                    ),
                    format!("引用的 {:?} 既不是机构也不是候选点", e.site),
                ));
            }
            match first.get(&(e.zone.as_str(), e.site.as_str())) {
                None => {
                    first.insert((e.zone.as_str(), e.site.as_str()), i);
                }
                Some(&j) => {
                    let other = table.entries[j].minutes;
                    let here = at("travel_times.entries", i, "");
                    let there = at("travel_times.entries", j, "");
                    if other == e.minutes {
                        out.push(Problem::warning(
                            here,
                            format!("the pair {:?} → {:?} is listed twice with the same time ({} min), also at {there}; the copy is ignored", e.zone, e.site, e.minutes),
                            format!("{:?} → {:?} 的行程时间重复出现（{} 分钟，另见 {there}）；重复项被忽略", e.zone, e.site, e.minutes),
                        ));
                    } else {
                        out.push(Problem::error(
                            here,
                            format!("the pair {:?} → {:?} has two travel times: {} min here and {} min at {there}; keep one", e.zone, e.site, e.minutes, other),
                            format!("{:?} → {:?} 有两个行程时间：此处 {} 分钟，{there} 处 {} 分钟；请只保留一个", e.zone, e.site, e.minutes, other),
                        ));
                    }
                }
            }
        }
    }
}

/// Reports empty and duplicate ids; returns the set of ids.
fn unique<'a>(
    coll: &str,
    (what, what_zh): (&str, &str),
    ids: impl Iterator<Item = &'a str>,
    out: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(Problem::error(
                at(coll, i, "id"),
                format!("the {what} id is empty; give every {what} an id"),
                format!("{what_zh}编号为空；请给每个{what_zh}一个编号"),
            ));
        } else if let Some(j) = first.get(id) {
            out.push(Problem::error(
                at(coll, i, "id"),
                format!(
                    "duplicate {what} id {id:?}: already used at {}",
                    at(coll, *j, "id")
                ),
                format!(
                    "{what_zh}编号 {id:?} 重复：已在 {} 使用",
                    at(coll, *j, "id")
                ),
            ));
        } else {
            first.insert(id, i);
        }
    }
    first.into_keys().collect()
}
