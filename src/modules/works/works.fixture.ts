// What the works tests share: one app per file, a leaf category, image uploads, completed orders with reviews.
// Not a test file itself.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  multipart,
  publishedService,
  signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
} from '../../../test/helpers.ts';

export type User = Awaited<ReturnType<typeof signedUpUser>>;
export let t: TestApp;
export let png: Buffer;
export let leafId: number;
export let topId: number;
export let mod: Awaited<ReturnType<typeof staffUser>>;

/** Registers the app the works tests share (made before, closed after the file). */
export function useWorksApp(opts: { listen?: boolean } = {}): void {
  beforeAll(async () => {
    t = await makeTestApp();
    if (opts.listen) await t.app.listen({ port: 0, host: '127.0.0.1' });
    png = await smallPng();
    const tree = await t.services.catalog.categoryTree();
    topId = tree[0].id;
    leafId = tree[0].children[0].id;
    mod = await staffUser(t, ['moderator'], 'wmod');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });
}

export const api = (
  u: { auth: Record<string, string> } | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { ...(u?.auth ?? {}), 'accept-language': 'en', ...headers },
    payload: payload as object,
  });

/** Uploads a work image through the API (`purpose=work_image`): the answer. */
export async function uploadImage(u: User, bytes: Buffer = png, name = 'work.png', type = 'image/png') {
  const m = multipart([
    { name: 'purpose', value: 'work_image' },
    { name: 'file', filename: name, type, bytes },
  ]);
  return t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...u.auth, 'content-type': m.contentType }, payload: m.payload });
}

export async function imageId(u: User): Promise<number> {
  const r = await uploadImage(u);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/** A work's body that publishes, with one fresh image of `u`'s. */
export async function workBody(u: User, over: Record<string, unknown> = {}) {
  return {
    title: 'هوية بصرية لمقهى في جدة',
    description: 'صممت الشعار والألوان والخطوط وأكواب القهوة واللافتة، مع دليل استخدام للهوية.',
    categoryId: leafId,
    skills: ['شعار', 'هوية بصرية'],
    imageIds: [await imageId(u)],
    ...over,
  };
}

export async function publishedWork(u: User, over: Record<string, unknown> = {}): Promise<number> {
  const r = await api(u, 'POST', '/api/v1/works', await workBody(u, over));
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/**
 * An order of `seller`'s service by a new buyer, taken to `status` ('in_progress' or 'completed'); completed ones
 * are reviewed by both sides when `reviewed` (so the reviews are published).
 */
export async function orderOf(seller: User, status: 'in_progress' | 'completed', reviewed = false) {
  const { id: serviceId } = await publishedService(t, seller, mod);
  const buyer = await fundedUser(t, 5000, 'wbuyer');
  const o = await api(
    buyer,
    'POST',
    '/api/v1/orders',
    { serviceId, quantity: 1, addonIds: [] },
    { 'idempotency-key': `k-${Math.random()}` },
  );
  expect(o.statusCode, o.body).toBe(201);
  const id = o.json().id as number;
  const act = async (u: User, action: string, body: Record<string, unknown> = {}) => {
    const r = await api(u, 'POST', `/api/v1/orders/${id}/${action}`, body);
    expect(r.statusCode, r.body).toBe(200);
  };
  await act(seller, 'accept');
  if (status === 'completed') {
    await act(seller, 'deliver', { message: 'الملفات النهائية' });
    await act(buyer, 'complete');
    if (reviewed) {
      const review = (u: User, comment: string) =>
        api(u, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 4, onTime: 5, comment });
      expect((await review(buyer, 'عمل رائع وتسليم في الموعد')).statusCode).toBe(201);
      expect((await review(seller, 'مشترٍ متعاون')).statusCode).toBe(201);
    }
  }
  return { id, buyer };
}

export const filesDir = () => path.join(t.deps.config.dataDir, 'files');
/** How many stored objects (images, thumbnails) the storage holds. */
export const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;

export { signedUpUser };
