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

/// Installs the message handler and tells the page it is ready.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let Some(text) = data.as_string() else {
            // Dropped files.
            match read_files(&reply_scope, &data) {
                Ok((job, files)) => {
                    inspect_job(job, &files, &mut |m| post(&reply_scope, &m));
                    FILES.with(|f| *f.borrow_mut() = files);
                }
                Err(err) => post(
                    &reply_scope,
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
                    &reply_scope,
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
        FILES.with(|f| run_job_with(&job, &f.borrow(), &mut |m| post(&reply_scope, &m)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &WorkerMessage::Ready);
}
