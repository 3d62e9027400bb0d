//! The wizard's mapping step for one file: the rows as read (after encoding
//! detection, from the header row found), which column plays each part
//! (pre-filled with what was detected), the coordinate system, and for a
//! facility list the category → tier table. Every choice is a manifest edit.

use crate::i18n::{t, tier_name, Lang};
use crate::import::manifest::Manifest;
use crate::import::wizard::{
    column_roles, column_state, crs_of, crs_problem, has_crs, may_be_absent, required_columns,
    set_column, set_crs, ColumnState, FileInfo, FileRole, NOT_IN_FILE,
};
use crate::scenario::Tier;
use leptos::prelude::*;
use std::sync::Arc;

/// Coordinate systems offered by name (any EPSG code or proj string can be typed).
const CRS_CHOICES: &[(&str, &str)] = &[
    ("", "crs_auto"),
    ("wgs84", "crs_wgs84"),
    ("cgcs2000", "crs_cgcs2000"),
    ("gcj02", "crs_gcj02"),
    ("bd09", "crs_bd09"),
];

#[component]
pub fn FileMapping(
    info: Arc<FileInfo>,
    role: Signal<FileRole>,
    manifest: RwSignal<Manifest>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let preview = info.preview.clone().unwrap_or_default();
    let columns = Arc::new(preview.columns.clone());
    let crs_text = RwSignal::new(String::new());
    let crs_error = RwSignal::new(None::<String>);
    let meta = {
        let p = preview.clone();
        move || {
            let l = lang.get();
            let mut parts = vec![format!("{}: {}", t(l, "import_rows"), p.count)];
            if let Some(e) = &p.encoding {
                parts.push(format!("{}: {e}", t(l, "import_encoding")));
            }
            if let Some(h) = p.header_row {
                parts.push(format!("{}: {h}", t(l, "import_header_row")));
            }
            if let Some(g) = &p.geometry {
                parts.push(format!("{}: {g}", t(l, "import_geometry")));
            }
            if let Some(c) = &p.crs {
                parts.push(format!("{}: {c}", t(l, "import_declared_crs")));
            }
            if let Some(total) = p.raster_total {
                parts.push(format!(
                    "{}: {}",
                    t(l, "population"),
                    crate::i18n::group_digits(total.round())
                ));
            }
            parts.join(" · ")
        }
    };
    let column_selects = {
        let columns = columns.clone();
        let preview = Arc::new(preview.clone());
        move || {
            let r = role.get();
            let required = required_columns(r);
            column_roles(r)
                .iter()
                .map(|key| {
                    let key: &'static str = key;
                    let columns = columns.clone();
                    let p = preview.clone();
                    let is_required = required.contains(&key);
                    let state = Memo::new(move |_| manifest.with(|m| column_state(m, r, key, &p)));
                    let missing = move || is_required && state.get() == ColumnState::Missing;
                    let value = move || match state.get() {
                        ColumnState::Named(c) => c,
                        ColumnState::NotInFile => NOT_IN_FILE.to_string(),
                        ColumnState::Detected(_) | ColumnState::Missing => String::new(),
                    };
                    view! {
                        <label class="field" class:missing=missing>
                            <span>
                                {move || t(lang.get(), &format!("column_{key}"))}
                                {is_required.then(|| view! { <abbr class="required" title=move || t(lang.get(), "import_required")>"*"</abbr> })}
                            </span>
                            <select data-testid=format!("import-column-{key}") data-role=key
                                aria-invalid=move || missing().to_string()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    manifest.update(|m| set_column(m, r, key, Some(v)));
                                }>
                                <option value="" selected=move || value().is_empty()>
                                    {move || match state.get() {
                                        ColumnState::Detected(a) => format!("{} ({a})", t(lang.get(), "import_detected")),
                                        _ if is_required => t(lang.get(), "import_choose_column").to_string(),
                                        _ => t(lang.get(), "import_none_found").to_string(),
                                    }}
                                </option>
                                {may_be_absent(r, key).then(|| view! {
                                    <option value=NOT_IN_FILE selected=move || value() == NOT_IN_FILE>{move || t(lang.get(), "import_not_in_file")}</option>
                                })}
                                {columns.iter().map(|c| {
                                    let (c1, c2, c3) = (c.clone(), c.clone(), c.clone());
                                    view! { <option value=c1 selected=move || value() == c2>{c3}</option> }
                                }).collect_view()}
                            </select>
                            {move || missing().then(|| view! {
                                <small class="field-error" data-testid="import-column-missing" data-role=key>
                                    {move || t(lang.get(), "import_column_missing")}
                                </small>
                            })}
                        </label>
                    }
                })
                .collect_view()
        }
    };
    let crs_select = move || {
        let r = role.get();
        has_crs(r).then(|| {
            let now = move || manifest.with(|m| crs_of(m, r)).unwrap_or_default();
            view! {
                <label class="field">
                    <span>{move || t(lang.get(), "import_crs")}</span>
                    <select data-testid="import-crs"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            crs_error.set(None);
                            manifest.update(|m| set_crs(m, r, Some(v)));
                        }>
                        {CRS_CHOICES.iter().map(|(v, k)| {
                            let v: &'static str = v;
                            view! { <option value=v selected=move || now().eq_ignore_ascii_case(v)>{move || t(lang.get(), k)}</option> }
                        }).collect_view()}
                        {move || {
                            let n = now();
                            (!n.is_empty() && !CRS_CHOICES.iter().any(|(v, _)| v.eq_ignore_ascii_case(&n)))
                                .then(|| view! { <option value=n.clone() selected=true>{n.clone()}</option> })
                        }}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t(lang.get(), "import_crs_code")}</span>
                    <input type="text" placeholder="EPSG:4546" data-testid="import-crs-code"
                        prop:value=move || crs_text.get()
                        on:input=move |ev| crs_text.set(event_target_value(&ev))
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            match crs_problem(&v) {
                                Some(e) => crs_error.set(Some(e)),
                                None => {
                                    crs_error.set(None);
                                    manifest.update(|m| set_crs(m, r, Some(v)));
                                }
                            }
                        }/>
                </label>
                {move || crs_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            }
        })
    };
    let categories = preview.categories.clone();
    let tier_table = move || {
        (role.get() == FileRole::Facilities && !categories.is_empty()).then(|| {
            let rows = categories.clone();
            view! {
                <details class="tiers" data-testid="import-tiers" open>
                    <summary>{move || t(lang.get(), "import_tiers")}</summary>
                    <table>
                        <thead><tr><th>{move || t(lang.get(), "import_category")}</th><th>{move || t(lang.get(), "import_tier")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(cat, guess)| {
                                let c1 = cat.clone();
                                let c2 = cat.clone();
                                let chosen = Signal::derive(move || manifest.with(|m| m.tiers.get(&c1).copied()).or(guess));
                                view! {
                                    <tr data-testid="import-tier-row">
                                        <td>{cat.clone()}</td>
                                        <td>
                                            <select class:unmatched=move || chosen.get().is_none()
                                                on:change=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    let tier = Tier::ALL.iter().find(|t| t.key() == v).copied();
                                                    manifest.update(|m| match tier {
                                                        Some(t) => { m.tiers.insert(c2.clone(), t); }
                                                        None => { m.tiers.remove(&c2); }
                                                    });
                                                }>
                                                <option value="" selected=move || chosen.get().is_none()>{move || t(lang.get(), "import_tier_none")}</option>
                                                {Tier::ALL.iter().map(|tier| {
                                                    let tier = *tier;
                                                    view! { <option value=tier.key() selected=move || chosen.get() == Some(tier)>{move || tier_name(lang.get(), tier)}</option> }
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </details>
            }
        })
    };
    let head = columns.clone();
    let rows = preview.rows.clone();
    view! {
        <article class="file-mapping" data-testid="import-file-mapping" data-file=info.name.clone()>
            <h3>{info.name.clone()} " · " {move || t(lang.get(), &format!("role_{}", role.get().key()))}</h3>
            <p class="meta">{meta}</p>
            <div class="choices">{column_selects}{crs_select}</div>
            {tier_table}
            <div class="preview-scroll">
                <table class="preview" data-testid="import-preview">
                    <thead><tr>{head.iter().map(|c| view! { <th>{c.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </article>
    }
}
