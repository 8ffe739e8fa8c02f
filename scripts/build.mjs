// `node scripts/build.mjs`: compiles the server and the CLI to plain JavaScript (dist/main.js, dist/cli.js) with
// esbuild — one bundle each of Kafiil's own sources, the npm packages left as imports (packages: 'external'), so a
// start loads one file instead of transpiling hundreds through a loader. Files read at run time (migrations,
// public/, fonts, seeds) are found from the repository's folder (src/platform/paths.ts), so the bundles run in place.
// Skipped when dist/ is newer than every source file (`--force` builds anyway). Prints one line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const stamp = path.join(out, '.built');
const entries = { main: 'src/main.tsx', cli: 'src/cli.ts' };

/** The newest modification time among the sources the bundles are made of (and the build's own settings). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'])
    newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
  return newest;
}

const force = process.argv.includes('--force');
const fresh = !force && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource();
if (fresh) {
  console.log('build: dist/ is up to date');
} else {
  const started = Date.now();
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(root, v)])),
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  fs.writeFileSync(stamp, new Date().toISOString());
  console.log(`build: dist/main.js and dist/cli.js in ${Date.now() - started} ms`);
}
