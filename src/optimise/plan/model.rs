//! The decision variables of the plan model and the expressions built from
//! them (beds and doctors per unit, cost), plus the structural constraints
//! (capacities, secondment rules).

use crate::access::TravelTimes;
use crate::scenario::{Scenario, Specialty, Tier};
use good_lp::{constraint, variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::BTreeMap;

/// Specialist posts created with every service opened (persons).
pub const MIN_SPECIALISTS: f64 = 2.0;

/// A secondment variable: doctors from source `from` to the target
/// facilities of admin unit `unit` that lie within the travel limit.
/// Secondments are decided per (source, unit) — the ratio targets are per
/// unit and the cost per doctor is uniform, so this loses nothing but
/// symmetry — and placed at facilities afterwards ([`super::place`]).
pub struct SecondVar {
    /// Source facility index.
    pub from: usize,
    /// Target admin unit id.
    pub unit: String,
    /// Target facilities in the unit reachable within the limit, with minutes.
    pub reachable: Vec<(usize, f64)>,
    /// Doctors (integer).
    pub var: Variable,
    /// Doctors to each reachable facility, parallel to `reachable`:
    /// continuous shares of `var` (`var` itself when one is reachable), so
    /// that every facility's room holds for all sources together. With
    /// whole caps the shares can always be made whole (a transportation
    /// problem), which [`super::place`] does.
    pub to: Vec<Variable>,
    /// A lead hospital's secondment to one of its own community's
    /// grassroots centres (县管乡用): `reachable` is that one centre.
    pub community: bool,
}

/// Every decision variable, indexed by what it decides.
pub struct Vars {
    /// Per candidate site: open it (binary).
    pub open: Vec<Variable>,
    /// Per facility: raise it a tier (binary), where it can be raised.
    pub upgrade: Vec<Option<Variable>>,
    /// Per facility: general beds added there (integer, within its cap).
    pub beds_at: Vec<Option<Variable>>,
    /// Per admin unit: general doctor posts (integer) over its facilities.
    pub posts: Vec<Option<Variable>>,
    /// Specialty services that may be opened: (facility, specialty) → binary.
    pub service: BTreeMap<(usize, Specialty), Variable>,
    /// Secondments.
    pub second: Vec<SecondVar>,
    /// Per zone: covered today by an existing service point within T.
    pub covered_now: Vec<bool>,
    /// Per zone: the open/upgrade variables that would cover it.
    pub coverers: Vec<Vec<Variable>>,
    /// Per facility: integrated medical-and-elderly-care beds added
    /// (integer), where the elderly-care rule is on and the facility may
    /// hold them.
    pub elderly_beds: Vec<Option<Variable>>,
    /// Per facility: general posts of its unit placed at this grassroots
    /// centre (integer), where the grassroots-doctors rule is on and the
    /// centre is below its target; part of the unit's `posts`.
    pub centre_posts: Vec<Option<Variable>>,
    /// Per facility: give it its first inpatient beds (binary: at least
    /// enough beds added there to reach the inpatient-access rule's
    /// `min_beds`), where that rule is on and it has fewer today.
    pub inpatient: Vec<Option<Variable>>,
    /// Per facility: link it to a telemedicine reading centre (binary),
    /// where a rule that is on counts links and it is not linked today.
    pub links: Vec<Option<Variable>>,
    /// With one-to-one pairing (一对一): (source, target facility) → binary,
    /// this source is the target's one partner.
    pub pairs: BTreeMap<(usize, usize), Variable>,
    /// Beds, posts and secondees are whole numbers in the model (declared
    /// integer, or continuous with whole caps and targets and checked whole
    /// after the solve); otherwise continuous and rounded by [`super::place`].
    pub whole: bool,
    /// The facilities of each admin unit (indices, by the unit's index):
    /// per-unit sums read these instead of scanning every facility.
    pub by_unit: Vec<Vec<usize>>,
}

/// Whether beds, posts and secondees are whole numbers in the model.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whole {
    /// Continuous, rounded afterwards by `place`.
    No,
    /// Continuous with whole caps and targets: whole when the solution is.
    Caps,
    /// Integer variables.
    Declared,
}

impl Vars {
    /// Creates the variables for scenario `s` with travel times `tt` (whose
    /// pair table must reach the coverage and paediatric thresholds).
    pub fn new(s: &Scenario, tt: &TravelTimes, vars: &mut ProblemVariables) -> Vars {
        Vars::build(s, tt, vars, false, Whole::No)
    }

