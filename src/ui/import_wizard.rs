//! The import wizard: drop or pick a region's files, check each file's role
//! and columns against a preview of what was read, read them in the worker
//! (progress by file and stage, Cancel), see the region on a map with the
//! report, and confirm it as a new region. The choices are a manifest
//! ([`crate::import::wizard`]); the worker runs the importer unchanged.

use super::import_mapping::FileMapping;
use super::import_report::ImportReport;
use super::map_paint::{paint, Scene, Transform, Visible};
use super::solver::SolverClient;
use crate::diagnostics::Problem;
use crate::i18n::{group_digits, t, Lang};
use crate::import::manifest::{Manifest, RowEdit};
use crate::import::pipeline::ImportOptions;
use crate::import::report::Report;
use crate::import::wizard::{
    manifest_for, missing, set_crs, too_large, unmapped, FileInfo, FileRole, MAX_FILE_BYTES,
};
use crate::protocol::{ImportRequest, Job, WorkerMessage};
use crate::scenario::Scenario;
use crate::view::map_layers::MapLayers;
use crate::view::palette::density_colour;
use leptos::prelude::*;
use std::sync::Arc;

/// What the worker is doing for the wizard.
#[derive(Debug, Clone, PartialEq)]
enum Busy {
    Idle,
    /// Reading and inspecting the dropped files.
    Reading {
        stage: String,
        started: f64,
    },
    /// Importing with the manifest.
    Importing {
        stage: String,
        started: f64,
    },
}

/// The import's result.
#[derive(Clone)]
struct Imported {
    scenario: Option<Arc<Scenario>>,
    report: Arc<Report>,
}

const IMPORT_STAGES: [&str; 8] = [
    "units",
    "population",
    "facilities",
    "zones",
    "roads",
    "sites",
    "travel",
    "validate",
];

