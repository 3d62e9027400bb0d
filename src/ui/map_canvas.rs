//! The base map, painted with plotters on a canvas: zones shaded by
//! population density, county boundaries and names, facilities by tier.
//! Redrawn when the canvas is resized or the language changes.

use crate::i18n::{t, tier_name, Lang};
use crate::report::{DecisionKind, PlanReport};
use crate::scenario::{Area, Tier};
use crate::view::map_layers::MapLayers;
use crate::view::palette::{
    css, density_colour, minutes_colour, tier_colour, tier_radius, DENSITY_CLASSES, MINUTE_CLASSES,
    UNREACHABLE,
};
use crate::view::viewport::Viewport;
use leptos::prelude::*;
use plotters::prelude::*;
use std::sync::Arc;

/// Zoom and pan on top of the fitted view: pixel p ↦ zoom · p + (dx, dy).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Transform {
    zoom: f64,
    dx: f64,
    dy: f64,
}

impl Transform {
    const NONE: Transform = Transform {
        zoom: 1.0,
        dx: 0.0,
        dy: 0.0,
    };
    fn zoom_at(self, f: f64, x: f64, y: f64) -> Transform {
        let f = f.clamp(0.5 / self.zoom, 40.0 / self.zoom);
        Transform {
            zoom: self.zoom * f,
            dx: f * self.dx + (1.0 - f) * x,
            dy: f * self.dy + (1.0 - f) * y,
        }
    }
    fn pan(self, x: f64, y: f64) -> Transform {
        Transform {
            dx: self.dx + x,
            dy: self.dy + y,
            ..self
        }
    }
    fn apply(self, v: Viewport) -> Viewport {
        v.zoomed(self.zoom, 0.0, 0.0).panned(self.dx, self.dy)
    }
}

/// What the zones are shaded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Residents per km².
    Density,
    /// Minutes to the nearest medical service point.
    Minutes,
}

