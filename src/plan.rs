//! A plan: the decisions the optimiser takes, as plain data (the documented
//! plan JSON that `healthreach solve --out` writes). The checker
//! ([`crate::checker`]) judges a plan from the scenario alone.

use crate::scenario::Specialty;
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
    /// New doctor posts per facility and specialty (`None` = general posts).
    pub posts: Vec<PostsAdded>,
    /// Specialty services opened.
    pub services: Vec<ServiceOpened>,
    /// Doctors seconded from a source to a target facility.
    pub secondments: Vec<Secondment>,
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
