// Every page fits a 360 px phone (issue 14, "Pages that fit"). The list of pages is the router's own: the app is
// built in this process (its own empty database) only to read its route table (Fastify's printRoutes), so a new page
// is walked as soon as it is registered; each GET route is either visited — its parameters filled with the ids of
// what this suite creates (a service, a project and its bid, a portfolio work, an order in dispute, a conversation, a ticket, a report,
// a withdrawal, a deposit left unpaid), with long names and unbreakable words — or excluded below with the reason.
// Then a visitor, a buyer, a seller, an admin and (in the staff area) a moderator, one browser context each, side by
// side, open every page in Arabic and in English at 360 px wide against the real server (src/main.tsx in a child
// process, PGlite): the document is no wider than the screen, and no element or text runs out of it (but inside a
// box that scrolls or clips on its own). A page that does not fit is screenshot into .tmp/screens. Last, the staff
// area at 1366 px: every staff page has the admin tabs, all in sight, its own marked; /admin is the queues'
// dashboard. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appHelpers,
  guardedSetup,
  type Login,
  newContext,
  newJourney,
  newRunId,
  PHONE,
  SCREENS_DIR,
  signInPage,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('fit-360');
const run = newRunId();
const WIDTH = PHONE.width;

const app = newJourney();
const setup = guardedSetup();
const { api, apiLogin, signUpVerified, publishService } = appHelpers(() => app);

const admin = testUser(run, 'fit_admin', 'Quiet-Harbour-Lamp');
const moderator = testUser(run, 'fit_mod', 'Amber-Field-Kite');
// Long names, as people have them: a display name that does not fit a phone's line on its own.
const seller = testUser(run, 'fit_seller', 'Cedar-Window-Song', 'عبد الرحمن بن عبد العزيز الأنصاري للتصميم والبرمجة');
const buyer = testUser(run, 'fit_buyer', 'Harbor-Pine-Echo', 'Maximilian Alexander Montgomery-Fitzgerald');

/** A word with no place to break (a pasted reference, a link's path): what pages must wrap rather than widen. */
const LONG_WORD = 'Supercalifragilisticexpialidocious-Antidisestablishmentarianism';

/** Routes not walked, by pattern (without the /en prefix), and why: none of them is a page. */
const EXCLUDED: Record<string, string> = {
  '/healthz': 'JSON health check',
  '/live': 'the event stream (text/event-stream) the pages listen to',
  '/avatars/:publicId': 'an image',
  '/files/:publicId': 'an image or a file',
  '/files/:publicId/thumb': 'an image',
  '/files/:publicId/preview': 'an image (an entry’s watermarked preview), the same for everyone',
  '/contests/entries/:id/files/:fileId': 'an attachment download (an entry’s original)',
  '/contests/awards/:awardId/files/:fileId': 'an attachment download (a winner’s final file)',
  '/messages/files/:id': 'an attachment download',
  '/messages/:id/after/:last': 'an htmx fragment (the messages after the last one shown), not a page',
  '/support/files/:id': 'an attachment download',
  '/projects/:id/files/:fileId': 'an attachment download',
  '/contests/:id/files/:fileId': 'an attachment download (a contest brief’s file)',
  '/sponsored/:id': 'a redirect to the sponsored service (counting the click), not a page',
  '/bids/:id/files/:fileId': 'an attachment download',
  '/account/verification/:requestId/document': 'a private file (an identity document: its sender and support staff)',
  '/account/verification/:requestId/selfie': 'a private file (an identity selfie: its sender and support staff)',
  '/wallet/statement.csv': 'a CSV download',
  '/referrals.csv': 'a CSV download',
  '/r/:username': 'redirect-only (a referral link: remembers the referrer, then goes to the sign-up)',
  '/notifications/:id/open': 'redirect-only (marks the notification read, then goes to its page)',
  '/api/openapi.json': 'JSON',
  '/admin/finance/lookup': "redirect-only (the ledger's search box: goes to the transaction or the user's ledger asked for)",
};
/** Pages in one language only (no /en twin), and why. */
const ONE_LANGUAGE: Record<string, string> = { '/api/docs': 'the API reference, in English for developers' };
/** Whole families of routes that are not pages. */
const EXCLUDED_PREFIXES: Record<string, string> = {
  '/api/v1/': 'the JSON API',
  '/static/': 'assets: the stylesheet, scripts, fonts, images',
};

