//! The transparency portal's viewer: a read-only page over a published
//! plan (`crate::publish`), its own entry point (`src/bin/portal.rs`). It
//! reads the publication, the scenario and the plan from the page's data
//! blocks, shows them, and re-checks the plan in the viewer's browser; it has
//! no code path that edits a scenario or a plan.

mod recheck;
mod recheck_worker;
mod sections;
mod unit_page;

use crate::i18n::{t, Lang};
use crate::plan::Plan;
use crate::publish::Publication;
use crate::scenario::Scenario;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What the page shows, read once at start.
#[derive(Clone)]
pub(crate) struct Data {
    pub publication: Arc<Publication>,
    pub scenario: Arc<Scenario>,
    pub plan: Arc<Plan>,
    /// The plan file's text (its download, as published).
    pub plan_text: Arc<String>,
    /// The scenario file's text.
    pub scenario_text: Arc<String>,
    /// The scenario file is the one the manifest's hash names.
    pub scenario_as_published: bool,
}

/// The bytes of the page's data block `id` (see `publish::bundle::unpack`).
pub(crate) fn block_bytes(id: &str) -> Result<Vec<u8>, String> {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .ok_or_else(|| format!("the page has no {id} block"))?;
    let encoding = el.get_attribute("data-encoding").unwrap_or_default();
    let text = el.text_content().unwrap_or_default();
    crate::publish::bundle::unpack(&encoding, &text).map_err(|e| format!("{id}: {e}"))
}

fn block(id: &str) -> Result<String, String> {
    String::from_utf8(block_bytes(id)?).map_err(|_| format!("{id} is not UTF-8 text"))
}

fn read() -> Result<Data, String> {
    let publication: Publication = serde_json::from_str(&block("portal-publication")?)
        .map_err(|e| format!("the publication data is not readable: {e}"))?;
    let scenario_text = block("portal-scenario")?;
    let plan_text = block("portal-plan")?;
    let sha = &publication.manifest.scenario_sha256;
    let as_published = crate::publish::hash::sha256_hex(scenario_text.as_bytes()) == *sha;
    let (scenario, plan) = read_texts(&scenario_text, &plan_text, as_published)?;
    Ok(Data {
        publication: Arc::new(publication),
        scenario: Arc::new(scenario),
        plan: Arc::new(plan),
        plan_text: Arc::new(plan_text),
        scenario_text: Arc::new(scenario_text),
        scenario_as_published: as_published,
    })
}

/// The scenario and the plan from their files' text. The scenario publish
/// validated (`as_published`: its hash is the manifest's) is read as it is;
/// any other goes through the validator before anything is shown. The plan
/// always goes through the plan validator.
pub(crate) fn read_texts(
    scenario_text: &str,
    plan_text: &str,
    as_published: bool,
) -> Result<(Scenario, Plan), String> {
    let scenario = if as_published {
        serde_json::from_str::<Scenario>(scenario_text)
            .map_err(|e| format!("scenario.json cannot be read: {e}"))?
    } else {
        crate::validate::load(scenario_text)
            .map_err(|problems| {
                let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
                format!("scenario.json is not a valid scenario: {first}")
            })?
            .0
    };
    let plan = crate::validate::load_plan(plan_text, &scenario).map_err(|problems| {
        let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
        format!("plan.json does not fit the scenario: {first}")
    })?;
    Ok((scenario, plan))
}

