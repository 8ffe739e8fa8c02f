import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTestApp,
  PageClient,
  type Part,
  postMultipart,
  signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
} from '../../../test/helpers.ts';
import { auditLog, files } from '../../platform/db/tables.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { identityVerifiedAt } from '../accounts/index.ts';

// Identity verification (issue 17) through the pages: a user sends a document and a selfie, support staff approve or
// reject with a reason, the user sees it and may try again; the files are private to the user and support staff,
// every staff reading audited; each refusal is clear and leaves no file behind.

let t: TestApp;
type User = Awaited<ReturnType<typeof signedUpUser>>;
let supportUser: User;
let support: AuthUser;
let jpeg: Buffer;
let png: Buffer;
const pdf = Buffer.from('%PDF-1.4\n% an identity card scanned to PDF\n1 0 obj <<>> endobj\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const actor = async (u: { token: string }) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};
async function signIn(u: User, locale = ''): Promise<PageClient> {
  const b = new PageClient(t.app);
  await b.get(`${locale}/login`);
  const r = await b.post(`${locale}/login`, { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}
const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const filesDir = () => path.join(t.deps.config.dataDir, 'files');
const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;
const fileRowsOf = async (userId: number) => (await t.deps.db.select().from(files).where(eq(files.ownerId, userId))).length;
const verifiedAt = (userId: number) => identityVerifiedAt(t.deps.db, userId);
const notificationsOf = async (userId: number) => (await t.services.notifications.list(userId, { limit: 100 })).items;

/** The request form as a browser sends it. */
function requestParts(
  over: { kind?: string; name?: string; document?: Part | null; selfie?: Part | null; replace?: boolean } = {},
): Part[] {
  const parts: Part[] = [
    { name: 'documentKind', value: over.kind ?? 'national_id' },
    { name: 'fullName', value: over.name ?? 'محمد أحمد علي' },
  ];
  if (over.replace) parts.push({ name: 'replace', value: '1' });
  const doc = over.document === undefined ? { name: 'document', filename: 'id.jpg', type: 'image/jpeg', bytes: jpeg } : over.document;
  const selfie = over.selfie === undefined ? { name: 'selfie', filename: 'me.png', type: 'image/png', bytes: png } : over.selfie;
  if (doc) parts.push(doc);
  if (selfie) parts.push(selfie);
  return parts;
}
const send = (b: PageClient, over: Parameters<typeof requestParts>[0] = {}, locale = '') =>
  postMultipart(b, t.app, `${locale}/account/verification`, requestParts(over));
const latest = async (userId: number) => (await t.services.verification.statusOf(userId)).request;

beforeAll(async () => {
  t = await makeTestApp();
  supportUser = await staffUser(t, ['support'], 'vsup');
  support = await actor(supportUser);
  png = await smallPng();
  jpeg = await sharp({ create: { width: 64, height: 40, channels: 3, background: '#246' } })
    .jpeg()
    .toBuffer();
});
afterAll(async () => {
  await t.close();
});

describe('sending a request', () => {
  it('takes a document and a selfie with the name on the document, and shows the request under review with its due date', async () => {
    const u = await signedUpUser(t, 'vsend');
    const b = await signIn(u);
    const page = await b.get('/account/verification');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-status="none"');
    expect(page.body).toContain('enctype="multipart/form-data"');

    const r = await send(b);
    expect(r.statusCode, r.body).toBe(303);
    const after = await b.get('/account/verification');
    expect(after.body).toContain('data-status="pending"');
    expect(after.body).toContain('data-testid="verification-due"');
    // Sent on Wednesday 25 November 2026: three business days (Sunday–Thursday) later is Monday 30 November.
    const req = await latest(u.id);
    expect(req?.status).toBe('pending');
    expect(req?.dueAt.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(after.body).toContain('30 نوفمبر 2026');
    // No form while it is pending; the files are the user's own, private.
    expect(after.body).not.toContain('data-testid="verification-submit"');
    const stored = await t.services.files.byIds([req?.documentFileId ?? 0, req?.selfieFileId ?? 0]);
    expect(stored.map((f) => [f.purpose, f.type]).sort()).toEqual([
      ['identity', 'image/jpeg'],
      ['identity', 'image/png'],
    ]);
  });

  it('refuses each wrong request clearly, keeps what was typed, and leaves no file behind', async () => {
    const u = await signedUpUser(t, 'vbad');
    const b = await signIn(u);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    const gif = Buffer.from('474946383961010001000000002c00000000010001000002003b', 'hex');
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const big = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024, 0)]);
    const beforeRows = await fileRowsOf(u.id);
    const beforeStored = storedCount();
    const cases: [string, Parameters<typeof requestParts>[0], string, string][] = [
      [
        'a document that is an archive',
        { document: { name: 'document', filename: 'id.jpg', type: 'image/jpeg', bytes: zip } },
        'document',
        'verification.document_type',
      ],
      [
        'a GIF document',
        { document: { name: 'document', filename: 'id.gif', type: 'image/gif', bytes: gif } },
        'document',
        'verification.document_type',
      ],
      [
        'a web page named as a photo',
        { document: { name: 'document', filename: 'id.png', type: 'image/png', bytes: html } },
        'document',
        'verification.document_type',
      ],
      [
        'a PDF as the selfie',
        { selfie: { name: 'selfie', filename: 'me.pdf', type: 'application/pdf', bytes: pdf } },
        'selfie',
        'verification.selfie_type',
      ],
      [
        'a document over 10 MB',
        { document: { name: 'document', filename: 'id.jpg', type: 'image/jpeg', bytes: big } },
        'document',
        'verification.file_too_large',
      ],
      ['no document', { document: null }, 'document', 'verification.document_required'],
      ['no selfie', { selfie: null }, 'selfie', 'verification.selfie_required'],
      ['a one-word name', { name: 'محمد' }, 'fullName', 'verification.name_invalid'],
      ['a name with digits', { name: 'Mohamed 0100' }, 'fullName', 'verification.name_invalid'],
      ['another document', { kind: 'driving_licence' }, 'documentKind', 'verification.kind_invalid'],
    ];
    for (const [what, over, field, code] of cases) {
      const r = await send(b, over);
      expect(r.statusCode, what).toBe(400);
      expect(r.body, what).toContain(`data-testid="error-${field}"`);
      if (field !== 'fullName') expect(r.body, what).toContain('value="محمد أحمد علي"');
      expect(await fileRowsOf(u.id), what).toBe(beforeRows);
      expect(storedCount(), what).toBe(beforeStored);
      expect(code).toMatch(/^verification\./);
    }
    // The messages are the ones of each refusal.
    const r = await send(b, { selfie: { name: 'selfie', filename: 'me.pdf', type: 'application/pdf', bytes: pdf } });
    expect(r.body).toContain('الصورة الشخصية صورة فقط');
    expect(await latest(u.id)).toBeNull();
  });

  it('takes a PDF as the document (a scan), and refuses a second request while one is pending (409), leaving nothing', async () => {
    const u = await signedUpUser(t, 'vpdf');
    const b = await signIn(u);
    const first = await send(b, {
      kind: 'passport',
      document: { name: 'document', filename: 'passport.pdf', type: 'application/pdf', bytes: pdf },
    });
    expect(first.statusCode).toBe(303);
    const rows = await fileRowsOf(u.id);
    const stored = storedCount();
    const again = await send(b);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('لديك طلب توثيق قيد المراجعة');
    expect(await fileRowsOf(u.id)).toBe(rows);
    expect(storedCount()).toBe(stored);
  });

  it('refuses the form without its CSRF token', async () => {
    const u = await signedUpUser(t, 'vcsrf');
    const b = await signIn(u);
    b.csrf = 'forged';
    const r = await postMultipart(b, t.app, '/account/verification', requestParts()).catch(() => null);
    // postMultipart sends the client's token: a forged one is refused.
    expect(r?.statusCode).toBe(403);
    expect(await latest(u.id)).toBeNull();
  });

  it('asks a visitor to sign in', async () => {
    const r = await anonymous('/account/verification');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toContain('/login?next=');
  });
});

describe('who may open the files', () => {
  let owner: User;
  let requestId: number;
  beforeAll(async () => {
    owner = await signedUpUser(t, 'vown');
    expect((await send(await signIn(owner))).statusCode).toBe(303);
    requestId = (await latest(owner.id))?.id ?? 0;
  });

  it('serves them to their sender and support staff, private and never sniffed; support’s readings are audited with the address', async () => {
    const admin = await staffUser(t, ['admin'], 'vadm');
    for (const [u, audited] of [
      [owner, false],
      [supportUser, true],
      [admin, true],
    ] as const) {
      const b = await signIn(u);
      const doc = await b.get(`/account/verification/${requestId}/document`);
      expect(doc.statusCode).toBe(200);
      expect(sha(doc.rawPayload)).toBe(sha(jpeg));
      expect(doc.headers['cache-control']).toBe('private, no-store');
      expect(doc.headers['x-content-type-options']).toBe('nosniff');
      const selfie = await b.get(`/en/account/verification/${requestId}/selfie`);
      expect(sha(selfie.rawPayload)).toBe(sha(png));
      const reads = (await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'verification.file_read'))).filter(
        (a) => a.actorId === (audited ? (u === admin ? admin.id : support.id) : owner.id),
      );
      expect(reads.length).toBe(audited ? 2 : 0);
      if (audited) {
        expect(reads.map((a) => (a.data as { which: string }).which).sort()).toEqual(['document', 'selfie']);
        expect(
          reads.every((a) => a.targetType === 'verification_request' && a.targetId === String(requestId) && a.ip === '127.0.0.1'),
        ).toBe(true);
      }
    }
  });

  it('is not found for anyone else: another user, a moderator, finance staff, a visitor, an unknown request', async () => {
    const other = await signedUpUser(t, 'voth');
    const moderator = await staffUser(t, ['moderator'], 'vmod');
    const finance = await staffUser(t, ['finance'], 'vfin');
    const before = (await t.deps.db.select().from(auditLog)).length;
    for (const u of [other, moderator, finance]) {
      const b = await signIn(u);
      for (const which of ['document', 'selfie']) {
        const r = await b.get(`/account/verification/${requestId}/${which}`);
        expect(r.statusCode, `${u.username} ${which}`).toBe(404);
        expect(sha(r.rawPayload)).not.toBe(sha(jpeg));
      }
      expect((await b.get('/admin/verifications')).statusCode).toBe(403);
    }
    for (const which of ['document', 'selfie'])
      expect((await anonymous(`/account/verification/${requestId}/${which}`)).statusCode).toBe(404);
    const b = await signIn(supportUser);
    expect((await b.get(`/account/verification/${requestId + 1000}/document`)).statusCode).toBe(404);
    expect((await b.get('/account/verification/abc/document')).statusCode).toBe(404);
    expect((await t.deps.db.select().from(auditLog)).length).toBe(before);
  });
});

