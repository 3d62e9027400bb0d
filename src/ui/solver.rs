//! The page's side of the solver worker: starts it, queues a job until the
//! worker says it is ready, forwards progress and results, restarts it when
//! it dies, and cancels by terminating it and starting a fresh one.

use crate::protocol::{Job, WorkerMessage};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where the worker's loader is (Trunk emits it unhashed next to index.html).
const WORKER_URL: &str = "./worker_loader.js";

type Handler = Rc<dyn Fn(WorkerMessage)>;

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    queued: Vec<JsValue>,
    handler: Handler,
}

/// A handle on the solver worker. Cloning shares the same worker.
#[derive(Clone)]
pub struct SolverClient(Rc<RefCell<Inner>>);

impl SolverClient {
    /// Starts the worker; `handler` receives every message from it (a dead
    /// worker is reported as a `failed` message for job 0).
    pub fn new(handler: impl Fn(WorkerMessage) + 'static) -> SolverClient {
        let c = SolverClient(Rc::new(RefCell::new(Inner {
            worker: None,
            ready: false,
            queued: Vec::new(),
            handler: Rc::new(handler),
        })));
        c.spawn();
        c
    }

    fn spawn(&self) {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Classic);
        let worker = match Worker::new_with_options(WORKER_URL, &opts) {
            Ok(w) => w,
            Err(e) => {
                let h = self.0.borrow().handler.clone();
                h(WorkerMessage::Failed {
                    job: 0,
                    message: format!(
                        "the browser could not start the solver; reload the page ({e:?})"
                    ),
                    message_zh: format!("浏览器无法启动求解器；请刷新页面（{e:?}）"),
                });
                return;
            }
        };
        let me = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            let Ok(msg) = serde_json::from_str::<WorkerMessage>(&text) else {
                return;
            };
            if msg == WorkerMessage::Ready {
                let queued = {
                    let mut inner = me.0.borrow_mut();
                    inner.ready = true;
                    std::mem::take(&mut inner.queued)
                };
                for q in queued {
                    me.post(&q);
                }
                return;
            }
            let h = me.0.borrow().handler.clone();
            h(msg);
        });
        let me = self.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            e.prevent_default();
            let h = me.0.borrow().handler.clone();
            h(WorkerMessage::Failed {
                job: 0,
                message: format!(
                    "the solver stopped unexpectedly and was restarted; your settings are kept — press Optimise again ({})",
                    e.message()
                ),
                message_zh: format!("求解器意外停止，已重新启动；您的设置仍在——请再次点击“优化”（{}）", e.message()),
            });
            me.restart();
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the page: a restart may run inside
        // one of them, so they are never dropped (a few bytes per restart).
        on_message.forget();
        on_error.forget();
        let mut inner = self.0.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
    }

    fn post(&self, v: &JsValue) {
        let inner = self.0.borrow();
        if let Some(w) = &inner.worker {
            let _ = w.post_message(v);
        }
    }

    fn send_value(&self, v: JsValue) {
        let ready = self.0.borrow().ready;
        if ready {
            self.post(&v);
        } else {
            self.0.borrow_mut().queued.push(v);
        }
    }

    /// Sends a job (queued until the worker is ready).
    pub fn send(&self, req: &Job) {
        if let Ok(text) = serde_json::to_string(req) {
            self.send_value(JsValue::from_str(&text));
        }
    }

    /// Hands the worker the planner's dropped files (job `job`): it reads
    /// them itself (the page keeps only the `File` handles), guesses and
    /// previews each, and keeps them for the import.
    pub fn send_files(&self, job: u32, files: &[web_sys::File]) {
        let o = js_sys::Object::new();
        let names = js_sys::Array::new();
        let list = js_sys::Array::new();
        for f in files {
            names.push(&JsValue::from_str(&f.name()));
            list.push(f);
        }
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        };
        set("kind", &JsValue::from_str("files"));
        set("job", &JsValue::from_f64(f64::from(job)));
        set("names", &names);
        set("files", &list);
        self.send_value(o.into());
    }

    /// Stops the worker for good (the component that owned it is gone).
    pub fn stop(&self) {
        let mut inner = self.0.borrow_mut();
        if let Some(w) = inner.worker.take() {
            retire(&w);
        }
        inner.queued.clear();
    }

    /// Stops whatever the worker is doing and starts a fresh one.
    pub fn restart(&self) {
        {
            let mut inner = self.0.borrow_mut();
            if let Some(w) = inner.worker.take() {
                retire(&w);
            }
            inner.queued.clear();
        }
        self.spawn();
    }
}

/// Terminates a worker whose answers nobody wants any more. Terminating one
/// mid-start aborts its script fetch, and the browser may still deliver that
/// failure as an `error` event: with no handler it would reach the page as an
/// uncaught error (and the page's error panel would cover the app), so the
/// retired worker keeps a handler that quietly drops it.
pub(crate) fn retire(w: &Worker) {
    thread_local! {
        static DROP_ERROR: Closure<dyn FnMut(ErrorEvent)> =
            Closure::new(|e: ErrorEvent| e.prevent_default());
    }
    w.set_onmessage(None);
    DROP_ERROR.with(|c| w.set_onerror(Some(c.as_ref().unchecked_ref())));
    w.terminate();
}
