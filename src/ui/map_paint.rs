//! Painting a map scene with plotters on a canvas: zones shaded, 15-minute
//! catchment, county outlines, facilities by tier sized by beds, the plan
//! (new sites, beds, services, secondment flows), county names and a scale
//! bar. Used by the main map and the comparison maps.

use crate::i18n::Lang;
use crate::report::{DecisionKind, PlanReport};
use crate::scenario::{Area, Tier};
use crate::view::map_layers::MapLayers;
use crate::view::palette::{facility_radius, tier_colour, Rgb, CATCHMENT};
use crate::view::viewport::{scale_bar, Viewport};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Zoom and pan on top of the fitted view: pixel p ↦ zoom · p + (dx, dy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    pub zoom: f64,
    pub dx: f64,
    pub dy: f64,
}

impl Transform {
    pub const NONE: Transform = Transform {
        zoom: 1.0,
        dx: 0.0,
        dy: 0.0,
    };
    /// Zooms by `f` about pixel `(x, y)` (total zoom kept within 0.5–40).
    pub fn zoom_at(self, f: f64, x: f64, y: f64) -> Transform {
        let f = f.clamp(0.5 / self.zoom, 40.0 / self.zoom);
        Transform {
            zoom: self.zoom * f,
            dx: f * self.dx + (1.0 - f) * x,
            dy: f * self.dy + (1.0 - f) * y,
        }
    }
    /// Moves by `(x, y)` pixels.
    pub fn pan(self, x: f64, y: f64) -> Transform {
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

/// Which layers are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible {
    pub counties: bool,
    pub facilities: bool,
    pub flows: bool,
    pub catchments: bool,
}

impl Default for Visible {
    fn default() -> Self {
        Visible {
            counties: true,
            facilities: true,
            flows: true,
            catchments: true,
        }
    }
}

/// Everything one drawing needs.
pub struct Scene<'a> {
    pub layers: &'a MapLayers,
    pub lang: Lang,
    /// Fill of zone `i`.
    pub shade: &'a dyn Fn(usize) -> Rgb,
    pub visible: Visible,
    /// Zones of the 15-minute catchment to highlight.
    pub catchment: &'a [usize],
    /// The selected facility (index into `layers.facilities`).
    pub selected: Option<usize>,
    /// The plan to draw over the map.
    pub plan: Option<&'a PlanReport>,
    pub transform: Transform,
    /// Keep the right of wide canvases clear for the floating legend.
    pub legend_inset: bool,
}

/// Canvases at least this wide float the legend over the map's right side
/// (CSS `@container map (min-width: 700px)`); narrower ones show it below.
pub const LEGEND_FLOATS_FROM_PX: u32 = 700;
/// Width kept free for the floating legend (CSS `.legend` width + margin).
const LEGEND_INSET_PX: f64 = 236.0;
pub const NEW_SITE: Rgb = (220, 38, 38);
pub const MORE_BEDS: Rgb = (22, 163, 74);
pub const SERVICE: Rgb = (234, 88, 12);
pub const SECONDMENT: Rgb = (126, 34, 206);
pub const TELEMEDICINE: Rgb = (13, 148, 136);

