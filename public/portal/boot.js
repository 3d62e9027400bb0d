// HealthReach transparency portal: boot script (classic script, no modules).
//
// Folder edition: reads data/publication.json, scenario.json and plan.json
// beside the page into inert <script type="application/json"> blocks, then
// starts the viewer from portal_bg.wasm. Single-file edition: the blocks are
// already in the page and the code is inlined, deflated and base64-encoded;
// it is unpacked here with the browser's DecompressionStream. Nothing is
// requested outside the page's own folder.
//
// The data blocks of the single file are deflated and base64-encoded too;
// the viewer inflates them.
//
// window.HealthReachPortal.recheckWorker() -> Worker: the viewer again, on
// a thread of its own, for the re-check (src/ui/portal/recheck_worker.rs).
// Its code is the page's own: in the folder edition a blob: script that
// imports portal.js beside the page; in the single file the text of the
// page's inline HiGHS, glue and viewer scripts. It is started with the
// viewer's wasm (the folder's URL or the single file's unpacked bytes).
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

  var viewerWasm = null; // the single file's unpacked portal_bg.wasm

  function recheckWorker() {
    var packed = byId("portal-wasm");
    var code = [];
    if (packed) {
      ["highs", "highs-glue", "portal"].forEach(function (part) {
        var el = document.querySelector('script[data-part="' + part + '"]');
        if (!el) throw new Error("the page has no " + part + " script");
        code.push(el.textContent);
      });
    } else {
      code.push("importScripts(" + JSON.stringify(new URL("portal.js", location.href).href) + ");");
    }
    // The first message starts the viewer's wasm; it then answers "ready".
    code.push("self.onmessage = function (e) { self.onmessage = null; wasm_bindgen({ module_or_path: e.data }); };");
    var url = URL.createObjectURL(new Blob([code.join("\n;\n")], { type: "text/javascript" }));
    var worker = new Worker(url);
    worker.addEventListener("message", function () { URL.revokeObjectURL(url); }, { once: true });
    worker.postMessage(packed ? viewerWasm : new URL("portal_bg.wasm", location.href).href);
    return worker;
  }

  window.HealthReachPortal = {
    recheckWorker: recheckWorker
  };

  Promise.all([
    fetchInto("portal-publication", "data/publication.json"),
    fetchInto("portal-scenario", "scenario.json"),
    fetchInto("portal-plan", "plan.json")
  ]).then(function () {
    var packed = byId("portal-wasm");
    return packed ? unpack(packed) : "portal_bg.wasm";
  }).then(function (wasm) {
    if (typeof wasm !== "string") viewerWasm = wasm;
    if (typeof wasm_bindgen !== "function") throw new Error("portal.js did not load");
    return wasm_bindgen({ module_or_path: wasm });
  }).catch(fail);
})();
