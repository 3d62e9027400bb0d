//! Scenarios: pick, create, duplicate, rename, delete. Every edit of the
//! current scenario's settings is saved to IndexedDB at once; a reload
//! restores the scenario that was open and its settings.
//!
//! No edit is lost, with other tabs open on the same region either: every
//! write is a read-check-write with a revision ([`store::update`]); tabs
//! tell each other of each write over a `BroadcastChannel`; edits of
//! different fields merge ([`crate::records::merge`]); two different edits
//! of one field stop and ask the planner. A stored record that cannot be read
//! is kept aside, named in a notice and offered for download.

use super::store::{self, Saved, SavedResult, Unreadable, Updated};
use crate::diagnostics::Problem;
use crate::i18n::{t, Lang};
use crate::records::{merge, merge_choosing, Merge};
use crate::scenario::Policy;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const CURRENT_KEY: &str = "healthreach.current";
const CHANNEL: &str = "healthreach-scenarios";

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A new record key: the time and a random suffix, so two tabs creating a
/// scenario in the same millisecond do not collide.
fn new_id() -> String {
    format!(
        "s{:013}{:04}",
        now_ms() as u64,
        (js_sys::Math::random() * 10_000.0) as u32
    )
}

/// Why the open scenario is not saved while a conflict waits for the planner.
fn unsaved_conflict() -> Problem {
    Problem::error(
        "$.policy",
        "not saved yet: another tab changed the same settings — choose in the notice which to keep",
        "尚未保存：另一个标签页修改了相同的设置——请在提示中选择保留哪一个",
    )
}

