//! A plan read from a file or a stored record, checked against the scenario
//! it is meant for: every id it names exists where it must (candidate sites
//! for `open_sites`, facilities elsewhere), every quantity is a finite,
//! non-negative number within the limits a facility can hold. The checker
//! judges whether a plan *meets the targets*; this only decides whether it
//! can be read as a plan of this scenario at all.

use super::limits::{Limit, BEDS, DOCTORS};
use crate::diagnostics::{num, Problem};
use crate::plan::Plan;
use crate::scenario::Scenario;
use std::collections::HashSet;

fn quantity(path: String, v: f64, l: &Limit, out: &mut Vec<Problem>) {
    if !v.is_finite() || v < 0.0 || v > l.max {
        out.push(Problem::error(
            path,
            format!(
                "{} {} is not a usable quantity: it must be a number from 0 to {} {} ({})",
                num(v),
                l.unit,
                num(l.max),
                l.unit,
                l.why
            ),
            format!(
                "{} {}不是可用的数量：应为 0 到 {} {}之间的数（{}）",
                num(v),
                l.unit_zh,
                num(l.max),
                l.unit_zh,
                l.why_zh
            ),
        ));
    }
}

/// Every problem of `plan` as a plan of `s` (JSON paths from `$`, the plan).
///
/// ```
/// use healthreach::plan::{BedsAdded, Plan};
/// let s = healthreach::demo::weinan();
/// let plan = Plan { beds: vec![BedsAdded { facility: "nowhere".into(), beds: -1.0 }], ..Plan::default() };
/// let p = healthreach::validate::plan_problems(&plan, &s);
/// assert_eq!(p.len(), 2);
/// assert_eq!(p[0].path, "$.beds[0].facility");
/// ```
pub fn plan_problems(plan: &Plan, s: &Scenario) -> Vec<Problem> {
    let facilities: HashSet<&str> = s.facilities.iter().map(|f| f.id.as_str()).collect();
    let sites: HashSet<&str> = s.candidate_sites.iter().map(|c| c.id.as_str()).collect();
    let mut out = Vec::new();
    let facility = |path: String, id: &str, out: &mut Vec<Problem>| {
        if !facilities.contains(id) {
            out.push(Problem::error(
                path,
                format!(
                    "no facility has id \"{}\" in this region: the plan was made for another region or the scenario changed since; optimise again",
                    crate::diagnostics::short(id)
                ),
                format!(
                    "本地区没有编号为“{}”的机构：该方案是为其他地区制定的，或情景此后已更改；请重新优化",
                    crate::diagnostics::short(id)
                ),
            ));
        }
    };
    for (i, id) in plan.open_sites.iter().enumerate() {
        if !sites.contains(id.as_str()) {
            out.push(Problem::error(
                format!("$.open_sites[{i}]"),
                format!(
                    "no candidate site has id \"{}\" in this region; optimise again",
                    crate::diagnostics::short(id)
                ),
                format!(
                    "本地区没有编号为“{}”的候选点；请重新优化",
                    crate::diagnostics::short(id)
                ),
            ));
        }
    }
    for (i, id) in plan.upgrades.iter().enumerate() {
        facility(format!("$.upgrades[{i}]"), id, &mut out);
    }
    for (i, b) in plan.beds.iter().enumerate() {
        facility(format!("$.beds[{i}].facility"), &b.facility, &mut out);
        quantity(format!("$.beds[{i}].beds"), b.beds, &BEDS, &mut out);
    }
    for (i, b) in plan.elderly_care_beds.iter().enumerate() {
        facility(
            format!("$.elderly_care_beds[{i}].facility"),
            &b.facility,
            &mut out,
        );
        quantity(
            format!("$.elderly_care_beds[{i}].beds"),
            b.beds,
            &BEDS,
            &mut out,
        );
    }
    for (i, x) in plan.telemedicine_links.iter().enumerate() {
        facility(
            format!("$.telemedicine_links[{i}].facility"),
            &x.facility,
            &mut out,
        );
        facility(format!("$.telemedicine_links[{i}].hub"), &x.hub, &mut out);
    }
    for (i, p) in plan.posts.iter().enumerate() {
        facility(format!("$.posts[{i}].facility"), &p.facility, &mut out);
        quantity(format!("$.posts[{i}].posts"), p.posts, &DOCTORS, &mut out);
    }
    for (i, o) in plan.services.iter().enumerate() {
        facility(format!("$.services[{i}].facility"), &o.facility, &mut out);
    }
    for (i, x) in plan.secondments.iter().enumerate() {
        facility(format!("$.secondments[{i}].from"), &x.from, &mut out);
        facility(format!("$.secondments[{i}].to"), &x.to, &mut out);
        quantity(
            format!("$.secondments[{i}].doctors"),
            x.doctors,
            &DOCTORS,
            &mut out,
        );
        if !x.minutes.is_finite() || x.minutes < 0.0 {
            out.push(Problem::error(
                format!("$.secondments[{i}].minutes"),
                format!("{} minutes is not a travel time", num(x.minutes)),
                format!("{} 分钟不是有效的路程时间", num(x.minutes)),
            ));
        }
    }
    out
}

/// Parses plan JSON (what `healthreach solve --out` writes) and checks it
/// against `s`: the plan, or every problem with its JSON path.
pub fn load_plan(text: &str, s: &Scenario) -> Result<Plan, Vec<Problem>> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let plan: Plan = serde_path_to_error::deserialize(de)
        .map_err(|e| vec![crate::diagnostics::from_parse_error(e)])?;
    let problems = plan_problems(&plan, s);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}
