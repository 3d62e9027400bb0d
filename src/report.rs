//! What a plan changes, for the views and exports: every decision as a row
//! (what, where, how many, cost, which rule it serves) and the indicators of
//! every admin unit before and after.
//!
//! Built from scenario + plan alone ([`Plan::applied_to`]), like the checker,
//! so what the tables show is what the plan does, not what the solver said.

use crate::indicators::{coverage_within, service_point_minutes};
use crate::plan::Plan;
use crate::scenario::{LonLat, Scenario, Specialty};
use crate::summary::per_1000;
use crate::view::zone_access::ZoneAccess;
use serde::{Deserialize, Serialize};

/// The kind of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// A new service point at a candidate site.
    OpenSite,
    /// A facility raised one tier.
    Upgrade,
    /// Beds added at a facility.
    Beds,
    /// Doctor posts added at a facility.
    Posts,
    /// A specialty service opened at a facility.
    Service,
    /// Doctors lent from a source hospital to a facility.
    Secondment,
    /// Integrated medical-and-elderly-care beds added at a facility.
    ElderlyCareBeds,
    /// A grassroots centre linked to a telemedicine reading centre (`from`
    /// is the reading centre).
    Telemedicine,
}

impl DecisionKind {
    /// Stable key (CSV, GeoJSON, i18n key `decision_<key>`).
    pub fn key(self) -> &'static str {
        match self {
            DecisionKind::OpenSite => "open_site",
            DecisionKind::Upgrade => "upgrade",
            DecisionKind::Beds => "beds",
            DecisionKind::Posts => "posts",
            DecisionKind::Service => "service",
            DecisionKind::Secondment => "secondment",
            DecisionKind::ElderlyCareBeds => "elderly_care_beds",
            DecisionKind::Telemedicine => "telemedicine",
        }
    }
}

/// One decision of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The element of the plan file it is: `<array>/<index>` (`beds/3`),
    /// as [`crate::counterfactual`] names it.
    #[serde(default)]
    pub element: String,
    /// What.
    pub kind: DecisionKind,
    /// Where: facility or candidate site id (the target, for a secondment).
    pub facility_id: String,
    /// Its name.
    pub facility_name: String,
    /// Admin unit id.
    pub unit_id: String,
    /// Admin unit name.
    pub unit_name: String,
    /// Specialty, for services and specialist posts.
    pub specialty: Option<Specialty>,
    /// How many (beds, posts, doctors; 1 for a site, upgrade or service).
    pub quantity: f64,
    /// What it costs (yuan).
    pub cost_yuan: f64,
    /// The rule it serves: `coverage`, `beds_per_1000`, `doctors_per_1000`,
    /// `haemodialysis`, `mental_health`, `paediatrics`.
    pub rule: String,
    /// Location `[lon, lat]`.
    pub location: LonLat,
    /// For a secondment: the source's id, name and location, and the minutes.
    pub from: Option<(String, String, LonLat, f64)>,
}

/// One admin unit before and after the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitIndicators {
    /// Admin unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// English name, when given.
    pub name_en: Option<String>,
    /// Residents (sum of its zones).
    pub population: f64,
    /// Beds per 1,000, before and after.
    pub beds_per_1000: (f64, f64),
    /// Doctors per 1,000, before and after.
    pub doctors_per_1000: (f64, f64),
    /// Share within the coverage threshold, before and after (0–1).
    pub coverage: (f64, f64),
}

/// Everything the plan changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanReport {
    /// Every decision.
    pub decisions: Vec<Decision>,
    /// Every admin unit (scenario order).
    pub units: Vec<UnitIndicators>,
    /// Region-wide share within the threshold, before and after.
    pub coverage: (f64, f64),
    /// Per zone minutes to the nearest service point after the plan.
    pub zone_minutes_after: Vec<Option<f64>>,
    /// Per zone E2SFCA accessibility after the plan (doctors per 1,000 reachable).
    pub e2sfca_after: Vec<f64>,
    /// Each new or raised service point (id) and the zones within the
    /// coverage threshold of it after the plan (its catchment).
    pub new_catchments: Vec<(String, Vec<usize>)>,
    /// Total cost (yuan).
    pub cost_yuan: f64,
}

fn unit_rule(kind: DecisionKind, specialty: Option<Specialty>) -> &'static str {
    match (kind, specialty) {
        (DecisionKind::OpenSite | DecisionKind::Upgrade, _) => "coverage",
        (DecisionKind::Beds, _) => "beds_per_1000",
        (DecisionKind::ElderlyCareBeds, _) => "elderly_care_beds",
        (DecisionKind::Telemedicine, _) => "telemedicine",
        (_, Some(sp)) if sp.is_centre() => "emergency_centres",
        (_, Some(Specialty::Haemodialysis)) => "haemodialysis",
        (_, Some(Specialty::MentalHealth)) => "mental_health",
        (_, Some(Specialty::Paediatrics)) => "paediatrics",
        _ => "doctors_per_1000",
    }
}