/** What this suite creates, whose ids fill the routes' parameters. */
type Made = {
  sellerId: number;
  buyerId: number;
  serviceId: number;
  projectId: number;
  contestId: number;
  draftContestId: number;
  workId: number;
  orderId: number;
  conversationId: number;
  ticketId: number;
  depositPath: string;
  depositId: number;
  txId: number;
  privacyVersion: string;
  termsVersion: string;
  topicId: number;
  commentId: number;
  questionId: number;
  helpSlug: string;
  helpId: number;
  blogId: number;
};
const made: Partial<Made> = {};

/** The page to open for each route that needs a parameter or a query to show what it is for. */
const FILL: Record<string, (m: Made) => string> = {
  '/u/:username': () => `/u/${seller.username}`,
  '/services/:ref': (m) => `/services/${m.serviceId}`,
  '/my/services/:id/edit': (m) => `/my/services/${m.serviceId}/edit`,
  '/orders/new': (m) => `/orders/new?service=${m.serviceId}`,
  '/orders/:id': (m) => `/orders/${m.orderId}`,
  '/admin/disputes/:id': (m) => `/admin/disputes/${m.orderId}`,
  '/projects/:id': (m) => `/projects/${m.projectId}`,
  '/projects/:id/edit': (m) => `/projects/${m.projectId}/edit`,
  '/contests/:id': (m) => `/contests/${m.contestId}`,
  '/contests/:id/edit': (m) => `/contests/${m.draftContestId}/edit`,
  '/admin/contests/:id/decide': (m) => `/admin/contests/${m.contestId}/decide`,
  '/works/:id': (m) => `/works/${m.workId}`,
  '/works/:id/edit': (m) => `/works/${m.workId}/edit`,
  '/messages/new': () => `/messages/new?to=${seller.username}`,
  '/messages/:id': (m) => `/messages/${m.conversationId}`,
  '/messages/:id/offers/new': (m) => `/messages/${m.conversationId}/offers/new`,
  '/admin/conversations/:id': (m) => `/admin/conversations/${m.conversationId}`,
  '/support/:id': (m) => `/support/${m.ticketId}`,
  '/report': (m) => `/report?type=service&id=${m.serviceId}`,
  '/pay/sandbox/:id': (m) => m.depositPath,
  '/wallet/deposits/:id': (m) => `/wallet/deposits/${m.depositId}?result=success`,
  '/admin/users/:id': (m) => `/admin/users/${m.sellerId}`,
  '/admin/users/:id/sanctions': (m) => `/admin/users/${m.sellerId}/sanctions`,
  '/admin/finance/users/:id': (m) => `/admin/finance/users/${m.sellerId}`,
  '/admin/finance/tx/:id': (m) => `/admin/finance/tx/${m.txId}`,
  '/privacy/v/:version': (m) => `/privacy/v/${m.privacyVersion}`,
  '/terms/v/:version': (m) => `/terms/v/${m.termsVersion}`,
  '/community/:id': (m) => `/community/${m.topicId}`,
  '/community/:id/history': (m) => `/community/${m.topicId}/history`,
  '/community/comments/:id/edit': (m) => `/community/comments/${m.commentId}/edit`,
  '/questions/:id': (m) => `/questions/${m.questionId}`,
  '/help/:topic': () => '/help/payments',
  '/help/articles/:slug': (m) => `/help/articles/${m.helpSlug}`,
  '/admin/help/:id': (m) => `/admin/help/${m.helpId}`,
  '/blog/:slug': () => '/blog/fit-article',
  '/admin/blog/:id/edit': (m) => `/admin/blog/${m.blogId}/edit`,
  '/admin/users/:id/level': (m) => `/admin/users/${m.sellerId}/level`,
};

/**
 * The GET routes of Fastify's `printRoutes({ method: 'GET' })`: a tree drawn with "├── ",
 * "└── " and "│   " four characters a level, each node the part of the path after its parent's.
 */
export function getRoutesOf(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    if (m[3]?.split(', ').includes('GET')) out.push(stack.join(''));
  }
  return out;
}

