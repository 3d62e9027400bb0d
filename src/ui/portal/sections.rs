//! The portal's overview: status, headline, map (with its table
//! alternative), decisions with why, admin units, method and data, re-check.

use super::recheck::Recheck;
use super::{unit_href, Data};
use crate::i18n::{money, t, Lang};
use crate::publish::explain;
use crate::publish::Publication;
use crate::report::{Decision, PlanReport};
use crate::scenario::Scenario;
use crate::ui::map_canvas::{MapCanvas, MapFigures, Shade};
use crate::ui::map_paint::Visible;
use crate::ui::tables::IndicatorTable;
use crate::view::map_layers::MapLayers;
use leptos::prelude::*;
use std::sync::Arc;

/// A download: label key, file name, MIME type, and how to make its text.
type Download = (
    &'static str,
    &'static str,
    &'static str,
    Arc<dyn Fn() -> String + Send + Sync>,
);

/// What a decision is, in words: kind and specialty.
pub(crate) fn what(l: Lang, d: &Decision) -> String {
    let kind = t(l, &format!("decision_{}", d.kind.key()));
    match d.specialty {
        Some(sp) => format!("{kind} · {}", t(l, &format!("specialty_{}", sp.key()))),
        None => kind.to_string(),
    }
}

/// Where: the facility, and for a secondment where the doctors come from.
pub(crate) fn where_(l: Lang, d: &Decision) -> String {
    match &d.from {
        Some((_, from, _, minutes)) => match l {
            Lang::Zh => format!("{}（来自 {from}，{minutes:.0} 分钟）", d.facility_name),
            Lang::En => format!("{} (from {from}, {minutes:.0} min)", d.facility_name),
        },
        None => d.facility_name.clone(),
    }
}

/// The plain-words reason of decision `i`: in full (the rule, its target,
/// whether it binds, its marginal cost, the plan without it, and which
/// targets need the decision), or in a few words.
pub(crate) fn why_of(p: &Publication, s: &Scenario, i: usize, l: Lang, full: bool) -> String {
    // What removing it does, when the publication says (every bundle
    // published since reasons became counterfactual).
    let element = p.report.decisions.get(i).map(|d| d.element.as_str());
    if let Some(e) = p
        .explained
        .iter()
        .find(|e| Some(e.decision.as_str()) == element)
    {
        if !full {
            return crate::counterfactual::words::short(s, e, l);
        }
        let mut text = if l == Lang::Zh {
            e.why_zh.clone()
        } else {
            e.why.clone()
        };
        if let Some(needed) = p.needed_by.get(i) {
            text.push(' ');
            text.push_str(&explain::needed(s, needed, l));
        }
        return text;
    }
    let Some(r) = p.reasons.get(i).and_then(|r| r.as_ref()) else {
        return t(l, "portal_why_none").to_string();
    };
    if !full {
        return explain::why_short(s, r, l);
    }
    let mut text = explain::why(
        s,
        r,
        p.counterfactuals.iter().find(|c| c.rule == r.rule),
        p.manifest.cost_yuan,
        l,
    );
    if let Some(needed) = p.needed_by.get(i) {
        text.push(' ');
        text.push_str(&explain::needed(s, needed, l));
    }
    text
}

