import { can } from '../../platform/staff.ts';
import { articleState } from './rules.ts';

/** Who may do what with the blog (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;

/** Write, edit, schedule, publish and unpublish articles: staff with the `content` permission (admins have it). */
export function mayWriteArticles(actor: Actor): boolean {
  return can(actor, 'content');
}

/**
 * Read an article: everyone once it is public (published and its time reached); a draft or a scheduled article only
 * its writers (the staff preview); anyone else is told it does not exist.
 */
export function maySeeArticle(actor: Actor, a: { status: string; publishAt: Date | null }, now: Date): boolean {
  return articleState(a, now) === 'published' || mayWriteArticles(actor);
}

/**
 * How a viewer may load a cover image: public (cached) once a public article shows it; else privately to those who
 * write articles (the preview and the form); else not at all.
 */
export function coverAccess(actor: Actor, cover: { shownPublicly: boolean }): 'public' | 'private' | null {
  if (cover.shownPublicly) return 'public';
  return mayWriteArticles(actor) ? 'private' : null;
}
