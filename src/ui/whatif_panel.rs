//! What-if sliders: after an Optimise, a background worker solves each
//! knob's breakpoints ([`crate::whatif::sweep`]); dragging a slider shows
//! the cost and coverage the curve gives for its value (a breakpoint's
//! exact figures, or the interval between two), and releasing it sets the
//! target and asks for the exact plan, started from the nearest
//! breakpoint's plan.

use crate::i18n::{money, t, Lang};
use crate::plan::Plan;
use crate::protocol::{Job, WorkerMessage};
use crate::scenario::{Policy, Scenario};
use crate::ui::solver::SolverClient;
use crate::whatif::{unit, Curve, Estimate, Knob, WhatIfRequest};
use leptos::prelude::*;

/// Breakpoints per knob besides the policy's own value.
const STEPS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
enum Sweep {
    Idle,
    Running(usize),
    Done,
    Failed(crate::diagnostics::Problem),
}

/// The curves, each with the job it came from (a new sweep replaces a
/// knob's curve when its first breakpoint arrives; until then the old one
/// serves).
type Curves = Vec<(Knob, u32, Curve)>;

/// The live figures: how they are known (exact, between, unreachable,
/// unknown), cost and coverage (low, high), and the breakpoints around.
type Figures = (
    &'static str,
    (f64, f64),
    (f64, f64),
    Option<(Knob, f64, f64)>,
);

fn curve_of(curves: &Curves, knob: Knob) -> Option<&Curve> {
    curves
        .iter()
        .find(|(k, _, _)| *k == knob)
        .map(|(_, _, c)| c)
}

/// A knob's value as the slider shows it.
fn shown(knob: Knob, lang: Lang, v: f64) -> String {
    match knob {
        Knob::CoverageShare => format!("{:.1}%", v * 100.0),
        Knob::BedsPer1000 => format!("{v:.2}"),
        Knob::Budget => money(lang, v),
    }
}

fn label_key(knob: Knob) -> &'static str {
    match knob {
        Knob::CoverageShare => "whatif_coverage_share",
        Knob::BedsPer1000 => "whatif_beds",
        Knob::Budget => "whatif_budget",
    }
}

/// Where a slider starts: the policy's own value, else what the plan on
/// screen has (its cost, for the budget), else the curve's low end; kept
/// inside the curve's range.
fn start_value(knob: Knob, policy: &Policy, plan_cost: Option<f64>, range: (f64, f64)) -> f64 {
    knob.value_in(policy)
        .or(match knob {
            Knob::Budget => plan_cost,
            _ => None,
        })
        .unwrap_or(range.0)
        .clamp(range.0, range.1)
}

