// Tests of public/solver/highs-glue.js against the real highs-js build
// (scripts/node_modules/highs, installed by `cd scripts && npm install`).
// Run from the repository root:  node --test tests/highs/
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const highsPackage = path.join(root, "scripts/node_modules/highs");
const factory = require(highsPackage); // the same `Module` factory importScripts defines
const wasmDir = path.join(highsPackage, "build/");
const glue = require(path.join(root, "public/solver/highs-glue.js"));

// ---- model building -------------------------------------------------------

// Builds a glue model from dense rows: rows = [[coefficients], lower, upper].
function model({ sense = "min", offset = 0, cost, lower, upper, rows = [], integer = [] }) {
  const n = cost.length;
  const m = rows.length;
  const aStart = [0];
  const aIndex = [];
  const aValue = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const v = rows[i][0][j];
      if (v) {
        aIndex.push(i);
        aValue.push(v);
      }
    }
    aStart.push(aIndex.length);
  }
  const integrality = new Uint8Array(n);
  for (const j of integer) integrality[j] = 1;
  return {
    sense,
    offset,
    num_col: n,
    num_row: m,
    col_cost: Float64Array.from(cost),
    col_lower: Float64Array.from(lower ?? cost.map(() => 0)),
    col_upper: Float64Array.from(upper ?? cost.map(() => Infinity)),
    row_lower: Float64Array.from(rows.map((r) => r[1])),
    row_upper: Float64Array.from(rows.map((r) => r[2])),
    a_start: Int32Array.from(aStart),
    a_index: Int32Array.from(aIndex),
    a_value: Float64Array.from(aValue),
    integrality,
  };
}

// Chairs (30 profit) and tables (50): carpentry x + 2y <= 40, finishing 2x + y <= 50.
function chairsAndTables({ integer = true, offset = 0 } = {}) {
  return model({
    sense: "max",
    offset,
    cost: [30, 50],
    rows: [
      [[1, 2], -Infinity, 40],
      [[2, 1], -Infinity, 50],
    ],
    integer: integer ? [0, 1] : [],
  });
}

// A seeded 60-item, 5-constraint 0/1 knapsack: about 1-2 s for HiGHS to prove
// optimal (2316), with many improving incumbents on the way.
function knapsack() {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 60;
  const m = 5;
  const cost = [];
  const weights = Array.from({ length: m }, () => []);
  for (let j = 0; j < n; j++) {
    cost.push(10 + Math.floor(rnd() * 90));
    for (let i = 0; i < m; i++) weights[i].push(5 + Math.floor(rnd() * 95));
  }
  return model({
    sense: "max",
    cost,
    upper: cost.map(() => 1),
    rows: weights.map((w) => [w, -Infinity, 0.5 * n * 50]),
    integer: cost.map((_, j) => j),
  });
}

// Items in order while they fit: a feasible but poor knapsack solution.
function greedy(k) {
  const x = new Float64Array(k.num_col);
  const used = new Float64Array(k.num_row);
  for (let j = 0; j < k.num_col; j++) {
    let fits = true;
    for (let p = k.a_start[j]; p < k.a_start[j + 1]; p++) {
      if (used[k.a_index[p]] + k.a_value[p] > k.row_upper[k.a_index[p]]) fits = false;
    }
    if (!fits) continue;
    x[j] = 1;
    for (let p = k.a_start[j]; p < k.a_start[j + 1]; p++) used[k.a_index[p]] += k.a_value[p];
  }
  return x;
}

function objectiveOf(k, x) {
  return k.offset + k.col_cost.reduce((s, c, j) => s + c * x[j], 0);
}

function assertFeasible(k, x) {
  const activity = new Float64Array(k.num_row);
  for (let j = 0; j < k.num_col; j++) {
    assert.ok(x[j] >= k.col_lower[j] - 1e-6 && x[j] <= k.col_upper[j] + 1e-6, `column ${j} in bounds`);
    if (k.integrality[j]) assert.ok(Math.abs(x[j] - Math.round(x[j])) < 1e-6, `column ${j} integral`);
    for (let p = k.a_start[j]; p < k.a_start[j + 1]; p++) activity[k.a_index[p]] += k.a_value[p] * x[j];
  }
  for (let i = 0; i < k.num_row; i++) {
    assert.ok(activity[i] >= k.row_lower[i] - 1e-6 && activity[i] <= k.row_upper[i] + 1e-6, `row ${i} satisfied`);
  }
}

