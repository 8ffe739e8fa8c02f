// `npm run -s bench:weight` (also the last case of `npm run bench`): what a first visit to each main page costs on a
// phone. The real server (src/main.tsx) starts in a child process on a fresh DATA_DIR with the demo data; each page
// is opened in Chromium (playwright-core, CHROMIUM_PATH or /usr/bin/chromium) in a new browser context — an empty
// cache, as a first visit — at 360 × 780, and the bytes that came over the wire are summed from the DevTools
// protocol (Network.loadingFinished's encodedDataLength: compressed bodies and their headers). Each page is listed
// with and without its content images (service images and avatars, /files/ and /avatars/); the target is ≤ 70 KB
// without them (issue 14, "Light on a slow phone"). test/e2e/light.test.ts checks the same budget with the same
// measure (firstVisit, below).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Every page's first visit, without content images, at most this many bytes (compressed, over the wire). */
export const PAGE_BUDGET_BYTES = 70 * 1024;
export const PHONE_VIEWPORT = { width: 360, height: 780 };

/** One answer the page's first visit fetched. */
export type Transfer = { url: string; type: string; status: number; bytes: number; encoding: string };
export type PageWeight = {
  path: string;
  /** Everything that came over the wire. */
  total: number;
  /** Without the content images (service images, avatars). */
  withoutImages: number;
  /** The content images alone. */
  images: number;
  /** The web fonts alone. */
  fonts: number;
  transfers: Transfer[];
};

/** Service images and avatars (what a page shows as content, not the site's own look). */
export const isContentImage = (url: string, type: string) => {
  const p = new URL(url).pathname;
  return type === 'Image' && (p.startsWith('/files/') || p.startsWith('/avatars/') || p.startsWith('/images/'));
};

/**
 * Opens `pagePath` as a first visit (a new context: empty cache, only the cookies of `storageState`) and returns what
 * came over the wire until the page had loaded, its fonts were ready and nothing but a live stream was still loading.
 */
export async function firstVisit(
  browser: Browser,
  baseUrl: string,
  pagePath: string,
  opts: {
    storageState?: BrowserContextOptions['storageState'];
    viewport?: { width: number; height: number };
    /** Looks at the page once measured, before its context closes. */
    inspect?: (page: Page) => Promise<void>;
  } = {},
): Promise<PageWeight> {
  const ctx = await browser.newContext({ viewport: opts.viewport ?? PHONE_VIEWPORT, storageState: opts.storageState });
  try {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    type Pending = { url: string; type: string; status: number; encoding: string; bytes: number; done: boolean };
    const requests = new Map<string, Pending>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.startsWith('http')) return;
      requests.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', status: 0, encoding: '', bytes: 0, done: false });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      r.status = e.response.status;
      r.type = e.type ?? r.type;
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      r.encoding = headers['content-encoding'] ?? 'identity';
    });
    // A live stream never finishes: what it sent so far is counted from its chunks.
    cdp.on('Network.dataReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r && !r.done) r.bytes += e.encodedDataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      r.bytes = e.encodedDataLength;
      r.done = true;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.done = true;
    });
    const res = await page.goto(baseUrl + pagePath, { waitUntil: 'load' });
    if (!res || res.status() >= 400) throw new Error(`${pagePath} answered ${res?.status()}`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // Quiet for 300 ms: no request but a live stream (EventSource) still loading; 8 s at most.
    const deadline = Date.now() + 8000;
    let quietSince = Date.now();
    while (Date.now() < deadline && Date.now() - quietSince < 300) {
      await new Promise((r) => setTimeout(r, 50));
      const busy = [...requests.values()].some((r) => !r.done && r.type !== 'EventSource');
      if (busy) quietSince = Date.now();
    }
    const transfers: Transfer[] = [...requests.values()].map(({ url, type, status, bytes, encoding }) => ({
      url,
      type,
      status,
      bytes,
      encoding,
    }));
    await opts.inspect?.(page);
    const sum = (list: Transfer[]) => list.reduce((n, t) => n + t.bytes, 0);
    const images = transfers.filter((t) => isContentImage(t.url, t.type));
    return {
      path: pagePath,
      total: sum(transfers),
      images: sum(images),
      withoutImages: sum(transfers) - sum(images),
      fonts: sum(transfers.filter((t) => t.type === 'Font')),
      transfers,
    };
  } finally {
    await ctx.close();
  }
}

