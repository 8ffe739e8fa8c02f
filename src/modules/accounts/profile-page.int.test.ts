import { eq } from 'drizzle-orm';
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
import { users } from './schema.ts';

/**
 * The public profile (/u/username): who the person is, whether they are here now, their record as the orders module
 * keeps it, their services, and the reviews they received as seller and as buyer — for a visitor, another member and
 * the person themselves, in Arabic and English.
 */
type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let seller: User;
let buyer: User;
let serviceId: number;

const api = (u: User, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...u.auth, ...headers }, payload: payload as Record<string, unknown> });

/** An order of `serviceId` carried to completion through the API, then reviewed by whichever sides are given. */
async function completedOrder(
  serviceId: number,
  reviews: { byBuyer?: [number, number, number, string]; bySeller?: [number, number, number, string] },
) {
  const placed = await api(
    buyer,
    'POST',
    '/api/v1/orders',
    { serviceId, quantity: 1, addonIds: [] },
    { 'idempotency-key': `p-${Math.random()}` },
  );
  expect(placed.statusCode, placed.body).toBe(201);
  const id = placed.json().id as number;
  for (const [who, action, body] of [
    [seller, 'accept', {}],
    [seller, 'deliver', { message: 'تم التسليم', fileIds: [] }],
    [buyer, 'complete', {}],
  ] as const) {
    const r = await api(who, 'POST', `/api/v1/orders/${id}/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  }
  for (const [who, review] of [
    [buyer, reviews.byBuyer],
    [seller, reviews.bySeller],
  ] as const) {
    if (!review) continue;
    const [quality, communication, onTime, comment] = review;
    const r = await api(who, 'POST', `/api/v1/orders/${id}/review`, { quality, communication, onTime, comment });
    expect(r.statusCode, r.body).toBe(201);
  }
  return id;
}

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  expect((await b.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
  return b;
}

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'pseller');
  buyer = await fundedUser(t, 20_000, 'pbuyer');
  const mod = await staffUser(t, ['moderator'], 'pmod');
  await api(seller, 'PATCH', '/api/v1/me', {
    displayName: 'هالة المترجمة',
    bio: 'مترجمة محترفة من الإنجليزية إلى العربية منذ عشر سنوات.',
    skills: ['ترجمة', 'تدقيق لغوي'],
    country: 'JO',
  });
  await api(buyer, 'PATCH', '/api/v1/me', { displayName: 'شركة النور' });
  ({ id: serviceId } = await publishedService(t, seller, mod, {
    title: 'ترجمة مقالات من الإنجليزية إلى العربية',
    priceCents: 2000,
    skills: ['ترجمة'],
  }));
  // Two completed orders: both reviewed by the buyer (5 and 4), one also by the seller (of the buyer, 5).
  await completedOrder(serviceId, { byBuyer: [5, 5, 5, 'ترجمة ممتازة وسريعة'], bySeller: [5, 5, 5, 'مشترٍ واضح ومتعاون'] });
  await completedOrder(serviceId, { byBuyer: [4, 4, 4, 'جيدة'] });
  // The second order's buyer review waits for the seller's (double-blind) or for ten days: published by the timers.
  t.clock.advance(11 * 86_400_000);
  await t.services.orders.runDue(t.clock.now());
  await t.deps.db.update(users).set({ identityVerifiedAt: t.clock.now() }).where(eq(users.id, seller.id));
});
afterAll(async () => {
  await t.close();
});

describe('the public profile', () => {
  it('keeps the person’s record on the account as orders complete and reviews are published', async () => {
    const [s] = await t.deps.db.select().from(users).where(eq(users.id, seller.id));
    expect(s).toMatchObject({ sellerJobs: 2, sellerReviews: 2, sellerRatingX100: 450, buyerReviews: 0 });
    const [b] = await t.deps.db.select().from(users).where(eq(users.id, buyer.id));
    expect(b).toMatchObject({ sellerJobs: 0, sellerReviews: 0, buyerReviews: 1, buyerRatingX100: 500 });
    const pub = (await t.app.inject({ method: 'GET', url: `/api/v1/users/${seller.username}` })).json();
    expect(pub).toMatchObject({ verified: true, online: false, rating: 4.5, reviewsCount: 2, completedJobs: 2, buyerReviewsCount: 0 });
  });

  it('shows a seller everything a buyer reads before hiring, in Arabic', async () => {
    const page = await new PageClient(t.app).get(`/u/${seller.username}`);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(testId(body, 'profile-name')).toBe('هالة المترجمة');
    expect(body).toMatch(new RegExp(`data-testid="profile-username"[^>]*>\u2066@${seller.username}\u2069<`));
    expect(testId(body, 'profile-level')).toBe('البائع: جديد');
    expect(testId(body, 'profile-buyer-level')).toBe('المشتري: جديد');
    expect(body).toContain('data-testid="verified-badge"');
    expect(testId(body, 'profile-country')).toBe('الأردن');
    expect(testId(body, 'presence')).toMatch(/^آخر ظهور/);
    expect(body).toContain('data-testid="offline-dot"');
    expect(body).toMatch(/data-testid="profile-rating"[\s\S]*?4\.5[\s\S]*?\(تقييمان\)/);
    expect(testId(body, 'profile-jobs')).toBe('2');
    expect(testId(body, 'profile-member-since')).toContain('2026');
    expect(testId(body, 'seller-services')).toBe('الخدمات (1)');
    expect(body).toContain('ترجمة مقالات من الإنجليزية إلى العربية');
    // Reviews received as seller (by buyers) open first; as buyer, none yet.
    expect(testId(body, 'profile-reviews')).toBe('التقييمات');
    expect(body).toMatch(/aria-label="بصفته بائعًا \(2\)" checked/);
    expect(body).toContain('aria-label="بصفته مشتريًا (0)"');
    const asSeller = body.slice(body.indexOf('data-testid="panel-as-seller"'), body.indexOf('data-testid="panel-as-buyer"'));
    expect(asSeller).toContain('ترجمة ممتازة وسريعة');
    expect(asSeller).toContain('جيدة');
    expect(asSeller).toContain('جودة العمل');
    expect(asSeller).toContain('شركة النور');
    expect(body.slice(body.indexOf('data-testid="panel-as-buyer"'))).toContain('لم يقيّمه أي بائع بعد.');
    // The skills lead to the directory filtered by each.
    expect(body).toContain(`href="/freelancers?${new URLSearchParams({ skill: 'تدقيق لغوي' })}"`);
  });

  it('shows a buyer the reviews their sellers wrote of them, in English', async () => {
    const page = await new PageClient(t.app).get(`/en/u/${buyer.username}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en" dir="ltr"');
    // No reviews as seller: the buyer's tab opens first, with the seller's criteria for a buyer.
    expect(page.body).toContain('aria-label="As seller (0)"');
    expect(page.body).toMatch(/aria-label="As buyer \(1\)" checked/);
    const asBuyer = page.body.slice(page.body.indexOf('data-testid="panel-as-buyer"'));
    expect(asBuyer).toContain('مشترٍ واضح ومتعاون');
    expect(asBuyer).toContain('هالة المترجمة');
    expect(testId(asBuyer, 'review-scores')).toContain('Clarity of the brief');
    expect(page.body).toContain('No buyer has reviewed them yet.');
    expect(testId(page.body, 'profile-jobs')).toBe('0');
    expect(page.body).toMatch(/data-testid="profile-rating"[\s\S]*?No reviews yet/);
    expect(page.body).not.toContain('data-testid="verified-badge"');
    expect(testId(page.body, 'profile-member-since')).toMatch(/2026/);
  });

  it('says "online now" while the person has a page open, and "last seen" after', async () => {
    const stream = t.deps.live.subscribe(seller.id, () => {});
    try {
      const on = await new PageClient(t.app).get(`/u/${seller.username}`);
      expect(testId(on.body, 'presence')).toBe('متصل الآن');
      expect(on.body).toContain('data-testid="online-dot"');
      const en = await new PageClient(t.app).get(`/en/u/${seller.username}`);
      expect(testId(en.body, 'presence')).toBe('Online now');
      // The service page's seller card says the same.
      const servicePage = await new PageClient(t.app).get(`/services/${serviceId}`);
      const canonical = String(servicePage.headers.location);
      expect((await new PageClient(t.app).get(canonical)).body).toMatch(/data-testid="last-seen"[\s\S]*?متصل الآن/);
    } finally {
      stream();
    }
    const off = await new PageClient(t.app).get(`/en/u/${seller.username}`);
    expect(testId(off.body, 'presence')).toMatch(/^Last seen .* ago$/);
    const servicePage = await new PageClient(t.app).get(`/services/${serviceId}`);
    expect((await new PageClient(t.app).get(String(servicePage.headers.location))).body).toMatch(/data-testid="last-seen"[\s\S]*?آخر ظهور/);
  });

  it('offers a visitor and another member the contact button and ⚑, and the person themselves neither', async () => {
    const visitor = await new PageClient(t.app).get(`/u/${seller.username}`);
    expect(visitor.body).toContain(`href="/messages/new?to=${seller.username}" class="btn btn-sm btn-primary" data-testid="contact-user"`);
    expect(visitor.body).toContain(`data-testid="report-user-${seller.id}"`);
    const member = await (await browserOf(buyer)).get(`/u/${seller.username}`);
    expect(member.body).toContain('data-testid="contact-user"');
    expect(member.body).toContain(`data-testid="report-user-${seller.id}"`);
    // Each review can be reported too.
    expect(member.body).toMatch(/data-testid="report-review-\d+"/);
    const own = await (await browserOf(seller)).get(`/u/${seller.username}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('data-testid="contact-user"');
    expect(own.body).not.toContain(`data-testid="report-user-${seller.id}"`);
    expect(testId(own.body, 'profile-name')).toBe('هالة المترجمة');
  });

  it('reads the page in a few statements, however many reviews and services', async () => {
    // Not a strict count: the reads are the person, services (kept 15 s), totals, two review lists and their
    // authors at once, and who is online — none per review or per service.
    const seen: string[] = [];
    const db = t.deps.db as unknown as { execute: (...a: unknown[]) => unknown };
    const session = (t.deps.db as unknown as { session: { prepareQuery: (...a: unknown[]) => unknown } }).session;
    const prepare = session.prepareQuery.bind(session);
    session.prepareQuery = (...a: unknown[]) => {
      seen.push((a[0] as { sql: string }).sql);
      return prepare(...a);
    };
    const exec = db.execute.bind(db);
    db.execute = (...a: unknown[]) => {
      seen.push('execute');
      return exec(...a);
    };
    try {
      const r = await new PageClient(t.app).get(`/u/${seller.username}`);
      expect(r.statusCode).toBe(200);
    } finally {
      session.prepareQuery = prepare;
      db.execute = exec;
    }
    expect(seen.length).toBeLessThanOrEqual(10);
  });
});
