//! What every plotters canvas in the app shares: sizing the bitmap to the
//! element's box, the drawing backend, repainting on window resize, and the
//! `data-drawn` counter that end-to-end tests wait on.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// A plotters drawing area in canvas pixels.
pub type Area = DrawingArea<CanvasBackend, plotters::coord::Shift>;

/// Sizes the canvas bitmap to its CSS box (at least `min_w × min_h`) and
/// returns a plotters drawing area over it, with its size.
pub fn drawing_area(
    canvas: &web_sys::HtmlCanvasElement,
    min_w: u32,
    min_h: u32,
) -> Result<(Area, u32, u32), Box<dyn std::error::Error>> {
    let w = (canvas.client_width().max(0) as u32).max(min_w);
    let h = (canvas.client_height().max(0) as u32).max(min_h);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("the browser gave no 2D canvas context")?;
    Ok((backend.into_drawing_area(), w, h))
}

/// Counts a finished drawing in the canvas's `data-drawn` attribute.
pub fn mark_drawn(canvas: &web_sys::HtmlCanvasElement) {
    let n: u32 = canvas
        .get_attribute("data-drawn")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    canvas
        .set_attribute("data-drawn", &(n + 1).to_string())
        .ok();
}

/// A counter bumped on every window resize: an effect that tracks it
/// repaints its canvas at the new size. The listener goes with the owner.
pub fn resize_signal() -> leptos::prelude::ReadSignal<u32> {
    use leptos::prelude::*;
    let (resized, set_resized) = signal(0u32);
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        set_resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());
    resized
}
