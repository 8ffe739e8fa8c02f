import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdsBySlug, makeTestApp, PageClient, staffUser, type TestApp, topUp } from '../../../test/helpers.ts';
import { notifications } from '../../schema.ts';
import { runDue } from '../../worker.ts';
import {
  balances,
  call,
  completedOrder,
  deliveredOrder,
  ledgerReconciles,
  overview,
  type Person,
  person,
  referralOf,
  rewardsOf,
  serviceOf,
} from './referrals.fixture.ts';

let t: TestApp;
let mod: Person;
let seller: Person;
let service: number;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await makeTestApp();
  mod = (await staffUser(t, ['moderator'], 'rmod')) as unknown as Person;
  seller = await person(t, 'rseller');
  service = await serviceOf(t, seller, mod, 2_000);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const actorOf = async (u: Person) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};

/** A display name changed as its owner changes it (the profile API). */
async function setDisplayName(u: { auth: Record<string, string> }, displayName: string) {
  const r = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.auth, payload: { displayName } });
  expect(r.statusCode, r.body).toBe(200);
}

describe('recording the referrer at sign-up', () => {
  it('a referral link remembers the referrer in an httpOnly cookie for 30 days, the sign-up says who invited, and records it', async () => {
    const referrer = await person(t, 'rlink');
    await setDisplayName(referrer, 'سارة المسوّقة');
    const b = new PageClient(t.app);
    const visit = await b.get(`/r/${referrer.username}`);
    expect(visit.statusCode).toBe(303);
    expect(visit.headers.location).toBe('/signup');
    const cookie = (visit.cookies as { name: string; value: string; maxAge?: number; httpOnly?: boolean }[]).find(
      (c) => c.name === 'kafiil_referral',
    );
    expect(cookie).toMatchObject({ value: referrer.username, maxAge: 30 * 86_400, httpOnly: true });
    const form = await b.get('/signup');
    expect(form.body).toContain('data-testid="invited-by"');
    expect(form.body).toContain('سارة المسوّقة');
    const en = await b.get('/en/signup');
    expect(en.body).toMatch(/سارة المسوّقة.*invited you to Kafiil/);
    const u = {
      email: `rlinked${Date.now()}@example.com`,
      username: `rlinked${Date.now() % 100000}`,
      password: 'correct horse battery staple',
    };
    const r = await b.post('/signup', { ...u, acceptTerms: 'yes' });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    // The cookie did its work: cleared.
    expect((r.cookies as { name: string; value: string }[]).find((c) => c.name === 'kafiil_referral')?.value).toBe('');
    const row = (await t.services.accounts.byUsername(u.username))!;
    expect(row.referrerId).toBe(referrer.id);
    expect(await referralOf(t, row.id)).toMatchObject({ referrerId: referrer.id, flagged: null, rewardedCents: 0 });
  });

  it('a link of an unknown account leads to the sign-up without a cookie; one’s own link leads to one’s referrals page', async () => {
    const b = new PageClient(t.app);
    const visit = await b.get('/r/nobody_here_at_all');
    expect(visit.headers.location).toBe('/signup');
    expect((visit.cookies as { name: string }[]).some((c) => c.name === 'kafiil_referral')).toBe(false);
    expect((await b.get('/signup')).body).not.toContain('data-testid="invited-by"');
    const me = await person(t, 'rownlink');
    const signed = await t.app.inject({ method: 'GET', url: `/r/${me.username}`, headers: me.auth });
    // Pages never take a Bearer token: signed out as far as the page is concerned.
    expect(signed.headers.location).toBe('/signup');
  });

  it('the API’s `referrer` records it once; a second referrer never replaces it; unknown, banned and oneself are ignored', async () => {
    const first = await person(t, 'rfirst');
    const second = await person(t, 'rsecond');
    const referred = await person(t, 'rapi', { referrer: first.username.toUpperCase() });
    expect(await referralOf(t, referred.id)).toMatchObject({ referrerId: first.id, flagged: null });
    // A second recording (a second sign-up hook call, or a direct write) changes nothing.
    const again = await t.deps.db.transaction((tx) =>
      t.services.referrals.recordAtSignup(tx, {
        userId: referred.id,
        username: referred.username,
        email: referred.email,
        referrer: second.username,
        ip: null,
      }),
    );
    expect(again).toBeNull();
    expect(await referralOf(t, referred.id)).toMatchObject({ referrerId: first.id });
    await expect(
      t.deps.db.execute(sql`UPDATE referrals SET referrer_id = ${second.id} WHERE referred_id = ${referred.id}`),
    ).rejects.toThrow();
    // Unknown, oneself, banned.
    const lost = await person(t, 'runknown', { referrer: 'no_such_user_zz' });
    expect(await referralOf(t, lost.id)).toBeNull();
    const selfName = `rself${Date.now() % 100000}`;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: `${selfName}@example.com`,
        username: selfName,
        password: 'correct horse battery staple',
        acceptTerms: true,
        referrer: selfName,
      },
      remoteAddress: '192.0.2.77',
    });
    expect(r.statusCode).toBe(201);
    const selfRow = (await t.services.accounts.byUsername(selfName))!;
    expect(selfRow.referrerId).toBeNull();
    expect(await referralOf(t, selfRow.id)).toBeNull();
    const banned = await person(t, 'rbanned');
    await t.services.moderation.sanction(
      await actorOf(mod),
      banned.id,
      { scopes: ['full'], reason: 'احتيال مثبت على المشترين مرارًا' },
      null,
    );
    const viaBanned = await person(t, 'rviabanned', { referrer: banned.username });
    expect(await referralOf(t, viaBanned.id)).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `/signup?ref=${banned.username}` })).body).not.toContain('invited-by');
  });

  it('a sign-up from an address the referrer signed in from, or to the same mailbox, is recorded flagged and earns nothing', async () => {
    const referrer = await person(t, 'rflag');
    const sameIp = await person(t, 'rflagip', { referrer: referrer.username, ip: referrer.ip });
    expect((await referralOf(t, sameIp.id))?.flagged).toBe('ip');
    const [local, domain] = referrer.email.split('@');
    const sameBox = await person(t, 'rflagbox', { referrer: referrer.username, email: `${local}+second@${domain}` });
    expect((await referralOf(t, sameBox.id))?.flagged).toBe('mailbox');
    await completedOrder(t, sameIp, seller, service, 1, 5_000);
    const rows = await rewardsOf(t, (await referralOf(t, sameIp.id))?.id as number);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'reward', purchaseCents: 2_000, rewardCents: 0, ledgerTransactionId: null });
    expect((await balances(t, referrer.id)).pendingCents).toBe(0);
    const o = await overview(t, referrer);
    expect(o.items.map((i) => [i.flagged, i.rewardCents, i.capLeftCents])).toEqual([
      [true, 0, 0],
      [true, 0, 0],
    ]);
    expect(o.capLeftCents).toBe(0);
  });
});