/// Rows of decisions (all, or those of one unit) with their reasons.
#[component]
pub(crate) fn DecisionRows(
    data: Data,
    lang: ReadSignal<Lang>,
    unit: Option<String>,
    /// The full explanation (a unit's page) or a few words (the overview).
    full: bool,
) -> impl IntoView {
    let p = data.publication.clone();
    let s = data.scenario.clone();
    let rows = move || {
        let l = lang.get();
        p.report
            .decisions
            .iter()
            .enumerate()
            .filter(|(_, d)| unit.as_ref().is_none_or(|u| &d.unit_id == u))
            .map(|(i, d)| {
                let href = unit_href(&d.unit_id);
                view! {
                    <tr>
                        <td>{what(l, d)}</td>
                        <td>{where_(l, d)}<small class="unit-link">{" · "}<a href=href>{explain::place(&s, &d.unit_id, l)}</a></small></td>
                        <td class="num">{crate::export::num(d.quantity)}</td>
                        <td class="num">{money(l, d.cost_yuan)}</td>
                        <td class="why">{why_of(&p, &s, i, l, full)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t(lang.get(), "portal_decisions")>
            <table data-testid="portal-decisions">
                <caption class="sr-only">{move || t(lang.get(), "portal_decisions")}</caption>
                <thead><tr>
                    <th scope="col">{move || t(lang.get(), "decision_kind")}</th>
                    <th scope="col">{move || t(lang.get(), "portal_where")}</th>
                    <th scope="col" class="num">{move || t(lang.get(), "portal_how_many")}</th>
                    <th scope="col" class="num">{move || t(lang.get(), "portal_cost")}</th>
                    <th scope="col">{move || t(lang.get(), "portal_why")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Status(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let m = data.publication.manifest.clone();
    let text = move || {
        let l = lang.get();
        let status = match m.status.key() {
            "feasible" => format!(
                "{} {:.2}%",
                t(l, "status_feasible"),
                m.gap.unwrap_or(0.0) * 100.0
            ),
            k => t(l, &format!("status_{k}")).to_string(),
        };
        let solver = m
            .solver
            .as_ref()
            .map(|r| format!("{} {}", r.backend.name(), r.version))
            .unwrap_or_else(|| "—".into());
        match l {
            Lang::Zh => format!(
                "规划总费用 {}；求解状态：{status}（求解器 {solver}）。",
                money(l, m.cost_yuan)
            ),
            Lang::En => format!(
                "Total cost {}; solve status: {status} (solver {solver}).",
                money(l, m.cost_yuan)
            ),
        }
    };
    let verified = m.verified;
    let violations = m.violations;
    view! {
        <section class="panel" aria-labelledby="status-h">
            <h2 id="status-h">{move || t(lang.get(), "portal_status")}</h2>
            <p class="status-line">{text}</p>
            <p class="status-line">
                {move || if verified {
                    view! { <span class="badge ok">{t(lang.get(), "portal_verified")}</span> }.into_any()
                } else {
                    view! { <span class="badge bad">{format!("{} {violations}", t(lang.get(), "portal_violations"))}</span> }.into_any()
                }}
            </p>
        </section>
    }
}

#[component]
fn Headline(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let p = data.publication.clone();
    let s = data.scenario.clone();
    let items = move || {
        let l = lang.get();
        p.headline
            .iter()
            .map(|h| {
                view! {
                    <div>
                        <dt>{explain::rule_name(h.rule, l, &s)}</dt>
                        <dd class="figure">{explain::headline_figures(h, l)}</dd>
                        <dd>{explain::headline_met(h, l)}</dd>
                        <dd class="definition">{explain::definition(h.rule, l, &s)}</dd>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="headline-h">
            <h2 id="headline-h">{move || t(lang.get(), "portal_headline")}</h2>
            <dl class="headline" data-testid="portal-headline">{items}</dl>
        </section>
    }
}

#[component]
fn MapSection(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let layers = Arc::new(MapLayers::of(&data.scenario));
    let report: Arc<PlanReport> = Arc::new(data.publication.report.clone());
    let report = Memo::new(move |_| Some(report.clone()));
    let show_after = RwSignal::new(true);
    let shade = RwSignal::new(Shade::Minutes);
    let selected = RwSignal::new(None::<usize>);
    let visible = RwSignal::new(Visible::default());
    let before = data.publication.minutes_before.clone();
    let minutes_before = Memo::new(move |_| before.clone());
    let minutes = Memo::new(move |_| {
        if show_after.get() {
            report.with(|r| {
                r.as_ref()
                    .map(|r| r.zone_minutes_after.clone())
                    .unwrap_or_default()
            })
        } else {
            minutes_before.get()
        }
    });
    let e2_before = Arc::new(data.publication.e2sfca_before.clone());
    let e2sfca_before = Memo::new(move |_| Some(e2_before.clone()));
    let e2sfca = Memo::new(move |_| {
        if show_after.get() {
            report.with(|r| r.as_ref().map(|r| Arc::new(r.e2sfca_after.clone())))
        } else {
            e2sfca_before.get()
        }
    });
    let catchment = Memo::new(move |_| {
        if !visible.with(|v| v.catchments) || !show_after.get() {
            return Arc::new(vec![]);
        }
        report.with(|r| {
            let mut zones: Vec<usize> = r
                .iter()
                .flat_map(|r| r.new_catchments.iter().flat_map(|(_, z)| z.iter().copied()))
                .collect();
            zones.sort_unstable();
            zones.dedup();
            Arc::new(zones)
        })
    });
    let minutes_threshold = data.scenario.policy.coverage.minutes;
    let figures = MapFigures {
        minutes,
        minutes_before,
        e2sfca,
        e2sfca_before,
        catchment,
        catchment_label: Signal::derive(|| "legend_catchment"),
        threshold: Signal::derive(move || minutes_threshold),
    };
    let placing = RwSignal::new(false);
    // The map is drawn after the first paint (the headline and the decisions
    // come first), once the scenario has passed the validator.
    let drawn = RwSignal::new(false);
    let invalid = RwSignal::new(None::<String>);
    let s = data.scenario.clone();
    request_animation_frame(move || {
        set_timeout(
            move || {
                let first = crate::validate::validate(&s)
                    .into_iter()
                    .find(crate::diagnostics::Problem::is_error);
                match first {
                    None => drawn.set(true),
                    Some(p) => invalid.set(Some(p.line(Lang::En))),
                }
            },
            std::time::Duration::from_millis(0),
        )
    });
    view! {
        <section class="panel map-section" id="map" aria-labelledby="map-h">
            <h2 id="map-h">{move || t(lang.get(), "portal_map")}</h2>
            <p class="meta">{move || t(lang.get(), "portal_map_alt")}</p>
            {move || invalid.get().map(|p| view! { <p class="notice warn" role="alert">{p}</p> })}
            <Show when=move || drawn.get()>
                <MapCanvas layers=layers.clone() lang=lang shade=shade figures=figures selected=selected visible=visible
                    report=report show_after=show_after placing=placing on_place=Callback::new(|_: [f64; 2]| {})/>
            </Show>
        </section>
        <section class="tables-section" aria-label=move || t(lang.get(), "portal_table_alt")>
            <IndicatorTable report=report lang=lang/>
        </section>
    }
}

#[component]
fn Units(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let units = data.scenario.admin_units.clone();
    let s = data.scenario.clone();
    view! {
        <section class="panel" id="units" aria-labelledby="units-h">
            <h2 id="units-h">{move || t(lang.get(), "portal_units")}</h2>
            <ul class="unit-list">
                {move || {
                    let l = lang.get();
                    units.iter().map(|u| {
                        let href = unit_href(&u.id);
                        view! { <li><a href=href>{explain::place(&s, &u.id, l)}</a></li> }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
fn Method(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let s = data.scenario.clone();
    let m = data.publication.manifest.clone();
    let sources = s.sources.clone();
    let p = s.policy.clone();
    let road_links = s.roads.as_ref().map_or(0, |r| r.links.len());
    let roads = s.roads.clone();
    let table_pairs = s.travel_times.as_ref().map_or(0, |t| t.entries.len());
    let d = data.clone();
    let downloads = move || {
        let l = lang.get();
        let pubn = d.publication.clone();
        let plan_text = d.plan_text.clone();
        let scen_text = d.scenario_text.clone();
        let manifest = serde_json::to_string_pretty(&pubn.manifest).unwrap_or_default();
        let items: Vec<Download> = vec![
            ("portal_dl_csv", "decisions.csv", "text/csv", {
                let r = pubn.report.clone();
                Arc::new(move || crate::export::decisions_csv(&r))
            }),
            (
                "portal_dl_geojson",
                "decisions.geojson",
                "application/geo+json",
                {
                    let r = pubn.report.clone();
                    Arc::new(move || crate::export::decisions_geojson(&r))
                },
            ),
            ("portal_dl_scenario", "scenario.json", "application/json", {
                let x = scen_text.clone();
                Arc::new(move || x.to_string())
            }),
            ("portal_dl_plan", "plan.json", "application/json", {
                let x = plan_text.clone();
                Arc::new(move || x.to_string())
            }),
            (
                "portal_dl_manifest",
                "manifest.json",
                "application/json",
                Arc::new(move || manifest.clone()),
            ),
        ];
        items
            .into_iter()
            .map(|(key, name, mime, body)| {
                view! {
                    <li><button class="download" on:click=move |_| crate::ui::exports::download(name, mime, &body())>
                        {t(l, key)}{format!(" ({name})")}
                    </button></li>
                }
            })
            .collect_view()
    };
    let assumptions = move || {
        let l = lang.get();
        let c = &p.unit_costs;
        let mut rows = vec![
            (t(l, "portal_cost_bed"), money(l, c.bed_yuan)),
            (t(l, "portal_cost_post"), money(l, c.specialist_post_yuan)),
            (
                t(l, "portal_cost_service"),
                money(l, c.service_opening_yuan),
            ),
            (t(l, "portal_cost_secondment"), money(l, c.secondment_yuan)),
            (
                t(l, "portal_cost_elderly_bed"),
                money(l, c.elderly_care_bed_yuan),
            ),
            (t(l, "portal_cost_centre"), money(l, c.centre_opening_yuan)),
            (
                t(l, "portal_cost_telemedicine"),
                money(l, c.telemedicine_link_yuan),
            ),
            (
                t(l, "portal_coverage_time"),
                format!("{} min", p.coverage.minutes),
            ),
        ];
        if let Some(b) = p.budget.money_yuan {
            rows.push((t(l, "portal_budget"), money(l, b)));
        }
        let method = match (l, table_pairs > 0, road_links > 0) {
            (Lang::Zh, true, _) => format!("情景给定的出行时间表（{table_pairs} 对）"),
            (Lang::En, true, _) => {
                format!("the scenario's travel-time table ({table_pairs} pairs)")
            }
            (Lang::Zh, false, true) => format!("道路网络（{road_links} 段道路，按道路等级车速）"),
            (Lang::En, false, true) => {
                format!("road network ({road_links} links, speeds by road class)")
            }
            (Lang::Zh, false, false) => "直线距离 × 1.3 绕行系数 ÷ 出行速度".to_string(),
            (Lang::En, false, false) => "straight line × 1.3 detour ÷ mode speed".to_string(),
        };
        rows.push((t(l, "portal_travel_times"), method));
        if let Some(net) = &roads {
            use crate::scenario::RoadClass;
            let mode = p.coverage.mode;
            let classes = [
                (RoadClass::Expressway, "road_expressway"),
                (RoadClass::National, "road_national"),
                (RoadClass::Provincial, "road_provincial"),
                (RoadClass::County, "road_county"),
                (RoadClass::Village, "road_village"),
            ];
            let speeds: Vec<String> = classes
                .iter()
                .map(|(c, key)| {
                    let v = crate::access::speeds::class_speed(net, *c, mode);
                    format!("{} {} km/h", t(l, key), crate::export::num(v))
                })
                .collect();
            rows.push((t(l, "portal_speeds"), speeds.join(" · ")));
        }
        rows.into_iter()
            .map(|(k, v)| view! { <tr><th scope="row">{k}</th><td class="num">{v}</td></tr> })
            .collect_view()
    };
    let source_items = move || {
        let l = lang.get();
        sources
            .iter()
            .map(|src| {
                let (cls, tag) = if src.real {
                    ("tag real", t(l, "portal_real"))
                } else {
                    ("tag synthetic", t(l, "portal_synthetic"))
                };
                let text = match (l, &src.description_zh) {
                    (Lang::Zh, Some(zh)) => zh.clone(),
                    _ => src.description.clone(),
                };
                view! { <li><span class=cls>{tag}</span><code>{src.part.clone()}</code>{" — "}{text}</li> }
            })
            .collect_view()
    };
    let hashes = move || {
        let l = lang.get();
        format!(
            "{} {} · {} {} · {} {}",
            t(l, "portal_scenario_hash"),
            m.scenario_sha256,
            t(l, "portal_plan_hash"),
            m.plan_sha256,
            t(l, "portal_format"),
            m.format_version
        )
    };
    view! {
        <section class="panel" id="method" aria-labelledby="method-h">
            <h2 id="method-h">{move || t(lang.get(), "portal_method")}</h2>
            <h3>{move || t(lang.get(), "portal_sources")}</h3>
            <ul class="sources">{source_items}</ul>
            <h3>{move || t(lang.get(), "portal_assumptions")}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t(lang.get(), "portal_assumptions")><table><tbody>{assumptions}</tbody></table></div>
            <h3>{move || t(lang.get(), "portal_downloads")}</h3>
            <ul class="downloads no-print">{downloads}</ul>
            <p class="meta hashes">{hashes}</p>
        </section>
    }
}

/// The overview page.
#[component]
pub(crate) fn Overview(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    view! {
        <Status data=data.clone() lang=lang/>
        <Headline data=data.clone() lang=lang/>
        <MapSection data=data.clone() lang=lang/>
        <section class="panel" id="decisions" aria-labelledby="decisions-h">
            <h2 id="decisions-h">{move || t(lang.get(), "portal_decisions")}</h2>
            <p class="meta">{move || t(lang.get(), "portal_decisions_hint")}</p>
            <DecisionRows data=data.clone() lang=lang unit=None full=false/>
        </section>
        <Units data=data.clone() lang=lang/>
        <Method data=data.clone() lang=lang/>
        <Recheck data=data lang=lang/>
    }
}
