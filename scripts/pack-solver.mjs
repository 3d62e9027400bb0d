// Trunk post-build hook: writes solver/highs.wasm.br, HiGHS's WebAssembly
// compressed with Brotli (quality 11), into the build. The portal's
// single-file edition carries HiGHS in this form (the viewer decodes it with
// the brotli-decompressor crate), which keeps that file under 3 MB; the folder
// edition and the planner use solver/highs.wasm itself. Brotli at quality 11
// is deterministic: the same highs.wasm always gives the same bytes. The
// result is cached beside the npm package (about 15 s to make).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('pack-solver.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)'); process.exit(1); }
const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, 'node_modules/highs/build/highs.wasm');
const cache = source + '.br';
const wasm = fs.readFileSync(source);
const fresh = fs.existsSync(cache) && fs.statSync(cache).mtimeMs >= fs.statSync(source).mtimeMs;
if (!fresh) {
  const packed = zlib.brotliCompressSync(wasm, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: wasm.length,
    },
  });
  fs.writeFileSync(cache, packed);
}
const target = path.join(dir, 'solver', 'highs.wasm.br');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(cache, target);
console.log(`pack-solver.mjs: solver/highs.wasm.br ${fs.statSync(target).size} bytes (from ${wasm.length})`);
