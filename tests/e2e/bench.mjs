// Runs the access benchmark compiled to WebAssembly (bench/index.html, built
// by `scripts/bench.sh`) in headless Chromium and prints its timings.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'scripts/package.json'));
const { chromium } = require('playwright-core');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `access`, `solve` (the solver table, HiGHS and microlp in one run) or
// `pmed` (OR-Library pmed1–40 with HiGHS, rows printed as they finish).
const which = process.argv[2] ?? 'access';
const { server, origin } = await serve(path.join(repo, which === 'access' ? 'dist-bench' : 'dist-bench-solve'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(origin + (which === 'pmed' ? '/?pmed' : '/'), { waitUntil: 'load' });
if (which === 'pmed') {
  // Live rows: one per instance as the worker finishes it.
  let shown = 0;
  while (!(await page.$('#results'))) {
    const rows = await page.$$eval('li.row', (l) => l.map((e) => e.textContent));
    for (; shown < rows.length; shown++) console.error(rows[shown]);
    const status = await page.textContent('#status');
    if (status.startsWith('Worker failed')) { console.error(status); process.exit(1); }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
await page.waitForSelector('#results', { timeout: 3600000 });
const results = JSON.parse(await page.textContent('#results'));
console.log(`${which} benchmark (WebAssembly, wasm-release profile, ${await browser.version()})`);
for (const r of results) console.log(`${r.ms.toFixed(1).padStart(10)} ms  ${r.step.padEnd(62)} check ${r.check}`);
await browser.close();
server.close();
if (errors.length) { console.error(errors); process.exit(1); }
