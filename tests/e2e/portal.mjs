// End-to-end tests of the transparency portal (`healthreach publish`): the
// folder edition served from a sub-path, the single file from file://, a
// county permalink, re-check in the viewer's browser (match, and a tampered
// plan named), scenario text shown as text, no request outside the bundle,
// axe-core on every view in both languages at 1366 × 768 and 390 px, keyboard
// reach, byte-identical bundles, the single file's size and the first render.
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { serve } from './server.mjs';

const BYTES_LIMIT = 3_000_000;

export function portalTests({ assert, out, path, repo }) {
  const cli = path.join(repo, 'target/release/healthreach');
  const require = createRequire(path.join(repo, 'scripts/package.json'));
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  let work = null;
  // Publishes the demo's optimal plan once (CLI), for every test here.
  const published = () => {
    if (work) return work;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-portal-'));
    const scenario = path.join(dir, 'demo.json');
    fs.writeFileSync(scenario, execFileSync(cli, ['demo'], { maxBuffer: 64 << 20 }));
    const plan = path.join(dir, 'plan.json');
    execFileSync(cli, ['solve', scenario, '--out', plan], { maxBuffer: 64 << 20 });
    const site = path.join(dir, 'site');
    const folder = path.join(site, 'published', 'plan-2026');
    fs.mkdirSync(path.dirname(folder), { recursive: true });
    const single = path.join(dir, 'portal.html');
    const args = [scenario, plan, '--out', folder, '--single-file', single,
      '--title', '渭南市医疗资源下沉规划（公示）', '--publisher', '渭南市卫生健康委员会', '--date', '2026-12-01'];
    const t = Date.now();
    execFileSync(cli, ['publish', ...args], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    const publishMs = Date.now() - t;
    // A second publish of the same inputs, for the byte-identical check.
    const folder2 = path.join(dir, 'again');
    const single2 = path.join(dir, 'again.html');
    execFileSync(cli, ['publish', scenario, plan, '--out', folder2, '--single-file', single2,
      '--title', '渭南市医疗资源下沉规划（公示）', '--publisher', '渭南市卫生健康委员会', '--date', '2026-12-01'],
    { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    const publication = JSON.parse(fs.readFileSync(path.join(folder, 'data/publication.json'), 'utf8'));
    work = { dir, scenario, plan, site, folder, single, folder2, single2, manifest, publication, publishMs };
    return work;
  };

  const listFiles = (root) => {
    const outList = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p); else outList.push(path.relative(root, p));
      }
    };
    walk(root);
    return outList.sort();
  };

  // Opens a portal page, recording every request and every error.
  async function openPortal(browser, url, { viewport = { width: 1366, height: 768 }, allowed, bypassCSP = false, locale = 'zh-CN', ready = '[data-testid="portal"] [data-testid="portal-headline"]' } = {}) {
    const context = await browser.newContext({ viewport, bypassCSP, locale });
    // First meaningful render: when the headline's first figure enters the DOM
    // (time since navigation start), recorded in the page itself.
    await context.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid="portal-headline"] dd')) {
          window.__firstRender = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); d.dismiss(); });
    page.on('request', (r) => {
      const u = r.url();
      requests.push(u);
      if (!allowed(u) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request outside the bundle: ${u}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector(ready, { timeout: 30000 });
    const firstRenderMs = await page.evaluate(() => window.__firstRender);
    return { context, page, problems, requests, firstRenderMs };
  }

  async function axe(page, label) {
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(found, [], `axe-core on ${label}`);
  }

  // Long tasks (> 50 ms) on the page's main thread from now on, kept in the page.
  const watchLongTasks = (page) => page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });

  // Clicks (or, with `press`, presses Enter on) the re-check button and waits
  // for the verdict: the progress shows meanwhile, and no main-thread task
  // over 100 ms runs from the click to the verdict (the work is the worker's).
  async function recheck(page, { press = false } = {}) {
    await watchLongTasks(page);
    const t0 = Date.now();
    if (press) await page.keyboard.press('Enter');
    else await page.click('[data-testid="portal-reproduce"]');
    await page.waitForSelector('[data-testid="recheck-progress"]', { timeout: 30000 });
    await page.waitForSelector('[data-testid="portal-reproduce-result"]', { timeout: 120000 });
    const ms = Date.now() - t0;
    const long = await page.evaluate(() => window.__longTasks);
    const worst = Math.max(0, ...long);
    console.log(`     re-check in ${ms} ms; main-thread long tasks meanwhile: ${long.length}, worst ${worst.toFixed(0)} ms`);
    assert.ok(worst <= 100, `a ${worst.toFixed(0)} ms task on the main thread during the re-check (${long.map((x) => x.toFixed(0)).join(', ')})`);
    assert.equal(await page.$('[data-testid="recheck-progress"]'), null, 'the progress goes when the verdict comes');
    return {
      match: await page.getAttribute('[data-testid="portal-reproduce-result"]', 'data-match'),
      equal: await page.getAttribute('[data-testid="portal-reproduce-result"]', 'data-equal-cost'),
      verified: await page.getAttribute('[data-testid="portal-reproduce-result"]', 'data-verified'),
      text: await page.textContent('[data-testid="portal-reproduce-result"]'),
    };
  }

  // Starts a re-check and cancels it while it runs: the page says so, shows
  // no verdict, and the button works again.
  async function cancelRecheck(page, shotName) {
    await page.click('[data-testid="portal-reproduce"]');
    await page.waitForSelector('[data-testid="recheck-progress"]', { timeout: 30000 });
    await page.$eval('[data-testid="recheck-progress"]', (e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(out, shotName) });
    await page.click('[data-testid="recheck-cancel"]');
    await page.waitForSelector('[data-testid="recheck-cancelled"]');
    assert.equal(await page.$('[data-testid="recheck-progress"]'), null);
    assert.equal(await page.$('[data-testid="portal-reproduce-result"]'), null);
    assert.equal(await page.isEnabled('[data-testid="portal-reproduce"]'), true);
  }

  // The re-check reproduces the published plan, or — the browser's HiGHS
  // (1.15.1) and the CLI's (1.15.0) may pick different plans among equally
  // cheap ones — an alternative of the same cost that the checker passes,
  // which the page names as such, decision by decision.
  function reproduced(r) {
    assert.equal(r.verified, 'true', r.text);
    if (r.match !== 'true') {
      assert.equal(r.equal, 'true', r.text);
      assert.match(r.text, /equally good alternative|同样最优的替代方案/, r.text);
      console.log('     re-check: an equally good alternative of the same cost (not the identical plan)');
    }
  }

  const tests = [];
  const test = (name, fn) => tests.push([name, fn]);

  test('portal: publish twice gives byte-identical bundles; the single file is under 3 MB', async () => {
    const w = published();
    const a = listFiles(w.folder);
    const b = listFiles(w.folder2);
    assert.deepEqual(a, b);
    for (const f of a) {
      assert.ok(fs.readFileSync(path.join(w.folder, f)).equals(fs.readFileSync(path.join(w.folder2, f))), `${f} differs`);
    }
    assert.ok(fs.readFileSync(w.single).equals(fs.readFileSync(w.single2)), 'the single files differ');
    const bytes = fs.statSync(w.single).size;
    console.log(`     single file ${bytes} bytes; publish took ${w.publishMs} ms`);
    assert.ok(bytes < BYTES_LIMIT, `single file ${bytes} bytes ≥ ${BYTES_LIMIT}`);
    for (const need of ['index.html', 'manifest.json', 'scenario.json', 'plan.json', 'downloads/decisions.csv', 'downloads/decisions.geojson']) {
      assert.ok(a.includes(need), `${need} in the folder`);
    }
    assert.equal(w.manifest.status, 'optimal');
    assert.equal(w.manifest.verified, true);
    assert.equal(w.manifest.date, '2026-12-01');
    assert.match(w.manifest.scenario_sha256, /^[0-9a-f]{64}$/);
    assert.match(w.manifest.plan_sha256, /^[0-9a-f]{64}$/);
  });

  test('portal: folder edition from a sub-path — headline, decisions, permalink, re-check matches, axe clean, zh/en', async (browser) => {
    const w = published();
    const { server, origin } = await serve(w.site);
    try {
      const base = `${origin}/published/plan-2026/`;
      const allowed = (u) => u.startsWith(base);
      const renders = [];
      for (const [locale, lang] of [['zh-CN', 'zh'], ['en-GB', 'en']]) {
        for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
          const o = await openPortal(browser, base, { viewport, allowed, locale, bypassCSP: true });
          renders.push(o.firstRenderMs);
          const htmlLang = await o.page.getAttribute('html', 'lang');
          assert.equal(htmlLang.startsWith(lang), true, `viewer's language first: ${htmlLang} for ${locale}`);
          const rows = await o.page.$$eval('[data-testid="portal-decisions"] tbody tr', (r) => r.length);
          assert.equal(rows, w.publication.report.decisions.length);
          await o.page.waitForSelector('[data-testid="map"][data-drawn]', { timeout: 30000 });
          await axe(o.page, `overview ${lang} ${viewport.width}px`);
          await o.page.screenshot({ path: path.join(out, `portal-${lang}-${viewport.width}.png`), fullPage: viewport.width > 400 });
          const unit = w.publication.report.decisions[0].unit_id;
          await o.page.goto(`${base}#/unit/${unit}`);
          await o.page.waitForSelector(`[data-testid="portal-unit"][data-unit="${unit}"]`);
          await axe(o.page, `unit page ${lang} ${viewport.width}px`);
          await o.page.screenshot({ path: path.join(out, `portal-unit-${lang}-${viewport.width}.png`), fullPage: false });
          assert.deepEqual(o.problems, []);
          await o.context.close();
        }
      }
      const first = Math.min(...renders);
      console.log(`     first meaningful render ${renders.map((x) => x.toFixed(0)).join(', ')} ms (best ${first.toFixed(0)} ms)`);
      assert.ok(first < 1000, `first render ${first} ms`);

      // With the CSP enforced: a county permalink opened directly, the language switch, re-check.
      const unit = w.publication.report.units[1].id;
      const o = await openPortal(browser, `${base}#/unit/${unit}`, { allowed, ready: `[data-testid="portal-unit"][data-unit="${unit}"]` });
      const zhTitle = await o.page.textContent('#unit-h');
      await o.page.click('[data-testid="lang-switch"]');
      await o.page.waitForFunction((t) => document.querySelector('#unit-h').textContent !== t, zhTitle);
      assert.equal(await o.page.getAttribute('html', 'lang'), 'en');
      await o.page.click('[data-testid="lang-switch"]');
      // Keyboard only, from a fresh page: Tab reaches the language switch and the re-check button.
      await o.page.goto('about:blank');
      await o.page.goto(`${base}#/recheck`);
      await o.page.waitForSelector('[data-testid="portal-reproduce"]');
      const reached = new Set();
      for (let i = 0; i < 800 && !reached.has('portal-reproduce'); i++) {
        await o.page.keyboard.press('Tab');
        const id = await o.page.evaluate(() => document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.testid : null);
        if (id) reached.add(id);
      }
      assert.ok(reached.has('lang-switch'), 'Tab reaches the language switch');
      assert.ok(reached.has('portal-reproduce'), 'Tab reaches the re-check button');
      const rr = await recheck(o.page, { press: true });
      console.log(`     re-check: ${rr.text.trim().slice(0, 160)}`);
      reproduced(rr);
      await o.page.screenshot({ path: path.join(out, 'portal-recheck-zh-1366.png') });
      // The print stylesheet: A4, navigation and controls hidden.
      await o.page.emulateMedia({ media: 'print' });
      assert.equal(await o.page.$eval('nav.views', (n) => getComputedStyle(n).display), 'none');
      const pdf = await o.page.pdf({ format: 'A4', printBackground: false });
      assert.ok(pdf.length > 10000, 'a printed PDF');
      await o.page.screenshot({ path: path.join(out, 'portal-print-zh.png'), fullPage: true });
      await o.page.emulateMedia({ media: 'screen' });
      assert.ok(o.requests.every(allowed_or_inline(base)), 'every request inside the bundle');
      assert.deepEqual(o.problems, []);
      await o.context.close();
    } finally {
      server.close();
    }
  });

  test('portal: the single file opens from file:// and re-checks with no request', async (browser) => {
    const w = published();
    const url = 'file://' + w.single;
    const o = await openPortal(browser, url, { allowed: (u) => u.split('#')[0] === url, locale: 'en-US' });
    console.log(`     single file first render ${o.firstRenderMs.toFixed(0)} ms`);
    await o.page.goto(url + '#/unit/' + w.publication.report.units[0].id);
    await o.page.waitForSelector('[data-testid="portal-unit"]');
    await o.page.goto(url + '#/recheck');
    await cancelRecheck(o.page, 'portal-recheck-progress-en-1366.png');
    const r = await recheck(o.page);
    reproduced(r);
    await o.page.screenshot({ path: path.join(out, 'portal-single-en-1366.png') });
    assert.deepEqual(o.problems, []);
    await o.context.close();
  });

  test('portal: a tampered plan file makes re-check report the mismatch and name the decision', async (browser) => {
    const w = published();
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-tampered-'));
    fs.cpSync(w.folder, site, { recursive: true });
    const planFile = path.join(site, 'plan.json');
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    assert.ok(plan.beds.length > 0, 'the demo plan adds beds');
    plan.beds[0].beds += 5;
    fs.writeFileSync(planFile, JSON.stringify(plan, null, 2));
    const scenario = JSON.parse(fs.readFileSync(w.scenario, 'utf8'));
    const name = scenario.facilities.find((f) => f.id === plan.beds[0].facility).name;
    const { server, origin } = await serve(site);
    try {
      const o = await openPortal(browser, origin + '/#/recheck', { allowed: (u) => u.startsWith(origin) });
      const r = await recheck(o.page);
      assert.equal(r.match, 'false', r.text);
      assert.ok(r.text.includes(name), `names ${name}: ${r.text}`);
      await o.page.screenshot({ path: path.join(out, 'portal-tampered-zh-1366.png') });
      assert.deepEqual(o.problems, []);
      await o.context.close();
    } finally {
      server.close();
    }
  });

  test('portal: names carrying markup are shown as text, never run', async (browser) => {
    const w = published();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-hostile-'));
    const s = JSON.parse(fs.readFileSync(w.scenario, 'utf8'));
    const plan = JSON.parse(fs.readFileSync(w.plan, 'utf8'));
    const target = plan.beds[0].facility;
    const evil = '<img src=x onerror="window.__pwned=1">"><script>window.__pwned=2</script>';
    s.facilities.find((f) => f.id === target).name = evil;
    s.admin_units[0].name = '<svg onload="window.__pwned=3">';
    const scenario = path.join(dir, 'hostile.json');
    fs.writeFileSync(scenario, JSON.stringify(s));
    const single = path.join(dir, 'hostile.html');
    execFileSync(cli, ['publish', scenario, w.plan, '--single-file', single, '--title', '<script>window.__pwned=4</script>', '--date', '2026-12-01'],
      { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = 'file://' + single;
    const o = await openPortal(browser, url, { allowed: (u) => u.split('#')[0] === url });
    assert.equal(await o.page.evaluate(() => window.__pwned ?? null), null);
    const table = await o.page.textContent('[data-testid="portal-decisions"]');
    assert.ok(table.includes(evil), 'the name is shown as written');
    assert.equal(await o.page.$$eval('[data-testid="portal"] img, [data-testid="portal"] svg', (n) => n.length), 0);
    assert.equal(await o.page.title(), '<script>window.__pwned=4</script>');
    assert.deepEqual(o.problems, []);
    await o.context.close();
  });

  test('portal: Publish in the app gives the bundle the CLI gives for the same plan', async (browser, origin) => {
    const w = published();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => { const u = r.url(); if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request outside origin: ${u}`); });
    await page.goto(origin + '/', { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="map"][data-drawn]', { timeout: 30000 });
    await page.click('[data-testid="optimise-button"]');
    await page.waitForSelector('[data-testid="solve-status"][data-status="optimal"]', { timeout: 60000 });
    await page.waitForSelector('[data-testid="publish-button"]');
    const panel = '[data-testid="publish-panel"]';
    await page.fill(`${panel} input[type="text"] >> nth=0`, '渭南市医疗资源下沉规划（公示）');
    await page.fill(`${panel} input[type="text"] >> nth=1`, '渭南市卫生健康委员会');
    await page.fill(`${panel} input[type="date"]`, '2026-12-01');
    const t = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 180000 }),
      page.click('[data-testid="publish-button"]'),
    ]);
    const file = path.join(w.dir, 'from-app.html');
    await download.saveAs(file);
    console.log(`     app publish → download ${Date.now() - t} ms, ${fs.statSync(file).size} bytes`);
    await page.waitForSelector('[data-testid="publish-status"][data-state="ready"]');
    await page.screenshot({ path: path.join(out, 'publish-panel-zh-1366.png') });
    const [zipDownload] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.click('[data-testid="publish-download-zip"]'),
    ]);
    const zipFile = path.join(w.dir, 'from-app.zip');
    await zipDownload.saveAs(zipFile);
    const names = execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(names, listFiles(w.folder), 'the zip holds the folder edition');
    assert.deepEqual(problems, []);
    await context.close();
    // Its manifest names the same scenario and plan as the CLI's.
    const html = fs.readFileSync(file, 'utf8');
    const m = html.match(/id="portal-publication" data-encoding="deflate-base64">([^<]*)</);
    assert.ok(m, 'the publication block');
    const { inflateSync } = await import('node:zlib');
    const pubn = JSON.parse(inflateSync(Buffer.from(m[1], 'base64')).toString('utf8'));
    assert.equal(pubn.manifest.scenario_sha256, w.manifest.scenario_sha256);
    // The app's plan (browser HiGHS 1.15.1) is the CLI's (native 1.15.0),
    // or an equally cheap alternative among tied optima.
    if (pubn.manifest.plan_sha256 !== w.manifest.plan_sha256) {
      assert.equal(pubn.manifest.cost_yuan, w.manifest.cost_yuan, 'an alternative must cost the same');
      console.log('     the app chose an equally cheap alternative plan to the CLI\'s');
    }
    assert.equal(pubn.manifest.status, 'optimal');
    assert.equal(pubn.manifest.verified, true);
    assert.equal(pubn.manifest.date, '2026-12-01');
    // And it opens and re-checks.
    const url = 'file://' + file;
    const o = await openPortal(browser, url, { allowed: (u) => u.split('#')[0] === url });
    await o.page.goto(url + '#/recheck');
    await cancelRecheck(o.page, 'portal-recheck-progress-en-1366.png');
    const r = await recheck(o.page);
    assert.equal(r.match, 'true', r.text);
    assert.deepEqual(o.problems, []);
    await o.context.close();
  });

  return tests;
}

// Requests the folder edition may make: its own files, and the page's data: and blob: URLs.
function allowed_or_inline(base) {
  return (u) => u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:');
}
