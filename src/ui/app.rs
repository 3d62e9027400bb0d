//! The root component: loads the embedded demo region, holds the language,
//! and lays out the header, summary, map and sources.

use super::access_panel::AccessPanel;
use super::charts::tradeoff::TradeOffChart;
use super::charts::{RatioChart, SecondmentChart};
use super::compare_panel::ComparePanel;
use super::curve_chart::CurveChart;
use super::map_canvas::{MapCanvas, MapFigures, Shade};
use super::map_paint::Visible;
use super::plan_panel::{PlanPanel, SolveState};
use super::policy_panel::PolicyPanel;
use super::scenario_bar::{ScenarioBar, Scenarios};
use super::solver::SolverClient;
use super::sources_panel::SourcesPanel;
use super::store::SavedResult;
use super::summary_panel::SummaryPanel;
use super::tables::{DecisionTable, IndicatorTable};
use crate::access::Method;
use crate::i18n::{t, Lang};
use crate::indicators::{access_curve, service_point_minutes};
use crate::protocol::{Job, SolveReply, SolveRequest, WorkerMessage};
use crate::report::PlanReport;
use crate::scenario::Mode;
use crate::summary::summarise;
use crate::view::map_layers::MapLayers;
use crate::view::solve_progress::{record, ProgressPoint};
use crate::view::zone_access::ZoneAccess;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Per zone minutes to the nearest service point, and how they were computed.
type ModeMinutes = (Vec<Option<f64>>, Method);

/// A region ready to plan: the demo, or one the planner imported or opened.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedRegion {
    /// The key its scenarios are stored under (the demo: its region name;
    /// others: the stored region's id).
    pub key: String,
    /// Shown in the header.
    pub name: String,
    /// English name (the demo's pinyin; others: the same name).
    pub name_en: String,
    /// The built-in demo.
    pub demo: bool,
    /// The region.
    pub scenario: crate::scenario::Scenario,
}