pub(crate) fn local(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

pub(crate) fn set_local(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// What happened with another tab's edits, for the notice.
#[derive(Debug, Clone, PartialEq)]
pub enum TabNotice {
    /// Another tab's edits were taken in (merged with this tab's, if any).
    Merged,
    /// Both tabs changed these fields differently: the planner chooses.
    Conflict {
        /// JSON paths of the settings (`$.policy.…`).
        fields: Vec<String>,
        /// The other tab's record.
        theirs: Box<Saved>,
    },
    /// The open scenario was deleted in another tab.
    Deleted,
}

/// A write announced to the other tabs.
#[derive(serde::Serialize, serde::Deserialize)]
struct Announce {
    id: String,
    rev: u64,
    deleted: bool,
}

/// The scenarios and which one is open.
#[derive(Clone, Copy)]
pub struct Scenarios {
    /// Every stored scenario of the region, as last stored (the base of a merge).
    pub all: RwSignal<Vec<Saved>>,
    /// Id of the open one.
    pub current: RwSignal<String>,
    /// The open one's settings (edited by the policy panel).
    pub policy: RwSignal<Policy>,
    /// Save state: None = saved, Some(problem) = not saved.
    pub save_error: RwSignal<Option<Problem>>,
    /// Loaded from storage (edits before that are not saved over it).
    pub loaded: RwSignal<bool>,
    /// Records that could not be read, kept aside.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Another tab's edits.
    pub tab_notice: RwSignal<Option<TabNotice>>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    region: StoredValue<String>,
}

impl Scenarios {
    /// Starts empty and loads from IndexedDB; creates the first scenario
    /// from `default_policy` when there is none. A `shared` scenario (from a
    /// share link, already validated) is added and opened.
    pub fn load(
        region: String,
        first_name: String,
        default_policy: Policy,
        shared: Option<(String, Policy)>,
    ) -> Scenarios {
        let me = Scenarios {
            all: RwSignal::new(vec![]),
            current: RwSignal::new(String::new()),
            policy: RwSignal::new(default_policy.clone()),
            save_error: RwSignal::new(None),
            loaded: RwSignal::new(false),
            unreadable: RwSignal::new(vec![]),
            tab_notice: RwSignal::new(None),
            channel: StoredValue::new_local(web_sys::BroadcastChannel::new(CHANNEL).ok()),
            region: StoredValue::new(region.clone()),
        };
        me.listen();
        spawn_local(async move {
            let mut all = match store::list().await {
                Ok((v, bad)) => {
                    me.unreadable.set(bad);
                    v
                }
                Err(e) => {
                    me.save_error.set(Some(e));
                    vec![]
                }
            };
            all.retain(|s| s.region == region);
            if all.is_empty() {
                let first = Saved {
                    id: new_id(),
                    name: first_name,
                    region: region.clone(),
                    policy: default_policy,
                    updated_ms: now_ms(),
                    result: None,
                    rev: 0,
                };
                all.push(me.write_new(first).await);
            }
            if let Some((name, policy)) = shared {
                let s = Saved {
                    id: new_id(),
                    name,
                    region: region.clone(),
                    policy,
                    updated_ms: now_ms(),
                    result: None,
                    rev: 0,
                };
                set_local(CURRENT_KEY, &s.id);
                all.push(me.write_new(s).await);
            }
            let want = local(CURRENT_KEY).unwrap_or_default();
            let open = all.iter().find(|s| s.id == want).unwrap_or(&all[0]).clone();
            me.current.set(open.id.clone());
            me.policy.set(open.policy.clone());
            me.all.set(all);
            me.loaded.set(true);
        });
        me
    }

    /// Stores a new record; returns it as stored (or as it was, with the
    /// save error shown, when storage fails: the tab keeps working).
    async fn write_new(&self, mut s: Saved) -> Saved {
        let fallback = s.clone();
        for _ in 0..3 {
            let attempt = s.clone();
            match store::update(&s.id.clone(), move |stored| match stored {
                None => Ok(attempt),
                Some(_) => Err(Problem::error("$.id", "key taken", "键已占用")),
            })
            .await
            {
                Ok(Updated::Declined(_)) => s.id = new_id(),
                other => return self.written_new(other, fallback),
            }
        }
        self.written_new(
            Ok(Updated::Declined(Problem::error(
                "$.id",
                "no free key for the new scenario; try again",
                "新情景没有可用的键；请重试",
            ))),
            fallback,
        )
    }

    fn written_new(&self, result: Result<Updated, Problem>, fallback: Saved) -> Saved {
        match result {
            Ok(Updated::Written(r)) => {
                self.announce(&r.id, r.rev, false);
                *r
            }
            Ok(Updated::Declined(p)) | Err(p) => {
                self.save_error.set(Some(p));
                fallback
            }
        }
    }

    fn announce(&self, id: &str, rev: u64, deleted: bool) {
        let msg = serde_json::to_string(&Announce {
            id: id.to_string(),
            rev,
            deleted,
        })
        .unwrap_or_default();
        self.channel.with_value(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&JsValue::from_str(&msg));
            }
        });
    }

    /// Hears the other tabs' writes.
    fn listen(&self) {
        let me = *self;
        let on =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(a) = e
                    .data()
                    .as_string()
                    .and_then(|t| serde_json::from_str::<Announce>(&t).ok())
                else {
                    return;
                };
                if a.deleted {
                    me.forget(&a.id);
                    return;
                }
                let known = me
                    .all
                    .with_untracked(|all| all.iter().find(|s| s.id == a.id).map(|s| s.rev));
                if known.is_some_and(|r| r >= a.rev) {
                    return;
                }
                spawn_local(async move {
                    if let Ok(Some(theirs)) = store::get(&a.id).await {
                        me.take_in(theirs);
                    }
                });
            });
        self.channel.with_value(|c| {
            if let Some(c) = c {
                c.set_onmessage(Some(on.as_ref().unchecked_ref()));
            }
        });
        on.forget();
    }

    /// Another tab's record: kept as the new base; merged into the open
    /// scenario's settings, or a conflict for the planner.
    fn take_in(&self, theirs: Saved) {
        if theirs.region != self.region.get_value() {
            return;
        }
        let id = theirs.id.clone();
        let base = self
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == id).cloned());
        if base.as_ref().is_some_and(|b| b.rev >= theirs.rev) {
            return;
        }
        let is_current = self.current.get_untracked() == id;
        if is_current {
            let ours = self.policy.get_untracked();
            let base_policy = base.as_ref().map_or(ours.clone(), |b| b.policy.clone());
            match merge(&base_policy, &ours, &theirs.policy) {
                Merge::Clean(m) => {
                    let m = *m;
                    self.replace(theirs.clone());
                    if m != ours {
                        // If `m` holds edits of ours, the autosave writes them.
                        self.policy.set(m);
                    }
                    if theirs.policy != base_policy
                        || theirs.name != base.map(|b| b.name).unwrap_or_default()
                    {
                        self.tab_notice.set(Some(TabNotice::Merged));
                    }
                }
                Merge::Conflict(fields) => {
                    self.save_error.set(Some(unsaved_conflict()));
                    self.tab_notice.set(Some(TabNotice::Conflict {
                        fields,
                        theirs: Box::new(theirs),
                    }));
                }
            }
        } else {
            self.replace(theirs);
        }
    }

    fn replace(&self, r: Saved) {
        self.all
            .update(|all| match all.iter_mut().find(|s| s.id == r.id) {
                Some(s) => *s = r,
                None => all.push(r),
            });
    }

    /// The key of the region these scenarios belong to.
    pub fn region_key(&self) -> String {
        self.region.get_value()
    }

    /// The open scenario's name.
    pub fn current_name(&self) -> String {
        let id = self.current.get_untracked();
        self.all
            .with_untracked(|a| a.iter().find(|s| s.id == id).map(|s| s.name.clone()))
            .unwrap_or_default()
    }

    /// Stops listening to other tabs (the dashboard that owned it is gone).
    pub fn close(&self) {
        self.channel.with_value(|c| {
            if let Some(c) = c {
                c.set_onmessage(None);
                c.close();
            }
        });
    }

    fn forget(&self, id: &str) {
        self.all.update(|a| a.retain(|s| s.id != id));
        if self.current.get_untracked() == id {
            self.tab_notice.set(Some(TabNotice::Deleted));
            if let Some(first) = self.all.with_untracked(|a| a.first().map(|s| s.id.clone())) {
                self.open(&first);
            }
        }
    }

    /// Opens another scenario.
    pub fn open(&self, id: &str) {
        if matches!(
            self.tab_notice.get_untracked(),
            Some(TabNotice::Conflict { .. })
        ) {
            // The planner chooses first; the picker goes back to this scenario.
            self.current.set(self.current.get_untracked());
            return;
        }
        if let Some(s) = self
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == id).cloned())
        {
            set_local(CURRENT_KEY, id);
            self.tab_notice.set(None);
            self.current.set(s.id);
            self.policy.set(s.policy);
        }
    }

    /// Saves the open scenario's settings (merging any other tab's write).
    pub fn save_current(&self) {
        if !self.loaded.get_untracked() {
            return;
        }
        if matches!(
            self.tab_notice.get_untracked(),
            Some(TabNotice::Conflict { .. })
        ) {
            self.save_error.set(Some(unsaved_conflict()));
            return; // the planner chooses first
        }
        let id = self.current.get_untracked();
        let ours = self.policy.get_untracked();
        let Some(base) = self
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == id).cloned())
        else {
            self.save_error.set(Some(Problem::error(
                "$.policy",
                "not saved: this scenario is no longer stored (deleted in another tab?); duplicate it to keep these settings",
                "未保存：该情景已不在存储中（可能已在另一个标签页删除）；请复制它以保留这些设置",
            )));
            return;
        };
        if base.policy == ours {
            return;
        }
        let me = *self;
        spawn_local(async move {
            let b = base.clone();
            let o = ours.clone();
            let ours_sent = ours;
            let result = store::update(&id, move |stored| {
                let mut r = stored.unwrap_or_else(|| b.clone());
                r.policy = if r.rev == b.rev {
                    o
                } else {
                    match merge(&b.policy, &o, &r.policy) {
                        Merge::Clean(m) => *m,
                        Merge::Conflict(_) => {
                            return Err(Problem::error(
                                "$.policy",
                                "another tab changed the same settings",
                                "另一个标签页修改了相同的设置",
                            ))
                        }
                    }
                };
                r.updated_ms = now_ms();
                Ok(r)
            })
            .await;
            match result {
                Ok(Updated::Written(r)) => {
                    let r = *r;
                    me.save_error.set(None);
                    me.announce(&r.id, r.rev, false);
                    let merged = r.policy.clone();
                    me.replace(r);
                    if me.current.get_untracked() == id {
                        let now = me.policy.get_untracked();
                        // Edits made while this save was on its way stay on top.
                        let next = if now == ours_sent {
                            merged.clone()
                        } else {
                            merge_choosing(&ours_sent, &now, &merged, true)
                        };
                        if next != now {
                            me.policy.set(next);
                        }
                    }
                    if merged != ours_sent {
                        me.tab_notice.set(Some(TabNotice::Merged));
                    }
                }
                Ok(Updated::Declined(_)) => {
                    me.save_error.set(Some(unsaved_conflict()));
                    if let Ok(Some(theirs)) = store::get(&id).await {
                        me.take_in(theirs);
                    }
                }
                Err(p) => me.save_error.set(Some(p)),
            }
        });
    }

    /// The planner's choice in a conflict: keep this tab's settings (`true`)
    /// or take the other tab's.
    pub fn resolve(&self, keep_mine: bool) {
        let Some(TabNotice::Conflict { theirs, .. }) = self.tab_notice.get_untracked() else {
            return;
        };
        self.tab_notice.set(None);
        self.save_error.set(None);
        let id = self.current.get_untracked();
        let theirs = *theirs;
        let base = self
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == id).map(|s| s.policy.clone()))
            .unwrap_or_else(|| theirs.policy.clone());
        let mine = self.policy.get_untracked();
        // The chosen side wins where both changed a setting; every other
        // edit of either side is kept.
        let result = merge_choosing(&base, &mine, &theirs.policy, keep_mine);
        self.replace(theirs);
        // The autosave writes `result` (the base is now the other tab's record).
        self.policy.set(result);
    }

    /// Sets the name and/or the plan of scenario `id` on the record as
    /// stored now (so another tab's settings in it are kept), and keeps it.
    fn edit_record(&self, id: String, name: Option<String>, result: Option<SavedResult>) {
        let Some(local) = self
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == id).cloned())
        else {
            return;
        };
        // Show the edit at once; the stored record follows.
        let mut shown = local.clone();
        if let Some(n) = &name {
            shown.name = n.clone();
        }
        if let Some(r) = &result {
            shown.result = Some(r.clone());
        }
        self.replace(shown.clone());
        let me = *self;
        spawn_local(async move {
            let written = store::update(&id, move |stored| {
                let mut r = stored.unwrap_or(shown);
                if let Some(n) = name {
                    r.name = n;
                }
                if let Some(x) = result {
                    r.result = Some(x);
                }
                r.updated_ms = now_ms();
                Ok(r)
            })
            .await;
            match written {
                Ok(Updated::Written(r)) => {
                    let r = *r;
                    me.save_error.set(None);
                    me.announce(&r.id, r.rev, false);
                    // Another tab's settings may have come along with the record.
                    let changed = r.policy != local.policy;
                    let untouched = me.policy.get_untracked() == local.policy;
                    let theirs = r.policy.clone();
                    me.replace(r);
                    if changed && untouched && me.current.get_untracked() == id {
                        me.policy.set(theirs);
                        me.tab_notice.set(Some(TabNotice::Merged));
                    }
                }
                Ok(Updated::Declined(p)) | Err(p) => me.save_error.set(Some(p)),
            }
        });
    }

    /// Adds a scenario (a copy of `policy` named `name`, with its plan if
    /// any) and opens it.
    pub fn add(&self, name: String, policy: Policy, result: Option<SavedResult>, region: String) {
        let s = Saved {
            id: new_id(),
            name,
            region,
            policy,
            updated_ms: now_ms(),
            result,
            rev: 0,
        };
        let id = s.id.clone();
        self.all.update(|a| a.push(s.clone()));
        self.open(&id);
        let me = *self;
        spawn_local(async move {
            let stored = me.write_new(s).await;
            if stored.id != id {
                // Its key was taken meanwhile: it lives under the new one.
                me.all.update(|a| a.retain(|x| x.id != id));
                if me.current.get_untracked() == id {
                    set_local(CURRENT_KEY, &stored.id);
                    me.current.set(stored.id.clone());
                }
            }
            me.replace(stored);
        });
    }

    /// Keeps `result` as the open scenario's plan.
    pub fn set_result(&self, result: SavedResult) {
        let id = self.current.get_untracked();
        self.edit_record(id, None, Some(result));
    }

    /// The plan kept with scenario `id`.
    pub fn result_of(&self, id: &str) -> Option<SavedResult> {
        self.all
            .with_untracked(|a| a.iter().find(|s| s.id == id).and_then(|s| s.result.clone()))
    }

    /// Renames the open scenario.
    pub fn rename(&self, name: String) {
        let id = self.current.get_untracked();
        let name: String = name.chars().take(crate::records::MAX_NAME_CHARS).collect();
        self.edit_record(id, Some(name), None);
    }

    /// Deletes the open scenario (the last one cannot be deleted).
    pub fn delete_current(&self) {
        let id = self.current.get_untracked();
        if self.all.with_untracked(|a| a.len()) <= 1 {
            return;
        }
        self.all.update(|a| a.retain(|s| s.id != id));
        let me = *self;
        let gone = id.clone();
        spawn_local(async move {
            match store::delete(&gone).await {
                Ok(()) => me.announce(&gone, 0, true),
                Err(p) => me.save_error.set(Some(p)),
            }
        });
        if let Some(first) = self.all.with_untracked(|a| a.first().map(|s| s.id.clone())) {
            self.open(&first);
        }
    }

    /// Forgets a record kept aside (after the planner downloaded it or chose to).
    pub fn discard_unreadable(&self, key: String) {
        let me = *self;
        self.unreadable.update(|u| u.retain(|x| x.key != key));
        spawn_local(async move {
            if let Err(p) = store::discard_unreadable(&key).await {
                me.save_error.set(Some(p));
            }
        });
    }
}

