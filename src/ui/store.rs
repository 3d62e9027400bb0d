//! Scenarios kept in the browser's IndexedDB (database `healthreach`: store
//! `scenarios`, one JSON record per scenario keyed by id; store `unreadable`,
//! records that could not be read, kept aside as they were), through web-sys
//! directly. Every record is read through [`crate::records::parse_record`]
//! (the same validation as a scenario file); every write is a
//! read-check-write in one transaction ([`update`]), so two tabs never
//! overwrite each other blindly.

use crate::diagnostics::Problem;
use crate::records::parse_record;
pub use crate::records::{Saved, SavedResult};
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

const DB: &str = "healthreach";
const DB_VERSION: u32 = 3;
const STORE: &str = "scenarios";
const UNREADABLE: &str = "unreadable";
const REGIONS: &str = "regions";

/// A storage failure in the planner's words.
fn failure(detail: impl Into<String>) -> Problem {
    Problem::error(
        "storage",
        "the browser refused to store or read scenarios (storage may be full, blocked by the \
         browser's settings, or unavailable in a private window). Your edits stay in this tab but \
         are not kept after it closes: free some space or allow site data, then edit again to save",
        "浏览器拒绝存取情景（存储空间可能已满、被浏览器设置阻止，或处于无痕窗口）。您的修改仍保留在\
         本标签页中，但关闭后不会保存：请释放空间或允许网站数据，然后再次编辑以保存",
    )
    .with_detail(detail)
}

fn js_detail(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|x| String::from(x.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Waits for an IndexedDB request to succeed (its result) or fail.
async fn done(req: &IdbRequest) -> Result<JsValue, Problem> {
    let r1 = req.clone();
    let r2 = req.clone();
    let p = Promise::new(&mut |resolve, reject| {
        let r = r1.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = r1.clone();
        let fail = Closure::once_into_js(move || {
            let why = r
                .error()
                .ok()
                .flatten()
                .map(|e| format!("{}: {}", e.name(), e.message()))
                .unwrap_or_else(|| "IndexedDB request failed".into());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&why));
        });
        r2.set_onsuccess(Some(ok.unchecked_ref()));
        r2.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(p).await.map_err(|e| failure(js_detail(&e)))
}

async fn open() -> Result<IdbDatabase, Problem> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| failure("window.indexedDB is not available"))?;
    let req = factory
        .open_with_u32(DB, DB_VERSION)
        .map_err(|e| failure(js_detail(&e)))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let Some(req) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
        else {
            return;
        };
        if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            // Version 1 had `scenarios`; version 2 adds `unreadable`, 3 `regions`.
            let names = db.object_store_names();
            for store in [STORE, UNREADABLE, REGIONS] {
                if !names.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = done(&req).await?;
    drop(upgrade);
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| failure("IndexedDB gave no database"))
}

fn store(
    db: &IdbDatabase,
    name: &str,
    mode: IdbTransactionMode,
) -> Result<web_sys::IdbObjectStore, Problem> {
    db.transaction_with_str_and_mode(name, mode)
        .and_then(|t| t.object_store(name))
        .map_err(|e| failure(js_detail(&e)))
}

/// A stored record that could not be read: its key, its raw text, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// Its key (in `unreadable`).
    pub key: String,
    /// The record as it was stored.
    pub raw: String,
    /// Why it could not be read.
    pub problems: Vec<Problem>,
}

