import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import type { AuthUser } from '../../platform/http/auth.ts';

/**
 * The wallet settings an admin changes are the ones new orders use (RULES.md "Money": every number is a setting):
 * the commission of every new order and project hire, kept by the order for good; the minimum deposit of the
 * checkout's top-up for a short balance.
 */

type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let seller: User;
let mod: User;
let adminPage: PageClient;
let finance: AuthUser;
let serviceId: number;

const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST', url: string, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': 'en', ...headers }, payload });
const act = (u: User, id: number, action: string, body: object = {}) => api(u, 'POST', `/api/v1/orders/${id}/${action}`, body);
const actor = async (u: { token: string }) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};

/** The admin changes the wallet settings on the settings page (the form's fields, as typed): the defaults, with `over`. */
async function setWallet(over: Record<string, string>) {
  const page = await adminPage.get('/admin/settings');
  expect(page.statusCode, page.body).toBe(200);
  const r = await adminPage.post('/admin/settings', {
    minDeposit: '5',
    maxDeposit: '10000',
    minWithdrawal: '10',
    commissionPercent: '10',
    freezeReleaseBusinessDays: '30',
    withdrawalMethods: ['paypal', 'bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash', 'egypt_post'],
    manualDepositMethods: ['bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash'],
    ...over,
  });
  expect(r.statusCode, r.body).toBe(303);
  const s = await t.services.wallet.settings();
  if (over.commissionPercent) expect(s.commissionBp).toBe(Number(over.commissionPercent) * 100);
  if (over.minDeposit) expect(s.minDepositCents).toBe(Number(over.minDeposit) * 100);
}