#[component]
pub fn MapCanvas(
    layers: MapLayers,
    lang: ReadSignal<Lang>,
    layer: RwSignal<Layer>,
    zone_minutes: Memo<Vec<Option<f64>>>,
    report: Memo<Option<Arc<PlanReport>>>,
    show_after: RwSignal<bool>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let tf = RwSignal::new(Transform::NONE);
    let drag: StoredValue<Option<(f64, f64)>> = StoredValue::new(None);
    let layers = StoredValue::new(layers);
    let (resized, set_resized) = signal(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        set_resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());

    Effect::new(move |_| {
        resized.track();
        let lang = lang.get();
        let which = layer.get();
        let transform = tf.get();
        let overlay = if show_after.get() { report.get() } else { None };
        if let Some(canvas) = canvas_ref.get() {
            zone_minutes.with(|zm| {
                let shade = |i: usize, density: f64| match which {
                    Layer::Density => density_colour(density),
                    Layer::Minutes => minutes_colour(zm.get(i).copied().flatten()),
                };
                layers.with_value(|l| {
                    if let Err(e) = paint(&canvas, l, lang, &shade, transform, overlay.as_deref()) {
                        web_sys::console::error_1(&format!("map drawing failed: {e}").into());
                    }
                });
            });
        }
    });

    view! {
        <section class="panel map-panel">
            <div class="panel-head">
                <h2>{move || t(lang.get(), "map_title")}</h2>
                <label class="layer-pick">
                    <span>{move || t(lang.get(), "layer")}</span>
                    <select
                        data-testid="layer-select"
                        on:change=move |ev| layer.set(if event_target_value(&ev) == "density" { Layer::Density } else { Layer::Minutes })
                    >
                        <option value="minutes" selected=move || layer.get() == Layer::Minutes>{move || t(lang.get(), "layer_minutes")}</option>
                        <option value="density" selected=move || layer.get() == Layer::Density>{move || t(lang.get(), "layer_density")}</option>
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
            <div class="map-wrap">
                <canvas
                    node_ref=canvas_ref
                    class="map"
                    data-testid="map"
                    role="img"
                    tabindex="0"
                    aria-label=move || format!("{} — {}", t(lang.get(), "map_title"), t(lang.get(), "zoom_hint"))
                    title=move || t(lang.get(), "zoom_hint")
                    on:wheel=move |ev: web_sys::WheelEvent| {
                        ev.prevent_default();
                        let f = 1.0015f64.powf(-ev.delta_y());
                        tf.update(|t| *t = t.zoom_at(f, ev.offset_x() as f64, ev.offset_y() as f64));
                    }
                    on:pointerdown=move |ev: web_sys::PointerEvent| {
                        drag.set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
                    }
                    on:pointermove=move |ev: web_sys::PointerEvent| {
                        if let Some((x0, y0)) = drag.get_value() {
                            let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
                            drag.set_value(Some((x, y)));
                            tf.update(|t| *t = t.pan(x - x0, y - y0));
                        }
                    }
                    on:pointerup=move |_| drag.set_value(None)
                    on:pointerleave=move |_| drag.set_value(None)
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        let (w, h) = canvas_ref.get().map_or((800.0, 600.0), |c| (c.width() as f64, c.height() as f64));
                        let step = 60.0;
                        let next = match ev.key().as_str() {
                            "ArrowLeft" => Some(tf.get_untracked().pan(step, 0.0)),
                            "ArrowRight" => Some(tf.get_untracked().pan(-step, 0.0)),
                            "ArrowUp" => Some(tf.get_untracked().pan(0.0, step)),
                            "ArrowDown" => Some(tf.get_untracked().pan(0.0, -step)),
                            "+" | "=" => Some(tf.get_untracked().zoom_at(1.5, w / 2.0, h / 2.0)),
                            "-" | "_" => Some(tf.get_untracked().zoom_at(1.0 / 1.5, w / 2.0, h / 2.0)),
                            "0" => Some(Transform::NONE),
                            _ => None,
                        };
                        if let Some(n) = next {
                            ev.prevent_default();
                            tf.set(n);
                        }
                    }
                ></canvas>
                <div class="zoom-buttons">
                    <button data-testid="zoom-in" aria-label="+" on:click=move |_| {
                        let (w, h) = canvas_ref.get().map_or((800.0, 600.0), |c| (c.width() as f64, c.height() as f64));
                        tf.update(|t| *t = t.zoom_at(1.5, w / 2.0, h / 2.0));
                    }>"+"</button>
                    <button data-testid="zoom-out" aria-label="−" on:click=move |_| {
                        let (w, h) = canvas_ref.get().map_or((800.0, 600.0), |c| (c.width() as f64, c.height() as f64));
                        tf.update(|t| *t = t.zoom_at(1.0 / 1.5, w / 2.0, h / 2.0));
                    }>"−"</button>
                    <button data-testid="zoom-reset" on:click=move |_| tf.set(Transform::NONE)>{move || t(lang.get(), "reset_view")}</button>
                </div>
                <MapLegend lang=lang layer=layer show_plan=Signal::derive(move || show_after.get() && report.with(|r| r.is_some()))/>
            </div>
        </section>
    }
}

