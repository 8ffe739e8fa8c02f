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
  tokenFrom,
} from '../../../test/helpers.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuthUser, requireVerifiedEmail } from '../../platform/http/auth.ts';
import { users } from './schema.ts';

/**
 * Money moves need a confirmed e-mail address: deposits, withdrawals, orders (placed, or paid through a top-up)
 * and project hires are refused with 403 `account.email_unverified` for an account whose address is not verified —
 * here accounts with money on them, so nothing else would refuse — and the pages say so where they offer the
 * action, with the button that mails the link again.
 */
type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
let finance: Awaited<ReturnType<typeof staffUser>>;
let seller: User;
let serviceId: number;

const api = (u: { auth: Record<string, string> }, url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...u.auth, 'idempotency-key': `k-${Math.random()}`, ...headers }, payload });
const balances = async (u: User) => (await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json();
const actor = async (u: { token: string }) => (await t.services.accounts.resolveSession(u.token, 'api')) as AuthUser;
/** The account's address stops counting as confirmed (as if never verified): what it already has stays. */
const unverify = (u: User) => t.deps.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, u.id));

/** A funded account whose e-mail address is not confirmed. */
async function unverifiedWithMoney(cents: number, prefix: string) {
  const u = await fundedUser(t, cents, prefix);
  await unverify(u);
  return u;
}

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

function expectRefused(r: { statusCode: number; json(): unknown }, title = 'أكّد بريدك الإلكتروني أولًا') {
  expect(r.statusCode).toBe(403);
  const body = r.json() as { code: string; title: string; status: number };
  expect(body).toMatchObject({ status: 403, code: 'account.email_unverified' });
  expect(body.title).toContain(title);
}

/** An open project of `owner` with one active bid of a freelancer. */
async function projectWithBid(owner: User) {
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
  const f = await signedUpUser(t, 'vfree');
  const bid = await api(f, `/api/v1/projects/${p.id}/bids`, {
    amountCents: 15_000,
    days: 5,
    proposal: 'أستطيع تنفيذ هذا المشروع بجودة عالية، لدي خبرة خمس سنوات في المجال نفسه وأعمال سابقة مشابهة.',
  });
  expect(bid.statusCode).toBe(201);
  return { projectId: p.id, bidId: bid.json().id as number };
}

beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'vmod');
  finance = await staffUser(t, ['finance'], 'vfin');
  seller = await signedUpUser(t, 'vseller');
  serviceId = (await publishedService(t, seller, mod)).id;
});
afterAll(async () => {
  await t.close();
});

