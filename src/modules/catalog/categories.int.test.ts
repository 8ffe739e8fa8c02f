import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, staffUser, type TestApp, testId } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signedIn(roles: string[]) {
  const u = await staffUser(t, roles, 'cat');
  const b = new PageClient(t.app);
  await b.get('/login');
  await b.post('/login', { login: u.username, password: u.password });
  return b;
}

describe('category management', () => {
  it('lets an admin add a subcategory, rename it, and delete it while unused; refuses bad input keeping it', async () => {
    const b = await signedIn(['admin']);
    await b.get('/admin/categories');
    const tree = await t.services.catalog.categoryTree();
    const design = tree.find((c) => c.slug === 'design');
    const bad = await b.post('/admin/categories', { parentId: String(design?.id), nameAr: 'خ', nameEn: 'Icons', slug: 'Icon Design!' });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-slug')).toBe('المعرّف حروف إنجليزية صغيرة وأرقام وشرطات فقط.');
    expect(bad.body).toMatch(/name="nameEn"[^>]*value="Icons"/);
    const taken = await b.post('/admin/categories', {
      parentId: String(design?.id),
      nameAr: 'أيقونات',
      nameEn: 'Icons',
      slug: 'logo-design',
    });
    expect(testId(taken.body, 'error-slug')).toBe('هذا المعرّف مستخدم لتصنيف آخر.');
    const ok = await b.post('/admin/categories', {
      parentId: String(design?.id),
      nameAr: 'تصميم أيقونات',
      nameEn: 'Icon design',
      slug: 'icon-design',
    });
    expect(ok.statusCode).toBe(303);
    const added = (await t.services.catalog.categoryTree())
      .find((c) => c.slug === 'design')
      ?.children.find((c) => c.slug === 'icon-design');
    expect(added).toMatchObject({ nameAr: 'تصميم أيقونات', nameEn: 'Icon design' });
    await b.get('/admin/categories');
    await b.post('/admin/categories', {
      id: String(added?.id),
      parentId: String(design?.id),
      nameAr: 'أيقونات',
      nameEn: 'Icons',
      slug: 'icon-design',
    });
    const api = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' })).json();
    expect(api.find((c: { slug: string }) => c.slug === 'design').children.map((c: { nameEn: string }) => c.nameEn)).toContain('Icons');
    await b.get('/admin/categories');
    expect((await b.post(`/admin/categories/${design?.id}/delete`, {})).statusCode).toBe(409);
    expect((await b.post(`/admin/categories/${added?.id}/delete`, {})).statusCode).toBe(303);
    expect((await t.services.catalog.categoryTree()).find((c) => c.slug === 'design')?.children.some((c) => c.slug === 'icon-design')).toBe(
      false,
    );
  });

  it('is closed to staff who are not admins', async () => {
    const b = await signedIn(['moderator']);
    expect((await b.get('/admin/categories')).statusCode).toBe(403);
  });
});
