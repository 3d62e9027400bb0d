// Trunk post-build hook: writes the page's Content-Security-Policy into the
// built index.html. The policy allows nothing outside the page's origin and no
// inline script except the ones Trunk generated (its module loader, and the
// autoreload snippet under `trunk serve`), each allowed by its SHA-256 hash.
// Runs with TRUNK_STAGING_DIR set (see Trunk.toml [[hooks]]).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('csp.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)'); process.exit(1); }
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const PLACEHOLDER = '__HEALTHREACH_CSP__';
if (!html.includes(PLACEHOLDER)) { console.error(`csp.mjs: ${file} has no ${PLACEHOLDER} meta tag`); process.exit(1); }

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  const [, attrs, body] = m;
  if (/\bsrc\s*=/.test(attrs) || body.length === 0) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  // Leptos and the charts set style attributes; no style comes from elsewhere.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace(PLACEHOLDER, policy);
fs.writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script(s) hashed into the Content-Security-Policy`);
