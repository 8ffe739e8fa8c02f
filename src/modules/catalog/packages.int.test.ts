// A service's packages (issue 20): the seller offers basic/standard/premium, the service page compares them, the
// checkout orders one and the order keeps its price, days and revisions (request-changes counted against them).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fundedUser, signedInPage, staffUser, testId } from '../../../test/helpers.ts';
import {
  api,
  createService,
  fieldCodes,
  formFields,
  image,
  png,
  postForm,
  signedInBrowser,
  t,
  type User,
  usePublishApp,
  validService,
} from './publish.fixture.ts';
import { servicePackages, services } from './schema.ts';
import { catalogUserData } from './user-data.ts';

usePublishApp();

const PACKAGES = [
  { tier: 'basic', title: 'شعار بسيط', description: 'نموذج واحد وملف PNG', priceCents: 2000, deliveryDays: 2, revisions: 1 },
  { tier: 'standard', title: 'شعار متكامل', description: 'ثلاثة نماذج وملفات مصدرية', priceCents: 4000, deliveryDays: 4, revisions: 3 },
  { tier: 'premium', title: 'هوية كاملة', description: 'شعار وبطاقات وأوراق رسمية', priceCents: 9000, deliveryDays: 7, revisions: null },
];

async function approve(id: number) {
  const mod = await staffUser(t, ['moderator'], 'pmod');
  const r = await api(mod, 'POST', `/api/v1/admin/services/${id}/approve`);
  expect(r.statusCode, r.body).toBe(200);
}

async function publishedWithPackages(u: User, packages: unknown[] = PACKAGES) {
  const s = await createService(u, { priceCents: 1500, deliveryDays: 9, packages, submit: true });
  await approve(s.id);
  return s.id;
}

const placeOrder = (buyer: User, body: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { ...buyer.auth, 'accept-language': 'en', 'idempotency-key': `k-${Math.random()}` },
    payload: { quantity: 1, addonIds: [], ...body },
  });

/** The order as its buyer reads it through the API (the price, days and revisions it keeps). */
const orderRow = async (buyer: { auth: Record<string, string> }, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: buyer.auth })).json();