/** The router's GET routes: the app built in this process on an empty database of its own, then closed. */
async function routeTable(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-routes-'));
  try {
    const { buildApp } = await import('../../src/app.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const { openDeps, closeDeps } = await import('../../src/platform/runtime.ts');
    const deps = await openDeps(loadConfig({ DATA_DIR: dir, SEED_DEMO: 'false', DATABASE_URL: '', REDIS_URL: '', SMTP_URL: '' }), () => {});
    try {
      const built = await buildApp(deps);
      await built.app.ready();
      const routes = getRoutesOf(built.app.printRoutes({ method: 'GET' }));
      await built.app.close();
      return routes;
    } finally {
      await closeDeps(deps);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A route's pattern without the English prefix ("/en" → "/"). */
const bare = (route: string) => (route === '/en' ? '/' : route.startsWith('/en/') ? route.slice(3) : route);
const excludedWhy = (pattern: string) =>
  EXCLUDED[pattern] ?? Object.entries(EXCLUDED_PREFIXES).find(([p]) => pattern.startsWith(p))?.[1] ?? null;

let routes: string[] = [];

/** A JSON request with a bearer token and a fresh Idempotency-Key (the money operations need one). */
async function call<T>(token: string, method: string, url: string, body: unknown, expected: number): Promise<T> {
  const r = await fetch(`${app.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `fit-${newRunId()}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  expect(r.status, `${method} ${url}: ${text}`).toBe(expected);
  return (text ? JSON.parse(text) : null) as T;
}

/** Pays a deposit on the sandbox gateway's page in this (signed-in) browser with the test card. */
async function payInSandbox(page: Page, checkoutUrl: string): Promise<void> {
  await page.goto(new URL(checkoutUrl, app.baseUrl).toString());
  await page.getByLabel('رقم البطاقة').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'ادفع', exact: true }).click();
  await page.getByTestId('sandbox-result').waitFor({ state: 'visible' });
}

/** Makes what the pages show: the ids go into `made`. */
async function createData(buyerPage: Page): Promise<void> {
  const adminToken = await apiLogin(admin);
  const sellerToken = await apiLogin(seller);
  const buyerToken = await apiLogin(buyer);
  const me = await call<{ id: number }>(sellerToken, 'GET', '/api/v1/me', undefined, 200);
  made.sellerId = me.id;
  made.buyerId = (await call<{ id: number }>(buyerToken, 'GET', '/api/v1/me', undefined, 200)).id;
  // A profile as sellers fill it: many skills (one line of them is longer than a phone), a bio with a long word.
  await call(
    sellerToken,
    'PATCH',
    '/api/v1/me',
    {
      bio: `مصمم هويات بصرية منذ عشر سنوات، عملت مع أكثر من مئتي متجر ومطعم. ${LONG_WORD}`,
      skills: ['تصميم شعارات', 'هوية بصرية', 'رسوم توضيحية', 'تصميم مطبوعات', 'موشن جرافيك', 'تصميم واجهات'],
    },
    200,
  );
  const service = await publishService(seller, admin, {
    title: `تصميم شعار ${LONG_WORD}`,
    categorySlug: 'logo-design',
    description: `أصمم لك شعارًا فريدًا يعبّر عن هوية علامتك التجارية، مع ملفات المصدر وثلاثة نماذج أولية وتعديلات غير محدودة حتى ترضى. ${LONG_WORD}`,
    priceCents: 2500,
    deliveryDays: 3,
    addons: [{ title: 'تسليم مستعجل خلال يوم واحد', priceCents: 1000, extraDays: 0 }],
  });
  made.serviceId = service.id;
  const tree = await api<{ slug: string; children: { id: number; slug: string }[] }[]>('GET', '/api/v1/categories', { expect: 200 });
  const categoryId = tree.flatMap((t) => t.children).find((c) => c.slug === 'logo-design')?.id;
  const project = await call<{ id: number }>(
    buyerToken,
    'POST',
    '/api/v1/projects',
    {
      title: 'هوية بصرية كاملة لمقهى جديد في القاهرة',
      description: `نحتاج شعارًا وألوانًا وخطوطًا وقائمة طعام ولافتة للمقهى، مع دليل استخدام للهوية. نفضّل من له أعمال سابقة في المطاعم والمقاهي. ${LONG_WORD}`,
      categoryId,
      skills: [],
      budgetMinCents: 5000,
      budgetMaxCents: 10000,
      expectedDays: 10,
    },
    201,
  );
  made.projectId = project.id;
  await call(adminToken, 'POST', `/api/v1/admin/projects/${project.id}/approve`, {}, 200);
  await call(
    sellerToken,
    'POST',
    `/api/v1/projects/${project.id}/bids`,
    { amountCents: 7500, days: 7, proposal: `عملت على هويات عشرة مقاهٍ، وأسلّم الملفات كاملة خلال أسبوع مع التعديلات. ${LONG_WORD}` },
    201,
  );
  // The buyer's money: a deposit paid through the sandbox, and one left unpaid (its checkout page is walked).
  const paid = await call<{ id: number; checkoutUrl: string }>(
    buyerToken,
    'POST',
    '/api/v1/wallet/deposits',
    { amountCents: 10000, method: 'sandbox' },
    201,
  );
  made.depositId = paid.id;
  await payInSandbox(buyerPage, paid.checkoutUrl);
  const unpaid = await call<{ checkoutUrl: string }>(
    buyerToken,
    'POST',
    '/api/v1/wallet/deposits',
    { amountCents: 500, method: 'sandbox' },
    201,
  );
  made.depositPath = new URL(unpaid.checkoutUrl, app.baseUrl).pathname + new URL(unpaid.checkoutUrl, app.baseUrl).search;
  await call(
    buyerToken,
    'POST',
    '/api/v1/wallet/withdrawals',
    { amountCents: 1000, method: 'paypal', details: { email: buyer.email } },
    201,
  );
  // An order, accepted, delivered and then disputed: its page and the dispute's.
  const order = await call<{ id: number }>(buyerToken, 'POST', '/api/v1/orders', { serviceId: service.id, quantity: 1, addonIds: [] }, 201);
  made.orderId = order.id;
  await call(sellerToken, 'POST', `/api/v1/orders/${order.id}/accept`, {}, 200);
  await call(
    sellerToken,
    'POST',
    `/api/v1/orders/${order.id}/deliver`,
    { message: `النماذج الثلاثة مرفقة. ${LONG_WORD}`, fileIds: [] },
    200,
  );
  // A contest, published (its prize from the balance) and approved, with a comment; and a draft (its form).
  const contestBody = {
    title: 'شعار لمخبز عائلي في الإسكندرية',
    description: `نريد شعارًا دافئًا لمخبز عائلي صغير يظهر على الأكياس واللافتة ووسائل التواصل، بخط عربي واضح وألوان هادئة. ${LONG_WORD}`,
    categoryId,
    skills: [],
    prizesCents: [2000],
    entryDays: 7,
    deliveryDays: 3,
    blind: false,
  };
  const contest = await call<{ id: number }>(buyerToken, 'POST', '/api/v1/contests', { ...contestBody, publish: true }, 201);
  made.contestId = contest.id;
  await call(adminToken, 'POST', `/api/v1/admin/contests/${contest.id}/approve`, {}, 200);
  made.draftContestId = (await call<{ id: number }>(buyerToken, 'POST', '/api/v1/contests', contestBody, 201)).id;
  // The seller enters it (a file uploaded first): "my contests" and "my contest entries" (/my/contests,
  // /my/contest-entries) have rows to measure, not only their empty states.
  const upload = new FormData();
  upload.append('file', new Blob([`%PDF-1.4 ${LONG_WORD}`], { type: 'application/pdf' }), `${LONG_WORD}.pdf`);
  const uploaded = await fetch(`${app.baseUrl}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sellerToken}` },
    body: upload,
  });
  expect(uploaded.status, await uploaded.clone().text()).toBe(201);
  const fileId = ((await uploaded.json()) as { id: number }).id;
  await call(
    sellerToken,
    'POST',
    `/api/v1/contests/${contest.id}/entries`,
    { description: `فكرتي: فنجان بخط الثلث. ${LONG_WORD}`, fileIds: [fileId] },
    201,
  );
  // A work in the seller's portfolio (a cover and two more images, a long title, skills and link), liked by the buyer.
  const imageIds: number[] = [];
  for (const colour of ['#2a6', '#a26', '#26a']) {
    const img = new FormData();
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
      .png()
      .toBuffer();
    img.append('purpose', 'work_image');
    img.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `${LONG_WORD}.png`);
    const up = await fetch(`${app.baseUrl}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sellerToken}` },
      body: img,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    imageIds.push(((await up.json()) as { id: number }).id);
  }
  const work = await call<{ id: number }>(
    sellerToken,
    'POST',
    '/api/v1/works',
    {
      title: `هوية بصرية لمقهى ${LONG_WORD}`.slice(0, 100),
      description: `شعار وألوان وخطوط وقائمة طعام ولافتة، مع دليل استخدام للهوية. ${LONG_WORD}`,
      categoryId,
      skills: ['تصميم شعارات', 'هوية بصرية', 'رسوم توضيحية', 'تصميم مطبوعات', 'موشن جرافيك'],
      imageIds,
      link: `https://example.com/portfolio/${LONG_WORD}/${LONG_WORD}`,
    },
    201,
  );
  made.workId = work.id;
  await call(buyerToken, 'PUT', `/api/v1/works/${work.id}/like`, {}, 200);
  await call(buyerToken, 'POST', `/api/v1/orders/${order.id}/dispute`, { reason: `التسليم لا يطابق الوصف المتفق عليه. ${LONG_WORD}` }, 200);
  const conversation = await call<{ conversationId: number }>(
    buyerToken,
    'POST',
    '/api/v1/conversations',
    { withUsername: seller.username, body: `مرحبًا، هل يمكنك تصميم شعار بالخط الكوفي؟ ${LONG_WORD}` },
    201,
  );
  made.conversationId = conversation.conversationId;
  await call(sellerToken, 'POST', `/api/v1/conversations/${conversation.conversationId}/messages`, { body: 'نعم بكل سرور.' }, 201);
  const ticket = await call<{ id: number }>(
    buyerToken,
    'POST',
    '/api/v1/tickets',
    {
      category: 'order',
      subject: 'البائع لم يسلّم ما اتفقنا عليه',
      body: `سلّم البائع ملفات لا تطابق الوصف، وأطلب المراجعة. ${LONG_WORD}`,
      orderId: order.id,
    },
    201,
  );
  made.ticketId = ticket.id;
  // A community topic with a long word, a comment on it (edited once: its history), and a question.
  const { items: sections } = await call<{ items: { id: number; slug: string }[] }>(
    sellerToken,
    'GET',
    '/api/v1/community/sections',
    undefined,
    200,
  );
  const general = sections.find((x) => x.slug === 'general') ?? sections[0];
  const topic = await call<{ id: number }>(
    sellerToken,
    'POST',
    '/api/v1/community/topics',
    { sectionId: general.id, title: 'كيف أسعّر خدمة تصميم الشعار أول مرة؟', body: `أبدأ العمل الحر وأريد رأيكم في التسعير. ${LONG_WORD}` },
    201,
  );
  made.topicId = topic.id;
  await call(
    sellerToken,
    'PATCH',
    `/api/v1/community/topics/${topic.id}`,
    { body: `أبدأ العمل الحر الآن وأريد رأيكم في التسعير. ${LONG_WORD}` },
    200,
  );
  made.commentId = (
    await call<{ id: number }>(
      buyerToken,
      'POST',
      `/api/v1/community/topics/${topic.id}/comments`,
      { body: `ابدأ بسعر معقول ثم ارفعه. ${LONG_WORD}` },
      201,
    )
  ).id;
  made.questionId = (
    await call<{ id: number }>(
      buyerToken,
      'POST',
      '/api/v1/questions',
      { title: 'ما أفضل طريقة لكتابة وصف مشروع واضح؟', body: `أريد أن يفهم المستقلون ما أحتاجه من أول قراءة. ${LONG_WORD}` },
      201,
    )
  ).id;
  made.helpSlug = (
    await call<{ items: { slug: string }[] }>(sellerToken, 'GET', '/api/v1/help?topic=payments&limit=1', undefined, 200)
  ).items[0].slug;
  await call(
    buyerToken,
    'POST',
    '/api/v1/reports',
    { targetType: 'service', targetId: service.id, reason: 'other', details: LONG_WORD },
    201,
  );
  // The seller asks to verify their identity (a PDF and a photo uploaded first): the user's page and staff's queue
  // have a request to measure, with a long name as documents write it.
  const identity: number[] = [];
  for (const [name, type, bytes] of [
    ['passport.pdf', 'application/pdf', Buffer.from(`%PDF-1.4 ${LONG_WORD}`)],
    ['selfie.png', 'image/png', Buffer.from(PIXEL_PNG, 'base64')],
  ] as const) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    const r = await fetch(`${app.baseUrl}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sellerToken}` },
      body: form,
    });
    expect(r.status, await r.clone().text()).toBe(201);
    identity.push(((await r.json()) as { id: number }).id);
  }
  await call(
    sellerToken,
    'POST',
    '/api/v1/verification',
    {
      documentKind: 'passport',
      fullName: 'عبد الرحمن بن عبد العزيز بن محمد الأنصاري',
      documentFileId: identity[0],
      selfieFileId: identity[1],
    },
    201,
  );
  // Favourites: the buyer keeps the service and its seller, the seller the buyer's project (the list's cards).
  await call(buyerToken, 'PUT', `/api/v1/favorites/service/${service.id}`, {}, 200);
  await call(buyerToken, 'PUT', `/api/v1/favorites/user/${made.sellerId}`, {}, 200);
  await call(sellerToken, 'PUT', `/api/v1/favorites/project/${project.id}`, {}, 200);
}

