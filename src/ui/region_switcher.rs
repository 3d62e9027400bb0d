//! The region switcher: the built-in demo and every stored region; deleting
//! one (with its scenarios) asks first.

use crate::i18n::{t, Lang};
use crate::records::RegionMeta;
use leptos::prelude::*;

#[component]
pub fn RegionSwitcher(
    regions: RwSignal<Vec<RegionMeta>>,
    active: RwSignal<String>,
    demo_name: (String, String),
    lang: ReadSignal<Lang>,
    on_delete: Callback<String>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let active_name = move || {
        let id = active.get();
        regions.with(|r| r.iter().find(|m| m.id == id).map(|m| m.name.clone()))
    };
    view! {
        <div class="region-switcher">
            <label>
                <span class="visually-hidden">{move || t(lang.get(), "region_label")}</span>
                <select data-testid="region-switcher" title=move || t(lang.get(), "region_label")
                    on:change=move |ev| { asking.set(false); active.set(event_target_value(&ev)); }>
                    <option value="" selected=move || active.get().is_empty()>
                        {move || format!("{} ({})", if lang.get() == Lang::Zh { &demo_name.0 } else { &demo_name.1 }, t(lang.get(), "region_demo"))}
                    </option>
                    <For each=move || regions.get() key=|m| (m.id.clone(), m.name.clone()) let:m>
                        {
                            let id = m.id.clone();
                            view! {
                                <option value=m.id.clone() selected=move || active.get() == id>
                                    {format!("{} · {} / {}", m.name, m.units, m.zones)}
                                </option>
                            }
                        }
                    </For>
                </select>
            </label>
            <button class="link" data-testid="region-delete" disabled=move || active.get().is_empty()
                on:click=move |_| asking.set(true)>{move || t(lang.get(), "region_delete")}</button>
            <Show when=move || asking.get()>
                <div class="confirm" role="alertdialog" data-testid="region-delete-confirm">
                    <p>{move || format!("{} {}", t(lang.get(), "region_delete_confirm"), active_name().unwrap_or_default())}</p>
                    <button class="danger" data-testid="region-delete-yes" on:click=move |_| {
                        asking.set(false);
                        on_delete.run(active.get_untracked());
                    }>{move || t(lang.get(), "region_delete")}</button>
                    <button data-testid="region-delete-no" on:click=move |_| asking.set(false)>{move || t(lang.get(), "keep")}</button>
                </div>
            </Show>
        </div>
    }
}