// The gap the glue promises: HiGHS's |objective - bound| / |objective|.
function expectedGap(sense, objective, bound) {
  if (bound === null) return Infinity;
  const diff = sense === "min" ? objective - bound : bound - objective;
  return diff > 0 ? diff / Math.abs(objective) : 0;
}

const close = (a, b, tol = 1e-7) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);
const OPTIONS = { time_limit: null, mip_rel_gap: 0, start: null, duals: false, threads: 1 };
const opts = (o = {}) => ({ ...OPTIONS, ...o });

// ---- tests (run in order: the glue keeps one loaded instance) --------------

test("solve before load is an error result", () => {
  const r = glue.solve(chairsAndTables(), opts(), null);
  assert.equal(r.status, "error");
  assert.match(r.message, /not loaded/);
});

let version;
test("load resolves to the HiGHS version", async () => {
  version = await glue.load(factory, wasmDir);
  assert.match(version, /^\d+\.\d+\.\d+$/);
  // The string comes from the library inside the wasm (Highs_version()).
  const direct = await factory();
  assert.equal(version, direct.version.string);
});

test("load rejects when highs.wasm is not at baseUrl", async () => {
  await assert.rejects(glue.load(factory, path.join(root, "no-such-dir")));
  // A failed load keeps the earlier instance.
  assert.equal(glue.solve(chairsAndTables(), opts(), null).status, "optimal");
});

test("load from the wasm's bytes makes no request for highs.wasm (the portal's single file)", async () => {
  const fs = await import("node:fs");
  const bytes = new Uint8Array(fs.readFileSync(path.join(wasmDir, "highs.wasm")));
  // A locateFile that would fail proves the bytes are used, not a file.
  const v = await glue.load((o) => factory({ ...o, locateFile: () => "/no/such/highs.wasm" }), bytes);
  assert.equal(v, version);
  assert.equal(glue.solve(chairsAndTables(), opts(), null).objective, 1100);
  // Not wasm at all: the load rejects and the earlier instance stays.
  await assert.rejects(glue.load(factory, new Uint8Array([1, 2, 3])));
  assert.equal(glue.solve(chairsAndTables(), opts(), null).status, "optimal");
});

test("MIP: chairs and tables, optimum 1100 with integers", () => {
  const r = glue.solve(chairsAndTables(), opts(), null);
  assert.equal(r.status, "optimal");
  assert.equal(r.model_status, "Optimal");
  close(r.objective, 1100);
  close(r.bound, 1100);
  assert.equal(r.gap, 0);
  assert.ok(r.col_value instanceof Float64Array);
  assert.deepEqual(Array.from(r.col_value, Math.round), [20, 10]);
  assert.equal(r.row_dual, null);
  assert.equal(r.version, version);
  assert.equal(r.message, null);
  assert.equal(r.fatal, false);
  assert.ok(r.seconds >= 0 && r.nodes >= 0);
});

test("the objective offset is in objective and bound", () => {
  const r = glue.solve(chairsAndTables({ offset: 7 }), opts(), null);
  assert.equal(r.status, "optimal");
  close(r.objective, 1107);
  close(r.bound, 1107);
});

test("LP row duals: shadow prices d(objective)/d(row bound) in the model's sense", () => {
  // max 30x + 50y, x + 2y <= 40, 2x + y <= 50: optimum (20, 10), 1100. Both
  // rows bind; u1 + 2 u2 = 30 and 2 u1 + u2 = 50 give u = (70/3, 10/3):
  // one more hour of carpentry earns 23.33 more.
  const lp = glue.solve(chairsAndTables({ integer: false }), opts({ duals: true }), null);
  assert.equal(lp.status, "optimal");
  close(lp.objective, 1100);
  close(lp.bound, 1100);
  assert.equal(lp.gap, 0);
  assert.ok(lp.row_dual instanceof Float64Array);
  close(lp.row_dual[0], 70 / 3);
  close(lp.row_dual[1], 10 / 3);

  // min 2x + 3y, x + y >= 10 (demand), x <= 4: x = 4, y = 6, cost 26. The
  // demand row sits at its lower bound; one more unit comes from y at 3, so
  // its dual is +3 (a ">=" row in a min problem has a non-negative dual).
  const cover = model({ cost: [2, 3], upper: [4, Infinity], rows: [[[1, 1], 10, Infinity]] });
  const r = glue.solve(cover, opts({ duals: true }), null);
  assert.equal(r.status, "optimal");
  close(r.objective, 26);
  close(r.row_dual[0], 3);
  cover.row_lower[0] = 11; // check against the finite difference
  close(glue.solve(cover, opts(), null).objective, 26 + r.row_dual[0]);

  // min -x, x <= 5: the row is at its upper bound, dual -1.
  const cap = model({ cost: [-1], rows: [[[1], -Infinity, 5]] });
  close(glue.solve(cap, opts({ duals: true }), null).row_dual[0], -1);

  // Duals only on request, and never for a MIP.
  assert.equal(glue.solve(cover, opts({ duals: false }), null).row_dual, null);
  assert.equal(glue.solve(chairsAndTables(), opts({ duals: true }), null).row_dual, null);
});

