import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { cleanLine, normalizeText } from '../../platform/text.ts';
import type { PostingGuard } from './guard.ts';
import { mayEditTopic, mayModerateCommunity, mayPostInSection, maySeeTopic } from './policy.ts';
import {
  bodyProblem,
  cleanBody,
  searchTextOf,
  skillsOf,
  skillsProblem,
  TOPIC_MOD_ACTIONS,
  TOPIC_TYPES,
  type TopicModAction,
  type TopicType,
  titleProblem,
} from './rules.ts';
import { communityAcceptances, communityFollows, communityRevisions, communityTopics } from './schema.ts';
import type { CommunitySections } from './sections.ts';
import type { CommentRow, TopicRow, Viewer } from './types.ts';

export interface TopicDraft {
  type: TopicType;
  sectionId: number | null;
  title: string;
  body: string;
  skills: string[];
}

/** Loosely typed input (API JSON or a form) → a draft; anything malformed becomes a field error in `check`. */
export function toTopicDraft(input: Record<string, unknown>, type?: TopicType): TopicDraft {
  const raw = input.sectionId;
  const sectionId = raw === undefined || raw === null || raw === '' ? null : parseId(raw);
  const t = type ?? (input.type === undefined ? 'discussion' : String(input.type));
  return {
    type: (TOPIC_TYPES as readonly string[]).includes(t) ? (t as TopicType) : ('' as TopicType),
    sectionId: sectionId === null && raw !== undefined && raw !== null && raw !== '' ? Number.NaN : sectionId,
    title: cleanLine(input.title),
    body: cleanBody(input.body),
    skills: skillsOf(input.skills),
  };
}

const lockedError = () => new AppError('community.topic_locked', {}, {}, { status: 409 });

/**
 * Topics and questions (one machinery, `type`): writing one, its author's edits (the earlier version kept for staff),
 * reading as the viewer may, and the moderators' actions — hide, delete (soft), lock, pin, move — each audited.
 */
