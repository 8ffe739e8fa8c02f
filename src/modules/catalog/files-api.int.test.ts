import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, multipart, type Part, signedUpUser, type TestApp } from '../../../test/helpers.ts';
import { ATTACHMENT_MAX_BYTES } from '../../platform/files.ts';

let t: TestApp;
let png: Buffer;
beforeAll(async () => {
  t = await makeTestApp();
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await t.close();
});

type User = Awaited<ReturnType<typeof signedUpUser>>;
async function post(u: User, parts: Part[], headers: Record<string, string> = {}) {
  const m = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...u.auth, ...headers, 'content-type': m.contentType },
    payload: m.payload,
  });
}

const file = (filename: string, bytes: Buffer, type = 'application/octet-stream'): Part => ({ name: 'file', filename, type, bytes });
const purpose = (value: string): Part => ({ name: 'purpose', value });

const filesDir = () => path.join(t.deps.config.dataDir, 'files');
const storedCount = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length : 0;

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const exe = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]),
  Buffer.from('This program cannot be run in DOS mode'),
]);

describe('attachments (POST /api/v1/files with purpose=attachment)', () => {
  it('keeps a PDF byte for byte as a private attachment, with no public url, the purpose before or after the file', async () => {
    const u = await signedUpUser(t, 'att');
    for (const parts of [
      [purpose('attachment'), file('brief.pdf', pdf, 'application/pdf')],
      [file('brief.pdf', pdf, 'application/pdf'), purpose('attachment')],
    ]) {
      const r = await post(u, parts);
      expect(r.statusCode, r.body).toBe(201);
      const body = r.json();
      expect(body).toEqual({ id: expect.any(Number), name: 'brief.pdf', size: pdf.length, type: 'application/pdf' });
      const stored = await t.services.files.read(body.id);
      expect(stored?.row).toMatchObject({ ownerId: u.id, purpose: 'attachment', type: 'application/pdf' });
      expect(stored?.bytes.equals(pdf)).toBe(true);
      // Not served by the public image route, by either id, even to its owner: only through the conversation or
      // order it is attached to.
      for (const ref of [body.id, stored?.row.publicId])
        expect((await t.app.inject({ method: 'GET', url: `/files/${ref}`, headers: u.auth })).statusCode).toBe(404);
    }
  });

  it('keeps an Arabic file name, and an image as it is (not re-encoded)', async () => {
    const u = await signedUpUser(t, 'attar');
    const r = await post(u, [purpose('attachment'), file('عرض السعر النهائي.pdf', pdf, 'application/pdf')]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().name).toBe('عرض السعر النهائي.pdf');
    expect((await t.services.files.read(r.json().id))?.row.name).toBe('عرض السعر النهائي.pdf');
    const img = await post(u, [file('صورة.png', png, 'image/png'), purpose('attachment')]);
    expect(img.json()).toEqual({ id: expect.any(Number), name: 'صورة.png', size: png.length, type: 'image/png' });
    expect((await t.services.files.read(img.json().id))?.bytes.equals(png)).toBe(true);
  });

  it('refuses programs by content and by name with file.blocked_type in Arabic or English, storing nothing', async () => {
    const u = await signedUpUser(t, 'attexe');
    const before = storedCount();
    for (const [name, bytes] of [
      ['setup.exe', exe],
      ['invoice.pdf', exe],
      ['invoice.pdf.exe', pdf],
      ['page.html', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ] as const) {
      for (const parts of [
        [purpose('attachment'), file(name, bytes)],
        [file(name, bytes), purpose('attachment')],
      ]) {
        const r = await post(u, parts);
        expect([name, r.statusCode, r.headers['content-type']]).toEqual([name, 400, 'application/problem+json; charset=utf-8']);
        expect(r.json()).toMatchObject({
          code: 'validation.failed',
          errors: [{ field: 'file', code: 'file.blocked_type', message: expect.stringContaining('غير مسموح به') }],
        });
      }
    }
    const en = await post(u, [purpose('attachment'), file('setup.exe', exe)], { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe('This type of file is not allowed for security reasons (such as programs and web pages).');
    expect(storedCount()).toBe(before);
  });

  it('refuses an empty, a missing and an over-25 MB attachment, saying the limit', async () => {
    const u = await signedUpUser(t, 'attbig');
    const before = storedCount();
    const empty = await post(u, [purpose('attachment'), file('a.pdf', Buffer.alloc(0))]);
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'file.empty' })]);
    const missing = await post(u, [purpose('attachment')]);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'file.missing' })]);
    const big = Buffer.concat([pdf, Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20)]);
    const tooBig = await post(u, [file('big.pdf', big), purpose('attachment')]);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors).toEqual([{ field: 'file', code: 'file.too_large', message: 'الملف أكبر من 25 MB.' }]);
    expect(storedCount()).toBe(before);
    // Between the image and the attachment limits: a fine attachment.
    const mid = await post(u, [purpose('attachment'), file('scan.pdf', Buffer.concat([pdf, Buffer.alloc(8 * 1024 * 1024, 0x20)]))]);
    expect(mid.statusCode, mid.body).toBe(201);
    expect(mid.json().size).toBe(pdf.length + 8 * 1024 * 1024);
  });
});

