import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, makeTestApp, PageClient, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';

let t: TestApp;
let png: Buffer;
let jpeg: Buffer;
let leafId: number;
let topId: number;
beforeAll(async () => {
  t = await makeTestApp();
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } })
    .png()
    .toBuffer();
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a00' } })
    .jpeg()
    .toBuffer();
  const tree = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' })).json() as { id: number; children: { id: number }[] }[];
  topId = tree[0].id;
  leafId = tree[0].children[0].id;
});
afterAll(async () => {
  await t.close();
});

type User = Awaited<ReturnType<typeof signedUpUser>>;
type Part = { name: string; value: string } | { name: string; filename: string; type: string; bytes: Buffer };

/** A multipart/form-data body built by hand, as a browser sends it. */
function multipart(parts: Part[]) {
  const boundary = `----kafiil${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('bytes' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`,
        ),
        p.bytes,
        Buffer.from('\r\n'),
      );
    } else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const filesDir = () => path.join(t.deps.config.dataDir, 'files');
const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;

async function upload(u: User, bytes: Buffer, name = 'logo.png', type = 'image/png', field = 'file') {
  const m = multipart([
    { name: 'purpose', value: 'service_image' },
    { name: field, filename: name, type, bytes },
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...u.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
}

async function imageOf(u: User): Promise<number> {
  const r = await upload(u, png);
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

const description =
  'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك، مع ثلاثة نماذج أولية وتعديلات غير محدودة حتى ترضى، وأسلمك الملفات المصدرية بصيغ مختلفة جاهزة للطباعة والويب.';

async function validService(u: User, over: Record<string, unknown> = {}) {
  return {
    title: 'تصميم شعار احترافي لشركتك',
    categoryId: leafId,
    description,
    priceCents: 2500,
    deliveryDays: 3,
    instructions: 'أرسل اسم الشركة والألوان المفضلة.',
    skills: ['تصميم شعارات', 'Illustrator'],
    addons: [{ title: 'تسليم سريع', priceCents: 1000, extraDays: 0 }],
    imageIds: [await imageOf(u)],
    ...over,
  };
}

const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: u ? u.auth : {}, ...(payload ? { payload } : {}) });

async function createService(u: User, over: Record<string, unknown> = {}) {
  const r = await api(u, 'POST', '/api/v1/services', await validService(u, over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; status: string };
}

async function published(u: User, mod: User, over: Record<string, unknown> = {}) {
  const s = await createService(u, over);
  const r = await api(mod, 'POST', `/api/v1/admin/services/${s.id}/approve`);
  expect(r.json()).toEqual({ id: s.id, status: 'published' });
  return s;
}

/** The field codes of a problem+json answer, by field. */
const fieldCodes = (r: { json(): { errors?: { field: string; code: string }[] } }) =>
  Object.fromEntries((r.json().errors ?? []).map((e) => [e.field, e.code]));

async function signedInBrowser(prefix = 'web', roles: string[] | null = null) {
  const u = roles ? await staffUser(t, roles, prefix) : await signedUpUser(t, prefix);
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return { u, b };
}

/** Posts a multipart form as the browser `b` would, with its cookies and CSRF token (unless given another). */
async function postForm(b: PageClient, url: string, parts: Part[], csrf = b.csrf) {
  const m = multipart([{ name: '_csrf', value: csrf }, ...parts]);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': m.contentType },
    payload: m.payload,
  });
  for (const c of res.cookies as { name: string; value: string }[]) {
    if (c.value === '') b.cookies.delete(c.name);
    else b.cookies.set(c.name, c.value);
  }
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
  if (token) b.csrf = token[1];
  return res;
}

const formFields = (over: Record<string, string> = {}): Part[] =>
  Object.entries({
    title: 'ترجمة مقالات من الإنجليزية إلى العربية',
    categoryId: String(leafId),
    skills: 'ترجمة، تدقيق لغوي',
    description,
    price: '٢٠',
    deliveryDays: '5',
    instructions: 'أرسل النص بصيغة Word.',
    ...over,
  }).map(([name, value]) => ({ name, value }));

const addonParts = (rows: [string, string, string][]): Part[] =>
  rows.flatMap(([title, price, days]) => [
    { name: 'addonTitle', value: title },
    { name: 'addonPrice', value: price },
    { name: 'addonDays', value: days },
  ]);

