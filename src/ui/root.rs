//! The root component: the header (region switcher, import, language), the
//! import wizard, and the open region's dashboard ([`super::app::Dashboard`],
//! mounted afresh on every switch). Regions other than the built-in demo
//! live in IndexedDB (`regions`), each read back through the validator.

use super::app::{Dashboard, LoadedRegion};
use super::import_wizard::ImportWizard;
use super::region_switcher::RegionSwitcher;
use super::scenario_bar::{local, set_local, store_for_region};
use super::store;
use crate::diagnostics::Problem;
use crate::i18n::{t, Lang};
use crate::records::{RegionMeta, StoredRegion};
use crate::scenario::Scenario;
use crate::scenario_file::ScenarioFile;
use crate::validate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Which region is open (empty: the demo).
const REGION_KEY: &str = "healthreach.region";

const LANG_KEY: &str = "healthreach.lang";

fn stored_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

fn remember_lang(lang: Lang) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

fn new_region_id() -> String {
    format!(
        "r-{:013}{:04}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 10_000.0) as u32
    )
}

fn loaded(r: StoredRegion) -> LoadedRegion {
    LoadedRegion {
        key: r.id,
        name_en: r.name.clone(),
        name: r.name,
        demo: false,
        scenario: r.scenario,
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(stored_lang());
    Effect::new(move |_| {
        let l = lang.get();
        remember_lang(l);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · {}", t(l, "app_title"), t(l, "app_subtitle")));
        }
    });
    // The embedded demo goes through the same validation as any file.
    let demo = match validate::load(crate::demo::WEINAN_JSON) {
        Ok((s, _warnings)) => {
            let name = s.region.name.clone();
            Arc::new(LoadedRegion {
                key: name.clone(),
                name_en: s.region.name_en.clone().unwrap_or_else(|| name.clone()),
                name,
                demo: true,
                scenario: s,
            })
        }
        Err(problems) => {
            let text = problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n");
            super::panic_panel::show(&text);
            return view! { <p class="fatal">{text}</p> }.into_any();
        }
    };
    let regions = RwSignal::new(Vec::<RegionMeta>::new());
    let active = RwSignal::new(local(REGION_KEY).unwrap_or_default());
    let current: RwSignal<Option<Arc<LoadedRegion>>> = RwSignal::new(None);
    let region_error = RwSignal::new(None::<Vec<Problem>>);
    let wizard_open = RwSignal::new(false);
    // The data editor's history lives here, so the dashboard's remount after
    // each edit keeps it: (region id, name, created, editor).
    let editor: StoredValue<Option<(String, String, f64, crate::edit::Editor)>> =
        StoredValue::new(None);
    let edit_rev = RwSignal::new(0u64);
    let edit_error = RwSignal::new(None::<Problem>);
    let placing = RwSignal::new(false);
    let filter = RwSignal::new(String::new());
    let editor_open = RwSignal::new(false);
    // Region saves still in flight (the data view says "saving" until 0).
    let saving = RwSignal::new(0u32);
    let (storing, set_storing) = signal(false);

    let refresh = move || {
        spawn_local(async move {
            match store::list_regions().await {
                Ok(list) => regions.set(list),
                Err(p) => region_error.set(Some(vec![p])),
            }
        })
    };
    refresh();
    let demo_for_effect = demo.clone();
    Effect::new(move |_| {
        let key = active.get();
        set_local(REGION_KEY, &key);
        if key.is_empty() {
            current.set(Some(demo_for_effect.clone()));
            return;
        }
        let demo = demo_for_effect.clone();
        spawn_local(async move {
            match store::get_region(&key).await {
                Ok(r) => {
                    let same = editor.with_value(|e| e.as_ref().is_some_and(|e| e.0 == r.id));
                    if !same {
                        editor.set_value(Some((
                            r.id.clone(),
                            r.name.clone(),
                            r.created_ms,
                            crate::edit::Editor::new(r.scenario.clone()),
                        )));
                        edit_error.set(None);
                        edit_rev.update(|n| *n += 1);
                    }
                    current.set(Some(Arc::new(loaded(r))))
                }
                Err(p) => {
                    // Never a broken page: the demo opens, and the notice says why.
                    region_error.set(Some(p));
                    current.set(Some(demo));
                    active.set(String::new());
                    refresh();
                }
            }
        });
    });

    let store_region = move |name: String, scenario: Scenario, then: Option<ScenarioFile>| {
        set_storing.set(true);
        region_error.set(None);
        spawn_local(async move {
            let r = StoredRegion::new(new_region_id(), name, js_sys::Date::now(), scenario);
            let id = r.id.clone();
            let mut result = store::put_region(&r).await;
            if let (Ok(()), Some(f)) = (&result, then) {
                result = store_for_region(id.clone(), f.name, f.scenario.policy, f.result).await;
            }
            set_storing.set(false);
            match result {
                Ok(()) => {
                    wizard_open.set(false);
                    refresh();
                    active.set(id);
                }
                Err(p) => region_error.set(Some(vec![p])),
            }
        });
    };
    let on_imported = Callback::new(move |(name, scenario): (String, Scenario)| {
        store_region(name, scenario, None)
    });
    let on_open_file = Callback::new(move |f: ScenarioFile| {
        let mut s = f.scenario.clone();
        s.policy = Default::default();
        store_region(f.scenario.region.name.clone(), s, Some(f))
    });
    let on_delete = Callback::new(move |id: String| {
        spawn_local(async move {
            match store::delete_region(&id).await {
                Ok(()) => {
                    if active.get_untracked() == id {
                        active.set(String::new());
                    }
                    refresh();
                }
                Err(p) => region_error.set(Some(vec![p])),
            }
        })
    });
    let demo_name = (demo.name.clone(), demo.name_en.clone());

    // An accepted edit (or undo, redo): saved with the region, the dashboard
    // remounted on the edited data (its plan then shows as stale).
    let commit = move |f: &dyn Fn(&mut crate::edit::Editor) -> Result<bool, Problem>| {
        let mut done = None;
        editor.update_value(|e| {
            if let Some((id, name, created, ed)) = e {
                done = Some(f(ed).map(|changed| {
                    changed.then(|| {
                        StoredRegion::new(id.clone(), name.clone(), *created, ed.scenario.clone())
                    })
                }));
            }
        });
        match done {
            Some(Ok(Some(r))) => {
                edit_error.set(None);
                edit_rev.update(|n| *n += 1);
                let next = Arc::new(loaded(r.clone()));
                current.set(Some(next));
                saving.update(|n| *n += 1);
                spawn_local(async move {
                    if let Err(p) = store::put_region(&r).await {
                        region_error.set(Some(vec![p]));
                    }
                    saving.update(|n| *n = n.saturating_sub(1));
                });
            }
            Some(Ok(None)) => {}
            Some(Err(p)) => edit_error.set(Some(p)),
            None => {}
        }
    };
    let on_edit =
        Callback::new(move |e: crate::edit::Edit| commit(&|ed| ed.apply(&e).map(|()| true)));
    let on_undo = Callback::new(move |_: ()| commit(&|ed| Ok(ed.undo())));
    let on_redo = Callback::new(move |_: ()| commit(&|ed| Ok(ed.redo())));
    let demo_for_copy = demo.clone();
    let on_copy = Callback::new(move |_: ()| {
        let name = format!(
            "{} ({})",
            demo_for_copy.name,
            t(lang.get_untracked(), "data_copy_suffix")
        );
        store_region(name, demo_for_copy.scenario.clone(), None)
    });
    let editing = super::data_editor::Editing {
        on_edit,
        on_undo,
        on_redo,
        can_undo: Signal::derive(move || {
            edit_rev.track();
            editor.with_value(|e| e.as_ref().is_some_and(|e| e.3.can_undo()))
        }),
        can_redo: Signal::derive(move || {
            edit_rev.track();
            editor.with_value(|e| e.as_ref().is_some_and(|e| e.3.can_redo()))
        }),
        error: edit_error,
        placing,
        filter,
        on_copy,
        count: Signal::derive(move || {
            edit_rev.track();
            editor.with_value(|e| e.as_ref().map_or(0, |e| e.3.count))
        }),
        open: editor_open,
        saving: Signal::derive(move || saving.get() > 0),
    };
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside text fields undo and redo edits.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || active.get_untracked().is_empty() {
            return;
        }
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field {
            return;
        }
        match (ev.key().to_ascii_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                on_undo.run(());
            }
            ("z", true) | ("y", _) => {
                ev.prevent_default();
                on_redo.run(());
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <header class="top">
            <div class="brand">
                <h1>{move || t(lang.get(), "app_title")}</h1>
                <p class="subtitle">{move || t(lang.get(), "app_subtitle")}</p>
            </div>
            <p class="region-name" data-testid="region-name">
                {move || current.with(|c| c.as_ref().map(|r| match lang.get() { Lang::Zh => r.name.clone(), Lang::En => r.name_en.clone() })).unwrap_or_default()}
            </p>
            <RegionSwitcher regions=regions active=active demo_name=demo_name lang=lang on_delete=on_delete/>
            <button class="import-open" data-testid="import-open" on:click=move |_| wizard_open.update(|o| *o = !*o)>
                {move || t(lang.get(), "import_open")}
            </button>
            <button
                class="lang-switch"
                data-testid="lang-switch"
                title=move || t(lang.get(), "switch_label")
                on:click=move |_| set_lang.update(|l| *l = l.other())
            >
                {move || t(lang.get(), "switch_to")}
            </button>
        </header>
        {move || region_error.get().map(|p| view! {
            <div class="notice warn" role="alert" data-testid="region-error">
                <p>{move || t(lang.get(), "region_unreadable")}</p>
                <ul>{p.into_iter().take(10).map(|p| { let path = p.path.clone(); view! { <li data-path=path>{move || p.line(lang.get())}</li> } }).collect_view()}</ul>
                <button on:click=move |_| region_error.set(None)>{move || t(lang.get(), "dismiss")}</button>
            </div>
        })}
        <Show when=move || wizard_open.get()>
            <ImportWizard lang=lang on_done=on_imported on_close=Callback::new(move |_| wizard_open.set(false)) storing=storing/>
        </Show>
        {move || current.get().map(|r| view! { <Dashboard region=r lang=lang on_open_file=on_open_file editing=editing/> })}
    }
    .into_any()
}
