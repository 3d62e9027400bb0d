//! Re-check: a published plan against the plan a fresh solve of the same
//! scenario gives, decision by decision, named by facility or site.
//!
//! The portal runs this in the viewer's browser; the tests run it natively.

use super::hash::plan_hash;
use crate::plan::Plan;
use crate::report::DecisionKind;
use crate::scenario::{Scenario, Specialty};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One decision on which two plans differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// What kind of decision.
    pub kind: DecisionKind,
    /// Facility or candidate site id (the receiving facility of a secondment).
    pub facility_id: String,
    /// Its name (the id when the scenario has no such place).
    pub facility_name: String,
    /// The specialty, for services and specialist posts.
    pub specialty: Option<Specialty>,
    /// For a secondment: the sending hospital's name.
    pub from_name: Option<String>,
    /// How many in the published plan (0 when absent).
    pub published: f64,
    /// How many in the re-solved plan (0 when absent).
    pub again: f64,
}

/// The verdict of a re-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recheck {
    /// The re-solved plan's hash equals the published plan's and the
    /// manifest's.
    pub matches: bool,
    /// The plan file's hash equals the one in the manifest.
    pub plan_file_matches_manifest: bool,
    /// The re-solved plan costs the same as the published one (within
    /// 1e-6 relative): when the decisions differ, an equally good alternative.
    pub equal_cost: bool,
    /// The independent checker passed the published plan.
    pub verified: bool,
    /// Hash of the published plan's decisions.
    pub published_hash: String,
    /// Hash of the re-solved plan's decisions.
    pub again_hash: String,
    /// Cost of the published plan (yuan, from the unit costs).
    pub published_cost_yuan: f64,
    /// Cost of the re-solved plan (yuan).
    pub again_cost_yuan: f64,
    /// Every decision on which they differ.
    pub differences: Vec<Difference>,
    /// The checker's failed findings on the published plan (English; each
    /// names rule, place, required and reached).
    pub violations: Vec<String>,
    /// The same in Chinese.
    #[serde(default)]
    pub violations_zh: Vec<String>,
}

impl Recheck {
    /// The failed findings in `lang`.
    pub fn violations_in(&self, lang: crate::i18n::Lang) -> &[String] {
        match lang {
            crate::i18n::Lang::Zh if self.violations_zh.len() == self.violations.len() => {
                &self.violations_zh
            }
            _ => &self.violations,
        }
    }
}

/// A decision's identity: kind, place (the receiving facility of a
/// secondment), specialty, and the sending hospital of a secondment.
pub type Key = (DecisionKind, String, Option<Specialty>, Option<String>);

/// The key of a report's decision.
pub fn key_of(d: &crate::report::Decision) -> Key {
    (
        d.kind,
        d.facility_id.clone(),
        d.specialty,
        d.from.as_ref().map(|f| f.0.clone()),
    )
}

/// Every decision of `plan` by its key, with its quantity.
pub fn rows(plan: &Plan) -> BTreeMap<Key, f64> {
    let mut m = BTreeMap::new();
    let mut add = |k: Key, q: f64| *m.entry(k).or_insert(0.0) += q;
    for id in &plan.open_sites {
        add((DecisionKind::OpenSite, id.clone(), None, None), 1.0);
    }
    for id in &plan.upgrades {
        add((DecisionKind::Upgrade, id.clone(), None, None), 1.0);
    }
    for b in &plan.beds {
        add((DecisionKind::Beds, b.facility.clone(), None, None), b.beds);
    }
    for b in &plan.elderly_care_beds {
        add(
            (
                DecisionKind::ElderlyCareBeds,
                b.facility.clone(),
                None,
                None,
            ),
            b.beds,
        );
    }
    for p in &plan.posts {
        add(
            (DecisionKind::Posts, p.facility.clone(), p.specialty, None),
            p.posts,
        );
    }
    for o in &plan.services {
        add(
            (
                DecisionKind::Service,
                o.facility.clone(),
                Some(o.specialty),
                None,
            ),
            1.0,
        );
    }
    for x in &plan.telemedicine_links {
        add(
            (
                DecisionKind::Telemedicine,
                x.facility.clone(),
                None,
                Some(x.hub.clone()),
            ),
            1.0,
        );
    }
    for x in &plan.secondments {
        add(
            (
                DecisionKind::Secondment,
                x.to.clone(),
                None,
                Some(x.from.clone()),
            ),
            x.doctors,
        );
    }
    m
}

fn name_of(s: &Scenario, id: &str) -> String {
    s.place_name(id).unwrap_or(id).to_string()
}

/// Every decision on which `published` and `again` differ, in a stable order
/// (kind, then place).
pub fn differences(s: &Scenario, published: &Plan, again: &Plan) -> Vec<Difference> {
    let (a, b) = (rows(published), rows(again));
    let mut keys: Vec<&Key> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (
                a.get(k).copied().unwrap_or(0.0),
                b.get(k).copied().unwrap_or(0.0),
            );
            ((x - y).abs() > 1e-9).then(|| Difference {
                kind: k.0,
                facility_id: k.1.clone(),
                facility_name: name_of(s, &k.1),
                specialty: k.2,
                from_name: k.3.as_deref().map(|id| name_of(s, id)),
                published: x,
                again: y,
            })
        })
        .collect()
}

/// Compares the published plan (as loaded, with the manifest's hash) with
/// the plan a fresh solve gave, and the checker's verdict on the published one.
pub fn compare(
    s: &Scenario,
    published: &Plan,
    manifest_plan_hash: &str,
    again: &Plan,
    check: &crate::checker::Check,
    again_cost_yuan: f64,
) -> Recheck {
    let published_hash = plan_hash(published);
    let again_hash = plan_hash(again);
    let tol = 1e-6 * check.cost_yuan.abs().max(1.0);
    Recheck {
        matches: published_hash == again_hash && published_hash == manifest_plan_hash,
        plan_file_matches_manifest: published_hash == manifest_plan_hash,
        equal_cost: (check.cost_yuan - again_cost_yuan).abs() <= tol,
        verified: check.verified,
        differences: differences(s, published, again),
        violations: check.violations().map(|f| f.message.clone()).collect(),
        violations_zh: check.violations().map(|f| f.message_zh.clone()).collect(),
        published_hash,
        again_hash,
        published_cost_yuan: check.cost_yuan,
        again_cost_yuan,
    }
}