const image = (bytes: Buffer, filename = 'cover.png', type = 'image/png'): Part => ({ name: 'images', filename, type, bytes });
/** The text of the status badges of service `id` in the seller's list. */
const badges = (html: string, id: number) =>
  (new RegExp(`data-testid="status-${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '').split(/<[^>]+>/).filter(Boolean);
const hiddenImageIds = (html: string) => [...html.matchAll(/<input type="hidden" name="imageIds" value="(\d+)"/g)].map((m) => Number(m[1]));

describe('image uploads (POST /api/v1/files)', () => {
  it('stores an image checked by its content, re-encoded, at a random address only its uploader loads until published', async () => {
    const u = await signedUpUser(t, 'upl');
    const r = await upload(u, jpeg, 'photo.jpg', 'image/jpeg');
    expect(r.statusCode).toBe(201);
    const f = r.json();
    expect(f).toMatchObject({ name: 'photo.jpg', type: 'image/webp', url: expect.stringMatching(/^\/files\/[A-Za-z0-9_-]{43}$/) });
    expect(f.thumbUrl).toBe(`${f.url}/thumb`);
    expect(f.size).toBeGreaterThan(0);
    const full = await t.app.inject({ method: 'GET', url: f.url, headers: u.auth });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/webp');
    expect(full.headers['cache-control']).toBe('private, no-store');
    expect(full.headers['x-content-type-options']).toBe('nosniff');
    expect(full.headers['set-cookie']).toBeUndefined();
    expect((await sharp(full.rawPayload).metadata()).width).toBe(64);
    const thumb = await t.app.inject({ method: 'GET', url: f.thumbUrl, headers: u.auth });
    expect(thumb.statusCode).toBe(200);
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 480, height: 360 });
    // Not attached to a published service: nobody else loads it (images.int.test.ts has the whole story).
    expect((await t.app.inject({ method: 'GET', url: f.url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/files/${f.id}`, headers: u.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/files/999999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/files/abc' })).statusCode).toBe(404);
  });

  it('refuses a non-image, an empty file, a missing file and one over the limit, each with its own code, leaving no file', async () => {
    const u = await signedUpUser(t, 'uplbad');
    const before = storedCount();
    const codes = async (r: Awaited<ReturnType<typeof upload>>) => ({
      status: r.statusCode,
      type: r.headers['content-type'],
      errors: fieldCodes(r),
    });
    const problem = (code: string, status = 400) => ({ status, type: 'application/problem+json; charset=utf-8', errors: { file: code } });
    expect(await codes(await upload(u, Buffer.from('<svg onload="alert(1)"></svg>'), 'x.png'))).toEqual(problem('file.not_image'));
    expect(await codes(await upload(u, Buffer.concat([png.subarray(0, 8), Buffer.alloc(100, 7)]), 'broken.png'))).toEqual(
      problem('file.not_image'),
    );
    expect(await codes(await upload(u, Buffer.alloc(0), 'empty.png'))).toEqual(problem('file.empty'));
    expect(await codes(await upload(u, png, 'a.png', 'image/png', 'other'))).toEqual(problem('file.missing'));
    const big = Buffer.concat([png.subarray(0, 8), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    expect(await codes(await upload(u, big, 'big.png'))).toEqual(problem('file.too_large'));
    // Larger than the multipart plugin's own limit too: still the same translated refusal, not a 500.
    const huge = await upload(u, Buffer.concat([png.subarray(0, 8), Buffer.alloc(11 * 1024 * 1024)]), 'huge.png');
    expect(await codes(huge)).toEqual(problem('file.too_large'));
    expect(huge.json().errors[0].message).toBe('الملف أكبر من 5 MB.');
    const notMultipart = await api(u, 'POST', '/api/v1/files', { file: 'x' });
    expect(fieldCodes(notMultipart)).toEqual({ file: 'file.missing' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/files' })).statusCode).toBe(401);
    expect(storedCount()).toBe(before);
  });

  it('serves only service images at /files (other files stay private)', async () => {
    const u = await signedUpUser(t, 'priv');
    const f = await t.services.files.saveImage(u.id, { name: 'x.png', bytes: png }, 'attachment');
    for (const url of [`/files/${f.id}`, `/files/${f.id}/thumb`, `/files/${f.publicId}`, `/files/${f.publicId}/thumb`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: u.auth })).statusCode).toBe(404);
    }
  });
});

