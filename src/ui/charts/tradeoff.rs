//! The cost–coverage trade-off: built in its own solver worker (so the main
//! Optimise is never blocked), points drawn as they arrive, each point
//! clickable (on the chart or in the list) to load its plan.

use super::resize_signal;
use crate::i18n::{money, money_scale, t, Lang};
use crate::protocol::{Job, WorkerMessage};
use crate::scenario::{Policy, Scenario};
use crate::tradeoff::{PointKind, TradeOffPoint, TradeOffRequest};
use crate::ui::solver::SolverClient;
use leptos::prelude::*;
use plotters::prelude::*;
use std::sync::Arc;

/// Points asked for: floor, target and five budgets.
const POINTS: usize = 7;

#[derive(Debug, Clone, PartialEq)]
enum Sweep {
    Idle,
    Running {
        found: usize,
        total: usize,
    },
    /// Finished; coverage levels that gave no checked plan, if any.
    Done(Vec<String>),
    Failed(crate::diagnostics::Problem),
}

fn kind_colour(k: PointKind) -> RGBColor {
    match k {
        PointKind::Floor => RGBColor(120, 120, 120),
        PointKind::Target => RGBColor(200, 0, 40),
        PointKind::Level => RGBColor(21, 101, 192),
    }
}

fn kind_key(k: PointKind) -> &'static str {
    match k {
        PointKind::Floor => "point_floor",
        PointKind::Target => "point_target",
        PointKind::Level => "point_level",
    }
}