describe('purpose of POST /api/v1/files', () => {
  it('is private (an attachment) when left out, even for an image: only a declared service image is public', async () => {
    const u = await signedUpUser(t, 'purpriv');
    const r = await post(u, [file('photo.png', png, 'image/png')]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ id: expect.any(Number), name: 'photo.png', size: png.length, type: 'image/png' });
    expect((await t.services.files.read(r.json().id))?.row.purpose).toBe('attachment');
    const row = (await t.services.files.read(r.json().id))?.row;
    for (const ref of [row?.id, row?.publicId])
      expect((await t.app.inject({ method: 'GET', url: `/files/${ref}`, headers: u.auth })).statusCode).toBe(404);
    const doc = await post(u, [file('brief.pdf', pdf)]);
    expect(doc.json()).toMatchObject({ name: 'brief.pdf', type: 'application/pdf' });
  });

  it('is a service image with purpose=service_image, before or after the file (re-encoded, with urls)', async () => {
    const u = await signedUpUser(t, 'purimg');
    for (const parts of [
      [purpose('service_image'), file('logo.png', png, 'image/png')],
      [file('logo.png', png, 'image/png'), purpose('service_image')],
    ]) {
      const r = await post(u, parts);
      expect(r.statusCode, r.body).toBe(201);
      const f = r.json();
      const row = (await t.services.files.read(f.id))?.row;
      expect(row?.purpose).toBe('service_image');
      expect(f).toMatchObject({
        name: 'logo.png',
        type: 'image/webp',
        url: `/files/${row?.publicId}`,
        thumbUrl: `/files/${row?.publicId}/thumb`,
      });
    }
    // An image over 5 MB is still refused with the image limit, even though the attachment limit is read first.
    const big = await post(u, [
      purpose('service_image'),
      file('big.png', Buffer.concat([png.subarray(0, 8), Buffer.alloc(6 * 1024 * 1024)]), 'image/png'),
    ]);
    expect(big.json().errors).toEqual([{ field: 'file', code: 'file.too_large', message: 'الملف أكبر من 5 MB.' }]);
    const pdfAsImage = await post(u, [purpose('service_image'), file('brief.pdf', pdf)]);
    expect(pdfAsImage.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'file.not_image' })]);
  });

  it('refuses any other purpose, before or after the file, storing nothing', async () => {
    const u = await signedUpUser(t, 'purbad');
    const before = storedCount();
    for (const parts of [
      [purpose('avatar'), file('brief.pdf', pdf)],
      [file('brief.pdf', pdf), purpose('ATTACHMENT')],
      [purpose(''), file('logo.png', png, 'image/png')],
      [purpose('attachment'), file('brief.pdf', pdf), purpose('service_image')],
    ]) {
      const r = await post(u, parts);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        code: 'validation.failed',
        errors: [{ field: 'purpose', code: 'validation.field_invalid', message: 'قيمة غير صالحة.' }],
      });
    }
    expect(storedCount()).toBe(before);
  });
});
