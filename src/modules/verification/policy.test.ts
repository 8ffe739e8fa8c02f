import { describe, expect, it } from 'vitest';
import { ACTORS, OWNER, table } from '../../../test/actors.ts';
import { isStaffReading, mayDecideVerifications, maySeeVerificationFiles } from './policy.ts';

const request = { userId: OWNER.id };

describe('verification policy', () => {
  it.each(table(['admin', 'support']))('%s may decide requests: %s', (kind, allowed) => {
    expect(mayDecideVerifications(ACTORS[kind])).toBe(allowed);
  });

  it.each(table(['owner', 'admin', 'support']))('%s may open the document and the selfie: %s', (kind, allowed) => {
    expect(maySeeVerificationFiles(ACTORS[kind], request)).toBe(allowed);
  });

  it.each(table(['other', 'admin', 'moderator', 'support', 'finance']))('%s reading them is audited as staff’s: %s', (kind, audited) => {
    expect(isStaffReading(ACTORS[kind], request)).toBe(audited);
  });
});
