//! The scenario panel: every target, rule, budget and the objective as a
//! labelled input (fields from [`crate::view::policy_form`]). A value is
//! written to the policy only when accepted; otherwise the field says why.

use crate::i18n::{t, Lang};
use crate::scenario::Policy;
use crate::view::policy_form::{policy_warnings, Field, FieldError, FieldKind, FIELDS};
use leptos::prelude::*;

fn group_of(key: &str) -> &'static str {
    match key {
        k if k.starts_with("coverage") => "group_access",
        "beds_per_1000" | "doctors_per_1000" | "elderly_care_beds_per_1000" => "group_ratios",
        k if k.starts_with("emergency")
            || k.starts_with("telemedicine")
            || k == "in_county_share" =>
        {
            "group_community"
        }
        k if k.starts_with("haemo") || k.starts_with("mental") || k.starts_with("paed") => {
            "group_services"
        }
        "money_budget" | "doctor_pool" => "group_budget",
        "objective" => "group_objective",
        _ => "group_secondment",
    }
}

pub(super) fn explain(lang: Lang, e: &FieldError) -> String {
    match e {
        FieldError::Empty => t(lang, "err_empty").into(),
        FieldError::NotANumber => t(lang, "err_nan").into(),
        FieldError::Below(v) => format!("{} {v}", t(lang, "err_below")),
        FieldError::Above(v) => format!("{} {v}", t(lang, "err_above")),
        FieldError::NotWhole => t(lang, "err_whole").into(),
        FieldError::Unknown => t(lang, "err_unknown").into(),
        FieldError::Ambiguous => t(lang, "err_ambiguous").into(),
        FieldError::Invalid(p) => p.text(lang).to_string(),
    }
}

#[component]
fn FieldInput(
    f: &'static Field,
    policy: RwSignal<Policy>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let error: RwSignal<Option<FieldError>> = RwSignal::new(None);
    let value = move || policy.with(|p| (f.get)(p));
    let apply = move |text: String| {
        let mut p = policy.get_untracked();
        match f.set(&mut p, &text) {
            Ok(()) => {
                error.set(None);
                if p != policy.get_untracked() {
                    policy.set(p);
                }
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let testid = format!("field-{}", f.key);
    let label = move || t(lang.get(), &format!("field_{}", f.key));
    let unit = move || {
        if f.unit.is_empty() {
            String::new()
        } else {
            t(lang.get(), &format!("unit_{}", f.unit)).to_string()
        }
    };
    let input = match f.kind {
        FieldKind::Toggle => view! {
            <input type="checkbox" data-testid=testid
                prop:checked=move || value() == "true"
                on:change=move |ev| apply(if event_target_checked(&ev) { "true".into() } else { "false".into() })/>
        }
        .into_any(),
        FieldKind::Choice(keys) => view! {
            <select data-testid=testid on:change=move |ev| apply(event_target_value(&ev))>
                {keys.iter().map(|k| {
                    let k: &'static str = k;
                    view! {
                        <option value=k selected=move || value() == k>
                            {move || t(lang.get(), &format!("objective_{k}"))}
                        </option>
                    }
                }).collect_view()}
            </select>
        }
        .into_any(),
        FieldKind::Number { min, max, .. } => view! {
            <input type="text" inputmode="decimal" data-testid=testid
                prop:value=value
                placeholder=move || t(lang.get(), "not_set")
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                title=format!("{min} – {max}")
                on:change=move |ev| apply(event_target_value(&ev))/>
        }
        .into_any(),
    };
    let is_toggle = matches!(f.kind, FieldKind::Toggle);
    // An optional target left empty is not applied: say so beside it.
    let optional = matches!(f.kind, FieldKind::Number { optional: true, .. });
    let unset = move || optional && value().is_empty() && error.with(|e| e.is_none());
    view! {
        <label class=if is_toggle { "field toggle" } else { "field" }>
            <span class="field-label">{label}</span>
            <span class="field-input">{input}<span class="unit">{unit}</span>
                <Show when=unset>
                    <span class="unset" data-testid=format!("field-unset-{}", f.key)>{move || t(lang.get(), "not_set")}</span>
                </Show>
            </span>
            <Show when=move || error.with(|e| e.is_some())>
                <span class="field-error" role="alert" data-testid=format!("field-error-{}", f.key)>
                    {move || error.with(|e| e.as_ref().map(|e| explain(lang.get(), e)).unwrap_or_default())}
                </span>
            </Show>
        </label>
    }
}

/// The targets-and-budgets panel.
#[component]
pub fn PolicyPanel(
    policy: RwSignal<Policy>,
    lang: ReadSignal<Lang>,
    /// The stored settings are loaded: until then the fields are disabled,
    /// so no edit is made that the stored settings would then replace.
    ready: Signal<bool>,
) -> impl IntoView {
    let mut groups: Vec<(&'static str, Vec<&'static Field>)> = Vec::new();
    for f in FIELDS.iter().copied() {
        let g = group_of(f.key);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(f),
            None => groups.push((g, vec![f])),
        }
    }
    let warnings = move || {
        policy
            .with(policy_warnings)
            .into_iter()
            .map(|k| view! { <p class="warn">{move || t(lang.get(), k)}</p> })
            .collect_view()
    };
    view! {
        <section class="panel policy-panel" data-testid="policy-panel" aria-busy=move || (!ready.get()).to_string()>
            <h2>{move || t(lang.get(), "policy_title")}</h2>
            <Show when=move || !ready.get()>
                <p class="hint" data-testid="policy-loading">{move || t(lang.get(), "policy_loading")}</p>
            </Show>
            {groups.into_iter().map(|(g, fields)| view! {
                <fieldset disabled=move || !ready.get()>
                    <legend>{move || t(lang.get(), g)}</legend>
                    {fields.into_iter().map(|f| view! { <FieldInput f=f policy=policy lang=lang/> }).collect_view()}
                </fieldset>
            }).collect_view()}
            {warnings}
        </section>
    }
}
