import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { signedUpUser, staffUser } from '../../../test/helpers.ts';
import {
  api,
  createService,
  description,
  fieldCodes,
  imageOf,
  jpeg,
  png,
  published,
  storedCount,
  t,
  topId,
  upload,
  usePublishApp,
  validService,
} from './publish.fixture.ts';

usePublishApp();

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
