//! The root component: loads the embedded demo region, holds the language,
//! and lays out the header, summary, map and sources.

use super::access_panel::AccessPanel;
use super::map_canvas::{Layer, MapCanvas};
use super::sources_panel::SourcesPanel;
use super::summary_panel::SummaryPanel;
use crate::access::Method;
use crate::i18n::{t, Lang};
use crate::indicators::service_point_minutes;
use crate::scenario::Mode;
use crate::summary::summarise;
use crate::validate;
use crate::view::map_layers::MapLayers;
use leptos::prelude::*;
use std::collections::HashMap;

/// Per zone minutes to the nearest service point, and how they were computed.
type ModeMinutes = (Vec<Option<f64>>, Method);

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
    let scenario = match validate::load(crate::demo::WEINAN_JSON) {
        Ok((s, _warnings)) => s,
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
    let summary = summarise(&scenario);
    let layers = MapLayers::of(&scenario);
    let sources = scenario.sources.clone();
    let region_name = scenario.region.name.clone();
    let region_en = scenario
        .region
        .name_en
        .clone()
        .unwrap_or_else(|| region_name.clone());
    let mode = RwSignal::new(scenario.policy.coverage.mode);
    let minutes = RwSignal::new(scenario.policy.coverage.minutes);
    let layer = RwSignal::new(Layer::Minutes);
    let scenario = StoredValue::new(scenario);
    // Travel times per mode, computed once and kept: switching back is instant.
    let cache: StoredValue<HashMap<Mode, ModeMinutes>> = StoredValue::new(HashMap::new());
    let computed = Memo::new(move |_| {
        let m = mode.get();
        if let Some(hit) = cache.with_value(|c| c.get(&m).cloned()) {
            return hit;
        }
        let (minutes, method, warnings) = scenario.with_value(|s| service_point_minutes(s, m));
        for w in &warnings {
            web_sys::console::warn_1(&w.to_string().into());
        }
        cache.update_value(|c| {
            c.insert(m, (minutes.clone(), method));
        });
        (minutes, method)
    });
    let zone_minutes = Memo::new(move |_| computed.with(|c| c.0.clone()));
    let method_key = Memo::new(move |_| match computed.with(|c| c.1) {
        Method::RoadNetwork => "method_road_network",
        Method::StraightLine => "method_straight_line",
        Method::Table => "method_table",
    });

    view! {
        <header class="top">
            <div class="brand">
                <h1>{move || t(lang.get(), "app_title")}</h1>
                <p class="subtitle">{move || t(lang.get(), "app_subtitle")}</p>
            </div>
            <p class="region-name" data-testid="region-name">
                {move || match lang.get() { Lang::Zh => region_name.clone(), Lang::En => region_en.clone() }}
            </p>
            <button
                class="lang-switch"
                data-testid="lang-switch"
                title=move || t(lang.get(), "switch_label")
                on:click=move |_| set_lang.update(|l| *l = l.other())
            >
                {move || t(lang.get(), "switch_to")}
            </button>
        </header>
        <p class="notice">{move || t(lang.get(), "demo_notice")}</p>
        <main class="layout">
            <MapCanvas layers=layers lang=lang layer=layer zone_minutes=zone_minutes/>
            <div class="side">
                <SummaryPanel summary=summary lang=lang/>
                <AccessPanel
                    scenario=scenario
                    lang=lang
                    mode=mode
                    minutes=minutes
                    zone_minutes=zone_minutes
                    method_key=method_key
                />
                <SourcesPanel sources=sources lang=lang/>
            </div>
        </main>
    }
    .into_any()
}