    /// Like [`Vars::new`], with beds, posts and secondees as whole numbers
    /// (each facility's cap rounded down, so a unit's total always fits);
    /// `declared` says whether the solver is told they are integers, or they
    /// are continuous with whole-number caps (and whole-number targets,
    /// see `plan::round_up_whole_targets`), which is the same model when
    /// the solution comes out whole.
    pub fn whole(
        s: &Scenario,
        tt: &TravelTimes,
        vars: &mut ProblemVariables,
        declared: bool,
    ) -> Vars {
        Vars::build(
            s,
            tt,
            vars,
            false,
            if declared {
                Whole::Declared
            } else {
                Whole::Caps
            },
        )
    }

    /// Like [`Vars::new`], with every yes/no decision relaxed to [0, 1]
    /// (the LP relaxation, used for bounds and to seed an incumbent).
    pub fn relaxed(s: &Scenario, tt: &TravelTimes, vars: &mut ProblemVariables) -> Vars {
        Vars::build(s, tt, vars, true, Whole::No)
    }

    /// The yes/no decisions in a fixed order (the same for the exact and
    /// the relaxed model).
    pub fn choices(&self) -> Vec<Variable> {
        let mut out = self.open.clone();
        out.extend(self.upgrade.iter().flatten());
        out.extend(self.service.values());
        out.extend(self.links.iter().flatten());
        out.extend(self.inpatient.iter().flatten());
        out
    }

