import { and, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { type ContactMatch, scanContacts } from '../trust/index.ts';
import { DAY_MS, isNewAccount, NEW_ACCOUNT_DAILY, overDailyLimit } from './rules.ts';
import { communityComments, communityTopics } from './schema.ts';
import type { CommunityModules } from './types.ts';

/**
 * What every text written in the community passes (titles, bodies, comments, answers and their edits): the contact
 * guard — refused with the field named and what was found, the attempt recorded against its author (RULES.md
 * "Trust and safety") — and, for a new account, the day's limit of topics and comments.
 */
export function createPostingGuard(deps: Deps, m: Pick<CommunityModules, 'trust' | 'accounts'>) {
  const { clock } = deps;

  return {
    /** Refuses contact details in any of these fields (by field), after recording the attempt. */
    async noContacts(actorId: number, fields: Record<string, string>, problems: Record<string, string> = {}): Promise<void> {
      const found: ContactMatch[] = [];
      for (const [field, text] of Object.entries(fields)) {
        const scan = scanContacts(text);
        if (!scan.contact) continue;
        problems[field] = 'trust.contact_info';
        found.push(...scan.matches);
      }
      if (found.length) await m.trust.recordAttempt(actorId, 'community', found);
      if (Object.keys(problems).length) throw invalid(problems, { found: found.map((x) => x.text).join('، ') });
    },

    /** Whether the author is new for the community (younger than a day, or without a verified mail). */
    async isNew(actor: Pick<AuthUser, 'id' | 'emailVerified'>): Promise<boolean> {
      const p = (await m.accounts.publicByIds([actor.id])).get(actor.id);
      if (!p) return true;
      return isNewAccount({ createdAt: new Date(p.memberSince), emailVerified: actor.emailVerified }, clock());
    },

    /**
     * Inside the post's transaction: a new account's topics (or comments) of the last 24 hours, counted under the
     * author's advisory lock so two posts at once cannot both pass the limit; 429 `community.daily_limit` past it.
     */
    async withinDailyLimit(tx: DbOrTx, actorId: number, kind: 'topic' | 'comment'): Promise<void> {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('community-post'), ${actorId})`);
      const since = new Date(clock().getTime() - DAY_MS);
      const used =
        kind === 'topic'
          ? await tx.$count(communityTopics, and(eq(communityTopics.authorId, actorId), gte(communityTopics.createdAt, since)))
          : await tx.$count(communityComments, and(eq(communityComments.authorId, actorId), gte(communityComments.createdAt, since)));
      if (overDailyLimit(kind, used))
        throw new AppError(`community.daily_limit_${kind}`, { count: NEW_ACCOUNT_DAILY[kind] }, {}, { status: 429 });
    },
  };
}

export type PostingGuard = ReturnType<typeof createPostingGuard>;