/// The viewer's language first: the browser's preferred languages.
fn browser_lang() -> Lang {
    let nav = web_sys::window().map(|w| w.navigator());
    let langs = nav
        .as_ref()
        .map(|n| n.languages().to_vec())
        .unwrap_or_default();
    for l in langs {
        if let Some(tag) = l.as_string() {
            let tag = tag.to_ascii_lowercase();
            if tag.starts_with("zh") {
                return Lang::Zh;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
    }
    nav.and_then(|n| n.language()).map_or(Lang::Zh, |t| {
        if t.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    })
}

/// Where the viewer is: the overview, or one admin unit's page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Route {
    Overview,
    Unit(String),
}

fn route_of(hash: &str) -> Route {
    match hash.strip_prefix("#/unit/") {
        Some(id) => Route::Unit(
            js_sys::decode_uri_component(id)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| id.to_string()),
        ),
        None => Route::Overview,
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// `#/decisions` and the like name a section of the overview: scroll to it
/// (after the overview has rendered); anything else starts at the top.
fn scroll_to_section(hash: &str) {
    let section = hash
        .strip_prefix("#/")
        .filter(|s| !s.is_empty() && !s.starts_with("unit/"))
        .map(str::to_string);
    request_animation_frame(move || {
        let Some(w) = web_sys::window() else { return };
        match section.and_then(|id| w.document().and_then(|d| d.get_element_by_id(&id))) {
            Some(el) => el.scroll_into_view(),
            None => w.scroll_to_with_x_and_y(0.0, 0.0),
        }
    });
}

/// Moves focus to the page's content (after a page change), so a screen
/// reader starts there.
fn focus_main() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The permalink of a unit's page.
pub(crate) fn unit_href(id: &str) -> String {
    format!(
        "#/unit/{}",
        js_sys::encode_uri_component(id)
            .as_string()
            .unwrap_or_default()
    )
}

/// Starts the viewer in `#portal-root`.
pub fn start() {
    console_error_panic_hook::set_once();
    if recheck_worker::in_worker() {
        recheck_worker::serve();
        return;
    }
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("portal-root"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    match read() {
        Ok(data) => {
            root.set_inner_html("");
            root.set_class_name("");
            leptos::mount::mount_to(root, move || view! { <Portal data=data.clone()/> }).forget();
        }
        Err(e) => {
            root.set_class_name("portal-failed");
            let _ = root.set_attribute("role", "alert");
            root.set_text_content(Some(&format!(
                "公示数据无法读取 · The published data cannot be read: {e}"
            )));
        }
    }
}

#[component]
fn Portal(data: Data) -> impl IntoView {
    let (lang, set_lang) = signal(browser_lang());
    let route = RwSignal::new(route_of(&current_hash()));
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let h = current_hash();
        let next = route_of(&h);
        // Only a new page re-renders: a section link keeps the re-check's verdict.
        if route.get_untracked() != next {
            route.set(next);
            focus_main();
        }
        scroll_to_section(&h);
    });
    // A permalink to a section opens at it.
    request_animation_frame(move || scroll_to_section(&current_hash()));
    on_cleanup(move || hash.remove());
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", l.tag());
        }
    });
    let m = data.publication.manifest.clone();
    let title = m.title.clone();
    {
        let title = title.clone();
        let s = data.scenario.clone();
        Effect::new(move |_| {
            let page = match route.get() {
                Route::Overview => title.clone(),
                Route::Unit(id) => format!(
                    "{} · {}",
                    crate::publish::explain::place(&s, &id, lang.get()),
                    title
                ),
            };
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                d.set_title(&page);
            }
        });
    }
    let byline = move || {
        let l = lang.get();
        let who = if m.publisher.is_empty() {
            String::new()
        } else {
            format!("{} · ", m.publisher)
        };
        format!("{who}{} {}", t(l, "portal_published"), m.date)
    };
    let changed = !data.scenario_as_published;
    let plan_changed =
        crate::publish::hash::plan_hash(&data.plan) != data.publication.manifest.plan_sha256;
    let banner = move || {
        (changed || plan_changed).then(|| {
            view! {
                <div class="notice warn" role="alert" data-testid="portal-warning">
                    {changed.then(|| view! { <p>{move || t(lang.get(), "portal_scenario_changed")}</p> })}
                    {plan_changed.then(|| view! { <p>{move || t(lang.get(), "portal_recheck_file_changed")}</p> })}
                </div>
            }
        })
    };
    let d_overview = data.clone();
    let d_unit = data.clone();
    view! {
        <div class="portal" data-testid="portal">
            <a class="skip-link" href="#main" on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); focus_main(); }>{move || t(lang.get(), "portal_skip")}</a>
            <header class="top">
                <div class="brand">
                    <h1>{title}</h1>
                    <p class="subtitle">{byline}</p>
                </div>
                <p class="region-name">{move || t(lang.get(), "portal_read_only")}</p>
                <button class="lang-switch" data-testid="lang-switch" lang=move || lang.get().other().tag()
                    title=move || t(lang.get(), "switch_label")
                    on:click=move |_| set_lang.update(|l| *l = l.other())>
                    {move || t(lang.get(), "switch_to")}
                </button>
            </header>
            <nav class="views" aria-label=move || t(lang.get(), "portal_nav")>
                <a href="#/" aria-current=move || (route.get() == Route::Overview).then_some("page")>{move || t(lang.get(), "portal_overview")}</a>
                <a href="#/decisions">{move || t(lang.get(), "portal_decisions")}</a>
                <a href="#/map">{move || t(lang.get(), "portal_map")}</a>
                <a href="#/units">{move || t(lang.get(), "portal_units")}</a>
                <a href="#/method">{move || t(lang.get(), "portal_method")}</a>
                <a href="#/recheck">{move || t(lang.get(), "portal_recheck")}</a>
            </nav>
            <main id="main" tabindex="-1">
                {banner}
                {move || match route.get() {
                    Route::Overview => sections::Overview(sections::OverviewProps { data: d_overview.clone(), lang }).into_any(),
                    Route::Unit(id) => unit_page::UnitPage(unit_page::UnitPageProps { data: d_unit.clone(), id, lang }).into_any(),
                }}
            </main>
        </div>
    }
}