#[component]
pub fn WhatIfPanel(
    scenario: StoredValue<Scenario>,
    /// The settings of the plan on screen (a new value starts a sweep).
    solved_policy: RwSignal<Option<Policy>>,
    /// The plan on screen's cost (where the budget slider starts).
    plan_cost: Signal<Option<f64>>,
    /// The planner's own solve is running.
    busy: Signal<bool>,
    lang: ReadSignal<Lang>,
    /// A slider released: the settings to optimise, and the plan to start from.
    on_release: Callback<(Policy, Option<Plan>)>,
) -> impl IntoView {
    let curves: RwSignal<Curves> = RwSignal::new(vec![]);
    let state = RwSignal::new(Sweep::Idle);
    let job = StoredValue::new(0u32);
    // The knob last moved and its value (the live figures are for it).
    let active = RwSignal::new(None::<(Knob, f64)>);
    // The policy the curves were built for.
    let built_for = StoredValue::new(None::<Policy>);
    let client: StoredValue<Option<SolverClient>, LocalStorage> = StoredValue::new_local(None);
    // A new sweep's curve of a knob that already has one is gathered here
    // and replaces the old one whole (when the sweep moves on to the next
    // knob, or ends): the slider keeps working meanwhile.
    let pending: StoredValue<Option<(Knob, u32, Curve)>> = StoredValue::new(None);
    let swap_in = move || {
        let taken = pending.get_value();
        pending.set_value(None);
        if let Some((knob, j, c)) = taken {
            curves.update(|cs| match cs.iter_mut().find(|(k, _, _)| *k == knob) {
                Some(slot) => *slot = (knob, j, c),
                None => cs.push((knob, j, c)),
            });
        }
    };
    let handler = move |m: WorkerMessage| match m {
        WorkerMessage::Breakpoint { job: j, point } if j == job.get_value() => {
            let b = *point;
            if pending.with_value(|p| p.as_ref().is_some_and(|(k, _, _)| *k != b.knob)) {
                swap_in();
            }
            let old = curves.with_untracked(|cs| {
                cs.iter()
                    .find(|(k, _, _)| *k == b.knob)
                    .map(|(_, from, _)| *from)
            });
            match old {
                // The first curve of a knob, or one this sweep started: shown as it grows.
                None => curves.update(|cs| {
                    let mut c = Curve::default();
                    let knob = b.knob;
                    c.insert(b);
                    cs.push((knob, j, c));
                }),
                Some(from) if from == j => curves.update(|cs| {
                    if let Some((_, _, c)) = cs.iter_mut().find(|(k, _, _)| *k == b.knob) {
                        c.insert(b);
                    }
                }),
                Some(_) => pending.update_value(|p| {
                    let knob = b.knob;
                    p.get_or_insert_with(|| (knob, j, Curve::default()))
                        .2
                        .insert(b);
                }),
            }
            state.update(|s| {
                if let Sweep::Running(n) = s {
                    *n += 1;
                }
            });
        }
        WorkerMessage::WhatIfDone { job: j, .. } if j == job.get_value() => {
            swap_in();
            // Knobs of an older sweep that this one gave nothing for go.
            curves.update(|cs| cs.retain(|(_, from, _)| *from == j));
            state.set(Sweep::Done);
        }
        ref m @ WorkerMessage::Failed { job: j, .. } if j == job.get_value() || j == 0 => {
            if let Some(p) = m.failure() {
                state.set(Sweep::Failed(p));
            }
        }
        _ => {}
    };
    // Each newly solved policy gets its own curves, in the background,
    // while the planner's own solve is not running (a sweep in progress
    // stops when one starts: its policy is about to change).
    Effect::new(move |_| {
        if busy.get() {
            if matches!(state.get_untracked(), Sweep::Running(_)) {
                job.update_value(|j| *j += 1);
                client.with_value(|c| c.as_ref().map(SolverClient::restart));
                built_for.set_value(None);
                state.set(Sweep::Idle);
            }
            return;
        }
        let Some(policy) = solved_policy.get() else {
            return;
        };
        if built_for.with_value(|b| b.as_ref() == Some(&policy)) {
            return;
        }
        built_for.set_value(Some(policy.clone()));
        match client.with_value(|c| c.is_some()) {
            true if matches!(state.get_untracked(), Sweep::Running(_)) => {
                client.with_value(|c| c.as_ref().map(SolverClient::restart));
            }
            true => {}
            false => client.set_value(Some(SolverClient::new(handler))),
        }
        job.update_value(|j| *j += 1);
        pending.set_value(None);
        state.set(Sweep::Running(0));
        let mut s = scenario.get_value();
        s.policy = policy;
        let req = WhatIfRequest {
            job: job.get_value(),
            scenario: s,
            steps: STEPS,
            time_limit: 20.0,
            mip_gap: 0.0,
        };
        client.with_value(|c| {
            if let Some(c) = c {
                c.send(&Job::WhatIf(Box::new(req)));
            }
        });
    });
    on_cleanup(move || {
        client.with_value(|c| c.as_ref().map(SolverClient::stop));
    });

    let slider = move |knob: Knob| {
        let range = Memo::new(move |_| curves.with(|cs| curve_of(cs, knob).and_then(Curve::range)));
        let value = Memo::new(move |_| {
            let r = range.get()?;
            Some(match active.get() {
                Some((k, v)) if k == knob => v.clamp(r.0, r.1),
                _ => solved_policy
                    .with(|p| p.as_ref().map(|p| start_value(knob, p, plan_cost.get(), r)))?,
            })
        });
        let ticks = move || {
            curves.with(|cs| {
                curve_of(cs, knob)
                    .map(|c| {
                        c.points
                            .iter()
                            .filter(|b| b.outcome.is_some())
                            .map(|b| b.value)
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        };
        let list_id = format!("whatif-ticks-{}", knob.key());
        let read = move |ev: &web_sys::Event| event_target_value(ev).parse::<f64>().ok();
        let release = move |ev: web_sys::Event| {
            let Some(v) = read(&ev) else { return };
            let Some(policy) = solved_policy.get_untracked() else {
                return;
            };
            let warm = curves
                .with_untracked(|cs| curve_of(cs, knob).and_then(|c| c.nearest_plan(v)).cloned());
            active.set(Some((knob, v)));
            on_release.run((knob.apply(&policy, v), warm));
        };
        view! {
            <label class="whatif-knob">
                <span>{move || t(lang.get(), label_key(knob))}</span>
                <input type="range" data-testid=format!("whatif-{}", knob.key()) list=list_id.clone()
                    min=move || range.get().map_or(0.0, |r| r.0).to_string()
                    max=move || range.get().map_or(1.0, |r| r.1).to_string()
                    step=unit(knob).to_string()
                    prop:value=move || value.get().unwrap_or(0.0).to_string()
                    disabled=move || range.get().is_none_or(|r| r.1 <= r.0)
                    on:input=move |ev| { if let Some(v) = read(&ev) { active.set(Some((knob, v))); } }
                    on:change=release/>
                <output data-testid=format!("whatif-{}-value", knob.key())>{move || value.get().map(|v| shown(knob, lang.get(), v)).unwrap_or_default()}</output>
                <datalist id=list_id>{move || ticks().into_iter().map(|v| view! { <option value=v.to_string()></option> }).collect_view()}</datalist>
            </label>
        }
    };

    // The live figures: for the knob last moved, else the coverage knob at
    // its start.
    let figures = Memo::new(move |_| {
        let (knob, v) = match active.get() {
            Some(a) => a,
            None => {
                let r =
                    curves.with(|cs| curve_of(cs, Knob::CoverageShare).and_then(Curve::range))?;
                let p = solved_policy.get()?;
                (
                    Knob::CoverageShare,
                    start_value(Knob::CoverageShare, &p, plan_cost.get(), r),
                )
            }
        };
        curves.with(|cs| {
            let c = curve_of(cs, knob)?;
            Some(match c.estimate(v) {
                Estimate::Exact(o) => (
                    "exact",
                    (o.cost_yuan, o.cost_yuan),
                    (o.coverage, o.coverage),
                    None,
                ),
                Estimate::Between {
                    low,
                    high,
                    cost,
                    coverage,
                } => (
                    "between",
                    cost,
                    coverage,
                    Some((knob, low.value, high.value)),
                ),
                Estimate::Unreachable => (
                    "unreachable",
                    (f64::NAN, f64::NAN),
                    (f64::NAN, f64::NAN),
                    None,
                ),
                Estimate::Unknown => ("unknown", (f64::NAN, f64::NAN), (f64::NAN, f64::NAN), None),
            })
        })
    });
    let kind = move || figures.with(|f| f.as_ref().map_or("unknown", |f| f.0));
    let cost_text = move || {
        let l = lang.get();
        figures.with(|f| match f {
            Some(("exact", c, _, _)) => money(l, c.0),
            Some(("between", c, _, _)) => format!("{} – {}", money(l, c.0), money(l, c.1)),
            Some(("unreachable", ..)) => t(l, "whatif_unreachable").to_string(),
            _ => "…".into(),
        })
    };
    let coverage_text = move || {
        figures.with(|f| match f {
            Some(("exact", _, c, _)) => format!("{:.2}%", c.0 * 100.0),
            Some(("between", _, c, _)) => format!("{:.2}% – {:.2}%", c.0 * 100.0, c.1 * 100.0),
            Some(("unreachable", ..)) => "—".into(),
            _ => "…".into(),
        })
    };
    let note = move || {
        let l = lang.get();
        figures.with(|f| match f {
            Some(("exact", ..)) => t(l, "whatif_exact").to_string(),
            Some(("between", _, _, Some((knob, a, b)))) => format!(
                "{} {} – {}",
                t(l, "whatif_between"),
                shown(*knob, l, *a),
                shown(*knob, l, *b)
            ),
            _ => String::new(),
        })
    };
    let status = move || {
        let l = lang.get();
        match state.get() {
            Sweep::Idle => t(l, "whatif_idle").to_string(),
            Sweep::Running(n) => format!("{} ({n})…", t(l, "whatif_building")),
            Sweep::Done => t(l, "whatif_done").to_string(),
            Sweep::Failed(p) => p.text(l).to_string(),
        }
    };
    let bound = move |pick: fn(&Figures) -> f64| {
        move || {
            figures.with(|f| {
                f.as_ref()
                    .map(pick)
                    .filter(|x| x.is_finite())
                    .map(|x| x.to_string())
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <section class="panel whatif" data-testid="whatif-panel">
            <h2>{move || t(lang.get(), "whatif_title")}</h2>
            <p class="muted">{move || t(lang.get(), "whatif_hint")}</p>
            <p class="muted" role="status" data-testid="whatif-status" data-state=move || match state.get() {
                Sweep::Idle => "idle", Sweep::Running(_) => "running", Sweep::Done => "done", Sweep::Failed(_) => "failed" }>
                {move || matches!(state.get(), Sweep::Running(_)).then(|| view! { <span class="spinner"></span> })}
                {status}
            </p>
            <div class="whatif-knobs">
                {slider(Knob::CoverageShare)}
                {slider(Knob::BedsPer1000)}
                {slider(Knob::Budget)}
            </div>
            <dl class="whatif-figures" data-state=kind>
                <dt>{move || t(lang.get(), "whatif_cost")}</dt>
                <dd data-testid="whatif-cost" data-state=kind data-low=bound(|f| f.1 .0) data-high=bound(|f| f.1 .1)>{cost_text}</dd>
                <dt>{move || t(lang.get(), "whatif_coverage")}</dt>
                <dd data-testid="whatif-coverage" data-state=kind data-low=bound(|f| f.2 .0) data-high=bound(|f| f.2 .1)>{coverage_text}</dd>
            </dl>
            <p class="muted" data-testid="whatif-note">{note}</p>
        </section>
    }
}
