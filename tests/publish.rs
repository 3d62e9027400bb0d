//! Publishing: the bundle is a pure function of scenario and plan (byte
//! identical twice over), its manifest's hashes are the files' hashes, its
//! CSP allows exactly its inline scripts, scenario text never becomes markup,
//! every decision is explained, and a re-check names the decision a tampered
//! plan changed.

use healthreach::access::TravelTimes;
use healthreach::checker::check;
use healthreach::i18n::Lang;
use healthreach::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use healthreach::optimise::Status;
use healthreach::plan::Plan;
use healthreach::publish::bundle::{self, Assets};
use healthreach::publish::hash::{plan_hash, sha256_hex};
use healthreach::publish::recheck::compare;
use healthreach::publish::{explain, prepare, Meta, Publication, SolveSettings};
use healthreach::report::DecisionKind;
use healthreach::rules::RuleId;
use healthreach::scenario::Scenario;
use std::sync::OnceLock;

fn demo() -> &'static (Scenario, Plan, Publication) {
    static DEMO: OnceLock<(Scenario, Plan, Publication)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let s = healthreach::demo::weinan();
        let plan = solve_plan(
            &s,
            &PlanOptions {
                time_limit: Some(60.0),
                ..Default::default()
            },
        )
        .expect("the demo solves")
        .plan
        .expect("a plan");
        let meta = Meta::new(
            &s,
            None,
            Some("渭南市卫生健康委员会".into()),
            Some("2026-12-01".into()),
        )
        .expect("meta");
        let p =
            prepare(&s, &plan, &meta, SolveSettings::default(), &mut |_| {}).expect("publishes");
        (s, plan, p)
    })
}

const BR: &[u8] = &BR_BYTES;
const BR_BYTES: [u8; 13] = [
    0x0b, 0x04, 0x80, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x2a, 0x03,
];

fn assets() -> Assets {
    Assets {
        portal_js: b"let wasm_bindgen = function () {};".to_vec(),
        portal_wasm: vec![0, 97, 115, 109, 1, 0, 0, 0],
        highs_js: b"var Module = function () {};".to_vec(),
        highs_wasm: vec![0, 97, 115, 109, 1, 0, 0, 0, 42],
        // Brotli of the 9 bytes above (node: zlib.brotliCompressSync).
        highs_wasm_br: BR.to_vec(),
    }
}

#[test]
fn the_demo_plan_is_published_optimal_verified_and_explained() {
    let (s, plan, p) = demo();
    let m = &p.manifest;
    assert_eq!(m.status, Status::Optimal);
    assert_eq!(m.gap, Some(0.0));
    assert!(m.verified, "the demo plan passes the checker");
    assert_eq!(m.plan_sha256, plan_hash(plan));
    assert_eq!(m.date, "2026-12-01");
    assert!(m.title.contains(&s.region.name));
    // One headline line and one counterfactual per rule that is on.
    let on: Vec<RuleId> = RuleId::ALL
        .into_iter()
        .filter(|r| r.is_on(&s.policy))
        .collect();
    assert_eq!(p.headline.iter().map(|h| h.rule).collect::<Vec<_>>(), on);
    assert_eq!(
        p.counterfactuals.iter().map(|c| c.rule).collect::<Vec<_>>(),
        on
    );
    // Without a rule the best plan never costs more than with it.
    for c in &p.counterfactuals {
        let extra = c.extra_yuan.expect("a plan without the rule");
        assert!(extra >= -1e-6 * m.cost_yuan, "{:?}: {extra}", c.rule);
    }
    // Every decision names its rule, at a unit the rule is judged at.
    assert_eq!(p.reasons.len(), p.report.decisions.len());
    assert!(!p.report.decisions.is_empty());
    for (d, r) in p.report.decisions.iter().zip(&p.reasons) {
        let r = r.as_ref().expect("every demo decision serves a rule");
        assert_eq!(r.rule.key(), d.rule);
        assert!(
            r.unit == d.unit_id
                || r.unit.starts_with(&format!("{}/", d.unit_id))
                || r.unit.starts_with("region"),
            "{} at {}",
            r.unit,
            d.unit_id
        );
        for lang in [Lang::Zh, Lang::En] {
            let cf = p.counterfactuals.iter().find(|c| c.rule == r.rule);
            let text = explain::why(s, r, cf, m.cost_yuan, lang);
            assert!(
                text.contains(&explain::rule_name(r.rule, lang, s)),
                "{text}"
            );
        }
    }
    // A binding beds target somewhere in the demo, with a saving without it.
    let beds = p
        .counterfactuals
        .iter()
        .find(|c| c.rule == RuleId::BedsPer1000)
        .expect("beds rule on in the demo");
    assert!(
        beds.extra_yuan.unwrap() > 0.0,
        "the beds target costs something"
    );
    assert!(p.reasons.iter().flatten().any(|r| r.binding));
    // Which targets need each decision, from the counterfactual solves: beds
    // in a county whose beds target binds are there for that target.
    assert_eq!(p.needed_by.len(), p.report.decisions.len());
    assert!(p
        .report
        .decisions
        .iter()
        .zip(&p.needed_by)
        .any(|(d, n)| d.kind == DecisionKind::Beds && n.contains(&RuleId::BedsPer1000)));
    for lang in [Lang::Zh, Lang::En] {
        assert!(!explain::needed(s, &[RuleId::BedsPer1000], lang).is_empty());
    }
}

