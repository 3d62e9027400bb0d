//! Export and share: plan and indicators as CSV and GeoJSON, the map as PNG,
//! the printable report (the page with the print stylesheet), and a share
//! link carrying the scenario's settings.

use crate::export::{decisions_csv, decisions_geojson, indicators_csv};
use crate::i18n::{t, Lang};
use crate::report::PlanReport;
use crate::scenario::Policy;
use crate::share::{encode, Shared, SHARE_FORMAT};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Offers `text` as a file download.
pub(crate) fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        click_link(name, &url);
        // Revoked a minute later: revoking at once cancels the download.
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(60),
        );
    }
}

/// Offers `bytes` as a file download.
pub(crate) fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        click_link(name, &url);
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(60),
        );
    }
}

fn click_link(name: &str, href: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = doc
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(href);
        a.set_download(name);
        let _ = doc.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
}

/// Downloads the canvas with `data-testid = testid` as a PNG file `name`.
pub(crate) fn canvas_png(testid: &str, name: &str) {
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("[data-testid='{testid}']"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    if let Some(url) = canvas.and_then(|c| c.to_data_url().ok()) {
        click_link(name, &url);
    }
}

/// The export buttons and the share link.
#[component]
pub fn Exports(
    lang: ReadSignal<Lang>,
    report: Memo<Option<Arc<PlanReport>>>,
    policy: Signal<Policy>,
    current_name: Signal<String>,
    region: String,
    scenario: StoredValue<crate::scenario::Scenario>,
) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let no_plan = move || report.with(|r| r.is_none());
    let with_report = move |f: &dyn Fn(&PlanReport)| {
        if let Some(r) = report.get_untracked() {
            f(&r);
        }
    };
    let share = move |_| {
        let shared = Shared {
            format: SHARE_FORMAT.into(),
            region: region.clone(),
            name: current_name.get_untracked(),
            policy: policy.get_untracked(),
        };
        let Some(w) = web_sys::window() else { return };
        let loc = w.location();
        let url = format!(
            "{}{}#s={}",
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default(),
            encode(&shared)
        );
        let _ = w.navigator().clipboard().write_text(&url);
        link.set(url);
    };
    view! {
        <div class="exports">
            <h3>{move || t(lang.get(), "export_title")}</h3>
            <div class="row buttons">
                <button data-testid="export-decisions" disabled=no_plan
                    on:click=move |_| with_report(&|r| download("healthreach-decisions.csv", "text/csv;charset=utf-8", &format!("\u{feff}{}", decisions_csv(r))))>
                    {move || t(lang.get(), "export_decisions")}</button>
                <button data-testid="export-indicators" disabled=no_plan
                    on:click=move |_| with_report(&|r| download("healthreach-indicators.csv", "text/csv;charset=utf-8", &format!("\u{feff}{}", indicators_csv(r))))>
                    {move || t(lang.get(), "export_indicators")}</button>
                <button data-testid="export-geojson" disabled=no_plan
                    on:click=move |_| with_report(&|r| download("healthreach-decisions.geojson", "application/geo+json", &decisions_geojson(r)))>
                    {move || t(lang.get(), "export_geojson")}</button>
                <button data-testid="export-xlsx" disabled=no_plan
                    on:click=move |_| with_report(&|r| {
                        let l = lang.get_untracked();
                        let tables = [crate::export::tables::decisions(r, Some(l)), crate::export::tables::indicators(r, Some(l))];
                        match crate::export::xlsx(&tables, l) {
                            Ok(b) => download_bytes("healthreach-plan.xlsx", crate::export::Format::Xlsx.mime(), &b),
                            Err(e) => web_sys::console::error_1(&format!("XLSX export failed: {e}").into()),
                        }
                    })>
                    {move || t(lang.get(), "export_xlsx")}</button>
                <button data-testid="export-zones-geojson" disabled=no_plan
                    on:click=move |_| with_report(&|r| {
                        let text = scenario.with_value(|s| {
                            let mut s = s.clone();
                            s.policy = policy.get_untracked();
                            let before = crate::export::tables::zone_minutes_before(&s);
                            crate::export::zones_geojson(&s, r, &before)
                        });
                        download("healthreach-zones.geojson", "application/geo+json", &text)
                    })>
                    {move || t(lang.get(), "export_zones_geojson")}</button>
                <button data-testid="export-map-png" on:click=move |_| canvas_png("map", "healthreach-map.png")>
                    {move || t(lang.get(), "export_map")}</button>
                <button data-testid="export-chart-png" on:click=move |_| canvas_png("access-curve", "healthreach-access-curve.png")>
                    {move || t(lang.get(), "export_chart")}</button>
                <button data-testid="print-button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>
                    {move || t(lang.get(), "print")}</button>
                <button data-testid="share-button" on:click=share>{move || t(lang.get(), "share")}</button>
            </div>
            <Show when=move || !link.get().is_empty()>
                <label class="share">
                    <span>{move || t(lang.get(), "share_copied")}</span>
                    <input type="text" readonly data-testid="share-link" prop:value=move || link.get()/>
                </label>
            </Show>
        </div>
    }
}
