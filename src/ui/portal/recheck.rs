//! Re-check (`portal-reproduce`): solves the published scenario again in the
//! viewer's browser with the published settings (HiGHS, loaded on demand),
//! runs the independent checker on the published plan, and says whether the
//! plans' hashes match — or, if not, which decisions differ. A different plan
//! of equal cost is an equally good alternative, not a match.

use super::recheck_worker::{RecheckJob, RecheckMessage};
use super::Data;
use crate::i18n::{money, t, Lang};
use crate::publish::recheck::Recheck as Verdict;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    /// The worker's stage (an i18n key) and, while solving, the gap
    /// between the best plan found and the bound.
    Running {
        stage: String,
        gap: Option<f64>,
    },
    /// The verdict, the seconds it took, and the solver that re-solved.
    Done(Box<Verdict>, f64, String),
    /// Why there is no verdict (English, Chinese).
    Failed(String, String),
    Cancelled,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An absolute URL of `path` beside the page.
fn beside_page(path: &str) -> Result<String, String> {
    let href = web_sys::window()
        .map(|w| w.location())
        .and_then(|l| l.href().ok())
        .ok_or("the page has no address")?;
    web_sys::Url::new_with_base(path, &href)
        .map(|u| u.href())
        .map_err(|_| format!("{path} has no address beside the page"))
}

/// The job for the worker: the published settings, where HiGHS is, and the
/// texts (HiGHS's packed bytes too, in the single file).
fn message(data: &Data) -> Result<js_sys::Object, String> {
    let m = &data.publication.manifest;
    let packed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("portal-highs-wasm"))
        .and_then(|e| e.text_content());
    let (highs_scripts, highs_dir) = if packed.is_some() {
        (vec![], None)
    } else {
        (
            vec![
                beside_page("solver/highs.js")?,
                beside_page("solver/highs-glue.js")?,
            ],
            Some(beside_page("solver/")?),
        )
    };
    let job = RecheckJob {
        plan_sha256: m.plan_sha256.clone(),
        scenario_sha256: m.scenario_sha256.clone(),
        time_limit: m.settings.time_limit,
        mip_gap: m.settings.mip_gap,
        highs_scripts,
        highs_dir,
    };
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    };
    set(
        "job",
        &JsValue::from_str(&serde_json::to_string(&job).map_err(|e| e.to_string())?),
    );
    set("scenario", &JsValue::from_str(&data.scenario_text));
    set("plan", &JsValue::from_str(&data.plan_text));
    if let Some(p) = packed {
        set("highs", &JsValue::from_str(&p));
    }
    Ok(o)
}

/// The re-check's worker, while it runs.
type Running = StoredValue<Option<web_sys::Worker>, LocalStorage>;

fn stop(running: Running) {
    if let Some(Some(w)) = running.try_update_value(|w| w.take()) {
        crate::ui::solver::retire(&w);
    }
}

/// Starts the re-check on its own thread; its messages drive `state`.
fn start_worker(data: &Data, state: RwSignal<State>, running: Running) -> Result<(), String> {
    let portal = get(&js_sys::global().into(), "HealthReachPortal");
    let make: js_sys::Function = get(&portal, "recheckWorker")
        .dyn_into()
        .map_err(|_| "the page has no re-check worker".to_string())?;
    let worker: web_sys::Worker = make
        .call0(&portal)
        .map_err(|e| format!("the browser could not start the re-check's thread: {e:?}"))?
        .dyn_into()
        .map_err(|_| "the page gave no worker".to_string())?;
    // Sent once the worker is ready, then dropped (it holds the texts).
    let job = Rc::new(RefCell::new(Some(message(data)?)));
    let (w, r) = (worker.clone(), running);
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(msg) = e
                .data()
                .as_string()
                .and_then(|t| serde_json::from_str::<RecheckMessage>(&t).ok())
            else {
                return;
            };
            match msg {
                RecheckMessage::Ready => {
                    if let Some(j) = job.borrow_mut().take() {
                        let _ = w.post_message(&j);
                    }
                }
                RecheckMessage::Progress { stage, gap, .. } => {
                    state.try_set(State::Running { stage, gap });
                }
                RecheckMessage::Done {
                    verdict,
                    seconds,
                    solver,
                } => {
                    stop(r);
                    state.try_set(State::Done(verdict, seconds, solver));
                }
                RecheckMessage::Failed {
                    message,
                    message_zh,
                } => {
                    stop(r);
                    state.try_set(State::Failed(message, message_zh));
                }
            }
        });
    let r = running;
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        e.prevent_default();
        stop(r);
        state.try_set(State::Failed(
            format!("the re-check's thread stopped: {}", e.message()),
            format!("核验线程意外停止：{}", e.message()),
        ));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // They go with the worker (retiring it unhooks them); a few bytes per run.
    on_message.forget();
    on_error.forget();
    running.set_value(Some(worker));
    Ok(())
}

