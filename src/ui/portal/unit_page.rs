//! One admin unit's page (`#/unit/<id>`): its figures before → after, every
//! rule judged there, and the decisions placed there with why.

use super::sections::DecisionRows;
use super::Data;
use crate::i18n::{group_digits, t, Lang};
use crate::publish::explain;
use crate::rules::RuleId;
use leptos::prelude::*;

/// The page of admin unit `id` (or a notice when the link names none).
#[component]
pub(crate) fn UnitPage(data: Data, id: String, lang: ReadSignal<Lang>) -> impl IntoView {
    let s = data.scenario.clone();
    let Some(ind) = data
        .publication
        .report
        .units
        .iter()
        .find(|u| u.id == id)
        .cloned()
    else {
        let id2 = id.clone();
        return view! {
            <section class="panel" data-testid="portal-unit" data-unit=id>
                <h2>{move || t(lang.get(), "portal_unit_unknown")}</h2>
                <p><code>{id2.clone()}</code></p>
                <p><a href="#/">{move || t(lang.get(), "portal_back")}</a></p>
            </section>
        }
        .into_any();
    };
    let rules: Vec<_> = data
        .publication
        .rules
        .iter()
        .filter(|r| r.unit == id)
        .cloned()
        .collect();
    let s2 = s.clone();
    let uid = id.clone();
    let name = move || explain::place(&s2, &uid, lang.get());
    let figures = {
        let ind = ind.clone();
        let s = s.clone();
        move || {
            let l = lang.get();
            let rows = [
                (RuleId::BedsPer1000, ind.beds_per_1000),
                (RuleId::DoctorsPer1000, ind.doctors_per_1000),
                (RuleId::Coverage, ind.coverage),
            ];
            rows.into_iter()
                .map(|(rule, (a, b))| view! {
                    <tr>
                        <th scope="row">{explain::rule_name(rule, l, &s)}<small class="definition">{explain::definition(rule, l, &s)}</small></th>
                        <td class="num">{explain::figure(rule, a)}</td>
                        <td class="num">{explain::figure(rule, b)}</td>
                    </tr>
                })
                .collect_view()
        }
    };
    let s3 = s.clone();
    let rule_rows = move || {
        let l = lang.get();
        rules
            .iter()
            .map(|r| {
                let state = match (r.met, r.binding) {
                    (true, true) => t(l, "portal_binding"),
                    (true, false) => t(l, "portal_met"),
                    (false, _) => t(l, "portal_not_met"),
                };
                view! {
                    <tr>
                        <th scope="row">{explain::rule_name(r.rule, l, &s3)}<small class="definition">{explain::definition(r.rule, l, &s3)}</small></th>
                        <td class="num">{explain::figure(r.rule, r.target)}</td>
                        <td class="num">{explain::figure(r.rule, r.reached)}</td>
                        <td>{state}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let population = ind.population;
    view! {
        <section class="panel" data-testid="portal-unit" data-unit=id.clone() aria-labelledby="unit-h">
            <p><a href="#/units">{move || t(lang.get(), "portal_back")}</a></p>
            <h2 id="unit-h">{name}</h2>
            <p class="meta">{move || format!("{} {}", t(lang.get(), "portal_population"), group_digits(population))}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t(lang.get(), "portal_unit_figures")><table>
                <caption>{move || t(lang.get(), "portal_unit_figures")}</caption>
                <thead><tr><th scope="col">{move || t(lang.get(), "portal_indicator")}</th><th scope="col" class="num">{move || t(lang.get(), "portal_before")}</th><th scope="col" class="num">{move || t(lang.get(), "portal_after")}</th></tr></thead>
                <tbody>{figures}</tbody>
            </table></div>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t(lang.get(), "portal_unit_rules")><table>
                <caption>{move || t(lang.get(), "portal_unit_rules")}</caption>
                <thead><tr><th scope="col">{move || t(lang.get(), "portal_indicator")}</th><th scope="col" class="num">{move || t(lang.get(), "portal_target")}</th><th scope="col" class="num">{move || t(lang.get(), "portal_reached")}</th><th scope="col">{move || t(lang.get(), "portal_state")}</th></tr></thead>
                <tbody>{rule_rows}</tbody>
            </table></div>
            <h3>{move || t(lang.get(), "portal_unit_decisions")}</h3>
            <DecisionRows data=data.clone() lang=lang unit=Some(id.clone()) full=true/>
        </section>
    }
    .into_any()
}
