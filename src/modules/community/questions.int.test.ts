import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, commentBy, member, mod, questionBy, t, topicBy, useCommunityApp } from './community.fixture.ts';
import { communityAcceptances, communityVotes } from './schema.ts';

useCommunityApp();

describe('votes', () => {
  it('one up-vote per person on a topic, a comment or an answer, taken back; never on one’s own (422)', async () => {
    const author = await member('vauth');
    const fan = await member('vfan');
    const id = await topicBy(author);
    const own = await api(author, 'PUT', `/api/v1/community/votes/topic/${id}`, undefined, 'ar');
    expect(own.statusCode).toBe(422);
    expect(own.json()).toMatchObject({ code: 'community.vote_own', title: 'لا يمكنك التصويت لما كتبته بنفسك.' });
    expect((await api(fan, 'PUT', `/api/v1/community/votes/topic/${id}`)).json()).toEqual({ votes: 1, voted: true });
    expect((await api(fan, 'PUT', `/api/v1/community/votes/topic/${id}`)).json()).toEqual({ votes: 1, voted: true });
    expect((await api(fan, 'DELETE', `/api/v1/community/votes/topic/${id}`)).json()).toEqual({ votes: 0, voted: false });
    expect((await api(fan, 'DELETE', `/api/v1/community/votes/topic/${id}`)).json()).toEqual({ votes: 0, voted: false });
    const cid = await commentBy(fan, id);
    expect((await api(fan, 'PUT', `/api/v1/community/votes/comment/${cid}`)).statusCode).toBe(422);
    expect((await api(author, 'PUT', `/api/v1/community/votes/comment/${cid}`)).json()).toEqual({ votes: 1, voted: true });
    // Who received it is kept for the points to come (RULES.md "Points": +2 per up-vote received).
    const [v] = await t.deps.db.select().from(communityVotes).where(eq(communityVotes.targetId, cid));
    expect(v).toMatchObject({ targetType: 'comment', userId: author.id, recipientId: fan.id });
    expect((await api(null, 'PUT', `/api/v1/community/votes/topic/${id}`)).statusCode).toBe(401);
    expect((await api(fan, 'PUT', `/api/v1/community/votes/topic/2000000000`)).statusCode).toBe(404);
    expect((await api(fan, 'PUT', `/api/v1/community/votes/post/${id}`)).statusCode).toBe(404);
    // The topic's page reads the counts.
    const got = (await api(author, 'GET', `/api/v1/community/topics/${id}`)).json();
    expect(got.comments[0]).toMatchObject({ votes: 1, voted: true });
  });
});

