// HealthReach ↔ HiGHS glue: solves one LP/MILP with highs-js (HiGHS compiled
// to WebAssembly) on behalf of the Rust solver worker.
//
// Classic script, no modules. In the worker:
//
//   importScripts("solver/highs.js", "solver/highs-glue.js");
//   const version = await HealthReachHighs.load(Module, "solver/");
//   const result = HealthReachHighs.solve(model, options, onProgress);
//
// highs.js (an Emscripten build) defines the global `Module`, an async factory
// taking {locateFile}. In a worker it would look for highs.wasm next to the
// worker script, not next to highs.js, hence the `baseUrl` argument. Node
// loads this file with require() (see tests/highs/glue.test.mjs).
//
// load(factory, baseUrl) -> Promise<string>
//   baseUrl: the folder of highs.wasm, or highs.wasm's bytes (ArrayBuffer or
//   typed array: no request is made).
//   Instantiates HiGHS and keeps the instance for later solves. Resolves to
//   the version of the HiGHS library inside the wasm (highs.version.string,
//   from Highs_version(); e.g. "1.15.1" in the highs 1.15.3 npm package).
//   Rejects if the wasm cannot be fetched or instantiated (the previous
//   instance, if any, stays). Calling it again replaces the instance: this is
//   how to recover after an abort.
//
// solve(model, options, onProgress) -> result   (synchronous, never throws)
//   model:   { sense: "min"|"max", offset, num_col, num_row,
//              col_cost, col_lower, col_upper          (Float64Array, num_col)
//              row_lower, row_upper                    (Float64Array, num_row)
//              a_start (Int32Array, num_col + 1), a_index (Int32Array),
//              a_value (Float64Array)                  the matrix, CSC
//              integrality (Uint8Array, num_col; 1 integer, 0 continuous) }
//            Bounds may be ±Infinity; costs and coefficients must be finite.
//   options: { time_limit: seconds or null (no limit),
//              mip_rel_gap: number (HiGHS default 1e-4 when absent),
//              start: Float64Array(num_col) or null — column values handed
//                     to HiGHS as a MIP start / initial point. NaN entries
//                     mean "no value": a start with gaps goes to HiGHS as a
//                     partial (sparse) start, which HiGHS tries to complete
//                     with a small sub-MIP. HiGHS checks the start and
//                     silently ignores it if it is infeasible,
//              duals: bool — return row duals (LP only),
//              threads: ignored; this build is single-threaded (highs-js
//                       sets threads=1, parallel=off on every instance and
//                       refuses to change them) }
//   onProgress(p) (optional, MIP only): p = { incumbent, bound, gap, nodes,
//            seconds, solution }, called whenever the incumbent improves
//            (then `solution` is its Float64Array of column values, else
//            null) and otherwise
//            at most every 250 ms (HiGHS only reaches a checkpoint now and
//            then, so quiet spells can be longer). incumbent/bound are null
//            until known. If onProgress throws, it is not called again and
//            the error is noted in result.message.
//   result:  { status, model_status, objective, bound, gap, nodes, seconds,
//              col_value, row_dual, version, message, fatal, out_of_memory }
//     status       "optimal"    proven optimal: an LP, or a MIP whose gap is
//                               at most 1e-9 (HiGHS says "Optimal" as soon as
//                               gap <= mip_rel_gap; a looser stop is
//                               reported as "feasible")
//                  "feasible"   a solution without proof of optimality (gap
//                               limit, time limit, interruption)
//                  "infeasible", "unbounded"
//                  "time_limit" stopped (time or other limit) before any
//                               feasible solution was found
//                  "error"      bad input, HiGHS error or abort; see message
//     model_status HiGHS's own status text, e.g. "Time limit reached"; null
//                  if HiGHS never ran (bad input), "Empty" for a model with
//                  no columns (decided by the glue). After "Primal infeasible
//                  or unbounded" the glue runs a zero-objective feasibility
//                  solve and status says which it is.
//     objective    incumbent objective including the offset, or null
//     bound        MIP: best proven bound (lower for min, upper for max),
//                  also for "time_limit"; null while HiGHS has none. LP: the
//                  objective if optimal, else null
//     gap          HiGHS's relative gap |objective - bound| / |objective|
//                  (0 if the bound meets the incumbent; Infinity if there is
//                  no bound yet or the incumbent is 0 and the bound is not);
//                  null without an incumbent
//     nodes        branch-and-bound nodes (0 for an LP)
//     seconds      wall-clock seconds spent in solve()
//     col_value    Float64Array(num_col) for "optimal"/"feasible", else null
//     row_dual     Float64Array(num_row) when options.duals, the model is an
//                  LP and it was solved to optimality; else null
//     version      the HiGHS version string (as from load())
//     out_of_memory true when an abort came with the module's memory near
//                  its 2 GiB cap (std::bad_alloc); the message says so
//     message      error text for "error" (the exception's message), or a
//                  note; otherwise null
//     fatal        true when the runtime is now unusable (see Aborts): the
//                  caller must load() again (or start a new worker)
//
// Dual sign convention (HiGHS's, passed through unchanged): row_dual[i] is
// the shadow price d(objective)/d(active bound of row i), in the model's own
// sense. For a min problem the dual of a row held at its lower bound
// (a ">=" row) is >= 0 — raising the bound raises the cost — and at its upper
// bound it is <= 0. For a max problem the dual of a row at its upper bound
// ("<=") is >= 0 and at its lower bound <= 0. Inactive rows have dual 0.
//
// Aborts: HiGHS is built without C++ exceptions, so any C++ throw (notably
// std::bad_alloc when wasm memory, capped at 2 GiB, runs out) becomes an
// Emscripten abort: a WebAssembly.RuntimeError "Aborted(...)". The runtime's
// state is then unreliable, so the instance is marked unusable and every later
// solve() returns an "error" result until load() is called again.
(function (root) {
  "use strict";

  // highs npm package the glue was written and tested against; used only if
  // the loaded runtime does not report its own version.
  var PACKAGE_VERSION = "1.15.3";

  // Gap at or below which a MIP reported "Optimal" counts as proven optimal.
  var OPTIMAL_GAP = 1e-9;
  var PROGRESS_INTERVAL_SECONDS = 0.25;
  // The WebAssembly build's memory cap (bytes), and how close to it an abort
  // must come to be called memory exhaustion (a bad_alloc needs one more block).
  var MEMORY_CAP_BYTES = 2147483648;
  var OUT_OF_MEMORY_SHARE = 0.75;
  // HiGHS's primal feasibility tolerance, used for the trivial no-column case.
  var FEASIBILITY_TOLERANCE = 1e-7;

  // HiGHS model status codes (HighsModelStatus; highs.constants.modelStatus
  // lists 0-17, the native library also has 18 and 19) and their text as
  // HiGHS prints it (Highs::modelStatusToString).
  var MODEL_STATUS_TEXT = [
    "Not Set", "Load error", "Model error", "Presolve error", "Solve error",
    "Postsolve error", "Empty", "Optimal", "Infeasible",
    "Primal infeasible or unbounded", "Unbounded",
    "Bound on objective reached", "Target for objective reached",
    "Time limit reached", "Iteration limit reached", "Unknown",
    "Solution limit reached", "Interrupted by user", "Memory limit reached",
    "Interrupted by HiGHS",
  ];
  var MS = {
    empty: 6, optimal: 7, infeasible: 8, unboundedOrInfeasible: 9,
    unbounded: 10, objectiveBound: 11, objectiveTarget: 12, timeLimit: 13,
    iterationLimit: 14, unknown: 15, solutionLimit: 16, interrupted: 17,
    memoryLimit: 18, highsInterrupt: 19,
  };
  var SOLUTION_FEASIBLE = 2; // primal/dual_solution_status "feasible"

  var highs = null; // the loaded runtime
  var version = null; // its version string
  var brokenBy = null; // message of the abort that made `highs` unusable

  function now() {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
  }

  function versionOf(runtime) {
    var v = runtime && runtime.version;
    if (v && typeof v.string === "string" && v.string) return v.string;
    if (v && typeof v.major === "number") return v.major + "." + v.minor + "." + v.patch;
    return PACKAGE_VERSION;
  }

  function load(factory, baseUrl) {
    if (baseUrl instanceof ArrayBuffer || ArrayBuffer.isView(baseUrl)) {
      // The wasm's bytes themselves (the portal's single-file edition). This
      // highs.js build ignores Module.wasmBinary but honours the
      // instantiateWasm hook: compile first (bad bytes reject here), then
      // hand the instance over.
      return WebAssembly.compile(baseUrl).then(function (module) {
        return new Promise(function (resolve, reject) {
          start(factory, {
            printErr: function () {},
            locateFile: function (file) { return file; },
            instantiateWasm: function (imports, done) {
              // A failed instantiation rejects the load (it would never settle).
              WebAssembly.instantiate(module, imports).then(done, reject);
              return {};
            }
          }).then(resolve, reject);
        });
      });
    }
    var options = { printErr: function () {} };
    if (baseUrl != null && baseUrl !== "") {
      var base = String(baseUrl);
      if (base.charAt(base.length - 1) !== "/") base += "/";
      options.locateFile = function (file) {
        return base + file;
      };
    }
    return start(factory, options);
  }

  function start(factory, options) {
    return new Promise(function (resolve) {
      if (typeof factory !== "function") {
        throw new TypeError("load: factory must be the highs.js Module function");
      }
      resolve(factory(options));
    }).then(function (runtime) {
      if (!runtime || typeof runtime.createModel !== "function") {
        throw new Error("load: the factory did not produce a highs-js runtime");
      }
      highs = runtime;
      version = versionOf(runtime);
      brokenBy = null;
      return version;
    });
  }

  // ---- input checking -----------------------------------------------------

  function isArrayLike(a) {
    return a != null && typeof a === "object" && typeof a.length === "number";
  }

  function isCount(n) {
    return typeof n === "number" && n >= 0 && n <= 2147483647 && Math.floor(n) === n;
  }

  // Returns an error message for the first problem found, or null.
  function checkVector(a, name, length, allowInfinite) {
    if (!isArrayLike(a)) return name + " must be an array";
    if (a.length !== length) {
      return name + " has length " + a.length + ", expected " + length;
    }
    for (var i = 0; i < length; i++) {
      var v = a[i];
      if (typeof v !== "number" || v !== v) return name + "[" + i + "] is not a number";
      if (!allowInfinite && (v === Infinity || v === -Infinity)) {
        return name + "[" + i + "] is not finite";
      }
    }
    return null;
  }

  function checkModel(model) {
    if (model == null || typeof model !== "object") return "model must be an object";
    if (model.sense !== "min" && model.sense !== "max") {
      return 'model.sense must be "min" or "max"';
    }
    if (model.offset != null && !(typeof model.offset === "number" && isFinite(model.offset))) {
      return "model.offset must be a finite number";
    }
    var nc = model.num_col, nr = model.num_row;
    if (!isCount(nc)) return "model.num_col must be a non-negative integer";
    if (!isCount(nr)) return "model.num_row must be a non-negative integer";
    var err =
      checkVector(model.col_cost, "col_cost", nc, false) ||
      checkVector(model.col_lower, "col_lower", nc, true) ||
      checkVector(model.col_upper, "col_upper", nc, true) ||
      checkVector(model.row_lower, "row_lower", nr, true) ||
      checkVector(model.row_upper, "row_upper", nr, true);
    if (err) return err;

    var start = model.a_start, index = model.a_index, value = model.a_value;
    if (!isArrayLike(start) || start.length !== nc + 1) {
      return "a_start must have length num_col + 1 = " + (nc + 1);
    }
    if (!isArrayLike(index) || !isArrayLike(value)) return "a_index and a_value must be arrays";
    var nnz = index.length;
    if (value.length !== nnz) {
      return "a_index has length " + nnz + " but a_value has length " + value.length;
    }
    if (start[0] !== 0) return "a_start[0] must be 0";
    if (start[nc] !== nnz) {
      return "a_start[num_col] is " + start[nc] + ", expected the number of entries " + nnz;
    }
    for (var j = 0; j < nc; j++) {
      var next = start[j + 1];
      if (!(Math.floor(next) === next && next >= start[j] && next <= nnz)) {
        return "a_start is not non-decreasing from column " + j + " to " + (j + 1);
      }
    }
    // lastCol[r] = last column with an entry in row r, to catch duplicates.
    var lastCol = new Int32Array(nr).fill(-1);
    for (j = 0; j < nc; j++) {
      for (var k = start[j]; k < start[j + 1]; k++) {
        var r = index[k];
        if (!(Math.floor(r) === r && r >= 0 && r < nr)) {
          return "a_index[" + k + "] = " + r + " is not a row index (num_row = " + nr + ")";
        }
        if (lastCol[r] === j) return "column " + j + " has two entries in row " + r;
        lastCol[r] = j;
        var v = value[k];
        if (typeof v !== "number" || !isFinite(v)) return "a_value[" + k + "] is not finite";
      }
    }

    var integrality = model.integrality;
    if (!isArrayLike(integrality) || integrality.length !== nc) {
      return "integrality must have length num_col = " + nc;
    }
    for (var c = 0; c < nc; c++) {
      if (integrality[c] !== 0 && integrality[c] !== 1) return "integrality[" + c + "] must be 0 or 1";
    }
    return null;
  }

  function checkOptions(options, numCol) {
    var tl = options.time_limit;
    if (tl != null && !(typeof tl === "number" && tl > 0)) {
      return "options.time_limit must be a positive number of seconds or null";
    }
    var gap = options.mip_rel_gap;
    if (gap != null && !(typeof gap === "number" && isFinite(gap) && gap >= 0)) {
      return "options.mip_rel_gap must be a non-negative number";
    }
    var start = options.start;
    if (start != null) {
      if (!isArrayLike(start)) return "options.start must be an array or null";
      if (start.length !== numCol) {
        return "options.start has length " + start.length + ", expected " + numCol;
      }
      for (var j = 0; j < numCol; j++) {
        var v = start[j];
        if (typeof v !== "number" || v === Infinity || v === -Infinity) {
          return "options.start[" + j + "] must be a finite number or NaN (no value)";
        }
      }
    }
    return null;
  }

  // The start as highs-js setSolution() wants it: dense when every column has
  // a value, sparse (indices/values) when some are NaN, null when none has.
  function startSolution(start) {
    if (start == null) return null;
    var indices = [];
    for (var j = 0; j < start.length; j++) if (start[j] === start[j]) indices.push(j);
    if (indices.length === start.length) return { colValue: start };
    if (indices.length === 0) return null;
    var values = new Float64Array(indices.length);
    for (var k = 0; k < indices.length; k++) values[k] = start[indices[k]];
    return { indices: Int32Array.from(indices), values: values };
  }

  // ---- results ------------------------------------------------------------

  function baseResult() {
    return {
      status: "error", model_status: null, objective: null, bound: null,
      gap: null, nodes: 0, seconds: 0, col_value: null, row_dual: null,
      version: version || PACKAGE_VERSION, message: null, fatal: false,
    };
  }

  function finite(x) {
    return typeof x === "number" && isFinite(x) ? x : null;
  }

  // HiGHS's relative gap (HighsMipSolverData::limitsToGap) in the model's own
  // sense. null without an incumbent, Infinity without a bound.
  function relativeGap(sense, objective, bound) {
    if (objective == null) return null;
    if (bound == null) return Infinity;
    var diff = sense === "min" ? objective - bound : bound - objective;
    if (!(diff > 0)) return 0;
    if (objective === 0) return Infinity;
    return diff / Math.abs(objective);
  }

  function isMip(model) {
    var integrality = model.integrality;
    for (var j = 0; j < model.num_col; j++) if (integrality[j] === 1) return true;
    return false;
  }

  function errorMessage(e) {
    if (e == null) return "unknown error";
    var message = e.message != null ? String(e.message) : String(e);
    var name = e.name;
    return name && name !== "Error" && message.indexOf(name) !== 0 ? name + ": " + message : message;
  }

  // Only errors raised by the highs-js wrapper itself (validation, a HiGHS
  // error status, use of a disposed model) leave the runtime healthy. A wasm
  // trap or abort (WebAssembly.RuntimeError), an Emscripten exit, a stack
  // overflow inside wasm or anything unexpected may have left it corrupt.
  function leavesRuntimeHealthy(e) {
    var HighsError = highs && highs.errors && highs.errors.HighsError;
    return typeof HighsError === "function" && e instanceof HighsError;
  }

  // A model without columns: HiGHS only says "Empty" (and offers no
  // solution), so decide here without running it. Every row activity is 0.
  function solveEmpty(model, options, result) {
    result.model_status = MODEL_STATUS_TEXT[MS.empty];
    for (var i = 0; i < model.num_row; i++) {
      if (model.row_lower[i] > FEASIBILITY_TOLERANCE || model.row_upper[i] < -FEASIBILITY_TOLERANCE) {
        result.status = "infeasible";
        return result;
      }
    }
    var objective = model.offset || 0;
    result.status = "optimal";
    result.objective = objective;
    result.bound = objective;
    result.gap = 0;
    result.col_value = new Float64Array(0);
    if (options.duals) result.row_dual = new Float64Array(model.num_row);
    return result;
  }

  function modelData(model, mip) {
    var data = {
      numCols: model.num_col,
      numRows: model.num_row,
      sense: model.sense === "max" ? highs.constants.objectiveSense.maximize
                                   : highs.constants.objectiveSense.minimize,
      offset: model.offset || 0,
      colCost: model.col_cost,
      colLower: model.col_lower,
      colUpper: model.col_upper,
      rowLower: model.row_lower,
      rowUpper: model.row_upper,
      matrix: {
        format: "csc",
        numRows: model.num_row,
        numCols: model.num_col,
        starts: model.a_start,
        indices: model.a_index,
        values: model.a_value,
      },
    };
    // Integrality is left out for a pure LP so that HiGHS treats it as an LP
    // (simplex duals, basis).
    if (mip) data.integrality = model.integrality;
    return data;
  }

  function optionsFor(options, timeLimit) {
    var o = { output_flag: false };
    if (timeLimit != null && isFinite(timeLimit)) o.time_limit = timeLimit;
    if (options.mip_rel_gap != null) o.mip_rel_gap = options.mip_rel_gap;
    return o;
  }

  // Callbacks that turn HiGHS's MIP events into onProgress calls. The 250 ms
  // throttle runs on HiGHS's own clock (event data), so the frequent interrupt
  // checkpoints cost one comparison; `seconds` is wall time since t0.
  function progressCallbacks(sense, onProgress, t0, note) {
    var types = highs.constants.callbackType;
    var last = -Infinity;
    var dead = false;
    function report(data, incumbent, solution) {
      if (dead) return;
      last = data.running_time;
      var bound = finite(data.mip_dual_bound);
      try {
        onProgress({
          incumbent: incumbent,
          bound: bound,
          gap: relativeGap(sense, incumbent, bound),
          nodes: data.mip_node_count != null ? Number(data.mip_node_count) : 0,
          seconds: (now() - t0) / 1000,
          solution: solution || null,
        });
      } catch (e) {
        dead = true;
        note.message = "onProgress threw and was not called again: " + errorMessage(e);
      }
    }
    var callbacks = {};
    callbacks[types.mipImprovingSolution] = function (event) {
      // The new best solution's values (a detached copy), so the caller
      // can keep the best plan found if the solve is stopped.
      var values = event.data.mip_solution;
      report(event.data, finite(event.data.objective_function_value),
        values instanceof Float64Array ? values : null);
    };
    callbacks[types.mipInterrupt] = function (event) {
      var data = event.data;
      if (data.running_time - last >= PROGRESS_INTERVAL_SECONDS) {
        report(data, finite(data.mip_primal_bound));
      }
    };
    return callbacks;
  }

  // Runs one HiGHS solve of `data` and returns read(model, statusCode). The
  // model (its native memory) is always disposed; if disposing fails after an
  // earlier exception, the earlier exception is the one that propagates.
  function runModel(data, highsOptions, start, callbacks, read) {
    var m = highs.createModel();
    var failed = true;
    try {
      m.options.set(highsOptions);
      m.passModel(data);
      if (start) m.setSolution(start);
      var run = callbacks ? m.run(callbacks) : m.run();
      var out = read(m, run.modelStatus);
      failed = false;
      return out;
    } finally {
      try {
        m.dispose();
      } catch (e) {
        if (!failed) throw e;
      }
    }
  }

  // HiGHS can stop with "Primal infeasible or unbounded" (typically from
  // presolve of a MIP). Settle it by solving the same constraints with a zero
  // objective: feasible means unbounded, since a feasible problem whose
  // relaxation has an improving ray is unbounded. Returns null if undecided.
  function feasibilityCheck(model, mip, timeLimit) {
    var data = modelData(model, mip);
    data.colCost = new Float64Array(model.num_col);
    data.offset = 0;
    return runModel(data, optionsFor({}, timeLimit), null, null, function (m, status) {
      if (status === MS.infeasible) return "infeasible";
      if (m.info.get("primal_solution_status") === SOLUTION_FEASIBLE) return "unbounded";
      return null;
    });
  }

  function solve(model, options, onProgress) {
    var t0 = now();
    var result = baseResult();
    try {
      if (!highs) {
        result.message = "HiGHS is not loaded: call HealthReachHighs.load() first";
        return result;
      }
      if (brokenBy) {
        result.message = "HiGHS aborted in an earlier solve (" + brokenBy +
          ") and must be reloaded with HealthReachHighs.load()";
        result.fatal = true;
        return result;
      }
      options = options || {};
      var invalid = checkModel(model) || checkOptions(options, model.num_col);
      if (invalid) {
        result.message = "invalid input: " + invalid;
        return result;
      }
      if (model.num_col === 0) return solveEmpty(model, options, result);

      var mip = isMip(model);
      var timeLimit = options.time_limit == null ? null : options.time_limit;
      var note = { message: null };
      var callbacks = mip && typeof onProgress === "function"
        ? progressCallbacks(model.sense, onProgress, t0, note)
        : null;

      var data = modelData(model, mip);
      var status = runModel(data, optionsFor(options, timeLimit), startSolution(options.start),
        callbacks, function (m, code) {
          readResult(m, code, model, options, mip, result);
          return code;
        });
      result.message = result.message || note.message;

      if (status === MS.unboundedOrInfeasible) {
        var left = timeLimit == null ? null : timeLimit - (now() - t0) / 1000;
        var settled = left == null || left > 0 ? feasibilityCheck(model, mip, left) : null;
        if (settled) {
          result.status = settled;
        } else {
          result.status = left != null && left <= 0 ? "time_limit" : "error";
          result.message = "HiGHS could not tell whether the model is infeasible or unbounded";
        }
      }
      return result;
    } catch (e) {
      result = baseResult();
      result.status = "error";
      result.message = errorMessage(e);
      if (!leavesRuntimeHealthy(e)) {
        var bytes = 0;
        try { bytes = Number(highs.memoryBytes) || 0; } catch (ignored) { bytes = 0; }
        if (bytes >= OUT_OF_MEMORY_SHARE * MEMORY_CAP_BYTES) {
          result.out_of_memory = true;
          result.message = "HiGHS ran out of memory (" + Math.round(bytes / 1048576) +
            " MiB of the browser's 2,048 MiB limit): the model is too large to solve here; " +
            "reduce the region or solve it with the command line (" + result.message + ")";
        }
        brokenBy = result.message;
        result.message += " (HiGHS must be reloaded with HealthReachHighs.load())";
        result.fatal = true;
      }
      return result;
    } finally {
      result.seconds = (now() - t0) / 1000;
    }
  }

  function readResult(m, status, model, options, mip, result) {
    result.model_status = MODEL_STATUS_TEXT[status] || "Unknown status " + status;
    var info = m.info;
    var hasSolution = info.get("primal_solution_status") === SOLUTION_FEASIBLE;
    if (mip) result.nodes = Math.max(0, Number(info.get("mip_node_count")));

    switch (status) {
      case MS.infeasible:
        result.status = "infeasible";
        return;
      case MS.unbounded:
        result.status = "unbounded";
        return;
      case MS.unboundedOrInfeasible:
        return; // settled by solve() with a feasibility check
      case MS.optimal:
      case MS.objectiveBound:
      case MS.objectiveTarget:
      case MS.timeLimit:
      case MS.iterationLimit:
      case MS.solutionLimit:
      case MS.interrupted:
      case MS.highsInterrupt:
      case MS.memoryLimit:
      case MS.unknown:
        break;
      default: // not set, load/model/presolve/solve/postsolve error, empty
        result.status = "error";
        result.message = "HiGHS: " + result.model_status;
        return;
    }

    if (!hasSolution) {
      // The bound HiGHS proved before stopping is still worth knowing.
      if (mip) result.bound = finite(info.get("mip_dual_bound"));
      // A limit without a solution is "time_limit"; not knowing is an error.
      if (status === MS.unknown || status === MS.memoryLimit) {
        result.status = "error";
        result.message = "HiGHS: " + result.model_status;
      } else {
        result.status = "time_limit";
      }
      return;
    }

    var objective = info.get("objective_function_value");
    var solution = m.getSolution(); // detached copies
    result.objective = objective;
    result.col_value = solution.colValue;
    if (mip) {
      result.bound = finite(info.get("mip_dual_bound"));
      result.gap = relativeGap(model.sense, objective, result.bound);
      result.status = status === MS.optimal && result.gap <= OPTIMAL_GAP ? "optimal" : "feasible";
    } else if (status === MS.optimal) {
      result.status = "optimal";
      result.bound = objective;
      result.gap = 0;
      if (options.duals && info.get("dual_solution_status") === SOLUTION_FEASIBLE) {
        result.row_dual = solution.rowDual;
      }
    } else {
      result.status = "feasible";
    }
  }

  var api = {
    load: load,
    solve: solve,
    packageVersion: PACKAGE_VERSION,
  };
  root.HealthReachHighs = api;
  if (typeof module === "object" && module) module.exports = api;
})(globalThis);
