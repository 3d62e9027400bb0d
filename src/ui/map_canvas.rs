//! The main map: shading and layer controls, before/after, pan and zoom by
//! mouse (drag, wheel), touch (drag, pinch) and keyboard, tooltips found by
//! hit-testing (`view::hit`), and a click on a facility to show its
//! catchment. Painting is `map_paint`'s.

use super::map_legend::MapLegend;
use super::map_paint::{marker_radius, paint, Scene, Transform, Visible};
use crate::i18n::{t, Lang};
use crate::report::PlanReport;
use crate::view::hit::{Hit, HitIndex};
use crate::view::map_layers::MapLayers;
use crate::view::palette::{
    density_colour, e2sfca_colour, minutes_colour, COVERED, NOT_COVERED, UNREACHABLE,
};
use crate::view::tooltip::{tooltip, Tooltip, ZoneFigures};
use crate::view::viewport::Viewport;
use leptos::prelude::*;
use std::sync::Arc;

/// What the zones are shaded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// Minutes to the nearest medical service point.
    Minutes,
    /// Within the coverage threshold or not.
    Coverage,
    /// E2SFCA accessibility.
    E2sfca,
    /// Residents per km².
    Density,
}

impl Shade {
    const ALL: [(Shade, &'static str, &'static str); 4] = [
        (Shade::Minutes, "minutes", "layer_minutes"),
        (Shade::Coverage, "coverage", "layer_coverage"),
        (Shade::E2sfca, "e2sfca", "layer_e2sfca"),
        (Shade::Density, "density", "layer_density"),
    ];
}

/// Figures the map shades and quotes, prepared by the app.
#[derive(Clone, Copy)]
pub struct MapFigures {
    /// Minutes to the nearest service point of the view shown (before or after).
    pub minutes: Memo<Vec<Option<f64>>>,
    /// Minutes before the plan (tooltips).
    pub minutes_before: Memo<Vec<Option<f64>>>,
    /// E2SFCA of the view shown; `None` until computed.
    pub e2sfca: Memo<Option<Arc<Vec<f64>>>>,
    /// E2SFCA before the plan, when computed.
    pub e2sfca_before: Memo<Option<Arc<Vec<f64>>>>,
    /// Zones of the catchment to highlight.
    pub catchment: Memo<Arc<Vec<usize>>>,
    /// The legend's words for it (an i18n key: a service point's, or an
    /// emergency centre's).
    pub catchment_label: Signal<&'static str>,
    /// The coverage threshold (minutes).
    pub threshold: Signal<f64>,
}

/// One pointer on the canvas (for drag and pinch): id and position.
type Pointer = (i32, f64, f64);

