// The sign-up journey in a real browser against the real server (src/main.tsx in a child process, PGlite,
// mail written as .eml files): sign up in Arabic, confirm the email from the mail, sign in, switch to English,
// sign out; and the form's field errors for bad input. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true';
const haveChromium = fs.existsSync(chromiumPath);
const skip = !haveChromium && !ci;
if (skip) {
  console.log(`[e2e] signup journey skipped: no Chromium at ${chromiumPath} (install the Debian package "chromium" or set CHROMIUM_PATH)`);
}

const screensDir = path.join(root, '.tmp', 'screens');
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let dataDir = '';
let profileDir = '';
let baseUrl = '';
let server: ChildProcess | null = null;
let serverOutput = '';
let context: BrowserContext | null = null;
let page: Page;
let setupError: Error | null = null;

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

/** Polls DATA_DIR/mail for a message to `to` and returns the verification link in it. */
async function verificationLink(to: string, timeoutMs = 10_000): Promise<string> {
  const dir = path.join(dataDir, 'mail');
  const safeTo = to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml') && !f.startsWith('.') && f.includes(safeTo))
      : [];
    for (const f of files.sort()) {
      const text = mailText(fs.readFileSync(path.join(dir, f), 'utf8'));
      const m = /https?:\/\/[^\s"'<>]*\/verify-email\?token=[A-Za-z0-9_.~%-]+/.exec(text);
      if (m) return m[0];
    }
    await sleep(200);
  }
  const seen = fs.existsSync(dir) ? fs.readdirSync(dir).join(', ') : '(no mail directory)';
  throw new Error(`no verification mail to ${to} within ${timeoutMs / 1000} s; mail files: ${seen}`);
}

describe.skipIf(skip)('sign-up journey in Chromium', () => {
  // A setup failure is reported by every test (as a failure), not as tests silently skipped after a failed hook.
  beforeAll(async () => {
    try {
      await setUp();
    } catch (err) {
      setupError = err instanceof Error ? err : new Error(String(err));
    }
  }, 60_000);

  async function setUp() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-data-'));
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-profile-'));
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
    const browser = chromium.launchPersistentContext(profileDir, {
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
    const [launched, healthy] = await Promise.allSettled([browser, waitForHealth(30_000)]);
    if (launched.status === 'fulfilled') context = launched.value;
    if (healthy.status === 'rejected') throw healthy.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const ctx = launched.value;
    ctx.setDefaultTimeout(10_000);
    ctx.setDefaultNavigationTimeout(15_000);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.setViewportSize({ width: 1280, height: 860 });
  }

  function ready() {
    if (setupError) throw new Error(`setup failed: ${setupError.message}`, { cause: setupError });
  }

  afterAll(async () => {
    await context?.close().catch(() => {});
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
      for (const d of [dataDir, profileDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
    }
  }, 20_000);

  const taken = { username: `e2e_a_${run}`, email: `e2e-a-${run}@example.com`, password: `Wide-Blue-Sea-${run}` };
  const user = { username: `e2e_b_${run}`, email: `e2e-b-${run}@example.com`, password: `Quiet-Morning-River-${run}` };

  it('someone already holds a username (signed up through the API)', async () => {
    ready();
    const r = await fetch(`${baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...taken, acceptTerms: true }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
  });

  it('the Arabic sign-up page (screenshots at phone and desktop widths)', async () => {
    ready();
    await page.goto(`${baseUrl}/signup`);
    const html = page.locator('html');
    await expect.poll(() => html.getAttribute('lang')).toBe('ar');
    expect(await html.getAttribute('dir')).toBe('rtl');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.screenshot({ path: path.join(screensDir, 'signup-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.screenshot({ path: path.join(screensDir, 'signup-1280.png'), fullPage: true });
  });

  it('shows a too-short password and a taken username next to the field, keeping the email', async () => {
    ready();
    const form = page.locator('#signup-form');
    // Too short a password.
    await form.locator('#f-email').fill(user.email);
    await form.locator('#f-username').fill(user.username);
    await form.locator('#f-password').fill('short1');
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    const pwErr = page.locator('.fieldset', { has: page.locator('#f-password') }).getByTestId('error-password');
    await expect.poll(() => pwErr.isVisible()).toBe(true);
    expect((await pwErr.textContent())?.trim()).not.toBe('');
    expect(await page.locator('#f-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-email').inputValue()).toBe(user.email);
    expect(await page.locator('#f-username').inputValue()).toBe(user.username);
    expect(await page.getByTestId('error-username').count()).toBe(0);

    // A username someone else holds.
    await form.locator('#f-username').fill(taken.username);
    await form.locator('#f-password').fill(user.password);
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    const nameErr = page.locator('.fieldset', { has: page.locator('#f-username') }).getByTestId('error-username');
    await expect.poll(() => nameErr.isVisible()).toBe(true);
    expect((await nameErr.textContent())?.trim()).not.toBe('');
    expect(await page.getByTestId('error-password').count()).toBe(0);
    expect(await page.locator('#f-email').inputValue()).toBe(user.email);
    expect(await page.locator('#f-username').inputValue()).toBe(taken.username);
  });

  it('signs up, confirms the email from the mail, signs in, switches to English and signs out', async () => {
    ready();
    // Sign up.
    await page.goto(`${baseUrl}/signup`);
    const form = page.locator('#signup-form');
    await form.locator('#f-email').fill(user.email);
    await form.locator('#f-username').fill(user.username);
    await form.locator('#f-password').fill(user.password);
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    const checkEmail = page.getByTestId('check-email');
    await expect.poll(() => checkEmail.isVisible()).toBe(true);
    expect(await checkEmail.textContent()).toContain(user.email);

    // Confirm the email with the link from the mail.
    const link = await verificationLink(user.email);
    expect(new URL(link).origin).toBe(baseUrl);
    await page.goto(link);
    await page.locator('form[action$="/verify-email"] button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/login');

    // Sign in.
    await page.locator('#f-login').fill(user.username);
    await page.locator('#f-password').fill(user.password);
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname !== '/login');
    const menu = page.getByTestId('user-menu');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect((await menu.textContent())?.trim()).toBe(user.username);
    const arPath = new URL(page.url()).pathname;

    // Switch to English: the same page under /en.
    await page.getByRole('link', { name: 'English' }).click();
    const enPath = arPath === '/' ? '/en' : `/en${arPath}`;
    await page.waitForURL((u) => u.pathname === enPath);
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('en');
    expect(await html.getAttribute('dir')).toBe('ltr');
    expect(await page.title()).toMatch(/\| Kafiil$/);
    expect(await page.locator('a[hreflang="ar"]').first().getAttribute('href')).toBe(arPath);
    await expect.poll(() => menu.isVisible()).toBe(true);

    // Sign out from the user menu.
    await menu.click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await expect.poll(() => signIn.isVisible()).toBe(true);
    expect(await menu.count()).toBe(0);
    expect(new URL(page.url()).pathname.startsWith('/en')).toBe(true);
  });
});
