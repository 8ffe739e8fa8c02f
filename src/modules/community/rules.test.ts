import { describe, expect, it } from 'vitest';
import {
  bodyProblem,
  cleanBody,
  commentProblem,
  isNewAccount,
  overDailyLimit,
  skillsOf,
  skillsProblem,
  slugOf,
  titleProblem,
  topicPath,
} from './rules.ts';

describe('community rules', () => {
  it('sizes: title 10–120, body 20–20,000, comment 2–5,000, up to 5 skills of 30', () => {
    expect([9, 10, 120, 121].map((n) => titleProblem('ع'.repeat(n)))).toEqual([
      'community.title_length',
      null,
      null,
      'community.title_length',
    ]);
    expect([19, 20, 20_000, 20_001].map((n) => bodyProblem('ن'.repeat(n)))).toEqual([
      'community.body_length',
      null,
      null,
      'community.body_length',
    ]);
    expect([1, 2, 5000, 5001].map((n) => commentProblem('ك'.repeat(n)))).toEqual([
      'community.comment_length',
      null,
      null,
      'community.comment_length',
    ]);
    expect(skillsProblem(['a', 'b', 'c', 'd', 'e'])).toBeNull();
    expect(skillsProblem(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('community.skills_invalid');
    expect(skillsProblem(['ا'.repeat(31)])).toBe('community.skills_invalid');
  });

  it('a new account: younger than 24 hours, or its mail unverified; its day of 3 topics and 20 comments', () => {
    const now = new Date('2026-01-02T12:00:00Z');
    expect(isNewAccount({ createdAt: new Date('2026-01-01T12:00:01Z'), emailVerified: true }, now)).toBe(true);
    expect(isNewAccount({ createdAt: new Date('2026-01-01T12:00:00Z'), emailVerified: true }, now)).toBe(false);
    expect(isNewAccount({ createdAt: new Date('2025-01-01T00:00:00Z'), emailVerified: false }, now)).toBe(true);
    expect([overDailyLimit('topic', 2), overDailyLimit('topic', 3), overDailyLimit('comment', 19), overDailyLimit('comment', 20)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });

  it('tidies what is typed: skills without repeats (any spelling), bodies without trailing spaces', () => {
    expect(skillsOf('تصميم، فيجما, تصميم ,  ')).toEqual(['تصميم', 'فيجما']);
    expect(skillsOf(['أسعار', 'اسعار'])).toEqual(['أسعار']);
    expect(cleanBody('\r\n  سطر أول   \r\nسطر ثان  \n\n')).toBe('سطر أول\nسطر ثان');
  });

  it('makes a topic’s address: /community or /questions, the id and an optional slug', () => {
    expect(slugOf('كيف أبدأ؟ 10 نصائح!')).toBe('كيف-أبدأ-10-نصائح');
    expect(slugOf('عرضًا مُقنعـــًا')).toBe('عرضا-مقنعا');
    expect(topicPath({ id: 12, type: 'discussion', title: 'Hello, world' })).toBe('/community/12-hello-world');
    expect(topicPath({ id: 3, type: 'question', title: '؟؟' })).toBe('/questions/3');
  });
});