/// Seconds so far against the limit, and the gap while solving.
fn elapsed(seconds: f64, limit: f64, gap: Option<f64>, l: Lang) -> String {
    let gap = gap.map(|g| g * 100.0);
    match l {
        Lang::Zh => format!(
            " · 已用 {seconds:.1} 秒（上限 {limit:.0} 秒）{}",
            gap.map(|g| format!(" · 当前差距 {g:.2}%"))
                .unwrap_or_default()
        ),
        Lang::En => format!(
            " · {seconds:.1} s of at most {limit:.0} s{}",
            gap.map(|g| format!(" · gap {g:.2}%")).unwrap_or_default()
        ),
    }
}

fn verdict_text(v: &Verdict, seconds: f64, solver: &str, l: Lang) -> String {
    let head = if v.matches {
        t(l, "portal_recheck_match")
    } else if v.equal_cost && !v.differences.is_empty() {
        t(l, "portal_recheck_alternative")
    } else {
        t(l, "portal_recheck_mismatch")
    };
    let checker = if v.verified {
        t(l, "portal_recheck_verified")
    } else {
        t(l, "portal_recheck_not_verified")
    };
    let file = if v.plan_file_matches_manifest {
        ""
    } else {
        t(l, "portal_recheck_file_changed")
    };
    match l {
        Lang::Zh => format!(
            "{head} {checker}{file} 公布方案 {}（{}…），重新求解 {}（{}…）；求解器 {solver}，用时 {seconds:.1} 秒。",
            money(l, v.published_cost_yuan),
            &v.published_hash[..12.min(v.published_hash.len())],
            money(l, v.again_cost_yuan),
            &v.again_hash[..12.min(v.again_hash.len())],
        ),
        Lang::En => format!(
            "{head} {checker}{file} Published plan {} ({}…), re-solved {} ({}…); solver {solver}, {seconds:.1} s.",
            money(l, v.published_cost_yuan),
            &v.published_hash[..12.min(v.published_hash.len())],
            money(l, v.again_cost_yuan),
            &v.again_hash[..12.min(v.again_hash.len())],
        ),
    }
}

fn difference_text(d: &crate::publish::recheck::Difference, l: Lang) -> String {
    let kind = t(l, &format!("decision_{}", d.kind.key()));
    let sp = d
        .specialty
        .map(|s| format!(" · {}", t(l, &format!("specialty_{}", s.key()))))
        .unwrap_or_default();
    let from = d
        .from_name
        .as_ref()
        .map(|f| match l {
            Lang::Zh => format!("（来自 {f}）"),
            Lang::En => format!(" (from {f})"),
        })
        .unwrap_or_default();
    let (a, b) = (crate::export::num(d.published), crate::export::num(d.again));
    match l {
        Lang::Zh => format!(
            "{}{from}：{kind}{sp}，公布方案 {a}，重新求解 {b}",
            d.facility_name
        ),
        Lang::En => format!(
            "{}{from}: {kind}{sp}, published {a}, re-solved {b}",
            d.facility_name
        ),
    }
}

