// End-to-end tests of the release build (dist/) in Debian's headless Chromium,
// driven by playwright-core (no browser download). Run by scripts/test.sh after
// `trunk build --release` and `cargo build --release --bin healthreach`.
//
// Checks: the page loads with no console error and no request outside its own
// origin; the map canvas is painted; the summary numbers equal the CLI's
// summary of the same embedded scenario; the language switch changes every
// visible string and is remembered; the map is redrawn on resize; the error
// panel is present and hidden. Screenshots go to tests/e2e/out/.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { hardeningTests } from './hardening.mjs';
import { importTests } from './import.mjs';
import { solverTests } from './solver.mjs';
import { portalTests } from './portal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'scripts/package.json'));
const { chromium } = require('playwright-core');

const out = path.join(here, 'out');
fs.mkdirSync(out, { recursive: true });
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The expected figures come from the CLI, over the same embedded scenario.
const cli = path.join(repo, 'target/release/healthreach');
const demo = execFileSync(cli, ['demo'], { maxBuffer: 64 << 20 });
const expected = JSON.parse(execFileSync(cli, ['validate', '-', '--json'], { input: demo, maxBuffer: 64 << 20 })).summary;
const group = (n) => Math.round(n).toLocaleString('en-US');
const access = (mode, minutes) => JSON.parse(execFileSync(cli,
  ['access', '-', '--mode', mode, '--minutes', String(minutes), '--json'], { input: demo, maxBuffer: 64 << 20 }));
const pct = (x) => `${(x * 100).toFixed(1)}%`;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

