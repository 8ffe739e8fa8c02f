import { describe, expect, it } from 'vitest';
import { ACTORS, table } from '../../../test/actors.ts';
import { mayExportUserData, mayOpenSanctions, maySearchAudit } from './policy.ts';

describe('admin policy', () => {
  it.each(table(['admin']))('search the audit log: %s → %s', (k, ok) => {
    expect(maySearchAudit(ACTORS[k])).toBe(ok);
  });
  it.each(table(['admin']))('export a user’s data: %s → %s', (k, ok) => {
    expect(mayExportUserData(ACTORS[k])).toBe(ok);
  });
  it.each(table(['admin', 'moderator']))('open a user’s sanctions: %s → %s', (k, ok) => {
    expect(mayOpenSanctions(ACTORS[k])).toBe(ok);
  });
});
