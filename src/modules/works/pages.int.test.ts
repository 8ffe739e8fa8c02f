import { describe, expect, it } from 'vitest';
import { inputValue, PageClient, type Part, postMultipart, testId } from '../../../test/helpers.ts';
import { api, leafId, orderOf, png, publishedWork, signedUpUser, storedCount, t, type User, useWorksApp } from './works.fixture.ts';

useWorksApp();

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

const fields = (over: Record<string, string> = {}): Part[] =>
  Object.entries({
    title: 'تطبيق حجز مواعيد لعيادة أسنان',
    categoryId: String(leafId),
    description: 'صممت وبرمجت تطبيقًا لحجز المواعيد مع تذكير بالرسائل ولوحة للطبيب، بواجهة عربية كاملة.',
    skills: 'فلاتر، تصميم واجهات',
    link: '',
    orderId: '',
    action: 'publish',
    ...over,
  }).map(([name, value]) => ({ name, value }));
const image = (name = 'screen.png', bytes: Buffer = png, type = 'image/png'): Part => ({ name: 'images', filename: name, type, bytes });

describe('the works list', () => {
  it('lists published works in Arabic and English, searches Arabic text as typed, filters by skill and category, sorts', async () => {
    const u = await signedUpUser(t, 'plist');
    const a = await publishedWork(u, { title: 'هوية بصرية لمقهى في جدة', skills: ['هوية بصرية'] });
    const b = await publishedWork(u, {
      title: 'مونتاج فيديو إعلاني لمتجر عطور',
      skills: ['مونتاج'],
      description: 'فيديو قصير من ثلاثين ثانية للمنصات، بتصوير المنتجات وموسيقى ونصوص متحركة.',
    });
    await api(await signedUpUser(t, 'pfan'), 'PUT', `/api/v1/works/${b}/like`);
    const ar = await t.app.inject({ method: 'GET', url: '/works' });
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('<html lang="ar" dir="rtl"');
    expect(ar.body).toContain(`data-testid="work-${a}"`);
    expect(ar.body).toMatch(/<img[^>]*loading="(lazy|eager)"[^>]*>/);
    expect(ar.body).toMatch(/<img[^>]*width="480"[^>]*height="360"/);
    const en = await t.app.inject({ method: 'GET', url: '/en/works' });
    expect(en.body).toContain('<html lang="en" dir="ltr"');
    expect(en.body).toContain('Most liked');
    // Typed without the hamza and with ه for ة, as people do.
    const found = await t.app.inject({ method: 'GET', url: `/works?q=${encodeURIComponent('هويه بصريه')}` });
    expect(found.body).toContain(`data-testid="work-${a}"`);
    expect(found.body).not.toContain(`data-testid="work-${b}"`);
    const skill = await t.app.inject({ method: 'GET', url: `/works?skill=${encodeURIComponent('مونتاج')}` });
    expect(skill.body).toContain(`data-testid="work-${b}"`);
    expect(skill.body).not.toContain(`data-testid="work-${a}"`);
    const liked = await t.app.inject({ method: 'GET', url: `/works?sort=likes&owner=${u.username}` });
    expect(liked.body.indexOf(`data-testid="work-${b}"`)).toBeLessThan(liked.body.indexOf(`data-testid="work-${a}"`));
    const none = await t.app.inject({ method: 'GET', url: '/works?category=no-such-category-x' });
    expect(none.body).toContain('data-testid="works-empty"');
    // An address with empty or default filters is tidied.
    const untidy = await t.app.inject({ method: 'GET', url: '/works?q=&sort=best' });
    expect(untidy.statusCode).toBe(302);
    expect(untidy.headers.location).toBe('/works');
    // htmx asks for the results alone.
    const hx = await t.app.inject({ method: 'GET', url: `/works?owner=${u.username}`, headers: { 'hx-request': 'true' } });
    expect(hx.body).not.toContain('<html');
    expect(hx.body).toContain('id="results"');
  });
});

