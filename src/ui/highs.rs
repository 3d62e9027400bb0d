//! Inside the worker: HiGHS compiled to WebAssembly (npm `highs`), loaded
//! on the first solve that needs it and installed into the engine
//! ([`crate::optimise::engine::install_highs`]).
//!
//! `solver/highs.js` (the package's loader) and `public/solver/highs-glue.js`
//! (ours: the model arrays in, a plain result out, every exception caught)
//! are read with `importScripts`; the page's own bundle does not grow.
//! The model crosses as typed arrays (no LP text to parse or round).

use crate::optimise::engine::{
    self, empty_answer, settle, Answer, Backend, EngineError, HighsRuntime, LinearModel, Live,
    Options,
};
use crate::optimise::Status;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the package's loader and the glue are, relative to the worker.
const SCRIPTS: [&str; 2] = ["solver/highs.js", "public/solver/highs-glue.js"];
/// Where `highs.wasm` is, relative to the worker.
const WASM_DIR: &str = "solver/";

thread_local! {
    /// Whether loading was tried in this worker (once; a reload is a new worker).
    static TRIED: Cell<bool> = const { Cell::new(false) };
}

fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(o: &js_sys::Object, key: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(key), v);
}

fn text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Whether a solve should wait for HiGHS to load first (it has not been tried).
pub fn needs_loading() -> bool {
    !TRIED.with(Cell::get)
}

/// Loads HiGHS into this worker and installs it; on failure tells the
/// engine why (solves then run microlp and say so).
pub async fn load() {
    TRIED.with(|t| t.set(true));
    let scripts: Vec<String> = SCRIPTS.iter().map(|s| s.to_string()).collect();
    match try_load(&scripts, &JsValue::from_str(WASM_DIR)).await {
        Ok(rt) => engine::install_highs(Rc::new(rt)),
        Err(e) => engine::highs_unavailable(format!("HiGHS could not load: {e}")),
    }
}

/// In a worker other than the app's (the portal's re-check): imports
/// `scripts` (none when they are already part of the worker's code), loads
/// the wasm from `wasm` (a folder URL, or the wasm's bytes) and installs
/// HiGHS. Returns HiGHS's version.
pub async fn load_from(scripts: &[String], wasm: &JsValue) -> Result<String, String> {
    let rt = try_load(scripts, wasm).await?;
    let version = rt.version.clone();
    engine::install_highs(Rc::new(rt));
    Ok(version)
}

async fn try_load(scripts: &[String], wasm: &JsValue) -> Result<JsHighs, String> {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if !scripts.is_empty() {
        let list = js_sys::Array::new();
        for s in scripts {
            list.push(&JsValue::from_str(s));
        }
        scope
            .import_scripts(&list)
            .map_err(|e| format!("loading its scripts: {}", text(&e)))?;
    }
    let global: JsValue = js_sys::global().into();
    let factory = get(&global, "Module");
    let api = get(&global, "HealthReachHighs");
    let load: js_sys::Function = get(&api, "load")
        .dyn_into()
        .map_err(|_| "the glue script has no load()".to_string())?;
    let promise: js_sys::Promise = load
        .call2(&api, &factory, wasm)
        .map_err(|e| text(&e))?
        .dyn_into()
        .map_err(|_| "load() did not return a promise".to_string())?;
    let version = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| text(&e))?
        .as_string()
        .unwrap_or_else(|| engine::HIGHS_VERSION.into());
    runtime(api, version)
}

/// The runtime over the glue's `api` once it has loaded HiGHS.
fn runtime(api: JsValue, version: String) -> Result<JsHighs, String> {
    let solve: js_sys::Function = get(&api, "solve")
        .dyn_into()
        .map_err(|_| "the glue script has no solve()".to_string())?;
    Ok(JsHighs {
        api,
        solve,
        version,
    })
}

/// The WebAssembly HiGHS, through the glue script.
struct JsHighs {
    api: JsValue,
    solve: js_sys::Function,
    version: String,
}

fn f64s(v: &[f64]) -> JsValue {
    js_sys::Float64Array::from(v).into()
}

fn i32s(v: &[usize]) -> Result<JsValue, EngineError> {
    let out: Vec<i32> = v
        .iter()
        .map(|x| i32::try_from(*x))
        .collect::<Result<_, _>>()
        .map_err(|_| EngineError {
            backend: Backend::Highs,
            detail: "the model is too large for HiGHS's 32-bit indices".into(),
            fatal: false,
            out_of_memory: false,
        })?;
    Ok(js_sys::Int32Array::from(&out[..]).into())
}

fn number(o: &JsValue, key: &str) -> Option<f64> {
    get(o, key).as_f64().filter(|x| x.is_finite())
}

impl JsHighs {
    fn model(&self, m: &LinearModel) -> Result<js_sys::Object, EngineError> {
        let o = js_sys::Object::new();
        let (start, rows, values) = m.csc();
        let sense = match m.sense {
            engine::Sense::Minimise => "min",
            engine::Sense::Maximise => "max",
        };
        set(&o, "sense", &JsValue::from_str(sense));
        set(&o, "offset", &JsValue::from_f64(m.offset));
        set(&o, "num_col", &JsValue::from_f64(m.columns() as f64));
        set(&o, "num_row", &JsValue::from_f64(m.rows() as f64));
        set(&o, "col_cost", &f64s(&m.cost));
        set(&o, "col_lower", &f64s(&m.lower));
        set(&o, "col_upper", &f64s(&m.upper));
        set(&o, "row_lower", &f64s(&m.row_lower));
        set(&o, "row_upper", &f64s(&m.row_upper));
        set(&o, "a_start", &i32s(&start)?);
        set(&o, "a_index", &i32s(&rows)?);
        set(&o, "a_value", &f64s(&values));
        let int: Vec<u8> = m.integer.iter().map(|b| u8::from(*b)).collect();
        set(
            &o,
            "integrality",
            &js_sys::Uint8Array::from(&int[..]).into(),
        );
        Ok(o)
    }
}

