//! `solve`'s stages after the solver — the independent check and the
//! patient-choice estimates — bounded by the run's deadline from outside:
//! they run on a thread of their own and are waited for only until the
//! deadline, so neither needs to know how to stop part-way, and one still
//! running then is reported as cut short instead of overrunning the limit.

use healthreach::access::{AccessOptions, TravelTimes};
use healthreach::checker::Check;
use healthreach::deadline::Deadline;
use healthreach::indicators::patient_choice::{self, Estimates};
use healthreach::plan::Plan;
use healthreach::scenario::Scenario;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// What `solve` reports after the solver: the independent check and, for
/// `--json`, the patient-choice estimates, each present only when it was
/// done by the deadline.
pub struct AfterSolve {
    pub check: Option<Check>,
    /// Seconds since the run began (`started`) when the check was done.
    pub checked_at: Option<f64>,
    pub estimates: Option<Estimates>,
}

/// Runs the check of `plan` and (with `estimates`) the estimates on a
/// thread of their own and waits for them until `deadline`; what is not
/// done by then is left out (the thread ends with the process).
pub fn after_solve(
    s: &Arc<Scenario>,
    plan: Option<Plan>,
    tt: Option<TravelTimes>,
    estimates: bool,
    (started, deadline): (Instant, Deadline),
) -> AfterSolve {
    enum Done {
        Check(Check, f64),
        Estimates(Option<Estimates>),
    }
    let mut after = AfterSolve {
        check: None,
        checked_at: None,
        estimates: None,
    };
    let (Some(plan), Some(tt)) = (plan, tt) else {
        return after;
    };
    if deadline.passed() {
        return after;
    }
    let (tx, rx) = mpsc::channel();
    let s = Arc::clone(s);
    std::thread::spawn(move || {
        let check = healthreach::checker::check(&s, &tt, &plan);
        drop(tt);
        if tx
            .send(Done::Check(check, started.elapsed().as_secs_f64()))
            .is_err()
            || !estimates
        {
            return;
        }
        let e = TravelTimes::compute_by(
            &s,
            &AccessOptions {
                pair_minutes: patient_choice::pair_minutes(&s),
                ..healthreach::optimise::plan::access_options_for(&s)
            },
            deadline,
        )
        .and_then(|tt| patient_choice::estimates_by(&s, &tt, &plan, deadline));
        let _ = tx.send(Done::Estimates(e));
    });
    loop {
        let wait = deadline
            .left()
            .map_or(Duration::MAX, Duration::from_secs_f64);
        match rx.recv_timeout(wait) {
            Ok(Done::Check(c, at)) => {
                after.check = Some(c);
                after.checked_at = Some(at);
                if !estimates {
                    return after;
                }
            }
            Ok(Done::Estimates(e)) => {
                after.estimates = e;
                return after;
            }
            Err(_) => return after,
        }
    }
}
