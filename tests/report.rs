//! What the views and exports show of a plan: decisions and per-unit
//! indicators before/after, CSV and GeoJSON that parse, share links that
//! round-trip, and the scenario panel's fields.

use healthreach::export::{decisions_csv, decisions_geojson, indicators_csv};
use healthreach::optimise::plan::{plan_cost, solve_plan, PlanOptions};
use healthreach::report::{plan_report, DecisionKind};
use healthreach::scenario::Policy;
use healthreach::share::{decode, encode, Shared, SHARE_FORMAT};
use healthreach::view::policy_form::{field, FieldError, FIELDS};

fn demo_plan() -> (healthreach::scenario::Scenario, healthreach::plan::Plan) {
    let mut s = healthreach::demo::weinan();
    s.policy.services.paediatrics = None;
    let r = solve_plan(&s, &PlanOptions::default()).unwrap();
    (s, r.plan.unwrap())
}

#[test]
fn the_report_lists_every_decision_and_meets_the_targets_after() {
    let (s, plan) = demo_plan();
    let r = plan_report(&s, &plan);
    let n = plan.open_sites.len()
        + plan.upgrades.len()
        + plan.beds.len()
        + plan.posts.len()
        + plan.services.len()
        + plan.secondments.len()
        + plan.elderly_care_beds.len()
        + plan.telemedicine_links.len();
    assert_eq!(r.decisions.len(), n);
    assert!((r.cost_yuan - plan_cost(&s, &plan)).abs() < 1.0);
    let target = s.policy.ratios.beds_per_1000.unwrap();
    for u in &r.units {
        assert!(
            u.beds_per_1000.1 + 1e-9 >= target,
            "{} {:?}",
            u.name,
            u.beds_per_1000
        );
        assert!(u.beds_per_1000.1 >= u.beds_per_1000.0);
        assert!(u.coverage.1 + 1e-12 >= u.coverage.0);
    }
    assert!(r.coverage.1 >= s.policy.coverage.share);
    assert!(r
        .decisions
        .iter()
        .filter(|d| d.kind == DecisionKind::Secondment)
        .all(|d| d.from.is_some() && d.rule == "doctors_per_1000"));
    assert!(r
        .decisions
        .iter()
        .any(|d| d.kind == DecisionKind::Service && d.rule == "haemodialysis"));
}

#[test]
fn exports_parse_back() {
    let (s, plan) = demo_plan();
    let r = plan_report(&s, &plan);
    let text = decisions_csv(&r);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), r.decisions.len());
    let total: f64 = rows.iter().map(|x| x[6].parse::<f64>().unwrap()).sum();
    assert!((total - r.cost_yuan).abs() < 1.0);

    let text = indicators_csv(&r);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(rd.records().count(), s.admin_units.len());

    let gj: geojson::GeoJson = decisions_geojson(&r).parse().unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        panic!("not a FeatureCollection")
    };
    assert_eq!(fc.features.len(), r.decisions.len());
    let lines = fc
        .features
        .iter()
        .filter(|f| {
            matches!(
                f.geometry.as_ref().unwrap().value,
                geojson::GeometryValue::LineString { .. }
            )
        })
        .count();
    // Secondments and telemedicine links are lines (source or reading
    // centre → facility).
    assert_eq!(
        lines,
        plan.secondments.len() + plan.telemedicine_links.len()
    );
}

