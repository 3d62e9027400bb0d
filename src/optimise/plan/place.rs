//! Turning the model's per-unit decisions into per-facility ones.
//!
//! General beds are decided per facility. Posts and secondments are
//! decided per admin unit (uniform unit costs make the facility irrelevant
//! but for its cap). Placement fills facilities in a fixed, explainable
//! order: the specialists of opened services first, then the posts and a
//! lead hospital's secondees decided for one grassroots centre, then
//! secondees from each source at the reachable facilities with the most
//! room (only at its partners under one-to-one pairing) — or, when that
//! order strands any, a maximum flow, which the model's per-facility rows
//! guarantee places them all —, then general posts — county hospitals
//! first, then by room left. The checker verifies the result independently.
//!
//! The per-unit quantities are continuous in the model (integer beds,
//! posts and secondees made microlp's branch and bound stall: no incumbent
//! in 60 s on the demo, against 0.03 s with them continuous) and are
//! rounded here so that every target still holds: each unit's beds up; secondees down,
//! their fractions added to the unit's posts, which are rounded up. A unit's
//! doctor cap is a whole number, so the rounded total still fits; the cost
//! rises by less than one bed and one post per unit, which the model keeps
//! free in the money budget ([`rounding_margin`]). Integrated elderly-care
//! beds are decided per facility and rounded up there.

use super::model::{Vars, MIN_SPECIALISTS};
use crate::plan::{BedsAdded, Plan, PostsAdded, Secondment, ServiceOpened};
use crate::scenario::{Scenario, Tier};
use good_lp::Variable;

/// Money (yuan) kept free in the budget for rounding: one bed and one post per unit.
pub fn rounding_margin(s: &Scenario) -> f64 {
    let c = &s.policy.unit_costs;
    let elderly = if crate::rules::RuleId::ElderlyCareBeds.is_on(&s.policy) {
        c.elderly_care_bed_yuan
    } else {
        0.0
    };
    s.admin_units.len() as f64 * (c.bed_yuan + c.specialist_post_yuan + elderly)
}

const EPS: f64 = 1e-6;

