import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  PageClient,
  postMultipart,
  signedInPage,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { files } from '../../platform/db/tables.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { contests } from './schema.ts';

// A contest's brief files through the web form (kept, removed, shown and served with the contest), its views (once
// per viewer and day, never the owner's, counted in batches) and its owner's card (issue 16).

let t: TestApp;
let cat: Record<string, number>;
let mod: AuthUser;

const actor = async (u: { token: string }) => {
  const x = await t.services.accounts.resolveSession(u.token, 'api');
  if (!x) throw new Error('no session');
  return x;
};
const typed = () => ({
  title: 'شعار لمقهى على البحر',
  categoryId: String(cat['logo-design']),
  description: 'نريد شعارًا بسيطًا لمقهى صغير على البحر، يظهر على الأكواب واللافتة ووسائل التواصل، بألوان البحر. '.repeat(2),
  prize1: '40',
  entryDays: '10',
  deliveryDays: '3',
});
const fields = (v: Record<string, string>) => Object.entries(v).map(([name, value]) => ({ name, value }));
const pdf = (name: string) => ({
  name: 'files',
  filename: name,
  type: 'application/pdf',
  bytes: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`),
});

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'bvmod'));
});
afterAll(async () => {
  await t.close();
});

describe('a contest’s brief files through its form', () => {
  it('keeps what was typed on a refusal without leaving files behind, saves a draft with its files, removes a ticked one', async () => {
    const raw = await fundedUser(t, 10_000, 'bvown');
    const owner = await actor(raw);
    const page = await signedInPage(t, raw);
    const form = await page.get('/contests/new');
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('data-testid="brief-files"');

    // A title too short: refused with what was typed, and the file this request stored is gone again.
    const refused = await postMultipart(page, t.app, '/contests/new', [
      ...fields({ ...typed(), title: 'قصير', action: 'publish' }),
      pdf('brief.pdf'),
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('نريد شعارًا بسيطًا لمقهى صغير');
    expect(await t.services.contests.byOwner(owner.id)).toHaveLength(0);
    expect(await t.deps.db.select().from(files).where(eq(files.ownerId, owner.id))).toHaveLength(0);

    // Saved as a draft with two files: both are the contest's, listed on its form with a way to remove each.
    const saved = await postMultipart(page, t.app, '/contests/new', [
      ...fields({ ...typed(), action: 'draft' }),
      pdf('الوصف الكامل.pdf'),
      pdf('references.pdf'),
    ]);
    expect(saved.statusCode).toBe(303);
    const [k] = await t.services.contests.byOwner(owner.id);
    expect(k.fileIds).toHaveLength(2);
    const edit = await page.get(`/contests/${k.id}/edit`);
    const kept = edit.body.slice(edit.body.indexOf('data-testid="kept-files"'));
    expect(kept).toContain('الوصف الكامل.pdf');
    expect(kept).toContain('references.pdf');
    expect(kept.match(/name="removeFile"/g)).toHaveLength(2);

    // A stranger cannot open a draft's file; its owner can.
    const stranger = await signedInPage(t, await signedUpUser(t, 'bvstr'));
    expect((await stranger.get(`/contests/${k.id}/files/${k.fileIds[0]}`)).statusCode).toBe(404);
    expect((await page.get(`/contests/${k.id}/files/${k.fileIds[0]}`)).statusCode).toBe(200);

    // The second one ticked for removal: the draft keeps the first, and the removed file is gone from storage.
    const [keep, drop] = k.fileIds;
    const edited = await postMultipart(page, t.app, `/contests/${k.id}/edit`, [
      ...fields({ ...typed(), action: 'draft' }),
      { name: 'fileIds', value: String(keep) },
      { name: 'fileIds', value: String(drop) },
      { name: 'removeFile', value: String(drop) },
    ]);
    expect(edited.statusCode).toBe(303);
    const [after] = await t.services.contests.byOwner(owner.id);
    expect(after.fileIds).toEqual([keep]);
    expect(await t.services.files.read(drop)).toBeNull();
    expect(await t.services.files.read(keep)).not.toBeNull();
  });

  it('shows the brief’s files on the live contest’s page and serves them to anyone; a file not in the brief is not found', async () => {
    const raw = await fundedUser(t, 10_000, 'bvpub');
    const owner = await actor(raw);
    const page = await signedInPage(t, raw);
    const res = await postMultipart(page, t.app, '/contests/new', [...fields({ ...typed(), action: 'publish' }), pdf('brief-en.pdf')]);
    expect(res.statusCode).toBe(303);
    const [k] = await t.services.contests.byOwner(owner.id);
    expect(k.status).toBe('pending');
    await t.services.contests.approve(mod, k.id);
    const visitor = new PageClient(t.app);
    const html = (await visitor.get(`/contests/${k.id}`)).body;
    expect(testId(html, 'brief-files')).toContain('brief-en.pdf');
    const file = await visitor.get(`/contests/${k.id}/files/${k.fileIds[0]}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.body).toContain('%PDF-1.4 brief-en.pdf');
    // Another user's file, named under this contest: not found.
    const other = await t.services.files.saveAttachment(owner.id, { name: 'x.pdf', bytes: Buffer.from('%PDF-1.4 other') });
    expect((await visitor.get(`/contests/${k.id}/files/${other.id}`)).statusCode).toBe(404);
  });
});

