import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, newUser, signedUpUser, type TestApp, tokenFrom } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('sign-up, verification and sign-in (API)', () => {
  it('creates an account, mails a verification link, verifies it, and signs in by username or email', async () => {
    const u = newUser('sara');
    const r = await post('/api/v1/auth/signup', { ...u, acceptTerms: true });
    expect(r.statusCode).toBe(201);
    expect(r.json().user).toMatchObject({ username: u.username, email: u.email, emailVerified: false });

    const mail = await t.mailTo(u.email);
    expect(mail.subject).toContain('أكّد بريدك');
    expect(mail.text).toContain('http://kafiil.test/verify-email?token=');
    const token = tokenFrom(mail, '/verify-email');

    const v = await post('/api/v1/auth/verify-email', { token });
    expect(v.statusCode).toBe(200);
    expect(v.json().user.emailVerified).toBe(true);

    const byName = await post('/api/v1/auth/login', { login: u.username, password: u.password });
    expect(byName.statusCode).toBe(200);
    const byEmail = await post('/api/v1/auth/login', { login: u.email.toUpperCase(), password: u.password });
    expect(byEmail.statusCode).toBe(200);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${byName.json().token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: u.username,
      email: u.email,
      displayName: u.username,
      emailVerified: true,
      roles: [],
      sellerLevel: 'new',
      buyerLevel: 'new',
    });
    expect(typeof me.json().id).toBe('number');
  });

  it('records the terms and privacy versions accepted at sign-up', async () => {
    const s = await signedUpUser(t);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: s.auth })).json();
    expect(me.termsVersion).toBe(1);
    expect(me.privacyVersion).toBe(1);
  });

  it('refuses a verification token that is reused, expired or unknown, each with its own code', async () => {
    const u = newUser();
    await post('/api/v1/auth/signup', { ...u, acceptTerms: true });
    const token = tokenFrom(await t.mailTo(u.email), '/verify-email');
    expect((await post('/api/v1/auth/verify-email', { token })).statusCode).toBe(200);
    const reused = await post('/api/v1/auth/verify-email', { token });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('token.used');

    const u2 = newUser();
    await post('/api/v1/auth/signup', { ...u2, acceptTerms: true });
    const token2 = tokenFrom(await t.mailTo(u2.email), '/verify-email');
    t.clock.advance(49 * 3600_000);
    const expired = await post('/api/v1/auth/verify-email', { token: token2 });
    t.clock.advance(-49 * 3600_000);
    expect(expired.json().code).toBe('token.expired');

    const unknown = await post('/api/v1/auth/verify-email', { token: 'x'.repeat(43) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('token.invalid');
  });

  it('answers bad sign-up input with problem+json naming each field, in the asked language', async () => {
    const r = await post(
      '/api/v1/auth/signup',
      { email: 'not-an-email', username: 'No Spaces!', password: 'short', acceptTerms: false },
      { 'accept-language': 'en' },
    );
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const body = r.json();
    expect(body.code).toBe('validation.failed');
    expect(body.title).toBe('Some fields need correcting.');
    const byField = Object.fromEntries(body.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(byField).toEqual({
      email: 'account.email_invalid',
      username: 'account.username_invalid',
      password: 'account.password_too_short',
      acceptTerms: 'account.terms_required',
    });
    const ar = await post('/api/v1/auth/signup', { email: 'x', username: 'ok_name', password: 'whatever-long-1', acceptTerms: true });
    expect(ar.json().title).toBe('بعض الحقول تحتاج إلى تصحيح.');
  });

  it('refuses a common password even when it is long enough', async () => {
    const r = await post('/api/v1/auth/signup', { ...newUser(), password: 'qwertyuiop', acceptTerms: true });
    expect(r.json().errors[0]).toMatchObject({ field: 'password', code: 'account.password_common' });
  });

  it('refuses a taken username with 409', async () => {
    const first = await signedUpUser(t, 'dup');
    const r = await post('/api/v1/auth/signup', { ...newUser(), username: first.username, acceptTerms: true });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('account.username_taken');
  });

  it('does not reveal a registered email: same answer, nothing created, the owner is told by mail', async () => {
    const owner = await signedUpUser(t, 'owner');
    const mailsBefore = t.mails.length;
    const attempt = newUser('other');
    const r = await post('/api/v1/auth/signup', { ...attempt, email: owner.email, acceptTerms: true });
    expect(r.statusCode).toBe(201);
    expect(Object.keys(r.json().user).sort()).toEqual(['displayName', 'email', 'emailVerified', 'username']);
    const mail = await t.mailTo(owner.email);
    expect(t.mails.length).toBe(mailsBefore + 1);
    expect(mail.subject).toBe('محاولة تسجيل ببريدك على كفيل');
    const login = await post('/api/v1/auth/login', { login: attempt.username, password: attempt.password });
    expect(login.json().code).toBe('auth.invalid_credentials');
  });
});

describe('sign-in protection', () => {
  it('locks the address out of the account after five wrong passwords, even for the right one, longer each time', async () => {
    const u = await signedUpUser(t, 'lock');
    const round = async () => {
      for (let i = 0; i < 4; i++) {
        const r = await post('/api/v1/auth/login', { login: u.username, password: 'wrong password here' });
        expect(r.json().code).toBe('auth.invalid_credentials');
      }
      const fifth = await post('/api/v1/auth/login', { login: u.username, password: 'wrong password here' });
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json().code).toBe('auth.too_many_attempts');
    };
    await round();
    const right = await post('/api/v1/auth/login', { login: u.username, password: u.password }, { 'accept-language': 'en' });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('auth.too_many_attempts');
    expect(right.json().title).toMatch(/Try again in 1 min/);
    expect(right.headers['retry-after']).toBe('60');
    t.clock.advance(61_000);
    await round();
    const again = await post('/api/v1/auth/login', { login: u.username, password: u.password }, { 'accept-language': 'en' });
    expect(again.json().title).toMatch(/Try again in 2 min/);
    t.clock.advance(60_000);
    expect((await post('/api/v1/auth/login', { login: u.username, password: u.password })).statusCode).toBe(429);
    t.clock.advance(61_000);
    expect((await post('/api/v1/auth/login', { login: u.username, password: u.password })).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: `nobody${i}`, password: 'whatever password' },
        remoteAddress: '203.0.113.9',
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    t.clock.advance(11 * 60_000);
  });

  it('does not say whether an unknown login exists', async () => {
    const r = await post('/api/v1/auth/login', { login: 'no_such_user_x', password: 'some password 1' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('auth.invalid_credentials');
  });

  it('mails a login alert for a new device, but not for the first sign-in', async () => {
    const u = newUser('alert');
    await post('/api/v1/auth/signup', { ...u, acceptTerms: true });
    await post('/api/v1/auth/login', { login: u.username, password: u.password }, { 'user-agent': 'Phone A' });
    await t.mailTo(u.email);
    const count = () => t.mails.filter((m) => m.to === u.email && m.subject.includes('تسجيل دخول جديد')).length;
    expect(count()).toBe(0);
    await post('/api/v1/auth/login', { login: u.username, password: u.password }, { 'user-agent': 'Phone A' });
    await t.mailTo(u.email);
    expect(count()).toBe(0);
    await post('/api/v1/auth/login', { login: u.username, password: u.password }, { 'user-agent': 'Laptop B' });
    const alert = await t.mailTo(u.email);
    expect(alert.subject).toBe('تسجيل دخول جديد إلى حسابك على كفيل');
    expect(alert.text).toContain('Laptop B');
  });
});

describe('tokens and sessions', () => {
  it('stops a token from working after logout', async () => {
    const u = await signedUpUser(t);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: u.auth })).statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.invalid_token');
  });

  it('answers 401 auth.required without a token', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('auth.required');
  });

  it('does not accept the browser session cookie on the API', async () => {
    const u = await signedUpUser(t);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `kafiil_session=${u.token}` } });
    expect(r.statusCode).toBe(401);
  });

  it('lists open sessions and revokes one of them', async () => {
    const u = await signedUpUser(t);
    const second = (await post('/api/v1/auth/login', { login: u.username, password: u.password })).json().token as string;
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: u.auth });
    const items = list.json().items as { id: number; current: boolean }[];
    expect(items.length).toBe(2);
    const other = items.find((s) => !s.current);
    expect(other).toBeDefined();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other?.id}`, headers: u.auth });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${second}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).statusCode).toBe(200);
  });

  it("cannot revoke another user's session", async () => {
    const a = await signedUpUser(t);
    const b = await signedUpUser(t);
    const bs = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: b.auth })).json().items[0].id;
    const r = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${bs}`, headers: a.auth });
    expect(r.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: b.auth })).statusCode).toBe(200);
  });
});

