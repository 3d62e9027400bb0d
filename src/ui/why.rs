//! Why each decision is there, for the decision table: after each Optimise
//! the plan goes to a worker of its own, which judges the plan minus each
//! decision with the checker ([`crate::counterfactual`]) and streams the
//! answers back; the page stays responsive and the table fills in.

use super::solver::SolverClient;
use crate::counterfactual::Explained;
use crate::protocol::{ExplainRequest, Job, SolveReply, WorkerMessage};
use crate::scenario::{Policy, Scenario};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The explanations of the plan on screen, by plan element (`beds/3`).
#[derive(Clone, Copy)]
pub struct Why {
    /// Explained so far.
    pub by_element: RwSignal<HashMap<String, Arc<Explained>>>,
    /// (done, total) while the worker runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// Why the explanations could not be computed (en, zh).
    pub failed: RwSignal<Option<(String, String)>>,
}

impl Why {
    /// Starts explaining each new plan (`last`) made under `solved_policy`
    /// on `scenario`.
    pub fn follow(
        scenario: StoredValue<Scenario>,
        solved_policy: RwSignal<Option<Policy>>,
        last: RwSignal<Option<Arc<SolveReply>>>,
    ) -> Why {
        let why = Why {
            by_element: RwSignal::new(HashMap::new()),
            progress: RwSignal::new(None),
            failed: RwSignal::new(None),
        };
        let job = StoredValue::new(0u32);
        let handler = move |m: WorkerMessage| match m {
            WorkerMessage::Explained {
                job: j,
                done,
                total,
                entries,
            } if j == job.get_value() => {
                why.by_element.update(|map| {
                    for e in entries {
                        map.insert(e.decision.clone(), Arc::new(e));
                    }
                });
                why.progress.set((done < total).then_some((done, total)));
            }
            ref m @ WorkerMessage::Failed { job: j, .. } if j == job.get_value() || j == 0 => {
                if let Some(p) = m.failure() {
                    why.failed.set(Some((p.message, p.message_zh)));
                }
                why.progress.set(None);
            }
            _ => {}
        };
        let client: StoredValue<Option<SolverClient>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let plan = last.with(|r| r.as_ref().and_then(|r| r.plan.clone()));
            job.update_value(|j| *j += 1);
            why.by_element.set(HashMap::new());
            why.failed.set(None);
            let Some(plan) = plan else {
                why.progress.set(None);
                return;
            };
            let mut s = scenario.get_value();
            if let Some(p) = solved_policy.get_untracked() {
                s.policy = p;
            }
            let req = ExplainRequest {
                job: job.get_value(),
                scenario: s,
                plan,
            };
            match client.with_value(|c| c.is_some()) {
                // An explanation of an earlier plan still running: start afresh.
                true if why.progress.get_untracked().is_some() => {
                    client.with_value(|c| c.as_ref().map(SolverClient::restart));
                }
                true => {}
                false => client.set_value(Some(SolverClient::new(handler))),
            }
            why.progress.set(Some((0, 0)));
            client.with_value(|c| {
                if let Some(c) = c {
                    c.send(&Job::Explain(Box::new(req)));
                }
            });
        });
        on_cleanup(move || {
            client.with_value(|c| c.as_ref().map(SolverClient::stop));
        });
        why
    }
}