/// Builds the plan from variable values.
pub fn place(s: &Scenario, v: &Vars, value: &dyn Fn(Variable) -> f64) -> Plan {
    let on = |x: Variable| value(x) > 0.5;
    let up = |x: f64| (x - EPS).ceil().max(0.0);
    let down = |x: f64| (x + EPS).floor().max(0.0);
    let mut plan = Plan::default();
    for (k, c) in s.candidate_sites.iter().enumerate() {
        if on(v.open[k]) {
            plan.open_sites.push(c.id.clone());
        }
    }
    for (i, f) in s.facilities.iter().enumerate() {
        if v.upgrade[i].is_some_and(on) {
            plan.upgrades.push(f.id.clone());
        }
    }
    let mut room: Vec<f64> = s
        .facilities
        .iter()
        .map(|f| f.expansion.max_extra_doctors)
        .collect();
    let mut posts_at = vec![0.0; s.facilities.len()];
    for ((i, sp), var) in &v.service {
        if on(*var) {
            plan.services.push(ServiceOpened {
                facility: s.facilities[*i].id.clone(),
                specialty: *sp,
            });
            plan.posts.push(PostsAdded {
                facility: s.facilities[*i].id.clone(),
                specialty: Some(*sp),
                posts: MIN_SPECIALISTS,
            });
            room[*i] -= MIN_SPECIALISTS;
        }
    }
    let mut carry = vec![0.0; s.admin_units.len()];
    // General posts decided for one grassroots centre (the centre-doctors
    // rule), whose room the model kept for them; taken from the unit's posts.
    let mut placed_posts = vec![0.0; s.admin_units.len()];
    for (i, x) in v.centre_posts.iter().enumerate() {
        if let Some(x) = x {
            let n = up(value(*x)).min(room[i].floor()).max(0.0);
            if n >= 1.0 {
                room[i] -= n;
                posts_at[i] += n;
                if let Some(k) = s
                    .admin_units
                    .iter()
                    .position(|u| u.id == s.facilities[i].admin_unit)
                {
                    placed_posts[k] += n;
                }
            }
        }
    }
    // Secondees: whole doctors per (source, unit), the fraction carried to
    // the unit's posts; placed at facilities by `place_secondees`.
    let mut supply = Vec::with_capacity(v.second.len());
    for x in &v.second {
        let raw = value(x.var);
        let n = down(raw);
        if let Some(k) = s.admin_units.iter().position(|u| u.id == x.unit) {
            carry[k] += raw - n;
        }
        supply.push(n);
    }
    let partner = |a: usize, b: usize| v.pairs.get(&(a, b)).is_none_or(|y| on(*y));
    let (moves, left) = place_secondees(s, v, &supply, &mut room, &partner);
    for (j, b, n) in moves {
        let x = &v.second[j];
        let minutes = x.reachable.iter().find(|r| r.0 == b).map_or(0.0, |r| r.1);
        let (from, to) = (&s.facilities[x.from].id, &s.facilities[b].id);
        if let Some(m) = plan
            .secondments
            .iter_mut()
            .find(|m| &m.from == from && &m.to == to)
        {
            m.doctors += n;
        } else {
            plan.secondments.push(Secondment {
                from: from.clone(),
                to: to.clone(),
                doctors: n,
                minutes: (minutes * 10.0).round() / 10.0,
            });
        }
    }
    // Secondees with no room left (only from the rounded continuous model:
    // the exact one holds every facility's room) become posts in the unit.
    for (x, n) in v.second.iter().zip(left) {
        if let Some(k) = s.admin_units.iter().position(|u| u.id == x.unit) {
            carry[k] += n;
        }
    }
    // General posts, unit by unit.
    for k in 0..s.admin_units.len() {
        let mut here: Vec<usize> = v.by_unit.get(k).cloned().unwrap_or_default();
        here.sort_by(|&a, &b| {
            let tier = |i: usize| u8::from(s.facilities[i].tier == Tier::CountyHospital);
            tier(b).cmp(&tier(a)).then(a.cmp(&b))
        });
        if v.posts[k].is_some() || carry[k] > EPS {
            let mut left =
                (up(v.posts[k].map_or(0.0, value) + carry[k]) - placed_posts[k]).max(0.0);
            for &i in &here {
                let n = left.min(room[i].floor()).max(0.0);
                if n >= 1.0 {
                    room[i] -= n;
                    left -= n;
                    posts_at[i] += n;
                }
            }
        }
    }
    // General beds are decided per facility. Whole in the exact model; from
    // the continuous one, each unit's total is rounded up and its
    // fractions go to the facilities with the largest ones (within caps).
    for members in &v.by_unit {
        let here: Vec<(usize, f64)> = members
            .iter()
            .copied()
            .filter_map(|i| Some((i, value(v.beds_at[i]?).max(0.0))))
            .collect();
        let total = up(here.iter().map(|(_, x)| x).sum());
        let mut beds: Vec<f64> = here.iter().map(|(_, x)| down(*x)).collect();
        let mut left = total - beds.iter().sum::<f64>();
        let mut by_fraction: Vec<usize> = (0..here.len()).collect();
        by_fraction.sort_by(|&a, &b| {
            let frac = |k: usize| here[k].1 - down(here[k].1);
            frac(b).total_cmp(&frac(a)).then(a.cmp(&b))
        });
        for k in by_fraction {
            let cap = s.facilities[here[k].0].expansion.max_extra_beds;
            if left >= 1.0 && beds[k] + 1.0 <= cap + EPS {
                beds[k] += 1.0;
                left -= 1.0;
            }
        }
        // Whatever a fractional cap left over goes where there is room.
        for (k, (i, _)) in here.iter().enumerate() {
            let room = (s.facilities[*i].expansion.max_extra_beds - beds[k] + EPS).floor();
            let n = left.min(room).max(0.0);
            beds[k] += n;
            left -= n;
        }
        for ((i, _), n) in here.iter().zip(beds) {
            if n >= 1.0 {
                plan.beds.push(BedsAdded {
                    facility: s.facilities[*i].id.clone(),
                    beds: n,
                });
            }
        }
    }
    // Integrated elderly-care beds are decided per facility: rounded up
    // (a fraction only comes from the continuous model without HiGHS).
    for (i, x) in v.elderly_beds.iter().enumerate() {
        if let Some(x) = x {
            let n = up(value(*x)).min(s.facilities[i].expansion.max_extra_elderly_care_beds);
            if n >= 1.0 {
                plan.elderly_care_beds.push(BedsAdded {
                    facility: s.facilities[i].id.clone(),
                    beds: n,
                });
            }
        }
    }
    let hubs = if v.links.iter().any(Option::is_some) {
        s.telemedicine_hubs()
    } else {
        vec![]
    };
    for (i, x) in v.links.iter().enumerate() {
        if let (Some(x), Some(&Some(hub))) = (x, hubs.get(i)) {
            if on(*x) {
                plan.telemedicine_links.push(crate::plan::TelemedicineLink {
                    facility: s.facilities[i].id.clone(),
                    hub: s.facilities[hub].id.clone(),
                });
            }
        }
    }
    for (i, n) in posts_at.iter().enumerate() {
        if *n > 0.0 {
            plan.posts.push(PostsAdded {
                facility: s.facilities[i].id.clone(),
                specialty: None,
                posts: *n,
            });
        }
    }
    plan
}

