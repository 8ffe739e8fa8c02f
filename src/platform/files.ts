import { isUtf8 } from 'node:buffer';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import sharp, { type Sharp } from 'sharp';
import type { DbOrTx } from './db/index.ts';
import { files } from './db/tables.ts';
import type { Deps } from './deps.ts';
import { invalid } from './errors.ts';
import { sniffImage } from './storage.ts';
import { watermarkedPreview } from './watermark.ts';

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
/** The most pixels an uploaded image may have (40 megapixels): a few KB can claim billions, which decoding would allocate. */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** Avatars are square, this many pixels a side. */
export const AVATAR_SIZE = 256;
const NAME_MAX = 200;
const FULL_WIDTH = 1600;
const THUMB_WIDTH = 480;

/** What a public address carries instead of the sequential id: `files.public_id` (43 base64url characters). */
export const PUBLIC_ID = /^[A-Za-z0-9_-]{22,64}$/;

/** The public address of an image (a service image at `/files/…`; its thumbnail with `thumb`). */
export function imageUrl(publicId: string, variant: 'full' | 'thumb' = 'full'): string {
  return variant === 'thumb' ? `/files/${publicId}/thumb` : `/files/${publicId}`;
}

/** The address of a file's watermarked preview (served only where a module makes it public: a contest entry's). */
export function previewUrl(publicId: string): string {
  return `/files/${publicId}/preview`;
}

/**
 * An image ready to decode: refused as `file.not_image` when its bytes are not one, and as `file.too_many_pixels`
 * when its header claims more than IMAGE_MAX_PIXELS (read from the header, before anything is decoded; sharp's own
 * `limitInputPixels` stays on as the second guard). The first frame only; EXIF orientation applied.
 */
async function decodable(bytes: Buffer, field: string): Promise<Sharp> {
  if (!sniffImage(bytes)) throw invalid({ [field]: 'file.not_image' });
  let size: { width?: number; height?: number };
  try {
    size = await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
  } catch {
    throw invalid({ [field]: 'file.not_image' });
  }
  if (!size.width || !size.height) throw invalid({ [field]: 'file.not_image' });
  if (size.width * size.height > IMAGE_MAX_PIXELS) throw invalid({ [field]: 'file.too_many_pixels' }, { max: IMAGE_MAX_PIXELS / 1e6 });
  return sharp(bytes, { limitInputPixels: IMAGE_MAX_PIXELS, animated: false }).rotate();
}

/**
 * An avatar: the image cropped to a centred square, AVATAR_SIZE px a side, re-encoded as WebP, which drops every
 * piece of metadata (EXIF with GPS positions and camera, XMP, comments). Refusals name the form's field `avatar`.
 */
export async function avatarImage(bytes: Buffer): Promise<Buffer> {
  const img = await decodable(bytes, 'avatar');
  try {
    return await img.resize({ width: AVATAR_SIZE, height: AVATAR_SIZE, fit: 'cover' }).webp({ quality: 80 }).toBuffer();
  } catch {
    throw invalid({ avatar: 'file.not_image' });
  }
}

export type FileRow = typeof files.$inferSelect;

/**
 * Names that run code or render as a page when opened (programs, scripts, installers, shortcuts, web pages): refused
 * whatever their content, as the person who downloads one would open it by its name.
 */
