import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';
import { sealSecret } from '../../platform/crypto.ts';
import { newTotpSecret, stepOf, totpAt } from '../../platform/totp.ts';
import { users } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const code = (secret: string, offsetSteps = 0) => totpAt(secret, stepOf(t.clock.now()) + offsetSteps);

describe('two-step verification', () => {
  it('is set up through the API, then required at sign-in, accepting each code once and recovery codes once', async () => {
    const u = await signedUpUser(t, 'tfa');
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: u.auth });
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/enable', headers: u.auth, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    const on = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/enable', headers: u.auth, payload: { code: code(secret) } });
    expect(on.statusCode).toBe(200);
    const recovery = on.json().recoveryCodes as string[];
    expect(recovery).toHaveLength(10);
    expect((await t.mailTo(u.email)).subject).toContain('التحقق بخطوتين');

    const login = (totp?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: u.username, password: u.password, ...(totp ? { totp } : {}) },
      });
    expect((await login()).json().code).toBe('auth.totp_required');
    expect((await login('123456')).json().code).toBe('auth.totp_invalid');
    t.clock.advance(30_000);
    const fresh = code(secret);
    expect((await login(fresh)).statusCode).toBe(200);
    expect((await login(fresh)).json().code).toBe('auth.totp_invalid');
    expect((await login(recovery[0])).statusCode).toBe(200);
    expect((await login(recovery[0])).json().code).toBe('auth.totp_invalid');
    // A refused code counts like a wrong password: the reused recovery code is one failure since the last success,
    // so three more are refused as codes and the next locks this address out.
    for (let i = 0; i < 3; i++) expect((await login('654321')).json().code).toBe('auth.totp_invalid');
    const locked = await login('654321');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.too_many_attempts');
    expect((await login(code(secret))).json().code).toBe('auth.too_many_attempts');
  });

  it('asks a browser for the code on a second page, then signs in; turning it off needs password and code', async () => {
    const u = await signedUpUser(t, 'tfaweb');
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: u.username, password: u.password });
    const setup = await b.get('/account/2fa');
    const secret = testId(setup.body, 'totp-secret') as string;
    expect(setup.body).toContain('data:image/svg+xml;base64,');
    const enabled = await b.post('/account/2fa', { code: code(secret) });
    expect(testId(enabled.body, 'recovery-codes')).toMatch(/[0-9a-f]{5}-[0-9a-f]{5}/);

    const b2 = new PageClient(t.app);
    await b2.get('/login');
    const step1 = await b2.post('/login', { login: u.username, password: u.password, next: '/account' });
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toContain('name="challenge"');
    const challenge = /name="challenge" value="([^"]+)"/.exec(step1.body)?.[1] as string;
    const bad = await b2.post('/login/2fa', { challenge, code: '111111', next: '/account' });
    expect(testId(bad.body, 'form-error')).toBe('رمز التحقق غير صحيح أو مستخدم من قبل.');
    t.clock.advance(30_000);
    const ok = await b2.post('/login/2fa', { challenge, code: code(secret), next: '/account' });
    expect(ok.headers.location).toBe('/account');
    const replay = await b2.post('/login/2fa', { challenge, code: code(secret, 1), next: '/account' });
    expect(testId(replay.body, 'form-error')).toBe('الرابط غير صالح. اطلب رابطًا جديدًا.');

    await b.get('/account/security');
    const noCode = await b.post('/account/2fa/disable', { password: u.password, code: '000000' });
    expect(testId(noCode.body, 'error-code')).toBe('رمز التحقق غير صحيح أو مستخدم من قبل.');
    t.clock.advance(30_000);
    const off = await b.post('/account/2fa/disable', { password: u.password, code: code(secret) });
    expect(off.statusCode).toBe(303);
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: u.username, password: u.password } });
    expect(plain.statusCode).toBe(200);
  });
});

describe('authenticator keys at rest', () => {
  it('are stored sealed with the server key, never plain, and still sign in', async () => {
    const u = await signedUpUser(t, 'tfaseal');
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: u.auth })).json();
    const stored = async () => (await t.deps.db.select().from(users).where(eq(users.username, u.username)))[0];
    const pending = (await stored()).totpPendingSecret as string;
    expect(pending).toMatch(/^v1\./);
    expect(pending).not.toContain(secret);
    // Asking for the setup again shows the same key (opened from the sealed one).
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: u.auth })).json().secret).toBe(secret);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/enable', headers: u.auth, payload: { code: code(secret) } })).statusCode,
    ).toBe(200);
    const row = await stored();
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(secret);
    expect(row.totpPendingSecret).toBeNull();
    t.clock.advance(30_000);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.username, password: u.password, totp: code(secret) },
    });
    expect(login.statusCode).toBe(200);
  });

  it('a key stored plain before sealing keeps working and is sealed at start (sealStoredTotpKeys)', async () => {
    const u = await signedUpUser(t, 'tfaold');
    const plain = newTotpSecret();
    await t.deps.db.update(users).set({ totpSecret: plain, totpEnabledAt: t.clock.now() }).where(eq(users.username, u.username));
    t.clock.advance(30_000);
    const login = (totp: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: u.username, password: u.password, totp } });
    expect((await login(code(plain))).statusCode).toBe(200);
    expect(await t.services.accounts.sealStoredTotpKeys()).toBeGreaterThanOrEqual(1);
    const [row] = await t.deps.db.select().from(users).where(eq(users.username, u.username));
    expect(row.totpSecret).toMatch(/^v1\./);
    // Nothing plain is left, so a second run seals nothing; the sealed key signs in.
    expect(await t.services.accounts.sealStoredTotpKeys()).toBe(0);
    t.clock.advance(30_000);
    expect((await login(code(plain))).statusCode).toBe(200);
  });
});

describe('a sealed key that no longer opens', () => {
  it('accepts no code (SECRET_KEY changed) but a recovery code still signs in', async () => {
    const u = await signedUpUser(t, 'tfakey');
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: u.auth })).json();
    const on = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/enable', headers: u.auth, payload: { code: code(secret) } });
    const recovery = on.json().recoveryCodes as string[];
    // As if sealed under another key: it opens under none the server has.
    await t.deps.db
      .update(users)
      .set({ totpSecret: sealSecret('another-key-'.repeat(4), 'users.totp', secret) })
      .where(eq(users.username, u.username));
    t.clock.advance(30_000);
    const login = (totp: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: u.username, password: u.password, totp } });
    expect((await login(code(secret))).json().code).toBe('auth.totp_invalid');
    expect((await login(recovery[0])).statusCode).toBe(200);
  });
});
