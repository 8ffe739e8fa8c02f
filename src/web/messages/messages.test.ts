import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { catalogues, MODULE_MESSAGES } from './index.ts';

describe('message catalogues', () => {
  it('have the same keys in Arabic and English, in every module', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ar).sort());
    for (const m of MODULE_MESSAGES) expect(Object.keys(m.en).sort()).toEqual(Object.keys(m.ar).sort());
  });

  it('have a message for every error code the code throws', () => {
    const codes = new Set<string>();
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f.name) && !f.name.includes('.test.')) {
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:new AppError\(|invalid\(\{[^}]*?: )'([a-z_]+\.[a-z_.]+)'/g))
            codes.add(m[1]);
        }
      }
    };
    walk(path.resolve('src'));
    const missing = [...codes].filter((c) => !(c in catalogues.ar) || !(c in catalogues.en));
    expect(missing).toEqual([]);
  });
});
