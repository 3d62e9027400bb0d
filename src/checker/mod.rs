//! The independent plan checker: applies a plan to the scenario and
//! recomputes every indicator and budget from scratch — travel times,
//! coverage, ratios, service rules, caps, secondment limits, cost. It never
//! reads solver variables; "verified" means every check passed.

mod duplicates;

use crate::access::TravelTimes;
use crate::optimise::plan::model::MIN_SPECIALISTS;
use crate::plan::Plan;
use crate::rules::RuleId;
use crate::scenario::{Scenario, Specialty, Tier};
use serde::Serialize;
use std::collections::HashMap;

/// One check of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Finding {
    /// What was checked (`beds_per_1000`, `budget`, `caps`, …).
    pub rule: String,
    /// Admin unit id, facility id, or `region`.
    pub scope: String,
    /// Required value (planner's unit).
    pub required: f64,
    /// Value after the plan.
    pub achieved: f64,
    /// Whether it holds.
    pub ok: bool,
    /// A sentence for the planner (English).
    pub message: String,
    /// The same sentence in Chinese.
    #[serde(default)]
    pub message_zh: String,
}

impl Finding {
    /// The sentence in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh => &self.message_zh,
            crate::i18n::Lang::En => &self.message,
        }
    }
}

/// The checker's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// True only when every finding is ok.
    pub verified: bool,
    /// Cost of the plan (yuan), from the unit costs.
    pub cost_yuan: f64,
    /// Share of residents within the coverage threshold after the plan.
    pub coverage_share: f64,
    /// Every check, passed or not.
    pub findings: Vec<Finding>,
}

/// Tolerance of every comparison of a recomputed figure with its limit.
pub(crate) const TOL: f64 = 1e-6;

/// Where a policy rule stands after a plan, per unit it applies to (the
/// `rules` of `healthreach solve --json`).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct RuleStatus {
    /// The rule.
    pub rule: RuleId,
    /// Admin unit id, or `region`.
    pub unit: String,
    /// The target (planner's unit: a share 0–1, per 1,000, or 1 = offered).
    pub target: f64,
    /// What the plan reaches, recomputed by the checker.
    pub reached: f64,
    /// Whether the target holds.
    pub met: bool,
    /// Whether the solver reported the target as met with no room to spare.
    pub binding: bool,
}

impl Check {
    /// Every policy rule's finding, with `binding` from the solver's list
    /// of `(rule, unit)` targets met exactly.
    pub fn rules(&self, binding: &[(String, String)]) -> Vec<RuleStatus> {
        self.findings
            .iter()
            .filter_map(|f| {
                let rule = RuleId::from_key(&f.rule)?;
                Some(RuleStatus {
                    rule,
                    unit: f.scope.clone(),
                    target: f.required,
                    reached: f.achieved,
                    met: f.ok,
                    binding: binding.iter().any(|(r, u)| *r == f.rule && *u == f.scope),
                })
            })
            .collect()
    }

    /// The findings that fail.
    pub fn violations(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.ok)
    }
}

/// A finding's scope for people: `id (name)` for an admin unit or a
/// facility, `from (name) → to (name)` for a secondment, `id (name) / kind`
/// for one kind of service at a place, else as it is.
pub fn scope_label(s: &Scenario, scope: &str) -> String {
    let one = |id: &str| {
        s.admin_unit(id)
            .map(|u| u.name.as_str())
            .or_else(|| s.place_name(id))
            .map_or(id.to_string(), |name| format!("{id} ({name})"))
    };
    match (scope.split_once('→'), scope.rsplit_once('/')) {
        (Some((a, b)), _) => format!("{} → {}", one(a.trim()), one(b.trim())),
        // A rule's target for one kind of service at a place: `610502/stroke_centre`.
        (None, Some((place, kind))) => format!("{} / {kind}", one(place)),
        (None, None) => one(scope),
    }
}

