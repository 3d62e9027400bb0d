//! Content hashes of what is published: SHA-256 of a canonical serialisation.
//!
//! *Canonical* means: the typed value written by serde_json in its struct
//! order (the scenario's types have no hash maps), numbers as shortest
//! round-trip decimals. A plan's hash covers its **decisions** only, each
//! list sorted, so the same decisions give the same hash whichever solver (or
//! solver version) wrote them and in whatever order the file lists them; the
//! solver that made it is in the manifest beside the hash.

use crate::plan::Plan;
use crate::scenario::Scenario;
use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `bytes`.
///
/// ```
/// assert_eq!(
///     healthreach::publish::hash::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The scenario as the bundle stores it (and as its hash is taken).
pub fn canonical_scenario(s: &Scenario) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The plan's decisions, each list sorted, without the solver record.
pub fn canonical_plan(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    p.solver = None;
    p.open_sites.sort();
    p.upgrades.sort();
    // Sorted on every field, so a file listing the same entry twice hashes
    // the same whatever its order.
    p.beds
        .sort_by(|a, b| a.facility.cmp(&b.facility).then(a.beds.total_cmp(&b.beds)));
    p.posts.sort_by(|a, b| {
        (&a.facility, a.specialty)
            .cmp(&(&b.facility, b.specialty))
            .then(a.posts.total_cmp(&b.posts))
    });
    p.services
        .sort_by(|a, b| (&a.facility, a.specialty).cmp(&(&b.facility, b.specialty)));
    p.elderly_care_beds
        .sort_by(|a, b| a.facility.cmp(&b.facility).then(a.beds.total_cmp(&b.beds)));
    p.telemedicine_links
        .sort_by(|a, b| (&a.facility, &a.hub).cmp(&(&b.facility, &b.hub)));
    p.secondments.sort_by(|a, b| {
        (&a.from, &a.to)
            .cmp(&(&b.from, &b.to))
            .then(a.doctors.total_cmp(&b.doctors))
            .then(a.minutes.total_cmp(&b.minutes))
    });
    p
}

/// SHA-256 of the scenario's canonical serialisation.
pub fn scenario_hash(s: &Scenario) -> String {
    sha256_hex(canonical_scenario(s).as_bytes())
}

/// SHA-256 of the plan's canonical decisions ([`canonical_plan`]).
pub fn plan_hash(plan: &Plan) -> String {
    sha256_hex(
        serde_json::to_string(&canonical_plan(plan))
            .unwrap_or_default()
            .as_bytes(),
    )
}
