import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { Provider } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import { logUrl } from '../../platform/http/logging.ts';
import { stepOf, totpAt } from '../../platform/totp.ts';
import { policyAcceptances, userIdentities, users } from './schema.ts';
import { accountsUserData } from './user-data.ts';

/**
 * Sign-in with OpenID Connect against a real provider (the `oidc-provider` package) listening on a local port, and
 * the Kafiil app listening on another: a cookie-keeping client walks the real redirects (fetch, manual redirects)
 * through the provider's own login and consent pages.
 */

type Claims = { email?: string; email_verified?: boolean; name?: string };
/** The provider's people, by subject; a test adds its own before signing in. */
const people = new Map<string, Claims>();
const CLIENT = { id: 'kafiil-test', secret: 'a-client-secret-for-the-test-0123456789' };

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A browser: cookies kept per host name (as browsers do, whatever the port), redirects followed by hand. */
class Browser {
  jars = new Map<string, Map<string, string>>();
  visited: string[] = [];

  private jar(url: URL) {
    const j = this.jars.get(url.hostname) ?? new Map<string, string>();
    this.jars.set(url.hostname, j);
    return j;
  }

  cookie(host: string, name: string) {
    return this.jars.get(host)?.get(name);
  }

  async send(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const u = new URL(url);
    const jar = this.jar(u);
    const headers: Record<string, string> = { 'user-agent': 'oidc-test-browser' };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(u, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = attrs.some((a) => {
        const [k, v] = a.trim().split('=');
        return (k.toLowerCase() === 'max-age' && Number(v) <= 0) || (k.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now());
      });
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.visited.push(`${res.status} ${u.origin}${u.pathname}`);
    return { res, url: u.toString(), body: await res.text() };
  }

  /** Sends, then follows the redirects (as GETs) until a page. */
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    let r = await this.send(url, init);
    for (let hops = 0; r.res.status >= 300 && r.res.status < 400; hops++) {
      if (hops > 15) throw new Error(`too many redirects: ${this.visited.join(' → ')}`);
      r = await this.send(new URL(r.res.headers.get('location') as string, r.url).toString());
    }
    return r;
  }

  /** Posts the page's form (its action, its CSRF token) with these fields, without following the answer. */
  async submit(page: { url: string; body: string }, formId: string | null, fields: Record<string, string>) {
    const html = formId ? (new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?</form>`).exec(page.body)?.[0] ?? '') : page.body;
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form ${formId} on ${page.url}: ${page.body.slice(0, 400)}`);
    // The form's hidden fields (its CSRF token among them), as a browser sends them, then what was typed.
    const hidden: Record<string, string> = {};
    for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(m[0])?.[1];
      if (name) hidden[name] = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    }
    const form: Record<string, string> = { ...hidden, ...fields };
    return this.send(new URL(action.replaceAll('&amp;', '&'), page.url).toString(), { form });
  }
}

let t: TestApp;
let base: string;
let issuer: string;
let providerServer: http.Server;

/**
 * Starts at Kafiil's "Sign in with" link and signs in at the provider as `subject` (its login page, then its
 * consent page the first time), stopping at the provider's redirect back to Kafiil's callback (not followed).
 */
async function throughProvider(b: Browser, subject: string, tamper?: (authorize: URL) => void) {
  let r = await b.send(`${base}/auth/oidc/start`);
  expect(r.res.status).toBe(303);
  if (tamper) {
    const authorize = new URL(r.res.headers.get('location') as string);
    tamper(authorize);
    r = await b.send(authorize.toString());
  }
  for (let hops = 0; hops < 20; hops++) {
    const location = r.res.headers.get('location');
    if (location) {
      const next = new URL(location, r.url);
      if (next.origin === base) return next;
      r = await b.send(next.toString());
      continue;
    }
    expect(r.res.status).toBe(200);
    if (r.body.includes('name="prompt" value="login"')) r = await b.submit(r, null, { prompt: 'login', login: subject, password: 'any' });
    else if (r.body.includes('name="prompt" value="consent"')) r = await b.submit(r, null, { prompt: 'consent' });
    else throw new Error(`unexpected provider page: ${r.body.slice(0, 300)}`);
  }
  throw new Error(`never came back: ${b.visited.join(' → ')}`);
}

async function accountsWithEmail(email: string) {
  return t.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email));
}