/// A finding with its sentence in English and Chinese.
pub fn finding(
    rule: &str,
    scope: &str,
    (required, achieved, ok): (f64, f64, bool),
    message: String,
    message_zh: String,
) -> Finding {
    Finding {
        rule: rule.into(),
        scope: scope.into(),
        required,
        achieved,
        ok,
        message,
        message_zh,
    }
}

/// The region after a plan, recomputed from the scenario and the plan's
/// decisions alone: what each rule's independent check reads.
pub struct After<'a> {
    /// The scenario.
    pub s: &'a Scenario,
    /// Its travel times.
    pub tt: &'a TravelTimes,
    /// Per facility: its tier after upgrades.
    pub tier: Vec<Tier>,
    /// Per facility: the services it offers after the plan.
    pub services: Vec<Vec<Specialty>>,
    /// Per facility: general beds added.
    pub beds_added: Vec<f64>,
    /// Per facility: doctors taken in (posts and secondees).
    pub doctors_in: Vec<f64>,
    /// Per facility: doctors seconded away.
    pub doctors_out: Vec<f64>,
    /// Per facility: integrated medical-and-elderly-care beds added.
    pub elderly_beds_added: Vec<f64>,
    /// Per candidate site: opened.
    pub opened: Vec<bool>,
    /// Per facility: linked to a telemedicine reading centre (today or by the plan).
    pub linked: Vec<bool>,
    /// Residents within the coverage time of a service point after the plan.
    pub coverage: crate::indicators::Coverage,
}

impl After<'_> {
    /// Facilities (index, facility) of an admin unit.
    pub fn facilities_in<'b>(
        &'b self,
        unit: &'b str,
    ) -> impl Iterator<Item = (usize, &'b crate::scenario::Facility)> + 'b {
        self.s
            .facilities
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.admin_unit == unit)
    }

    /// Opened candidate sites of an admin unit.
    fn opened_in<'b>(
        &'b self,
        unit: &'b str,
    ) -> impl Iterator<Item = &'b crate::scenario::CandidateSite> + 'b {
        self.s
            .candidate_sites
            .iter()
            .zip(&self.opened)
            .filter(move |(c, o)| **o && c.admin_unit == unit)
            .map(|(c, _)| c)
    }

    /// General beds in an admin unit after the plan.
    pub fn unit_beds(&self, unit: &str) -> f64 {
        self.facilities_in(unit)
            .map(|(i, f)| f.beds + self.beds_added[i])
            .sum::<f64>()
            + self.opened_in(unit).map(|c| c.beds).sum::<f64>()
    }

    /// Doctors working in an admin unit after the plan.
    pub fn unit_doctors(&self, unit: &str) -> f64 {
        self.facilities_in(unit)
            .map(|(i, f)| f.doctors + self.doctors_in[i] - self.doctors_out[i])
            .sum::<f64>()
            + self.opened_in(unit).map(|c| c.doctors).sum::<f64>()
    }

    /// Integrated medical-and-elderly-care beds in an admin unit after the plan.
    pub fn unit_elderly_beds(&self, unit: &str) -> f64 {
        self.facilities_in(unit)
            .map(|(i, f)| f.elderly_care_beds + self.elderly_beds_added[i])
            .sum()
    }
}