describe('packages: the seller offers them', () => {
  it('stores up to three packages; the service’s listed price and days become the basic one’s; GET shows them', async () => {
    const { u } = await signedInBrowser('pk1');
    const id = await publishedWithPackages(u);
    const [svc] = await t.deps.db.select().from(services).where(eq(services.id, id));
    expect([svc.priceCents, svc.deliveryDays]).toEqual([2000, 2]);
    // The seller's legal export carries them with the service.
    const exported = await catalogUserData(t.deps.db, svc.sellerId);
    expect(exported.services.find((x) => x.id === id)?.packages.map((p) => p.tier)).toEqual(['basic', 'standard', 'premium']);
    const body = (await api(null, 'GET', `/api/v1/services/${id}`)).json();
    expect(body.priceCents).toBe(2000);
    expect(
      body.packages.map((p: { tier: string; priceCents: number; revisions: number | null }) => [p.tier, p.priceCents, p.revisions]),
    ).toEqual([
      ['basic', 2000, 1],
      ['standard', 4000, 3],
      ['premium', 9000, null],
    ]);
    // A service without packages answers an empty list (as before otherwise).
    const plain = await createService(u, { submit: true });
    await approve(plain.id);
    expect((await api(null, 'GET', `/api/v1/services/${plain.id}`)).json()).toMatchObject({ priceCents: 2500, packages: [] });
  });

  it('refuses bad packages field by field: lengths, ranges, falling prices, no basic, contact details', async () => {
    const { u } = await signedInBrowser('pk2');
    const bad = [
      { ...PACKAGES[0], title: 'ab', revisions: 11 },
      { ...PACKAGES[1], priceCents: 2000, description: 'قصير' },
      { ...PACKAGES[2], deliveryDays: 91, priceCents: 1550 },
    ];
    const r = await api(u, 'POST', '/api/v1/services', { ...(await validService(u)), packages: bad });
    expect(r.statusCode).toBe(400);
    expect(fieldCodes(r)).toMatchObject({
      'packages.basic.title': 'service.package_title_length',
      'packages.basic.revisions': 'service.package_revisions_invalid',
      'packages.standard.priceCents': 'service.package_price_order',
      'packages.standard.description': 'service.package_description_length',
      'packages.premium.deliveryDays': 'service.days_invalid',
      'packages.premium.priceCents': 'service.price_invalid',
    });
    const noBasic = await api(u, 'POST', '/api/v1/services', { ...(await validService(u)), packages: [PACKAGES[1]] });
    expect(fieldCodes(noBasic)).toMatchObject({ packages: 'service.package_basic_required' });
    const twice = await api(u, 'POST', '/api/v1/services', {
      ...(await validService(u)),
      packages: [PACKAGES[0], PACKAGES[0]],
    });
    expect(fieldCodes(twice)).toMatchObject({ packages: 'service.packages_invalid' });
    const contact = await api(u, 'POST', '/api/v1/services', {
      ...(await validService(u)),
      packages: [{ ...PACKAGES[0], description: 'راسلني على someone@example.com مباشرة' }],
    });
    expect(fieldCodes(contact)).toMatchObject({ 'packages.basic.description': 'trust.contact_info' });
    expect(await t.deps.db.$count(servicePackages)).toBe(3); // only the first test's
  });

  it('the service form: a packages section, errors translated and everything kept on a refusal, then saved', async () => {
    const { u, b } = await signedInBrowser('pk3');
    const page = await b.get('/my/services/new');
    expect(page.body).toContain('data-testid="packages-form"');
    const pkg = (tier: string, v: Record<string, string>) => Object.entries(v).map(([k, value]) => ({ name: `pkg_${tier}_${k}`, value }));
    const parts = [
      ...formFields(),
      ...pkg('basic', { on: '1', title: 'باقة أولى', description: 'ترجمة ألف كلمة', price: '٣٠', days: '3', revisions: '2' }),
      ...pkg('standard', { on: '1', title: 'باقة ثانية', description: 'ترجمة ألفي كلمة', price: '25', days: '5', revisions: '' }),
      image(png),
      { name: 'action', value: 'submit' },
    ];
    const refused = await postForm(b, '/my/services/new', parts);
    expect(refused.statusCode).toBe(400);
    expect(testId(refused.body, 'error-package-standard-priceCents')).toBe('سعر هذه الباقة يجب أن يزيد على سعر الباقة التي قبلها.');
    expect(refused.body).toContain('value="باقة ثانية"');
    expect(refused.body).toContain('ترجمة ألفي كلمة</textarea>');
    const ids = [...refused.body.matchAll(/name="imageIds" value="(\d+)"/g)].map((m) => ({ name: 'imageIds', value: m[1] }));
    const fixed = parts.filter((p) => p.name !== 'images' && p.name !== 'pkg_standard_price');
    const ok = await postForm(b, '/my/services/new', [...fixed, ...ids, { name: 'pkg_standard_price', value: '60' }]);
    expect(ok.statusCode, ok.body.slice(0, 400)).toBe(303);
    const [svc] = await t.deps.db
      .select()
      .from(services)
      .where(eq(services.sellerId, (await t.services.accounts.resolveSession(u.token, 'api'))?.id ?? 0));
    expect(svc.priceCents).toBe(3000);
    const rows = await t.deps.db.select().from(servicePackages).where(eq(servicePackages.serviceId, svc.id));
    expect(
      rows
        .map((r: { tier: string; priceCents: number; deliveryDays: number; revisions: number | null }) => [
          r.tier,
          r.priceCents,
          r.deliveryDays,
          r.revisions,
        ])
        .sort(),
    ).toEqual([
      ['basic', 3000, 3, 2],
      ['standard', 6000, 5, null],
    ]);
    // The edit form shows them back.
    const edit = await b.get(`/my/services/${svc.id}/edit`);
    expect(edit.body).toContain('value="باقة أولى"');
  });
});

