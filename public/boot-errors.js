// Shows the error panel when the app cannot start at all (for example the
// WebAssembly file fails to load), so the page is never silently blank.
// Panics inside the app fill the same panel from Rust (src/ui/panic_panel.rs).
(function () {
  function show(detail) {
    var panel = document.getElementById('error-panel');
    document.getElementById('error-details').textContent = detail;
    panel.hidden = false;
  }
  window.addEventListener('error', function (e) {
    show(String((e.error && e.error.stack) || e.message || e));
  });
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    show(String((r && (r.stack || r.message)) || r));
  });
})();
