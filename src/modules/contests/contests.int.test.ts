import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdsBySlug, fundedUser, makeTestApp, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { ENTRIES_PER_CONTESTANT, HANDOVER_ACCEPT_DAYS, PICK_DAYS } from './rules.ts';

// Contests' money and life (issue 16): the prize in escrow from publishing, refunded on rejection or without
// entries, each place paid to its winner (less the commission) when the handover is accepted.

let t: TestApp;
let mod: AuthUser;
let finance: AuthUser;
let disputes: AuthUser;
let cat: Record<string, number>;
const DAY = 86_400_000;

const actor = async (u: { token: string }) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};
const balances = (id: number) => t.services.wallet.balances(id);
const reconciled = async () => expect((await t.services.wallet.reconcile(finance)).ok).toBe(true);
const brief = 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2);
const input = (over: Record<string, unknown> = {}) => ({
  title: 'شعار لمقهى في الرياض',
  description: brief,
  categoryId: cat['logo-design'],
  prizesCents: [3_000, 1_500],
  entryDays: 7,
  deliveryDays: 3,
  blind: true,
  ...over,
});
const file = async (who: AuthUser, name = 'entry.pdf') =>
  (await t.services.files.saveAttachment(who.id, { name, bytes: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) })).id;
const enter = async (who: AuthUser, contestId: number) =>
  t.services.contestEntries.enter(who, contestId, { description: 'شعار بخط الثلث مع فنجان قهوة', fileIds: [await file(who)] });

async function openContest(owner: AuthUser, over: Record<string, unknown> = {}) {
  const c = await t.services.contests.create(owner, input(over), { publish: true });
  return t.services.contests.approve(mod, c.id);
}

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'cmod'));
  finance = await actor(await staffUser(t, ['finance'], 'cfin'));
  disputes = await actor(await staffUser(t, ['support'], 'csup'));
});
afterAll(async () => {
  await t.close();
});

describe('a contest’s prize', () => {
  it('is taken into escrow when published, and refunded in full when a moderator rejects it', async () => {
    const owner = await actor(await fundedUser(t, 10_000, 'cown'));
    const draft = await t.services.contests.create(owner, input({ title: '' }), { publish: false });
    expect(draft.status).toBe('draft');
    expect((await balances(owner.id)).availableCents).toBe(10_000);

    const published = await t.services.contests.update(owner, draft.id, input(), { publish: true });
    expect([published.status, published.prizeTotalCents, published.commissionBp]).toEqual(['pending', 4_500, 1_000]);
    expect(await balances(owner.id)).toMatchObject({ availableCents: 5_500, escrowCents: 4_500 });

    await expect(t.services.contests.reject(mod, draft.id, 'قصير')).rejects.toMatchObject({
      fields: { reason: 'contest.reason_required' },
    });
    const rejected = await t.services.contests.reject(mod, draft.id, 'الوصف لا يكفي لفهم المطلوب');
    expect([rejected.status, rejected.rejectReason]).toEqual(['rejected', 'الوصف لا يكفي لفهم المطلوب']);
    expect(await balances(owner.id)).toMatchObject({ availableCents: 10_000, escrowCents: 0 });
    // A second decision finds nothing pending: the money moved once.
    await expect(t.services.contests.reject(mod, draft.id, 'مرة ثانية للتأكد')).rejects.toMatchObject({ code: 'contest.wrong_state' });
    await reconciled();
  });

  it('cannot be published with less than the whole prize in the balance, nor under the rules', async () => {
    const owner = await actor(await fundedUser(t, 2_000, 'cpoor'));
    await expect(t.services.contests.create(owner, input(), { publish: true })).rejects.toMatchObject({
      code: 'wallet.insufficient_funds',
    });
    expect(await t.services.contests.byOwner(owner.id)).toEqual([]);
    await expect(t.services.contests.create(owner, input({ prizesCents: [1_000, 900] }), { publish: true })).rejects.toMatchObject({
      fields: { prizesCents: 'contest.prize_total_min' },
    });
    await expect(t.services.contests.create(owner, input({ entryDays: 120 }), { publish: true })).rejects.toMatchObject({
      fields: { entryDays: 'contest.entry_days_invalid' },
    });
    expect((await balances(owner.id)).availableCents).toBe(2_000);
  });

  it('refuses contact details in the brief', async () => {
    const owner = await actor(await fundedUser(t, 10_000, 'ccontact'));
    await expect(
      t.services.contests.create(owner, input({ description: `${brief} راسلني على 0501234567` }), { publish: true }),
    ).rejects.toMatchObject({ fields: { description: 'trust.contact_info' } });
    expect((await balances(owner.id)).availableCents).toBe(10_000);
  });

  it('goes back to the owner when the deadline passes without entries', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'cempty'));
    const c = await openContest(owner, { prizesCents: [2_000] });
    expect(c.endsAt?.getTime()).toBe((c.startsAt as Date).getTime() + 7 * DAY);
    t.clock.advance(7 * DAY + 1000);
    const due = await t.services.contestEntries.runDue(t.clock.now());
    expect(due.closed).toBeGreaterThanOrEqual(1);
    expect((await t.services.contests.get(c.id, null)).status).toBe('refunded');
    expect(await balances(owner.id)).toMatchObject({ availableCents: 5_000, escrowCents: 0 });
    // The sweep is idempotent.
    await t.services.contestEntries.runDue(t.clock.now());
    expect((await balances(owner.id)).availableCents).toBe(5_000);
    await reconciled();
  });
});