describe('packages: the buyer compares and orders one', () => {
  it('the service page compares them (table and cards) with a link per package to the checkout', async () => {
    const { u } = await signedInBrowser('pk4');
    const id = await publishedWithPackages(u);
    const buyer = await fundedUser(t, 20_000, 'pkb4');
    const url = (await api(null, 'GET', `/api/v1/services/${id}`)).json().url;
    const page = await (await signedInPage(t, buyer)).get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="packages-table"');
    expect(page.body).toContain('data-testid="packages-cards"');
    expect(testId(page.body, 'package-price-standard')).toContain('$40');
    expect(page.body).toContain('تعديلات غير محدودة');
    expect(page.body).toContain(`/orders/new?service=${id}&amp;package=premium`);
    const checkout = await (await signedInPage(t, buyer)).get(`/orders/new?service=${id}&package=standard`);
    expect(checkout.statusCode).toBe(200);
    expect(testId(checkout.body, 'checkout-revisions')).toBe('3 تعديلات');
    expect(testId(checkout.body, 'checkout-total')).toContain('40');
    expect(checkout.body).toContain('name="package" value="standard"');
    const gone = await (await signedInPage(t, buyer)).get(`/orders/new?service=${id}&package=gold`);
    expect(gone.statusCode).toBe(422);
    expect(gone.body).toContain('هذه الباقة لم تعد متاحة');
  });

  it('ordering each tier snapshots its title, price, days and revisions; add-ons add as before; none as before', async () => {
    const { u } = await signedInBrowser('pk5');
    const id = await publishedWithPackages(u);
    const addonId = (await api(null, 'GET', `/api/v1/services/${id}`)).json().addons[0].id;
    const buyer = await fundedUser(t, 50_000, 'pkb5');
    const want = { basic: [2000, 2, 1], standard: [4000, 4, 3], premium: [9000, 7, null] } as const;
    for (const [tier, [price, days, revisions]] of Object.entries(want)) {
      const r = await placeOrder(buyer, { serviceId: id, package: tier, addonIds: [addonId] });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().totalCents).toBe(price + 1000);
      const o = await orderRow(buyer, r.json().id);
      expect([o.unitPriceCents, o.deliveryDays, o.revisions]).toEqual([price, days, revisions]);
      expect(o.title).toContain(PACKAGES.find((p) => p.tier === tier)?.title);
    }
    const plain = await placeOrder(buyer, { serviceId: id });
    expect(plain.statusCode).toBe(201);
    const o = await orderRow(buyer, plain.json().id);
    expect([o.unitPriceCents, o.revisions]).toEqual([2000, null]);
    const unknown = await placeOrder(buyer, { serviceId: id, package: 'gold' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'order.package_unavailable']);
    // A service without packages has no tier to order.
    const other = await createService(u, { submit: true });
    await approve(other.id);
    const none = await placeOrder(buyer, { serviceId: other.id, package: 'basic' });
    expect([none.statusCode, none.json().code]).toEqual([422, 'order.package_unavailable']);
  });

  it('request-changes counts against the package’s revisions', async () => {
    const { u } = await signedInBrowser('pk6');
    const id = await publishedWithPackages(u);
    const buyer = await fundedUser(t, 10_000, 'pkb6');
    const r = await placeOrder(buyer, { serviceId: id, package: 'basic' });
    const oid = r.json().id;
    const act = (who: User, action: string, body: object = {}) =>
      t.app.inject({ method: 'POST', url: `/api/v1/orders/${oid}/${action}`, headers: who.auth, payload: body });
    expect((await act(u, 'accept')).statusCode).toBe(200);
    expect((await act(u, 'deliver', { message: 'النسخة الأولى' })).statusCode).toBe(200);
    expect((await act(buyer, 'request-changes', { message: 'غيّر اللون' })).statusCode).toBe(200);
    expect((await act(u, 'deliver', { message: 'النسخة الثانية' })).statusCode).toBe(200);
    const refused = await act(buyer, 'request-changes', { message: 'تعديل آخر' });
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'order.no_revisions_left']);
  });

  it('a package the seller changed after the checkout opened is ordered as it is now; a removed tier is refused', async () => {
    const { u } = await signedInBrowser('pk7');
    const id = await publishedWithPackages(u);
    const buyer = await fundedUser(t, 50_000, 'pkb7');
    const b = await signedInPage(t, buyer);
    const checkout = await b.get(`/orders/new?service=${id}&package=standard`);
    const idem = /name="idem" value="([^"]+)"/.exec(checkout.body)?.[1] ?? '';
    // The seller raises the standard package (an edit, approved) and drops premium.
    const edit = await api(u, 'PATCH', `/api/v1/services/${id}`, {
      packages: [PACKAGES[0], { ...PACKAGES[1], priceCents: 5000, revisions: 2 }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // Until approved, the seller's view has the live packages and the proposed ones in the pending edit.
    const mine = (await api(u, 'GET', `/api/v1/me/services/${id}`)).json();
    expect(mine.packages.map((p: { tier: string }) => p.tier)).toEqual(['basic', 'standard', 'premium']);
    expect(mine.pendingEdit.packages.map((p: { priceCents: number }) => p.priceCents)).toEqual([2000, 5000]);
    await approve(id);
    const placed = await b.post('/orders/new', { serviceId: String(id), qty: '1', package: 'standard', idem });
    expect(placed.statusCode, placed.body.slice(0, 300)).toBe(303);
    const oid = Number(/\/orders\/(\d+)/.exec(placed.headers.location as string)?.[1]);
    const o = await orderRow(buyer, oid);
    expect([o.unitPriceCents, o.revisions]).toEqual([5000, 2]);
    const premium = await placeOrder(buyer, { serviceId: id, package: 'premium' });
    expect([premium.statusCode, premium.json().code]).toEqual([422, 'order.package_unavailable']);
    // A PATCH that leaves `packages` out keeps them.
    expect((await api(u, 'PATCH', `/api/v1/services/${id}`, { title: 'تصميم شعار احترافي لشركتك الناشئة' })).statusCode).toBe(200);
    await approve(id);
    expect(await t.deps.db.$count(servicePackages, eq(servicePackages.serviceId, id))).toBe(2);
  });

  it('a short balance: the deposit checkout opens, and the order placed when it is paid is the chosen package', async () => {
    const { u } = await signedInBrowser('pk8');
    const id = await publishedWithPackages(u);
    const buyer = await fundedUser(t, 1000, 'pkb8');
    const b = await signedInPage(t, buyer);
    const checkout = await b.get(`/orders/new?service=${id}&package=premium`);
    expect(testId(checkout.body, 'checkout-short')).toContain('$80');
    const idem = /name="idem" value="([^"]+)"/.exec(checkout.body)?.[1] ?? '';
    const r = await b.post('/orders/new', { serviceId: String(id), qty: '1', package: 'premium', idem });
    expect(r.statusCode).toBe(303);
    const url = new URL(String(r.headers.location), 'http://kafiil.test');
    const depositId = Number(url.pathname.split('/').pop());
    const d = await t.services.wallet.paySandbox(depositId, url.searchParams.get('s') as string, '4242424242424242');
    expect(d.amountCents).toBe(8000);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: buyer.auth })).json();
    expect(list.items).toEqual([expect.objectContaining({ status: 'pending', totalCents: 9000 })]);
    const o = await orderRow(buyer, list.items[0].id);
    expect([o.unitPriceCents, o.deliveryDays, o.revisions]).toEqual([9000, 7, null]);
    expect(o.title).toContain('هوية كاملة');
  });
});
