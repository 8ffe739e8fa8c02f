// `npm run -s check:imports`: the house's import rules (docs/architecture.md "Layers"), checked on every source
// file under src/ (tests may import the test helpers):
//   1. only main.tsx, cli.ts and the test helpers import app.ts;
//   2. platform/ imports nothing from web/ or modules/; web/ imports nothing from modules/;
//   3. a module reaches another module only through that module's index.ts;
//   4. no circle in the file graph, and none between modules (A → B → … → A);
//   5. only the admin module's audit search (modules/admin/service.ts: it joins usernames) uses src/schema.ts, the
//      every-table list kept for drizzle-kit; the legal export reads each module's part through its manifest.
// Prints each breach and the largest source files; exits 1 on a breach. `--graph` prints the module graph.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--src DIR` checks another tree laid out the same way (the script's own test uses it).
const srcArg = process.argv.indexOf('--src');
const src = srcArg > 0 ? path.resolve(process.argv[srcArg + 1]) : path.join(root, 'src');
const rel = (f) => path.relative(src, f).split(path.sep).join('/');

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const IMPORT_RE = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

const files = walk(src);
const isTest = (f) => /\.test\.tsx?$/.test(f);
const graph = new Map();
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  const deps = new Set();
  for (const re of [IMPORT_RE, DYNAMIC_RE]) {
    for (const m of text.matchAll(re)) {
      const spec = m[1];
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(f), spec);
      if (fs.existsSync(target) && fs.statSync(target).isFile()) deps.add(target);
    }
  }
  graph.set(f, deps);
}

const moduleOf = (f) => {
  const m = /^modules\/([^/]+)\//.exec(rel(f));
  return m ? m[1] : null;
};
const breaches = [];
const app = path.join(src, 'app.ts');
const allTables = path.join(src, 'schema.ts');
for (const [f, deps] of graph) {
  if (isTest(f)) continue;
  const r = rel(f);
  for (const d of deps) {
    const t = rel(d);
    if (d === app && !['main.tsx', 'cli.ts'].includes(r)) breaches.push(`${r} imports app.ts`);
    if (d === allTables && r !== 'modules/admin/service.ts')
      breaches.push(`${r} imports schema.ts (every table): read through the owning module`);
    if (r.startsWith('platform/') && (t.startsWith('web/') || t.startsWith('modules/'))) breaches.push(`${r} (platform) imports ${t}`);
    if (r.startsWith('web/') && t.startsWith('modules/')) breaches.push(`${r} (web) imports ${t}`);
    const [a, b] = [moduleOf(f), moduleOf(d)];
    if (a && b && a !== b && t !== `modules/${b}/index.ts`) breaches.push(`${r} reaches into ${t} (use modules/${b}/index.ts)`);
  }
}

// Circles among source files (tests left out: nothing imports a test), one line per strongly connected part.
function components(nodes, edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || edges(v).includes(v)) out.push(comp);
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}
const sources = files.filter((f) => !isTest(f));
const fileCircles = components(sources, (v) => [...(graph.get(v) ?? [])].filter((d) => !isTest(d)));
for (const c of fileCircles) breaches.push(`file circle: ${c.map(rel).sort().join(' ⇄ ')}`);

const modGraph = new Map();
for (const f of sources) {
  const a = moduleOf(f);
  if (!a) continue;
  if (!modGraph.has(a)) modGraph.set(a, new Set());
  for (const d of graph.get(f)) {
    const b = moduleOf(d);
    if (b && b !== a) modGraph.get(a).add(b);
  }
}
const modCircles = components([...modGraph.keys()], (v) => [...(modGraph.get(v) ?? [])]);
for (const c of modCircles) breaches.push(`module circle: ${c.sort().join(' ⇄ ')}`);

if (process.argv.includes('--graph')) {
  for (const [m, deps] of [...modGraph].sort()) console.log(`${m} → ${[...deps].sort().join(', ') || '—'}`);
}
const sizes = sources
  .map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length - 1])
  .sort((x, y) => y[1] - x[1])
  .slice(0, 5);
console.log(`largest source files: ${sizes.map(([f, n]) => `${f} ${n}`).join(', ')}`);
console.log(`${files.length} files; ${fileCircles.length} file circles; ${modCircles.length} module circles; ${breaches.length} breaches`);
for (const b of breaches) console.log(`  ✗ ${b}`);
process.exit(breaches.length ? 1 : 0);
