//! Scenarios kept in the browser's IndexedDB (database `healthreach`, store
//! `scenarios`, one JSON record per scenario keyed by id), through web-sys
//! directly: open, list, put, delete, each as a future.

use js_sys::{Array, Promise};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

const DB: &str = "healthreach";
const STORE: &str = "scenarios";

/// A scenario as stored: the planner's name and settings for the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// Key.
    pub id: String,
    /// The planner's name for it.
    pub name: String,
    /// Region name it belongs to.
    pub region: String,
    /// Targets, rules, budgets and objective.
    pub policy: crate::scenario::Policy,
    /// Last edit (ms since 1970).
    pub updated_ms: f64,
    /// The last plan optimised for it, with the settings it was optimised
    /// under (so a reload or a comparison shows it again).
    #[serde(default)]
    pub result: Option<SavedResult>,
}

/// A plan kept with its scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedResult {
    /// The settings it was optimised under.
    pub policy: crate::scenario::Policy,
    /// The solver's reply (plan, report, status).
    pub reply: crate::protocol::SolveReply,
}

/// Waits for an IndexedDB request to succeed (its result) or fail.
async fn done(req: &IdbRequest) -> Result<JsValue, String> {
    let r1 = req.clone();
    let r2 = req.clone();
    let p = Promise::new(&mut |resolve, reject| {
        let r = r1.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let fail = Closure::once_into_js(move || {
            let _ = reject.call1(
                &JsValue::NULL,
                &JsValue::from_str("IndexedDB request failed"),
            );
        });
        r2.set_onsuccess(Some(ok.unchecked_ref()));
        r2.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(p)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or("this browser offers no IndexedDB (private mode?); scenarios will not be kept")?;
    let req = factory.open_with_u32(DB, 1).map_err(|e| format!("{e:?}"))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let Some(req) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
        else {
            return;
        };
        if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            // Version 1 is the first: the store does not exist yet.
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = done(&req).await?;
    drop(upgrade);
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| "IndexedDB gave no database".to_string())
}

fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, String> {
    db.transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE))
        .map_err(|e| format!("{e:?}"))
}

/// Every stored scenario, oldest first.
pub async fn list() -> Result<Vec<Saved>, String> {
    let db = open().await?;
    let req = store(&db, IdbTransactionMode::Readonly)?
        .get_all()
        .map_err(|e| format!("{e:?}"))?;
    let all: Array = done(&req).await?.unchecked_into();
    let mut out: Vec<Saved> = all
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|t| serde_json::from_str(&t).ok())
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Stores (or replaces) a scenario.
pub async fn put(s: &Saved) -> Result<(), String> {
    let db = open().await?;
    let text = serde_json::to_string(s).map_err(|e| e.to_string())?;
    let req = store(&db, IdbTransactionMode::Readwrite)?
        .put_with_key(&JsValue::from_str(&text), &JsValue::from_str(&s.id))
        .map_err(|e| format!("{e:?}"))?;
    done(&req).await.map(|_| ())
}

/// Deletes a scenario.
pub async fn delete(id: &str) -> Result<(), String> {
    let db = open().await?;
    let req = store(&db, IdbTransactionMode::Readwrite)?
        .delete(&JsValue::from_str(id))
        .map_err(|e| format!("{e:?}"))?;
    done(&req).await.map(|_| ())
}
