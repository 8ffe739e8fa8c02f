import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, publishedService, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { runDue } from '../../worker.ts';
import { UNPAID_DEPOSIT_EXPIRES_MS } from './rules.ts';

// After a checkout: the way back to what the person was doing, "try again" after a decline or a left payment page,
// and top-ups left unpaid for a day given up (issue 14).

let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'drmod');
});
afterAll(async () => {
  await t.close();
});

type U = Awaited<ReturnType<typeof signedUpUser>>;
const MINUTE = 60_000;

async function signIn(u: U, path = '/login') {
  const b = new PageClient(t.app);
  await b.get(path);
  const r = await b.post(path, { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}
const apiDeposit = (u: U, body: object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/wallet/deposits',
    headers: { ...u.auth, 'idempotency-key': `k-${Math.random()}` },
    payload: body,
  });
const statusOf = async (u: U, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/wallet/deposits/${id}`, headers: u.auth })).json().status as string;
const checkoutOf = (location: string) => {
  const url = new URL(location, 'http://kafiil.test');
  return { url, id: Number(url.pathname.split('/').pop()), s: url.searchParams.get('s') as string, r: url.searchParams.get('r') };
};

describe('top-ups left unpaid', () => {
  it('expire a day after they were made (the worker, once each), and the wallet says so; manual transfers wait for finance', async () => {
    const u = await signedUpUser(t, 'dexp');
    const card = (await apiDeposit(u, { amountCents: 1500, method: 'sandbox' })).json();
    const manual = (await apiDeposit(u, { amountCents: 2000, method: 'bank_transfer', reference: 'TRX-44556' })).json();
    const start = t.clock.now().getTime();

    let r = await runDue(t.services, t.deps, new Date(start + UNPAID_DEPOSIT_EXPIRES_MS - MINUTE));
    expect(r.depositsExpired).toBe(0);
    expect(await statusOf(u, card.id)).toBe('pending');
    r = await runDue(t.services, t.deps, new Date(start + UNPAID_DEPOSIT_EXPIRES_MS + MINUTE));
    expect(r.depositsExpired).toBe(1);
    expect(await statusOf(u, card.id)).toBe('expired');
    expect(await statusOf(u, manual.id)).toBe('pending');
    r = await runDue(t.services, t.deps, new Date(start + UNPAID_DEPOSIT_EXPIRES_MS + 2 * MINUTE));
    expect(r.depositsExpired).toBe(0);

    const b = await signIn(u);
    const page = await b.get('/wallet');
    expect(page.body).toContain('انتهت: لم تُدفع خلال يوم');
    expect(page.body).toContain(`data-testid="deposit-retry-${card.id}"`);
    // No "try again" for the manual transfer still waiting for finance.
    expect(page.body).not.toContain(`data-testid="deposit-retry-${manual.id}"`);
    expect((await b.get('/en/wallet')).body).toContain('expired — not paid within a day');

    // The gateway's page says it expired and offers a new one; paying the expired one moves nothing.
    const url = new URL(card.checkoutUrl);
    const gateway = await b.get(url.pathname + url.search);
    expect(testId(gateway.body, 'sandbox-result')).toBe('انتهت المهلة: لم تُدفع عملية الشحن هذه خلال يوم، ولم يُخصم أي مبلغ.');
    const late = await b.post(url.pathname, { s: url.searchParams.get('s') as string, card: '4242424242424242' });
    expect(late.statusCode).toBe(422);
    expect(testId(late.body, 'sandbox-result')).toContain('انتهت المهلة');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json().availableCents).toBe(0);
  });

  it('a provider’s confirmation arriving after the expiry is still credited (the money came in)', async () => {
    const u = await signedUpUser(t, 'dlate');
    const d = (await apiDeposit(u, { amountCents: 900, method: 'sandbox' })).json();
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + UNPAID_DEPOSIT_EXPIRES_MS + MINUTE));
    expect(await statusOf(u, d.id)).toBe('expired');
    const r = await t.services.wallet.confirmDeposit({
      provider: 'stripe',
      eventId: `evt_late_${d.id}`,
      depositId: d.id,
      amountCents: 900,
    });
    expect(r.deposit.status).toBe('paid');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json().availableCents).toBe(900);
  });
});

describe('trying a top-up again', () => {
  it('after a declined card: a new checkout of the same amount, back to the same place; not for a paid or another’s top-up', async () => {
    const u = await signedUpUser(t, 'dretry');
    const b = await signIn(u);
    await b.get('/wallet');
    const made = await b.post('/wallet/deposits', { amount: '12', method: 'sandbox', idempotencyKey: `form-${Math.random()}` });
    const first = checkoutOf(made.headers.location as string);
    const declined = await b.post(first.url.pathname, { s: first.s, card: '4000000000000002', r: '/en/my/purchases' });
    expect(declined.statusCode).toBe(422);
    expect(testId(declined.body, 'sandbox-result')).toBe('رُفضت البطاقة. لم يُخصم أي مبلغ.');
    expect(declined.body).toMatch(
      new RegExp(`data-testid="deposit-retry-${first.id}">أعد المحاولة بالمبلغ نفسه: <bdi dir="ltr">[^<]*12[^<]*</bdi>`),
    );
    expect(declined.body).toMatch(new RegExp(`action="/wallet/deposits/${first.id}/retry"`));

    const again = await b.post(`/wallet/deposits/${first.id}/retry`, { r: '/en/my/purchases' });
    expect(again.statusCode).toBe(303);
    const second = checkoutOf(again.headers.location as string);
    expect(second.id).not.toBe(first.id);
    expect(second.r).toBe('/en/my/purchases');
    const d2 = await t.services.wallet.sandboxDeposit(second.id, second.s);
    expect(d2).toMatchObject({ amountCents: 1200, status: 'pending', userId: u.id });

    const paid = await b.post(second.url.pathname, { s: second.s, card: '4242424242424242', r: second.r as string });
    expect(testId(paid.body, 'sandbox-result')).toBe('تم الدفع وأضيف المبلغ إلى رصيدك.');
    expect(paid.body).toContain('href="/en/my/purchases"');

    // A paid top-up is not tried again; someone else's does not exist for them.
    expect((await b.post(`/wallet/deposits/${second.id}/retry`, {})).statusCode).toBe(409);
    const other = await signIn(await signedUpUser(t, 'dother'));
    await other.get('/wallet');
    expect((await other.post(`/wallet/deposits/${first.id}/retry`, {})).statusCode).toBe(404);
    // A way back to another site is not kept.
    const evil = await b.post(`/wallet/deposits/${first.id}/retry`, { r: 'https://evil.example/x' });
    expect(evil.statusCode).toBe(303);
    expect(checkoutOf(evil.headers.location as string).r).toBeNull();
  });

  it('after leaving the provider’s page: the wallet’s page of the top-up says nothing was charged and offers to try again', async () => {
    const u = await signedUpUser(t, 'dleft');
    const d = (await apiDeposit(u, { amountCents: 700, method: 'sandbox' })).json();
    const b = await signIn(u);
    const left = await b.get(`/wallet/deposits/${d.id}?result=cancel&r=${encodeURIComponent('/projects/3?hire=4')}`);
    expect(left.statusCode).toBe(200);
    expect(testId(left.body, 'deposit-outcome')).toBe('لم يكتمل الدفع، ولم يُخصم أي مبلغ.');
    expect(left.body).toContain(`data-testid="deposit-retry-${d.id}"`);
    expect(left.body).toMatch(/name="r" value="\/projects\/3\?hire=4"/);
    // Still waiting for the provider's word after "success": no retry, a refresh.
    const waiting = await b.get(`/wallet/deposits/${d.id}?result=success`);
    expect(testId(waiting.body, 'deposit-outcome')).toBe('لم يصلنا تأكيد الدفع من البوابة بعد. حدّث الصفحة بعد قليل.');
    expect(waiting.body).not.toContain(`data-testid="deposit-retry-${d.id}"`);
    // Paid: continue to what they were doing.
    await t.services.wallet.confirmDeposit({ provider: 'sandbox', eventId: `sandbox-${d.id}`, depositId: d.id, amountCents: 700 });
    const done = await b.get(`/en/wallet/deposits/${d.id}?result=success&r=${encodeURIComponent('/en/projects/3?hire=4')}`);
    expect(testId(done.body, 'deposit-outcome')).toBe('Paid: the amount is in your balance. Continue to finish what you started.');
    expect(done.body).toMatch(/href="\/en\/projects\/3\?hire=4" data-testid="deposit-continue"/);
    // Nobody else sees it.
    const other = await signIn(await signedUpUser(t, 'dpeek'));
    expect((await other.get(`/wallet/deposits/${d.id}`)).statusCode).toBe(404);
  });

  it('moves the order waiting for the top-up onto the new one: paying it places the order, and "my purchases" says so', async () => {
    const seller = await signedUpUser(t, 'dsell');
    const service = await publishedService(t, seller, mod);
    const buyer = await signedUpUser(t, 'dbuy');
    const b = await signIn(buyer);
    await b.get(`/orders/new?serviceId=${service.id}`);
    const go = await b.post('/orders/new', { serviceId: String(service.id), qty: '1', idem: `idem-${Math.random()}-0123456789` });
    expect(go.statusCode).toBe(303);
    const first = checkoutOf(go.headers.location as string);
    expect(first.r).toBe(`/my/purchases?deposit=${first.id}`);
    await b.post(first.url.pathname, { s: first.s, card: '4000000000000002', r: first.r as string });
    const waitingPage = await b.get(`/my/purchases?deposit=${first.id}`);
    expect(testId(waitingPage.body, 'after-deposit')).toContain('لم يُدفع مبلغ الشحن بعد');

    const again = await b.post(`/wallet/deposits/${first.id}/retry`, { r: first.r as string });
    const second = checkoutOf(again.headers.location as string);
    await t.services.wallet.paySandbox(second.id, second.s, '4242424242424242');
    const placed = await b.get(`/my/purchases?deposit=${second.id}`);
    expect(testId(placed.body, 'after-deposit')).toMatch(/تم الدفع وأُرسل طلبك رقم \d+ إلى البائع/);
    const orderId = Number(/href="\/orders\/(\d+)" data-testid="after-deposit-order"/.exec(placed.body)?.[1]);
    expect(orderId).toBeGreaterThan(0);
    const o = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers: buyer.auth })).json();
    expect(o).toMatchObject({ status: 'pending', totalCents: 2500 });
    // Someone else's top-up says nothing on their page.
    const other = await signIn(await signedUpUser(t, 'dnosy'));
    expect(testId((await other.get(`/my/purchases?deposit=${second.id}`)).body, 'after-deposit')).toBeNull();
  });
});
