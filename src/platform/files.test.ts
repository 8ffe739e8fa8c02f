import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../test/helpers.ts';
import { IMAGE_MAX_BYTES } from './files.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const stored = () => {
  const dir = path.join(t.deps.config.dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).length > 20).length : 0;
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; fields: Record<string, string> }) => [e.code, e.fields.file],
  );

describe('uploaded images', () => {
  it('are re-encoded as WebP at most 1600 px wide with a 480×360 thumbnail, without hidden metadata such as EXIF', async () => {
    const photo = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#246' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SpyCam', Copyright: 'secret place' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const row = await t.services.files.saveImage(1, { name: 'holiday "beach"\r\n.jpg', bytes: photo }, 'service_image');
    expect(row).toMatchObject({ ownerId: 1, type: 'image/webp', purpose: 'service_image', name: 'holiday _beach___.jpg' });
    const full = await t.services.files.read(row.id);
    const thumb = await t.services.files.read(row.id, 'thumb');
    const fullMeta = await sharp(full?.bytes).metadata();
    expect(fullMeta).toMatchObject({ format: 'webp', width: 1600, height: 800 });
    expect(fullMeta.exif).toBeUndefined();
    expect(full?.bytes.includes(Buffer.from('SpyCam'))).toBe(false);
    expect(row.size).toBe(full?.bytes.length);
    expect(await sharp(thumb?.bytes).metadata()).toMatchObject({ format: 'webp', width: 480, height: 360 });
  });

  it('are checked by their bytes: anything else, even named .png or starting like a PNG, is refused and nothing is stored', async () => {
    const before = stored();
    const files = t.services.files;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await refusal(files.saveImage(1, { name: 'a.png', bytes: Buffer.from('<html><script>x</script>') }, 'service_image'))).toEqual([
      'validation.failed',
      'file.not_image',
    ]);
    const lookalike = Buffer.concat([png.subarray(0, 16), Buffer.alloc(64, 1)]);
    expect(await refusal(files.saveImage(1, { name: 'b.png', bytes: lookalike }, 'service_image'))).toEqual([
      'validation.failed',
      'file.not_image',
    ]);
    expect(await refusal(files.saveImage(1, { name: 'c.png', bytes: Buffer.alloc(0) }, 'service_image'))).toEqual([
      'validation.failed',
      'file.empty',
    ]);
    const big = Buffer.concat([png, Buffer.alloc(IMAGE_MAX_BYTES)]);
    expect(await refusal(files.saveImage(1, { name: 'd.png', bytes: big }, 'service_image'))).toEqual([
      'validation.failed',
      'file.too_large',
    ]);
    expect(stored()).toBe(before);
  });

  it('belong to their owner and purpose: owned() keeps only those, read() says nothing of unknown ids', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const mine = await t.services.files.saveImage(7, { name: 'm.png', bytes: png }, 'service_image');
    const other = await t.services.files.saveImage(8, { name: 'o.png', bytes: png }, 'service_image');
    const avatar = await t.services.files.saveImage(7, { name: 'a.png', bytes: png }, 'avatar');
    const owned = await t.services.files.owned(t.deps.db, 7, [mine.id, other.id, avatar.id], 'service_image');
    expect(owned.map((f) => f.id)).toEqual([mine.id]);
    expect(await t.services.files.owned(t.deps.db, 7, [], 'service_image')).toEqual([]);
    expect(await t.services.files.read(987_654_321)).toBeNull();
  });
});
