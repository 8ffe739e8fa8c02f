import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/db/tables.ts';
import { api, commentBy, member, mod, newcomer, sections, TOPIC, t, topicBy, useCommunityApp } from './community.fixture.ts';
import { communityRevisions } from './schema.ts';

useCommunityApp();

const fieldCodes = (r: { json(): { errors?: { field: string; code: string }[] } }) =>
  Object.fromEntries((r.json().errors ?? []).map((e) => [e.field, e.code]));

describe('writing topics', () => {
  it('refuses titles, bodies and skills outside their sizes, each field with its code (400)', async () => {
    const u = await member('tsize');
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ title: 'قصير', body: TOPIC.body }, { title: 'community.title_length' }],
      [{ title: 'ع'.repeat(121), body: TOPIC.body }, { title: 'community.title_length' }],
      [{ title: TOPIC.title, body: 'نص قصير' }, { body: 'community.body_length' }],
      [{ title: TOPIC.title, body: 'ن'.repeat(20_001) }, { body: 'community.body_length' }],
      [
        { title: '   ', body: '' },
        { title: 'community.title_length', body: 'community.body_length' },
      ],
      [{ ...TOPIC, skills: ['a', 'b', 'c', 'd', 'e', 'f'] }, { skills: 'community.skills_invalid' }],
    ];
    for (const [body, expected] of cases) {
      const r = await api(u, 'POST', '/api/v1/community/topics', { sectionId: sections.general, ...body });
      expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.json().code).toBe('validation.failed');
      expect(fieldCodes(r)).toEqual(expected);
    }
    // The exact bounds pass: 10 and 120 characters of title, 20 of body.
    expect(
      (await api(u, 'POST', '/api/v1/community/topics', { sectionId: sections.general, title: 'ع'.repeat(10), body: 'ن'.repeat(20) }))
        .statusCode,
    ).toBe(201);
    expect(
      (await api(u, 'POST', '/api/v1/community/topics', { sectionId: sections.general, title: 'ع'.repeat(120), body: TOPIC.body }))
        .statusCode,
    ).toBe(201);
  });

  it('needs a section for a discussion; announcements are written by staff only (422)', async () => {
    const u = await member('tsect');
    const none = await api(u, 'POST', '/api/v1/community/topics', TOPIC);
    expect(fieldCodes(none)).toEqual({ sectionId: 'community.section_required' });
    const ann = await api(u, 'POST', '/api/v1/community/topics', { ...TOPIC, sectionId: sections.announcements }, 'ar');
    expect(ann.statusCode).toBe(422);
    expect(ann.json().code).toBe('community.section_staff_only');
    expect(ann.json().title).toContain('إعلانات');
    expect((await api(mod, 'POST', '/api/v1/community/topics', { ...TOPIC, sectionId: sections.announcements })).statusCode).toBe(201);
  });

  it('refuses contact details in a title, a body or a comment, naming what was found, and records each attempt', async () => {
    const u = await member('tcontact');
    const r = await api(u, 'POST', '/api/v1/community/topics', {
      sectionId: sections.general,
      title: TOPIC.title,
      body: 'راسلني على ahmad@example.com لنتفق خارج الموقع بسرعة',
    });
    expect(r.statusCode).toBe(400);
    expect(fieldCodes(r)).toEqual({ body: 'trust.contact_info' });
    expect(r.json().title ?? '').toBeTruthy();
    const id = await topicBy(u);
    const c = await api(u, 'POST', `/api/v1/community/topics/${id}/comments`, { body: 'كلمني واتساب 0501234567' });
    expect(c.statusCode).toBe(400);
    expect(fieldCodes(c)).toEqual({ body: 'trust.contact_info' });
    const edit = await api(u, 'PATCH', `/api/v1/community/topics/${id}`, { title: 'تواصل معي على 0501234567 الآن' });
    expect(fieldCodes(edit)).toEqual({ title: 'trust.contact_info' });
    const attempts = await t.services.trust.attemptsOf(u.id);
    expect(attempts.filter((a) => a.context === 'community')).toHaveLength(3);
  });

  it('an account younger than a day writes 3 topics and 20 comments a day (429), then more the next day', async () => {
    const fresh = await newcomer('tfresh');
    for (let i = 0; i < 3; i++) await topicBy(fresh, { title: `${TOPIC.title} ${i}` });
    const fourth = await api(fresh, 'POST', '/api/v1/community/topics', { sectionId: sections.general, ...TOPIC });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().code).toBe('community.daily_limit_topic');
    const host = await member('thost');
    const tid = await topicBy(host);
    for (let i = 0; i < 20; i++) await commentBy(fresh, tid, `تعليق رقم ${i + 1} من عضو جديد`);
    const more = await api(fresh, 'POST', `/api/v1/community/topics/${tid}/comments`, { body: 'تعليق زائد عن الحد' });
    expect(more.statusCode).toBe(429);
    expect(more.json().code).toBe('community.daily_limit_comment');
    // A day later the account is not new any more.
    t.clock.advance(86_400_000 + 1000);
    expect((await api(fresh, 'POST', '/api/v1/community/topics', { sectionId: sections.general, ...TOPIC })).statusCode).toBe(201);
    // An old member is never limited.
    for (let i = 0; i < 4; i++) await topicBy(host, { title: `${TOPIC.title} ${i}` });
  });

  it('its author edits it (the page says edited; the earlier version is kept); someone else may not (403)', async () => {
    const u = await member('tedit');
    const other = await member('tother');
    const id = await topicBy(u);
    const r = await api(u, 'PATCH', `/api/v1/community/topics/${id}`, { body: 'نص جديد بعد التعديل يشرح سؤالي بوضوح أكبر من قبل.' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().editedAt).toBeTruthy();
    const [rev] = await t.deps.db
      .select()
      .from(communityRevisions)
      .where(and(eq(communityRevisions.targetType, 'topic'), eq(communityRevisions.targetId, id)));
    expect(rev.body).toBe(TOPIC.body);
    expect(rev.title).toBe(TOPIC.title);
    const theirs = await api(other, 'PATCH', `/api/v1/community/topics/${id}`, { body: 'محاولة تعديل موضوع شخص آخر بالكامل.' });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().code).toBe('community.forbidden');
    const got = (await api(null, 'GET', `/api/v1/community/topics/${id}`)).json();
    expect(got.editedAt).toBeTruthy();
    expect(got.body).toContain('نص جديد');
  });

  it('moderators lock (no comments, no edits: 409), pin, move and hide a topic; each action is audited', async () => {
    const u = await member('tlock');
    const id = await topicBy(u);
    const act = (action: string, extra: Record<string, unknown> = {}) =>
      api(mod, 'POST', `/api/v1/community/topics/${id}/moderate`, { action, ...extra });
    expect((await api(u, 'POST', `/api/v1/community/topics/${id}/moderate`, { action: 'lock' })).statusCode).toBe(403);
    expect((await act('lock')).json()).toMatchObject({ locked: true });
    const c = await api(await member('tlc'), 'POST', `/api/v1/community/topics/${id}/comments`, { body: 'تعليق على موضوع مقفل' }, 'ar');
    expect(c.statusCode).toBe(409);
    expect(c.json()).toMatchObject({ code: 'community.topic_locked' });
    expect(c.json().title).toContain('مقفل');
    const e = await api(u, 'PATCH', `/api/v1/community/topics/${id}`, { title: 'عنوان جديد للموضوع المقفل' });
    expect(e.statusCode).toBe(409);
    expect((await act('lock')).statusCode).toBe(409);
    expect((await act('unlock')).json()).toMatchObject({ locked: false });
    expect((await act('pin')).json()).toMatchObject({ pinned: true });
    expect((await act('move', { sectionId: sections.experiences })).json()).toMatchObject({ sectionId: sections.experiences });
    expect((await act('hide')).statusCode).toBe(400);
    expect((await act('hide', { reason: 'خارج موضوع الملتقى' })).json()).toMatchObject({ status: 'hidden' });
    // Hidden: its author and moderators see it, nobody else; it takes no comment.
    expect((await api(null, 'GET', `/api/v1/community/topics/${id}`)).statusCode).toBe(404);
    expect((await api(u, 'GET', `/api/v1/community/topics/${id}`)).statusCode).toBe(200);
    expect((await api(u, 'POST', `/api/v1/community/topics/${id}/comments`, { body: 'تعليق على موضوع مخفي' })).statusCode).toBe(409);
    expect((await act('delete', { reason: 'مخالف للقواعد' })).json()).toMatchObject({ status: 'deleted' });
    expect((await api(u, 'GET', `/api/v1/community/topics/${id}`)).statusCode).toBe(404);
    expect((await api(mod, 'GET', `/api/v1/community/topics/${id}`)).json().status).toBe('deleted');
    const rows = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'community_topic'), eq(auditLog.targetId, String(id))));
    expect(rows.map((r) => r.action)).toEqual([
      'community.topic_lock',
      'community.topic_unlock',
      'community.topic_pin',
      'community.topic_move',
      'community.topic_hide',
      'community.topic_delete',
    ]);
    expect(rows.every((r) => r.actorId === mod.id)).toBe(true);
  });
});

