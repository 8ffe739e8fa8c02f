import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  publishedService,
  signedInPage,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { stripIsolates } from '../../platform/i18n/index.ts';

let t: TestApp;
type U = Awaited<ReturnType<typeof signedUpUser>>;
let mod: U;
let admin: U;

const actor = async (u: { token: string }) => (await t.services.accounts.resolveSession(u.token, 'api')) as AuthUser;
const levelsOf = async (id: number) => ({
  s: await t.services.accounts.sellerLevelOf(id),
  b: await t.services.accounts.buyerLevelOf(id),
});

/** An order of `priceCents` × `quantity` placed by `buyer` with `seller`, accepted and delivered; returns its id. */
async function delivered(buyer: U, seller: U, priceCents: number, quantity = 1) {
  const svc = await publishedService(t, seller, mod, { priceCents });
  const placed = await t.services.orders.place(await actor(buyer), { serviceId: svc.id, quantity, addonIds: [] }, null);
  const id = placed.body.id as number;
  const s = await actor(seller);
  await t.services.orders.act(s, id, 'accept');
  await t.services.orders.act(s, id, 'deliver', { message: 'تم التسليم' });
  return id;
}
const complete = async (buyer: U, id: number) =>
  t.app.inject({ method: 'POST', url: `/api/v1/orders/${id}/complete`, headers: buyer.auth, payload: {} });
const meLevel = async (u: U) => (await t.app.inject({ method: 'GET', url: '/api/v1/me/level', headers: u.auth })).json();

/** The text of the element with this test id, up to its end (tags and isolates dropped). */
function block(html: string, id: string): string {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) return '';
  const rest = html.slice(at);
  const end = rest.search(/<\/(li|p)>/);
  return stripIsolates(rest.slice(0, end).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

const signedIn = (u: { username: string; password: string }) => signedInPage(t, u);

beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'lvmod');
  admin = await staffUser(t, ['admin'], 'lvadmin');
});
afterAll(async () => {
  await t.close();
});

describe('buyer levels from money spent', () => {
  it('rises at $5 and past $300 ($300.01, the seller’s part of a split), after each completed order; refunds never lower it', async () => {
    const buyer = await fundedUser(t, 50_000, 'lvbuyer');
    const seller = await signedUpUser(t, 'lvseller');
    expect((await levelsOf(buyer.id)).b).toBe('new');
    expect((await meLevel(buyer)).buyer).toMatchObject({
      level: 'new',
      done: { spentCents: 0 },
      next: { level: 'level1', spentCents: 500 },
    });

    // Paid but not completed: nothing spent yet.
    const first = await delivered(buyer, seller, 500);
    expect((await levelsOf(buyer.id)).b).toBe('new');
    expect((await complete(buyer, first)).statusCode).toBe(200);
    expect((await levelsOf(buyer.id)).b).toBe('level1');

    // $295 more: exactly $300, still Level 1.
    expect((await complete(buyer, await delivered(buyer, seller, 29_500))).statusCode).toBe(200);
    expect((await levelsOf(buyer.id)).b).toBe('level1');
    expect((await meLevel(buyer)).buyer).toMatchObject({ done: { spentCents: 30_000 }, missing: { spentCents: 1 } });

    // A cancelled order (refunded before completion) never counted: the level and the sum stay.
    const cancelled = await delivered(buyer, seller, 1000);
    const b = await actor(buyer);
    await t.services.orders.act(b, cancelled, 'dispute', { reason: 'لم يصلني ما طلبت' });
    const staff = await actor(admin);
    await t.services.orders.resolve(staff, cancelled, { decision: 'refund', reason: 'استرداد كامل' }, null);
    expect((await meLevel(buyer)).buyer).toMatchObject({ level: 'level1', done: { spentCents: 30_000 } });

    // A split that leaves one cent to the seller: $300.01 spent → Level 2.
    const split = await delivered(buyer, seller, 1000);
    await t.services.orders.act(b, split, 'dispute', { reason: 'التسليم ناقص' });
    await t.services.orders.resolve(staff, split, { decision: 'split', buyerCents: 999, reason: 'تقسيم المبلغ' }, null);
    expect((await levelsOf(buyer.id)).b).toBe('level2');
    expect((await meLevel(buyer)).buyer).toMatchObject({
      level: 'level2',
      done: { spentCents: 30_001 },
      next: { level: 'level3', spentCents: 100_001 },
    });

    // The seller's side: sales counted, the page shows both.
    const page = await (await signedIn(buyer)).get('/account/level');
    expect(page.statusCode).toBe(200);
    expect(block(page.body, 'buyer-level')).toContain('المستوى الثاني');
    const spent = block(page.body, 'buyer-spent');
    expect(spent).toContain('$300.01');
    expect(spent).toContain('$1,000.01');
    expect(spent).toContain('يتبقّى: $700');
    expect(testId(page.body, 'next-recomputation')).toBeTruthy();

    // The profile shows both levels.
    const profile = await t.app.inject({ method: 'GET', url: `/u/${buyer.username}` });
    expect(block(profile.body, 'profile-buyer-level')).toContain('المستوى الثاني');
  });

  it('is recomputed in the daily sweep', async () => {
    const buyer = await fundedUser(t, 1000, 'lvdaily');
    const seller = await signedUpUser(t, 'lvdseller');
    expect((await complete(buyer, await delivered(buyer, seller, 500))).statusCode).toBe(200);
    await t.services.accounts.setBuyerLevel(buyer.id, 'new');
    const day = new Date(Date.UTC(2031, 0, 5, 0, 5));
    const r = await t.services.orders.runDue(day);
    expect(r.levelsRecomputed).toBeGreaterThan(0);
    expect((await levelsOf(buyer.id)).b).toBe('level1');
  });

  it('shows the seller’s progress and what the level gives, on the page and over the API', async () => {
    const seller = await signedUpUser(t, 'lvprog');
    const buyer = await fundedUser(t, 2000, 'lvpbuyer');
    expect((await complete(buyer, await delivered(buyer, seller, 700))).statusCode).toBe(200);
    const p = await meLevel(seller);
    expect(p.seller).toMatchObject({
      level: 'new',
      done: { salesCents: 700, jobs: 1, rating: null },
      next: { level: 'level1', salesCents: 500, jobs: 5, rating: 3 },
      missing: { salesCents: 0, jobs: 4, rating: 3 },
      gives: { servicesAllowed: 5, activeBids: 5, clearanceDays: 8 },
    });
    expect(typeof p.nextRecomputationAt).toBe('string');
    const page = await (await signedIn(seller)).get('/en/account/level');
    expect(block(page.body, 'seller-sales')).toContain('$7');
    expect(block(page.body, 'seller-jobs')).toContain('4 completed orders');
    expect(stripIsolates(page.body)).toContain('Your earnings clear after 8 days');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/level' })).statusCode).toBe(401);
  });
});

