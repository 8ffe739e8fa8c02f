import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  PageClient,
  publishedService,
  signedInPage,
  signedUpUser,
  staffUser,
  type TestApp,
} from '../../../test/helpers.ts';
import { runDue } from '../../worker.ts';
import { notifications } from '../notifications/schema.ts';
import { promotionsModule } from './index.ts';
import { DAY_MS } from './rules.ts';
import { promotions } from './schema.ts';

let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
let keys = 0;
const key = () => ({ 'idempotency-key': `promo-test-${++keys}-${Math.random().toString(36).slice(2)}` });
type Who = { id: number; token: string; username: string; auth: Record<string, string> };

beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'pmod');
});
afterAll(async () => t?.close());

async function givePoints(userId: number, n: number) {
  await t.deps.db.transaction((tx) =>
    t.services.points.award(tx, { userId, reason: 'staff_grant', source: `test:${userId}:${Math.random()}`, delta: n }),
  );
}
const promote = (u: Who, serviceId: number, payWith: string, headers = key()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/promotions',
    headers: { ...u.auth, ...headers },
    payload: { serviceId, pay: payWith === 'money' ? 'balance' : payWith },
  });
const row = async (id: number) => (await t.deps.db.select().from(promotions).where(eq(promotions.id, id)))[0];
const actor = async (u: Who) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};

