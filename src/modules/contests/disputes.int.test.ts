import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdsBySlug, fundedUser, makeTestApp, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { HANDOVER_ACCEPT_DAYS, PICK_DAYS } from './rules.ts';
import { contestAwards } from './schema.ts';

// Disputes over a place's handover (issue 16): either side opens one with a reason, the automatic acceptance stops,
// staff pay, refund the place or send it back; the escrow of `contest:{id}` always holds the places left to settle.

let t: TestApp;
let mod: AuthUser;
let finance: AuthUser;
let support: AuthUser;
let cat: Record<string, number>;
const DAY = 86_400_000;

const actor = async (u: { token: string }) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};
const balances = (id: number) => t.services.wallet.balances(id);
const reconciled = async () => expect((await t.services.wallet.reconcile(finance)).ok).toBe(true);
/** What escrow holds for this contest: its holds less its releases and refunds (the wallet's read). */
const escrowOf = (contestId: number) => t.services.wallet.escrowHeldFor(`contest:${contestId}`);
const award = async (id: number) =>
  (await t.services.contestEntries.awardById(id)) as NonNullable<Awaited<ReturnType<typeof t.services.contestEntries.awardById>>>;
const notified = async (userId: number, type: string) =>
  (await t.services.notifications.list(userId, { limit: 100 })).items.filter((n) => n.type === type);
const brief = 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2);
const file = async (who: AuthUser, name = 'entry.pdf') =>
  (await t.services.files.saveAttachment(who.id, { name, bytes: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) })).id;
const deliver = async (who: AuthUser, awardId: number) =>
  t.services.contestEntries.deliver(who, awardId, { note: 'الملفات النهائية بصيغة SVG', fileIds: [await file(who, 'final.pdf')] });

/** A contest past its deadline whose owner picked a winner per place (a and b, in order): the handovers begin. */
async function awarded(tag: string, prizesCents = [3_000, 1_500]) {
  const owner = await actor(await fundedUser(t, 10_000, `${tag}o`));
  const a = await actor(await signedUpUser(t, `${tag}a`));
  const b = await actor(await signedUpUser(t, `${tag}b`));
  const created = await t.services.contests.create(
    owner,
    { title: 'شعار لمقهى في الرياض', description: brief, categoryId: cat['logo-design'], prizesCents, entryDays: 7, deliveryDays: 3 },
    { publish: true },
  );
  const c = await t.services.contests.approve(mod, created.id);
  const entries: Awaited<ReturnType<typeof t.services.contestEntries.enter>>[] = [];
  for (const who of [a, b])
    entries.push(
      await t.services.contestEntries.enter(who, c.id, { description: 'شعار بخط الثلث مع فنجان قهوة', fileIds: [await file(who)] }),
    );
  t.clock.advance(7 * DAY + 1000);
  await t.services.contestEntries.runDue(t.clock.now());
  const awards = await t.services.contestEntries.pick(
    owner,
    c.id,
    prizesCents.map((_, i) => ({ place: i + 1, entryId: entries[i].id })),
  );
  return { owner, a, b, c, entries, awards };
}

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'dmod'));
  finance = await actor(await staffUser(t, ['finance'], 'dfin'));
  support = await actor(await staffUser(t, ['support'], 'dsup'));
});
afterAll(async () => {
  await t.close();
});

