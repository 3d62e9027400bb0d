//! The region summary: population, units, facilities per tier, ratios.

use crate::i18n::{group_digits, t, tier_name, Lang};
use crate::scenario::Tier;
use crate::summary::Summary;
use crate::view::palette::{css, tier_colour};
use leptos::prelude::*;

#[component]
pub fn SummaryPanel(summary: Summary, lang: ReadSignal<Lang>) -> impl IntoView {
    let s = StoredValue::new(summary);
    let row = move |key: &'static str, testid: &'static str, value: String| {
        view! {
            <div class="stat">
                <dt>{move || t(lang.get(), key)}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    };
    let tiers = move || {
        Tier::ALL
            .iter()
            .rev()
            .map(|&tier| {
                let n = s.with_value(|s| s.facilities_per_tier.get(&tier).copied().unwrap_or(0));
                view! {
                    <li data-testid=format!("tier-count-{}", tier.key())>
                        <span class="swatch" style=format!("background:{}", css(tier_colour(tier)))></span>
                        <span class="tier-name">{move || tier_name(lang.get(), tier)}</span>
                        <span class="num">{group_digits(n as f64)}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let units = move || {
        s.with_value(|s| s.units.clone())
            .into_iter()
            .map(|u| {
                view! {
                    <tr>
                        <td>{u.name.clone()}</td>
                        <td class="num">{group_digits(u.population)}</td>
                        <td class="num">{format!("{:.2}", u.beds_per_1000)}</td>
                        <td class="num">{format!("{:.2}", u.doctors_per_1000)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    s.with_value(|s| {
        view! {
            <section class="panel" data-testid="region-summary">
                <h2>{move || t(lang.get(), "summary_title")}</h2>
                <dl class="stats">
                    {row("population", "summary-population", group_digits(s.population))}
                    {row("admin_units", "summary-units", s.admin_units.to_string())}
                    {row("facilities", "summary-facilities", group_digits(s.facilities as f64))}
                    {row("beds_per_1000", "summary-beds-per-1000", format!("{:.2}", s.beds_per_1000))}
                    {row("doctors_per_1000", "summary-doctors-per-1000", format!("{:.2}", s.doctors_per_1000))}
                    {row("candidate_sites", "summary-candidate-sites", s.candidate_sites.to_string())}
                </dl>
                <ul class="tiers">{tiers}</ul>
                <details class="units">
                    <summary>{move || t(lang.get(), "per_unit_title")}</summary>
                    <table>
                        <thead>
                            <tr>
                                <th>{move || t(lang.get(), "unit_name")}</th>
                                <th>{move || t(lang.get(), "population")}</th>
                                <th>{move || t(lang.get(), "beds_per_1000")}</th>
                                <th>{move || t(lang.get(), "doctors_per_1000")}</th>
                            </tr>
                        </thead>
                        <tbody>{units}</tbody>
                    </table>
                </details>
            </section>
        }
    })
}
