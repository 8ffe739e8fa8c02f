import { asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { parseId } from '../../platform/http/request.ts';
import { cleanLine } from '../../platform/text.ts';
import { mayModerateCommunity } from './policy.ts';
import { sectionNameProblem, sectionSlugProblem } from './rules.ts';
import { communitySections, communityTopics } from './schema.ts';
import type { SectionRow, Viewer } from './types.ts';

/** The sections every database starts with (seeded at start when missing; staff change them afterwards). */
export const SEED_SECTIONS = [
  { slug: 'general', nameAr: 'عام', nameEn: 'General', position: 1, staffOnly: false },
  { slug: 'experiences', nameAr: 'تجارب', nameEn: 'Experiences', position: 2, staffOnly: false },
  { slug: 'questions', nameAr: 'أسئلة', nameEn: 'Questions', position: 3, staffOnly: false },
  { slug: 'announcements', nameAr: 'إعلانات', nameEn: 'Announcements', position: 4, staffOnly: true },
] as const;

/** Adds the seed sections that are not there (idempotent: run at every start, as categories are). */
export async function seedCommunitySections(tx: DbOrTx): Promise<void> {
  for (const s of SEED_SECTIONS) await tx.insert(communitySections).values(s).onConflictDoNothing();
}

/**
 * The staff-managed list of sections (RULES.md "Community"): moderators add one, rename it, move it up or down, hide
 * or show it, and say whether only staff post in it; each change is audited.
 */
export function createCommunitySections(deps: Deps) {
  const { db } = deps;

  function requireModerator(actor: Viewer) {
    if (!mayModerateCommunity(actor)) throw new AppError('auth.forbidden');
  }

  function namesOf(input: { nameAr?: unknown; nameEn?: unknown }) {
    const nameAr = cleanLine(input.nameAr);
    const nameEn = cleanLine(input.nameEn);
    const problems: Record<string, string> = {};
    const ar = sectionNameProblem(nameAr);
    const en = sectionNameProblem(nameEn);
    if (ar) problems.nameAr = ar;
    if (en) problems.nameEn = en;
    return { nameAr, nameEn, problems };
  }

  async function byId(id: number, tx: DbOrTx = db): Promise<SectionRow> {
    const ok = parseId(id);
    const [s] = ok ? await tx.select().from(communitySections).where(eq(communitySections.id, ok)) : [];
    if (!s) throw new AppError('community.section_not_found');
    return s;
  }

  return {
    byId,

    /** Every section in its order (hidden ones too: `listed` leaves them out). */
    async all(opts: { listed?: boolean } = {}): Promise<SectionRow[]> {
      const rows = await db.select().from(communitySections).orderBy(asc(communitySections.position), asc(communitySections.id));
      return opts.listed ? rows.filter((s) => !s.hidden) : rows;
    },

    /** Listed sections with how many visible discussions each holds (the front page). */
    async withCounts(): Promise<(SectionRow & { topics: number })[]> {
      const [rows, counts] = await Promise.all([
        db.select().from(communitySections).orderBy(asc(communitySections.position), asc(communitySections.id)),
        db
          .select({ id: communityTopics.sectionId, n: sql<number>`count(*)::int` })
          .from(communityTopics)
          .where(sql`${communityTopics.status} = 'visible' AND ${communityTopics.type} = 'discussion'`)
          .groupBy(communityTopics.sectionId),
      ]);
      const by = new Map(counts.map((c) => [c.id, Number(c.n)]));
      return rows.filter((s) => !s.hidden).map((s) => ({ ...s, topics: by.get(s.id) ?? 0 }));
    },

    async bySlug(slug: string): Promise<SectionRow | null> {
      const [s] = await db.select().from(communitySections).where(eq(communitySections.slug, slug));
      return s ?? null;
    },

    /** A new section, last in the order. */
    async create(actor: Viewer, input: Record<string, unknown>, ip: string | null): Promise<SectionRow> {
      requireModerator(actor);
      const slug = cleanLine(input.slug).toLowerCase();
      const { nameAr, nameEn, problems } = namesOf(input);
      const bad = sectionSlugProblem(slug);
      if (bad) problems.slug = bad;
      if (Object.keys(problems).length) throw invalid(problems);
      return db.transaction(async (tx) => {
        const [last] = await tx.select({ p: sql<number>`coalesce(max(${communitySections.position}), 0)::int` }).from(communitySections);
        const [row] = await tx
          .insert(communitySections)
          .values({ slug, nameAr, nameEn, staffOnly: input.staffOnly === true || input.staffOnly === '1', position: Number(last.p) + 1 })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new AppError('community.section_slug_taken', {}, { slug: 'community.section_slug_taken' }, { status: 409 });
        await audit(tx, {
          actorId: actor.id,
          action: 'community.section_create',
          targetType: 'community_section',
          targetId: row.id,
          data: { slug, nameAr, nameEn },
          ip,
        });
        return row;
      });
    },

    /** Renames a section, and says whether only staff post in it. */
    async update(actor: Viewer, id: number, input: Record<string, unknown>, ip: string | null): Promise<SectionRow> {
      requireModerator(actor);
      const { nameAr, nameEn, problems } = namesOf(input);
      if (Object.keys(problems).length) throw invalid(problems);
      return db.transaction(async (tx) => {
        const before = await byId(id, tx);
        const staffOnly = input.staffOnly === true || input.staffOnly === '1';
        const [row] = await tx
          .update(communitySections)
          .set({ nameAr, nameEn, staffOnly })
          .where(eq(communitySections.id, before.id))
          .returning();
        await audit(tx, {
          actorId: actor.id,
          action: 'community.section_update',
          targetType: 'community_section',
          targetId: row.id,
          data: {
            before: { nameAr: before.nameAr, nameEn: before.nameEn, staffOnly: before.staffOnly },
            after: { nameAr, nameEn, staffOnly },
          },
          ip,
        });
        return row;
      });
    },

    /** Moves a section one place up or down, hides it (no new topics, not listed) or shows it again. */
    async act(actor: Viewer, id: number, action: 'up' | 'down' | 'hide' | 'show', ip: string | null): Promise<void> {
      requireModerator(actor);
      await db.transaction(async (tx) => {
        const s = await byId(id, tx);
        if (action === 'hide' || action === 'show') {
          await tx
            .update(communitySections)
            .set({ hidden: action === 'hide' })
            .where(eq(communitySections.id, s.id));
        } else {
          // Positions renumbered in order, then the two neighbours swapped: the list stays 1…n whatever happened before.
          const rows = await tx
            .select()
            .from(communitySections)
            .orderBy(asc(communitySections.position), asc(communitySections.id))
            .for('update');
          const i = rows.findIndex((r) => r.id === s.id);
          const j = action === 'up' ? i - 1 : i + 1;
          if (j >= 0 && j < rows.length) [rows[i], rows[j]] = [rows[j], rows[i]];
          for (const [k, r] of rows.entries())
            if (r.position !== k + 1)
              await tx
                .update(communitySections)
                .set({ position: k + 1 })
                .where(eq(communitySections.id, r.id));
        }
        await audit(tx, { actorId: actor.id, action: `community.section_${action}`, targetType: 'community_section', targetId: s.id, ip });
      });
    },
  };
}

export type CommunitySections = ReturnType<typeof createCommunitySections>;
