import { can } from '../../platform/staff.ts';
import { isLive } from './rules.ts';

/** Who may see or do what in the help centre (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** Write, edit, schedule and publish help articles, and read their votes: staff with the `content` permission (admins). */
export function mayEditHelp(actor: Actor): boolean {
  return can(actor, 'content');
}

/** A published article whose time has come everyone; a draft or a scheduled one its editors only. */
export function maySeeArticle(actor: Actor, a: { status: string; publishAt: Date | null }, now: Date): boolean {
  return isLive(a, now) || mayEditHelp(actor);
}

/** Say whether an article helped: anyone (a visitor by their cookie), on an article the public sees. */
export function mayVote(a: { status: string; publishAt: Date | null }, now: Date): boolean {
  return isLive(a, now);
}

/** The helpful / not helpful counts: editors only (they are for improving the articles, not a score). */
export function maySeeVoteCounts(actor: Actor): boolean {
  return mayEditHelp(actor);
}
