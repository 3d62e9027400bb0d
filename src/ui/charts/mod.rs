//! The plan's charts (plotters on canvas): the access curve before and
//! after, beds and doctors per 1,000 per county against the targets,
//! secondments per source hospital, and the cost–coverage trade-off.

mod ratios;
mod secondments;
pub mod tradeoff;

pub use ratios::RatioChart;
pub use secondments::SecondmentChart;

use leptos::prelude::*;

/// Repaints on window resize: a signal bumped by every resize.
pub(crate) fn resize_signal() -> ReadSignal<u32> {
    let (resized, set_resized) = signal(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        set_resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());
    resized
}