#[test]
fn bundles_are_byte_identical_and_hash_what_they_hold() {
    let (s, plan, p) = demo();
    let a = assets();
    let f1 = bundle::folder(p, s, plan, &a);
    let f2 = bundle::folder(p, s, plan, &a);
    assert_eq!(f1, f2);
    let one = bundle::single_file(p, s, plan, &a);
    assert_eq!(one, bundle::single_file(p, s, plan, &a));
    // Re-preparing from scratch gives the same publication.
    let meta = Meta::new(
        s,
        None,
        Some("渭南市卫生健康委员会".into()),
        Some("2026-12-01".into()),
    )
    .unwrap();
    let again = prepare(s, plan, &meta, SolveSettings::default(), &mut |_| {}).unwrap();
    assert_eq!(&again, p);
    assert_eq!(bundle::folder(&again, s, plan, &a), f1);

    let get = |path: &str| {
        f1.iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} in the folder"))
    };
    let manifest: healthreach::publish::Manifest =
        serde_json::from_slice(&get("manifest.json").bytes).unwrap();
    assert_eq!(
        manifest.scenario_sha256,
        sha256_hex(&get("scenario.json").bytes)
    );
    for e in &manifest.files {
        assert_eq!(e.sha256, sha256_hex(&get(&e.path).bytes), "{}", e.path);
    }
    // The plan file re-reads to the same decisions.
    let back =
        healthreach::validate::load_plan(std::str::from_utf8(&get("plan.json").bytes).unwrap(), s)
            .unwrap();
    assert_eq!(plan_hash(&back), manifest.plan_sha256);
    // No absolute URL anywhere in the page.
    let index = String::from_utf8(get("index.html").bytes.clone()).unwrap();
    assert!(!index.contains("src=\"/") && !index.contains("href=\"/"));
    assert!(!index.contains("http://") && !index.contains("https://"));
}

fn csp_of(html: &str) -> String {
    let at = html.find("Content-Security-Policy\" content=\"").unwrap();
    let rest = &html[at + "Content-Security-Policy\" content=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[test]
fn the_single_file_allows_exactly_its_inline_scripts() {
    use base64::Engine as _;
    use sha2::Digest;
    let (s, plan, p) = demo();
    let html = String::from_utf8(bundle::single_file(p, s, plan, &assets())).unwrap();
    let csp = csp_of(&html);
    assert!(csp.starts_with("default-src 'none'"));
    assert!(csp.contains("connect-src 'self'"));
    // The re-check's worker is built from the page's own scripts, as a blob.
    assert!(csp.contains("worker-src blob:"));
    let mut inline = 0;
    let mut parts = vec![];
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<script") {
        rest = &rest[i..];
        let open_end = rest.find('>').unwrap();
        let attrs = &rest[..open_end];
        let close = rest.find("</script>").unwrap();
        let body = &rest[open_end + 1..close];
        if !attrs.contains("type=") && !attrs.contains("src=") {
            let h = base64::engine::general_purpose::STANDARD
                .encode(sha2::Sha256::digest(body.as_bytes()));
            assert!(
                csp.contains(&format!("'sha256-{h}'")),
                "inline script not allowed by the CSP"
            );
            inline += 1;
            parts.push(
                attrs
                    .split("data-part=\"")
                    .nth(1)
                    .and_then(|p| p.split('"').next()),
            );
        }
        rest = &rest[close + 9..];
    }
    assert_eq!(inline, 4, "highs.js, the glue, portal.js and boot.js");
    // The boot script finds the worker's code by these names.
    assert_eq!(
        parts,
        [
            Some("highs"),
            Some("highs-glue"),
            Some("portal"),
            Some("boot")
        ]
    );
}

#[test]
fn scenario_text_never_becomes_markup() {
    let (s, plan, _) = demo();
    let mut hostile = s.clone();
    hostile.facilities[0].name =
        "</script><script>alert(1)</script><img src=x onerror=alert(2)>".into();
    hostile.region.name = "<b onmouseover=alert(3)>渭南</b>".into();
    let meta = Meta::new(
        &hostile,
        None,
        Some("<script>x</script>".into()),
        Some("2026-12-01".into()),
    )
    .unwrap();
    let p = prepare(&hostile, plan, &meta, SolveSettings::default(), &mut |_| {}).unwrap();
    let html = String::from_utf8(bundle::single_file(&p, &hostile, plan, &assets())).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b onmouseover"));
    assert!(
        html.contains("&lt;b onmouseover=alert(3)&gt;"),
        "the title is escaped text"
    );
    // The data blocks still carry the names exactly.
    let tag = "id=\"portal-scenario\" data-encoding=\"deflate-base64\">";
    let start = html.find(tag).unwrap() + tag.len();
    let end = start + html[start..].find("</script>").unwrap();
    let bytes = bundle::unpack("deflate-base64", &html[start..end]).unwrap();
    let back: Scenario = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back.facilities[0].name, hostile.facilities[0].name);
    let tag = "id=\"portal-highs-wasm\" data-encoding=\"br-base64\">";
    let start = html.find(tag).unwrap() + tag.len();
    let end = start + html[start..].find("</script>").unwrap();
    assert_eq!(
        bundle::unpack("br-base64", &html[start..end]).unwrap(),
        assets().highs_wasm
    );
}

