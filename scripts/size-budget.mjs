// The first load's budget: the app's wasm and JavaScript, gzipped, must stay
// within BUDGET bytes (issue 28: ≤ 850 KB). Run after `trunk build --release`;
// prints each file's size and the total, exits 1 over budget.
//
//   node scripts/size-budget.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET = 850_000;
const dist = process.argv[2] ?? 'dist';
const names = fs.readdirSync(dist);
// Trunk names the app's files app-<hash>.js and app-<hash>_bg.wasm.
const first = names.filter((n) => /^app-[0-9a-f]+(\.js|_bg\.wasm)$/.test(n)).sort();
if (!first.some((n) => n.endsWith('.wasm')) || !first.some((n) => n.endsWith('.js'))) {
  console.error(`size-budget: no app-*.js and app-*_bg.wasm in ${dist} (found: ${names.join(', ')})`);
  process.exit(2);
}
let total = 0;
for (const n of first) {
  const raw = fs.readFileSync(path.join(dist, n));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${n}: ${raw.length.toLocaleString('en')} B, ${gz.toLocaleString('en')} B gzipped`);
}
console.log(`first load (app wasm + JS, gzipped): ${total.toLocaleString('en')} B; budget ${BUDGET.toLocaleString('en')} B`);
if (total > BUDGET) {
  console.error(`size-budget: the first load is ${(total - BUDGET).toLocaleString('en')} B over budget`);
  process.exit(1);
}