describe('rewards', () => {
  it('a completed order earns the referrer 5% into pending, told by a notification, available after their clearance (run-due)', async () => {
    const referrer = await person(t, 'rearn');
    const buyer = await person(t, 'rbuyer', { referrer: referrer.username });
    const revenueBefore = (await t.services.wallet.revenue(await actorOf(await staffFinance()))).revenueCents;
    const o = await completedOrder(t, buyer, seller, service, 1, 5_000);
    expect(o.totalCents).toBe(2_000);
    expect(await balances(t, referrer.id)).toMatchObject({ pendingCents: 100, availableCents: 0 });
    const [n] = await t.deps.db.select().from(notifications).where(eq(notifications.userId, referrer.id));
    expect(n).toMatchObject({ type: 'referrals.reward', url: '/referrals', params: { amount: 100 } });
    // The platform kept 10% ($2) and paid $1 of it out: revenue grew by $1; finance sees the line.
    const rev = await t.services.wallet.revenue(await actorOf(await staffFinance()));
    expect(rev.revenueCents - revenueBefore).toBe(100);
    expect(rev.referralRewardsCents).toBeGreaterThanOrEqual(100);
    const fin = new PageClient(t.app);
    await fin.get('/login');
    await fin.post('/login', { login: (await staffFinance()).username, password: (await staffFinance()).password });
    const ledgerPage = await fin.get('/en/admin/finance/ledger');
    expect(ledgerPage.statusCode).toBe(200);
    expect(ledgerPage.body).toMatch(
      /data-testid="referral-rewards">Referral rewards paid from revenue: <bdi[^>]*>\u2066?\$1\u2069?<\/bdi>/,
    );
    const o1 = await overview(t, referrer);
    expect(o1.link).toBe(`http://kafiil.test/r/${referrer.username}`);
    expect(o1.items).toEqual([
      expect.objectContaining({ displayName: buyer.username, purchasesCents: 2_000, rewardCents: 100, capLeftCents: 4_900 }),
    ]);
    expect(o1.capLeftCents).toBe(4_900);
    // A new seller's clearance (the referrer's level): 8 days.
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 7 * DAY));
    expect(await balances(t, referrer.id)).toMatchObject({ pendingCents: 100, availableCents: 0 });
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 8 * DAY + 1000));
    expect(await balances(t, referrer.id)).toMatchObject({ pendingCents: 0, availableCents: 100 });
    // The statement names it.
    const st = await call(t, referrer, 'GET', '/api/v1/wallet/statement');
    expect(st.body).toContain('referral_reward');
    await ledgerReconciles(t);
  });

  it('at most $50 per referred user: the order that reaches the cap earns what is left, later ones nothing', async () => {
    const referrer = await person(t, 'rcap');
    const buyer = await person(t, 'rcapbuyer', { referrer: referrer.username });
    const big = await serviceOf(t, seller, mod, 90_000);
    await completedOrder(t, buyer, seller, big, 1, 100_000); // $900 → $45
    expect((await balances(t, referrer.id)).pendingCents).toBe(4_500);
    await completedOrder(t, buyer, seller, big, 1, 100_000); // $900 → $45, $5 left
    expect((await balances(t, referrer.id)).pendingCents).toBe(5_000);
    await completedOrder(t, buyer, seller, service, 1, 5_000); // nothing left
    expect((await balances(t, referrer.id)).pendingCents).toBe(5_000);
    const rows = await rewardsOf(t, (await referralOf(t, buyer.id))?.id as number);
    expect(rows.map((r) => Number(r.rewardCents))).toEqual([4_500, 500, 0]);
    const o = await overview(t, referrer);
    expect(o.items[0]).toMatchObject({ purchasesCents: 182_000, rewardCents: 5_000, capLeftCents: 0 });
    expect(o.capLeftCents).toBe(0);
    await ledgerReconciles(t);
  });

  it('a hired project completed through the same release earns 5% of the agreed amount', async () => {
    const referrer = await person(t, 'rproj');
    const owner = await person(t, 'rprojowner', { referrer: referrer.username });
    const freelancer = await person(t, 'rprojfree');
    const [top] = await t.services.catalog.categoryTree();
    const p = await t.services.projects.create(
      await actorOf(owner),
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
    await t.services.projects.approve(await actorOf(mod), p.id);
    await topUp(t, owner, 20_000);
    const b = await call(t, freelancer, 'POST', `/api/v1/projects/${p.id}/bids`, {
      amountCents: 15_000,
      days: 5,
      proposal: 'أستطيع تنفيذ هذا المشروع بجودة عالية، لدي خبرة خمس سنوات في المجال نفسه وأعمال سابقة مشابهة.',
    });
    expect(b.statusCode, b.body).toBe(201);
    const hired = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p.id}/hire`,
      headers: { ...owner.auth, 'idempotency-key': `rhire-${Math.random()}` },
      payload: { bidId: b.json().id },
    });
    expect(hired.statusCode, hired.body).toBe(201);
    const { orderId } = hired.json() as { orderId: number };
    expect((await call(t, freelancer, 'POST', `/api/v1/orders/${orderId}/deliver`, { message: 'تم التسليم' })).statusCode).toBe(200);
    expect((await call(t, owner, 'POST', `/api/v1/orders/${orderId}/complete`)).json().status).toBe('completed');
    const rows = await rewardsOf(t, (await referralOf(t, owner.id))?.id as number);
    expect(rows.map((r) => [r.reference, Number(r.purchaseCents), Number(r.rewardCents)])).toEqual([[`order:${orderId}`, 15_000, 750]]);
    expect((await balances(t, referrer.id)).pendingCents).toBe(750);
  });

  it('a contest prize paid to its winner (the same release) earns 5% of the prize', async () => {
    const referrer = await person(t, 'rcont');
    const owner = await person(t, 'rcontowner', { referrer: referrer.username });
    const winner = await person(t, 'rcontwin');
    await topUp(t, owner, 5_000);
    const cats = await categoryIdsBySlug(t);
    const [ownerA, winnerA, modA] = [await actorOf(owner), await actorOf(winner), await actorOf(mod)];
    const c = await t.services.contests.create(
      ownerA,
      {
        title: 'شعار لمقهى في الرياض',
        description: 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2),
        categoryId: cats['logo-design'],
        prizesCents: [3_000],
        entryDays: 7,
        deliveryDays: 3,
      },
      { publish: true },
    );
    await t.services.contests.approve(modA, c.id);
    const file = await t.services.files.saveAttachment(winner.id, { name: 'entry.pdf', bytes: Buffer.from('%PDF-1.4 entry') });
    const entry = await t.services.contestEntries.enter(winnerA, c.id, { description: 'فكرة الشعار الأولى', fileIds: [file.id] });
    t.clock.advance(7 * DAY + 60_000);
    await t.services.contestEntries.runDue(t.clock.now());
    await t.services.contestEntries.pickPlace(ownerA, c.id, 1, entry.id);
    const [award] = await t.services.contestEntries.awardsOf(c.id);
    const final = await t.services.files.saveAttachment(winner.id, { name: 'final.pdf', bytes: Buffer.from('%PDF-1.4 final') });
    await t.services.contestEntries.deliver(winnerA, award.id, { note: 'الملفات النهائية', fileIds: [final.id] });
    await t.services.contestEntries.accept(ownerA, award.id);
    const rows = await rewardsOf(t, (await referralOf(t, owner.id))?.id as number);
    expect(rows.map((r) => [r.reference, Number(r.purchaseCents), Number(r.rewardCents)])).toEqual([[`contest:${c.id}`, 3_000, 150]]);
    expect((await balances(t, referrer.id)).pendingCents).toBe(150);
    await ledgerReconciles(t);
  });

  it('the referrer selling to the person they referred earns no reward on it; a referrer banned since earns nothing more', async () => {
    const referrer = await person(t, 'rselfdeal');
    const buyer = await person(t, 'rselfbuyer', { referrer: referrer.username });
    const own = await serviceOf(t, referrer, mod, 2_000);
    await completedOrder(t, buyer, referrer, own, 1, 10_000);
    const ref = await referralOf(t, buyer.id);
    expect((await rewardsOf(t, ref?.id as number)).map((r) => Number(r.rewardCents))).toEqual([0]);
    await t.services.moderation.sanction(
      await actorOf(mod),
      referrer.id,
      { scopes: ['full'], reason: 'احتيال مثبت على المشترين مرارًا' },
      null,
    );
    await completedOrder(t, buyer, seller, service, 1);
    expect((await rewardsOf(t, ref?.id as number)).map((r) => Number(r.rewardCents))).toEqual([0, 0]);
    expect(await balances(t, referrer.id)).toMatchObject({ pendingCents: 0, availableCents: 0 });
    await ledgerReconciles(t);
  });

  it('a refunded order earns nothing; a split rewards 5% of the part released to the seller', async () => {
    const referrer = await person(t, 'rrefund');
    const buyer = await person(t, 'rrefundbuyer', { referrer: referrer.username });
    const refunded = await deliveredOrder(t, buyer, seller, service, 1, 10_000);
    expect(
      (await call(t, buyer, 'POST', `/api/v1/orders/${refunded.id}/dispute`, { reason: 'لم يُسلَّم ما اتفقنا عليه' })).statusCode,
    ).toBeLessThan(300);
    const res = await call(t, mod, 'POST', `/api/v1/admin/orders/${refunded.id}/resolve`, { decision: 'refund', reason: 'العمل لم يسلم' });
    expect(res.statusCode, res.body).toBe(200);
    const ref = await referralOf(t, buyer.id);
    expect(await rewardsOf(t, ref?.id as number)).toEqual([]);
    const split = await deliveredOrder(t, buyer, seller, service, 1);
    expect((await call(t, buyer, 'POST', `/api/v1/orders/${split.id}/dispute`, { reason: 'سُلِّم نصف العمل فقط' })).statusCode).toBeLessThan(
      300,
    );
    const sp = await call(t, mod, 'POST', `/api/v1/admin/orders/${split.id}/resolve`, {
      decision: 'split',
      buyerCents: 1_200,
      reason: 'نصف العمل سُلِّم',
    });
    expect(sp.statusCode, sp.body).toBe(200);
    const rows = await rewardsOf(t, ref?.id as number);
    expect(rows.map((r) => [Number(r.purchaseCents), Number(r.rewardCents)])).toEqual([[800, 40]]);
    expect((await balances(t, referrer.id)).pendingCents).toBe(40);
    await ledgerReconciles(t);
  });

  it('money refunded after release (damages out of a banned seller’s frozen balance) takes the reward back with a new entry', async () => {
    const referrer = await person(t, 'rreverse');
    const buyer = await person(t, 'rrevbuyer', { referrer: referrer.username });
    const badSeller = await person(t, 'rbadseller');
    const bad = await serviceOf(t, badSeller, mod, 10_000);
    await completedOrder(t, buyer, badSeller, bad, 1, 10_000); // $100 → $5 reward
    expect((await balances(t, referrer.id)).pendingCents).toBe(500);
    await t.services.moderation.sanction(
      await actorOf(mod),
      badSeller.id,
      { scopes: ['full'], reason: 'احتيال مثبت على المشترين مرارًا' },
      null,
    );
    const fin = await actorOf(await staffFinance());
    await t.services.wallet.staffDeductFrozen(
      fin,
      badSeller.id,
      { toUserId: buyer.id, amountCents: 4_000, reason: 'تعويض مثبت' },
      async () => true,
    );
    // 5% of the $40 refunded: $2 taken back from the pending reward.
    expect((await balances(t, referrer.id)).pendingCents).toBe(300);
    const ref = await referralOf(t, buyer.id);
    expect(Number(ref?.rewardedCents)).toBe(300);
    const rows = await rewardsOf(t, ref?.id as number);
    expect(rows.map((r) => [r.kind, Number(r.rewardCents)])).toEqual([
      ['reward', 500],
      ['reversal', 200],
    ]);
    // The referrer's page shows what the wallet still holds pending of it.
    expect((await t.services.referrals.rewards(referrer.id)).map((r) => [r.kind, r.pendingCents])).toEqual([
      ['reversal', 0],
      ['reward', 300],
    ]);
    // The reward's clearance now clears what is left.
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 9 * DAY));
    expect(await balances(t, referrer.id)).toMatchObject({ pendingCents: 0, availableCents: 300 });
    const o = await overview(t, referrer);
    expect(o.items[0]).toMatchObject({ rewardCents: 300, capLeftCents: 4_700 });
    await ledgerReconciles(t);
  });
});

describe('the referrer’s page and CSV', () => {
  it('shows the link, the referred by display name only, purchases, rewards and cap left; the CSV lists the rewards', async () => {
    const referrer = await person(t, 'rpage');
    const buyer = await person(t, 'rpagebuyer', { referrer: referrer.username });
    await setDisplayName(buyer, 'Omar, "the buyer"');
    await completedOrder(t, buyer, seller, service, 1, 5_000);
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: referrer.username, password: referrer.password });
    const page = await b.get('/referrals');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`http://kafiil.test/r/${referrer.username}`);
    expect(page.body).toContain('data-copy="referral-link"');
    expect(page.body).toContain('Omar, &quot;the buyer&quot;');
    expect(page.body).not.toContain(buyer.username);
    expect(page.body).not.toContain(buyer.email);
    expect(page.body).toContain('data-testid="reward-pending"');
    expect(page.body).toMatch(/data-testid="referred-reward"[\s\S]*?\$1/);
    const en = await b.get('/en/referrals');
    expect(en.body).toContain('Pending until');
    const csv = await b.get('/referrals.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,created_at,kind,referred,purchase_usd,reward_usd,available_at,reference');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',reward,"Omar, ""the buyer""",20.00,1.00,');
    expect(lines[1]).not.toContain(buyer.username);
    // Signed out: sent to sign in; the API says 401.
    expect((await t.app.inject({ method: 'GET', url: '/referrals' })).statusCode).toBe(303);
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/referrals' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['content-type']).toContain('application/problem+json');
    // The account menu links the page.
    expect(page.body).toContain('href="/referrals"');
  });

  it('the numbers are settings: admins change them (validated), the next reward follows', async () => {
    const admin = await staffUser(t, ['admin'], 'radmin');
    const actor = await actorOf(admin as unknown as Person);
    // The admin page: the totals and the numbers; a refused number comes back with what was typed and why.
    const page = new PageClient(t.app);
    await page.get('/login');
    await page.post('/login', { login: admin.username, password: admin.password });
    const shown = await page.get('/en/admin/referrals');
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('data-testid="referrals-totals"');
    expect(shown.body).toContain('name="rewardBp"');
    const refused = await page.post('/en/admin/referrals/settings', {
      rewardBp: '12.5',
      capCents: '5000',
      windowDays: '365',
      cookieDays: '30',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="12.5"');
    expect(refused.body).toContain('Enter a whole number within the allowed bounds.');
    // Finance sees the totals, not the numbers' form.
    const fin = new PageClient(t.app);
    await fin.get('/login');
    await fin.post('/login', { login: (await staffFinance()).username, password: (await staffFinance()).password });
    const finPage = await fin.get('/admin/referrals');
    expect(finPage.body).toContain('data-testid="referrals-totals"');
    expect(finPage.body).not.toContain('name="rewardBp"');
    expect((await new PageClient(t.app).get('/admin/referrals')).statusCode).toBe(303);
    await expect(t.services.referrals.updateSettings(actor, { rewardBp: '-3' })).rejects.toMatchObject({
      code: 'validation.failed',
      fields: { rewardBp: 'referrals.setting_invalid' },
    });
    await t.services.referrals.updateSettings(actor, { rewardBp: '1000', capCents: '150' });
    try {
      const referrer = await person(t, 'rset');
      const buyer = await person(t, 'rsetbuyer', { referrer: referrer.username });
      await completedOrder(t, buyer, seller, service, 1, 5_000); // 10% of $20 = $2, capped at $1.50
      expect((await balances(t, referrer.id)).pendingCents).toBe(150);
    } finally {
      await t.services.referrals.updateSettings(actor, { rewardBp: '500', capCents: '5000' });
    }
  });
});