async function openPage(browser, origin, viewport = { width: 1366, height: 768 }, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request outside origin: ${u}`);
  });
  // A worker stopped mid-fetch (a region or scenario switch remounts the
  // solver and what-if workers) has its script or solver files' fetch
  // aborted: expected. A missing file is still a problem (its 4xx below).
  const workerFiles = /\/(worker(_bg\.wasm|\.js|_loader\.js)|solver\/highs(-glue)?\.(js|wasm))$/;
  page.on('requestfailed', (r) => {
    if (!workerFiles.test(r.url())) problems.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="map"][data-drawn]', { timeout: 30000 });
  return { context, page, problems };
}

const drawnCount = (page) => page.$eval('[data-testid="map"]', (c) => Number(c.dataset.drawn));

// Share of canvas pixels that differ from the background, and which of the
// map's own colours (src/view/palette.rs) appear.
const MARKERS = { township: [21, 101, 192], county_hospital: [106, 27, 154], tertiary: [200, 0, 40] };
const DENSITY = { density_low: [254, 227, 160], density_mid: [253, 190, 110], density_high: [222, 84, 44] };
const MINUTES = { min_0_5: [0, 104, 55], min_5_10: [49, 163, 84], min_15_30: [254, 196, 79] };
const LAYER_COLOURS = { ...MARKERS, ...MINUTES };
const paintStats = (page, layers = LAYER_COLOURS) => page.$eval('[data-testid="map"]', (c, layers) => {
  const ctx = c.getContext('2d');
  const { data } = ctx.getImageData(0, 0, c.width, c.height);
  let painted = 0; const colours = new Set();
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (!(r === 244 && g === 246 && b === 248)) painted++;
    colours.add((r << 16) | (g << 8) | b);
  }
  const missing = Object.entries(layers)
    .filter(([, [r, g, b]]) => !colours.has((r << 16) | (g << 8) | b)).map(([k]) => k);
  return { painted: painted / (data.length / 4), colours: colours.size, missing, width: c.width, height: c.height };
}, layers);

test('loads cleanly, paints the map, and shows the scenario summary', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await page.screenshot({ path: path.join(out, 'map-zh-1366.png') });
  const stats = await paintStats(page);
  assert.ok(stats.painted > 0.15, `map painted on ${(stats.painted * 100).toFixed(1)}% of the canvas`);
  assert.deepEqual(stats.missing, [], 'every layer colour is on the canvas');
  const text = async (id) => (await page.textContent(`[data-testid="${id}"]`)).trim();
  assert.equal(await text('summary-population'), group(expected.population));
  assert.equal(await text('summary-units'), String(expected.admin_units));
  assert.equal(await text('summary-facilities'), group(expected.facilities));
  assert.equal(await text('summary-beds-per-1000'), expected.beds_per_1000.toFixed(2));
  assert.equal(await text('summary-doctors-per-1000'), expected.doctors_per_1000.toFixed(2));
  for (const [tier, n] of Object.entries(expected.facilities_per_tier)) {
    assert.ok((await text(`tier-count-${tier}`)).endsWith(group(n)), `tier ${tier}`);
  }
  assert.equal(await text('region-name'), '渭南市');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.ok(await page.isHidden('[data-testid="error-panel"]'), 'error panel hidden');
  assert.ok(await page.isVisible('[data-testid="map-legend"]'));
  assert.ok((await text('data-sources')).includes('真实数据'));
  // The density layer, on request.
  const before = await drawnCount(page);
  await page.selectOption('[data-testid="layer-select"]', 'density');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="map"]').dataset.drawn) > n, before);
  const dens = await paintStats(page, { ...MARKERS, ...DENSITY });
  assert.deepEqual(dens.missing, [], 'density layer colours');
  await page.screenshot({ path: path.join(out, 'map-density-zh-1366.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language switch changes every visible string and is remembered', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  const zhText = await page.innerText('body');
  const before = await drawnCount(page);
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="map"]').dataset.drawn) > n, before);
  await page.screenshot({ path: path.join(out, 'map-en-1366.png') });
  const enText = await page.innerText('body');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('[data-testid="region-name"]')).trim(), 'Weinan');
  assert.ok(enText.includes('Population') && enText.includes('Township health centre'));
  // No Chinese left in the English page except place and facility names and the switch label.
  const cjk = /[\u4e00-\u9fff]+/g;
  const allowed = new Set(['中文']);
  // Scenario names are the planner's own words (data).
  for (const n of await page.$$eval('[data-testid="scenario-select"] option', (o) => o.map((x) => x.textContent))) {
    for (const w of n.match(cjk) ?? []) allowed.add(w);
  }
  const leftovers = (enText.match(cjk) ?? []).filter((w) => !allowed.has(w));
  // Names of places are data, not UI strings: everything left must be a county name.
  const counties = ['临渭区', '华州区', '潼关县', '大荔县', '合阳县', '澄城县', '蒲城县', '白水县', '富平县', '韩城市', '华阴市'];
  const untranslated = leftovers.filter((w) => !counties.includes(w));
  assert.deepEqual(untranslated, [], 'untranslated UI text in English');
  assert.notEqual(zhText, enText);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid="map"][data-drawn]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'language remembered across reload');
  await page.click('[data-testid="lang-switch"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the map is redrawn to fit when the window is resized, and works at phone width', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  const first = await paintStats(page);
  const before = await drawnCount(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="map"]').dataset.drawn) > n, before);
  const second = await paintStats(page);
  assert.ok(second.width < first.width, `canvas ${first.width} → ${second.width} px wide`);
  assert.ok(second.painted > 0.15, `painted ${second.painted}`);
  assert.deepEqual(second.missing, []);
  await page.screenshot({ path: path.join(out, 'map-zh-390.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('if the app cannot start, the error panel says so instead of a blank page', async (browser, origin) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="error-panel"]:not([hidden])', { timeout: 15000 });
  const text = await page.textContent('[data-testid="error-panel"]');
  assert.ok(text.includes('Something went wrong') && text.includes('出错了'));
  assert.ok((await page.textContent('#error-details')).trim().length > 0, 'details shown');
  await page.screenshot({ path: path.join(out, 'error-panel.png') });
  await context.close();
});

test('access: the 15-minute figure and table match the CLI; mode and minutes update without reloading', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await page.evaluate(() => { window.__sameDocument = true; });
  const fig = async () => (await page.textContent('[data-testid="coverage-15min"]')).trim();
  const drive15 = access('drive', 15);
  assert.equal(await fig(), pct(drive15.coverage_share.region));
  const rows = await page.$$eval('[data-testid="coverage-table"] tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.unit, tr.querySelector('td:last-child').textContent.trim()]));
  assert.equal(rows.length, 11);
  for (const [unit, share] of rows) assert.equal(share, pct(drive15.coverage_share.units[unit]), `unit ${unit}`);
  const curve = await page.$eval('[data-testid="access-curve"]', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 21 && d[i + 1] === 101 && d[i + 2] === 192) blue++;
    return { drawn: Number(c.dataset.drawn), blue };
  });
  assert.ok(curve.drawn >= 1 && curve.blue > 50, `access curve drawn: ${JSON.stringify(curve)}`);

  await page.selectOption('[data-testid="mode-select"]', 'walk');
  await page.waitForFunction((v) => document.querySelector('[data-testid="coverage-15min"]').textContent.trim() === v,
    pct(access('walk', 15).coverage_share.region), { timeout: 10000 });
  await page.selectOption('[data-testid="mode-select"]', 'drive');
  await page.fill('[data-testid="minutes-input"]', '30');
  await page.waitForFunction((v) => document.querySelector('[data-testid="coverage-15min"]').textContent.trim() === v,
    pct(access('drive', 30).coverage_share.region), { timeout: 10000 });
  // Invalid input is refused at the field, with the reason; the figure stays.
  await page.fill('[data-testid="minutes-input"]', '0');
  assert.ok(await page.isVisible('.field-error'), 'field error shown');
  assert.equal(await page.getAttribute('[data-testid="minutes-input"]', 'aria-invalid'), 'true');
  assert.equal(await fig(), pct(access('drive', 30).coverage_share.region));
  assert.ok(await page.evaluate(() => window.__sameDocument === true), 'no reload happened');
  await page.fill('[data-testid="minutes-input"]', '15');
  assert.equal(await fig(), pct(drive15.coverage_share.region));
  // Referral times within each medical community: the CLI's routes, grouped
  // by the hospital they go to (count and mean minutes per hospital).
  await page.click('[data-testid="referral-section"] summary');
  await page.waitForSelector('[data-testid="referral-table"]', { timeout: 20000 });
  const byHospital = new Map();
  for (const r of drive15.referrals) {
    const x = byHospital.get(r.to ?? '') ?? { n: 0, times: [] };
    x.n++; if (r.minutes != null) x.times.push(r.minutes);
    byHospital.set(r.to ?? '', x);
  }
  const referralRows = await page.$$eval('[data-testid="referral-table"] tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.hospital, ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent.trim())]));
  assert.equal(referralRows.length, byHospital.size);
  for (const [hospital, count, mean] of referralRows) {
    const want = byHospital.get(hospital);
    assert.ok(want, `hospital ${hospital}`);
    assert.equal(Number(count.split(' ')[0]), want.n, `centres of ${hospital}`);
    assert.equal(mean, (want.times.reduce((a, b) => a + b, 0) / want.times.length).toFixed(1), `mean of ${hospital}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- Planner dashboard (issue 5) ----

// Records the longest gap between animation frames from now on.
const watchFrames = (page) => page.evaluate(() => {
  window.__frames = { last: performance.now(), worst: 0, count: 0, on: true };
  const step = (t) => {
    const f = window.__frames;
    if (!f.on) return;
    f.worst = Math.max(f.worst, t - f.last); f.last = t; f.count++;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
});
const frameStats = (page) => page.evaluate(() => { window.__frames.on = false; return window.__frames; });

async function setField(page, key, value) {
  const sel = `[data-testid="field-${key}"]`;
  await page.fill(sel, String(value));
  await page.press(sel, 'Tab');
}

async function optimise(page) {
  const t = Date.now();
  await page.click('[data-testid="optimise-button"]');
  await page.waitForSelector('[data-testid="solve-status"][data-status]', { timeout: 60000 });
  return Date.now() - t;
}

test('dashboard: change a target, optimise in the worker, see status, map and tables change', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await page.waitForSelector('[data-testid="field-beds_per_1000"]');
  // A value outside its range is refused at the field, with the reason.
  await setField(page, 'coverage_share', 150);
  assert.match(await page.textContent('[data-testid="field-error-coverage_share"]'), /100/);
  await setField(page, 'coverage_share', 90);
  assert.equal(await page.$('[data-testid="field-error-coverage_share"]'), null);
  await setField(page, 'beds_per_1000', 7.2);
  const drawn = await drawnCount(page);
  await watchFrames(page);
  // Record every text the progress line shows during the solve.
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="solve-progress"]');
      if (p) window.__progress.push(p.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const ms = await optimise(page);
  // Branch and bound showed the LP bound, the first feasible plan and the gap between them.
  const progressTexts = await page.evaluate(() => window.__progress);
  assert.ok(progressTexts.some((t) => /当前最优可行方案 [\d,.]+ · 界 [\d,.]+ · 差距 \d+\.\d\d%/.test(t)), progressTexts.join(' | '));
  // The progress chart keeps the incumbent and the bound over time once the solve is done.
  const chart = await page.$$eval('[data-testid="solve-progress-chart"] polyline', (ls) =>
    ls.map((l) => [l.getAttribute('class'), (l.getAttribute('points') || '').split(' ').filter(Boolean).length]));
  assert.ok(chart.some(([c, n]) => c === 'incumbent' && n >= 2) && chart.some(([c, n]) => c === 'bound' && n >= 2), JSON.stringify(chart));
  const frames = await frameStats(page);
  const status = await page.getAttribute('[data-testid="solve-status"]', 'data-status');
  assert.ok(['optimal', 'feasible'].includes(status), status);
  assert.ok(await page.isVisible('[data-testid="verified-badge"]'), 'checker badge');
  // Same plan cost as the CLI on the same settings.
  const scenario = JSON.parse(demo.toString());
  scenario.policy.ratios.beds_per_1000 = 7.2;
  const cli_r = JSON.parse(execFileSync(cli, ['solve', '-', '--json'], { input: JSON.stringify(scenario), maxBuffer: 64 << 20 }));
  const text = await page.textContent('[data-testid="solve-status"]');
  assert.ok(text.replace(/\s/g, '').includes(group(cli_r.result.cost_yuan)), `${text} vs ${cli_r.result.cost_yuan}`);
  // Tables: every county before → after; every decision.
  assert.equal(await page.$$eval('[data-testid="indicator-table"] tbody tr', (r) => r.length), expected.units.length);
  const rows = await page.$$eval('[data-testid="decision-table"] tbody tr', (r) => r.length);
  assert.ok(rows > 10, `${rows} decisions`);
  // Every decision's reason arrives from the explain worker: the plan without it, judged by the checker.
  await page.waitForFunction(() => {
    const c = [...document.querySelectorAll('[data-testid^="why-"]')];
    return c.length > 0 && c.every((x) => x.dataset.ready === 'true');
  }, null, { timeout: 120000 });
  const whys = await page.$$eval('[data-testid^="why-"]', (c) => c.map((x) => [x.dataset.testid, x.querySelector('details p').textContent]));
  assert.equal(whys.length, rows);
  assert.ok(whys.every(([id]) => /^why-(open_sites|upgrades|beds|elderly_care_beds|posts|services|secondments|telemedicine_links)\/\d+$/.test(id)), JSON.stringify(whys.slice(0, 3)));
  assert.ok(whys.some(([, t]) => t.startsWith('目标所需')), 'a decision needed for a target');
  assert.ok(whys.every(([, t]) => !t.includes('Needed for')), 'reasons in the page language');
  await page.click('[data-testid="why-beds/0"] summary');
  assert.ok(await page.isVisible('[data-testid="why-beds/0"] details p'));
  await page.locator('[data-testid="why-beds/0"]').scrollIntoViewIfNeeded();
  await page.locator('.table-panel').nth(1).screenshot({ path: path.join(out, 'why-zh-1366.png') });
  const bedsAfter = await page.$$eval('[data-testid="indicator-table"] tbody tr td:nth-child(2)', (c) => c.map((x) => Number(x.textContent.split('→')[1])));
  assert.ok(bedsAfter.every((b) => b >= 7.2 - 1e-9), bedsAfter.join(','));
  // Sorting and filtering.
  await page.click('[data-testid="sort-quantity"]');
  const q = await page.$$eval('[data-testid="decision-table"] tbody tr td:nth-child(3)', (c) => c.map((x) => Number(x.textContent.replace(/,/g, ''))));
  assert.deepEqual(q, [...q].sort((a, b) => b - a));
  await page.fill('[data-testid="decision-filter"]', '华阴');
  const filtered = await page.$$eval('[data-testid="decision-table"] tbody tr', (r) => r.map((x) => x.textContent));
  assert.ok(filtered.length > 0 && filtered.length < rows && filtered.every((t) => t.includes('华阴')));
  // The map shows the plan (new service points in red) and was redrawn.
  assert.ok((await drawnCount(page)) > drawn);
  const stats = await paintStats(page, { new_site: [220, 38, 38] });
  assert.deepEqual(stats.missing, []);
  await page.screenshot({ path: path.join(out, 'plan-zh-1366.png'), fullPage: true });
  await page.click('[data-testid="lang-switch"]');
  await page.screenshot({ path: path.join(out, 'plan-en-1366.png'), fullPage: true });
  // Before/after toggle: before has no plan marks.
  await page.selectOption('[data-testid="before-after"]', 'before');
  assert.deepEqual((await paintStats(page, { new_site: [220, 38, 38] })).missing, ['new_site']);
  await page.selectOption('[data-testid="before-after"]', 'after');
  // Pan and zoom redraw the map.
  const before = await drawnCount(page);
  await page.click('[data-testid="zoom-in"]');
  await page.focus('[data-testid="map"]');
  await page.keyboard.press('ArrowLeft');
  assert.ok((await drawnCount(page)) >= before + 2);
  console.log(`     click → verified plan: ${ms} ms; worst frame gap during the solve ${frames.worst.toFixed(0)} ms over ${frames.count} frames`);
  fs.writeFileSync(path.join(out, 'dashboard-timings.json'), JSON.stringify({ click_to_plan_ms: ms, worst_frame_gap_ms: frames.worst, frames: frames.count }));
  assert.deepEqual(problems, []);
  await context.close();
});

test('dashboard: a long solve can be cancelled and the page responds meanwhile', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  // HiGHS settles this case in about a second; microlp (HiGHS kept from
  // loading) asked to prove optimality takes long enough to cancel. Cancel
  // terminates the worker whichever solver runs.
  await context.route('**/solver/highs.wasm', (route) => route.abort());
  await page.waitForSelector('[data-testid="field-beds_per_1000"]');
  await setField(page, 'beds_per_1000', 7.2);
  await watchFrames(page);
  await page.click('[data-testid="optimise-button"]');
  await page.waitForSelector('[data-testid="solve-progress"]');
  await page.waitForTimeout(1500);
  // By now branch and bound has found a plan, and says Cancel keeps it.
  await page.waitForSelector('[data-testid="solve-progress"][data-has-plan]', { timeout: 30000 });
  assert.match(await page.textContent('[data-testid="solve-progress"]'), /取消将保留已找到的最优方案/);
  // The page still answers: the language switch works during the solve.
  const t = Date.now();
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const switchMs = Date.now() - t;
  assert.ok(await page.isVisible('[data-testid="solve-progress"]'), 'still solving');
  assert.match(await page.textContent('[data-testid="solve-progress"]'), /elapsed \d+\.\d s/);
  const frames = await frameStats(page);
  assert.ok(frames.worst < 500, `worst frame gap ${frames.worst} ms`);
  const c = Date.now();
  await page.click('[data-testid="cancel-button"]');
  // The solve stops at once; a fresh worker checks the best plan found.
  await page.waitForFunction(() => /checking the best plan found/.test(document.querySelector('[data-testid="solve-progress"]')?.textContent ?? ''));
  const cancelMs = Date.now() - c;
  assert.ok(cancelMs < 1000, `cancel took ${cancelMs} ms`);
  await page.waitForSelector('[data-testid="solve-status"][data-stopped]', { timeout: 30000 });
  const keptMs = Date.now() - c;
  assert.equal(await page.$('[data-testid="solve-progress"]'), null);
  const kept = await page.textContent('[data-testid="solve-status"]');
  assert.match(kept, /Cancelled: the best plan found before the solve stopped · gap \d+\.\d\d%/);
  // The kept plan is shown like any other: checked, with its decisions.
  assert.ok(await page.isVisible('[data-testid="verified-badge"]') || await page.isVisible('[data-testid="not-verified"]'), kept);
  assert.ok((await page.$$eval('[data-testid="decision-table"] tbody tr', (r) => r.length)) > 0, 'decisions of the kept plan');
  await page.screenshot({ path: path.join(out, 'cancel-kept-en-1366.png'), fullPage: false });
  // A fresh worker takes the next job.
  await page.fill('[data-testid="mip-gap"]', '0.1');
  await page.press('[data-testid="mip-gap"]', 'Tab');
  await optimise(page);
  assert.ok(await page.isVisible('[data-testid="verified-badge"]'));
  console.log(`     language switch during the solve ${switchMs} ms; worst frame gap ${frames.worst.toFixed(0)} ms; cancel ${cancelMs} ms, best plan kept and checked ${keptMs} ms`);
  assert.deepEqual(problems.filter((p) => !/highs\.wasm/.test(p)), []);
  await context.close();
});