#[component]
pub fn TradeOffChart(
    scenario: StoredValue<Scenario>,
    policy: Signal<Policy>,
    lang: ReadSignal<Lang>,
    /// Loads a point's plan into the dashboard.
    on_load: Callback<Arc<TradeOffPoint>>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let points: RwSignal<Vec<Arc<TradeOffPoint>>> = RwSignal::new(vec![]);
    let state = RwSignal::new(Sweep::Idle);
    // The point last opened (by identity: points are re-sorted as they arrive).
    let picked: RwSignal<Option<Arc<TradeOffPoint>>> = RwSignal::new(None);
    // The target share of the scenario the curve was built for.
    let built_share = RwSignal::new(None::<f64>);
    // Pixel position of each point as last drawn (for clicks).
    let drawn: StoredValue<Vec<(f64, f64)>> = StoredValue::new(vec![]);
    let job = StoredValue::new(0u32);
    let client: StoredValue<Option<SolverClient>, LocalStorage> = StoredValue::new_local(None);
    let handler = move |m: WorkerMessage| match m {
        WorkerMessage::Point {
            job: j,
            point,
            total,
            ..
        } if j == job.get_value() => {
            points.update(|p| {
                p.push(Arc::new(*point));
                p.sort_by(|a, b| a.cost_yuan.total_cmp(&b.cost_yuan));
            });
            state.update(|s| {
                if let Sweep::Running { found, .. } = s {
                    *found += 1;
                }
                if let Sweep::Running { total: t, .. } = s {
                    *t = total;
                }
            });
        }
        WorkerMessage::Swept {
            job: j, skipped, ..
        } if j == job.get_value() => state.set(Sweep::Done(skipped)),
        ref m @ WorkerMessage::Failed { job: j, .. } if j == job.get_value() || j == 0 => {
            if matches!(state.get_untracked(), Sweep::Running { .. }) {
                if let Some(p) = m.failure() {
                    state.set(Sweep::Failed(p));
                }
            }
        }
        _ => {}
    };
    let build = move |_| {
        if client.with_value(|c| c.is_none()) {
            client.set_value(Some(SolverClient::new(handler)));
        }
        job.update_value(|j| *j += 1);
        points.set(vec![]);
        picked.set(None);
        state.set(Sweep::Running {
            found: 0,
            total: POINTS,
        });
        let mut s = scenario.get_value();
        s.policy = policy.get_untracked();
        built_share.set(Some(s.policy.coverage.share));
        let req = TradeOffRequest {
            job: job.get_value(),
            scenario: s,
            points: POINTS,
            time_limit: 20.0,
            mip_gap: 0.0,
        };
        client.with_value(|c| {
            if let Some(c) = c {
                c.send(&Job::TradeOff(Box::new(req)));
            }
        });
    };
    let cancel = move |_| {
        job.update_value(|j| *j += 1);
        client.with_value(|c| {
            if let Some(c) = c {
                c.restart();
            }
        });
        state.set(if points.with_untracked(|p| p.is_empty()) {
            Sweep::Idle
        } else {
            Sweep::Done(vec![])
        });
    };
    let load = move |i: usize| {
        if let Some(p) = points.with_untracked(|p| p.get(i).cloned()) {
            picked.set(Some(p.clone()));
            on_load.run(p);
        }
    };

    let resized = resize_signal();
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        let pick = picked.with(|q| {
            q.as_ref()
                .and_then(|q| points.with(|ps| ps.iter().position(|p| Arc::ptr_eq(p, q))))
        });
        let target = built_share
            .get()
            .unwrap_or_else(|| policy.with(|p| p.coverage.share));
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        points.with(|ps| match paint(&canvas, ps, target, pick, l) {
            Ok(px) => drawn.set_value(px),
            Err(e) => {
                web_sys::console::error_1(&format!("trade-off chart drawing failed: {e}").into())
            }
        });
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        let (x, y) = (ev.offset_x() as f64, ev.offset_y() as f64);
        let near = drawn.with_value(|d| {
            d.iter()
                .enumerate()
                .map(|(i, (px, py))| (i, (px - x).hypot(py - y)))
                .filter(|(_, d)| *d <= 12.0)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i)
        });
        if let Some(i) = near {
            load(i);
        }
    };
    let running = move || matches!(state.get(), Sweep::Running { .. });
    let status = move || {
        let l = lang.get();
        match state.get() {
            Sweep::Idle => String::new(),
            Sweep::Running { found, total } => {
                format!(
                    "{} {}/{} …",
                    t(l, "tradeoff_running"),
                    (found + 1).min(total),
                    total
                )
            }
            Sweep::Done(skipped) if skipped.is_empty() => {
                format!("{} {}", points.with(|p| p.len()), t(l, "tradeoff_points"))
            }
            Sweep::Done(skipped) => format!(
                "{} {} · {}: {}",
                points.with(|p| p.len()),
                t(l, "tradeoff_points"),
                t(l, "tradeoff_skipped"),
                skipped.join("; ")
            ),
            Sweep::Failed(m) => m.text(l).to_string(),
        }
    };
    view! {
        <figure class="chart tradeoff" data-testid="tradeoff-panel">
            <figcaption>{move || t(lang.get(), "chart_tradeoff")}<super::PngButton testid="tradeoff-chart" file="healthreach-tradeoff.png"/></figcaption>
            <p class="muted">{move || t(lang.get(), "tradeoff_hint")}</p>
            <div class="row buttons">
                <button data-testid="tradeoff-build" disabled=running on:click=build>{move || t(lang.get(), "tradeoff_build")}</button>
                <button data-testid="tradeoff-cancel" hidden=move || !running() on:click=cancel>{move || t(lang.get(), "cancel")}</button>
                <span class="muted" data-testid="tradeoff-status" data-state=move || match state.get() {
                    Sweep::Idle => "idle", Sweep::Running { .. } => "running", Sweep::Done(_) => "done", Sweep::Failed(_) => "failed" }
                    role="status">
                    {move || running().then(|| view! { <span class="spinner"></span> })}
                    {status}
                </span>
            </div>
            <canvas node_ref=canvas_ref class="chart-tradeoff" data-testid="tradeoff-chart" role="img"
                hidden=move || points.with(|p| p.is_empty())
                aria-label=move || t(lang.get(), "chart_tradeoff") on:click=on_click></canvas>
            <ol class="points" data-testid="tradeoff-points">
                {move || points.get().into_iter().enumerate().map(|(i, p)| {
                    let l = lang.get();
                    let label = format!("{} · {:.2}% · {}", money(l, p.cost_yuan), p.coverage * 100.0, t(l, kind_key(p.kind)));
                    view! {
                        <li><button class="link" data-testid=format!("tradeoff-point-{i}") class:picked={
                            let me = p.clone();
                            move || picked.with(|q| q.as_ref().is_some_and(|q| Arc::ptr_eq(q, &me)))
                        }
                            data-cost=p.cost_yuan.to_string() data-coverage=p.coverage.to_string() data-kind=kind_key(p.kind)
                            on:click=move |_| load(i)>{label}</button></li>
                    }
                }).collect_view()}
            </ol>
        </figure>
    }
}