#[component]
fn MapLegend(
    lang: ReadSignal<Lang>,
    layer: RwSignal<Layer>,
    show_plan: Signal<bool>,
) -> impl IntoView {
    let tiers = Tier::ALL
        .iter()
        .rev()
        .map(|&tier| {
            let r = tier_radius(tier).max(2.5) * 2.0;
            let style = format!(
                "background:{};width:{r}px;height:{r}px",
                css(tier_colour(tier))
            );
            view! {
                <li><span class="dot" style=style></span>{move || tier_name(lang.get(), tier)}</li>
            }
        })
        .collect_view();
    let swatch = |c: (u8, u8, u8), label: String| {
        view! {
            <li><span class="swatch" style=format!("background:{}", css(c))></span>{label}</li>
        }
    };
    let ramp = move || match layer.get() {
        Layer::Density => DENSITY_CLASSES
            .iter()
            .enumerate()
            .map(|(i, (lo, c))| {
                let label = match DENSITY_CLASSES.get(i + 1) {
                    Some((hi, _)) => format!("{lo}–{hi}"),
                    None => format!("≥ {lo}"),
                };
                swatch(*c, label)
            })
            .collect_view()
            .into_any(),
        Layer::Minutes => {
            let mut lo = 0.0;
            let mut items: Vec<_> = MINUTE_CLASSES
                .iter()
                .map(|(upto, c)| {
                    let label = if upto.is_finite() {
                        format!("{lo}–{upto}")
                    } else {
                        format!("> {lo}")
                    };
                    lo = *upto;
                    swatch(*c, label)
                })
                .collect();
            items.push(swatch(
                UNREACHABLE,
                t(lang.get(), "unreachable").to_string(),
            ));
            items.collect_view().into_any()
        }
    };
    let ramp_title = move || {
        t(
            lang.get(),
            match layer.get() {
                Layer::Density => "legend_density",
                Layer::Minutes => "legend_minutes",
            },
        )
    };
    view! {
        <aside class="legend" data-testid="map-legend">
            <h3>{move || t(lang.get(), "legend_title")}</h3>
            <ul class="legend-tiers">{tiers}</ul>
            <h4>{ramp_title}</h4>
            <ul class="legend-ramp">{ramp}</ul>
            <p class="legend-line"><span class="line"></span>{move || t(lang.get(), "legend_boundary")}</p>
            <Show when=move || show_plan.get()>
                <h4>{move || t(lang.get(), "legend_plan")}</h4>
                <ul class="legend-plan" data-testid="legend-plan">
                    <li><span class="dot" style=format!("background:{};width:12px;height:12px", css(NEW_SITE))></span>{move || t(lang.get(), "legend_new_site")}</li>
                    <li><span class="ring" style=format!("border-color:{}", css(MORE_BEDS))></span>{move || t(lang.get(), "legend_more_beds")}</li>
                    <li><span class="ring" style=format!("border-color:{}", css(SERVICE))></span>{move || t(lang.get(), "legend_service")}</li>
                    <li><span class="line" style=format!("border-top:3px solid {}", css(SECONDMENT))></span>{move || t(lang.get(), "legend_secondment")}</li>
                </ul>
            </Show>
        </aside>
    }
}

/// Width kept free for the floating legend on wide canvases (CSS `.legend`).
const LEGEND_INSET_PX: f64 = 236.0;
const NEW_SITE: (u8, u8, u8) = (220, 38, 38);
const MORE_BEDS: (u8, u8, u8) = (22, 163, 74);
const SERVICE: (u8, u8, u8) = (234, 88, 12);
const SECONDMENT: (u8, u8, u8) = (126, 34, 206);

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn ring_px(v: &Viewport, ring: &[[f64; 2]]) -> Vec<(i32, i32)> {
    ring.iter()
        .map(|p| {
            let (x, y) = v.to_px(*p);
            (x.round() as i32, y.round() as i32)
        })
        .collect()
}

fn exteriors(a: &Area) -> impl Iterator<Item = &Vec<[f64; 2]>> {
    a.0.iter().filter_map(|rings| rings.first())
}

