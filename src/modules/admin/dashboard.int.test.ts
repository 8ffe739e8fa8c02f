// The admin dashboard (/admin): each queue a staff member may work, with what waits in it, counted by the module
// that owns the queue (its manifest's adminTabs[].queue), and a link to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, PageClient, publishedService, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof staffUser>>;
let moderator: Awaited<ReturnType<typeof staffUser>>;
let finance: Awaited<ReturnType<typeof staffUser>>;
let seller: Awaited<ReturnType<typeof signedUpUser>>;
let buyer: Awaited<ReturnType<typeof signedUpUser>>;

async function signedIn(u: { username: string; password: string }) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

/** The dashboard's queues as the page shows them: link → count. */
function queuesOf(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<a href="[^"]*" class="[^"]*" data-queue="([^"]+)" data-count="(\d+)"/g)) out[m[1]] = Number(m[2]);
  return out;
}

async function api(u: { auth: Record<string, string> }, method: 'POST' | 'GET', url: string, payload: unknown, status: number) {
  const r = await t.app.inject({
    method,
    url,
    headers: { ...u.auth, 'idempotency-key': `k-${Math.random()}` },
    payload: payload as object,
  });
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

const ALL = [
  '/admin/services',
  '/admin/projects',
  '/admin/contests',
  '/admin/reports',
  '/admin/cases',
  '/admin/disputes',
  '/admin/support',
  '/admin/verifications',
  '/admin/finance/queue',
];

beforeAll(async () => {
  t = await makeTestApp();
  admin = await staffUser(t, ['admin'], 'dashboss');
  moderator = await staffUser(t, ['moderator'], 'dashmod');
  finance = await staffUser(t, ['finance'], 'dashfin');
  seller = await signedUpUser(t, 'dashseller');
  buyer = await fundedUser(t, 10_000, 'dashbuyer');
});
afterAll(async () => {
  await t.close();
});

describe('the admin dashboard', () => {
  it('shows every queue an admin works, each empty at first, with its link', async () => {
    const page = await signedIn(admin);
    const r = await page.get('/admin');
    expect(r.statusCode).toBe(200);
    expect(queuesOf(r.body)).toEqual(Object.fromEntries(ALL.map((p) => [p, 0])));
    expect(r.body).toContain('لا خدمات بانتظار المراجعة');
    expect(r.body).toContain('لا نزاعات مفتوحة');
    expect(r.body).toContain('لا طلبات توثيق بانتظار القرار');
    // The dashboard is the admin area's first tab, the one shown as the current page.
    expect(r.body).toMatch(/<a class="tab whitespace-nowrap tab-active" href="\/admin" aria-current="page">نظرة عامة<\/a>/);
  });

  it('counts what waits in each queue, as each module counts its own, with the plural forms', async () => {
    const service = await publishedService(t, seller, admin);
    // A service waiting for review: submitted, not yet approved.
    const s = await t.services.accounts.resolveSession(seller.token, 'api');
    if (!s) throw new Error('no session');
    const [top] = await t.services.catalog.categoryTree();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const image = await t.services.files.saveImage(s.id, { name: 'p.png', bytes: png }, 'service_image');
    await t.services.catalog.create(
      s,
      {
        title: 'كتابة محتوى تسويقي لمتجرك',
        categoryId: top.children[0].id,
        description:
          'أكتب لك محتوى تسويقيًا يجذب العملاء لمتجرك الإلكتروني، مع وصف المنتجات وصفحة من نحن ورسائل البريد، وتعديلات حتى ترضى تمامًا.',
        priceCents: 1500,
        deliveryDays: 2,
        instructions: '',
        skills: [],
        imageIds: [image.id],
        addons: [],
      },
      { submit: true },
    );
    // Two projects waiting for review.
    for (const title of ['تصميم هوية بصرية لمقهى جديد', 'برمجة متجر إلكتروني للملابس'])
      await api(
        buyer,
        'POST',
        '/api/v1/projects',
        {
          title,
          description:
            'نحتاج إلى مستقل محترف ينفذ العمل كاملًا خلال أسبوعين، مع ملفات المصدر والتعديلات اللازمة حتى التسليم النهائي، ويفضل من له أعمال سابقة مشابهة.',
          categoryId: top.children[0].id,
          skills: [],
          budgetMinCents: 5000,
          budgetMaxCents: 10_000,
          expectedDays: 14,
        },
        201,
      );
    // A report, reported twice (the queue shows one line for the reported service).
    await api(buyer, 'POST', '/api/v1/reports', { targetType: 'service', targetId: service.id, reason: 'spam' }, 201);
    const other = await signedUpUser(t, 'dashother');
    await api(other, 'POST', '/api/v1/reports', { targetType: 'service', targetId: service.id, reason: 'fraud' }, 201);
    // An order in dispute, a withdrawal asked for, a complaint.
    const order = await api(buyer, 'POST', '/api/v1/orders', { serviceId: service.id, quantity: 1, addonIds: [] }, 201);
    await api(seller, 'POST', `/api/v1/orders/${order.id}/accept`, {}, 200);
    await api(buyer, 'POST', `/api/v1/orders/${order.id}/dispute`, { reason: 'البائع لا يرد على رسائلي منذ أيام.' }, 200);
    await api(buyer, 'POST', '/api/v1/wallet/withdrawals', { amountCents: 1000, method: 'paypal', details: { email: buyer.email } }, 201);
    await api(
      buyer,
      'POST',
      '/api/v1/tickets',
      {
        category: 'order',
        subject: 'البائع لا يرد على الطلب',
        body: 'فتحت نزاعًا على الطلب، وأرجو من الدعم متابعته في أقرب وقت.',
        orderId: order.id,
      },
      201,
    );

    // An identity verification request.
    await t.services.verification.submitWithUploads(
      s,
      { documentKind: 'passport', fullName: 'Omar Khaled' },
      { document: { name: 'p.png', bytes: png }, selfie: { name: 's.png', bytes: png } },
    );

    const page = await signedIn(admin);
    const ar = await page.get('/admin');
    expect(queuesOf(ar.body)).toEqual({
      '/admin/services': 1,
      '/admin/projects': 2,
      '/admin/contests': 0,
      '/admin/reports': 1,
      '/admin/cases': 0,
      '/admin/disputes': 1,
      '/admin/support': 1,
      '/admin/verifications': 1,
      '/admin/finance/queue': 1,
    });
    for (const text of [
      'خدمة واحدة بانتظار المراجعة',
      'مشروعان بانتظار المراجعة',
      'عنصر واحد مُبلَّغ عنه',
      'لا حالات مفتوحة',
      'نزاع واحد مفتوح',
      'شكوى واحدة بانتظار الرد',
      'طلب سحب واحد بانتظار الدفع',
      'طلب توثيق واحد بانتظار القرار',
    ])
      expect(ar.body).toContain(text);
    const en = await page.get('/en/admin');
    expect(en.body).toContain('2 projects awaiting review');
    expect(en.body).toContain('1 open dispute');
    expect(en.body).toContain('href="/en/admin/projects"');
  });

  it('shows a staff member only the queues their role may work', async () => {
    const mod = await (await signedIn(moderator)).get('/admin');
    expect(Object.keys(queuesOf(mod.body))).toEqual([
      '/admin/services',
      '/admin/projects',
      '/admin/contests',
      '/admin/reports',
      '/admin/cases',
      '/admin/disputes',
    ]);
    expect(mod.body).not.toContain('href="/admin/finance/queue"');
    const fin = await (await signedIn(finance)).get('/admin');
    expect(Object.keys(queuesOf(fin.body))).toEqual(['/admin/finance/queue']);
    expect(fin.body).not.toContain('href="/admin/services"');
  });

  it('is closed to everyone without a staff role', async () => {
    const r = await (await signedIn(buyer)).get('/admin');
    expect(r.statusCode).toBe(403);
    const visitor = await new PageClient(t.app).get('/admin');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/login?next=%2Fadmin');
  });
});
