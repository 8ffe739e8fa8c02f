import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, signedInPage, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';
import { ordersKit, type User } from '../../../test/orders-kit.ts';
import { orders } from './schema.ts';

// Moving an order's delivery deadline (issue 20): either side asks for N days with a reason, the other accepts or
// refuses; while a request waits the buyer cannot cancel for lateness; one request at a time.

let t: TestApp;
let seller: User;
let serviceId: number;
const DAY = 86_400_000;
const { api, ...kit } = ordersKit(() => t);
const act = (u: User, id: number, action: string, body: Record<string, unknown> = {}) =>
  api(u, 'POST', `/api/v1/orders/${id}/${action}`, body);
const row = async (id: number) => (await t.deps.db.select().from(orders).where(eq(orders.id, id)))[0];
const startedOrder = (buyer: User) => kit.startedOrder(buyer, seller, serviceId);

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'extseller');
  serviceId = await kit.serviceOf(seller, 'extmod');
});
afterAll(async () => {
  await t.close();
});

describe('asking to move the delivery deadline', () => {
  it('the seller asks, the buyer cannot cancel for lateness meanwhile, then accepts: the deadline moves by the days', async () => {
    const buyer = await fundedUser(t, 5_000, 'extbuyer');
    const id = await startedOrder(buyer);
    const before = (await row(id)).deadlineAt as Date;
    const asked = await act(seller, id, 'request-extension', { days: 3, reason: 'ملفات المصدر تحتاج وقتًا إضافيًا' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await api(buyer, 'GET', `/api/v1/orders/${id}`)).json().extension).toEqual({
      requestedBy: 'seller',
      days: 3,
      reason: 'ملفات المصدر تحتاج وقتًا إضافيًا',
    });
    const told = (await api(buyer, 'GET', '/api/v1/notifications')).json().items[0];
    expect(told.type).toBe('order.extension_requested');
    // The page says so and offers the answer.
    const page = (await (await signedInPage(t, buyer)).get(`/orders/${id}`)).body;
    expect(testId(page, 'extension-request')).toContain('3 أيام');
    expect(page).toContain('data-testid="action-accept-extension"');
    // Past the deadline, the buyer would cancel alone — not while the request waits; nor a second request.
    t.clock.advance(4 * DAY);
    expect((await act(buyer, id, 'cancel')).json().code).toBe('order.extension_waiting');
    expect((await act(buyer, id, 'request-extension', { days: 2, reason: 'مرة أخرى' })).json().code).toBe('order.extension_waiting');
    // The one who asked cannot answer their own request.
    expect((await act(seller, id, 'accept-extension')).json().code).toBe('order.own_request');
    expect((await act(buyer, id, 'accept-extension')).statusCode).toBe(200);
    const after = await row(id);
    expect(after.deadlineAt?.getTime()).toBe(before.getTime() + 3 * DAY);
    expect([after.extensionRequestedBy, after.extensionDays]).toEqual([null, null]);
    expect((await api(seller, 'GET', '/api/v1/notifications')).json().items[0].type).toBe('order.extension_accepted');
  });

  it('refused: the deadline stays, and the buyer may cancel for lateness again', async () => {
    const buyer = await fundedUser(t, 5_000, 'extno');
    const id = await startedOrder(buyer);
    const before = (await row(id)).deadlineAt as Date;
    expect((await act(buyer, id, 'request-extension', { days: 5, reason: 'سأسافر هذا الأسبوع' })).statusCode).toBe(200);
    expect((await act(seller, id, 'reject-extension')).statusCode).toBe(200);
    expect((await row(id)).deadlineAt?.getTime()).toBe(before.getTime());
    t.clock.advance(5 * DAY);
    expect((await act(buyer, id, 'cancel')).statusCode).toBe(200);
  });

  it('refuses days outside 1–30, a reason with contact details, and asks only while the work is in progress', async () => {
    const buyer = await fundedUser(t, 5_000, 'extbad');
    const id = await startedOrder(buyer);
    for (const days of [0, 31])
      expect((await act(seller, id, 'request-extension', { days, reason: 'أحتاج وقتًا' })).json().errors).toEqual([
        expect.objectContaining({ field: 'days', code: 'order.extension_days' }),
      ]);
    expect((await act(seller, id, 'request-extension', { days: 2, reason: 'كلمني على 0501234567' })).json().code).toBe(
      'trust.contact_info',
    );
    // A delivery closes the question: an open request goes with it, and no new one is taken.
    expect((await act(seller, id, 'request-extension', { days: 2, reason: 'أحتاج وقتًا' })).statusCode).toBe(200);
    expect((await act(seller, id, 'deliver', { message: 'تم التسليم' })).statusCode).toBe(200);
    expect((await row(id)).extensionRequestedBy).toBeNull();
    expect((await act(buyer, id, 'request-extension', { days: 2, reason: 'أحتاج وقتًا' })).json().code).toBe('order.wrong_state');
  });

  it('through the page: the days and the reason kept on a refusal', async () => {
    const buyer = await fundedUser(t, 5_000, 'extweb');
    const id = await startedOrder(buyer);
    const page = await signedInPage(t, seller);
    const bad = await page.post(`/orders/${id}/request-extension`, { days: '٤٠', reason: 'المراجعة أخذت وقتًا' });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-days')).toContain('30');
    expect(bad.body).toContain('المراجعة أخذت وقتًا');
    const ok = await page.post(`/orders/${id}/request-extension`, { days: '٤', reason: 'المراجعة أخذت وقتًا' });
    expect(ok.statusCode).toBe(303);
    expect((await row(id)).extensionDays).toBe(4);
  });

  it('two answers at once: one wins, the deadline moves at most once', async () => {
    const buyer = await fundedUser(t, 5_000, 'extrace');
    const id = await startedOrder(buyer);
    const before = (await row(id)).deadlineAt as Date;
    await act(seller, id, 'request-extension', { days: 2, reason: 'أحتاج وقتًا' });
    const [a, b] = await Promise.all([act(buyer, id, 'accept-extension'), act(buyer, id, 'accept-extension')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await row(id)).deadlineAt?.getTime()).toBe(before.getTime() + 2 * DAY);
  });
});
