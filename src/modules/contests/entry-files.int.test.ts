import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
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
} from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { PREVIEW_MAX_SIDE } from '../../platform/watermark.ts';

// Contest entries' files (issue 16): the public sees watermarked previews made by the server; the original never
// leaves storage except to its author, the contest's owner and staff; files that are not images get a generic card.

let t: TestApp;
let mod: AuthUser;
let cat: Record<string, number>;
const DAY = 86_400_000;
type User = Awaited<ReturnType<typeof signedUpUser>>;

const actor = async (u: { token: string }) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};
async function signIn(u: User): Promise<PageClient> {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}
const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const filesDir = () => path.join(t.deps.config.dataDir, 'files');
const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;

/** A 1800 × 1200 photo-like picture: smooth colour gradients, no flat area. */
async function bigPicture(): Promise<Buffer> {
  const w = 1800;
  const h = 1200;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      raw[i] = Math.round((x / w) * 200) + 20;
      raw[i + 1] = Math.round((y / h) * 160) + 40;
      raw[i + 2] = 120;
    }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();
}

async function openContest(owner: AuthUser, blind: boolean) {
  const c = await t.services.contests.create(
    owner,
    {
      title: 'شعار لمكتبة في جدة',
      description: 'نريد شعارًا لمكتبة صغيرة للأطفال، بألوان مبهجة وخط عربي واضح يصلح للافتة والأكياس ووسائل التواصل. '.repeat(2),
      categoryId: cat['logo-design'],
      prizesCents: [2_000],
      entryDays: 7,
      deliveryDays: 3,
      blind,
    },
    { publish: true },
  );
  return t.services.contests.approve(mod, c.id);
}

const attach = async (who: AuthUser, name: string, bytes: Buffer) => t.services.files.saveAttachment(who.id, { name, bytes });
const description = 'شعار بحروف ملونة وكتاب مفتوح';

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'pmod'));
});
afterAll(async () => {
  await t.close();
});

