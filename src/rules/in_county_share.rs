//! **Estimated in-county treatment share** (县域内就诊率), at least the
//! target in every admin unit. The share is an *estimate* of the Huff
//! patient-choice model ([`crate::indicators::patient_choice`]): the share
//! of inpatient choices of a unit's residents that fall on facilities of
//! their own unit, with attractiveness w_tier × beds and decay
//! max(t, t₀)^(−λ) within `max_minutes`. Never a measurement.
//!
//! The share is not linear in the decisions, so the model holds a
//! **conservative linear bound** of it, and any plan it returns meets the
//! estimated target exactly as the checker recomputes it. Per zone z, with
//! N the attraction of its own unit's sites within reach and G that of all
//! of them, s = N / G today. A decision adds attraction y_in inside the
//! unit (its sites opened, facilities raised a tier, beds added) or y_out
//! outside it. s(y_in, y_out) = (N + y_in) / (G + y_in + y_out) is concave
//! in y_in and convex in y_out, so
//!
//!   s ≥ s₀ + y_in · (s(Y, 0) − s₀) / Y − y_out · h,
//!
//! with Y the most in-unit attraction any plan adds (the chord lies below
//! a concave curve) and h = max over y_in ≥ 0 of (N + y_in) / (G + y_in)²
//! (= 1 / (4 (G − N)) when G > 2N, else N / G²; the tangent of a convex
//! curve lies below it). Beds are decided per facility: a bed inside the
//! unit counts at its facility's tier weight today (raising the tier only
//! adds), and Y takes every facility at its cap and highest weight; a bed
//! outside counts at the most its facility may weigh. Zones that reach no
//! bedded site today count in the unit's denominator with share 0 when a
//! decision could reach them. Hence the bound may cost more than the least
//! needed; it is never optimistic. It needs stay weights that do not fall
//! with tier (validated).

use super::{ModelInput, Rows, Rule, RuleId, Shortfall};
use crate::checker::{finding, After, Finding, TOL};
use crate::diagnostics::Problem;
use crate::i18n::Lang;
use crate::optimise::plan::rules::Target;
use crate::scenario::{PatientChoice, Policy, Scenario, Tier};
use crate::validate::limits::SHARE;
use crate::view::policy_form::{num, number, Field};
use good_lp::{Expression, Variable};
use std::collections::HashMap;

/// The rule.
pub struct InCountyShare;

fn decay(m: &PatientChoice, minutes: f32) -> f64 {
    f64::from(minutes).max(m.floor_minutes).powf(-m.decay_power)
}

/// The most a bed at facility `f` may weigh after the plan (a raised tier
/// counts at the next tier's weight).
fn top_weight(m: &PatientChoice, s: &Scenario, f: usize, can_rise: bool) -> f64 {
    let t = s.facilities[f].tier;
    let next = t
        .next()
        .filter(|_| can_rise)
        .map_or(0.0, |n| m.stay_weights.of(n));
    m.stay_weights.of(t).max(next)
}

/// One zone's Huff terms today and what decisions could add.
struct ZoneTerms {
    pop: f64,
    /// Attraction of its own unit's sites within reach.
    n: f64,
    /// Attraction of all sites within reach.
    g: f64,
    /// The most in-unit attraction any plan adds.
    y_max: f64,
    /// Each decision's attraction here (a bound): (decision, amount, in its own unit).
    adds: Vec<(Decision, f64, bool)>,
}

impl ZoneTerms {
    fn add(&mut self, d: Decision, a: f64, inside: bool) {
        if a > 0.0 {
            self.adds.push((d, a, inside));
            if inside {
                self.y_max += a;
            }
        }
    }
}

/// What a decision is, for summing its coefficients.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Decision {
    Site(usize),
    Upgrade(usize),
    Beds(usize),
}

