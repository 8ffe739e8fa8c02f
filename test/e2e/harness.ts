// What the browser journeys (test/e2e/*.test.ts) share: the real server (src/main.tsx, built) in a child process on a free
// port with its own DATA_DIR (PGlite, mail written as .eml files), Chromium through playwright-core, users made
// through the API (their email confirmed from the mail) or the CLI, and the pages' errors collected. Not a test file
// itself: vitest.config.ts takes only test/e2e/**/*.test.ts, and only with KAFIIL_E2E=1.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type LaunchOptions, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { expect, inject } from 'vitest';
import { countHellos } from './steps.ts';

/** The repository. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the journeys' screenshots go (made by each suite's setup). */
export const SCREENS_DIR = path.join(ROOT, '.tmp', 'screens');

/** Whether to skip a journey: no Chromium, outside CI (where the browser tests are required); says so when it does. */
export function skipWithoutChromium(journey: string): boolean {
  const skip = !fs.existsSync(CHROMIUM_PATH) && process.env.CI !== 'true';
  if (skip) {
    console.log(
      `[e2e] ${journey} journey skipped: no Chromium at ${CHROMIUM_PATH} (install the Debian package "chromium" or set CHROMIUM_PATH)`,
    );
  }
  return skip;
}

/** A tag unique to this run, for names that must not clash with another run's. */
export const newRunId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a suite's setup so that a failure is reported by every test (as a failure), not as tests silently skipped
 * after a failed hook: `beforeAll(() => setup.run(setUp))`, then `setup.check()` first in each test.
 */
export function guardedSetup() {
  let error: Error | null = null;
  return {
    async run(setUp: () => Promise<void>): Promise<void> {
      try {
        await setUp();
      } catch (err) {
        error = err instanceof Error ? err : new Error(String(err));
      }
    },
    check(): void {
      if (error) throw new Error(`setup failed: ${error.message}`, { cause: error });
    },
  };
}
export type GuardedSetup = ReturnType<typeof guardedSetup>;

/**
 * First in each step: fails it when the suite's setup failed, or an earlier step it `needs` did not finish (left
 * its entry in `done` empty).
 */
export function checkReady(setup: GuardedSetup, done: Record<string, unknown>, needs: readonly string[]): void {
  setup.check();
  for (const k of needs) if (!done[k]) throw new Error(`an earlier step did not finish (no ${k})`);
}

// ---------------------------------------------------------------------------------------------------------------
// The server.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Builds public/app.css when it is missing (a fresh checkout). */
export function buildCssIfMissing(): void {
  if (fs.existsSync(path.join(ROOT, 'public', 'app.css'))) return;
  const css = spawnSync(process.execPath, ['scripts/build-css.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (css.status !== 0) throw new Error(`building the CSS failed:\n${css.stdout}\n${css.stderr}`);
}

/** Where a server will listen (a free port on 127.0.0.1) and the environment of the server and the CLI. */
export type ServerPlan = { baseUrl: string; env: NodeJS.ProcessEnv };

/**
 * Picks a free port and the environment on `dataDir`: PGlite in DATA_DIR and mail as files, no demo data, whatever
 * the calling shell has set; `extraEnv` on top.
 */
export async function planServer(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerPlan> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BASE_URL: baseUrl,
      SEED_DEMO: 'false',
      DATABASE_URL: '',
      SMTP_URL: '',
      REDIS_URL: '',
      ...extraEnv,
    },
  };
}

/** A running server: its process, address and everything it printed so far. */
export type AppServer = { proc: ChildProcess; baseUrl: string; output: string };

/**
 * The server and the CLI as production runs them: the bundles of scripts/build.mjs (dist/main.js, dist/cli.js), built
 * from the current sources by the run's global setup (test/e2e/global-setup.ts), so no journey transpiles the sources.
 */
const SERVER = ['--enable-source-maps', 'dist/main.js'];
const CLI = ['--enable-source-maps', 'dist/cli.js'];

