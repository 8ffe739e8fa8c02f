import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cookieOptions, siteCookies } from './cookies.ts';

describe('site cookies', () => {
  it('are __Host- and Secure in production, plain in development, always Path=/ without Domain', () => {
    const prod = siteCookies(true);
    expect([prod.session, prod.csrf, prod.flash, prod.signup, prod.voter]).toEqual([
      '__Host-kafiil_session',
      '__Host-kafiil_csrf',
      '__Host-kafiil_flash',
      '__Host-kafiil_signup',
      '__Host-kafiil_voter',
    ]);
    expect(cookieOptions(prod, 60)).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 60 });
    const dev = siteCookies(false);
    expect([dev.session, dev.csrf, dev.flash, dev.signup, dev.voter]).toEqual([
      'kafiil_session',
      'kafiil_csrf',
      'kafiil_flash',
      'kafiil_signup',
      'kafiil_voter',
    ]);
    expect(cookieOptions(dev)).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: false });
  });
});

describe('cookies', () => {
  it('are read, set and cleared only by platform/http (cookies.ts, csrf.ts, pages.ts), which know the production names', () => {
    const src = path.resolve(import.meta.dirname, '../..');
    const allowed = ['platform/http/cookies.ts', 'platform/http/csrf.ts', 'platform/http/pages.ts'];
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        const rel = path.relative(src, p).split(path.sep).join('/');
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !allowed.includes(rel)) {
          if (/\.cookies\[|\b(setCookie|clearCookie)\(|kafiil_(session|csrf|flash|signup)/.test(fs.readFileSync(p, 'utf8')))
            offenders.push(rel);
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
