import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTestApp, newUser, type TestApp, tokenFrom } from '../../../test/helpers.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';

// Every argon2 verification a sign-in makes, with the parameters of the hash it is checked against.
const verified = vi.hoisted(() => ({ params: [] as string[] }));
vi.mock('../../platform/crypto.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../platform/crypto.ts')>();
  return {
    ...real,
    verifyPassword: async (stored: string, password: string) => {
      verified.params.push(stored.split('$').slice(0, 4).join('$'));
      return real.verifyPassword(stored, password);
    },
  };
});

// Wrong passwords lock the address they come from, never the account: the owner signs in from where they signed in
// before while the attacker waits, and an unknown login is answered exactly as a known one.

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const WRONG = 'not the password, sorry';

function login(loginName: string, password: string, remoteAddress: string): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: loginName, password },
    headers: { 'accept-language': 'en' },
    remoteAddress,
  });
}

/** What a client sees of an answer: status, code, title and Retry-After. */
function seen(r: LightMyRequestResponse): string {
  if (r.statusCode === 200) return '200';
  const body = r.json() as { code: string; title: string };
  return [r.statusCode, body.code, body.title, r.headers['retry-after'] ?? ''].join(' | ');
}

const INVALID = '401 | auth.invalid_credentials | Wrong email, username or password. | ';
const locked = (minutes: number) =>
  `429 | auth.too_many_attempts | Too many wrong attempts from here. Try again in ${minutes} min, or set a new password if you forgot it. | ${minutes * 60}`;

/** An account that signed up, verified its email and signed in from `home` (its known address). */
async function owner(home: string) {
  const u = newUser('owner');
  const s = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { ...u, acceptTerms: true }, remoteAddress: home });
  expect(s.statusCode).toBe(201);
  const token = tokenFrom(await t.mailTo(u.email), '/verify-email');
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token }, remoteAddress: home });
  expect((await login(u.username, u.password, home)).statusCode).toBe(200);
  return { ...u, home };
}

const warnings = (email: string) => t.mails.filter((m) => m.to === email && m.subject === 'أحدهم يحاول الدخول إلى حسابك على كفيل');

let net = 0;
/** A fresh address nobody used yet in this file. */
const fresh = () => {
  net++;
  return `203.0.${Math.floor(net / 250)}.${net % 250}`;
};

describe('the address that fails is locked, not the account', () => {
  it('locks one address out of an account after five wrong passwords, a minute first and twice as long each time', async () => {
    const o = await owner('198.18.1.1');
    const a = fresh();
    const round = async () => {
      const r: string[] = [];
      for (let i = 0; i < 5; i++) r.push(seen(await login(o.username, WRONG, a)));
      return r;
    };
    expect(await round()).toEqual([INVALID, INVALID, INVALID, INVALID, locked(1)]);
    // Even the right password waits, from that address; the owner at home is not held up.
    expect(seen(await login(o.username, o.password, a))).toBe(locked(1));
    expect(seen(await login(o.username, o.password, o.home))).toBe('200');
    t.clock.advance(61_000);
    expect(await round()).toEqual([INVALID, INVALID, INVALID, INVALID, locked(2)]);
    t.clock.advance(121_000);
    expect(await round()).toEqual([INVALID, INVALID, INVALID, INVALID, locked(4)]);
    expect(seen(await login(o.username, o.password, o.home))).toBe('200');
    t.clock.advance(241_000);
    expect(seen(await login(o.username, o.password, a))).toBe('200');
  });

  it('forgets an address’s failures when the right password comes from it', async () => {
    const o = await owner('198.18.1.2');
    const a = fresh();
    for (let i = 0; i < 4; i++) expect(seen(await login(o.username, WRONG, a))).toBe(INVALID);
    expect(seen(await login(o.username, o.password, a))).toBe('200');
    for (let i = 0; i < 4; i++) expect(seen(await login(o.username, WRONG, a))).toBe(INVALID);
  });

  it('cannot lock the owner out from rotating addresses: ten failures close the account to every address that never signed in to it', async () => {
    const o = await owner('198.18.2.1');
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(seen(await login(o.username, WRONG, fresh())));
    expect(answers).toEqual([...Array(9).fill(INVALID), locked(1)]);
    // Another new address waits even with the right password; the owner's own address does not.
    expect(seen(await login(o.username, o.password, fresh()))).toBe(locked(1));
    expect(seen(await login(o.username, o.password, o.home))).toBe('200');
    expect(seen(await login(o.username, WRONG, o.home))).toBe(INVALID);
    t.clock.advance(61_000);
    expect(seen(await login(o.username, o.password, fresh()))).toBe('200');
  });

  it('lets the owner in from a new address at once after setting a new password', async () => {
    const o = await owner('198.18.2.2');
    for (let i = 0; i < 10; i++) await login(o.username, WRONG, fresh());
    const travelling = fresh();
    expect(seen(await login(o.username, o.password, travelling))).toBe(locked(1));
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: o.email }, remoteAddress: travelling });
    const token = tokenFrom(await t.mailTo(o.email), '/password-reset/confirm');
    const next = 'a brand new passphrase 7';
    const reset = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: next } });
    expect(reset.statusCode).toBe(204);
    expect(seen(await login(o.username, next, travelling))).toBe('200');
  });

  it('locks an address that fails on many accounts, except for accounts that signed in from it before', async () => {
    const shared = fresh();
    const neighbour = await owner(shared);
    const elsewhere = await owner('198.18.3.1');
    t.clock.advance(11 * 60_000);
    const answers: string[] = [];
    for (let i = 0; i < 50; i++) {
      // 25 every 11 minutes: under the 30 per 10 minutes every address gets.
      if (i === 25) t.clock.advance(11 * 60_000);
      answers.push(seen(await login(`spray_${i}_x`, WRONG, shared)));
    }
    expect(answers.slice(0, 49)).toEqual(Array(49).fill(INVALID));
    expect(answers[49]).toBe(locked(15));
    expect(seen(await login(elsewhere.username, elsewhere.password, shared))).toBe(locked(15));
    expect(seen(await login(neighbour.username, neighbour.password, shared))).toBe('200');
    expect(seen(await login(elsewhere.username, elsewhere.password, elsewhere.home))).toBe('200');
    t.clock.advance(16 * 60_000);
  });
});

