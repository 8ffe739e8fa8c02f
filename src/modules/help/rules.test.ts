import { describe, expect, it } from 'vitest';
import { SEED_ARTICLES } from './articles/index.ts';
import { type ArticleInput, articleProblems, articleState, HELP_TOPICS, publication, ticketCategoryOf } from './rules.ts';

const now = new Date('2026-11-25T10:00:00Z');
const good: ArticleInput = {
  slug: 'withdraw-balance-2',
  topic: 'payments',
  position: 3,
  titleAr: 'سحب الرصيد',
  titleEn: 'Withdrawing',
  bodyAr: 'نص'.repeat(30),
  bodyEn: 'text '.repeat(20),
  publish: 'now',
  publishAt: null,
};

describe('help article rules', () => {
  it('says draft, scheduled or published at a time', () => {
    expect(articleState({ status: 'draft', publishAt: null }, now)).toBe('draft');
    expect(articleState({ status: 'published', publishAt: new Date('2026-11-26T00:00:00Z') }, now)).toBe('scheduled');
    expect(articleState({ status: 'published', publishAt: now }, now)).toBe('published');
    expect(publication('draft', now, now)).toEqual({ status: 'draft', publishAt: null });
    expect(publication('now', null, now)).toEqual({ status: 'published', publishAt: now });
  });

  it('refuses each wrong field with its own code', () => {
    expect(articleProblems(good, now)).toEqual({});
    expect(
      articleProblems(
        { ...good, slug: 'Bad Slug', topic: 'points', position: -1, titleAr: 'ab', bodyEn: 'short', publish: 'scheduled', publishAt: now },
        now,
      ),
    ).toEqual({
      slug: 'help.slug_invalid',
      topic: 'help.topic_invalid',
      position: 'help.position_invalid',
      titleAr: 'help.title_length',
      bodyEn: 'help.body_length',
      publishAt: 'help.publish_at_past',
    });
    expect(articleProblems({ ...good, publish: 'scheduled', publishAt: new Date('x') }, now)).toEqual({
      publishAt: 'help.publish_at_invalid',
    });
    expect(articleProblems({ ...good, publish: 'soon' as 'now' }, now)).toEqual({ publish: 'help.publish_invalid' });
    expect(articleProblems({ ...good, slug: 'topics' }, now)).toEqual({ slug: 'help.slug_invalid' });
  });

  it('starts a "did not help" ticket in the support category of the topic', () => {
    expect(HELP_TOPICS.map(ticketCategoryOf)).toEqual(['account', 'payment', 'order', 'order', 'order', 'other', 'other', 'report_abuse']);
  });

  it('seeds at least two valid articles per topic, with unique slugs, linking only to pages of the site', () => {
    for (const t of HELP_TOPICS) expect(SEED_ARTICLES.filter((a) => a.topic === t).length).toBeGreaterThanOrEqual(2);
    expect(new Set(SEED_ARTICLES.map((a) => a.slug)).size).toBe(SEED_ARTICLES.length);
    for (const a of SEED_ARTICLES) expect(articleProblems({ ...a, publish: 'now', publishAt: null }, now), a.slug).toEqual({});
    const slugs = new Set(SEED_ARTICLES.map((a) => a.slug));
    for (const a of SEED_ARTICLES)
      for (const m of `${a.bodyAr}\n${a.bodyEn}`.matchAll(/\]\(\/help\/articles\/([a-z0-9-]+)\)/g))
        expect(slugs, `${a.slug} → ${m[1]}`).toContain(m[1]);
  });
});