/// Draws the points (cost in 100 million yuan, coverage in %) joined in
/// cost order, the target share as a line; returns each point's pixel.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    points: &[Arc<TradeOffPoint>],
    target: f64,
    picked: Option<usize>,
    lang: Lang,
) -> Result<Vec<(f64, f64)>, Box<dyn std::error::Error>> {
    if points.is_empty() {
        return Ok(vec![]);
    }
    let (root, _, _) = super::super::canvas::drawing_area(canvas, 240, 160)?;
    root.fill(&WHITE)?;
    // Axes fitted to the points (the curve is often a narrow band).
    let (div, _) = money_scale(lang);
    let (x0, x1, x_digits) = padded(points.iter().map(|p| p.cost_yuan / div));
    let (y0, y1, y_digits) = padded(points.iter().map(|p| p.coverage * 100.0));
    let (y0, y1) = (y0.max(0.0), y1.min(100.0).max(y0 + 1e-6));
    let mut chart = ChartBuilder::on(&root)
        .margin(10)
        .x_label_area_size(34)
        .y_label_area_size(52)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .x_desc(t(lang, "tradeoff_x"))
        .y_label_formatter(&|v| format!("{v:.y_digits$}%"))
        .x_label_formatter(&|v| format!("{v:.x_digits$}"))
        .x_labels(6)
        .y_labels(6)
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 11))
        .draw()?;
    let target = target * 100.0;
    if (y0..=y1).contains(&target) {
        chart.draw_series(LineSeries::new(
            [(x0, target), (x1, target)],
            RGBColor(150, 150, 150).stroke_width(1),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        points
            .iter()
            .map(|p| (p.cost_yuan / div, p.coverage * 100.0)),
        RGBColor(21, 101, 192).mix(0.5).stroke_width(2),
    ))?;
    let mut px = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let at = (p.cost_yuan / div, p.coverage * 100.0);
        let c = kind_colour(p.kind);
        let r = if picked == Some(i) { 8 } else { 5 };
        chart.draw_series([Circle::new(at, r, c.filled())])?;
        if picked == Some(i) {
            chart.draw_series([Circle::new(at, 11, c.stroke_width(2))])?;
        }
        let (x, y) = chart.backend_coord(&at);
        px.push((x as f64, y as f64));
    }
    root.present()?;
    super::super::canvas::mark_drawn(canvas);
    Ok(px)
}

/// An axis range around `values` with 8 % padding (at least 0.5 % of the
/// largest magnitude, so a single value still gets a range), and the
/// decimals its tick labels need.
fn padded(values: impl Iterator<Item = f64>) -> (f64, f64, usize) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        return (0.0, 1.0, 1);
    }
    let pad = ((hi - lo) * 0.08)
        .max(hi.abs().max(lo.abs()) * 0.0005)
        .max(1e-6);
    let span = hi - lo + 2.0 * pad;
    let digits = (1.0 - (span / 5.0).log10().floor()).clamp(0.0, 4.0) as usize;
    (lo - pad, hi + pad, digits)
}