/// Checks `plan` against scenario `s`; `tt` are travel times of `s` whose
/// pair table reaches every rule's threshold. The structure of the plan
/// (ids, quantities, tiers, caps, secondments, budgets) is checked here;
/// each policy rule that is on checks itself ([`crate::rules::Rule::check`])
/// on the region after the plan.
pub fn check(s: &Scenario, tt: &TravelTimes, plan: &Plan) -> Check {
    // A decision listed twice would be counted twice.
    let mut out = duplicates::duplicates(s, plan);
    let fac: HashMap<&str, usize> = s
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let site: HashMap<&str, usize> = s
        .candidate_sites
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let unknown = |id: &str, what: (&str, &str), out: &mut Vec<Finding>| {
        out.push(finding(
            "references",
            id,
            (0.0, 0.0, false),
            format!(
                "the plan refers to {} {id:?}, which is not in the scenario",
                what.0
            ),
            format!("方案引用的{} “{id}” 不在情景中", what.1),
        ));
    };
    const FACILITY: (&str, &str) = ("facility", "机构");
    let name = |i: usize| s.facilities[i].name.as_str();
    let c = &s.policy.unit_costs;
    let mut cost = 0.0;
    let n = s.facilities.len();
    let mut beds = vec![0.0; n];
    let mut elderly = vec![0.0; n];
    let mut doctors_in = vec![0.0; n];
    let mut doctors_out = vec![0.0; n];
    let mut services: Vec<Vec<Specialty>> =
        s.facilities.iter().map(|f| f.services.clone()).collect();
    let mut tier: Vec<Tier> = s.facilities.iter().map(|f| f.tier).collect();
    let mut opened = vec![false; s.candidate_sites.len()];
    let mut linked: Vec<bool> = s
        .facilities
        .iter()
        .map(|f| f.telemedicine_hub.is_some() && f.tier.links_to_telemedicine())
        .collect();

    for id in &plan.open_sites {
        match site.get(id.as_str()) {
            Some(&k) => {
                opened[k] = true;
                cost += s.candidate_sites[k].cost_yuan;
            }
            None => unknown(id, ("candidate site", "备选点"), &mut out),
        }
    }
    for id in &plan.upgrades {
        match fac.get(id.as_str()) {
            Some(&i) => match s.facilities[i]
                .expansion
                .upgrade_cost_yuan
                .filter(|_| tier[i].next().is_some())
            {
                Some(u) => {
                    cost += u;
                    tier[i] = tier[i].next().unwrap_or(tier[i]);
                }
                None => out.push(finding(
                    "caps",
                    id,
                    (0.0, 1.0, false),
                    format!(
                        "{} cannot be raised a tier (no upgrade cost in the scenario, or the top tier)",
                        name(i)
                    ),
                    format!("{} 不能升级（情景中没有升级费用，或已是最高层级）", name(i)),
                )),
            },
            None => unknown(id, FACILITY, &mut out),
        }
    }
    // Quantities must be numbers ≥ 0: a negative one would buy a target
    // with resources taken away.
    let quantity = |what: (&str, &str), scope: &str, v: f64, out: &mut Vec<Finding>| {
        if !(v.is_finite() && v >= 0.0) {
            out.push(finding(
                "quantities",
                scope,
                (0.0, v, false),
                format!("{} at {scope}: {v} (must be a number ≥ 0)", what.0),
                format!("{scope} 的{}：{v}（须为 ≥ 0 的数）", what.1),
            ));
        }
    };
    for b in &plan.beds {
        quantity(("beds added", "新增床位"), &b.facility, b.beds, &mut out);
        match fac.get(b.facility.as_str()) {
            Some(&i) => {
                beds[i] += b.beds;
                cost += c.bed_yuan * b.beds;
            }
            None => unknown(&b.facility, FACILITY, &mut out),
        }
    }
    for b in &plan.elderly_care_beds {
        quantity(
            ("integrated elderly-care beds added", "新增医养结合床位"),
            &b.facility,
            b.beds,
            &mut out,
        );
        match fac.get(b.facility.as_str()) {
            Some(&i) => {
                elderly[i] += b.beds;
                cost += c.elderly_care_bed_yuan * b.beds;
                let t = s.facilities[i].tier;
                if !t.hosts_elderly_care_beds() {
                    out.push(finding(
                        "elderly_care_tier",
                        &b.facility,
                        (0.0, b.beds, false),
                        format!(
                            "{} ({}) may not add integrated elderly-care beds (a {} may not)",
                            name(i),
                            b.facility,
                            t.key()
                        ),
                        format!(
                            "{}（{}）不能新增医养结合床位（该层级 {} 不可）",
                            name(i),
                            b.facility,
                            t.key()
                        ),
                    ));
                }
            }
            None => unknown(&b.facility, FACILITY, &mut out),
        }
    }
    for x in &plan.telemedicine_links {
        let (Some(&i), Some(&h)) = (fac.get(x.facility.as_str()), fac.get(x.hub.as_str())) else {
            unknown(
                &format!("{} → {}", x.facility, x.hub),
                ("telemedicine link between", "远程医疗连接"),
                &mut out,
            );
            continue;
        };
        cost += c.telemedicine_link_yuan;
        let (ti, th) = (s.facilities[i].tier, s.facilities[h].tier);
        if !ti.links_to_telemedicine() || !th.reads_telemedicine() {
            let (en, zh) = if !ti.links_to_telemedicine() {
                (
                    "only township and community health centres are linked",
                    "只有乡镇卫生院和社区卫生服务中心接入远程医疗",
                )
            } else {
                (
                    "only county hospitals and above read for others",
                    "只有县级及以上医院可作为远程诊断中心",
                )
            };
            out.push(finding(
                "telemedicine_tiers",
                &format!("{}→{}", x.facility, x.hub),
                (0.0, 1.0, false),
                format!(
                    "{} ({}) → {} ({}): {en}",
                    name(i),
                    ti.key(),
                    name(h),
                    th.key()
                ),
                format!(
                    "{}（{}）→ {}（{}）：{zh}",
                    name(i),
                    ti.key(),
                    name(h),
                    th.key()
                ),
            ));
        } else {
            linked[i] = true;
        }
    }
    let mut specialist_posts: HashMap<(usize, Specialty), f64> = HashMap::new();
    for p in &plan.posts {
        quantity(("doctor posts", "医师岗位"), &p.facility, p.posts, &mut out);
        match fac.get(p.facility.as_str()) {
            Some(&i) => {
                doctors_in[i] += p.posts;
                if let Some(sp) = p.specialty {
                    *specialist_posts.entry((i, sp)).or_default() += p.posts;
                }
                cost += c.specialist_post_yuan * p.posts;
            }
            None => unknown(&p.facility, FACILITY, &mut out),
        }
    }
    for o in &plan.services {
        match fac.get(o.facility.as_str()) {
            Some(&i) => {
                cost += c.opening_yuan(o.specialty);
                let t = s.facilities[i].tier;
                if !o.specialty.may_open_at(t) {
                    out.push(finding(
                        "service_tier",
                        &o.facility,
                        (0.0, 1.0, false),
                        format!(
                            "{} ({}) may not offer {} (a {} may not)",
                            name(i),
                            o.facility,
                            o.specialty.key(),
                            t.key()
                        ),
                        format!(
                            "{}（{}）不能开设 {}（该层级 {} 不可）",
                            name(i),
                            o.facility,
                            o.specialty.key(),
                            t.key()
                        ),
                    ));
                }
                let have = s.facilities[i]
                    .specialists
                    .get(&o.specialty)
                    .copied()
                    .unwrap_or(0.0)
                    + specialist_posts
                        .get(&(i, o.specialty))
                        .copied()
                        .unwrap_or(0.0);
                out.push(finding(
                    "service_staff",
                    &o.facility,
                    (MIN_SPECIALISTS, have, have + TOL >= MIN_SPECIALISTS),
                    format!(
                        "{} opens {} with {have} specialists (needs {MIN_SPECIALISTS})",
                        name(i),
                        o.specialty.key()
                    ),
                    format!(
                        "{} 开设 {}，专科医师 {have} 名（至少需 {MIN_SPECIALISTS} 名）",
                        name(i),
                        o.specialty.key()
                    ),
                ));
                if !services[i].contains(&o.specialty) {
                    services[i].push(o.specialty);
                }
            }
            None => unknown(&o.facility, FACILITY, &mut out),
        }
    }
    // Secondments: sources, travel limit, release caps, pool, one-to-one.
    let rules = &s.policy.secondment;
    let mut released: HashMap<usize, f64> = HashMap::new();
    let mut pairs: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut pool = 0.0;
    let leads = if plan.secondments.is_empty() {
        vec![]
    } else {
        s.community_leads()
    };
    for x in &plan.secondments {
        let (Some(&a), Some(&b)) = (fac.get(x.from.as_str()), fac.get(x.to.as_str())) else {
            unknown(
                &format!("{} → {}", x.from, x.to),
                ("secondment between", "对口支援"),
                &mut out,
            );
            continue;
        };
        let scope = format!("{}→{}", x.from, x.to);
        quantity(
            ("seconded doctors", "下派医师"),
            &scope,
            x.doctors,
            &mut out,
        );
        let (ta, tb) = (s.facilities[a].tier, s.facilities[b].tier);
        // 对口支援 from a tertiary or city hospital, or 县管乡用 from a
        // community's lead hospital to its own grassroots centre.
        let supports = ta.sends_secondees() && tb.receives_secondees();
        let within_community = leads.get(b).copied().flatten() == Some(a);
        if !(supports || within_community) || a == b {
            let (en, zh) = if a == b {
                (
                    "a facility cannot second doctors to itself",
                    "机构不能向自身派出医师",
                )
            } else if tb.is_grassroots_centre() && !ta.sends_secondees() {
                (
                    "only tertiary and city hospitals, and the centre's own medical community's lead hospital, send doctors to a township or community health centre",
                    "只有三级医院、市级医院和本医共体牵头医院可以向乡镇卫生院或社区卫生服务中心派出医师",
                )
            } else if !ta.sends_secondees() {
                (
                    "only tertiary and city hospitals send seconded doctors to a hospital",
                    "只有三级医院和市级医院可以向医院派出医师",
                )
            } else {
                (
                    "only county hospitals, township and community health centres receive seconded doctors",
                    "只有县级医院、乡镇卫生院和社区卫生服务中心可以接收下派医师",
                )
            };
            out.push(finding(
                "secondment_tiers",
                &scope,
                (0.0, x.doctors, false),
                format!(
                    "{} ({}) → {} ({}): {en}",
                    name(a),
                    ta.key(),
                    name(b),
                    tb.key()
                ),
                format!(
                    "{}（{}）→ {}（{}）：{zh}",
                    name(a),
                    ta.key(),
                    name(b),
                    tb.key()
                ),
            ));
        }
        pool += x.doctors;
        cost += c.secondment_yuan * x.doctors;
        doctors_in[b] += x.doctors;
        doctors_out[a] += x.doctors;
        *released.entry(a).or_default() += x.doctors;
        pairs.entry(b).or_default().push(a);
        let minutes = tt.site_to_sites(a as u32, &[b as u32])[0];
        let ok_time = minutes.is_some_and(|m| m <= rules.max_travel_minutes + 1e-6);
        let shown = |unreachable: &str| minutes.map_or(unreachable.into(), |m| format!("{m:.1}"));
        out.push(finding(
            "secondment_travel",
            &scope,
            (
                rules.max_travel_minutes,
                minutes.unwrap_or(f64::INFINITY),
                rules.enabled && ok_time,
            ),
            format!(
                "{} → {}: {} min (limit {} min{})",
                name(a),
                name(b),
                shown("unreachable"),
                rules.max_travel_minutes,
                if rules.enabled {
                    ""
                } else {
                    "; secondments are switched off"
                }
            ),
            format!(
                "{} → {}：{} 分钟（上限 {} 分钟{}）",
                name(a),
                name(b),
                shown("不可达"),
                rules.max_travel_minutes,
                if rules.enabled {
                    ""
                } else {
                    "；对口支援未启用"
                }
            ),
        ));
    }
    for (a, n) in &released {
        let f = &s.facilities[*a];
        let cap = rules.release_cap(f.tier, f.doctors);
        out.push(finding(
            "secondment_release",
            &s.facilities[*a].id,
            (cap, *n, *n <= cap + TOL),
            format!("{} releases {n} doctors (at most {cap})", name(*a)),
            format!("{} 派出 {n} 名医师（至多 {cap} 名）", name(*a)),
        ));
    }
    if let Some(limit) = s.policy.budget.doctor_pool {
        out.push(finding(
            "doctor_pool",
            "region",
            (limit, pool, pool <= limit + TOL),
            format!("{pool} doctors seconded (pool {limit})"),
            format!("共下派 {pool} 名医师（总量上限 {limit}）"),
        ));
    }
    if rules.one_to_one {
        for (b, sources) in &pairs {
            let mut u = sources.clone();
            u.sort_unstable();
            u.dedup();
            out.push(finding(
                "one_to_one",
                &s.facilities[*b].id,
                (1.0, u.len() as f64, u.len() <= 1),
                format!("{} receives from {} source(s)", name(*b), u.len()),
                format!(
                    "{} 接收来自 {} 家医院的下派医师（一对一至多 1 家）",
                    name(*b),
                    u.len()
                ),
            ));
        }
    }
    // Caps.
    for (i, f) in s.facilities.iter().enumerate() {
        if beds[i] > 0.0 {
            let ok = beds[i] <= f.expansion.max_extra_beds + TOL && beds[i].fract() == 0.0;
            out.push(finding(
                "bed_cap",
                &f.id,
                (f.expansion.max_extra_beds, beds[i], ok),
                format!(
                    "{}: {} beds added (cap {})",
                    f.name, beds[i], f.expansion.max_extra_beds
                ),
                format!(
                    "{}：新增床位 {} 张（上限 {}）",
                    f.name, beds[i], f.expansion.max_extra_beds
                ),
            ));
        }
        if elderly[i] > 0.0 {
            let cap = f.expansion.max_extra_elderly_care_beds;
            let ok = elderly[i] <= cap + TOL && elderly[i].fract() == 0.0;
            out.push(finding(
                "elderly_care_bed_cap",
                &f.id,
                (cap, elderly[i], ok),
                format!(
                    "{}: {} integrated elderly-care beds added (cap {cap})",
                    f.name, elderly[i]
                ),
                format!(
                    "{}：新增医养结合床位 {} 张（上限 {cap}）",
                    f.name, elderly[i]
                ),
            ));
        }
        if doctors_in[i] > 0.0 {
            let ok = doctors_in[i] <= f.expansion.max_extra_doctors + TOL;
            out.push(finding(
                "doctor_cap",
                &f.id,
                (f.expansion.max_extra_doctors, doctors_in[i], ok),
                format!(
                    "{}: takes in {} doctors (cap {})",
                    f.name, doctors_in[i], f.expansion.max_extra_doctors
                ),
                format!(
                    "{}：接收医师 {} 名（上限 {}）",
                    f.name, doctors_in[i], f.expansion.max_extra_doctors
                ),
            ));
        }
    }
    // Coverage, recomputed from travel times over the plan's service points.
    let counts = |t: Tier| s.policy.coverage.service_point_tiers.contains(&t);
    let nf = s.facilities.len() as u32;
    let points: Vec<u32> = (0..s.facilities.len())
        .filter(|&i| counts(tier[i]))
        .map(|i| i as u32)
        .chain(
            (0..s.candidate_sites.len())
                .filter(|&k| opened[k] && counts(s.candidate_sites[k].tier))
                .map(|k| nf + k as u32),
        )
        .collect();
    let near = crate::indicators::nearest_minutes(tt, &points);
    let coverage = crate::indicators::coverage_within(s, &near, s.policy.coverage.minutes);
    let after = After {
        s,
        tt,
        tier,
        services,
        beds_added: beds,
        doctors_in,
        doctors_out,
        elderly_beds_added: elderly,
        opened,
        linked,
        coverage,
    };
    for rule in crate::rules::on(&s.policy) {
        rule.check(&after, &mut out);
    }
    if let Some(money) = s.policy.budget.money_yuan {
        out.push(finding(
            "budget",
            "region",
            (money, cost, cost <= money * (1.0 + 1e-9) + TOL),
            format!("cost {cost:.0} yuan (budget {money:.0})"),
            format!("费用 {cost:.0} 元（预算 {money:.0}）"),
        ));
    }
    Check {
        verified: out.iter().all(|f| f.ok),
        cost_yuan: cost,
        coverage_share: after.coverage.share,
        findings: out,
    }
}