/** `node dist/main.js` with the plan's environment; its stdout and stderr gathered in `output`. */
export function startServer(plan: ServerPlan): AppServer {
  const proc = spawn(process.execPath, SERVER, {
    cwd: ROOT,
    env: plan.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: AppServer = { proc, baseUrl: plan.baseUrl, output: '' };
  proc.stdout?.on('data', (d: Buffer) => {
    server.output += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    server.output += d.toString();
  });
  return server;
}

/** Polls GET /healthz until it answers 200; fails (with the server's output) if the server exits or time runs out. */
export async function waitForHealth(server: AppServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.proc.exitCode !== null)
      throw new Error(`the server exited with ${server.proc.exitCode} before answering:\n${server.output}`);
    try {
      const r = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`GET /healthz did not answer 200 within ${timeoutMs / 1000} s:\n${server.output}`);
}

/** Stops a server still running with SIGTERM (SIGKILL after 10 s) and checks that it stopped cleanly, with exit code 0. */
export async function stopServer(server: AppServer | null): Promise<void> {
  if (!server || server.proc.exitCode !== null) return;
  const { proc } = server;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(10_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') proc.kill('SIGKILL');
  expect(code, `server output:\n${server.output}`).toBe(0);
  expect(server.output).toContain('stopped cleanly');
}

/**
 * `node dist/cli.js create-admin …` with `env` (a plan's: on its DATA_DIR, so before the server starts,
 * the embedded DB being locked while it runs); killed after 120 s (a machine shared by several suites can take over 40 s to start it).
 */
export function createModerator(env: NodeJS.ProcessEnv, who: { email: string; username: string; password: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [...CLI, 'create-admin'];
    args.push('--email', who.email, '--username', who.username, '--password', who.password);
    const cli = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    cli.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    cli.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => cli.kill('SIGKILL'), 120_000);
    cli.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    cli.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && out.includes(`"username":"${who.username}"`)) resolve();
      else reject(new Error(`create-admin exited with ${code ?? signal}:\n${out}`));
    });
  });
}

/** The environment for the sandbox payment gateway, whatever the calling shell has set. */
export const SANDBOX_GATEWAY_ENV: NodeJS.ProcessEnv = { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' };

/**
 * One suite's server and browser (a `Browser`, or a persistent `BrowserContext`), filled in by `startJourney` as they
 * come up so that `stopJourney` ends whatever did; and the errors its pages threw or logged, by actor.
 */
export type Journey<B extends { close(): Promise<void> } = Browser> = {
  /** The suite's temporary folder, removed at the end; DATA_DIR is its `data`. */
  tmpDir: string;
  dataDir: string;
  baseUrl: string;
  /** The server's address and environment (`cliWhileStopped` starts it again with them). */
  plan: ServerPlan | null;
  server: AppServer | null;
  browser: B | null;
  pageErrors: string[];
};

export const newJourney = <B extends { close(): Promise<void> } = Browser>(): Journey<B> => ({
  tmpDir: '',
  dataDir: '',
  baseUrl: '',
  plan: null,
  server: null,
  browser: null,
  pageErrors: [],
});

export type JourneyOptions<B> = {
  /** Made with the CLI before the server starts. */
  moderator?: Signup;
  /** On top of the server's environment (see `planServer`). */
  env?: NodeJS.ProcessEnv;
  /** Launches the browser (`launchBrowser` unless told). */
  launch?: () => Promise<B>;
};

/**
 * A suite's setup: a temporary folder (kafiil-e2e-`name`-…), the screenshots' folder and the CSS; then the browser
 * is launched while the moderator is made and the server boots. Any of them failing fails the suite.
 */
export async function startJourney<B extends { close(): Promise<void> }>(
  app: Journey<B>,
  name: string,
  opts: JourneyOptions<B> = {},
): Promise<void> {
  app.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `kafiil-e2e-${name}-`));
  app.dataDir = path.join(app.tmpDir, 'data');
  fs.mkdirSync(app.dataDir);
  // The embedded database, migrated and seeded once for the run (test/e2e/global-setup.ts): the CLI and the server
  // open it as it would be after their first start.
  const template = inject('e2eDbTemplate');
  if (template) fs.cpSync(template, path.join(app.dataDir, 'db'), { recursive: true });
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  buildCssIfMissing();
  const plan = await planServer(app.dataDir, opts.env);
  app.baseUrl = plan.baseUrl;
  app.plan = plan;
  const launching = opts.launch ? opts.launch() : (launchBrowser() as Promise<unknown> as Promise<B>);
  const booting = (async () => {
    if (opts.moderator) await createModerator(plan.env, opts.moderator);
    app.server = startServer(plan);
    await waitForHealth(app.server, 60_000);
  })();
  const [launched, healthy] = await Promise.allSettled([launching, booting]);
  if (launched.status === 'fulfilled') app.browser = launched.value;
  if (healthy.status === 'rejected') throw healthy.reason;
  if (launched.status === 'rejected') throw launched.reason;
}

/**
 * `node dist/cli.js …args` with `env`; killed after `timeoutMs` (120 s unless told: a machine shared by
 * several suites can take over 40 s to start it). Resolves with its exit code (or the signal that ended it) and
 * everything it printed (`out`; `stdout` alone too).
 */
