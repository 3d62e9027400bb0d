//! The moment long work must stop by: one [`Deadline`] is handed through
//! every stage of a solve (travel times, model, solver, marginal values,
//! check, estimates), so a time limit limits the whole run, not only the
//! solver.

use web_time::Instant;

/// A point in time, or none (no limit).
#[derive(Debug, Clone, Copy, Default)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// No limit.
    pub const NONE: Deadline = Deadline(None);

    /// `seconds` after `start`; none when `seconds` is `None`.
    pub fn after(start: Instant, seconds: Option<f64>) -> Deadline {
        Deadline(seconds.map(|s| start + std::time::Duration::from_secs_f64(s.clamp(0.0, 1e9))))
    }

    /// Whether the moment has come.
    pub fn passed(&self) -> bool {
        self.0.is_some_and(|d| Instant::now() >= d)
    }

    /// Seconds left (0 once passed); `None` without a limit.
    pub fn left(&self) -> Option<f64> {
        self.0
            .map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64())
    }

    /// Whether `seconds` of work still fit before the moment.
    pub fn allows(&self, seconds: f64) -> bool {
        self.left().is_none_or(|l| l >= seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_passes_and_none_never_does() {
        let now = Instant::now();
        let past = Deadline::after(now, Some(0.0));
        assert!(past.passed());
        assert_eq!(past.left(), Some(0.0));
        assert!(!past.allows(0.001));
        let later = Deadline::after(now, Some(3600.0));
        assert!(!later.passed());
        assert!(later.left().unwrap() > 3599.0);
        assert!(later.allows(60.0) && !later.allows(7200.0));
        assert!(!Deadline::NONE.passed() && Deadline::NONE.left().is_none());
        assert!(Deadline::NONE.allows(f64::MAX));
    }
}
