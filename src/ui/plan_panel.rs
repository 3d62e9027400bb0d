//! Optimise: sends the scenario to the solver worker, shows the stage,
//! elapsed time and bound while it runs, Cancel (terminates the worker at
//! once), the final status with the checker's badge, and the exports.

use crate::i18n::{group_digits, t, Lang};
use crate::protocol::SolveReply;
use crate::scenario::Objective;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the solve is.
#[derive(Clone, PartialEq)]
pub enum SolveState {
    /// Nothing run yet.
    Idle,
    /// A job is running.
    Running {
        /// Stage key.
        stage: String,
        /// Started (ms, page clock).
        started_ms: f64,
        /// Bound so far.
        bound: Option<f64>,
        /// Objective of the best plan known so far.
        incumbent: Option<f64>,
    },
    /// Finished.
    Done(Arc<SolveReply>),
    /// Cancelled by the planner.
    Cancelled,
    /// Failed.
    Failed(crate::diagnostics::Problem),
}

fn objective_text(lang: Lang, objective: &Objective, v: f64) -> String {
    match objective {
        Objective::MaxCoverage => format!("{} {}", t(lang, "covered_residents"), group_digits(v)),
        Objective::MinTravelTime => format!("{} {v:.2}", t(lang, "mean_minutes")),
        _ => format!(
            "{} {} {}",
            t(lang, "cost"),
            group_digits(v),
            t(lang, "yuan")
        ),
    }
}

/// Status line, progress and buttons.
#[component]
pub fn PlanPanel(
    lang: ReadSignal<Lang>,
    state: RwSignal<SolveState>,
    now_ms: ReadSignal<f64>,
    stale: Memo<bool>,
    objective: Memo<Objective>,
    on_optimise: Callback<()>,
    on_cancel: Callback<()>,
    exports: AnyView,
) -> impl IntoView {
    let running = move || matches!(state.get(), SolveState::Running { .. });
    let progress = move || match state.get() {
        SolveState::Running {
            stage,
            started_ms,
            bound,
            incumbent,
        } => {
            let l = lang.get();
            let secs = ((now_ms.get() - started_ms) / 1000.0).max(0.0);
            // Objectives are yuan, residents or minutes: small ones keep decimals.
            let num = |v: f64| {
                if v.abs() < 1000.0 {
                    format!("{v:.2}")
                } else {
                    group_digits(v)
                }
            };
            let mut bound_text = String::new();
            if let Some(x) = incumbent {
                bound_text += &format!(" · {} {}", t(l, "incumbent"), num(x));
            }
            if let Some(b) = bound {
                bound_text += &format!(" · {} {}", t(l, "bound"), num(b));
            }
            if let (Some(x), Some(b)) = (incumbent, bound) {
                let gap = (x - b).abs() / x.abs().max(1e-9);
                bound_text += &format!(" · {} {:.2}%", t(l, "gap_short"), gap * 100.0);
            }
            let bound = bound_text;
            Some(view! {
                <div class="progress" data-testid="solve-progress" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    {format!("{} · {} {secs:.1} {}{bound}", t(l, &format!("stage_{stage}")), t(l, "elapsed"), t(l, "seconds"))}
                </div>
            })
        }
        _ => None,
    };
    let status = move || {
        let l = lang.get();
        match state.get() {
            SolveState::Idle => view! { <p data-testid="solve-status" class="status idle">{t(l, "status_none")}</p> }.into_any(),
            SolveState::Running { .. } => view! { <p data-testid="solve-status" class="status running">"…"</p> }.into_any(),
            SolveState::Cancelled => view! { <p data-testid="solve-status" class="status cancelled">{t(l, "status_cancelled")}</p> }.into_any(),
            SolveState::Failed(m) => view! { <p data-testid="solve-status" class="status failed">{format!("{}: {}", t(l, "status_failed"), m.text(l))}</p> }.into_any(),
            SolveState::Done(r) => {
                use crate::optimise::Status;
                let head = match r.status {
                    Status::Optimal => t(l, "status_optimal").to_string(),
                    Status::Feasible => format!("{} {:.2}%", t(l, "status_feasible"), r.gap.unwrap_or(0.0) * 100.0),
                    Status::Infeasible => t(l, "status_infeasible").to_string(),
                    Status::TimeLimit => t(l, "status_time_limit").to_string(),
                };
                let obj = r.objective.map(|v| objective_text(l, &objective.get(), v)).unwrap_or_default();
                let cost = match (objective.get(), r.cost_yuan) {
                    (Objective::LeastCost | Objective::Weighted { .. }, _) | (_, None) => String::new(),
                    (_, Some(c)) => format!(" · {} {} {}", t(l, "cost"), group_digits(c), t(l, "yuan")),
                };
                let badge = r.plan.as_ref().map(|_| if r.verified {
                    view! { <span class="badge ok" data-testid="verified-badge">"✓ " {t(l, "verified")}</span> }.into_any()
                } else {
                    view! { <span class="badge bad" data-testid="not-verified">{t(l, "not_verified")}</span> }.into_any()
                });
                let shortfalls = (!r.shortfalls.is_empty()).then(|| view! {
                    <div class="shortfalls" data-testid="shortfalls">
                        <h3>{t(l, "shortfalls")}</h3>
                        <ul>{r.shortfalls.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                    </div>
                });
                let failed = r.failed_checks.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view();
                view! {
                    <div data-testid="solve-status" class="status done" data-status=r.status.key()>
                        <p><strong>{head}</strong> " " {badge}</p>
                        <p class="num">{obj}{cost}{format!(" · {:.2} {}", r.seconds, t(l, "seconds"))}</p>
                        {shortfalls}
                        <ul class="failed-checks">{failed}</ul>
                    </div>
                }.into_any()
            }
        }
    };
    view! {
        <section class="panel plan-panel">
            <h2>{move || t(lang.get(), "solve_title")}</h2>
            <div class="row buttons">
                <button class="primary" data-testid="optimise-button" disabled=running
                    on:click=move |_| on_optimise.run(())>{move || t(lang.get(), "optimise")}</button>
                <button data-testid="cancel-button" disabled=move || !running()
                    on:click=move |_| on_cancel.run(())>{move || t(lang.get(), "cancel")}</button>
            </div>
            {progress}
            {status}
            <Show when=move || stale.get()>
                <p class="warn" data-testid="stale">{move || t(lang.get(), "stale")}</p>
            </Show>
            {exports}
        </section>
    }
}