/// Sizes the canvas to its box and paints every layer.
fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    l: &MapLayers,
    lang: Lang,
    shade: &dyn Fn(usize, f64) -> (u8, u8, u8),
    transform: Transform,
    overlay: Option<&PlanReport>,
) -> Result<(), Box<dyn std::error::Error>> {
    let (root, w, h) = super::canvas::drawing_area(canvas, 200, 200)?;
    root.fill(&RGBColor(244, 246, 248))?;
    // On wide screens the legend floats over the right of the canvas: keep the map clear of it.
    let legend = if w >= 700 { LEGEND_INSET_PX } else { 16.0 };
    let v = transform.apply(Viewport::fit_insets(
        l.bbox,
        w as f64,
        h as f64,
        [16.0, legend, 16.0, 16.0],
    ));

    for (i, z) in l.zones.iter().enumerate() {
        let fill = rgb(shade(i, z.density));
        match &z.area {
            Some(a) => {
                for ring in exteriors(a) {
                    root.draw(&Polygon::new(ring_px(&v, ring), fill.filled()))?;
                }
            }
            None => {
                let (x, y) = v.to_px(z.location);
                root.draw(&Circle::new((x as i32, y as i32), 2, fill.filled()))?;
            }
        }
    }
    let border = ShapeStyle {
        color: RGBColor(55, 65, 81).to_rgba(),
        filled: false,
        stroke_width: 2,
    };
    for c in &l.counties {
        for rings in &c.boundary.0 {
            for ring in rings {
                root.draw(&PathElement::new(ring_px(&v, ring), border))?;
            }
        }
    }
    for f in &l.facilities {
        let (x, y) = v.to_px(f.location);
        let r = tier_radius(f.tier);
        let colour = rgb(tier_colour(f.tier));
        if f.tier >= Tier::TownshipHealthCentre {
            root.draw(&Circle::new(
                (x as i32, y as i32),
                (r + 1.0) as i32,
                WHITE.filled(),
            ))?;
        }
        root.draw(&Circle::new(
            (x as i32, y as i32),
            r as i32,
            colour.filled(),
        ))?;
    }
    if let Some(r) = overlay {
        paint_plan(&root, &v, r)?;
    }
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let font = ("sans-serif", 14)
        .into_font()
        .color(&RGBColor(17, 24, 39))
        .pos(Pos::new(HPos::Center, VPos::Center));
    for c in &l.counties {
        let (x, y) = v.to_px(c.label_at);
        let name = match lang {
            Lang::Zh => c.name.as_str(),
            // "Huayin City" → "Huayin": short labels do not collide.
            Lang::En => c.name_en.split(' ').next().unwrap_or(&c.name_en),
        };
        let (x, y) = (x as i32, y as i32);
        // A light plate behind the name keeps it readable over markers.
        let (tw, th) = root.estimate_text_size(name, &font)?;
        let (hw, hh) = (tw as i32 / 2 + 3, th as i32 / 2 + 2);
        root.draw(&Rectangle::new(
            [(x - hw, y - hh), (x + hw, y + hh)],
            RGBColor(255, 255, 255).mix(0.75).filled(),
        ))?;
        root.draw(&Text::new(name.to_string(), (x, y), font.clone()))?;
    }
    root.present()?;
    super::canvas::mark_drawn(canvas);
    Ok(())
}

/// The plan on the map: secondment lines (width by doctors), beds and
/// services as rings, new service points as large red dots.
fn paint_plan<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    v: &Viewport,
    r: &PlanReport,
) -> Result<(), Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let px = |p: [f64; 2]| {
        let (x, y) = v.to_px(p);
        (x.round() as i32, y.round() as i32)
    };
    for d in &r.decisions {
        if let (DecisionKind::Secondment, Some((_, _, from, _))) = (d.kind, &d.from) {
            let width = (d.quantity / 12.0).clamp(1.5, 9.0) as u32;
            let style = ShapeStyle {
                color: rgb(SECONDMENT).mix(0.7),
                filled: false,
                stroke_width: width,
            };
            root.draw(&PathElement::new(vec![px(*from), px(d.location)], style))?;
        }
    }
    for d in &r.decisions {
        let at = px(d.location);
        match d.kind {
            DecisionKind::Beds => {
                let radius = (5.0 + d.quantity.sqrt() / 2.0).min(14.0) as i32;
                root.draw(&Circle::new(at, radius, rgb(MORE_BEDS).stroke_width(3)))?;
            }
            DecisionKind::Service => {
                root.draw(&Circle::new(at, 9, rgb(SERVICE).stroke_width(2)))?;
            }
            DecisionKind::OpenSite | DecisionKind::Upgrade => {
                root.draw(&Circle::new(at, 8, WHITE.filled()))?;
                root.draw(&Circle::new(at, 6, rgb(NEW_SITE).filled()))?;
            }
            _ => {}
        }
    }
    Ok(())
}
