import type { Deps } from '../../platform/deps.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import { createComments } from './comments.ts';
import { createEngagement } from './engagement.ts';
import { createPostingGuard } from './guard.ts';
import { searchTopics, type TopicQuery } from './search.ts';
import { createCommunitySections } from './sections.ts';
import { createTopics } from './topics.ts';
import type { CommunityModules, CommunityPerson } from './types.ts';

/**
 * How long an instance keeps the community's public reads (lists, searches, the sections' counts, people's cards): a
 * change shows at once on the instance that made it (every write bumps the version the keys carry) and within this
 * on the others. A topic's own row and its thread are always read fresh.
 */
export const READ_TTL_MS = 15_000;

/**
 * The community (الملتقى) and the question bank (بنك الأسئلة): sections, topics and questions, comments and answers,
 * votes, accepted answers, follows and their digest, moderation. One machinery for both: a question is a topic of
 * type 'question' whose top-level comments are answers.
 */
export function createCommunityService(deps: Deps, m: CommunityModules) {
  const guard = createPostingGuard(deps, m);
  const sections = createCommunitySections(deps);
  const topics = createTopics(deps, guard, sections, m);
  const comments = createComments(deps, guard, m);
  const engagement = createEngagement(deps, m);

  let version = 0;
  const cache = ttlCache<unknown>(READ_TTL_MS, 2000);
  const cached = <T>(key: string, load: () => Promise<T>) => cache.get(`${version}:${key}`, load) as Promise<T>;
  const changed = () => {
    version++;
  };
  // Every write of this instance refreshes its cached reads at once.
  const bump = <T extends Record<string, unknown>>(o: T, names: (keyof T)[]): T => {
    for (const name of names) {
      const fn = o[name] as (...args: never[]) => Promise<unknown>;
      (o as Record<string, unknown>)[name as string] = (...args: never[]) => fn(...args).finally(changed);
    }
    return o;
  };
  bump(topics, ['create', 'edit', 'moderate', 'takeDown']);
  bump(comments, ['comment', 'edit', 'moderate', 'takeDown']);
  bump(engagement, ['vote', 'unvote', 'accept', 'unaccept']);
  bump(sections, ['create', 'update', 'act']);

  return {
    sections,
    topics,
    comments,
    engagement,

    /** Visible topics or questions matching a query (search.ts), kept READ_TTL_MS. */
    search: (q: TopicQuery) => cached(`search:${JSON.stringify(q)}`, () => searchTopics(deps.db, q)),

    /** The listed sections with their topic counts, kept READ_TTL_MS. */
    sectionsWithCounts: () => cached('sections', () => sections.withCounts()),

    /** Every section (hidden ones too), kept READ_TTL_MS: the lists' and pages' names. */
    allSections: () => cached('sections-all', () => sections.all()),

    /** The pinned topics of a list, kept READ_TTL_MS. */
    pinned: (type: 'discussion' | 'question', sectionId?: number) =>
      cached(`pinned:${type}:${sectionId ?? 0}`, () => topics.pinned(type, sectionId)),

    /** People's public cards, kept as the other reads are. */
    people(ids: number[]): Promise<Map<number, CommunityPerson>> {
      const wanted = [...new Set(ids)].sort((a, b) => a - b);
      return cached(`people:${wanted.join(',')}`, () => m.accounts.publicByIds(wanted));
    },

    /** Whether this person posts under the new accounts' limits (and their links are marked nofollow ugc). */
    isNewAccount: (actor: { id: number; emailVerified: boolean }) => guard.isNew(actor),

    changed,
  };
}

export type CommunityService = ReturnType<typeof createCommunityService>;