#[component]
pub fn MapCanvas(
    layers: Arc<MapLayers>,
    lang: ReadSignal<Lang>,
    shade: RwSignal<Shade>,
    figures: MapFigures,
    /// The selected facility (index into the layers' facilities).
    selected: RwSignal<Option<usize>>,
    visible: RwSignal<Visible>,
    report: Memo<Option<Arc<PlanReport>>>,
    show_after: RwSignal<bool>,
    /// A click places a new candidate site (the data editor's mode).
    placing: RwSignal<bool>,
    /// Where it was placed (`[lon, lat]`).
    on_place: Callback<[f64; 2]>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let tf = RwSignal::new(Transform::NONE);
    let pointers: StoredValue<Vec<Pointer>> = StoredValue::new(vec![]);
    let down_at: StoredValue<Option<(f64, f64)>> = StoredValue::new(None);
    let viewport: StoredValue<Option<Viewport>> = StoredValue::new(None);
    let index = StoredValue::new(Arc::new(HitIndex::new(&layers)));
    let layers = StoredValue::new(layers);
    let hover: RwSignal<Option<(Hit, f64, f64)>> = RwSignal::new(None);
    let resized = super::canvas::resize_signal();

    Effect::new(move |_| {
        resized.track();
        let lang = lang.get();
        let which = shade.get();
        let transform = tf.get();
        let vis = visible.get();
        let sel = selected.get();
        let plan = if show_after.get() { report.get() } else { None };
        let e2 = figures.e2sfca.get();
        let catchment = figures.catchment.get();
        let threshold = figures.threshold.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        figures.minutes.with(|zm| {
            layers.with_value(|l| {
                let shade_of = |i: usize| match which {
                    Shade::Density => density_colour(l.zones[i].density),
                    Shade::Minutes => minutes_colour(zm.get(i).copied().flatten()),
                    Shade::Coverage => match zm.get(i).copied().flatten() {
                        Some(m) if m <= threshold => COVERED,
                        Some(_) => NOT_COVERED,
                        None => UNREACHABLE,
                    },
                    Shade::E2sfca => e2
                        .as_ref()
                        .and_then(|e| e.get(i))
                        .map_or(UNREACHABLE, |a| e2sfca_colour(*a)),
                };
                let scene = Scene {
                    layers: l,
                    lang,
                    shade: &shade_of,
                    visible: vis,
                    catchment: &catchment,
                    selected: sel,
                    plan: plan.as_deref(),
                    transform,
                    legend_inset: true,
                };
                match paint(&canvas, &scene) {
                    Ok(v) => viewport.set_value(Some(v)),
                    Err(e) => web_sys::console::error_1(&format!("map drawing failed: {e}").into()),
                }
            });
        });
    });

    let hit_at = move |x: f64, y: f64| -> Option<Hit> {
        let v = viewport.get_value()?;
        let p = v.to_lonlat(x, y);
        let deg = v.km_per_px() / 110.574;
        let idx = index.get_value();
        // Hidden markers are not there to hover or click.
        let markers = visible.with_untracked(|v| v.facilities);
        layers.with_value(|l| {
            idx.at(p, deg, |i| {
                if markers {
                    marker_radius(l, i)
                } else {
                    f64::NEG_INFINITY
                }
            })
        })
    };
    let size = move || {
        canvas_ref
            .get()
            .map_or((800.0, 600.0), |c| (c.width() as f64, c.height() as f64))
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        // Only the primary mouse button drags (a right-click's menu may swallow its release).
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let p = (ev.pointer_id(), ev.offset_x() as f64, ev.offset_y() as f64);
        pointers.update_value(|ps| {
            ps.retain(|q| q.0 != p.0);
            ps.push(p);
        });
        down_at.set_value(Some((p.1, p.2)));
        if let Some(c) = canvas_ref.get() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (id, x, y) = (ev.pointer_id(), ev.offset_x() as f64, ev.offset_y() as f64);
        if ev.pointer_type() == "mouse" && ev.buttons() == 0 {
            // No button held: a release we never saw; stop dragging.
            pointers.update_value(|ps| ps.retain(|p| p.0 != id));
        }
        let before = pointers.get_value();
        match before.as_slice() {
            [a, b] if a.0 == id || b.0 == id => {
                // Pinch: zoom by the change of distance about the midpoint, pan by its move.
                let (other, me) = if a.0 == id { (b, a) } else { (a, b) };
                let d0 = ((me.1 - other.1).powi(2) + (me.2 - other.2).powi(2)).sqrt();
                let d1 = ((x - other.1).powi(2) + (y - other.2).powi(2)).sqrt();
                let (mx0, my0) = ((me.1 + other.1) / 2.0, (me.2 + other.2) / 2.0);
                let (mx1, my1) = ((x + other.1) / 2.0, (y + other.2) / 2.0);
                if d0 > 1.0 && d1 > 1.0 {
                    tf.update(|t| *t = t.zoom_at(d1 / d0, mx0, my0).pan(mx1 - mx0, my1 - my0));
                }
                hover.set(None);
            }
            [a] if a.0 == id => {
                tf.update(|t| *t = t.pan(x - a.1, y - a.2));
                hover.set(None);
            }
            _ => {
                hover.set(hit_at(x, y).map(|h| (h, x, y)));
                return;
            }
        }
        pointers.update_value(|ps| {
            if let Some(p) = ps.iter_mut().find(|p| p.0 == id) {
                *p = (id, x, y);
            }
        });
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let (x, y) = (ev.offset_x() as f64, ev.offset_y() as f64);
        let single = pointers.with_value(|ps| ps.len() == 1);
        pointers.update_value(|ps| ps.retain(|p| p.0 != ev.pointer_id()));
        if let (true, Some((x0, y0))) = (single, down_at.get_value()) {
            if (x - x0).abs() + (y - y0).abs() < 5.0 && placing.get_untracked() {
                if let Some(v) = viewport.get_value() {
                    placing.set(false);
                    on_place.run(v.to_lonlat(x, y));
                }
            } else if (x - x0).abs() + (y - y0).abs() < 5.0 {
                // A click: select the facility under it (again: deselect).
                let pick = match hit_at(x, y) {
                    Some(Hit::Facility(i)) if selected.get_untracked() != Some(i) => Some(i),
                    _ => None,
                };
                selected.set(pick);
                if pick.is_some() {
                    visible.update(|v| v.catchments = true);
                }
                // Fingers cannot hover: a tap shows the tooltip.
                if ev.pointer_type() != "mouse" {
                    hover.set(hit_at(x, y).map(|h| (h, x, y)));
                }
            }
        }
        down_at.set_value(None);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let (w, h) = size();
        let step = 60.0;
        let now = tf.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" => Some(now.pan(step, 0.0)),
            "ArrowRight" => Some(now.pan(-step, 0.0)),
            "ArrowUp" => Some(now.pan(0.0, step)),
            "ArrowDown" => Some(now.pan(0.0, -step)),
            "+" | "=" => Some(now.zoom_at(1.5, w / 2.0, h / 2.0)),
            "-" | "_" => Some(now.zoom_at(1.0 / 1.5, w / 2.0, h / 2.0)),
            "0" => Some(Transform::NONE),
            "Escape" => {
                selected.set(None);
                None
            }
            _ => None,
        };
        if let Some(n) = next {
            ev.prevent_default();
            hover.set(None);
            tf.set(n);
        }
    };
    let tip = move || -> Option<(Tooltip, f64, f64, bool)> {
        let (hit, x, y) = hover.get()?;
        let plan = if show_after.get() { report.get() } else { None };
        let e2 = figures.e2sfca_before.get();
        let threshold = figures.threshold.get();
        let lang = lang.get();
        let tip = figures.minutes_before.with(|mb| {
            layers.with_value(|l| {
                let fig = ZoneFigures {
                    minutes_before: mb,
                    e2sfca_before: e2.as_deref().map(|v| v.as_slice()),
                    threshold,
                };
                tooltip(l, hit, &fig, plan.as_deref(), lang)
            })
        });
        Some((tip, x, y, matches!(hit, Hit::Facility(_))))
    };
    let layer_box = move |key: &'static str,
                          get: fn(&Visible) -> bool,
                          set: fn(&mut Visible, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" data-testid=format!("layer-{}", key.trim_start_matches("layer_"))
                    prop:checked=move || get(&visible.get())
                    on:change=move |ev| { let on = event_target_checked(&ev); visible.update(|v| set(v, on)); }/>
                {move || t(lang.get(), key)}
            </label>
        }
    };

    view! {
        <section class="panel map-panel">
            <div class="panel-head">
                <h2>{move || t(lang.get(), "map_title")}</h2>
                <label class="layer-pick">
                    <span>{move || t(lang.get(), "layer")}</span>
                    <select
                        data-testid="layer-select"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((s, _, _)) = Shade::ALL.iter().find(|(_, k, _)| *k == v) {
                                shade.set(*s);
                            }
                        }
                    >
                        {Shade::ALL.iter().map(|&(s, value, label)| view! {
                            <option value=value selected=move || shade.get() == s>{move || t(lang.get(), label)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="layer-pick">
                    <span>{move || t(lang.get(), "view_label")}</span>
                    <select data-testid="before-after" disabled=move || report.with(|r| r.is_none())
                        on:change=move |ev| show_after.set(event_target_value(&ev) == "after")>
                        <option value="before" selected=move || !show_after.get()>{move || t(lang.get(), "view_before")}</option>
                        <option value="after" selected=move || show_after.get()>{move || t(lang.get(), "view_after")}</option>
                    </select>
                </label>
            </div>
            <div class="layer-boxes" role="group" aria-label=move || t(lang.get(), "layers_label")>
                {layer_box("layer_counties", |v| v.counties, |v, on| v.counties = on)}
                {layer_box("layer_facilities", |v| v.facilities, |v, on| v.facilities = on)}
                {layer_box("layer_flows", |v| v.flows, |v, on| v.flows = on)}
                {layer_box("layer_catchments", |v| v.catchments, |v, on| v.catchments = on)}
            </div>
            <div class="map-wrap">
                <div class="map-box">
                    <canvas
                        node_ref=canvas_ref
                        class="map"
                        class:placing=move || placing.get()
                        data-testid="map"
                        role="img"
                        tabindex="0"
                        aria-label=move || format!("{} — {}", t(lang.get(), "map_title"), t(lang.get(), "zoom_hint"))
                        on:wheel=move |ev: web_sys::WheelEvent| {
                            ev.prevent_default();
                            hover.set(None);
                            let f = 1.0015f64.powf(-ev.delta_y());
                            tf.update(|t| *t = t.zoom_at(f, ev.offset_x() as f64, ev.offset_y() as f64));
                        }
                        on:pointerdown=on_down
                        on:pointermove=on_move
                        on:pointerup=on_up
                        on:pointercancel=move |ev: web_sys::PointerEvent| pointers.update_value(|ps| ps.retain(|p| p.0 != ev.pointer_id()))
                        on:lostpointercapture=move |ev: web_sys::PointerEvent| pointers.update_value(|ps| ps.retain(|p| p.0 != ev.pointer_id()))
                        on:pointerleave=move |_| hover.set(None)
                        on:keydown=on_key
                    ></canvas>
                    <div class="zoom-buttons">
                        <button data-testid="zoom-in" aria-label=move || t(lang.get(), "zoom_in") on:click=move |_| {
                            let (w, h) = size();
                            tf.update(|t| *t = t.zoom_at(1.5, w / 2.0, h / 2.0));
                        }>"+"</button>
                        <button data-testid="zoom-out" aria-label=move || t(lang.get(), "zoom_out") on:click=move |_| {
                            let (w, h) = size();
                            tf.update(|t| *t = t.zoom_at(1.0 / 1.5, w / 2.0, h / 2.0));
                        }>"−"</button>
                        <button data-testid="zoom-reset" on:click=move |_| tf.set(Transform::NONE)>{move || t(lang.get(), "reset_view")}</button>
                    </div>
                    {move || tip().map(|(tip, x, y, facility)| {
                        let (w, _) = size();
                        // Beside the pointer, kept inside the map.
                        let left = (if x > w - 260.0 { x - 250.0 } else { x + 14.0 }).clamp(4.0, (w - 244.0).max(4.0));
                        view! {
                            <div class="tooltip" data-testid="map-tooltip" style=format!("left:{left:.0}px;top:{:.0}px", y + 14.0)>
                                <strong>{tip.title}</strong>
                                <dl>{tip.lines.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}</dl>
                                {facility.then(|| view! { <small>{move || t(lang.get(), "tip_click")}</small> })}
                            </div>
                        }
                    })}
                    <Show when=move || shade.get() == Shade::E2sfca && figures.e2sfca.with(|e| e.is_none())>
                        <p class="map-busy">{move || t(lang.get(), "computing")}</p>
                    </Show>
                </div>
                <MapLegend lang=lang shade=shade threshold=figures.threshold
                    show_plan=Signal::derive(move || show_after.get() && report.with(|r| r.is_some()))
                    show_catchment=Signal::derive(move || visible.get().catchments && figures.catchment.with(|c| !c.is_empty()))
                    catchment_label=figures.catchment_label/>
            </div>
        </section>
    }
}
