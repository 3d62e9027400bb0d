//! Re-check (`portal-reproduce`): solves the published scenario again in the
//! viewer's browser with the published settings (HiGHS, loaded on demand),
//! runs the independent checker on the published plan, and says whether the
//! plans' hashes match — or, if not, which decisions differ. A different plan
//! of equal cost is an equally good alternative, not a match.

use super::Data;
use crate::access::TravelTimes;
use crate::i18n::{money, t, Lang};
use crate::optimise::plan::{access_options_for, solve_plan, PlanOptions};
use crate::publish::recheck::{compare, Recheck as Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Running(&'static str),
    /// The verdict, the seconds it took, and the solver that re-solved.
    Done(Box<Verdict>, f64, String),
    Failed(String),
}

/// Lets the browser paint before the next (blocking) step.
async fn paint() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

async fn run(data: Data, state: RwSignal<State>) {
    let t0 = now();
    state.set(State::Running("portal_loading_solver"));
    paint().await;
    // The single file carries HiGHS Brotli-compressed; the folder beside the page.
    let has_block = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("portal-highs-wasm"))
        .is_some();
    let wasm = if has_block {
        match super::block_bytes("portal-highs-wasm") {
            Ok(b) => Some(b),
            Err(e) => {
                state.set(State::Failed(e));
                return;
            }
        }
    } else {
        None
    };
    if let Err(e) = crate::ui::highs::load_in_page(wasm).await {
        crate::optimise::engine::highs_unavailable(format!("HiGHS could not load: {e}"));
    }
    state.set(State::Running("portal_solving"));
    paint().await;
    let s = &data.scenario;
    let m = &data.publication.manifest;
    let opts = PlanOptions {
        time_limit: Some(m.settings.time_limit),
        mip_gap: m.settings.mip_gap,
        ..PlanOptions::default()
    };
    let solved = match solve_plan(s, &opts) {
        Ok(r) => r,
        Err(p) => {
            state.set(State::Failed(p.message));
            return;
        }
    };
    let Some(again) = solved.plan.clone() else {
        state.set(State::Failed(format!(
            "the re-solve found no plan ({})",
            solved.outcome.status.key()
        )));
        return;
    };
    let solver = format!(
        "{} {}",
        solved.outcome.backend.map_or("—", |b| b.name()),
        solved.outcome.solver_version.clone().unwrap_or_default()
    );
    state.set(State::Running("portal_checking"));
    paint().await;
    let tt = TravelTimes::compute(s, &access_options_for(s));
    let checked = crate::checker::check(s, &tt, &data.plan);
    let again_cost = solved.cost_yuan.unwrap_or(0.0);
    let verdict = compare(s, &data.plan, &m.plan_sha256, &again, &checked, again_cost);
    state.set(State::Done(
        Box::new(verdict),
        (now() - t0) / 1000.0,
        solver,
    ));
}

fn verdict_text(v: &Verdict, seconds: f64, solver: &str, l: Lang) -> String {
    let head = if v.matches {
        t(l, "portal_recheck_match")
    } else if v.equal_cost && !v.differences.is_empty() {
        t(l, "portal_recheck_alternative")
    } else {
        t(l, "portal_recheck_mismatch")
    };
    let checker = if v.verified {
        t(l, "portal_recheck_verified")
    } else {
        t(l, "portal_recheck_not_verified")
    };
    let file = if v.plan_file_matches_manifest {
        ""
    } else {
        t(l, "portal_recheck_file_changed")
    };
    match l {
        Lang::Zh => format!(
            "{head} {checker}{file} 公布方案 {}（{}…），重新求解 {}（{}…）；求解器 {solver}，用时 {seconds:.1} 秒。",
            money(l, v.published_cost_yuan),
            &v.published_hash[..12.min(v.published_hash.len())],
            money(l, v.again_cost_yuan),
            &v.again_hash[..12.min(v.again_hash.len())],
        ),
        Lang::En => format!(
            "{head} {checker}{file} Published plan {} ({}…), re-solved {} ({}…); solver {solver}, {seconds:.1} s.",
            money(l, v.published_cost_yuan),
            &v.published_hash[..12.min(v.published_hash.len())],
            money(l, v.again_cost_yuan),
            &v.again_hash[..12.min(v.again_hash.len())],
        ),
    }
}

fn difference_text(d: &crate::publish::recheck::Difference, l: Lang) -> String {
    let kind = t(l, &format!("decision_{}", d.kind.key()));
    let sp = d
        .specialty
        .map(|s| format!(" · {}", t(l, &format!("specialty_{}", s.key()))))
        .unwrap_or_default();
    let from = d
        .from_name
        .as_ref()
        .map(|f| match l {
            Lang::Zh => format!("（来自 {f}）"),
            Lang::En => format!(" (from {f})"),
        })
        .unwrap_or_default();
    let (a, b) = (crate::export::num(d.published), crate::export::num(d.again));
    match l {
        Lang::Zh => format!(
            "{}{from}：{kind}{sp}，公布方案 {a}，重新求解 {b}",
            d.facility_name
        ),
        Lang::En => format!(
            "{}{from}: {kind}{sp}, published {a}, re-solved {b}",
            d.facility_name
        ),
    }
}

/// The re-check section.
#[component]
pub(crate) fn Recheck(data: Data, lang: ReadSignal<Lang>) -> impl IntoView {
    let state = RwSignal::new(State::Idle);
    let running = move || matches!(state.get(), State::Running(_));
    let start = move |_| {
        if running() {
            return;
        }
        let d = data.clone();
        spawn_local(run(d, state));
    };
    let result = move || {
        let l = lang.get();
        match state.get() {
            State::Idle => None,
            State::Running(key) => Some(view! {
                <p class="reproduce-status">{t(l, key)}</p>
            }.into_any()),
            State::Failed(e) => Some(view! {
                <div class="reproduce-result" data-testid="portal-reproduce-result" data-match="false">
                    <p>{t(l, "portal_recheck_failed")}{" "}{e}</p>
                </div>
            }.into_any()),
            State::Done(v, secs, solver) => {
                let matches = if v.matches { "true" } else { "false" };
                let diffs = v.differences.iter().map(|d| view! { <li>{difference_text(d, l)}</li> }).collect_view();
                let violations = v.violations_in(l).iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view();
                Some(view! {
                    <div class="reproduce-result" data-testid="portal-reproduce-result" data-match=matches
                        data-equal-cost=if v.equal_cost { "true" } else { "false" }
                        data-verified=if v.verified { "true" } else { "false" }>
                        <p>{verdict_text(&v, secs, &solver, l)}</p>
                        <Show when={let n = v.differences.len(); move || n > 0}>
                            <h3>{t(l, "portal_recheck_differences")}</h3>
                        </Show>
                        <ul class="differences">{diffs}</ul>
                        <ul class="violations">{violations}</ul>
                    </div>
                }.into_any())
            }
        }
    };
    view! {
        <section class="panel no-print" id="recheck" aria-labelledby="recheck-h">
            <h2 id="recheck-h">{move || t(lang.get(), "portal_recheck")}</h2>
            <p>{move || t(lang.get(), "portal_recheck_intro")}</p>
            <button class="primary" data-testid="portal-reproduce" on:click=start disabled=running>
                {move || t(lang.get(), "portal_recheck_button")}
            </button>
            <div aria-live="polite">{result}</div>
        </section>
    }
}
