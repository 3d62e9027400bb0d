//! Beds and doctors per 1,000 per county, before (grey) and after (blue),
//! with each target as a dashed line: two horizontal bar panels side by side.

use super::resize_signal;
use crate::i18n::{t, Lang};
use crate::report::{PlanReport, UnitIndicators};
use crate::view::charts::axis_max;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Arc;

const BEFORE: RGBColor = RGBColor(180, 186, 196);
const AFTER: RGBColor = RGBColor(21, 101, 192);
const TARGET: RGBColor = RGBColor(200, 0, 40);

#[component]
pub fn RatioChart(
    report: Memo<Option<Arc<PlanReport>>>,
    /// Targets: beds and doctors per 1,000 (`None` = rule off).
    targets: Signal<(Option<f64>, Option<f64>)>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resized = resize_signal();
    Effect::new(move |_| {
        resized.track();
        let (l, tg) = (lang.get(), targets.get());
        let (Some(canvas), Some(r)) = (canvas_ref.get(), report.get()) else {
            return;
        };
        if let Err(e) = paint(&canvas, &r.units, tg, l) {
            web_sys::console::error_1(&format!("ratio chart drawing failed: {e}").into());
        }
    });
    view! {
        <figure class="chart">
            <figcaption>{move || t(lang.get(), "chart_ratios")}<super::PngButton testid="ratio-chart" file="healthreach-ratios.png"/></figcaption>
            <canvas node_ref=canvas_ref class="chart-ratios" data-testid="ratio-chart" role="img"
                aria-label=move || t(lang.get(), "chart_ratios")></canvas>
            <p class="chart-key">
                <span class="swatch" style="background:rgb(180,186,196)"></span>{move || t(lang.get(), "curve_before")}
                <span class="swatch" style="background:rgb(21,101,192)"></span>{move || t(lang.get(), "curve_after")}
                <span class="dash"></span>{move || t(lang.get(), "target")}
            </p>
        </figure>
    }
}

fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    units: &[UnitIndicators],
    (beds_target, doctors_target): (Option<f64>, Option<f64>),
    lang: Lang,
) -> Result<(), Box<dyn std::error::Error>> {
    let (root, w, _) = super::super::canvas::drawing_area(canvas, 280, 160)?;
    root.fill(&WHITE)?;
    let names: Vec<String> = units
        .iter()
        .map(|u| match (lang, &u.name_en) {
            (Lang::En, Some(en)) => en.split(' ').next().unwrap_or(en).to_string(),
            _ => u.name.clone(),
        })
        .collect();
    let label_w = if lang == Lang::Zh { 64 } else { 84 };
    let (left, right) = root.split_horizontally(label_w + (w as i32 - label_w) / 2);
    panel(
        &left,
        units,
        |u| u.beds_per_1000,
        beds_target,
        t(lang, "chart_beds"),
        Some(&names),
        label_w,
    )?;
    panel(
        &right,
        units,
        |u| u.doctors_per_1000,
        doctors_target,
        t(lang, "chart_doctors"),
        None,
        0,
    )?;
    root.present()?;
    super::super::canvas::mark_drawn(canvas);
    Ok(())
}

fn panel(
    area: &super::super::canvas::Area,
    units: &[UnitIndicators],
    value: impl Fn(&UnitIndicators) -> (f64, f64),
    target: Option<f64>,
    title: &str,
    names: Option<&[String]>,
    label_w: i32,
) -> Result<(), Box<dyn std::error::Error>> {
    let n = units.len().max(1);
    let x_max = axis_max(
        units
            .iter()
            .flat_map(|u| {
                let (a, b) = value(u);
                [a, b]
            })
            .chain(target),
    );
    let mut chart = ChartBuilder::on(area)
        .margin(6)
        .caption(title, ("sans-serif", 12))
        .x_label_area_size(22)
        .y_label_area_size(label_w.max(6))
        .build_cartesian_2d(0f64..x_max, 0f64..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(5)
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 10))
        .draw()?;
    // Row i from the top: before bar above, after bar below.
    let row = |i: usize| (n - 1 - i) as f64;
    chart.draw_series(units.iter().enumerate().flat_map(|(i, u)| {
        let (a, b) = value(u);
        let y = row(i);
        [
            Rectangle::new([(0.0, y + 0.52), (a, y + 0.88)], BEFORE.filled()),
            Rectangle::new([(0.0, y + 0.12), (b, y + 0.48)], AFTER.filled()),
        ]
    }))?;
    if let Some(tg) = target {
        // Dashes along the target.
        let steps = 24;
        chart.draw_series((0..steps).step_by(2).map(|k| {
            let y0 = n as f64 * k as f64 / steps as f64;
            let y1 = n as f64 * (k + 1) as f64 / steps as f64;
            PathElement::new(vec![(tg, y0), (tg, y1)], TARGET.stroke_width(2))
        }))?;
    }
    if let Some(names) = names {
        let font = ("sans-serif", 11)
            .into_font()
            .color(&RGBColor(31, 41, 55))
            .pos(Pos::new(HPos::Right, VPos::Center));
        for (i, name) in names.iter().enumerate() {
            let (_, y) = chart.backend_coord(&(0.0, row(i) + 0.5));
            let x = chart.backend_coord(&(0.0, 0.0)).0 - 4;
            area.draw(&Text::new(name.clone(), (x, y), font.clone()))?;
        }
    }
    Ok(())
}
