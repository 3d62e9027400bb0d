//! Scenarios: pick, create, duplicate, rename, delete. Every edit of the
//! current scenario's settings is saved to IndexedDB (after a short pause);
//! a reload restores the scenario that was open and its settings.

use super::store::{self, Saved, SavedResult};
use crate::i18n::{t, Lang};
use crate::scenario::Policy;
use leptos::prelude::*;
use leptos::task::spawn_local;

const CURRENT_KEY: &str = "healthreach.current";

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn local(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

fn set_local(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// The scenarios and which one is open.
#[derive(Clone, Copy)]
pub struct Scenarios {
    /// Every stored scenario.
    pub all: RwSignal<Vec<Saved>>,
    /// Id of the open one.
    pub current: RwSignal<String>,
    /// The open one's settings (edited by the policy panel).
    pub policy: RwSignal<Policy>,
    /// Save state: None = saved, Some(message) = problem.
    pub save_error: RwSignal<Option<String>>,
    /// Loaded from storage (edits before that are not saved over it).
    pub loaded: RwSignal<bool>,
}

impl Scenarios {
    /// Starts empty and loads from IndexedDB; creates the first scenario
    /// from `default_policy` when there is none. A `shared` scenario (from a
    /// share link) is added and opened.
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
        };
        spawn_local(async move {
            let mut all = match store::list().await {
                Ok(v) => v,
                Err(e) => {
                    me.save_error.set(Some(e));
                    vec![]
                }
            };
            all.retain(|s| s.region == region);
            if all.is_empty() {
                let first = Saved {
                    id: format!("s{:013}", now_ms() as u64),
                    name: first_name,
                    region: region.clone(),
                    policy: default_policy,
                    updated_ms: now_ms(),
                    result: None,
                };
                let _ = store::put(&first).await;
                all.push(first);
            }
            if let Some((name, policy)) = shared {
                let s = Saved {
                    id: format!("s{:013}", now_ms() as u64 + 1),
                    name,
                    region: region.clone(),
                    policy,
                    updated_ms: now_ms(),
                    result: None,
                };
                let _ = store::put(&s).await;
                set_local(CURRENT_KEY, &s.id);
                all.push(s);
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

    /// Opens another scenario.
    pub fn open(&self, id: &str) {
        if let Some(s) = self
            .all
            .with_untracked(|a| a.iter().find(|s| s.id == id).cloned())
        {
            set_local(CURRENT_KEY, id);
            self.current.set(s.id);
            self.policy.set(s.policy);
        }
    }

    /// Saves the open scenario's settings.
    pub fn save_current(&self) {
        if !self.loaded.get_untracked() {
            return;
        }
        let id = self.current.get_untracked();
        let policy = self.policy.get_untracked();
        let mut record = None;
        self.all.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.id == id) {
                if s.policy != policy {
                    s.policy = policy;
                    s.updated_ms = now_ms();
                    record = Some(s.clone());
                }
            }
        });
        if let Some(r) = record {
            self.persist(r);
        }
    }

    fn persist(&self, r: Saved) {
        let err = self.save_error;
        spawn_local(async move {
            err.set(store::put(&r).await.err());
        });
    }

    /// Adds a scenario (a copy of `policy` named `name`, with its plan if
    /// any) and opens it.
    pub fn add(&self, name: String, policy: Policy, result: Option<SavedResult>, region: String) {
        let s = Saved {
            id: format!("s{:013}", now_ms() as u64),
            name,
            region,
            policy,
            updated_ms: now_ms(),
            result,
        };
        self.persist(s.clone());
        let id = s.id.clone();
        self.all.update(|a| a.push(s));
        self.open(&id);
    }

    /// Keeps `result` as the open scenario's plan.
    pub fn set_result(&self, result: SavedResult) {
        let id = self.current.get_untracked();
        let mut record = None;
        self.all.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.id == id) {
                s.result = Some(result);
                record = Some(s.clone());
            }
        });
        if let Some(r) = record {
            self.persist(r);
        }
    }

    /// The plan kept with scenario `id`.
    pub fn result_of(&self, id: &str) -> Option<SavedResult> {
        self.all
            .with_untracked(|a| a.iter().find(|s| s.id == id).and_then(|s| s.result.clone()))
    }

    /// Renames the open scenario.
    pub fn rename(&self, name: String) {
        let id = self.current.get_untracked();
        let mut record = None;
        self.all.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.id == id) {
                s.name = name;
                s.updated_ms = now_ms();
                record = Some(s.clone());
            }
        });
        if let Some(r) = record {
            self.persist(r);
        }
    }

    /// Deletes the open scenario (the last one cannot be deleted).
    pub fn delete_current(&self) {
        let id = self.current.get_untracked();
        if self.all.with_untracked(|a| a.len()) <= 1 {
            return;
        }
        self.all.update(|a| a.retain(|s| s.id != id));
        let err = self.save_error;
        let gone = id.clone();
        spawn_local(async move {
            err.set(store::delete(&gone).await.err());
        });
        if let Some(first) = self.all.with_untracked(|a| a.first().map(|s| s.id.clone())) {
            self.open(&first);
        }
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

/// The scenario picker and its buttons.
#[component]
pub fn ScenarioBar(sc: Scenarios, region: String, lang: ReadSignal<Lang>) -> impl IntoView {
    let region = StoredValue::new(region);
    // Autosave: every change of the settings, a moment later.
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
                    Some(e) => format!("{}: {e}", t(lang.get(), "save_failed")),
                }}
            </p>
        </section>
    }
}