const BLOCKED_EXTENSIONS = new Set([
  ...['exe', 'com', 'bat', 'cmd', 'scr', 'msi', 'dll', 'ps1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'jar', 'sh', 'apk'],
  ...['app', 'html', 'htm', 'svg', 'xhtml', 'lnk', 'reg', 'cpl'],
  // The same kinds under other names.
  ...['pif', 'msp', 'mst', 'msc', 'gadget', 'vb', 'ws', 'wsc', 'psm1', 'scf', 'url', 'jnlp', 'command'],
  ...['xht', 'shtml', 'mht', 'mhtml', 'svgz'],
]);

/** The start of a web page or an SVG image (after an optional BOM and whitespace), case-insensitive. */
const MARKUP_START = /^(?:<!doctype\s+(?:html|svg)|<(?:html|head|body|script|iframe|svg))(?:[\s>/]|$)/i;
/** A page or SVG in the first KB of a document that starts with other markup (a comment, `<?xml`, a doctype…). */
const MARKUP_INSIDE = /<(?:html|head|body|script|iframe|svg)[\s>/]/i;

/** Office documents are ZIP files: their name tells which. */
const ZIP_TYPES = new Map([
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
]);

const startsWith = (bytes: Buffer, sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** C0/C1 control characters and the bidirectional overrides that make `fdp.exe` read as `exe.pdf`. */
function isHiddenChar(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  return n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069) || n === 0xfeff;
}

/**
 * A file name safe to store and show: no path separators, quotes or line breaks (replaced by `_`), no control or
 * bidirectional-override characters (dropped), at most 200 characters keeping the extension. Arabic letters stay.
 */
export function safeFileName(name: string, fallback: string): string {
  const chars = Array.from(name.replace(/[\\/"]/g, '_'))
    .map((c) => (c === '\r' || c === '\n' ? '_' : c))
    .filter((c) => !isHiddenChar(c));
  let clean = chars.join('').trim();
  const all = Array.from(clean);
  if (all.length > NAME_MAX) {
    const ext = /\.[^.]{1,20}$/.exec(clean)?.[0] ?? '';
    clean = all.slice(0, NAME_MAX - Array.from(ext).length).join('') + ext;
  }
  return clean || fallback;
}

/** The name's last extension, lower case, ignoring trailing dots and spaces (which Windows drops). */
function extensionOf(name: string): string {
  const m = /\.([^.]+)$/.exec(name.replace(/[.\s]+$/, ''));
  return m ? m[1].toLowerCase() : '';
}

/** Whether the name says the file is a program, script, shortcut or web page (also as `x.exe::$DATA`). */
function blockedName(name: string): boolean {
  const clean = safeFileName(name, '');
  return BLOCKED_EXTENSIONS.has(extensionOf(clean)) || BLOCKED_EXTENSIONS.has(extensionOf(clean.replace(/:.*$/, '')));
}

/** The first KB as text, for markup checks: UTF-8 (BOM dropped) or UTF-16 with its BOM. */
function headText(bytes: Buffer): string {
  const head = bytes.subarray(0, 1024);
  if (startsWith(head, [0xff, 0xfe])) return head.subarray(2).toString('utf16le');
  if (startsWith(head, [0xfe, 0xff])) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  return head.toString('utf8').replace(/^\uFEFF/, '');
}

/** Programs (Windows, Linux, macOS), scripts with a `#!` line, web pages and SVG images, by their bytes. */
function blockedContent(bytes: Buffer): boolean {
  if (startsWith(bytes, ascii('MZ'))) return true;
  if (startsWith(bytes, [0x7f, ...ascii('ELF')])) return true;
  const machO = [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe], // universal binaries (and Java classes)
    [0xbe, 0xba, 0xfe, 0xca],
  ];
  if (machO.some((sig) => startsWith(bytes, sig))) return true;
  const text = headText(bytes);
  if (text.startsWith('#!')) return true;
  const lead = text.trimStart();
  if (MARKUP_START.test(lead)) return true;
  return lead.startsWith('<') && MARKUP_INSIDE.test(lead);
}

/** The type of an MP4-family file by its `ftyp` brand. */
function isoMediaType(bytes: Buffer): string {
  const brand = bytes.toString('latin1', 8, 12);
  if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  return 'video/mp4';
}

/**
 * What an attachment is: refused (`blocked`) if its bytes are a program, a script, a web page or an SVG image, or
 * if its name says it is one; else its MIME type, from its bytes where they say it, else `application/octet-stream`.
 */
export function attachmentKind(name: string, bytes: Buffer): { type: string } | { blocked: true } {
  if (blockedContent(bytes) || blockedName(name)) return { blocked: true };
  const image = sniffImage(bytes);
  if (image) return { type: image };
  if (startsWith(bytes, ascii('%PDF-'))) return { type: 'application/pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return { type: ZIP_TYPES.get(extensionOf(safeFileName(name, ''))) ?? 'application/zip' };
  }
  if (startsWith(bytes, [...ascii('Rar!'), 0x1a, 0x07])) return { type: 'application/vnd.rar' };
  if (startsWith(bytes, [...ascii('7z'), 0xbc, 0xaf, 0x27, 0x1c])) return { type: 'application/x-7z-compressed' };
  if (startsWith(bytes, ascii('ID3'))) return { type: 'audio/mpeg' };
  if (startsWith(bytes, ascii('ftyp'), 4)) return { type: isoMediaType(bytes) };
  if (!bytes.includes(0) && isUtf8(bytes)) return { type: 'text/plain' };
  return { type: 'application/octet-stream' };
}

/** Types a browser may show in the page (images): any other file is served as `content-disposition: attachment`. */
export function isInlineSafe(type: string): boolean {
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/webp' || type === 'image/gif';
}

/**
 * Uploaded images: checked by their bytes (not their name) and their size in pixels (IMAGE_MAX_PIXELS), decoded and
 * re-encoded as WebP (which also drops hidden metadata such as GPS positions) at most 1600 px wide, with a 480 px
 * thumbnail. If anything fails after the bytes were stored, they are removed again: a failed upload leaves no orphan.
 * Every file gets a random public id (`files.public_id`): the only id its public address carries.
 */
export function createFilesService(deps: Deps) {
  const { db, storage } = deps;
  return {
    async saveImage(ownerId: number, upload: { name: string; bytes: Buffer }, purpose: string): Promise<FileRow> {
      if (upload.bytes.length === 0) throw invalid({ file: 'file.empty' });
      if (upload.bytes.length > IMAGE_MAX_BYTES) throw invalid({ file: 'file.too_large' }, { max: '5 MB' });
      const img = await decodable(upload.bytes, 'file');
      let full: Buffer;
      let thumb: Buffer;
      try {
        full = await img.clone().resize({ width: FULL_WIDTH, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
        thumb = await img
          .clone()
          .resize({ width: THUMB_WIDTH, height: Math.round((THUMB_WIDTH * 3) / 4), fit: 'cover' })
          .webp({ quality: 70 })
          .toBuffer();
      } catch {
        throw invalid({ file: 'file.not_image' });
      }
      const stored: string[] = [];
      try {
        const key = await storage.put(full);
        stored.push(key);
        const thumbKey = await storage.put(thumb);
        stored.push(thumbKey);
        const [row] = await db
          .insert(files)
          .values({
            ownerId,
            storageKey: key,
            thumbKey,
            name: upload.name.replace(/[\\/\r\n"]/g, '_').slice(0, NAME_MAX) || 'image',
            type: 'image/webp',
            size: full.length,
            purpose,
          })
          .returning();
        return row;
      } catch (err) {
        for (const k of stored) await storage.remove(k);
        throw err;
      }
    },

    /**
     * A private file (a message attachment, later an order delivery) kept byte for byte under a random key. Refused
     * when empty, over 25 MB, or a program, script, web page or SVG (by content and by name: `file.blocked_type`).
     */
    async saveAttachment(ownerId: number, upload: { name: string; bytes: Buffer }, purpose = 'attachment'): Promise<FileRow> {
      if (upload.bytes.length === 0) throw invalid({ file: 'file.empty' });
      if (upload.bytes.length > ATTACHMENT_MAX_BYTES) throw invalid({ file: 'file.too_large' }, { max: '25 MB' });
      const kind = attachmentKind(upload.name, upload.bytes);
      if ('blocked' in kind) throw invalid({ file: 'file.blocked_type' });
      const key = await storage.put(upload.bytes);
      try {
        const [row] = await db
          .insert(files)
          .values({
            ownerId,
            storageKey: key,
            thumbKey: null,
            name: safeFileName(upload.name, 'attachment'),
            type: kind.type,
            size: upload.bytes.length,
            purpose,
          })
          .returning();
        return row;
      } catch (err) {
        await storage.remove(key);
        throw err;
      }
    },

    /** A file by its public id (what `/files/{publicId}` carries); null for anything else. Callers decide who may read it. */
    async byPublicId(publicId: string): Promise<FileRow | null> {
      if (!PUBLIC_ID.test(publicId)) return null;
      const [row] = await db.select().from(files).where(eq(files.publicId, publicId));
      return row ?? null;
    },

    /**
     * A watermarked preview of an image file (watermark.ts), made once and kept under its own key: the file's row
     * with `previewKey` set. Null when the file is unknown or is not an image it can decode (a PDF, an archive, a
     * HEIC photo, one over IMAGE_MAX_PIXELS): such files have no preview. Runs outside any transaction on purpose:
     * the key is written as soon as the bytes are stored, so no rollback can leave them without a row; if writing
     * it fails they are removed again, and a preview made at the same moment by another request is kept instead.
     */
    async saveWatermarkedPreview(fileId: number): Promise<FileRow | null> {
      if (!Number.isSafeInteger(fileId)) return null;
      const [row] = await db.select().from(files).where(eq(files.id, fileId));
      if (!row || row.previewKey) return row ?? null;
      const bytes = await storage.get(row.storageKey);
      if (!bytes) throw new Error(`file ${row.id}: its bytes are missing from storage`);
      if (!sniffImage(bytes)) return null;
      let preview: Buffer;
      try {
        preview = await watermarkedPreview(await decodable(bytes, 'file'));
      } catch {
        return null;
      }
      const key = await storage.put(preview);
      let saved: FileRow | undefined;
      try {
        [saved] = await db
          .update(files)
          .set({ previewKey: key })
          .where(and(eq(files.id, row.id), isNull(files.previewKey)))
          .returning();
      } catch (err) {
        await storage.remove(key);
        throw err;
      }
      if (saved) return saved;
      await storage.remove(key);
      const [theirs] = await db.select().from(files).where(eq(files.id, row.id));
      return theirs ?? null;
    },

    /** The bytes of a file's watermarked preview; null when it has none (never the original instead). */
    async previewBytesOf(row: FileRow): Promise<Buffer | null> {
      return row.previewKey ? storage.get(row.previewKey) : null;
    },

    /** The stored bytes of a file, or of its thumbnail when it has one. */
    async bytesOf(row: FileRow, variant: 'full' | 'thumb' = 'full'): Promise<Buffer | null> {
      return storage.get(variant === 'thumb' && row.thumbKey ? row.thumbKey : row.storageKey);
    },

    /**
     * The public ids of files by their ids (to build their addresses); unknown ids are left out, and with `ownerId`
     * so are other people's files (ids typed into a form must not reveal someone else's address).
     */
    async publicIds(ids: readonly number[], ownerId?: number): Promise<Map<number, string>> {
      const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
      if (wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: files.id, publicId: files.publicId })
        .from(files)
        .where(and(inArray(files.id, wanted), ownerId === undefined ? undefined : eq(files.ownerId, ownerId)));
      return new Map(rows.map((r) => [r.id, r.publicId]));
    },

    /** The bytes of a file (or its thumbnail) with its type. Callers decide who may read it. */
    async read(id: number, variant: 'full' | 'thumb' = 'full'): Promise<{ row: FileRow; bytes: Buffer } | null> {
      const [row] = await db.select().from(files).where(eq(files.id, id));
      if (!row) return null;
      const key = variant === 'thumb' && row.thumbKey ? row.thumbKey : row.storageKey;
      const bytes = await storage.get(key);
      return bytes ? { row, bytes } : null;
    },

    /** Files among `ids` that `ownerId` uploaded for `purpose` (to check a form's references). */
    async owned(tx: DbOrTx, ownerId: number, ids: number[], purpose: string): Promise<FileRow[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(files)
        .where(and(inArray(files.id, ids), eq(files.ownerId, ownerId), eq(files.purpose, purpose)));
    },

    /** Deletes `ownerId`'s files among `ids`, rows and bytes (a request that failed after storing them). */
    async remove(ownerId: number, ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      const rows = await db
        .delete(files)
        .where(and(inArray(files.id, ids), eq(files.ownerId, ownerId)))
        .returning();
      for (const r of rows) {
        await storage.remove(r.storageKey);
        if (r.thumbKey) await storage.remove(r.thumbKey);
        if (r.previewKey) await storage.remove(r.previewKey);
      }
    },

    async byIds(ids: number[]): Promise<FileRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(files).where(inArray(files.id, ids));
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
