//! The import report: totals, what was assumed, and every rejected or
//! adjusted row with file, row, field, value, reason and fix; filterable by
//! kind and text, downloadable as CSV.

use crate::i18n::{t, Lang};
use crate::import::manifest::RowEdit;
use crate::import::report::{Kind, Report};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The row being corrected: file, row, column, value.
type Editing = Option<(String, u64, String, String)>;

/// Rows shown at once (the CSV has them all).
const SHOWN: usize = 500;

/// `columns`: the headers of each table file whose rows can be corrected in
/// place; `on_edit` receives a correction (the wizard re-imports with it).
#[component]
pub fn ImportReport(
    report: Arc<Report>,
    lang: ReadSignal<Lang>,
    #[prop(optional)] columns: Option<Arc<BTreeMap<String, Vec<String>>>>,
    #[prop(optional)] on_edit: Option<Callback<RowEdit>>,
) -> impl IntoView {
    let columns = StoredValue::new(columns.unwrap_or_default());
    let editing = RwSignal::new(Editing::None);
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
                    let heads = columns.with_value(|c| c.get(&e.file).cloned());
                    let actions = match (on_edit, e.row, heads) {
                        (Some(cb), Some(row), Some(heads)) => {
                            let file = e.file.clone();
                            // "经度 / 纬度": the first column the entry names.
                            let first = e.field.split(" / ").next().unwrap_or("").to_string();
                            let column = if heads.contains(&first) { first } else { heads.first().cloned().unwrap_or_default() };
                            let value = if e.field.contains(" / ") { String::new() } else { e.value.clone() };
                            let f2 = file.clone();
                            Some(view! {
                                <td class="actions">
                                    <button class="link" data-testid="import-row-fix"
                                        on:click=move |_| editing.set(Some((file.clone(), row, column.clone(), value.clone())))>
                                        {t(l, "import_row_fix")}
                                    </button>
                                    <button class="link" data-testid="import-row-drop"
                                        on:click=move |_| cb.run(RowEdit { file: f2.clone(), row, drop: true, column: None, value: String::new() })>
                                        {t(l, "import_row_drop")}
                                    </button>
                                </td>
                            }.into_any())
                        }
                        _ => on_edit.map(|_| view! { <td></td> }.into_any()),
                    };
                    view! {
                        <tr data-testid="import-report-row" class=match kk { Kind::Rejected => "rejected", Kind::Warning => "warning" }
                            data-row=e.row.map(|x| x.to_string()).unwrap_or_default()>
                            <td class="kind">{t(l, kind_key)}</td>
                            <td class="file">{e.file.clone()}</td>
                            <td class="num" data-label=t(l, "import_row")>{e.row.map(|x| x.to_string()).unwrap_or_default()}</td>
                            <td class="field" data-label=t(l, "import_field")>{e.field.clone()}</td>
                            <td class="value" data-label=t(l, "import_value")>{e.value.clone()}</td>
                            <td class="reason">{if l == Lang::Zh { e.reason_zh.clone() } else { e.reason.clone() }}</td>
                            <td class="fix" data-label=t(l, "import_fix")>{crate::import::fixes::fix_in(&e.fix, l == Lang::Zh)}</td>
                            {actions}
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
            {move || editing.get().map(|(file, row, column, value)| {
                let heads = columns.with_value(|c| c.get(&file).cloned()).unwrap_or_default();
                let shown = file.clone();
                let col = RwSignal::new(column);
                let val = RwSignal::new(value);
                let apply = move || {
                    if let Some(cb) = on_edit {
                        cb.run(RowEdit { file: file.clone(), row, drop: false, column: Some(col.get_untracked()), value: val.get_untracked().trim().to_string() });
                    }
                    editing.set(None);
                };
                let apply2 = apply.clone();
                view! {
                    <form class="row-fix" data-testid="import-row-editor" on:submit=move |ev| { ev.prevent_default(); apply(); }>
                        <span class="where">{move || format!("{shown} · {} {row}", t(lang.get(), "import_row"))}</span>
                        <select data-testid="import-row-fix-column" on:change=move |ev| col.set(event_target_value(&ev))>
                            {heads.iter().map(|h| {
                                let (h1, h2, h3) = (h.clone(), h.clone(), h.clone());
                                view! { <option value=h1 selected=move || col.get() == h2>{h3}</option> }
                            }).collect_view()}
                        </select>
                        <input type="text" data-testid="import-row-fix-value" prop:value=move || val.get()
                            on:input=move |ev| val.set(event_target_value(&ev))/>
                        <button type="button" class="primary" data-testid="import-row-apply" on:click=move |_| apply2()>
                            {move || t(lang.get(), "import_row_apply")}
                        </button>
                        <button type="button" on:click=move |_| editing.set(None)>{move || t(lang.get(), "cancel")}</button>
                    </form>
                }
            })}
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
                        {on_edit.map(|_| view! { <th></th> })}
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
