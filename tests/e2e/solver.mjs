// End-to-end tests of the solver engine in the browser: HiGHS (npm `highs`,
// WebAssembly) loaded by the worker on the first solve and never by the page
// before; the demo's plan proven optimal; microlp when HiGHS cannot load; a
// HiGHS abort ends in a clear message, a fresh worker and the settings kept;
// and (when PROVINCE is set to a generated province scenario) a
// province-sized region solved with the gap shown live.
import fs from 'node:fs';
import { rendererPeakBytes } from './import.mjs';

const wasmRequests = (page) => {
  const seen = [];
  page.on('request', (r) => { if (/\/solver\/highs\.(wasm|js)$/.test(r.url())) seen.push(r.url()); });
  return seen;
};

async function solveOnce(page, timeout = 120000) {
  const t = Date.now();
  await page.click('[data-testid="optimise-button"]');
  await page.waitForSelector('[data-testid="solve-status"][data-status], [data-testid="solve-status"].failed', { timeout });
  return Date.now() - t;
}

// Seconds the worker reports for the solve ("… · 0.48 s" in the status line).
const workerSeconds = async (page) => {
  const text = await page.textContent('[data-testid="solve-status"] .num');
  const m = text.match(/([\d.]+) (s|秒)$/);
  return m ? Number(m[1]) : NaN;
};

