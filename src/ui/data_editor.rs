//! The data view (`data-editor`): facilities and candidate sites with tier,
//! beds, doctors, expansion caps and costs, and the speed table, each cell
//! an edit checked at its field ([`crate::edit`]); candidate sites added by
//! clicking the map or removed; undo and redo (buttons, Ctrl+Z / Ctrl+Y).
//! Every edit is saved with the region and makes the plan shown stale.

use crate::access::speeds::default_speeds;
use crate::diagnostics::Problem;
use crate::edit::{Edit, Field};
use crate::i18n::{group_digits, t, tier_name, Lang};
use crate::scenario::{Mode, RoadClass, Scenario, Tier};
use leptos::prelude::*;

/// Rows shown per table (filter to find others).
const SHOWN: usize = 60;

/// What the data view needs from the root, which keeps the edit history
/// across the dashboard's remounts.
#[derive(Clone, Copy)]
pub struct Editing {
    /// Apply an edit.
    pub on_edit: Callback<Edit>,
    /// Undo the last edit.
    pub on_undo: Callback<()>,
    /// Redo.
    pub on_redo: Callback<()>,
    /// Something to undo.
    pub can_undo: Signal<bool>,
    /// Something to redo.
    pub can_redo: Signal<bool>,
    /// The last refused edit.
    pub error: RwSignal<Option<Problem>>,
    /// A map click places a candidate site.
    pub placing: RwSignal<bool>,
    /// The table filter (kept across remounts).
    pub filter: RwSignal<String>,
    /// Make an editable copy of the (built-in) demo.
    pub on_copy: Callback<()>,
    /// Edits saved so far.
    pub count: Signal<usize>,
    /// The view is open (kept across remounts).
    pub open: RwSignal<bool>,
    /// An edit is still being written to storage.
    pub saving: Signal<bool>,
}

const CLASSES: [RoadClass; 5] = [
    RoadClass::Expressway,
    RoadClass::National,
    RoadClass::Provincial,
    RoadClass::County,
    RoadClass::Village,
];

fn class_key(c: RoadClass) -> &'static str {
    match c {
        RoadClass::Expressway => "expressway",
        RoadClass::National => "national",
        RoadClass::Provincial => "provincial",
        RoadClass::County => "county",
        RoadClass::Village => "village",
    }
}

fn num(x: f64) -> String {
    crate::export::num(x)
}

/// One editable cell: text typed, committed on change.
fn cell(
    value: String,
    path: String,
    editing: Editing,
    make: impl Fn(String) -> Edit + 'static + Send + Sync,
    field: &'static str,
) -> impl IntoView {
    let p2 = path.clone();
    let invalid = move || {
        editing
            .error
            .with(|e| e.as_ref().is_some_and(|e| e.path == p2))
    };
    view! {
        <input type="text" class="cell" data-field=field data-path=path prop:value=value
            aria-invalid=move || invalid().to_string()
            on:change=move |ev| editing.on_edit.run(make(event_target_value(&ev)))/>
    }
}