describe('no account enumeration', () => {
  /** The same attack on one login: five failures from one address, ten from rotating ones, then more. */
  async function attack(loginName: string, password: string) {
    const a = fresh();
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(seen(await login(loginName, WRONG, a)));
    answers.push(seen(await login(loginName, password, a)));
    for (let i = 0; i < 6; i++) answers.push(seen(await login(loginName, WRONG, fresh())));
    answers.push(seen(await login(loginName, password, fresh())));
    t.clock.advance(61_000);
    for (let i = 0; i < 5; i++) answers.push(seen(await login(loginName, WRONG, a)));
    t.clock.advance(60 * 60_000);
    return answers;
  }

  it('answers an unknown login exactly as a known account, step by step', async () => {
    const o = await owner('198.18.4.1');
    const known = await attack(o.username, o.password);
    const unknown = await attack('nobody_here_at_all', o.password);
    expect(known).toContain(locked(1));
    expect(known).toContain(locked(2));
    expect(unknown).toEqual(known);
    const byEmail = await attack('nobody@example.com', o.password);
    expect(byEmail).toEqual(known);
  });

  it('checks every password against an argon2id hash of the same cost, known or not, and none while locked', async () => {
    const o = await owner('198.18.4.2');
    const a = fresh();
    verified.params = [];
    await login(o.username, WRONG, a);
    const knownParams = verified.params;
    verified.params = [];
    await login('nobody_else_here', WRONG, a);
    expect(knownParams).toEqual(['$argon2id$v=19$m=19456,t=2,p=1']);
    expect(verified.params).toEqual(knownParams);

    const b = fresh();
    for (let i = 0; i < 5; i++) await login(o.username, WRONG, b);
    for (let i = 0; i < 5; i++) await login('nobody_else_here', WRONG, b);
    verified.params = [];
    expect(seen(await login(o.username, o.password, b))).toBe(locked(1));
    expect(seen(await login('nobody_else_here', o.password, b))).toBe(locked(1));
    expect(verified.params).toEqual([]);
  });
});

describe('telling the owner', () => {
  it('mails "someone is trying to sign in" once per episode, with the time and the address', async () => {
    const o = await owner('198.18.5.1');
    await t.mailTo(o.email);
    const a = fresh();
    for (let i = 0; i < 4; i++) await login(o.username, WRONG, a);
    await t.mailTo(o.email);
    expect(warnings(o.email)).toHaveLength(0);
    const at = t.clock.now();
    await login(o.username, WRONG, a);
    await t.mailTo(o.email);
    expect(warnings(o.email)).toHaveLength(1);
    const mail = warnings(o.email)[0];
    expect(mail.text).toContain(formatDateTime('ar', at));
    expect(mail.text).toContain(a);
    expect(mail.text).toContain('http://kafiil.test/password-reset');

    // More attempts, the account closed to new addresses, the address locked again: the same episode, no more mail.
    for (let i = 0; i < 3; i++) await login(o.username, WRONG, a);
    for (let i = 0; i < 10; i++) await login(o.username, WRONG, fresh());
    t.clock.advance(61_000);
    for (let i = 0; i < 5; i++) await login(o.username, WRONG, a);
    await t.mailTo(o.email);
    expect(warnings(o.email)).toHaveLength(1);

    // An hour and more of quiet ends the episode: the next lock is told again.
    t.clock.advance(2 * 60 * 60_000);
    const b = fresh();
    for (let i = 0; i < 5; i++) await login(o.username, WRONG, b);
    await t.mailTo(o.email);
    expect(warnings(o.email)).toHaveLength(2);
    expect(warnings(o.email)[1].text).toContain(b);
  });
});
