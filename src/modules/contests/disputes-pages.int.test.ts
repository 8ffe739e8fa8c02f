import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  PageClient,
  signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { PICK_DAYS } from './rules.ts';

// The disputes' and staff's decisions' pages (issue 16): the dispute form on the contest's page, staff's queue and a
// contest's decision page, through the HTTP app with the forms' CSRF tokens, in Arabic and English.

let t: TestApp;
let cat: Record<string, number>;
let mod: AuthUser;
let support: AuthUser;
let admin: AuthUser;
let owner: AuthUser;
let a: AuthUser;
let b: AuthUser;
let contestId: number;
let entryA: number;
let entryB: number;
let place1: number;
const DAY = 86_400_000;
const passwords: Record<number, string> = {};

const actor = async (u: { token: string; password?: string }) => {
  const x = await t.services.accounts.resolveSession(u.token, 'api');
  if (!x) throw new Error('no session');
  passwords[x.id] = u.password ?? '';
  return x;
};
async function signedIn(who?: AuthUser) {
  const client = new PageClient(t.app);
  if (who) {
    await client.get('/login');
    await client.post('/login', { login: who.username, password: passwords[who.id] });
  }
  return client;
}
const brief = 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2);
async function newContest(who: AuthUser, prizesCents: number[]) {
  const c = await t.services.contests.create(
    who,
    { title: 'شعار لمقهى في الرياض', description: brief, categoryId: cat['logo-design'], prizesCents, entryDays: 7, deliveryDays: 3 },
    { publish: true },
  );
  return t.services.contests.approve(mod, c.id);
}
const pdf = async (who: AuthUser, name: string) =>
  (await t.services.files.saveAttachment(who.id, { name, bytes: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) })).id;
/** The part of a page between two test ids (one place's block). */
const between = (html: string, from: string, to?: string) => {
  const start = html.indexOf(`data-testid="${from}"`);
  const end = to ? html.indexOf(`data-testid="${to}"`, start) : -1;
  return html.slice(start, end > start ? end : undefined);
};
const queuesOf = (html: string): Record<string, number> =>
  Object.fromEntries([...html.matchAll(/data-queue="([^"]+)" data-count="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'qmod'));
  support = await actor(await staffUser(t, ['support'], 'qsup'));
  admin = await actor(await staffUser(t, ['admin'], 'qadm'));
  owner = await actor(await fundedUser(t, 20_000, 'qowner'));
  a = await actor(await signedUpUser(t, 'qa'));
  b = await actor(await signedUpUser(t, 'qb'));
  const c = await newContest(owner, [3_000, 1_500]);
  contestId = c.id;
  const png = await t.services.files.saveAttachment(a.id, { name: 'idea.png', bytes: await smallPng() });
  entryA = (await t.services.contestEntries.enter(a, c.id, { description: 'فكرة بخط الثلث مع فنجان', fileIds: [png.id] })).id;
  entryB = (await t.services.contestEntries.enter(b, c.id, { description: 'فكرة بالخط الكوفي', fileIds: [await pdf(b, 'idea.pdf')] })).id;
  t.clock.advance(7 * DAY + 1000);
  await t.services.contestEntries.runDue(t.clock.now());
  const awards = await t.services.contestEntries.pick(owner, c.id, [
    { place: 1, entryId: entryA },
    { place: 2, entryId: entryB },
  ]);
  place1 = awards[0].id;
  await t.services.contestEntries.deliver(a, place1, { note: 'الملفات النهائية بصيغة SVG', fileIds: [await pdf(a, 'final-logo.pdf')] });
});
afterAll(async () => {
  await t.close();
});

