//! Access: mode and threshold controls, the headline 15-minute figure, the
//! coverage table per county and the access curve.

use super::curve_chart::CurveChart;
use crate::i18n::{coverage_headline, group_digits, t, Lang};
use crate::indicators::{access_curve, coverage_within};
use crate::scenario::{Mode, Scenario};
use crate::view::referral_table::{compute as referral_rows, CommunityReferral};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Threshold bounds accepted by the minutes field.
pub const MINUTES_RANGE: (f64, f64) = (1.0, 120.0);

#[component]
pub fn AccessPanel(
    scenario: StoredValue<Scenario>,
    lang: ReadSignal<Lang>,
    mode: RwSignal<Mode>,
    minutes: RwSignal<f64>,
    zone_minutes: Memo<Vec<Option<f64>>>,
    method_key: Memo<&'static str>,
) -> impl IntoView {
    let target = scenario.with_value(|s| s.policy.coverage.share);
    let coverage = Memo::new(move |_| {
        let m = minutes.get();
        zone_minutes.with(|zm| scenario.with_value(|s| coverage_within(s, zm, m)))
    });
    let curve = Memo::new(move |_| {
        zone_minutes.with(|zm| scenario.with_value(|s| access_curve(s, zm, 60)))
    });
    let (field_error, set_field_error) = signal(false);
    let on_minutes = move |ev: leptos::ev::Event| {
        let v: Option<f64> = event_target_value(&ev).trim().parse().ok();
        match v.filter(|v| (MINUTES_RANGE.0..=MINUTES_RANGE.1).contains(v)) {
            Some(v) => {
                set_field_error.set(false);
                minutes.set(v);
            }
            None => set_field_error.set(true),
        }
    };
    let on_mode = move |ev: leptos::ev::Event| {
        mode.set(match event_target_value(&ev).as_str() {
            "walk" => Mode::Walk,
            "bike" => Mode::Bike,
            _ => Mode::Drive,
        })
    };
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let rows = move || {
        coverage.with(|c| {
            c.units
                .iter()
                .map(|u| {
                    let below = u.share < target;
                    let name = scenario.with_value(|s| {
                        s.admin_unit(&u.id)
                            .map(|a| match lang.get() {
                                Lang::Zh => a.name.clone(),
                                Lang::En => a.name_en.clone().unwrap_or_else(|| a.name.clone()),
                            })
                            .unwrap_or_default()
                    });
                    view! {
                        <tr class:below=below data-unit=u.id.clone()>
                            <td>{name}</td>
                            <td class="num">{group_digits(u.population)}</td>
                            <td class="num">{pct(u.share)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    // Referral times within each medical community: computed per mode when
    // the planner opens the section (a road search per centre), a moment
    // later so "Computing…" shows first.
    let referral_open = RwSignal::new(false);
    let referral_cache: RwSignal<HashMap<Mode, Arc<Vec<CommunityReferral>>>> =
        RwSignal::new(HashMap::new());
    Effect::new(move |_| {
        let m = mode.get();
        if !referral_open.get() || referral_cache.with_untracked(|c| c.contains_key(&m)) {
            return;
        }
        set_timeout(
            move || {
                if referral_cache.with_untracked(|c| c.contains_key(&m)) {
                    return;
                }
                let rows = scenario.with_value(|s| referral_rows(s, m));
                referral_cache.update(|c| {
                    c.insert(m, Arc::new(rows));
                });
            },
            std::time::Duration::from_millis(30),
        );
    });
    let minutes_text = |m: Option<f64>| m.map_or("—".to_string(), |m| format!("{m:.1}"));
    let referral_body = move || {
        let l = lang.get();
        let Some(rows) = referral_cache.with(|c| c.get(&mode.get()).cloned()) else {
            return view! { <p class="hint" data-testid="referral-busy">{t(l, "computing")}</p> }
                .into_any();
        };
        let unit_name = move |id: &str| {
            scenario.with_value(|s| {
                s.admin_unit(id)
                    .map(|a| match l {
                        Lang::Zh => a.name.clone(),
                        Lang::En => a.name_en.clone().unwrap_or_else(|| a.name.clone()),
                    })
                    .unwrap_or_default()
            })
        };
        let body = rows
            .iter()
            .map(|r| {
                let name = if r.hospital.is_some() {
                    r.name.clone()
                } else {
                    t(l, "referral_no_hospital").to_string()
                };
                let unreachable = (r.unreachable > 0)
                    .then(|| format!(" ({} {})", r.unreachable, t(l, "referral_unreachable")));
                view! {
                    <tr data-hospital=r.hospital.clone().unwrap_or_default()>
                        <td>{name}</td>
                        <td>{unit_name(&r.unit)}</td>
                        <td class="num">{r.centres}{unreachable}</td>
                        <td class="num">{minutes_text(r.mean_minutes)}</td>
                        <td class="num">{minutes_text(r.longest_minutes)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
            <table class="coverage" data-testid="referral-table">
                <thead>
                    <tr>
                        <th>{t(l, "referral_hospital")}</th>
                        <th>{t(l, "referral_unit")}</th>
                        <th class="num">{t(l, "referral_centres")}</th>
                        <th class="num">{t(l, "referral_mean")}</th>
                        <th class="num">{t(l, "referral_longest")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel access" data-testid="access-panel">
            <h2>{move || t(lang.get(), "access_title")}</h2>
            <div class="controls">
                <label>
                    <span>{move || t(lang.get(), "mode")}</span>
                    <select data-testid="mode-select" on:change=on_mode>
                        <option value="drive" selected=move || mode.get() == Mode::Drive>{move || t(lang.get(), "mode_drive")}</option>
                        <option value="bike" selected=move || mode.get() == Mode::Bike>{move || t(lang.get(), "mode_bike")}</option>
                        <option value="walk" selected=move || mode.get() == Mode::Walk>{move || t(lang.get(), "mode_walk")}</option>
                    </select>
                </label>
                <label>
                    <span>{move || t(lang.get(), "minutes_label")}</span>
                    <input
                        type="number"
                        min=MINUTES_RANGE.0
                        max=MINUTES_RANGE.1
                        step="1"
                        data-testid="minutes-input"
                        prop:value=move || minutes.get().to_string()
                        aria-invalid=move || field_error.get().to_string()
                        on:input=on_minutes
                    />
                </label>
            </div>
            <p class="field-error" role="alert" hidden=move || !field_error.get()>
                {move || t(lang.get(), "minutes_invalid")}
            </p>
            <div class="headline">
                <span class="big" data-testid="coverage-15min">{move || pct(coverage.with(|c| c.share))}</span>
                <span class="label">
                    {move || coverage_headline(lang.get(), minutes.get())}
                    <small>
                        {move || format!(" · {} {} · {} {}", t(lang.get(), "coverage_target"), pct(target), t(lang.get(), "mode"), t(lang.get(), match mode.get() { Mode::Drive => "mode_drive", Mode::Bike => "mode_bike", Mode::Walk => "mode_walk" }))}
                        {move || format!(" · {}", t(lang.get(), method_key.get()))}
                    </small>
                </span>
            </div>
            <table class="coverage" data-testid="coverage-table">
                <thead>
                    <tr>
                        <th>{move || t(lang.get(), "unit_name")}</th>
                        <th class="num">{move || t(lang.get(), "population")}</th>
                        <th class="num">{move || t(lang.get(), "covered")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <CurveChart curve=curve minutes=Signal::from(minutes) target=Signal::stored(target) lang=lang/>
            <details class="referrals" data-testid="referral-section"
                on:toggle=move |_| referral_open.set(true)>
                <summary>{move || t(lang.get(), "referral_title")}</summary>
                <p class="hint">{move || t(lang.get(), "referral_hint")}</p>
                {referral_body}
            </details>
        </section>
    }
}