describe('comments', () => {
  it('refuse empty and huge texts, and keep one level of replies (a reply to a reply goes under its comment)', async () => {
    const u = await member('csize');
    const id = await topicBy(u);
    for (const body of ['', 'ا', 'ك'.repeat(5001)]) {
      const r = await api(u, 'POST', `/api/v1/community/topics/${id}/comments`, { body });
      expect(r.statusCode).toBe(400);
      expect(fieldCodes(r)).toEqual({ body: 'community.comment_length' });
    }
    expect(await commentBy(u, id, 'نعم')).toBeGreaterThan(0);
    const top = await commentBy(u, id, 'تعليق أول');
    const reply = await commentBy(await member('crep'), id, 'رد على التعليق', top);
    await commentBy(await member('crep2'), id, 'رد على الرد', reply);
    const got = (await api(null, 'GET', `/api/v1/community/topics/${id}`)).json();
    const first = got.comments.find((c: { id: number }) => c.id === top);
    expect(first.replies.map((r: { body: string }) => r.body)).toEqual(['رد على التعليق', 'رد على الرد']);
    expect(first.replies.every((r: { parentId: number }) => r.parentId === top)).toBe(true);
    expect(got.commentsCount).toBe(4);
    const bad = await api(u, 'POST', `/api/v1/community/topics/${id}/comments`, { body: 'رد', parentId: 2_000_000 });
    expect(fieldCodes(bad)).toEqual({ parentId: 'community.parent_invalid' });
  });

  it('their author edits them (edited, earlier text kept); someone else is refused (403); a locked topic refuses (409)', async () => {
    const owner = await member('cown');
    const writer = await member('cwri');
    const id = await topicBy(owner);
    const cid = await commentBy(writer, id, 'النص الأول للتعليق');
    expect((await api(owner, 'PATCH', `/api/v1/community/comments/${cid}`, { body: 'تعديل تعليق غيري' })).json().code).toBe(
      'community.forbidden',
    );
    const ok = await api(writer, 'PATCH', `/api/v1/community/comments/${cid}`, { body: 'النص بعد التعديل' });
    expect(ok.statusCode).toBe(200);
    const shown = (await api(null, 'GET', `/api/v1/community/topics/${id}`)).json().comments[0];
    expect(shown).toMatchObject({ body: 'النص بعد التعديل' });
    expect(shown.editedAt).toBeTruthy();
    const revs = await t.services.community.topics.revisions(id);
    expect(revs.map((r) => [r.targetType, r.body])).toEqual([['comment', 'النص الأول للتعليق']]);
    await api(mod, 'POST', `/api/v1/community/topics/${id}/moderate`, { action: 'lock' });
    const locked = await api(writer, 'PATCH', `/api/v1/community/comments/${cid}`, { body: 'تعديل بعد القفل' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('community.topic_locked');
  });

  it('the followers hear of a new comment in the app, and one digest mail an hour later lists the topics', async () => {
    // Earlier tests' followers' digests go first, so the counts below are this test's.
    await t.services.community.engagement.runDigest(new Date(t.clock.now().getTime() + 7_200_000));
    const owner = await member('fown');
    const fan = await member('ffan');
    const id = await topicBy(owner, { title: 'موضوع للمتابعين والملخص' });
    const id2 = await topicBy(owner, { title: 'موضوع ثان للمتابعين' });
    expect((await api(fan, 'PUT', `/api/v1/community/topics/${id}/follow`)).json()).toEqual({ following: true });
    const writer = await member('fwri');
    await commentBy(writer, id, 'تعليق أول للمتابعين');
    await commentBy(writer, id, 'تعليق ثان للمتابعين');
    await commentBy(writer, id2, 'تعليق على الموضوع الثاني');
    const notes = (await api(owner, 'GET', '/api/v1/notifications'))
      .json()
      .items.filter((n: { type: string }) => n.type === 'community.comment');
    expect(notes).toHaveLength(3);
    expect(
      (await api(fan, 'GET', '/api/v1/notifications')).json().items.filter((n: { type: string }) => n.type === 'community.comment'),
    ).toHaveLength(2);
    const before = t.mails.length;
    expect(await t.services.community.engagement.runDigest(t.clock.now())).toBe(0);
    t.clock.advance(61 * 60_000);
    expect(await t.services.community.engagement.runDigest(t.clock.now())).toBe(2);
    await t.deps.outbox.drain(new Date('9999-01-01'));
    const mail = t.mails.slice(before).find((m) => m.to === owner.email);
    expect(mail?.text).toContain('موضوع للمتابعين والملخص');
    expect(mail?.text).toContain('موضوع ثان للمتابعين');
    expect(mail?.text).toContain('تعليقان جديدان');
    // Nothing new: nothing mailed again. A follower who stopped hears nothing.
    expect(await t.services.community.engagement.runDigest(t.clock.now())).toBe(0);
    await api(fan, 'DELETE', `/api/v1/community/topics/${id}/follow`);
    await commentBy(writer, id, 'تعليق ثالث بعد إلغاء المتابعة');
    expect(
      (await api(fan, 'GET', '/api/v1/notifications')).json().items.filter((n: { type: string }) => n.type === 'community.comment'),
    ).toHaveLength(2);
    // Mail switched off in the settings: the in-app notice stays, the digest is not mailed.
    await api(owner, 'PUT', '/api/v1/notification-settings', { community: false });
    t.clock.advance(61 * 60_000);
    expect(await t.services.community.engagement.runDigest(t.clock.now())).toBe(0);
  });
});