fn tier_select(
    now: Tier,
    lang: ReadSignal<Lang>,
    editing: Editing,
    make: impl Fn(String) -> Edit + 'static + Send + Sync,
) -> impl IntoView {
    view! {
        <select class="cell" data-field="tier" on:change=move |ev| editing.on_edit.run(make(event_target_value(&ev)))>
            {Tier::ALL.iter().map(|tier| {
                let tier = *tier;
                view! { <option value=tier.key() selected=tier == now>{move || tier_name(lang.get(), tier)}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn DataEditor(
    scenario: StoredValue<Scenario>,
    lang: ReadSignal<Lang>,
    editing: Editing,
    demo: bool,
) -> impl IntoView {
    let e = editing;
    let matches = move |name: &str, id: &str| {
        let f = e.filter.get().to_lowercase();
        f.is_empty() || name.to_lowercase().contains(&f) || id.to_lowercase().contains(&f)
    };
    let facilities = move || {
        let l = lang.get();
        scenario.with_value(|s| {
            let rows: Vec<_> = s
                .facilities
                .iter()
                .enumerate()
                .filter(|(_, f)| matches(&f.name, &f.id))
                .collect();
            let more = rows.len().saturating_sub(SHOWN);
            let view = rows
                .into_iter()
                .take(SHOWN)
                .map(|(i, f)| {
                    let id = f.id.clone();
                    let at = move |field: Field| {
                        let id = id.clone();
                        move |v: String| Edit::Facility { id: id.clone(), field, value: v }
                    };
                    let p = |k: &str| format!("$.facilities[{i}].{k}");
                    view! {
                        <tr data-testid="data-facility-row" data-id=f.id.clone()>
                            <td>{cell(f.name.clone(), p("name"), e, at(Field::Name), "name")}</td>
                            <td>{tier_select(f.tier, lang, e, at(Field::Tier))}</td>
                            <td>{cell(num(f.beds), p("beds"), e, at(Field::Beds), "beds")}</td>
                            <td>{cell(num(f.doctors), p("doctors"), e, at(Field::Doctors), "doctors")}</td>
                            <td>{cell(num(f.expansion.max_extra_beds), p("expansion.max_extra_beds"), e, at(Field::MaxExtraBeds), "max_extra_beds")}</td>
                            <td>{cell(num(f.expansion.max_extra_doctors), p("expansion.max_extra_doctors"), e, at(Field::MaxExtraDoctors), "max_extra_doctors")}</td>
                            <td>{cell(f.expansion.upgrade_cost_yuan.map(num).unwrap_or_default(), p("expansion.upgrade_cost_yuan"), e, at(Field::UpgradeCost), "upgrade_cost_yuan")}</td>
                        </tr>
                    }
                })
                .collect_view();
            let _ = l;
            (view, more)
        })
    };
    let sites = move || {
        scenario.with_value(|s| {
            s.candidate_sites
                .iter()
                .enumerate()
                .filter(|(_, c)| matches(&c.name, &c.id))
                .take(SHOWN)
                .map(|(i, c)| {
                    let id = c.id.clone();
                    let id2 = c.id.clone();
                    let at = move |field: Field| {
                        let id = id.clone();
                        move |v: String| Edit::Site { id: id.clone(), field, value: v }
                    };
                    let p = |k: &str| format!("$.candidate_sites[{i}].{k}");
                    view! {
                        <tr data-testid="data-site-row" data-id=c.id.clone()>
                            <td>{cell(c.name.clone(), p("name"), e, at(Field::Name), "name")}</td>
                            <td>{tier_select(c.tier, lang, e, at(Field::Tier))}</td>
                            <td>{cell(num(c.cost_yuan), p("cost_yuan"), e, at(Field::Cost), "cost_yuan")}</td>
                            <td>{cell(num(c.beds), p("beds"), e, at(Field::Beds), "beds")}</td>
                            <td>{cell(num(c.doctors), p("doctors"), e, at(Field::Doctors), "doctors")}</td>
                            <td><button class="link" data-testid="data-site-remove"
                                on:click=move |_| e.on_edit.run(Edit::RemoveSite { id: id2.clone() })>{move || t(lang.get(), "remove")}</button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let speeds = move || {
        scenario.with_value(|s| {
            s.roads.as_ref().map(|net| {
                CLASSES
                    .iter()
                    .map(|c| {
                        let c = *c;
                        let now = net
                            .class_speeds
                            .get(&c)
                            .copied()
                            .unwrap_or_else(|| default_speeds(c));
                        let field = move |mode: Mode, v: f64, key: &'static str| {
                            let path = format!("$.roads.class_speeds.{}.{key}_kmh", class_key(c));
                            cell(
                                num(v),
                                path,
                                e,
                                move |value| Edit::Speed {
                                    class: c,
                                    mode,
                                    value,
                                },
                                key,
                            )
                        };
                        view! {
                            <tr data-testid="data-speed-row" data-class=class_key(c)>
                                <td>{move || t(lang.get(), &format!("road_{}", class_key(c)))}</td>
                                <td>{field(Mode::Walk, now.walk_kmh, "walk")}</td>
                                <td>{field(Mode::Bike, now.bike_kmh, "bike")}</td>
                                <td>{field(Mode::Drive, now.drive_kmh, "drive")}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let counts = scenario.with_value(|s| (s.facilities.len(), s.candidate_sites.len()));
    view! {
        <section class="panel data-editor" data-testid="data-editor">
            <details prop:open=move || e.open.get_untracked()
                on:toggle=move |ev| {
                    let d: web_sys::HtmlDetailsElement = event_target(&ev);
                    e.open.set(d.open());
                }>
                <summary><h2>{move || t(lang.get(), "data_title")}</h2></summary>
                {demo.then(|| view! {
                    <p class="notice">{move || t(lang.get(), "data_demo")}</p>
                    <button data-testid="data-editor-copy" on:click=move |_| e.on_copy.run(())>{move || t(lang.get(), "data_copy")}</button>
                })}
                {(!demo).then(|| view! {
                    <div class="row buttons">
                        <button data-testid="data-editor-undo" disabled=move || !e.can_undo.get() on:click=move |_| e.on_undo.run(())
                            title="Ctrl+Z">{move || t(lang.get(), "undo")}</button>
                        <button data-testid="data-editor-redo" disabled=move || !e.can_redo.get() on:click=move |_| e.on_redo.run(())
                            title="Ctrl+Y">{move || t(lang.get(), "redo")}</button>
                        <button data-testid="data-editor-add-site" class:active=move || e.placing.get()
                            on:click=move |_| e.placing.update(|p| *p = !*p)>
                            {move || if e.placing.get() { t(lang.get(), "data_placing") } else { t(lang.get(), "data_add_site") }}
                        </button>
                        <input type="search" data-testid="data-editor-filter" placeholder=move || t(lang.get(), "filter")
                            prop:value=move || e.filter.get() on:input=move |ev| e.filter.set(event_target_value(&ev))/>
                        <span class="muted" data-testid="data-editor-count" data-saving=move || e.saving.get().to_string()>
                            {move || if e.saving.get() { t(lang.get(), "data_saving").to_string() } else { format!("{} {}", t(lang.get(), "data_edits"), e.count.get()) }}
                        </span>
                    </div>
                    {move || e.error.get().map(|p| view! {
                        <p class="field-error" role="alert" data-testid="data-editor-error" data-path=p.path.clone()>{p.line(lang.get())}</p>
                    })}
                    <h3>{move || format!("{} ({})", t(lang.get(), "facilities"), group_digits(counts.0 as f64))}</h3>
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead><tr>
                                <th>{move || t(lang.get(), "import_name_col")}</th>
                                <th>{move || t(lang.get(), "import_tier")}</th>
                                <th>{move || t(lang.get(), "edit_beds")}</th>
                                <th>{move || t(lang.get(), "edit_doctors")}</th>
                                <th>{move || t(lang.get(), "edit_max_extra_beds")}</th>
                                <th>{move || t(lang.get(), "edit_max_extra_doctors")}</th>
                                <th>{move || t(lang.get(), "edit_upgrade_cost")}</th>
                            </tr></thead>
                            <tbody>{move || facilities().0}</tbody>
                        </table>
                    </div>
                    {move || { let m = facilities().1; (m > 0).then(|| view! { <p class="more">{format!("+{m} {}", t(lang.get(), "data_more_rows"))}</p> }) }}
                    <h3>{move || format!("{} ({})", t(lang.get(), "candidate_sites"), counts.1)}</h3>
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead><tr>
                                <th>{move || t(lang.get(), "import_name_col")}</th>
                                <th>{move || t(lang.get(), "import_tier")}</th>
                                <th>{move || t(lang.get(), "edit_cost")}</th>
                                <th>{move || t(lang.get(), "edit_beds")}</th>
                                <th>{move || t(lang.get(), "edit_doctors")}</th>
                                <th></th>
                            </tr></thead>
                            <tbody>{sites}</tbody>
                        </table>
                    </div>
                    {move || speeds().map(|rows| view! {
                        <h3>{move || t(lang.get(), "data_speeds")}</h3>
                        <div class="table-scroll"><table class="data-table speeds">
                            <thead><tr>
                                <th>{move || t(lang.get(), "data_road_class")}</th>
                                <th>{move || t(lang.get(), "mode_walk")}</th>
                                <th>{move || t(lang.get(), "mode_bike")}</th>
                                <th>{move || t(lang.get(), "mode_drive")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table></div>
                    })}
                })}
            </details>
        </section>
    }
}
