import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  PageClient,
  publishedService,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { formatMoney } from '../../platform/i18n/index.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;

let t: TestApp;
let seller: User;
let buyer: User;
let mod: User;
let serviceId: number;
let orderId: number;

/** The text of the element with this test id, tags removed (up to the end of its list item or link). */
function block(html: string, id: string, endTag = /<\/li>|<\/a>/): string {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) return '';
  const end = html.slice(at).search(endTag);
  return html
    .slice(at, at + end)
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ \t\n\r]+/g, ' ');
}

async function signIn(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'home_seller');
  mod = await staffUser(t, ['moderator'], 'home_mod');
  buyer = await fundedUser(t, 10_000, 'home_buyer');
  serviceId = (await publishedService(t, seller, mod)).id;
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { ...buyer.auth, 'idempotency-key': 'home-order-1' },
    payload: { serviceId, quantity: 1, addonIds: [] },
  });
  expect(r.statusCode, r.body).toBe(201);
  orderId = r.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe('the home page for a visitor', () => {
  it('is a marketplace: search, categories with their counts, popular and new services, freelancers, projects', async () => {
    const home = await new PageClient(t.app).get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('data-testid="home-search"');
    expect(home.body).toMatch(/<form method="get" action="\/services"[^>]*data-testid="home-search"/);
    // The service is in the first subcategory of the first top category: "1 service" there, none elsewhere.
    const [top, second] = await t.services.catalog.categoryTree();
    const card = (slug: string) =>
      new RegExp(`data-testid="category-${slug}".*?data-testid="category-count">([^<]+)<`, 's').exec(home.body)?.[1];
    expect(card(top.slug)).toBe('خدمة واحدة');
    expect(card(second.slug)).toBe('لا خدمات بعد');
    for (const id of ['popular', 'newest', 'freelancers', 'projects']) expect(home.body).toContain(`data-testid="home-${id}"`);
    expect(home.body).toContain(`data-testid="card-${serviceId}"`);
    expect(home.body).toContain(`data-testid="freelancer-${seller.username}"`);
    const en = await new PageClient(t.app).get('/en');
    expect(new RegExp(`data-testid="category-${top.slug}".*?data-testid="category-count">([^<]+)<`, 's').exec(en.body)?.[1]).toBe(
      '1 service',
    );
  });

  it('has the search box in the header of every page', async () => {
    for (const url of ['/', '/faq', '/projects', '/en/freelancers']) {
      const page = await new PageClient(t.app).get(url);
      expect(page.body, url).toContain('data-testid="header-search"');
      expect(page.body, url).toContain('data-testid="header-search-link"');
    }
  });
});

describe('the home page signed in', () => {
  it("is the seller's dashboard: the order waiting for an answer with its deadline, balance, unread, next steps", async () => {
    const b = await signIn(seller);
    const home = await b.get('/');
    expect(testId(home.body, 'dashboard-title')).toContain('أهلًا');
    const order = block(home.body, `dashboard-order-${orderId}`, /<\/li>/);
    expect(order).toContain('أنت البائع');
    expect(order).toContain('بانتظار البائع');
    expect(order).toContain('الرد قبل');
    expect(home.body).toContain(`data-testid="step-accept-${orderId}"`);
    // The seller has a live service but no bio or skills yet.
    expect(home.body).toContain('data-testid="step-profile"');
    expect(home.body).not.toContain('data-testid="step-first-service"');
    expect(block(home.body, 'stat-balance')).toContain(formatMoney('ar', 0));
  });

  it("is the buyer's dashboard: the order as buyer, the balance after paying, a first service to publish", async () => {
    const b = await signIn(buyer);
    const home = await b.get('/en');
    expect(block(home.body, `dashboard-order-${orderId}`, /<\/li>/)).toContain('You buy');
    expect(block(home.body, 'stat-balance')).toContain(formatMoney('en', 7500));
    expect(block(home.body, 'stat-buying')).toContain('1 order');
    expect(home.body).toContain('data-testid="step-first-service"');
  });

  it('counts the unread conversations', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: buyer.auth,
      payload: { withUsername: seller.username, body: 'مرحبًا، هل يمكن إضافة نسخة بالأبيض والأسود؟' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const home = await (await signIn(seller)).get('/');
    expect(block(home.body, 'stat-unread')).toContain('محادثة واحدة');
  });
});