impl HighsRuntime for JsHighs {
    fn version(&self) -> String {
        self.version.clone()
    }

    fn solve(
        &self,
        model: &LinearModel,
        opts: &Options,
        live: &mut dyn FnMut(Live),
    ) -> Result<Answer, EngineError> {
        let m = self.model(model)?;
        let o = js_sys::Object::new();
        set(
            &o,
            "time_limit",
            &opts.time_limit.map_or(JsValue::NULL, |t| {
                JsValue::from_f64(crate::optimise::solver_seconds(t))
            }),
        );
        set(&o, "mip_rel_gap", &JsValue::from_f64(opts.mip_gap.max(0.0)));
        set(&o, "duals", &JsValue::from_bool(opts.duals));
        set(&o, "threads", &JsValue::from_f64(1.0));
        let start = match &opts.start {
            Some(entries) if !entries.is_empty() => {
                let mut x = vec![f64::NAN; model.columns()];
                for (k, v) in entries {
                    if let Some(slot) = x.get_mut(*k) {
                        *slot = *v;
                    }
                }
                f64s(&x)
            }
            _ => JsValue::NULL,
        };
        set(&o, "start", &start);
        // The glue calls back only during `solve` (synchronously), and the
        // closure is dropped before this function returns.
        let live: &mut dyn FnMut(Live) = live;
        // SAFETY: the 'static lifetime is never relied on: the closure, and
        // with it the borrowed `live`, is dropped at the end of this scope,
        // after the synchronous JS call that alone may invoke it.
        let live: &'static mut dyn FnMut(Live) = unsafe { std::mem::transmute(live) };
        let columns = model.columns();
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            // An improving solution's values, when the glue passed them and
            // they are one per column.
            let solution = get(&e, "solution")
                .dyn_into::<js_sys::Float64Array>()
                .ok()
                .filter(|a| a.length() as usize == columns)
                .map(|a| a.to_vec().into());
            live(Live {
                incumbent: number(&e, "incumbent"),
                bound: number(&e, "bound"),
                gap: number(&e, "gap"),
                nodes: number(&e, "nodes").unwrap_or(0.0) as u64,
                seconds: number(&e, "seconds").unwrap_or(0.0),
                solution,
            })
        });
        let r = self
            .solve
            .call3(&self.api, &m, &o, callback.as_ref().unchecked_ref());
        drop(callback);
        let r = r.map_err(|e| EngineError {
            backend: Backend::Highs,
            detail: text(&e),
            fatal: true,
            out_of_memory: false,
        })?;
        let status = get(&r, "status").as_string().unwrap_or_default();
        let seconds = number(&r, "seconds").unwrap_or(0.0);
        let nodes = number(&r, "nodes").unwrap_or(0.0) as u64;
        let error = |detail: String, fatal: bool| EngineError {
            backend: Backend::Highs,
            detail,
            fatal,
            out_of_memory: false,
        };
        match status.as_str() {
            "infeasible" => Ok(empty_answer(
                Status::Infeasible,
                Backend::Highs,
                self.version.clone(),
                seconds,
            )),
            "time_limit" => {
                let mut a = empty_answer(
                    Status::TimeLimit,
                    Backend::Highs,
                    self.version.clone(),
                    seconds,
                );
                a.nodes = nodes;
                a.bound = number(&r, "bound");
                Ok(a)
            }
            "optimal" | "feasible" => {
                let values: Vec<f64> = get(&r, "col_value")
                    .dyn_into::<js_sys::Float64Array>()
                    .map(|a| a.to_vec())
                    .map_err(|_| error("HiGHS returned no solution values".into(), false))?;
                if values.len() != model.columns() {
                    return Err(error(
                        "HiGHS returned a solution of another size".into(),
                        false,
                    ));
                }
                let mut a = empty_answer(
                    Status::Feasible,
                    Backend::Highs,
                    self.version.clone(),
                    seconds,
                );
                a.objective = Some(model.objective_of(&values));
                a.bound = number(&r, "bound");
                a.nodes = nodes;
                a.values = values;
                a.row_duals = get(&r, "row_dual")
                    .dyn_into::<js_sys::Float64Array>()
                    .ok()
                    .map(|d| d.to_vec())
                    .filter(|d| d.len() == model.rows());
                settle(&mut a, status == "optimal");
                Ok(a)
            }
            "unbounded" => Err(error("the model is unbounded".into(), false)),
            _ => {
                let message = get(&r, "message").as_string().unwrap_or(status);
                let fatal = get(&r, "fatal").as_bool().unwrap_or(false);
                Err(EngineError {
                    out_of_memory: get(&r, "out_of_memory").as_bool().unwrap_or(false),
                    ..error(message, fatal)
                })
            }
        }
    }
}