/// Every readable stored scenario (sorted by id), and the unreadable ones:
/// each of those is moved aside into the `unreadable` store untouched, so
/// nothing overwrites it and the planner can download it.
pub async fn list() -> Result<(Vec<Saved>, Vec<Unreadable>), Problem> {
    let db = open().await?;
    let s = store(&db, STORE, IdbTransactionMode::Readonly)?;
    let keys: Array = done(&s.get_all_keys().map_err(|e| failure(js_detail(&e)))?)
        .await?
        .unchecked_into();
    let values: Array = done(&s.get_all().map_err(|e| failure(js_detail(&e)))?)
        .await?
        .unchecked_into();
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (k, v) in keys.iter().zip(values.iter()) {
        let key = k.as_string().unwrap_or_else(|| format!("{k:?}"));
        let raw = v.as_string().unwrap_or_else(|| {
            js_sys::JSON::stringify(&v)
                .map(String::from)
                .unwrap_or_default()
        });
        match v.as_string().ok_or_else(|| {
            vec![Problem::error(
                "$",
                "the record is not text",
                "该记录不是文本",
            )]
        }) {
            Ok(text) => match parse_record(&text) {
                Ok(saved) if saved.id == key => out.push(saved),
                Ok(_) => bad.push((
                    key,
                    raw,
                    vec![Problem::error(
                        "$.id",
                        "the record's id differs from its key",
                        "记录的编号与其键不一致",
                    )],
                )),
                Err(p) => bad.push((key, raw, p)),
            },
            Err(p) => bad.push((key, raw, p)),
        }
    }
    let mut aside = Vec::new();
    for (key, raw, problems) in bad {
        let aside_key = format!("{key}@{}", js_sys::Date::now() as u64);
        // If it cannot be moved aside (storage full), it stays where it is,
        // still listed and never overwritten (`update` moves it first).
        let _ = move_aside(&db, &key, &aside_key, &raw).await;
        aside.push(Unreadable {
            key: aside_key,
            raw,
            problems,
        });
    }
    // Records kept aside earlier stay listed until the planner discards them.
    let u = store(&db, UNREADABLE, IdbTransactionMode::Readonly)?;
    let keys: Array = done(&u.get_all_keys().map_err(|e| failure(js_detail(&e)))?)
        .await?
        .unchecked_into();
    let values: Array = done(&u.get_all().map_err(|e| failure(js_detail(&e)))?)
        .await?
        .unchecked_into();
    for (k, v) in keys.iter().zip(values.iter()) {
        let key = k.as_string().unwrap_or_default();
        if aside.iter().any(|a| a.key == key) {
            continue;
        }
        let raw = v.as_string().unwrap_or_default();
        let problems = if key.starts_with("region:") {
            crate::records::parse_region(&raw).err().unwrap_or_default()
        } else {
            parse_record(&raw).err().unwrap_or_default()
        };
        aside.push(Unreadable { key, raw, problems });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((out, aside))
}

async fn move_aside(
    db: &IdbDatabase,
    key: &str,
    aside_key: &str,
    raw: &str,
) -> Result<(), Problem> {
    let u = store(db, UNREADABLE, IdbTransactionMode::Readwrite)?;
    done(
        &u.put_with_key(&JsValue::from_str(raw), &JsValue::from_str(aside_key))
            .map_err(|e| failure(js_detail(&e)))?,
    )
    .await?;
    let s = store(db, STORE, IdbTransactionMode::Readwrite)?;
    done(
        &s.delete(&JsValue::from_str(key))
            .map_err(|e| failure(js_detail(&e)))?,
    )
    .await?;
    Ok(())
}

/// Forgets a record kept aside.
pub async fn discard_unreadable(key: &str) -> Result<(), Problem> {
    let db = open().await?;
    let req = store(&db, UNREADABLE, IdbTransactionMode::Readwrite)?
        .delete(&JsValue::from_str(key))
        .map_err(|e| failure(js_detail(&e)))?;
    done(&req).await.map(|_| ())
}

/// Reads one scenario (None when absent or unreadable).
pub async fn get(id: &str) -> Result<Option<Saved>, Problem> {
    let db = open().await?;
    let req = store(&db, STORE, IdbTransactionMode::Readonly)?
        .get(&JsValue::from_str(id))
        .map_err(|e| failure(js_detail(&e)))?;
    let v = done(&req).await?;
    Ok(v.as_string().and_then(|t| parse_record(&t).ok()))
}

/// What an [`update`] did.
pub enum Updated {
    /// Written: the record as stored now (its `rev` one above the one read).
    Written(Box<Saved>),
    /// `edit` declined (it returned `Err`): nothing written.
    Declined(Problem),
}

/// Read-check-write in one transaction: reads the stored record `id` (None
/// when there is none or it cannot be read), lets `edit` build the record to
/// store from it, and writes that with the stored revision + 1. Two tabs'
/// updates are serialised by IndexedDB, so each sees the other's write.
pub async fn update(
    id: &str,
    edit: impl FnOnce(Option<Saved>) -> Result<Saved, Problem> + 'static,
) -> Result<Updated, Problem> {
    let db = open().await?;
    let names = Array::of2(&JsValue::from_str(STORE), &JsValue::from_str(UNREADABLE));
    let tx = db
        .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
        .map_err(|e| failure(js_detail(&e)))?;
    let s = tx.object_store(STORE).map_err(|e| failure(js_detail(&e)))?;
    let raw = done(
        &s.get(&JsValue::from_str(id))
            .map_err(|e| failure(js_detail(&e)))?,
    )
    .await?;
    let current = if raw.is_undefined() {
        None
    } else {
        match raw.as_string().as_deref().map(parse_record) {
            Some(Ok(saved)) => Some(saved),
            // Unreadable: kept aside as it was before anything is written over it.
            _ => {
                let raw_text = raw.as_string().unwrap_or_else(|| {
                    js_sys::JSON::stringify(&raw)
                        .map(String::from)
                        .unwrap_or_default()
                });
                let aside = tx
                    .object_store(UNREADABLE)
                    .map_err(|e| failure(js_detail(&e)))?;
                let key = format!("{id}@{}", js_sys::Date::now() as u64);
                done(
                    &aside
                        .put_with_key(&JsValue::from_str(&raw_text), &JsValue::from_str(&key))
                        .map_err(|e| failure(js_detail(&e)))?,
                )
                .await?;
                None
            }
        }
    };
    let rev = current.as_ref().map_or(0, |c| c.rev);
    let mut next = match edit(current) {
        Ok(n) => n,
        Err(p) => return Ok(Updated::Declined(p)),
    };
    next.rev = rev + 1;
    let text = serde_json::to_string(&next).map_err(|e| failure(e.to_string()))?;
    done(
        &s.put_with_key(&JsValue::from_str(&text), &JsValue::from_str(id))
            .map_err(|e| failure(js_detail(&e)))?,
    )
    .await?;
    Ok(Updated::Written(Box::new(next)))
}

/// Deletes a scenario.
pub async fn delete(id: &str) -> Result<(), Problem> {
    let db = open().await?;
    let req = store(&db, STORE, IdbTransactionMode::Readwrite)?
        .delete(&JsValue::from_str(id))
        .map_err(|e| failure(js_detail(&e)))?;
    done(&req).await.map(|_| ())
}

/// Every stored region's list entry (sorted by creation). A record whose
/// entry cannot be read is moved aside into `unreadable` (key
/// `region:<id>@<ms>`) and listed there.
pub async fn list_regions() -> Result<Vec<crate::records::RegionMeta>, Problem> {
    let db = open().await?;
    let s = store(&db, REGIONS, IdbTransactionMode::Readonly)?;
    let keys: Array = done(&s.get_all_keys().map_err(|e| failure(js_detail(&e)))?)
        .await?
        .unchecked_into();
    let values: Array = done(&s.get_all().map_err(|e| failure(js_detail(&e)))?)
        .await?
        .unchecked_into();
    let mut out = Vec::new();
    for (k, v) in keys.iter().zip(values.iter()) {
        let key = k.as_string().unwrap_or_default();
        let raw = v.as_string().unwrap_or_default();
        match crate::records::parse_region_meta(&raw) {
            Ok(m) if m.id == key => out.push(m),
            _ => {
                let _ = region_aside(&db, &key, &raw).await;
            }
        }
    }
    out.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    Ok(out)
}

async fn region_aside(db: &IdbDatabase, key: &str, raw: &str) -> Result<(), Problem> {
    let u = store(db, UNREADABLE, IdbTransactionMode::Readwrite)?;
    let aside = format!("region:{key}@{}", js_sys::Date::now() as u64);
    done(
        &u.put_with_key(&JsValue::from_str(raw), &JsValue::from_str(&aside))
            .map_err(|e| failure(js_detail(&e)))?,
    )
    .await?;
    let r = store(db, REGIONS, IdbTransactionMode::Readwrite)?;
    done(
        &r.delete(&JsValue::from_str(key))
            .map_err(|e| failure(js_detail(&e)))?,
    )
    .await
    .map(|_| ())
}

/// Reads a stored region whole, validated ([`crate::records::parse_region`]);
/// one that fails is moved aside and its problems returned.
pub async fn get_region(id: &str) -> Result<crate::records::StoredRegion, Vec<Problem>> {
    let db = open().await.map_err(|p| vec![p])?;
    let req = store(&db, REGIONS, IdbTransactionMode::Readonly)
        .map_err(|p| vec![p])?
        .get(&JsValue::from_str(id))
        .map_err(|e| vec![failure(js_detail(&e))])?;
    let v = done(&req).await.map_err(|p| vec![p])?;
    let Some(raw) = v.as_string() else {
        return Err(vec![Problem::error(
            "$",
            "this region is no longer stored (deleted in another tab?); open another",
            "该地区已不在存储中（可能已在其他标签页删除）；请打开其他地区",
        )]);
    };
    match crate::records::parse_region(&raw) {
        Ok(r) if r.id == id => Ok(r),
        Ok(_) => Err(vec![Problem::error(
            "$.id",
            "the record's id differs from its key",
            "记录的编号与其键不一致",
        )]),
        Err(p) => {
            let _ = region_aside(&db, id, &raw).await;
            Err(p)
        }
    }
}

/// Stores a region (a new one, or over the same id).
pub async fn put_region(r: &crate::records::StoredRegion) -> Result<(), Problem> {
    let db = open().await?;
    let text = serde_json::to_string(r).map_err(|e| failure(e.to_string()))?;
    let req = store(&db, REGIONS, IdbTransactionMode::Readwrite)?
        .put_with_key(&JsValue::from_str(&text), &JsValue::from_str(&r.id))
        .map_err(|e| failure(js_detail(&e)))?;
    done(&req).await.map(|_| ())
}

/// Deletes a region and every scenario of it.
pub async fn delete_region(id: &str) -> Result<(), Problem> {
    let (saved, _) = list().await?;
    for s in saved.iter().filter(|s| s.region == id) {
        delete(&s.id).await?;
    }
    let db = open().await?;
    let req = store(&db, REGIONS, IdbTransactionMode::Readwrite)?
        .delete(&JsValue::from_str(id))
        .map_err(|e| failure(js_detail(&e)))?;
    done(&req).await.map(|_| ())
}
