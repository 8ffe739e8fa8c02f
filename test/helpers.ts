import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import sharp from 'sharp';
import { inject } from 'vitest';
import { buildApp, createServices, type Services } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createLiveHub } from '../src/platform/live.ts';
import type { Mailer, MailMessage } from '../src/platform/mail.ts';
import { createOutboxDrainer } from '../src/platform/outbox.ts';
import { createRateLimiter } from '../src/platform/ratelimit.ts';
import { createDiskStorage } from '../src/platform/storage.ts';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  deps: Deps;
  /** Mails delivered by the outbox so far (the transport is the only stand-in). */
  mails: MailMessage[];
  clock: { now(): Date; set(d: Date | string): void; advance(ms: number): void };
  /** Delivers queued mail, then returns the newest message to `to`. */
  mailTo(to: string): Promise<MailMessage>;
  /**
   * Another server instance on the same database (its own connection pool on PostgreSQL, the same embedded
   * database on PGlite), with its own live-event hub: for what must work across instances.
   */
  secondInstance(): Promise<{ app: FastifyInstance; services: Services; close(): Promise<void> }>;
  close(): Promise<void>;
  dbKind: 'pglite' | 'postgres';
  /** The PostgreSQL database of this app (null on PGlite, which lives in this process only). */
  databaseUrl: string | null;
}