test("infeasible LP and MIP", () => {
  const lp = model({ cost: [1], upper: [1], rows: [[[1], 2, Infinity]] });
  const r = glue.solve(lp, opts(), null);
  assert.equal(r.status, "infeasible");
  assert.equal(r.model_status, "Infeasible");
  assert.equal(r.objective, null);
  assert.equal(r.col_value, null);

  // x + y in [0.5, 0.7] with x, y integers in [0, 1].
  const mip = model({ cost: [1, 1], upper: [1, 1], rows: [[[1, 1], 0.5, 0.7]], integer: [0, 1] });
  assert.equal(glue.solve(mip, opts(), null).status, "infeasible");
});

test("unbounded LP and MIP", () => {
  // min -x - y with x - y >= 1: x can grow without limit.
  const lp = model({ cost: [-1, -1], rows: [[[1, -1], 1, Infinity]] });
  const r = glue.solve(lp, opts({ duals: true }), null);
  assert.equal(r.status, "unbounded");
  assert.equal(r.model_status, "Unbounded");
  assert.equal(r.objective, null);
  assert.equal(r.col_value, null);
  assert.equal(r.row_dual, null);

  // As a MIP HiGHS's presolve only says "Primal infeasible or unbounded"; the
  // glue settles it with a feasibility solve.
  const mip = model({ cost: [-1, -1], rows: [[[1, -1], 1, Infinity]], integer: [0] });
  const m = glue.solve(mip, opts(), null);
  assert.equal(m.status, "unbounded");
  assert.equal(m.model_status, "Primal infeasible or unbounded");
});

test("a model without columns is decided without HiGHS", () => {
  const empty = model({ offset: 4, cost: [], rows: [[[], -1, 1]] });
  const r = glue.solve(empty, opts({ duals: true }), null);
  assert.equal(r.status, "optimal");
  assert.equal(r.objective, 4);
  assert.equal(r.col_value.length, 0);
  assert.deepEqual(Array.from(r.row_dual), [0]);
  const bad = model({ cost: [], rows: [[[], 1, 2]] });
  assert.equal(glue.solve(bad, opts(), null).status, "infeasible");
});

test("a 0.01 s time limit ends feasible or time_limit, with the true gap", () => {
  const k = knapsack();
  const r = glue.solve(k, opts({ time_limit: 0.01 }), null);
  assert.equal(r.model_status, "Time limit reached");
  assert.ok(r.status === "feasible" || r.status === "time_limit", r.status);
  assert.ok(r.seconds < 2, `stopped after ${r.seconds} s`);
  if (r.status === "feasible") {
    assertFeasible(k, r.col_value);
    close(r.objective, objectiveOf(k, r.col_value));
    assert.equal(r.gap, expectedGap("max", r.objective, r.bound));
    assert.ok(r.gap > 0);
  } else {
    assert.equal(r.objective, null);
    assert.equal(r.gap, null);
    assert.equal(r.col_value, null);
    assert.ok(r.bound === null || r.bound >= 2316 - 1e-6); // what HiGHS had proved
  }
});

test("stopping at mip_rel_gap is Optimal to HiGHS but feasible here", () => {
  const k = knapsack();
  const r = glue.solve(k, opts({ mip_rel_gap: 0.01 }), null);
  assert.equal(r.model_status, "Optimal");
  assert.equal(r.status, "feasible");
  assert.ok(r.gap > 1e-9 && r.gap <= 0.01, `gap ${r.gap}`);
  assert.equal(r.gap, expectedGap("max", r.objective, r.bound));
  assert.ok(r.bound >= 2316 - 1e-6 && r.objective <= 2316 + 1e-6);
  assertFeasible(k, r.col_value);
});

let knapsackOptimum = null; // its col_value, kept for the MIP start test

