//! The small chart of a running solve: the incumbent (best plan found) and
//! the bound over time, as step lines, so a planner sees the gap close.
//! Pure geometry; the plan panel draws it as SVG.

/// One progress report of the solver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressPoint {
    /// Seconds since the solve started.
    pub seconds: f64,
    /// Objective of the best plan found so far.
    pub incumbent: Option<f64>,
    /// Best proven bound so far.
    pub bound: Option<f64>,
}

/// At most this many points are kept; older ones are thinned.
pub const MAX_POINTS: usize = 600;

/// Adds a report to the log: only reports with a figure, in time order,
/// and the log thinned to [`MAX_POINTS`] by dropping every other old point
/// (each line's first and latest values are kept).
pub fn record(log: &mut Vec<ProgressPoint>, p: ProgressPoint) {
    let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
    let p = ProgressPoint {
        seconds: if p.seconds.is_finite() {
            p.seconds.max(0.0)
        } else {
            0.0
        },
        incumbent: finite(p.incumbent),
        bound: finite(p.bound),
    };
    if p.incumbent.is_none() && p.bound.is_none() {
        return;
    }
    if let Some(last) = log.last() {
        if p.seconds < last.seconds {
            return;
        }
        if last.incumbent == p.incumbent && last.bound == p.bound {
            return;
        }
    }
    log.push(p);
    if log.len() > MAX_POINTS {
        let keep_last = log.len() - 1;
        let mut i = 0;
        log.retain(|_| {
            let keep = i == 0 || i == keep_last || i % 2 == 0;
            i += 1;
            keep
        });
    }
}

/// The chart in a `width` × `height` box (y grows downwards, SVG style).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressChart {
    /// SVG `points` of the incumbent's step line ("x,y x,y …"); empty when none.
    pub incumbent: String,
    /// SVG `points` of the bound's step line; empty when none.
    pub bound: String,
    /// The time axis ends here (seconds).
    pub t_max: f64,
    /// The value at the top of the box.
    pub y_top: f64,
    /// The value at the bottom of the box.
    pub y_bottom: f64,
}

/// Lays out `log` up to `until` seconds (the lines run on to it). `None`
/// without a single figure. The value axis spans the figures with a little
/// room; a flat series gets a band around it.
///
/// ```
/// use healthreach::view::solve_progress::{progress_chart, ProgressPoint};
/// let log = [
///     ProgressPoint { seconds: 0.0, incumbent: Some(120.0), bound: Some(100.0) },
///     ProgressPoint { seconds: 1.0, incumbent: Some(110.0), bound: Some(105.0) },
/// ];
/// let c = progress_chart(&log, 2.0, 200.0, 100.0).unwrap();
/// assert_eq!(c.t_max, 2.0);
/// assert!(c.y_top > 120.0 && c.y_bottom < 100.0);
/// // Two reports, each a step, and the line run on to `until`.
/// assert_eq!(c.incumbent.split(' ').count(), 4);
/// assert!(progress_chart(&[], 1.0, 200.0, 100.0).is_none());
/// ```
pub fn progress_chart(
    log: &[ProgressPoint],
    until: f64,
    width: f64,
    height: f64,
) -> Option<ProgressChart> {
    let values: Vec<f64> = log
        .iter()
        .flat_map(|p| [p.incumbent, p.bound])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() {
        return None;
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = if hi > lo {
        (hi - lo) * 0.08
    } else {
        (hi.abs() * 0.01).max(1.0)
    };
    let (y_bottom, y_top) = (lo - pad, hi + pad);
    let last = log.last().map_or(0.0, |p| p.seconds);
    let t_max = until.max(last).max(1e-3);
    let x = |t: f64| (t / t_max * width).clamp(0.0, width);
    let y = |v: f64| ((y_top - v) / (y_top - y_bottom) * height).clamp(0.0, height);
    let line = |get: &dyn Fn(&ProgressPoint) -> Option<f64>| {
        let mut pts: Vec<String> = Vec::new();
        let mut current: Option<f64> = None;
        for p in log {
            let Some(v) = get(p) else { continue };
            if let Some(c) = current {
                pts.push(format!("{:.1},{:.1}", x(p.seconds), y(c)));
            }
            pts.push(format!("{:.1},{:.1}", x(p.seconds), y(v)));
            current = Some(v);
        }
        if let Some(c) = current {
            pts.push(format!("{:.1},{:.1}", x(t_max), y(c)));
        }
        pts.join(" ")
    };
    Some(ProgressChart {
        incumbent: line(&|p| p.incumbent),
        bound: line(&|p| p.bound),
        t_max,
        y_top,
        y_bottom,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(seconds: f64, incumbent: Option<f64>, bound: Option<f64>) -> ProgressPoint {
        ProgressPoint {
            seconds,
            incumbent,
            bound,
        }
    }

    #[test]
    fn the_incumbent_line_steps_down_and_the_bound_up_within_the_box() {
        let log = [
            point(0.5, None, Some(90.0)),
            point(1.0, Some(130.0), Some(95.0)),
            point(3.0, Some(100.0), Some(99.0)),
        ];
        let c = progress_chart(&log, 4.0, 300.0, 80.0).unwrap();
        let parse = |s: &str| -> Vec<(f64, f64)> {
            s.split(' ')
                .map(|p| {
                    let (a, b) = p.split_once(',').unwrap();
                    (a.parse().unwrap(), b.parse().unwrap())
                })
                .collect()
        };
        let inc = parse(&c.incumbent);
        let bound = parse(&c.bound);
        for &(x, y) in inc.iter().chain(&bound) {
            assert!((0.0..=300.0).contains(&x) && (0.0..=80.0).contains(&y));
        }
        // Time runs left to right; the incumbent falls (y grows), the bound rises.
        assert!(inc.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
        assert!(bound
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 >= w[1].1));
        assert_eq!(inc.last().unwrap().0, 300.0);
        // The incumbent starts at 1 s, the bound at 0.5 s.
        assert_eq!(inc[0].0, 75.0);
        assert_eq!(bound[0].0, 37.5);
        // The incumbent's line stays above the bound's (a smaller y) while a gap is open.
        assert!(inc.last().unwrap().1 < bound.last().unwrap().1);
    }

    #[test]
    fn the_log_keeps_only_new_figures_in_order_and_stays_small() {
        let mut log = vec![];
        record(&mut log, point(0.0, None, None));
        assert!(log.is_empty());
        record(&mut log, point(0.1, Some(f64::NAN), Some(1.0)));
        assert_eq!(log, [point(0.1, None, Some(1.0))]);
        record(&mut log, point(0.2, None, Some(1.0)));
        assert_eq!(log.len(), 1, "same figures again");
        record(&mut log, point(0.05, Some(3.0), Some(1.0)));
        assert_eq!(log.len(), 1, "out of order");
        for k in 0..5_000 {
            record(
                &mut log,
                point(1.0 + k as f64, Some(1e6 - k as f64), Some(1.0)),
            );
        }
        assert!(log.len() <= MAX_POINTS);
        assert_eq!(log[0], point(0.1, None, Some(1.0)));
        assert_eq!(log.last().unwrap().incumbent, Some(1e6 - 4_999.0));
        assert!(log.windows(2).all(|w| w[0].seconds < w[1].seconds));
    }

    #[test]
    fn a_flat_series_gets_a_band() {
        let c = progress_chart(&[point(1.0, Some(5.0), Some(5.0))], 1.0, 100.0, 50.0).unwrap();
        assert!(c.y_top > 5.0 && c.y_bottom < 5.0);
        assert!(c.bound.contains(",25.0"));
    }
}
