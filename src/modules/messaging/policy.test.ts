import { describe, expect, it } from 'vitest';
import { ACTORS, table } from '../../../test/actors.ts';
import { mayReadAsStaff, mayReadConversation } from './policy.ts';

describe('messaging policy', () => {
  it.each(table(['owner']))('a conversation between owner and someone else: %s reads it → %s', (k, ok) => {
    expect(mayReadConversation(ACTORS[k], [ACTORS.owner.id, 99])).toBe(ok);
  });
  it.each(table(['admin', 'moderator', 'support']))('open any conversation with a reason: %s → %s', (k, ok) => {
    expect(mayReadAsStaff(ACTORS[k])).toBe(ok);
  });
});
