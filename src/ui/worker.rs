//! Inside the Web Worker: takes [`Job`]s, answers with
//! [`WorkerMessage`]s (JSON strings). The job itself is
//! [`crate::protocol::run_job`], tested natively.

use crate::protocol::{run_job, Job, WorkerMessage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn post(scope: &DedicatedWorkerGlobalScope, m: &WorkerMessage) {
    if let Ok(text) = serde_json::to_string(m) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

/// Installs the message handler and tells the page it is ready.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let text = e.data().as_string().unwrap_or_default();
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
        run_job(&job, &mut |m| post(&reply_scope, &m));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &WorkerMessage::Ready);
}
