// Light on a slow phone, and readable by everyone (issue 14), in Chromium against the real server (src/main.tsx in a
// child process, PGlite, no demo data): a seller's service (with its image), a buyer's project (approved by a
// moderator made with the CLI) and a conversation whose only message is a file. Then, for the main pages in Arabic
// and English:
// - each first visit (empty cache, 360 px) weighs ≤ 70 KB compressed without content images (bench/page-weight.ts's
//   measure: the bytes over the wire from the DevTools protocol — a size, not a time);
// - the first row of service cards and a service's main image load at once (eager, high priority), not lazily;
// - English pages fetch no web font; Arabic pages preload the (subset) Arabic font and draw with it;
// - every control the keyboard reaches shows a focus ring (computed outline);
// - text, hints and muted text included, has a contrast of at least 4.5:1 (3:1 for large text), computed from the
//   computed colours over the computed background;
// - no emoji or pictographic symbol is drawn as text (icons are inline SVG).
// Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstVisit, kb, PAGE_BUDGET_BYTES, type PageWeight } from '../../bench/page-weight.ts';
import {
  appHelpers,
  checkReady,
  guardedSetup,
  newJourney,
  newRunId,
  PHONE,
  pdfFile,
  signInPage,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('light');
const run = newRunId();
const STEP_MS = 60_000;

const app = newJourney();
const setup = guardedSetup();
const moderator = testUser(run, 'lmod', 'Quiet-Lamp-Harbor');
const seller = testUser(run, 'lsel', 'Amber-Field-Song', 'سلمى للتصميم');
const buyer = testUser(run, 'lbuy', 'Cedar-Moon-Path', 'كريم المشتري');
const { api, apiLogin, signUpVerified, publishService } = appHelpers(() => app);

/** Filled in by the setup. */
const state = {
  servicePath: '',
  projectPath: '',
  conversationPath: '',
  buyerCookies: null as null | Awaited<ReturnType<BrowserContext['storageState']>>,
};
/** Each page's first visits (by address), measured by the first test and read by the font test. */
const weights = new Map<string, PageWeight>();
/** What each page drew as text (and its labels), read on the first visit for the emoji test. */
const texts = new Map<string, string>();
const done: Record<string, unknown> = {};

/** The main pages, bare (Arabic); the English ones are the same under /en. */
const visitorPages = () => [
  '/',
  '/services',
  state.servicePath,
  '/projects',
  state.projectPath,
  '/freelancers',
  `/u/${seller.username}`,
  '/login',
  '/signup',
  '/faq',
  '/terms',
];
const memberPages = () => ['/wallet', '/messages', '/my/purchases', state.conversationPath];
const en = (p: string) => (p === '/' ? '/en' : `/en${p}`);

async function setUp() {
  await startJourney(app, 'light', { moderator });
  await signUpVerified(seller);
  await signUpVerified(buyer);
  const service = await publishService(seller, moderator, {
    title: 'تصميم شعار بسيط وأنيق لمتجرك',
    categorySlug: 'logo-design',
    description:
      'أصمم لك شعارًا بسيطًا وأنيقًا يناسب متجرك ويعبر عن هويته، مع ثلاثة نماذج أولية تختار منها، وتعديلات حتى ترضى، وتسليم الملفات بكل الصيغ التي تحتاجها للطباعة والويب.',
    priceCents: 2500,
    deliveryDays: 3,
  });
  const page = await fetch(`${app.baseUrl}/services/${service.id}`, { redirect: 'manual' });
  state.servicePath = decodeURI(new URL(page.headers.get('location') ?? `/services/${service.id}`, app.baseUrl).pathname);

  const buyerToken = await apiLogin(buyer);
  const tree = await api<{ children: { id: number; slug: string }[] }[]>('GET', '/api/v1/categories', { expect: 200 });
  const category = tree.flatMap((t) => t.children).find((c) => c.slug === 'logo-design');
  const project = await api<{ id: number }>('POST', '/api/v1/projects', {
    token: buyerToken,
    expect: 201,
    body: {
      title: 'شعار جديد لمقهى صغير في الحي',
      description:
        'نفتتح مقهى صغيرًا في الحي ونحتاج شعارًا بسيطًا يسهل تذكره بألوان دافئة، يصلح للأكواب واللافتة وصفحات التواصل، مع ملف يشرح طريقة استخدامه. نرجو إرفاق أعمال سابقة.',
      categoryId: category?.id,
      skills: ['شعار'],
      budgetMinCents: 5000,
      budgetMaxCents: 10000,
      expectedDays: 7,
    },
  });
  await api('POST', `/api/v1/admin/projects/${project.id}/approve`, { token: await apiLogin(moderator), expect: 200 });
  state.projectPath = `/projects/${project.id}`;

  // A conversation whose only message is a file (the list shows "attachments (1)", the conversation the file).
  const file = pdfFile('brief.pdf', 'a brief');
  const form = new FormData();
  form.append('purpose', 'attachment');
  form.append('file', new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  const up = await fetch(`${app.baseUrl}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${buyerToken}` }, body: form });
  expect(up.status, await up.clone().text()).toBe(201);
  const { id: fileId } = (await up.json()) as { id: number };
  const convo = await api<{ conversationId: number }>('POST', '/api/v1/conversations', {
    token: buyerToken,
    expect: 201,
    body: { withUsername: seller.username, body: '', fileIds: [fileId] },
  });
  state.conversationPath = `/messages/${convo.conversationId}`;

  const ctx = await (app.browser as NonNullable<typeof app.browser>).newContext({ viewport: PHONE });
  const page2 = await ctx.newPage();
  await signInPage(app.baseUrl, page2, buyer, '/wallet');
  state.buyerCookies = await ctx.storageState();
  await ctx.close();
}

