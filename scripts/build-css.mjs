// Builds public/app.css from src/web/styles/app.css with the Tailwind CLI (offline, < 1 s).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
fs.mkdirSync(path.join(root, 'public'), { recursive: true });
const bin = path.join(root, 'node_modules/.bin/tailwindcss');
const r = spawnSync(bin, ['-i', 'src/web/styles/app.css', '-o', 'public/app.css', '--minify'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'pipe'],
});
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(r.status ?? 1);
}
