import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, publishedService, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { favorites } from './schema.ts';

// Favourites (issue 17): the heart on services, freelancers and projects, through the pages and the API; the list by
// kind with what changed since (a service's new price, an item gone offline); the 1,000 limit; two saves at once
// make one row (on PostgreSQL with KAFIIL_TEST_DB=postgres, real parallel transactions).

let t: TestApp;
type User = Awaited<ReturnType<typeof signedUpUser>>;
let mod: User;
let seller: User;
let buyer: User;
let serviceId: number;
let projectId: number;
type Json = Record<string, unknown> & { code?: string; items?: Json[] };

/** The seller changes a published service's price and a moderator approves the edit (the catalog's own way). */
async function editPrice(id: number, priceCents: number) {
  const cur = await t.services.catalog.get(id, null);
  const { title, categoryId, description, deliveryDays, instructions, skills, imageIds, addons } = cur;
  const input = { title, categoryId, description, priceCents, deliveryDays, instructions, skills, imageIds, addons };
  await t.services.catalog.update(await actor(seller), id, input, { submit: true });
  await t.services.catalog.approve(await actor(mod), id);
}

const actor = async (u: { token: string }) => {
  const a = await t.services.accounts.resolveSession(u.token, 'api');
  if (!a) throw new Error('no session');
  return a;
};
async function signIn(u: User): Promise<PageClient> {
  const b = new PageClient(t.app);
  await b.get('/login');
  expect((await b.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
  return b;
}
async function call(who: User | null, method: 'GET' | 'PUT' | 'DELETE', url: string) {
  const r = await t.app.inject({ method, url, headers: who ? who.auth : {} });
  return { status: r.statusCode, json: (r.body ? r.json() : {}) as Json };
}
const heart = (html: string, kind: string, id: number) =>
  new RegExp(`data-testid="favorite-${kind}-${id}"[^>]*data-on="(\\d)"`).exec(html)?.[1] ?? null;
const rowsOf = async (userId: number) => t.deps.db.select().from(favorites).where(eq(favorites.userId, userId));

async function openProject(owner: User): Promise<number> {
  const [top] = await t.services.catalog.categoryTree();
  const p = await t.services.projects.create(
    await actor(owner),
    {
      title: 'تصميم هوية بصرية كاملة لمتجر إلكتروني',
      description:
        'نحتاج إلى تصميم هوية بصرية كاملة لمتجر إلكتروني جديد: شعار وألوان وخطوط ونماذج لمنشورات التواصل الاجتماعي وبطاقات العمل، مع دليل استخدام واضح للهوية.',
      categoryId: top.children[0].id,
      skills: ['تصميم شعارات'],
      budgetMinCents: 10_000,
      budgetMaxCents: 25_000,
      expectedDays: 10,
    },
    { submit: true },
  );
  await t.services.projects.approve(await actor(mod), p.id);
  return p.id;
}

beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'fmod');
  seller = await signedUpUser(t, 'fsel');
  buyer = await signedUpUser(t, 'fbuy');
  serviceId = (await publishedService(t, seller, mod)).id;
  projectId = await openProject(seller);
});
afterAll(async () => {
  await t.close();
});