/// The re-check section.
#[component]
pub(crate) fn Recheck(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let state = RwSignal::new(State::Idle);
    let worker: Running = StoredValue::new_local(None);
    let running = move || matches!(state.get(), State::Running { .. });
    let limit = data.publication.manifest.settings.time_limit;
    // Seconds since the click, ticking on the page while the worker works.
    let clock = RwSignal::new(0.0f64);
    let ticker: StoredValue<Option<IntervalHandle>, LocalStorage> = StoredValue::new_local(None);
    let stop_clock = move || {
        if let Some(Some(h)) = ticker.try_update_value(|t| t.take()) {
            h.clear();
        }
    };
    let start = move |_| {
        if running() {
            return;
        }
        stop_clock();
        clock.set(0.0);
        let t0 = now();
        let tick = move || {
            if matches!(state.try_get_untracked(), Some(State::Running { .. })) {
                clock.try_set((now() - t0) / 1000.0);
            } else {
                stop_clock();
            }
        };
        if let Ok(h) = set_interval_with_handle(tick, std::time::Duration::from_millis(200)) {
            ticker.set_value(Some(h));
        }
        state.set(State::Running {
            stage: "portal_loading_solver".into(),
            gap: None,
        });
        if let Err(e) = start_worker(&data, state, worker) {
            stop(worker);
            state.set(State::Failed(e.clone(), e));
        }
    };
    let cancel = move |_| {
        stop(worker);
        state.set(State::Cancelled);
    };
    on_cleanup(move || {
        stop(worker);
        stop_clock();
    });
    let result = move || {
        let l = lang.get();
        match state.get() {
            State::Idle => None,
            State::Running { stage, gap } => Some(view! {
                <div class="reproduce-status" data-testid="recheck-progress" role="status">
                    <p>
                        {t(l, &stage).to_string()}{move || elapsed(clock.get(), limit, gap, l)}
                    </p>
                    <progress max=limit value=move || clock.get().min(limit) aria-label=t(l, "portal_recheck")></progress>
                    <button data-testid="recheck-cancel" on:click=cancel>{t(l, "portal_recheck_cancel")}</button>
                </div>
            }.into_any()),
            State::Cancelled => Some(view! {
                <p class="reproduce-status" data-testid="recheck-cancelled">{t(l, "portal_recheck_cancelled")}</p>
            }.into_any()),
            State::Failed(en, zh) => Some(view! {
                <div class="reproduce-result" data-testid="portal-reproduce-result" data-match="false">
                    <p>{t(l, "portal_recheck_failed")}{" "}{if l == Lang::Zh { zh } else { en }}</p>
                </div>
            }.into_any()),
            State::Done(v, secs, solver) => {
                let matches = if v.matches { "true" } else { "false" };
                let diffs = v.differences.iter().map(|d| view! { <li>{difference_text(d, l)}</li> }).collect_view();
                let violations = v.violations_in(l).iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view();
                Some(view! {
                    <div class="reproduce-result" data-testid="portal-reproduce-result" data-match=matches
                        data-equal-cost=if v.equal_cost { "true" } else { "false" }
                        data-verified=if v.verified { "true" } else { "false" }>
                        <p>{verdict_text(&v, secs, &solver, l)}</p>
                        <Show when={let n = v.differences.len(); move || n > 0}>
                            <h3>{t(l, "portal_recheck_differences")}</h3>
                        </Show>
                        <ul class="differences">{diffs}</ul>
                        <ul class="violations">{violations}</ul>
                    </div>
                }.into_any())
            }
        }
    };
    view! {
        <section class="panel no-print" id="recheck" aria-labelledby="recheck-h">
            <h2 id="recheck-h">{move || t(lang.get(), "portal_recheck")}</h2>
            <p>{move || t(lang.get(), "portal_recheck_intro")}</p>
            <button class="primary" data-testid="portal-reproduce" on:click=start disabled=running>
                {move || t(lang.get(), "portal_recheck_button")}
            </button>
            <div aria-live="polite">{result}</div>
        </section>
    }
}
