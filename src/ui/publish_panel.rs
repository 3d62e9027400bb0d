//! Publish (`publish-button`): the plan on screen as a read-only transparency
//! portal — the same bundle `healthreach publish` writes. A worker prepares
//! the publication (check, re-solve, one counterfactual solve per rule), the
//! page fetches the viewer's files from its own origin and assembles the
//! single HTML file (downloaded at once) and the folder edition as a zip.

use super::solver::SolverClient;
use crate::i18n::{t, Lang};
use crate::plan::Plan;
use crate::protocol::{Job, PublishRequest, SolveReply, WorkerMessage};
use crate::publish::bundle::{self, Assets};
use crate::publish::{Meta, Publication, SolveSettings};
use crate::scenario::{Policy, Scenario};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Working(String),
    Ready { html_bytes: usize, name: String },
    Failed(String),
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let w = web_sys::window().ok_or("no window")?;
    let resp = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: {e:?}"))?;
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf =
        wasm_bindgen_futures::JsFuture::from(resp.array_buffer().map_err(|e| format!("{e:?}"))?)
            .await
            .map_err(|e| format!("{url}: {e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

async fn assets() -> Result<Assets, String> {
    let mut files = Vec::new();
    for p in Assets::PATHS {
        files.push(fetch_bytes(p).await?);
    }
    Ok(Assets::from_files(files))
}

/// The folder edition as a zip (stored paths are the bundle's).
fn zip_of(files: &[bundle::File]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed timestamp: the same inputs give the same zip.
    let when =
        zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).map_err(|e| format!("{e:?}"))?;
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(when);
    for f in files {
        z.start_file(f.path.as_str(), opts)
            .map_err(|e| e.to_string())?;
        z.write_all(&f.bytes).map_err(|e| e.to_string())?;
    }
    Ok(z.finish().map_err(|e| e.to_string())?.into_inner())
}

fn file_stem(s: &str) -> String {
    let stem: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_string();
    if stem.is_empty() {
        "plan".into()
    } else {
        stem
    }
}

/// The Publish panel, shown once a plan is on screen.
#[component]
pub fn PublishPanel(
    lang: ReadSignal<Lang>,
    last: RwSignal<Option<Arc<SolveReply>>>,
    solved_policy: RwSignal<Option<Policy>>,
    scenario: StoredValue<Scenario>,
    /// The settings or data changed since the plan was made: optimise first.
    stale: Memo<bool>,
) -> impl IntoView {
    let state = RwSignal::new(State::Idle);
    let title = RwSignal::new(String::new());
    let publisher = RwSignal::new(String::new());
    let date = RwSignal::new(crate::publish::today());
    let zip = StoredValue::new(None::<(String, Vec<u8>)>);
    let html = StoredValue::new(None::<(String, Vec<u8>)>);
    let client: StoredValue<Option<SolverClient>, LocalStorage> = StoredValue::new_local(None);
    let pending = StoredValue::new(None::<(Scenario, Plan)>);
    let job = StoredValue::new(0u32);

    let finish = move |publication: Publication| {
        let Some((s, plan)) = pending.get_value() else {
            return;
        };
        state.set(State::Working(
            t(lang.get_untracked(), "publish_packing").into(),
        ));
        spawn_local(async move {
            let a = match assets().await {
                Ok(a) => a,
                Err(e) => {
                    state.set(State::Failed(format!(
                        "{}: {e}",
                        t(lang.get_untracked(), "publish_no_viewer")
                    )));
                    return;
                }
            };
            let stem = format!(
                "{}-{}",
                file_stem(&s.region.name_en.clone().unwrap_or(s.region.name.clone())),
                publication.manifest.date
            );
            let single = bundle::single_file(&publication, &s, &plan, &a);
            let folder = bundle::folder(&publication, &s, &plan, &a);
            let zipped = match zip_of(&folder) {
                Ok(z) => z,
                Err(e) => {
                    state.set(State::Failed(e));
                    return;
                }
            };
            let name = format!("{stem}.html");
            super::exports::download_bytes(&name, "text/html", &single);
            let n = single.len();
            html.set_value(Some((name.clone(), single)));
            zip.set_value(Some((format!("{stem}-folder.zip"), zipped)));
            state.set(State::Ready {
                html_bytes: n,
                name,
            });
        });
    };

    let on_message = move |m: WorkerMessage| match m {
        WorkerMessage::Progress { job: j, stage, .. } if j == job.get_value() => {
            let l = lang.get_untracked();
            let text = match stage.strip_prefix("publish:") {
                Some(step) => format!("{} {step}", t(l, "publish_solving")),
                None => t(l, "publish_loading").to_string(),
            };
            state.set(State::Working(text));
        }
        WorkerMessage::Published {
            job: j,
            publication,
        } if j == job.get_value() => finish(*publication),
        WorkerMessage::Failed {
            job: j,
            message,
            message_zh,
        } if j == job.get_value() || j == 0 => {
            state.set(State::Failed(match lang.get_untracked() {
                Lang::Zh => message_zh,
                Lang::En => message,
            }))
        }
        _ => {}
    };

    let start = move |_| {
        let l = lang.get_untracked();
        let Some(plan) = last.with_untracked(|r| r.as_ref().and_then(|r| r.plan.clone())) else {
            return;
        };
        let mut s = scenario.get_value();
        if let Some(p) = solved_policy.get_untracked() {
            s.policy = p;
        }
        let meta = match Meta::new(
            &s,
            Some(title.get_untracked()),
            Some(publisher.get_untracked()),
            Some(date.get_untracked()),
        ) {
            Ok(m) => m,
            Err(p) => {
                state.set(State::Failed(p.text(l).to_string()));
                return;
            }
        };
        job.update_value(|j| *j += 1);
        pending.set_value(Some((s.clone(), plan.clone())));
        let req = Job::Publish(Box::new(PublishRequest {
            job: job.get_value(),
            scenario: s,
            plan,
            meta,
            settings: SolveSettings::default(),
        }));
        state.set(State::Working(t(l, "publish_loading").into()));
        client.update_value(|c| {
            if c.is_none() {
                *c = Some(SolverClient::new(on_message));
            }
        });
        client.with_value(|c| {
            if let Some(c) = c {
                c.send(&req)
            }
        });
    };
    let busy = move || matches!(state.get(), State::Working(_)) || stale.get();
    let has_plan = move || last.with(|r| r.as_ref().is_some_and(|r| r.plan.is_some()));
    let status = move || {
        let l = lang.get();
        if stale.get() {
            return view! { <p class="meta" data-testid="publish-status" data-state="stale">{t(l, "publish_stale")}</p> }.into_any();
        }
        match state.get() {
            State::Idle => view! { <p class="meta" data-testid="publish-status">{t(l, "publish_intro")}</p> }.into_any(),
            State::Working(text) => view! { <p class="meta" role="status" data-testid="publish-status" data-state="working">{text}</p> }.into_any(),
            State::Failed(e) => view! { <p class="notice warn" role="alert" data-testid="publish-status" data-state="failed">{e}</p> }.into_any(),
            State::Ready { html_bytes, name } => view! {
                <div data-testid="publish-status" data-state="ready" role="status">
                    <p>{format!("{} {name} ({:.2} MB)", t(l, "publish_ready"), html_bytes as f64 / 1e6)}</p>
                    <button data-testid="publish-download-html" on:click=move |_| html.with_value(|h| if let Some((n, b)) = h { super::exports::download_bytes(n, "text/html", b) })>{t(l, "publish_download_html")}</button>
                    <button data-testid="publish-download-zip" on:click=move |_| zip.with_value(|z| if let Some((n, b)) = z { super::exports::download_bytes(n, "application/zip", b) })>{t(l, "publish_download_zip")}</button>
                </div>
            }.into_any(),
        }
    };
    view! {
        <Show when=has_plan>
            <section class="publish" data-testid="publish-panel" aria-labelledby="publish-h">
                <h3 id="publish-h">{move || t(lang.get(), "publish_title")}</h3>
                <label>{move || t(lang.get(), "publish_field_title")}
                    <input type="text" maxlength="200" prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e))/></label>
                <label>{move || t(lang.get(), "publish_field_publisher")}
                    <input type="text" maxlength="200" prop:value=move || publisher.get() on:input=move |e| publisher.set(event_target_value(&e))/></label>
                <label>{move || t(lang.get(), "publish_field_date")}
                    <input type="date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e))/></label>
                <button class="primary" data-testid="publish-button" disabled=busy on:click=start>{move || t(lang.get(), "publish_button")}</button>
                {status}
            </section>
        </Show>
    }
}