describe('requireVerifiedEmail', () => {
  it('refuses an unconfirmed address with 403 account.email_unverified and lets a confirmed one through', () => {
    expect(() => requireVerifiedEmail({ emailVerified: true })).not.toThrow();
    let err: unknown;
    try {
      requireVerifiedEmail({ emailVerified: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'account.email_unverified', status: 403 });
  });
});

describe('money moves of an account whose e-mail address is not confirmed (API)', () => {
  it('refuses a deposit, in the request language, and makes none', async () => {
    const u = await signedUpUser(t, 'vdep');
    await unverify(u);
    expectRefused(await api(u, '/api/v1/wallet/deposits', { amountCents: 2000, method: 'sandbox' }));
    expectRefused(
      await api(u, '/api/v1/wallet/deposits', { amountCents: 2000, method: 'sandbox' }, { 'accept-language': 'en' }),
      'Confirm your email address first',
    );
    expectRefused(await api(u, '/api/v1/wallet/deposits', { amountCents: 2000, method: 'bank_transfer', reference: 'TRX-77881' }));
    expect(await t.services.wallet.myDeposits(u.id)).toEqual([]);
  });

  it('refuses a withdrawal and moves nothing', async () => {
    const u = await unverifiedWithMoney(5000, 'vwd');
    expectRefused(
      await api(u, '/api/v1/wallet/withdrawals', { amountCents: 1500, method: 'paypal', details: { email: 'me@example.com' } }),
    );
    expect(await balances(u)).toMatchObject({ availableCents: 5000, withdrawingCents: 0 });
    expect(await t.services.wallet.myWithdrawals(u.id)).toEqual([]);
  });

  it('refuses an order from the balance, and the top-up for a short balance, and moves nothing', async () => {
    const u = await unverifiedWithMoney(5000, 'vord');
    expectRefused(await api(u, '/api/v1/orders', { serviceId, quantity: 1, addonIds: [] }));
    expect(await balances(u)).toMatchObject({ availableCents: 5000, escrowCents: 0 });
    const orders = await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: u.auth });
    expect(orders.statusCode).toBe(200);
    expect(orders.json().items).toEqual([]);
    await expect(t.services.orders.checkoutForRest(await actor(u), { serviceId, quantity: 9, addonIds: [] })).rejects.toMatchObject({
      code: 'account.email_unverified',
    });
    expect(await t.services.wallet.myDeposits(u.id)).toHaveLength(1); // the funding deposit only
  });

  it('refuses a hire and leaves the project open and the balance whole', async () => {
    const owner = await fundedUser(t, 20_000, 'vown');
    const { projectId, bidId } = await projectWithBid(owner);
    await unverify(owner);
    expectRefused(await api(owner, `/api/v1/projects/${projectId}/hire`, { bidId }));
    expect(await balances(owner)).toMatchObject({ availableCents: 20_000, escrowCents: 0 });
    const p = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}`, headers: owner.auth });
    expect(p.json()).toMatchObject({ status: 'open' });
  });

  it('lets the same money move once the address is confirmed again through the resend mail', async () => {
    const u = await unverifiedWithMoney(5000, 'vagain');
    const resend = await t.app.inject({ method: 'POST', url: '/api/v1/auth/resend-verification', headers: u.auth });
    expect(resend.statusCode).toBeLessThan(300);
    const token = tokenFrom(await t.mailTo(u.email), '/verify-email');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } })).statusCode).toBe(200);
    const w = await api(u, '/api/v1/wallet/withdrawals', { amountCents: 1500, method: 'paypal', details: { email: 'me@example.com' } });
    expect(w.statusCode).toBe(201);
    const rec = await t.app.inject({ method: 'GET', url: '/api/v1/admin/ledger/reconcile', headers: finance.auth });
    expect(rec.json()).toMatchObject({ ok: true });
  });
});

describe('the pages where money moves say so, with the button that mails the link again', () => {
  const notice = (html: string) => html.split('data-testid="verify-email-first"').length - 1;
  const resendForms = (html: string) => html.split('action="/verify-email/resend"').length - 1;
  /** The buttons a person sees turned off (not the hidden default button a confirm dialog's form starts with). */
  const offButtons = (html: string) =>
    [...html.matchAll(/<button\b[^>]*>/g)].map((m) => m[0]).filter((b) => /\sdisabled[\s>]/.test(b) && !/\shidden[\s>]/.test(b));
  const isOff = (html: string, testid: string) => offButtons(html).some((b) => b.includes(`data-testid="${testid}"`));

  it('wallet: both forms carry the notice and their buttons are off; the form post is refused; a confirmed account sees neither', async () => {
    const u = await unverifiedWithMoney(3000, 'vpage');
    const b = await browserOf(u);
    const page = await b.get('/wallet');
    expect(page.statusCode).toBe(200);
    expect(notice(page.body)).toBe(2);
    expect(page.body).toContain('أكّد بريدك الإلكتروني أولًا');
    // The site-wide banner has one resend form; each notice has its own.
    expect(resendForms(page.body)).toBe(3);
    expect(offButtons(page.body)).toHaveLength(2);
    const en = await b.get('/en/wallet');
    expect(en.body).toContain('Confirm your email address first');
    expect(en.body).toContain('action="/en/verify-email/resend"');

    await b.get('/wallet');
    const posted = await b.post('/wallet/deposits', { amount: '20', method: 'sandbox', idempotencyKey: 'form-key-verified-1' });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('data-testid="form-error"');
    expect(await t.services.wallet.myDeposits(u.id)).toHaveLength(1);

    // The notice's button sends the mail.
    await b.get('/wallet');
    const before = t.mails.length;
    const sent = await b.post('/verify-email/resend', {});
    expect(sent.statusCode).toBe(303);
    await t.mailTo(u.email);
    expect(t.mails.length).toBe(before + 1);

    const ok = await browserOf(await fundedUser(t, 1000, 'vpageok'));
    const fine = await ok.get('/wallet');
    expect(notice(fine.body)).toBe(0);
    expect(offButtons(fine.body)).toEqual([]);
  });

  it('checkout: the notice above the pay button, which is off', async () => {
    const u = await unverifiedWithMoney(5000, 'vcheck');
    const b = await browserOf(u);
    const page = await b.get(`/orders/new?service=${serviceId}&qty=1`);
    expect(page.statusCode).toBe(200);
    expect(notice(page.body)).toBe(1);
    expect(isOff(page.body, 'pay')).toBe(true);
    const posted = await b.post('/orders/new', { serviceId: String(serviceId), qty: '1', idem: 'checkout-idem-key-0123456789' });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('أكّد بريدك الإلكتروني أولًا');
    expect(await balances(u)).toMatchObject({ availableCents: 5000, escrowCents: 0 });
  });

  it('project: the owner sees the notice over the bids and the hire buttons off', async () => {
    const owner = await fundedUser(t, 20_000, 'vpown');
    const { projectId, bidId } = await projectWithBid(owner);
    const ok = await (await browserOf(owner)).get(`/projects/${projectId}`);
    expect(notice(ok.body)).toBe(0);
    expect(ok.body).toContain(`data-testid="hire-${bidId}"`);
    expect(isOff(ok.body, `hire-${bidId}`)).toBe(false);
    await unverify(owner);
    const b = await browserOf(owner);
    const page = await b.get(`/projects/${projectId}`);
    expect(notice(page.body)).toBe(1);
    expect(isOff(page.body, `hire-${bidId}`)).toBe(true);
    const posted = await b.post(`/projects/${projectId}/hire`, { bidId: String(bidId) });
    expect(posted.body).toContain('أكّد بريدك الإلكتروني أولًا');
    expect(await balances(owner)).toMatchObject({ availableCents: 20_000, escrowCents: 0 });
  });
});
