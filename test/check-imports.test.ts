import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The import-rules check (scripts/check-imports.mjs) on small trees made for the purpose, then on the real one. */
function check(files: Record<string, string>): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-imports-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const r = spawnSync(process.execPath, ['scripts/check-imports.mjs', '--src', dir], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, out: r.stdout };
}

describe('the import rules', () => {
  it('pass a tree whose layers point one way', () => {
    const r = check({
      'app.ts': "import { a } from './modules/a/index.ts';\n",
      'modules/a/index.ts': "import { b } from '../b/index.ts';\nimport { p } from '../../platform/p.ts';\nexport const a = 1;\n",
      'modules/b/index.ts': "import type { W } from '../../web/w.ts';\nexport const b = 1;\n",
      'web/w.ts': "import { p } from '../platform/p.ts';\nexport type W = 1;\n",
      'platform/p.ts': 'export const p = 1;\n',
    });
    expect(r.out).toContain('0 breaches');
    expect(r.status).toBe(0);
  });

  it('refuse app.ts from a module, platform → modules or web, a reach past index.ts, and circles', () => {
    const r = check({
      'app.ts': "import { a } from './modules/a/index.ts';\n",
      'modules/a/index.ts': "import type { S } from '../../app.ts';\nimport { x } from '../b/service.ts';\nexport const a = 1;\n",
      'modules/b/index.ts': "import { a } from '../a/index.ts';\nexport const b = 1;\n",
      'modules/b/service.ts': 'export const x = 1;\n',
      'platform/p.ts': "import { w } from '../web/w.ts';\nimport { b } from '../modules/b/index.ts';\n",
      'web/w.ts': "import { b } from '../modules/b/index.ts';\nexport const w = 1;\n",
    });
    expect(r.status).toBe(1);
    expect(r.out).toContain('modules/a/index.ts imports app.ts');
    expect(r.out).toContain('platform/p.ts (platform) imports web/w.ts');
    expect(r.out).toContain('platform/p.ts (platform) imports modules/b/index.ts');
    expect(r.out).toContain('web/w.ts (web) imports modules/b/index.ts');
    expect(r.out).toContain('modules/a/index.ts reaches into modules/b/service.ts');
    expect(r.out).toContain('module circle: a ⇄ b');
    expect(r.out).toMatch(/file circle: .*app\.ts/);
  });

  it('hold for the real source tree', () => {
    const r = spawnSync(process.execPath, ['scripts/check-imports.mjs'], { encoding: 'utf8' });
    expect(r.stdout).toContain('0 file circles; 0 module circles; 0 breaches');
    expect(r.status).toBe(0);
  });
});