#[test]
fn a_tampered_plan_is_named_decision_by_decision() {
    let (s, plan, p) = demo();
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let same = compare(
        s,
        plan,
        &p.manifest.plan_sha256,
        plan,
        &check(s, &tt, plan),
        p.manifest.cost_yuan,
    );
    assert!(same.matches && same.verified && same.differences.is_empty() && same.equal_cost);

    let mut tampered = plan.clone();
    let b = tampered.beds.first_mut().expect("the demo adds beds");
    let name = s.facility(&b.facility).unwrap().name.clone();
    let original = b.beds;
    b.beds += 7.0;
    let c = check(s, &tt, &tampered);
    let v = compare(
        s,
        &tampered,
        &p.manifest.plan_sha256,
        plan,
        &c,
        p.manifest.cost_yuan,
    );
    assert!(!v.matches);
    assert!(!v.plan_file_matches_manifest);
    assert!(!v.equal_cost, "seven more beds cost more");
    assert_eq!(v.differences.len(), 1);
    let d = &v.differences[0];
    assert_eq!(d.kind, DecisionKind::Beds);
    assert_eq!(d.facility_name, name);
    assert_eq!((d.published, d.again), (original + 7.0, original));
    // Order of the lists does not change the hash.
    let mut shuffled = plan.clone();
    shuffled.beds.reverse();
    shuffled.solver = None;
    assert_eq!(plan_hash(&shuffled), plan_hash(plan));
}

#[test]
fn meta_refuses_bad_dates_and_overlong_titles() {
    let s = healthreach::demo::weinan();
    for bad in ["2026-13-01", "2026-02-30", "01/12/2026", "tomorrow"] {
        let e = Meta::new(&s, None, None, Some(bad.into())).unwrap_err();
        assert!(e.message.contains("YYYY-MM-DD"), "{bad}: {}", e.message);
    }
    assert!(Meta::new(&s, Some("x".repeat(201)), None, None).is_err());
    let today = Meta::new(&s, None, None, None).unwrap().date;
    assert!(healthreach::publish::is_date(&today), "{today}");
}

/// A per-rule solve its own time limit stopped is explained as the range it
/// proves, with its gap, never as an exact figure.
#[test]
fn a_stopped_counterfactual_is_explained_as_a_range_with_its_gap() {
    let (s, _, p) = demo();
    let reason = p
        .reasons
        .iter()
        .flatten()
        .next()
        .expect("a decision with a reason");
    let mut cf = p
        .counterfactuals
        .iter()
        .find(|c| c.rule == reason.rule && c.cost_yuan.is_some())
        .expect("its counterfactual")
        .clone();
    let exact_en = explain::why(s, reason, Some(&cf), p.manifest.cost_yuan, Lang::En);
    assert!(!exact_en.contains("gap"), "{exact_en}");
    cf.status = Status::TimeLimit;
    cf.gap = Some(0.0125);
    let en = explain::why(s, reason, Some(&cf), p.manifest.cost_yuan, Lang::En);
    let zh = explain::why(s, reason, Some(&cf), p.manifest.cost_yuan, Lang::Zh);
    assert!(en.contains("stopped at its time limit, gap 1.25%"), "{en}");
    assert!(zh.contains("差距 1.25%"), "{zh}");
    let without = cf.cost_yuan.unwrap();
    let low = healthreach::i18n::money(Lang::En, without * (1.0 - 0.0125));
    assert!(en.contains(&low), "{en} lacks {low}");
}

#[test]
fn a_folder_holds_exactly_the_files_its_manifest_accounts_for() {
    // What replacing an earlier bundle may remove is what it consists of.
    let (s, plan, p) = demo();
    let files = bundle::folder(p, s, plan, &assets());
    let manifest: healthreach::publish::Manifest = serde_json::from_slice(
        &files
            .iter()
            .find(|f| f.path == "manifest.json")
            .unwrap()
            .bytes,
    )
    .unwrap();
    let mut written: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let mut accounted = bundle::folder_paths(&manifest);
    written.sort();
    accounted.sort();
    assert_eq!(written, accounted);
}
