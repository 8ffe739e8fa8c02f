// The works journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo
// data): a freelancer's service is published and a buyer (who deposited through the sandbox checkout) orders it; the
// order is delivered, completed and reviewed by both sides through the API (the orders' own journey clicks those
// steps). Then, in Arabic on a phone: the freelancer adds a work at /works/new linked to that completed order, with a
// PNG; the buyer finds it on /works by an Arabic word of its title, sees the "delivered on Kafiil" badge with the
// review, likes it, opens the freelancer's profile from the work's card, favourites the freelancer (found after on
// /favorites) and presses "hire me", which opens a message to the freelancer. Runs with KAFIIL_E2E=1.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  type ActorOptions,
  appHelpers,
  checkReady,
  depositThroughSandbox,
  expectLanguage,
  fitsWidth,
  flash,
  guardedSetup,
  type Login,
  newJourney,
  newRunId,
  PHONE,
  SANDBOX_GATEWAY_ENV,
  screenshot as shot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('works');
const run = newRunId();
/** Each step's time limit: generous, the browser and the server share a busy machine with other suites. */
const STEP_MS = 45_000;

const app = newJourney();
const setup = guardedSetup();

const moderator = testUser(run, 'wmod', 'Still-Birch-Pond');
const freelancer = testUser(run, 'wfl', 'Amber-Hill-Road', 'رنا مصممة الهويات');
const buyer = testUser(run, 'wby', 'Salt-Marsh-Wind', 'خالد صاحب المخبز');

const work = {
  title: 'هوية بصرية كاملة لمخبز الحارة',
  description:
    'صممت لمخبز الحارة هويته البصرية كاملة: الشعار بخط عربي دافئ، وألوان مستوحاة من الخبز المحمص، وتطبيقها على الأكياس واللافتة وقائمة الأسعار وحسابات التواصل.',
  skills: 'هوية بصرية، شعارات',
  categoryLabel: 'تصميم شعارات',
};
/** A word of the title the list's search finds it by. */
const query = 'مخبز';
const review = 'عمل رائع وتسليم قبل الموعد، أنصح بها بشدة.';

