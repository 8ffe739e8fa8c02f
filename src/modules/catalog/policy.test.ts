import { describe, expect, it } from 'vitest';
import { ACTORS, table } from '../../../test/actors.ts';
import { mayEditSynonyms, mayManageCategories, mayReviewServices, maySeeAllOfSeller, maySeeService, serviceImageAccess } from './policy.ts';

const seller = ACTORS.owner.id;
describe('catalog policy', () => {
  it.each(table(['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance']))(
    'a published service: %s sees it → %s',
    (k, ok) => {
      expect(maySeeService(ACTORS[k], { status: 'published', sellerId: seller })).toBe(ok);
    },
  );
  for (const status of ['draft', 'pending', 'rejected', 'paused', 'hidden', 'removed'])
    it.each(table(['owner', 'admin', 'moderator']))(`a ${status} service: %s sees it → %s`, (k, ok) => {
      expect(maySeeService(ACTORS[k], { status, sellerId: seller })).toBe(ok);
    });
  it.each(table(['owner', 'admin', 'moderator']))("all of a seller's services: %s → %s", (k, ok) => {
    expect(maySeeAllOfSeller(ACTORS[k], seller)).toBe(ok);
  });
  it.each(table(['admin', 'moderator']))('review services: %s → %s', (k, ok) => {
    expect(mayReviewServices(ACTORS[k])).toBe(ok);
  });
  it.each(table(['admin', 'moderator']))('edit the search synonyms: %s → %s', (k, ok) => {
    expect(mayEditSynonyms(ACTORS[k])).toBe(ok);
  });
  it.each(table(['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance']))(
    'an image of a published service: %s loads it (public) → %s',
    (k, ok) => {
      expect(serviceImageAccess(ACTORS[k], { ownerId: seller, published: true, attached: true })).toBe(ok ? 'public' : null);
    },
  );
  it.each(table(['owner', 'admin', 'moderator']))('an image of an unpublished service: %s loads it (private) → %s', (k, ok) => {
    expect(serviceImageAccess(ACTORS[k], { ownerId: seller, published: false, attached: true })).toBe(ok ? 'private' : null);
  });
  it.each(table(['owner']))('an image in no service yet: %s loads it (private) → %s', (k, ok) => {
    expect(serviceImageAccess(ACTORS[k], { ownerId: seller, published: false, attached: false })).toBe(ok ? 'private' : null);
  });
  it.each(table(['admin']))('manage categories: %s → %s', (k, ok) => {
    expect(mayManageCategories(ACTORS[k])).toBe(ok);
  });
});