describe('the heart on a page', () => {
  it('saves a service, a freelancer and a project from their pages and back, and shows them filled; a second press takes them out', async () => {
    const b = await signIn(buyer);
    const pages: [string, string, number][] = [
      ['service', `/services/${serviceId}`, serviceId],
      ['user', `/u/${seller.username}`, seller.id],
      ['project', `/projects/${projectId}`, projectId],
    ];
    for (const [kind, url, id] of pages) {
      let page = await b.get(url);
      let path = url;
      if (page.statusCode === 301) {
        path = String(page.headers.location);
        page = await b.get(path);
      }
      expect(page.statusCode, url).toBe(200);
      expect(heart(page.body, kind, id), url).toBe('0');
      const r = await b.post(`/favorites/${kind}/${id}`, { on: '1', next: path });
      expect(r.statusCode, url).toBe(303);
      expect(decodeURIComponent(String(r.headers.location))).toBe(decodeURIComponent(path));
      const again = await b.get(path);
      expect(heart(again.body, kind, id), url).toBe('1');
      expect(again.body).toContain('في المفضلة');
    }
    expect((await rowsOf(buyer.id)).map((f) => f.kind).sort()).toEqual(['project', 'service', 'user']);
    // Pressed again: out of the favourites.
    expect((await b.post(`/favorites/user/${seller.id}`, { on: '0', next: `/u/${seller.username}` })).statusCode).toBe(303);
    expect(heart((await b.get(`/u/${seller.username}`)).body, 'user', seller.id)).toBe('0');
    // A way back that is not this site's goes to the list instead.
    const out = await b.post(`/favorites/user/${seller.id}`, { on: '1', next: '//evil.example/x' });
    expect(out.headers.location).toBe('/favorites?kind=user');
  });

  it('has no heart on one’s own service or profile; a visitor’s heart leads to signing in and back', async () => {
    const own = await signIn(seller);
    expect(heart((await own.get(`/u/${seller.username}`)).body, 'user', seller.id)).toBeNull();
    const visitor = new PageClient(t.app);
    const page = await visitor.get(`/u/${seller.username}`);
    expect(page.body).toContain(`href="/login?next=${encodeURIComponent(`/u/${seller.username}`)}"`);
    expect((await visitor.post(`/favorites/user/${seller.id}`, { on: '1' })).statusCode).toBe(303);
    expect(String(visitor.last?.headers.location)).toContain('/login');
  });

  it('refuses the heart’s form without its CSRF token, and for an unknown kind or item', async () => {
    const b = await signIn(buyer);
    expect((await b.post(`/favorites/service/${serviceId}`, { on: '1' }, { csrf: 'forged' })).statusCode).toBe(403);
    expect((await b.post(`/favorites/work/${serviceId}`, { on: '1' })).statusCode).toBe(404);
    expect((await b.post('/favorites/service/2147483647', { on: '1' })).statusCode).toBe(404);
  });
});