describe('publishing through the API', () => {
  it('sends a new service to review; a moderator approves it, it goes live and the seller is mailed', async () => {
    const u = await signedUpUser(t, 'sell');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const s = await createService(u);
    expect(s.status).toBe('pending');
    expect((await t.services.catalog.get(s.id, null).catch((e) => e.code)) as string).toBe('service.not_found');

    const mine = (await api(u, 'GET', '/api/v1/me/services')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: s.id, status: 'pending', priceCents: 2500, skills: ['تصميم شعارات', 'Illustrator'] });
    expect(mine.items[0].addons).toEqual([{ id: 1, title: 'تسليم سريع', priceCents: 1000, extraDays: 0 }]);

    const queue = (await api(mod, 'GET', '/api/v1/admin/services')).json();
    expect(queue.items.find((i: { id: number }) => i.id === s.id)).toMatchObject({
      status: 'pending',
      seller: { username: u.username },
      pendingEdit: null,
    });
    expect((await api(u, 'GET', '/api/v1/admin/services')).statusCode).toBe(403);

    const ok = await api(mod, 'POST', `/api/v1/admin/services/${s.id}/approve`);
    expect(ok.json()).toEqual({ id: s.id, status: 'published' });
    expect((await t.services.catalog.get(s.id, null)).status).toBe('published');
    const mail = await t.mailTo(u.email);
    expect(mail.subject).toBe('نُشرت خدمتك «تصميم شعار احترافي لشركتك»');
    expect(mail.text).toContain(`http://kafiil.test/services/${s.id}`);
    const twice = await api(mod, 'POST', `/api/v1/admin/services/${s.id}/approve`);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'service.wrong_state']);
  });

  it('rejects with a reason the seller reads in the mail and in their list, then accepts a corrected submission', async () => {
    const u = await signedUpUser(t, 'rej');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const s = await createService(u);
    const noReason = await api(mod, 'POST', `/api/v1/admin/services/${s.id}/reject`, { reason: ' ' });
    expect([noReason.statusCode, fieldCodes(noReason)]).toEqual([400, { reason: 'service.reason_required' }]);
    const r = await api(mod, 'POST', `/api/v1/admin/services/${s.id}/reject`, { reason: 'الصور منخفضة الجودة' });
    expect(r.json()).toEqual({ id: s.id, status: 'rejected' });
    const mail = await t.mailTo(u.email);
    expect(mail.subject).toContain('لم تُقبل');
    expect(mail.text).toContain('الصور منخفضة الجودة');
    expect((await api(u, 'GET', '/api/v1/me/services')).json().items[0]).toMatchObject({
      status: 'rejected',
      rejectReason: 'الصور منخفضة الجودة',
    });
    const again = await api(u, 'PATCH', `/api/v1/services/${s.id}`, { description: `${description} مع صور أوضح.`, submit: true });
    expect(again.json()).toEqual({ id: s.id, status: 'pending', pendingEdit: false });
  });

  it('keeps the live version of a published service until its edit is approved', async () => {
    const u = await signedUpUser(t, 'edit');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const s = await published(u, mod);
    const edit = await api(u, 'PATCH', `/api/v1/services/${s.id}`, { title: 'تصميم شعار وهوية بصرية كاملة', priceCents: 4000 });
    expect(edit.json()).toEqual({ id: s.id, status: 'published', pendingEdit: true });
    const live = await t.services.catalog.get(s.id, null);
    expect([live.title, live.priceCents, live.status]).toEqual(['تصميم شعار احترافي لشركتك', 2500, 'published']);

    const queued = (await api(mod, 'GET', '/api/v1/admin/services')).json().items.find((i: { id: number }) => i.id === s.id);
    expect(queued).toMatchObject({
      title: 'تصميم شعار احترافي لشركتك',
      pendingEdit: { title: 'تصميم شعار وهوية بصرية كاملة', description },
    });

    await api(mod, 'POST', `/api/v1/admin/services/${s.id}/approve`);
    const after = await t.services.catalog.get(s.id, null);
    expect([after.title, after.priceCents, after.description, after.pendingEdit]).toEqual([
      'تصميم شعار وهوية بصرية كاملة',
      4000,
      description,
      null,
    ]);

    // A rejected edit leaves the live version and tells the seller why.
    await api(u, 'PATCH', `/api/v1/services/${s.id}`, { title: 'عنوان جديد للخدمة المنشورة' });
    await api(mod, 'POST', `/api/v1/admin/services/${s.id}/reject`, { reason: 'العنوان لا يصف الخدمة' });
    const mine = (await api(u, 'GET', `/api/v1/me/services/${s.id}`)).json();
    expect(mine).toMatchObject({
      status: 'published',
      title: 'تصميم شعار وهوية بصرية كاملة',
      pendingEdit: null,
      rejectReason: 'العنوان لا يصف الخدمة',
    });
  });

  it('pauses and resumes a published service; other states refuse', async () => {
    const u = await signedUpUser(t, 'pause');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const s = await published(u, mod);
    expect((await api(u, 'POST', `/api/v1/services/${s.id}/pause`)).json()).toEqual({ id: s.id, status: 'paused' });
    await expect(t.services.catalog.get(s.id, null)).rejects.toMatchObject({ code: 'service.not_found' });
    const twice = await api(u, 'POST', `/api/v1/services/${s.id}/pause`);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'service.wrong_state']);
    expect((await api(u, 'POST', `/api/v1/services/${s.id}/resume`)).json()).toEqual({ id: s.id, status: 'published' });
    const draft = await api(u, 'POST', '/api/v1/services', { title: 'مسودة', draft: true });
    const pauseDraft = await api(u, 'POST', `/api/v1/services/${draft.json().id}/pause`);
    expect(pauseDraft.json().code).toBe('service.wrong_state');
  });

  it('keeps a draft with missing fields, restores it, and checks every rule when it is submitted', async () => {
    const u = await signedUpUser(t, 'draft');
    const r = await api(u, 'POST', '/api/v1/services', { title: 'خدمة لم تكتمل', priceCents: 1500, draft: true });
    expect(r.json()).toMatchObject({ status: 'draft' });
    const restored = (await api(u, 'GET', `/api/v1/me/services/${r.json().id}`)).json();
    expect(restored).toMatchObject({ title: 'خدمة لم تكتمل', priceCents: 1500, deliveryDays: 0, categoryId: null, status: 'draft' });
    const submit = await api(u, 'PATCH', `/api/v1/services/${r.json().id}`, { submit: true });
    expect(submit.statusCode).toBe(400);
    expect(fieldCodes(submit)).toEqual({
      categoryId: 'service.category_required',
      description: 'service.description_length',
      deliveryDays: 'service.days_invalid',
      images: 'service.image_required',
    });
    const done = await api(u, 'PATCH', `/api/v1/services/${r.json().id}`, {
      ...(await validService(u)),
      title: 'خدمة اكتملت الآن',
      submit: true,
    });
    expect(done.json()).toEqual({ id: r.json().id, status: 'pending', pendingEdit: false });
    const notOwn = await api(u, 'GET', '/api/v1/me/services/2147483647');
    expect(notOwn.statusCode).toBe(404);
  });

  it('lets a new seller have at most five services live or in review', async () => {
    const u = await signedUpUser(t, 'limit');
    const imageIds = [await imageOf(u)];
    for (let i = 0; i < 5; i++) await createService(u, { title: `خدمة رقم ${i + 1} من خدماتي`, imageIds });
    const sixth = await api(u, 'POST', '/api/v1/services', await validService(u, { imageIds }));
    expect([sixth.statusCode, sixth.json().code]).toEqual([422, 'service.limit_reached']);
    expect(sixth.json().title).toContain('(5');
    const draft = await api(u, 'POST', '/api/v1/services', { ...(await validService(u, { imageIds })), draft: true });
    expect(draft.json().status).toBe('draft');
    const submit = await api(u, 'PATCH', `/api/v1/services/${draft.json().id}`, { submit: true });
    expect(submit.json().code).toBe('service.limit_reached');
    expect((await api(u, 'GET', '/api/v1/me/services')).json().items).toHaveLength(6);
  });

  it('refuses editing, pausing or approving what is not yours', async () => {
    const owner = await signedUpUser(t, 'own');
    const other = await signedUpUser(t, 'oth');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const live = await published(owner, mod);
    const draft = (await api(owner, 'POST', '/api/v1/services', { title: 'مسودة خاصة', draft: true })).json();
    for (const id of [live.id, draft.id]) {
      const r = await api(other, 'PATCH', `/api/v1/services/${id}`, { title: 'سرقة خدمة غيري' });
      expect([r.statusCode, r.json().code]).toEqual([403, 'service.forbidden']);
    }
    expect((await api(other, 'POST', `/api/v1/services/${live.id}/pause`)).json().code).toBe('service.forbidden');
    expect((await api(other, 'GET', `/api/v1/me/services/${live.id}`)).json().code).toBe('service.forbidden');
    const selfApprove = await api(owner, 'POST', `/api/v1/admin/services/${draft.id}/approve`);
    expect([selfApprove.statusCode, selfApprove.json().code]).toEqual([403, 'auth.forbidden']);
    expect((await api(other, 'PATCH', '/api/v1/services/2147483647', { title: 'لا توجد' })).statusCode).toBe(404);
    expect((await t.services.catalog.get(live.id, null)).title).toBe('تصميم شعار احترافي لشركتك');
  });

  it('gives every bad input its own field code', async () => {
    const u = await signedUpUser(t, 'bad');
    const stranger = await signedUpUser(t, 'str');
    const theirs = await imageOf(stranger);
    const mine = await imageOf(u);
    const base = await validService(u, { imageIds: [mine] });
    const codes = async (over: Record<string, unknown>) => {
      const r = await api(u, 'POST', '/api/v1/services', { ...base, ...over });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(r.json().code).toBe('validation.failed');
      return fieldCodes(r);
    };
    const addon = { title: 'إضافة صالحة', priceCents: 500, extraDays: 1 };
    // Contact details in any text field are refused, the message naming what was found.
    const contact = await api(u, 'POST', '/api/v1/services', {
      ...base,
      description: `${base.description} للتواصل السريع راسلني على designer.ali@gmail.com`,
      addons: [{ title: 'كلمني واتساب للتفاصيل', priceCents: 500, extraDays: 0 }],
    });
    expect(contact.statusCode).toBe(400);
    expect(fieldCodes(contact)).toEqual({ description: 'trust.contact_info', 'addons.0.title': 'trust.contact_info' });
    expect(contact.json().errors[0].message).toContain('designer.ali@gmail.com');
    expect(
      await codes({
        title: undefined,
        categoryId: undefined,
        description: undefined,
        priceCents: undefined,
        deliveryDays: undefined,
        imageIds: [],
      }),
    ).toEqual({
      title: 'service.title_length',
      categoryId: 'service.category_required',
      description: 'service.description_length',
      priceCents: 'service.price_invalid',
      deliveryDays: 'service.days_invalid',
      images: 'service.image_required',
    });
    expect(await codes({ title: 'قصير' })).toEqual({ title: 'service.title_length' });
    expect(await codes({ title: 'ع'.repeat(101) })).toEqual({ title: 'service.title_length' });
    expect(await codes({ description: 'و'.repeat(99) })).toEqual({ description: 'service.description_length' });
    expect(await codes({ categoryId: topId })).toEqual({ categoryId: 'service.category_invalid' });
    expect(await codes({ categoryId: 3_000_000_000 })).toEqual({ categoryId: 'service.category_invalid' });
    for (const priceCents of [400, 100_100, 1050, 0])
      expect(await codes({ priceCents }), String(priceCents)).toEqual({ priceCents: 'service.price_invalid' });
    for (const deliveryDays of [0, 91]) expect(await codes({ deliveryDays })).toEqual({ deliveryDays: 'service.days_invalid' });
    expect(await codes({ skills: Array.from({ length: 11 }, (_, i) => `مهارة ${i}`) })).toEqual({ skills: 'service.skills_invalid' });
    expect(await codes({ instructions: 'ت'.repeat(2001) })).toEqual({ instructions: 'service.instructions_too_long' });
    expect(await codes({ addons: Array.from({ length: 11 }, () => addon) })).toEqual({ addons: 'service.too_many_addons' });
    expect(await codes({ addons: [addon, { title: 'ab', priceCents: 450, extraDays: 31 }] })).toEqual({
      'addons.1.title': 'service.addon_title_invalid',
      'addons.1.priceCents': 'service.addon_price_invalid',
      'addons.1.extraDays': 'service.addon_days_invalid',
    });
    expect(await codes({ addons: [{ ...addon, priceCents: 550 }] })).toEqual({ 'addons.0.priceCents': 'service.addon_price_invalid' });
    expect(await codes({ imageIds: [mine, theirs] })).toEqual({ images: 'service.image_invalid' });
    expect(await codes({ imageIds: [mine, 999_999_999] })).toEqual({ images: 'service.image_invalid' });
    expect(await codes({ imageIds: Array.from({ length: 10 }, () => mine) })).toEqual({ images: 'service.too_many_images' });
    // Types the schema refuses before the rules look.
    expect(await codes({ priceCents: 25.5 })).toEqual({ priceCents: 'validation.field_invalid' });
    // The messages follow Accept-Language.
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: { ...u.auth, 'accept-language': 'en' },
      payload: { ...base, priceCents: 1050 },
    });
    expect(en.json().errors).toEqual([
      { field: 'priceCents', code: 'service.price_invalid', message: 'The price is whole dollars from 5 to 1,000.' },
    ]);
    expect((await api(u, 'GET', '/api/v1/me/services')).json().items).toHaveLength(0);
  });
});

