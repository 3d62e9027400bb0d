//! Inside the Web Worker: takes [`Job`]s (JSON strings) and dropped files
//! (a JS object `{kind: "files", job, names, files}` holding `File`s, read
//! here so the page never copies them), answers with [`WorkerMessage`]s
//! (JSON strings). The jobs themselves are [`crate::protocol::run_job_with`]
//! and [`crate::protocol::inspect_job`], tested natively.

use crate::import::job::Dropped;
use crate::protocol::{inspect_job, run_job_with, Job, WorkerMessage};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    /// The files last dropped on this worker.
    static FILES: RefCell<Dropped> = RefCell::new(Dropped::default());
    /// While HiGHS loads: the messages that arrived meanwhile, in order.
    static PENDING: RefCell<Option<Vec<JsValue>>> = const { RefCell::new(None) };
}

fn post(scope: &DedicatedWorkerGlobalScope, m: &WorkerMessage) {
    if let Ok(text) = serde_json::to_string(m) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

fn get(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads the dropped files into memory, telling progress per file.
fn read_files(
    scope: &DedicatedWorkerGlobalScope,
    data: &JsValue,
) -> Result<(u32, Dropped), String> {
    let job = get(data, "job").as_f64().unwrap_or(0.0) as u32;
    let names: js_sys::Array = get(data, "names").dyn_into().map_err(|_| "no names")?;
    let files: js_sys::Array = get(data, "files").dyn_into().map_err(|_| "no files")?;
    let reader = web_sys::FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
    let mut out = Dropped::default();
    let n = files.length();
    let started = web_time::Instant::now();
    for i in 0..n {
        let name = names.get(i).as_string().unwrap_or_default();
        post(
            scope,
            &WorkerMessage::Progress {
                job,
                stage: format!("read:{}/{n}:{name}", i + 1),
                seconds: started.elapsed().as_secs_f64(),
                bound: None,
                incumbent: None,
                plan: None,
            },
        );
        let blob: web_sys::Blob = files.get(i).dyn_into().map_err(|_| "not a file")?;
        let buf = reader
            .read_as_array_buffer(&blob)
            .map_err(|e| format!("{name}: {e:?}"))?;
        out.0.insert(name, js_sys::Uint8Array::new(&buf).to_vec());
    }
    Ok((job, out))
}

/// Handles one message from the page: dropped files, or a job.
fn handle(scope: &DedicatedWorkerGlobalScope, data: JsValue) {
    let Some(text) = data.as_string() else {
        // Dropped files.
        match read_files(scope, &data) {
            Ok((job, files)) => {
                inspect_job(job, &files, &mut |m| post(scope, &m));
                FILES.with(|f| *f.borrow_mut() = files);
            }
            Err(err) => post(
                scope,
                &WorkerMessage::Failed {
                    job: get(&data, "job").as_f64().unwrap_or(0.0) as u32,
                    message: format!(
                        "the browser could not read the dropped files; drop them again ({err})"
                    ),
                    message_zh: format!("浏览器无法读取拖入的文件；请重新拖入（{err}）"),
                },
            ),
        }
        return;
    };
    let job: Job = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(err) => {
            post(
                scope,
                &WorkerMessage::Failed {
                    job: 0,
                    message: format!(
                        "the solver received a request it cannot read; reload the page ({err})"
                    ),
                    message_zh: format!("求解器收到无法读取的请求；请刷新页面（{err}）"),
                },
            );
            return;
        }
    };
    let solves = matches!(
        job,
        Job::Solve(_) | Job::TradeOff(_) | Job::WhatIf(_) | Job::Publish(_)
    );
    if solves && super::highs::needs_loading() {
        // HiGHS loads on the first solve; messages arriving meanwhile wait.
        PENDING.with(|p| *p.borrow_mut() = Some(Vec::new()));
        let id = job.id();
        post(
            scope,
            &WorkerMessage::Progress {
                job: id,
                stage: "loading_solver".into(),
                seconds: 0.0,
                bound: None,
                incumbent: None,
                plan: None,
            },
        );
        let scope = scope.clone();
        wasm_bindgen_futures::spawn_local(async move {
            super::highs::load().await;
            run(&scope, &job);
            loop {
                let next = PENDING.with(|p| {
                    p.borrow_mut()
                        .as_mut()
                        .and_then(|q| (!q.is_empty()).then(|| q.remove(0)))
                });
                match next {
                    Some(data) => handle(&scope, data),
                    None => break,
                }
            }
            PENDING.with(|p| *p.borrow_mut() = None);
        });
        return;
    }
    run(scope, &job);
}

/// Runs a job, posting its messages; a HiGHS abort ends this worker after
/// saying so (the page starts a fresh one and keeps the planner's state).
fn run(scope: &DedicatedWorkerGlobalScope, job: &Job) {
    FILES.with(|f| run_job_with(job, &f.borrow(), &mut |m| post(scope, &m)));
    if crate::optimise::engine::highs_aborted() {
        wasm_bindgen::throw_str("HiGHS stopped with an internal error; the solver restarts");
    }
}

/// Installs the message handler and tells the page it is ready.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let queued = PENDING.with(|p| match p.borrow_mut().as_mut() {
            Some(q) => {
                q.push(data.clone());
                true
            }
            None => false,
        });
        if !queued {
            handle(&reply_scope, data);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &WorkerMessage::Ready);
}
