//! Optimise: sends the scenario to the solver worker, shows the stage,
//! elapsed time and bound while it runs, Cancel (terminates the worker at
//! once), the final status with the checker's badge, and the exports.

use crate::i18n::{group_digits, t, Lang};
use crate::protocol::SolveReply;
use crate::scenario::Objective;
use crate::view::solve_progress::{progress_chart, ProgressPoint};
use leptos::prelude::*;
use std::sync::Arc;

/// The progress chart's box (SVG units; it scales to the panel's width).
const CHART_W: f64 = 320.0;
const CHART_H: f64 = 72.0;

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

/// The planner's solver settings: time limit and MIP gap, each accepted only
/// when `validate::limits` accepts it (the same check as the CLI's options).
#[derive(Clone, Copy)]
pub struct SolverSettings {
    /// Seconds before the best plan so far is returned with its gap.
    pub time_limit: RwSignal<f64>,
    /// Relative MIP gap at which to stop (0 = prove optimality).
    pub mip_gap: RwSignal<f64>,
}

impl SolverSettings {
    /// 60 s and a proof of optimality.
    pub fn new() -> SolverSettings {
        SolverSettings {
            time_limit: RwSignal::new(60.0),
            mip_gap: RwSignal::new(0.0),
        }
    }
}

/// A number field bound to `value`; a value the check refuses is shown as
/// an error (in the planner's language) and not taken.
#[component]
fn SettingField(
    lang: ReadSignal<Lang>,
    label: &'static str,
    testid: &'static str,
    value: RwSignal<f64>,
    /// Displayed value = stored value × scale (the gap is shown in %).
    scale: f64,
    check: fn(f64) -> Result<f64, crate::diagnostics::Problem>,
) -> impl IntoView {
    let error = RwSignal::new(
        None::<Result<crate::view::policy_form::FieldError, crate::diagnostics::Problem>>,
    );
    let text = value.get_untracked() * scale;
    view! {
        <label class="setting">
            <span>{move || t(lang.get(), label)}</span>
            <input type="text" inputmode="decimal" data-testid=testid value=crate::diagnostics::num(text)
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                on:change=move |ev| {
                    let raw = event_target_value(&ev);
                    match crate::view::policy_form::parse_number(&raw) {
                        Err(e) => error.set(Some(Ok(e))),
                        Ok(x) => match check(x / scale) {
                            Ok(x) => { value.set(x); error.set(None); }
                            Err(p) => error.set(Some(Err(p))),
                        },
                    }
                }/>
            {move || error.get().map(|e| {
                let l = lang.get();
                let text = match e {
                    Ok(f) => super::policy_panel::explain(l, &f),
                    Err(p) => p.text(l).to_string(),
                };
                view! { <span class="field-error" role="alert">{text}</span> }
            })}
        </label>
    }
}