/** Opens `path` on a phone (signed in as the buyer when `member`) and runs `check` on it. */
async function onPage<T>(path: string, member: boolean, check: (page: Page) => Promise<T>): Promise<T> {
  const browser = app.browser as NonNullable<typeof app.browser>;
  const ctx = await browser.newContext({ viewport: PHONE, storageState: member ? (state.buyerCookies ?? undefined) : undefined });
  try {
    const page = await ctx.newPage();
    const res = await page.goto(app.baseUrl + path);
    expect(res?.status(), path).toBeLessThan(400);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await check(page);
  } finally {
    await ctx.close();
  }
}

/** What the page draws as text (innerText: no script, style or hidden text), its title, and the labels a screen reader says. */
const drawnText = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder]')].map(
      (e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.getAttribute('placeholder') ?? ''}`,
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
    return `${document.title} ${document.body.innerText} ${attrs.join(' ')}`;
  });

/** Every page of the test, Arabic then English, with whether it is opened signed in. */
const everyPage = () =>
  [...visitorPages().map((p) => [p, false] as const), ...memberPages().map((p) => [p, true] as const)].flatMap(([p, member]) => [
    [p, member] as const,
    [en(p), member] as const,
  ]);

describe.skipIf(skip)('light and accessible pages in Chromium', { timeout: STEP_MS * 4 }, () => {
  beforeAll(() => setup.run(setUp), 180_000);
  afterAll(() => stopJourney(app), 20_000);

  it('each main page, Arabic and English, weighs ≤ 70 KB on a first visit without content images', async () => {
    checkReady(setup, state, ['servicePath', 'projectPath', 'conversationPath', 'buyerCookies']);
    const over: string[] = [];
    for (const [p, member] of everyPage()) {
      const w = await firstVisit(app.browser as NonNullable<typeof app.browser>, app.baseUrl, p, {
        storageState: member ? (state.buyerCookies ?? undefined) : undefined,
        inspect: async (page) => {
          texts.set(p, await drawnText(page));
        },
      });
      weights.set(p, w);
      if (w.withoutImages > PAGE_BUDGET_BYTES) over.push(`${p}: ${kb(w.withoutImages)} KB`);
    }
    done.weights = true;
    expect(over, `pages over ${PAGE_BUDGET_BYTES / 1024} KB`).toEqual([]);
    // The measure sees the content images apart: the service list's and the service page's images came.
    expect(weights.get(state.servicePath)?.images ?? 0).toBeGreaterThan(0);
  });

  it('the first screen’s images load at once: the first row of service cards and the service’s main image', async () => {
    checkReady(setup, state, ['servicePath']);
    const cards = await onPage('/services', false, (page) =>
      page
        .locator('main li[data-testid^="card-"] img')
        .evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('loading'), i.getAttribute('fetchpriority')])),
    );
    expect(cards.length, 'the seller’s service is listed').toBeGreaterThan(0);
    // The first row (three cards on a wide screen) at once and first; the rest when scrolled to.
    for (const [i, [loading, priority]] of cards.entries())
      expect([loading, priority], `card ${i + 1}`).toEqual(i < 3 ? ['eager', 'high'] : ['lazy', null]);
    const main = await onPage(state.servicePath, false, (page) =>
      page.getByTestId('main-image').evaluate((i) => [i.getAttribute('loading') ?? 'eager', i.getAttribute('fetchpriority')]),
    );
    expect(main).toEqual(['eager', 'high']);
  });

  it('English pages fetch no web font; Arabic pages preload the subset Arabic font and draw with it', async () => {
    checkReady(setup, done, ['weights']);
    const fontsOf = (w: PageWeight | undefined) => (w?.transfers ?? []).filter((t) => t.type === 'Font' || /\.woff2?\b/.test(t.url));
    const wrong: string[] = [];
    for (const [p] of everyPage()) {
      const fonts = fontsOf(weights.get(p));
      if (p.startsWith('/en')) {
        if (fonts.length) wrong.push(`${p} fetched ${fonts.map((f) => f.url).join(', ')}`);
      } else if (fonts.length !== 1 || fonts[0].bytes > 30 * 1024) {
        wrong.push(`${p} fetched ${fonts.length} fonts (${fonts.map((f) => `${f.url} ${kb(f.bytes)} KB`).join(', ')})`);
      }
    }
    expect(wrong).toEqual([]);
    for (const p of ['/', state.servicePath]) {
      const seen = await onPage(p, false, async (page) => ({
        preload: await page
          .locator('head link[rel="preload"][as="font"][type="font/woff2"][crossorigin]')
          .evaluateAll((els) => els.map((e) => (e as HTMLLinkElement).href)),
        drawn: await page.evaluate(() => document.fonts.check('16px "Noto Sans Arabic"', 'كفيل')),
        loaded: await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family)),
      }));
      const fetched = fontsOf(weights.get(p)).map((f) => f.url);
      expect(seen.preload, `${p}: the preloaded font is the one the page uses`).toEqual(fetched);
      expect(seen.loaded.map((f) => f.replace(/"/g, ''))).toContain('Noto Sans Arabic');
      expect(seen.drawn).toBe(true);
    }
    const enPreload = await onPage(en(state.servicePath), false, (page) => page.locator('link[rel="preload"][as="font"]').count());
    expect(enPreload).toBe(0);
  });

  it('every control reached with Tab shows a focus ring', async () => {
    checkReady(setup, state, ['servicePath', 'buyerCookies']);
    const missing: string[] = [];
    for (const [p, member] of [
      ['/signup', false],
      ['/services', false],
      [state.servicePath, false],
      ['/en/login', false],
      ['/wallet', true],
    ] as const) {
      const found = await onPage(p, member, async (page) => {
        const bad: string[] = [];
        const seen = new Set<string>();
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          const f = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || el === document.body) return null;
            // A visually hidden control (a checkbox drawn by its label) shows its ring on the label.
            const hidden = el.getBoundingClientRect().width <= 1;
            const s = getComputedStyle((hidden && (el as HTMLInputElement).labels?.[0]) || el);
            const label = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).slice(0, 3).join('.')}` : ''} «${(el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).name || '').trim().slice(0, 30)}»`;
            const width = Number.parseFloat(s.outlineWidth);
            const transparent = /rgba\(.*,\s*0\)$|transparent/.test(s.outlineColor);
            return {
              label,
              ring: s.outlineStyle !== 'none' && width >= 2 && !transparent,
              style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            };
          });
          if (!f) break;
          if (seen.has(f.label)) continue;
          seen.add(f.label);
          if (!f.ring) bad.push(`${p}: ${f.label} (outline ${f.style})`);
        }
        expect(seen.size, `${p}: Tab reached controls`).toBeGreaterThan(3);
        return bad;
      });
      missing.push(...found);
    }
    expect(missing).toEqual([]);
  });

  it('text, hints and muted text included, has a contrast of at least 4.5:1 (3:1 when large)', async () => {
    checkReady(setup, state, ['servicePath', 'projectPath', 'buyerCookies']);
    const low: string[] = [];
    for (const [p, member] of [
      ['/', false],
      ['/services', false],
      [state.servicePath, false],
      [state.projectPath, false],
      ['/signup', false],
      ['/en/signup', false],
      ['/freelancers', false],
      ['/wallet', true],
      ['/messages', true],
    ] as const) {
      const found = await onPage(p, member, (page) =>
        page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 1;
          canvas.height = 1;
          const g = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
          /** A computed colour as sRGB 0–255 and alpha 0–1 (the canvas converts oklch, color-mix…). */
          const rgba = (css: string): [number, number, number, number] => {
            g.clearRect(0, 0, 1, 1);
            g.fillStyle = '#000';
            g.fillStyle = css;
            g.fillRect(0, 0, 1, 1);
            const d = g.getImageData(0, 0, 1, 1).data;
            return [d[0], d[1], d[2], d[3] / 255];
          };
          const over = (top: [number, number, number, number], under: [number, number, number]): [number, number, number] => [
            top[0] * top[3] + under[0] * (1 - top[3]),
            top[1] * top[3] + under[1] * (1 - top[3]),
            top[2] * top[3] + under[2] * (1 - top[3]),
          ];
          const lum = (c: [number, number, number]) => {
            const [r, gg, b] = c.map((v) => {
              const s = v / 255;
              return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * gg + 0.0722 * b;
          };
          /** The colour behind `el`: its ancestors' backgrounds composited from the page's white. */
          const background = (el: Element): [number, number, number] => {
            const chain: Element[] = [];
            for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
            let bg: [number, number, number] = [255, 255, 255];
            for (const e of chain) bg = over(rgba(getComputedStyle(e).backgroundColor), bg);
            return bg;
          };
          const opacity = (el: Element) => {
            let o = 1;
            for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
            return o;
          };
          const bad: string[] = [];
          for (const el of document.querySelectorAll('body *')) {
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
            if (!own || !(el instanceof HTMLElement)) continue;
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el);
            if (r.width < 2 || r.height < 2 || !el.checkVisibility({ visibilityProperty: true }) || el.closest('[aria-hidden="true"]'))
              continue;
            if (el.closest(':disabled,[aria-disabled="true"],.btn-disabled')) continue;
            const fg = rgba(s.color);
            const bg = background(el);
            const text = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
            const [a, b] = [lum(text), lum(bg)].sort((x, y) => y - x);
            const ratio = (a + 0.05) / (b + 0.05);
            const size = Number.parseFloat(s.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
            if (ratio < (large ? 3 : 4.5))
              bad.push(
                `«${(el.textContent ?? '').trim().slice(0, 24)}» ${el.tagName.toLowerCase()}.${String(el.className).split(/\s+/).slice(0, 4).join('.')} ${ratio.toFixed(2)}:1`,
              );
          }
          return [...new Set(bad)];
        }),
      );
      low.push(...found.map((f) => `${p}: ${f}`));
    }
    expect(low).toEqual([]);
  });

  it('no page draws an emoji or pictographic symbol as text: icons are inline SVG', async () => {
    checkReady(setup, done, ['weights']);
    // Pictographs (emoji: 📎 🔔 ⭐ ✉…), the symbols and dingbats a phone draws from a symbol or emoji font (⚑ ★ ✔…),
    // and the emoji selector; not © ® ™, which every text font has.
    const pictograph = /(?![\u00A9\u00AE\u2122])[\p{Extended_Pictographic}\u2600-\u27BF\u2B00-\u2BFF]|\uFE0F/gu;
    expect(texts.size, 'every page was read').toBe(everyPage().length);
    const found: string[] = [];
    for (const [p] of everyPage()) {
      const text = texts.get(p) ?? '';
      const hits = [...new Set(text.match(pictograph) ?? [])];
      if (hits.length) found.push(`${p}: ${hits.map((h) => `${h} U+${(h.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(', ')}`);
    }
    expect(found).toEqual([]);
  });
});
