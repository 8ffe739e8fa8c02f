import { describe, expect, it } from 'vitest';
import { ACTORS, table } from '../../../test/actors.ts';
import { mayEditHelp, maySeeArticle, maySeeVoteCounts, mayVote } from './policy.ts';

const now = new Date('2026-11-25T10:00:00Z');
const live = { status: 'published', publishAt: new Date('2026-11-01T00:00:00Z') };
const scheduled = { status: 'published', publishAt: new Date('2026-12-01T00:00:00Z') };
const draft = { status: 'draft', publishAt: null };

describe('help centre policy', () => {
  it.each(table(['admin']))('lets only the content permission (admins) edit articles and read their votes: %s → %s', (kind, ok) => {
    expect(mayEditHelp(ACTORS[kind])).toBe(ok);
    expect(maySeeVoteCounts(ACTORS[kind])).toBe(ok);
  });

  it.each(table(['nobody', 'owner', 'other', 'admin', 'moderator', 'support', 'finance']))(
    'shows a published article whose time has come to everyone: %s → %s',
    (kind, ok) => expect(maySeeArticle(ACTORS[kind], live, now)).toBe(ok),
  );

  it.each(table(['admin']))('shows a draft or a scheduled article to editors only: %s → %s', (kind, ok) => {
    expect(maySeeArticle(ACTORS[kind], draft, now)).toBe(ok);
    expect(maySeeArticle(ACTORS[kind], scheduled, now)).toBe(ok);
  });

  it('takes "was this helpful?" answers on live articles only, and a scheduled one once its time comes', () => {
    expect(mayVote(live, now)).toBe(true);
    expect(mayVote(draft, now)).toBe(false);
    expect(mayVote(scheduled, now)).toBe(false);
    expect(mayVote(scheduled, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(maySeeArticle(null, scheduled, new Date('2026-12-01T00:00:01Z'))).toBe(true);
  });
});