describe('Expert and VIP, chosen by staff', () => {
  it('admins give and take back with a reason (audited); others are refused', async () => {
    const user = await signedUpUser(t, 'lvvip');
    const put = (u: U, body: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/admin/users/${user.id}/level`, headers: u.auth, payload: body });
    expect((await put(mod, { level: 'vip', on: true, reason: 'عميل مهم' })).statusCode).toBe(403);
    expect((await put(user, { level: 'vip', on: true, reason: 'عميل مهم' })).statusCode).toBe(403);
    expect((await put(admin, { level: 'vip', on: true, reason: '' })).statusCode).toBe(400);
    const given = await put(admin, { level: 'vip', on: true, reason: 'عميل مهم منذ سنوات' });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toEqual({ side: 'buyer', level: 'vip' });
    expect((await put(admin, { level: 'vip', on: true, reason: 'مرة أخرى' })).statusCode).toBe(409);
    expect((await put(admin, { level: 'expert', on: true, reason: 'بائع متميز' })).json()).toEqual({ side: 'seller', level: 'expert' });
    expect(await levelsOf(user.id)).toEqual({ s: 'expert', b: 'vip' });
    expect((await meLevel(user)).seller.gives).toEqual({ servicesAllowed: null, activeBids: null, clearanceDays: 0 });

    const rows = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, String(user.id))));
    const given2 = rows.filter((r) => r.action === 'level.give');
    expect(given2.map((r) => (r.data as { level: string }).level).sort()).toEqual(['expert', 'vip']);
    expect(given2.find((r) => (r.data as { level: string }).level === 'vip')?.data).toMatchObject({
      reason: 'عميل مهم منذ سنوات',
      from: 'new',
      to: 'vip',
    });

    // Through the admin page: take VIP back; the level is what the record earns (new).
    const page = await signedIn(admin);
    const view = await page.get(`/admin/users/${user.id}/level`);
    expect(view.statusCode).toBe(200);
    const r = await page.post(`/admin/users/${user.id}/level`, { level: 'vip', on: '0', reason: 'انتهت المدة' });
    expect(r.statusCode).toBe(303);
    expect((await levelsOf(user.id)).b).toBe('new');
    const modPage = await signedIn(mod);
    expect((await modPage.get(`/admin/users/${user.id}/level`)).body).not.toContain('name="reason"');
    expect((await modPage.post(`/admin/users/${user.id}/level`, { level: 'vip', on: '1', reason: 'محاولة' })).statusCode).toBe(403);
  });
});

describe.runIf(process.env.KAFIIL_TEST_DB === 'postgres')('races (PostgreSQL)', () => {
  it('two orders of one buyer completed at once both count', async () => {
    const buyer = await fundedUser(t, 40_000, 'lvrace');
    const s1 = await signedUpUser(t, 'lvrs1');
    const s2 = await signedUpUser(t, 'lvrs2');
    const a = await delivered(buyer, s1, 20_000);
    const b = await delivered(buyer, s2, 20_000);
    const [ra, rb] = await Promise.all([complete(buyer, a), complete(buyer, b)]);
    expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
    expect((await levelsOf(buyer.id)).b).toBe('level2');
    expect((await meLevel(buyer)).buyer.done.spentCents).toBe(40_000);
  });
});