describe('a dispute over a handover', () => {
  it('is opened by the winner on a delivered place: the owner and staff are told, it is not accepted on its own, staff pay it', async () => {
    const { owner, a, c, awards } = await awarded('dw');
    const [first, second] = awards;
    await deliver(a, first.id);
    const opened = await t.services.contestDisputes.open(a, first.id, { reason: '  سلّمت الملفات كاملة وصاحب المسابقة لا يرد منذ يومين  ' });
    expect([opened.status, opened.disputedBy, opened.disputeReason]).toEqual([
      'disputed',
      a.id,
      'سلّمت الملفات كاملة وصاحب المسابقة لا يرد منذ يومين',
    ]);
    // The other side and staff are told; the one who opened it is not.
    expect((await notified(owner.id, 'contest.disputed')).map((n) => [n.url, n.params])).toEqual([
      [`/contests/${c.id}#awards`, { title: c.title, place: 1, reason: '' }],
    ]);
    expect((await notified(support.id, 'contest.disputed')).map((n) => n.url)).toEqual([
      `/admin/contests/${c.id}/decide#award-${first.id}`,
    ]);
    expect(await notified(finance.id, 'contest.disputed')).toEqual([]);
    expect(await notified(a.id, 'contest.disputed')).toEqual([]);
    const logged = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'contest.dispute'), eq(auditLog.targetId, String(first.id))));
    expect(logged.map((r) => [r.actorId, (r.data as { from: string }).from])).toEqual([[a.id, 'delivered']]);

    // Past the three days the worker leaves it alone, and neither side can accept, hand over or dispute it again.
    t.clock.advance(HANDOVER_ACCEPT_DAYS * DAY + 60_000);
    expect((await t.services.contestEntries.runDue(t.clock.now())).accepted).toBe(0);
    expect((await award(first.id)).status).toBe('disputed');
    await expect(t.services.contestEntries.accept(owner, first.id)).rejects.toMatchObject({ code: 'contest.wrong_state' });
    await expect(deliver(a, first.id)).rejects.toMatchObject({ code: 'contest.wrong_state' });
    await expect(t.services.contestDisputes.open(owner, first.id, { reason: 'الملفات لا تطابق المشاركة الفائزة' })).rejects.toMatchObject({
      code: 'contest.wrong_state',
    });
    expect(await escrowOf(c.id)).toBe(4_500);

    const paid = await t.services.contestDisputes.decide(support, first.id, {
      decision: 'pay',
      reason: 'الملفات المسلّمة تطابق المشاركة الفائزة',
    });
    expect([paid.status, paid.decision, paid.decidedBy, paid.decisionReason]).toEqual([
      'paid',
      'pay',
      support.id,
      'الملفات المسلّمة تطابق المشاركة الفائزة',
    ]);
    // $30 less 10% pending for the winner; the owner's balance unchanged; the second place still held.
    expect(await balances(a.id)).toMatchObject({ pendingCents: 2_700, availableCents: 0 });
    expect(await balances(owner.id)).toMatchObject({ availableCents: 5_500, escrowCents: 1_500 });
    expect(await escrowOf(c.id)).toBe(1_500);
    for (const who of [owner, a])
      expect((await notified(who.id, 'contest.dispute_decided')).map((n) => n.params)).toEqual([
        { title: c.title, place: 1, reason: 'الملفات المسلّمة تطابق المشاركة الفائزة' },
      ]);
    // Decided once: a second decision (another tab) moves nothing.
    await expect(
      t.services.contestDisputes.decide(support, first.id, { decision: 'refund', reason: 'قرار ثانٍ من تبويب آخر' }),
    ).rejects.toMatchObject({ code: 'contest.wrong_state' });
    expect(await escrowOf(c.id)).toBe(1_500);
    expect((await t.services.contests.get(c.id, null)).status).toBe('awarding');
    expect(second.status).toBe('handover');
    await reconciled();
  });

  it('is opened by the owner while the files are awaited; a refund gives back that place only, and the contest ends once every place is settled', async () => {
    const { owner, b, c, awards } = await awarded('dr');
    const [first, second] = awards;
    await t.services.contestDisputes.open(owner, first.id, { reason: 'مرّت مدة التسليم ولم يسلّم الفائز أي ملف' });
    expect(await notified(awards[0].winnerId, 'contest.disputed')).toHaveLength(1);
    const refunded = await t.services.contestDisputes.decide(mod, first.id, {
      decision: 'refund',
      reason: 'لم يسلّم الفائز الملفات في المدة',
    });
    expect([refunded.status, refunded.decision]).toEqual(['refunded', 'refund']);
    expect(await balances(owner.id)).toMatchObject({ availableCents: 8_500, escrowCents: 1_500 });
    expect(await balances(refunded.winnerId)).toMatchObject({ pendingCents: 0, availableCents: 0 });
    expect(await escrowOf(c.id)).toBe(1_500);
    expect((await t.services.contests.get(c.id, null)).status).toBe('awarding');
    // The last place paid: every place settled, one paid: finished, escrow empty.
    await deliver(b, second.id);
    await t.services.contestEntries.accept(owner, second.id);
    expect(await balances(b.id)).toMatchObject({ pendingCents: 1_350 });
    expect(await escrowOf(c.id)).toBe(0);
    expect((await t.services.contests.get(c.id, null)).status).toBe('finished');
    await reconciled();
  });

  it('ends a contest refunded when its only place is refunded', async () => {
    const { owner, a, c, awards } = await awarded('dx', [2_000]);
    await deliver(a, awards[0].id);
    await t.services.contestDisputes.open(owner, awards[0].id, { reason: 'الملفات النهائية ليست للمشاركة الفائزة' });
    await t.services.contestDisputes.decide(support, awards[0].id, { decision: 'refund', reason: 'الملفات لا تطابق المشاركة الفائزة' });
    expect(await balances(owner.id)).toMatchObject({ availableCents: 10_000, escrowCents: 0 });
    expect(await escrowOf(c.id)).toBe(0);
    expect((await t.services.contests.get(c.id, null)).status).toBe('refunded');
    await reconciled();
  });

  it('goes back to the handover on redo: the winner delivers again and the automatic acceptance applies again', async () => {
    const { owner, a, c, awards } = await awarded('dd', [2_000]);
    const [only] = awards;
    await deliver(a, only.id);
    await t.services.contestDisputes.open(owner, only.id, { reason: 'ينقص الملف المفتوح المصدر المتفق عليه' });
    const back = await t.services.contestDisputes.decide(support, only.id, {
      decision: 'redo',
      reason: 'يسلّم الفائز الملف المفتوح المصدر كذلك',
    });
    expect([back.status, back.decision, back.deliveredAt]).toEqual(['handover', 'redo', null]);
    expect(await escrowOf(c.id)).toBe(2_000);
    await deliver(a, only.id);
    t.clock.advance(HANDOVER_ACCEPT_DAYS * DAY + 60_000);
    expect((await t.services.contestEntries.runDue(t.clock.now())).accepted).toBe(1);
    expect((await award(only.id)).status).toBe('paid');
    expect(await balances(a.id)).toMatchObject({ pendingCents: 1_800 });
    expect(await escrowOf(c.id)).toBe(0);
    expect((await t.services.contests.get(c.id, null)).status).toBe('finished');
    await reconciled();
  });

  it('refuses a stranger, a short reason and contact details (the attempt recorded), and anyone but dispute staff deciding', async () => {
    const { owner, a, b, awards } = await awarded('dn');
    const [first, second] = awards;
    const stranger = await actor(await signedUpUser(t, 'dnx'));
    // The other place's winner is a stranger to this place too.
    for (const who of [stranger, b, mod])
      await expect(t.services.contestDisputes.open(who, first.id, { reason: 'أعترض على تسليم هذا المركز' })).rejects.toMatchObject({
        code: 'contest.dispute_forbidden',
      });
    await expect(t.services.contestDisputes.open(a, first.id, { reason: 'قصير' })).rejects.toMatchObject({
      fields: { reason: 'contest.dispute_reason_length' },
    });
    await expect(t.services.contestDisputes.open(a, first.id, { reason: 'ا'.repeat(1001) })).rejects.toMatchObject({
      fields: { reason: 'contest.dispute_reason_length' },
    });
    const before = await t.services.trust.attemptsOf(owner.id);
    await expect(
      t.services.contestDisputes.open(owner, first.id, { reason: 'كلمني على واتساب 0501234567 لنتفاهم خارج الموقع' }),
    ).rejects.toMatchObject({ fields: { reason: 'trust.contact_info' } });
    const after = await t.services.trust.attemptsOf(owner.id);
    expect(after.length).toBe(before.length + 1);
    expect(after[after.length - 1].context).toBe('contest');
    expect((await award(first.id)).status).toBe('handover');
    await expect(t.services.contestDisputes.open(a, 999_999, { reason: 'أعترض على تسليم هذا المركز' })).rejects.toMatchObject({
      code: 'contest.award_not_found',
    });

    await t.services.contestDisputes.open(b, second.id, { reason: 'صاحب المسابقة يطلب تعديلات خارج الوصف' });
    for (const who of [owner, b, finance])
      await expect(
        t.services.contestDisputes.decide(who, second.id, { decision: 'pay', reason: 'قرار ممن لا يملكه' }),
      ).rejects.toMatchObject({
        code: 'auth.forbidden',
      });
    await expect(t.services.contestDisputes.decide(support, second.id, { decision: 'split', reason: 'ق' })).rejects.toMatchObject({
      fields: { decision: 'contest.decision_invalid', reason: 'contest.decision_reason_length' },
    });
    // A place not in dispute is not decided.
    await expect(
      t.services.contestDisputes.decide(support, first.id, { decision: 'pay', reason: 'لا نزاع على هذا المركز' }),
    ).rejects.toMatchObject({ code: 'contest.wrong_state' });
    expect((await award(second.id)).status).toBe('disputed');
    // What staff's queue lists.
    const q = await t.services.contestDisputes.queue(support);
    expect(q.disputes.map((d) => d.award.id)).toContain(second.id);
    await expect(t.services.contestDisputes.queue(owner)).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});

