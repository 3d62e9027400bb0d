//! Every door data enters by, tried as a hostile user would: arbitrary bytes,
//! and valid inputs with one field mutated to an extreme (0, −1, ±1e308,
//! 2⁶⁴−1, a huge string, a wrong type). Each entry point must never panic
//! and must answer with either a valid object or a problem with a location.

mod common;

use healthreach::optimise::classic::{solve, ClassicProblem};
use healthreach::records::parse_record;
use healthreach::share::{decode, encode, Shared, SHARE_FORMAT};
use healthreach::validate::{load, load_bytes, policy_problems};
use healthreach::view::policy_form::FIELDS;
use proptest::prelude::*;
use serde_json::Value;

/// Extreme JSON values to put where a field was.
fn extreme() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::from(0)),
        Just(Value::from(-1)),
        Just(serde_json::json!(1e308)),
        Just(serde_json::json!(-1e308)),
        Just(Value::from(u64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(serde_json::json!(0.5)),
        Just(Value::from("x".repeat(100_000))),
        Just(Value::Bool(true)),
        Just(Value::Null),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!([1e308, -1e308, 7])),
    ]
}

/// Every path to a leaf (or small array) of a JSON value.
fn leaves(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(k.clone());
                leaves(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            out.push(here.clone());
            for (i, x) in a.iter().enumerate().take(3) {
                here.push(i.to_string());
                leaves(x, here, out);
                here.pop();
            }
        }
        _ => out.push(here.clone()),
    }
}

fn set(v: &mut Value, path: &[String], to: Value) {
    let mut cur = v;
    for k in path {
        cur = match cur {
            Value::Object(m) => m.get_mut(k).unwrap(),
            Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
            _ => unreachable!(),
        };
    }
    *cur = to;
}

/// A small valid scenario with every part present (roads, travel table, sites).
fn small() -> healthreach::scenario::Scenario {
    let mut s = common::line_of_zones(&[1200.0, 800.0, 500.0], &[(110.07, 1e6)]);
    s.roads = Some(healthreach::scenario::RoadNetwork {
        class_speeds: Default::default(),
        links: vec![common::road(
            "r1",
            healthreach::scenario::RoadClass::County,
            vec![[110.0, 35.1], [110.2, 35.1]],
        )],
    });
    s.zones[0].age_groups = Some(healthreach::scenario::AgeGroups {
        children_0_14: 200.0,
        aged_65_plus: 100.0,
    });
    common::settle(s)
}

