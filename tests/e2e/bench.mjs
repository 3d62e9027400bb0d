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

const which = process.argv[2] ?? 'access';
const { server, origin } = await serve(path.join(repo, which === 'solve' ? 'dist-bench-solve' : 'dist-bench'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(origin + '/', { waitUntil: 'load' });
await page.waitForSelector('#results', { timeout: 900000 });
const results = JSON.parse(await page.textContent('#results'));
console.log(`${which} benchmark (WebAssembly, wasm-release profile, ${await browser.version()})`);
for (const r of results) console.log(`${r.ms.toFixed(1).padStart(10)} ms  ${r.step.padEnd(62)} check ${r.check}`);
await browser.close();
server.close();
if (errors.length) { console.error(errors); process.exit(1); }
