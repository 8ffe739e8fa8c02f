import { eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { type FileRow, PUBLIC_ID, previewUrl } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { PREVIEW_TYPE } from '../../platform/watermark.ts';
import { scanContacts } from '../trust/index.ts';
import { entryPreviewsPublic, maySeeEntryOriginal } from './policy.ts';
import { contestAwards, contestEntries, contests } from './schema.ts';
import type { ContestsModules } from './service.ts';

type Viewer = Pick<AuthUser, 'id' | 'roles'> | null;

/**
 * One of an entry's files as a page shows it. An image: its watermarked preview (`preview`, null while the public
 * may not see the entry: a blind contest still open). Anything else: a generic card with its name and size. With
 * `original`, the address of the file itself, for those who may load it (policy.ts `maySeeEntryOriginal`).
 */
export type EntryFileCard =
  | { kind: 'image'; fileId: number; preview: string | null; original: string | null }
  | { kind: 'file'; fileId: number; name: string; size: number; original: string | null };

/**
 * The cards of an entry's files, in the entry's order, as `viewer` may see them (`rows`: the files, read once for a
 * whole page of entries). The public sees the previews of public entries; the author, the owner and staff the originals.
 */
export function entryFileCards(
  viewer: Viewer,
  e: { id: number; status: string; userId: number; fileIds: number[] },
  c: { status: string; ownerId: number; blind: boolean },
  rows: Map<number, FileRow>,
): EntryFileCard[] {
  return e.fileIds
    .map((id) => rows.get(id))
    .filter((f): f is FileRow => f !== undefined)
    .map((f) => entryFileCard(viewer, e, c, f));
}

/** The address of an entry's original file (its author, the contest's owner and staff). */
export const entryOriginalUrl = (entryId: number, fileId: number) => `/contests/entries/${entryId}/files/${fileId}`;

/** The address of one of a handover's final files (the winner, the contest's owner and staff). */
export const handoverFileUrl = (awardId: number, fileId: number) => `/contests/awards/${awardId}/files/${fileId}`;

/** Who may open a handover's final files: as an entry's originals — its winner, the contest's owner, staff. */
export const maySeeHandover = (viewer: Viewer, a: { winnerId: number }, c: { ownerId: number }) =>
  maySeeEntryOriginal(viewer, { userId: a.winnerId }, c);

/** One of an entry's files as `viewer` may see it: the one rule of `ofEntry` and the contest's page. */
export function entryFileCard(
  viewer: Viewer,
  e: { id: number; status: string; userId: number },
  c: { status: string; ownerId: number; blind: boolean },
  f: FileRow,
): EntryFileCard {
  const original = maySeeEntryOriginal(viewer, e, c) ? entryOriginalUrl(e.id, f.id) : null;
  return f.previewKey
    ? { kind: 'image', fileId: f.id, preview: entryPreviewsPublic(e, c) ? previewUrl(f.publicId) : null, original }
    : { kind: 'file', fileId: f.id, name: f.name, size: f.size, original };
}

/**
 * An entry's files (RULES.md "Contests": watermarked previews are public, the originals are not): the previews made
 * when an entry is submitted, the cards a page shows, the public preview's bytes, and the original for those who may.
 */
export function createContestFiles(deps: Deps, m: Pick<ContestsModules, 'files' | 'trust'>) {
  const { db } = deps;

  async function entryWithContest(entryId: number) {
    if (!Number.isSafeInteger(entryId) || entryId < 1) return null;
    const [found] = await db
      .select({ e: contestEntries, c: contests })
      .from(contestEntries)
      .innerJoin(contests, eq(contests.id, contestEntries.contestId))
      .where(eq(contestEntries.id, entryId));
    return found ?? null;
  }

  return {
    /**
     * Before an entry is saved (outside its transaction: decoding is slow): its files must be the author's
     * attachments; each image gets its watermarked preview; the others are shown by name on a public card, so a
     * name with contact details is refused (and the attempt recorded), as any other public text.
     */
    async prepare(actorId: number, fileIds: number[]): Promise<void> {
      const owned = await m.files.owned(db, actorId, fileIds, 'attachment');
      if (owned.length !== fileIds.length) throw invalid({ fileIds: 'contest.file_invalid' });
      for (const f of owned) {
        const previewed = await m.files.saveWatermarkedPreview(f.id);
        if (previewed?.previewKey) continue;
        const scan = scanContacts(f.name);
        if (scan.contact) {
          await m.trust.recordAttempt(actorId, 'contest', scan.matches);
          throw invalid({ fileIds: 'contest.file_name_contact' }, { name: f.name, found: scan.matches.map((x) => x.text).join('، ') });
        }
      }
    },

    /** The cards of an entry's files, in the entry's order, as `viewer` may see them; else `contest.entry_not_found`. */
    async ofEntry(viewer: Viewer, entryId: number): Promise<EntryFileCard[]> {
      const found = await entryWithContest(entryId);
      if (!found) throw new AppError('contest.entry_not_found');
      const { e, c } = found;
      if (!entryPreviewsPublic(e, c) && !maySeeEntryOriginal(viewer, e, c)) throw new AppError('contest.entry_not_found');
      return entryFileCards(viewer, e, c, new Map((await m.files.byIds(e.fileIds)).map((f) => [f.id, f])));
    },

    /**
     * The first public preview of each of one contest's entries (as `ofEntry`'s cards give it: an image's watermarked
     * preview, or null — no image, or previews not public), by entry id: one read of their files, however many.
     */
    async firstPreviews(
      c: Pick<typeof contests.$inferSelect, 'status' | 'ownerId' | 'blind'>,
      entries: (typeof contestEntries.$inferSelect)[],
    ): Promise<Map<number, string | null>> {
      const shown = entries.filter((e) => entryPreviewsPublic(e, c));
      const rows = new Map((await m.files.byIds([...new Set(shown.flatMap((e) => e.fileIds))])).map((f) => [f.id, f]));
      const out = new Map<number, string | null>(entries.map((e) => [e.id, null]));
      for (const e of shown) {
        const f = e.fileIds.map((id) => rows.get(id)).find((r) => r?.previewKey);
        if (f) out.set(e.id, previewUrl(f.publicId));
      }
      return out;
    },

    /**
     * The watermarked preview at `/files/{publicId}/preview`, for anyone: only of a file in an entry whose previews
     * are public (policy.ts `entryPreviewsPublic`). Every other file's preview, and every original, is not found here.
     */
    async publicPreview(publicId: string): Promise<{ bytes: Buffer; type: string } | null> {
      if (!PUBLIC_ID.test(publicId)) return null;
      const row = await m.files.byPublicId(publicId);
      if (!row?.previewKey) return null;
      const holders = await db
        .select({ e: { status: contestEntries.status, userId: contestEntries.userId }, c: contests })
        .from(contestEntries)
        .innerJoin(contests, eq(contests.id, contestEntries.contestId))
        .where(sql`${contestEntries.fileIds} @> ${JSON.stringify([row.id])}::jsonb`);
      if (!holders.some(({ e, c }) => entryPreviewsPublic(e, c))) return null;
      const bytes = await m.files.previewBytesOf(row);
      return bytes ? { bytes, type: PREVIEW_TYPE } : null;
    },

    /**
     * An entry's original file, for its author, the contest's owner and staff with `read_private` (whose reading is
     * audited); anyone else, signed in or not, is told it does not exist (`contest.file_not_found`).
     */
    async original(viewer: Viewer, entryId: number, fileId: number, ip: string | null): Promise<{ row: FileRow; bytes: Buffer }> {
      const found = await entryWithContest(entryId);
      if (!found?.e.fileIds.includes(fileId) || !maySeeEntryOriginal(viewer, found.e, found.c))
        throw new AppError('contest.file_not_found');
      const { e, c } = found;
      const f = await m.files.read(fileId);
      if (!f) throw new AppError('contest.file_not_found');
      if (viewer && viewer.id !== e.userId && viewer.id !== c.ownerId)
        await audit(db, { actorId: viewer.id, action: 'file.read', targetType: 'contest_entry', targetId: e.id, data: { fileId }, ip });
      return f;
    },

    /**
     * One of a handover's final files, for its winner, the contest's owner and staff with `read_private` (whose
     * reading is audited); anyone else is told it does not exist (`contest.file_not_found`).
     */
    async handoverFile(viewer: Viewer, awardId: number, fileId: number, ip: string | null): Promise<{ row: FileRow; bytes: Buffer }> {
      if (!Number.isSafeInteger(awardId) || awardId < 1) throw new AppError('contest.file_not_found');
      const [found] = await db
        .select({ a: contestAwards, c: contests })
        .from(contestAwards)
        .innerJoin(contests, eq(contests.id, contestAwards.contestId))
        .where(eq(contestAwards.id, awardId));
      if (!found?.a.handoverFileIds.includes(fileId) || !maySeeHandover(viewer, found.a, found.c))
        throw new AppError('contest.file_not_found');
      const f = await m.files.read(fileId);
      if (!f) throw new AppError('contest.file_not_found');
      if (viewer && viewer.id !== found.a.winnerId && viewer.id !== found.c.ownerId)
        await audit(db, { actorId: viewer.id, action: 'file.read', targetType: 'contest_award', targetId: awardId, data: { fileId }, ip });
      return f;
    },
  };
}

export type ContestFiles = ReturnType<typeof createContestFiles>;
