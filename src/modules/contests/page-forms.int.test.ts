import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  PageClient,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { contestComments, contestEntries, contests } from './schema.ts';

// A contest page's forms (issue 16): the owner's rating, shortlist, extension and early end; withdrawing an entry;
// the private notes between the owner and a contestant; editing a comment; ⚑ on a contest, an entry and a comment
// (and what a moderator's take-down does); publishing with a short balance through a top-up; the end-soon notice.

let t: TestApp;
let cat: Record<string, number>;
let mod: AuthUser;
const passwords: Record<number, string> = {};

const actor = async (u: { token: string; password?: string }) => {
  const x = await t.services.accounts.resolveSession(u.token, 'api');
  if (!x) throw new Error('no session');
  passwords[x.id] = u.password ?? '';
  return x;
};
async function signedIn(who: AuthUser) {
  const client = new PageClient(t.app);
  await client.get('/login');
  await client.post('/login', { login: who.username, password: passwords[who.id] });
  return client;
}
const brief = 'نريد تصميم غلاف لكتاب عن تاريخ الخط العربي، بألوان هادئة وخط واضح، يصلح للطباعة وللمتاجر الإلكترونية معًا. '.repeat(2);
const draft = (title: string, prizesCents = [3_000]) => ({
  title,
  description: brief,
  categoryId: cat['logo-design'],
  prizesCents,
  entryDays: 7,
  deliveryDays: 3,
});
async function liveContest(owner: AuthUser, title: string) {
  const c = await t.services.contests.create(owner, draft(title), { publish: true });
  return t.services.contests.approve(mod, c.id);
}
async function entry(who: AuthUser, contestId: number, text: string) {
  const f = await t.services.files.saveAttachment(who.id, { name: `e-${who.id}.pdf`, bytes: Buffer.from(`%PDF-1.4 ${text}`) });
  return t.services.contestEntries.enter(who, contestId, { description: text, fileIds: [f.id] });
}
const flashOf = async (client: PageClient, res: { headers: Record<string, unknown> }) =>
  (await client.get(String(res.headers.location))).body;

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'fmod'));
});
afterAll(async () => {
  await t.close();
});

