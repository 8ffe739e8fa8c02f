import { can, isStaff } from '../../platform/staff.ts';

/** Who may see or do what in the community and the question bank (one function per rule; policy.test.ts is the table). */
type Actor = { id: number; roles: readonly string[] } | null;
type TopicState = { authorId: number; status: string; lockedAt: Date | null };
type CommentState = { authorId: number; status: string };

/** Moderators (and admins): hide, delete, lock, pin, move; decide reports; manage the sections. */
export function mayModerateCommunity(actor: Actor): boolean {
  return can(actor, 'moderate');
}

/** A visible topic everyone; a hidden one its author and moderators; a deleted one moderators only (the copy kept). */
export function maySeeTopic(actor: Actor, t: Pick<TopicState, 'authorId' | 'status'>): boolean {
  if (t.status === 'visible') return true;
  if (!actor) return false;
  if (mayModerateCommunity(actor)) return true;
  return t.status === 'hidden' && actor.id === t.authorId;
}

/** A comment's text: visible to whoever sees the topic; a hidden or deleted one to its author (hidden) and moderators. */
export function maySeeCommentText(actor: Actor, c: CommentState): boolean {
  if (c.status === 'visible') return true;
  if (!actor) return false;
  if (mayModerateCommunity(actor)) return true;
  return c.status === 'hidden' && actor.id === c.authorId;
}

/** A new topic in a section: anyone signed in, in a listed section; a staff-only section (announcements) staff only. */
export function mayPostInSection(actor: Actor, s: { staffOnly: boolean; hidden: boolean }): 'ok' | 'staff_only' | 'closed' {
  if (s.hidden) return 'closed';
  if (s.staffOnly && !isStaff(actor)) return 'staff_only';
  return 'ok';
}

/** A comment (or an answer) on a topic: it must be visible and not locked. */
export function mayComment(actor: Actor, t: TopicState): 'ok' | 'locked' | 'gone' {
  if (t.status !== 'visible' || !actor) return 'gone';
  return t.lockedAt ? 'locked' : 'ok';
}

/** Editing a topic: its author, while it is not locked nor deleted. */
export function mayEditTopic(actor: Actor, t: TopicState): 'ok' | 'forbidden' | 'locked' | 'gone' {
  if (t.status === 'deleted' || !actor) return 'gone';
  if (actor.id !== t.authorId) return 'forbidden';
  return t.lockedAt ? 'locked' : 'ok';
}

/** Editing a comment: its author, while it is visible and its topic is neither locked nor gone. */
export function mayEditComment(actor: Actor, c: CommentState, t: TopicState): 'ok' | 'forbidden' | 'locked' | 'gone' {
  if (!actor || c.status === 'deleted' || t.status === 'deleted') return 'gone';
  if (actor.id !== c.authorId) return 'forbidden';
  if (c.status !== 'visible') return 'gone';
  return t.lockedAt ? 'locked' : 'ok';
}

/** An up-vote: anyone signed in on someone else's visible topic or comment; never on one's own. */
export function mayVote(actor: Actor, target: { authorId: number; status: string }): 'ok' | 'own' | 'gone' {
  if (!actor || target.status !== 'visible') return 'gone';
  return actor.id === target.authorId ? 'own' : 'ok';
}

/**
 * Accepting an answer: only the asker, on their own visible question that is not locked, an answer (a top-level
 * comment) of that question that is visible and not their own.
 */
export function mayAccept(
  actor: Actor,
  t: TopicState & { type: string; id: number },
  answer: { topicId: number; parentId: number | null; authorId: number; status: string } | null,
): 'ok' | 'not_question' | 'forbidden' | 'locked' | 'not_answer' | 'own' {
  if (t.type !== 'question') return 'not_question';
  if (!actor || actor.id !== t.authorId) return 'forbidden';
  if (t.lockedAt || t.status !== 'visible') return 'locked';
  if (!answer || answer.topicId !== t.id || answer.parentId !== null || answer.status !== 'visible') return 'not_answer';
  return answer.authorId === actor.id ? 'own' : 'ok';
}

/** Every earlier version of edited texts: staff who moderate. */
export function maySeeRevisions(actor: Actor): boolean {
  return mayModerateCommunity(actor);
}
