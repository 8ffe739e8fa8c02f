import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, type Part, postMultipart, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import { formatMoney, formatMoneyRange } from '../../platform/i18n/index.ts';
import { projects } from './schema.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;

let t: TestApp;
let owner: User;
let other: User;
let mod: User;
let leafId: number;
let leafSlug: string;
let otherLeafId: number;
let topSlug: string;

const description =
  'أحتاج إلى تصميم متجر إلكتروني كامل لبيع الملابس، يشمل الصفحة الرئيسية وصفحات المنتجات وسلة المشتريات والدفع، مع لوحة تحكم سهلة لإضافة المنتجات ومتابعة الطلبات.';

function body(over: Record<string, unknown> = {}) {
  return {
    title: 'تصميم متجر إلكتروني للملابس',
    description,
    categoryId: leafId,
    skills: ['ووردبريس', 'تصميم'],
    budgetMinCents: 25_000,
    budgetMaxCents: 50_000,
    expectedDays: 14,
    ...over,
  };
}

async function postProject(u: User, over: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/projects', headers: u.auth, payload: body(over) });
}

async function approve(id: number) {
  const r = await t.app.inject({ method: 'POST', url: `/api/v1/admin/projects/${id}/approve`, headers: mod.auth });
  expect(r.statusCode).toBe(200);
  return r.json();
}

/** A project posted by `u` and approved: open for bids. */
async function openProject(u: User, over: Record<string, unknown> = {}): Promise<number> {
  const r = await postProject(u, over);
  expect(r.statusCode, r.body).toBe(201);
  await approve(r.json().id);
  return r.json().id;
}

async function signIn(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

const filesDir = () => path.join(t.deps.config.dataDir, 'files');
const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;
const pdf = Buffer.from('%PDF-1.4\n% a small brief\n');

function formParts(over: Record<string, string> = {}, files: Part[] = []): Part[] {
  const fields: Record<string, string> = {
    title: 'ترجمة موقع شركة إلى الإنجليزية',
    description,
    categoryId: String(leafId),
    skills: 'ترجمة، إنجليزي',
    budget: '10000-25000',
    expectedDays: '٧',
    action: 'submit',
    ...over,
  };
  return [...Object.entries(fields).map(([name, value]) => ({ name, value })), ...files];
}

beforeAll(async () => {
  t = await makeTestApp();
  const tree = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' })).json() as {
    id: number;
    slug: string;
    children: { id: number; slug: string }[];
  }[];
  leafId = tree[0].children[0].id;
  leafSlug = tree[0].children[0].slug;
  topSlug = tree[0].slug;
  otherLeafId = tree[1].children[0].id;
  owner = await signedUpUser(t, 'owner');
  other = await signedUpUser(t, 'other');
  mod = await staffUser(t, ['moderator'], 'mod');
});
afterAll(async () => {
  await t.close();
});