describe('entries, the pick and the handover', () => {
  it('pays each place to its winner, less the commission, when the owner accepts the final files', async () => {
    const owner = await actor(await fundedUser(t, 10_000, 'cbuyer'));
    const a = await actor(await signedUpUser(t, 'cfa'));
    const b = await actor(await signedUpUser(t, 'cfb'));
    const c = await openContest(owner);

    await expect(enter(owner, c.id)).rejects.toMatchObject({ code: 'contest.own_contest' });
    const ea = await enter(a, c.id);
    const eb = await enter(b, c.id);
    const extra = await enter(b, c.id);
    await t.services.contestEntries.withdraw(b, extra.id);
    await expect(t.services.contestEntries.withdraw(a, eb.id)).rejects.toMatchObject({ code: 'contest.entry_not_found' });
    const live = await t.services.contests.get(c.id, null);
    expect([live.entriesCount, live.contestantsCount]).toEqual([2, 2]);
    await t.services.contestEntries.rate(owner, ea.id, { rating: 5, shortlisted: true });
    await expect(t.services.contestEntries.rate(a, ea.id, { rating: 5 })).rejects.toMatchObject({ code: 'contest.forbidden' });

    // The owner cannot pick while entries are still taken.
    await expect(
      t.services.contestEntries.pick(owner, c.id, [
        { place: 1, entryId: ea.id },
        { place: 2, entryId: eb.id },
      ]),
    ).rejects.toMatchObject({
      code: 'contest.wrong_state',
    });
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    await expect(enter(a, c.id)).rejects.toMatchObject({ code: 'contest.closed' });
    await expect(
      t.services.contestEntries.pick(owner, c.id, [
        { place: 1, entryId: ea.id },
        { place: 2, entryId: ea.id },
      ]),
    ).rejects.toMatchObject({
      fields: { picks: 'contest.pick_entry_twice' },
    });
    await expect(
      t.services.contestEntries.pick(owner, c.id, [
        { place: 1, entryId: ea.id },
        { place: 2, entryId: extra.id },
      ]),
    ).rejects.toMatchObject({
      fields: { picks: 'contest.pick_entry_invalid' },
    });
    const awards = await t.services.contestEntries.pick(owner, c.id, [
      { place: 1, entryId: eb.id },
      { place: 2, entryId: ea.id },
    ]);
    expect(awards.map((x) => [x.place, x.winnerId, x.prizeCents, x.status])).toEqual([
      [1, b.id, 3_000, 'handover'],
      [2, a.id, 1_500, 'handover'],
    ]);
    // Picked once: a second pick (another tab) finds the contest awarding.
    await expect(
      t.services.contestEntries.pick(owner, c.id, [
        { place: 1, entryId: ea.id },
        { place: 2, entryId: eb.id },
      ]),
    ).rejects.toMatchObject({
      code: 'contest.wrong_state',
    });

    const first = awards[0];
    await expect(t.services.contestEntries.deliver(a, first.id, { note: 'الملفات', fileIds: [await file(a)] })).rejects.toMatchObject({
      code: 'contest.award_not_found',
    });
    await t.services.contestEntries.deliver(b, first.id, { note: 'الملفات النهائية بصيغ AI و SVG', fileIds: [await file(b, 'final.pdf')] });
    await t.services.contestEntries.accept(owner, first.id);
    // First place: $30 less 10% = $27 pending for the winner; the second place still in escrow.
    expect(await balances(b.id)).toMatchObject({ pendingCents: 2_700, availableCents: 0 });
    expect(await balances(owner.id)).toMatchObject({ availableCents: 5_500, escrowCents: 1_500 });
    await expect(t.services.contestEntries.accept(owner, first.id)).rejects.toMatchObject({ code: 'contest.wrong_state' });

    // The second winner's handover is accepted on its own after 3 days.
    await t.services.contestEntries.deliver(a, awards[1].id, { note: '', fileIds: [await file(a, 'final-2.pdf')] });
    t.clock.advance(HANDOVER_ACCEPT_DAYS * DAY - 60_000);
    expect((await t.services.contestEntries.runDue(t.clock.now())).accepted).toBe(0);
    t.clock.advance(120_000);
    expect((await t.services.contestEntries.runDue(t.clock.now())).accepted).toBe(1);
    expect(await balances(a.id)).toMatchObject({ pendingCents: 1_350 });
    expect(await balances(owner.id)).toMatchObject({ availableCents: 5_500, escrowCents: 0 });
    expect((await t.services.contests.get(c.id, null)).status).toBe('finished');
    await reconciled();
  });

  it('limits a contestant to 10 entries, and extends or ends early by the rules', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'clim'));
    const a = await actor(await signedUpUser(t, 'cla'));
    const c = await openContest(owner, { prizesCents: [2_000] });
    for (let i = 0; i < ENTRIES_PER_CONTESTANT; i++) await enter(a, c.id);
    await expect(enter(a, c.id)).rejects.toMatchObject({ code: 'contest.entries_limit' });

    const extended = await t.services.contestEntries.extend(owner, c.id, 14);
    expect(extended.endsAt?.getTime()).toBe((c.endsAt as Date).getTime() + 14 * DAY);
    await expect(t.services.contestEntries.extend(owner, c.id, 1)).rejects.toMatchObject({ code: 'contest.already_extended' });
    const ended = await t.services.contestEntries.endEarly(owner, c.id);
    expect(ended.status).toBe('judging');
    expect(ended.endsAt?.getTime()).toBe(t.clock.now().getTime());
  });

  it('goes to staff when the owner does not pick in 14 days; staff award or refund with a reason', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'clate'));
    const a = await actor(await signedUpUser(t, 'cta'));
    const c = await openContest(owner, { prizesCents: [2_500] });
    const e = await enter(a, c.id);
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    t.clock.advance(PICK_DAYS * DAY + 1000);
    expect((await t.services.contestEntries.runDue(t.clock.now())).toStaff).toBeGreaterThanOrEqual(1);
    await expect(t.services.contestEntries.pick(owner, c.id, [{ place: 1, entryId: e.id }])).rejects.toMatchObject({
      code: 'contest.wrong_state',
    });
    await expect(t.services.contestEntries.decide(owner, c.id, { refund: true, reason: 'x' })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(t.services.contestEntries.decide(disputes, c.id, { refund: true, reason: 'قصير' })).rejects.toMatchObject({
      fields: { reason: 'contest.reason_required' },
    });
    const decided = await t.services.contestEntries.decide(disputes, c.id, { picks: [{ place: 1, entryId: e.id }] });
    expect(decided.status).toBe('awarding');
    expect((await t.services.contestEntries.awardsOf(c.id)).map((x) => [x.winnerId, x.awardedBy])).toEqual([[a.id, disputes.id]]);
    expect((await balances(owner.id)).escrowCents).toBe(2_500);
    await reconciled();
  });
});