describe('the owner’s tools and the contestant’s on a contest’s page', () => {
  it('rates and shortlists an entry, extends the deadline once, and lets the author withdraw', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'fo1'));
    const a = await actor(await signedUpUser(t, 'fa1'));
    const k = await liveContest(owner, 'غلاف كتاب عن الخط العربي');
    const e = await entry(a, k.id, 'مشاركتي الأولى بخط النسخ');
    const o = await signedIn(owner);
    await o.get(`/contests/${k.id}`);
    const rated = await o.post(`/contests/entries/${e.id}/rate`, { form: 'rate', entryId: String(e.id), rating: '4', shortlisted: 'on' });
    expect(rated.statusCode).toBe(303);
    const row = (await t.services.contestEntries.entriesOf(k.id)).find((x) => x.id === e.id);
    expect([row?.rating, row?.shortlisted]).toEqual([4, true]);
    // The author sees the owner's rating of their entry; a stranger does not.
    const seenByA = (await (await signedIn(a)).get(`/contests/${k.id}`)).body;
    expect(seenByA).toContain('4 من 5');
    const stranger = await actor(await signedUpUser(t, 'fs1'));
    expect((await (await signedIn(stranger)).get(`/contests/${k.id}`)).body).not.toContain('4 من 5');
    // A rating outside 1–5 comes back on the page with the reason.
    const bad = await o.post(`/contests/entries/${e.id}/rate`, { form: 'rate', entryId: String(e.id), rating: '9' });
    expect(bad.statusCode).toBe(400);
    // Someone else's entry cannot be rated by a stranger.
    const s = await signedIn(stranger);
    await s.get(`/contests/${k.id}`);
    expect((await s.post(`/contests/entries/${e.id}/rate`, { form: 'rate', entryId: String(e.id), rating: '1' })).statusCode).toBe(403);

    const endsAt = (k.endsAt as Date).getTime();
    expect((await o.post(`/contests/${k.id}/extend`, { form: 'extend', days: '5' })).statusCode).toBe(303);
    const after = await t.services.contests.get(k.id, owner);
    expect([(after.endsAt as Date).getTime() - endsAt, after.extended]).toEqual([5 * 86_400_000, true]);
    const twice = await o.post(`/contests/${k.id}/extend`, { form: 'extend', days: '2' });
    expect(twice.statusCode).toBeGreaterThanOrEqual(400);
    expect(testId(twice.body, 'owner-tools-alert')).toContain('مرة واحدة');
    // Fewer than five entries: no early end (said on the page; refused if posted anyway).
    expect((await o.get(`/contests/${k.id}`)).body).not.toContain('data-testid="end-early"');
    expect((await o.post(`/contests/${k.id}/end-early`, { form: 'end' })).statusCode).toBeGreaterThanOrEqual(400);

    const ca = await signedIn(a);
    await ca.get(`/contests/${k.id}`);
    expect((await ca.post(`/contests/entries/${e.id}/withdraw`, { form: 'withdraw', entryId: String(e.id) })).statusCode).toBe(303);
    expect((await t.services.contests.get(k.id, owner)).entriesCount).toBe(0);
  });

  it('keeps a private thread between the owner and one contestant, refusing contact details and strangers', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'fo2'));
    const a = await actor(await signedUpUser(t, 'fa2'));
    const b = await actor(await signedUpUser(t, 'fb2'));
    const k = await liveContest(owner, 'غلاف كتاب للأطفال بألوان زاهية');
    const ea = await entry(a, k.id, 'مشاركة أ بألوان مائية');
    await entry(b, k.id, 'مشاركة ب بخطوط هندسية');
    const o = await signedIn(owner);
    await o.get(`/contests/${k.id}`);
    const sent = await o.post(`/contests/entries/${ea.id}/notes`, {
      form: 'note',
      entryId: String(ea.id),
      body: 'جميلة، جرّب لونًا أغمق للعنوان',
    });
    expect(sent.statusCode).toBe(303);
    // The contestant hears of it, reads it and answers.
    const ca = await signedIn(a);
    expect((await ca.get(`/contests/${k.id}`)).body).toContain('جرّب لونًا أغمق للعنوان');
    await ca.post(`/contests/entries/${ea.id}/notes`, { form: 'note', entryId: String(ea.id), body: 'حاضر، سأرسل نسخة ثانية' });
    const notes = await t.deps.db.select().from(contestComments).where(eq(contestComments.entryId, ea.id));
    expect(notes.map((n) => n.userId)).toEqual([owner.id, a.id]);
    const told = await t.services.notifications.list(a.id);
    expect(told.items.some((n: { type: string }) => n.type === 'contest.entry_note')).toBe(true);
    // Nobody else reads it: not the other contestant, not the public thread.
    const cb = await signedIn(b);
    const seenByB = (await cb.get(`/contests/${k.id}`)).body;
    expect(seenByB).not.toContain('جرّب لونًا أغمق');
    expect((await t.services.contestComments.thread(null, k.id)).length).toBe(0);
    // A stranger (another contestant) cannot write on it.
    await cb.get(`/contests/${k.id}`);
    expect((await cb.post(`/contests/entries/${ea.id}/notes`, { form: 'note', entryId: String(ea.id), body: 'مرحبا' })).statusCode).toBe(
      404,
    );
    // A phone number is refused with the reason, what was typed kept, and the attempt recorded.
    const typed = 'كلمني على ٠٥٠١٢٣٤٥٦٧ أسرع';
    const refused = await ca.post(`/contests/entries/${ea.id}/notes`, { form: 'note', entryId: String(ea.id), body: typed });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(typed);
    expect((await t.services.trust.attemptsOf(a.id)).length).toBeGreaterThanOrEqual(1);
  });

  it('lets a comment’s author edit it through the page, and nobody else', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'fo3'));
    const a = await actor(await signedUpUser(t, 'fa3'));
    const k = await liveContest(owner, 'غلاف مجلة ثقافية شهرية');
    const row = await t.services.contestComments.comment(a, k.id, { body: 'هل المقاس محدد؟' });
    const ca = await signedIn(a);
    expect((await ca.get(`/contests/${k.id}`)).body).toContain(`data-testid="edit-send-${row.id}"`);
    const edited = await ca.post(`/contests/comments/${row.id}/edit`, { form: 'edit', commentId: String(row.id), body: 'هل المقاس A4؟' });
    expect(edited.statusCode).toBe(303);
    const page = await flashOf(ca, edited);
    expect(page).toContain('هل المقاس A4؟');
    expect(page).toContain('عُدّل تعليقك');
    const o = await signedIn(owner);
    const ownerPage = (await o.get(`/contests/${k.id}`)).body;
    expect(ownerPage).not.toContain(`data-testid="edit-send-${row.id}"`);
    expect(ownerPage).toContain(`data-testid="report-contest_comment-${row.id}"`);
    expect(
      (await o.post(`/contests/comments/${row.id}/edit`, { form: 'edit', commentId: String(row.id), body: 'تعديل غيري' })).statusCode,
    ).toBe(404);
  });
});

