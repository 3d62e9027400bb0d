//! The map's legend: tiers (size by beds), the shading's classes, county
//! boundary, catchment and, when the plan is shown, the plan's symbols.

use super::map_canvas::Shade;
use super::map_paint::{MORE_BEDS, NEW_SITE, SECONDMENT, SERVICE, TELEMEDICINE};
use crate::i18n::{t, tier_name, Lang};
use crate::scenario::Tier;
use crate::view::palette::{
    css, tier_colour, tier_radius, Rgb, CATCHMENT, COVERED, DENSITY_CLASSES, E2SFCA_CLASSES,
    MINUTE_CLASSES, NOT_COVERED, UNREACHABLE,
};
use leptos::prelude::*;

fn swatch(c: Rgb, label: String) -> impl IntoView {
    view! { <li><span class="swatch" style=format!("background:{}", css(c))></span>{label}</li> }
}

/// Class labels "lo–hi" … "≥ lo" of a ramp given by lower bounds.
fn lower_bound_ramp(classes: &[(f64, Rgb)]) -> Vec<(Rgb, String)> {
    classes
        .iter()
        .enumerate()
        .map(|(i, (lo, c))| match classes.get(i + 1) {
            Some((hi, _)) => (*c, format!("{lo}–{hi}")),
            None => (*c, format!("≥ {lo}")),
        })
        .collect()
}

#[component]
pub fn MapLegend(
    lang: ReadSignal<Lang>,
    shade: RwSignal<Shade>,
    threshold: Signal<f64>,
    show_plan: Signal<bool>,
    show_catchment: Signal<bool>,
    /// The i18n key naming the catchment shown.
    catchment_label: Signal<&'static str>,
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
    let ramp = move || {
        let l = lang.get();
        let items: Vec<(Rgb, String)> = match shade.get() {
            Shade::Density => lower_bound_ramp(&DENSITY_CLASSES),
            Shade::E2sfca => lower_bound_ramp(&E2SFCA_CLASSES),
            Shade::Coverage => {
                let m = threshold.get();
                vec![
                    (
                        COVERED,
                        format!("≤ {m} {} · {}", t(l, "unit_min"), t(l, "legend_within")),
                    ),
                    (
                        NOT_COVERED,
                        format!("> {m} {} · {}", t(l, "unit_min"), t(l, "legend_beyond")),
                    ),
                    (UNREACHABLE, t(l, "unreachable").to_string()),
                ]
            }
            Shade::Minutes => {
                let mut lo = 0.0;
                let mut v: Vec<(Rgb, String)> = MINUTE_CLASSES
                    .iter()
                    .map(|(upto, c)| {
                        let label = if upto.is_finite() {
                            format!("{lo}–{upto}")
                        } else {
                            format!("> {lo}")
                        };
                        lo = *upto;
                        (*c, label)
                    })
                    .collect();
                v.push((UNREACHABLE, t(l, "unreachable").to_string()));
                v
            }
        };
        items
            .into_iter()
            .map(|(c, label)| swatch(c, label))
            .collect_view()
    };
    let ramp_title = move || {
        t(
            lang.get(),
            match shade.get() {
                Shade::Density => "legend_density",
                Shade::Minutes => "legend_minutes",
                Shade::Coverage => "legend_coverage",
                Shade::E2sfca => "legend_e2sfca",
            },
        )
    };
    view! {
        <aside class="legend" data-testid="map-legend">
            <h3>{move || t(lang.get(), "legend_title")}</h3>
            <ul class="legend-tiers">{tiers}</ul>
            <p class="legend-note">{move || t(lang.get(), "legend_size")}</p>
            <h4>{ramp_title}</h4>
            <ul class="legend-ramp" class:single=move || shade.get() == Shade::Coverage>{ramp}</ul>
            <p class="legend-line"><span class="line"></span>{move || t(lang.get(), "legend_boundary")}</p>
            <Show when=move || show_catchment.get()>
                <p class="legend-line"><span class="swatch" style=format!("background:{};opacity:.5", css(CATCHMENT))></span>{move || t(lang.get(), catchment_label.get())}</p>
            </Show>
            <Show when=move || show_plan.get()>
                <h4>{move || t(lang.get(), "legend_plan")}</h4>
                <ul class="legend-plan" data-testid="legend-plan">
                    <li><span class="dot" style=format!("background:{};width:12px;height:12px", css(NEW_SITE))></span>{move || t(lang.get(), "legend_new_site")}</li>
                    <li><span class="ring" style=format!("border-color:{}", css(MORE_BEDS))></span>{move || t(lang.get(), "legend_more_beds")}</li>
                    <li><span class="ring" style=format!("border-color:{}", css(SERVICE))></span>{move || t(lang.get(), "legend_service")}</li>
                    <li><span class="line" style=format!("border-top:3px solid {}", css(SECONDMENT))></span>{move || t(lang.get(), "legend_secondment")}</li>
                    <li><span class="line" style=format!("border-top:2px solid {}", css(TELEMEDICINE))></span>{move || t(lang.get(), "legend_telemedicine")}</li>
                </ul>
            </Show>
        </aside>
    }
}
