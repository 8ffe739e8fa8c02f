import { describe, expect, it } from 'vitest';
import { inputValue, PageClient, signedUpUser, staffUser, testId } from '../../../test/helpers.ts';
import {
  addonParts,
  api,
  badges,
  createService,
  formFields,
  hiddenImageIds,
  image,
  imageOf,
  jpeg,
  leafId,
  png,
  postForm,
  published,
  signedInBrowser,
  storedCount,
  t,
  usePublishApp,
} from './publish.fixture.ts';

usePublishApp();

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
    expect(testId(r.body, 'form-error')).toContain('(5 خدمات)');
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
