import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { scanContacts } from '../trust/index.ts';
import { maySeeEntryNotes } from './policy.ts';
import { COMMENT_MAX, COMMENT_MIN } from './rules.ts';
import { contestComments, contestEntries, contests } from './schema.ts';
import type { ContestsModules } from './service.ts';

export type EntryNoteRow = typeof contestComments.$inferSelect;

/** Statuses whose entries take private notes: from the entries' opening until the contest is settled. */
const TALKING = ['open', 'judging', 'staff', 'awarding', 'finished'];

/**
 * Private comments on an entry (issue 16: "the owner … comments privately to the contestant"): a thread between the
 * contest's owner and the entry's author, which staff may read. Kept with the contest's comments (`entry_id` set),
 * guarded for contact details like every text, and each side hears of the other's note.
 */
export function createEntryNotes(deps: Deps, m: Pick<ContestsModules, 'notifications' | 'trust'>) {
  const { db, clock } = deps;

  return {
    /** The owner or the entry's author writes on the entry's private thread. */
    async note(actor: AuthUser, entryId: number, input: { body?: unknown }): Promise<EntryNoteRow> {
      await m.trust.assertAllowed(actor.id, 'messaging');
      const text = typeof input.body === 'string' ? input.body.trim() : '';
      const scan = scanContacts(text);
      if (scan.contact) {
        await m.trust.recordAttempt(actor.id, 'contest_comment', scan.matches);
        throw invalid({ body: 'trust.contact_info' }, { found: scan.matches.map((x) => x.text).join('، ') });
      }
      if (text.length < COMMENT_MIN || text.length > COMMENT_MAX) throw invalid({ body: 'contest.comment_length' });
      if (!Number.isSafeInteger(entryId) || entryId < 1) throw new AppError('contest.entry_not_found');
      return db
        .transaction(async (tx) => {
          const [found] = await tx
            .select({ e: contestEntries, c: contests })
            .from(contestEntries)
            .innerJoin(contests, eq(contests.id, contestEntries.contestId))
            .where(eq(contestEntries.id, entryId));
          if (!found || (actor.id !== found.c.ownerId && actor.id !== found.e.userId)) throw new AppError('contest.entry_not_found');
          const { e, c } = found;
          if (e.status !== 'active' || !TALKING.includes(c.status)) throw new AppError('contest.wrong_state');
          const [row] = await tx
            .insert(contestComments)
            .values({ contestId: c.id, entryId: e.id, userId: actor.id, body: text, createdAt: clock() })
            .returning();
          const other = actor.id === c.ownerId ? e.userId : c.ownerId;
          await m.notifications.notify(tx, {
            userId: other,
            type: 'contest.entry_note',
            params: { title: c.title },
            url: `/contests/${c.id}#entry-${e.id}`,
          });
          return row;
        })
        .finally(() => deps.outbox.kick());
    },

    /**
     * The private threads of a contest's entries that `viewer` may read (policy.ts `maySeeEntryNotes`): by entry,
     * oldest first. Entries the viewer may not read are absent.
     */
    async threadsFor(
      viewer: Pick<AuthUser, 'id' | 'roles'> | null,
      c: { id: number; ownerId: number },
      entries: { id: number; userId: number }[],
    ): Promise<Map<number, EntryNoteRow[]>> {
      const readable = entries.filter((e) => maySeeEntryNotes(viewer, e, c)).map((e) => e.id);
      const out = new Map<number, EntryNoteRow[]>(readable.map((id) => [id, []]));
      if (readable.length === 0) return out;
      const rows = await db
        .select()
        .from(contestComments)
        .where(and(eq(contestComments.contestId, c.id), inArray(contestComments.entryId, readable)))
        .orderBy(asc(contestComments.id));
      for (const r of rows) out.get(r.entryId as number)?.push(r.status === 'visible' ? r : { ...r, body: '' });
      return out;
    },
  };
}

export type EntryNotes = ReturnType<typeof createEntryNotes>;