describe('an entry’s files', () => {
  let ownerUser: User;
  let authorUser: User;
  let otherUser: User;
  let supportUser: User;
  let financeUser: User;
  let author: AuthUser;
  let original: Buffer;
  let imageRow: { id: number; publicId: string };
  let pdfId: number;
  let entryId: number;

  beforeAll(async () => {
    ownerUser = await fundedUser(t, 5_000, 'pown');
    authorUser = await signedUpUser(t, 'pauth');
    otherUser = await signedUpUser(t, 'poth');
    supportUser = await staffUser(t, ['support'], 'psup');
    financeUser = await staffUser(t, ['finance'], 'pfin');
    author = await actor(authorUser);
    const c = await openContest(await actor(ownerUser), false);
    original = await bigPicture();
    const image = await attach(author, 'logo.png', original);
    imageRow = image;
    pdfId = (await attach(author, 'الهوية.pdf', Buffer.from('%PDF-1.4\n% the brand book\n'))).id;
    entryId = (await t.services.contestEntries.enter(author, c.id, { description, fileIds: [image.id, pdfId] })).id;
  });

  it('gives the image a watermarked preview, smaller than the original and plainly not it; the PDF a card', async () => {
    const [img, pdf] = await t.services.files.byIds([imageRow.id, pdfId]).then((rs) => rs.sort((a, b) => a.id - b.id));
    expect(img.previewKey).toBeTruthy();
    expect(pdf.previewKey).toBeNull();

    const cards = await t.services.contestFiles.ofEntry(null, entryId);
    expect(cards).toEqual([
      { kind: 'image', fileId: img.id, preview: `/files/${img.publicId}/preview`, original: null },
      { kind: 'file', fileId: pdf.id, name: 'الهوية.pdf', size: pdf.size, original: null },
    ]);

    const r = await anonymous(`/files/${img.publicId}/preview`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/webp');
    expect(r.headers['cache-control']).toBe('public, max-age=300');
    expect(r.headers['set-cookie']).toBeUndefined();
    const preview = r.rawPayload;
    expect(sha(preview)).not.toBe(sha(original));

    const meta = await sharp(preview).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', PREVIEW_MAX_SIDE, 800]);

    // Pixel by pixel against the original at the same size: the watermark's rows change a good share of the
    // pixels by far more than the encoding does (about 5% here; its lines alone, on a server without fonts, 3%).
    const seen = await sharp(preview).removeAlpha().raw().toBuffer();
    const plain = await sharp(original).resize({ width: meta.width, height: meta.height }).removeAlpha().raw().toBuffer();
    expect(seen.length).toBe(plain.length);
    let marked = 0;
    for (let i = 0; i < seen.length; i += 3) {
      const d = Math.max(Math.abs(seen[i] - plain[i]), Math.abs(seen[i + 1] - plain[i + 1]), Math.abs(seen[i + 2] - plain[i + 2]));
      if (d > 40) marked++;
    }
    const share = marked / (seen.length / 3);
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.6);
  });

  it('serves the original only to its author, the contest’s owner and staff who read private files', async () => {
    const url = `/contests/entries/${entryId}/files/${imageRow.id}`;
    const anon = await anonymous(url);
    expect(anon.statusCode).toBe(404);
    expect(anon.body).not.toContain(original.subarray(0, 64).toString('latin1'));
    for (const u of [otherUser, financeUser]) expect((await (await signIn(u)).get(url)).statusCode).toBe(404);

    for (const u of [authorUser, ownerUser, supportUser]) {
      const r = await (await signIn(u)).get(url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe('private, no-store');
      expect(sha(r.rawPayload)).toBe(sha(original));
    }
    // The PDF as well, as a download; an id that is not the entry's is not found.
    const pdf = await (await signIn(ownerUser)).get(`/contests/entries/${entryId}/files/${pdfId}`);
    expect([pdf.statusCode, pdf.headers['content-disposition']?.toString().startsWith('attachment')]).toEqual([200, true]);
    expect((await (await signIn(authorUser)).get(`/contests/entries/${entryId}/files/${pdfId + 1000}`)).statusCode).toBe(404);

    // The staff reading is in the audit log; the parties' are not.
    const support = await actor(supportUser);
    const rows = await t.deps.db.select().from(auditLog);
    const reads = rows.filter((a) => a.action === 'file.read' && a.targetType === 'contest_entry' && a.targetId === String(entryId));
    expect(reads.map((a) => a.actorId)).toEqual([support.id]);

    // Nor is the original at the site's image addresses, which serve service images only.
    for (const u of [`/files/${imageRow.publicId}`, `/files/${imageRow.publicId}/thumb`]) expect((await anonymous(u)).statusCode).toBe(404);
    // A card for those who may open the originals carries their addresses.
    const cards = await t.services.contestFiles.ofEntry(author, entryId);
    expect(cards.map((x) => x.original)).toEqual([url, `/contests/entries/${entryId}/files/${pdfId}`]);
  });

  it('has no preview for a file that is not an image, nor for a broken one, and stores nothing for them', async () => {
    const before = storedCount();
    expect(await t.services.files.saveWatermarkedPreview(pdfId)).toBeNull();
    const broken = await attach(author, 'broken.png', Buffer.concat([(await smallPng()).subarray(0, 40), Buffer.alloc(200, 7)]));
    expect(storedCount()).toBe(before + 1);
    expect(await t.services.files.saveWatermarkedPreview(broken.id)).toBeNull();
    expect(storedCount()).toBe(before + 1);
    expect((await anonymous(`/files/${(await t.services.files.byIds([pdfId]))[0].publicId}/preview`)).statusCode).toBe(404);
  });
});

describe('a preview is public only through a visible entry', () => {
  it('is not public for an attachment in no entry, even once it has a preview; made twice at once, one is kept', async () => {
    const u = await actor(await signedUpUser(t, 'pmsg'));
    const f = await attach(u, 'photo.png', await smallPng());
    const before = storedCount();
    const [a, b] = await Promise.all([t.services.files.saveWatermarkedPreview(f.id), t.services.files.saveWatermarkedPreview(f.id)]);
    expect(a?.previewKey).toBeTruthy();
    expect(b?.previewKey).toBe(a?.previewKey);
    // The one preview kept is the only new bytes in storage: the other request's were removed.
    expect(storedCount()).toBe(before + 1);
    expect((await anonymous(`/files/${f.publicId}/preview`)).statusCode).toBe(404);
    expect((await anonymous(`/files/not-a-public-id/preview`)).statusCode).toBe(404);
  });

  it('in a blind contest, only once entries close; never for a withdrawn entry', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'pblind'));
    const authorUser = await signedUpUser(t, 'pba');
    const a = await actor(authorUser);
    const c = await openContest(owner, true);
    const kept = await attach(a, 'kept.png', await smallPng());
    const gone = await attach(a, 'gone.png', await smallPng());
    const e = await t.services.contestEntries.enter(a, c.id, { description, fileIds: [kept.id] });
    const w = await t.services.contestEntries.enter(a, c.id, { description, fileIds: [gone.id] });
    await t.services.contestEntries.withdraw(a, w.id);

    expect((await anonymous(`/files/${kept.publicId}/preview`)).statusCode).toBe(404);
    await expect(t.services.contestFiles.ofEntry(null, e.id)).rejects.toMatchObject({ code: 'contest.entry_not_found' });
    // The author still sees their entry, with the original instead of the (not yet public) preview.
    expect(await t.services.contestFiles.ofEntry(a, e.id)).toEqual([
      { kind: 'image', fileId: kept.id, preview: null, original: `/contests/entries/${e.id}/files/${kept.id}` },
    ]);

    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    expect((await t.services.contests.get(c.id, null)).status).toBe('judging');
    expect((await anonymous(`/files/${kept.publicId}/preview`)).statusCode).toBe(200);
    expect((await anonymous(`/files/${gone.publicId}/preview`)).statusCode).toBe(404);
    expect((await anonymous(`/contests/entries/${e.id}/files/${kept.id}`)).statusCode).toBe(404);
  });

  it('refuses a file whose name, shown on the public card, holds contact details', async () => {
    const owner = await actor(await fundedUser(t, 5_000, 'pname'));
    const a = await actor(await signedUpUser(t, 'pna'));
    const c = await openContest(owner, false);
    const f = await attach(a, 'call 0501234567.pdf', Buffer.from('%PDF-1.4\n% x\n'));
    await expect(t.services.contestEntries.enter(a, c.id, { description, fileIds: [f.id] })).rejects.toMatchObject({
      fields: { fileIds: 'contest.file_name_contact' },
    });
    expect((await t.services.contests.get(c.id, null)).entriesCount).toBe(0);
  });
});