export function createTopics(
  deps: Deps,
  guard: PostingGuard,
  sections: CommunitySections,
  m: { trust: { assertAllowed(id: number, scope: 'posting'): Promise<void> } },
) {
  const { db, clock } = deps;

  function fieldProblems(d: TopicDraft): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!d.type) problems.type = 'community.type_invalid';
    const t = titleProblem(d.title);
    if (t) problems.title = t;
    const b = bodyProblem(d.body);
    if (b) problems.body = b;
    const s = skillsProblem(d.skills);
    if (s) problems.skills = s;
    if (d.type === 'discussion' && d.sectionId === null) problems.sectionId = 'community.section_required';
    if (Number.isNaN(d.sectionId)) problems.sectionId = 'community.section_required';
    return problems;
  }

  async function lock(tx: DbOrTx, id: number): Promise<TopicRow> {
    const ok = parseId(id);
    const [t] = ok ? await tx.select().from(communityTopics).where(eq(communityTopics.id, ok)).for('update') : [];
    if (!t) throw new AppError('community.topic_not_found');
    return t;
  }

  async function sectionFor(actor: Viewer, d: TopicDraft) {
    if (d.sectionId === null || Number.isNaN(d.sectionId)) return null;
    const s = await sections.byId(d.sectionId).catch(() => null);
    if (!s) throw invalid({ sectionId: 'community.section_required' });
    const may = mayPostInSection(actor, s);
    if (may === 'staff_only')
      throw new AppError('community.section_staff_only', { name: s.nameAr }, { sectionId: 'community.section_staff_only' });
    if (may === 'closed') throw invalid({ sectionId: 'community.section_required' });
    return s;
  }

  const service = {
    lock,

    /** A new topic or question. Refusals: field errors (400), contact details, a staff-only section (422), the day's limit (429). */
    async create(actor: AuthUser, input: Record<string, unknown>, type?: TopicType): Promise<TopicRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      const d = toTopicDraft(input, type);
      const problems = fieldProblems(d);
      await guard.noContacts(actor.id, { title: d.title, body: d.body, skills: d.skills.join(' ، ') }, problems);
      const section = await sectionFor(actor, d);
      const ugc = await guard.isNew(actor);
      const row = await db.transaction(async (tx) => {
        if (ugc) await guard.withinDailyLimit(tx, actor.id, 'topic');
        const now = clock();
        const [t] = await tx
          .insert(communityTopics)
          .values({
            type: d.type,
            sectionId: section?.id ?? null,
            authorId: actor.id,
            title: d.title,
            body: d.body,
            skills: d.skills,
            skillKeys: [...new Set(d.skills.map((s) => normalizeText(s)))],
            ugc,
            searchText: searchTextOf(d, section ? `${section.nameAr} ${section.nameEn}` : ''),
            lastActivityAt: now,
            createdAt: now,
          })
          .returning();
        // Its author follows it: they hear of every comment (in the app; by mail in the digest).
        await tx.insert(communityFollows).values({ topicId: t.id, userId: actor.id, createdAt: now }).onConflictDoNothing();
        return t;
      });
      return row;
    },

    /**
     * Its author edits a topic while it is not locked: the version before is kept for staff (the revisions), the page
     * says "edited". Someone else's: 403 `community.forbidden`; a locked one: 409 `community.topic_locked`.
     */
    async edit(actor: AuthUser, id: number, input: Record<string, unknown>): Promise<TopicRow> {
      await m.trust.assertAllowed(actor.id, 'posting');
      // The contact guard first, outside the transaction (it records the attempt in its own).
      const typed: Record<string, string> = {};
      if (input.title !== undefined) typed.title = cleanLine(input.title);
      if (input.body !== undefined) typed.body = cleanBody(input.body);
      if (input.skills !== undefined) typed.skills = skillsOf(input.skills).join(' ، ');
      await guard.noContacts(actor.id, typed);
      return db.transaction(async (tx) => {
        const t = await lock(tx, id);
        const may = mayEditTopic(actor, t);
        if (may === 'gone') throw new AppError('community.topic_not_found');
        if (may === 'forbidden') throw new AppError(maySeeTopic(actor, t) ? 'community.forbidden' : 'community.topic_not_found');
        if (may === 'locked') throw lockedError();
        const d: TopicDraft = {
          type: t.type as TopicType,
          sectionId: t.sectionId,
          title: input.title === undefined ? t.title : cleanLine(input.title),
          body: input.body === undefined ? t.body : cleanBody(input.body),
          skills: input.skills === undefined ? t.skills : skillsOf(input.skills),
        };
        const problems = fieldProblems(d);
        if (Object.keys(problems).length) throw invalid(problems);
        if (d.title === t.title && d.body === t.body && d.skills.join('\n') === t.skills.join('\n')) return t;
        const now = clock();
        await tx.insert(communityRevisions).values({
          targetType: 'topic',
          targetId: t.id,
          topicId: t.id,
          title: t.title,
          body: t.body,
          skills: t.skills,
          writtenAt: t.editedAt ?? t.createdAt,
          replacedAt: now,
        });
        const section = t.sectionId ? await sections.byId(t.sectionId, tx).catch(() => null) : null;
        const [row] = await tx
          .update(communityTopics)
          .set({
            title: d.title,
            body: d.body,
            skills: d.skills,
            skillKeys: [...new Set(d.skills.map((s) => normalizeText(s)))],
            searchText: searchTextOf(d, section ? `${section.nameAr} ${section.nameEn}` : ''),
            editedAt: now,
          })
          .where(eq(communityTopics.id, t.id))
          .returning();
        return row;
      });
    },

    /** A topic as `viewer` may see it, else `community.topic_not_found`. */
    async get(id: number, viewer: Viewer | null): Promise<TopicRow> {
      const ok = parseId(id);
      const [t] = ok ? await db.select().from(communityTopics).where(eq(communityTopics.id, ok)) : [];
      if (!t || !maySeeTopic(viewer, t)) throw new AppError('community.topic_not_found');
      return t;
    },

    /** A topic whatever its status (moderation, report targets), or null. */
    async forModeration(id: number): Promise<TopicRow | null> {
      const ok = parseId(id);
      const [t] = ok ? await db.select().from(communityTopics).where(eq(communityTopics.id, ok)) : [];
      return t ?? null;
    },

    async byIds(ids: number[]): Promise<TopicRow[]> {
      const wanted = [...new Set(ids.filter((n) => parseId(n) !== null))];
      return wanted.length ? db.select().from(communityTopics).where(inArray(communityTopics.id, wanted)) : [];
    },

    /** The visible pinned topics of a type (and a section), newest pin first: the top of the list. */
    async pinned(type: TopicType, sectionId?: number): Promise<TopicRow[]> {
      return db
        .select()
        .from(communityTopics)
        .where(
          and(
            eq(communityTopics.type, type),
            eq(communityTopics.status, 'visible'),
            sql`${communityTopics.pinnedAt} IS NOT NULL`,
            sectionId ? eq(communityTopics.sectionId, sectionId) : undefined,
          ),
        )
        .orderBy(desc(communityTopics.pinnedAt))
        .limit(5);
    },

    /** The author's own topics and questions (not deleted), newest first ("my topics"). */
    async mine(authorId: number, limit = 200): Promise<TopicRow[]> {
      return db
        .select()
        .from(communityTopics)
        .where(and(eq(communityTopics.authorId, authorId), ne(communityTopics.status, 'deleted')))
        .orderBy(desc(communityTopics.id))
        .limit(Math.min(500, Math.max(1, limit)));
    },

    /** The earlier versions of a topic and its comments (staff: policy.ts `maySeeRevisions`), oldest first. */
    async revisions(topicId: number) {
      return db.select().from(communityRevisions).where(eq(communityRevisions.topicId, topicId)).orderBy(asc(communityRevisions.id));
    },

    /**
     * A moderator's action on a topic, audited: hide (its author still sees it, with the reason) or show it again,
     * delete (soft: staff keep reading it), lock or unlock (no comments, answers or edits), pin or unpin, move to
     * another section (`sectionId`).
     */
    async moderate(
      actor: Viewer,
      id: number,
      action: TopicModAction,
      input: { reason?: unknown; sectionId?: unknown },
      ip: string | null,
    ): Promise<TopicRow> {
      if (!mayModerateCommunity(actor)) throw new AppError('auth.forbidden');
      if (!(TOPIC_MOD_ACTIONS as readonly string[]).includes(action)) throw invalid({ action: 'community.action_invalid' });
      const reason = cleanLine(input.reason).slice(0, 500);
      if ((action === 'hide' || action === 'delete') && reason.length < 5) throw invalid({ reason: 'community.reason_required' });
      const moveTo = action === 'move' ? await sections.byId(parseId(input.sectionId) ?? 0).catch(() => null) : null;
      if (action === 'move' && !moveTo) throw invalid({ sectionId: 'community.section_required' });
      return db.transaction(async (tx) => {
        const t = await lock(tx, id);
        const now = clock();
        const set: Partial<TopicRow> = {};
        if (t.status === 'deleted' && action !== 'delete') throw new AppError('community.wrong_state');
        switch (action) {
          case 'hide':
            if (t.status !== 'visible') throw new AppError('community.wrong_state');
            Object.assign(set, { status: 'hidden', hiddenReason: reason });
            break;
          case 'unhide':
            if (t.status !== 'hidden') throw new AppError('community.wrong_state');
            Object.assign(set, { status: 'visible', hiddenReason: null });
            break;
          case 'delete':
            if (t.status === 'deleted') throw new AppError('community.wrong_state');
            Object.assign(set, { status: 'deleted', hiddenReason: reason, deletedAt: now });
            break;
          case 'lock':
          case 'unlock':
            if ((action === 'lock') === (t.lockedAt !== null)) throw new AppError('community.wrong_state');
            set.lockedAt = action === 'lock' ? now : null;
            break;
          case 'pin':
          case 'unpin':
            if ((action === 'pin') === (t.pinnedAt !== null)) throw new AppError('community.wrong_state');
            set.pinnedAt = action === 'pin' ? now : null;
            break;
          case 'move':
            if (moveTo && moveTo.id === t.sectionId) throw new AppError('community.wrong_state');
            set.sectionId = moveTo?.id ?? t.sectionId;
            set.searchText = searchTextOf(t, moveTo ? `${moveTo.nameAr} ${moveTo.nameEn}` : '');
            break;
        }
        const [row] = await tx.update(communityTopics).set(set).where(eq(communityTopics.id, t.id)).returning();
        await audit(tx, {
          actorId: actor.id,
          action: `community.topic_${action}`,
          targetType: 'community_topic',
          targetId: t.id,
          data: { reason: reason || undefined, from: action === 'move' ? t.sectionId : undefined, to: moveTo?.id, status: t.status },
          ip,
        });
        return row;
      });
    },

    /**
     * A reported topic taken down (inside the report's transaction; the report's decision is audited there): `hide`
     * back to its author with the reason, `delete` for good (soft). False when it already is.
     */
    async takeDown(tx: DbOrTx, id: number, action: 'hide' | 'delete', reason: string): Promise<boolean> {
      const t = await lock(tx, id);
      if (action === 'hide' ? t.status !== 'visible' : t.status === 'deleted') return false;
      const why = cleanLine(reason).slice(0, 500);
      await tx
        .update(communityTopics)
        .set(action === 'hide' ? { status: 'hidden', hiddenReason: why } : { status: 'deleted', hiddenReason: why, deletedAt: clock() })
        .where(eq(communityTopics.id, t.id));
      return true;
    },

    /** The answer a question's asker accepted now, with who accepted it (for points later: RULES.md "Points"). */
    async currentAcceptance(topicId: number) {
      const [a] = await db
        .select()
        .from(communityAcceptances)
        .where(and(eq(communityAcceptances.topicId, topicId), sql`${communityAcceptances.withdrawnAt} IS NULL`));
      return a ?? null;
    },
  };
  return service;
}

export type Topics = ReturnType<typeof createTopics>;
export type { CommentRow };