describe('a contest with many entries', () => {
  it('shows its entries a page at a time, and the owner picks from all of them', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'fo8'));
    const a = await actor(await signedUpUser(t, 'fa8'));
    const k = await liveContest(owner, 'شعار لمهرجان الخط العربي');
    // 50 entries written straight to the table (ten per contestant is the rule; the page's paging is what is tested).
    await t.deps.db.insert(contestEntries).values(
      Array.from({ length: 50 }, (_, i) => ({
        contestId: k.id,
        userId: a.id,
        description: `مشاركة رقم ${i + 1} بخط الديواني`,
        fileIds: [],
      })),
    );
    await t.deps.db.update(contests).set({ entriesCount: 50, contestantsCount: 1 }).where(eq(contests.id, k.id));
    const o = await signedIn(owner);
    const first = (await o.get(`/contests/${k.id}`)).body;
    expect(first.match(/data-testid="entry-\d+"/g)).toHaveLength(48);
    expect(first).toContain('مشاركة رقم 48 بخط');
    expect(first).not.toContain('مشاركة رقم 49 بخط');
    expect(testId(first, 'entries-pages')).not.toBeNull();
    const second = (await o.get(`/contests/${k.id}?entries=2`)).body;
    expect(second.match(/data-testid="entry-\d+"/g)).toHaveLength(2);
    expect(second).toContain('مشاركة رقم 50 بخط');
    // A page past the last, or not a number, is the first.
    expect((await o.get(`/contests/${k.id}?entries=99`)).body).toContain('مشاركة رقم 1 بخط');
    // Once it ends the owner's pick lists every entry, not only the page's.
    await t.services.contestEntries.runDue(new Date((k.endsAt as Date).getTime() + 1000));
    const judging = (await o.get(`/contests/${k.id}`)).body;
    const select = judging.slice(
      judging.indexOf('data-testid="pick-1"'),
      judging.indexOf('</select>', judging.indexOf('data-testid="pick-1"')),
    );
    expect(select.match(/<option/g)).toHaveLength(50);
  });
});