/// Status line, progress and buttons.
#[component]
pub fn PlanPanel(
    lang: ReadSignal<Lang>,
    state: RwSignal<SolveState>,
    now_ms: ReadSignal<f64>,
    progress_log: ReadSignal<Vec<ProgressPoint>>,
    plan_found: ReadSignal<bool>,
    stale: Memo<bool>,
    objective: Memo<Objective>,
    on_optimise: Callback<()>,
    on_cancel: Callback<()>,
    exports: AnyView,
    settings: SolverSettings,
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
            let kept = plan_found.get();
            let kept_text = if kept {
                format!(" · {}", t(l, "cancel_keeps_plan"))
            } else {
                String::new()
            };
            Some(view! {
                <div class="progress" data-testid="solve-progress" role="status" aria-live="polite"
                    data-has-plan=kept.then_some("true")>
                    <span class="spinner" aria-hidden="true"></span>
                    {format!("{} · {} {secs:.1} {}{bound}{kept_text}", t(l, &format!("stage_{stage}")), t(l, "elapsed"), t(l, "seconds"))}
                </div>
            })
        }
        _ => None,
    };
    let chart = move || {
        let l = lang.get();
        let until = match state.get() {
            SolveState::Running { started_ms, .. } => {
                ((now_ms.get() - started_ms) / 1000.0).max(0.0)
            }
            _ => 0.0,
        };
        let c = progress_log.with(|log| progress_chart(log, until, CHART_W, CHART_H))?;
        let num = |v: f64| {
            if v.abs() < 1000.0 {
                format!("{v:.2}")
            } else {
                group_digits(v)
            }
        };
        let label = t(l, "progress_chart").to_string();
        Some(view! {
            <figure class="solve-progress-chart" data-testid="solve-progress-chart">
                <svg viewBox=format!("0 0 {CHART_W} {CHART_H}") preserveAspectRatio="none" role="img" aria-label=label>
                    <polyline class="bound" points=c.bound fill="none"/>
                    <polyline class="incumbent" points=c.incumbent fill="none"/>
                </svg>
                <figcaption>
                    <span class="key incumbent">{t(l, "incumbent")}</span>
                    <span class="key bound">{t(l, "bound")}</span>
                    <span class="axis">{format!("{} – {} · 0–{:.1} {}", num(c.y_bottom), num(c.y_top), c.t_max, t(l, "seconds"))}</span>
                </figcaption>
            </figure>
        })
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
                    _ if r.stopped => match r.gap {
                        Some(g) => format!("{} · {} {:.2}%", t(l, "status_stopped"), t(l, "gap_short"), g * 100.0),
                        None => t(l, "status_stopped").to_string(),
                    },
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
                        <ul>{if r.shortfall_details.len() == r.shortfalls.len() {
                            r.shortfall_details.iter().map(|d| view! { <li>{d.text(l)}</li> }).collect_view().into_any()
                        } else {
                            r.shortfalls.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view().into_any()
                        }}</ul>
                    </div>
                });
                let failed = if r.failed_findings.len() == r.failed_checks.len() {
                    r.failed_findings.iter().map(|f| view! { <li>{f.text(l).to_string()}</li> }).collect_view().into_any()
                } else {
                    r.failed_checks.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view().into_any()
                };
                let solver = r.backend.map(|b| {
                    let version = r.solver_version.clone().unwrap_or_default();
                    let nodes = if r.nodes > 0 { format!(" · {} {}", group_digits(r.nodes as f64), t(l, "nodes")) } else { String::new() };
                    let note = r.solver_note.as_ref().map(|n| format!(" · {} ({n})", t(l, "highs_unavailable"))).unwrap_or_default();
                    view! {
                        <p class="solver-line" data-testid="solver-used" data-backend=format!("{b:?}").to_lowercase()>
                            {format!("{} {} {version}{nodes}{note}", t(l, "solver"), b.name())}
                        </p>
                    }
                });
                let cut_short = (!r.cut_short.is_empty()).then(|| {
                    let stages: Vec<&str> = r
                        .cut_short
                        .iter()
                        .map(|c| if l == Lang::Zh { c.label().1 } else { c.label().0 })
                        .collect();
                    let sep = if l == Lang::Zh { "、" } else { ", " };
                    view! {
                        <p class="warn" data-testid="cut-short">{format!("{}{}", t(l, "cut_short"), stages.join(sep))}</p>
                    }
                });
                view! {
                    <div data-testid="solve-status" class="status done" data-status=r.status.key()
                        data-stopped=r.stopped.then_some("true")>
                        <p><strong>{head}</strong> " " {badge}</p>
                        <p class="num">{obj}{cost}{format!(" · {:.2} {}", r.seconds, t(l, "seconds"))}</p>
                        {solver}
                        {cut_short}
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
            <div class="row solver-settings">
                <SettingField lang=lang label="time_limit_s" testid="time-limit" value=settings.time_limit scale=1.0
                    check=crate::validate::limits::time_limit/>
                <SettingField lang=lang label="mip_gap_pct" testid="mip-gap" value=settings.mip_gap scale=100.0
                    check=crate::validate::limits::mip_gap/>
            </div>
            {progress}
            {chart}
            {status}
            <Show when=move || stale.get()>
                <p class="warn" data-testid="stale">{move || t(lang.get(), "stale")}</p>
            </Show>
            {exports}
        </section>
    }
}
