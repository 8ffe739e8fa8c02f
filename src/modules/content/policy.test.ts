import { describe, expect, it } from 'vitest';
import { ACTORS, table } from '../../../test/actors.ts';
import { mayPublishPolicy, mayReadContactMessages } from './policy.ts';

describe('content policy', () => {
  it.each(table(['admin']))('publish a policy version: %s → %s', (k, ok) => {
    expect(mayPublishPolicy(ACTORS[k])).toBe(ok);
  });
  it.each(table(['admin', 'moderator', 'support', 'finance']))('read contact messages: %s → %s', (k, ok) => {
    expect(mayReadContactMessages(ACTORS[k])).toBe(ok);
  });
});