describe('posting a project through the API', () => {
  it('submits for review (pending) or keeps a draft, and the owner sees both in their list', async () => {
    const sent = await postProject(owner);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toEqual({ id: expect.any(Number), status: 'pending' });
    const draft = await postProject(owner, {
      title: 'مسودة',
      description: '',
      categoryId: null,
      budgetMinCents: 0,
      budgetMaxCents: 0,
      draft: true,
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().status).toBe('draft');

    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/my/projects', headers: owner.auth });
    const items = mine.json().items as { id: number; status: string; averageBidCents: number | null }[];
    expect(items.find((i) => i.id === sent.json().id)).toMatchObject({ status: 'pending', averageBidCents: null });
    expect(items.find((i) => i.id === draft.json().id)?.status).toBe('draft');
    const drafts = await t.app.inject({ method: 'GET', url: '/api/v1/my/projects?status=draft', headers: owner.auth });
    expect((drafts.json().items as { status: string }[]).every((i) => i.status === 'draft')).toBe(true);
  });

  it('refuses each field with its own code, and a budget that is not one of the ranges', async () => {
    const r = await postProject(owner, {
      title: 'قصير',
      description: 'قصير جدًا',
      categoryId: 999_999,
      expectedDays: 400,
      budgetMinCents: 2_500,
      budgetMaxCents: 9_000,
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const fields = Object.fromEntries((r.json().errors as { field: string; code: string }[]).map((e) => [e.field, e.code]));
    expect(fields).toEqual({
      title: 'project.title_length',
      description: 'project.description_length',
      categoryId: 'project.category_invalid',
      expectedDays: 'project.days_invalid',
      budgetMinCents: 'project.budget_invalid',
    });
    // A top category is not a leaf.
    const tree = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' })).json() as { id: number }[];
    const top = await postProject(owner, { categoryId: tree[0].id });
    expect(top.json().errors).toEqual([expect.objectContaining({ field: 'categoryId', code: 'project.category_invalid' })]);
  });

  it('refuses contact details in any text, names what was found, and records the attempt', async () => {
    const before = await t.services.trust.attemptsOf(other.id);
    const r = await postProject(other, { description: `${description} راسلني على someone@example.com للتفاصيل` });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([expect.objectContaining({ field: 'description', code: 'trust.contact_info' })]);
    expect(r.json().errors[0].message).toContain('someone@example.com');
    const after = await t.services.trust.attemptsOf(other.id);
    expect(after.length).toBe(before.length + 1);
    expect(after[after.length - 1].context).toBe('project');
    expect((await t.deps.db.select().from(projects).where(eq(projects.ownerId, other.id))).length).toBe(0);
  });

  it('edits a draft with PATCH (fields left out keep their value) and submits it', async () => {
    const d = await postProject(owner, { draft: true, title: 'مسودة مشروع تطبيق جوال' });
    const id = d.json().id;
    const p1 = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers: owner.auth, payload: { expectedDays: 30 } });
    expect(p1.json()).toEqual({ id, status: 'draft' });
    const p2 = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers: owner.auth, payload: { submit: true } });
    expect(p2.json()).toEqual({ id, status: 'pending' });
    const [row] = await t.deps.db.select().from(projects).where(eq(projects.id, id));
    expect([row.title, row.expectedDays, row.budgetMinCents]).toEqual(['مسودة مشروع تطبيق جوال', 30, 25_000]);
    // In review: no more edits; someone else's: not theirs.
    const p3 = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers: owner.auth, payload: { expectedDays: 3 } });
    expect([p3.statusCode, p3.json().code]).toEqual([409, 'project.wrong_state']);
    const p4 = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers: other.auth, payload: { expectedDays: 3 } });
    expect(p4.statusCode).toBe(404);
  });

  it('a buying sanction refuses posting', async () => {
    const u = await signedUpUser(t, 'banned');
    const modActor = (await t.services.accounts.resolveSession(mod.token, 'api'))!;
    await t.services.moderation.sanction(modActor, u.id, { scopes: ['buying'], reason: 'نشر مشاريع وهمية بعد تنبيه سابق' }, null);
    const r = await postProject(u);
    expect([r.statusCode, r.json().code]).toEqual([403, 'trust.sanctioned_buying']);
    const b = await signIn(u);
    await b.get('/projects/new');
    const page = await postMultipart(b, t.app, '/projects/new', formParts());
    expect(page.statusCode).toBe(403);
    expect(testId(page.body, 'form-error')).toBeTruthy();
  });
});

