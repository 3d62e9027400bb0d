//! Inside the Web Worker: takes [`SolveRequest`]s, answers with
//! [`WorkerMessage`]s (JSON strings). The job itself is
//! [`crate::protocol::answer`], tested natively.

use crate::protocol::{answer, SolveRequest, WorkerMessage};
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
        let req: SolveRequest = match serde_json::from_str(&text) {
            Ok(r) => r,
            Err(err) => {
                post(
                    &reply_scope,
                    &WorkerMessage::Failed {
                        job: 0,
                        message: format!("the solver received a request it cannot read: {err}"),
                    },
                );
                return;
            }
        };
        let job = req.job;
        let scope = reply_scope.clone();
        let result = answer(&req, &mut |p| {
            post(
                &scope,
                &WorkerMessage::Progress {
                    job,
                    stage: p.stage.into(),
                    seconds: p.seconds,
                    bound: p.bound,
                },
            )
        });
        let msg = match result {
            Ok(reply) => WorkerMessage::Done {
                job,
                reply: Box::new(reply),
            },
            Err(message) => WorkerMessage::Failed { job, message },
        };
        post(&reply_scope, &msg);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&scope, &WorkerMessage::Ready);
}
