//! Unique ids and references between collections; one travel time per pair.

use super::{at, Problem};
use crate::diagnostics::short;
use crate::scenario::Scenario;
use std::collections::{HashMap, HashSet};

/// Longest id or name accepted (characters).
pub const MAX_TEXT_CHARS: usize = 200;

fn text_length(path: String, what: &str, text: &str, out: &mut Vec<Problem>) {
    let n = text.chars().count();
    if n > MAX_TEXT_CHARS {
        out.push(Problem::error(
            path,
            format!("this {what} is {n} characters long, more than {MAX_TEXT_CHARS}; shorten it"),
            format!(
                "该{}有 {n} 个字符，超过 {MAX_TEXT_CHARS}；请缩短",
                if what == "id" { "编号" } else { "名称" }
            ),
        ));
    }
}

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    text_length("$.region.name".into(), "name", &s.region.name, out);
    for (i, u) in s.admin_units.iter().enumerate() {
        text_length(at("admin_units", i, "id"), "id", &u.id, out);
        text_length(at("admin_units", i, "name"), "name", &u.name, out);
    }
    for (i, z) in s.zones.iter().enumerate() {
        text_length(at("zones", i, "id"), "id", &z.id, out);
    }
    for (i, f) in s.facilities.iter().enumerate() {
        text_length(at("facilities", i, "id"), "id", &f.id, out);
        text_length(at("facilities", i, "name"), "name", &f.name, out);
    }
    for (i, c) in s.candidate_sites.iter().enumerate() {
        text_length(at("candidate_sites", i, "id"), "id", &c.id, out);
        text_length(at("candidate_sites", i, "name"), "name", &c.name, out);
    }
    if let Some(r) = &s.roads {
        for (i, l) in r.links.iter().enumerate() {
            text_length(at("roads.links", i, "id"), "id", &l.id, out);
        }
    }
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
        let sid = short(id);
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
                format!("duplicate id {sid:?}: already used at {first}; ids of facilities and candidate sites must be unique"),
                format!("编号 {sid:?} 重复：已在 {first} 使用；机构与候选点的编号必须唯一"),
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
        let sid = short(id);
        if !units.contains(id) {
            out.push(Problem::error(
                at(coll, i, "admin_unit"),
                format!("refers to admin unit {sid:?}, which is not in admin_units; use one of their ids"),
                format!("引用的行政单元 {sid:?} 不在 admin_units 中；请使用其中的编号"),
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
    facility_refs(s, out);
    if let Some(table) = &s.travel_times {
        let mut first: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, e) in table.entries.iter().enumerate() {
            if !zones.contains(e.zone.as_str()) {
                out.push(Problem::error(
                    at("travel_times.entries", i, "zone"),
                    format!("refers to zone {:?}, which is not in zones", short(&e.zone)),
                    format!("引用的分区 {:?} 不在 zones 中", short(&e.zone)),
                ));
            }
            if !sites.contains_key(e.site.as_str()) {
                out.push(Problem::error(
                    at("travel_times.entries", i, "site"),
                    format!(
                        "refers to {:?}, which is neither a facility nor a candidate site",
                        short(&e.site)
                    ),
                    format!("引用的 {:?} 既不是机构也不是候选点", short(&e.site)),
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
                            format!("the pair {:?} → {:?} is listed twice with the same time ({} min), also at {there}; the copy is ignored", short(&e.zone), short(&e.site), e.minutes),
                            format!("{:?} → {:?} 的行程时间重复出现（{} 分钟，另见 {there}）；重复项被忽略", short(&e.zone), short(&e.site), e.minutes),
                        ));
                    } else {
                        out.push(Problem::error(
                            here,
                            format!("the pair {:?} → {:?} has two travel times: {} min here and {} min at {there}; keep one", short(&e.zone), short(&e.site), e.minutes, other),
                            format!("{:?} → {:?} 有两个行程时间：此处 {} 分钟，{there} 处 {} 分钟；请只保留一个", short(&e.zone), short(&e.site), e.minutes, other),
                        ));
                    }
                }
            }
        }
    }
}

/// A facility's medical community and telemedicine hub name facilities of
/// the right tier: a community's lead leads itself and may lead
/// ([`crate::scenario::Tier::leads_community`]); a hub may read
/// ([`crate::scenario::Tier::reads_telemedicine`]) and only a centre that
/// may be linked has one.
fn facility_refs(s: &Scenario, out: &mut Vec<Problem>) {
    let index: HashMap<&str, usize> = s
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    for (i, f) in s.facilities.iter().enumerate() {
        if let Some(lead) = &f.community {
            let sl = short(lead);
            match index.get(lead.as_str()).map(|&j| &s.facilities[j]) {
                None => out.push(Problem::error(
                    at("facilities", i, "community"),
                    format!("names lead hospital {sl:?}, which is not a facility; use the lead hospital's id"),
                    format!("所属医共体的牵头医院 {sl:?} 不是本情景中的机构；请填写牵头医院的编号"),
                )),
                Some(l) if !l.tier.leads_community() || l.community.as_deref() != Some(l.id.as_str()) => {
                    out.push(Problem::error(
                        at("facilities", i, "community"),
                        format!("{sl:?} does not lead a county medical community: a lead is a county or higher hospital whose own community is itself"),
                        format!("{sl:?} 不是医共体牵头医院：牵头医院须为县级及以上医院，且其 community 为自身编号"),
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(hub) = &f.telemedicine_hub {
            let sh = short(hub);
            if !f.tier.links_to_telemedicine() {
                out.push(Problem::error(
                    at("facilities", i, "telemedicine_hub"),
                    "only township and community health centres are linked to a telemedicine reading centre; remove the link",
                    "只有乡镇卫生院和社区卫生服务中心接入远程诊断中心；请删除该连接",
                ));
            }
            match index.get(hub.as_str()).map(|&j| &s.facilities[j]) {
                None => out.push(Problem::error(
                    at("facilities", i, "telemedicine_hub"),
                    format!("names reading centre {sh:?}, which is not a facility; use its id"),
                    format!("远程诊断中心 {sh:?} 不是本情景中的机构；请填写其编号"),
                )),
                Some(h) if !h.tier.reads_telemedicine() => out.push(Problem::error(
                    at("facilities", i, "telemedicine_hub"),
                    format!("{sh:?} may not read for others: a reading centre is a county or higher hospital"),
                    format!("{sh:?} 不能作为远程诊断中心：须为县级及以上医院"),
                )),
                Some(_) => {}
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
        let sid = short(id);
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
                    "duplicate {what} id {sid:?}: already used at {}",
                    at(coll, *j, "id")
                ),
                format!(
                    "{what_zh}编号 {sid:?} 重复：已在 {} 使用",
                    at(coll, *j, "id")
                ),
            ));
        } else {
            first.insert(id, i);
        }
    }
    first.into_keys().collect()
}