async function order(buyer: User) {
  const r = await api(buyer, 'POST', '/api/v1/orders', { serviceId }, { 'idempotency-key': `k-${Math.random()}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

async function completed(buyer: User, s: User, id: number) {
  expect((await act(s, id, 'accept')).json().status).toBe('in_progress');
  expect((await act(s, id, 'deliver', { message: 'تم التسليم' })).json().status).toBe('delivered');
  expect((await act(buyer, id, 'complete')).json().status).toBe('completed');
}

/** The seller's pending balance and the platform's revenue, from the wallet. */
async function money(userId: number) {
  return {
    pending: (await t.services.wallet.balances(userId)).pendingCents,
    revenue: (await t.services.wallet.revenue(finance)).revenueCents,
  };
}

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'sseller');
  mod = await staffUser(t, ['moderator'], 'smod');
  adminPage = await browserOf(await staffUser(t, ['admin'], 'sadmin'));
  finance = await actor(await staffUser(t, ['finance'], 'sfin'));
  serviceId = (await publishedService(t, seller, mod)).id;
});
afterEach(async () => {
  expect((await t.services.wallet.reconcile(finance)).ok).toBe(true);
});
afterAll(async () => {
  await t.close();
});

describe('the commission in the wallet settings', () => {
  it('is the rate every new order stores and is paid at; an order placed before a change keeps its own', async () => {
    const buyer = await fundedUser(t, 10_000, 'sbuyer');
    const before = await order(buyer);
    expect((await api(buyer, 'GET', `/api/v1/orders/${before}`)).json().commissionBp).toBe(1000);

    await setWallet({ commissionPercent: '15' });
    const after = await order(buyer);
    expect((await api(buyer, 'GET', `/api/v1/orders/${after}`)).json().commissionBp).toBe(1500);
    expect((await api(buyer, 'GET', `/api/v1/orders/${before}`)).json().commissionBp).toBe(1000);

    // The seller's order page tells what they receive at the order's own rate.
    const s = await browserOf(seller);
    expect(testId((await s.get(`/en/orders/${after}`)).body, 'seller-net')).toMatch(/21\.25/);
    expect(testId((await s.get(`/en/orders/${before}`)).body, 'seller-net')).toMatch(/22\.50/);

    // $25 at 15%: the seller's pending gets $21.25, the platform's revenue $3.75.
    const m0 = await money(seller.id);
    await completed(buyer, seller, after);
    const m1 = await money(seller.id);
    expect(m1.pending - m0.pending).toBe(2125);
    expect(m1.revenue - m0.revenue).toBe(375);

    // Placed at 10% before the change, completed after it: still 10%.
    await completed(buyer, seller, before);
    const m2 = await money(seller.id);
    expect(m2.pending - m1.pending).toBe(2250);
    expect(m2.revenue - m1.revenue).toBe(250);
    expect(await t.services.wallet.balances(buyer.id)).toMatchObject({ availableCents: 5000, escrowCents: 0 });
  });

  it('is the rate of a project hire made after the change', async () => {
    await setWallet({ commissionPercent: '15' });
    const owner = await fundedUser(t, 50_000, 'sowner');
    const freelancer = await signedUpUser(t, 'sfree');
    const [top] = await t.services.catalog.categoryTree();
    const p = await t.services.projects.create(
      await actor(owner),
      {
        title: 'تصميم هوية بصرية كاملة لمتجر إلكتروني',
        description:
          'نحتاج إلى تصميم هوية بصرية كاملة لمتجر إلكتروني جديد: شعار وألوان وخطوط ونماذج لمنشورات التواصل الاجتماعي وبطاقات العمل، مع دليل استخدام واضح للهوية.',
        categoryId: top.children[0].id,
        skills: ['تصميم شعارات'],
        budgetMinCents: 10_000,
        budgetMaxCents: 25_000,
        expectedDays: 10,
      },
      { submit: true },
    );
    await t.services.projects.approve(await actor(mod), p.id);
    const bid = await api(freelancer, 'POST', `/api/v1/projects/${p.id}/bids`, {
      amountCents: 20_000,
      days: 5,
      proposal: 'أستطيع تنفيذ هذا المشروع بجودة عالية، لدي خبرة خمس سنوات في المجال نفسه وأعمال سابقة مشابهة.',
    });
    expect(bid.statusCode, bid.body).toBe(201);
    const hire = await api(owner, 'POST', `/api/v1/projects/${p.id}/hire`, { bidId: bid.json().id }, { 'idempotency-key': 'hire-15' });
    expect(hire.statusCode, hire.body).toBe(201);
    const { orderId } = hire.json();
    expect((await api(owner, 'GET', `/api/v1/orders/${orderId}`)).json()).toMatchObject({ kind: 'project', commissionBp: 1500 });

    const m0 = await money(freelancer.id);
    expect((await act(freelancer, orderId, 'deliver', { message: 'هذا هو التسليم النهائي للهوية' })).json().status).toBe('delivered');
    expect((await act(owner, orderId, 'complete')).json().status).toBe('completed');
    const m1 = await money(freelancer.id);
    expect(m1.pending - m0.pending).toBe(17_000);
    expect(m1.revenue - m0.revenue).toBe(3_000);
  });
});

describe('the minimum deposit in the wallet settings', () => {
  it('is the least the checkout tops a short balance up by', async () => {
    const buyer = await fundedUser(t, 1000, 'sshort');
    await setWallet({ minDeposit: '20' });
    const b = await browserOf(buyer);
    // $25 with $10 in the balance: $15 short, but the smallest deposit is now $20.
    const checkout = await b.get(`/en/orders/new?service=${serviceId}`);
    expect(checkout.statusCode).toBe(200);
    expect(testId(checkout.body, 'checkout-short')).toMatch(/\$15(?![.\d])/);
    expect(testId(checkout.body, 'checkout-min-deposit')).toMatch(/\$20(?![.\d])/);
    expect(testId(checkout.body, 'pay')).toMatch(/\$20(?![.\d])/);
    const idem = /name="idem" value="([^"]+)"/.exec(checkout.body)?.[1] as string;
    const r = await b.post('/en/orders/new', { serviceId: String(serviceId), qty: '1', idem });
    expect(r.statusCode, r.body).toBe(303);
    const url = new URL(String(r.headers.location), 'http://kafiil.test');
    expect(url.pathname).toMatch(/\/pay\/sandbox\/\d+$/);
    const depositId = Number(url.pathname.split('/').pop());
    const d = await t.services.wallet.paySandbox(depositId, url.searchParams.get('s') as string, '4242424242424242');
    expect(d.amountCents).toBe(2000);
    // The order is placed when the deposit is credited; the rest of the deposit stays in the balance.
    const list = (await api(buyer, 'GET', '/api/v1/orders')).json();
    expect(list.items).toEqual([expect.objectContaining({ status: 'pending', totalCents: 2500 })]);
    expect(await t.services.wallet.balances(buyer.id)).toMatchObject({ availableCents: 500, escrowCents: 2500 });
    // Straight from the service too: at least the minimum.
    const again = await t.services.orders.checkoutForRest(await actor(buyer), { serviceId, quantity: 1, addonIds: [] });
    expect(again.amountCents).toBe(2000);
  });
});
