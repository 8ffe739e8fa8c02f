// What the publishing tests (publish.int.test.ts, publish-pages.int.test.ts) share: one app per file, images,
// a signed-in seller's browser, the form's parts. Not a test file itself.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect } from 'vitest';
import { makeTestApp, multipart, PageClient, type Part, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';

export let t: TestApp;
export let png: Buffer;
export let jpeg: Buffer;
export let leafId: number;
export let topId: number;
/** Registers the app the publishing tests share (made before, closed after the file). */
export function usePublishApp(): void {
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
}

export type User = Awaited<ReturnType<typeof signedUpUser>>;
export { multipart, type Part };

export const filesDir = () => path.join(t.deps.config.dataDir, 'files');
export const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;

export async function upload(u: User, bytes: Buffer, name = 'logo.png', type = 'image/png', field = 'file') {
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

export async function imageOf(u: User): Promise<number> {
  const r = await upload(u, png);
  expect(r.statusCode).toBe(201);
  return r.json().id;
}

export const description =
  'أصمم لك شعارًا احترافيًا يعبر عن هوية شركتك، مع ثلاثة نماذج أولية وتعديلات غير محدودة حتى ترضى، وأسلمك الملفات المصدرية بصيغ مختلفة جاهزة للطباعة والويب.';

export async function validService(u: User, over: Record<string, unknown> = {}) {
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

export const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: u ? u.auth : {}, ...(payload ? { payload } : {}) });

export async function createService(u: User, over: Record<string, unknown> = {}) {
  const r = await api(u, 'POST', '/api/v1/services', await validService(u, over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; status: string };
}

export async function published(u: User, mod: User, over: Record<string, unknown> = {}) {
  const s = await createService(u, over);
  const r = await api(mod, 'POST', `/api/v1/admin/services/${s.id}/approve`);
  expect(r.json()).toEqual({ id: s.id, status: 'published' });
  return s;
}

/** The field codes of a problem+json answer, by field. */
export const fieldCodes = (r: { json(): { errors?: { field: string; code: string }[] } }) =>
  Object.fromEntries((r.json().errors ?? []).map((e) => [e.field, e.code]));

export async function signedInBrowser(prefix = 'web', roles: string[] | null = null) {
  const u = roles ? await staffUser(t, roles, prefix) : await signedUpUser(t, prefix);
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return { u, b };
}

/** Posts a multipart form as the browser `b` would, with its cookies and CSRF token (unless given another). */
export async function postForm(b: PageClient, url: string, parts: Part[], csrf = b.csrf) {
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

export const formFields = (over: Record<string, string> = {}): Part[] =>
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

export const addonParts = (rows: [string, string, string][]): Part[] =>
  rows.flatMap(([title, price, days]) => [
    { name: 'addonTitle', value: title },
    { name: 'addonPrice', value: price },
    { name: 'addonDays', value: days },
  ]);

export const image = (bytes: Buffer, filename = 'cover.png', type = 'image/png'): Part => ({ name: 'images', filename, type, bytes });
/** The text of the status badges of service `id` in the seller's list. */
export const badges = (html: string, id: number) =>
  (new RegExp(`data-testid="status-${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '').split(/<[^>]+>/).filter(Boolean);
export const hiddenImageIds = (html: string) =>
  [...html.matchAll(/<input type="hidden" name="imageIds" value="(\d+)"/g)].map((m) => Number(m[1]));