/// Every extreme value at every leaf path of `base`: an exhaustive list.
fn all_mutations(base: &Value) -> Vec<(Vec<String>, Value)> {
    let extremes = [
        Value::from(0),
        Value::from(-1),
        serde_json::json!(1e308),
        serde_json::json!(-1e308),
        Value::from(u64::MAX),
        serde_json::json!(0.5),
        Value::from("x".repeat(100_000)),
        Value::Bool(true),
        Value::Null,
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    let mut paths = Vec::new();
    leaves(base, &mut Vec::new(), &mut paths);
    let mut out = Vec::new();
    for p in &paths {
        for e in &extremes {
            let mut v = base.clone();
            set(&mut v, p, e.clone());
            out.push((p.clone(), v));
        }
    }
    out
}

/// Every mutation of a small scenario either validates — and then solves
/// without a panic, any failure in planner terms — or is refused with a
/// located problem. Counts both, so the test cannot pass vacuously.
#[test]
fn every_mutated_scenario_is_valid_or_located() {
    let base = serde_json::to_value(small()).unwrap();
    let (mut valid, mut refused) = (0, 0);
    for (path, v) in all_mutations(&base) {
        match load(&v.to_string()) {
            Ok((s, _)) => {
                valid += 1;
                assert!(policy_problems(&s.policy).iter().all(|p| !p.is_error()));
                let opts = healthreach::optimise::plan::PlanOptions {
                    time_limit: Some(5.0),
                    ..Default::default()
                };
                if let Err(p) = healthreach::optimise::plan::solve_plan(&s, &opts) {
                    assert!(
                        p.path.starts_with('$') || p.path == "time_limit",
                        "{path:?}: {p:?}"
                    );
                }
            }
            Err(problems) => {
                refused += 1;
                assert!(!problems.is_empty(), "{path:?}");
                assert!(
                    problems
                        .iter()
                        .all(|p| p.path.starts_with('$') && !p.message_zh.is_empty()),
                    "{path:?}: {problems:?}"
                );
            }
        }
    }
    eprintln!("scenario mutations: {valid} valid, {refused} refused");
    assert!(
        valid > 50 && refused > 500,
        "{valid} valid, {refused} refused"
    );
}

/// Every mutation of the settings carried by a share link or a stored record.
#[test]
fn every_mutated_policy_is_refused_at_every_door_or_valid() {
    let base = serde_json::to_value(healthreach::scenario::Policy::default()).unwrap();
    let (mut valid, mut refused) = (0, 0);
    for (path, v) in all_mutations(&base) {
        let Ok(policy) = serde_json::from_value::<healthreach::scenario::Policy>(v.clone()) else {
            continue;
        };
        let link = encode(&Shared {
            format: SHARE_FORMAT.into(),
            region: "渭南市".into(),
            name: "x".into(),
            policy: policy.clone(),
        });
        let record = serde_json::json!({"id": "s1", "name": "A", "region": "渭南市",
            "policy": v, "updated_ms": 1.0, "rev": 1})
        .to_string();
        let errors: Vec<_> = policy_problems(&policy)
            .into_iter()
            .filter(|p| p.is_error())
            .collect();
        match (decode(&link), parse_record(&record)) {
            (Ok(_), Ok(_)) => {
                assert!(errors.is_empty(), "{path:?}");
                valid += 1;
            }
            (Err(a), Err(b)) => {
                assert!(!errors.is_empty(), "{path:?}");
                assert!(
                    a.iter().chain(&b).all(|p| p.path.starts_with("$.policy")),
                    "{a:?} {b:?}"
                );
                refused += 1;
            }
            (a, b) => panic!(
                "the doors disagree on {path:?}: share {:?}, record {:?}",
                a.is_ok(),
                b.is_ok()
            ),
        }
    }
    assert!(
        valid > 10 && refused > 50,
        "{valid} valid, {refused} refused"
    );
}

fn mutated(base: &Value) -> impl Strategy<Value = (Vec<String>, Value)> {
    let mut paths = Vec::new();
    leaves(base, &mut Vec::new(), &mut paths);
    let base = base.clone();
    (0..paths.len(), extreme()).prop_map(move |(i, to)| {
        let mut v = base.clone();
        set(&mut v, &paths[i], to);
        (paths[i].clone(), v)
    })
}

#[test]
fn the_small_scenario_is_valid() {
    let s = small();
    let (_, warnings) = load(&s.to_json()).expect("valid");
    assert!(warnings.iter().all(|w| !w.is_error()));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Scenario files: arbitrary bytes load or are refused with located problems.
    #[test]
    fn scenario_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Err(problems) = load_bytes(&bytes) {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| p.path.starts_with('$') && !p.message.is_empty() && !p.message_zh.is_empty()));
        }
    }

    /// Classic problems: arbitrary bytes, and sparse indices anywhere in f64.
    #[test]
    fn classic_problems_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(p) = serde_json::from_slice::<ClassicProblem>(&bytes) {
            let _ = solve(&p, Some(1.0));
        }
    }

    #[test]
    fn sparse_indices_are_checked(i in prop_oneof![Just(-1.0), Just(1e20), Just(0.5), Just(1e8), Just(0.0), Just(f64::MAX)],
                                  j in prop_oneof![Just(-1.0), Just(1e20), Just(0.5), Just(1e8), Just(1.0), Just(f64::MAX)],
                                  sites in prop_oneof![Just(None), Just(Some(3usize)), Just(Some(usize::MAX))]) {
        let p = ClassicProblem {
            kind: healthreach::optimise::classic::ClassicKind::PMedian,
            p: Some(1),
            s: None,
            demand_weight: vec![1.0],
            minutes: None,
            sparse: Some(vec![[i, j, 1.0]]),
            sites,
            fixed: vec![],
            capacity: None,
            fixed_cost: None,
        };
        match solve(&p, Some(1.0)) {
            Ok(r) => {
                // Only whole, in-range indices get this far; the answer names the site written.
                prop_assert_eq!(i, 0.0);
                prop_assert_eq!(r.open, vec![j as usize]);
            }
            Err(m) => prop_assert!(m.contains("sparse[0]") || m.contains("p ="), "{m}"),
        }
    }

    /// Share links: arbitrary text is refused with a reason; a link whose
    /// settings were mutated to extremes decodes only when they validate.
    #[test]
    fn share_links_never_panic(text in ".{0,300}") {
        if let Err(p) = decode(&text) {
            prop_assert!(!p.is_empty() && p.iter().all(|x| x.path.starts_with('$')));
        }
    }

    /// Stored records: arbitrary text, and records with a field mutated.
    #[test]
    fn stored_records_never_panic(text in ".{0,300}") {
        if let Err(p) = parse_record(&text) {
            prop_assert!(!p.is_empty());
        }
    }

    #[test]
    fn mutated_records_are_valid_or_located((_, v) in mutated(&serde_json::to_value(healthreach::records::Saved {
        id: "s1".into(), name: "A".into(), region: "渭南市".into(), policy: Default::default(),
        updated_ms: 1.0, result: None, rev: 1 }).unwrap())) {
        match parse_record(&v.to_string()) {
            Ok(r) => prop_assert!(policy_problems(&r.policy).iter().all(|p| !p.is_error())),
            Err(p) => prop_assert!(!p.is_empty() && p.iter().all(|x| x.path.starts_with('$'))),
        }
    }

    /// Every form field: any text is accepted into a valid policy or refused.
    #[test]
    fn form_fields_accept_only_valid_values(k in 0..FIELDS.len(), text in prop_oneof![
        Just("1,5".to_string()), Just("-0.5".to_string()), Just("1e308".to_string()), Just("inf".to_string()),
        Just("NaN".to_string()), Just("18446744073709551615".to_string()), Just("１２．５".to_string()),
        Just("1,500".to_string()), Just("".to_string()), Just("x".repeat(10_000)), ".{0,20}"]) {
        let f = &FIELDS[k];
        let mut p = healthreach::scenario::Policy::default();
        let before = p.clone();
        match f.set(&mut p, &text) {
            Ok(()) => prop_assert!(policy_problems(&p).iter().all(|x| !x.is_error()), "{} <- {text:?}", f.key),
            Err(_) => prop_assert_eq!(p, before),
        }
    }
}

