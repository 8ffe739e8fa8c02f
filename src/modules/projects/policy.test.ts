import { describe, expect, it } from 'vitest';
import { ACTORS, type ActorKind, table } from '../../../test/actors.ts';
import { mayReadAllBids, mayReviewProjects, maySeeBid, maySeeProject, maySeeProjectPrivate } from './policy.ts';

const ownerId = ACTORS.owner.id;
const seeing: Record<string, ActorKind[]> = {
  open: ['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance'],
  hired: ['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance'],
  closed: ['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance'],
  expired: ['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance'],
  draft: ['owner', 'admin', 'moderator'],
  pending: ['owner', 'admin', 'moderator'],
  rejected: ['owner', 'admin', 'moderator'],
  hidden: ['owner', 'admin', 'moderator', 'support'],
  removed: ['owner', 'admin', 'moderator', 'support'],
};

describe('projects policy', () => {
  for (const [status, allowed] of Object.entries(seeing))
    it.each(table(allowed))(`a ${status} project: %s sees it → %s`, (k, ok) => {
      expect(maySeeProject(ACTORS[k], { status, ownerId })).toBe(ok);
    });
  it.each(table(['owner', 'admin', 'moderator', 'support']))("a project's private parts: %s → %s", (k, ok) => {
    expect(maySeeProjectPrivate(ACTORS[k], { ownerId })).toBe(ok);
  });
  it.each(table(['admin', 'moderator']))('review projects: %s → %s', (k, ok) => {
    expect(mayReviewProjects(ACTORS[k])).toBe(ok);
  });
  it.each(table(['admin', 'moderator', 'support']))('read every bid as staff: %s → %s', (k, ok) => {
    expect(mayReadAllBids(ACTORS[k])).toBe(ok);
  });
  // The bid is `other`'s, on `owner`'s project.
  it.each(table(['owner', 'other', 'admin', 'moderator', 'support']))('a bid in full: %s → %s', (k, ok) => {
    expect(maySeeBid(ACTORS[k], { freelancerId: ACTORS.other.id }, { ownerId })).toBe(ok);
  });
});
