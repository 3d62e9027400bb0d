//! What the plan charts plot, computed from a [`PlanReport`] without any
//! browser type.

use crate::report::{DecisionKind, PlanReport};

/// Doctors one source hospital lends under a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceSummary {
    /// Source facility id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Doctors lent in all.
    pub doctors: f64,
    /// Facilities receiving them.
    pub targets: usize,
    /// Doctor-weighted mean travel time from the source to its targets (minutes).
    pub mean_minutes: f64,
}

/// Secondments summarised per source hospital, most doctors first (ties by name).
///
/// ```
/// use healthreach::report::{Decision, DecisionKind, PlanReport};
/// use healthreach::view::charts::secondments_by_source;
/// let lend = |to: &str, from: &str, n: f64, min: f64| Decision { element: String::new(),
///     kind: DecisionKind::Secondment, facility_id: to.into(), facility_name: to.into(),
///     unit_id: "u".into(), unit_name: "u".into(), specialty: None, quantity: n,
///     cost_yuan: 0.0, rule: "doctors_per_1000".into(), location: [0.0, 0.0],
///     from: Some((from.into(), from.into(), [0.0, 0.0], min)),
/// };
/// let r = PlanReport { decisions: vec![lend("a", "H1", 2.0, 30.0), lend("b", "H1", 6.0, 50.0), lend("c", "H2", 3.0, 10.0)],
///     units: vec![], coverage: (0.0, 0.0), zone_minutes_after: vec![], e2sfca_after: vec![],
///     new_catchments: vec![], cost_yuan: 0.0 };
/// let s = secondments_by_source(&r);
/// assert_eq!((s[0].id.as_str(), s[0].doctors, s[0].targets), ("H1", 8.0, 2));
/// assert!((s[0].mean_minutes - 45.0).abs() < 1e-9);
/// assert_eq!(s[1].id, "H2");
/// ```
pub fn secondments_by_source(r: &PlanReport) -> Vec<SourceSummary> {
    let mut out: Vec<SourceSummary> = Vec::new();
    for d in &r.decisions {
        let (DecisionKind::Secondment, Some((id, name, _, minutes))) = (d.kind, &d.from) else {
            continue;
        };
        let i = match out.iter().position(|s| &s.id == id) {
            Some(i) => i,
            None => {
                out.push(SourceSummary {
                    id: id.clone(),
                    name: name.clone(),
                    doctors: 0.0,
                    targets: 0,
                    mean_minutes: 0.0,
                });
                out.len() - 1
            }
        };
        let s = &mut out[i];
        // Running doctor-weighted mean.
        let total = s.doctors + d.quantity;
        if total > 0.0 {
            s.mean_minutes = (s.mean_minutes * s.doctors + minutes * d.quantity) / total;
        }
        s.doctors = total;
        s.targets += 1;
    }
    out.sort_by(|a, b| b.doctors.total_cmp(&a.doctors).then(a.name.cmp(&b.name)));
    out
}

/// A value range for a chart axis covering every value and `0`, with 10 %
/// headroom above (at least `[0, 1]`).
///
/// ```
/// use healthreach::view::charts::axis_max;
/// assert_eq!(axis_max([3.0, 7.5, 2.0]), 8.25);
/// assert_eq!(axis_max(std::iter::empty()), 1.0);
/// ```
pub fn axis_max(values: impl IntoIterator<Item = f64>) -> f64 {
    let m = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    if m > 0.0 {
        m * 1.1
    } else {
        1.0
    }
}