fn rgb(c: Rgb) -> RGBColor {
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

/// The marker radius of facility `i` of the layers (pixels).
pub fn marker_radius(l: &MapLayers, i: usize) -> f64 {
    let f = &l.facilities[i];
    facility_radius(f.tier, f.beds)
}

/// Sizes the canvas to its box, paints the scene and returns the viewport
/// used (for hit-testing the pointer).
pub fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    sc: &Scene,
) -> Result<Viewport, Box<dyn std::error::Error>> {
    let (root, w, h) = super::canvas::drawing_area(canvas, 200, 200)?;
    root.fill(&RGBColor(244, 246, 248))?;
    let l = sc.layers;
    let right = if sc.legend_inset && w >= LEGEND_FLOATS_FROM_PX {
        LEGEND_INSET_PX
    } else {
        16.0
    };
    let v = sc.transform.apply(Viewport::fit_insets(
        l.bbox,
        w as f64,
        h as f64,
        [16.0, right, 16.0, 16.0],
    ));

    for (i, z) in l.zones.iter().enumerate() {
        let fill = rgb((sc.shade)(i));
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
    if sc.visible.catchments {
        let fill = rgb(CATCHMENT).mix(0.35).filled();
        let edge = ShapeStyle {
            color: rgb(CATCHMENT).to_rgba(),
            filled: false,
            stroke_width: 1,
        };
        for &i in sc.catchment {
            let Some(z) = l.zones.get(i) else { continue };
            match &z.area {
                Some(a) => {
                    for ring in exteriors(a) {
                        let px = ring_px(&v, ring);
                        root.draw(&Polygon::new(px.clone(), fill))?;
                        root.draw(&PathElement::new(px, edge))?;
                    }
                }
                None => {
                    let (x, y) = v.to_px(z.location);
                    root.draw(&Circle::new((x as i32, y as i32), 3, fill))?;
                }
            }
        }
    }
    if sc.visible.counties {
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
    }
    if sc.visible.facilities {
        for (i, f) in l.facilities.iter().enumerate() {
            let (x, y) = v.to_px(f.location);
            let at = (x as i32, y as i32);
            let r = marker_radius(l, i);
            if f.tier >= Tier::TownshipHealthCentre {
                root.draw(&Circle::new(at, (r + 1.0) as i32, WHITE.filled()))?;
            }
            root.draw(&Circle::new(
                at,
                r as i32,
                rgb(tier_colour(f.tier)).filled(),
            ))?;
        }
    }
    if let Some(i) = sc.selected.filter(|i| *i < l.facilities.len()) {
        let (x, y) = v.to_px(l.facilities[i].location);
        let r = marker_radius(l, i) as i32 + 4;
        root.draw(&Circle::new(
            (x as i32, y as i32),
            r,
            RGBColor(17, 24, 39).stroke_width(2),
        ))?;
    }
    if let Some(r) = sc.plan {
        paint_plan(&root, &v, r, sc.visible.flows)?;
    }
    if sc.visible.counties {
        paint_county_names(&root, &v, l, sc.lang)?;
    }
    paint_scale_bar(&root, &v, h)?;
    root.present()?;
    // Where things are, for end-to-end tests: the projection and the catchment size.
    let p = v.params().map(|x| x.to_string()).join(" ");
    canvas.set_attribute("data-view", &p).ok();
    let shown = if sc.visible.catchments {
        sc.catchment.len()
    } else {
        0
    };
    canvas
        .set_attribute("data-catchment", &shown.to_string())
        .ok();
    super::canvas::mark_drawn(canvas);
    Ok(v)
}

fn paint_county_names(
    root: &super::canvas::Area,
    v: &Viewport,
    l: &MapLayers,
    lang: Lang,
) -> Result<(), Box<dyn std::error::Error>> {
    let font = ("sans-serif", 14)
        .into_font()
        .color(&RGBColor(17, 24, 39))
        .pos(Pos::new(HPos::Center, VPos::Center));
    // Labels that would overlap one already placed are left out (zoom in to see them).
    let mut placed: Vec<[i32; 4]> = Vec::new();
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
        let rect = [x - hw, y - hh, x + hw, y + hh];
        if placed
            .iter()
            .any(|r| rect[0] < r[2] && r[0] < rect[2] && rect[1] < r[3] && r[1] < rect[3])
        {
            continue;
        }
        placed.push(rect);
        root.draw(&Rectangle::new(
            [(x - hw, y - hh), (x + hw, y + hh)],
            RGBColor(255, 255, 255).mix(0.75).filled(),
        ))?;
        root.draw(&Text::new(name.to_string(), (x, y), font.clone()))?;
    }
    Ok(())
}

/// A bar of a round number of kilometres at the bottom left.
fn paint_scale_bar(
    root: &super::canvas::Area,
    v: &Viewport,
    h: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let (km, px) = scale_bar(v.km_per_px(), 100.0);
    let (x0, y0) = (14, h as i32 - 16);
    let x1 = x0 + px.round() as i32;
    let ink = RGBColor(17, 24, 39);
    root.draw(&Rectangle::new(
        [(x0 - 6, y0 - 22), (x1 + 6, y0 + 6)],
        WHITE.mix(0.8).filled(),
    ))?;
    root.draw(&PathElement::new(
        vec![(x0, y0 - 5), (x0, y0), (x1, y0), (x1, y0 - 5)],
        ink.stroke_width(2),
    ))?;
    let label = if km >= 1.0 {
        format!("{km} km")
    } else {
        format!("{} m", (km * 1000.0).round())
    };
    let font = ("sans-serif", 12)
        .into_font()
        .color(&ink)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    root.draw(&Text::new(label, ((x0 + x1) / 2, y0 - 6), font))?;
    Ok(())
}

/// The plan on the map: secondment lines (width by doctors), telemedicine
/// links as thin teal lines, beds and services (emergency centres among
/// them) as rings, new service points as large red dots.
fn paint_plan(
    root: &super::canvas::Area,
    v: &Viewport,
    r: &PlanReport,
    flows: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let px = |p: [f64; 2]| {
        let (x, y) = v.to_px(p);
        (x.round() as i32, y.round() as i32)
    };
    if flows {
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
            if let (DecisionKind::Telemedicine, Some((_, _, hub, _))) = (d.kind, &d.from) {
                let style = ShapeStyle {
                    color: rgb(TELEMEDICINE).mix(0.9),
                    filled: false,
                    stroke_width: 2,
                };
                root.draw(&PathElement::new(vec![px(*hub), px(d.location)], style))?;
            }
        }
    }
    for d in &r.decisions {
        let at = px(d.location);
        match d.kind {
            DecisionKind::Beds | DecisionKind::ElderlyCareBeds => {
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
