import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaiming } from '../../../test/fixtures/images.ts';
import { makeTestApp, multipart, PageClient, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';
import { files } from '../../platform/db/tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

type User = Awaited<ReturnType<typeof signedUpUser>>;

async function signedIn(prefix: string): Promise<{ u: User; b: PageClient }> {
  const u = await signedUpUser(t, prefix);
  const b = new PageClient(t.app);
  await b.get('/login');
  expect((await b.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
  await b.get('/account');
  return { u, b };
}

/** The avatar form as a browser posts it. */
function sendAvatar(b: PageClient, name: string, bytes: Buffer) {
  const m = multipart([
    { name: '_csrf', value: b.csrf },
    { name: 'avatar', filename: name, type: 'image/png', bytes },
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/account/avatar',
    headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': m.contentType },
    payload: m.payload,
  });
}

const avatarUrlOf = async (u: User): Promise<string | null> =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).json().avatarUrl;

const storedCount = () => {
  const dir = path.join(t.deps.config.dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).length > 20).length : 0;
};
const avatarRows = async (ownerId: number) => (await t.deps.db.select().from(files).where(eq(files.ownerId, ownerId))).length;

describe('avatars', () => {
  it('are re-encoded: a square 256 px WebP without the photo’s EXIF (GPS position, camera)', async () => {
    const { u, b } = await signedIn('avexif');
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#468' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'SpyCam', Model: 'Pocket' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 57/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '35/1 56/1 0/1' },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect((await sendAvatar(b, 'me.jpg', photo)).statusCode).toBe(303);
    const url = await avatarUrlOf(u);
    expect(url).toBeTruthy();
    const r = await t.app.inject({ method: 'GET', url: String(url) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/webp');
    const meta = await sharp(r.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(r.rawPayload.includes(Buffer.from('SpyCam'))).toBe(false);
    const [row] = await t.deps.db.select().from(files).where(eq(files.ownerId, u.id));
    expect(row).toMatchObject({ type: 'image/webp', purpose: 'avatar', size: r.rawPayload.length });
  });

  it('refuses an image whose header claims 50,000 × 50,000 px, with a message, storing nothing', async () => {
    const { u, b } = await signedIn('avbomb');
    const bomb = pngClaiming(50_000, 50_000);
    expect(bomb.length).toBeLessThan(10_000);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ width: 50_000, height: 50_000 });
    const [files0, rows0] = [storedCount(), await avatarRows(u.id)];
    const r = await sendAvatar(b, 'huge.png', bomb);
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(testId(r.body, 'error-avatar')).toBe('أبعاد الصورة كبيرة جدًا: الحد 40 ميجابكسل.');
    expect(storedCount()).toBe(files0);
    expect(await avatarRows(u.id)).toBe(rows0);
    expect(await avatarUrlOf(u)).toBeNull();
    // In English too.
    const en = await t.app.inject({
      method: 'POST',
      url: '/en/account/avatar',
      ...(() => {
        const m = multipart([
          { name: '_csrf', value: b.csrf },
          { name: 'avatar', filename: 'huge.png', type: 'image/png', bytes: bomb },
        ]);
        return {
          headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': m.contentType },
          payload: m.payload,
        };
      })(),
    });
    expect(testId(en.body, 'error-avatar')).toBe('The image’s dimensions are too large: at most 40 megapixels.');
    expect(storedCount()).toBe(files0);
  });

  it('are served at an unguessable address while the profile is public; not by the user’s id, not after deactivation', async () => {
    const { u, b } = await signedIn('avaddr');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#a00' } })
      .png()
      .toBuffer();
    expect((await sendAvatar(b, 'me.png', png)).statusCode).toBe(303);
    const url = String(await avatarUrlOf(u));
    const token = /^\/avatars\/([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(22);
    expect(token).not.toMatch(/^\d+$/);
    const r = await t.app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The old address by user id serves nothing.
    expect((await t.app.inject({ method: 'GET', url: `/avatars/${u.id}` })).statusCode).toBe(404);
    // The public profile and the directory show the new address.
    expect((await new PageClient(t.app).get(`/u/${u.username}`)).body).toContain(`src="${url}"`);
    // A new picture gets a new address; the old one is gone.
    expect((await sendAvatar(b, 'me2.png', png)).statusCode).toBe(303);
    const next = String(await avatarUrlOf(u));
    expect(next).not.toBe(url);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: next })).statusCode).toBe(200);
    // A deactivated profile is hidden, and so is its picture.
    await b.get('/account/security');
    expect((await b.post('/account/deactivate', { password: u.password })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: next })).statusCode).toBe(404);
  });
});