describe('staff’s decision', () => {
  it('shows the queue oldest first with the two files, the typed name beside the account’s, the hint, the age and the due date', async () => {
    const ali = await signedUpUser(t, 'vali');
    await t.services.accounts.updateProfile(await actor(ali), { displayName: 'Mohamed Ali' });
    const sara = await signedUpUser(t, 'vsara');
    expect((await send(await signIn(ali), { name: 'محمد أحمد علي حسن' })).statusCode).toBe(303);
    expect((await send(await signIn(sara), { name: 'خالد عمر' })).statusCode).toBe(303);
    const aliReq = (await latest(ali.id))?.id ?? 0;
    const saraReq = (await latest(sara.id))?.id ?? 0;
    t.clock.advance(5 * 86_400_000);
    const b = await signIn(supportUser);
    const page = await b.get('/admin/verifications');
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf(`request-${aliReq}`)).toBeLessThan(page.body.indexOf(`request-${saraReq}`));
    expect(page.body).toContain(`src="/account/verification/${aliReq}/document"`);
    expect(page.body).toContain(`src="/account/verification/${aliReq}/selfie"`);
    expect(page.body).toContain('محمد أحمد علي حسن');
    expect(page.body).toContain(`@${sara.username}`);
    expect(page.body).toMatch(new RegExp(`data-testid="hint-${saraReq}"[^>]*data-hint="check"`));
    expect(page.body).toMatch(new RegExp(`data-testid="hint-${aliReq}"[^>]*data-hint="likely_same"`));
    expect(page.body).toContain('تجاوز المهلة');
    // The admin dashboard counts what waits.
    const dash = await b.get('/admin');
    expect(dash.body).toMatch(/طلبات? توثيق|طلبا توثيق|طلب توثيق/);
    // In English too.
    const en = await b.get('/en/admin/verifications');
    expect(en.body).toContain('Identity verification');
    expect(en.body).toContain('Decide by');
  });

  it('approves: the badge is set, the user is told and sees it; then rejects a replacement with a reason, the badge staying', async () => {
    const u = await signedUpUser(t, 'vappr');
    const ub = await signIn(u);
    expect((await send(ub)).statusCode).toBe(303);
    const id = (await latest(u.id))?.id ?? 0;
    const sb = await signIn(supportUser);
    await sb.get('/admin/verifications');
    const ok = await sb.post(`/admin/verifications/${id}/approve`, { target: String(id) });
    expect(ok.statusCode).toBe(303);
    expect(await verifiedAt(u.id)).not.toBeNull();
    const twice = await sb.post(`/admin/verifications/${id}/approve`, { target: String(id) });
    expect(twice.statusCode).toBe(409);
    const types = (await notificationsOf(u.id)).map((n) => n.type);
    expect(types).toContain('verification.approved');
    const page = await ub.get('/account/verification');
    expect(page.body).toContain('data-status="approved"');
    expect(page.body).toContain('موثّق الهوية');
    expect(page.body).toContain('name="replace"');

    // Already verified: a plain request is refused; a replacement is taken, the badge stays meanwhile.
    const plain = await send(ub);
    expect(plain.statusCode).toBe(409);
    expect(plain.body).toContain('هويتك موثّقة');
    expect((await send(ub, { replace: true, kind: 'passport' })).statusCode).toBe(303);
    const replacement = await latest(u.id);
    expect([replacement?.status, replacement?.replacing]).toEqual(['pending', true]);
    expect(await verifiedAt(u.id)).not.toBeNull();

    // A reason too short is refused in its item, the typed reason kept.
    await sb.get('/admin/verifications');
    const short = await sb.post(`/admin/verifications/${replacement?.id}/reject`, { target: String(replacement?.id), reason: 'قديمة' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain(`data-testid="error-reason-${replacement?.id}"`);
    expect(short.body).toContain('قديمة</textarea>');
    const reason = 'صورة الجواز غير واضحة، أعد تصويرها في ضوء النهار';
    expect((await sb.post(`/admin/verifications/${replacement?.id}/reject`, { target: String(replacement?.id), reason })).statusCode).toBe(
      303,
    );
    expect(await verifiedAt(u.id)).not.toBeNull();
    const seen = await ub.get('/account/verification');
    expect(seen.body).toContain(reason);
    const audit = (await t.deps.db.select().from(auditLog)).filter((a) => a.targetType === 'verification_request');
    expect(audit.filter((a) => a.action === 'verification.approve').map((a) => a.targetId)).toContain(String(id));
    expect(audit.find((a) => a.action === 'verification.reject' && a.targetId === String(replacement?.id))?.actorId).toBe(support.id);
  });

  it('rejects with a reason the user reads, who then tries again and is approved; a replacement rejected with revoke removes the badge', async () => {
    const u = await signedUpUser(t, 'vretry');
    const ub = await signIn(u, '/en');
    expect((await send(ub, {}, '/en')).statusCode).toBe(303);
    const first = (await latest(u.id))?.id ?? 0;
    const me = await actor(u);
    const reason = 'The document is cut off: send a photo of the whole card.';
    await t.services.verification.reject(support, first, reason, { ip: '203.0.113.9', userAgent: null });
    const page = await ub.get('/en/account/verification');
    expect(page.body).toContain('data-status="rejected"');
    expect(page.body).toContain(reason);
    expect(page.body).toContain('Fix what the team said');
    const [n] = await notificationsOf(u.id);
    expect([n.type, (n.params as { reason: string }).reason]).toEqual(['verification.rejected', reason]);
    const mail = await t.mailTo(u.email);
    expect(mail.text).toContain(reason);

    expect((await send(ub, {}, '/en')).statusCode).toBe(303);
    const second = (await latest(u.id))?.id ?? 0;
    expect(second).not.toBe(first);
    await t.services.verification.approve(support, second, { ip: null, userAgent: null });
    expect(await verifiedAt(u.id)).not.toBeNull();

    const third = await t.services.verification.submitWithUploads(
      me,
      { documentKind: 'residence_card', fullName: 'Mohamed Ahmed', replace: true },
      { document: { name: 'card.pdf', bytes: pdf }, selfie: { name: 'me.png', bytes: png } },
    );
    await t.services.verification.reject(
      support,
      third.id,
      'The residence card has expired.',
      { ip: null, userAgent: null },
      { revoke: true },
    );
    expect(await verifiedAt(u.id)).toBeNull();
  });

  it('refuses a decision by anyone but support staff, on one’s own request, and on an unknown request', async () => {
    const u = await signedUpUser(t, 'vself');
    const me = await actor(u);
    const r = await t.services.verification.submitWithUploads(
      me,
      { documentKind: 'passport', fullName: 'Sara Ali' },
      { document: { name: 'p.jpg', bytes: jpeg }, selfie: { name: 's.png', bytes: png } },
    );
    const moderator = await actor(await staffUser(t, ['moderator'], 'vmod2'));
    await expect(t.services.verification.approve(moderator, r.id, { ip: null, userAgent: null })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(t.services.verification.approve(me, r.id, { ip: null, userAgent: null })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    const supportSelf = await staffUser(t, ['support'], 'vsupself');
    const mine = await t.services.verification.submitWithUploads(
      await actor(supportSelf),
      { documentKind: 'passport', fullName: 'Hana Omar' },
      { document: { name: 'p.jpg', bytes: jpeg }, selfie: { name: 's.png', bytes: png } },
    );
    await expect(t.services.verification.approve(await actor(supportSelf), mine.id, { ip: null, userAgent: null })).rejects.toMatchObject({
      code: 'verification.own_request',
    });
    await expect(t.services.verification.approve(support, 2_147_483_647, { ip: null, userAgent: null })).rejects.toMatchObject({
      code: 'verification.not_found',
    });
  });
});
