import { describe, expect, it } from 'vitest';
import { ACTORS, OWNER, table } from '../../../test/actors.ts';
import { mayChangePromotionSettings, mayManagePromotions, promoteRefusal } from './policy.ts';

describe('promotions policy', () => {
  it('only the seller promotes, and only a live service', () => {
    const live = { sellerId: OWNER.id, status: 'published' };
    for (const [kind, allowed] of table(['owner'])) expect(promoteRefusal(ACTORS[kind], live) === null, kind).toBe(allowed);
    expect(promoteRefusal(ACTORS.admin, live)).toBe('promotion.forbidden');
    expect(promoteRefusal(null, live)).toBe('auth.required');
    expect(promoteRefusal(OWNER, null)).toBe('service.not_found');
    for (const status of ['paused', 'draft', 'pending', 'rejected', 'suspended', 'removed', 'hidden'])
      expect(promoteRefusal(OWNER, { sellerId: OWNER.id, status }), status).toBe('promotion.not_live');
  });

  it('moderators manage promotions; admins change the numbers', () => {
    for (const [kind, allowed] of table(['admin', 'moderator'])) expect(mayManagePromotions(ACTORS[kind]), kind).toBe(allowed);
    for (const [kind, allowed] of table(['admin'])) expect(mayChangePromotionSettings(ACTORS[kind]), kind).toBe(allowed);
  });
});
