import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  multipart,
  type PageClient,
  signedInPage,
  signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { stepOf, totpAt } from '../../platform/totp.ts';
import { auditLog, sessions, users } from '../../schema.ts';

// The legal export of a user's data (privacy policy 2): the admin's form and API, the audit row, and each module's
// part of it (its manifest's `userData`), on PGlite and PostgreSQL alike.

let t: TestApp;
let admin: Awaited<ReturnType<typeof staffUser>>;
let moderator: Awaited<ReturnType<typeof staffUser>>;
let plain: Awaited<ReturnType<typeof signedUpUser>>;
let adminPage: PageClient;
let modPage: PageClient;

const signedIn = (u: { username: string; password: string }) => signedInPage(t, u);

beforeAll(async () => {
  t = await makeTestApp();
  admin = await staffUser(t, ['admin'], 'boss');
  moderator = await staffUser(t, ['moderator', 'finance', 'support'], 'mod');
  plain = await signedUpUser(t, 'plain');
  adminPage = await signedIn(admin);
  modPage = await signedIn(moderator);
});
afterAll(async () => {
  await t.close();
});

const exportRows = (userId: number) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'user.legal_export'), eq(auditLog.targetId, String(userId))));

/** Every key at any depth of a JSON value. */
const keysOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(keysOf) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : [];

