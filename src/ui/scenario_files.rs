//! Save scenario / Open scenario: the region, the open scenario's settings
//! and its last plan as one versioned file ([`crate::scenario_file`]), and
//! back. A file for this region opens as a scenario here; a file for another
//! region opens as a new stored region (`on_open`). Nothing is stored when
//! the file fails validation; every problem is listed with its JSON path.

use super::scenario_bar::Scenarios;
use crate::diagnostics::Problem;
use crate::i18n::{t, Lang};
use crate::scenario::Scenario;
use crate::scenario_file::{open, ScenarioFile};
use crate::validate::limits::MAX_SCENARIO_BYTES;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn same_region(a: &Scenario, b: &Scenario) -> bool {
    let mut a = a.clone();
    let mut b = b.clone();
    a.policy = Default::default();
    b.policy = Default::default();
    a == b
}

/// A file name from a scenario name (no path separators or reserved characters).
fn file_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    format!(
        "{}.healthreach.json",
        if clean.is_empty() { "scenario" } else { clean }
    )
}

#[component]
pub fn ScenarioFiles(
    sc: Scenarios,
    scenario: StoredValue<Scenario>,
    lang: ReadSignal<Lang>,
    on_open: Callback<ScenarioFile>,
) -> impl IntoView {
    let problems = RwSignal::new(Vec::<Problem>::new());
    let opened = RwSignal::new(None::<String>);
    let save = move |_| {
        let mut s = scenario.get_value();
        s.policy = sc.policy.get_untracked();
        let name = sc.current_name();
        let f = ScenarioFile::new(name.clone(), s, sc.result_of(&sc.current.get_untracked()));
        super::exports::download(&file_name(&name), "application/json", &f.to_text());
    };
    let read = move |file: web_sys::File| {
        problems.set(vec![]);
        opened.set(None);
        let size = file.size();
        if size > MAX_SCENARIO_BYTES as f64 {
            problems.set(vec![Problem::error(
                "$",
                format!(
                    "the file is {:.1} MB, more than the {} MB a scenario file may have",
                    size / 1_048_576.0,
                    MAX_SCENARIO_BYTES >> 20
                ),
                format!(
                    "文件大小为 {:.1} MB，超过情景文件上限 {} MB",
                    size / 1_048_576.0,
                    MAX_SCENARIO_BYTES >> 20
                ),
            )]);
            return;
        }
        spawn_local(async move {
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
                Err(e) => {
                    problems.set(vec![Problem::error(
                        "$",
                        format!("the browser could not read the file ({e:?}); pick it again"),
                        format!("浏览器无法读取该文件（{e:?}）；请重新选择"),
                    )]);
                    return;
                }
            };
            match open(&bytes) {
                Err(p) => problems.set(p),
                Ok((f, _warnings)) => {
                    let here = scenario.with_value(|s| same_region(s, &f.scenario));
                    opened.set(Some(f.name.clone()));
                    if here {
                        let region = sc.region_key();
                        sc.add(f.name, f.scenario.policy, f.result, region);
                    } else {
                        on_open.run(f);
                    }
                }
            }
        });
    };
    view! {
        <section class="panel scenario-files" data-testid="scenario-files">
            <div class="row buttons">
                <button data-testid="scenario-save" on:click=save>{move || t(lang.get(), "scenario_save")}</button>
                <label class="button" data-testid="scenario-open">
                    <input type="file" accept=".json,application/json" data-testid="scenario-open-input"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            if let Some(f) = input.files().and_then(|l| l.item(0)) {
                                read(f);
                            }
                            input.set_value("");
                        }/>
                    {move || t(lang.get(), "scenario_open")}
                </label>
            </div>
            {move || opened.get().map(|n| view! {
                <p class="notice ok" data-testid="scenario-opened">{move || format!("{} {n}", t(lang.get(), "scenario_opened"))}</p>
            })}
            <Show when=move || !problems.with(|p| p.is_empty())>
                <div class="notice warn" role="alert" data-testid="scenario-open-error">
                    <p>{move || t(lang.get(), "scenario_open_failed")}</p>
                    <ul>
                        {move || problems.get().into_iter().take(20).map(|p| {
                            let path = p.path.clone();
                            view! { <li data-path=path>{move || p.line(lang.get())}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
        </section>
    }
}