describe('posting a project through the page', () => {
  it('keeps what was typed and shows each problem, and stores no file for a refused form', async () => {
    const b = await signIn(owner);
    expect((await b.get('/projects/new')).statusCode).toBe(200);
    const before = storedCount();
    const r = await postMultipart(
      b,
      t.app,
      '/projects/new',
      formParts({ title: 'قصير', budget: '2500-9999' }, [{ name: 'files', filename: 'brief.pdf', type: 'application/pdf', bytes: pdf }]),
    );
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-title')).toBe('العنوان من 10 إلى 100 حرف.');
    expect(testId(r.body, 'error-budget')).toBe('اختر الميزانية من القائمة.');
    expect(r.body).toContain('value="قصير"');
    expect(r.body).toContain('ترجمة، إنجليزي');
    expect(storedCount()).toBe(before);
  });

  it('refuses contact details in the title, records them, and removes the uploaded file', async () => {
    const u = await signedUpUser(t, 'leaky');
    const b = await signIn(u);
    await b.get('/projects/new');
    const before = storedCount();
    const r = await postMultipart(
      b,
      t.app,
      '/projects/new',
      formParts({ title: 'كلمني على واتساب 0501234567' }, [{ name: 'files', filename: 'brief.pdf', type: 'application/pdf', bytes: pdf }]),
    );
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-title')).toContain('0501234567');
    expect(storedCount()).toBe(before);
    const attempts = await t.services.trust.attemptsOf(u.id);
    expect(attempts.map((a) => a.context)).toEqual(['project']);
  });

  it('saves a draft with an attachment, then submits it from the edit page (Arabic digits read)', async () => {
    const b = await signIn(owner);
    await b.get('/projects/new');
    const r = await postMultipart(
      b,
      t.app,
      '/projects/new',
      formParts({ action: 'draft' }, [{ name: 'files', filename: 'brief.pdf', type: 'application/pdf', bytes: pdf }]),
    );
    expect(r.statusCode).toBe(303);
    const id = Number(/\/projects\/(\d+)\/edit/.exec(String(r.headers.location))?.[1]);
    const [row] = await t.deps.db.select().from(projects).where(eq(projects.id, id));
    expect([row.status, row.expectedDays, row.budgetMinCents, row.budgetMaxCents, row.fileIds.length]).toEqual([
      'draft',
      7,
      10_000,
      25_000,
      1,
    ]);
    expect(row.skills).toEqual(['ترجمة', 'إنجليزي']);

    const edit = await b.get(`/projects/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('brief.pdf');
    const sent = await postMultipart(b, t.app, `/projects/${id}/edit`, formParts({ fileIds: String(row.fileIds[0]) }));
    expect([sent.statusCode, sent.headers.location]).toEqual([303, '/my/projects']);
    const [after] = await t.deps.db.select().from(projects).where(eq(projects.id, id));
    expect([after.status, after.fileIds]).toEqual(['pending', row.fileIds]);

    // Others may not open the edit page.
    const o = await signIn(other);
    expect((await o.get(`/projects/${id}/edit`)).statusCode).toBe(404);
  });

  it('refuses more than five attachments', async () => {
    const b = await signIn(owner);
    await b.get('/projects/new');
    const six = Array.from({ length: 6 }, (_, i): Part => ({ name: 'files', filename: `f${i}.pdf`, type: 'application/pdf', bytes: pdf }));
    const before = storedCount();
    const r = await postMultipart(b, t.app, '/projects/new', formParts({}, six));
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-files')).toContain('5');
    expect(storedCount()).toBe(before);
  });
});

describe('moderation', () => {
  it('approves: open, published now, closing in 30 days; owner notified in-app and by mail; audited', async () => {
    const id = (await postProject(owner)).json().id;
    const res = await approve(id);
    expect(res).toEqual({ id, status: 'open' });
    const [row] = await t.deps.db.select().from(projects).where(eq(projects.id, id));
    expect(row.publishedAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(row.closesAt?.getTime()).toBe(t.clock.now().getTime() + 30 * 86_400_000);
    const n = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: owner.auth });
    expect(n.json().items[0]).toMatchObject({ type: 'project.approved', url: `/projects/${id}` });
    expect(n.json().items[0].title).toContain('تصميم متجر إلكتروني للملابس');
    const mail = await t.mailTo(owner.email);
    expect(mail.subject).toContain('تصميم متجر إلكتروني للملابس');
    const logs = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.approve'), eq(auditLog.targetId, String(id))));
    expect(logs.map((l) => l.actorId)).toEqual([mod.id]);
    // Twice: the second finds it no longer pending.
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/admin/projects/${id}/approve`, headers: mod.auth });
    expect(again.statusCode).toBe(409);
  });

  it('rejects with a reason through the queue page; the owner sees it, edits and resubmits', async () => {
    const id = (await postProject(owner, { title: 'مشروع سيُرفض للمراجعة' })).json().id;
    const m = await signIn(mod);
    const queue = await m.get('/admin/projects');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`data-testid="queue-${id}"`);
    const short = await m.post(`/admin/projects/${id}/reject`, { target: String(id), reason: 'لا' });
    expect(short.statusCode).toBe(400);
    expect(testId(short.body, `error-reason-${id}`)).toBeTruthy();
    const r = await m.post(`/admin/projects/${id}/reject`, { target: String(id), reason: 'الوصف لا يوضح المطلوب' });
    expect([r.statusCode, r.headers.location]).toEqual([303, '/admin/projects']);
    const [row] = await t.deps.db.select().from(projects).where(eq(projects.id, id));
    expect([row.status, row.rejectReason]).toEqual(['rejected', 'الوصف لا يوضح المطلوب']);
    const mail = await t.mailTo(owner.email);
    expect(mail.text).toContain('الوصف لا يوضح المطلوب');
    const n = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: owner.auth });
    expect(n.json().items[0]).toMatchObject({ type: 'project.rejected', url: `/projects/${id}/edit` });
    const logs = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.reject'), eq(auditLog.targetId, String(id))));
    expect(logs).toHaveLength(1);

    const b = await signIn(owner);
    const mine = await b.get('/my/projects?status=rejected');
    expect(testId(mine.body, `reason-${id}`)).toContain('الوصف لا يوضح المطلوب');
    expect(mine.body).toContain(`href="/projects/${id}/edit"`);
    const re = await t.app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers: owner.auth, payload: { submit: true } });
    expect(re.json()).toEqual({ id, status: 'pending' });
  });

  it('refuses non-moderators (403) on the API and the page', async () => {
    const id = (await postProject(owner)).json().id;
    for (const url of [`/api/v1/admin/projects/${id}/approve`, `/api/v1/admin/projects/${id}/reject`]) {
      const r = await t.app.inject({ method: 'POST', url, headers: other.auth, payload: { reason: 'غير مناسب أبدًا' } });
      expect([r.statusCode, r.json().code]).toEqual([403, 'auth.forbidden']);
    }
    const b = await signIn(other);
    expect((await b.get('/admin/projects')).statusCode).toBe(403);
    const [row] = await t.deps.db.select().from(projects).where(eq(projects.id, id));
    expect(row.status).toBe('pending');
  });
});

