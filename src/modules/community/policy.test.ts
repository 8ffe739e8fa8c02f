import { describe, expect, it } from 'vitest';
import { ACTORS, type ActorKind, KINDS } from '../../../test/actors.ts';
import {
  mayAccept,
  mayComment,
  mayEditComment,
  mayEditTopic,
  mayModerateCommunity,
  mayPostInSection,
  maySeeCommentText,
  maySeeRevisions,
  maySeeTopic,
  mayVote,
} from './policy.ts';

// The owner (id 1) wrote the topic or comment; OTHER (id 2) is anyone else signed in.
const topic = (over: Partial<{ status: string; lockedAt: Date | null; type: string }> = {}) => ({
  id: 7,
  authorId: 1,
  status: 'visible',
  lockedAt: null,
  type: 'question',
  ...over,
});
const each = (fn: (a: (typeof ACTORS)[ActorKind]) => unknown) => Object.fromEntries(KINDS.map((k) => [k, fn(ACTORS[k])]));

describe('community policy', () => {
  it('sees a visible topic: everyone; hidden: its author and moderators; deleted: moderators', () => {
    expect(each((a) => maySeeTopic(a, topic()))).toEqual({
      nobody: true,
      owner: true,
      other: true,
      admin: true,
      moderator: true,
      support: true,
      finance: true,
    });
    expect(each((a) => maySeeTopic(a, topic({ status: 'hidden' })))).toEqual({
      nobody: false,
      owner: true,
      other: false,
      admin: true,
      moderator: true,
      support: false,
      finance: false,
    });
    expect(each((a) => maySeeTopic(a, topic({ status: 'deleted' })))).toEqual({
      nobody: false,
      owner: false,
      other: false,
      admin: true,
      moderator: true,
      support: false,
      finance: false,
    });
    expect(each((a) => maySeeCommentText(a, { authorId: 1, status: 'hidden' }))).toEqual({
      nobody: false,
      owner: true,
      other: false,
      admin: true,
      moderator: true,
      support: false,
      finance: false,
    });
  });

  it('moderates and reads earlier versions: admins and moderators only', () => {
    expect(each(mayModerateCommunity)).toEqual({
      nobody: false,
      owner: false,
      other: false,
      admin: true,
      moderator: true,
      support: false,
      finance: false,
    });
    expect(each(maySeeRevisions)).toEqual(each(mayModerateCommunity));
  });

  it('posts in a staff-only section (announcements): staff only; in a hidden one: nobody', () => {
    expect(each((a) => mayPostInSection(a, { staffOnly: true, hidden: false }))).toEqual({
      nobody: 'staff_only',
      owner: 'staff_only',
      other: 'staff_only',
      admin: 'ok',
      moderator: 'ok',
      support: 'ok',
      finance: 'ok',
    });
    expect(mayPostInSection(ACTORS.owner, { staffOnly: false, hidden: false })).toBe('ok');
    expect(mayPostInSection(ACTORS.admin, { staffOnly: false, hidden: true })).toBe('closed');
  });

  it('comments on a visible, unlocked topic only', () => {
    expect(mayComment(ACTORS.other, topic())).toBe('ok');
    expect(mayComment(ACTORS.other, topic({ lockedAt: new Date() }))).toBe('locked');
    expect(mayComment(ACTORS.other, topic({ status: 'hidden' }))).toBe('gone');
    expect(mayComment(null, topic())).toBe('gone');
  });

  it('edits a topic or a comment: its author, while not locked nor removed', () => {
    expect(each((a) => mayEditTopic(a, topic()))).toEqual({
      nobody: 'gone',
      owner: 'ok',
      other: 'forbidden',
      admin: 'forbidden',
      moderator: 'forbidden',
      support: 'forbidden',
      finance: 'forbidden',
    });
    expect(mayEditTopic(ACTORS.owner, topic({ lockedAt: new Date() }))).toBe('locked');
    expect(mayEditTopic(ACTORS.owner, topic({ status: 'deleted' }))).toBe('gone');
    const c = { authorId: 1, status: 'visible' };
    expect(mayEditComment(ACTORS.owner, c, topic())).toBe('ok');
    expect(mayEditComment(ACTORS.other, c, topic())).toBe('forbidden');
    expect(mayEditComment(ACTORS.owner, c, topic({ lockedAt: new Date() }))).toBe('locked');
    expect(mayEditComment(ACTORS.owner, { ...c, status: 'hidden' }, topic())).toBe('gone');
  });

  it('votes: anyone signed in but the author, on visible content', () => {
    expect(each((a) => mayVote(a, { authorId: 1, status: 'visible' }))).toEqual({
      nobody: 'gone',
      owner: 'own',
      other: 'ok',
      admin: 'ok',
      moderator: 'ok',
      support: 'ok',
      finance: 'ok',
    });
    expect(mayVote(ACTORS.other, { authorId: 1, status: 'hidden' })).toBe('gone');
  });

  it('accepts an answer: the asker only, on their visible unlocked question, an answer of it not their own', () => {
    const answer = { topicId: 7, parentId: null, authorId: 2, status: 'visible' };
    expect(each((a) => mayAccept(a, topic(), answer))).toEqual({
      nobody: 'forbidden',
      owner: 'ok',
      other: 'forbidden',
      admin: 'forbidden',
      moderator: 'forbidden',
      support: 'forbidden',
      finance: 'forbidden',
    });
    expect(mayAccept(ACTORS.owner, topic({ type: 'discussion' }), answer)).toBe('not_question');
    expect(mayAccept(ACTORS.owner, topic({ lockedAt: new Date() }), answer)).toBe('locked');
    expect(mayAccept(ACTORS.owner, topic(), { ...answer, parentId: 3 })).toBe('not_answer');
    expect(mayAccept(ACTORS.owner, topic(), { ...answer, topicId: 8 })).toBe('not_answer');
    expect(mayAccept(ACTORS.owner, topic(), { ...answer, status: 'hidden' })).toBe('not_answer');
    expect(mayAccept(ACTORS.owner, topic(), null)).toBe('not_answer');
    expect(mayAccept(ACTORS.owner, topic(), { ...answer, authorId: 1 })).toBe('own');
  });
});
