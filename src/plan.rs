//! A plan: the decisions the optimiser takes, as plain data (the documented
//! plan JSON that `healthreach solve --out` writes). The checker
//! ([`crate::checker`]) judges a plan from the scenario alone.

use crate::scenario::{Facility, Scenario, Specialty};
use serde::{Deserialize, Serialize};

/// Every decision of a plan. Ids refer to the scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Plan {
    /// Candidate sites to open (ids).
    pub open_sites: Vec<String>,
    /// Facilities raised one tier (ids).
    pub upgrades: Vec<String>,
    /// Beds added per facility.
    pub beds: Vec<BedsAdded>,
    /// Integrated medical-and-elderly-care beds added per facility.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elderly_care_beds: Vec<BedsAdded>,
    /// New doctor posts per facility and specialty (`None` = general posts).
    pub posts: Vec<PostsAdded>,
    /// Specialty services opened.
    pub services: Vec<ServiceOpened>,
    /// Doctors seconded from a source to a target facility.
    pub secondments: Vec<Secondment>,
    /// Township and community centres linked to a telemedicine reading centre.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub telemedicine_links: Vec<TelemedicineLink>,
    /// The solver that made the plan, and its version (absent in a plan
    /// written by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solver: Option<SolverRecord>,
}

/// Which solver made a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolverRecord {
    /// `highs` or `microlp`.
    pub backend: crate::optimise::Backend,
    /// Its version.
    pub version: String,
}

/// Beds added at a facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BedsAdded {
    /// Facility id.
    pub facility: String,
    /// Beds added (beds).
    pub beds: f64,
}

/// Doctor posts created at a facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostsAdded {
    /// Facility id.
    pub facility: String,
    /// Specialty of the posts, or `None` for general posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialty: Option<Specialty>,
    /// Posts (doctors).
    pub posts: f64,
}

/// A specialty service opened at a facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceOpened {
    /// Facility id.
    pub facility: String,
    /// The service.
    pub specialty: Specialty,
}

/// A township or community centre linked to a telemedicine reading centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TelemedicineLink {
    /// The linked centre (facility id).
    pub facility: String,
    /// The reading centre (facility id: a county or higher hospital).
    pub hub: String,
}

/// Doctors lent by a source hospital to a target facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Secondment {
    /// Source facility id (tertiary or city hospital).
    pub from: String,
    /// Target facility id (county hospital, township or community health centre).
    pub to: String,
    /// Doctors seconded (persons).
    pub doctors: f64,
    /// Travel time source → target (minutes), for the record.
    pub minutes: f64,
}

impl Plan {
    /// The region after the plan: opened candidate sites become facilities,
    /// upgraded facilities move up a tier, beds, posts and services are added,
    /// seconded doctors counted at the target and taken from the source.
    /// Unknown ids are skipped (the checker reports them). Used by the views
    /// (before / after); the checker recomputes on its own.
    ///
    /// ```
    /// use healthreach::plan::{BedsAdded, Plan};
    /// let s = healthreach::demo::weinan();
    /// let f = &s.facilities[0];
    /// let plan = Plan { beds: vec![BedsAdded { facility: f.id.clone(), beds: 10.0 }], ..Plan::default() };
    /// let after = plan.applied_to(&s);
    /// assert_eq!(after.facilities[0].beds, f.beds + 10.0);
    /// ```
    pub fn applied_to(&self, s: &Scenario) -> Scenario {
        let mut out = s.clone();
        let index: std::collections::HashMap<String, usize> = out
            .facilities
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        let at = |id: &str| index.get(id).copied();
        for id in &self.upgrades {
            if let Some(i) = at(id) {
                let f = &mut out.facilities[i];
                f.tier = f.tier.next().unwrap_or(f.tier);
            }
        }
        for b in &self.beds {
            if let Some(i) = at(&b.facility) {
                out.facilities[i].beds += b.beds;
            }
        }
        for b in &self.elderly_care_beds {
            if let Some(i) = at(&b.facility) {
                out.facilities[i].elderly_care_beds += b.beds;
            }
        }
        for p in &self.posts {
            if let Some(i) = at(&p.facility) {
                let f = &mut out.facilities[i];
                f.doctors += p.posts;
                if let Some(sp) = p.specialty {
                    *f.specialists.entry(sp).or_default() += p.posts;
                }
            }
        }
        for o in &self.services {
            if let Some(i) = at(&o.facility) {
                let f = &mut out.facilities[i];
                if !f.services.contains(&o.specialty) {
                    f.services.push(o.specialty);
                }
            }
        }
        for x in &self.secondments {
            if let (Some(a), Some(b)) = (at(&x.from), at(&x.to)) {
                out.facilities[a].doctors -= x.doctors;
                out.facilities[b].doctors += x.doctors;
            }
        }
        for x in &self.telemedicine_links {
            if let Some(i) = at(&x.facility) {
                out.facilities[i].telemedicine_hub = Some(x.hub.clone());
            }
        }
        for id in &self.open_sites {
            if let Some(c) = s.candidate_sites.iter().find(|c| &c.id == id) {
                out.facilities.push(Facility {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    tier: c.tier,
                    location: c.location,
                    admin_unit: c.admin_unit.clone(),
                    beds: c.beds,
                    doctors: c.doctors,
                    elderly_care_beds: 0.0,
                    specialists: Default::default(),
                    services: vec![],
                    community: None,
                    telemedicine_hub: None,
                    expansion: Default::default(),
                });
            }
        }
        out.candidate_sites
            .retain(|c| !self.open_sites.contains(&c.id));
        out
    }
}