describe('races', () => {
  it('two tabs picking at once: one pick stands; two accepts at once: the prize is paid once', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'crace'));
    const a = await actor(await signedUpUser(t, 'cra'));
    const b = await actor(await signedUpUser(t, 'crb'));
    const c = await openContest(owner, { prizesCents: [2_000] });
    const ea = await enter(a, c.id);
    const eb = await enter(b, c.id);
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    const picks = await Promise.allSettled([
      t.services.contestEntries.pick(owner, c.id, [{ place: 1, entryId: ea.id }]),
      t.services.contestEntries.pick(owner, c.id, [{ place: 1, entryId: eb.id }]),
    ]);
    expect(picks.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
    expect(picks.filter((p) => p.status === 'rejected').map((p) => (p as PromiseRejectedResult).reason.code)).toEqual([
      'contest.wrong_state',
    ]);
    const [award] = await t.services.contestEntries.awardsOf(c.id);
    const winner = award.winnerId === a.id ? a : b;
    await t.services.contestEntries.deliver(winner, award.id, { note: '', fileIds: [await file(winner, 'final.pdf')] });
    // The owner accepts in two tabs while the worker's auto-accept comes due.
    t.clock.advance(HANDOVER_ACCEPT_DAYS * DAY + 1000);
    const accepts = await Promise.allSettled([
      t.services.contestEntries.accept(owner, award.id),
      t.services.contestEntries.accept(owner, award.id),
      t.services.contestEntries.runDue(t.clock.now()),
    ]);
    expect(
      accepts.filter((p) => p.status === 'rejected').every((p) => (p as PromiseRejectedResult).reason.code === 'contest.wrong_state'),
    ).toBe(true);
    expect((await balances(winner.id)).pendingCents).toBe(1_800);
    expect(await balances(owner.id)).toMatchObject({ availableCents: 3_000, escrowCents: 0 });
    await reconciled();
  });

  it('the worker’s refund at the deadline racing a last entry: either the entry is in and nothing is refunded, or it is refused', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'crace2'));
    const a = await actor(await signedUpUser(t, 'crc'));
    const c = await openContest(owner, { prizesCents: [2_500] });
    const fileId = await file(a);
    // The deadline is reached while the entry is being saved: the worker closes (no entries yet → refund).
    const at = new Date((c.endsAt as Date).getTime());
    const [entered, swept] = await Promise.allSettled([
      t.services.contestEntries.enter(a, c.id, { description: 'مشاركة في اللحظة الأخيرة', fileIds: [fileId] }),
      t.services.contestEntries.runDue(at),
    ]);
    const row = await t.services.contests.get(c.id, owner);
    if (entered.status === 'fulfilled') {
      // The entry was in first: the contest goes to judging with it and the prize stays held.
      expect(row.status).toBe(swept.status === 'fulfilled' && swept.value.closed === 1 ? 'judging' : 'open');
      expect((await balances(owner.id)).escrowCents).toBe(2_500);
    } else {
      expect((entered.reason as { code: string }).code).toBe('contest.closed');
      expect(row.status).toBe('refunded');
      expect(await balances(owner.id)).toMatchObject({ availableCents: 5_000, escrowCents: 0 });
    }
    await reconciled();
  });

  it('the worker sending the case to staff racing the owner’s pick at the window’s edge: exactly one of them happens', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'crace3'));
    const a = await actor(await signedUpUser(t, 'crd'));
    const c = await openContest(owner, { prizesCents: [2_000] });
    const ea = await enter(a, c.id);
    const end = (c.endsAt as Date).getTime();
    await t.services.contestEntries.runDue(new Date(end + 1000));
    // The owner's clock is a moment before the window closes; the worker runs at the moment it closes.
    t.clock.set(new Date(end + PICK_DAYS * DAY - 1));
    const [picked, swept] = await Promise.allSettled([
      t.services.contestEntries.pick(owner, c.id, [{ place: 1, entryId: ea.id }]),
      t.services.contestEntries.runDue(new Date(end + PICK_DAYS * DAY)),
    ]);
    const row = await t.services.contests.get(c.id, owner);
    const awards = await t.services.contestEntries.awardsOf(c.id);
    if (picked.status === 'fulfilled') {
      // (The worker's counts include other contests of this database: this one's row is what tells.)
      expect([row.status, awards.length, swept.status]).toEqual(['awarding', 1, 'fulfilled']);
    } else {
      expect((picked.reason as { code: string }).code).toBe('contest.wrong_state');
      expect([row.status, awards.length]).toEqual(['staff', 0]);
    }
    expect((await balances(owner.id)).escrowCents).toBe(2_000);
    await reconciled();
  });
});

