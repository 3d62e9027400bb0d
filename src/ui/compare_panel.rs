//! Two scenarios side by side: the open one (A) and another (B), each with
//! its last optimised plan, as two maps zoomed and panned together (minutes
//! after the plan, plan drawn) and per-county indicator deltas B − A.

use super::map_paint::{paint, Scene, Transform, Visible};
use super::scenario_bar::Scenarios;
use crate::i18n::{group_digits, money_scale, t, Lang};
use crate::report::PlanReport;
use crate::view::map_layers::MapLayers;
use crate::view::palette::minutes_colour;
use leptos::prelude::*;
use std::sync::Arc;

/// A map of one plan. Both maps share one zoom and pan (`tf`), so the same
/// place is compared: wheel to zoom, drag to pan, double-click to reset.
#[component]
fn PlanMap(
    layers: StoredValue<Arc<MapLayers>>,
    report: Signal<Option<Arc<PlanReport>>>,
    lang: ReadSignal<Lang>,
    tf: RwSignal<Transform>,
    testid: &'static str,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let drag: StoredValue<Option<(f64, f64)>> = StoredValue::new(None);
    let resized = super::canvas::resize_signal();
    Effect::new(move |_| {
        resized.track();
        let transform = tf.get();
        let l = lang.get();
        let (Some(canvas), Some(r)) = (canvas_ref.get(), report.get()) else {
            return;
        };
        layers.with_value(|layers| {
            let shade = |i: usize| minutes_colour(r.zone_minutes_after.get(i).copied().flatten());
            let scene = Scene {
                layers,
                lang: l,
                shade: &shade,
                visible: Visible {
                    catchments: false,
                    ..Visible::default()
                },
                catchment: &[],
                selected: None,
                plan: Some(&r),
                transform,
                legend_inset: false,
            };
            if let Err(e) = paint(&canvas, &scene) {
                web_sys::console::error_1(&format!("comparison map drawing failed: {e}").into());
            }
        });
    });
    view! {
        <canvas node_ref=canvas_ref class="map compare-map" data-testid=testid role="img"
            aria-label=move || t(lang.get(), "compare_zoom_hint") title=move || t(lang.get(), "compare_zoom_hint")
            on:wheel=move |ev: web_sys::WheelEvent| {
                ev.prevent_default();
                let f = 1.0015f64.powf(-ev.delta_y());
                tf.update(|t| *t = t.zoom_at(f, ev.offset_x() as f64, ev.offset_y() as f64));
            }
            on:pointerdown=move |ev: web_sys::PointerEvent| {
                if ev.button() == 0 {
                    drag.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
                }
            }
            on:pointermove=move |ev: web_sys::PointerEvent| {
                if let Some((x0, y0)) = drag.get_value() {
                    if ev.buttons() == 0 {
                        drag.set_value(None);
                        return;
                    }
                    let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
                    drag.set_value(Some((x, y)));
                    tf.update(|t| *t = t.pan(x - x0, y - y0));
                }
            }
            on:pointerup=move |_| drag.set_value(None)
            on:pointerleave=move |_| drag.set_value(None)
            on:dblclick=move |_| tf.set(Transform::NONE)
        ></canvas>
    }
}

fn fmt_delta(d: f64, digits: usize, suffix: &str) -> String {
    if d.abs() < 0.5 * 10f64.powi(-(digits as i32)) {
        "–".into()
    } else {
        format!("{:+.*}{suffix}", digits, d)
    }
}