export function solverTests({ openPage, assert, out, path }) {
  const tests = [];
  const test = (name, fn) => tests.push([name, fn]);

  test('solver: HiGHS loads in the worker on the first solve only, and proves the demo plan optimal', async (browser, origin) => {
    const { context, page, problems } = await openPage(browser, origin);
    const seen = wasmRequests(page);
    // Solver workers started (the planner's, then the what-if sliders' after a solve).
    let workers = page.workers().length;
    page.on('worker', () => { workers += 1; });
    await page.waitForSelector('[data-testid="optimise-button"]');
    await page.waitForTimeout(500);
    assert.deepEqual(seen, [], 'the page loads no solver before a solve');
    const first = await solveOnce(page);
    assert.equal(await page.getAttribute('[data-testid="solve-status"]', 'data-status'), 'optimal');
    assert.equal(await page.getAttribute('[data-testid="solver-used"]', 'data-backend'), 'highs');
    assert.match(await page.textContent('[data-testid="solver-used"]'), /HiGHS 1\.15/);
    assert.ok(await page.isVisible('[data-testid="verified-badge"]'));
    assert.ok(seen.some((u) => u.endsWith('highs.wasm')), seen.join(','));
    const firstWorker = await workerSeconds(page);
    // A second solve: HiGHS is already loaded (no new request).
    const loaded = seen.length;
    await page.fill('[data-testid="field-beds_per_1000"]', '7.1');
    await page.press('[data-testid="field-beds_per_1000"]', 'Tab');
    const second = await solveOnce(page);
    assert.equal(await page.getAttribute('[data-testid="solve-status"]', 'data-status'), 'optimal');
    // The second solve loads nothing new in the planner's worker: HiGHS
    // is fetched at most once per worker started.
    const wasmLoads = seen.filter((u) => u.endsWith('highs.wasm')).length;
    assert.ok(loaded >= 1 && wasmLoads <= workers, `HiGHS loaded ${wasmLoads} times by ${workers} workers: ${seen.join(',')}`);
    const secondWorker = await workerSeconds(page);
    assert.ok(secondWorker < 2, `proven optimal in ${secondWorker} s in the worker`);
    console.log(`     demo full plan proven optimal: first click ${first} ms (worker ${firstWorker} s, incl. loading HiGHS), second ${second} ms (worker ${secondWorker} s)`);
    fs.writeFileSync(path.join(out, 'solver-timings.json'), JSON.stringify({ first_click_ms: first, first_worker_s: firstWorker, second_click_ms: second, second_worker_s: secondWorker }));
    await page.screenshot({ path: path.join(out, 'solver-highs-zh-1366.png'), fullPage: false });
    await page.click('[data-testid="lang-switch"]');
    await page.screenshot({ path: path.join(out, 'solver-highs-en-1366.png'), fullPage: false });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('solver: targets out of reach are named in the viewer\'s language', async (browser, origin) => {
    const { context, page, problems } = await openPage(browser, origin);
    await page.waitForSelector('[data-testid="optimise-button"]');
    await page.fill('[data-testid="field-doctors_per_1000"]', '3.2');
    await page.press('[data-testid="field-doctors_per_1000"]', 'Tab');
    await solveOnce(page);
    assert.equal(await page.getAttribute('[data-testid="solve-status"]', 'data-status'), 'infeasible');
    const zh = await page.textContent('[data-testid="shortfalls"]');
    assert.match(zh, /潼关县 每千人医师：目标 3\.20，在新增岗位、对口支援与预算内最多可达 \d/);
    assert.doesNotMatch(zh, /doctors per 1,000|best reachable/, 'no English in the Chinese view');
    await page.screenshot({ path: path.join(out, 'solver-shortfalls-zh-1366.png'), fullPage: false });
    await page.click('[data-testid="lang-switch"]');
    const en = await page.textContent('[data-testid="shortfalls"]');
    assert.match(en, /Tongguan County doctors per 1,000: target 3\.20, best reachable \d/);
    assert.doesNotMatch(en, /每千人/);
    await page.screenshot({ path: path.join(out, 'solver-shortfalls-en-1366.png'), fullPage: false });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('solver: when HiGHS cannot load, microlp makes the plan and says why', async (browser, origin) => {
    const { context, page, problems } = await openPage(browser, origin);
    await context.route('**/solver/highs.wasm', (route) => route.abort());
    // microlp cannot prove this plan optimal quickly: the planner's time
    // limit returns its best plan with the gap.
    await page.fill('[data-testid="time-limit"]', '5');
    await page.press('[data-testid="time-limit"]', 'Tab');
    const s = await solveOnce(page);
    const status = await page.getAttribute('[data-testid="solve-status"]', 'data-status');
    assert.ok(['optimal', 'feasible'].includes(status), status);
    assert.equal(await page.getAttribute('[data-testid="solver-used"]', 'data-backend'), 'microlp');
    assert.match(await page.textContent('[data-testid="solver-used"]'), /HiGHS could not load/);
    assert.ok(await page.isVisible('[data-testid="verified-badge"]'));
    assert.ok(s < 15000, `${s} ms with a 5 s limit`);
    console.log(`     microlp fallback plan in ${s} ms (time limit 5 s), status ${status}`);
    assert.deepEqual(problems.filter((p) => !/highs\.wasm/.test(p)), []);
    await context.close();
  });

  test('solver: a HiGHS abort ends in a clear message, a fresh worker, and the settings kept', async (browser, origin) => {
    const { context, page, problems } = await openPage(browser, origin);
    // The glue answers as it does after a WebAssembly abort.
    await context.route('**/public/solver/highs-glue.js', async (route) => {
      const real = await (await route.fetch()).text();
      await route.fulfill({
        contentType: 'text/javascript',
        body: `${real}\nglobalThis.HealthReachHighs.solve = () => ({ status: 'error', fatal: true, message: 'Aborted() (simulated)', nodes: 0, seconds: 0 });`,
      });
    });
    // The fields are disabled until the stored settings are loaded (so no
    // edit is lost to them); then they take the edit.
    await page.waitForSelector('[data-testid="policy-panel"][aria-busy="false"]');
    assert.equal(await page.locator('[data-testid="policy-panel"] fieldset[disabled]').count(), 0);
    await page.fill('[data-testid="field-beds_per_1000"]', '7.3');
    await page.press('[data-testid="field-beds_per_1000"]', 'Tab');
    await solveOnce(page);
    assert.equal(await page.getAttribute('[data-testid="solve-status"]', 'class'), 'status failed');
    assert.match(await page.textContent('[data-testid="solve-status"]'), /内部错误|internal error/);
    assert.equal(await page.inputValue('[data-testid="field-beds_per_1000"]'), '7.3');
    // The fresh worker loads the real HiGHS and the next solve works.
    await context.unroute('**/public/solver/highs-glue.js');
    await page.waitForTimeout(500);
    await solveOnce(page);
    assert.equal(await page.getAttribute('[data-testid="solve-status"]', 'data-status'), 'optimal');
    assert.equal(await page.getAttribute('[data-testid="solver-used"]', 'data-backend'), 'highs');
    assert.deepEqual(problems.filter((p) => !/stopped|HiGHS/.test(p)), []);
    await context.close();
  });

  const province = process.env.PROVINCE;
  if (province && fs.existsSync(province)) {
    test('solver: a province-sized region (20,000 zones, 21,615 facilities) within 1% of the bound, the gap live', async (browser, origin) => {
      const { context, page, problems } = await openPage(browser, origin);
      const t0 = Date.now();
      await page.setInputFiles('[data-testid="scenario-open-input"]', province);
      await page.waitForFunction(() => document.querySelector('[data-testid="summary-facilities"]')?.textContent === '21,615', null, { timeout: 120000 });
      await page.waitForSelector('[data-testid="map"][data-drawn]', { timeout: 120000 });
      const openMs = Date.now() - t0;
      await page.fill('[data-testid="mip-gap"]', '1');
      await page.press('[data-testid="mip-gap"]', 'Tab');
      await page.fill('[data-testid="time-limit"]', '120');
      await page.press('[data-testid="time-limit"]', 'Tab');
      await page.evaluate(() => {
        window.__gaps = [];
        new MutationObserver(() => {
          const p = document.querySelector('[data-testid="solve-progress"]');
          const m = p?.textContent.match(/(差距|gap) (\d+\.\d\d)%/);
          if (m) window.__gaps.push(Number(m[2]));
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const ms = await solveOnce(page, 300000);
      const gaps = await page.evaluate(() => window.__gaps);
      const status = await page.getAttribute('[data-testid="solve-status"]', 'data-status');
      const text = await page.textContent('[data-testid="solve-status"]');
      // Page and workers live in the renderer process: its peak bounds the worker's.
      const peak = rendererPeakBytes();
      console.log(`     province: open + draw ${openMs} ms; click → checked plan ${ms} ms, status ${status}; renderer peak ${(peak / 1048576).toFixed(0)} MiB; live gaps ${gaps.slice(0, 3).join(',')} … ${gaps.slice(-3).join(',')}; ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
      fs.writeFileSync(path.join(out, 'province-timings.json'), JSON.stringify({ open_ms: openMs, click_to_plan_ms: ms, status, gaps, renderer_peak_bytes: peak }));
      await page.screenshot({ path: path.join(out, 'province-zh-1366.png'), fullPage: false });
      assert.ok(['optimal', 'feasible'].includes(status), text);
      assert.ok(await page.isVisible('[data-testid="verified-badge"]'), 'checked plan');
      const gap = status === 'optimal' ? 0 : Number(text.match(/(\d+\.\d\d)%/)?.[1]);
      assert.ok(gap <= 1, `gap ${gap}% within 1%`);
      assert.ok(ms < 60000, `${ms} ms`);
      assert.ok(gaps.length >= 2 && gaps[gaps.length - 1] <= gaps[0], `live gaps ${gaps}`);
      assert.ok(peak < 1.5 * 2 ** 30, `renderer peak ${peak} B`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
  return tests;
}
