import { describe, expect, it } from 'vitest';
import { ACTORS, table } from '../../../test/actors.ts';
import { coverAccess, maySeeArticle, mayWriteArticles } from './policy.ts';

const now = new Date('2026-12-01T10:00:00Z');
const past = new Date('2026-11-30T10:00:00Z');
const ahead = new Date('2026-12-02T10:00:00Z');

describe('blog policy', () => {
  it.each(table(['admin']))('write articles: %s → %s', (k, ok) => {
    expect(mayWriteArticles(ACTORS[k])).toBe(ok);
  });
  it.each(table(['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance']))('read a published article: %s → %s', (k, ok) => {
    expect(maySeeArticle(ACTORS[k], { status: 'published', publishAt: past }, now)).toBe(ok);
  });
  it.each(table(['admin']))('read a scheduled article before its time: %s → %s', (k, ok) => {
    expect(maySeeArticle(ACTORS[k], { status: 'published', publishAt: ahead }, now)).toBe(ok);
  });
  it.each(table(['admin']))('read a draft: %s → %s', (k, ok) => {
    expect(maySeeArticle(ACTORS[k], { status: 'draft', publishAt: past }, now)).toBe(ok);
    expect(maySeeArticle(ACTORS[k], { status: 'draft', publishAt: null }, now)).toBe(ok);
  });
  it('makes a scheduled article public at its time, to the second', () => {
    expect(maySeeArticle(null, { status: 'published', publishAt: now }, now)).toBe(true);
    expect(maySeeArticle(null, { status: 'published', publishAt: new Date(now.getTime() + 1000) }, now)).toBe(false);
  });
  it('a role carrying the content permission writes, whatever its name', () => {
    expect(mayWriteArticles({ id: 5, roles: ['moderator', 'admin'] })).toBe(true);
    expect(mayWriteArticles({ id: 5, roles: ['content'] })).toBe(false);
  });
  it.each(table(['admin']))('load the cover of an article not public yet: %s → %s', (k, ok) => {
    expect(coverAccess(ACTORS[k], { shownPublicly: false })).toBe(ok ? 'private' : null);
    expect(coverAccess(ACTORS[k], { shownPublicly: true })).toBe('public');
  });
});