describe('a dispute on the contest’s page', () => {
  it('is offered to each place’s two sides only, keeps what was typed when refused, and then shows the place under review', async () => {
    const page = async (who?: AuthUser) => (await (await signedIn(who)).get(`/contests/${contestId}`)).body;
    expect(await page(a)).toContain('data-testid="dispute-open-1"');
    const ownerPage = await page(owner);
    expect(ownerPage).toContain('data-testid="dispute-open-1"');
    expect(ownerPage).toContain('data-testid="dispute-open-2"');
    // The second place's winner is no side of the first place; a visitor has no form at all.
    const seenByB = await page(b);
    expect(seenByB).not.toContain('data-testid="dispute-open-1"');
    expect(seenByB).toContain('data-testid="dispute-open-2"');
    expect(await page()).not.toContain('dispute-open-');

    const w = await signedIn(a);
    await w.get(`/contests/${contestId}`);
    const url = `/contests/awards/${place1}/dispute`;
    const contact = await w.post(url, { disputeAwardId: String(place1), reason: 'كلمني على واتساب 0501234567 لنتفق' });
    expect(contact.statusCode).toBe(400);
    expect(contact.body).toContain('كلمني على واتساب 0501234567 لنتفق');
    expect(contact.body).toContain('لا يُسمح بتبادل وسائل التواصل');
    expect((await t.services.trust.attemptsOf(a.id)).map((x) => x.context)).toEqual(['contest']);
    const short = await w.post(`/en${url}`, { disputeAwardId: String(place1), reason: 'no' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Write the dispute’s reason in 10 to 1,000 characters');
    // Refused: the form comes back open under its place, nothing changed.
    expect(short.body).toMatch(/<details open class="text-sm"><summary[^>]*data-testid="dispute-open-1"/);
    expect((await t.services.contestEntries.awardById(place1))?.status).toBe('delivered');

    const sent = await w.post(url, { disputeAwardId: String(place1), reason: 'سلّمت الملفات وصاحب المسابقة يطلب عملًا جديدًا' });
    expect([sent.statusCode, sent.headers.location]).toEqual([303, `/contests/${contestId}#awards`]);
    const after = await page(owner);
    expect(testId(after, 'dispute-1')).toContain('التسليم قيد مراجعة فريق كفيل');
    expect(between(after, 'dispute-1', 'award-2')).toContain('سلّمت الملفات وصاحب المسابقة يطلب عملًا جديدًا');
    expect(between(after, 'award-1', 'award-2')).not.toContain('data-testid="accept-1"');
    // The public sees the place's status, not the reason.
    const anon = await page();
    expect(between(anon, 'award-1', 'award-2')).toContain('نزاع قيد المراجعة');
    expect(anon).not.toContain('سلّمت الملفات وصاحب المسابقة يطلب عملًا جديدًا');
    // A second dispute on the same place is refused with the reason shown.
    const o = await signedIn(owner);
    await o.get(`/contests/${contestId}`);
    const twice = await o.post(url, { disputeAwardId: String(place1), reason: 'وأنا أعترض كذلك على التسليم' });
    expect(twice.statusCode).toBe(409);
    expect(testId(twice.body, 'form-error')).toContain('لا يمكن تنفيذ هذا');
  });
});

describe('staff’s pages', () => {
  it('list the disputed place, show the contest’s entries and handover, and decide with a reason both sides then see', async () => {
    expect((await (await signedIn(owner)).get('/admin/contests/decide')).statusCode).toBe(403);
    expect((await (await signedIn(owner)).get(`/admin/contests/${contestId}/decide`)).statusCode).toBe(403);
    const s = await signedIn(support);
    const queue = await s.get('/admin/contests/decide');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`data-testid="dispute-item-${place1}"`);
    expect(testId(queue.body, 'decide-waiting-empty')).not.toBeNull();

    const page = await s.get(`/admin/contests/${contestId}/decide`);
    expect(page.statusCode).toBe(200);
    const entries = between(page.body, 'decide-entries', 'award-panel-1');
    expect(entries).toContain('فكرة بخط الثلث مع فنجان');
    expect(entries).toContain('فكرة بالخط الكوفي');
    // The image's watermarked preview, the PDF's card, and the originals for staff.
    const [png] = await t.services.files.byIds(
      (await t.services.contestEntries.entriesOf(contestId)).find((e) => e.id === entryA)?.fileIds ?? [],
    );
    expect(between(entries, `decide-entry-${entryA}`, `decide-entry-${entryB}`)).toContain(`src="/files/${png.publicId}/preview"`);
    expect(entries).toContain(`href="/contests/entries/${entryA}/files/${png.id}"`);
    expect(between(entries, `decide-entry-${entryB}`)).toContain('idea.pdf');
    const panel = between(page.body, 'award-panel-1', 'award-panel-2');
    expect(testId(panel, 'handover-note-1')).toBe('الملفات النهائية بصيغة SVG');
    expect(testId(panel, 'dispute-reason-1')).toContain('سبب الفائز');
    expect(panel).toContain('data-testid="decide-dispute-1"');
    expect(between(page.body, 'award-panel-2')).not.toContain('data-testid="decide-dispute-2"');

    // The final file: staff (their reading audited) and the owner; the other winner is told it does not exist.
    const [handover] = (await t.services.contestEntries.awardById(place1))?.handoverFileIds ?? [];
    const fileUrl = `/contests/awards/${place1}/files/${handover}`;
    expect(panel).toContain(`href="${fileUrl}"`);
    const got = await s.get(fileUrl);
    expect([got.statusCode, got.body]).toEqual([200, expect.stringContaining('%PDF-1.4 final-logo.pdf')]);
    expect((await (await signedIn(owner)).get(fileUrl)).statusCode).toBe(200);
    expect((await (await signedIn(b)).get(fileUrl)).statusCode).toBe(404);
    expect((await (await signedIn()).get(fileUrl)).statusCode).toBe(404);
    const reads = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'file.read'), eq(auditLog.targetType, 'contest_award'), eq(auditLog.targetId, String(place1))));
    expect(reads.map((r) => r.actorId)).toEqual([support.id]);

    const decideUrl = `/admin/contests/${contestId}/disputes/${place1}`;
    const short = await s.post(decideUrl, { awardId: String(place1), decision: 'pay', reason: 'قصير' });
    expect(short.statusCode).toBe(400);
    const again = between(short.body, 'award-panel-1', 'award-panel-2');
    expect(again).toContain('اكتب سبب القرار من 10 إلى 1000 حرف');
    expect(again).toContain('>قصير</textarea>');
    expect(again).toMatch(/value="pay" class="radio radio-sm" checked/);
    expect(
      (await (await signedIn(owner)).post(decideUrl, { awardId: String(place1), decision: 'pay', reason: 'الملفات تطابق المشاركة' }))
        .statusCode,
    ).toBe(403);

    const done = await s.post(decideUrl, { awardId: String(place1), decision: 'pay', reason: 'الملفات المسلّمة تطابق المشاركة الفائزة' });
    expect([done.statusCode, done.headers.location]).toEqual([303, `/admin/contests/${contestId}/decide#award-${place1}`]);
    expect(await t.services.wallet.balances(a.id)).toMatchObject({ pendingCents: 2_700 });
    expect(await t.services.wallet.balances(owner.id)).toMatchObject({ escrowCents: 1_500 });
    // Decided already (another tab): said at the top, nothing moves again.
    const twice = await s.post(decideUrl, { awardId: String(place1), decision: 'refund', reason: 'قرار ثانٍ من تبويب آخر' });
    expect(twice.statusCode).toBe(409);
    expect(testId(twice.body, 'form-error')).toContain('لا يمكن تنفيذ هذا');
    expect(await t.services.wallet.balances(owner.id)).toMatchObject({ escrowCents: 1_500 });

    // Both sides see the decision and its reason on the contest's page.
    for (const who of [owner, a]) {
      const seen = (await (await signedIn(who)).get(`/contests/${contestId}`)).body;
      expect(testId(seen, 'decision-1')).toContain('قرر فريق كفيل دفع الجائزة للفائز');
      expect(between(seen, 'decision-1', 'award-2')).toContain('الملفات المسلّمة تطابق المشاركة الفائزة');
    }
    const en = (await (await signedIn(owner)).get(`/en/contests/${contestId}`)).body;
    expect(testId(en, 'decision-1')).toContain('Kafiil’s team decided to pay the prize to the winner');
  });

  it('award a contest whose owner did not pick in time, keeping the picks when refused; refund another with a reason; the dashboard counts both queues', async () => {
    const late = await newContest(owner, [2_000, 1_000]);
    const ea = (await t.services.contestEntries.enter(a, late.id, { description: 'فكرة أولى للمقهى', fileIds: [await pdf(a, 'one.pdf')] }))
      .id;
    const eb = (await t.services.contestEntries.enter(b, late.id, { description: 'فكرة ثانية للمقهى', fileIds: [await pdf(b, 'two.pdf')] }))
      .id;
    const empty = await newContest(owner, [2_500]);
    await t.services.contestEntries.enter(a, empty.id, { description: 'فكرة لا تطابق الوصف', fileIds: [await pdf(a, 'three.pdf')] });
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    t.clock.advance(PICK_DAYS * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    const pending = await t.services.contests.create(
      owner,
      {
        title: 'غلاف لكتاب أطفال',
        description: brief,
        categoryId: cat['logo-design'],
        prizesCents: [2_000],
        entryDays: 7,
        deliveryDays: 3,
      },
      { publish: true },
    );
    expect(pending.status).toBe('pending');
    // Waiting for staff now: one review, two contests to award or refund (the dispute was decided).
    const dash = await (await signedIn(admin)).get('/admin');
    expect(queuesOf(dash.body)['/admin/contests']).toBe(3);
    expect(dash.body).toContain('3 عناصر في المسابقات بانتظار المراجعة أو القرار');
    const review = await (await signedIn(mod)).get('/admin/contests');
    expect(testId(review.body, 'contests-queue-decide')).toBe('للقرار (2)');

    const s = await signedIn(support);
    const queue = await s.get('/admin/contests/decide');
    expect(queue.body).toContain(`data-testid="decide-${late.id}"`);
    expect(queue.body).toContain(`data-testid="decide-${empty.id}"`);
    const form = await s.get(`/admin/contests/${late.id}/decide`);
    expect(testId(form.body, 'decide-status')).toBe('يقرر فريق كفيل الفائزين');
    expect(form.body).toContain('data-testid="staff-pick-2"');
    const url = `/admin/contests/${late.id}/decide`;
    const partial = await s.post(url, { action: 'award', place1: String(eb), place2: '' });
    expect(partial.statusCode).toBe(400);
    expect(testId(partial.body, 'error-picks')).toBe('اختر فائزًا لكل مركز.');
    expect(partial.body).toContain(`<option value="${eb}" selected>`);
    const picked = await s.post(url, { action: 'award', place1: String(eb), place2: String(ea) });
    expect([picked.statusCode, picked.headers.location]).toEqual([303, '/admin/contests/decide']);
    expect((await t.services.contestEntries.awardsOf(late.id)).map((x) => [x.place, x.winnerId, x.awardedBy])).toEqual([
      [1, b.id, support.id],
      [2, a.id, support.id],
    ]);
    expect((await t.services.contests.get(late.id, null)).status).toBe('awarding');

    const before = (await t.services.wallet.balances(owner.id)).availableCents;
    const refundUrl = `/admin/contests/${empty.id}/decide`;
    const shortRefund = await s.post(`/en${refundUrl}`, { action: 'refund', reason: 'no' });
    expect(shortRefund.statusCode).toBe(400);
    expect(shortRefund.body).toContain('>no</textarea>');
    const refunded = await s.post(refundUrl, { action: 'refund', reason: 'لا مشاركة تطابق الوصف المطلوب للمقهى' });
    expect(refunded.statusCode).toBe(303);
    expect((await t.services.contests.get(empty.id, null)).status).toBe('refunded');
    expect((await t.services.wallet.balances(owner.id)).availableCents).toBe(before + 2_500);
    const emptied = await s.get('/admin/contests/decide');
    expect(testId(emptied.body, 'decide-waiting-empty')).not.toBeNull();
    expect(testId(emptied.body, 'decide-disputes-empty')).not.toBeNull();
  });
});
