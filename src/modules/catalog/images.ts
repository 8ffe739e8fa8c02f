import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { serviceImageAccess } from './policy.ts';

type Viewer = { id: number; roles: readonly string[] } | null;

/**
 * How `viewer` may load a service image (policy.ts `serviceImageAccess`): public once a published service shows it,
 * else private to its uploader and (when a service shows it, live or in a waiting edit) moderators, else not at all.
 * The viewer is asked for only when the image is not public, so public images are served without reading a session.
 */
export async function imageAccess(
  db: DbOrTx,
  image: { id: number; ownerId: number },
  viewer: () => Promise<Viewer>,
): Promise<'public' | 'private' | null> {
  const one = JSON.stringify([image.id]);
  // services_images_idx (GIN, jsonb_path_ops) answers `image_ids @> '[id]'`.
  const shownBy = async (where: ReturnType<typeof sql>) =>
    ((await db.execute(sql`SELECT 1 FROM services WHERE ${where} LIMIT 1`)) as unknown as { rows: unknown[] }).rows.length > 0;
  if (await shownBy(sql`image_ids @> ${one}::jsonb AND status = 'published'`)) {
    return serviceImageAccess(null, { ownerId: image.ownerId, published: true, attached: true });
  }
  const actor = await viewer();
  if (actor === null) return null;
  const base = { ownerId: image.ownerId, published: false };
  // Whether some service shows it matters only to those the policy lets in for that (moderators): asked only then.
  const ifShown = serviceImageAccess(actor, { ...base, attached: true });
  const ifNot = serviceImageAccess(actor, { ...base, attached: false });
  if (ifShown === ifNot) return ifShown;
  return (await shownBy(sql`image_ids @> ${one}::jsonb OR pending_edit -> 'imageIds' @> ${one}::jsonb`)) ? ifShown : ifNot;
}

/** How another module's images are loaded from `/files/{publicId}`: the same answers as `imageAccess`. */
export type ImageAccess = (image: { id: number; ownerId: number }, viewer: () => Promise<Viewer>) => Promise<'public' | 'private' | null>;

/**
 * The kinds of images `/files/{publicId}` serves and `POST /api/v1/files` takes (`files.purpose`): service images,
 * and the kinds other modules register with their own access rule (the works' `work_image`, issue 17). Every kind
 * is stored the same way, re-encoded with a thumbnail by `files.saveImage`.
 */
export function imageKinds(db: DbOrTx) {
  const kinds = new Map<string, ImageAccess>([['service_image', (image, viewer) => imageAccess(db, image, viewer)]]);
  return {
    /** Adds a kind of image with who may load it (at start, from app.ts). */
    registerImageKind(purpose: string, access: ImageAccess): void {
      if (kinds.has(purpose)) throw new Error(`image kind ${purpose} is registered twice`);
      kinds.set(purpose, access);
    },
    /** The purposes of every kind of image. */
    imageKinds: (): string[] => [...kinds.keys()],
    /** How `viewer` may load a stored image of any registered kind; null (not found) for any other file. */
    async imageAccessOf(row: { id: number; ownerId: number; purpose: string }, viewer: () => Promise<Viewer>) {
      const access = kinds.get(row.purpose);
      return access ? access(row, viewer) : null;
    },
  };
}