/** A 1 × 1 PNG: an identity selfie's bytes where only the page around it is measured. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Reads the first link on `url` (as `page`'s user) whose path matches `re`; returns its first group. */
async function linkOn(page: Page, url: string, re: RegExp): Promise<string> {
  await page.goto(`${app.baseUrl}${url}`);
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const hit = hrefs.map((h) => re.exec(h)).find(Boolean);
  if (!hit) throw new Error(`no link matching ${re} on ${url}: ${hrefs.join(' ')}`);
  return hit[1];
}

/** A published blog article (slug fit-article) written by the admin on /admin/blog/new: its id. */
async function blogArticle(page: Page): Promise<number> {
  await page.goto(`${app.baseUrl}/admin/blog/new`);
  await page.locator('#f-titleAr').fill('كيف تكتب وصفًا لخدمتك يقنع المشتري');
  await page
    .locator('#f-bodyAr')
    .fill(
      `## ابدأ بما يحصل عليه المشتري\n\nاكتب في السطر الأول النتيجة التي سيتسلمها المشتري، ثم اذكر ما تحتاجه منه لتبدأ، ومدة التسليم، وعدد التعديلات المتاحة. ${LONG_WORD}\n\n- نتيجة واضحة\n- مدة محددة\n- تعديلات معدودة`,
    );
  await page.locator('#f-slug').fill('fit-article');
  await page.getByTestId('publish').click();
  await page.waitForURL((u) => /^\/admin\/blog\/\d+\/edit$/.test(u.pathname));
  return Number(/\/admin\/blog\/(\d+)\/edit/.exec(new URL(page.url()).pathname)?.[1]);
}

