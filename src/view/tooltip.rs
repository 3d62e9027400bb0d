//! What a map tooltip says about the zone or facility under the pointer:
//! label–value lines in the planner's language, with the plan's changes.

use super::hit::Hit;
use super::map_layers::MapLayers;
use crate::i18n::{group_digits, t, tier_name, Lang};
use crate::report::{DecisionKind, PlanReport};

/// Figures of the zones the tooltip may quote.
pub struct ZoneFigures<'a> {
    /// Minutes to the nearest service point before the plan.
    pub minutes_before: &'a [Option<f64>],
    /// E2SFCA before the plan, when computed.
    pub e2sfca_before: Option<&'a [f64]>,
    /// The coverage threshold (minutes).
    pub threshold: f64,
}

/// A tooltip: a title and label–value lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Tooltip {
    /// Zone id or facility name.
    pub title: String,
    /// `(label, value)` lines.
    pub lines: Vec<(String, String)>,
}

fn minutes(m: Option<f64>, lang: Lang) -> String {
    match m {
        Some(m) => format!("{m:.1} {}", t(lang, "unit_min")),
        None => t(lang, "unreachable").to_string(),
    }
}

/// The tooltip of `hit`.
///
/// ```
/// use healthreach::i18n::Lang;
/// use healthreach::view::{hit::Hit, map_layers::MapLayers, tooltip::{tooltip, ZoneFigures}};
/// let s = healthreach::demo::weinan();
/// let l = MapLayers::of(&s);
/// let m = vec![Some(7.5); s.zones.len()];
/// let fig = ZoneFigures { minutes_before: &m, e2sfca_before: None, threshold: 15.0 };
/// let tip = tooltip(&l, Hit::Zone(0), &fig, None, Lang::En);
/// assert_eq!(tip.title, s.zones[0].id);
/// assert!(tip.lines.iter().any(|(k, v)| k == "Minutes to nearest service point" && v == "7.5 min"));
/// ```
pub fn tooltip(
    l: &MapLayers,
    hit: Hit,
    fig: &ZoneFigures,
    plan: Option<&PlanReport>,
    lang: Lang,
) -> Tooltip {
    let county = |c: Option<usize>| {
        c.and_then(|c| l.counties.get(c))
            .map(|c| match lang {
                Lang::Zh => c.name.clone(),
                Lang::En => c.name_en.clone(),
            })
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    let mut line = |k: &str, v: String| lines.push((t(lang, k).to_string(), v));
    match hit {
        Hit::Zone(i) => {
            let z = &l.zones[i];
            line("tip_county", county(z.county));
            line("population", group_digits(z.population));
            if z.density > 0.0 {
                line("tip_density", format!("{} /km²", group_digits(z.density)));
            }
            let before = fig.minutes_before.get(i).copied().flatten();
            line("layer_minutes", minutes(before, lang));
            if let Some(r) = plan {
                let after = r.zone_minutes_after.get(i).copied().flatten();
                line("tip_minutes_after", minutes(after, lang));
            }
            let within = before.is_some_and(|m| m <= fig.threshold);
            line(
                "tip_within",
                t(lang, if within { "yes" } else { "no" }).to_string(),
            );
            if let Some(a) = fig.e2sfca_before.and_then(|e| e.get(i)) {
                line("layer_e2sfca", format!("{a:.2}"));
            }
            if let Some(a) = plan.and_then(|r| r.e2sfca_after.get(i)) {
                line("tip_e2sfca_after", format!("{a:.2}"));
            }
            Tooltip {
                title: z.id.clone(),
                lines,
            }
        }
        Hit::Facility(i) => {
            let f = &l.facilities[i];
            line("tip_tier", tier_name(lang, f.tier).to_string());
            line("tip_county", county(f.county));
            line("tip_beds", group_digits(f.beds));
            line("tip_doctors", group_digits(f.doctors));
            let site_id = &f.id;
            for d in plan.into_iter().flat_map(|r| &r.decisions).filter(|d| {
                &d.facility_id == site_id || d.from.as_ref().is_some_and(|x| &x.0 == site_id)
            }) {
                let what = t(lang, &format!("decision_{}", d.kind.key()));
                let v = match (d.kind, &d.from) {
                    (DecisionKind::Secondment, Some(from)) if &from.0 == site_id => {
                        format!("→ {} × {}", d.facility_name, group_digits(d.quantity))
                    }
                    (DecisionKind::Secondment, Some(from)) => {
                        format!("← {} × {}", from.1, group_digits(d.quantity))
                    }
                    (DecisionKind::Service, _) => d
                        .specialty
                        .map(|s| t(lang, &format!("specialty_{}", s.key())).to_string())
                        .unwrap_or_default(),
                    _ => format!("+{}", group_digits(d.quantity)),
                };
                lines.push((what.to_string(), v));
            }
            Tooltip {
                title: f.name.clone(),
                lines,
            }
        }
    }
}