describe('the seller’s pages', () => {
  it('publishes from one multipart form with its images, skipping empty add-on rows, and lists it as in review', async () => {
    const { u, b } = await signedInBrowser('form');
    const page = await b.get('/my/services/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toMatch(/<optgroup label="[^"]+"><option value="\d+"/);
    expect((page.body.match(/name="addonTitle"/g) ?? []).length).toBe(3);
    const r = await postForm(b, '/my/services/new', [
      ...formFields(),
      ...addonParts([
        ['تدقيق لغوي إضافي', '10', '1'],
        ['', '', ''],
        ['ترجمة عاجلة', '١٥', ''],
      ]),
      image(png, 'غلاف الخدمة.png'),
      image(jpeg, 'second.jpg', 'image/jpeg'),
      { name: 'action', value: 'submit' },
    ]);
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe('/my/services');
    const [s] = await t.services.catalog.bySeller(u.id, { id: u.id, roles: [] });
    expect(s).toMatchObject({
      status: 'pending',
      title: 'ترجمة مقالات من الإنجليزية إلى العربية',
      priceCents: 2000,
      deliveryDays: 5,
      skills: ['ترجمة', 'تدقيق لغوي'],
      addons: [
        { id: 1, title: 'تدقيق لغوي إضافي', priceCents: 1000, extraDays: 1 },
        { id: 2, title: 'ترجمة عاجلة', priceCents: 1500, extraDays: 0 },
      ],
    });
    expect(s.imageIds).toHaveLength(2);
    const [first] = await t.services.files.byIds([s.imageIds[0]]);
    expect(first.name).toBe('غلاف الخدمة.png');
    const list = await b.get('/my/services');
    expect(badges(list.body, s.id)).toEqual(['قيد المراجعة']);
    expect(testId(list.body, 'allowance')).toContain('5');
    expect(list.body).toContain(`href="/my/services/${s.id}/edit"`);
  });

  it('keeps everything typed and uploaded when the form is refused, each field with its message', async () => {
    const { u, b } = await signedInBrowser('keep');
    await b.get('/my/services/new');
    const typed = {
      title: 'قصير',
      price: '12.5',
      deliveryDays: '200',
      description: 'وصف <b>قصير</b> "مقتبس"',
      skills: 'كتابة, تسويق',
      instructions: 'سطر أول\nسطر ثان',
    };
    const r = await postForm(b, '/my/services/new', [
      ...formFields(typed),
      ...addonParts([
        ['', '', ''],
        ['تطوير بسعر كسري', '7.5', '2'],
      ]),
      image(png, 'kept.png'),
      { name: 'action', value: 'submit' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(inputValue(r.body, 'title')).toBe('قصير');
    expect(inputValue(r.body, 'price')).toBe('12.5');
    expect(inputValue(r.body, 'deliveryDays')).toBe('200');
    expect(inputValue(r.body, 'skills')).toBe('كتابة, تسويق');
    expect(r.body).toContain('وصف &lt;b>قصير&lt;/b> &quot;مقتبس&quot;</textarea>');
    expect(r.body).toContain('سطر أول\nسطر ثان</textarea>');
    expect(r.body).toMatch(new RegExp(`<option value="${leafId}" selected`));
    expect(testId(r.body, 'error-title')).toBe('العنوان من 10 إلى 100 حرف.');
    expect(testId(r.body, 'error-price')).toBe('السعر بالدولار الكامل من 5 إلى 1000.');
    expect(testId(r.body, 'error-deliveryDays')).toBe('مدة التسليم من 1 إلى 90 يومًا.');
    expect(testId(r.body, 'error-description')).toBe('الوصف من 100 إلى 5000 حرف.');
    expect(inputValue(r.body, 'addonTitle')).toBe('تطوير بسعر كسري');
    expect(inputValue(r.body, 'addonPrice')).toBe('7.5');
    expect(testId(r.body, 'error-addon-0')).toBe('سعر التطوير بالدولار الكامل، 5 دولارات على الأقل.');
    const ids = hiddenImageIds(r.body);
    expect(ids).toHaveLength(1);
    const [publicId] = (await t.services.files.publicIds(ids)).values();
    expect(r.body).toContain(`src="/files/${publicId}/thumb"`);
    expect(await t.services.catalog.bySeller(u.id, { id: u.id, roles: [] })).toHaveLength(0);

    // Sending again with the corrections keeps the image uploaded the first time.
    const ok = await postForm(b, '/my/services/new', [
      ...formFields({ price: '12', deliveryDays: '7' }),
      ...addonParts([['تطوير بسعر صحيح', '8', '2']]),
      { name: 'imageIds', value: String(ids[0]) },
      { name: 'action', value: 'submit' },
    ]);
    expect(ok.statusCode, ok.body).toBe(303);
    const [s] = await t.services.catalog.bySeller(u.id, { id: u.id, roles: [] });
    expect([s.imageIds, s.priceCents, s.addons[0].priceCents]).toEqual([ids, 1200, 800]);
  });

  it('refuses a non-image or an oversized file with a message naming it, keeps the rest, and leaves no file behind', async () => {
    const { u, b } = await signedInBrowser('nonimg');
    await b.get('/my/services/new');
    const before = storedCount();
    const r = await postForm(b, '/my/services/new', [
      ...formFields(),
      image(Buffer.from('%PDF-1.7 not an image'), 'cv.pdf', 'application/pdf'),
      { name: 'action', value: 'submit' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-images')).toContain('cv.pdf');
    expect(testId(r.body, 'error-images')).toContain('الملف ليس صورة');
    expect(inputValue(r.body, 'title')).toBe('ترجمة مقالات من الإنجليزية إلى العربية');
    expect(storedCount()).toBe(before);

    const big = Buffer.concat([png.subarray(0, 8), Buffer.alloc(12 * 1024 * 1024)]);
    const tooBig = await postForm(b, '/en/my/services/new', [
      ...formFields(),
      image(big, 'huge.png'),
      image(png, 'fine.png'),
      { name: 'action', value: 'submit' },
    ]);
    expect(tooBig.statusCode).toBe(400);
    expect(testId(tooBig.body, 'error-images')).toBe('“huge.png”: The file is larger than 5 MB.');
    // The good image of the same request is kept (stored once, shown, carried in the form).
    expect(hiddenImageIds(tooBig.body)).toHaveLength(1);
    expect(storedCount()).toBe(before + 2);
    expect(await t.services.catalog.bySeller(u.id, { id: u.id, roles: [] })).toHaveLength(0);
  });

  it('refuses a form without the CSRF token before storing anything, keeping what was typed', async () => {
    const { b } = await signedInBrowser('csrf');
    await b.get('/my/services/new');
    const before = storedCount();
    const r = await postForm(b, '/my/services/new', [...formFields(), image(png), { name: 'action', value: 'submit' }], 'forged');
    expect(r.statusCode).toBe(403);
    expect(testId(r.body, 'form-error')).toContain('انتهت صلاحية النموذج');
    expect(inputValue(r.body, 'title')).toBe('ترجمة مقالات من الإنجليزية إلى العربية');
    expect(storedCount()).toBe(before);
  });

  it('saves a draft, restores it in the edit form, and lets the seller remove images and pick the main one', async () => {
    const { u, b } = await signedInBrowser('drf');
    await b.get('/my/services/new');
    const r = await postForm(b, '/my/services/new', [
      ...formFields({ description: 'سأكمل الوصف لاحقًا', price: '' }),
      image(png, 'one.png'),
      image(jpeg, 'two.jpg', 'image/jpeg'),
      { name: 'action', value: 'draft' },
    ]);
    expect(r.statusCode, r.body).toBe(303);
    const id = Number(/\/my\/services\/(\d+)\/edit/.exec(r.headers.location as string)?.[1]);
    const edit = await b.get(`/my/services/${id}/edit`);
    expect(edit.body).toContain('حُفظت المسودة');
    expect(edit.body).toContain('سأكمل الوصف لاحقًا</textarea>');
    expect(inputValue(edit.body, 'price')).toBe('');
    const [one, two] = hiddenImageIds(edit.body);
    expect(edit.body).toContain('data-testid="save-draft"');

    const again = await postForm(b, `/my/services/${id}/edit`, [
      ...formFields(),
      { name: 'imageIds', value: String(one) },
      { name: 'imageIds', value: String(two) },
      { name: 'mainImage', value: String(two) },
      { name: 'action', value: 'draft' },
    ]);
    expect(again.statusCode).toBe(303);
    expect((await t.services.catalog.get(id, { id: u.id, roles: [] })).imageIds).toEqual([two, one]);
    await postForm(b, `/my/services/${id}/edit`, [
      ...formFields(),
      { name: 'imageIds', value: String(two) },
      { name: 'imageIds', value: String(one) },
      { name: 'removeImage', value: String(two) },
      { name: 'action', value: 'submit' },
    ]);
    expect(await t.services.catalog.get(id, { id: u.id, roles: [] })).toMatchObject({ imageIds: [one], status: 'pending' });
  });

  it('shows the live-version notice, sends an edit to review, and pauses and resumes from the list', async () => {
    const { u, b } = await signedInBrowser('live');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const s = await published(u, mod);
    const edit = await b.get(`/my/services/${s.id}/edit`);
    expect(testId(edit.body, 'service-notice')).toContain('هذه الخدمة منشورة');
    expect(edit.body).not.toContain('data-testid="save-draft"');
    const ids = hiddenImageIds(edit.body);
    const r = await postForm(b, `/my/services/${s.id}/edit`, [
      ...formFields({ title: 'تصميم شعار احترافي مع دليل الهوية' }),
      ...ids.map((id) => ({ name: 'imageIds', value: String(id) })),
      { name: 'action', value: 'submit' },
    ]);
    expect(r.statusCode, r.body).toBe(303);
    const list = await b.get('/my/services');
    expect(list.body).toContain('أُرسل التعديل للمراجعة');
    expect(badges(list.body, s.id)).toEqual(['منشورة', 'تعديل بانتظار المراجعة']);
    expect((await t.services.catalog.get(s.id, null)).title).toBe('تصميم شعار احترافي لشركتك');
    const again = await b.get(`/my/services/${s.id}/edit`);
    expect(inputValue(again.body, 'title')).toBe('تصميم شعار احترافي مع دليل الهوية');

    expect((await b.post(`/my/services/${s.id}/pause`, {})).statusCode).toBe(303);
    const paused = await b.get('/my/services');
    expect(paused.body).toContain('أوقفت الخدمة مؤقتًا');
    expect(badges(paused.body, s.id)).toEqual(['موقوفة مؤقتًا', 'تعديل بانتظار المراجعة']);
    expect((await b.post(`/my/services/${s.id}/resume`, {})).statusCode).toBe(303);
    expect((await t.services.catalog.get(s.id, null)).status).toBe('published');
    const wrong = await b.post(`/my/services/${s.id}/resume`, {});
    expect(wrong.statusCode).toBe(409);
    expect(testId(wrong.body, 'form-error')).toBe('لا يمكن تنفيذ هذا في حالة الخدمة الحالية.');
  });

  it('tells the seller the level limit on the form, keeping what was typed', async () => {
    const { u, b } = await signedInBrowser('lim');
    const imageIds = [await imageOf(u)];
    for (let i = 0; i < 5; i++) await createService(u, { title: `خدمة رقم ${i + 1} من خدماتي`, imageIds });
    const list = await b.get('/en/my/services');
    expect(testId(list.body, 'allowance')).toBe('Your level (New) allows 5 services live or in review; you are using 5.');
    await b.get('/my/services/new');
    const r = await postForm(b, '/my/services/new', [
      ...formFields(),
      { name: 'imageIds', value: String(imageIds[0]) },
      { name: 'action', value: 'submit' },
    ]);
    expect(r.statusCode).toBe(422);
    expect(testId(r.body, 'form-error')).toContain('(5 خدمة)');
    expect(inputValue(r.body, 'title')).toBe('ترجمة مقالات من الإنجليزية إلى العربية');
    expect(hiddenImageIds(r.body)).toEqual(imageIds);
  });

  it('answers in English under /en, refuses someone else’s service and sends visitors to sign in', async () => {
    const { b } = await signedInBrowser('enpg');
    const page = await b.get('/en/my/services/new');
    expect(page.body).toContain('<html lang="en" dir="ltr"');
    expect(page.body).toContain('Submit for review');
    expect(page.body).toContain('Save draft');
    const owner = await signedUpUser(t, 'owner');
    const mod = await staffUser(t, ['moderator'], 'mod');
    const s = await published(owner, mod);
    expect((await b.get(`/my/services/${s.id}/edit`)).statusCode).toBe(403);
    const post = await postForm(b, `/my/services/${s.id}/edit`, [...formFields(), { name: 'action', value: 'submit' }]);
    expect(post.statusCode).toBe(403);
    expect((await b.get('/my/services/999999/edit')).statusCode).toBe(404);
    const anon = new PageClient(t.app);
    const r = await anon.get('/my/services');
    expect([r.statusCode, r.headers.location]).toEqual([303, '/login?next=%2Fmy%2Fservices']);
  });
});

describe('the moderation pages', () => {
  it('preview new services and edits; moderators approve, and reject only with a reason', async () => {
    const seller = await signedUpUser(t, 'qsell');
    const { b } = await signedInBrowser('qmod', ['moderator']);
    const fresh = await createService(seller, { title: 'خدمة جديدة تنتظر المراجعة' });
    const mod = await staffUser(t, ['moderator'], 'mod');
    const live = await published(seller, mod, { title: 'خدمة منشورة سيعدلها البائع' });
    await api(seller, 'PATCH', `/api/v1/services/${live.id}`, { title: 'العنوان المقترح بعد التعديل' });

    const page = await b.get('/admin/services');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/services"');
    expect(testId(page.body, `queue-title-${fresh.id}`)).toBe('خدمة جديدة تنتظر المراجعة');
    expect(testId(page.body, `queue-title-${live.id}`)).toBe('العنوان المقترح بعد التعديل');
    expect(page.body).toContain('النسخة المنشورة الآن: <bdi>خدمة منشورة سيعدلها البائع</bdi>');
    expect(page.body).toContain(seller.username);
    expect(page.body).toContain('تسليم سريع');
    expect(page.body).toMatch(/src="\/files\/[A-Za-z0-9_-]{43}\/thumb"/);

    const noReason = await b.post(`/admin/services/${fresh.id}/reject`, { target: String(fresh.id), reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(testId(noReason.body, `error-reason-${fresh.id}`)).toBe('اكتب سبب الرفض (من 5 أحرف) ليعرفه البائع.');
    const rejected = await b.post(`/admin/services/${fresh.id}/reject`, { target: String(fresh.id), reason: 'الوصف منسوخ من موقع آخر' });
    expect(rejected.statusCode).toBe(303);
    expect((await t.mailTo(seller.email)).text).toContain('الوصف منسوخ من موقع آخر');
    const approved = await b.post(`/admin/services/${live.id}/approve`, { target: String(live.id) });
    expect(approved.statusCode).toBe(303);
    expect((await t.services.catalog.get(live.id, null)).title).toBe('العنوان المقترح بعد التعديل');
    const after = await b.get('/admin/services');
    expect(after.body).toContain('وافقت على الخدمة');
    expect(after.body).not.toContain(`queue-${fresh.id}"`);
    expect(after.body).not.toContain(`queue-${live.id}"`);
    // Decided already (by someone else): the refusal shows at the top, since the item left the queue.
    const late = await b.post(`/admin/services/${live.id}/approve`, { target: String(live.id) });
    expect(late.statusCode).toBe(409);
    expect(testId(late.body, 'form-error')).toBe('لا يمكن تنفيذ هذا في حالة الخدمة الحالية.');
  });

  it('are closed to everyone but moderators and admins', async () => {
    const seller = await signedUpUser(t, 'cls');
    const s = await createService(seller);
    const { b: user } = await signedInBrowser('plain');
    expect((await user.get('/admin/services')).statusCode).toBe(403);
    await user.get('/my/services');
    expect((await user.post(`/admin/services/${s.id}/approve`, { target: String(s.id) })).statusCode).toBe(403);
    const { b: finance } = await signedInBrowser('fin', ['finance']);
    expect((await finance.get('/admin/services')).statusCode).toBe(403);
    const users = await finance.get('/admin/users');
    expect(users.body).not.toContain('href="/admin/services"');
    const { b: admin } = await signedInBrowser('adm', ['admin']);
    expect((await admin.get('/en/admin/services')).statusCode).toBe(200);
    const anon = new PageClient(t.app);
    expect((await anon.get('/admin/services')).statusCode).toBe(303);
    expect((await t.services.catalog.get(s.id, { id: seller.id, roles: [] })).status).toBe('pending');
  });
});
