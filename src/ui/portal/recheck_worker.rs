//! The re-check's own thread: the portal's viewer, started in a Web Worker
//! (`HealthReachPortal.recheckWorker()` in `public/portal/boot.js`), solves
//! the published scenario again, runs the independent checker on the
//! published plan and compares the two, so the page stays responsive and
//! the viewer can cancel (the page terminates the worker).
//!
//! The page sends one [`RecheckJob`] with the scenario's and the plan's text;
//! the worker answers with [`RecheckMessage`]s: `ready`, progress while it
//! loads HiGHS, solves (incumbent, bound and gap as they come) and checks,
//! then the verdict or why there is none. The texts are read as the page
//! reads them: the scenario whose hash the manifest names as it is, any
//! other through the validator, the plan through the plan validator.

use crate::access::TravelTimes;
use crate::optimise::plan::{access_options_for, solve_plan_keeping_times, PlanOptions};
use crate::publish::recheck::{compare, Recheck};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the page asks for (the `job` field of its message, as JSON; the
/// scenario, the plan and HiGHS's packed bytes travel beside it as text).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RecheckJob {
    /// The published plan's SHA-256 (the manifest's).
    pub plan_sha256: String,
    /// The published scenario's SHA-256 (the manifest's).
    pub scenario_sha256: String,
    /// The published solver settings.
    pub time_limit: f64,
    pub mip_gap: f64,
    /// HiGHS's scripts to import (absolute URLs; empty when they are part
    /// of the worker's code, as in the single file).
    pub highs_scripts: Vec<String>,
    /// The folder holding `highs.wasm` (absolute URL), when the wasm is not
    /// sent packed beside the job.
    pub highs_dir: Option<String>,
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum RecheckMessage {
    /// The worker runs and waits for its job.
    Ready,
    /// A stage started or the solver reported (an i18n key for the stage).
    Progress {
        stage: String,
        seconds: f64,
        incumbent: Option<f64>,
        bound: Option<f64>,
        gap: Option<f64>,
    },
    /// The verdict, the seconds it took and the solver that re-solved.
    Done {
        verdict: Box<Recheck>,
        seconds: f64,
        solver: String,
    },
    /// Why there is no verdict (English, Chinese).
    Failed { message: String, message_zh: String },
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(m: &RecheckMessage) {
    if let Ok(text) = serde_json::to_string(m) {
        let _ = scope().post_message(&JsValue::from_str(&text));
    }
}

fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

fn field(o: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(o, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// Whether this code runs in a dedicated worker (the re-check's thread).
pub(crate) fn in_worker() -> bool {
    js_sys::global()
        .dyn_into::<web_sys::DedicatedWorkerGlobalScope>()
        .is_ok()
}

/// Waits for the page's job, runs it, and tells the page `ready` now.
pub(crate) fn serve() {
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            wasm_bindgen_futures::spawn_local(async move {
                match run(&e.data()).await {
                    Ok(done) => post(&done),
                    Err((message, message_zh)) => post(&RecheckMessage::Failed {
                        message,
                        message_zh,
                    }),
                }
            });
        });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&RecheckMessage::Ready);
}

type Failure = (String, String);

fn progress(stage: &str, t0: f64) {
    post(&RecheckMessage::Progress {
        stage: stage.into(),
        seconds: (now() - t0) / 1000.0,
        incumbent: None,
        bound: None,
        gap: None,
    });
}

async fn run(data: &JsValue) -> Result<RecheckMessage, Failure> {
    let t0 = now();
    let unreadable = |what: &str| {
        (
            format!("the page sent a re-check the worker cannot read ({what}); reload the page"),
            format!("核验线程收到无法读取的请求（{what}）；请刷新页面"),
        )
    };
    let job: RecheckJob = field(data, "job")
        .and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(|| unreadable("job"))?;
    let scenario_text = field(data, "scenario").ok_or_else(|| unreadable("scenario"))?;
    let plan_text = field(data, "plan").ok_or_else(|| unreadable("plan"))?;
    let as_published =
        crate::publish::hash::sha256_hex(scenario_text.as_bytes()) == job.scenario_sha256;
    let (scenario, plan) =
        super::read_texts(&scenario_text, &plan_text, as_published).map_err(|e| (e.clone(), e))?;

    progress("portal_loading_solver", t0);
    let wasm: JsValue = match (field(data, "highs"), &job.highs_dir) {
        (Some(packed), _) => {
            let bytes = crate::publish::bundle::unpack("br-base64", &packed).map_err(|e| {
                (
                    format!("the page's HiGHS block cannot be unpacked: {e}"),
                    format!("页面中的 HiGHS 数据无法解包：{e}"),
                )
            })?;
            js_sys::Uint8Array::from(bytes.as_slice()).into()
        }
        (None, Some(dir)) => JsValue::from_str(dir),
        (None, None) => return Err(unreadable("no HiGHS source")),
    };
    let solver_loaded = crate::ui::highs::load_from(&job.highs_scripts, &wasm).await;
    if let Err(e) = &solver_loaded {
        crate::optimise::engine::highs_unavailable(format!("HiGHS could not load: {e}"));
    }

    progress("portal_solving", t0);
    let opts = PlanOptions {
        time_limit: Some(job.time_limit),
        mip_gap: job.mip_gap,
        ..PlanOptions::default()
    };
    let mut last = 0.0;
    let (solved, times) = solve_plan_keeping_times(&scenario, &opts, &mut |p| {
        let seconds = (now() - t0) / 1000.0;
        // The solver may report many times a second: a few reports suffice.
        if p.gap.is_some() && seconds - last < 0.2 {
            return;
        }
        last = seconds;
        post(&RecheckMessage::Progress {
            stage: "portal_solving".into(),
            seconds,
            incumbent: p.incumbent,
            bound: p.bound,
            gap: p.gap,
        });
    })
    .map_err(|p| (p.message.clone(), p.message_zh.clone()))?;
    let Some(again) = solved.plan.clone() else {
        let status = solved.outcome.status.key();
        return Err((
            format!("the re-solve found no plan ({status})"),
            format!("重新求解未得到方案（{status}）"),
        ));
    };
    let solver = format!(
        "{} {}",
        solved.outcome.backend.map_or("—", |b| b.name()),
        solved.outcome.solver_version.clone().unwrap_or_default()
    );

    progress("portal_checking", t0);
    let tt =
        times.unwrap_or_else(|| TravelTimes::compute(&scenario, &access_options_for(&scenario)));
    let checked = crate::checker::check(&scenario, &tt, &plan);
    let again_cost = solved.cost_yuan.unwrap_or(0.0);
    let verdict = compare(
        &scenario,
        &plan,
        &job.plan_sha256,
        &again,
        &checked,
        again_cost,
    );
    Ok(RecheckMessage::Done {
        verdict: Box::new(verdict),
        seconds: (now() - t0) / 1000.0,
        solver,
    })
}
