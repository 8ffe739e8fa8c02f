import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed.ts';
import { api, t, useCommunityApp } from './community.fixture.ts';

useCommunityApp();

describe('the demo’s community', () => {
  it('has an announcement by staff, topics with comments and replies, and questions (one answered and accepted)', async () => {
    await seedDemo(t.services);
    const topics = (await api(null, 'GET', '/api/v1/community/topics?sort=newest&limit=100')).json().items;
    const questions = (await api(null, 'GET', '/api/v1/questions?sort=newest&limit=100')).json().items;
    expect(topics.length).toBeGreaterThanOrEqual(3);
    expect(topics.some((x: { section: { slug: string } }) => x.section.slug === 'announcements')).toBe(true);
    expect(topics.some((x: { commentsCount: number }) => x.commentsCount >= 3)).toBe(true);
    expect(questions).toHaveLength(2);
    expect(questions.filter((q: { acceptedCommentId: number | null }) => q.acceptedCommentId !== null)).toHaveLength(1);
    expect((await api(null, 'GET', '/api/v1/questions?unanswered=true')).json().items).toHaveLength(1);
    const page = await t.app.inject({ method: 'GET', url: '/community' });
    expect(page.body).toContain('أهلًا بكم في ملتقى كفيل');
    // The whole demo (60 services with their images, orders, works…) is seeded first: longer than a test's default.
  }, 180_000);
});