describe('the question bank', () => {
  it('a question gets answers; the asker accepts one, may change it, and only on their own question', async () => {
    const asker = await member('qask');
    const a1 = await member('qans1');
    const a2 = await member('qans2');
    const qid = await questionBy(asker);
    const first = (await api(a1, 'POST', `/api/v1/questions/${qid}/answers`, { body: 'SVG للمطبعة لأنه يتكبّر دون أن يفقد جودته.' })).json()
      .id;
    const second = (await api(a2, 'POST', `/api/v1/questions/${qid}/answers`, { body: 'PNG للموقع، وSVG للطباعة والشعار الكبير.' })).json()
      .id;
    const reply = await commentBy(asker, qid, 'شكرًا، وهل أحتاج PDF أيضًا؟', first);
    const got = (await api(null, 'GET', `/api/v1/questions/${qid}`)).json();
    expect(got.type).toBe('question');
    expect(got.answers.map((a: { id: number }) => a.id)).toEqual([first, second]);
    expect(got.answers[0].replies.map((r: { id: number }) => r.id)).toEqual([reply]);
    expect(got.answersCount).toBe(2);
    expect(got.comments).toBeUndefined();

    const accept = (u: typeof asker, commentId: number) => api(u, 'POST', `/api/v1/questions/${qid}/accept`, { commentId });
    const theirs = await accept(a1, first);
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().code).toBe('community.forbidden');
    expect((await accept(asker, reply)).json().code).toBe('community.not_answer');
    expect((await accept(asker, first)).json()).toEqual({ acceptedCommentId: first });
    expect((await accept(asker, second)).json()).toEqual({ acceptedCommentId: second });
    expect((await api(null, 'GET', `/api/v1/questions/${qid}`)).json()).toMatchObject({ acceptedCommentId: second });
    // Every acceptance is kept, the current one without `withdrawnAt` (for the points to come: +5 per accepted answer).
    const rows = await t.deps.db
      .select()
      .from(communityAcceptances)
      .where(eq(communityAcceptances.topicId, qid))
      .orderBy(asc(communityAcceptances.id));
    expect(rows.map((r) => [r.commentId, r.answererId, r.withdrawnAt === null])).toEqual([
      [first, a1.id, false],
      [second, a2.id, true],
    ]);
    expect(
      (await api(a2, 'GET', '/api/v1/notifications')).json().items.some((n: { type: string }) => n.type === 'community.accepted'),
    ).toBe(true);
    expect((await api(asker, 'DELETE', `/api/v1/questions/${qid}/accept`)).json()).toEqual({ acceptedCommentId: null });

    // Not on a discussion, not one's own answer, not on a locked question.
    const tid = await topicBy(asker);
    const cid = await commentBy(a1, tid);
    expect((await api(asker, 'POST', `/api/v1/community/topics/${tid}/accept`, { commentId: cid })).json().code).toBe(
      'community.not_question',
    );
    const mine = await commentBy(asker, qid, 'سأجيب نفسي: جرّبت الاثنين ونجح SVG.');
    expect((await accept(asker, mine)).json().code).toBe('community.accept_own');
    await api(mod, 'POST', `/api/v1/community/topics/${qid}/moderate`, { action: 'lock' });
    expect((await accept(asker, first)).statusCode).toBe(409);
  });

  it('lists questions by skill, searches them in Arabic with spelling variants, and has an unanswered list', async () => {
    const asker = await member('qlist');
    const answered = await questionBy(asker, { title: 'كيف أحسب ضريبة القيمة المضافة على خدماتي؟', skills: ['محاسبة'] });
    const open = await questionBy(asker, { title: 'ما أفضل طريقة لتسعير تصميم واجهة تطبيق؟', skills: ['تصميم واجهات'] });
    await commentBy(await member('qlans'), answered, 'حسب بلدك، في السعودية 15% على الخدمات.');
    const ids = async (qs: string) => (await api(null, 'GET', `/api/v1/questions?${qs}`)).json().items.map((i: { id: number }) => i.id);
    expect(await ids(`skill=${encodeURIComponent('محاسبة')}`)).toEqual([answered]);
    // «الضريبه» (ta marbuta as ha) and «القيمه» find «ضريبة القيمة».
    expect(await ids(`q=${encodeURIComponent('الضريبه القيمه')}`)).toContain(answered);
    const unanswered = await ids('unanswered=true');
    expect(unanswered).toContain(open);
    expect(unanswered).not.toContain(answered);
    // A question is not in the community's discussions, nor a discussion in the bank.
    expect(
      (await api(null, 'GET', '/api/v1/community/topics?sort=newest&limit=100')).json().items.map((i: { id: number }) => i.id),
    ).not.toContain(open);
    const page = await t.app.inject({ method: 'GET', url: '/questions/unanswered' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ما أفضل طريقة لتسعير تصميم واجهة تطبيق؟');
    expect(page.body).not.toContain('كيف أحسب ضريبة القيمة المضافة على خدماتي؟');
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/community/topics'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/community/topics/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.paths['/api/v1/community/votes/{targetType}/{id}'])).toEqual(expect.arrayContaining(['put', 'delete']));
    expect(Object.keys(doc.paths['/api/v1/questions'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/v1/questions/{id}/answers']).toBeDefined();
    expect(doc.paths['/api/v1/questions/{id}/accept']).toBeDefined();
    expect(doc.paths['/api/v1/community/comments/{id}']).toBeDefined();
    expect(doc.paths['/api/v1/community/sections']).toBeDefined();
  });
});