describe('staff deciding a contest whose owner did not pick in time', () => {
  it('refunds only the places without a winner, and the contest ends once its picked places are settled', async () => {
    const owner = await actor(await fundedUser(t, 10_000, 'dpo'));
    const a = await actor(await signedUpUser(t, 'dpa'));
    const created = await t.services.contests.create(
      owner,
      {
        title: 'شعار لمقهى في جدة',
        description: brief,
        categoryId: cat['logo-design'],
        prizesCents: [3_000, 1_500],
        entryDays: 7,
        deliveryDays: 3,
      },
      { publish: true },
    );
    const c = await t.services.contests.approve(mod, created.id);
    const e = await t.services.contestEntries.enter(a, c.id, { description: 'شعار بخط الثلث مع فنجان قهوة', fileIds: [await file(a)] });
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    // The owner picks the first place only, then lets the window pass.
    const first = await t.services.contestEntries.pickPlace(owner, c.id, 1, e.id);
    t.clock.advance(PICK_DAYS * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    expect((await t.services.contests.get(c.id, null)).status).toBe('staff');
    const decided = await t.services.contestEntries.decide(support, c.id, { refund: true, reason: 'لا مشاركة أخرى تطابق الوصف المطلوب' });
    // The second place's $15 back; the first place's winner keeps their place and its prize stays held.
    expect(decided.status).toBe('awarding');
    expect(await balances(owner.id)).toMatchObject({ availableCents: 7_000, escrowCents: 3_000 });
    expect(await escrowOf(c.id)).toBe(3_000);
    await deliver(a, first.id);
    await t.services.contestEntries.accept(owner, first.id);
    expect(await escrowOf(c.id)).toBe(0);
    expect((await t.services.contests.get(c.id, null)).status).toBe('finished');
    await reconciled();
  });
});

describe('the API', () => {
  it('opens a dispute with POST /api/v1/contests/awards/{id}/dispute, refusals as problem documents, and documents it', async () => {
    const raw = await fundedUser(t, 10_000, 'dapo');
    const owner = await actor(raw);
    const winnerRaw = await signedUpUser(t, 'dapa');
    const winner = await actor(winnerRaw);
    const strangerRaw = await signedUpUser(t, 'dapx');
    const created = await t.services.contests.create(
      owner,
      { title: 'شعار لمتجر عطور', description: brief, categoryId: cat['logo-design'], prizesCents: [2_000], entryDays: 7, deliveryDays: 3 },
      { publish: true },
    );
    const c = await t.services.contests.approve(mod, created.id);
    const e = await t.services.contestEntries.enter(winner, c.id, {
      description: 'شعار بخط الثلث مع زجاجة عطر',
      fileIds: [await file(winner)],
    });
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    const [a] = await t.services.contestEntries.pick(owner, c.id, [{ place: 1, entryId: e.id }]);
    const post = (who: { auth: Record<string, string> } | null, id: number, payload: unknown) =>
      t.app.inject({ method: 'POST', url: `/api/v1/contests/awards/${id}/dispute`, headers: who?.auth ?? {}, payload: payload as object });

    const anon = await post(null, a.id, { reason: 'أعترض على تسليم هذا المركز' });
    expect(anon.statusCode).toBe(401);
    const stranger = await post(strangerRaw, a.id, { reason: 'أعترض على تسليم هذا المركز' });
    expect([stranger.statusCode, stranger.headers['content-type'], stranger.json().code]).toEqual([
      403,
      expect.stringContaining('application/problem+json'),
      'contest.dispute_forbidden',
    ]);
    const short = await post(winnerRaw, a.id, { reason: 'قصير' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'contest.dispute_reason_length' })]);
    expect((await post(winnerRaw, 2_147_483_647, { reason: 'أعترض على تسليم هذا المركز' })).statusCode).toBe(404);

    const ok = await post(winnerRaw, a.id, { reason: 'صاحب المسابقة يطلب عملًا جديدًا خارج المشاركة' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      id: a.id,
      status: 'disputed',
      dispute: { openedBy: 'winner', reason: 'صاحب المسابقة يطلب عملًا جديدًا خارج المشاركة', decision: null, decisionReason: null },
    });
    const again = await post(raw, a.id, { reason: 'وأنا أعترض كذلك على التسليم' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'contest.wrong_state']);
    // Others see the place disputed, not the reason.
    const seen = (await t.app.inject({ method: 'GET', url: `/api/v1/contests/${c.id}`, headers: strangerRaw.auth })).json();
    const listed = (seen.awards as { id: number; status: string; dispute?: unknown }[]).find((x) => x.id === a.id);
    expect(listed).toMatchObject({ status: 'disputed' });
    expect(listed?.dispute).toBeUndefined();

    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/contests/awards/{awardId}/dispute']?.post;
    expect(op?.tags).toEqual(['contests']);
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '403', '404', '409']));
  });
});

