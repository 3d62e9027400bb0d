//! **Doctors at every grassroots centre** (县管乡用): each township and
//! community health centre has at least the target number of doctors,
//! counting the doctors its county medical community's lead hospital
//! seconds to it:
//!
//!   doctors_c + Σ second_(lead(c), c) + posts_c ≥ target
//!   for every centre c with fewer than the target today,
//!
//! where `second_(lead(c), c)` are whole doctors the centre's lead hospital
//! ([`Scenario::community_lead_of`]) lends it within the secondment travel
//! limit and its own room (`max_extra_doctors`), all of the lead's
//! secondments together at most ⌊`lead_release_share` × its doctors⌋, at
//! `secondment_yuan` each, and `posts_c`, general posts of the centre's unit
//! placed there. In the model only these count (the specialists of a
//! service opened there, and 对口支援 from tertiary hospitals, placed per
//! unit after the solve, do not); the check counts every doctor the plan
//! puts there, so the model is the stricter of the two. A centre with no community lead cannot be helped
//! by the model: below the target it is reported as a shortfall.

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::rules::Target;
use crate::scenario::{Policy, Scenario};
use crate::validate::limits::DOCTORS_PER_CENTRE;
use crate::view::policy_form::{number, opt, Field};
use good_lp::Expression;

/// The rule.
pub struct GrassrootsDoctors;

/// The centres the rule applies to (township and community health centres).
fn centres(s: &Scenario) -> impl Iterator<Item = usize> + '_ {
    (0..s.facilities.len()).filter(|&i| s.facilities[i].tier.is_grassroots_centre())
}

impl Rule for GrassrootsDoctors {
    fn id(&self) -> RuleId {
        RuleId::GrassrootsDoctors
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.ratios.doctors_per_grassroots_centre.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.ratios.doctors_per_grassroots_centre = None;
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        if let Some(v) = p.ratios.doctors_per_grassroots_centre {
            crate::validate::numbers::check_value(
                || "$.policy.ratios.doctors_per_grassroots_centre".into(),
                v,
                &DOCTORS_PER_CENTRE,
                out,
            );
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, v) = (m.s, m.v);
        let Some(t) = s.policy.ratios.doctors_per_grassroots_centre else {
            return Rows::default();
        };
        let targets = centres(s)
            .filter(|&c| s.facilities[c].doctors + TOL < t)
            .map(|c| {
                // The specialists of a service opened at the centre are not
                // credited here: counting them couples the target to the
                // service decisions, and HiGHS then needs 98 nodes instead
                // of 1 on the demo (1.4 s against 0.35 s). The check counts
                // them, so a plan is at worst a few secondees dearer.
                let mut lhs = Expression::from(s.facilities[c].doctors);
                lhs += v.centre_doctors_added(c);
                Target {
                    rule: RuleId::GrassrootsDoctors,
                    scope: s.facilities[c].id.clone(),
                    lhs,
                    rhs: t,
                    display_scale: 1.0,
                    display_target: t,
                }
            })
            .collect();
        Rows {
            targets,
            links: vec![],
        }
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let Some(t) = a.s.policy.ratios.doctors_per_grassroots_centre else {
            return;
        };
        for c in centres(a.s) {
            let f = &a.s.facilities[c];
            // The tier after the plan: a centre raised to a county hospital
            // is no longer a grassroots centre.
            if !a.tier[c].is_grassroots_centre() {
                continue;
            }
            let n = f.doctors + a.doctors_in[c] - a.doctors_out[c];
            out.push(finding(
                RuleId::GrassrootsDoctors.key(),
                &f.id,
                (t, n, n + TOL >= t),
                format!("{} has {n} doctors (target {t})", f.name),
                format!("{} 有医师 {n} 名（目标 {t} 名）", f.name),
            ));
        }
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "每个乡镇卫生院（社区卫生服务中心）医师数".into(),
            Lang::En => "Doctors at every township and community health centre".into(),
        }
    }
    fn definition(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "每个乡镇卫生院和社区卫生服务中心的执业（助理）医师数，含本医共体牵头医院下派（县管乡用）及其他下派医师；目标对每个中心分别适用。".into(),
            Lang::En => "Licensed doctors at each township and community health centre, counting those its county medical community's lead hospital seconds to it (county-managed, township-used) and any other secondees; the target applies to every centre separately.".into(),
        }
    }
    fn figure(&self, value: f64) -> String {
        format!("{value:.0}")
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let (t, r) = (sf.target, sf.reachable);
        match lang {
            Lang::En => format!(
                "{place} doctors: target {t:.0}, best reachable {r:.0} with its community lead hospital's secondees (release share, travel limit, the centre's room)"
            ),
            Lang::Zh => format!(
                "{place} 医师数：目标 {t:.0} 名，依靠本医共体牵头医院下派（派出比例、路程上限与本中心可接收人数内）最多可达 {r:.0} 名"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
}

const FIELDS: &[Field] = &[Field {
    key: "doctors_per_grassroots_centre",
    path: "$.policy.ratios.doctors_per_grassroots_centre",
    unit: "doctors_per_centre",
    kind: number(&DOCTORS_PER_CENTRE, 1.0, true),
    get: |p| opt(p.ratios.doctors_per_grassroots_centre),
    put: |p, v, _| p.ratios.doctors_per_grassroots_centre = v,
}];