describe('a work’s page', () => {
  it('shows the images, the freelancer with a hire-me button, likes and views, more by them, and ⚑', async () => {
    const owner = await signedUpUser(t, 'ppage');
    const wid = await publishedWork(owner, { link: 'https://example.com/cafe' });
    const other = await publishedWork(owner, { title: 'تصميم شعار لمخبز في الرياض' });
    const visitor = await t.app.inject({ method: 'GET', url: `/works/${wid}` });
    expect(visitor.statusCode).toBe(200);
    const html = visitor.body;
    expect(testId(html, 'work-title')).toBe('هوية بصرية لمقهى في جدة');
    expect(html).toContain('data-testid="cover-image"');
    expect(html).toContain(`data-testid="report-portfolio-${wid}"`);
    expect(html).toContain(`href="/messages/new?to=${owner.username}"`);
    expect(html).toMatch(new RegExp(`<bdi dir="ltr"[^>]*>\\u2066@${owner.username}\\u2069</bdi>`));
    expect(html).toContain(`href="/u/${owner.username}"`);
    expect(html).toContain('data-testid="like-signin"');
    expect(html).toContain(`data-testid="work-${other}"`);
    expect(html).toContain('rel="nofollow ugc noopener noreferrer"');
    expect(html).not.toContain('data-testid="owner-controls"');
    const en = await t.app.inject({ method: 'GET', url: `/en/works/${wid}` });
    expect(en.body).toContain('Hire me');
    expect(en.body).toContain('0 views');
    // The owner sees the controls and no hire-me or report.
    const ob = await browserOf(owner);
    const own = (await ob.get(`/works/${wid}`)).body;
    expect(own).toContain('data-testid="owner-controls"');
    expect(own).not.toContain('data-testid="hire-me"');
    expect(own).not.toContain(`report-portfolio-${wid}`);
    expect(own).toContain('data-testid="like-count"');
    expect((await t.app.inject({ method: 'GET', url: '/works/99999999' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/works/abc' })).statusCode).toBe(404);
  });

  it('likes from the page: a form without JavaScript, the button alone with htmx; the owner’s like refused', async () => {
    const owner = await signedUpUser(t, 'plike');
    const wid = await publishedWork(owner);
    const fan = await browserOf(await signedUpUser(t, 'plikefan'));
    const page = await fan.get(`/works/${wid}`);
    expect(page.body).toContain('data-testid="like-button"');
    // ⚑ leads to the report form about this work.
    const report = await fan.get(`/report?type=portfolio&id=${wid}`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('هوية بصرية لمقهى في جدة');
    const r = await fan.post(`/works/${wid}/like`, { do: 'like' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/works/${wid}#like`);
    expect((await t.services.works.get(wid, null)).likesCount).toBe(1);
    const after = await fan.get(`/works/${wid}`);
    expect(after.body).toContain('aria-pressed="true"');
    const hx = await t.app.inject({
      method: 'POST',
      url: `/works/${wid}/like`,
      headers: {
        cookie: [...fan.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
        'hx-request': 'true',
      },
      payload: new URLSearchParams({ _csrf: fan.csrf, do: 'unlike' }).toString(),
    });
    expect(hx.statusCode).toBe(200);
    expect(hx.body).not.toContain('<html');
    expect(hx.body).toContain('aria-pressed="false"');
    expect((await t.services.works.get(wid, null)).likesCount).toBe(0);
    expect((await fan.post(`/works/${wid}/like`, { do: 'like' }, { csrf: 'forged' })).statusCode).toBe(403);
    const ob = await browserOf(owner);
    await ob.get(`/works/${wid}`);
    const own = await ob.post(`/works/${wid}/like`, { do: 'like' });
    expect(own.statusCode).toBe(422);
    expect(testId(own.body, 'form-error')).toBe('لا يمكنك الإعجاب بعملك.');
  });

  it('shows the owner’s hidden work to them only; delete asks first and leads to "my works"', async () => {
    const owner = await signedUpUser(t, 'phide');
    const wid = await publishedWork(owner);
    const b = await browserOf(owner);
    await b.get(`/works/${wid}`);
    expect((await b.post(`/works/${wid}/hide`, {})).statusCode).toBe(303);
    expect(testId((await b.get(`/works/${wid}`)).body, 'status-note')).toContain('مخفي');
    expect((await t.app.inject({ method: 'GET', url: `/works/${wid}` })).statusCode).toBe(404);
    const page = await b.get(`/works/${wid}`);
    expect(page.body).toContain('data-testid="delete-work-dialog"');
    const del = await b.post(`/works/${wid}/delete`, {});
    expect(del.headers.location).toBe('/my/works');
    expect((await b.get(`/works/${wid}`)).statusCode).toBe(404);
  });
});

describe('the work form', () => {
  it('asks a visitor to sign in', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/works/new' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/login?next=%2Fworks%2Fnew');
  });

  it('publishes a work with its images, and edits it keeping what it had', async () => {
    const u = await signedUpUser(t, 'pform');
    const b = await browserOf(u);
    expect((await b.get('/works/new')).statusCode).toBe(200);
    const r = await postMultipart(b, t.app, '/works/new', [...fields(), image('a.png'), image('b.png')]);
    expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
    const wid = Number(/\/works\/(\d+)$/.exec(r.headers.location as string)?.[1]);
    const w = await t.services.works.get(wid, null);
    expect(w).toMatchObject({ status: 'published', skills: ['فلاتر', 'تصميم واجهات'] });
    expect(w.imageIds).toHaveLength(2);
    const edit = await b.get(`/works/${wid}/edit`);
    expect(inputValue(edit.body, 'title')).toBe('تطبيق حجز مواعيد لعيادة أسنان');
    expect(edit.body.match(/name="imageIds"/g)).toHaveLength(2);
    // The second image made the cover, the first removed.
    const [first, second] = w.imageIds;
    const saved = await postMultipart(b, t.app, `/works/${wid}/edit`, [
      ...fields({ title: 'تطبيق حجز مواعيد لعيادة أسنان في جدة' }),
      { name: 'imageIds', value: String(first) },
      { name: 'imageIds', value: String(second) },
      { name: 'cover', value: String(second) },
      { name: 'removeImage', value: String(first) },
    ]);
    expect(saved.statusCode).toBe(303);
    expect((await t.services.works.get(wid, null)).imageIds).toEqual([second]);
    expect(await t.services.files.byIds([first])).toEqual([]);
  });

  it('keeps what was typed and says what is wrong, in Arabic and English; a refused save keeps no file', async () => {
    const u = await signedUpUser(t, 'pbad');
    const b = await browserOf(u);
    await b.get('/works/new');
    const before = storedCount();
    const r = await postMultipart(b, t.app, '/works/new', [...fields({ title: 'قصير', link: 'https://wa.me/966500000000' }), image()]);
    expect(r.statusCode).toBe(400);
    expect(inputValue(r.body, 'title')).toBe('قصير');
    expect(r.body).toContain('صممت وبرمجت تطبيقًا');
    expect(testId(r.body, 'error-title')).toBe('العنوان من 10 إلى 100 حرف.');
    expect(testId(r.body, 'error-link')).toContain('تطبيقات المراسلة');
    expect(storedCount()).toBe(before);
    expect(r.body).not.toContain('name="imageIds"');
    await b.get('/en/works/new');
    const en = await postMultipart(b, t.app, '/en/works/new', [...fields({ link: 'https://www.fiverr.com/ali' }), image()]);
    expect(en.statusCode).toBe(400);
    expect(testId(en.body, 'error-link')).toContain('other freelance marketplaces');
    expect(storedCount()).toBe(before);
  });

  it('refuses a file that is not an image, and too many images, storing nothing', async () => {
    const u = await signedUpUser(t, 'pfiles');
    const b = await browserOf(u);
    await b.get('/works/new');
    const before = storedCount();
    const notImage = await postMultipart(b, t.app, '/works/new', [
      ...fields(),
      image('ok.png'),
      image('cv.pdf', Buffer.from('%PDF-1.4\nhello\n%%EOF\n'), 'application/pdf'),
    ]);
    expect(notImage.statusCode).toBe(400);
    expect(testId(notImage.body, 'error-images')).toContain('cv.pdf');
    expect(storedCount()).toBe(before);
    const many = await postMultipart(b, t.app, '/works/new', [...fields(), ...Array.from({ length: 12 }, (_, i) => image(`${i}.png`))]);
    expect(many.statusCode).toBe(400);
    expect(testId(many.body, 'error-images')).toContain('11');
    expect(storedCount()).toBe(before);
    expect(inputValue(many.body, 'title')).toBe('تطبيق حجز مواعيد لعيادة أسنان');
  });

  it('offers the freelancer’s completed sales; someone else’s order is refused on the form', async () => {
    const seller = await signedUpUser(t, 'psell');
    const { id: orderId } = await orderOf(seller, 'completed');
    const b = await browserOf(seller);
    const form = await b.get('/works/new');
    expect(form.body).toContain(`<option value="${orderId}"`);
    const other = await signedUpUser(t, 'pnot');
    const ob = await browserOf(other);
    await ob.get('/works/new');
    const r = await postMultipart(ob, t.app, '/works/new', [...fields({ orderId: String(orderId) }), image()]);
    expect(r.statusCode).toBe(422);
    expect(testId(r.body, 'form-error')).toContain('ليس من طلباتك المنفذة');
    const ok = await postMultipart(b, t.app, '/works/new', [...fields({ orderId: String(orderId) }), image()]);
    expect(ok.statusCode).toBe(303);
  });

  it('keeps a draft, which the owner finds under “my works”', async () => {
    const u = await signedUpUser(t, 'pmine');
    const b = await browserOf(u);
    await b.get('/works/new');
    const r = await postMultipart(b, t.app, '/works/new', [...fields({ title: 'مسودة', description: '', action: 'draft' })]);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toMatch(/^\/works\/\d+\/edit$/);
    await publishedWork(u);
    const mine = await b.get('/my/works');
    expect(testId(mine.body, 'tab-all')).toContain('2');
    expect(mine.body).toContain('مسودة');
    const drafts = await b.get('/my/works?status=draft');
    expect(drafts.body.match(/data-testid="my-work-/g)).toHaveLength(1);
    const en = await b.get('/en/my/works');
    expect(en.body).toContain('My works');
    const menu = (await b.get('/')).body;
    expect(menu.indexOf('href="/my/works"')).toBeGreaterThan(menu.indexOf('href="/my/services"'));
  });
});