describe('the legal disclosure export', () => {
  let subject: Awaited<ReturnType<typeof fundedUser>>;
  const reason = 'النيابة العامة — طلب بيانات في القضية رقم 55 لسنة 2026';

  beforeAll(async () => {
    subject = await fundedUser(t, 5000, 'subject');
    const other = await signedUpUser(t, 'peer');
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: subject.auth, payload: { bio: 'أصمم الشعارات منذ عشر سنوات' } });
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: subject.auth,
      payload: { withUsername: other.username, body: 'مرحبًا، هل الخدمة متاحة؟' },
    });
    expect(sent.statusCode).toBe(201);
    const leak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: subject.auth,
      payload: { withUsername: other.username, body: 'كلمني على 0501234567' },
    });
    expect(leak.statusCode).toBe(400);
    // Two-factor on, so there is a TOTP secret and recovery codes that must never leave.
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: subject.auth });
    const secret = setup.json().secret as string;
    const on = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/2fa/enable',
      headers: subject.auth,
      payload: { code: totpAt(secret, stepOf(t.clock.now())) },
    });
    expect(on.statusCode).toBe(200);
  });

  it('downloads everything held about the user, audited once with the reference, and never a secret', async () => {
    const page = await adminPage.get(`/admin/users/${subject.id}`);
    expect(page.body).toContain(`action="/admin/users/${subject.id}/export"`);
    const r = await adminPage.post(`/admin/users/${subject.id}/export`, { reference: 'CO-2026/4411', reason });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.headers['content-disposition']).toBe(`attachment; filename=kafiil-user-${subject.id}-2026-11-25.json`);
    expect(r.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(r.body);
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining([
        'account',
        'profile',
        'sessions',
        'logins',
        'services',
        'orders',
        'reviews',
        'messages',
        'wallet',
        'contactAttempts',
        'moderationCases',
        'sanctions',
        'reports',
        'tickets',
      ]),
    );
    expect(data.request).toEqual({ reference: 'CO-2026/4411', reason });
    expect(data.account).toMatchObject({
      id: subject.id,
      username: subject.username,
      email: subject.email,
      roles: [],
      verified: true,
      deactivated: false,
      twoFactor: true,
      termsVersion: 1,
      privacyVersion: 1,
    });
    expect(data.account.policyAcceptances.map((a: { policy: string }) => a.policy).sort()).toEqual(['privacy', 'terms']);
    expect(data.profile.bio).toBe('أصمم الشعارات منذ عشر سنوات');
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.logins.length).toBeGreaterThan(0);
    expect(data.messages.map((m: { body: string }) => m.body)).toEqual(['مرحبًا، هل الخدمة متاحة؟']);
    expect(data.messages[0]).toEqual(expect.objectContaining({ conversationId: expect.any(Number), removedAt: null }));
    expect(data.contactAttempts).toEqual([expect.objectContaining({ context: 'message', found: [{ kind: 'phone', text: '0501234567' }] })]);
    expect(data.wallet.balances).toEqual(expect.arrayContaining([{ kind: 'available', balanceCents: 5000 }]));
    expect(
      data.wallet.ledger.some((e: { account: string; amountCents: number }) => e.account === 'available' && e.amountCents === 5000),
    ).toBe(true);
    expect(data.wallet.deposits).toEqual([expect.objectContaining({ amountCents: 5000, status: 'paid' })]);
    expect(data.orders).toEqual({ asBuyer: [], asSeller: [] });

    // Never a secret: no such key at any depth, and none of the stored values.
    const keys = keysOf(data);
    expect(keys.filter((k) => /password|hash|totp|secret|recovery|token/i.test(k))).toEqual([]);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, subject.id));
    const tokenHashes = (await t.deps.db.select().from(sessions).where(eq(sessions.userId, subject.id))).map((s) => s.tokenHash);
    expect(row.totpSecret).toBeTruthy();
    for (const secret of [
      row.passwordHash,
      row.totpSecret as string,
      ...row.recoveryCodes,
      subject.token,
      sha256(subject.token),
      ...tokenHashes,
    ]) {
      expect(r.body).not.toContain(secret);
    }

    const audited = await exportRows(subject.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: admin.id, targetType: 'user', data: { reference: 'CO-2026/4411', reason } });
  });

  it('refuses a missing reference, a short reason, other staff and unknown users, keeping what was typed', async () => {
    const before = (await exportRows(subject.id)).length;
    const missing = await adminPage.post(`/admin/users/${subject.id}/export`, { reference: '  ', reason });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-disposition']).toBeUndefined();
    expect(testId(missing.body, 'error-reference')).toBe('اكتب مرجع الطلب القانوني (من 3 إلى 200 حرف).');
    expect(missing.body).toContain(`>${reason}</textarea>`);
    const short = await adminPage.post(`/en/admin/users/${subject.id}/export`, { reference: 'CO-1', reason: 'police' });
    expect(short.statusCode).toBe(400);
    expect(testId(short.body, 'error-reason')).toBe('Enter the requesting authority and the reason (10 to 2000 characters).');
    expect(short.body).toMatch(/name="reference"[^>]*value="CO-1"/);

    const modView = await modPage.get(`/admin/users/${subject.id}`);
    expect(modView.statusCode).toBe(200);
    expect(modView.body).not.toContain('/export"');
    const mod = await modPage.post(`/admin/users/${subject.id}/export`, { reference: 'CO-2026/4411', reason });
    expect(mod.statusCode).toBe(403);
    expect(testId(mod.body, 'form-error')).toBe('ليس لديك صلاحية لهذا.');
    expect(mod.headers['content-disposition']).toBeUndefined();

    const userPage = await signedIn(plain);
    await userPage.get('/account');
    expect((await userPage.post(`/admin/users/${subject.id}/export`, { reference: 'CO-2026/4411', reason })).statusCode).toBe(403);

    const unknown = await adminPage.post('/admin/users/999999/export', { reference: 'CO-2026/4411', reason });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('الحساب غير موجود.');
    expect(await exportRows(subject.id)).toHaveLength(before);
    expect(await exportRows(999999)).toHaveLength(0);
  });

  it('answers POST /api/v1/admin/users/{id}/export for admins, with the same audit', async () => {
    const before = (await exportRows(subject.id)).length;
    const url = `/api/v1/admin/users/${subject.id}/export`;
    const ok = await t.app.inject({ method: 'POST', url, headers: admin.auth, payload: { reference: 'SUB-77', reason } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const data = ok.json();
    expect(data.account.username).toBe(subject.username);
    expect(data.wallet.balances).toEqual(expect.arrayContaining([{ kind: 'available', balanceCents: 5000 }]));
    expect(data.account.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(keysOf(data).filter((k) => /password|hash|totp|secret|recovery|token/i.test(k))).toEqual([]);
    const rows = await exportRows(subject.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)?.data).toEqual({ reference: 'SUB-77', reason });

    const noRef = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...admin.auth, 'accept-language': 'en' },
      payload: { reference: '', reason },
    });
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json().errors).toEqual([
      { field: 'reference', code: 'admin.export_reference_invalid', message: 'Enter the legal request reference (3 to 200 characters).' },
    ]);
    const mod = await t.app.inject({ method: 'POST', url, headers: moderator.auth, payload: { reference: 'SUB-77', reason } });
    expect(mod.statusCode).toBe(403);
    const user = await t.app.inject({ method: 'POST', url, headers: plain.auth, payload: { reference: 'SUB-77', reason } });
    expect(user.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users/999999/export',
      headers: admin.auth,
      payload: { reference: 'SUB-77', reason },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('account.not_found');
    expect(await exportRows(subject.id)).toHaveLength(before + 1);
  });
});

