//! Doctors seconded per source hospital (the ten largest), with how many
//! facilities each supports and the mean travel time.

use super::resize_signal;
use crate::i18n::{t, Lang};
use crate::report::PlanReport;
use crate::view::charts::{axis_max, secondments_by_source, SourceSummary};
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Arc;

/// Sources shown (the largest; the decision table lists every secondment).
const SHOWN: usize = 10;

#[component]
pub fn SecondmentChart(
    report: Memo<Option<Arc<PlanReport>>>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resized = resize_signal();
    let sources = Memo::new(move |_| {
        report.with(|r| r.as_deref().map(secondments_by_source).unwrap_or_default())
    });
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        sources.with(|s| {
            if s.is_empty() {
                return;
            }
            if let Err(e) = paint(&canvas, s, l) {
                web_sys::console::error_1(&format!("secondment chart drawing failed: {e}").into());
            }
        });
    });
    let rows = move || sources.with(|s| s.len().min(SHOWN));
    view! {
        <figure class="chart">
            <figcaption>{move || t(lang.get(), "chart_secondments")}<super::PngButton testid="secondment-chart" file="healthreach-secondments.png"/></figcaption>
            <p class="muted" hidden=move || sources.with(|s| !s.is_empty())>{move || t(lang.get(), "no_secondments")}</p>
            <canvas node_ref=canvas_ref class="chart-secondments" data-testid="secondment-chart" role="img"
                hidden=move || sources.with(|s| s.is_empty())
                style=move || format!("height:{}px", 40 + 26 * rows())
                aria-label=move || t(lang.get(), "chart_secondments")></canvas>
        </figure>
    }
}

fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    sources: &[SourceSummary],
    lang: Lang,
) -> Result<(), Box<dyn std::error::Error>> {
    let (root, w, _) = super::super::canvas::drawing_area(canvas, 260, 60)?;
    root.fill(&WHITE)?;
    let shown = &sources[..sources.len().min(SHOWN)];
    let n = shown.len();
    let label_w = (w as i32 * 2 / 5).min(260);
    // Room right of the longest bar for its label.
    let x_max = axis_max(shown.iter().map(|s| s.doctors)) * 1.5;
    let mut chart = ChartBuilder::on(&root)
        .margin(6)
        .x_label_area_size(22)
        .y_label_area_size(label_w)
        .build_cartesian_2d(0f64..x_max, 0f64..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(5)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 10))
        .draw()?;
    let purple = RGBColor(126, 34, 206);
    let row = |i: usize| (n - 1 - i) as f64;
    chart.draw_series(shown.iter().enumerate().map(|(i, s)| {
        Rectangle::new(
            [(0.0, row(i) + 0.2), (s.doctors, row(i) + 0.8)],
            purple.mix(0.8).filled(),
        )
    }))?;
    let font = ("sans-serif", 11)
        .into_font()
        .color(&RGBColor(31, 41, 55))
        .pos(Pos::new(HPos::Right, VPos::Center));
    let value_font = ("sans-serif", 10)
        .into_font()
        .color(&RGBColor(31, 41, 55))
        .pos(Pos::new(HPos::Left, VPos::Center));
    let unit = t(lang, "unit_min");
    for (i, s) in shown.iter().enumerate() {
        let (x0, y) = chart.backend_coord(&(0.0, row(i) + 0.5));
        let (x1, _) = chart.backend_coord(&(s.doctors, row(i) + 0.5));
        root.draw(&Text::new(s.name.clone(), (x0 - 4, y), font.clone()))?;
        let places = if s.targets == 1 {
            "unit_facility"
        } else {
            "unit_facilities"
        };
        let label = format!(
            "{:.0} {} → {} {} · {:.0} {unit}",
            s.doctors,
            t(lang, "unit_doctors"),
            s.targets,
            t(lang, places),
            s.mean_minutes
        );
        root.draw(&Text::new(label, (x1 + 4, y), value_font.clone()))?;
    }
    root.present()?;
    super::super::canvas::mark_drawn(canvas);
    Ok(())
}