/// Builds the report of `plan` on scenario `s`.
pub fn plan_report(s: &Scenario, plan: &Plan) -> PlanReport {
    let c = &s.policy.unit_costs;
    let unit_name = |id: &str| s.admin_unit(id).map(|u| u.name.clone()).unwrap_or_default();
    let mut decisions = Vec::new();
    let mut push = |element: String,
                    kind: DecisionKind,
                    id: &str,
                    specialty: Option<Specialty>,
                    quantity: f64,
                    cost_yuan: f64,
                    from: Option<(String, String, LonLat, f64)>| {
        let (name, unit, location) = match s.facility(id) {
            Some(f) => (f.name.clone(), f.admin_unit.clone(), f.location),
            None => match s.candidate_sites.iter().find(|k| k.id == id) {
                Some(k) => (k.name.clone(), k.admin_unit.clone(), k.location),
                None => return,
            },
        };
        decisions.push(Decision {
            element,
            kind,
            facility_id: id.into(),
            facility_name: name,
            unit_name: unit_name(&unit),
            unit_id: unit,
            specialty,
            quantity,
            cost_yuan,
            rule: unit_rule(kind, specialty).into(),
            location,
            from,
        });
    };
    for (i, id) in plan.open_sites.iter().enumerate() {
        let cost = s
            .candidate_sites
            .iter()
            .find(|k| &k.id == id)
            .map_or(0.0, |k| k.cost_yuan);
        push(
            format!("open_sites/{i}"),
            DecisionKind::OpenSite,
            id,
            None,
            1.0,
            cost,
            None,
        );
    }
    for (i, id) in plan.upgrades.iter().enumerate() {
        let cost = s
            .facility(id)
            .and_then(|f| f.expansion.upgrade_cost_yuan)
            .unwrap_or(0.0);
        push(
            format!("upgrades/{i}"),
            DecisionKind::Upgrade,
            id,
            None,
            1.0,
            cost,
            None,
        );
    }
    for (i, b) in plan.beds.iter().enumerate() {
        push(
            format!("beds/{i}"),
            DecisionKind::Beds,
            &b.facility,
            None,
            b.beds,
            b.beds * c.bed_yuan,
            None,
        );
    }
    for (i, b) in plan.elderly_care_beds.iter().enumerate() {
        push(
            format!("elderly_care_beds/{i}"),
            DecisionKind::ElderlyCareBeds,
            &b.facility,
            None,
            b.beds,
            b.beds * c.elderly_care_bed_yuan,
            None,
        );
    }
    for (i, p) in plan.posts.iter().enumerate() {
        push(
            format!("posts/{i}"),
            DecisionKind::Posts,
            &p.facility,
            p.specialty,
            p.posts,
            p.posts * c.specialist_post_yuan,
            None,
        );
    }
    for (i, o) in plan.services.iter().enumerate() {
        push(
            format!("services/{i}"),
            DecisionKind::Service,
            &o.facility,
            Some(o.specialty),
            1.0,
            c.opening_yuan(o.specialty),
            None,
        );
    }
    for (i, x) in plan.telemedicine_links.iter().enumerate() {
        let hub = s
            .facility(&x.hub)
            .map(|f| (f.id.clone(), f.name.clone(), f.location, 0.0));
        push(
            format!("telemedicine_links/{i}"),
            DecisionKind::Telemedicine,
            &x.facility,
            None,
            1.0,
            c.telemedicine_link_yuan,
            hub,
        );
    }
    for (i, x) in plan.secondments.iter().enumerate() {
        let from = s
            .facility(&x.from)
            .map(|f| (f.id.clone(), f.name.clone(), f.location, x.minutes));
        push(
            format!("secondments/{i}"),
            DecisionKind::Secondment,
            &x.to,
            None,
            x.doctors,
            x.doctors * c.secondment_yuan,
            from,
        );
    }

    let after = plan.applied_to(s);
    let mode = s.policy.coverage.mode;
    let t = s.policy.coverage.minutes;
    let (before_min, _, _) = service_point_minutes(s, mode);
    let after_access = ZoneAccess::of(&after, mode);
    let new_catchments = plan
        .open_sites
        .iter()
        .chain(&plan.upgrades)
        .filter_map(|id| {
            let site = after.facilities.iter().position(|f| &f.id == id)?;
            Some((id.clone(), after_access.catchment(site as u32, t)))
        })
        .collect();
    let after_min = after_access.minutes.clone();
    let cov_before = coverage_within(s, &before_min, t);
    let cov_after = coverage_within(&after, &after_min, t);
    let totals = |sc: &Scenario, unit: &str| -> (f64, f64) {
        sc.facilities
            .iter()
            .filter(|f| f.admin_unit == unit)
            .fold((0.0, 0.0), |(b, d), f| (b + f.beds, d + f.doctors))
    };
    let share = |cov: &crate::indicators::Coverage, unit: &str| {
        cov.units
            .iter()
            .find(|u| u.id == unit)
            .map_or(0.0, |u| u.share)
    };
    let units = s
        .admin_units
        .iter()
        .map(|u| {
            let pop = s.unit_population(&u.id);
            let (b0, d0) = totals(s, &u.id);
            let (b1, d1) = totals(&after, &u.id);
            UnitIndicators {
                id: u.id.clone(),
                name: u.name.clone(),
                name_en: u.name_en.clone(),
                population: pop,
                beds_per_1000: (per_1000(b0, pop), per_1000(b1, pop)),
                doctors_per_1000: (per_1000(d0, pop), per_1000(d1, pop)),
                coverage: (share(&cov_before, &u.id), share(&cov_after, &u.id)),
            }
        })
        .collect();
    let cost_yuan = decisions.iter().map(|d| d.cost_yuan).sum();
    PlanReport {
        decisions,
        units,
        coverage: (cov_before.share, cov_after.share),
        zone_minutes_after: after_min,
        e2sfca_after: after_access.e2sfca,
        new_catchments,
        cost_yuan,
    }
}
