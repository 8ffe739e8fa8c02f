import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES, registerModules } from '../../app.ts';
import { catalogue } from '../../platform/i18n/index.ts';
import { filesMessages } from '../../platform/messages.files.ts';
import { siteMessages } from './index.ts';

registerModules();
const sets = [siteMessages, filesMessages, ...MODULES.flatMap((m) => m.messages ?? [])];

describe('message catalogues', () => {
  it('have the same keys in Arabic and English, in every module', () => {
    for (const m of sets) expect(Object.keys(m.en).sort()).toEqual(Object.keys(m.ar).sort());
  });

  it('hold every registered set (no module is forgotten) and no key twice with another text', () => {
    const seen = new Map<string, string>();
    for (const m of sets)
      for (const [k, v] of Object.entries(m.ar)) {
        expect(catalogue('ar')[k], k).toBeDefined();
        if (seen.has(k)) expect(v, `${k} is defined twice with another text`).toBe(seen.get(k));
        seen.set(k, v);
      }
  });

  it('have a title in both languages for every notification type a module registers', () => {
    const types = MODULES.flatMap((m) => Object.keys(m.notificationTypes ?? {}));
    expect(types.length).toBeGreaterThan(30);
    const missing = types.filter((t) => !catalogue('ar')[`notification.${t}`] || !catalogue('en')[`notification.${t}`]);
    expect(missing).toEqual([]);
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
    expect(codes.size).toBeGreaterThan(100);
    const missing = [...codes].filter((c) => !catalogue('ar')[c] || !catalogue('en')[c]);
    expect(missing).toEqual([]);
  });
});