#[test]
fn ambiguous_numbers_are_refused_not_multiplied() {
    let f = healthreach::view::policy_form::field("beds_per_1000").unwrap();
    let mut p = healthreach::scenario::Policy::default();
    assert_eq!(
        f.set(&mut p, "1,5"),
        Err(healthreach::view::policy_form::FieldError::Ambiguous)
    );
    assert_eq!(p.ratios.beds_per_1000, Some(7.0));
    f.set(&mut p, "7.5").unwrap();
    assert_eq!(p.ratios.beds_per_1000, Some(7.5));
}

#[test]
fn a_huge_site_index_costs_nothing() {
    // 83 bytes naming site 10^8: solved over the one site it names.
    let text = r#"{"kind":"p-median","p":1,"demand_weight":[1],"sparse":[[0,100000000,1]]}"#;
    let p: ClassicProblem = serde_json::from_str(text).unwrap();
    assert_eq!(solve(&p, None).unwrap().open, vec![100_000_000]);
}

#[test]
fn worker_messages_are_checked_like_files() {
    use healthreach::protocol::{run_job, Job, SolveRequest, WorkerMessage};
    use healthreach::tradeoff::TradeOffRequest;
    let s = small();
    let mut posted = Vec::new();
    // A trade-off asking for 10^18 points, a solve with an infinite time limit,
    // and a solve of a scenario that does not validate: each a located failure.
    let mut bad = s.clone();
    bad.policy.coverage.share = -0.5;
    for job in [
        Job::TradeOff(Box::new(TradeOffRequest {
            job: 1,
            scenario: s.clone(),
            points: 1 << 60,
            time_limit: 5.0,
            mip_gap: 0.0,
        })),
        Job::Solve(Box::new(SolveRequest {
            job: 2,
            scenario: s.clone(),
            time_limit: f64::INFINITY,
            mip_gap: 0.001,
            warm_start: None,
            incumbent: false,
        })),
        Job::Solve(Box::new(SolveRequest {
            job: 3,
            scenario: bad,
            time_limit: 5.0,
            mip_gap: 0.001,
            warm_start: None,
            incumbent: false,
        })),
    ] {
        run_job(&job, &mut |m| posted.push(m));
    }
    let failures: Vec<_> = posted.iter().filter_map(WorkerMessage::failure).collect();
    assert_eq!(failures.len(), 3, "{posted:?}");
    assert!(failures[0].message.contains("3 to 25"));
    assert!(failures[1].message.contains("time limit"));
    assert!(failures[2].message.contains("share -0.5"));
    assert!(failures.iter().all(|p| !p.message_zh.is_empty()));
}

#[test]
fn huge_names_and_many_broken_parts_give_a_bounded_report() {
    let mut s = small();
    s.admin_units[0].name = "名".repeat(1_000_000);
    s.admin_units[0].boundary = healthreach::scenario::Area(vec![vec![]; 300_000]);
    let p = healthreach::validate::validate(&s);
    assert!(
        p.len() <= healthreach::validate::MAX_LISTED + 1,
        "{}",
        p.len()
    );
    let bytes: usize = p.iter().map(|x| x.message.len() + x.message_zh.len()).sum();
    assert!(bytes < 1 << 20, "{bytes} bytes of messages");
    assert!(p.iter().any(|x| x.path == "$.admin_units[0].name"));
}

#[test]
fn fixed_sites_overflowing_or_repeated_are_refused() {
    let mut p: ClassicProblem = serde_json::from_str(
        r#"{"kind":"p-median","p":1,"demand_weight":[1],"sparse":[[0,0,1]],"fixed":[18446744073709551615]}"#,
    )
    .unwrap();
    assert!(solve(&p, None).unwrap_err().contains("fixed site"));
    p.fixed = vec![0, 0];
    assert!(solve(&p, None).unwrap_err().contains("twice"));
}
