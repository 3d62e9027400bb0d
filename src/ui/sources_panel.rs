//! Which parts of the scenario are real and which are synthesized.

use crate::i18n::{t, Lang};
use crate::scenario::DataSource;
use leptos::prelude::*;

#[component]
pub fn SourcesPanel(sources: Vec<DataSource>, lang: ReadSignal<Lang>) -> impl IntoView {
    let items = sources
        .into_iter()
        .map(|s| {
            let real = s.real;
            let badge_class = if real { "badge real" } else { "badge synthetic" };
            view! {
                <li>
                    <span class=badge_class>
                        {move || t(lang.get(), if real { "source_real" } else { "source_synthetic" })}
                    </span>
                    <code>{s.part.clone()}</code>
                    <span>
                        {move || match (lang.get(), &s.description_zh) {
                            (Lang::Zh, Some(zh)) => zh.clone(),
                            _ => s.description.clone(),
                        }}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel sources" data-testid="data-sources">
            <h2>{move || t(lang.get(), "sources_title")}</h2>
            <ul>{items}</ul>
        </section>
    }
}
