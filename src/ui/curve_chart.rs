//! The access curve, drawn with plotters: cumulative share of residents by
//! minutes to the nearest medical service point, with the threshold and the
//! target share marked; optionally the curve after the plan over it.

use crate::i18n::{t, Lang};
use crate::indicators::CurvePoint;
use leptos::prelude::*;
use plotters::prelude::*;

#[component]
pub fn CurveChart(
    curve: Memo<Vec<CurvePoint>>,
    /// The curve after the plan, drawn over the first.
    #[prop(optional)]
    after: Option<Memo<Option<Vec<CurvePoint>>>>,
    minutes: Signal<f64>,
    target: Signal<f64>,
    lang: ReadSignal<Lang>,
    #[prop(default = "access-curve")] testid: &'static str,
    #[prop(default = "curve_title")] title: &'static str,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resized = super::canvas::resize_signal();
    Effect::new(move |_| {
        resized.track();
        let (m, l) = (minutes.get(), lang.get());
        if let Some(canvas) = canvas_ref.get() {
            let after = after.and_then(|a| a.get());
            curve.with(|c| {
                if let Err(e) = paint(&canvas, c, after.as_deref(), m, target.get(), l) {
                    web_sys::console::error_1(&format!("access curve drawing failed: {e}").into());
                }
            });
        }
    });
    view! {
        <figure class="chart">
            <figcaption>{move || t(lang.get(), title)}<super::charts::PngButton testid=testid file="healthreach-access-curve.png"/></figcaption>
            <canvas node_ref=canvas_ref class="curve" data-testid=testid role="img"
                aria-label=move || t(lang.get(), title)></canvas>
        </figure>
    }
}

fn paint(
    canvas: &web_sys::HtmlCanvasElement,
    curve: &[CurvePoint],
    after: Option<&[CurvePoint]>,
    minutes: f64,
    target: f64,
    lang: Lang,
) -> Result<(), Box<dyn std::error::Error>> {
    let (root, _, _) = super::canvas::drawing_area(canvas, 160, 120)?;
    root.fill(&WHITE)?;
    let x_max = curve.last().map_or(60.0, |p| p.minutes).max(1.0);
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(36)
        .y_label_area_size(40)
        .build_cartesian_2d(0f64..x_max, 0f64..100f64)?;
    chart
        .configure_mesh()
        .x_desc(t(lang, "curve_x"))
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .x_labels(7)
        .y_labels(6)
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 11))
        .draw()?;
    let accent = RGBColor(21, 101, 192);
    chart.draw_series(AreaSeries::new(
        curve.iter().map(|p| (p.minutes, p.share * 100.0)),
        0.0,
        accent.mix(0.15),
    ))?;
    if let Some(after) = after {
        let green = RGBColor(22, 163, 74);
        chart
            .draw_series(LineSeries::new(
                after.iter().map(|p| (p.minutes, p.share * 100.0)),
                green.stroke_width(5),
            ))?
            .label(t(lang, "curve_after"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], green.stroke_width(3))
            });
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
            .label(t(lang, "curve_before"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], accent.stroke_width(2))
            });
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(("sans-serif", 11))
            .draw()?;
    }
    // Before on top of after, thin, so both show where they coincide.
    chart.draw_series(LineSeries::new(
        curve.iter().map(|p| (p.minutes, p.share * 100.0)),
        accent.stroke_width(2),
    ))?;
    let grey = RGBColor(120, 120, 120);
    chart.draw_series(LineSeries::new(
        [(0.0, target * 100.0), (x_max, target * 100.0)],
        grey.stroke_width(1),
    ))?;
    if minutes <= x_max {
        chart.draw_series(LineSeries::new(
            [(minutes, 0.0), (minutes, 100.0)],
            RGBColor(200, 0, 40).stroke_width(1),
        ))?;
    }
    root.present()?;
    super::canvas::mark_drawn(canvas);
    Ok(())
}