test('dashboard: scenarios persist across reloads; exports download files that parse; share links restore', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await page.waitForSelector('[data-testid="scenario-select"] option', { state: 'attached' });
  await page.click('[data-testid="scenario-duplicate"]');
  await setField(page, 'release_share', 12);
  await setField(page, 'money_budget', 1500);
  page.once('dialog', (d) => d.accept('县域方案'));
  await page.click('[data-testid="scenario-rename"]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="scenario-select"] option')].some((o) => o.textContent === '县域方案'));
  await page.waitForTimeout(300);
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-testid="field-release_share"]')?.value === '12');
  assert.equal(await page.inputValue('[data-testid="field-money_budget"]'), '1500');
  const names = await page.$$eval('[data-testid="scenario-select"] option', (o) => o.map((x) => x.textContent));
  assert.ok(names.includes('县域方案') && names.length >= 2, names.join('|'));
  await page.screenshot({ path: path.join(out, 'scenarios-zh-1366.png') });
  // Exports.
  await optimise(page);
  assert.ok(await page.isVisible('[data-testid="verified-badge"]'), await page.textContent('[data-testid="solve-status"]'));
  for (const [id, check] of [
    ['export-decisions', (t) => { const lines = t.trim().split('\n'); assert.match(lines[0], /kind,facility_id/); assert.ok(lines.length > 5); }],
    ['export-indicators', (t) => assert.equal(t.trim().split('\n').length, expected.units.length + 1)],
    ['export-geojson', (t) => { const g = JSON.parse(t); assert.equal(g.type, 'FeatureCollection'); assert.ok(g.features.length > 5); }],
  ]) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${id}"]`)]);
    const file = await dl.path();
    check(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  }
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-map-png"]')]);
  const head = fs.readFileSync(await png.path()).subarray(0, 8);
  assert.deepEqual([...head], [137, 80, 78, 71, 13, 10, 26, 10]);
  // Share link: opens in a fresh browser profile with the same settings.
  await page.click('[data-testid="share-button"]');
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p2 = await fresh.newPage();
  const p2problems = [];
  p2.on('console', (m) => { if (m.type() === 'error') p2problems.push(m.text()); });
  await p2.goto(link);
  await p2.waitForSelector('[data-testid="share-restored"]');
  await p2.waitForFunction(() => document.querySelector('[data-testid="field-release_share"]')?.value === '12');
  assert.equal(await p2.inputValue('[data-testid="field-money_budget"]'), '1500');
  assert.ok(!(await p2.evaluate(() => location.hash)), 'fragment removed');
  await p2.goto('about:blank');
  await p2.goto(origin + '/#s=broken!!');
  await p2.waitForSelector('[data-testid="share-error"]');
  assert.deepEqual(p2problems, []);
  await fresh.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('dashboard at phone width, both languages; pinch and drag with fingers', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin, { width: 390, height: 844 }, { hasTouch: true, isMobile: true });
  // Two fingers spreading zoom in; one finger dragging pans.
  await page.locator('[data-testid="map"]').scrollIntoViewIfNeeded();
  const box = await page.locator('[data-testid="map"]').boundingBox();
  const view = () => page.$eval('[data-testid="map"]', (c) => c.dataset.view.split(' ').map(Number));
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  const [, , , scale0] = await view();
  await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
  for (let d = 30; d <= 80; d += 10) await touch('touchMove', [[cx - d, cy], [cx + d, cy]]);
  await touch('touchEnd', []);
  await page.waitForFunction((s0) => Number(document.querySelector('[data-testid="map"]').dataset.view.split(' ')[3]) > s0 * 1.5, scale0);
  const [, , , , px0] = await view();
  await touch('touchStart', [[cx, cy]]);
  for (let d = 10; d <= 60; d += 10) await touch('touchMove', [[cx + d, cy]]);
  await touch('touchEnd', []);
  await page.waitForFunction((x0) => Number(document.querySelector('[data-testid="map"]').dataset.view.split(' ')[4]) > x0 + 40, px0);
  await page.click('[data-testid="zoom-reset"]');
  await optimise(page);
  await page.screenshot({ path: path.join(out, 'plan-zh-390.png'), fullPage: true });
  await page.click('[data-testid="lang-switch"]');
  await page.screenshot({ path: path.join(out, 'plan-en-390.png'), fullPage: true });
  await page.locator('.map-panel').screenshot({ path: path.join(out, 'map-panel-en-390.png') });
  await page.locator('[data-testid="plan-charts"]').screenshot({ path: path.join(out, 'plan-charts-en-390.png') });
  await page.locator('[data-testid="decision-table"]').screenshot({ path: path.join(out, 'decisions-en-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

// Canvas pixel of a [lon, lat] on the main map (the map publishes its projection).
const mapPixel = (page, at) => page.$eval('[data-testid="map"]', (c, at) => {
  const [lon0, lat0, kx, scale, cx, cy] = c.dataset.view.split(' ').map(Number);
  const r = c.getBoundingClientRect();
  return { x: r.left + cx + (at[0] - lon0) * kx * scale, y: r.top + cy - (at[1] - lat0) * scale };
}, at);

test('map: tooltips by hit-testing, shading layers, layer toggles, catchment on click', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  const scenario = JSON.parse(demo.toString());
  // The largest hospital: its tooltip names it and gives its beds.
  const big = scenario.facilities.reduce((a, b) => (b.beds > a.beds ? b : a));
  let p = await mapPixel(page, big.location);
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector('[data-testid="map-tooltip"]');
  const tip = await page.textContent('[data-testid="map-tooltip"]');
  // The marker drawn on top there: the hospital or one sharing its spot.
  const near = scenario.facilities.filter((f) => Math.hypot(f.location[0] - big.location[0], f.location[1] - big.location[1]) < 0.05);
  assert.ok(near.some((f) => tip.includes(f.name) && tip.replace(/,/g, '').includes(String(Math.round(f.beds)))), tip);
  // A zone far from any marker: its id, population and minutes.
  const clear = (z) => scenario.facilities.every((f) => Math.hypot(f.location[0] - z.location[0], f.location[1] - z.location[1]) > 0.04);
  const zone = scenario.zones.filter(clear).reduce((a, b) => (b.population > a.population ? b : a));
  p = await mapPixel(page, zone.location);
  await page.mouse.move(p.x + 1, p.y + 1);
  await page.waitForFunction((id) => document.querySelector('[data-testid="map-tooltip"]')?.textContent.includes(id), zone.id);
  const ztip = await page.textContent('[data-testid="map-tooltip"]');
  assert.ok(ztip.replace(/,/g, '').includes(String(Math.round(zone.population))), ztip);
  // Click the hospital: its 15-minute catchment is drawn; Escape clears it.
  p = await mapPixel(page, big.location);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="map"]').dataset.catchment) > 0, null, { timeout: 20000 });
  const zonesIn = await page.$eval('[data-testid="map"]', (c) => Number(c.dataset.catchment));
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector('[data-testid="map-tooltip"]');
  await page.locator('.map-panel').screenshot({ path: path.join(out, 'map-tooltip-catchment-zh.png') });
  assert.ok(zonesIn > 3 && zonesIn < scenario.zones.length, `${zonesIn} zones in the catchment`);
  // A hospital offering an emergency centre shows the centre's catchment
  // (rural / urban reach of the rule), and the legend says so.
  const CENTRES = ['chest_pain_centre', 'stroke_centre', 'trauma_centre', 'critical_maternal_centre', 'critical_neonatal_centre'];
  const legend = await page.textContent('[data-testid="map-legend"]');
  assert.equal(legend.includes('急救中心服务范围'), (big.services ?? []).some((s) => CENTRES.includes(s)), legend);
  await page.focus('[data-testid="map"]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('[data-testid="map"]').dataset.catchment === '0');
  // Shading by coverage: within / beyond colours; by E2SFCA: its blue ramp.
  await page.selectOption('[data-testid="layer-select"]', 'coverage');
  assert.deepEqual((await paintStats(page, { within: [49, 163, 84], beyond: [236, 112, 20] })).missing, []);
  await page.selectOption('[data-testid="layer-select"]', 'e2sfca');
  await page.waitForFunction(() => !document.querySelector('.map-busy'), null, { timeout: 20000 });
  const e2 = await paintStats(page, { e0: [240, 244, 250], e1: [198, 219, 239], e2: [158, 202, 225], e3: [107, 174, 214], e4: [49, 130, 189], e5: [8, 81, 156] });
  assert.ok(e2.missing.length <= 3, `E2SFCA classes missing: ${e2.missing}`);
  // Facilities off: no tier markers.
  await page.selectOption('[data-testid="layer-select"]', 'minutes');
  await page.uncheck('[data-testid="layer-facilities"]');
  assert.deepEqual((await paintStats(page, MARKERS)).missing.sort(), Object.keys(MARKERS).sort());
  await page.check('[data-testid="layer-facilities"]');
  assert.deepEqual((await paintStats(page, MARKERS)).missing, []);
  await page.screenshot({ path: path.join(out, 'map-layers-zh-1366.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('charts: access curve before/after, ratios, secondments; the trade-off curve loads a plan per point', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await optimise(page);
  for (const id of ['plan-curve', 'ratio-chart']) {
    await page.waitForSelector(`[data-testid="${id}"][data-drawn]`);
  }
  const sec = await page.$('[data-testid="secondment-chart"]:not([hidden])');
  if (sec) await page.waitForSelector('[data-testid="secondment-chart"][data-drawn]');
  const t = Date.now();
  await page.click('[data-testid="tradeoff-build"]');
  await page.waitForSelector('[data-testid="tradeoff-status"][data-state="running"]');
  await page.waitForSelector('[data-testid="tradeoff-status"][data-state="done"]', { timeout: 240000 });
  const sweepMs = Date.now() - t;
  const pts = await page.$$eval('[data-testid="tradeoff-points"] button', (b) => b.map((x) => ({ cost: Number(x.dataset.cost), cov: Number(x.dataset.coverage), kind: x.dataset.kind })));
  const labels = pts;
  assert.ok(pts.length >= 5, JSON.stringify(pts));
  // In cost order; coverage levels never cost less for more coverage; the floor point first.
  assert.deepEqual(pts.map((x) => x.cost), [...pts.map((x) => x.cost)].sort((a, b) => a - b));
  assert.equal(pts[0].kind, 'point_floor');
  const levels = pts.filter((x) => x.kind === 'point_level');
  assert.ok(levels.length >= 3 && levels.every((x, i) => i === 0 || x.cov >= levels[i - 1].cov - 1e-9), JSON.stringify(levels));
  // The floor matches the CLI: least cost with the coverage target off.
  const floorScenario = JSON.parse(demo.toString());
  floorScenario.policy.coverage.share = 0;
  const floorCli = JSON.parse(execFileSync(cli, ['solve', '-', '--json'], { input: JSON.stringify(floorScenario), maxBuffer: 64 << 20 }));
  assert.ok(Math.abs(floorCli.result.cost_yuan - pts[0].cost) < 1, `${floorCli.result.cost_yuan} vs ${pts[0].cost}`);
  // Loading a point shows its plan: the status quotes its cost.
  const scenariosBefore = await page.$$eval('[data-testid="scenario-select"] option', (o) => o.length);
  for (const i of [0, labels.length - 1]) {
    await page.click(`[data-testid="tradeoff-point-${i}"]`);
    await page.waitForFunction((want) => {
      const text = document.querySelector('[data-testid="solve-status"]')?.textContent ?? '';
      return (text.match(/\d[\d,]{6,}/g) ?? []).some((n) => Math.abs(Number(n.replace(/,/g, '')) - want) <= 1);
    }, pts[i].cost);
    assert.ok(await page.isVisible('[data-testid="verified-badge"]'), `point ${i} verified`);
  }
  // Each point opened as a scenario of its own; the planner's scenario is still there.
  assert.equal(await page.$$eval('[data-testid="scenario-select"] option', (o) => o.length), scenariosBefore + 2);
  assert.match(await page.$eval('[data-testid="scenario-select"]', (s) => s.selectedOptions[0].textContent), /· \d+\.\d\d%$/);
  await page.waitForSelector('[data-testid="tradeoff-chart"][data-drawn]');
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') await page.click('[data-testid="lang-switch"]');
    await page.screenshot({ path: path.join(out, `charts-${lang}-1366.png`), fullPage: true });
    await page.locator('[data-testid="plan-charts"]').screenshot({ path: path.join(out, `plan-charts-${lang}.png`) });
    await page.locator('[data-testid="tradeoff-panel"]').screenshot({ path: path.join(out, `tradeoff-${lang}.png`) });
  }
  console.log(`     trade-off curve: ${labels.length} points in ${sweepMs} ms`);
  const timings = JSON.parse(fs.readFileSync(path.join(out, 'dashboard-timings.json'), 'utf8'));
  fs.writeFileSync(path.join(out, 'dashboard-timings.json'), JSON.stringify({ ...timings, tradeoff_ms: sweepMs, tradeoff_points: labels.length }));
  assert.deepEqual(problems, []);
  await context.close();
});

test('what-if: sliders show cost and coverage while dragging; release brings the exact plan', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await optimise(page);
  const t0 = Date.now();
  await page.waitForSelector('[data-testid="whatif-status"][data-state="done"]', { timeout: 300000 });
  const sweepMs = Date.now() - t0;
  const ticks = (key) => page.$$eval(`#whatif-ticks-${key} option`, (o) => o.map((x) => Number(x.value)));
  const drag = (key, v) => page.$eval(`[data-testid="whatif-${key}"]`, (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, v);
  const figures = () => page.evaluate(() => Object.fromEntries(['whatif-cost', 'whatif-coverage'].map((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return [id, { state: el.dataset.state, low: Number(el.dataset.low), high: Number(el.dataset.high), text: el.textContent }];
  })));
  for (const key of ['coverage-share', 'beds-per-1000', 'budget']) {
    const tk = await ticks(key);
    assert.ok(tk.length >= 2, `${key}: ${tk}`);
    assert.ok(await page.isEnabled(`[data-testid="whatif-${key}"]`), key);
    // On a breakpoint the figures are exact; between two, an interval.
    await drag(key, tk[0]);
    let f = await figures();
    assert.equal(f['whatif-cost'].state, 'exact', `${key} at ${tk[0]}: ${JSON.stringify(f)}`);
    assert.equal(f['whatif-cost'].low, f['whatif-cost'].high);
    const step = Number(await page.getAttribute(`[data-testid="whatif-${key}"]`, 'step'));
    const mid = Math.round((tk[0] + tk[1]) / 2 / step) * step;
    if (mid > tk[0] + step / 2 && mid < tk[1] - step / 2) {
      await drag(key, mid);
      f = await figures();
      assert.equal(f['whatif-cost'].state, 'between', `${key} at ${mid}: ${JSON.stringify(f)}`);
      assert.ok(f['whatif-cost'].low <= f['whatif-cost'].high && f['whatif-coverage'].low <= f['whatif-coverage'].high, JSON.stringify(f));
      assert.match(f['whatif-cost'].text, /–/);
    }
  }
  // Drag the coverage target between two breakpoints and release: the exact
  // plan arrives, costs what the CLI says at that share, and lies in the interval.
  const tk = await ticks('coverage-share');
  const i = tk.length - 2;
  const share = Math.round((tk[i] + tk[i + 1]) / 2 * 1000) / 1000;
  await drag('coverage-share', share);
  const during = await figures();
  await page.evaluate(() => { document.querySelector('[data-testid="solve-status"]').dataset.old = '1'; });
  const t1 = Date.now();
  await page.$eval('[data-testid="whatif-coverage-share"]', (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
  await page.waitForSelector('[data-testid="solve-status"][data-status]:not([data-old])', { timeout: 60000 });
  const releaseMs = Date.now() - t1;
  assert.equal(await page.getAttribute('[data-testid="solve-status"]', 'data-status'), 'optimal');
  assert.ok(await page.isVisible('[data-testid="verified-badge"]'), 'released plan verified');
  const scenario = JSON.parse(demo.toString());
  scenario.policy.objective = { kind: 'least_cost' };
  scenario.policy.coverage.enabled = true;
  scenario.policy.coverage.share = share;
  const cliR = JSON.parse(execFileSync(cli, ['solve', '-', '--json'], { input: JSON.stringify(scenario), maxBuffer: 64 << 20 }));
  const text = (await page.textContent('[data-testid="solve-status"]')).replace(/\s/g, '');
  assert.ok(text.includes(group(cliR.result.cost_yuan)), `${text} vs ${cliR.result.cost_yuan}`);
  const c = during['whatif-cost'];
  assert.ok(c.low - 1 <= cliR.result.cost_yuan && cliR.result.cost_yuan <= c.high + 1, `${cliR.result.cost_yuan} outside ${c.low}–${c.high}`);
  // The form follows the slider.
  assert.equal(Number(await page.inputValue('[data-testid="field-coverage_share"]')), Math.round(share * 1000) / 10);
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') await page.click('[data-testid="lang-switch"]');
    await page.locator('[data-testid="whatif-panel"]').screenshot({ path: path.join(out, `whatif-${lang}.png`) });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('[data-testid="whatif-panel"]').screenshot({ path: path.join(out, 'whatif-en-390.png') });
  console.log(`     what-if curves: ${sweepMs} ms; exact plan on release: ${releaseMs} ms`);
  // The target is < 1 s on the demo; measured 1.9 s here (reported,
  // not yet met). This bound catches a release that re-runs the whole sweep.
  assert.ok(releaseMs < 10000, `exact plan on release took ${releaseMs} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare: two scenarios side by side; plans survive a reload', async (browser, origin) => {
  const { context, page, problems } = await openPage(browser, origin);
  await page.waitForSelector('[data-testid="scenario-select"] option', { state: 'attached' });
  await optimise(page);
  await page.click('[data-testid="scenario-duplicate"]');
  await setField(page, 'beds_per_1000', 7.5);
  await optimise(page);
  await page.waitForTimeout(300);
  // Reload: the open scenario comes back with its plan.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid="indicator-table"]', { timeout: 30000 });
  assert.ok(await page.isVisible('[data-testid="verified-badge"]'));
  const ids = await page.$$eval('[data-testid="compare-select"] option', (o) => o.map((x) => x.value).filter(Boolean));
  assert.ok(ids.length >= 1);
  await page.selectOption('[data-testid="compare-select"]', ids[0]);
  await page.waitForSelector('[data-testid="compare-table"]');
  await page.waitForSelector('[data-testid="compare-map-a"][data-drawn]');
  await page.waitForSelector('[data-testid="compare-map-b"][data-drawn]');
  // The two maps zoom together.
  const scaleOf = (id) => page.$eval(`[data-testid="${id}"]`, (c) => Number(c.dataset.view.split(' ')[3]));
  const [sa0, sb0] = [await scaleOf('compare-map-a'), await scaleOf('compare-map-b')];
  await page.locator('[data-testid="compare-map-a"]').hover();
  await page.mouse.wheel(0, -400);
  await page.waitForFunction(([a0, b0]) => {
    const s = (id) => Number(document.querySelector(`[data-testid="${id}"]`).dataset.view.split(' ')[3]);
    return s('compare-map-a') > a0 * 1.3 && Math.abs(s('compare-map-b') / b0 - s('compare-map-a') / a0) < 1e-6;
  }, [sa0, sb0]);
  await page.dblclick('[data-testid="compare-map-b"]');
  await page.waitForFunction((a0) => Math.abs(Number(document.querySelector('[data-testid="compare-map-a"]').dataset.view.split(' ')[3]) - a0) < 1e-6, sa0);
  const rows = await page.$$eval('[data-testid="compare-table"] tbody tr', (r) => r.map((x) => x.textContent));
  assert.equal(rows.length, expected.units.length + 1);
  // A (open: 7.5 beds per 1,000) against B (7.0): each meets its own target, A costs more.
  const beds = await page.$$eval('[data-testid="compare-table"] tbody tr:not(.total) td:nth-child(6)', (c) => c.map((x) => x.textContent.split('→').map(Number)));
  assert.ok(beds.every(([a, b]) => a >= 7.5 - 1e-9 && b >= 7.0 - 1e-9), JSON.stringify(beds));
  assert.ok(beds.some(([a, b]) => a > b), JSON.stringify(beds));
  const [ca, cb] = (await page.textContent('[data-testid="compare-table"] tr.total td:nth-child(2)')).replace(/,/g, '').split('→').map(Number);
  assert.ok(ca > cb, `cost A ${ca} vs B ${cb}`);
  await page.screenshot({ path: path.join(out, 'compare-zh-1366.png'), fullPage: true });
  await page.click('[data-testid="lang-switch"]');
  await page.screenshot({ path: path.join(out, 'compare-en-1366.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [name, fn] of hardeningTests({ openPage, setField, assert, out, path })) test(name, fn);
for (const [name, fn] of importTests({ openPage, assert, out, path, optimise })) test(name, fn);
for (const [name, fn] of solverTests({ openPage, assert, out, path })) test(name, fn);
for (const [name, fn] of portalTests({ assert, out, path, repo })) test(name, fn);

const dist = path.join(repo, 'dist');
assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
const { server, origin } = await serve(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
let failed = 0;
const t0 = Date.now();
// E2E_ONLY=<regex> runs only the tests whose name matches (for work on one view).
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
const chosen = tests.filter((t) => !only || only.test(t.name));
for (const { name, fn } of chosen) {
  const t = Date.now();
  try {
    await fn(browser, origin);
    console.log(`ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.stack ?? e).split('\n').join('\n     ')}`);
  }
}
await browser.close();
server.close();
console.log(`\n${chosen.length - failed} passed, ${failed} failed in ${Date.now() - t0} ms; screenshots in ${path.relative(repo, out)}/`);
process.exit(failed ? 1 : 0);