/** An actor; `only`: the routes it walks, when not all. */
type Who = { name: string; login: Login | null; ctx: BrowserContext | null; page: Page | null; only?: RegExp };
const actors: Who[] = [
  { name: 'visitor', login: null, ctx: null, page: null },
  { name: 'buyer', login: buyer, ctx: null, page: null },
  { name: 'seller', login: seller, ctx: null, page: null },
  // A moderator sees the rest of the site as any signed-in user (the buyer and the seller walk it): the staff area.
  { name: 'moderator', login: moderator, ctx: null, page: null, only: /^\/admin(\/|$)/ },
  { name: 'admin', login: admin, ctx: null, page: null },
];
const byName = (name: string) => actors.find((a) => a.name === name) as Who & { page: Page };

describe.skipIf(skip)('every page fits 360 px, as everyone, in both languages', () => {
  beforeAll(
    () =>
      setup.run(async () => {
        // One after the other: on a busy machine, two databases migrating side by side can outlast the CLI's time.
        await startJourney(app, 'fit', { moderator: admin });
        routes = await routeTable();
        await Promise.all([seller, buyer, moderator].map((u) => signUpVerified(u)));
        const adminToken = await apiLogin(admin);
        const modId = (await call<{ id: number }>(await apiLogin(moderator), 'GET', '/api/v1/me', undefined, 200)).id;
        await call(adminToken, 'PUT', `/api/v1/admin/users/${modId}/roles`, { roles: ['moderator'] }, 200);
        await Promise.all(
          actors.map(async (a) => {
            a.ctx = await newContext(app.browser, PHONE);
            a.page = await a.ctx.newPage();
            a.page.on('pageerror', (err) => app.pageErrors.push(`${a.name}: ${err.message}`));
            if (a.login) await signInPage(app.baseUrl, a.page, a.login, '/');
          }),
        );
        await createData(byName('buyer').page);
        const adminPage = byName('admin').page;
        made.txId = Number(await linkOn(adminPage, `/admin/finance/users/${made.buyerId}`, /\/admin\/finance\/tx\/(\d+)/));
        made.privacyVersion = await linkOn(adminPage, '/privacy/history', /\/privacy\/v\/([^/?#]+)/);
        made.termsVersion = await linkOn(adminPage, '/terms/history', /\/terms\/v\/([^/?#]+)/);
        made.helpId = Number(await linkOn(adminPage, '/admin/help', /\/admin\/help\/(\d+)/));
        made.blogId = await blogArticle(adminPage);
      }),
    300_000,
  );
  afterAll(async () => {
    for (const a of actors) await a.ctx?.close().catch(() => {});
    await stopJourney(app);
  });

  it('every GET route of the router is walked or excluded with a reason, in both languages', () => {
    setup.check();
    expect(routes.length, 'the route table read from the router').toBeGreaterThan(50);
    const patterns = new Set(routes.map(bare));
    const problems: string[] = [];
    for (const p of patterns) {
      if (excludedWhy(p)) continue;
      if (p.includes(':') && !FILL[p])
        problems.push(`${p}: a parameterised page with no ids to fill (FILL) nor a reason to skip it (EXCLUDED)`);
      if (ONE_LANGUAGE[p]) continue;
      if (!routes.includes(p === '/' ? '/en' : `/en${p}`)) problems.push(`${p}: no English twin /en${p === '/' ? '' : p}`);
      if (!routes.includes(p)) problems.push(`/en${p}: no Arabic twin ${p}`);
    }
    for (const p of [...Object.keys(EXCLUDED), ...Object.keys(FILL), ...Object.keys(ONE_LANGUAGE)])
      if (!patterns.has(p)) problems.push(`${p}: listed here but no longer a route`);
    expect(problems).toEqual([]);
  });

  it('no page is wider than 360 px nor has anything sticking out of it', async () => {
    setup.check();
    const patterns = [...new Set(routes.map(bare))].filter((p) => !excludedWhy(p)).sort();
    const failures: string[] = [];
    const walk = async (who: Who) => {
      const page = who.page as Page;
      for (const lang of ['ar', 'en'] as const) {
        // A redirect or a refusal already seen (the sign-in page for a visitor, "not allowed" for a user on a staff
        // page) is the same page again: measured once for this actor and language.
        const shortAnswers = new Set<string>();
        for (const pattern of patterns) {
          if (lang === 'en' && ONE_LANGUAGE[pattern]) continue;
          if (who.only && !who.only.test(pattern)) continue;
          const p = FILL[pattern] ? FILL[pattern](made as Made) : pattern;
          const url = lang === 'ar' ? p : p === '/' ? '/en' : `/en${p}`;
          const head = await page.request.get(`${app.baseUrl}${url}`, { maxRedirects: 0 });
          const status = head.status();
          if (status >= 500) failures.push(`${who.name} ${url}: answered ${status}`);
          if (status !== 200) {
            const key = `${status} ${(head.headers().location ?? '').split('?')[0]}`;
            if (shortAnswers.has(key)) continue;
            shortAnswers.add(key);
          }
          await page.goto(`${app.baseUrl}${url}`, { waitUntil: 'domcontentloaded' });
          await stylesAndFonts(page);
          const found = await overflowOf(page);
          if (found.length) {
            failures.push(
              `${who.name} ${url} (${status}${status === 200 ? '' : ` → ${new URL(page.url()).pathname}`}): ${found.join('; ')}`,
            );
            const file = `fit-${who.name}-${url.replace(/[^a-z0-9]+/gi, '_')}.png`;
            await page.screenshot({ path: path.join(SCREENS_DIR, file), fullPage: true });
          }
        }
      }
    };
    await Promise.all(actors.map(walk));
    expect(failures).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 600_000);

  it('the admin area at 1366 px: every tab in sight on every staff page, and /admin a dashboard of the queues', async () => {
    setup.check();
    const ctx = await newContext(app.browser, { width: 1366, height: 900 });
    try {
      const page = await ctx.newPage();
      page.on('pageerror', (err) => app.pageErrors.push(`admin 1366: ${err.message}`));
      await signInPage(app.baseUrl, page, admin, '/');
      // Every page of the staff area in the router's table, as the admin (who may open them all) sees it.
      const staffPages = [...new Set(routes.map(bare))].filter((p) => /^\/admin(\/|$)/.test(p) && !excludedWhy(p));
      expect(staffPages.length).toBeGreaterThan(15);
      const problems: string[] = [];
      for (const pattern of staffPages) {
        const url = FILL[pattern] ? FILL[pattern](made as Made) : pattern;
        await page.goto(`${app.baseUrl}${url}`);
        const strip = page.locator('main .tabs').first();
        if (!(await strip.count())) {
          problems.push(`${url}: no admin tabs`);
          continue;
        }
        // Each tab inside the strip's box and the screen: none scrolled out of sight.
        const hidden = await strip.evaluate((nav, width) => {
          const box = nav.getBoundingClientRect();
          return Array.from(nav.querySelectorAll('a'))
            .filter((a) => {
              const r = a.getBoundingClientRect();
              return r.left < box.left - 1 || r.right > box.right + 1 || r.left < 0 || r.right > width || r.width === 0;
            })
            .map((a) => a.textContent?.trim());
        }, 1366);
        if (hidden.length) problems.push(`${url}: tabs out of sight: ${hidden.join(', ')}`);
        const active = await strip.locator('a[aria-current="page"]').count();
        if (active !== 1) problems.push(`${url}: ${active} tabs marked as the current page`);
      }
      expect(problems).toEqual([]);

      // The dashboard: each queue the admin works, with what waits in it (this suite made one report, one dispute,
      // one withdrawal, one complaint and one identity verification request; the service and the project were
      // approved), and a link to it.
      await page.goto(`${app.baseUrl}/admin`);
      expect(new URL(page.url()).pathname).toBe('/admin');
      const cards = page.getByTestId('admin-queues').locator('a[data-queue]');
      const counts = Object.fromEntries(
        await cards.evaluateAll((as) => as.map((a) => [a.getAttribute('data-queue'), Number(a.getAttribute('data-count'))])),
      );
      expect(counts).toEqual({
        '/admin/services': 0,
        '/admin/projects': 0,
        '/admin/contests': 0,
        '/admin/reports': 1,
        '/admin/cases': 0,
        '/admin/disputes': 1,
        '/admin/support': 1,
        '/admin/verifications': 1,
        '/admin/finance/queue': 1,
      });
      await expect.poll(() => page.locator('[data-queue="/admin/disputes"]').textContent()).toContain('نزاع واحد مفتوح');
      await page.locator('[data-queue="/admin/disputes"]').click();
      await page.waitForURL((u) => u.pathname === '/admin/disputes');
      // A moderator's dashboard has only the queues a moderator works.
      const mod = byName('moderator').page;
      await mod.goto(`${app.baseUrl}/en/admin`);
      const modQueues = await mod
        .locator('[data-testid="admin-queues"] a[data-queue]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('data-queue')));
      expect(modQueues).toEqual([
        '/admin/services',
        '/admin/projects',
        '/admin/contests',
        '/admin/reports',
        '/admin/cases',
        '/admin/disputes',
      ]);
      expect(await mod.locator('[data-queue="/admin/disputes"]').textContent()).toContain('1 open dispute');
    } finally {
      await ctx.close();
    }
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});

/** Waits until the page's stylesheets and fonts are in (its images need not be: they are sized by the styles). */
const stylesAndFonts = (page: Page) =>
  page.evaluate(async () => {
    const links = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'));
    await Promise.all(links.map((l) => (l.sheet ? null : new Promise((r) => l.addEventListener('load', r, { once: true })))));
    await document.fonts.ready;
  });

/**
 * What does not fit the screen on the page as it is: the document's width beyond WIDTH, and each element that reaches
 * past the screen's edges — but inside a box of its own that scrolls or clips (a tab strip, a table's wrapper).
 */
function overflowOf(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > width) out.push(`the page is ${doc.scrollWidth} px wide`);
    const clipped = (el: Node) => {
      for (let p = el.parentElement; p && p !== document.body && p !== doc; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible') return true;
      }
      return false;
    };
    const name = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 3).join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
    };
    const reported: Element[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= width + 1 && r.left >= -1) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.position === 'fixed') continue;
      if (clipped(el)) continue;
      // The outermost element that sticks out, not each of its children.
      if (reported.some((x) => x.contains(el))) continue;
      reported.push(el);
      out.push(`${name(el)} spans ${Math.round(r.left)}…${Math.round(r.right)} px`);
      if (out.length > 6) break;
    }
    // Text that runs out of its box (a long word in a box that does not grow), which no box shows.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && out.length <= 6; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || reported.some((x) => x.contains(el)) || clipped(n)) continue;
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      reported.push(el);
      out.push(`the text of ${name(el)} spans ${Math.round(r.left)}…${Math.round(r.right)} px`);
    }
    return out;
  }, WIDTH);
}