/// One region's planning dashboard: everything below the header. Mounted
/// afresh when the planner switches region.
#[component]
pub fn Dashboard(
    region: Arc<LoadedRegion>,
    lang: ReadSignal<Lang>,
    on_open_file: Callback<crate::scenario_file::ScenarioFile>,
    editing: super::data_editor::Editing,
) -> impl IntoView {
    let scenario = region.scenario.clone();
    let region_key = region.key.clone();
    // Plans remember the data they were optimised on: one from before an edit is stale.
    let fingerprint = crate::records::data_fingerprint(&scenario);
    let stale_data = RwSignal::new(false);
    let summary = summarise(&scenario);
    let layers = Arc::new(MapLayers::of(&scenario));
    let sources = scenario.sources.clone();
    let mode = RwSignal::new(scenario.policy.coverage.mode);
    let minutes = RwSignal::new(scenario.policy.coverage.minutes);
    let shade = RwSignal::new(Shade::Minutes);
    let selected = RwSignal::new(None::<usize>);
    let visible = RwSignal::new(Visible::default());
    // A share link (#s=…) brings a scenario's settings along.
    let mut share_note: Option<Vec<crate::diagnostics::Problem>> = None;
    let shared = share_from_url().and_then(|r| match r {
        Ok(x) if x.region == region_key => Some((x.name, x.policy)),
        Ok(x) => {
            share_note = Some(vec![crate::diagnostics::Problem::error(
                "$.region",
                format!(
                    "the link was made for {}, but this app shows {}; open it where that region is loaded",
                    x.region, region.name
                ),
                format!(
                    "该链接是为“{}”生成的，而本应用显示的是“{}”；请在载入该地区的应用中打开",
                    x.region, region.name
                ),
            )]);
            None
        }
        Err(e) => {
            share_note = Some(e);
            None
        }
    });
    let share_ok = shared.is_some();
    let first_name = format!("{} A", t(lang.get_untracked(), "scenario_default_name"));
    let sc = Scenarios::load(
        region_key.clone(),
        first_name,
        scenario.policy.clone(),
        shared,
    );
    let scenario = StoredValue::new(scenario);
    let scenario_for_exports = scenario;

    // The solver worker and what it says.
    let state = RwSignal::new(SolveState::Idle);
    let settings = super::plan_panel::SolverSettings::new();
    let last: RwSignal<Option<Arc<SolveReply>>> = RwSignal::new(None);
    let solved_policy = RwSignal::new(None::<crate::scenario::Policy>);
    let asked_policy = StoredValue::new(None::<crate::scenario::Policy>);
    let show_after = RwSignal::new(false);
    let job = StoredValue::new(0u32);
    // Incumbent and bound over time, for the progress chart (kept after the
    // solve ends, until the next one starts).
    let progress_log = RwSignal::new(Vec::<ProgressPoint>::new());
    // The best plan the running solve has found, with its objective, and
    // the last bound: what Cancel keeps.
    let best = StoredValue::new(None::<(crate::plan::Plan, Option<f64>)>);
    // The plan the next solve starts from when not the one on screen (a
    // what-if slider's nearest breakpoint).
    let next_warm = StoredValue::new(None::<crate::plan::Plan>);
    let last_bound = StoredValue::new(None::<f64>);
    let plan_found = RwSignal::new(false);
    let client = StoredValue::new_local(SolverClient::new(move |m| match m {
        WorkerMessage::Ready => {}
        WorkerMessage::Progress {
            job: j,
            stage,
            bound,
            incumbent,
            seconds,
            plan,
        } if j == job.get_value() => {
            if bound.is_some() {
                last_bound.set_value(bound);
            }
            if let Some(plan) = plan {
                best.set_value(Some((*plan, incumbent)));
                plan_found.set(true);
            }
            progress_log.update(|log| {
                record(
                    log,
                    ProgressPoint {
                        seconds,
                        incumbent,
                        bound,
                    },
                )
            });
            state.update(|s| {
                if let SolveState::Running {
                    stage: st,
                    bound: b,
                    incumbent: x,
                    ..
                } = s
                {
                    *st = stage;
                    *b = bound;
                    *x = incumbent;
                }
            });
        }
        WorkerMessage::Done { job: j, reply } if j == job.get_value() => {
            let reply = Arc::new(*reply);
            if reply.plan.is_some() {
                last.set(Some(reply.clone()));
                solved_policy.set(asked_policy.get_value());
                show_after.set(true);
                if let Some(policy) = asked_policy.get_value() {
                    sc.set_result(SavedResult {
                        policy,
                        reply: (*reply).clone(),
                        data: Some(fingerprint),
                    });
                    stale_data.set(false);
                }
            }
            state.set(SolveState::Done(reply));
        }
        ref m @ WorkerMessage::Failed { job: j, .. }
            if j == job.get_value()
                || (j == 0 && matches!(state.get_untracked(), SolveState::Running { .. })) =>
        {
            if let Some(p) = m.failure() {
                state.set(SolveState::Failed(p));
            }
        }
        _ => {}
    }));
    let (now, set_now) = signal(js_sys::Date::now());
    let tick = set_interval_with_handle(
        move || {
            if matches!(state.get_untracked(), SolveState::Running { .. }) {
                set_now.set(js_sys::Date::now());
            }
        },
        std::time::Duration::from_millis(100),
    );
    on_cleanup(move || {
        if let Ok(h) = tick {
            h.clear();
        }
    });
    let on_optimise = Callback::new(move |_| {
        let policy = sc.policy.get_untracked();
        // The same check as a scenario file, before anything is sent.
        if let Some(p) = crate::validate::policy_problems(&policy)
            .into_iter()
            .find(crate::diagnostics::Problem::is_error)
        {
            state.set(SolveState::Failed(p));
            return;
        }
        let mut s = scenario.get_value();
        s.policy = policy.clone();
        job.update_value(|j| *j += 1);
        let warm = next_warm.get_value();
        next_warm.set_value(None);
        asked_policy.set_value(Some(policy));
        let now = js_sys::Date::now();
        set_now.set(now);
        progress_log.set(vec![]);
        best.set_value(None);
        last_bound.set_value(None);
        plan_found.set(false);
        state.set(SolveState::Running {
            stage: "queued".into(),
            started_ms: now,
            bound: None,
            incumbent: None,
        });
        let req = SolveRequest {
            job: job.get_value(),
            scenario: s,
            time_limit: settings.time_limit.get_untracked(),
            mip_gap: settings.mip_gap.get_untracked(),
            warm_start: warm
                .or_else(|| last.with_untracked(|r| r.as_ref().and_then(|r| r.plan.clone()))),
            incumbent: true,
        };
        client.with_value(|c| c.send(&Job::Solve(Box::new(req))));
    });
    on_cleanup(move || {
        client.with_value(|c| c.stop());
        sc.close();
    });
    let on_cancel = Callback::new(move |_| {
        job.update_value(|j| *j += 1);
        client.with_value(|c| c.restart());
        plan_found.set(false);
        // Stopping keeps the best plan found: a fresh worker checks and
        // reports it (no solve), marked as stopped with its gap.
        let kept = best.get_value();
        best.set_value(None);
        match (kept, asked_policy.get_value()) {
            (Some((plan, incumbent)), Some(policy)) => {
                let started_ms = match state.get_untracked() {
                    SolveState::Running { started_ms, .. } => started_ms,
                    _ => js_sys::Date::now(),
                };
                let mut s = scenario.get_value();
                s.policy = policy;
                state.set(SolveState::Running {
                    stage: "settling".into(),
                    started_ms,
                    bound: last_bound.get_value(),
                    incumbent,
                });
                let req = crate::protocol::SettleRequest {
                    job: job.get_value(),
                    scenario: s,
                    plan,
                    incumbent,
                    bound: last_bound.get_value(),
                    seconds: ((js_sys::Date::now() - started_ms) / 1000.0).max(0.0),
                };
                client.with_value(|c| c.send(&Job::Settle(Box::new(req))));
            }
            _ => state.set(SolveState::Cancelled),
        }
    });
    let why = super::why::Why::follow(scenario, solved_policy, last);
    let report: Memo<Option<Arc<PlanReport>>> =
        Memo::new(move |_| last.with(|r| r.as_ref().and_then(|r| r.report.clone()).map(Arc::new)));
    let stale = Memo::new(move |_| {
        stale_data.get()
            || solved_policy.with(|p| p.as_ref().is_some_and(|p| *p != sc.policy.get()))
    });
    let objective = Memo::new(move |_| {
        solved_policy
            .with(|p| p.as_ref().map(|p| p.objective.clone()))
            .unwrap_or_else(|| sc.policy.with(|p| p.objective.clone()))
    });
    let exports = super::exports::Exports(super::exports::ExportsProps {
        lang,
        report,
        policy: sc.policy.into(),
        current_name: Signal::derive(move || {
            let id = sc.current.get();
            sc.all
                .with(|a| a.iter().find(|s| s.id == id).map(|s| s.name.clone()))
                .unwrap_or_default()
        }),
        region: region_key.clone(),
        scenario: scenario_for_exports,
    });
    let exports = view! {
        {exports}
        <super::publish_panel::PublishPanel lang=lang last=last solved_policy=solved_policy scenario=scenario_for_exports stale=stale/>
    }
    .into_any();
    let region_for_bar = region_key.clone();

    // A scenario's plan comes back with it (reload, switching scenarios). A
    // solve still running for the scenario left behind is stopped, so its
    // plan never lands in another scenario.
    Effect::new(move |prev: Option<String>| {
        let id = sc.current.get();
        if !sc.loaded.get() || prev.as_deref() == Some(id.as_str()) {
            return id;
        }
        let switched = prev.as_deref().is_some_and(|p| !p.is_empty());
        if switched && matches!(state.get_untracked(), SolveState::Running { .. }) {
            client.with_value(|c| c.restart());
        }
        job.update_value(|j| *j += 1);
        match sc.result_of(&id) {
            Some(k) => {
                stale_data.set(k.data.is_some_and(|d| d != fingerprint));
                let reply = Arc::new(k.reply);
                last.set(Some(reply.clone()));
                solved_policy.set(Some(k.policy));
                state.set(SolveState::Done(reply));
                show_after.set(true);
            }
            None => {
                stale_data.set(false);
                last.set(None);
                solved_policy.set(None);
                state.set(SolveState::Idle);
                show_after.set(false);
            }
        }
        selected.set(None);
        id
    });
    // A trade-off point's plan opens as a scenario of its own (settings and
    // plan), so the planner's scenario is kept and the two can be compared.
    let point_region = region_key.clone();
    let on_load_point = Callback::new(move |p: Arc<crate::tradeoff::TradeOffPoint>| {
        let current = sc.current.get_untracked();
        let base = sc
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == current).map(|s| s.name.clone()))
            .unwrap_or_default();
        // Points of a point's scenario are named after the original scenario.
        let base = base.split(" · ").next().unwrap_or_default().to_string();
        let name = format!("{base} · {:.2}%", p.coverage * 100.0);
        let existing = sc.all.with_untracked(|a| {
            a.iter()
                .find(|s| s.name == name && s.policy == p.policy)
                .map(|s| s.id.clone())
        });
        match existing {
            Some(id) => sc.open(&id),
            None => sc.add(
                name,
                p.policy.clone(),
                Some(SavedResult {
                    policy: p.policy.clone(),
                    reply: p.reply.clone(),
                    data: Some(fingerprint),
                }),
                point_region.clone(),
            ),
        }
    });

    // Travel times per mode, computed once and kept: switching back is instant.
    let cache: StoredValue<HashMap<Mode, ModeMinutes>> = StoredValue::new(HashMap::new());
    let minutes_for = move |m: Mode| -> ModeMinutes {
        if let Some(hit) = cache.with_value(|c| c.get(&m).cloned()) {
            return hit;
        }
        let (minutes, method, warnings) = scenario.with_value(|s| service_point_minutes(s, m));
        for w in &warnings {
            web_sys::console::warn_1(&w.to_string().into());
        }
        cache.update_value(|c| {
            c.insert(m, (minutes.clone(), method));
        });
        (minutes, method)
    };
    let computed = Memo::new(move |_| minutes_for(mode.get()));
    let before_minutes = Memo::new(move |_| computed.with(|c| c.0.clone()));
    // The settings the plan on screen was solved under (the edited ones when there is none):
    // its charts, targets and 'after' figures follow them, not later edits.
    let plan_policy = Memo::new(move |_| solved_policy.get().unwrap_or_else(|| sc.policy.get()));
    let policy_mode = Memo::new(move |_| plan_policy.with(|p| p.coverage.mode));
    let plan_before_minutes = Memo::new(move |_| minutes_for(policy_mode.get()).0);
    let zone_minutes = Memo::new(move |_| {
        let after = show_after.get();
        match report.get() {
            Some(r) if after && mode.get() == policy_mode.get() => r.zone_minutes_after.clone(),
            _ => before_minutes.get(),
        }
    });
    let method_key = Memo::new(move |_| match computed.with(|c| c.1) {
        Method::RoadNetwork => "method_road_network",
        Method::StraightLine => "method_straight_line",
        Method::Table => "method_table",
    });
    let threshold = Signal::derive(move || plan_policy.with(|p| p.coverage.minutes));

    // E2SFCA and catchments need the full pair table: computed the first
    // time they are asked for, a moment later so "Computing…" shows first.
    // Keyed by mode and catchment reach (whole minutes, at least 30).
    let access_cache: RwSignal<HashMap<(Mode, u32), Arc<ZoneAccess>>> =
        RwSignal::new(HashMap::new());
    // An emergency centre's catchment: the rule's rural and urban reach,
    // when the selected facility offers a centre (today, or by the plan shown).
    let layers_for_centre = layers.clone();
    let centre_reach = Memo::new(move |_| {
        let rule = plan_policy.with(|p| p.services.emergency_centres.clone())?;
        let site = layers_for_centre.facilities.get(selected.get()?)?.site as usize;
        let (id, today) = scenario.with_value(|s| {
            s.facilities
                .get(site)
                .map(|f| (f.id.clone(), f.services.iter().any(|x| x.is_centre())))
        })?;
        let planned = show_after.get()
            && report.with(|r| {
                r.as_ref().is_some_and(|r| {
                    r.decisions
                        .iter()
                        .any(|d| d.facility_id == id && d.specialty.is_some_and(|x| x.is_centre()))
                })
            });
        (today || planned).then_some((rule.rural_minutes, rule.urban_minutes))
    });
    let access_key = Memo::new(move |_| {
        let reach = centre_reach
            .get()
            .map_or(0.0, |(rural, urban)| rural.max(urban));
        (
            mode.get(),
            threshold.get().max(reach).ceil().max(30.0) as u32,
        )
    });
    let wants_access = Memo::new(move |_| shade.get() == Shade::E2sfca || selected.get().is_some());
    Effect::new(move |_| {
        let key = access_key.get();
        if !wants_access.get() || access_cache.with_untracked(|c| c.contains_key(&key)) {
            return;
        }
        set_timeout(
            move || {
                if access_cache.with_untracked(|c| c.contains_key(&key)) {
                    return;
                }
                let a = scenario.with_value(|s| ZoneAccess::within(s, key.0, f64::from(key.1)));
                access_cache.update(|c| {
                    c.insert(key, Arc::new(a));
                });
            },
            std::time::Duration::from_millis(30),
        );
    });
    let zone_access = Memo::new(move |_| {
        let key = access_key.get();
        access_cache.with(|c| c.get(&key).cloned())
    });
    let e2sfca_before = Memo::new(move |_| zone_access.get().map(|a| Arc::new(a.e2sfca.clone())));
    let e2sfca = Memo::new(move |_| match report.get() {
        Some(r) if show_after.get() && mode.get() == policy_mode.get() => {
            Some(Arc::new(r.e2sfca_after.clone()))
        }
        _ => e2sfca_before.get(),
    });
    let layers_for_catchment = layers.clone();
    let catchment = Memo::new(move |_| {
        if !visible.with(|v| v.catchments) {
            return Arc::new(vec![]);
        }
        if let Some(i) = selected.get() {
            let site = layers_for_catchment.facilities.get(i).map(|f| f.site);
            return Arc::new(match (zone_access.get(), site, centre_reach.get()) {
                (Some(a), Some(site), Some((rural, urban))) => {
                    scenario.with_value(|s| a.centre_catchment(s, site, rural, urban))
                }
                (Some(a), Some(site), None) => a.catchment(site, threshold.get()),
                _ => vec![],
            });
        }
        match report.get() {
            Some(r) if show_after.get() => {
                let mut zones: Vec<usize> = r
                    .new_catchments
                    .iter()
                    .flat_map(|(_, z)| z.iter().copied())
                    .collect();
                zones.sort_unstable();
                zones.dedup();
                Arc::new(zones)
            }
            _ => Arc::new(vec![]),
        }
    });
    let figures = MapFigures {
        minutes: zone_minutes,
        minutes_before: before_minutes,
        e2sfca,
        e2sfca_before,
        catchment,
        catchment_label: Signal::derive(move || {
            if centre_reach.get().is_some() {
                "legend_centre_catchment"
            } else {
                "legend_catchment"
            }
        }),
        threshold,
    };

    // Plan charts.
    let plan_curve = Memo::new(move |_| {
        plan_before_minutes.with(|zm| scenario.with_value(|s| access_curve(s, zm, 60)))
    });
    let plan_curve_after = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| scenario.with_value(|s| access_curve(s, &r.zone_minutes_after, 60)))
        })
    });
    let ratio_targets = Signal::derive(move || {
        plan_policy.with(|p| (p.ratios.beds_per_1000, p.ratios.doctors_per_1000))
    });
    let coverage_target = Signal::derive(move || plan_policy.with(|p| p.coverage.share));
    let compare_layers = layers.clone();
    // A what-if slider released: its target into the form, then the exact plan.
    let on_whatif = Callback::new(
        move |(policy, warm): (crate::scenario::Policy, Option<crate::plan::Plan>)| {
            sc.policy.set(policy);
            next_warm.set_value(warm);
            on_optimise.run(());
        },
    );
    let solving = Signal::derive(move || matches!(state.get(), SolveState::Running { .. }));
    let plan_cost = Signal::derive(move || last.with(|r| r.as_ref().and_then(|r| r.cost_yuan)));

    view! {
        {region.demo.then(|| view! { <p class="notice">{move || t(lang.get(), "demo_notice")}</p> })}
        {share_note.map(|n| view! {
            <div class="notice warn" data-testid="share-error" role="alert">
                <p>{move || t(lang.get(), "share_failed")}</p>
                <ul>{n.into_iter().take(8).map(|p| { let path = p.path.clone(); view! { <li data-path=path>{move || p.line(lang.get())}</li> } }).collect_view()}</ul>
            </div>
        })}
        {share_ok.then(|| view! { <p class="notice ok" data-testid="share-restored">{move || t(lang.get(), "share_restored")}</p> })}
        <main class="layout">
            <div class="left">
                <PlanPanel lang=lang state=state now_ms=now progress_log=progress_log.read_only() plan_found=plan_found.read_only() stale=stale objective=objective
                    on_optimise=on_optimise on_cancel=on_cancel exports=exports settings=settings/>
                <super::whatif_panel::WhatIfPanel scenario=scenario solved_policy=solved_policy plan_cost=plan_cost busy=solving lang=lang on_release=on_whatif/>
                <ScenarioBar sc=sc region=region_for_bar lang=lang/>
                <super::scenario_files::ScenarioFiles sc=sc scenario=scenario lang=lang on_open=on_open_file/>
                <PolicyPanel policy=sc.policy lang=lang ready=sc.loaded.into()/>
            </div>
            <div class="centre">
                <MapCanvas layers=layers lang=lang shade=shade figures=figures selected=selected visible=visible report=report show_after=show_after
                    placing=editing.placing on_place=Callback::new(move |p: [f64; 2]| editing.on_edit.run(crate::edit::Edit::AddSite { lon: p[0], lat: p[1] }))/>
                <IndicatorTable report=report lang=lang/>
                <DecisionTable report=report lang=lang scenario=scenario why=why/>
                <Show when=move || report.with(|r| r.is_some())>
                    <section class="panel charts" data-testid="plan-charts">
                        <h2>{move || t(lang.get(), "charts_title")}</h2>
                        <div class="chart-grid">
                            <CurveChart curve=plan_curve after=plan_curve_after minutes=threshold target=coverage_target lang=lang testid="plan-curve"/>
                            <RatioChart report=report targets=ratio_targets lang=lang/>
                        </div>
                        <SecondmentChart report=report lang=lang/>
                    </section>
                </Show>
                <section class="panel">
                    <TradeOffChart scenario=scenario policy=sc.policy.into() lang=lang on_load=on_load_point/>
                </section>
                <ComparePanel sc=sc report=report layers=compare_layers lang=lang/>
                <super::data_editor::DataEditor scenario=scenario lang=lang editing=editing demo=region.demo/>
            </div>
            <div class="side">
                <SummaryPanel summary=summary lang=lang/>
                <AccessPanel
                    scenario=scenario
                    lang=lang
                    mode=mode
                    minutes=minutes
                    zone_minutes=before_minutes
                    method_key=method_key
                />
                <SourcesPanel sources=sources lang=lang/>
            </div>
        </main>
    }
}

/// The share payload in the page's URL (`#s=…`), if any; the fragment is
/// removed once read so a reload does not add the scenario again.
fn share_from_url() -> Option<Result<crate::share::Shared, Vec<crate::diagnostics::Problem>>> {
    let w = web_sys::window()?;
    let hash = w.location().hash().ok()?;
    let payload = hash.strip_prefix("#s=")?.to_string();
    if let Ok(h) = w.history() {
        let path = w.location().pathname().unwrap_or_default();
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    Some(crate::share::decode(&payload))
}