    fn build(
        s: &Scenario,
        tt: &TravelTimes,
        vars: &mut ProblemVariables,
        relax: bool,
        whole: Whole,
    ) -> Vars {
        let binary = || {
            if relax {
                variable().min(0.0).max(1.0)
            } else {
                variable().binary()
            }
        };
        // A quantity in [0, cap]: integer, or continuous with a whole cap, or continuous.
        let quantity = |cap: f64| match whole {
            Whole::Declared => variable().integer().min(0).max(cap.floor()),
            Whole::Caps => variable().min(0).max(cap.floor()),
            Whole::No => variable().min(0).max(cap),
        };
        let room = |x: f64| if whole == Whole::No { x } else { x.floor() };
        let nf = s.facilities.len();
        let policy = &s.policy;
        let by_unit = facilities_by_unit(s);
        let mut unit_of = vec![None; nf];
        for (k, members) in by_unit.iter().enumerate() {
            for &i in members {
                unit_of[i] = Some(k);
            }
        }
        let open: Vec<Variable> = s
            .candidate_sites
            .iter()
            .map(|_| vars.add(binary()))
            .collect();
        let counts = |t: Tier| policy.coverage.service_point_tiers.contains(&t);
        let upgrade: Vec<Option<Variable>> = s
            .facilities
            .iter()
            .map(|f| {
                let useful = !counts(f.tier) && f.tier.next().is_some_and(counts);
                (f.expansion.upgrade_cost_yuan.is_some() && useful).then(|| vars.add(binary()))
            })
            .collect();
        // General beds are decided per facility, within its cap: where they
        // go matters to inpatient access and to where residents are treated.
        let beds_at: Vec<Option<Variable>> = s
            .facilities
            .iter()
            .map(|f| {
                let cap = room(f.expansion.max_extra_beds);
                (cap >= 1.0).then(|| vars.add(quantity(cap)))
            })
            .collect();
        // Posts are decided per unit: uniform unit costs make the facility
        // within a unit irrelevant except for its cap.
        let unit_cap = |k: usize, f: &dyn Fn(&crate::scenario::Facility) -> f64| -> f64 {
            by_unit[k].iter().map(|&i| f(&s.facilities[i])).sum()
        };
        let posts: Vec<Option<Variable>> = s
            .admin_units
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let cap = unit_cap(k, &|f| room(f.expansion.max_extra_doctors));
                (cap >= 1.0).then(|| vars.add(quantity(cap)))
            })
            .collect();

        // Services: only where a rule that is on can use them.
        let mut service = BTreeMap::new();
        for rule in crate::rules::on(policy) {
            for key in rule.services_wanted(s, tt) {
                service.entry(key).or_insert_with(|| vars.add(binary()));
            }
        }

        // Integrated elderly-care beds, per facility that may hold them.
        let elderly_on = crate::rules::RuleId::ElderlyCareBeds.is_on(policy);
        let elderly_beds = s
            .facilities
            .iter()
            .map(|f| {
                let cap = room(f.expansion.max_extra_elderly_care_beds);
                (elderly_on && f.tier.hosts_elderly_care_beds() && cap >= 1.0)
                    .then(|| vars.add(quantity(cap)))
            })
            .collect();

        // Telemedicine links, where a rule counts them.
        let links_count = crate::rules::on(policy).any(|r| r.counts_telemedicine_links(policy));
        let hubs = if links_count {
            s.telemedicine_hubs()
        } else {
            vec![]
        };
        let links = (0..nf)
            .map(|i| {
                let f = &s.facilities[i];
                (links_count
                    && f.tier.links_to_telemedicine()
                    && f.telemedicine_hub.is_none()
                    && hubs[i].is_some())
                .then(|| vars.add(binary()))
            })
            .collect();

        // Coverage today and who could cover the rest.
        let limit = policy.coverage.minutes as f32;
        let mut covered_now = vec![false; s.zones.len()];
        let mut coverers = vec![Vec::new(); s.zones.len()];
        for (z, row) in tt.pairs.iter().enumerate() {
            for &(j, m) in row {
                if m > limit {
                    break;
                }
                let j = j as usize;
                if j < nf {
                    if counts(s.facilities[j].tier) {
                        covered_now[z] = true;
                    } else if let Some(u) = upgrade[j] {
                        coverers[z].push(u);
                    }
                } else if counts(s.candidate_sites[j - nf].tier) {
                    coverers[z].push(open[j - nf]);
                }
            }
        }

        // Secondments: sources release a share of their doctors to targets
        // within the travel limit.
        let mut second = Vec::new();
        if policy.secondment.enabled {
            let targets: Vec<u32> = s
                .facilities
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    f.tier.receives_secondees() && f.expansion.max_extra_doctors >= 1.0
                })
                .map(|(i, _)| i as u32)
                .collect();
            for (a, f) in s.facilities.iter().enumerate() {
                let release = policy.secondment.release_cap(f.tier, f.doctors);
                if !f.tier.sends_secondees() || release < 1.0 {
                    continue;
                }
                let times = tt.site_to_sites(a as u32, &targets);
                let mut by_unit: BTreeMap<&str, Vec<(usize, f64)>> = BTreeMap::new();
                for (&b, m) in targets.iter().zip(times) {
                    if let Some(m) = m.filter(|m| *m <= policy.secondment.max_travel_minutes) {
                        by_unit
                            .entry(s.facilities[b as usize].admin_unit.as_str())
                            .or_default()
                            .push((b as usize, m));
                    }
                }
                for (unit, reachable) in by_unit {
                    let cap: f64 = reachable
                        .iter()
                        .map(|(b, _)| room(s.facilities[*b].expansion.max_extra_doctors))
                        .sum::<f64>()
                        .min(release);
                    let var = vars.add(quantity(cap));
                    let to = if reachable.len() == 1 {
                        vec![var]
                    } else {
                        reachable
                            .iter()
                            .map(|(b, _)| {
                                let most = room(s.facilities[*b].expansion.max_extra_doctors);
                                vars.add(variable().min(0).max(most.min(cap)))
                            })
                            .collect()
                    };
                    second.push(SecondVar {
                        from: a,
                        unit: unit.to_string(),
                        reachable,
                        var,
                        to,
                        community: false,
                    });
                }
            }
            // 县管乡用: each grassroots centre may take in doctors from its
            // own community's lead hospital, within the travel limit. Only
            // where that can serve a target: a centre below the
            // centre-doctors target, or one outside its lead's unit (moving
            // doctors between units); within a unit the per-unit ratios do
            // not change, so elsewhere the variable could only add cost.
            let centre_target = policy.ratios.doctors_per_grassroots_centre;
            let leads = s.community_leads();
            for (b, f) in s.facilities.iter().enumerate() {
                let Some(a) = leads[b] else {
                    continue;
                };
                let lead = &s.facilities[a];
                let below = centre_target.is_some_and(|t| f.doctors < t);
                if !below && lead.admin_unit == f.admin_unit {
                    continue;
                }
                let cap = room(f.expansion.max_extra_doctors)
                    .min(policy.secondment.release_cap(lead.tier, lead.doctors));
                if cap < 1.0 {
                    continue;
                }
                let minutes = tt.site_to_sites(a as u32, &[b as u32])[0];
                let Some(m) = minutes.filter(|m| *m <= policy.secondment.max_travel_minutes) else {
                    continue;
                };
                let var = vars.add(quantity(cap));
                second.push(SecondVar {
                    from: a,
                    unit: f.admin_unit.clone(),
                    reachable: vec![(b, m)],
                    var,
                    to: vec![var],
                    community: true,
                });
            }
        }
        let mut pairs = BTreeMap::new();
        if policy.secondment.one_to_one {
            for x in &second {
                for (b, _) in &x.reachable {
                    pairs
                        .entry((x.from, *b))
                        .or_insert_with(|| vars.add(binary()));
                }
            }
        }

        // General posts at a grassroots centre below the doctors target.
        let centre_posts = s
            .facilities
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let below = policy
                    .ratios
                    .doctors_per_grassroots_centre
                    .is_some_and(|t| f.doctors < t);
                let cap = room(f.expansion.max_extra_doctors);
                let unit_posts = unit_of[i]
                    .and_then(|k| posts.get(k).copied().flatten())
                    .is_some();
                (below && f.tier.is_grassroots_centre() && cap >= 1.0 && unit_posts)
                    .then(|| vars.add(quantity(cap)))
            })
            .collect();

        // First inpatient beds, where the inpatient-access rule is on.
        let inpatient = s
            .facilities
            .iter()
            .zip(&beds_at)
            .map(|(f, at)| {
                let rule = policy.services.inpatient_access.as_ref()?;
                let short = rule.min_beds - f.beds;
                (f.tier.holds_inpatient_beds()
                    && short > 0.0
                    && short <= room(f.expansion.max_extra_beds)
                    && at.is_some())
                .then(|| vars.add(binary()))
            })
            .collect();

        Vars {
            open,
            upgrade,
            beds_at,
            inpatient,
            posts,
            centre_posts,
            service,
            second,
            pairs,
            covered_now,
            coverers,
            elderly_beds,
            links,
            whole: whole != Whole::No,
            by_unit,
        }
    }

    /// A readable name for each decision variable: what it decides, where
    /// (`beds(F12)`, `posts(U3)`, `second(F1,U3)`, `open(S7)`…).
    pub fn names(&self, s: &Scenario) -> Vec<(Variable, String)> {
        let fac = |i: usize| s.facilities[i].id.as_str();
        let mut out = Vec::new();
        for (k, v) in self.open.iter().enumerate() {
            out.push((*v, format!("open({})", s.candidate_sites[k].id)));
        }
        let per_facility = [
            ("upgrade", &self.upgrade),
            ("beds", &self.beds_at),
            ("elderly_beds", &self.elderly_beds),
            ("centre_posts", &self.centre_posts),
            ("first_beds", &self.inpatient),
            ("telemedicine", &self.links),
        ];
        for (what, vars) in per_facility {
            for (i, v) in vars.iter().enumerate() {
                if let Some(v) = v {
                    out.push((*v, format!("{what}({})", fac(i))));
                }
            }
        }
        for (k, v) in self.posts.iter().enumerate() {
            if let Some(v) = v {
                out.push((*v, format!("posts({})", s.admin_units[k].id)));
            }
        }
        for ((i, sp), v) in &self.service {
            out.push((*v, format!("service({},{})", fac(*i), sp.key())));
        }
        for x in &self.second {
            let kind = if x.community { "second_lead" } else { "second" };
            out.push((x.var, format!("{kind}({},{})", fac(x.from), x.unit)));
            if x.to.len() > 1 {
                for ((b, _), t) in x.reachable.iter().zip(&x.to) {
                    out.push((*t, format!("second_to({},{})", fac(x.from), fac(*b))));
                }
            }
        }
        for ((a, b), y) in &self.pairs {
            out.push((*y, format!("pair({},{})", fac(*a), fac(*b))));
        }
        out
    }

    /// Doctors a grassroots centre takes in from its community's lead
    /// hospital (县管乡用) and from its unit's general posts placed there.
    pub fn centre_doctors_added(&self, f: usize) -> Expression {
        let mut e: Expression = self
            .second
            .iter()
            .filter(|x| x.community && x.reachable[0].0 == f)
            .map(|x| x.var)
            .sum();
        if let Some(p) = self.centre_posts[f] {
            e += p;
        }
        e
    }

    /// Beds facility `f` needs to become an inpatient one (0 when the
    /// inpatient-access rule is off or it has enough).
    pub fn first_beds(&self, s: &Scenario, f: &crate::scenario::Facility) -> f64 {
        s.policy
            .services
            .inpatient_access
            .as_ref()
            .map_or(0.0, |r| (r.min_beds - f.beds).max(0.0))
    }

    /// Specialists a facility takes in with the services opened there.
    pub fn specialists_in(&self, f: usize) -> Expression {
        let mut e = Expression::from(0.0);
        for ((i, _), v) in self.service.range((f, Specialty::Paediatrics)..) {
            if *i != f {
                break;
            }
            e += MIN_SPECIALISTS * *v;
        }
        e
    }

    /// A cap as the model holds it: whole when beds, posts and secondees are.
    fn room(&self, cap: f64) -> f64 {
        if self.whole {
            cap.floor()
        } else {
            cap
        }
    }

    fn unit_index(s: &Scenario, unit: &str) -> Option<usize> {
        s.admin_units.iter().position(|u| u.id == unit)
    }

    /// The facilities of an admin unit (indices).
    fn facilities_of(&self, s: &Scenario, unit: &str) -> &[usize] {
        Self::unit_index(s, unit)
            .and_then(|k| self.by_unit.get(k))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether facility `f` has any service decision.
    fn has_service(&self, f: usize) -> bool {
        self.service
            .range((f, Specialty::Paediatrics)..)
            .next()
            .is_some_and(|((i, _), _)| *i == f)
    }

    /// Beds in an admin unit after the plan.
    pub fn beds_in_unit(&self, s: &Scenario, unit: &str) -> Expression {
        let mut e = Expression::from(0.0);
        for &i in self.facilities_of(s, unit) {
            e += s.facilities[i].beds;
            if let Some(v) = self.beds_at[i] {
                e += v;
            }
        }
        for (k, c) in s.candidate_sites.iter().enumerate() {
            if c.admin_unit == unit {
                e += c.beds * self.open[k];
            }
        }
        e
    }

    /// Doctors in an admin unit after the plan (secondees counted at the target).
    pub fn doctors_in_unit(&self, s: &Scenario, unit: &str) -> Expression {
        let mut e = Expression::from(0.0);
        for &i in self.facilities_of(s, unit) {
            e += s.facilities[i].doctors;
            e += self.specialists_in(i);
        }
        if let Some(v) = Self::unit_index(s, unit).and_then(|k| self.posts[k]) {
            e += v;
        }
        for x in &self.second {
            if x.unit == unit {
                e += x.var;
            }
            if s.facilities[x.from].admin_unit == unit {
                e -= x.var;
            }
        }
        for (k, c) in s.candidate_sites.iter().enumerate() {
            if c.admin_unit == unit {
                e += c.doctors * self.open[k];
            }
        }
        e
    }

    /// Total cost of the plan (yuan).
    pub fn cost(&self, s: &Scenario) -> Expression {
        let c = &s.policy.unit_costs;
        let mut e = Expression::from(0.0);
        for v in self.beds_at.iter().flatten() {
            e += c.bed_yuan * *v;
        }
        for v in self.posts.iter().flatten() {
            e += c.specialist_post_yuan * *v;
        }
        for v in self.elderly_beds.iter().flatten() {
            e += c.elderly_care_bed_yuan * *v;
        }
        for v in self.links.iter().flatten() {
            e += c.telemedicine_link_yuan * *v;
        }
        for (i, f) in s.facilities.iter().enumerate() {
            if let (Some(v), Some(cost)) = (self.upgrade[i], f.expansion.upgrade_cost_yuan) {
                e += cost * v;
            }
        }
        for ((_, sp), v) in &self.service {
            e += (c.opening_yuan(*sp) + MIN_SPECIALISTS * c.specialist_post_yuan) * *v;
        }
        for x in &self.second {
            e += c.secondment_yuan * x.var;
        }
        for (k, site) in s.candidate_sites.iter().enumerate() {
            e += site.cost_yuan * self.open[k];
        }
        e
    }

    /// Capacities and secondment rules.
    ///
    /// Per facility: specialists of opened services + posts placed there +
    /// secondees from every source ≤ its doctor cap; each secondment's
    /// shares add up to it; with one-to-one pairing, shares only to a
    /// partner and at most one partner per target.
    /// Per unit: posts + specialists + secondees ≤ Σ doctor caps of its facilities.
    /// Per source: Σ secondees ≤ ⌊release share × doctors⌋ (the tier's share).
    /// Per grassroots centre with services, secondees from its lead or
    /// posts placed there: specialists + those ≤ its doctor cap.
    /// Per unit: posts placed at its centres ≤ its posts. Per facility
    /// given its first inpatient beds: beds added ≥ those it needs.
    pub fn structure(&self, s: &Scenario) -> Vec<(String, Constraint)> {
        let mut out = Vec::new();
        // Each facility's room: specialists of its services, posts placed
        // there and secondees from every source together.
        let mut takes = vec![Expression::from(0.0); s.facilities.len()];
        let mut decided = vec![false; s.facilities.len()];
        for x in &self.second {
            for ((b, _), t) in x.reachable.iter().zip(&x.to) {
                takes[*b] += *t;
                decided[*b] = true;
            }
            if x.to.len() > 1 {
                let shares: Expression = x.to.iter().copied().sum();
                out.push((
                    format!("shares({},{})", s.facilities[x.from].id, x.unit),
                    constraint!(shares == x.var),
                ));
            }
            for ((b, _), t) in x.reachable.iter().zip(&x.to) {
                if let Some(y) = self.pairs.get(&(x.from, *b)) {
                    let most = self.room(s.facilities[*b].expansion.max_extra_doctors);
                    out.push((
                        format!(
                            "partner({},{})",
                            s.facilities[x.from].id, s.facilities[*b].id
                        ),
                        constraint!(*t <= most * *y),
                    ));
                }
            }
        }
        let mut partners: BTreeMap<usize, Expression> = BTreeMap::new();
        for ((_, b), y) in &self.pairs {
            *partners.entry(*b).or_insert_with(|| Expression::from(0.0)) += *y;
        }
        for (b, e) in partners {
            out.push((
                format!("one_partner({})", s.facilities[b].id),
                constraint!(e <= 1.0),
            ));
        }
        for (i, f) in s.facilities.iter().enumerate() {
            if let Some(p) = self.centre_posts[i] {
                takes[i] += p;
                decided[i] = true;
            }
            if decided[i] || self.has_service(i) {
                let e = std::mem::take(&mut takes[i]) + self.specialists_in(i);
                out.push((
                    format!("doctor_room({})", f.id),
                    constraint!(e <= self.room(f.expansion.max_extra_doctors)),
                ));
            }
        }
        for (i, f) in s.facilities.iter().enumerate() {
            if let (Some(b), Some(y)) = (self.beds_at[i], self.inpatient[i]) {
                out.push((
                    format!("first_beds({})", f.id),
                    constraint!(b >= self.first_beds(s, f) * y),
                ));
            }
        }
        for (k, u) in s.admin_units.iter().enumerate() {
            let members = self.by_unit.get(k).map_or(&[][..], Vec::as_slice);
            if let Some(p) = self.posts[k] {
                let placed: Expression = members.iter().filter_map(|&i| self.centre_posts[i]).sum();
                if self.centre_posts.iter().any(Option::is_some) {
                    out.push((format!("centre_posts({})", u.id), constraint!(placed <= p)));
                }
            }
            let mut takes_in = Expression::from(0.0);
            let mut any = false;
            if let Some(p) = self.posts[k] {
                takes_in += p;
                any = true;
            }
            for &i in members {
                takes_in += self.specialists_in(i);
            }
            for x in self.second.iter().filter(|x| x.unit == u.id) {
                takes_in += x.var;
                any = true;
            }
            if any {
                let cap: f64 = members
                    .iter()
                    .map(|&i| s.facilities[i].expansion.max_extra_doctors)
                    .sum();
                out.push((
                    format!("unit_doctor_room({})", u.id),
                    constraint!(takes_in <= cap),
                ));
            }
        }
        let policy = &s.policy.secondment;
        let mut sources: Vec<usize> = self.second.iter().map(|x| x.from).collect();
        sources.sort_unstable();
        sources.dedup();
        for a in sources {
            let f = &s.facilities[a];
            let release = policy.release_cap(f.tier, f.doctors);
            let out_of_a: Expression = self
                .second
                .iter()
                .filter(|x| x.from == a)
                .map(|x| x.var)
                .sum();
            out.push((
                format!("release({})", f.id),
                constraint!(out_of_a <= release),
            ));
        }
        out
    }
}

/// The facilities of each admin unit (indices, by the unit's index, in
/// facility order); a facility naming no known unit is in none.
pub(crate) fn facilities_by_unit(s: &Scenario) -> Vec<Vec<usize>> {
    let index: std::collections::HashMap<&str, usize> = s
        .admin_units
        .iter()
        .enumerate()
        .map(|(k, u)| (u.id.as_str(), k))
        .collect();
    let mut out = vec![Vec::new(); s.admin_units.len()];
    for (i, f) in s.facilities.iter().enumerate() {
        if let Some(&k) = index.get(f.admin_unit.as_str()) {
            out[k].push(i);
        }
    }
    out
}