/** A fresh app on a fresh database copied from the migrated template (PGlite, or PostgreSQL with KAFIIL_TEST_DB=postgres). */
export async function makeTestApp(opts: { redisUrl?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-test-'));
  let dropDb: (() => Promise<void>) | null = null;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let databaseUrl: string | null = null;
  const pgTemplate = inject('pgTemplateDb');
  if (pgTemplate) {
    const url = process.env.TEST_DATABASE_URL as string;
    const name = `kafiil_t_${pgTemplate.replace('kafiil_tpl_', '')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    database = await openDatabase({ databaseUrl, pgliteDir: null, migrate: false, poolSize: 20 });
    dropDb = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dump = fs.readFileSync(inject('pgliteTemplate'));
    database = await openDatabase({ databaseUrl: null, pgliteDir: null, loadDataDir: new Blob([dump]) });
  }
  let now = new Date('2026-11-25T10:00:00Z');
  const clock = {
    now: () => now,
    set: (d: Date | string) => {
      now = new Date(d);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  const mails: MailMessage[] = [];
  const mailer: Mailer = {
    kind: 'files',
    async send(m) {
      mails.push(m);
    },
  };
  const config = { ...loadConfig({ DATA_DIR: dataDir, BASE_URL: 'http://kafiil.test' }), redisUrl: opts.redisUrl ?? null, ...opts.config };
  const deps: Deps = {
    config,
    database,
    db: database.db,
    mailer,
    outbox: createOutboxDrainer(database.db, mailer, () => {}),
    limiter: createRateLimiter(opts.redisUrl ?? null, () => now),
    storage: createDiskStorage(path.join(dataDir, 'files')),
    live: createLiveHub(database),
    clock: () => now,
  };
  const { app, services } = await buildApp(deps);
  await app.ready();
  return {
    app,
    services,
    deps,
    mails,
    clock,
    dbKind: database.kind,
    databaseUrl,
    async mailTo(to) {
      await deps.outbox.drain(new Date('9999-01-01T00:00:00Z'));
      const m = [...mails].reverse().find((x) => x.to === to);
      if (!m) throw new Error(`no mail to ${to}; mails: ${mails.map((x) => `${x.to}: ${x.subject}`).join(' | ')}`);
      return m;
    },
    async secondInstance() {
      const db2 = databaseUrl ? await openDatabase({ databaseUrl, pgliteDir: null, migrate: false, poolSize: 10 }) : database;
      const deps2: Deps = {
        ...deps,
        database: db2,
        db: db2.db,
        outbox: createOutboxDrainer(db2.db, mailer, () => {}),
        live: createLiveHub(db2),
      };
      const built = await buildApp(deps2);
      await built.app.ready();
      return {
        ...built,
        async close() {
          await built.app.close();
          if (db2 !== database) await db2.close();
        },
      };
    },
    async close() {
      await app.close();
      await deps.outbox.drain().catch(() => {});
      await deps.limiter.close();
      await database.close();
      if (dropDb) await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The token of the first link in a mail whose path is `linkPath`. */
export function tokenFrom(mail: MailMessage, linkPath: string): string {
  const m = new RegExp(`${linkPath.replace(/[/]/g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${linkPath} link in: ${mail.text}`);
  return m[1];
}

let seq = 0;
/** A unique, valid sign-up. */
/** Letters that no contact guard reads as a digit (no o, l, i): a made-up name never looks like a phone number. */
const NAME_LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const inLetters = (n: number): string => {
  let out = '';
  do {
    out = NAME_LETTERS[n % NAME_LETTERS.length] + out;
    n = Math.floor(n / NAME_LETTERS.length);
  } while (n > 0);
  return out;
};

export function newUser(prefix = 'user') {
  seq++;
  // The file's count (large once files share a worker) and four random letters, never a run of digits.
  const random = inLetters(Math.floor(Math.random() * NAME_LETTERS.length ** 4)).padStart(4, 'a');
  const tag = `${prefix}${inLetters(seq)}${random}`.toLowerCase().slice(0, 30);
  return { email: `${tag}@example.com`, username: tag, password: 'correct horse battery staple' };
}

/** Signs up through the API, verifies the email from the mailed link, and signs in; returns the Bearer token. */
export async function signedUpUser(t: TestApp, prefix = 'user') {
  const u = newUser(prefix);
  // Each made-up person comes from their own address, so the per-address sign-up limit is not what a test measures.
  const remoteAddress = `198.51.100.${seq % 250}`;
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { ...u, acceptTerms: true }, remoteAddress });
  if (r.statusCode !== 201) throw new Error(`signup ${r.statusCode}: ${r.body}`);
  const token = tokenFrom(await t.mailTo(u.email), '/verify-email');
  const v = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
  if (v.statusCode !== 200) throw new Error(`verify ${v.statusCode}: ${v.body}`);
  const l = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: u.username, password: u.password },
    remoteAddress,
  });
  const body = l.json() as { token: string; user: { id: number } };
  return { ...u, id: body.user.id, token: body.token, auth: { authorization: `Bearer ${body.token}` } };
}

/**
 * A cookie-keeping client for the HTML pages, which reads the CSRF token from the last page it saw. A token
 * belongs to one session (or, signed out, to the visitor): after a post that signed in or out, whose answer is
 * a redirect without a page, it loads a page for the new token, as a browser following the redirect would
 * (without the one-time notice, which stays for the next page; `last` stays the post's answer). `{ csrf }`
 * posts any token.
 */
export class PageClient {
  cookies = new Map<string, string>();
  csrf = '';
  /** The session cookie `csrf` was read under (null: no page gave it, e.g. a token set by hand, kept as it is). */
  private csrfSession: string | undefined | null = null;
  last: LightMyRequestResponse | null = null;
  constructor(private app: FastifyInstance) {}

  private session() {
    for (const [k, v] of this.cookies) if (/kafiil_session$/.test(k)) return v;
    return undefined;
  }

  private keepCookies(res: LightMyRequestResponse, skip?: RegExp) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (skip?.test(c.name)) continue;
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private keepCsrf(res: LightMyRequestResponse) {
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) {
      this.csrf = m[1];
      this.csrfSession = this.session();
    }
    return Boolean(m);
  }

  private remember(res: LightMyRequestResponse) {
    this.keepCookies(res);
    this.keepCsrf(res);
    this.last = res;
    return res;
  }

  private cookieHeader(skip?: RegExp) {
    return [...this.cookies]
      .filter(([k]) => !skip?.test(k))
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  /** The CSRF token for the current session, loading a page for it when the session changed since the last one. */
  async freshCsrf(): Promise<string> {
    if (this.csrfSession === null || this.csrfSession === this.session()) return this.csrf;
    const flash = /kafiil_flash$/;
    for (const url of this.session() ? ['/account', '/login'] : ['/login']) {
      const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(flash) } });
      this.keepCookies(res, flash);
      if (this.keepCsrf(res)) break;
    }
    return this.csrf;
  }

  async get(url: string) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const csrf = opts.csrf === undefined ? await this.freshCsrf() : opts.csrf;
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
    await this.freshCsrf();
    return res;
  }
}

/** A browser signed in through the login form (its cookies and CSRF token kept), for a suite's pages. */
export async function signedInPage(t: TestApp, u: { username: string; password: string }): Promise<PageClient> {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  if (r.statusCode !== 303) throw new Error(`login ${r.statusCode}: ${r.body.slice(0, 300)}`);
  return b;
}

/** A multipart form post from a PageClient (the page's CSRF token first, as a browser sends the form). */
export async function postMultipart(
  client: PageClient,
  app: FastifyInstance,
  url: string,
  parts: Part[],
  headers: Record<string, string> = {},
) {
  const m = multipart([{ name: '_csrf', value: await client.freshCsrf() }, ...parts]);
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': m.contentType, ...headers },
    payload: m.payload,
  });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body);
  if (csrf) client.csrf = csrf[1];
  return res;
}

/** The text content of an element with data-testid=id (first match), tags stripped. */
export function testId(html: string, id: string): string | null {
  const m = new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '').trim() : null;
}

/** The value attribute of the input named `name`. */
export function inputValue(html: string, name: string): string | null {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html);
  if (!m) return null;
  const v = /value="([^"]*)"/.exec(m[0]);
  return v ? v[1] : '';
}

/** A staff member with the given roles, signed in through the API. */
export async function staffUser(t: TestApp, roles: string[], prefix = 'staff') {
  const u = await signedUpUser(t, prefix);
  const admin = {
    id: 0,
    roles: ['admin'],
    username: 'system',
    displayName: 'system',
    email: '',
    emailVerified: true,
    locale: 'ar' as const,
    sessionId: 0,
  };
  await t.services.accounts.setRoles(admin, u.id, roles, { ip: null, userAgent: null });
  return { ...u, roles };
}

/** Credits a user's available balance through the sandbox gateway, as a person paying would. */
export async function fundedUser(t: TestApp, cents: number, prefix = 'buyer') {
  const u = await signedUpUser(t, prefix);
  await topUp(t, u, cents);
  return u;
}

export async function topUp(t: TestApp, u: { auth: Record<string, string> }, cents: number) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/wallet/deposits',
    headers: { ...u.auth, 'idempotency-key': `topup-${Math.random()}` },
    payload: { amountCents: cents, method: 'sandbox' },
  });
  if (r.statusCode !== 201) throw new Error(`deposit ${r.statusCode}: ${r.body}`);
  const url = new URL(r.json().checkoutUrl);
  const id = Number(url.pathname.split('/').pop());
  await t.services.wallet.paySandbox(id, url.searchParams.get('s') as string, '4242424242424242');
  return id;
}

export type Part = { name: string; value: string } | { name: string; filename: string; type: string; bytes: Buffer };

/** A multipart/form-data body built by hand, as a browser sends it (file names in UTF-8). */
export function multipart(parts: Part[]) {
  const boundary = `----kafiil${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('bytes' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`,
        ),
        p.bytes,
        Buffer.from('\r\n'),
      );
    } else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A small green PNG (40 × 30), an image any upload accepts. */
export async function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } })
    .png()
    .toBuffer();
}

/** Every category's id by its slug (top categories and subcategories). */
export async function categoryIdsBySlug(t: TestApp): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const top of await t.services.catalog.categoryTree()) {
    ids[top.slug] = top.id;
    for (const sub of top.children) ids[sub.slug] = sub.id;
  }
  return ids;
}

/** A published service of `seller` (created through the catalog and approved by `moderator`), with one image. */
export async function publishedService(
  t: TestApp,
  seller: { token: string },
  moderator: { token: string },
  over: Record<string, unknown> = {},
): Promise<{ id: number; addonIds: number[] }> {
  const actor = async (u: { token: string }) => {
    const a = await t.services.accounts.resolveSession(u.token, 'api');
    if (!a) throw new Error('no session');
    return a;
  };
  const s = await actor(seller);
  const image = await t.services.files.saveImage(s.id, { name: 'x.png', bytes: await smallPng() }, 'service_image');
  const [top] = await t.services.catalog.categoryTree();
  const row = await t.services.catalog.create(
    s,
    {
      title: 'تصميم شعار احترافي لشركتك',
      categoryId: top.children[0].id,
      description: 'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك مع ثلاثة نماذج أولية وتعديلات حتى ترضى والملفات المصدرية جاهزة للطباعة.',
      priceCents: 2500,
      deliveryDays: 3,
      instructions: '',
      skills: [],
      imageIds: [image.id],
      addons: [],
      ...over,
    },
    { submit: true },
  );
  await t.services.catalog.approve(await actor(moderator), row.id);
  return { id: row.id, addonIds: (await t.services.catalog.get(row.id, null)).addons.map((a) => a.id) };
}

/** The services built again on other dependencies (e.g. another clock), as a second process would build them. */
export function servicesOn(deps: Deps): Services {
  return createServices(deps);
}