describe('password reset and change', () => {
  it('gives the same 202 for known and unknown emails, and mails only the known one', async () => {
    const u = await signedUpUser(t);
    const before = t.mails.length;
    const unknown = await post('/api/v1/auth/password-reset', { email: 'nobody-here@example.com' });
    const known = await post('/api/v1/auth/password-reset', { email: u.email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = await t.mailTo(u.email);
    expect(t.mails.length).toBe(before + 1);
    expect(mail.to).toBe(u.email);
  });

  it('sets a new password from the mailed link once, and signs out every session', async () => {
    const u = await signedUpUser(t);
    await post('/api/v1/auth/password-reset', { email: u.email });
    const token = tokenFrom(await t.mailTo(u.email), '/password-reset/confirm');
    const weak = await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.json().errors[0].code).toBe('account.password_too_short');
    const ok = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: u.username, password: u.password })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: u.username, password: 'a brand new passphrase' })).statusCode).toBe(200);
    const again = await post('/api/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.json().code).toBe('token.used');
  });

  it('expires a reset link after an hour', async () => {
    const u = await signedUpUser(t);
    await post('/api/v1/auth/password-reset', { email: u.email });
    const token = tokenFrom(await t.mailTo(u.email), '/password-reset/confirm');
    t.clock.advance(61 * 60_000);
    const r = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(r.json().code).toBe('token.expired');
  });

  it('changes the password only with the right current one, keeping this session and ending the others', async () => {
    const u = await signedUpUser(t);
    const other = (await post('/api/v1/auth/login', { login: u.username, password: u.password })).json().token as string;
    const wrong = await post('/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'fresh passphrase 42' }, u.auth);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'current', code: 'account.current_password_wrong' });
    const ok = await post('/api/v1/me/password', { currentPassword: u.password, newPassword: 'fresh passphrase 42' }, u.auth);
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${other}` } })).statusCode).toBe(401);
  });
});

describe('profile', () => {
  it('edits the profile but refuses to change the username (policy 8)', async () => {
    const u = await signedUpUser(t);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: u.auth,
      payload: { displayName: 'سارة أحمد', bio: 'مصممة', country: 'eg', skills: ['تصميم', 'Figma', 'figma'], languages: ['العربية'] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ displayName: 'سارة أحمد', country: 'EG', skills: ['تصميم', 'Figma'], username: u.username });

    const rename = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.auth, payload: { username: 'someone_else' } });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().code).toBe('account.username_immutable');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).json();
    expect(me.username).toBe(u.username);

    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: u.auth,
      payload: { country: 'Narnia', displayName: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['country', 'displayName']);
  });

  it('shows a public profile without the email', async () => {
    const u = await signedUpUser(t);
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/users/${u.username}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain(u.email);
    expect(r.json().username).toBe(u.username);
  });

  it('finds freelancers by an Arabic skill written with other letter forms', async () => {
    const u = await signedUpUser(t, 'designer');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: u.auth,
      payload: { skills: ['تصميم هوية بصرية'], displayName: 'مُصمّمة' },
    });
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/freelancers?q=${encodeURIComponent('هويه')}` });
    expect(r.json().items.map((x: { username: string }) => x.username)).toContain(u.username);
    const none = await t.app.inject({ method: 'GET', url: `/api/v1/freelancers?q=${encodeURIComponent('zzzzqqq')}` });
    expect(none.json().items).toEqual([]);
  });
});

