// End-to-end tests of the doors a hostile or unlucky user reaches: the
// Content-Security-Policy, a hostile share link, a corrupted stored record,
// and two tabs editing the same scenario. Registered by run.mjs.
import zlib from 'node:zlib';
import fs from 'node:fs';

const sharePayload = (obj) => zlib.deflateRawSync(Buffer.from(JSON.stringify(obj))).toString('base64url');

// IndexedDB helpers run inside the page (database and stores of src/ui/store.rs).
const idb = {
  put: (page, store, key, value) => page.evaluate(([store, key, value]) => new Promise((res, rej) => {
    const open = indexedDB.open('healthreach');
    open.onsuccess = () => {
      const tx = open.result.transaction(store, 'readwrite');
      tx.objectStore(store).put(value, key);
      tx.oncomplete = () => { open.result.close(); res(); };
      tx.onerror = () => rej(tx.error);
    };
    open.onerror = () => rej(open.error);
  }), [store, key, value]),
  all: (page, store) => page.evaluate((store) => new Promise((res, rej) => {
    const open = indexedDB.open('healthreach');
    open.onsuccess = () => {
      const s = open.result.transaction(store).objectStore(store);
      const keys = s.getAllKeys();
      const values = s.getAll();
      values.onsuccess = () => { open.result.close(); res(keys.result.map((k, i) => [k, values.result[i]])); };
      values.onerror = () => rej(values.error);
    };
    open.onerror = () => rej(open.error);
  }), store),
};

const fieldValue = (page, key) => page.inputValue(`[data-testid="field-${key}"]`);
const waitField = (page, key, value, timeout = 10000) => page.waitForFunction(
  ([key, value]) => document.querySelector(`[data-testid="field-${key}"]`)?.value === value, [key, value], { timeout });
const currentRecord = async (page) => {
  const id = await page.evaluate(() => localStorage.getItem('healthreach.current'));
  const rows = await idb.all(page, 'scenarios');
  const row = rows.find(([k]) => k === id) ?? rows[0];
  return { key: row[0], record: JSON.parse(row[1]) };
};
const waitSaved = (page, key, pred, timeout = 10000) => page.waitForFunction(async ([key, src]) => {
  const pred = new Function('r', `return (${src})(r)`);
  const rec = await new Promise((res) => {
    const open = indexedDB.open('healthreach');
    open.onsuccess = () => {
      const g = open.result.transaction('scenarios').objectStore('scenarios').get(key);
      g.onsuccess = () => { open.result.close(); res(g.result && JSON.parse(g.result)); };
    };
  });
  return rec && pred(rec);
}, [key, pred.toString()], { timeout, polling: 200 });

