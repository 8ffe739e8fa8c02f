import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  PageClient,
  postMultipart,
  publishedService,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let seller: User;
let mod: Awaited<ReturnType<typeof staffUser>>;
let serviceId: number;
let addonId: number;

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}
const wallet = async (u: User) => (await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json();

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'seller');
  mod = await staffUser(t, ['moderator'], 'mod');
  const svc = await publishedService(t, seller, mod, {
    title: 'ترجمة مقالات من الإنجليزية إلى العربية',
    description: 'أترجم مقالاتك ومستنداتك من الإنجليزية إلى العربية ترجمة دقيقة وسلسة مع مراجعة لغوية كاملة وتسليم في الموعد دائمًا.',
    priceCents: 1500,
    deliveryDays: 2,
    instructions: 'أرسل النص بصيغة وورد.',
    skills: ['ترجمة'],
    addons: [{ title: 'مراجعة إضافية', priceCents: 500, extraDays: 1 }],
  });
  serviceId = svc.id;
  addonId = svc.addonIds[0];
});
afterAll(async () => {
  await t.close();
});

describe('ordering in the browser', () => {
  it('goes from the service page to the checkout, pays from the balance, and both sides work the order', async () => {
    const buyer = await fundedUser(t, 5000);
    const b = await browserOf(buyer);
    const servicePage = await b.get(`/services/${serviceId}`);
    const canonical = String(servicePage.headers.location ?? `/services/${serviceId}`);
    const page = await b.get(canonical);
    expect(page.body).toContain('data-testid="order-now"');
    const checkout = await b.get(`/orders/new?service=${serviceId}&addon=${addonId}&qty=2`);
    expect(checkout.statusCode).toBe(200);
    expect(testId(checkout.body, 'checkout-total')).toContain('40');
    const idem = /name="idem" value="([^"]+)"/.exec(checkout.body)?.[1] as string;
    const paid = await b.post('/orders/new', { serviceId: String(serviceId), qty: '2', addon: String(addonId), idem });
    expect(paid.statusCode).toBe(303);
    const orderPath = String(paid.headers.location);
    expect(orderPath).toMatch(/^\/orders\/\d+$/);
    // A double click (same hidden key) does not order twice.
    const again = await b.post('/orders/new', { serviceId: String(serviceId), qty: '2', addon: String(addonId), idem });
    expect(again.headers.location).toBe(orderPath);
    expect(await wallet(buyer)).toMatchObject({ availableCents: 1000, escrowCents: 4000 });

    // The buyer is told the order went out (the one-time notice), and the stepper stands on its first step.
    const placed = await b.get(orderPath);
    expect(testId(placed.body, 'flash')).toContain('أُرسل طلبك إلى البائع');
    expect(placed.body).toMatch(/<li[^>]*aria-current="step"[^>]*data-step="placed"/);

    const s = await browserOf(seller);
    const sellerView = await s.get(orderPath);
    expect(sellerView.body).toContain('أرسل النص بصيغة وورد.');
    expect(testId(sellerView.body, 'instructions-title')).toBe('تعليمات البائع');
    expect(testId(sellerView.body, 'order-price')).toBeTruthy();
    // Accepting a new order is the seller's next step.
    expect(sellerView.body).toMatch(/data-testid="main-accept"[\s\S]*data-testid="action-accept"/);
    expect((await s.post(`${orderPath}/accept`, {})).statusCode).toBe(303);
    const accepted = await s.get(orderPath);
    expect(testId(accepted.body, 'flash')).toContain('قبلت الطلب وبدأ العمل');
    // In progress, delivering is: its form is open (no <details> around it) and its button the primary one.
    expect(accepted.body).toMatch(/<li[^>]*aria-current="step"[^>]*data-step="in_progress"/);
    expect(accepted.body).toMatch(
      /data-testid="main-deliver"[\s\S]*?name="message"[\s\S]*?class="btn btn-primary[^"]*" data-testid="action-deliver"/,
    );
    expect((await s.get(orderPath)).body).not.toContain('data-testid="flash"');
    // A delivery without a message comes back with the reason, and nothing moved.
    const empty = await postMultipart(s, t.app, `${orderPath}/deliver`, [{ name: 'message', value: ' ' }]);
    expect(empty.statusCode).toBe(400);
    expect(testId(empty.body, 'error-deliver')).toBeTruthy();
    const delivered = await postMultipart(s, t.app, `${orderPath}/deliver`, [
      { name: 'message', value: 'الترجمة جاهزة' },
      { name: 'files', filename: 'translation.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\nترجمة\n%%EOF\n') },
    ]);
    expect(delivered.statusCode).toBe(303);
    // (a multipart post keeps no cookies in the client: the notice is the one the answer sets)
    const notice = (delivered.cookies as { name: string; value: string }[]).find((c) => /flash/.test(c.name));
    expect(notice?.value).toBe('order.flash.deliver');

    const buyerView = await b.get(orderPath);
    expect(testId(buyerView.body, 'order-status')).toBe('سُلّم');
    expect(buyerView.body).toContain('translation.pdf');
    // Accepting the delivery is the buyer's next step.
    expect(buyerView.body).toMatch(/data-testid="main-complete"[\s\S]*data-testid="action-complete"/);
    expect((await b.post(`${orderPath}/complete`, {})).statusCode).toBe(303);
    const done = await b.get(orderPath);
    expect(testId(done.body, 'order-status')).toBe('مكتمل');
    expect(testId(done.body, 'flash')).toContain('قبلت التسليم واكتمل الطلب');
    expect(done.body).toMatch(/<li[^>]*aria-current="step"[^>]*data-step="completed"/);
    // The buyer's review asks about the seller's work, with five stars per score and none chosen beforehand.
    expect(testId(done.body, 'stars-quality')).toBe('جودة العمل');
    expect(done.body.match(/type="radio" name="quality"/g)).toHaveLength(5);
    expect(done.body).not.toMatch(/type="radio"[^>]*checked/);
    // A score left out is refused with its own message, and what was chosen and typed stays.
    const partial = await b.post(`${orderPath}/review`, { quality: '4', onTime: '5', comment: 'ترجمة رائعة' });
    expect(partial.statusCode).toBe(400);
    expect(testId(partial.body, 'error-communication')).toBe('اختر عدد النجوم، من 1 إلى 5.');
    expect(testId(partial.body, 'error-quality')).toBeNull();
    expect(partial.body).toMatch(/name="quality" value="4" checked/);
    expect(partial.body).toContain('ترجمة رائعة</textarea>');
    // The buyer reviews from the page; it waits for the seller's (double-blind).
    expect(
      (await b.post(`${orderPath}/review`, { quality: '5', communication: '5', onTime: '5', comment: 'ترجمة رائعة' })).statusCode,
    ).toBe(303);
    const waiting = await b.get(orderPath);
    expect(waiting.body).toContain('يُنشر حين يقيّم الطرف الآخر');
    expect(testId(waiting.body, 'flash')).toBe('أُرسل تقييمك، ويُنشر حين يقيّم الطرف الآخر أو بعد 10 أيام.');
    // The seller rates what a buyer does: the brief's clarity, communication, timely answers — not the quality of work.
    const sellerForm = await s.get(orderPath);
    expect(testId(sellerForm.body, 'stars-quality')).toBe('وضوح المطلوب');
    expect(testId(sellerForm.body, 'stars-onTime')).toBe('سرعة الرد');
    expect(testId(sellerForm.body, 'review-box')).not.toContain('جودة العمل');
    // The seller reviews too: both are published, and the seller answers the buyer's review once, from the page.
    expect((await s.post(`${orderPath}/review`, { quality: '5', communication: '4', onTime: '5', comment: 'مشترٍ واضح' })).statusCode).toBe(
      303,
    );
    const withReview = await s.get(orderPath);
    expect(testId(withReview.body, 'flash')).toBe('أُرسل تقييمك ونُشر مع تقييم الطرف الآخر.');
    expect(withReview.body).toContain('ترجمة رائعة');
    expect(testId(withReview.body, 'review-scores')).toContain('جودة العمل');
    // The buyer reads the seller's review of them under the buyer's criteria.
    const aboutBuyer = await b.get(orderPath);
    expect(testId(aboutBuyer.body, 'review-scores')).toContain('وضوح المطلوب');
    expect(testId(aboutBuyer.body, 'review-scores')).not.toContain('جودة العمل');
    // Both public profiles show the review of that person, under the side they were on.
    const buyerProfile = await b.get(`/u/${buyer.username}`);
    expect(testId(buyerProfile.body, 'profile-reviews')).toBe('التقييمات');
    expect(buyerProfile.body).toContain('بصفته مشتريًا');
    expect(testId(buyerProfile.body, 'review-scores')).toContain('وضوح المطلوب');
    expect(buyerProfile.body).toContain('مشترٍ واضح');
    const sellerProfile = await b.get(`/u/${seller.username}`);
    expect(sellerProfile.body).toContain('بصفته بائعًا');
    expect(testId(sellerProfile.body, 'review-scores')).toContain('جودة العمل');
    const reviewId = /name="review" value="(\d+)"/.exec(withReview.body)?.[1] as string;
    expect((await s.post(`${orderPath}/reply`, { review: reviewId, reply: ' ' })).statusCode).toBe(400);
    expect((await s.post(`${orderPath}/reply`, { review: reviewId, reply: 'شكرًا لثقتك' })).statusCode).toBe(303);
    const replied = await s.get(orderPath);
    expect(replied.body).not.toContain('data-testid="send-reply"');
    expect(testId(replied.body, 'flash')).toBe('نُشر ردّك على التقييم.');
    const [published] = await t.services.orders.publicReviews({ serviceId });
    expect(published.r).toMatchObject({ comment: 'ترجمة رائعة', reply: 'شكرًا لثقتك' });

    const purchases = await b.get('/my/purchases?status=completed');
    expect(purchases.body).toContain(orderPath);
    expect(testId(purchases.body, 'filter-completed')).toContain('1');
    const sales = await s.get('/my/sales');
    expect(sales.body).toContain(orderPath);
    expect(testId(sales.body, 'earnings')).toBeTruthy();
    const en = await b.get(`/en${orderPath}`);
    expect(en.body).toContain('Completed');
  });

  it('opens the deposit for a short balance and places the order when it is paid', async () => {
    const buyer = await fundedUser(t, 1000);
    const b = await browserOf(buyer);
    const checkout = await b.get(`/orders/new?service=${serviceId}`);
    expect(testId(checkout.body, 'checkout-short')).toBeTruthy();
    const idem = /name="idem" value="([^"]+)"/.exec(checkout.body)?.[1] as string;
    const r = await b.post('/orders/new', { serviceId: String(serviceId), qty: '1', idem });
    expect(r.statusCode).toBe(303);
    const url = new URL(String(r.headers.location), 'http://kafiil.test');
    expect(url.pathname).toMatch(/^\/pay\/sandbox\/\d+$/);
    // The gateway page leads back to the purchases, where the order appears once paid.
    const gateway = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    // (to this top-up's outcome: the order placed, or why not).
    const depositId = Number(url.pathname.split('/').pop());
    expect(gateway.body).toContain(`href="/my/purchases?deposit=${depositId}" data-testid="sandbox-back"`);
    // $15 − $10 = $5 (the minimum deposit).
    const d = await t.services.wallet.paySandbox(depositId, url.searchParams.get('s') as string, '4242424242424242');
    expect(d.amountCents).toBe(500);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: buyer.auth })).json();
    expect(list.items).toEqual([expect.objectContaining({ status: 'pending', totalCents: 1500 })]);
    expect(await wallet(buyer)).toMatchObject({ availableCents: 0, escrowCents: 1500 });
  });

  it('lets staff decide a dispute from its page, with the whole history, audited', async () => {
    const buyer = await fundedUser(t, 5000);
    const o = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...buyer.auth, 'idempotency-key': 'd1' },
        payload: { serviceId },
      })
    ).json();
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${o.id}/accept`, headers: seller.auth });
    expect(accepted.json(), accepted.body).toMatchObject({ status: 'in_progress' });
    const disputed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${o.id}/dispute`,
      headers: buyer.auth,
      payload: { reason: 'لم يبدأ العمل' },
    });
    expect(disputed.json(), disputed.body).toMatchObject({ status: 'disputed' });
    const staff = await browserOf(mod);
    const queue = await staff.get('/admin/disputes');
    expect(queue.body).toContain(`/admin/disputes/${o.id}`);
    const page = await staff.get(`/admin/disputes/${o.id}`);
    expect(page.body).toContain('لم يبدأ العمل');
    const bad = await staff.post(`/admin/disputes/${o.id}`, { decision: 'split', buyerDollars: '99', reason: 'تقسيم' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('تقسيم');
    const ok = await staff.post(`/admin/disputes/${o.id}`, { decision: 'refund', reason: 'البائع لم يبدأ العمل' });
    expect(ok.statusCode).toBe(303);
    expect(await wallet(buyer)).toMatchObject({ availableCents: 5000, escrowCents: 0 });
    const user = await browserOf(buyer);
    expect((await user.get('/admin/disputes')).statusCode).toBe(403);
    expect((await user.get(`/orders/${o.id}`)).body).toContain('البائع لم يبدأ العمل');
  });
});