test("onProgress during a MIP that takes a little time", () => {
  const k = knapsack();
  const calls = [];
  const r = glue.solve(k, opts(), (p) => calls.push(p));
  assert.equal(r.status, "optimal");
  knapsackOptimum = r.col_value;
  close(r.objective, 2316);
  assert.equal(r.gap, 0);
  assert.ok(r.nodes > 0);
  assertFeasible(k, r.col_value);

  assert.ok(calls.length >= 2, `${calls.length} progress calls`);
  for (const p of calls) {
    assert.deepEqual(Object.keys(p).sort(), ["bound", "gap", "incumbent", "nodes", "seconds", "solution"]);
    // An improving solution comes with its values: feasible, one per column, worth the incumbent.
    if (p.solution !== null) {
      assert.ok(p.solution instanceof Float64Array);
      assert.equal(p.solution.length, k.num_col);
      assertFeasible(k, p.solution);
      close(objectiveOf(k, p.solution), p.incumbent);
    }
    assert.equal(typeof p.nodes, "number");
    assert.equal(typeof p.seconds, "number");
    for (const key of ["incumbent", "bound", "gap"]) {
      assert.ok(p[key] === null || typeof p[key] === "number", key);
    }
    if (p.incumbent !== null) assert.ok(p.incumbent <= 2316 + 1e-6);
    if (p.bound !== null) assert.ok(p.bound >= 2316 - 1e-6);
  }
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i].seconds >= calls[i - 1].seconds);
  assert.ok(calls.some((p) => p.incumbent !== null && p.bound !== null && p.gap > 0));
  assert.ok(calls.some((p) => p.solution !== null), "no improving solution came with its values");
  // Throttled: incumbent improvements plus at most one call per 250 ms.
  const improvements = calls.filter((p, i) => i > 0 && p.incumbent !== calls[i - 1].incumbent).length;
  assert.ok(calls.length <= improvements + 2 + r.seconds / 0.25, `${calls.length} calls in ${r.seconds} s`);
});

test("a throwing onProgress does not break the solve", () => {
  let calls = 0;
  const r = glue.solve(knapsack(), opts({ time_limit: 0.3 }), () => {
    calls++;
    throw new Error("postMessage failed");
  });
  assert.equal(calls, 1);
  assert.ok(r.status === "feasible" || r.status === "optimal", r.status);
  assert.match(r.message, /^onProgress threw and was not called again: postMessage failed$/);
});

test("a MIP start is accepted", () => {
  const k = knapsack();
  const start = greedy(k);
  const startObjective = objectiveOf(k, start);
  assert.ok(startObjective > 1000);
  // 0.01 s is too short to find anything this good from scratch (HiGHS has
  // at best the empty knapsack by then); with the start it has it as the
  // incumbent from the beginning.
  const r = glue.solve(k, opts({ time_limit: 0.01, start }), null);
  assert.ok(r.status === "feasible" || r.status === "optimal", r.status);
  assert.ok(r.objective >= startObjective - 1e-6, `${r.objective} >= ${startObjective}`);
  assertFeasible(k, r.col_value);

  // A partial start: NaN = no value. Only the items of the optimum are given
  // (as 1); HiGHS completes the rest with a small sub-MIP. From scratch it
  // takes about a second to find 2316; with this start it is there at once.
  assert.ok(knapsackOptimum, "the onProgress test ran first");
  const partial = knapsackOptimum.map((v) => (v > 0.5 ? 1 : NaN));
  assert.ok(partial.some(Number.isNaN));
  const p = glue.solve(k, opts({ time_limit: 0.3, start: partial }), null);
  assert.ok(p.status === "feasible" || p.status === "optimal", p.status);
  close(p.objective, 2316);
  assertFeasible(k, p.col_value);

  // An infeasible start is ignored.
  const c = glue.solve(chairsAndTables(), opts({ start: new Float64Array([100, 100]) }), null);
  assert.equal(c.status, "optimal");
  close(c.objective, 1100);
});