#[component]
pub fn ComparePanel(
    sc: Scenarios,
    /// The open scenario's plan.
    report: Memo<Option<Arc<PlanReport>>>,
    layers: Arc<MapLayers>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let layers = StoredValue::new(layers);
    let tf = RwSignal::new(Transform::NONE);
    let other: RwSignal<String> = RwSignal::new(String::new());
    // A memo: autosave rewrites `sc.all` on every edit; B's map repaints only when its plan changes.
    let report_b: Memo<Option<Arc<PlanReport>>> = Memo::new(move |_| {
        let id = other.get();
        sc.all.with(|a| {
            a.iter()
                .find(|s| s.id == id)
                .and_then(|s| s.result.as_ref())
                .and_then(|r| r.reply.report.clone())
                .map(Arc::new)
        })
    });
    let name_of = move |id: &str| {
        sc.all
            .with(|a| a.iter().find(|s| s.id == id).map(|s| s.name.clone()))
            .unwrap_or_default()
    };
    let rows = move || {
        let l = lang.get();
        let (Some(a), Some(b)) = (report.get(), report_b.get()) else {
            return None;
        };
        let (div, _) = money_scale(l);
        // 万元 read as whole numbers; million yuan need two decimals.
        let digits = if l == Lang::Zh { 0 } else { 2 };
        let amount = move |x: f64| {
            if digits == 0 {
                group_digits(x)
            } else {
                format!("{x:.2}")
            }
        };
        let mut out = vec![view! {
            <tr class="total">
                <th scope="row">{t(l, "compare_total")}</th>
                <td class="num">{format!("{} → {}", amount(a.cost_yuan / div), amount(b.cost_yuan / div))}</td>
                <td class="num delta">{fmt_delta((b.cost_yuan - a.cost_yuan) / div, digits, "")}</td>
                <td class="num">{format!("{:.1}% → {:.1}%", a.coverage.1 * 100.0, b.coverage.1 * 100.0)}</td>
                <td class="num delta">{fmt_delta((b.coverage.1 - a.coverage.1) * 100.0, 1, "")}</td>
                <td></td><td></td><td></td><td></td>
            </tr>
        }
        .into_any()];
        for (ua, ub) in a.units.iter().zip(&b.units) {
            let name = match (l, &ua.name_en) {
                (Lang::En, Some(en)) => en.clone(),
                _ => ua.name.clone(),
            };
            out.push(
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td></td><td></td>
                        <td class="num">{format!("{:.1}% → {:.1}%", ua.coverage.1 * 100.0, ub.coverage.1 * 100.0)}</td>
                        <td class="num delta">{fmt_delta((ub.coverage.1 - ua.coverage.1) * 100.0, 1, "")}</td>
                        <td class="num">{format!("{:.2} → {:.2}", ua.beds_per_1000.1, ub.beds_per_1000.1)}</td>
                        <td class="num delta">{fmt_delta(ub.beds_per_1000.1 - ua.beds_per_1000.1, 2, "")}</td>
                        <td class="num">{format!("{:.2} → {:.2}", ua.doctors_per_1000.1, ub.doctors_per_1000.1)}</td>
                        <td class="num delta">{fmt_delta(ub.doctors_per_1000.1 - ua.doctors_per_1000.1, 2, "")}</td>
                    </tr>
                }
                .into_any(),
            );
        }
        Some(out)
    };
    let others = move || {
        let open = sc.current.get();
        sc.all.with(|a| {
            a.iter()
                .filter(|s| s.id != open)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel compare-panel" data-testid="compare-panel">
            <h2>{move || t(lang.get(), "compare_title")}</h2>
            <label class="row">
                <span>{move || t(lang.get(), "compare_with")}</span>
                <select data-testid="compare-select" on:change=move |ev| other.set(event_target_value(&ev))>
                    <option value="" selected=move || other.get().is_empty()>{move || format!("— {} —", t(lang.get(), "compare_pick"))}</option>
                    <For each=others
                        key=|s| (s.id.clone(), s.name.clone(), s.result.is_some()) let:s>
                        <option value=s.id.clone() selected=move || other.get() == s.id>{s.name.clone()}</option>
                    </For>
                </select>
            </label>
            <Show when=move || !other.get().is_empty() && (report.with(|r| r.is_none()) || report_b.with(|r| r.is_none()))>
                <p class="muted" data-testid="compare-needs-plan">{move || t(lang.get(), "compare_needs_plan")}</p>
            </Show>
            <Show when=move || report.with(|r| r.is_some()) && report_b.with(|r| r.is_some())>
                <div class="compare-maps">
                    <figure>
                        <figcaption>{move || format!("{} · {}", t(lang.get(), "compare_a"), name_of(&sc.current.get()))}</figcaption>
                        <PlanMap layers=layers report=Signal::derive(move || report.get()) lang=lang tf=tf testid="compare-map-a"/>
                    </figure>
                    <figure>
                        <figcaption>{move || format!("{} · {}", t(lang.get(), "compare_b"), name_of(&other.get()))}</figcaption>
                        <PlanMap layers=layers report=Signal::from(report_b) lang=lang tf=tf testid="compare-map-b"/>
                    </figure>
                </div>
                <div class="scroll" tabindex="0" role="region" aria-label=move || t(lang.get(), "compare_title")>
                    <table data-testid="compare-table">
                        <thead><tr>
                            <th>{move || t(lang.get(), "unit_name")}</th>
                            <th colspan="2">{move || format!("{} ({})", t(lang.get(), "cost_total"), money_scale(lang.get()).1)}</th>
                            <th colspan="2">{move || t(lang.get(), "coverage_short")}</th>
                            <th colspan="2">{move || t(lang.get(), "beds_per_1000")}</th>
                            <th colspan="2">{move || t(lang.get(), "doctors_per_1000")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="muted">{move || format!("A → B · {}", t(lang.get(), "compare_delta"))}</p>
            </Show>
        </section>
    }
}