describe('promoting a service', () => {
  it('with points: 500 points spent from the points ledger, the promotion running for 7 days', async () => {
    const seller = await signedUpUser(t, 'ppts');
    const s = await publishedService(t, seller, mod);
    await givePoints(seller.id, 600);
    const headers = key();
    const r = await promote(seller, s.id, 'points', headers);
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ serviceId: s.id, state: 'active', paidWith: 'points', pointsSpent: 500, centsPaid: 0, daysLeft: 7 });
    expect(new Date(p.endsAt).getTime() - new Date(p.startsAt).getTime()).toBe(7 * DAY_MS);
    expect(await t.services.points.balance(seller.id)).toBe(100);
    const st = await t.services.points.statement(seller.id);
    expect(st.items[0]).toMatchObject({ delta: -500, reason: 'promotion', source: `promotion:${p.id}` });
    // A replay of the same request answers the same, and spends nothing more.
    const again = await promote(seller, s.id, 'points', headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(p.id);
    expect(await t.services.points.balance(seller.id)).toBe(100);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/promotions', headers: seller.auth });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ id: p.id, impressions: 0, clicks: 0 });
    // The legal export's part: this seller's promotions, no one else's.
    const userData = promotionsModule.userData as NonNullable<typeof promotionsModule.userData>;
    const part = (await userData(t.deps.db, seller.id)) as { promotions: { id: number }[] };
    expect(part.promotions.map((x) => x.id)).toEqual([p.id]);
    expect(((await userData(t.deps.db, mod.id)) as { promotions: unknown[] }).promotions).toEqual([]);
  });

  it('with money: $5 from the available balance to platform revenue, in the statement and in revenue by type', async () => {
    const seller = await fundedUser(t, 800, 'pmon');
    const s = await publishedService(t, seller, mod);
    const r = await promote(seller, s.id, 'money');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ paidWith: 'money', centsPaid: 500, pointsSpent: 0 });
    expect((await t.services.wallet.balances(seller.id)).availableCents).toBe(300);
    const st = await t.app.inject({ method: 'GET', url: '/api/v1/wallet/statement', headers: seller.auth });
    const line = st.json().items.find((i: { type: string }) => i.type === 'charge_promotion');
    expect(line).toMatchObject({ netCents: -500, reference: `promotion:${r.json().id}` });
    const fin = await staffUser(t, ['finance'], 'pfin');
    const rev = await t.services.wallet.revenue({ id: fin.id, roles: ['finance'] });
    expect(rev.byType.find((x) => x.type === 'charge_promotion')?.cents).toBe(500);
    const page = await (await signedInPage(t, fin)).get('/en/admin/finance/ledger');
    expect(page.body).toContain('Service promotion');
    expect((await t.services.wallet.reconcile({ id: fin.id, roles: ['finance'] })).ok).toBe(true);
  });

  it('is documented in the OpenAPI description, and asks for an Idempotency-Key', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const path = doc.paths['/api/v1/promotions'];
    expect(Object.keys(path).sort()).toEqual(['get', 'post']);
    expect(path.post.responses['201']).toBeTruthy();
    expect(path.post.requestBody.content['application/json'].schema.properties.pay).toBeTruthy();
    const seller = await signedUpUser(t, 'pkey');
    const s = await publishedService(t, seller, mod);
    const r = await promote(seller, s.id, 'points', {} as ReturnType<typeof key>);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'idempotency.key_required' });
  });

  it('refuses too few points, too little money, someone else’s service, a service not live, one promoted now', async () => {
    const seller = await signedUpUser(t, 'pref');
    const other = await signedUpUser(t, 'poth');
    const s = await publishedService(t, seller, mod);
    await givePoints(seller.id, 499);
    const few = await promote(seller, s.id, 'points');
    expect(few.statusCode).toBe(422);
    expect(few.headers['content-type']).toContain('application/problem+json');
    expect(few.json()).toMatchObject({ code: 'points.insufficient' });
    expect((await promote(seller, s.id, 'money')).json()).toMatchObject({ code: 'wallet.insufficient_funds', status: 422 });
    expect((await promote(other, s.id, 'points')).json()).toMatchObject({ code: 'promotion.forbidden', status: 403 });
    expect((await promote(seller, 99_999_999, 'points')).json()).toMatchObject({ code: 'service.not_found', status: 404 });
    expect((await promote(seller, s.id, 'gold')).statusCode).toBe(400);
    // Nothing was spent or written by the refusals.
    expect(await t.services.points.balance(seller.id)).toBe(499);
    expect(await t.deps.db.$count(promotions, eq(promotions.serviceId, s.id))).toBe(0);
    // Paused, then a draft: not live.
    await t.services.catalog.setPaused(await actor(seller), s.id, true);
    expect((await promote(seller, s.id, 'points')).json()).toMatchObject({ code: 'promotion.not_live', status: 422 });
    await t.services.catalog.setPaused(await actor(seller), s.id, false);
    const [top] = await t.services.catalog.categoryTree();
    const draft = await t.services.catalog.create(
      await actor(seller),
      {
        title: 'خدمة ما زالت مسودة للتجربة',
        categoryId: top.children[0].id,
        description: 'وصف طويل بما يكفي لخدمة تبقى مسودة ولا تنشر أبدا في هذا الاختبار الذي يتحقق من رفض ترويج خدمة غير منشورة على الموقع.',
        priceCents: 1000,
        deliveryDays: 2,
        instructions: '',
        skills: [],
        imageIds: [],
        addons: [],
      },
      { submit: false },
    );
    expect((await promote(seller, draft.id, 'points')).json()).toMatchObject({ code: 'promotion.not_live' });
    // Promoted now: a second promotion of it is refused.
    await givePoints(seller.id, 600);
    expect((await promote(seller, s.id, 'points')).statusCode).toBe(201);
    expect((await promote(seller, s.id, 'points')).json()).toMatchObject({ code: 'promotion.already_promoted', status: 409 });
    expect(await t.services.points.balance(seller.id)).toBe(599);
  });

  it('the form: shows the cost and balances, keeps the choice on a refusal, and starts the promotion', async () => {
    const seller = await signedUpUser(t, 'pform');
    const s = await publishedService(t, seller, mod);
    const page = await signedInPage(t, seller);
    const form = await page.get(`/en/promotions/new?service=${s.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Points: 500 (you have 0)');
    let r = await page.post('/en/promotions', { serviceId: String(s.id), payWith: 'money', idem: `form-${Math.random()}` });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('data-testid="form-error"');
    expect(r.body).toMatch(/value="money"[^>]*checked|checked[^>]*value="money"/);
    await givePoints(seller.id, 500);
    r = await page.post('/en/promotions', { serviceId: String(s.id), payWith: 'points', idem: `form-${Math.random()}` });
    expect(r.statusCode).toBe(303);
    const list = await page.get('/en/promotions');
    expect(list.body).toContain('Running');
    expect(list.body).toContain('7 days');
    // Another seller's service: no form.
    const other = await signedUpUser(t, 'pform2');
    expect((await (await signedInPage(t, other)).get(`/en/promotions/new?service=${s.id}`)).statusCode).toBe(403);
    // The seller's services page links to the form.
    expect((await page.get('/my/services')).body).toContain(`/promotions/new?service=${s.id}`);
  });
});

describe('time', () => {
  it('a paused service stops its promotion and keeps the time left; live again, it runs on; it ends by run-due, and the seller is told', async () => {
    const start = new Date('2026-11-25T10:00:00Z');
    t.clock.set(start);
    const seller = await signedUpUser(t, 'ptime');
    const s = await publishedService(t, seller, mod);
    await givePoints(seller.id, 500);
    const p = (await promote(seller, s.id, 'points')).json();
    t.clock.advance(2 * DAY_MS);
    await t.services.catalog.setPaused(await actor(seller), s.id, true);
    t.clock.advance(60_000);
    await runDue(t.services, t.deps, t.clock.now());
    let r = await row(p.id);
    expect(r.state).toBe('stopped');
    expect(r.remainingMs).toBe(5 * DAY_MS);
    // Ten days later it is still stopped: no time passed for it.
    t.clock.advance(10 * DAY_MS);
    await runDue(t.services, t.deps, t.clock.now());
    expect((await row(p.id)).state).toBe('stopped');
    const resumedAt = t.clock.now();
    await t.services.catalog.setPaused(await actor(seller), s.id, false);
    await runDue(t.services, t.deps, t.clock.now());
    r = await row(p.id);
    expect(r.state).toBe('active');
    expect(r.endsAt.getTime()).toBe(resumedAt.getTime() + 5 * DAY_MS);
    t.clock.advance(5 * DAY_MS - 1000);
    await runDue(t.services, t.deps, t.clock.now());
    expect((await row(p.id)).state).toBe('active');
    t.clock.advance(2000);
    const sweep = await runDue(t.services, t.deps, t.clock.now());
    expect((sweep.promotions as { ended: number }).ended).toBeGreaterThanOrEqual(1);
    expect((await row(p.id)).state).toBe('ended');
    const told = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, seller.id), eq(notifications.type, 'promotion.ended')));
    expect(told).toHaveLength(1);
    // Ended, the service can be promoted again.
    await givePoints(seller.id, 500);
    expect((await promote(seller, s.id, 'points')).statusCode).toBe(201);
    t.clock.set(start);
  });

  it('a sanctioned seller’s suspended service stops its promotion too, and the sanction lifted, it runs on', async () => {
    t.clock.set('2026-11-25T10:00:00Z');
    const seller = await signedUpUser(t, 'psanc');
    const s = await publishedService(t, seller, mod);
    await givePoints(seller.id, 500);
    const p = (await promote(seller, s.id, 'points')).json();
    t.clock.advance(DAY_MS);
    await t.deps.db.transaction((tx) => t.services.catalog.suspendSeller(tx, seller.id));
    await runDue(t.services, t.deps, t.clock.now());
    expect(await row(p.id)).toMatchObject({ state: 'stopped', remainingMs: 6 * DAY_MS });
    // Refused while it is suspended: not live.
    expect((await promote(seller, s.id, 'points')).json()).toMatchObject({ code: 'promotion.not_live' });
    t.clock.advance(3 * DAY_MS);
    await t.deps.db.transaction((tx) => t.services.catalog.restoreSeller(tx, seller.id));
    await runDue(t.services, t.deps, t.clock.now());
    const r = await row(p.id);
    expect(r.state).toBe('active');
    expect(r.endsAt.getTime()).toBe(t.clock.now().getTime() + 6 * DAY_MS);
    t.clock.set('2026-11-25T10:00:00Z');
  });

  it('an Expert seller’s free promotion is used first, once a calendar month, again the next month', async () => {
    t.clock.set('2026-11-20T10:00:00Z');
    const seller = await signedUpUser(t, 'pexp');
    await t.deps.db.transaction((tx) => t.services.accounts.setSellerLevel(seller.id, 'expert', tx));
    const a = await publishedService(t, seller, mod);
    const b = await publishedService(t, seller, mod);
    const c = await publishedService(t, seller, mod);
    await givePoints(seller.id, 500);
    const free = await promote(seller, a.id, 'points');
    expect(free.json()).toMatchObject({ paidWith: 'free', pointsSpent: 0 });
    expect(await t.services.points.balance(seller.id)).toBe(500);
    // The same month: the free one is used, so points pay.
    t.clock.set('2026-11-28T10:00:00Z');
    await runDue(t.services, t.deps, t.clock.now());
    expect((await row(free.json().id)).state).toBe('ended');
    expect((await promote(seller, b.id, 'points')).json()).toMatchObject({ paidWith: 'points' });
    expect(await t.services.points.balance(seller.id)).toBe(0);
    // The next month: free again.
    t.clock.set('2026-12-01T00:00:01Z');
    await runDue(t.services, t.deps, t.clock.now());
    expect((await promote(seller, c.id, 'money')).json()).toMatchObject({ paidWith: 'free', centsPaid: 0 });
    t.clock.set('2026-11-25T10:00:00Z');
  });
});

describe('the results pages', () => {
  let buyer: Who;
  const promoted: number[] = [];
  let other: number;
  beforeAll(async () => {
    t.clock.set('2026-11-25T10:00:00Z');
    buyer = await signedUpUser(t, 'pbuy');
    const seller = await signedUpUser(t, 'plist');
    await givePoints(seller.id, 2000);
    for (const title of ['زخرفة جدران أولى لشركة ناشئة', 'زخرفة جدران ثانية لمتجر إلكتروني', 'زخرفة جدران ثالثة لمطعم شعبي']) {
      const s = await publishedService(t, seller, mod, { title });
      expect((await promote(seller, s.id, 'points')).statusCode).toBe(201);
      promoted.push(s.id);
    }
    // Organic results enough for both slots (positions 1 and 6), not promoted.
    for (const title of ['زخرفة جدران رابعة بلا ترويج', 'زخرفة جدران خامسة بلا ترويج'])
      await publishedService(t, (await signedUpUser(t, 'porg')) as Who, mod, { title });
    const tr = await publishedService(t, seller, mod, {
      title: 'ترجمة ممولة لملفات قانونية',
      description:
        'أترجم لك الملفات القانونية والعقود من العربية إلى الإنجليزية ترجمة دقيقة ومراجعة مع الحفاظ على المصطلحات والتنسيق الأصلي للوثائق.',
    });
    expect((await promote(seller, tr.id, 'points')).statusCode).toBe(201);
    other = tr.id;
  });

  const sponsoredOn = (html: string) => [...html.matchAll(/data-testid="sponsored-(\d+)"/g)].map((m) => Number(m[1]));

  it('shows at most two, marked, only services that match the search, in rotation, for visitors (cached) and signed-in people', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('زخرفة')}` });
      expect(r.statusCode).toBe(200);
      const ids = sponsoredOn(r.body);
      expect(ids).toHaveLength(2);
      // At positions 1 and 6 of the page.
      const order = [...r.body.matchAll(/data-testid="(sponsored|card)-\d+"/g)].map((m) => m[1]);
      expect(order[0]).toBe('sponsored');
      expect(order[5]).toBe('sponsored');
      expect(order.filter((k) => k === 'sponsored')).toHaveLength(2);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(promoted).toContain(id);
        seen.add(id);
      }
      expect(ids).not.toContain(other);
      expect((r.body.match(/data-testid="sponsored-mark"/g) ?? []).length).toBe(ids.length);
      expect(r.body).toContain('ممول');
    }
    // Each matching promoted service took its turn.
    expect([...seen].sort()).toEqual([...promoted].sort());
    // The first result is a sponsored one.
    const first = /data-testid="(sponsored|card)-(\d+)"/.exec(
      (await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('زخرفة')}` })).body,
    );
    expect(first?.[1]).toBe('sponsored');
    // Another search shows only what it matches.
    const tr = await t.app.inject({ method: 'GET', url: `/en/services?q=${encodeURIComponent('ترجمة')}` });
    expect(sponsoredOn(tr.body)).toEqual([other]);
    expect(tr.body).toContain('Sponsored');
    // A search none of them matches: none.
    const none = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('برمجة تطبيقات')}` });
    expect(sponsoredOn(none.body)).toEqual([]);
    // Signed in (not cached), and an htmx filter change, the same rule.
    const page = await signedInPage(t, { username: buyer.username, password: 'correct horse battery staple' });
    const mine = await page.get(`/services?q=${encodeURIComponent('زخرفة')}`);
    expect(sponsoredOn(mine.body).every((id) => promoted.includes(id))).toBe(true);
    const hx = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('ترجمة')}`, headers: { 'hx-request': 'true' } });
    expect(sponsoredOn(hx.body)).toEqual([other]);
    // A filter the promoted services do not pass (a price under theirs): none.
    const cheap = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('زخرفة')}&max=5` });
    expect(sponsoredOn(cheap.body)).toEqual([]);
  });

  it('a paused service’s promotion leaves the results at once', async () => {
    const [id] = promoted;
    const [p] = await t.deps.db
      .select()
      .from(promotions)
      .where(and(eq(promotions.serviceId, id), eq(promotions.state, 'active')));
    const owner = p.sellerId;
    const sellerActor = {
      id: owner,
      roles: [],
      username: '',
      displayName: '',
      email: '',
      emailVerified: true,
      locale: 'ar' as const,
      sessionId: 0,
    };
    await t.services.catalog.setPaused(sellerActor, id, true);
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('زخرفة')}` });
      expect(sponsoredOn(r.body)).not.toContain(id);
    }
    await t.services.catalog.setPaused(sellerActor, id, false);
  });

  it('a sponsored card links through /sponsored/:id, which counts the click and goes to the service; counts are saved in batches', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('ترجمة')}` });
    const href = /href="(\/sponsored\/\d+)"/.exec(r.body)?.[1];
    expect(href).toBeTruthy();
    const promotionId = Number(href?.split('/').pop());
    const before = await row(promotionId);
    const go = await t.app.inject({ method: 'GET', url: href as string });
    expect(go.statusCode).toBe(302);
    expect(go.headers.location).toBe(`/services/${other}`);
    // Nothing is written per view or click…
    expect((await row(promotionId)).clicks).toBe(before.clicks);
    // …until the batch is saved (the worker's sweep does it too).
    await t.services.promotions.flush();
    const after = await row(promotionId);
    expect(after.clicks).toBe(before.clicks + 1);
    expect(after.impressions).toBeGreaterThan(before.impressions);
    expect((await t.app.inject({ method: 'GET', url: '/sponsored/99999999' })).statusCode).toBe(404);
  });

  it('staff list every promotion and end one early with a reason (audited); the seller is told', async () => {
    const page = await signedInPage(t, mod);
    const list = await page.get('/en/admin/promotions');
    expect(list.statusCode).toBe(200);
    const [p] = await t.deps.db
      .select()
      .from(promotions)
      .where(and(eq(promotions.serviceId, other), eq(promotions.state, 'active')));
    expect(list.body).toContain(`promotion-${p.id}`);
    expect((await page.post(`/en/admin/promotions/${p.id}/end`, { reason: 'short' })).statusCode).toBe(400);
    expect((await page.post(`/en/admin/promotions/${p.id}/end`, { reason: 'misleading sponsored title' })).statusCode).toBe(303);
    expect((await row(p.id)).state).toBe('ended');
    const buyerPage = new PageClient(t.app);
    expect((await buyerPage.get('/admin/promotions')).statusCode).toBe(303);
    expect(
      (await (await signedInPage(t, { username: buyer.username, password: 'correct horse battery staple' })).get('/admin/promotions'))
        .statusCode,
    ).toBe(403);
  });
});