/// A progress stage key → (fraction done, text).
fn progress_of(lang: Lang, stage: &str) -> (f64, String) {
    let mut parts = stage.splitn(3, ':');
    let kind = parts.next().unwrap_or("");
    match kind {
        "read" | "inspect" => {
            let count = parts.next().unwrap_or("0/1");
            let name = parts.next().unwrap_or("");
            let (i, n) = count.split_once('/').unwrap_or(("0", "1"));
            let (i, n) = (
                i.parse::<f64>().unwrap_or(0.0),
                n.parse::<f64>().unwrap_or(1.0).max(1.0),
            );
            let key = if kind == "read" {
                "import_stage_read"
            } else {
                "import_stage_inspect"
            };
            let half = if kind == "read" { 0.0 } else { 0.5 };
            (
                half + 0.5 * (i - 1.0).max(0.0) / n,
                format!("{} {name} ({i}/{n})", t(lang, key)),
            )
        }
        "import" => {
            let s = parts.next().unwrap_or("");
            let i = IMPORT_STAGES.iter().position(|x| *x == s).unwrap_or(0);
            (
                i as f64 / IMPORT_STAGES.len() as f64,
                t(lang, &format!("import_stage_{s}")).to_string(),
            )
        }
        _ => (0.0, t(lang, "stage_queued").to_string()),
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

/// The wizard. `on_done(name, scenario)` stores the confirmed region;
/// `storing` is true while it does.
#[component]
pub fn ImportWizard(
    lang: ReadSignal<Lang>,
    on_done: Callback<(String, Scenario)>,
    on_close: Callback<()>,
    storing: ReadSignal<bool>,
) -> impl IntoView {
    let files = StoredValue::new_local(Vec::<web_sys::File>::new());
    let infos = RwSignal::new(Vec::<FileInfo>::new());
    let roles = RwSignal::new(Vec::<(String, FileRole)>::new());
    let manifest = RwSignal::new(Manifest::default());
    let options = RwSignal::new(ImportOptions::default());
    let base = StoredValue::new(Manifest::default());
    let refused = RwSignal::new(Vec::<(String, (String, String))>::new());
    let busy = RwSignal::new(Busy::Idle);
    let failure = RwSignal::new(None::<Problem>);
    let result = RwSignal::new(None::<Imported>);
    let step = RwSignal::new(1u8);
    let name = RwSignal::new(String::new());
    let cancelled = RwSignal::new(false);
    let job = StoredValue::new(0u32);
    let worker_has_files = StoredValue::new(false);
    let (now, set_now) = signal(js_sys::Date::now());

    // A role changed or a manifest dropped: the manifest follows.
    let remake = move || {
        let r = roles.get_untracked();
        manifest.update(|m| {
            let b = base.get_value();
            let mut next = manifest_for(&r, if m.units.path.is_empty() { &b } else { m });
            if next.name.is_none() {
                next.name = b.name.clone();
            }
            *m = next;
        });
    };

    let handler = move |m: WorkerMessage| match m {
        WorkerMessage::Progress { job: j, stage, .. } if j == job.get_value() => {
            busy.update(|b| match b {
                Busy::Reading { stage: s, .. } | Busy::Importing { stage: s, .. } => *s = stage,
                Busy::Idle => {}
            });
        }
        WorkerMessage::Inspected { job: j, files: got } if j == job.get_value() => {
            worker_has_files.set_value(true);
            if matches!(busy.get_untracked(), Busy::Reading { .. }) {
                busy.set(Busy::Idle);
            }
            // Keep a role the planner chose for a file seen before.
            let before = roles.get_untracked();
            let next: Vec<(String, FileRole)> = got
                .iter()
                .map(|f| {
                    let kept = before.iter().find(|(n, _)| *n == f.name).map(|(_, r)| *r);
                    (f.name.clone(), kept.unwrap_or(f.role))
                })
                .collect();
            if let Some(text) = got.iter().find_map(|f| f.manifest.clone()) {
                if let Ok(m) = serde_json::from_str::<Manifest>(&text) {
                    if name.get_untracked().is_empty() {
                        name.set(m.name.clone().unwrap_or_default());
                    }
                    base.set_value(m.clone());
                    manifest.set(m);
                }
            }
            infos.set(got);
            roles.set(next);
            remake();
        }
        WorkerMessage::Imported {
            job: j,
            scenario,
            report,
        } if j == job.get_value() => {
            busy.set(Busy::Idle);
            if let Some(s) = &scenario {
                if name.get_untracked().is_empty() {
                    name.set(s.region.name.clone());
                }
            }
            result.set(Some(Imported {
                scenario: scenario.map(|s| Arc::new(*s)),
                report: Arc::new(*report),
            }));
            step.set(3);
        }
        ref m @ WorkerMessage::Failed { job: j, .. }
            if j == job.get_value() || (j == 0 && busy.get_untracked() != Busy::Idle) =>
        {
            busy.set(Busy::Idle);
            worker_has_files.set_value(false);
            failure.set(m.failure());
        }
        _ => {}
    };
    let client = StoredValue::new_local(SolverClient::new(handler));
    on_cleanup(move || client.with_value(|c| c.stop()));
    let tick = set_interval_with_handle(
        move || {
            if busy.get_untracked() != Busy::Idle {
                set_now.set(js_sys::Date::now());
            }
        },
        std::time::Duration::from_millis(200),
    );
    on_cleanup(move || {
        if let Ok(h) = tick {
            h.clear();
        }
    });

    let send_files = move || {
        job.update_value(|j| *j += 1);
        failure.set(None);
        cancelled.set(false);
        busy.set(Busy::Reading {
            stage: String::new(),
            started: js_sys::Date::now(),
        });
        let j = job.get_value();
        files.with_value(|f| client.with_value(|c| c.send_files(j, f)));
    };
    let add_files = move |list: Option<web_sys::FileList>| {
        let Some(list) = list else { return };
        let mut too_big = Vec::new();
        files.update_value(|fs| {
            for i in 0..list.length() {
                let Some(f) = list.item(i) else { continue };
                let size = f.size() as u64;
                if size > MAX_FILE_BYTES {
                    too_big.push((f.name(), too_large(size)));
                    continue;
                }
                fs.retain(|x| x.name() != f.name());
                fs.push(f);
            }
        });
        refused.set(too_big);
        result.set(None);
        step.set(1);
        if files.with_value(|f| !f.is_empty()) {
            send_files();
        }
    };
    let remove_file = move |n: String| {
        files.update_value(|fs| fs.retain(|f| f.name() != n));
        roles.update(|r| r.retain(|(x, _)| *x != n));
        infos.update(|i| i.retain(|x| x.name != n));
        remake();
        worker_has_files.set_value(false);
    };
    let run_import = move || {
        if !worker_has_files.get_value() {
            send_files();
        }
        job.update_value(|j| *j += 1);
        let mut m = manifest.get_untracked();
        let n = name.get_untracked();
        if !n.trim().is_empty() {
            m.name = Some(n.trim().to_string());
        }
        failure.set(None);
        cancelled.set(false);
        result.set(None);
        busy.set(Busy::Importing {
            stage: String::new(),
            started: js_sys::Date::now(),
        });
        let req = Job::Import(Box::new(ImportRequest {
            job: job.get_value(),
            manifest: m,
            options: options.get_untracked(),
        }));
        client.with_value(|c| c.send(&req));
    };
    let cancel = move || {
        job.update_value(|j| *j += 1);
        client.with_value(|c| c.restart());
        worker_has_files.set_value(false);
        busy.set(Busy::Idle);
        cancelled.set(true);
    };
    let download_manifest = move || {
        let m = manifest.get_untracked();
        let text = serde_json::to_string_pretty(&m).unwrap_or_default();
        super::exports::download("manifest.json", "application/json", &text);
    };

    let needs = Memo::new(move |_| manifest.with(missing));
    let unmapped_now =
        Memo::new(move |_| manifest.with(|m| roles.with(|r| infos.with(|i| unmapped(m, r, i)))));
    // A correction from the report: kept in the manifest, imported again.
    let edit = Callback::new(move |e: RowEdit| {
        manifest.update(|m| {
            m.edits.retain(|x| {
                !(x.file == e.file && x.row == e.row && (x.drop || e.drop || x.column == e.column))
            });
            m.edits.push(e);
        });
        run_import();
    });
    let undo_edit = move |i: usize| {
        manifest.update(|m| {
            if i < m.edits.len() {
                m.edits.remove(i);
            }
        });
        run_import();
    };
    // The headers of each table file, for correcting a cell in place.
    let table_columns = Memo::new(move |_| {
        infos.with(|i| {
            Arc::new(
                i.iter()
                    .filter(|f| f.preview.as_ref().is_some_and(|p| p.header_row.is_some()))
                    .map(|f| {
                        (
                            f.name.clone(),
                            f.preview
                                .as_ref()
                                .map(|p| p.columns.clone())
                                .unwrap_or_default(),
                        )
                    })
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
        })
    });
    let role_of_file = move |file: &str| {
        roles.with_untracked(|r| r.iter().find(|(n, _)| n == file).map(|(_, r)| *r))
    };
    let previewed = Memo::new(move |_| {
        infos.with(|i| {
            i.iter()
                .filter(|f| f.preview.is_some())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let step_button = move |n: u8, key: &'static str| {
        view! {
            <li class:current=move || step.get() == n data-testid=format!("import-step-{n}")>
                {move || format!("{n}. {}", t(lang.get(), key))}
            </li>
        }
    };

    view! {
        <section class="panel import-wizard" data-testid="import-wizard" aria-labelledby="import-title">
            <div class="wizard-head">
                <h2 id="import-title">{move || t(lang.get(), "import_title")}</h2>
                <button class="close" data-testid="import-close" on:click=move |_| on_close.run(())
                    title=move || t(lang.get(), "close")>{move || t(lang.get(), "close")}</button>
            </div>
            <ol class="steps">
                {step_button(1, "import_step_files")}
                {step_button(2, "import_step_mapping")}
                {step_button(3, "import_step_preview")}
            </ol>
            <Show when=move || busy.get() != Busy::Idle || storing.get()>
                <div class="import-progress" data-testid="import-progress" role="status" aria-live="polite">
                    {move || {
                        let l = lang.get();
                        let (frac, text, started) = match busy.get() {
                            Busy::Reading { stage, started } | Busy::Importing { stage, started } => {
                                let (f, s) = progress_of(l, &stage);
                                (f, s, started)
                            }
                            Busy::Idle => (1.0, t(l, "import_storing").to_string(), now.get_untracked()),
                        };
                        let secs = ((now.get() - started) / 1000.0).max(0.0);
                        view! {
                            <progress max="1" value=frac.to_string()></progress>
                            <span class="stage">{text}</span>
                            <span class="elapsed">{format!("{secs:.1} s")}</span>
                        }
                    }}
                    <Show when=move || busy.get() != Busy::Idle>
                        <button data-testid="import-cancel" on:click=move |_| cancel()>{move || t(lang.get(), "cancel")}</button>
                    </Show>
                </div>
            </Show>
            <Show when=move || cancelled.get()>
                <p class="notice" data-testid="import-cancelled">{move || t(lang.get(), "import_cancelled")}</p>
            </Show>
            {move || failure.get().map(|p| view! {
                <p class="notice warn" role="alert" data-testid="import-error">{p.text(lang.get()).to_string()}</p>
            })}

            // Step 1: files and their roles.
            <Show when=move || step.get() == 1>
                <label class="drop" data-testid="import-drop"
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        add_files(ev.data_transfer().and_then(|d| d.files()));
                    }>
                    <input type="file" multiple data-testid="import-file-input"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            add_files(input.files());
                            input.set_value("");
                        }/>
                    <strong>{move || t(lang.get(), "import_drop")}</strong>
                    <span>{move || t(lang.get(), "import_drop_hint")}</span>
                </label>
                <Show when=move || !refused.with(|r| r.is_empty())>
                    <ul class="notice warn" data-testid="import-refused">
                        {move || refused.get().into_iter().map(|(n, (en, zh))| {
                            let text = if lang.get() == Lang::Zh { zh } else { en };
                            view! { <li>{format!("{n}: {text}")}</li> }
                        }).collect_view()}
                    </ul>
                </Show>
                <Show when=move || !infos.with(|i| i.is_empty())>
                    <table class="files" data-testid="import-files">
                        <thead><tr>
                            <th>{move || t(lang.get(), "import_file")}</th>
                            <th>{move || t(lang.get(), "import_size")}</th>
                            <th>{move || t(lang.get(), "import_role")}</th>
                            <th>{move || t(lang.get(), "import_why")}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || infos.get() key=|f| (f.name.clone(), f.bytes, f.role) let:f>
                                {
                                    let n = f.name.clone();
                                    let n2 = f.name.clone();
                                    let n3 = f.name.clone();
                                    let why = (f.why.clone(), f.why_zh.clone());
                                    let problem = f.problem.clone();
                                    let role_now = Signal::derive(move || roles.with(|r| r.iter().find(|(x, _)| *x == n).map(|(_, r)| *r).unwrap_or_default()));
                                    view! {
                                        <tr data-testid="import-file-row" data-file=f.name.clone()>
                                            <td class="name">{f.name.clone()}</td>
                                            <td class="num">{size_text(f.bytes)}</td>
                                            <td>
                                                <select data-testid="import-role" data-file=f.name.clone()
                                                    on:change=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        if let Some(r) = FileRole::from_key(&v) {
                                                            roles.update(|rs| {
                                                                for (x, role) in rs.iter_mut() {
                                                                    if *x == n2 { *role = r; }
                                                                }
                                                            });
                                                            remake();
                                                        }
                                                    }>
                                                    {FileRole::CHOOSABLE.iter().chain([FileRole::Sidecar].iter()).map(|r| {
                                                        let r = *r;
                                                        view! { <option value=r.key() selected=move || role_now.get() == r>{move || t(lang.get(), &format!("role_{}", r.key()))}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </td>
                                            <td class="why">
                                                {move || if lang.get() == Lang::Zh { why.1.clone() } else { why.0.clone() }}
                                                {problem.clone().map(|(en, zh)| view! {
                                                    <span class="problem" data-testid="import-file-problem">{move || if lang.get() == Lang::Zh { zh.clone() } else { en.clone() }}</span>
                                                })}
                                            </td>
                                            <td><button class="link" on:click=move |_| remove_file(n3.clone())>{move || t(lang.get(), "remove")}</button></td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </Show>
                <Show when=move || !infos.with(|i| i.is_empty()) && !needs.with(|n| n.is_empty())>
                    <div class="notice" data-testid="import-missing">
                        <p>{move || t(lang.get(), "import_missing")}</p>
                        <ul>{move || needs.get().into_iter().map(|(en, zh)| view! { <li>{if lang.get() == Lang::Zh { zh } else { en }}</li> }).collect_view()}</ul>
                    </div>
                </Show>
                <div class="row buttons">
                    <button data-testid="import-next" class="primary"
                        disabled=move || infos.with(|i| i.is_empty()) || !needs.with(|n| n.is_empty()) || busy.get() != Busy::Idle
                        on:click=move |_| step.set(2)>{move || t(lang.get(), "next")}</button>
                    <button data-testid="import-manifest-download" disabled=move || infos.with(|i| i.is_empty())
                        on:click=move |_| download_manifest()>{move || t(lang.get(), "import_manifest_download")}</button>
                </div>
            </Show>

            // Step 2: per file, what each column is, the coordinate system, the tiers.
            <Show when=move || step.get() == 2>
                <div class="mapping" data-testid="import-mapping">
                    <label class="field">
                        <span>{move || t(lang.get(), "import_name")}</span>
                        <input type="text" data-testid="import-name" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                    </label>
                    <For each=move || previewed.get() key=|f| f.name.clone() let:f>
                        {
                            let n = f.name.clone();
                            let role = Signal::derive(move || roles.with(|r| r.iter().find(|(x, _)| *x == n).map(|(_, r)| *r).unwrap_or_default()));
                            view! { <FileMapping info=Arc::new(f) role=role manifest=manifest lang=lang/> }
                        }
                    </For>
                    <fieldset class="options">
                        <legend>{move || t(lang.get(), "import_options")}</legend>
                        <label class="field">
                            <span>{move || t(lang.get(), "import_hex_km")}</span>
                            <input type="number" min="0.5" max="20" step="0.5" data-testid="import-hex-km"
                                prop:value=move || manifest.with(|m| m.zones.as_ref().and_then(|z| z.hex_km).unwrap_or(2.0).to_string())
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                                        if (0.5..=20.0).contains(&v) {
                                            manifest.update(|m| {
                                                let z = m.zones.get_or_insert_with(|| crate::import::manifest::ZonesSpec::hexagons(None));
                                                z.hex_km = Some(v);
                                            });
                                        }
                                    }
                                }/>
                        </label>
                        <label class="check">
                            <input type="checkbox" data-testid="import-fill-missing" prop:checked=move || manifest.with(|m| m.fill_missing)
                                on:change=move |ev| {
                                    let input: web_sys::HtmlInputElement = event_target(&ev);
                                    manifest.update(|m| m.fill_missing = input.checked());
                                }/>
                            <span>{move || t(lang.get(), "import_fill_missing")}</span>
                        </label>
                    </fieldset>
                </div>
                <Show when=move || !unmapped_now.with(|u| u.is_empty())>
                    <div class="notice warn" data-testid="import-unmapped" role="alert">
                        <p>{move || t(lang.get(), "import_unmapped")}</p>
                        <ul>{move || unmapped_now.get().into_iter().map(|(f, k)| view! {
                            <li>{format!("{f}: {}", t(lang.get(), &format!("column_{k}")))}</li>
                        }).collect_view()}</ul>
                    </div>
                </Show>
                <div class="row buttons">
                    <button on:click=move |_| step.set(1)>{move || t(lang.get(), "back")}</button>
                    <button class="primary" data-testid="import-run"
                        disabled=move || busy.get() != Busy::Idle || !unmapped_now.with(|u| u.is_empty())
                        on:click=move |_| run_import()>{move || t(lang.get(), "import_run")}</button>
                </div>
            </Show>

            // Step 3: the region on a map, the report, confirm.
            <Show when=move || step.get() == 3>
                {move || result.get().map(|r| {
                    let scenario = r.scenario.clone();
                    let report = r.report.clone();
                    let has = scenario.is_some();
                    let unanswered = !report.crs_questions.is_empty();
                    view! {
                        <div class="import-result">
                            {scenario.clone().map(|s| view! { <PreviewMap scenario=s lang=lang/> })}
                            {(!has).then(|| view! {
                                <p class="notice warn" role="alert" data-testid="import-nothing">{move || t(lang.get(), "import_nothing")}</p>
                            })}
                            {scenario.clone().map(|s| {
                                let zones = s.zones.len();
                                let facilities = s.facilities.len();
                                let units = s.admin_units.len();
                                let people: f64 = s.zones.iter().map(|z| z.population).sum();
                                view! {
                                    <p class="import-totals" data-testid="import-totals">
                                        {move || format!("{}: {units} · {}: {zones} · {}: {facilities} · {}: {}",
                                            t(lang.get(), "admin_units"), t(lang.get(), "import_zones_count"),
                                            t(lang.get(), "facilities"), t(lang.get(), "population"), group_digits(people))}
                                    </p>
                                }
                            })}
                            <ImportQuestions report=report.clone() lang=lang
                                on_crs=Callback::new(move |(file, declare): (String, String)| {
                                    if let Some(r) = role_of_file(&file) {
                                        manifest.update(|m| set_crs(m, r, Some(declare)));
                                        run_import();
                                    }
                                })
                                on_swap=Callback::new(move |_| { options.update(|o| o.fix_swapped = true); run_import(); })
                                on_accept=Callback::new(move |_| { options.update(|o| o.accept_rejected = true); run_import(); })
                                on_back=Callback::new(move |_| step.set(2))/>
                            {move || {
                                let edits = manifest.with(|m| m.edits.clone());
                                (!edits.is_empty()).then(|| view! {
                                    <div class="import-edits" data-testid="import-edits">
                                        <h4>{move || t(lang.get(), "import_edits")}</h4>
                                        <ul>{edits.into_iter().enumerate().map(|(i, e)| view! {
                                            <li data-testid="import-edit">
                                                {move || edit_text(lang.get(), &e)}
                                                " "
                                                <button class="link" data-testid="import-edit-undo" on:click=move |_| undo_edit(i)>
                                                    {move || t(lang.get(), "import_edit_undo")}
                                                </button>
                                            </li>
                                        }).collect_view()}</ul>
                                    </div>
                                })
                            }}
                            <ImportReport report=report lang=lang columns=table_columns.get_untracked() on_edit=edit/>
                        </div>
                        <div class="row buttons">
                            <button on:click=move |_| step.set(2)>{move || t(lang.get(), "back")}</button>
                            <button class="primary" data-testid="import-confirm"
                                disabled=move || !has || unanswered || storing.get() || busy.get() != Busy::Idle
                                    || name.with(|n| n.trim().is_empty()) || !unmapped_now.with(|u| u.is_empty())
                                on:click={
                                    let scenario = scenario.clone();
                                    move |_| {
                                        if let Some(s) = &scenario {
                                            on_done.run((name.get_untracked().trim().to_string(), (**s).clone()));
                                        }
                                    }
                                }>{move || t(lang.get(), "import_confirm")}</button>
                        </div>
                    }
                })}
            </Show>
        </section>
    }
}

/// A correction as a line of the "your corrections" list.
fn edit_text(l: Lang, e: &RowEdit) -> String {
    let key = if e.drop {
        "import_edit_drop"
    } else {
        "import_edit_set"
    };
    let text = t(l, key)
        .replace("{row}", &e.row.to_string())
        .replace("{column}", e.column.as_deref().unwrap_or(""))
        .replace("{value}", &e.value);
    format!("{}: {text}", e.file)
}

/// What the import needs the planner to decide before a region is made:
/// required columns the file lacks, a coordinate system the points do not
/// show, rows with longitude and latitude swapped, a part that lost more
/// than half its rows.
#[component]
fn ImportQuestions(
    report: Arc<Report>,
    lang: ReadSignal<Lang>,
    on_crs: Callback<(String, String)>,
    on_swap: Callback<()>,
    on_accept: Callback<()>,
    on_back: Callback<()>,
) -> impl IntoView {
    let missing = report.missing_columns.clone();
    let mostly = report.mostly_rejected.clone();
    let swaps = report.swaps_offered;
    let questions = report.crs_questions.clone();
    view! {
        {(!missing.is_empty()).then(|| view! {
            <div class="notice warn" role="alert" data-testid="import-missing-columns">
                <p><strong>{move || t(lang.get(), "import_missing_columns")}</strong></p>
                <ul>{missing.iter().map(|c| {
                    let (en, zh) = (c.message_en.clone(), c.message_zh.clone());
                    view! { <li>{move || if lang.get() == Lang::Zh { zh.clone() } else { en.clone() }}</li> }
                }).collect_view()}</ul>
                <button class="primary" data-testid="import-back-to-columns" on:click=move |_| on_back.run(())>
                    {move || t(lang.get(), "back")}
                </button>
            </div>
        })}
        {(!mostly.is_empty()).then(|| view! {
            <div class="notice warn" role="alert" data-testid="import-mostly-rejected">
                <p><strong>{move || t(lang.get(), "import_mostly_title")}</strong></p>
                <ul>{mostly.iter().map(|e| {
                    let (en, zh) = (e.message_en.clone(), e.message_zh.clone());
                    view! { <li>{move || if lang.get() == Lang::Zh { zh.clone() } else { en.clone() }}</li> }
                }).collect_view()}</ul>
                <button data-testid="import-accept-rejected" on:click=move |_| on_accept.run(())>
                    {move || t(lang.get(), "import_accept_rejected")}
                </button>
            </div>
        })}
        {(swaps > 0).then(|| view! {
            <div class="notice" data-testid="import-swap-offer">
                <span>{move || format!("{swaps} {}", t(lang.get(), "import_swap_offer"))}</span>
                " "
                <button data-testid="import-fix-swapped" on:click=move |_| on_swap.run(())>
                    {move || t(lang.get(), "import_swap_apply")}
                </button>
            </div>
        })}
        {questions.into_iter().map(|q| {
            let chosen = RwSignal::new(q.choices.first().map(|c| c.declare.clone()).unwrap_or_default());
            let file = q.file.clone();
            view! {
                <div class="notice warn" role="alert" data-testid="import-crs-question" data-file=q.file.clone()>
                    <p>{format!("{}: ", q.file)}{move || t(lang.get(), "import_crs_question")}</p>
                    <select data-testid="import-crs-choice" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {q.choices.iter().filter(|c| !c.declare.is_empty()).map(|c| {
                            let d = c.declare.clone();
                            view! { <option value=d>{format!("{} — {:.1}%", c.name, 100.0 * c.share)}</option> }
                        }).collect_view()}
                    </select>
                    <button class="primary" data-testid="import-crs-use"
                        on:click=move |_| on_crs.run((file.clone(), chosen.get_untracked()))>
                        {move || t(lang.get(), "import_crs_use")}
                    </button>
                </div>
            }
        }).collect_view()}
    }
}

/// The imported region before it is confirmed: boundaries, zones shaded by
/// residents per km², facilities by tier.
#[component]
fn PreviewMap(scenario: Arc<Scenario>, lang: ReadSignal<Lang>) -> impl IntoView {
    let layers = StoredValue::new(Arc::new(MapLayers::of(&scenario)));
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resized = super::canvas::resize_signal();
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        layers.with_value(|layers| {
            let shade = |i: usize| density_colour(layers.zones.get(i).map_or(0.0, |z| z.density));
            let scene = Scene {
                layers,
                lang: l,
                shade: &shade,
                visible: Visible {
                    flows: false,
                    catchments: false,
                    ..Visible::default()
                },
                catchment: &[],
                selected: None,
                plan: None,
                transform: Transform::NONE,
                legend_inset: false,
            };
            if let Err(e) = paint(&canvas, &scene) {
                web_sys::console::error_1(&format!("import preview drawing failed: {e}").into());
            }
        });
    });
    view! {
        <canvas node_ref=canvas_ref class="map import-map" data-testid="import-map" role="img"
            aria-label=move || t(lang.get(), "import_map_label")></canvas>
    }
}