describe('the list', () => {
  it('lists them by kind, newest first, and says when a service’s price changed or it went offline', async () => {
    const u = await signedUpUser(t, 'flist');
    const second = (await publishedService(t, seller, mod, { title: 'تصميم بطاقات عمل أنيقة لشركتك' })).id;
    const third = (await publishedService(t, seller, mod, { title: 'كتابة محتوى تسويقي لصفحات الهبوط' })).id;
    for (const id of [serviceId, second, third])
      expect((await call(u, 'PUT', `/api/v1/favorites/service/${id}`)).json).toEqual({ favorite: true });
    // The first changes its price (an edit approved), the second is paused by its seller, the third is taken down.
    await editPrice(serviceId, 4000);
    await t.services.catalog.setPaused(await actor(seller), second, true);
    await t.deps.db.transaction((tx) => t.services.catalog.moderate(tx, third, 'hidden', 'spam'));

    const b = await signIn(u);
    const page = await b.get('/favorites');
    expect(page.statusCode).toBe(200);
    const order = [third, second, serviceId].map((id) => page.body.indexOf(`data-testid="favorite-service-${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.body).toContain('تغيّر السعر من \u2066$25\u2069 إلى \u2066$40\u2069');
    expect(page.body.match(/data-testid="favorite-gone"/g)?.length).toBe(2);
    expect(page.body).toContain('لم تعد متاحة');
    expect(page.body).toContain('كتابة محتوى تسويقي لصفحات الهبوط');
    expect(page.body).toContain('data-testid="favorite-tab-user"');

    const en = await b.get('/en/favorites?kind=service');
    expect(en.body).toContain('The price changed from \u2066$25\u2069 to \u2066$40\u2069');
    expect(en.body).toContain('No longer available');
    expect(en.body).toContain('lang="en"');

    const api = await call(u, 'GET', '/api/v1/favorites?kind=service');
    expect(api.json.items?.map((i) => [i.id, i.available, i.change, i.priceCents, i.savedPriceCents])).toEqual([
      [third, false, 'gone', null, 2500],
      [second, false, 'gone', null, 2500],
      [serviceId, true, 'price', 4000, 2500],
    ]);
    // An item gone offline can still be taken out, from the list's heart.
    const out = await b.post(`/favorites/service/${third}`, { on: '0', next: '/favorites?kind=service' });
    expect(out.statusCode).toBe(303);
    expect((await rowsOf(u.id)).map((f) => f.targetId).sort()).toEqual([serviceId, second].sort());
    await editPrice(serviceId, 2500);
    // A gone item cannot be saved anew.
    expect((await call(u, 'PUT', `/api/v1/favorites/service/${second}`)).json).toEqual({ favorite: true });
    expect((await call(buyer, 'PUT', `/api/v1/favorites/service/${second}`)).status).toBe(404);
  });

  it('shows freelancers and projects in their tabs, and an empty tab says so, in both languages', async () => {
    const u = await signedUpUser(t, 'ftabs');
    await call(u, 'PUT', `/api/v1/favorites/user/${seller.id}`);
    await call(u, 'PUT', `/api/v1/favorites/project/${projectId}`);
    const b = await signIn(u);
    const people = await b.get('/favorites?kind=user');
    expect(people.body).toContain(`data-testid="favorite-user-${seller.id}"`);
    expect(people.body).toContain(`@${seller.username}`);
    const projectsTab = await b.get('/en/favorites?kind=project');
    expect(projectsTab.body).toContain(`data-testid="favorite-project-${projectId}"`);
    expect(projectsTab.body).toContain('Budget');
    expect((await b.get('/favorites?kind=service')).body).toContain('data-testid="favorites-empty"');
    expect((await b.get('/en/favorites?kind=service')).body).toContain('Nothing here yet');
    // An unknown tab shows the first.
    expect((await b.get('/favorites?kind=nope')).statusCode).toBe(200);
    // Signed out: sign in first.
    expect((await t.app.inject({ method: 'GET', url: '/favorites' })).statusCode).toBe(303);
  });
});

describe('the API', () => {
  it('answers 401 signed out, 404 for an unknown kind or id, 400 for a malformed request, 422 for one’s own item', async () => {
    expect((await call(null, 'PUT', `/api/v1/favorites/service/${serviceId}`)).status).toBe(401);
    expect((await call(null, 'DELETE', `/api/v1/favorites/service/${serviceId}`)).status).toBe(401);
    expect((await call(null, 'GET', '/api/v1/favorites?kind=service')).status).toBe(401);
    for (const url of ['/api/v1/favorites/nope/1', '/api/v1/favorites/portfolio/1']) {
      const r = await call(buyer, 'PUT', url);
      expect([r.status, r.json.code]).toEqual([404, 'favorite.kind_not_found']);
    }
    for (const url of [
      '/api/v1/favorites/service/2147483647',
      '/api/v1/favorites/user/2147483647',
      '/api/v1/favorites/project/2147483647',
      '/api/v1/favorites/work/2147483647',
    ]) {
      expect((await call(buyer, 'PUT', url)).json.code).toBe('favorite.not_found');
      expect((await call(buyer, 'DELETE', url)).status).toBe(404);
    }
    for (const url of ['/api/v1/favorites/service/abc', '/api/v1/favorites/service/0', '/api/v1/favorites/Service!/1'])
      expect((await call(buyer, 'PUT', url)).status, url).toBe(404);
    for (const url of [
      '/api/v1/favorites',
      '/api/v1/favorites?kind=service&limit=0',
      '/api/v1/favorites?kind=service&cursor=x',
      '/api/v1/favorites?kind=BAD',
    ])
      expect((await call(buyer, 'GET', url)).status, url).toBe(400);
    expect((await call(buyer, 'GET', '/api/v1/favorites?kind=nope')).status).toBe(404);
    // Works are a kind (registered by the works module): an empty list, not an unknown kind.
    expect((await call(buyer, 'GET', '/api/v1/favorites?kind=work')).status).toBe(200);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/favorites/service/${serviceId}`,
      headers: { ...buyer.auth, 'content-type': 'application/json' },
      payload: '{"oops":',
    });
    expect(bad.statusCode).toBe(400);
    const own = await call(seller, 'PUT', `/api/v1/favorites/service/${serviceId}`);
    expect([own.status, own.json.code]).toEqual([422, 'favorite.own']);
    expect((await call(seller, 'PUT', `/api/v1/favorites/user/${seller.id}`)).json.code).toBe('favorite.own');
  });

  it('toggles exactly as API.md says: PUT → {favorite: true}, DELETE → {favorite: false}, each idempotent', async () => {
    const u = await signedUpUser(t, 'ftog');
    const url = `/api/v1/favorites/project/${projectId}`;
    expect(await call(u, 'PUT', url)).toEqual({ status: 200, json: { favorite: true } });
    expect(await call(u, 'PUT', url)).toEqual({ status: 200, json: { favorite: true } });
    expect((await rowsOf(u.id)).length).toBe(1);
    expect(await call(u, 'DELETE', url)).toEqual({ status: 200, json: { favorite: false } });
    expect(await call(u, 'DELETE', url)).toEqual({ status: 200, json: { favorite: false } });
    expect((await rowsOf(u.id)).length).toBe(0);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/favorites/{kind}/{id}']).sort()).toEqual(['delete', 'put']);
    expect(doc.paths['/api/v1/favorites']).toBeDefined();
  });

  it('stops at 1,000 favourites with a clear refusal; one already saved is still fine, and one out makes room', async () => {
    const u = await signedUpUser(t, 'flim');
    // 999 saved already (written directly: the limit counts rows, whatever their kind).
    await t.deps.db
      .insert(favorites)
      .values(
        Array.from({ length: 999 }, (_, i) => ({ userId: u.id, kind: 'service', targetId: 1_000_000 + i, snapshot: { title: `x${i}` } })),
      );
    expect((await call(u, 'PUT', `/api/v1/favorites/service/${serviceId}`)).json).toEqual({ favorite: true });
    const over = await call(u, 'PUT', `/api/v1/favorites/project/${projectId}`);
    expect([over.status, over.json.code]).toEqual([422, 'favorite.limit']);
    expect(String(over.json.title)).toContain('1000');
    expect((await call(u, 'PUT', `/api/v1/favorites/service/${serviceId}`)).json).toEqual({ favorite: true });
    expect((await rowsOf(u.id)).length).toBe(1000);
    // The page says so too.
    const b = await signIn(u);
    const refused = await b.post(`/favorites/project/${projectId}`, { on: '1', next: `/projects/${projectId}` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('بلغت الحد: 1000 عنصر في المفضلة');
    expect((await call(u, 'DELETE', `/api/v1/favorites/service/${serviceId}`)).json).toEqual({ favorite: false });
    expect((await call(u, 'PUT', `/api/v1/favorites/project/${projectId}`)).json).toEqual({ favorite: true });
  });

  it('makes one row of two saves at once, and lets only one of two new saves at once take the last place', async () => {
    const u = await signedUpUser(t, 'frace');
    const same = await Promise.all(Array.from({ length: 4 }, () => call(u, 'PUT', `/api/v1/favorites/service/${serviceId}`)));
    expect(same.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await rowsOf(u.id)).length).toBe(1);

    await t.deps.db
      .insert(favorites)
      .values(
        Array.from({ length: 998 }, (_, i) => ({ userId: u.id, kind: 'service', targetId: 2_000_000 + i, snapshot: { title: `x${i}` } })),
      );
    const two = await Promise.all([
      call(u, 'PUT', `/api/v1/favorites/user/${seller.id}`),
      call(u, 'PUT', `/api/v1/favorites/project/${projectId}`),
    ]);
    expect(two.map((r) => r.status).sort()).toEqual([200, 422]);
    expect((await rowsOf(u.id)).length).toBe(1000);
  });
});
