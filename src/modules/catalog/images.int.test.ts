import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, multipart, PageClient, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let png: Buffer;
let leafId: number;
beforeAll(async () => {
  t = await makeTestApp();
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } })
    .png()
    .toBuffer();
  const tree = (await t.app.inject({ method: 'GET', url: '/api/v1/categories' })).json() as { children: { id: number }[] }[];
  leafId = tree[0].children[0].id;
});
afterAll(async () => {
  await t.close();
});

type User = Awaited<ReturnType<typeof signedUpUser>>;

/** Uploads a service image through the API: its numeric id and the addresses the answer gives. */
async function upload(u: User): Promise<{ id: number; url: string; thumbUrl: string }> {
  const m = multipart([
    { name: 'purpose', value: 'service_image' },
    { name: 'file', filename: 'logo.png', type: 'image/png', bytes: png },
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...u.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** A browser signed in as `u` (cookies), for the image addresses as pages load them. */
async function browserOf(u: User): Promise<PageClient> {
  const b = new PageClient(t.app);
  await b.get('/login');
  expect((await b.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
  return b;
}

const service = (imageIds: number[]) => ({
  title: 'تصميم شعار احترافي لشركتك',
  categoryId: leafId,
  description: 'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك، مع ثلاثة نماذج أولية وتعديلات غير محدودة حتى ترضى، وأسلمك الملفات المصدرية.',
  priceCents: 2500,
  deliveryDays: 3,
  imageIds,
  addons: [],
});

async function createService(u: User, imageIds: number[], draft: boolean): Promise<number> {
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/services', headers: u.auth, payload: { ...service(imageIds), draft } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

const YEAR = 'public, max-age=31536000, immutable';

describe('service images at unguessable addresses, public only once their service is', () => {
  let seller: User;
  let other: User;
  let moderator: User;
  let browsers: { visitor: PageClient; seller: PageClient; other: PageClient; moderator: PageClient };
  beforeAll(async () => {
    seller = await signedUpUser(t, 'imgseller');
    other = await signedUpUser(t, 'imgother');
    moderator = await staffUser(t, ['moderator'], 'imgmod');
    browsers = {
      visitor: new PageClient(t.app),
      seller: await browserOf(seller),
      other: await browserOf(other),
      moderator: await browserOf(moderator),
    };
  });

  it('addresses images by a random token of at least 128 bits, never by the sequential id', async () => {
    const a = await upload(seller);
    const b = await upload(seller);
    const token = (url: string) => /^\/files\/([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';
    const [ta, tb] = [token(a.url), token(b.url)];
    expect(ta.length).toBeGreaterThanOrEqual(22); // 22 base64url characters are 132 bits
    expect(ta).not.toBe(tb);
    expect(ta).not.toMatch(/^\d+$/);
    expect(Buffer.from(ta, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(a.thumbUrl).toBe(`${a.url}/thumb`);
    // The API keeps numeric ids as the reference to an image (`imageIds`).
    expect(Number.isInteger(a.id)).toBe(true);
  });

  it('serves a draft service’s image to its seller and moderators only (not cached), publicly once published', async () => {
    const img = await upload(seller);
    const id = await createService(seller, [img.id], true);
    for (const url of [img.url, img.thumbUrl]) {
      const hidden = await browsers.visitor.get(url);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['cache-control']).toBe('no-store'); // no cache keeps the refusal once it is published
      expect((await browsers.other.get(url)).statusCode).toBe(404);
      for (const who of [browsers.seller, browsers.moderator]) {
        const r = await who.get(url);
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toBe('image/webp');
        expect(r.headers['cache-control']).toBe('private, no-store');
      }
    }
    // Bearer tokens count too (an API client showing its own draft).
    expect((await t.app.inject({ method: 'GET', url: img.url, headers: seller.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: img.url, headers: other.auth })).statusCode).toBe(404);

    // Submitted: in review, still not public.
    const submit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${id}`,
      headers: seller.auth,
      payload: { ...service([img.id]), submit: true },
    });
    expect(submit.statusCode, submit.body).toBeLessThan(300);
    expect((await browsers.visitor.get(img.url)).statusCode).toBe(404);
    const approve = await t.app.inject({ method: 'POST', url: `/api/v1/admin/services/${id}/approve`, headers: moderator.auth });
    expect(approve.statusCode, approve.body).toBe(200);
    for (const url of [img.url, img.thumbUrl]) {
      const r = await browsers.visitor.get(url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe(YEAR);
      expect((await browsers.other.get(url)).statusCode).toBe(200);
    }
    // The sequential address serves nothing, whatever the image's state.
    for (const url of [`/files/${img.id}`, `/files/${img.id}/thumb`]) {
      expect((await browsers.visitor.get(url)).statusCode).toBe(404);
      expect((await browsers.seller.get(url)).statusCode).toBe(404);
    }

    // Pages and the API give the token addresses.
    const page = await browsers.visitor.get(`/services/${id}`);
    const canonical = page.statusCode === 301 || page.statusCode === 302 ? await browsers.visitor.get(String(page.headers.location)) : page;
    expect(canonical.body).toContain(`src="${img.url}"`);
    expect(canonical.body).not.toContain(`/files/${img.id}"`);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/services/${id}` })).json();
    expect(detail.images).toEqual([{ id: img.id, url: img.url, thumbUrl: img.thumbUrl }]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/services?sort=newest&limit=5' })).json();
    expect(list.items.find((s: { id: number }) => s.id === id)?.imageUrl).toBe(img.thumbUrl);
    const cards = await browsers.visitor.get('/services?sort=newest');
    expect(cards.body).toContain(`src="${img.thumbUrl}"`);
  });

  it('serves an upload not attached to any service to its owner only', async () => {
    const img = await upload(seller);
    for (const who of [browsers.visitor, browsers.other, browsers.moderator]) {
      expect((await who.get(img.url)).statusCode).toBe(404);
      expect((await who.get(img.thumbUrl)).statusCode).toBe(404);
    }
    const own = await browsers.seller.get(img.url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });

  it('an edit waiting for review does not publish its new image; the live ones stay public', async () => {
    const live = await upload(seller);
    const id = await createService(seller, [live.id], false);
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/services/${id}/approve`, headers: moderator.auth });
    const added = await upload(seller);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${id}`,
      headers: seller.auth,
      payload: { ...service([live.id, added.id]), submit: true },
    });
    expect(edit.statusCode, edit.body).toBeLessThan(300);
    expect((await browsers.visitor.get(live.url)).statusCode).toBe(200);
    expect((await browsers.visitor.get(added.url)).statusCode).toBe(404);
    expect((await browsers.moderator.get(added.url)).statusCode).toBe(200);
    expect((await browsers.seller.get(added.url)).headers['cache-control']).toBe('private, no-store');
  });
});

describe('in production (the session cookie is __Host-kafiil_session)', () => {
  it('the seller’s browser still loads the images of their draft', async () => {
    const prod = await makeTestApp({ config: { production: true, secretKey: 'production-secret-for-tests-0123456789abcdef' } });
    try {
      const seller = await signedUpUser(prod, 'prodimg');
      const m = multipart([
        { name: 'purpose', value: 'service_image' },
        { name: 'file', filename: 'logo.png', type: 'image/png', bytes: png },
      ]);
      const up = await prod.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { ...seller.auth, 'content-type': m.contentType },
        payload: m.payload,
      });
      const img = up.json() as { url: string };
      const b = new PageClient(prod.app);
      await b.get('/login');
      expect((await b.post('/login', { login: seller.username, password: seller.password })).statusCode).toBe(303);
      expect([...b.cookies.keys()]).toContain('__Host-kafiil_session');
      const r = await b.get(img.url);
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe('private, no-store');
      expect((await new PageClient(prod.app).get(img.url)).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