/** A cover as a PNG (a loaf on a warm ground), 800 × 600: made here, not read from disk. */
async function coverPng() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="600" fill="#f6e7cf"/>
    <ellipse cx="400" cy="300" rx="220" ry="120" fill="#b86b2b"/>
    <path d="M260 280 q40 -40 80 0 M360 270 q40 -40 80 0 M460 280 q40 -40 80 0" stroke="#f6e7cf" stroke-width="14" fill="none"/>
  </svg>`;
  return { name: 'هوية-المخبز.png', mimeType: 'image/png', buffer: await sharp(Buffer.from(svg)).png().toBuffer() };
}

const state = { orderId: 0, reviewed: false, workId: 0, liked: false, onProfile: false };
const actors: { freelancer: Actor | null; buyer: Actor | null } = { freelancer: null, buyer: null };

const { signUpVerified, publishService, apiLogin } = appHelpers(() => app);

const signedIn = (name: string, who: Login, next: string, opts: ActorOptions = {}) =>
  signedInActor(app, name, who, next, { requests: true, viewport: PHONE, ...opts });

/** A JSON call to the API as the bearer of `token`, with an idempotency key (orders ask for one); the answer's JSON. */
async function call<T>(token: string, method: string, url: string, body: unknown, expected: number): Promise<T> {
  const r = await fetch(`${app.baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-${run}-${url}-${Math.random()}`,
    },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  expect(r.status, `${method} ${url}: ${text}`).toBe(expected);
  return JSON.parse(text) as T;
}

/** Every link of the header's sections inside the screen: on a phone they wrap, none hidden past the edge. */
async function sectionsInSight(page: Page, width: number) {
  const boxes = await page.locator('header nav[aria-label] a').evaluateAll((links) =>
    links.map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent?.trim(), left: r.left, right: r.right, shown: r.width > 0 };
    }),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(5);
  for (const b of boxes) expect(b.shown && b.left >= 0 && b.right <= width, `${b.text} at ${b.left}…${b.right}`).toBe(true);
}

describe.skipIf(skip)('works journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(() => setup.run(() => startJourney(app, 'works', { moderator, env: SANDBOX_GATEWAY_ENV })), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const F = () => actors.freelancer?.page as Page;
  const B = () => actors.buyer?.page as Page;

  it('a service of the freelancer is ordered by the buyer, delivered, completed and reviewed by both sides', async () => {
    ready();
    await Promise.all([signUpVerified(freelancer), signUpVerified(buyer)]);
    const service = await publishService(freelancer, moderator, {
      title: 'تصميم هوية بصرية كاملة لمشروعك',
      categorySlug: 'logo-design',
      description: 'أصمم لمشروعك هوية بصرية كاملة: الشعار والألوان والخطوط وتطبيقها على المطبوعات وحسابات التواصل، مع ملف استخدام مختصر.',
      priceCents: 4000,
      deliveryDays: 5,
      skills: ['هوية بصرية'],
    });
    actors.buyer = await signedIn('buyer', buyer, '/wallet');
    await expectLanguage(B(), 'ar');
    await depositThroughSandbox(B(), 50);
    const [sellerToken, buyerToken] = await Promise.all([apiLogin(freelancer), apiLogin(buyer)]);
    const order = await call<{ id: number }>(
      buyerToken,
      'POST',
      '/api/v1/orders',
      { serviceId: service.id, quantity: 1, addonIds: [] },
      201,
    );
    state.orderId = order.id;
    await call(sellerToken, 'POST', `/api/v1/orders/${order.id}/accept`, {}, 200);
    await call(sellerToken, 'POST', `/api/v1/orders/${order.id}/deliver`, { message: 'تم تسليم الهوية كاملة.' }, 200);
    await call(buyerToken, 'POST', `/api/v1/orders/${order.id}/complete`, {}, 200);
    await call(buyerToken, 'POST', `/api/v1/orders/${order.id}/review`, { quality: 5, communication: 5, onTime: 5, comment: review }, 201);
    await call(
      sellerToken,
      'POST',
      `/api/v1/orders/${order.id}/review`,
      { quality: 5, communication: 5, onTime: 5, comment: 'مشترٍ واضح.' },
      201,
    );
    state.reviewed = true;
  }, 120_000);

  it('the freelancer adds a work at /works/new, linked to that completed order, with a cover image', async () => {
    ready('reviewed');
    actors.freelancer = await signedIn('freelancer', freelancer, '/works/new');
    const page = F();
    await sectionsInSight(page, PHONE.width);
    const form = page.locator('#work-form');
    await form.locator('#f-title').fill(work.title);
    await form.locator('#f-categoryId').selectOption({ label: work.categoryLabel });
    await form.locator('#f-description').fill(work.description);
    await form.locator('#f-skills').fill(work.skills);
    // The completed order is offered by its number and title.
    const option = form.locator(`#f-orderId option[value="${state.orderId}"]`);
    expect(await option.textContent()).toContain('تصميم هوية بصرية كاملة لمشروعك');
    await form.locator('#f-orderId').selectOption(String(state.orderId));
    await form.locator('#f-images').setInputFiles([await coverPng()]);
    await shot(page, 'works-new-ar-360.png');
    await fitsWidth(page, PHONE.width);
    await page.getByTestId('publish').click();
    await page.waitForURL((u) => /^\/works\/\d+/.test(u.pathname));
    state.workId = Number(/^\/works\/(\d+)/.exec(new URL(page.url()).pathname)?.[1]);
    expect(state.workId).toBeGreaterThan(0);
    expect((await page.getByTestId('work-title').textContent())?.trim()).toBe(work.title);
    // Its own page says where it was made, with the buyer's words.
    expect(await page.getByTestId('delivered').textContent()).toContain('تم تنفيذه على كفيل');
    expect(await page.getByTestId('delivered-review').textContent()).toContain(review);
    await shot(page, 'works-page-owner-ar-360.png');
  });

  it('the buyer finds it on /works by an Arabic word, sees the badge and the review, and likes it', async () => {
    ready('buyer', 'workId');
    const page = B();
    await page.goto(`${app.baseUrl}/works`);
    await sectionsInSight(page, PHONE.width);
    await page.locator('#w-q').fill(query);
    await page.waitForURL((u) => u.pathname === '/works' && u.searchParams.get('q') === query);
    const card = page.getByTestId(`work-${state.workId}`);
    await card.waitFor({ state: 'visible' });
    expect(await card.getByTestId('card-delivered').textContent()).toContain('تم تنفيذه على كفيل');
    await shot(page, 'works-list-search-ar-360.png');
    await fitsWidth(page, PHONE.width);
    await card.getByTestId('card-title').click();
    await page.waitForURL((u) => u.pathname.startsWith(`/works/${state.workId}`));
    expect(await page.getByTestId('delivered-review').textContent()).toContain(review);
    // The cover is a real picture, decoded.
    const cover = page.getByTestId('cover-image');
    await expect.poll(() => cover.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    const button = page.getByTestId('like-button');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect((await button.getByTestId('like-count').textContent())?.trim()).toBe('0');
    await button.click();
    // htmx swaps the button in place: pressed, "liked", one like.
    await expect.poll(() => page.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
    expect((await page.getByTestId('like-button').textContent())?.trim()).toContain('أعجبك');
    expect((await page.getByTestId('like-button').getByTestId('like-count').textContent())?.trim()).toBe('1');
    await shot(page, 'works-page-buyer-ar-360.png');
    await fitsWidth(page, PHONE.width);
    // A reload keeps it: the like is stored, once.
    await page.reload();
    expect(await page.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
    expect((await page.getByTestId('like-button').getByTestId('like-count').textContent())?.trim()).toBe('1');
    state.liked = true;
  });

  it('the buyer opens the freelancer’s profile from the work, favourites the freelancer, and finds them on /favorites', async () => {
    ready('buyer', 'liked');
    const page = B();
    await page.getByTestId('owner-profile').click();
    await page.waitForURL((u) => u.pathname === `/u/${freelancer.username}`);
    // The profile shows the work, with its badge, and the review the buyer wrote, as a seller's review.
    const section = page.getByTestId('profile-works');
    expect(await section.textContent()).toContain(work.title);
    expect(await page.getByTestId('reviews-as-seller').textContent()).toContain(review);
    const heart = page.locator('[data-testid^="favorite-user-"]');
    expect(await heart.getAttribute('data-on')).toBe('0');
    await heart.click();
    await flash(page, 'أضيف إلى المفضلة.').waitFor({ state: 'visible' });
    expect(await page.locator('[data-testid^="favorite-user-"]').getAttribute('data-on')).toBe('1');
    await shot(page, 'works-profile-ar-360.png');
    await fitsWidth(page, PHONE.width);
    await page.goto(`${app.baseUrl}/favorites?kind=user`);
    expect(await page.getByTestId('favorites-list').textContent()).toContain(freelancer.displayName);
    state.onProfile = true;
  });

  it('the buyer presses "hire me" on the work and writes to the freelancer', async () => {
    ready('buyer', 'onProfile');
    const page = B();
    await page.goto(`${app.baseUrl}/works/${state.workId}`);
    await page.getByTestId('hire-me').click();
    await page.waitForURL((u) => u.pathname.startsWith('/messages'));
    expect(await page.locator('main').textContent()).toContain(freelancer.displayName);
    await shot(page, 'works-hire-me-ar-360.png');
    await fitsWidth(page, PHONE.width);
  });

  it('threw no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
