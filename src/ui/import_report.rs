//! The import report: totals, what was assumed, and every rejected or
//! adjusted row with file, row, field, value, reason and fix; filterable by
//! kind and text, downloadable as CSV.

use crate::i18n::{t, Lang};
use crate::import::report::{Kind, Report};
use leptos::prelude::*;
use std::sync::Arc;

/// Rows shown at once (the CSV has them all).
const SHOWN: usize = 500;

#[component]
pub fn ImportReport(report: Arc<Report>, lang: ReadSignal<Lang>) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("all"));
    let r = StoredValue::new(report.clone());
    let rejected = report.rejected.len();
    let warnings = report.warnings.len();
    let totals_en = report.total_lines(false);
    let totals_zh = report.total_lines(true);
    let assumed_en = report.assumptions(false);
    let assumed_zh = report.assumptions(true);
    let rows = move || {
        let f = filter.get().to_lowercase();
        let k = kind.get();
        let l = lang.get();
        r.with_value(|r| {
            let all: Vec<_> = r
                .entries()
                .filter(|(kk, _)| match k.as_str() {
                    "rejected" => *kk == Kind::Rejected,
                    "warning" => *kk == Kind::Warning,
                    _ => true,
                })
                .filter(|(_, e)| {
                    f.is_empty()
                        || [&e.file, &e.field, &e.value, &e.reason, &e.reason_zh, &e.fix]
                            .iter()
                            .any(|s| s.to_lowercase().contains(&f))
                        || e.row.is_some_and(|x| x.to_string() == f)
                })
                .map(|(kk, e)| (kk, e.clone()))
                .collect();
            let more = all.len().saturating_sub(SHOWN);
            let view = all
                .into_iter()
                .take(SHOWN)
                .map(|(kk, e)| {
                    let kind_key = match kk {
                        Kind::Rejected => "import_rejected",
                        Kind::Warning => "import_warning",
                    };
                    view! {
                        <tr data-testid="import-report-row" class=match kk { Kind::Rejected => "rejected", Kind::Warning => "warning" }
                            data-row=e.row.map(|x| x.to_string()).unwrap_or_default()>
                            <td>{t(l, kind_key)}</td>
                            <td>{e.file.clone()}</td>
                            <td class="num">{e.row.map(|x| x.to_string()).unwrap_or_default()}</td>
                            <td>{e.field.clone()}</td>
                            <td class="value">{e.value.clone()}</td>
                            <td>{if l == Lang::Zh { e.reason_zh.clone() } else { e.reason.clone() }}</td>
                            <td>{crate::import::fixes::fix_in(&e.fix, l == Lang::Zh)}</td>
                        </tr>
                    }
                })
                .collect_view();
            (view, more)
        })
    };
    view! {
        <section class="import-report" data-testid="import-report">
            <h3>{move || t(lang.get(), "import_report")}</h3>
            <p class="counts" data-testid="import-report-counts">
                {move || format!("{}: {rejected} · {}: {warnings}", t(lang.get(), "import_rejected"), t(lang.get(), "import_warning"))}
            </p>
            <details class="totals">
                <summary>{move || t(lang.get(), "import_totals")}</summary>
                <ul>{move || (if lang.get() == Lang::Zh { totals_zh.clone() } else { totals_en.clone() }).into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                <ul class="assumed">{move || (if lang.get() == Lang::Zh { assumed_zh.clone() } else { assumed_en.clone() }).into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            </details>
            <div class="row">
                <select data-testid="import-report-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="all">{move || t(lang.get(), "import_all")}</option>
                    <option value="rejected">{move || t(lang.get(), "import_rejected")}</option>
                    <option value="warning">{move || t(lang.get(), "import_warning")}</option>
                </select>
                <input type="search" data-testid="import-report-filter" placeholder=move || t(lang.get(), "filter")
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
                <button data-testid="import-report-download" on:click=move |_| {
                    let text = r.with_value(|r| r.to_csv(lang.get_untracked() == Lang::Zh));
                    super::exports::download("import-report.csv", "text/csv;charset=utf-8", &format!("\u{feff}{text}"));
                }>{move || t(lang.get(), "import_report_download")}</button>
            </div>
            <div class="table-scroll">
                <table class="report-table">
                    <thead><tr>
                        <th>{move || t(lang.get(), "import_kind")}</th>
                        <th>{move || t(lang.get(), "import_file")}</th>
                        <th>{move || t(lang.get(), "import_row")}</th>
                        <th>{move || t(lang.get(), "import_field")}</th>
                        <th>{move || t(lang.get(), "import_value")}</th>
                        <th>{move || t(lang.get(), "import_reason")}</th>
                        <th>{move || t(lang.get(), "import_fix")}</th>
                    </tr></thead>
                    <tbody>{move || rows().0}</tbody>
                </table>
            </div>
            {move || {
                let more = rows().1;
                (more > 0).then(|| view! { <p class="more">{format!("+{more} {}", t(lang.get(), "import_more_rows"))}</p> })
            }}
        </section>
    }
}