export function hardeningTests({ openPage, setField, assert, out, path }) {
  const tests = [];
  const test = (name, fn) => tests.push([name, fn]);

  test('security: a Content-Security-Policy allows nothing outside the origin and blocks unhashed inline script', async (browser, origin) => {
    const { context, page, problems } = await openPage(browser, origin);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+/);
    assert.doesNotMatch(csp, /unsafe-inline'[^;]*;\s*style-src/, 'no unsafe-inline for scripts');
    assert.doesNotMatch(csp.split(';').find((d) => d.trim().startsWith('script-src')), /unsafe-inline|\*|https?:/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    // An injected inline script does not run, and the browser reports why.
    const verdict = await page.evaluate(() => new Promise((res) => {
      document.addEventListener('securitypolicyviolation', (e) => res(`blocked by ${e.effectiveDirective}`), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      setTimeout(() => res(window.__injected ? 'ran' : 'no report'), 3000);
    }));
    assert.match(verdict, /^blocked by script-src/);
    assert.equal(await page.evaluate(() => window.__injected ?? false), false);
    // The app itself ran under the policy: painted, solved nothing yet, no other violation.
    assert.deepEqual(problems.filter((p) => !/inline script/.test(p)), []);
    await context.close();
  });

  test('share links: a hostile link is refused naming each field; an oversized one is called too long, not damaged', async (browser, origin) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const problems = [];
    const openAt = async (url) => {
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('[data-testid="map"][data-drawn]', { timeout: 30000 });
      return page;
    };
    const hostile = sharePayload({
      format: 'healthreach-share/1', region: '渭南市', name: '<img src=x onerror=alert(1)>',
      policy: { coverage: { share: -0.5, minutes: -5 }, ratios: { beds_per_1000: 1e308 } },
    });
    const page = await openAt(`${origin}/#s=${hostile}`);
    await page.waitForSelector('[data-testid="share-error"]');
    const paths = await page.$$eval('[data-testid="share-error"] li', (l) => l.map((x) => x.dataset.path));
    for (const p of ['$.policy.coverage.share', '$.policy.coverage.minutes', '$.policy.ratios.beds_per_1000']) {
      assert.ok(paths.includes(p), `${p} named: ${paths.join(', ')}`);
    }
    const text = await page.textContent('[data-testid="share-error"]');
    assert.match(text, /比例 -0\.5 不在 0–1 之间/);
    assert.equal(await page.$('[data-testid="share-restored"]'), null);
    // Nothing of the link reached the settings: the fields show the stored scenario's values.
    await page.waitForSelector('[data-testid="field-coverage_share"]');
    assert.notEqual(await fieldValue(page, 'coverage_share'), '-50');
    assert.notEqual(await fieldValue(page, 'beds_per_1000'), 'inf');
    const names = await page.$$eval('[data-testid="scenario-select"] option', (o) => o.map((x) => x.textContent));
    assert.ok(!names.some((n) => n.includes('onerror')), names.join('|'));
    await page.screenshot({ path: path.join(out, 'share-refused-zh-1366.png') });
    await page.click('[data-testid="lang-switch"]');
    assert.match(await page.textContent('[data-testid="share-error"]'), /share -0\.5 is outside 0–1/);
    await page.screenshot({ path: path.join(out, 'share-refused-en-1366.png') });
    await page.click('[data-testid="lang-switch"]');
    // Over the size cap.
    const long = await openAt(`${origin}/#s=${'A'.repeat(100000)}`);
    await long.waitForSelector('[data-testid="share-error"]');
    const said = await long.textContent('[data-testid="share-error"]');
    assert.match(said, /过长/);
    assert.doesNotMatch(said, /损坏/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('storage: a corrupted stored record is kept aside with a notice and a raw download; the rest loads and saves', async (browser, origin) => {
    const { context, page, problems } = await openPage(browser, origin);
    await page.waitForSelector('[data-testid="scenario-select"] option', { state: 'attached' });
    await setField(page, 'release_share', 15);
    const { key } = await currentRecord(page);
    await waitSaved(page, key, (r) => Math.abs(r.policy.secondment.source_release_share - 0.15) < 1e-9);
    const broken = '{"id": "s9999999999998", "name": "半截';
    const invalid = JSON.stringify({ id: 's9999999999999', name: '坏设置', region: '渭南市', policy: { coverage: { share: -0.5 } }, updated_ms: 0 });
    await idb.put(page, 'scenarios', 's9999999999998', broken);
    await idb.put(page, 'scenarios', 's9999999999999', invalid);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-testid="storage-notice"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="storage-notice"]').length === 2);
    const notice = await page.textContent('[data-testid="scenario-bar"]');
    assert.match(notice, /无法读取/);
    assert.match(notice, /coverage\.share/);
    // The good scenario loaded with its edit; the bad ones are not offered.
    await waitField(page, 'release_share', '15');
    const names = await page.$$eval('[data-testid="scenario-select"] option', (o) => o.map((x) => x.textContent));
    assert.ok(!names.includes('坏设置'), names.join('|'));
    // Kept aside as they were, and downloadable raw.
    const aside = await idb.all(page, 'unreadable');
    assert.deepEqual(aside.map(([, v]) => v).sort(), [broken, invalid].sort());
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="storage-download-raw"] >> nth=0')]);
    const raw = fs.readFileSync(await dl.path(), 'utf8');
    assert.ok(raw === broken || raw === invalid, raw);
    await page.screenshot({ path: path.join(out, 'storage-notice-zh-1366.png') });
    // Editing still saves; a reload keeps the notice (nothing was overwritten).
    await setField(page, 'release_share', 16);
    await waitSaved(page, key, (r) => Math.abs(r.policy.secondment.source_release_share - 0.16) < 1e-9);
    const saveState = await page.textContent('[data-testid="save-state"]');
    assert.match(saveState, /自动保存/);
    assert.doesNotMatch(saveState, /失败/);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="storage-notice"]').length === 2);
    // Discarding one asks first.
    page.once('dialog', (d) => d.accept());
    await page.click('[data-testid="storage-discard"] >> nth=0');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="storage-notice"]').length === 1);
    assert.equal((await idb.all(page, 'unreadable')).length, 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('tabs: two tabs editing one scenario lose no edit; a true conflict is shown and the planner chooses', async (browser, origin) => {
    const first = await openPage(browser, origin);
    const a = first.page;
    const b = await first.context.newPage();
    const bProblems = [];
    b.on('console', (m) => { if (m.type() === 'error') bProblems.push(m.text()); });
    b.on('pageerror', (e) => bProblems.push(e.message));
    await b.goto(origin + '/', { waitUntil: 'load' });
    await b.waitForSelector('[data-testid="map"][data-drawn]', { timeout: 30000 });
    await a.waitForSelector('[data-testid="scenario-select"] option', { state: 'attached' });
    await b.waitForSelector('[data-testid="scenario-select"] option', { state: 'attached' });
    const { key } = await currentRecord(a);
    // An edit in A reaches B; an edit of another field in B reaches A.
    await setField(a, 'coverage_share', 85);
    await waitField(b, 'coverage_share', '85');
    await setField(b, 'beds_per_1000', 7.5);
    await waitField(a, 'beds_per_1000', '7.5');
    await waitSaved(a, key, (r) => r.policy.coverage.share === 0.85 && r.policy.ratios.beds_per_1000 === 7.5);
    await b.waitForSelector('[data-testid="tab-notice"]');
    await b.screenshot({ path: path.join(out, 'tabs-merged-zh-1366.png') });
    // A write that no tab announced (as from a tab that was asleep) changes the
    // same field B is about to change: B must not overwrite it blindly.
    const { record } = await currentRecord(a);
    record.policy.coverage.share = 0.7;
    record.rev += 1;
    await idb.put(a, 'scenarios', key, JSON.stringify(record));
    await setField(b, 'coverage_share', 75);
    await b.waitForSelector('[data-testid="tab-conflict"]');
    assert.match(await b.textContent('[data-testid="tab-conflict"]'), /覆盖|coverage/i);
    await b.screenshot({ path: path.join(out, 'tabs-conflict-zh-1366.png') });
    // Until the planner chooses, the other edit stays stored.
    assert.equal((await currentRecord(a)).record.policy.coverage.share, 0.7);
    await b.click('[data-testid="conflict-keep-mine"]');
    await waitSaved(b, key, (r) => r.policy.coverage.share === 0.75 && r.policy.ratios.beds_per_1000 === 7.5);
    await waitField(a, 'coverage_share', '75');
    assert.equal(await fieldValue(b, 'coverage_share'), '75');
    // Both survive a reload of either tab.
    await a.reload({ waitUntil: 'load' });
    await waitField(a, 'coverage_share', '75');
    await waitField(a, 'beds_per_1000', '7.5');
    assert.deepEqual(first.problems, []);
    assert.deepEqual(bProblems, []);
    await first.context.close();
  });

  return tests;
}
