// Live messaging in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo data,
// mail written as .eml files): two users, each in a browser of their own (one on a phone, one on a desktop), chat in
// Arabic. A writes with a PDF attached; B, on another page, sees the header's messages badge count it without
// reloading (live.js over the pages' /live event stream), opens the conversation; B's reply, sent without leaving the
// page (messages.js), appears in A's open thread without reloading, and the read receipts follow live.
// Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true';
const haveChromium = fs.existsSync(chromiumPath);
const skip = !haveChromium && !ci;
if (skip) {
  console.log(
    `[e2e] messaging journey skipped: no Chromium at ${chromiumPath} (install the Debian package "chromium" or set CHROMIUM_PATH)`,
  );
}

const screensDir = path.join(root, '.tmp', 'screens');
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** How long a live change may take to show in the other browser. */
const LIVE_MS = 5_000;

let dataDir = '';
let baseUrl = '';
let server: ChildProcess | null = null;
let serverOutput = '';
let browser: Browser | null = null;
let setupError: Error | null = null;
/** Errors the pages threw or logged, by actor; none is expected. */
const pageErrors: string[] = [];

const alice = { email: `e2e-msg-a-${run}@example.com`, username: `e2e_msg_a_${run}`, password: `Amber-Desert-Moon-${run}` };
const bob = { email: `e2e-msg-b-${run}@example.com`, username: `e2e_msg_b_${run}`, password: `Silver-Lake-Breeze-${run}` };

const text = {
  first: 'مرحبًا، أحتاج شعارًا لمتجري الإلكتروني. أرفقت ملف المتطلبات، هل يمكنك البدء هذا الأسبوع؟',
  reply: 'أهلًا بك! اطّلعت على الملف، ويمكنني البدء غدًا إن شاء الله.',
  thanks: 'ممتاز، شكرًا جزيلًا. بانتظار النماذج الأولى.',
};
const pdf = {
  name: 'متطلبات-الشعار.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1'),
};

/** Filled in as the journey goes. */
const state = { signedUp: false, conversationId: 0 };
const actors: { a: { ctx: BrowserContext; page: Page } | null; b: { ctx: BrowserContext; page: Page } | null } = { a: null, b: null };

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`the server exited with ${server?.exitCode} before answering:\n${serverOutput}`);
    try {
      const r = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  throw new Error(`GET /healthz did not answer 200 within ${timeoutMs / 1000} s:\n${serverOutput}`);
}

