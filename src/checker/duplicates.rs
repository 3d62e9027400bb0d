//! A plan lists each decision once. The same site opened twice, a facility
//! raised twice, or two entries of beds, posts of one kind, a service, a
//! secondment pair or a telemedicine link for the same place would count
//! its cost (and some of its effect) twice: every repeat is a failing
//! `duplicates` finding that names both entries as `<array>/<index>` of the
//! plan file.

use super::{finding, Finding};
use crate::plan::Plan;
use crate::scenario::Scenario;
use std::collections::HashMap;

/// One array of the plan: its name in the plan file, what an entry is (en,
/// zh), and each entry's key (the scope its finding names).
struct Array {
    name: &'static str,
    what: (&'static str, &'static str),
    keys: Vec<String>,
}

fn arrays(plan: &Plan) -> [Array; 8] {
    let kind = |sp: Option<crate::scenario::Specialty>| sp.map_or("general", |s| s.key());
    [
        Array {
            name: "open_sites",
            what: ("the new service point", "新建服务点"),
            keys: plan.open_sites.clone(),
        },
        Array {
            name: "upgrades",
            what: ("the upgrade of", "升级"),
            keys: plan.upgrades.clone(),
        },
        Array {
            name: "beds",
            what: ("beds at", "新增床位"),
            keys: plan.beds.iter().map(|b| b.facility.clone()).collect(),
        },
        Array {
            name: "elderly_care_beds",
            what: ("integrated elderly-care beds at", "新增医养结合床位"),
            keys: plan
                .elderly_care_beds
                .iter()
                .map(|b| b.facility.clone())
                .collect(),
        },
        Array {
            name: "posts",
            what: ("doctor posts at", "医师岗位"),
            keys: plan
                .posts
                .iter()
                .map(|p| format!("{}/{}", p.facility, kind(p.specialty)))
                .collect(),
        },
        Array {
            name: "services",
            what: ("the service", "开设服务"),
            keys: plan
                .services
                .iter()
                .map(|o| format!("{}/{}", o.facility, o.specialty.key()))
                .collect(),
        },
        Array {
            name: "secondments",
            what: ("the secondment", "对口支援"),
            keys: plan
                .secondments
                .iter()
                .map(|x| format!("{}→{}", x.from, x.to))
                .collect(),
        },
        Array {
            name: "telemedicine_links",
            what: ("the telemedicine link of", "远程医疗连接"),
            keys: plan
                .telemedicine_links
                .iter()
                .map(|x| x.facility.clone())
                .collect(),
        },
    ]
}

/// A failing finding for every entry whose key an earlier entry of the same
/// array has, naming both entries.
pub(crate) fn duplicates(s: &Scenario, plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    for a in arrays(plan) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, key) in a.keys.iter().enumerate() {
            let Some(&j) = first.get(key.as_str()) else {
                first.insert(key, i);
                continue;
            };
            let label = super::scope_label(s, key);
            let (array, (en, zh)) = (a.name, a.what);
            out.push(finding(
                "duplicates",
                key,
                (1.0, 2.0, false),
                format!(
                    "{array}/{j} and {array}/{i} both list {en} {label}: list each decision once \
                     (its cost would be counted twice)"
                ),
                format!("{array}/{j} 与 {array}/{i} 重复列出{zh}：{label}；每项决策只能列一次（否则费用重复计算）"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{BedsAdded, PostsAdded};

    #[test]
    fn a_repeat_names_both_entries_and_distinct_kinds_are_not_repeats() {
        let s = crate::demo::weinan();
        let (f, g) = (&s.facilities[0].id, &s.facilities[1].id);
        let site = &s.candidate_sites[0].id;
        let beds = |id: &String| BedsAdded {
            facility: id.clone(),
            beds: 5.0,
        };
        let posts = |id: &String, specialty| PostsAdded {
            facility: id.clone(),
            specialty,
            posts: 1.0,
        };
        let plan = Plan {
            open_sites: vec![site.clone(), site.clone()],
            beds: vec![beds(f), beds(g), beds(f)],
            posts: vec![
                posts(f, None),
                posts(f, Some(crate::scenario::Specialty::Paediatrics)),
            ],
            ..Plan::default()
        };
        let found = duplicates(&s, &plan);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0]
            .message
            .starts_with("open_sites/0 and open_sites/1"));
        assert_eq!(found[0].scope, *site);
        assert!(found[1].message.starts_with("beds/0 and beds/2"));
        assert!(found[1].message.contains(&s.facilities[0].name));
        assert!(found[1].message_zh.contains("beds/0 与 beds/2"));
        assert!(found.iter().all(|x| !x.ok && x.rule == "duplicates"));
    }
}