describe('who sees a project', () => {
  it('hides drafts, reviews and rejections from others (404) and shows them to the owner and moderators', async () => {
    const id = (await postProject(owner)).json().id;
    const anon = await t.app.inject({ method: 'GET', url: `/projects/${id}` });
    expect(anon.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${id}`, headers: other.auth })).statusCode).toBe(404);
    const o = await signIn(owner);
    const own = await o.get(`/projects/${id}`);
    expect(own.statusCode).toBe(200);
    expect(testId(own.body, 'status-note')).toContain('بانتظار مراجعة المشرفين');
    const m = await signIn(mod);
    expect((await m.get(`/projects/${id}`)).statusCode).toBe(200);

    await approve(id);
    const pub = await t.app.inject({ method: 'GET', url: `/projects/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(testId(pub.body, 'project-title')).toBe('تصميم متجر إلكتروني للملابس');
    expect(pub.body).toContain(`data-testid="report-project-${id}"`);
    expect(testId(pub.body, 'fact-bids')).toBe('0');
    expect(pub.body).not.toContain('data-testid="fact-average"');
    expect(testId(pub.body, 'owner-name')).toBe(owner.username);
    expect(pub.body).toContain(`/messages/new?to=${owner.username}`);
    // The owner does not report their own project.
    expect((await o.get(`/projects/${id}`)).body).not.toContain(`report-project-${id}`);
  });

  it('serves attachments to whoever may see the project, downloads unless an image', async () => {
    const b = await signIn(owner);
    await b.get('/projects/new');
    const r = await postMultipart(
      b,
      t.app,
      '/projects/new',
      formParts({}, [{ name: 'files', filename: 'brief.pdf', type: 'application/pdf', bytes: pdf }]),
    );
    expect(r.statusCode).toBe(303);
    const [row] = await t.deps.db
      .select()
      .from(projects)
      .where(eq(projects.ownerId, owner.id))
      .orderBy(projects.id)
      .limit(100)
      .then((rows) => rows.slice(-1));
    const fileId = row.fileIds[0];
    const url = `/projects/${row.id}/files/${fileId}`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const own = await b.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-disposition']).toMatch(/^attachment; filename="brief.pdf"/);
    expect(own.headers['content-type']).toBe('application/octet-stream');
    await approve(row.id);
    const anon = await t.app.inject({ method: 'GET', url });
    expect(anon.statusCode).toBe(200);
    expect(anon.rawPayload.equals(pdf)).toBe(true);
    // A file id that is not the project's is not served through it.
    expect((await t.app.inject({ method: 'GET', url: `/projects/${row.id}/files/${fileId + 1000}` })).statusCode).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/projects/${row.id}` });
    expect(page.body).toContain(`href="${url}"`);
  });

  it('shows hidden projects to the owner and staff only, and keeps them out of the list', async () => {
    const id = await openProject(owner, { title: 'مشروع سيُخفى بعد بلاغ' });
    const changed = await t.deps.db.transaction((tx) => t.services.projects.moderate(tx, id, 'hidden', 'محتوى مخالف'));
    expect(changed).toBe(true);
    expect(await t.deps.db.transaction((tx) => t.services.projects.moderate(tx, id, 'hidden', 'مرة أخرى'))).toBe(false);
    expect(await t.services.projects.forModeration(id)).toEqual({
      ownerId: owner.id,
      title: 'مشروع سيُخفى بعد بلاغ',
      description,
      status: 'hidden',
    });
    expect((await t.app.inject({ method: 'GET', url: `/projects/${id}` })).statusCode).toBe(404);
    const o = await signIn(owner);
    expect((await o.get(`/projects/${id}`)).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/projects?q=يخفي بلاغ' });
    expect((list.json().items as { id: number }[]).map((i) => i.id)).not.toContain(id);
  });

  it('gives the API shape of a project: bids count, average bid (null without bids), closesAt; orderId for the owner only', async () => {
    const id = await openProject(owner);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${id}` })).json();
    expect(pub).toMatchObject({
      id,
      status: 'open',
      bidsCount: 0,
      averageBidCents: null,
      budgetMinCents: 25_000,
      budgetMaxCents: 50_000,
      expectedDays: 14,
      skills: ['ووردبريس', 'تصميم'],
      owner: { username: owner.username },
    });
    expect(typeof pub.closesAt).toBe('string');
    expect(pub).not.toHaveProperty('orderId');
    const own = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${id}`, headers: owner.auth })).json();
    expect(own.orderId).toBeNull();
    // Two bids: the average is their mean.
    await t.deps.db.update(projects).set({ bidsCount: 2, bidsSumCents: 30_001 }).where(eq(projects.id, id));
    const withBids = (await t.app.inject({ method: 'GET', url: `/api/v1/projects/${id}` })).json();
    expect([withBids.bidsCount, withBids.averageBidCents]).toEqual([2, 15_001]);
    const page = await t.app.inject({ method: 'GET', url: `/en/projects/${id}` });
    expect(testId(page.body, 'fact-average')).toBe(formatMoney('en', 15_001));
  });
});

describe('list and search', () => {
  let logo: number;
  let shop: number;
  let app: number;
  let fresh: number;
  beforeAll(async () => {
    const u = await signedUpUser(t, 'lister');
    logo = await openProject(u, {
      title: 'تصميم شعارات لمطعم جديد',
      skills: ['فوتوشوب'],
      budgetMinCents: 5_000,
      budgetMaxCents: 10_000,
      categoryId: otherLeafId,
    });
    t.clock.advance(3 * 86_400_000);
    shop = await openProject(u, { title: 'برمجة متجر للعطور', skills: ['Laravel'], budgetMinCents: 250_000, budgetMaxCents: 500_000 });
    t.clock.advance(3 * 86_400_000);
    app = await openProject(u, { title: 'تطبيق جوال للحجوزات', skills: ['Flutter'], budgetMinCents: 50_000, budgetMaxCents: 100_000 });
    await t.deps.db.update(projects).set({ bidsCount: 5 }).where(eq(projects.id, shop));
    await t.deps.db.update(projects).set({ bidsCount: 2 }).where(eq(projects.id, app));
    await t.deps.db.update(projects).set({ bidsCount: 9 }).where(eq(projects.id, logo));
    t.clock.advance(2 * 86_400_000);
    fresh = await openProject(u, { title: 'كتابة محتوى تسويقي لشركة', skills: ['كتابة'], budgetMinCents: 2_500, budgetMaxCents: 5_000 });
    await t.deps.db.update(projects).set({ bidsCount: 1 }).where(eq(projects.id, fresh));
  });

  const ids = async (qs: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/projects?limit=100&${qs}` });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().items as { id: number }[]).map((i) => i.id).filter((id) => [logo, shop, app, fresh].includes(id));
  };

  it('finds an Arabic word with or without «ال» and in its plural', async () => {
    expect(await ids(`q=${encodeURIComponent('الشعار')}`)).toEqual([logo]);
    expect(await ids(`q=${encodeURIComponent('شعار')}`)).toEqual([logo]);
    expect(await ids(`q=${encodeURIComponent('المتجر')}`)).toContain(shop);
    // Typos fall back to trigrams.
    expect(await ids(`q=${encodeURIComponent('Flutterr')}`)).toEqual([app]);
  });

  it('sorts newest first by default, fewest bids, and highest budget', async () => {
    expect(await ids('')).toEqual([fresh, app, shop, logo]);
    expect(await ids('sort=bids')).toEqual([fresh, app, shop, logo]);
    expect(await ids('sort=budget')).toEqual([shop, app, logo, fresh]);
  });

  it('narrows by each filter', async () => {
    expect(await ids(`category=${otherLeafId}`)).toEqual([logo]);
    expect(await ids(`category=${leafSlug}`)).not.toContain(logo);
    expect(await ids(`category=${topSlug}`)).toEqual([fresh, app, shop]);
    expect(await ids('minBudgetCents=200000')).toEqual([shop]);
    expect(await ids('maxBudgetCents=5000')).toEqual([fresh, logo]);
    expect(await ids(`skill=${encodeURIComponent('flutter')}`)).toEqual([app]);
    expect(await ids('postedWithinDays=1')).toEqual([fresh]);
    expect(await ids('postedWithinDays=7')).toEqual([fresh, app, shop]);
  });

  it('pages with a cursor', async () => {
    const r1 = (await t.app.inject({ method: 'GET', url: '/api/v1/projects?limit=2' })).json();
    expect(r1.items).toHaveLength(2);
    expect(r1.items[0]).toMatchObject({
      id: fresh,
      bidsCount: 1,
      averageBidCents: expect.anything(),
      owner: { username: expect.any(String) },
    });
    const r2 = (await t.app.inject({ method: 'GET', url: `/api/v1/projects?limit=2&cursor=${r1.nextCursor}` })).json();
    expect(r2.items[0].id).not.toBe(r1.items[0].id);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/projects?cursor=zzz' });
    expect(bad.statusCode).toBe(400);
  });

  it('renders the page with cards, filters without JavaScript, and answers htmx with the results only', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/projects' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-testid="project-${fresh}"`);
    expect(page.body).toContain('/static/vendor/htmx.min.js');
    const card =
      /data-testid="project-\d+"[\s\S]*?<\/li>\s*<\/ul>\s*<\/div>\s*<\/li>/.exec(
        page.body.slice(page.body.indexOf(`data-testid="project-${shop}"`)),
      )?.[0] ?? '';
    expect(testId(card, 'card-budget')).toBe(formatMoneyRange('ar', 250_000, 500_000));
    expect(testId(card, 'card-bids')).toBe('5 عروض');
    expect(card).toContain('Laravel');

    const untidy = await t.app.inject({ method: 'GET', url: '/projects?q=&category=&min=&max=&skill=&posted=&sort=newest' });
    expect([untidy.statusCode, untidy.headers.location]).toEqual([302, '/projects']);
    const filtered = await t.app.inject({ method: 'GET', url: `/projects?skill=Flutter&sort=budget` });
    expect(filtered.body).toContain(`data-testid="project-${app}"`);
    expect(filtered.body).not.toContain(`data-testid="project-${shop}"`);

    const hx = await t.app.inject({
      method: 'GET',
      url: '/en/projects?posted=1',
      headers: { 'hx-request': 'true', 'hx-target': 'results' },
    });
    expect(hx.body).not.toContain('<html');
    expect(hx.body).toContain(`data-testid="project-${fresh}"`);
    expect(hx.body).not.toContain(`data-testid="project-${shop}"`);
    expect(hx.headers['hx-push-url']).toBe('/en/projects?posted=1');
  });
});