export function runCli(
  env: NodeJS.ProcessEnv,
  args: string[],
  timeoutMs = 120_000,
): Promise<{ code: number | string; out: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const cli = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stdout = '';
    cli.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      stdout += d.toString();
    });
    cli.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => cli.kill('SIGKILL'), timeoutMs);
    cli.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    cli.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', out, stdout });
    });
  });
}

/**
 * Runs the CLI (`args`) on the journey's DATA_DIR while its server is stopped — the embedded database takes one
 * process at a time — then starts the server again at the same address (sessions live in the database: the
 * browsers stay signed in). Leave the pages first (about:blank): a live stream cut by the stop is a failed request.
 * Fails unless the CLI exits with 0; returns what it printed on stdout's last line, parsed as JSON.
 */
export async function cliWhileStopped<T = unknown>(app: Journey<{ close(): Promise<void> }>, args: string[]): Promise<T> {
  const plan = app.plan;
  if (!plan) throw new Error('no server plan: the journey did not start');
  await stopServer(app.server);
  const { code, out, stdout } = await runCli(plan.env, args);
  app.server = startServer(plan);
  await waitForHealth(app.server, 60_000);
  expect(code, `src/cli.ts ${args.join(' ')}:\n${out}`).toBe(0);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

/** A suite's teardown: closes the browser, stops the server (checking it stopped cleanly) and removes the folder. */
export async function stopJourney(app: Journey<{ close(): Promise<void> }>): Promise<void> {
  await app.browser?.close().catch(() => {});
  try {
    await stopServer(app.server);
  } finally {
    if (app.tmpDir) fs.rmSync(app.tmpDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mail (DATA_DIR/mail/*.eml) and the API.

/** The decoded text of every part of a MIME message (quoted-printable and base64 undone), joined; never the raw encoded text. */
export function mailText(raw: string): string {
  const out: string[] = [];
  const boundaries = [...raw.matchAll(/boundary="?([^"\r\n;]+)"?/gi)].map((m) => m[1]);
  const parts = boundaries.length ? boundaries.flatMap((b) => raw.split(`--${b}`)) : [raw];
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const body = part.slice(split).trim();
    const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (enc === 'base64') out.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
    else if (enc === 'quoted-printable') {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
      out.push(Buffer.from(bytes, 'latin1').toString('utf8'));
    } else out.push(body);
  }
  return out.join('\n');
}

/** The link of a verification mail. */
export const VERIFY_LINK = /https?:\/\/[^\s"'<>]*\/verify-email\?token=[A-Za-z0-9_.~%-]+/;

/** Polls `dataDir`/mail for a message to `to` whose decoded text matches `re`; returns the match. */
export async function mailMatching(dataDir: string, to: string, re: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
  const dir = path.join(dataDir, 'mail');
  const safeTo = to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml') && !f.startsWith('.') && f.includes(safeTo))
      : [];
    for (const f of files.sort()) {
      const m = re.exec(mailText(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (m) return m;
    }
    await sleep(200);
  }
  const seen = fs.existsSync(dir) ? fs.readdirSync(dir).join(', ') : '(no mail directory)';
  throw new Error(`no mail to ${to} matching ${re} within ${timeoutMs / 1000} s; mail files: ${seen}`);
}

export type ApiOptions = { token?: string; body?: unknown; expect: number };

/** A JSON request to the API (a bearer token when given); fails the test with the answer's body on an unexpected status. */
export async function apiRequest<T>(baseUrl: string, method: string, url: string, opts: ApiOptions): Promise<T> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${baseUrl}${url}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await r.text();
  expect(r.status, `${method} ${url}: ${text}`).toBe(opts.expect);
  return (text ? JSON.parse(text) : null) as T;
}

export type Login = { username: string; password: string };
export type Signup = Login & { email: string; displayName?: string };

/**
 * A user of this run (`run`: `newRunId()`): username `e2e_<tag>_<run>`, email `e2e-<tag>-<run>@example.com`, the
 * password `<password>-<run>`, and the display name when given.
 */
export function testUser(run: string, tag: string, password: string): Signup;
export function testUser(run: string, tag: string, password: string, displayName: string): Signup & { displayName: string };
export function testUser(run: string, tag: string, password: string, displayName?: string): Signup {
  const user: Signup = { email: `e2e-${tag}-${run}@example.com`, username: `e2e_${tag}_${run}`, password: `${password}-${run}` };
  return displayName === undefined ? user : { ...user, displayName };
}

/** A service to publish through the API: its subcategory by slug; the rest as POST /api/v1/services takes it. */
export type ServiceSpec = {
  title: string;
  categorySlug: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  instructions?: string;
  skills?: string[];
  addons?: { title: string; priceCents: number; extraDays: number }[];
  /** The colour of its generated image (a 120 × 90 PNG). */
  imageColour?: string;
};
/** A published service as GET /api/v1/services/{id} answers it (what the journeys use of it). */
export type PublishedService = { id: number; status: string; addons: { id: number; title: string; priceCents: number }[] };

/**
 * The helpers that talk to one suite's server, bound to `where` (read at each call: the address and DATA_DIR are
 * known only once the suite's setup has run).
 */
export function appHelpers(where: () => { baseUrl: string; dataDir: string }) {
  const api = <T>(method: string, url: string, opts: ApiOptions) => apiRequest<T>(where().baseUrl, method, url, opts);
  const mail = (to: string, re: RegExp, timeoutMs?: number) => mailMatching(where().dataDir, to, re, timeoutMs);
  const login = async (who: Login) =>
    (await api<{ token: string }>('POST', '/api/v1/auth/login', { body: { login: who.username, password: who.password }, expect: 200 }))
      .token;
  return {
    api,
    mailMatching: mail,
    /** Polls the mail for a message to `to` and returns the verification link in it. */
    verificationLink: async (to: string) => (await mail(to, VERIFY_LINK))[0],
    /** Signs in through the API; returns the bearer token. */
    apiLogin: login,
    /** Signs up through the API and confirms the email with the link from the mail. */
    signUpVerified: async (who: Signup) => {
      await api('POST', '/api/v1/auth/signup', { body: { ...who, acceptTerms: true }, expect: 201 });
      const [link] = await mail(who.email, VERIFY_LINK);
      await api('POST', '/api/v1/auth/verify-email', { body: { token: new URL(link).searchParams.get('token') }, expect: 200 });
    },
    /**
     * Publishes a service through the API: `seller` uploads its image and submits it (pending), `moderator` approves
     * it (POST /api/v1/admin/services/{id}/approve); returns it as the public API shows it, published.
     */
    publishService: async (seller: Login, moderator: Login, spec: ServiceSpec): Promise<PublishedService> => {
      const { baseUrl } = where();
      const token = await login(seller);
      const tree = await api<{ slug: string; children: { id: number; slug: string }[] }[]>('GET', '/api/v1/categories', { expect: 200 });
      const category = tree.flatMap((t) => t.children).find((c) => c.slug === spec.categorySlug);
      expect(category, `the seeded "${spec.categorySlug}" subcategory`).toBeDefined();
      const png = await sharp({ create: { width: 120, height: 90, channels: 3, background: spec.imageColour ?? '#1a6' } })
        .png()
        .toBuffer();
      const form = new FormData();
      form.append('purpose', 'service_image');
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'service.png');
      const up = await fetch(`${baseUrl}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(up.status, await up.clone().text()).toBe(201);
      const image = (await up.json()) as { id: number };
      const { categorySlug: _slug, imageColour: _colour, ...fields } = spec;
      const created = await api<{ id: number; status: string }>('POST', '/api/v1/services', {
        token,
        expect: 201,
        body: { instructions: '', skills: [], addons: [], ...fields, categoryId: category?.id, imageIds: [image.id] },
      });
      expect(created.status).toBe('pending');
      await api('POST', `/api/v1/admin/services/${created.id}/approve`, { token: await login(moderator), expect: 200 });
      const published = await api<PublishedService>('GET', `/api/v1/services/${created.id}`, { expect: 200 });
      expect(published.status).toBe('published');
      return published;
    },
  };
}

/** Signs in from the login page of the server at `baseUrl`, asking to come back to `next`, and waits until there. */
export async function signInPage(baseUrl: string, page: Page, who: Login, next: string): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.locator('#f-login').fill(who.username);
  await page.locator('#f-password').fill(who.password);
  await page.locator('#login-form button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === next);
}

// ---------------------------------------------------------------------------------------------------------------
// The browser.

/** Headless Chromium at CHROMIUM_PATH, without the sandbox, the GPU, QUIC and the background traffic. */
export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Launches the browser (each actor then gets a context of its own). */
export const launchBrowser = (): Promise<Browser> => chromium.launch(LAUNCH_OPTIONS);

/** Launches the browser with a persistent profile in `profileDir`: one context, one user. */
export const launchPersistentBrowser = (profileDir: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profileDir, LAUNCH_OPTIONS);

export type Viewport = { width: number; height: number };
export type Timeouts = { action: number; navigation: number };
export const DESKTOP: Viewport = { width: 1280, height: 860 };
export const PHONE: Viewport = { width: 360, height: 780 };

/** Sets a context's default timeouts (10 s for an action, 15 s for a navigation unless told). */
export function setTimeouts(ctx: BrowserContext, timeouts: Timeouts = { action: 10_000, navigation: 15_000 }): void {
  ctx.setDefaultTimeout(timeouts.action);
  ctx.setDefaultNavigationTimeout(timeouts.navigation);
}

/** A browser context of its own (cookies apart) with this viewport and its default timeouts set. */
export async function newContext(browser: Browser | null, viewport: Viewport, timeouts?: Timeouts): Promise<BrowserContext> {
  if (!browser) throw new Error('no browser');
  const ctx = await browser.newContext({ viewport });
  setTimeouts(ctx, timeouts);
  return ctx;
}

/** Collects into `sink` what the page throws and logs as an error (by `name`), but console errors matching `ignore`. */
export function collectErrors(page: Page, name: string, sink: string[], ignore?: RegExp): void {
  page.on('pageerror', (err) => sink.push(`${name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignore?.test(msg.text())) sink.push(`${name} console: ${msg.text()} (${msg.location().url})`);
  });
}

/**
 * Collects into `sink` the page's requests that failed (no answer) and its sub-resources answered with an error
 * status (by `name`). Documents are left to the test (a refused form or a missing page is answered 4xx on purpose),
 * and so are requests cut short by the page leaving (net::ERR_ABORTED: a live stream closed by a navigation).
 */
export function collectFailedRequests(page: Page, name: string, sink: string[]): void {
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText ?? '';
    if (!why.includes('ERR_ABORTED')) sink.push(`${name} request failed: ${req.method()} ${req.url()} (${why})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== 'document')
      sink.push(`${name} request answered ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
}

export type WatchOptions = {
  /** Collect failed requests and sub-resources answered with an error status too (`collectFailedRequests`). */
  requests?: boolean;
  /** Console errors to leave out. */
  ignore?: RegExp;
};

/** Collects into `sink` the page's errors (`collectErrors`) and, when asked, its failed requests, by `name`. */
export function watchPage(page: Page, name: string, sink: string[], opts: WatchOptions = {}): void {
  collectErrors(page, name, sink, opts.ignore);
  if (opts.requests) collectFailedRequests(page, name, sink);
}

/** One user's browser: a context of their own (cookies apart) and its page. */
export type Actor = { ctx: BrowserContext; page: Page };

export type ActorOptions = WatchOptions & {
  viewport?: Viewport;
  timeouts?: Timeouts;
  /** Makes the pages count their live stream's `hello` events (`countHellos`, for `liveOpen`). */
  live?: boolean;
};

/** A new actor in the journey's browser (DESKTOP unless told), its page watched into the journey's `pageErrors`. */
export async function newActor(app: Journey, name: string, opts: ActorOptions = {}): Promise<Actor> {
  const ctx = await newContext(app.browser, opts.viewport ?? DESKTOP, opts.timeouts);
  if (opts.live) await countHellos(ctx);
  const page = await ctx.newPage();
  watchPage(page, name, app.pageErrors, opts);
  return { ctx, page };
}

/** A new actor signed in as `who` from the login page, waiting at `next`. */
export async function signedInActor(app: Journey, name: string, who: Login, next: string, opts: ActorOptions = {}): Promise<Actor> {
  const actor = await newActor(app, name, opts);
  await signInPage(app.baseUrl, actor.page, who, next);
  return actor;
}

/** Checks the page's language and direction: Arabic right to left, English left to right. */
export async function expectLanguage(page: Page, lang: 'ar' | 'en'): Promise<void> {
  const html = page.locator('html');
  expect(await html.getAttribute('lang')).toBe(lang);
  expect(await html.getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
}

/** The notice shown once after a form (data-testid="flash") with this text. */
export const flash = (page: Page, hasText: string) => page.getByTestId('flash').filter({ hasText });

/** A full-page screenshot into SCREENS_DIR. */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, name), fullPage: true });

/** Downloads an attachment's link in the page's context (its cookies): answered 200 with `file`'s bytes; returns the answer. */
export async function expectDownload(app: Journey, page: Page, link: Locator, file: { buffer: Buffer }) {
  const res = await page.context().request.get(`${app.baseUrl}${await link.getAttribute('href')}`);
  expect(res.status()).toBe(200);
  expect((await res.body()).equals(file.buffer)).toBe(true);
  return res;
}

export * from './steps.ts';