describe('the listing', () => {
  it('searches Arabic words in their forms, filters by status and prize, sorts, and pages by cursor', async () => {
    const owner = await actor(await fundedUser(t, 50_000, 'clist'));
    const a = await actor(await signedUpUser(t, 'clsa'));
    const small = await openContest(owner, { title: 'تصميم شعارات لمتجر عطور', prizesCents: [2_000] });
    const big = await openContest(owner, {
      title: 'هوية بصرية كاملة لشركة ناشئة',
      description: 'نحتاج ألوانًا وخطوطًا وبطاقات أعمال وأوراقًا رسمية لشركة ناشئة في التقنية المالية، بأسلوب هادئ وحديث. '.repeat(2),
      // The category's names are searched too: «تصميم الشعارات» would match «الشعار».
      categoryId: cat['ui-ux'],
      prizesCents: [10_000, 5_000],
    });
    const mid = await openContest(owner, { title: 'شعار لتطبيق توصيل', prizesCents: [4_000] });
    await enter(a, big.id);
    await enter(a, big.id);
    await enter(a, mid.id);
    const ids = async (q: Parameters<typeof t.services.contests.search>[0]) => (await t.services.contests.search(q)).items.map((x) => x.id);
    const mine = (xs: number[]) => xs.filter((id) => [small.id, big.id, mid.id].includes(id));

    // «الشعار» finds «شعارات» and «شعار» (the forms), not the brand identity contest.
    expect(mine(await ids({ q: 'الشعار', sort: 'newest', limit: 50 })).sort()).toEqual([small.id, mid.id].sort());
    expect(mine(await ids({ sort: 'prize', limit: 50 }))).toEqual([big.id, mid.id, small.id]);
    expect(mine(await ids({ sort: 'entries', limit: 50 })).slice(-1)).toEqual([big.id]);
    expect(mine(await ids({ sort: 'newest', limit: 50, minPrizeCents: 3_000, maxPrizeCents: 20_000 })).sort()).toEqual(
      [big.id, mid.id].sort(),
    );
    expect(mine(await ids({ sort: 'newest', limit: 50, categoryIds: [cat['logo-design']] })).sort()).toEqual([small.id, mid.id].sort());
    expect(mine(await ids({ sort: 'newest', limit: 50, categoryIds: [cat.translation] }))).toEqual([]);

    // Pages of one, each once, in order.
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 200; i++) {
      const page = await t.services.contests.search({ sort: 'prize', limit: 1, cursor });
      seen.push(...page.items.map((x) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(mine(seen)).toEqual([big.id, mid.id, small.id]);

    // After the deadline: judging, not open.
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    expect(mine(await ids({ sort: 'newest', limit: 50 }))).toEqual([]);
    expect(mine(await ids({ sort: 'newest', limit: 50, status: 'judging' })).sort()).toEqual([big.id, mid.id].sort());
    // A contest refunded without entries is listed nowhere.
    for (const status of ['open', 'judging', 'finished'] as const)
      expect(await ids({ sort: 'newest', limit: 50, status })).not.toContain(small.id);
  });
});

describe('the public thread', () => {
  it('takes comments and one level of replies on a published contest, edited by their authors, without contact details', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'cthr'));
    const a = await actor(await signedUpUser(t, 'ctha'));
    const b = await actor(await signedUpUser(t, 'cthb'));
    const draft = await t.services.contests.create(owner, input(), { publish: false });
    await expect(t.services.contestComments.comment(a, draft.id, { body: 'هل الألوان محددة؟' })).rejects.toMatchObject({
      code: 'contest.not_found',
    });
    const c = await openContest(owner, { prizesCents: [2_000] });

    const q = await t.services.contestComments.comment(a, c.id, { body: 'هل الألوان محددة أم نختار بحرية؟' });
    const answer = await t.services.contestComments.comment(owner, c.id, { body: 'اختر بحرية، نفضل الألوان الدافئة', parentId: q.id });
    // A reply to a reply goes under the same comment.
    const more = await t.services.contestComments.comment(b, c.id, { body: 'شكرًا للتوضيح', parentId: answer.id });
    expect(more.parentId).toBe(q.id);
    await expect(t.services.contestComments.comment(b, c.id, { body: 'واتساب 0501234567' })).rejects.toMatchObject({
      fields: { body: 'trust.contact_info' },
    });
    await expect(t.services.contestComments.comment(b, c.id, { body: 'x' })).rejects.toMatchObject({
      fields: { body: 'contest.comment_length' },
    });
    await expect(t.services.contestComments.edit(b, q.id, { body: 'ليس تعليقي' })).rejects.toMatchObject({
      code: 'contest.comment_not_found',
    });
    const edited = await t.services.contestComments.edit(a, q.id, { body: 'هل الألوان محددة، أم نختارها بحرية؟' });
    expect(edited.editedAt).not.toBeNull();

    await t.deps.db.transaction((tx) => t.services.contestComments.remove(tx, more.id));
    const thread = await t.services.contestComments.thread(null, c.id);
    expect(thread.map((x) => [x.comment.body, x.replies.map((r) => [r.userId, r.body])])).toEqual([
      [
        'هل الألوان محددة، أم نختارها بحرية؟',
        [
          [owner.id, 'اختر بحرية، نفضل الألوان الدافئة'],
          [b.id, ''],
        ],
      ],
    ]);
  });
});