describe('races (real concurrency on PostgreSQL)', () => {
  it('the worker’s automatic acceptance against a dispute being opened: exactly one wins, and the ledger holds', async () => {
    // The dispute sent a little later each round, so that either may reach the locks first.
    for (const [tag, delay] of [
      ['drca', 0],
      ['drcb', 5],
      ['drcc', 20],
      ['drcd', 60],
    ] as const) {
      const { owner, a, c, awards } = await awarded(tag, [2_000]);
      const [only] = awards;
      await deliver(a, only.id);
      t.clock.advance(HANDOVER_ACCEPT_DAYS * DAY + 60_000);
      const dispute = () => t.services.contestDisputes.open(owner, only.id, { reason: 'الملفات النهائية ليست للمشاركة الفائزة' });
      const [due, opened] = await Promise.allSettled([
        t.services.contestEntries.runDue(t.clock.now()),
        delay === 0 ? dispute() : new Promise((r) => setTimeout(r, delay)).then(dispute),
      ]);
      expect(due.status).toBe('fulfilled');
      const accepted = due.status === 'fulfilled' ? due.value.accepted : -1;
      const row = await award(only.id);
      if (opened.status === 'fulfilled') {
        // The dispute came first: nothing was paid, the whole prize is still held.
        expect([accepted, row.status]).toEqual([0, 'disputed']);
        expect(await escrowOf(c.id)).toBe(2_000);
        expect(await balances(a.id)).toMatchObject({ pendingCents: 0 });
      } else {
        // The acceptance came first: paid once, and the dispute found it paid.
        expect((opened.reason as { code?: string }).code).toBe('contest.wrong_state');
        expect([accepted, row.status]).toEqual([1, 'paid']);
        expect(await escrowOf(c.id)).toBe(0);
        expect(await balances(a.id)).toMatchObject({ pendingCents: 1_800 });
      }
      await reconciled();
    }
  });

  it('the owner accepting and the winner disputing at once, over several places: each place settles one way only', async () => {
    const runs: Awaited<ReturnType<typeof awarded>>[] = [];
    for (const tag of ['drsa', 'drsb', 'drsc']) runs.push(await awarded(tag, [2_000]));
    for (const { a, awards } of runs) await deliver(a, awards[0].id);
    const results = await Promise.all(
      runs.map(({ owner, a, awards }) =>
        Promise.allSettled([
          t.services.contestEntries.accept(owner, awards[0].id),
          t.services.contestDisputes.open(a, awards[0].id, { reason: 'أريد مراجعة الفريق قبل قبول التسليم' }),
        ]),
      ),
    );
    for (const [i, [accept, dispute]] of results.entries()) {
      const { c, awards } = runs[i];
      expect([accept.status, dispute.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const loser = accept.status === 'rejected' ? accept : dispute;
      expect((loser as PromiseRejectedResult).reason.code).toBe('contest.wrong_state');
      const [row] = await t.deps.db.select().from(contestAwards).where(eq(contestAwards.id, awards[0].id));
      expect(row.status).toBe(accept.status === 'fulfilled' ? 'paid' : 'disputed');
      expect(await escrowOf(c.id)).toBe(row.status === 'paid' ? 0 : 2_000);
    }
    await reconciled();
  });
});