test("invalid input gives an error result, never an exception", () => {
  const cases = {
    "no model": () => null,
    "sense": (m) => (m.sense = "maximize"),
    "cost length": (m) => (m.col_cost = new Float64Array([30])),
    "NaN cost": (m) => (m.col_cost[1] = NaN),
    "infinite cost": (m) => (m.col_cost[0] = Infinity),
    "NaN bound": (m) => (m.row_upper[0] = NaN),
    "a_start length": (m) => (m.a_start = new Int32Array([0, 2])),
    "a_start decreasing": (m) => (m.a_start = new Int32Array([0, 5, 4])),
    "a_value length": (m) => (m.a_value = new Float64Array(3)),
    "row index": (m) => (m.a_index[0] = 2),
    "duplicate entry": (m) => (m.a_index[1] = 0),
    "NaN coefficient": (m) => (m.a_value[2] = NaN),
    "integrality value": (m) => (m.integrality[0] = 2),
    "integrality length": (m) => (m.integrality = new Uint8Array(1)),
    "num_col": (m) => (m.num_col = -1),
  };
  for (const [name, spoil] of Object.entries(cases)) {
    const m = chairsAndTables();
    const input = spoil(m) === null ? null : m;
    let r;
    assert.doesNotThrow(() => (r = glue.solve(input, opts(), null)), name);
    assert.equal(r.status, "error", name);
    assert.equal(typeof r.message, "string", name);
    assert.match(r.message, /^invalid input: /, name);
    assert.equal(r.fatal, false, name);
  }
  const badOptions = [
    { time_limit: -1 },
    { mip_rel_gap: NaN },
    { start: new Float64Array(1) },
    { start: new Float64Array([Infinity, 0]) },
  ];
  for (const o of badOptions) {
    const r = glue.solve(chairsAndTables(), opts(o), null);
    assert.equal(r.status, "error");
    assert.match(r.message, /^invalid input: options\./);
  }
  // Errors leave the solver usable.
  assert.equal(glue.solve(chairsAndTables(), opts(), null).status, "optimal");
});

// A stand-in runtime whose models report the given status codes in turn.
function fakeFactory(behaviour) {
  return async () => ({
    version: { string: "fake" },
    constants: { objectiveSense: { minimize: 1, maximize: -1 }, callbackType: {} },
    errors: { HighsError: class HighsError extends Error {} },
    createModel() {
      return {
        options: { set() {} },
        passModel() {},
        setSolution() {},
        run: () => ({ modelStatus: behaviour() }),
        info: { get: () => 0 }, // no primal solution
        getSolution: () => ({}),
        dispose() {},
      };
    },
  });
}

test("'infeasible or unbounded' settled as infeasible by the feasibility check", async () => {
  const codes = [9, 8];
  await glue.load(fakeFactory(() => codes.shift()));
  const r = glue.solve(chairsAndTables(), opts(), null);
  assert.equal(r.status, "infeasible");
  assert.equal(r.model_status, "Primal infeasible or unbounded");
});

test("after an abort the solver refuses work until reloaded", async () => {
  await glue.load(fakeFactory(() => {
    throw new WebAssembly.RuntimeError("Aborted(). Build with -sASSERTIONS for more info.");
  }));
  const r = glue.solve(chairsAndTables(), opts(), null);
  assert.equal(r.status, "error");
  assert.match(r.message, /Aborted\(\)/);
  assert.match(r.message, /reloaded/);
  assert.equal(r.fatal, true);
  const again = glue.solve(chairsAndTables(), opts(), null);
  assert.equal(again.status, "error");
  assert.equal(again.fatal, true);
  assert.match(again.message, /aborted in an earlier solve.*must be reloaded/);

  assert.equal(await glue.load(factory, wasmDir), version);
  assert.equal(glue.solve(chairsAndTables(), opts(), null).status, "optimal");
});

// A real memory exhaustion, not a simulated one: a 30,000,000-column MIP
// makes HiGHS's copies outgrow the module's 2 GiB and abort (about 45 s).
test("running out of wasm memory is reported as such, and a reload works", async () => {
  const loaded = await glue.load(factory, wasmDir);
  const n = 30_000_000;
  const aStart = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) aStart[j] = j;
  const huge = {
    sense: "min", offset: 0, num_col: n, num_row: 1,
    col_cost: new Float64Array(n).fill(1), col_lower: new Float64Array(n),
    col_upper: new Float64Array(n).fill(1),
    row_lower: Float64Array.from([1]), row_upper: Float64Array.from([Infinity]),
    a_start: aStart, a_index: new Int32Array(n), a_value: new Float64Array(n).fill(1),
    integrality: new Uint8Array(n).fill(1),
  };
  const r = glue.solve(huge, opts({ time_limit: 60 }), null);
  assert.equal(r.status, "error");
  assert.equal(r.fatal, true);
  assert.equal(r.out_of_memory, true);
  assert.match(r.message, /ran out of memory .* 2,048 MiB limit/);
  assert.equal(glue.solve(chairsAndTables(), opts(), null).fatal, true);
  assert.equal(await glue.load(factory, wasmDir), loaded);
  assert.equal(glue.solve(chairsAndTables(), opts(), null).status, "optimal");
});
