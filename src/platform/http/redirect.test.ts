import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BYPASSES } from '../../../test/fixtures/open-redirects.ts';
import { encodeLocation, safeNextPath, sameSitePath } from './redirect.ts';

describe('safeNextPath', () => {
  it.each(BYPASSES)('refuses %j', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
    expect(sameSitePath(raw)).toBeNull();
  });

  it.each([
    ['/services/61-خدمة', '/services/61-خدمة'],
    ['/services/61-%D8%AE%D8%AF%D9%85%D8%A9', '/services/61-%D8%AE%D8%AF%D9%85%D8%A9'],
    ['/en/orders/5?tab=x', '/orders/5?tab=x'],
    ['/orders/5?tab=x#history', '/orders/5?tab=x#history'],
    ['/en', '/'],
    ['/en?tab=x', '/?tab=x'],
    ['/', '/'],
    ['/services?q=تصميم شعار&sort=newest', '/services?q=تصميم شعار&sort=newest'],
    ['/services?q=a%20b', '/services?q=a%20b'],
    ['/entries', '/entries'],
  ])('keeps %j as %j', (raw, kept) => {
    expect(safeNextPath(raw)).toBe(kept);
  });

  it('refuses what is not a string, and very long addresses', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/orders'])).toBe('/');
    expect(safeNextPath(`/${'a'.repeat(3000)}`)).toBe('/');
  });
});

describe('encodeLocation', () => {
  it('percent-encodes what a header cannot carry, keeping %XX and the URL syntax as is', () => {
    expect(encodeLocation('/services/61-خدمة')).toBe('/services/61-%D8%AE%D8%AF%D9%85%D8%A9');
    expect(encodeLocation('/services/61-%D8%AE')).toBe('/services/61-%D8%AE');
    expect(encodeLocation('/en/orders/5?tab=x&y=1#h')).toBe('/en/orders/5?tab=x&y=1#h');
    expect(encodeLocation('/login?next=%2Fmy%2Fservices')).toBe('/login?next=%2Fmy%2Fservices');
    expect(encodeLocation('/a b\\c%zz')).toBe('/a%20b%5Cc%25zz');
    expect(encodeLocation('/x\r\nSet-Cookie: a=1')).toBe('/x%0D%0ASet-Cookie:%20a=1');
    expect(encodeLocation('https://checkout.stripe.com/c/pay/cs_test_a1#fid=x')).toBe('https://checkout.stripe.com/c/pay/cs_test_a1#fid=x');
    // A lone surrogate (not valid UTF-16) becomes U+FFFD rather than throwing.
    expect(encodeLocation('/x\ud800')).toBe('/x%EF%BF%BD');
  });

  it('leaves nothing outside visible ASCII', () => {
    for (const raw of ['/خدمة', '/\u00e9', '/\u2215', '/😀', '/\u0000']) {
      expect(encodeLocation(raw)).toMatch(/^[\x21-\x7e]*$/);
    }
  });
});

describe('redirects', () => {
  it('all go through redirect() (Location percent-encoded): no route calls reply.redirect itself', () => {
    const src = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && p !== path.join(src, 'platform/http/redirect.ts')) {
          if (/\.redirect\(/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(src, p));
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