/// Places `supply[j]` whole secondees of `v.second[j]` at its reachable
/// facilities within `room` (reduced by what is placed), only at a
/// source's `partner`s: first in a fixed, explainable order — a lead's
/// secondees to its own centres, then each source at county hospitals
/// first, then the facilities with most room —, and, when that order leaves
/// any unplaced, as a maximum flow (the model's per-facility rows say one
/// placing them all exists; Dinic's algorithm finds it). Returns the moves
/// (secondment index, facility, doctors) and what is left per secondment.
pub fn place_secondees(
    s: &Scenario,
    v: &Vars,
    supply: &[f64],
    room: &mut [f64],
    partner: &dyn Fn(usize, usize) -> bool,
) -> (Vec<(usize, usize, f64)>, Vec<f64>) {
    let before = room.to_vec();
    let mut order: Vec<usize> = (0..v.second.len()).collect();
    order.sort_by_key(|&j| !v.second[j].community);
    let mut moves = Vec::new();
    let mut left = supply.to_vec();
    for &j in &order {
        let x = &v.second[j];
        let mut to: Vec<usize> = x
            .reachable
            .iter()
            .map(|r| r.0)
            .filter(|&b| partner(x.from, b))
            .collect();
        to.sort_by(|&a, &b| {
            let tier = |i: usize| u8::from(s.facilities[i].tier == Tier::CountyHospital);
            tier(b)
                .cmp(&tier(a))
                .then(room[b].total_cmp(&room[a]))
                .then(a.cmp(&b))
        });
        for b in to {
            let n = left[j].min(room[b].floor()).max(0.0);
            if n >= 1.0 {
                room[b] -= n;
                left[j] -= n;
                moves.push((j, b, n));
            }
        }
    }
    if left.iter().all(|n| *n < 1.0) {
        return (moves, left);
    }
    // A maximum flow: source → secondment (its supply) → facility (room).
    let mut g = petgraph::Graph::<(), u64>::new();
    let (src, sink) = (g.add_node(()), g.add_node(()));
    let xs: Vec<_> = v.second.iter().map(|_| g.add_node(())).collect();
    let mut at = std::collections::BTreeMap::new();
    let mut pair_edges = Vec::new();
    for (j, x) in v.second.iter().enumerate() {
        g.add_edge(src, xs[j], supply[j].max(0.0) as u64);
        for &(b, _) in &x.reachable {
            if partner(x.from, b) && before[b] >= 1.0 {
                let nb = *at.entry(b).or_insert_with(|| {
                    let nb = g.add_node(());
                    g.add_edge(nb, sink, before[b].floor() as u64);
                    nb
                });
                pair_edges.push((g.add_edge(xs[j], nb, supply[j].max(0.0) as u64), j, b));
            }
        }
    }
    let (total, flows) = petgraph::algo::dinics(&g, src, sink);
    if (total as f64) <= supply.iter().sum::<f64>() - left.iter().sum::<f64>() {
        return (moves, left); // no better than the fixed order
    }
    room.copy_from_slice(&before);
    let mut left = supply.to_vec();
    let mut moves = Vec::new();
    for (e, j, b) in pair_edges {
        let n = flows[e.index()] as f64;
        if n >= 1.0 {
            room[b] -= n;
            left[j] -= n;
            moves.push((j, b, n));
        }
    }
    (moves, left)
}

/// Whether a rule that is on judges where in a unit general beds are (not
/// only how many): then their placement is the model's decision.
pub fn bed_location_matters(s: &Scenario) -> bool {
    use crate::rules::RuleId;
    RuleId::InpatientAccess.is_on(&s.policy) || RuleId::InCountyShare.is_on(&s.policy)
}

/// `plan` with each unit's general beds gathered in a fixed, explainable
/// order — county hospitals first, then the facilities with the most room —
/// within each facility's cap. Beds cost the same wherever they go, so the
/// cost and every per-unit figure are unchanged; the model, indifferent
/// between equal-cost placements, may otherwise spread them thinly.
pub fn gather_beds(s: &Scenario, plan: &Plan) -> Plan {
    let mut out = plan.clone();
    out.beds.clear();
    let by_unit = super::model::facilities_by_unit(s);
    let unit_of: std::collections::HashMap<&str, usize> = by_unit
        .iter()
        .enumerate()
        .flat_map(|(k, members)| {
            members
                .iter()
                .map(move |&i| (s.facilities[i].id.as_str(), k))
        })
        .collect();
    let mut totals = vec![0.0; by_unit.len()];
    for b in &plan.beds {
        if let Some(&k) = unit_of.get(b.facility.as_str()) {
            totals[k] += b.beds;
        }
    }
    for (mut here, total) in by_unit.into_iter().zip(totals) {
        let room = |i: usize| s.facilities[i].expansion.max_extra_beds.floor().max(0.0);
        here.sort_by(|&a, &b| {
            let tier = |i: usize| u8::from(s.facilities[i].tier == Tier::CountyHospital);
            tier(b)
                .cmp(&tier(a))
                .then(room(b).total_cmp(&room(a)))
                .then(a.cmp(&b))
        });
        let mut left = total;
        let mut placed: Vec<(usize, f64)> = vec![];
        for i in here {
            let n = left.min(room(i));
            if n >= 1.0 {
                left -= n;
                placed.push((i, n));
            }
        }
        if left > EPS {
            return plan.clone(); // a fractional cap: keep the model's placement
        }
        // Unit by unit, in scenario order within each, as `place` lists them.
        placed.sort_by_key(|p| p.0);
        out.beds.extend(placed.into_iter().map(|(i, n)| BedsAdded {
            facility: s.facilities[i].id.clone(),
            beds: n,
        }));
    }
    out
}