describe('a contest’s views and its owner’s card', () => {
  it('counts each viewer once a day, never the owner, only while public; the page and the API show the count', async () => {
    const raw = await fundedUser(t, 10_000, 'bvvw');
    const owner = await actor(raw);
    const draft = await t.services.contests.create(
      owner,
      { ...typed(), prizesCents: [4_000], categoryId: cat['logo-design'] },
      { publish: true },
    );
    const ownerPage = await signedInPage(t, raw);
    // In review it is not public: its owner's look counts nothing.
    await ownerPage.get(`/contests/${draft.id}`);
    await t.services.contestViews.flush();
    expect((await t.deps.db.select().from(contests).where(eq(contests.id, draft.id)))[0].views).toBe(0);

    const k = await t.services.contests.approve(mod, draft.id);
    const a = new PageClient(t.app);
    await a.get(`/contests/${k.id}`);
    await a.get(`/contests/${k.id}`);
    await t.app.inject({ method: 'GET', url: `/contests/${k.id}`, headers: { 'user-agent': 'another browser' } });
    await ownerPage.get(`/contests/${k.id}`);
    // Nothing is written on the request's path: the count moves with the flush.
    expect((await t.deps.db.select().from(contests).where(eq(contests.id, k.id)))[0].views).toBe(0);
    expect(await t.services.contestViews.flush()).toBe(2);
    expect((await a.get(`/contests/${k.id}`)).body).toContain('مشاهدتان');
    // A signed-in reader of the API counts once too, and the API gives the count.
    const reader = await signedUpUser(t, 'bvapi');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/contests/${k.id}`, headers: reader.auth });
    expect(api.json().views).toBe(2);
    await t.services.contestViews.flush();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/contests/${k.id}` })).json().views).toBe(3);
    // The English page writes it with its own plural (the same visitor again: still 3).
    await a.get(`/en/contests/${k.id}`);
    expect(await t.services.contestViews.flush()).toBe(0);
    expect(testId((await a.get(`/en/contests/${k.id}`)).body, 'contest-views')).toContain('3 views');
  });

  it('shows who runs the contest: level, member since, contests held, rating as a client and a way to write', async () => {
    const raw = await fundedUser(t, 20_000, 'bvcard');
    const owner = await actor(raw);
    const one = await t.services.contests.create(
      owner,
      { ...typed(), prizesCents: [4_000], categoryId: cat['logo-design'] },
      { publish: true },
    );
    await t.services.contests.approve(mod, one.id);
    // A draft is not a contest held.
    await t.services.contests.create(owner, { ...typed(), prizesCents: [4_000], categoryId: cat['logo-design'] }, { publish: false });
    const visitor = await signedInPage(t, await signedUpUser(t, 'bvseer'));
    const html = (await visitor.get(`/contests/${one.id}`)).body;
    expect(testId(html, 'owner-name')).toContain(owner.displayName);
    expect(testId(html, 'owner-contests')).toContain('أطلق مسابقة واحدة');
    expect(testId(html, 'owner-rating')).toContain('بلا تقييم بعد');
    expect(html).toContain('data-testid="contact-owner"');
    expect(html).toContain(`/messages/new?to=${owner.username}`);
    // The owner does not get a button to write to themselves.
    expect((await (await signedInPage(t, raw)).get(`/contests/${one.id}`)).body).not.toContain('data-testid="contact-owner"');
  });
});
