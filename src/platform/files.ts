import { and, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import type { DbOrTx } from './db/index.ts';
import { files } from './db/tables.ts';
import type { Deps } from './deps.ts';
import { invalid } from './errors.ts';
import { sniffImage } from './storage.ts';

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const FULL_WIDTH = 1600;
const THUMB_WIDTH = 480;

export type FileRow = typeof files.$inferSelect;

/**
 * Uploaded images: checked by their bytes (not their name), decoded and re-encoded as WebP (which also
 * drops hidden metadata such as GPS positions) at most 1600 px wide, with a 480 px thumbnail. If anything
 * fails after the bytes were stored, they are removed again: a failed upload leaves no orphan.
 */
export function createFilesService(deps: Deps) {
  const { db, storage } = deps;
  return {
    async saveImage(ownerId: number, upload: { name: string; bytes: Buffer }, purpose: string): Promise<FileRow> {
      if (upload.bytes.length === 0) throw invalid({ file: 'file.empty' });
      if (upload.bytes.length > IMAGE_MAX_BYTES) throw invalid({ file: 'file.too_large' }, { max: '5 MB' });
      if (!sniffImage(upload.bytes)) throw invalid({ file: 'file.not_image' });
      let full: Buffer;
      let thumb: Buffer;
      try {
        const img = sharp(upload.bytes, { limitInputPixels: 40_000_000, animated: false }).rotate();
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
            name: upload.name.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'image',
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
      }
    },

    async byIds(ids: number[]): Promise<FileRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(files).where(inArray(files.id, ids));
    },
  };
}

export type FilesService = ReturnType<typeof createFilesService>;