describe('my projects and navigation', () => {
  it('lists the owner’s projects with status, bids and the right links; others need to sign in', async () => {
    const b = await signIn(owner);
    const r = await b.get('/my/projects');
    expect(r.statusCode).toBe(200);
    const rows = await t.deps.db.select().from(projects).where(eq(projects.ownerId, owner.id));
    for (const p of rows) expect(r.body).toContain(`data-testid="my-project-${p.id}"`);
    const open = rows.find((p) => p.status === 'open');
    expect(testId(r.body, `status-${open?.id}`)).toBe('مفتوح للعروض');
    const draft = rows.find((p) => p.status === 'draft');
    expect(r.body).toContain(`data-testid="edit-${draft?.id}"`);
    expect(r.body).not.toContain(`data-testid="edit-${open?.id}"`);
    const onlyOpen = await b.get('/my/projects?status=open');
    expect(onlyOpen.body).not.toContain(`data-testid="my-project-${draft?.id}"`);
    // Hired: a link to the order.
    await t.deps.db
      .update(projects)
      .set({ status: 'hired', orderId: 4242 })
      .where(eq(projects.id, open?.id as number));
    expect((await b.get('/my/projects')).body).toContain('href="/orders/4242"');

    const anon = await t.app.inject({ method: 'GET', url: '/my/projects' });
    expect([anon.statusCode, anon.headers.location]).toEqual([303, '/login?next=%2Fmy%2Fprojects']);
    expect(r.body).toContain('href="/projects"');
    expect(r.body).toContain('href="/my/projects"');
  });
});