// Last: run-due a year on purges the sessions that expired meanwhile (every token above).
describe('the year', () => {
  it('a year after the sign-up nothing is earned: an order auto-completed by run-due past the year earns nothing', async () => {
    const referrer = await person(t, 'ryear');
    const buyer = await person(t, 'ryearbuyer', { referrer: referrer.username });
    const o = await deliveredOrder(t, buyer, seller, service, 1, 5_000);
    const r = await referralOf(t, buyer.id);
    const start = t.clock.now();
    try {
      if (!r) throw new Error('no referral');
      t.clock.set(new Date(r.createdAt.getTime() + 365 * DAY));
      await runDue(t.services, t.deps, t.clock.now());
      const [order] = await t.deps.db
        .execute(sql`SELECT status FROM orders WHERE id = ${o.id}`)
        .then((x) => (x as unknown as { rows: { status: string }[] }).rows);
      expect(order.status).toBe('completed');
      expect(await rewardsOf(t, r?.id as number)).toEqual([]);
      expect((await balances(t, referrer.id)).pendingCents).toBe(0);
      expect((await t.services.referrals.referred(referrer.id))[0]).toMatchObject({ purchasesCents: 0, rewardCents: 0, capLeftCents: 0 });
    } finally {
      t.clock.set(start);
    }
  });
});

let finance: Person | null = null;
async function staffFinance() {
  finance ??= (await staffUser(t, ['finance'], 'rfin')) as unknown as Person;
  return finance;
}
