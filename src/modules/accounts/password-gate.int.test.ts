import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, type TestApp, testId } from '../../../test/helpers.ts';

/**
 * The demo admin's password is printed in the start-up log, so it must be changed at the first sign-in
 * (users.must_change_password): until then every page leads to the page that changes it and the API answers
 * 403 `auth.password_change_required`; after it, everything opens and the demand is gone.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const temporary = 'printed in the log 1';

async function demoAdmin(username: string) {
  return t.services.accounts.createAdmin({ email: `${username}@kafiil.local`, username, password: temporary, mustChangePassword: true });
}

describe('an account that must change its password', () => {
  it('opens only the page that changes it, then goes where it was going, and the demand is lifted', async () => {
    const admin = await demoAdmin('first_admin');
    expect(admin.mustChangePassword).toBe(true);
    const b = new PageClient(t.app);
    await b.get('/login');
    const login = await b.post('/login', { login: 'first_admin', password: temporary, next: '/admin/users' });
    expect(login.headers.location).toBe('/admin/users');
    for (const path of ['/admin/users', '/account', '/wallet']) {
      const r = await b.get(path);
      expect(r.statusCode, path).toBe(303);
      expect(r.headers.location).toBe(`/account/new-password?next=${encodeURIComponent(path)}`);
    }
    expect((await b.get('/en/services')).headers.location).toBe('/en/account/new-password?next=%2Fservices');
    // Forms and htmx requests are turned away too; the live stream has nothing to say.
    const post = await b.post('/account', { displayName: 'x' });
    expect(post.headers.location).toBe('/account/new-password');
    const hx = await t.app.inject({ method: 'GET', url: '/notifications', headers: { cookie: cookieOf(b), 'hx-request': 'true' } });
    expect(hx.headers['hx-redirect']).toBe('/account/new-password?next=%2Fnotifications');
    expect((await t.app.inject({ method: 'GET', url: '/live', headers: { cookie: cookieOf(b) } })).statusCode).toBe(204);

    const page = await b.get('/account/new-password?next=%2Fadmin%2Fusers');
    expect(page.statusCode).toBe(200);
    expect(testId(page.body, 'new-password-intro')).toContain('كلمة مرور مؤقتة');
    // The same password is not a new one.
    const same = await b.post('/account/new-password', { current: temporary, password: temporary, next: '/admin/users' });
    expect(same.statusCode).toBe(400);
    expect(testId(same.body, 'error-password')).toBe('اختر كلمة مرور غير الحالية.');
    const wrong = await b.post('/account/new-password', {
      current: 'not it at all',
      password: 'my very own passphrase',
      next: '/admin/users',
    });
    expect(testId(wrong.body, 'error-current')).not.toBeNull();
    const done = await b.post('/account/new-password', { current: temporary, password: 'my very own passphrase', next: '/admin/users' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/users');
    expect((await t.services.accounts.byUsername('first_admin'))?.mustChangePassword).toBe(false);
    const users = await b.get('/admin/users');
    expect(users.statusCode).toBe(200);
    expect(testId(users.body, 'flash')).toBe('حُفظت كلمة مرورك الجديدة. يمكنك الآن استخدام الموقع.');
    // Once done, the page is not needed any more.
    expect((await b.get('/account/new-password')).headers.location).toBe('/account/security');
  });

  it('is refused by the API with auth.password_change_required, but may change the password there', async () => {
    await demoAdmin('api_admin');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'api_admin', password: temporary } });
    expect(login.statusCode).toBe(200);
    const auth = { authorization: `Bearer ${login.json().token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { ...auth, 'accept-language': 'en' } });
    expect(me.statusCode).toBe(403);
    expect(me.headers['content-type']).toContain('application/problem+json');
    expect(me.json()).toMatchObject({ status: 403, code: 'auth.password_change_required' });
    expect(me.json().title).toContain('POST /api/v1/me/password');
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: auth });
    expect(users.json().code).toBe('auth.password_change_required');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: auth,
      payload: { currentPassword: temporary, newPassword: 'an api passphrase 9' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).statusCode).toBe(200);
  });

  it('is lifted by create-admin with a password the operator chose, and by a password reset', async () => {
    await demoAdmin('cli_admin');
    const again = await t.services.accounts.createAdmin({
      email: 'cli_admin@kafiil.local',
      username: 'cli_admin',
      password: 'operator chosen 77',
    });
    expect(again.mustChangePassword).toBe(false);
    await demoAdmin('reset_admin');
    await t.services.accounts.requestPasswordReset({ email: 'reset_admin@kafiil.local' }, { ip: '192.0.2.9', userAgent: null });
    const mail = await t.mailTo('reset_admin@kafiil.local');
    const token = /password-reset\/confirm\?token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    await t.services.accounts.resetPassword({ token, password: 'reset to my own 55' });
    expect((await t.services.accounts.byUsername('reset_admin'))?.mustChangePassword).toBe(false);
  });
});

function cookieOf(b: PageClient): string {
  return [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