describe('reports (⚑) on contests, entries and comments', () => {
  it('reports each kind, takes an entry and a comment down, and takes a contest down only while nobody entered it', async () => {
    const owner = await actor(await fundedUser(t, 10_000, 'fo4'));
    const a = await actor(await signedUpUser(t, 'fa4'));
    const reporter = await actor(await signedUpUser(t, 'fr4'));
    const empty = await liveContest(owner, 'مسابقة بلا مشاركات للاختبار');
    const full = await liveContest(owner, 'مسابقة فيها مشاركة للاختبار');
    const e = await entry(a, full.id, 'مشاركة منسوخة من موقع آخر');
    const comment = await t.services.contestComments.comment(a, full.id, { body: 'تعليق مسيء للاختبار' });
    const page = (await (await signedIn(reporter)).get(`/contests/${full.id}`)).body;
    for (const id of [`report-contest-${full.id}`, `report-entry-${e.id}`, `report-contest_comment-${comment.id}`])
      expect(page).toContain(`data-testid="${id}"`);
    const report = (targetType: string, targetId: number) =>
      t.services.moderation.report(reporter, { targetType, targetId, reason: 'intellectual_property' });
    for (const [type, id] of [
      ['contest', empty.id],
      ['contest', full.id],
      ['entry', e.id],
      ['contest_comment', comment.id],
    ] as const)
      await report(type, id);
    const decide = (targetType: string, targetId: number, decision: string) =>
      t.services.moderation.decide(mod, { targetType, targetId, decision, reason: 'مخالف لشروط الموقع بعد المراجعة' }, null);

    const before = await t.services.wallet.balances(owner.id);
    await decide('contest', empty.id, 'hide');
    const hidden = await t.services.contests.get(empty.id, owner);
    expect([hidden.status, hidden.rejectReason]).toEqual(['rejected', 'مخالف لشروط الموقع بعد المراجعة']);
    expect((await t.services.wallet.balances(owner.id)).availableCents).toBe(before.availableCents + empty.prizeTotalCents);
    // A contest with entries keeps running: its contestants' work and prize are protected.
    await expect(decide('contest', full.id, 'hide')).rejects.toMatchObject({ code: 'contest.takedown_has_entries' });
    expect((await t.services.contests.get(full.id, owner)).status).toBe('open');

    await decide('entry', e.id, 'delete');
    expect((await t.services.contestEntries.entriesOf(full.id)).map((x) => x.id)).not.toContain(e.id);
    expect((await t.services.contests.get(full.id, owner)).entriesCount).toBe(0);
    await decide('contest_comment', comment.id, 'delete');
    const [gone] = await t.deps.db.select().from(contestComments).where(eq(contestComments.id, comment.id));
    expect(gone.status).toBe('removed');
    // The author cannot report their own, nor anyone a private note they cannot read.
    await expect(
      t.services.moderation.report(a, { targetType: 'contest_comment', targetId: comment.id, reason: 'spam' }),
    ).rejects.toThrow();
  });
});

