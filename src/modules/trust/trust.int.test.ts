import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, PageClient, publishedService, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const send = (u: { auth: Record<string, string> }, to: string, body: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/conversations', headers: u.auth, payload: { withUsername: to, body } });

describe('refused contact details', () => {
  it('are recorded with what was found; three in 30 days open one moderation case', async () => {
    const a = await signedUpUser(t, 'leaky');
    const b = await signedUpUser(t, 'other');
    // The person acting, kept across the month this test moves the clock by (sessions last 30 days).
    const actor = (await t.services.accounts.resolveSession(a.token, 'api'))!;
    const write = (body: string) => t.services.messaging.start(actor, b.username, body).catch((e) => e);
    const first = await send(a, b.username, 'راسلني على ali.designer@gmail.com');
    expect(first.statusCode).toBe(400);
    expect((await t.services.trust.attemptsOf(a.id)).map((x) => [x.context, x.found])).toEqual([
      ['message', [{ kind: 'email', text: 'ali.designer@gmail.com' }]],
    ]);
    // An old attempt is forgotten after 30 days: only two count now, no case.
    t.clock.advance(31 * 86_400_000);
    expect((await write('واتسابي ٠١٠٠ ٢٣٤ ٥٦٧٨')).fields).toEqual({ body: 'trust.contact_info' });
    expect((await write('ضيفني سناب: ali_99')).fields).toEqual({ body: 'trust.contact_info' });
    expect((await t.services.trust.openCases()).filter((c) => c.userId === a.id)).toEqual([]);
    // A third within 30 days (here in a service's text) opens the case; more attempts do not open another.
    const svc = await t.services.catalog.create(actor, { title: 'تصميم شعار واتساب 0501234567' }, { submit: false }).catch((e) => e);
    expect(svc.fields).toMatchObject({ title: 'trust.contact_info' });
    const cases = (await t.services.trust.openCases()).filter((c) => c.userId === a.id);
    expect(cases).toEqual([expect.objectContaining({ kind: 'contact_info', status: 'open', data: { attempts: 3 } })]);
    expect((await write('www.my-portfolio.example.com')).fields).toEqual({ body: 'trust.contact_info' });
    expect((await t.services.trust.openCases()).filter((c) => c.userId === a.id)).toHaveLength(1);
    expect(await t.services.trust.attemptsOf(a.id)).toHaveLength(5);
    // A clean message goes through and records nothing.
    expect((await write('هل يناسبك التسليم بعد ثلاثة أيام؟')).conversationId).toBeGreaterThan(0);
    expect(await t.services.trust.attemptsOf(a.id)).toHaveLength(5);
  });

  it('reach the moderators, who see what was found and close a case with a note (audited); users cannot', async () => {
    const cases = await t.services.trust.openCases();
    expect(cases.length).toBeGreaterThan(0);
    const user = await signedUpUser(t, 'plain');
    const ub = new PageClient(t.app);
    await ub.get('/login');
    await ub.post('/login', { login: user.username, password: user.password });
    expect((await ub.get('/admin/cases')).statusCode).toBe(403);
    const mod = await staffUser(t, ['moderator'], 'casemod');
    const mb = new PageClient(t.app);
    await mb.get('/login');
    await mb.post('/login', { login: mod.username, password: mod.password });
    const page = await mb.get('/admin/cases');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ali.designer@gmail.com');
    const id = cases[0].id;
    const bad = await mb.post(`/admin/cases/${id}/close`, { note: ' ' });
    expect(bad.statusCode).toBe(400);
    expect((await mb.post(`/admin/cases/${id}/close`, { note: 'تحذير أول للمستخدم' })).statusCode).toBe(303);
    expect((await t.services.trust.openCases()).find((c) => c.id === id)).toBeUndefined();
    expect((await mb.post(`/admin/cases/${id}/close`, { note: 'مرة أخرى' })).statusCode).toBe(404);
    const audit = await queryRows<{ actor_id: number; data: { note: string } }>(
      t.deps.db,
      sql`SELECT actor_id, data FROM audit_log WHERE action = 'case.close'`,
    );
    expect(audit).toEqual([{ actor_id: mod.id, data: { caseId: id, note: 'تحذير أول للمستخدم' } }]);
  });

  it('are refused in an order’s texts too (delivery, reasons, reviews and replies), and recorded', async () => {
    const mod = await staffUser(t, ['moderator'], 'ordmod');
    const seller = await signedUpUser(t, 'ordseller');
    const buyer = await fundedUser(t, 10_000, 'ordbuyer');
    const s = await publishedService(t, seller, mod);
    const o = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...buyer.auth, 'idempotency-key': 'contact-order' },
      payload: { serviceId: s.id, quantity: 1, addonIds: [] },
    });
    const id = o.json().id;
    const act = (u: { auth: Record<string, string> }, action: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/orders/${id}/${action}`, headers: u.auth, payload });
    expect((await act(seller, 'accept', {})).statusCode).toBe(200);
    const refused = await act(seller, 'deliver', { message: 'الملفات على drive.google.com/xyz أو كلمني ٠١٠٠٢٣٤٥٦٧٨', fileIds: [] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'message', code: 'trust.contact_info' })]);
    expect((await t.services.orders.get((await t.services.accounts.resolveSession(seller.token, 'api'))!, id)).order.status).toBe(
      'in_progress',
    );
    expect((await act(seller, 'deliver', { message: 'تم التسليم، الملفات مرفقة هنا', fileIds: [] })).statusCode).toBe(200);
    expect((await act(buyer, 'complete', {})).statusCode).toBe(200);
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/review`,
      headers: buyer.auth,
      payload: { quality: 5, communication: 5, onTime: 5, comment: 'ممتاز، تابعوه على انستا @designer_pro' },
    });
    expect(review.json().errors).toEqual([expect.objectContaining({ field: 'comment', code: 'trust.contact_info' })]);
    expect((await t.services.trust.attemptsOf(seller.id)).map((a) => a.context)).toEqual(['order']);
    expect((await t.services.trust.attemptsOf(buyer.id)).map((a) => a.context)).toEqual(['review']);
  });

  it('answer the API with `trust.contact_info` at the top of the problem document and in `errors[]`, still 400', async () => {
    const a = await signedUpUser(t, 'apicode');
    const b = await signedUpUser(t, 'apipeer');
    // A message with a phone number: the refusal's code, its title naming what was found, and the field entry.
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: { ...a.auth, 'accept-language': 'en' },
      payload: { withUsername: b.username, body: 'call me on 0501234567 tonight' },
    });
    expect(phone.statusCode).toBe(400);
    expect(phone.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const doc = phone.json();
    expect(doc).toMatchObject({ status: 400, code: 'trust.contact_info' });
    expect(doc.title).toContain('0501234567');
    expect(doc.errors).toEqual([{ field: 'body', code: 'trust.contact_info', message: expect.stringContaining('0501234567') }]);

    // A service with a phone number in its description and no image: still `trust.contact_info` at the top,
    // with every field problem in `errors[]`.
    const [top] = await t.services.catalog.categoryTree();
    const service = await t.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: a.auth,
      payload: {
        title: 'تصميم شعار احترافي لشركتك',
        categoryId: top.children[0].id,
        description: 'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك مع ثلاثة نماذج أولية وتعديلات حتى ترضى. للتواصل: ٠١٠٠ ٢٣٤ ٥٦٧٨',
        priceCents: 2500,
        deliveryDays: 3,
        instructions: '',
        skills: [],
        imageIds: [],
        addons: [],
      },
    });
    expect(service.statusCode).toBe(400);
    expect(service.json().code).toBe('trust.contact_info');
    expect(service.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'description', code: 'trust.contact_info' }),
        expect.objectContaining({ field: 'images', code: 'service.image_required' }),
      ]),
    );
    // Without contact details the same refusal is an ordinary `validation.failed`.
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: a.auth,
      payload: { withUsername: b.username, body: '' },
    });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().code).toBe('validation.failed');
  });
});