#[test]
fn share_links_round_trip_and_damage_is_explained() {
    let mut p = Policy::default();
    p.coverage.share = 0.85;
    p.budget.money_yuan = Some(5e8);
    let shared = Shared {
        format: SHARE_FORMAT.into(),
        region: "渭南市".into(),
        name: "方案 B".into(),
        policy: p,
    };
    let link = encode(&shared);
    assert!(link.len() < 1500, "{} characters", link.len());
    assert!(link
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    assert_eq!(decode(&link).unwrap(), shared);
    let broken = &link[..link.len() / 2];
    assert!(decode(broken).unwrap_err()[0].message.contains("damaged"));
    assert!(decode("!!!").unwrap_err()[0].message.contains("damaged"));
}

#[test]
fn every_field_reads_back_what_it_writes() {
    let original = healthreach::demo::weinan().policy;
    let mut p = original.clone();
    for f in FIELDS.iter() {
        let v = (f.get)(&p);
        assert_eq!(f.set(&mut p, &v), Ok(()), "{}", f.key);
    }
    assert_eq!(p, original);
    let share = field("coverage_share").unwrap();
    assert_eq!(share.set(&mut p, "abc"), Err(FieldError::NotANumber));
    assert_eq!(share.set(&mut p, "-1"), Err(FieldError::Below(0.0)));
    assert_eq!(share.set(&mut p, ""), Err(FieldError::Empty));
    let beds = field("beds_per_1000").unwrap();
    assert_eq!(beds.set(&mut p, ""), Ok(()));
    assert_eq!(p.ratios.beds_per_1000, None);
    let pool = field("doctor_pool").unwrap();
    assert_eq!(pool.set(&mut p, "12.5"), Err(FieldError::NotWhole));
    let budget = field("money_budget").unwrap();
    assert_eq!(budget.set(&mut p, "1,200"), Ok(()));
    assert_eq!(p.budget.money_yuan, Some(1.2e9));
    let obj = field("objective").unwrap();
    assert_eq!(obj.set(&mut p, "min_travel_time"), Ok(()));
    assert_eq!((obj.get)(&p), "min_travel_time");
    assert_eq!(obj.set(&mut p, "nonsense"), Err(FieldError::Unknown));
}

#[test]
fn a_worker_job_reports_stages_verifies_and_round_trips_as_json() {
    use healthreach::protocol::{answer, SolveRequest, WorkerMessage};
    let mut s = healthreach::demo::weinan();
    s.policy.services.paediatrics = None;
    let req = SolveRequest {
        job: 7,
        scenario: s,
        time_limit: 30.0,
        mip_gap: 0.001,
        warm_start: None,
        incumbent: true,
    };
    let text = serde_json::to_string(&req).unwrap();
    let req: SolveRequest = serde_json::from_str(&text).unwrap();
    let mut stages = vec![];
    let mut seen = vec![];
    let reply = answer(&req, &mut |p| {
        stages.push(p.stage);
        seen.push((p.bound, p.incumbent));
    })
    .unwrap();
    stages.dedup();
    assert_eq!(stages, ["travel_times", "relaxation", "branch_and_bound"]);
    // While branch and bound runs the solver reports a bound and a feasible
    // plan's cost: the bound never above the final plan, each incumbent never
    // below the final bound, and the gap between them falling.
    let both: Vec<(f64, f64)> = seen
        .iter()
        .filter_map(|(b, x)| Some(((*b)?, (*x)?)))
        .collect();
    assert!(
        !both.is_empty(),
        "no bound and incumbent together: {seen:?}"
    );
    let best = reply.objective.unwrap();
    let final_bound = reply.bound.unwrap();
    for (bound, incumbent) in &both {
        assert!(
            *bound <= incumbent + 1e-6,
            "bound {bound} ≤ incumbent {incumbent}"
        );
        assert!(*bound <= best + 1e-6, "bound {bound} ≤ plan {best}");
        assert!(
            *incumbent >= final_bound - 1e-6,
            "{incumbent} vs {final_bound}"
        );
    }
    let gap = |(b, x): (f64, f64)| (x - b) / x;
    assert!(gap(*both.last().unwrap()) <= gap(both[0]) + 1e-12);
    assert!(reply.verified, "{:?}", reply.failed_checks);
    assert!(reply.report.is_some());
    let msg = WorkerMessage::Done {
        job: 7,
        reply: Box::new(reply),
    };
    let text = serde_json::to_string(&msg).unwrap();
    let back: WorkerMessage = serde_json::from_str(&text).unwrap();
    let WorkerMessage::Done { job: 7, reply } = back else {
        panic!("not a done message")
    };
    assert!(reply.verified);
    assert_eq!(reply.plan, msg_plan(&msg));

    // Unreachable targets: no plan, each failing target named.
    let mut req = req;
    req.scenario.policy.ratios.beds_per_1000 = Some(25.0);
    let mut stages = vec![];
    let reply = answer(&req, &mut |p| stages.push(p.stage)).unwrap();
    assert_eq!(reply.status, healthreach::optimise::Status::Infeasible);
    assert_eq!(stages.last(), Some(&"diagnosis"));
    assert!(!reply.verified);
    assert!(reply
        .shortfalls
        .iter()
        .any(|m| m.contains("beds per 1,000")));
}

fn msg_plan(m: &healthreach::protocol::WorkerMessage) -> Option<healthreach::plan::Plan> {
    match m {
        healthreach::protocol::WorkerMessage::Done { reply, .. } => reply.plan.clone(),
        _ => None,
    }
}