fn prompt(message: &str, default: &str) -> Option<String> {
    web_sys::window()?
        .prompt_with_message_and_default(message, default)
        .ok()
        .flatten()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// The notices about storage and other tabs: unreadable records (download
/// raw, discard), another tab's edits taken in, a conflict to resolve.
#[component]
fn StorageNotices(sc: Scenarios, lang: ReadSignal<Lang>) -> impl IntoView {
    let field_names = move |fields: &[String]| {
        fields
            .iter()
            .map(|path| {
                match crate::view::policy_form::FIELDS
                    .iter()
                    .find(|f| f.path == path)
                {
                    Some(f) => t(lang.get(), &format!("field_{}", f.key)).to_string(),
                    None => path.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <For each=move || sc.unreadable.get() key=|u| u.key.clone() let:u>
            {
                let key = u.key.clone();
                let key2 = u.key.clone();
                let raw = u.raw.clone();
                let problems = u.problems.clone();
                view! {
                    <div class="notice warn storage-notice" data-testid="storage-notice" role="alert">
                        <p>{move || format!("{} ({})", t(lang.get(), "storage_unreadable"), key)}</p>
                        <ul>{problems.iter().take(5).map(|p| { let p = p.clone(); view! { <li>{move || p.line(lang.get())}</li> } }).collect_view()}</ul>
                        <button data-testid="storage-download-raw" on:click=move |_| {
                            super::exports::download(&format!("healthreach-unreadable-{}.json", key2.replace(['@', '/'], "-")), "application/json", &raw);
                        }>{move || t(lang.get(), "storage_download_raw")}</button>
                        <button data-testid="storage-discard" on:click={
                            let key = u.key.clone();
                            move |_| {
                                if confirm(t(lang.get_untracked(), "storage_discard_confirm")) {
                                    sc.discard_unreadable(key.clone());
                                }
                            }
                        }>{move || t(lang.get(), "storage_discard")}</button>
                    </div>
                }
            }
        </For>
        {move || match sc.tab_notice.get() {
            None => ().into_any(),
            Some(TabNotice::Merged) => view! {
                <p class="notice ok" data-testid="tab-notice" role="status">
                    {move || t(lang.get(), "tab_merged")}
                    <button class="link" on:click=move |_| sc.tab_notice.set(None)>{move || t(lang.get(), "dismiss")}</button>
                </p>
            }.into_any(),
            Some(TabNotice::Deleted) => view! {
                <p class="notice warn" data-testid="tab-notice" role="status">{move || t(lang.get(), "tab_deleted")}</p>
            }.into_any(),
            Some(TabNotice::Conflict { fields, .. }) => view! {
                <div class="notice warn tab-conflict" data-testid="tab-conflict" role="alert">
                    <p>{move || format!("{}: {}", t(lang.get(), "tab_conflict"), field_names(&fields))}</p>
                    <button data-testid="conflict-keep-mine" on:click=move |_| sc.resolve(true)>{move || t(lang.get(), "conflict_keep_mine")}</button>
                    <button data-testid="conflict-take-theirs" on:click=move |_| sc.resolve(false)>{move || t(lang.get(), "conflict_take_theirs")}</button>
                </div>
            }.into_any(),
        }}
    }
}

/// The scenario picker and its buttons.
#[component]
pub fn ScenarioBar(sc: Scenarios, region: String, lang: ReadSignal<Lang>) -> impl IntoView {
    let region = StoredValue::new(region);
    // Autosave: every change of the settings.
    Effect::new(move |_| {
        sc.policy.track();
        sc.save_current();
    });
    let current_name = move || {
        let id = sc.current.get();
        sc.all
            .with(|a| a.iter().find(|s| s.id == id).map(|s| s.name.clone()))
            .unwrap_or_default()
    };
    view! {
        <section class="panel scenario-bar" data-testid="scenario-bar">
            <h2>{move || t(lang.get(), "scenarios_title")}</h2>
            <StorageNotices sc=sc lang=lang/>
            <div class="row">
                <select data-testid="scenario-select" on:change=move |ev| sc.open(&event_target_value(&ev))>
                    <For each=move || sc.all.get() key=|s| (s.id.clone(), s.name.clone()) let:s>
                        <option value=s.id.clone() selected=move || sc.current.get() == s.id>{s.name.clone()}</option>
                    </For>
                </select>
            </div>
            <div class="row buttons">
                <button data-testid="scenario-new" on:click=move |_| {
                    let n = sc.all.with_untracked(|a| a.len()) + 1;
                    let name = format!("{} {n}", t(lang.get_untracked(), "scenario_default_name"));
                    sc.add(name, crate::scenario::Policy::default(), None, region.get_value());
                }>{move || t(lang.get(), "scenario_new")}</button>
                <button data-testid="scenario-duplicate" on:click=move |_| {
                    let name = format!("{} ({})", current_name(), t(lang.get_untracked(), "scenario_copy"));
                    sc.add(name, sc.policy.get_untracked(), sc.result_of(&sc.current.get_untracked()), region.get_value());
                }>{move || t(lang.get(), "scenario_duplicate")}</button>
                <button data-testid="scenario-rename" on:click=move |_| {
                    if let Some(n) = prompt(t(lang.get_untracked(), "rename_prompt"), &current_name()) {
                        sc.rename(n);
                    }
                }>{move || t(lang.get(), "scenario_rename")}</button>
                <button data-testid="scenario-delete" disabled=move || sc.all.with(|a| a.len() <= 1)
                    on:click=move |_| {
                        if confirm(t(lang.get_untracked(), "delete_confirm")) { sc.delete_current(); }
                    }>{move || t(lang.get(), "scenario_delete")}</button>
            </div>
            <p class="save-state" data-testid="save-state">
                {move || match sc.save_error.get() {
                    None => t(lang.get(), "saved").to_string(),
                    Some(e) => format!("{}: {}", t(lang.get(), "save_failed"), e.text(lang.get())),
                }}
            </p>
        </section>
    }
}

/// Stores a scenario for a region not open in this tab (a scenario file
/// opened into a new region) and makes it the one opened there next.
pub(crate) async fn store_for_region(
    region: String,
    name: String,
    policy: Policy,
    result: Option<SavedResult>,
) -> Result<(), Problem> {
    let s = Saved {
        id: new_id(),
        name,
        region,
        policy,
        updated_ms: now_ms(),
        result,
        rev: 0,
    };
    let id = s.id.clone();
    match store::update(&id, move |_| Ok(s)).await? {
        Updated::Written(_) => {
            set_local(CURRENT_KEY, &id);
            Ok(())
        }
        Updated::Declined(p) => Err(p),
    }
}