/** "12.3" (KB). */
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** What a page's first visit fetched, biggest first: "app.css 14.2 KB br, …". */
export function breakdown(w: PageWeight): string {
  return [...w.transfers]
    .sort((a, b) => b.bytes - a.bytes)
    .map((t) => {
      const u = new URL(t.url);
      const name = t.type === 'Document' ? 'HTML' : (u.pathname.split('/').pop() ?? u.pathname);
      return `${name} ${kb(t.bytes)} KB${t.encoding && t.encoding !== 'identity' ? ` ${t.encoding}` : ''}`;
    })
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// The stand-alone run: the server with the demo data, the main pages in Arabic and English, a table.

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

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms: number, proc: ChildProcess, output: () => string) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the server exited (${proc.exitCode}) before ${what}:\n${output()}`);
    try {
      if (await ok()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${what} within ${ms / 1000} s:\n${output()}`);
}

/** The demo freelancer the signed-in pages are opened as (src/seed.ts: the password is the admin's + "-" + username). */
const DEMO_USER = 'sara_designs';

/** The main pages (bare paths); the English ones are the same under /en. */
async function mainPages(base: string): Promise<{ visitor: [string, string][]; member: [string, string][] }> {
  const html = (p: string) => fetch(base + p).then((r) => r.text());
  const services = await html('/services');
  const service = services.match(/href="(\/services\/\d+-[^"]+)"/)?.[1];
  const projects = (await fetch(`${base}/api/v1/projects`).then((r) => r.json())) as { items: { id: number }[] };
  const project = projects.items[0] ? `/projects/${projects.items[0].id}` : null;
  const visitor: [string, string][] = [
    ['home', '/'],
    ['services', '/services'],
    ...(service ? ([['a service', decodeURI(service)]] as [string, string][]) : []),
    ['projects', '/projects'],
    ...(project ? ([['a project', project]] as [string, string][]) : []),
    ['freelancers', '/freelancers'],
    ['a profile', `/u/${DEMO_USER}`],
    ['sign in', '/login'],
    ['sign up', '/signup'],
    ['help (FAQ)', '/faq'],
    ['terms', '/terms'],
  ];
  if (!project) console.log('  (no open project in the demo data: the project page is not measured)');
  const member: [string, string][] = [
    ['wallet (signed in)', '/wallet'],
    ['messages (signed in)', '/messages'],
    ['orders (signed in)', '/my/purchases'],
  ];
  return { visitor, member };
}

export async function main(): Promise<boolean> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    console.log(`\npage weight skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
    return true;
  }
  if (!fs.existsSync(path.join(ROOT, 'public', 'app.css'))) {
    const css = spawn(process.execPath, ['scripts/build-css.mjs'], { cwd: ROOT, stdio: 'inherit' });
    await new Promise((r) => css.on('exit', r));
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-weight-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BASE_URL: base,
    SEED_DEMO: 'true',
    DATABASE_URL: '',
    SMTP_URL: '',
    REDIS_URL: '',
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.tsx'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  let browser: Browser | null = null;
  let ok = true;
  try {
    await waitFor(
      'the demo data',
      () => output.includes('Demo data created'),
      180_000,
      proc,
      () => output,
    );
    const adminPassword = output.match(/password: (\S+)/)?.[1] ?? '';
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    });
    // A signed-in visitor's cookies (the sign-in itself is not measured).
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.locator('#f-login').fill(DEMO_USER);
    await page.locator('#f-password').fill(`${adminPassword}-${DEMO_USER}`);
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname !== '/login');
    const storageState = await ctx.storageState();
    await ctx.close();

    const { visitor, member } = await mainPages(base);
    console.log(
      `\nPage weight: first visit (empty cache) at ${PHONE_VIEWPORT.width} px in Chromium, compressed bytes over the wire; target ≤ ${PAGE_BUDGET_BYTES / 1024} KB without content images`,
    );
    console.log(
      `  ${'page'.padEnd(22)} ${'ar'.padStart(8)} ${'ar+img'.padStart(8)} ${'en'.padStart(8)} ${'en+img'.padStart(8)}  what the Arabic page fetched`,
    );
    for (const [name, p, signedIn] of [
      ...visitor.map(([n, q]) => [n, q, false] as const),
      ...member.map(([n, q]) => [n, q, true] as const),
    ]) {
      const o = signedIn ? { storageState } : {};
      const ar = await firstVisit(browser, base, p, o);
      const en = await firstVisit(browser, base, p === '/' ? '/en' : `/en${p}`, o);
      const meets = ar.withoutImages <= PAGE_BUDGET_BYTES && en.withoutImages <= PAGE_BUDGET_BYTES;
      if (!meets) ok = false;
      console.log(
        `  ${name.padEnd(22)} ${kb(ar.withoutImages).padStart(8)} ${kb(ar.total).padStart(8)} ${kb(en.withoutImages).padStart(8)} ${kb(en.total).padStart(8)} ${meets ? '✓' : '✗'} ${breakdown(ar)}`,
      );
    }
    console.log('  (KB; "+img": with the service images and avatars the first screen loads)');
  } finally {
    await browser?.close();
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (ok) => {
      if (!ok) process.exitCode = 1;
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
