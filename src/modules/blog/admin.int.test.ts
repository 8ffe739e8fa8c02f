import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inputValue, postMultipart, signedUpUser, staffUser, testId } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import { admin, articleFields, browserOf, cover, keepCookies, slug, stored, t, useBlogApp } from './blog.fixture.ts';

useBlogApp();

describe('writing the blog (staff with the content permission)', () => {
  it('refuses everyone else with 403, a moderator included, and stores no file for them', async () => {
    const user = await browserOf(await signedUpUser(t, 'bnot'));
    const moderator = await browserOf(await staffUser(t, ['moderator'], 'bmod'));
    for (const b of [user, moderator]) {
      expect((await b.get('/admin/blog')).statusCode).toBe(403);
      expect((await b.get('/admin/blog/new')).statusCode).toBe(403);
      await b.get('/account');
      const before = await stored();
      const r = await postMultipart(b, t.app, '/admin/blog/new', [...articleFields(), cover()]);
      expect(r.statusCode).toBe(403);
      expect(await stored()).toEqual(before);
    }
    // The admin area's tabs show the blog only to those who may write it.
    const staffPage = (await moderator.get('/admin')).body;
    expect(staffPage).not.toContain('href="/admin/blog"');
    const a = await browserOf(admin);
    expect((await a.get('/admin')).body).toContain('href="/admin/blog"');
    // Signed out: the sign-in page.
    const visitor = await t.app.inject({ method: 'GET', url: '/admin/blog' });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/login?next=%2Fadmin%2Fblog');
    // The service refuses the same way (the API has no writes; pages are the one way in).
    await expect(t.services.blog.create({ id: 1, roles: ['moderator'] }, {}, { publish: false })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });

  it('publishes an article with its cover from the form, audited; the list shows it with its state', async () => {
    const b = await browserOf(admin);
    await b.get('/admin/blog/new');
    const s = slug('first');
    const r = await postMultipart(b, t.app, '/admin/blog/new', [...articleFields({ slug: s }), cover()]);
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toMatch(/^\/admin\/blog\/\d+\/edit$/);
    const a = await t.services.blog.bySlug(s, null);
    expect(a.status).toBe('published');
    expect(a.publishAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(a.coverFileId).not.toBeNull();
    const [f] = await t.services.files.byIds([a.coverFileId as number]);
    // Re-encoded like service images: WebP with a thumbnail.
    expect(f).toMatchObject({ purpose: 'blog_cover', type: 'image/webp' });
    expect(f.thumbKey).not.toBeNull();
    keepCookies(b, r);
    const edit = await b.get(r.headers.location as string);
    expect(testId(edit.body, 'flash')).toBe('المقالة منشورة.');
    expect(edit.body).toContain('data-testid="current-cover"');
    const list = await b.get('/admin/blog');
    expect(list.body).toContain(`/blog/${s}`);
    expect(testId(list.body, 'article-state')).toContain('منشورة');
    const rows = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'blog.publish'), eq(auditLog.targetId, String(a.id))));
    expect(rows).toHaveLength(1);
    expect(rows[0].actorId).toBe(admin.id);
  });

  it('refuses bad input with each field’s reason, keeps what was typed, and keeps no cover file', async () => {
    const b = await browserOf(admin);
    await b.get('/admin/blog/new');
    const before = await stored();
    const r = await postMultipart(b, t.app, '/admin/blog/new', [
      ...articleFields({ slug: 'Not A Slug!', titleAr: 'قصير', bodyEn: 'Too short.', category: 'nope', publishAt: '2026-13-45' }),
      cover(),
    ]);
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-slug')).toContain('حروف إنجليزية صغيرة');
    expect(testId(r.body, 'error-titleAr')).toBe('العنوان من 5 إلى 150 حرفًا.');
    expect(testId(r.body, 'error-bodyEn')).toBe('نص المقالة من 200 إلى 50,000 حرف.');
    expect(testId(r.body, 'error-category')).toBe('اختر قسمًا من القائمة.');
    expect(testId(r.body, 'error-publishAt')).toContain('2026-12-01T09:00');
    expect(inputValue(r.body, 'slug')).toBe('Not A Slug!');
    expect(inputValue(r.body, 'titleAr')).toBe('قصير');
    expect(r.body).toContain('مقدمة قصيرة عن العمل الحر');
    expect(r.body).toContain('>Too short.</textarea>');
    expect(await stored()).toEqual(before);
    // A file that is not an image: the cover field says so, nothing stored.
    const pdf = await postMultipart(b, t.app, '/admin/blog/new', [
      ...articleFields(),
      cover('cv.pdf', Buffer.from('%PDF-1.4\nhello\n%%EOF\n'), 'application/pdf'),
    ]);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.body).toContain('data-testid="error-cover"');
    expect(await stored()).toEqual(before);
    // No language at all; English, with an empty slug, makes its own.
    const none = await postMultipart(b, t.app, '/en/admin/blog/new', articleFields({ titleAr: '', bodyAr: '', titleEn: '', bodyEn: '' }));
    expect(none.statusCode).toBe(400);
    expect(testId(none.body, 'error-titleAr')).toBe('Write the article in at least one language: the title and the body.');
    const made = await postMultipart(b, t.app, '/admin/blog/new', articleFields({ slug: '', titleEn: 'Ten tips for your first order!' }));
    expect(made.statusCode).toBe(303);
    expect((await t.services.blog.bySlug('ten-tips-for-your-first-order', null)).titleEn).toBe('Ten tips for your first order!');
  });

  it('answers a taken slug with 409 on the form, and a draft with a short body is kept', async () => {
    const b = await browserOf(admin);
    await b.get('/admin/blog/new');
    const s = slug('taken');
    expect((await postMultipart(b, t.app, '/admin/blog/new', articleFields({ slug: s }))).statusCode).toBe(303);
    const before = await stored();
    const again = await postMultipart(b, t.app, '/admin/blog/new', [...articleFields({ slug: s }), cover()]);
    expect(again.statusCode).toBe(409);
    expect(testId(again.body, 'error-slug')).toBe('عنوان الرابط هذا لمقالة أخرى: اختر غيره.');
    expect(await stored()).toEqual(before);
    const draft = await postMultipart(
      b,
      t.app,
      '/admin/blog/new',
      articleFields({ bodyAr: 'فكرة أولى', bodyEn: '', titleEn: '', action: 'draft' }),
    );
    expect(draft.statusCode).toBe(303);
    keepCookies(b, draft);
    const page = await b.get(draft.headers.location as string);
    expect(testId(page.body, 'flash')).toBe('حُفظت المسودة.');
    expect(testId(page.body, 'article-state')).toBe('مسودة');
    // Publishing it asks for the whole body.
    const id = (draft.headers.location as string).split('/')[3];
    const pub = await postMultipart(b, t.app, `/admin/blog/${id}/edit`, articleFields({ bodyAr: 'فكرة أولى', bodyEn: '', titleEn: '' }));
    expect(pub.statusCode).toBe(400);
    expect(pub.body).toContain('data-testid="error-bodyAr"');
  });

  it('replaces and removes a cover (the old file goes), edits, and unpublishes once (409 the second time)', async () => {
    const b = await browserOf(admin);
    await b.get('/admin/blog/new');
    const s = slug('edit');
    const r = await postMultipart(b, t.app, '/admin/blog/new', [...articleFields({ slug: s }), cover()]);
    const editUrl = r.headers.location as string;
    const first = (await t.services.blog.bySlug(s, null)).coverFileId as number;
    await b.get(editUrl);
    const replaced = await postMultipart(b, t.app, editUrl, [
      ...articleFields({ slug: s, titleEn: 'A new English title' }),
      cover('second.png'),
    ]);
    expect(replaced.statusCode).toBe(303);
    const a = await t.services.blog.bySlug(s, null);
    expect(a.titleEn).toBe('A new English title');
    expect(a.coverFileId).not.toBe(first);
    expect(await t.services.files.byIds([first])).toEqual([]);
    const removed = await postMultipart(b, t.app, editUrl, [...articleFields({ slug: s }), { name: 'removeCover', value: '1' }]);
    expect(removed.statusCode).toBe(303);
    expect((await t.services.blog.bySlug(s, null)).coverFileId).toBeNull();
    expect(await t.services.files.byIds([a.coverFileId as number])).toEqual([]);
    const id = editUrl.split('/')[3];
    await b.get(editUrl);
    const un = await b.post(`/admin/blog/${id}/unpublish`, {});
    expect(un.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: `/blog/${s}` })).statusCode).toBe(404);
    const twice = await b.post(`/admin/blog/${id}/unpublish`, {});
    expect(twice.statusCode).toBe(409);
    expect(testId(twice.body, 'form-error')).toBe('لا يمكن تنفيذ هذا في حالة المقالة الحالية.');
    const audited = await t.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'blog_article'), eq(auditLog.targetId, id)));
    expect(audited.map((x) => x.action)).toEqual(['blog.publish', 'blog.update', 'blog.update', 'blog.unpublish']);
    // A forged token changes nothing.
    expect((await b.post(`/admin/blog/${id}/unpublish`, {}, { csrf: 'forged' })).statusCode).toBe(403);
  });
});
