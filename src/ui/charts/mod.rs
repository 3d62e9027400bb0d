//! The plan's charts (plotters on canvas): the access curve before and
//! after, beds and doctors per 1,000 per county against the targets,
//! secondments per source hospital, and the cost–coverage trade-off.

mod ratios;
mod secondments;
pub mod tradeoff;

pub use ratios::RatioChart;
pub use secondments::SecondmentChart;

use leptos::prelude::*;

pub(crate) use super::canvas::resize_signal;

/// A small button that downloads the chart canvas `testid` as `file`.
#[component]
pub fn PngButton(testid: &'static str, file: &'static str) -> impl IntoView {
    view! {
        <button class="png" data-testid=format!("{testid}-png") title="PNG"
            on:click=move |_| super::exports::canvas_png(testid, file)>"PNG"</button>
    }
}
