// HealthReach transparency portal: boot script (classic script, no modules).
//
// Folder edition: reads data/publication.json, scenario.json and plan.json
// beside the page into inert <script type="application/json"> blocks, then
// starts the viewer from portal_bg.wasm. Single-file edition: the blocks are
// already in the page and the code is inlined, deflated and base64-encoded;
// it is unpacked here with the browser's DecompressionStream. Nothing is
// requested outside the page's own folder.
//
// window.HealthReachPortal.loadHighs(wasm) -> Promise<string version>: loads
// HiGHS for a re-check (folder: solver/highs.js and the glue, added as
// scripts on first use, and solver/highs.wasm; single file: the scripts are
// inlined and the viewer passes the wasm's bytes, which it decodes from the
// page's Brotli block) and resolves once HealthReachHighs (the glue) is ready.
// The data blocks of the single file are deflated and base64-encoded too;
// the viewer inflates them.
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };

  function fail(err) {
    var root = byId("portal-root");
    if (!root) return;
    root.className = "portal-failed";
    root.setAttribute("role", "alert");
    root.textContent = "";
    var p = document.createElement("p");
    p.textContent = "公示页面无法打开 · The published plan could not be opened: " + String(err && err.message || err);
    var hint = document.createElement("p");
    hint.textContent = location.protocol === "file:"
      ? "文件夹版需通过网页服务器打开；请使用单文件版（.html）直接打开。 · The folder edition must be served by a web server; open the single-file edition (.html) directly instead."
      : "请确认文件夹完整后刷新。 · Check that the folder is complete, then reload.";
    root.appendChild(p);
    root.appendChild(hint);
  }

  function unpack(el) {
    var text = el.textContent.replace(/\s+/g, "");
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer();
  }

  function fetchInto(id, url) {
    if (byId(id)) return Promise.resolve();
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.text();
    }).then(function (text) {
      var s = document.createElement("script");
      s.type = "application/json";
      s.id = id;
      s.textContent = text;
      document.body.appendChild(s);
    });
  }

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error(src + " could not be loaded")); };
      document.body.appendChild(s);
    });
  }

  var highs = null;
  window.HealthReachPortal = {
    // wasm: HiGHS's bytes (the single file's, which the viewer has unpacked),
    // or null to fetch solver/highs.wasm beside the page.
    loadHighs: function (wasm) {
      if (highs) return highs;
      var ready = (typeof window.HealthReachHighs === "object" && typeof window.Module === "function")
        ? Promise.resolve()
        : addScript("solver/highs.js").then(function () { return addScript("solver/highs-glue.js"); });
      highs = ready.then(function () {
        return window.HealthReachHighs.load(window.Module, wasm || "solver/");
      });
      highs.catch(function () { highs = null; });
      return highs;
    }
  };

  Promise.all([
    fetchInto("portal-publication", "data/publication.json"),
    fetchInto("portal-scenario", "scenario.json"),
    fetchInto("portal-plan", "plan.json")
  ]).then(function () {
    var packed = byId("portal-wasm");
    return packed ? unpack(packed) : "portal_bg.wasm";
  }).then(function (wasm) {
    if (typeof wasm_bindgen !== "function") throw new Error("portal.js did not load");
    return wasm_bindgen({ module_or_path: wasm });
  }).catch(fail);
})();