beforeAll(async () => {
  const [kafiilPort, providerPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${kafiilPort}`;
  issuer = `http://localhost:${providerPort}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${base}/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      // Another site's client with the same redirect: a code issued to it is not Kafiil's to redeem.
      {
        client_id: 'another-site',
        client_secret: 'another-site-secret-0123456789abcdef',
        redirect_uris: [`${base}/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, id) {
      const claims = people.get(id);
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The provider's default: the email and name only at its userinfo endpoint, not in the ID token (the browser
    // journey, test/e2e/oidc-journey.test.ts, has them in the ID token, as Google does).
    pkce: { required: () => true },
    cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
  });
  providerServer = http.createServer(provider.callback());
  await new Promise<void>((r) => providerServer.listen(providerPort, '127.0.0.1', r));

  t = await makeTestApp({
    config: { baseUrl: base, oidc: { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, name: 'TestID' } },
  });
  // The provider signs with the real time; the app's clock follows it.
  t.clock.set(new Date());
  await t.app.listen({ port: kafiilPort, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await new Promise((r) => providerServer?.close(r));
});

describe('sign-in with OpenID Connect (a real provider on a local port)', () => {
  it('shows "Sign in with TestID" on the login and sign-up pages', async () => {
    const b = new Browser();
    for (const path of ['/login', '/signup', '/en/login']) {
      const page = await b.go(`${base}${path}`);
      expect(page.body).toContain('data-testid="oidc-start"');
      expect(testId(page.body, 'oidc-start')).toMatch(/TestID/);
    }
  });

  it('a new person with a verified email completes the sign-up, then the same identity signs in again', async () => {
    people.set('new-person-1', { email: 'Newcomer@Example.com', email_verified: true, name: 'Nadia Newcomer' });
    const b = new Browser();
    const back = await throughProvider(b, 'new-person-1');
    expect(back.pathname).toBe('/auth/oidc/callback');
    expect(back.searchParams.get('code')).toBeTruthy();
    const complete = await b.go(back.toString());
    expect(complete.url).toBe(`${base}/auth/oidc/complete`);
    expect(testId(complete.body, 'oidc-complete-intro')).toContain('newcomer@example.com');
    expect(complete.body).toContain('value="Nadia Newcomer"');

    // The sign-up's rules: a bad username and no terms accepted are refused, what was typed is kept.
    const bad = await b.submit(complete, 'oidc-complete-form', { username: 'No Way!', displayName: 'Nadia N' });
    expect(bad.res.status).toBe(400);
    expect(bad.body).toContain('data-testid="error-username"');
    expect(bad.body).toContain('data-testid="error-acceptTerms"');
    expect(bad.body).toContain('value="Nadia N"');
    expect(await accountsWithEmail('newcomer@example.com')).toHaveLength(0);

    const done = await b.submit(complete, 'oidc-complete-form', { username: 'nadia_new', displayName: 'Nadia N', acceptTerms: 'yes' });
    expect(done.res.status).toBe(303);
    expect(b.cookie('127.0.0.1', 'kafiil_session')).toBeTruthy();
    const account = await b.go(`${base}/account`);
    expect(account.res.status).toBe(200);
    expect(testId(account.body, 'username')).toBe('@nadia_new');

    const [u] = await t.deps.db.select().from(users).where(eq(users.email, 'newcomer@example.com'));
    expect(u.username).toBe('nadia_new');
    expect(u.displayName).toBe('Nadia N');
    expect(u.emailVerifiedAt).not.toBeNull();
    const versions = await t.services.content.currentVersions();
    expect([u.termsVersion, u.privacyVersion]).toEqual([versions.terms, versions.privacy]);
    const accepted = await t.deps.db.select().from(policyAcceptances).where(eq(policyAcceptances.userId, u.id));
    expect(accepted.map((a) => [a.policy, a.version]).sort()).toEqual([
      ['privacy', versions.privacy],
      ['terms', versions.terms],
    ]);
    const ids = await t.deps.db.select().from(userIdentities).where(eq(userIdentities.userId, u.id));
    expect(ids.map((i) => [i.issuer, i.subject])).toEqual([[issuer, 'new-person-1']]);

    // Another browser, the same identity: signed in at once to the same account, nothing new made.
    const again = new Browser();
    const back2 = await throughProvider(again, 'new-person-1');
    const r = await again.send(back2.toString());
    expect(r.res.status).toBe(303);
    expect(r.res.headers.get('location')).toBe('/');
    const me = await again.go(`${base}/account`);
    expect(testId(me.body, 'username')).toBe('@nadia_new');
    expect(await accountsWithEmail('newcomer@example.com')).toHaveLength(1);
    expect(await t.deps.db.select().from(userIdentities).where(eq(userIdentities.subject, 'new-person-1'))).toHaveLength(1);

    // The security page lists the link, and it can be unlinked (the account keeps signing in with its password).
    const security = await again.go(`${base}/account/security`);
    expect(security.body).toContain('data-testid="identities"');
    const unlinked = await again.submit(security, `unlink-form-${ids[0].id}`, {});
    expect(unlinked.res.status).toBe(303);
    expect(await t.deps.db.select().from(userIdentities).where(eq(userIdentities.userId, u.id))).toHaveLength(0);
    expect((await t.mailTo('newcomer@example.com')).subject).toContain('أُلغي ربط');
    expect((await again.go(`${base}/account/security`)).body).toContain('data-testid="identities-none"');
    // Unlinked, the identity is a stranger again: its email has an account, so it is asked to link, never given another.
    const third = new Browser();
    const relink = await third.go((await throughProvider(third, 'new-person-1')).toString());
    expect(relink.url).toBe(`${base}/auth/oidc/link`);
    expect(await accountsWithEmail('newcomer@example.com')).toHaveLength(1);
  });

  it('an email with a Kafiil account is never made a second account: its password links it, a wrong one is refused', async () => {
    const existing = await signedUpUser(t, 'oidcown');
    people.set('existing-1', { email: existing.email.toUpperCase(), email_verified: true, name: 'Someone' });
    const b = new Browser();
    const link = await b.go((await throughProvider(b, 'existing-1')).toString());
    expect(link.url).toBe(`${base}/auth/oidc/link`);
    expect(testId(link.body, 'oidc-link-intro')).toContain(existing.email);
    expect(link.body).toContain(existing.username);
    expect(b.cookie('127.0.0.1', 'kafiil_session')).toBeUndefined();

    const wrong = await b.submit(link, 'oidc-link-form', { password: 'not the password at all' });
    expect(wrong.res.status).toBe(400);
    expect(wrong.body).toContain('data-testid="error-password"');
    expect(b.cookie('127.0.0.1', 'kafiil_session')).toBeUndefined();
    expect(await t.deps.db.select().from(userIdentities).where(eq(userIdentities.subject, 'existing-1'))).toHaveLength(0);

    const right = await b.submit(link, 'oidc-link-form', { password: existing.password });
    expect(right.res.status).toBe(303);
    expect(b.cookie('127.0.0.1', 'kafiil_session')).toBeTruthy();
    const ids = await t.deps.db.select().from(userIdentities).where(eq(userIdentities.subject, 'existing-1'));
    expect(ids.map((i) => i.userId)).toEqual([existing.id]);
    expect(await accountsWithEmail(existing.email)).toHaveLength(1);
    const audited = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.identity_linked'), eq(auditLog.actorId, existing.id)));
    expect(audited).toHaveLength(1);
    // The legal export holds the link.
    expect((await accountsUserData(t.deps.db, existing.id)).identities).toMatchObject([
      { issuer, subject: 'existing-1', email: existing.email },
    ]);
    // The owner is told of the link (and, this being a new device, of the sign-in, as any sign-in is).
    await t.mailTo(existing.email);
    const told = t.mails.filter((m) => m.to === existing.email).map((m) => m.subject);
    expect(told).toContain('رُبط حسابك في كفيل بمزوّد هوية');
    expect(t.mails.find((m) => m.subject === 'رُبط حسابك في كفيل بمزوّد هوية' && m.to === existing.email)?.text).toContain('TestID');
    expect(told).toContain('تسجيل دخول جديد إلى حسابك على كفيل');

    // Next time the identity signs straight in to that account.
    const later = new Browser();
    const r = await later.send((await throughProvider(later, 'existing-1')).toString());
    expect(r.res.status).toBe(303);
    expect(testId((await later.go(`${base}/account`)).body, 'username')).toBe(`@${existing.username}`);

    // A deactivated account is treated as the password sign-in treats it: signing in reactivates it, and says so.
    await t.deps.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, existing.id));
    const back = new Browser();
    const r2 = await back.send((await throughProvider(back, 'existing-1')).toString());
    expect(r2.res.status).toBe(303);
    expect(back.cookie('127.0.0.1', 'kafiil_flash')).toBe('login.reactivated');
    const [after] = await t.deps.db.select().from(users).where(eq(users.id, existing.id));
    expect(after.deactivatedAt).toBeNull();
  });

  it('asks a linked account with two-step verification on for its code, as the password sign-in does', async () => {
    const u = await signedUpUser(t, 'oidctfa');
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: u.auth });
    const { secret } = setup.json() as { secret: string };
    const code = (offset = 0) => totpAt(secret, stepOf(t.clock.now()) + offset);
    const on = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/enable', headers: u.auth, payload: { code: code() } });
    expect(on.statusCode).toBe(200);
    people.set('tfa-1', { email: u.email, email_verified: true });

    // Linking asks for the password and the code.
    const b = new Browser();
    const link = await b.go((await throughProvider(b, 'tfa-1')).toString());
    expect(link.body).toContain('name="code"');
    const noCode = await b.submit(link, 'oidc-link-form', { password: u.password });
    expect(noCode.res.status).toBe(400);
    expect(noCode.body).toContain('data-testid="error-code"');
    t.clock.advance(30_000);
    const linked = await b.submit(link, 'oidc-link-form', { password: u.password, code: code() });
    expect(linked.res.status).toBe(303);

    // Signing in with the linked identity stops at the second-factor page; its code signs in.
    const again = new Browser();
    const page = await again.go((await throughProvider(again, 'tfa-1')).toString());
    expect(page.res.status).toBe(200);
    expect(page.body).toContain('id="twofactor-form"');
    expect(again.cookie('127.0.0.1', 'kafiil_session')).toBeUndefined();
    t.clock.advance(30_000);
    const done = await again.submit(page, 'twofactor-form', { code: code() });
    expect(done.res.status, testId(done.body, 'form-error') ?? '').toBe(303);
    expect(again.cookie('127.0.0.1', 'kafiil_session')).toBeTruthy();
  });

  it('refuses a state that does not match, an answer without its cookie, and a provider error, with a clear page', async () => {
    people.set('state-1', { email: 'state-one@example.com', email_verified: true });
    const b = new Browser();
    // The flow's cookie: httpOnly, SameSite=Lax (it must come back with the provider's top-level redirect), ten minutes.
    const started = await b.send(`${base}/auth/oidc/start`);
    const flowCookie = started.res.headers.getSetCookie().find((c) => c.startsWith('kafiil_oidc='));
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(flowCookie).toMatch(/Max-Age=600/);
    const authorize = new URL(started.res.headers.get('location') as string);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${base}/auth/oidc/callback`);
    const back = await throughProvider(b, 'state-1');
    const forged = new URL(back);
    forged.searchParams.set('state', 'not-the-state-this-browser-started');
    const r = await b.go(forged.toString());
    expect(r.res.status).toBe(400);
    expect(testId(r.body, 'form-error')).toContain('لم يتطابق طلب الدخول');
    expect(b.cookie('127.0.0.1', 'kafiil_session')).toBeUndefined();
    // The flow is spent: the genuine answer afterwards finds no flow either.
    const replay = await b.go(back.toString());
    expect(replay.res.status).toBe(400);
    expect(testId(replay.body, 'form-error')).toContain('انتهت مهلة الدخول');

    // The provider's answer opened in a browser that did not start it.
    const other = new Browser();
    const b2 = new Browser();
    const back2 = await throughProvider(b2, 'state-1');
    const elsewhere = await other.go(back2.toString());
    expect(elsewhere.res.status).toBe(400);
    expect(testId(elsewhere.body, 'form-error')).toContain('انتهت مهلة الدخول');

    // A provider's error answer (the person cancelled there).
    const b3 = new Browser();
    const start = await b3.send(`${base}/auth/oidc/start`);
    const state = new URL(start.res.headers.get('location') as string).searchParams.get('state') as string;
    const denied = await b3.go(`${base}/auth/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}`);
    expect(denied.res.status).toBe(400);
    expect(testId(denied.body, 'form-error')).toMatch(/^أُلغي الدخول لدى \u2068TestID\u2069/);
    expect(await accountsWithEmail('state-one@example.com')).toHaveLength(0);
  });

  it('honours a referral link as the sign-up does: the completion form says who invited, and the referrer is recorded', async () => {
    const referrer = await signedUpUser(t, 'oidcref');
    people.set('referred-1', { email: 'referred-one@example.com', email_verified: true, name: 'Rami' });
    const b = new Browser();
    await b.go(`${base}/r/${referrer.username}`);
    expect(b.cookie('127.0.0.1', 'kafiil_referral')).toBe(referrer.username);
    const complete = await b.go((await throughProvider(b, 'referred-1')).toString());
    expect(complete.body).toContain('data-testid="invited-by"');
    const done = await b.submit(complete, 'oidc-complete-form', { username: 'rami_referred', acceptTerms: 'yes' });
    expect(done.res.status).toBe(303);
    const [u] = await t.deps.db.select().from(users).where(eq(users.username, 'rami_referred'));
    expect(u.referrerId).toBe(referrer.id);
    expect(b.cookie('127.0.0.1', 'kafiil_referral')).toBeUndefined();
  });

  it('refuses an ID token for another nonce, and a code issued to another client', async () => {
    people.set('tamper-1', { email: 'tamper-one@example.com', email_verified: true });
    // The provider signs a genuine ID token, but for a nonce this browser's flow did not make.
    const b = new Browser();
    const back = await throughProvider(b, 'tamper-1', (u) => u.searchParams.set('nonce', 'a-nonce-of-someone-else'));
    const r = await b.go(back.toString());
    expect(r.res.status).toBe(502);
    expect(testId(r.body, 'form-error')).toContain('لم نستطع التحقق من هوية الدخول');
    // A code the provider issued to another client: the token endpoint refuses to give it to Kafiil.
    const b2 = new Browser();
    const back2 = await throughProvider(b2, 'tamper-1', (u) => u.searchParams.set('client_id', 'another-site'));
    const r2 = await b2.go(back2.toString());
    expect(r2.res.status).toBe(502);
    expect(testId(r2.body, 'form-error')).toContain('رفض');
    expect(b.cookie('127.0.0.1', 'kafiil_session') ?? b2.cookie('127.0.0.1', 'kafiil_session')).toBeUndefined();
    expect(await accountsWithEmail('tamper-one@example.com')).toHaveLength(0);
  });

  it('makes no account from an unverified provider email, and none when the email gets an account meanwhile', async () => {
    people.set('unverified-1', { email: 'unverified@example.com', email_verified: false });
    const b = new Browser();
    const r = await b.go((await throughProvider(b, 'unverified-1')).toString());
    expect(r.res.status).toBe(400);
    expect(testId(r.body, 'form-error')).toContain('غير مؤكَّد');
    expect(await accountsWithEmail('unverified@example.com')).toHaveLength(0);

    // On the completion form while the same email signs up with a password: the form refuses, one account remains.
    people.set('late-1', { email: 'late-comer@example.com', email_verified: true });
    const b2 = new Browser();
    const complete = await b2.go((await throughProvider(b2, 'late-1')).toString());
    expect(complete.url).toBe(`${base}/auth/oidc/complete`);
    const s = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'late-comer@example.com', username: 'late_pw', password: 'correct horse battery staple', acceptTerms: true },
    });
    expect(s.statusCode).toBe(201);
    const refused = await b2.submit(complete, 'oidc-complete-form', { username: 'late_oidc', acceptTerms: 'yes' });
    expect(refused.res.status).toBe(409);
    expect(refused.body).toContain('صار لهذا البريد حساب');
    expect(await accountsWithEmail('late-comer@example.com')).toHaveLength(1);
    expect(await t.deps.db.select().from(userIdentities).where(eq(userIdentities.subject, 'late-1'))).toHaveLength(0);
  });
});

describe('the callback in the log', () => {
  it('never carries the authorization code', () => {
    expect(logUrl('/auth/oidc/callback?code=the-secret-code&state=s1&iss=x')).not.toContain('the-secret-code');
  });
});

describe('without OIDC configured', () => {
  it('shows no "Sign in with" link and has no OIDC pages', async () => {
    const plain = await makeTestApp();
    try {
      for (const url of ['/login', '/signup']) {
        const r = await plain.app.inject({ method: 'GET', url });
        expect(r.statusCode).toBe(200);
        expect(r.body).not.toContain('oidc-start');
      }
      expect((await plain.app.inject({ method: 'GET', url: '/auth/oidc/start' })).statusCode).toBe(404);
      expect((await plain.app.inject({ method: 'GET', url: '/auth/oidc/callback?code=x&state=y' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
