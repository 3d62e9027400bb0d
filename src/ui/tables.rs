//! The plan's tables: per-county indicators before → after with deltas,
//! and every decision, sortable by any column and filterable by text.

use super::why::Why;
use crate::counterfactual::words::short;
use crate::i18n::{group_digits, t, Lang};
use crate::report::{Decision, PlanReport};
use crate::scenario::Scenario;
use leptos::prelude::*;
use std::sync::Arc;

fn delta(a: f64, b: f64, digits: usize) -> String {
    let d = b - a;
    if d.abs() < 0.5 * 10f64.powi(-(digits as i32)) {
        "–".into()
    } else {
        format!("{:+.*}", digits, d)
    }
}

/// Per-county indicators before and after.
#[component]
pub fn IndicatorTable(
    report: Memo<Option<Arc<PlanReport>>>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let rows = move || {
        let l = lang.get();
        report.get().map(|r| {
            r.units
                .iter()
                .map(|u| {
                    let name = match (l, &u.name_en) {
                        (Lang::En, Some(en)) => en.clone(),
                        _ => u.name.clone(),
                    };
                    let (b0, b1) = u.beds_per_1000;
                    let (d0, d1) = u.doctors_per_1000;
                    let (c0, c1) = u.coverage;
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="num">{format!("{b0:.2} → {b1:.2}")}</td><td class="num delta">{delta(b0, b1, 2)}</td>
                            <td class="num">{format!("{d0:.2} → {d1:.2}")}</td><td class="num delta">{delta(d0, d1, 2)}</td>
                            <td class="num">{format!("{:.1}% → {:.1}%", c0 * 100.0, c1 * 100.0)}</td><td class="num delta">{delta(c0 * 100.0, c1 * 100.0, 1)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || report.with(|r| r.is_some())>
            <section class="panel table-panel">
                <h2>{move || t(lang.get(), "indicators_title")}</h2>
                <div class="scroll" tabindex="0" role="region" aria-label=move || t(lang.get(), "indicators_title")>
                <table data-testid="indicator-table">
                    <thead><tr>
                        <th>{move || t(lang.get(), "unit_name")}</th>
                        <th colspan="2">{move || t(lang.get(), "beds_per_1000")}</th>
                        <th colspan="2">{move || t(lang.get(), "doctors_per_1000")}</th>
                        <th colspan="2">{move || t(lang.get(), "coverage_short")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            </section>
        </Show>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Kind,
    Where,
    Quantity,
    Cost,
    Why,
}

fn text_of(l: Lang, d: &Decision) -> String {
    format!(
        "{} {} {}",
        t(l, &format!("decision_{}", d.kind.key())),
        d.facility_name,
        d.unit_name,
    )
}

/// Every decision.
#[component]
pub fn DecisionTable(
    report: Memo<Option<Arc<PlanReport>>>,
    lang: ReadSignal<Lang>,
    /// The scenario (places' names in the reasons).
    scenario: StoredValue<Scenario>,
    /// Why each decision is there, as the worker works it out.
    why: Why,
) -> impl IntoView {
    // A decision's reason in a few words, once known.
    let short_of = move |l: Lang, d: &Decision| {
        why.by_element.with(|m| {
            m.get(&d.element)
                .map(|e| scenario.with_value(|s| short(s, e, l)))
        })
    };
    let sort = RwSignal::new((SortBy::Cost, true));
    let filter = RwSignal::new(String::new());
    let head = move |by: SortBy, key: &'static str, testid: &'static str| {
        view! {
            <th aria-sort=move || match sort.get() { (b, true) if b == by => "descending", (b, false) if b == by => "ascending", _ => "none" }>
                <button class="sort" data-testid=testid on:click=move |_| sort.update(|s| *s = if s.0 == by { (by, !s.1) } else { (by, true) })>
                    {move || t(lang.get(), key)}
                    {move || match sort.get() { (b, true) if b == by => " ▼", (b, false) if b == by => " ▲", _ => "" }}
                </button>
            </th>
        }
    };
    // The decisions shown: filtered, then sorted (the count reads the same list).
    let shown = Memo::new(move |_| {
        let l = lang.get();
        let (by, desc) = sort.get();
        let needle = filter.get().to_lowercase();
        report.get().map(|r| {
            let mut ds: Vec<Decision> = r
                .decisions
                .iter()
                .filter(|d| {
                    needle.is_empty()
                        || text_of(l, d).to_lowercase().contains(&needle)
                        || short_of(l, d).is_some_and(|w| w.to_lowercase().contains(&needle))
                })
                .cloned()
                .collect();
            ds.sort_by(|a, b| {
                let o = match by {
                    SortBy::Kind => a.kind.cmp(&b.kind),
                    SortBy::Where => {
                        (&a.unit_name, &a.facility_name).cmp(&(&b.unit_name, &b.facility_name))
                    }
                    SortBy::Quantity => a.quantity.total_cmp(&b.quantity),
                    SortBy::Cost => a.cost_yuan.total_cmp(&b.cost_yuan),
                    SortBy::Why => short_of(l, a).cmp(&short_of(l, b)),
                };
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
            ds
        })
    });
    let rows = move || {
        let l = lang.get();
        shown.get().map(|ds| {
            ds.into_iter()
                .map(|d| {
                    let what = match d.specialty {
                        Some(sp) => format!(
                            "{} · {}",
                            t(l, &format!("decision_{}", d.kind.key())),
                            t(l, &format!("specialty_{}", sp.key()))
                        ),
                        None => t(l, &format!("decision_{}", d.kind.key())).to_string(),
                    };
                    let place = match &d.from {
                        Some((_, from, _, m)) => {
                            format!("{from} → {} ({}, {m:.0} min)", d.facility_name, d.unit_name)
                        }
                        None => format!("{} ({})", d.facility_name, d.unit_name),
                    };
                    let element = d.element.clone();
                    let reason = move || {
                        let l = lang.get();
                        match why.by_element.with(|m| m.get(&element).cloned()) {
                            Some(e) => {
                                let brief = scenario.with_value(|s| short(s, &e, l));
                                let full = if l == Lang::Zh { e.why_zh.clone() } else { e.why.clone() };
                                view! { <details><summary>{brief}</summary><p>{full}</p></details> }.into_any()
                            }
                            None => match why.failed.get() {
                                Some((en, zh)) => view! { <span class="muted">{t(l, "why_failed")}{if l == Lang::Zh { zh } else { en }}</span> }.into_any(),
                                None => view! { <span class="muted">{t(l, "why_pending")}</span> }.into_any(),
                            },
                        }
                    };
                    let ready = {
                        let element = d.element.clone();
                        move || why.by_element.with(|m| m.contains_key(&element))
                    };
                    view! {
                        <tr data-kind=d.kind.key()>
                            <td class="wrap">{what}</td>
                            <td class="wrap">{place}</td>
                            <td class="num">{group_digits(d.quantity)}</td>
                            <td class="num">{group_digits(d.cost_yuan)}</td>
                            <td class="wrap why" data-testid=format!("why-{}", d.element) data-ready=move || ready().to_string()>{reason}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || report.with(|r| r.is_some())>
            <section class="panel table-panel">
                <h2>{move || t(lang.get(), "decisions_title")}</h2>
                <label class="filter">
                    <span>{move || t(lang.get(), "filter")}</span>
                    <input type="search" data-testid="decision-filter" prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))/>
                </label>
                <div class="scroll tall">
                <table data-testid="decision-table">
                    <thead><tr>
                        {head(SortBy::Kind, "decision_kind", "sort-kind")}
                        {head(SortBy::Where, "where", "sort-where")}
                        {head(SortBy::Quantity, "quantity", "sort-quantity")}
                        {head(SortBy::Cost, "cost", "sort-cost")}
                        {head(SortBy::Why, "why", "sort-why")}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
                <p class="muted" data-testid="decision-count">{move || shown.with(|s| s.as_ref().map_or(0, |d| d.len()))}</p>
            </section>
        </Show>
    }
}