describe("each module's part of the export", () => {
  const DAY = 86_400_000;
  const reason = 'طلب من الجهة المختصة بالتحقيق في القضية رقم 91 لسنة 2026';
  type User = Awaited<ReturnType<typeof fundedUser>>;
  let subject: User;
  let peer: User;
  /** What each of the two made, by name: the subject's must be in their export, the peer's must not. */
  const made: Record<'subject' | 'peer', Record<string, number>> = { subject: {}, peer: {} };
  let helpSlugs: string[];
  let blogArticleId: number;

  const actor = async (u: { token: string }): Promise<AuthUser> => {
    const a = await t.services.accounts.resolveSession(u.token, 'api');
    if (!a) throw new Error('no session');
    return a;
  };
  const upload = async (u: User, bytes: Buffer, name: string, purpose?: string) => {
    const m = multipart([
      ...(purpose ? [{ name: 'purpose', value: purpose }] : []),
      { name: 'file', filename: name, type: 'image/png', bytes },
    ]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...u.auth, 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };
  const png = (background: string) =>
    sharp({ create: { width: 48, height: 36, channels: 3, background } })
      .png()
      .toBuffer();
  const attachment = async (u: User, name: string) =>
    (await t.services.files.saveAttachment(u.id, { name, bytes: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) })).id;
  const exportOf = async (userId: number) => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${userId}/export`,
      headers: admin.auth,
      payload: { reference: 'INV-91/2026', reason },
    });
    expect(r.statusCode, r.body).toBe(200);
    return { data: r.json(), body: r.body };
  };
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

  beforeAll(async () => {
    subject = await fundedUser(t, 10_000, 'xsubj');
    peer = await fundedUser(t, 10_000, 'xpeer');
    // Two-factor on, so there is a TOTP secret and recovery codes that must never leave.
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/setup', headers: subject.auth });
    const code = totpAt(setup.json().secret as string, stepOf(t.clock.now()));
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/me/2fa/enable', headers: subject.auth, payload: { code } })).statusCode,
    ).toBe(200);
    const mod = await actor(moderator);
    const cat = await categoryIdsBySlug(t);
    const [top] = await t.services.catalog.categoryTree();
    const leafId = top.children[0].id;
    const image = await smallPng();
    const pair = [
      ['subject', subject, peer],
      ['peer', peer, subject],
    ] as const;

    // Projects: each posts one (approved) and bids on the other's.
    for (const [who, u] of pair) {
      const p = await t.services.projects.create(
        await actor(u),
        {
          title: `تصميم هوية بصرية كاملة لمتجر ${who === 'subject' ? 'العطور' : 'القهوة'}`,
          description:
            'نحتاج إلى تصميم هوية بصرية كاملة لمتجر إلكتروني جديد: شعار وألوان وخطوط ونماذج لمنشورات التواصل الاجتماعي وبطاقات العمل، مع دليل استخدام واضح للهوية.',
          categoryId: leafId,
          skills: ['تصميم شعارات'],
          budgetMinCents: 10_000,
          budgetMaxCents: 25_000,
          expectedDays: 10,
        },
        { submit: true },
      );
      await t.services.projects.approve(mod, p.id);
      made[who].project = p.id;
    }
    for (const [who, u] of pair) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/projects/${made[who === 'subject' ? 'peer' : 'subject'].project}/bids`,
        headers: u.auth,
        payload: {
          amountCents: 20_000,
          days: 5,
          proposal: `أستطيع تنفيذ هذا المشروع بجودة عالية (عرض ${who})، لدي خبرة خمس سنوات في المجال نفسه وأعمال سابقة مشابهة.`,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      made[who].bid = r.json().id;
    }

    // Contests: each holds one (approved) and enters the other's, comments on its thread and notes on the entry.
    for (const [who, u] of pair) {
      const c = await t.services.contests.create(
        await actor(u),
        {
          title: who === 'subject' ? 'شعار لمقهى في الرياض' : 'شعار لمخبز في جدة',
          description: 'نريد شعارًا بسيطًا وواضحًا يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2),
          categoryId: cat['logo-design'],
          prizesCents: [2_000],
          entryDays: 7,
          deliveryDays: 3,
          blind: false,
        },
        { publish: true },
      );
      await t.services.contests.approve(mod, c.id);
      made[who].contest = c.id;
    }
    for (const [who, u] of pair) {
      const theirs = made[who === 'subject' ? 'peer' : 'subject'].contest;
      const a = await actor(u);
      const e = await t.services.contestEntries.enter(a, theirs, {
        description: `مشاركة ${who}`,
        fileIds: [await attachment(u, 'entry.pdf')],
      });
      made[who].entry = e.id;
      made[who].comment = (await t.services.contestComments.comment(a, theirs, { body: `تعليق عام من ${who}` })).id;
      made[who].note = (await t.services.contestNotes.note(a, e.id, { body: `ملاحظة خاصة من ${who}` })).id;
    }
    // The deadline passes; each owner picks the other's entry, and the subject hands over the place they won.
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    for (const [who, u] of pair) {
      const [award] = await t.services.contestEntries.pick(await actor(u), made[who].contest, [
        { place: 1, entryId: made[who === 'subject' ? 'peer' : 'subject'].entry },
      ]);
      made[who].awardGiven = award.id;
    }
    await t.services.contestEntries.deliver(await actor(subject), made.peer.awardGiven, {
      note: 'الملفات النهائية بصيغة SVG',
      fileIds: [await attachment(subject, 'final.pdf')],
    });

    // Works: each publishes one and likes the other's.
    for (const [who, u] of pair) {
      const w = await t.services.works.create(
        await actor(u),
        {
          title: who === 'subject' ? 'هوية بصرية لمقهى في جدة' : 'هوية بصرية لمخبز في مكة',
          description: 'صممت الشعار والألوان والخطوط وأكواب القهوة واللافتة، مع دليل استخدام للهوية.',
          categoryId: leafId,
          skills: ['شعار'],
          imageIds: [await upload(u, image, 'work.png', 'work_image')],
        },
        { publish: true },
      );
      made[who].work = w.id;
    }
    await t.services.workEngagement.like(await actor(subject), made.peer.work);
    await t.services.workEngagement.like(await actor(peer), made.subject.work);

    // Identity verification: each asks, with a document and a selfie.
    for (const [who, u] of pair) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/verification',
        headers: u.auth,
        payload: {
          documentKind: 'national_id',
          fullName: who === 'subject' ? 'محمد أحمد علي' : 'سارة خالد عمر',
          documentFileId: await upload(u, await png('#246'), 'id.png'),
          selfieFileId: await upload(u, await png('#642'), 'me.png'),
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      made[who].verification = r.json().id;
    }

    // Favourites: the subject saves the peer's project, the peer saves the subject (a freelancer).
    await t.services.favorites.add(await actor(subject), 'project', made.peer.project);
    await t.services.favorites.add(await actor(peer), 'user', subject.id);

    // The help centre: each answers "was this helpful?" on a different article.
    helpSlugs = (await t.services.help.byTopic()).flatMap((topic) => topic.articles.map((a) => a.slug)).slice(0, 2);
    expect(helpSlugs).toHaveLength(2);
    for (const [i, u] of [subject, peer].entries()) {
      const r = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/help/${helpSlugs[i]}/vote`,
        headers: u.auth,
        payload: { helpful: i === 0 },
      });
      expect(r.statusCode, r.body).toBe(200);
    }

    // The blog: the admin writes an article (a draft).
    blogArticleId = (
      await t.services.blog.create(
        await actor(admin),
        { slug: 'export-draft', category: 'kafiil', titleAr: 'مسودة عن التصدير', bodyAr: 'نص المسودة' },
        { publish: false },
      )
    ).id;
  }, 120_000);

  it("holds the user's projects, contests, works, verification requests, favourites and help votes, and none of another user's", async () => {
    const { data, body } = await exportOf(subject.id);
    expect(Object.keys(data).sort()).toEqual(
      [
        'exportedAt',
        'exportedBy',
        'request',
        'account',
        'profile',
        'sessions',
        'logins',
        'identities',
        'services',
        'orders',
        'reviews',
        'conversations',
        'messages',
        'wallet',
        'contactAttempts',
        'moderationCases',
        'sanctions',
        'moderatedContent',
        'reports',
        'tickets',
        'projects',
        'contests',
        'works',
        'verification',
        'favorites',
        'help',
        'blog',
        'community',
        'referrals',
        'promotions',
      ].sort(),
    );
    // No promotion of theirs (the promotions module's own test holds one that is).
    expect(data.promotions).toEqual([]);
    const mine = made.subject;
    const theirs = made.peer;

    expect(ids(data.projects.posted)).toEqual([mine.project]);
    expect(data.projects.posted[0]).toMatchObject({ status: 'open', budgetMinCents: 10_000 });
    expect(ids(data.projects.bids)).toEqual([mine.bid]);
    expect(data.projects.bids[0]).toMatchObject({ projectId: theirs.project, amountCents: 20_000, status: 'active' });

    expect(ids(data.contests.held)).toEqual([mine.contest]);
    expect(data.contests.held[0]).toMatchObject({ prizesCents: [2_000], status: 'awarding' });
    expect(ids(data.contests.entries)).toEqual([mine.entry]);
    expect(data.contests.entries[0]).toMatchObject({ contestId: theirs.contest, description: 'مشاركة subject' });
    expect(data.contests.comments).toEqual([expect.objectContaining({ id: mine.comment, body: 'تعليق عام من subject', entryId: null })]);
    expect(data.contests.privateNotes).toEqual([
      expect.objectContaining({ id: mine.note, body: 'ملاحظة خاصة من subject', entryId: mine.entry }),
    ]);
    expect(data.contests.handovers.asWinner).toEqual([
      expect.objectContaining({
        id: theirs.awardGiven,
        winnerId: subject.id,
        status: 'delivered',
        handoverNote: 'الملفات النهائية بصيغة SVG',
      }),
    ]);
    expect(data.contests.handovers.asOwner).toEqual([
      expect.objectContaining({ id: mine.awardGiven, contestId: mine.contest, winnerId: peer.id, status: 'handover' }),
    ]);

    expect(ids(data.works.items)).toEqual([mine.work]);
    expect(data.works.items[0]).toMatchObject({ status: 'published', likesCount: 1 });
    expect(data.works.likesGiven).toEqual([{ workId: theirs.work, createdAt: expect.any(String) }]);

    expect(data.verification.requests).toEqual([
      expect.objectContaining({
        id: mine.verification,
        status: 'pending',
        documentKind: 'national_id',
        fullName: 'محمد أحمد علي',
        documentFileId: expect.any(Number),
        selfieFileId: expect.any(Number),
      }),
    ]);
    expect(data.favorites).toEqual([expect.objectContaining({ kind: 'project', targetId: theirs.project })]);
    expect(data.help.votes).toEqual([expect.objectContaining({ slug: helpSlugs[0], helpful: true })]);
    expect(data.blog).toEqual({ articles: [] });

    // None of the peer's own (their project's title is there only as the favourite's snapshot): their bid, contest,
    // entry, comment, note, work, name on the document, vote.
    for (const text of ['عرض peer', 'شعار لمخبز في جدة', 'مشاركة peer', 'تعليق عام من peer', 'ملاحظة خاصة من peer']) {
      expect(body).not.toContain(text);
    }
    for (const text of ['هوية بصرية لمخبز في مكة', 'سارة خالد عمر', helpSlugs[1]]) expect(body).not.toContain(text);

    // Still never a secret, in any part.
    expect(keysOf(data).filter((k) => /password|hash|totp|secret|recovery|token/i.test(k))).toEqual([]);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, subject.id));
    const tokenHashes = (await t.deps.db.select().from(sessions).where(eq(sessions.userId, subject.id))).map((s) => s.tokenHash);
    expect(row.totpSecret).toBeTruthy();
    for (const secret of [
      row.passwordHash,
      row.totpSecret as string,
      ...row.recoveryCodes,
      subject.token,
      sha256(subject.token),
      ...tokenHashes,
    ]) {
      expect(body).not.toContain(secret);
    }
    expect(await exportRows(subject.id)).toHaveLength(1);
  });

  it("holds the peer's part for the peer, and a staff member's blog articles for them", async () => {
    const { data } = await exportOf(peer.id);
    expect(ids(data.projects.posted)).toEqual([made.peer.project]);
    expect(ids(data.contests.entries)).toEqual([made.peer.entry]);
    expect(data.contests.handovers.asOwner.map((h: { id: number }) => h.id)).toEqual([made.peer.awardGiven]);
    expect(data.favorites).toEqual([expect.objectContaining({ kind: 'user', targetId: subject.id })]);
    expect(data.help.votes).toEqual([expect.objectContaining({ slug: helpSlugs[1], helpful: false })]);

    const staff = (await exportOf(admin.id)).data;
    expect(staff.blog.articles).toEqual([
      expect.objectContaining({ id: blogArticleId, slug: 'export-draft', status: 'draft', titleAr: 'مسودة عن التصدير' }),
    ]);
    expect(staff.projects).toEqual({ posted: [], bids: [] });
    expect(staff.verification).toEqual({ requests: [] });
  });

  it('holds both sides of a referral: who referred the user, and the referrals the peer made without the referred person’s identity', async () => {
    // The subject signed up without a referrer; a referral row as the sign-up would have written it (peer referred them).
    const at = await t.deps.db.transaction((tx) =>
      t.services.referrals.recordAtSignup(tx, {
        userId: subject.id,
        username: subject.username,
        email: subject.email,
        referrer: peer.username,
        ip: null,
      }),
    );
    expect(at).toBe(peer.id);
    const mine = (await exportOf(subject.id)).data.referrals;
    expect(mine).toEqual({ made: [], referredBy: expect.objectContaining({ referrerId: peer.id, signedUpAt: expect.any(String) }) });
    const { data, body } = await exportOf(peer.id);
    expect(data.referrals.referredBy).toBeNull();
    expect(data.referrals.made).toEqual([expect.objectContaining({ flagged: null, rewardedCents: 0, rewards: [] })]);
    // Nothing that names the referred person: not their id, username or e-mail.
    expect(JSON.stringify(data.referrals)).not.toContain(subject.username);
    expect(JSON.stringify(data.referrals)).not.toContain(subject.email);
    expect(Object.keys(data.referrals.made[0]).sort()).toEqual(['flagged', 'referralId', 'rewardedCents', 'rewards', 'signedUpAt']);
    expect(body).toBeTruthy();
  });

  it("holds the user's community topics, comments, their earlier versions, votes given and follows — not another's", async () => {
    const call = async (u: { auth: Record<string, string> }, method: 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) => {
      const r = await t.app.inject({ method, url, headers: u.auth, payload });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json();
    };
    const [general] = await t.services.community.sections.all();
    const topic = await call(subject, 'POST', '/api/v1/community/topics', {
      sectionId: general.id,
      title: 'كيف أكتب وصفًا جيدًا لخدمتي؟',
      body: 'أريد نصائح عملية لكتابة وصف واضح لخدماتي يفهمه المشترون بسرعة.',
    });
    await call(subject, 'PATCH', `/api/v1/community/topics/${topic.id}`, { body: 'أريد نصائح عملية ومجربة لكتابة وصف واضح لخدماتي.' });
    const theirs = await call(peer, 'POST', `/api/v1/community/topics/${topic.id}/comments`, { body: 'ابدأ بما يحصل عليه المشتري.' });
    await call(subject, 'PUT', `/api/v1/community/votes/comment/${theirs.id}`);
    const { data, body } = await exportOf(subject.id);
    expect(ids(data.community.topics)).toEqual([topic.id]);
    expect(data.community.topics[0].body).toBe('أريد نصائح عملية ومجربة لكتابة وصف واضح لخدماتي.');
    expect(data.community.revisions).toEqual([
      expect.objectContaining({
        targetType: 'topic',
        targetId: topic.id,
        body: 'أريد نصائح عملية لكتابة وصف واضح لخدماتي يفهمه المشترون بسرعة.',
      }),
    ]);
    expect(data.community.comments).toEqual([]);
    expect(data.community.votesGiven).toEqual([expect.objectContaining({ targetType: 'comment', targetId: theirs.id })]);
    expect(body).not.toContain('ابدأ بما يحصل عليه المشتري.');
    const peers = (await exportOf(peer.id)).data.community;
    expect(ids(peers.comments)).toEqual([theirs.id]);
    expect(peers.topics).toEqual([]);
  });
});
