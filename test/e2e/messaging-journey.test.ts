// Live messaging in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo data,
// mail written as .eml files): two users, each in a browser of their own (one on a phone, one on a desktop), chat in
// Arabic. A writes with a PDF attached; B, on another page, sees the header's messages badge count it without
// reloading (live.js over the pages' /live event stream), opens the conversation; B's reply, sent without leaving the
// page (messages.js), appears in A's open thread without reloading, and the read receipts follow live.
// Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  appHelpers,
  checkReady,
  DESKTOP,
  depositThroughSandbox,
  expectDownload,
  expectLanguage,
  fitsWidth,
  guardedSetup,
  hellos,
  marker,
  newJourney,
  newRunId,
  PHONE,
  pdfFile,
  screenshot,
  setMarker,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
  liveOpen as waitForLive,
} from './harness.ts';

const skip = skipWithoutChromium('messaging');
const run = newRunId();
/** How long a live change may take to show in the other browser. */
const LIVE_MS = 5_000;

/** The server and the browser; the errors the pages threw or logged, by actor: none is expected. */
const app = newJourney();
const setup = guardedSetup();

const alice = testUser(run, 'msg_a', 'Amber-Desert-Moon');
const bob = testUser(run, 'msg_b', 'Silver-Lake-Breeze');

const text = {
  first: 'مرحبًا، أحتاج شعارًا لمتجري الإلكتروني. أرفقت ملف المتطلبات، هل يمكنك البدء هذا الأسبوع؟',
  reply: 'أهلًا بك! اطّلعت على الملف، ويمكنني البدء غدًا إن شاء الله.',
  thanks: 'ممتاز، شكرًا جزيلًا. بانتظار النماذج الأولى.',
};
const pdf = pdfFile('متطلبات-الشعار.pdf', 'logo requirements');

/** Filled in as the journey goes. */
const state = { signedUp: false, conversationId: 0 };
const actors: { a: Actor | null; b: Actor | null } = { a: null, b: null };

const { signUpVerified } = appHelpers(() => app);

/** Waits until the page's live stream has said hello (the server holds its subscription). */
const liveOpen = (page: Page, who: string) => waitForLive(page, who, LIVE_MS);

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
  beforeAll(() => setup.run(() => startJourney(app, 'messaging')), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const A = () => actors.a?.page as Page;
  const B = () => actors.b?.page as Page;

  it('A and B sign up through the API and confirm their email', async () => {
    ready();
    await Promise.all([signUpVerified(alice), signUpVerified(bob)]);
    state.signedUp = true;
  });

  it('each signs in in a browser of their own: A on a phone, B on a desktop, waiting on the home page', async () => {
    ready('signedUp');
    // Every page counts the `hello` events of its live stream: the first one says the server has subscribed the page.
    [actors.a, actors.b] = await Promise.all([
      signedInActor(app, 'A', alice, '/', { viewport: PHONE, live: true }),
      signedInActor(app, 'B', bob, '/', { viewport: DESKTOP, live: true }),
    ]);
    for (const p of [A(), B()]) await expectLanguage(p, 'ar');
    // B's page is subscribed to live events, with nothing unread; it stays as it is until B sees the badge.
    await liveOpen(B(), 'B');
    expect(await messagesBadge(B())).toBeNull();
    await setMarker(B());
  });

  it('A writes to B in Arabic with a PDF attached, and lands on the thread with both', async () => {
    ready('a', 'b');
    const page = A();
    await page.goto(`${app.baseUrl}/messages/new?to=${encodeURIComponent(bob.username)}`);
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
    const file = await expectDownload(app, page, attachment, pdf);
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
    await fitsWidth(phone, PHONE.width);
    await screenshot(phone, 'messages-thread-360.png');

    const desk = B();
    await desk.goto(`${app.baseUrl}/en/messages`);
    await expectLanguage(desk, 'en');
    const item = desk.getByTestId('inbox').locator(`a[data-conversation="${state.conversationId}"]`);
    expect(await item.getAttribute('href')).toBe(`/en/messages/${state.conversationId}`);
    expect(await item.textContent()).toContain(text.thanks);
    expect(await item.getByTestId('unread-count').count()).toBe(0);
    await screenshot(desk, 'messages-inbox-en-1280.png');
  });

  it('B sends A a custom offer from the thread; A tops up and accepts it on the phone: an order starts, its revisions counted', async () => {
    ready('a', 'b', 'conversationId');
    const desk = B();
    await desk.goto(`${app.baseUrl}/messages/${state.conversationId}`);
    await desk.getByTestId('offer-new').click();
    await desk.waitForURL((u) => u.pathname === `/messages/${state.conversationId}/offers/new`);
    await desk.getByLabel('العنوان').fill('تصميم غلاف للكتاب كاملًا');
    await desk.getByLabel('ما يشمله العرض').fill('غلاف أمامي وخلفي وكعب، بنسختين للطباعة وللمتاجر، مع الملفات المصدرية.');
    await desk.getByLabel('السعر بالدولار').fill('٤٥');
    await desk.getByLabel('مدة التسليم (أيام)').fill('4');
    await desk.getByLabel('عدد التعديلات المشمولة').fill('2');
    await desk.getByTestId('offer-send').click();
    await desk.waitForURL((u) => u.pathname === `/messages/${state.conversationId}`);
    await desk.getByText('أُرسل العرض إلى المحادثة.').waitFor({ state: 'visible' });

    const phone = A();
    await phone.goto(`${app.baseUrl}/wallet`);
    await depositThroughSandbox(phone, 50);
    await phone.goto(`${app.baseUrl}/messages/${state.conversationId}`);
    const offer = phone.getByTestId('offers').locator('li', { hasText: 'تصميم غلاف للكتاب كاملًا' });
    await offer.waitFor({ state: 'visible' });
    expect(await offer.textContent()).toContain('بانتظار الرد');
    await fitsWidth(phone, PHONE.width);
    await screenshot(phone, 'messages-offer-360.png');
    await offer.getByRole('button', { name: /اقبل وادفع/ }).click();
    await phone
      .getByRole('button', { name: /اقبل وادفع/ })
      .last()
      .click();
    await phone.waitForURL((u) => /^\/orders\/\d+$/.test(u.pathname));
    expect((await phone.getByTestId('revisions-left').textContent())?.trim()).toBe('التعديلات المتبقية: 2 من 2');
    await fitsWidth(phone, PHONE.width);
    await screenshot(phone, 'messages-offer-order-360.png');
  });

  it('no page threw or logged an error', () => {
    ready();
    expect(app.pageErrors).toEqual([]);
  });
});