describe('publishing with a short balance', () => {
  it('keeps the draft, tops up the difference, and publishes it when the money is credited', async () => {
    const owner = await actor(await fundedUser(t, 1_000, 'fo5'));
    const o = await signedIn(owner);
    await o.get('/contests/new');
    const res = await o.post('/contests/new', {
      action: 'publish',
      title: 'شعار لمتجر عسل طبيعي',
      description: brief,
      categoryId: String(cat['logo-design']),
      prize1: '50',
      entryDays: '7',
      deliveryDays: '3',
    });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/contests\/\d+\/edit\?topup=1/);
    const id = Number(location.split('/')[2]);
    const [saved] = await t.deps.db.select().from(contests).where(eq(contests.id, id));
    expect([saved.status, saved.title]).toEqual(['draft', 'شعار لمتجر عسل طبيعي']);
    const form = (await o.get(location)).body;
    expect(testId(form, 'topup-text')).toContain('$40');
    // The top-up: a deposit of the difference, at the gateway.
    const go = await o.post(`/contests/${id}/topup`, {});
    expect(go.statusCode).toBe(303);
    const checkout = new URL(String(go.headers.location));
    const depositId = Number(checkout.pathname.split('/').pop());
    const [waiting] = await t.deps.db.select().from(contests).where(eq(contests.id, id));
    expect(waiting.topupDepositId).toBe(depositId);
    expect((await o.get(`/contests/${id}/edit`)).body).toContain('بانتظار وصول الشحنة');
    await t.services.wallet.paySandbox(depositId, checkout.searchParams.get('s') as string, '4242424242424242');
    const [published] = await t.deps.db.select().from(contests).where(eq(contests.id, id));
    expect(published.status).toBe('pending');
    const bal = await t.services.wallet.balances(owner.id);
    expect([bal.availableCents, bal.escrowCents]).toEqual([0, 5_000]);
    // Back from the gateway: the contest's page, which says it is in review.
    const back = await o.get(`/contests/${id}/edit?deposit=1`);
    expect([back.statusCode, back.headers.location]).toEqual([303, `/contests/${id}`]);
    expect((await o.get(`/contests/${id}`)).body).toContain('وصلت الشحنة ونُشرت المسابقة');
  });

  it('leaves the money in the balance, and says why, when the draft can no longer be published', async () => {
    const owner = await actor(await fundedUser(t, 1_000, 'fo6'));
    const k = await t.services.contests.create(owner, draft('شعار لمخبز شعبي قديم', [3_000]), { publish: false });
    const d = await t.services.contestTopUps.checkoutToPublish(owner, k.id);
    expect(d.amountCents).toBe(2_000);
    // Meanwhile the draft stopped meeting the rules (its title cut short): the top-up then only credits the balance.
    await t.deps.db.update(contests).set({ title: 'قصير' }).where(eq(contests.id, k.id));
    const checkout = new URL(d.checkoutUrl);
    await t.services.wallet.paySandbox(d.depositId, checkout.searchParams.get('s') as string, '4242424242424242');
    const [row] = await t.deps.db.select().from(contests).where(eq(contests.id, k.id));
    expect([row.status, row.topupFailure]).toEqual(['draft', 'validation.failed']);
    expect((await t.services.wallet.balances(owner.id)).availableCents).toBe(3_000);
    expect(t.services.contestTopUps.stateOf(row)).toEqual({ status: 'failed', reason: 'validation.failed' });
    // A draft that breaks the rules is never offered a top-up.
    await expect(t.services.contestTopUps.checkoutToPublish(owner, k.id)).rejects.toMatchObject({ code: 'validation.failed' });
  });
});

describe('the end-soon notice', () => {
  it('tells the owner and each contestant once, a day before the deadline, and again after an extension', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'fo7'));
    const a = await actor(await signedUpUser(t, 'fa7'));
    const k = await liveContest(owner, 'شعار لنادي قراءة في جدة');
    await entry(a, k.id, 'مشاركة بخط الرقعة');
    const endsAt = (k.endsAt as Date).getTime();
    const count = async (userId: number) =>
      (await t.services.notifications.list(userId)).items.filter((n) => n.type === 'contest.ending_soon').length;
    expect((await t.services.contestEntries.runDue(new Date(endsAt - 2 * 86_400_000))).endingSoon).toBe(0);
    const first = await t.services.contestEntries.runDue(new Date(endsAt - 12 * 3_600_000));
    expect(first.endingSoon).toBeGreaterThanOrEqual(1);
    expect([await count(owner.id), await count(a.id)]).toEqual([1, 1]);
    await t.services.contestEntries.runDue(new Date(endsAt - 6 * 3_600_000));
    expect([await count(owner.id), await count(a.id)]).toEqual([1, 1]);
    await t.services.contestEntries.extend(owner, k.id, 3);
    const [row] = await t.deps.db
      .select()
      .from(contests)
      .where(and(eq(contests.id, k.id)));
    expect(row.endSoonSentAt).toBeNull();
    await t.services.contestEntries.runDue(new Date(endsAt + 3 * 86_400_000 - 3_600_000));
    expect([await count(owner.id), await count(a.id)]).toEqual([2, 2]);
  });
});
