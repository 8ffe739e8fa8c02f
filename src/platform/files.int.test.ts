import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngClaiming } from '../../test/fixtures/images.ts';
import { makeTestApp, type TestApp } from '../../test/helpers.ts';
import { ATTACHMENT_MAX_BYTES, attachmentKind, IMAGE_MAX_BYTES, isInlineSafe, safeFileName } from './files.ts';

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
    // A decompression bomb (a few hundred bytes claiming 2.5 gigapixels) is refused by its header, before decoding.
    expect(await refusal(files.saveImage(1, { name: 'bomb.png', bytes: pngClaiming(50_000, 50_000) }, 'service_image'))).toEqual([
      'validation.failed',
      'file.too_many_pixels',
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

const b = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const pdf = b('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const zip = b([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0], 'word/document.xml', [0, 0, 0, 0]);
const typeOf = (name: string, bytes: Buffer) => {
  const k = attachmentKind(name, bytes);
  return 'blocked' in k ? 'blocked' : k.type;
};

describe('attachmentKind', () => {
  it('blocks programs, scripts, web pages and SVG images by their bytes, whatever their name', () => {
    const contents: Record<string, Buffer> = {
      'Windows PE': b('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode'),
      ELF: b([0x7f], 'ELF', [2, 1, 1, 0, 0, 0, 0, 0]),
      'Mach-O 32': b([0xfe, 0xed, 0xfa, 0xce, 0, 0, 0, 7]),
      'Mach-O 64': b([0xfe, 0xed, 0xfa, 0xcf, 0, 0, 0, 7]),
      'Mach-O 32 LE': b([0xce, 0xfa, 0xed, 0xfe, 7, 0, 0, 0]),
      'Mach-O 64 LE': b([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 0]),
      'Mach-O universal': b([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]),
      shebang: b('#!/bin/sh\nrm -rf ~\n'),
      'shebang after BOM': b([0xef, 0xbb, 0xbf], '#!/usr/bin/env python3\n'),
      doctype: b('<!DOCTYPE html><title>x</title>'),
      'html lower case': b('<html><body>hi</body></html>'),
      'HTML after BOM and whitespace': b([0xef, 0xbb, 0xbf], ' \r\n\t <HTML lang="ar">'),
      script: b('<ScRiPt>alert(document.cookie)</script>'),
      'html after a comment': b('<!-- saved from url=(0014)about:internet -->\n<html><script>x()</script>'),
      'UTF-16 html': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><script>x()</script>', 'utf16le')]),
      svg: b('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'svg after xml declaration': b(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Illustrator -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      ),
      xhtml: b('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'),
    };
    for (const [what, bytes] of Object.entries(contents)) {
      expect([what, attachmentKind('report.pdf', bytes)]).toEqual([what, { blocked: true }]);
      expect([what, attachmentKind('notes.txt', bytes)]).toEqual([what, { blocked: true }]);
    }
  });

  it('blocks programs, scripts, shortcuts and web pages by their name, whatever their bytes', () => {
    const exts = 'exe com bat cmd scr msi dll ps1 vbs vbe js jse wsf wsh hta jar sh apk app html htm svg xhtml lnk reg cpl'.split(' ');
    for (const ext of exts) {
      expect([ext, attachmentKind(`file.${ext}`, pdf)]).toEqual([ext, { blocked: true }]);
      expect([ext, attachmentKind(`ملف.${ext.toUpperCase()}`, b('hello'))]).toEqual([ext, { blocked: true }]);
    }
    // The tricks that make a program look like something else.
    for (const name of ['invoice.pdf.exe', 'setup.exe.', 'setup.exe  ', 'setup.exe::$DATA', 'cv\u202Efdp.exe', 'x.Bat', 'page.HtMl']) {
      expect([name, attachmentKind(name, pdf)]).toEqual([name, { blocked: true }]);
    }
  });

  it('types allowed files from their bytes, the name choosing only among Office documents (ZIP files)', async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const jpeg = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    expect(typeOf('العقد.pdf', pdf)).toBe('application/pdf');
    expect(typeOf('document', pdf)).toBe('application/pdf');
    expect(typeOf('site.zip', zip)).toBe('application/zip');
    expect(typeOf('تقرير.docx', zip)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(typeOf('budget.XLSX', zip)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(typeOf('slides.pptx', zip)).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(typeOf('odd.constructor', zip)).toBe('application/zip');
    expect(typeOf('a.rar', b('Rar!', [0x1a, 0x07, 0x01, 0x00, 0x33]))).toBe('application/vnd.rar');
    expect(typeOf('a.7z', b('7z', [0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toBe('application/x-7z-compressed');
    expect(typeOf('song.mp3', b('ID3', [4, 0, 0, 0, 0, 0, 0]))).toBe('audio/mpeg');
    expect(typeOf('clip.mp4', b([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toBe('video/mp4');
    expect(typeOf('logo.png', png)).toBe('image/png');
    expect(typeOf('photo.pdf', jpeg)).toBe('image/jpeg');
    expect(typeOf('notes.txt', Buffer.from('ملاحظات المشروع: التسليم يوم الخميس.\n<p>ليس صفحة</p> <html> في وسط النص', 'utf8'))).toBe(
      'text/plain',
    );
    expect(typeOf('README.md', b('<p align="center"><img src="logo.png"></p>\n# Project\n'))).toBe('text/plain');
    expect(typeOf('data.csv', b('a,b\n1,2\n'))).toBe('text/plain');
    expect(typeOf('data.bin', b('abc', [0], 'def'))).toBe('application/octet-stream');
    expect(typeOf('latin1.txt', b('caf\xe9'))).toBe('application/octet-stream');
    expect(typeOf('MZ.txt', b('Mz and mz are fine'))).toBe('text/plain');
  });

  it('lets browsers show only raster images inline', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) expect(isInlineSafe(type)).toBe(true);
    for (const type of ['image/svg+xml', 'text/html', 'text/plain', 'application/pdf', 'application/octet-stream', 'image/heic', '']) {
      expect(isInlineSafe(type)).toBe(false);
    }
  });

  it('safeFileName keeps Arabic letters and the extension, drops control and direction characters', () => {
    expect(safeFileName('عرض سعر ٢٠٢٦.pdf', 'x')).toBe('عرض سعر ٢٠٢٦.pdf');
    expect(safeFileName('a\u0000b\u0007c\u202E\u2066.txt', 'x')).toBe('abc.txt');
    expect(safeFileName('../..\\etc/"passwd"\r\n', 'x')).toBe('.._.._etc__passwd___');
    expect(safeFileName('\u0001 ', 'attachment')).toBe('attachment');
    const long = safeFileName(`${'ب'.repeat(300)}.docx`, 'x');
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('ب.docx')).toBe(true);
    expect(Array.from(safeFileName('😀'.repeat(250), 'x'))).toHaveLength(200);
  });
});

describe('saveAttachment', () => {
  it('keeps the bytes exactly as uploaded (no re-encoding: EXIF stays), readable through read()', async () => {
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#246' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'SpyCam' } })
      .toBuffer();
    const files = t.services.files;
    for (const [name, bytes, type] of [
      ['عقد العمل.pdf', pdf, 'application/pdf'],
      ['photo.jpg', photo, 'image/jpeg'],
      ['تقرير.docx', zip, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ] as const) {
      const row = await files.saveAttachment(3, { name, bytes });
      expect(row).toMatchObject({ ownerId: 3, name, type, size: bytes.length, purpose: 'attachment', thumbKey: null });
      const read = await files.read(row.id);
      expect(read?.bytes.equals(bytes)).toBe(true);
      expect((await files.read(row.id, 'thumb'))?.bytes.equals(bytes)).toBe(true);
    }
    const delivery = await files.saveAttachment(3, { name: 'final\r\n"v2".zip', bytes: zip }, 'delivery');
    expect(delivery).toMatchObject({ purpose: 'delivery', name: 'final___v2_.zip', type: 'application/zip' });
  });

  it('refuses empty, over 25 MB and blocked files, storing nothing', async () => {
    const before = stored();
    const files = t.services.files;
    expect(await refusal(files.saveAttachment(1, { name: 'a.pdf', bytes: Buffer.alloc(0) }))).toEqual(['validation.failed', 'file.empty']);
    const big = Buffer.concat([pdf, Buffer.alloc(ATTACHMENT_MAX_BYTES - pdf.length + 1, 0x20)]);
    const tooBig = await files.saveAttachment(1, { name: 'big.pdf', bytes: big }).catch((e) => e);
    expect([tooBig.code, tooBig.fields.file, tooBig.params]).toEqual(['validation.failed', 'file.too_large', { max: '25 MB' }]);
    expect(await refusal(files.saveAttachment(1, { name: 'setup.exe', bytes: pdf }))).toEqual(['validation.failed', 'file.blocked_type']);
    expect(await refusal(files.saveAttachment(1, { name: 'cv.pdf', bytes: b('MZ', [0x90, 0]) }))).toEqual([
      'validation.failed',
      'file.blocked_type',
    ]);
    expect(stored()).toBe(before);
    // Exactly 25 MB is allowed.
    const max = await files.saveAttachment(1, { name: 'max.pdf', bytes: big.subarray(0, ATTACHMENT_MAX_BYTES) });
    expect(max.size).toBe(ATTACHMENT_MAX_BYTES);
    await files.remove(1, [max.id]);
    expect(stored()).toBe(before);
  });

  it('removes the stored bytes again when the row cannot be written', async () => {
    const before = stored();
    // An owner id beyond the column's range: the insert fails after the bytes were stored.
    await expect(t.services.files.saveAttachment(2_147_483_648, { name: 'a.pdf', bytes: pdf })).rejects.toThrow();
    expect(stored()).toBe(before);
  });
});
