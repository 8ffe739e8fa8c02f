import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's folder: the nearest folder above this file whose package.json is Kafiil's. The same answer when
 * the code runs from its sources (src/platform/paths.ts, through tsx) and from the built bundle (dist/main.js,
 * scripts/build.mjs), so the files read at run time (migrations, public/, fonts, seeds, fixtures) are found from both.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'kafiil') return dir;
    } catch {
      // no package.json here, or not ours: look further up
    }
    if (path.dirname(dir) === dir) throw new Error(`no Kafiil package.json above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. `fromRoot('drizzle')`. */
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