describe('staff', () => {
  it('lets an admin search users and change roles, audits it, and closes the admin API to others', async () => {
    const admin = await t.services.accounts.createAdmin({ email: 'boss@example.com', username: 'boss', password: 'chief passphrase 1' });
    const tok = (await post('/api/v1/auth/login', { login: 'boss', password: 'chief passphrase 1' })).json().token;
    const auth = { authorization: `Bearer ${tok}` };
    const user = await signedUpUser(t, 'helper');

    const normal = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: user.auth });
    expect(normal.statusCode).toBe(403);
    expect(normal.json().code).toBe('auth.forbidden');

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/admin/users?q=${user.username}`, headers: auth });
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([user.id]);

    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${user.id}/roles`,
      headers: auth,
      payload: { roles: ['support'] },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().user.roles).toEqual(['support']);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${user.id}/roles`,
      headers: auth,
      payload: { roles: ['king'] },
    });
    expect(bad.statusCode).toBe(400);
    const self = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/users/${admin.id}/roles`, headers: auth, payload: { roles: [] } });
    expect(self.json().code).toBe('admin.cannot_drop_own_admin');

    const support = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${admin.id}/roles`,
      headers: user.auth,
      payload: { roles: [] },
    });
    expect(support.statusCode).toBe(403);

    const trail = await t.services.admin.auditTrail(
      {
        id: admin.id,
        roles: admin.roles,
        username: 'boss',
        displayName: 'boss',
        email: '',
        emailVerified: true,
        locale: 'ar',
        sessionId: 0,
      },
      {},
    );
    expect(trail.items.find((a) => a.action === 'user.roles' && a.targetId === String(user.id))?.data).toEqual({
      before: [],
      after: ['support'],
    });
  });
});

describe('API documentation', () => {
  it('serves OpenAPI 3 with the accounts operations and a readable docs page', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const spec = r.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/signup',
      '/api/v1/auth/login',
      '/api/v1/auth/verify-email',
      '/api/v1/auth/logout',
      '/api/v1/auth/password-reset',
      '/api/v1/me',
    ]) {
      expect(Object.keys(spec.paths)).toContain(p);
    }
    expect(Object.keys(spec.paths['/api/v1/me'])).toEqual(expect.arrayContaining(['get', 'patch']));
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('/api/v1/auth/signup');
  });

  it('lists the category tree', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
    const tree = r.json();
    expect(tree.map((c: { slug: string }) => c.slug)).toEqual([
      'business',
      'programming',
      'design',
      'video',
      'audio',
      'marketing',
      'writing-translation',
      'training',
      'other',
    ]);
    expect(tree[2]).toMatchObject({ slug: 'design', nameAr: 'تصميم', nameEn: 'Design' });
    expect(tree[2].children.map((c: { slug: string }) => c.slug)).toContain('logo-design');
  });

  it('answers /healthz when the database answers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('ok');
  });
});