/** The decoded text of every part of a MIME message (quoted-printable and base64 undone), joined; never the raw encoded text. */
function mailText(raw: string): string {
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

/** Polls DATA_DIR/mail for a message to `to` whose decoded text matches `re`; returns the match. */
async function mailMatching(to: string, re: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
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

/** A JSON request to the API; fails the test with the answer's body on an unexpected status. */
async function api<T>(method: string, url: string, opts: { body?: unknown; expect: number }): Promise<T> {
  const r = await fetch(`${baseUrl}${url}`, {
    method,
    headers: opts.body === undefined ? {} : { 'content-type': 'application/json' },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const body = await r.text();
  expect(r.status, `${method} ${url}: ${body}`).toBe(opts.expect);
  return (body ? JSON.parse(body) : null) as T;
}

/** Signs up through the API and confirms the email with the link from the mail. */
async function signUpVerified(who: { email: string; username: string; password: string }) {
  await api('POST', '/api/v1/auth/signup', { body: { ...who, acceptTerms: true }, expect: 201 });
  const [link] = await mailMatching(who.email, /https?:\/\/[^\s"'<>]*\/verify-email\?token=[A-Za-z0-9_.~%-]+/);
  await api('POST', '/api/v1/auth/verify-email', { body: { token: new URL(link).searchParams.get('token') }, expect: 200 });
}

type LiveWindow = { __hello?: number; __marker?: number };

/**
 * A browser context of its own (cookies apart), its page errors collected. Every page counts the `hello` events of
 * its live stream (live.js hands each event to the page as `kafiil:<type>` on document): the first one says the
 * server has subscribed the page, so an event sent after it must reach it.
 */
async function newActor(name: string, viewport: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
  if (!browser) throw new Error('no browser');
  const ctx = await browser.newContext({ viewport });
  ctx.setDefaultTimeout(10_000);
  ctx.setDefaultNavigationTimeout(15_000);
  await ctx.addInitScript(() => {
    const w = window as unknown as LiveWindow;
    w.__hello = 0;
    document.addEventListener('kafiil:hello', () => {
      w.__hello = (w.__hello ?? 0) + 1;
    });
  });
  const page = await ctx.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`${name} console: ${msg.text()} (${msg.location().url})`);
  });
  return { ctx, page };
}

async function signIn(page: Page, who: { username: string; password: string }, next: string) {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.locator('#f-login').fill(who.username);
  await page.locator('#f-password').fill(who.password);
  await page.locator('#login-form button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === next);
}

/** Waits until the page's live stream has said hello (the server holds its subscription). */
async function liveOpen(page: Page, who: string) {
  try {
    await page.waitForFunction(() => ((window as unknown as LiveWindow).__hello ?? 0) > 0, undefined, { timeout: LIVE_MS });
  } catch (err) {
    throw new Error(`${who}'s page (${page.url()}) did not open its live stream (no hello from /live within ${LIVE_MS / 1000} s)`, {
      cause: err,
    });
  }
}

/** Hello events this page's live stream has had (more than one: it reconnected and the counts came again). */
const hellos = (page: Page) => page.evaluate(() => (window as unknown as LiveWindow).__hello ?? 0);

/** A mark on the page's window: still there later, the page was not loaded again. */
const setMarker = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as LiveWindow).__marker = 1;
  });
const marker = (page: Page) => page.evaluate(() => (window as unknown as LiveWindow).__marker ?? null);

/** The header's unread-conversations badge: its text when shown, null when hidden. */
async function messagesBadge(page: Page): Promise<string | null> {
  const badge = page.locator('header [data-badge="messages"]');
  expect(await badge.count()).toBe(1);
  return (await badge.isVisible()) ? ((await badge.textContent())?.trim() ?? '') : null;
}

/** The receipt under the last message of one's own in the open thread ('sent' or 'seen'). */
const lastOwnReceipt = (page: Page) =>
  page.locator('#thread > li[data-mine]').last().locator('[data-receipt]').getAttribute('data-receipt');

/** Sends from an open thread's box; messages.js posts it with fetch (204) and the page stays. */
async function sendInThread(page: Page, body: string) {
  await setMarker(page);
  const composer = page.locator('#composer');
  await composer.locator('textarea[name="body"]').fill(body);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/messages/${state.conversationId}`,
  );
  await composer.getByTestId('send').click();
  const res = await answered;
  expect(res.status(), 'the box is sent by messages.js (x-requested-with: fetch), answered 204').toBe(204);
  expect(res.request().headers()['x-requested-with']).toBe('fetch');
  // The page shows its own message (fetched after the 204) and empties the box, without a page load.
  const mine = page.locator('#thread > li[data-mine]', { hasText: body });
  await mine.waitFor({ state: 'visible', timeout: LIVE_MS });
  // (The page's live `message` event may show it a moment before the answer to the post empties the box.)
  await expect.poll(() => composer.locator('textarea[name="body"]').inputValue()).toBe('');
  expect(await marker(page), 'no page load: the window is the same').toBe(1);
  expect(new URL(page.url()).pathname).toBe(`/messages/${state.conversationId}`);
  return mine;
}

describe.skipIf(skip)('live messaging journey in Chromium', () => {
  // A setup failure is reported by every test (as a failure), not as tests silently skipped after a failed hook.
  beforeAll(async () => {
    try {
      await setUp();
    } catch (err) {
      setupError = err instanceof Error ? err : new Error(String(err));
    }
  }, 60_000);

  async function setUp() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-messaging-'));
    fs.mkdirSync(screensDir, { recursive: true });
    if (!fs.existsSync(path.join(root, 'public', 'app.css'))) {
      const css = spawnSync(process.execPath, ['scripts/build-css.mjs'], { cwd: root, encoding: 'utf8' });
      if (css.status !== 0) throw new Error(`building the CSS failed:\n${css.stdout}\n${css.stderr}`);
    }
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.tsx'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        BASE_URL: baseUrl,
        SEED_DEMO: 'false',
        // PGlite in DATA_DIR and mail as files, whatever the calling shell has set.
        DATABASE_URL: '',
        SMTP_URL: '',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => {
      serverOutput += d.toString();
    });
    server.stderr?.on('data', (d: Buffer) => {
      serverOutput += d.toString();
    });
    const launching = chromium.launch({
      executablePath: chromiumPath,
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
    });
    // Start the browser while the server boots; either failing fails the suite.
    const [launched, healthy] = await Promise.allSettled([launching, waitForHealth(30_000)]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (healthy.status === 'rejected') throw healthy.reason;
    if (launched.status === 'rejected') throw launched.reason;
  }

  function ready(...needs: (keyof typeof state | keyof typeof actors)[]) {
    if (setupError) throw new Error(`setup failed: ${setupError.message}`, { cause: setupError });
    for (const k of needs) {
      const done = k in state ? state[k as keyof typeof state] : actors[k as keyof typeof actors];
      if (!done) throw new Error(`an earlier step did not finish (no ${k})`);
    }
  }
  const A = () => actors.a?.page as Page;
  const B = () => actors.b?.page as Page;

  afterAll(async () => {
    await browser?.close().catch(() => {});
    try {
      if (server && server.exitCode === null) {
        const proc = server;
        const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
        proc.kill('SIGTERM');
        const code = await Promise.race([exited, sleep(10_000).then(() => 'timeout' as const)]);
        if (code === 'timeout') proc.kill('SIGKILL');
        expect(code, `server output:\n${serverOutput}`).toBe(0);
        expect(serverOutput).toContain('stopped cleanly');
      }
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 20_000);

  it('A and B sign up through the API and confirm their email', async () => {
    ready();
    await Promise.all([signUpVerified(alice), signUpVerified(bob)]);
    state.signedUp = true;
  });

  it('each signs in in a browser of their own: A on a phone, B on a desktop, waiting on the home page', async () => {
    ready('signedUp');
    actors.a = await newActor('A', { width: 360, height: 780 });
    actors.b = await newActor('B', { width: 1280, height: 860 });
    await Promise.all([signIn(A(), alice, '/'), signIn(B(), bob, '/')]);
    for (const p of [A(), B()]) {
      expect(await p.locator('html').getAttribute('lang')).toBe('ar');
      expect(await p.locator('html').getAttribute('dir')).toBe('rtl');
    }
    // B's page is subscribed to live events, with nothing unread; it stays as it is until B sees the badge.
    await liveOpen(B(), 'B');
    expect(await messagesBadge(B())).toBeNull();
    await setMarker(B());
  });

  it('A writes to B in Arabic with a PDF attached, and lands on the thread with both', async () => {
    ready('a', 'b');
    const page = A();
    await page.goto(`${baseUrl}/messages/new?to=${encodeURIComponent(bob.username)}`);
    expect(new URL(page.url()).pathname).toBe('/messages/new');
    const form = page.locator('#composer');
    await form.locator('textarea[name="body"]').fill(text.first);
    await form.locator('input[name="files"]').setInputFiles(pdf);
    await form.getByTestId('send').click();
    await page.waitForURL((u) => /^\/messages\/\d+$/.test(u.pathname));
    state.conversationId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(state.conversationId).toBeGreaterThan(0);

    const thread = page.locator('#thread');
    expect(await thread.getAttribute('data-conversation')).toBe(String(state.conversationId));
    const first = thread.locator('> li[data-mine]');
    expect(await first.count()).toBe(1);
    expect(await first.locator('.chat-bubble').textContent()).toContain(text.first);
    const attachment = first.getByTestId('attachment');
    expect(await attachment.count()).toBe(1);
    expect(await attachment.textContent()).toContain(pdf.name);
    expect(await attachment.getAttribute('href')).toMatch(/^\/messages\/files\/\d+$/);
    expect(await lastOwnReceipt(page)).toBe('sent');
    expect(await page.getByTestId('form-error').count()).toBe(0);
    // A's thread listens too: B's reading and replies must reach it.
    await liveOpen(page, 'A');
  });

  it('B sees the messages badge count it without reloading, then opens the inbox and the conversation', async () => {
    ready('b', 'conversationId');
    const page = B();
    await expect
      .poll(() => messagesBadge(page), { timeout: LIVE_MS, message: "B's header badge shows 1 unread conversation, live" })
      .toBe('1');
    expect(await marker(page), 'B did not reload').toBe(1);
    expect(await hellos(page), 'the count came with the message event, not with a reconnection').toBe(1);
    expect(new URL(page.url()).pathname).toBe('/');

    await page.getByTestId('inbox-link').click();
    await page.waitForURL((u) => u.pathname === '/messages');
    const item = page.getByTestId('inbox').locator(`a[data-conversation="${state.conversationId}"]`);
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain(alice.username);
    expect(await item.textContent()).toContain(text.first);
    expect((await item.getByTestId('unread-count').textContent())?.trim()).toBe('1');

    await item.click();
    await page.waitForURL((u) => u.pathname === `/messages/${state.conversationId}`);
    const theirs = page.locator('#thread > li:not([data-mine])');
    expect(await theirs.count()).toBe(1);
    expect(await theirs.locator('.chat-bubble').textContent()).toContain(text.first);
    const attachment = theirs.getByTestId('attachment');
    expect(await attachment.textContent()).toContain(pdf.name);
    // The link works for B: the PDF itself, as a download.
    const file = await page.context().request.get(`${baseUrl}${await attachment.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).equals(pdf.buffer)).toBe(true);
    expect(file.headers()['content-disposition']).toMatch(/^attachment/);
    // Opening the thread read it: B's badge is cleared.
    await liveOpen(page, 'B');
    await expect.poll(() => messagesBadge(page), { timeout: LIVE_MS }).toBeNull();

    // A, still on the thread, sees the receipt turn to "seen" without reloading (the live `read` event).
    await expect.poll(() => lastOwnReceipt(A()), { timeout: LIVE_MS, message: "A's message shows B's read receipt, live" }).toBe('seen');
    expect(await A().locator('#thread > li[data-mine] [data-receipt="seen"]').textContent()).toContain('قُرئت');
    expect(await hellos(A()), 'A did not reload').toBe(1);
  });

  it("B replies without leaving the page; the reply appears in A's thread without reloading", async () => {
    ready('a', 'b', 'conversationId');
    await setMarker(A());
    const mine = await sendInThread(B(), text.reply);
    expect(await mine.locator('[data-receipt]').count()).toBe(1);

    const reply = A().locator('#thread > li:not([data-mine])', { hasText: text.reply });
    try {
      await reply.waitFor({ state: 'visible', timeout: LIVE_MS });
    } catch (err) {
      throw new Error(`B's reply did not appear in A's open thread within ${LIVE_MS / 1000} s`, { cause: err });
    }
    expect(await A().locator('#thread > li').count()).toBe(2);
    expect(await marker(A()), 'A did not reload').toBe(1);
    expect(await hellos(A())).toBe(1);
    // A's page had it open and visible, so it read it: B sees the receipt, live; A's badge stays clear.
    await expect.poll(() => lastOwnReceipt(B()), { timeout: LIVE_MS, message: "B's reply shows A's read receipt, live" }).toBe('seen');
    await expect.poll(() => messagesBadge(A()), { timeout: LIVE_MS }).toBeNull();
  });

  it('A answers from the phone; B sees it live and A sees the read receipt on it without reloading', async () => {
    ready('a', 'b', 'conversationId');
    await setMarker(B());
    // (Whether A's page first shows it "sent" depends on who is quicker, B's page reading it or A's fetching it back;
    // the receipt turning live on a page rendered "sent" is checked above, on A's first message.)
    await sendInThread(A(), text.thanks);

    const thanks = B().locator('#thread > li:not([data-mine])', { hasText: text.thanks });
    await thanks.waitFor({ state: 'visible', timeout: LIVE_MS });
    expect(await marker(B()), 'B did not reload').toBe(1);
    expect(await B().locator('#thread > li').count()).toBe(3);

    await expect
      .poll(() => lastOwnReceipt(A()), { timeout: LIVE_MS, message: "A's last message shows B's read receipt, live" })
      .toBe('seen');
    expect(await marker(A()), 'A did not reload').toBe(1);
    expect(await hellos(A())).toBe(1);
    expect(await hellos(B())).toBe(1);
  });

  it('screenshots: the Arabic thread on the phone, the English inbox on the desktop', async () => {
    ready('a', 'b', 'conversationId');
    const phone = A();
    // Nothing wider than the phone's screen.
    await expect.poll(() => phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: path.join(screensDir, 'messages-thread-360.png'), fullPage: true });

    const desk = B();
    await desk.goto(`${baseUrl}/en/messages`);
    expect(await desk.locator('html').getAttribute('lang')).toBe('en');
    expect(await desk.locator('html').getAttribute('dir')).toBe('ltr');
    const item = desk.getByTestId('inbox').locator(`a[data-conversation="${state.conversationId}"]`);
    expect(await item.getAttribute('href')).toBe(`/en/messages/${state.conversationId}`);
    expect(await item.textContent()).toContain(text.thanks);
    expect(await item.getByTestId('unread-count').count()).toBe(0);
    await desk.screenshot({ path: path.join(screensDir, 'messages-inbox-en-1280.png'), fullPage: true });
  });

  it('no page threw or logged an error', () => {
    ready();
    expect(pageErrors).toEqual([]);
  });
});