impl Rule for InCountyShare {
    fn id(&self) -> RuleId {
        RuleId::InCountyShare
    }
    fn is_on(&self, p: &Policy) -> bool {
        p.in_county_share.is_some()
    }
    fn turn_off(&self, p: &mut Policy) {
        p.in_county_share = None;
    }
    fn minutes(&self, p: &Policy) -> Option<f64> {
        Some(p.patient_choice.max_minutes)
    }
    fn validate(&self, p: &Policy, out: &mut Vec<Problem>) {
        let Some(v) = p.in_county_share else { return };
        crate::validate::numbers::check_value(|| "$.policy.in_county_share".into(), v, &SHARE, out);
        let w = &p.patient_choice.stay_weights;
        if Tier::ALL.windows(2).any(|t| w.of(t[1]) < w.of(t[0])) {
            out.push(Problem::error(
                "$.policy.patient_choice.stay_weights",
                "the in-county share target needs stay weights that do not fall from one tier to the next (village clinic up to tertiary hospital); raise the lower tiers' weights or switch the target off",
                "县域内就诊率目标要求住院吸引力权重不随层级（村卫生室至三级医院）下降；请调整权重或关闭该目标",
            ));
        }
    }
    fn rows(&self, m: &mut ModelInput<'_>) -> Rows {
        let (s, tt, v) = (m.s, m.tt, m.v);
        let Some(target) = s.policy.in_county_share else {
            return Rows::default();
        };
        let pc = &s.policy.patient_choice;
        let nf = s.facilities.len();
        let unit_of: HashMap<&str, usize> = s
            .admin_units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        let fac_unit: Vec<Option<usize>> = s
            .facilities
            .iter()
            .map(|f| unit_of.get(f.admin_unit.as_str()).copied())
            .collect();
        let mut rows = Rows::default();
        for (u, unit) in s.admin_units.iter().enumerate() {
            let mut zones: Vec<ZoneTerms> = Vec::new();
            let mut denominator = 0.0;
            for (z, zone) in s.zones.iter().enumerate() {
                if zone.admin_unit != unit.id || zone.population <= 0.0 {
                    continue;
                }
                let row = tt.pairs.get(z).map_or(&[][..], |r| &r[..]);
                let within: HashMap<u32, f32> = row
                    .iter()
                    .take_while(|(_, t)| f64::from(*t) <= pc.max_minutes)
                    .copied()
                    .collect();
                let mut t = ZoneTerms {
                    pop: zone.population,
                    n: 0.0,
                    g: 0.0,
                    y_max: 0.0,
                    adds: Vec::new(),
                };
                for (&j, &minutes) in &within {
                    let j = j as usize;
                    let d = decay(pc, minutes);
                    if j < nf {
                        let f = &s.facilities[j];
                        let a = pc.stay_weights.of(f.tier) * f.beds.max(0.0) * d;
                        let inside = fac_unit[j] == Some(u);
                        t.g += a;
                        if inside {
                            t.n += a;
                        }
                        // Beds added here: inside at today's tier weight,
                        // outside at the most this facility may weigh.
                        if v.beds_at[j].is_some() {
                            let top = top_weight(pc, s, j, v.upgrade[j].is_some()) * d;
                            let cap = f.expansion.max_extra_beds.floor().max(0.0);
                            if inside {
                                let before = t.y_max;
                                t.add(Decision::Beds(j), pc.stay_weights.of(f.tier) * d, true);
                                t.y_max = before + top * cap;
                            } else {
                                t.add(Decision::Beds(j), top, false);
                            }
                        }
                        if v.upgrade[j].is_some() {
                            let up = f.tier.next().map_or(0.0, |x| pc.stay_weights.of(x))
                                - pc.stay_weights.of(f.tier);
                            t.add(
                                Decision::Upgrade(j),
                                up.max(0.0) * f.beds.max(0.0) * d,
                                inside,
                            );
                        }
                    } else {
                        let c = &s.candidate_sites[j - nf];
                        let a = pc.stay_weights.of(c.tier) * c.beds.max(0.0) * d;
                        t.add(Decision::Site(j - nf), a, c.admin_unit == unit.id);
                    }
                }
                let reachable = !t.adds.is_empty();
                if t.g > 0.0 {
                    denominator += t.pop;
                    zones.push(t);
                } else if reachable {
                    // Counted with share 0 when some decision could reach it.
                    denominator += t.pop;
                }
            }
            if denominator <= 0.0 {
                continue;
            }
            let mut constant = 0.0;
            let mut coef: HashMap<Decision, f64> = HashMap::new();
            for t in &zones {
                let (n, g, y) = (t.n, t.g, t.y_max);
                let s0 = n / g;
                let slope = if y > 0.0 {
                    ((n + y) / (g + y) - s0) / y
                } else {
                    0.0
                };
                let h = if g > 2.0 * n {
                    1.0 / (4.0 * (g - n))
                } else {
                    n / (g * g)
                };
                let k = t.pop / denominator;
                constant += k * s0;
                for &(d, a, inside) in &t.adds {
                    let c = if inside { k * slope * a } else { -k * h * a };
                    *coef.entry(d).or_default() += c;
                }
            }
            let mut lhs = Expression::from(constant);
            for (d, c) in coef {
                let var: Option<Variable> = match d {
                    Decision::Site(k) => Some(v.open[k]),
                    Decision::Upgrade(f) => v.upgrade[f],
                    Decision::Beds(f) => v.beds_at[f],
                };
                if let Some(var) = var {
                    lhs += c * var;
                }
            }
            rows.targets.push(Target {
                rule: RuleId::InCountyShare,
                scope: unit.id.clone(),
                lhs,
                rhs: target,
                display_scale: 1.0,
                display_target: target,
            });
        }
        rows
    }
    fn check(&self, a: &After<'_>, out: &mut Vec<Finding>) {
        let Some(target) = a.s.policy.in_county_share else {
            return;
        };
        let shares = crate::indicators::patient_choice::in_county_after(
            a.s,
            a.tt,
            &a.tier,
            &a.beds_added,
            &a.opened,
        );
        for (u, share) in a.s.admin_units.iter().zip(shares) {
            let Some(v) = share else { continue };
            out.push(finding(
                RuleId::InCountyShare.key(),
                &u.id,
                (target, v, v + TOL >= target),
                format!(
                    "{}: estimated in-county treatment share {:.1}% (target {:.1}%; patient-choice model)",
                    u.name,
                    v * 100.0,
                    target * 100.0
                ),
                format!(
                    "{}：估计县域内住院比例 {:.1}%（目标 {:.1}%；患者就医选择模型估计）",
                    u.name,
                    v * 100.0,
                    target * 100.0
                ),
            ));
        }
    }
    fn name(&self, lang: Lang, _s: &Scenario) -> String {
        match lang {
            Lang::Zh => "县域内住院比例（估计）".into(),
            Lang::En => "In-county treatment share (estimated)".into(),
        }
    }
    fn definition(&self, lang: Lang, s: &Scenario) -> String {
        let m = &s.policy.patient_choice;
        match lang {
            Lang::Zh => format!(
                "各县（区）居民住院选择中落在本县（区）医疗机构的比例，由患者就医选择（Huff）模型估计：选择概率与机构层级权重×床位数成正比，随行程时间的 {} 次方衰减，{} 分钟以外不计。为模型估计值，不是统计数据；目标对每个县（区）分别适用。",
                m.decay_power, m.max_minutes
            ),
            Lang::En => format!(
                "Share of each county's residents' inpatient choices that fall on facilities of their own county, estimated by a Huff patient-choice model: choice ∝ tier weight × beds, decaying with travel time to the power {}, none beyond {} minutes. An estimate, not a statistic; the target applies to every county separately.",
                m.decay_power, m.max_minutes
            ),
        }
    }
    fn shortfall(&self, sf: &Shortfall, place: &str, lang: Lang) -> String {
        let (t, r) = (sf.target * 100.0, sf.reachable * 100.0);
        match lang {
            Lang::En => format!(
                "{place}: estimated in-county treatment share: target {t:.1}%, best reachable {r:.1}% by the model's conservative bound"
            ),
            Lang::Zh => format!(
                "{place}：估计县域内住院比例：目标 {t:.1}%，按模型的保守估计最多可达 {r:.1}%"
            ),
        }
    }
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }
}

const FIELDS: &[Field] = &[Field {
    key: "in_county_share",
    path: "$.policy.in_county_share",
    unit: "percent",
    kind: number(&SHARE, 100.0, true),
    get: |p| {
        p.in_county_share
            .map(|v| num(v * 100.0))
            .unwrap_or_default()
    },
    put: |p, v, _| p.in_county_share = v.map(|v| v / 100.0),
}];
