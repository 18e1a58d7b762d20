// Writes .gz and .br copies of the built app's text and wasm files, so the server
// sends them compressed at the highest level without compressing per request.
// Run by trunk after each build (TRUNK_STAGING_DIR), or with a directory argument.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}

function* files(d) {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(wasm|bin|js|css|html|svg|json)$/.test(name)) yield path;
  }
}

for (const path of files(dir)) {
  const raw = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
}
