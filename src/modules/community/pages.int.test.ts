import { describe, expect, it } from 'vitest';
import { PageClient, testId } from '../../../test/helpers.ts';
import {
  api,
  browserOf,
  commentBy,
  member,
  mod,
  newcomer,
  questionBy,
  sections,
  t,
  topicBy,
  useCommunityApp,
} from './community.fixture.ts';

useCommunityApp();

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const visitor = () => new PageClient(t.app);

describe('the community’s pages', () => {
  it('shows raw HTML and script in every text as typed: titles, bodies, comments, answers, skills, edits', async () => {
    const u = await member('xss');
    const id = await topicBy(u, {
      title: `عنوان ${XSS}`,
      body: `نص فيه ${XSS} وشيفرة \`<b>x</b>\`\n\n[رابط](javascript:alert(3)) و[آخر](/x" onmouseover="alert(4))`,
      skills: [`<i>مهارة</i>`],
    });
    const other = await member('xss2');
    const cid = await commentBy(other, id, `تعليق ${XSS}`);
    await api(other, 'PATCH', `/api/v1/community/comments/${cid}`, { body: `معدل ${XSS}` });
    const qid = await questionBy(u, { title: `سؤال ${XSS}`, body: `تفاصيل السؤال ${XSS}` });
    await api(other, 'POST', `/api/v1/questions/${qid}/answers`, { body: `إجابة ${XSS}` });
    for (const url of [
      `/community/${id}`,
      `/questions/${qid}`,
      '/community?sort=newest',
      '/questions?sort=newest',
      '/questions/unanswered',
    ]) {
      const html = (await visitor().get(url)).body;
      expect(html, url).not.toContain('<script>alert');
      expect(html, url).not.toContain('<img src=x');
      expect(html, url).not.toMatch(/href="javascript:|onmouseover="/);
    }
    const page = (await visitor().get(`/community/${id}`)).body;
    expect(page).toMatch(/&lt;script(&gt;|>)alert\(1\)&lt;\/script/);
    expect(page).toMatch(/&lt;b(&gt;|>)x&lt;\/b/);
    expect(page).toMatch(/&lt;i(&gt;|>)مهارة&lt;\/i/);
    const staff = await browserOf(mod);
    const history = (await staff.get(`/community/${id}/history`)).body;
    expect(history).toContain('تعليق &lt;script');
    expect(history).not.toContain('<script>alert');
  });

  it('a new account’s links are rel="nofollow ugc"; an older member’s are plain links to Kafiil pages', async () => {
    const fresh = await newcomer('ugc');
    const old = await member('nougc');
    const body = 'اقرأ [صفحة الخدمات](/services) قبل أن تبدأ في أول طلب.';
    const a = await topicBy(fresh, { body });
    const b = await topicBy(old, { body });
    expect((await visitor().get(`/community/${a}`)).body).toMatch(/<a class="link link-primary" href="\/services" rel="nofollow ugc">/);
    const plain = (await visitor().get(`/community/${b}`)).body;
    expect(plain).toContain('href="/services"');
    expect(plain).not.toContain('rel="nofollow ugc"');
    // The form tells a new account of its limits.
    expect((await (await browserOf(fresh)).get('/community/new')).body).toContain('data-testid="new-account-note"');
  });

  it('writes a topic through the form; a refused one comes back with what was typed and the field’s error', async () => {
    const u = await member('pform');
    const b = await browserOf(u);
    expect((await b.get('/community/new')).statusCode).toBe(200);
    const bad = await b.post('/community/new', {
      sectionId: String(sections.general),
      title: 'قصير',
      body: 'نص طويل بما يكفي ليقبل في الموضوع الجديد.',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('نص طويل بما يكفي ليقبل في الموضوع الجديد.');
    expect(bad.body).toContain('data-testid="error-title"');
    expect(bad.body).toMatch(/<option value="\d+" selected>عام<\/option>/);
    const contact = await b.post('/community/new', {
      sectionId: String(sections.general),
      title: 'عنوان موضوع صالح تمامًا',
      body: 'للتواصل السريع اكتب لي على ahmad@example.com',
    });
    expect(contact.statusCode).toBe(400);
    expect(contact.body).toContain('ahmad@example.com');
    const ok = await b.post('/community/new', {
      sectionId: String(sections.general),
      title: 'عنوان موضوع صالح تمامًا',
      body: 'نص طويل بما يكفي ليقبل في الموضوع الجديد.',
    });
    expect(ok.statusCode).toBe(303);
    expect(decodeURIComponent(ok.headers.location as string)).toMatch(/^\/community\/\d+-عنوان-موضوع-صالح-تماما$/);
    const mine = (await b.get('/community/mine')).body;
    expect(mine).toContain('عنوان موضوع صالح تمامًا');
  });

  it('edits a comment through its dialog: "edited" shows; a refused edit keeps the dialog open with the text', async () => {
    const owner = await member('pdown');
    const writer = await member('pdwri');
    const id = await topicBy(owner);
    const cid = await commentBy(writer, id, 'تعليقي قبل التعديل');
    const b = await browserOf(writer);
    const html = (await b.get(`/community/${id}`)).body;
    expect(html).toContain(`popovertarget="edit-${cid}"`);
    expect(html).toMatch(new RegExp(`<dialog id="edit-${cid}" popover="auto"`));
    expect(html).toContain('تعديل تعليق');
    const refused = await b.post(`/community/comments/${cid}/edit`, { form: `edit-comment-${cid}`, body: 'ا' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(new RegExp(`<dialog id="edit-${cid}" open`));
    expect(refused.body).toContain('data-testid="error-body"');
    const done = await b.post(`/community/comments/${cid}/edit`, { form: `edit-comment-${cid}`, body: 'تعليقي بعد التعديل' });
    expect(done.statusCode).toBe(303);
    const after = (await visitor().get(`/community/${id}`)).body;
    expect(after).toContain('تعليقي بعد التعديل');
    expect(after).toContain(`data-testid="edited-${cid}"`);
    expect(after).toContain('معدّل');
    // Someone else sees no edit button, and posting the edit is refused.
    const ob = await browserOf(owner);
    expect((await ob.get(`/community/${id}`)).body).not.toContain(`popovertarget="edit-${cid}"`);
    expect((await ob.post(`/community/comments/${cid}/edit`, { form: `edit-comment-${cid}`, body: 'تعديل تعليق غيري' })).statusCode).toBe(
      403,
    );
    // Only staff open the earlier versions.
    expect((await ob.get(`/community/${id}/history`)).statusCode).toBe(404);
    expect((await (await browserOf(mod)).get(`/community/${id}/history`)).body).toContain('تعليقي قبل التعديل');
  });

  it('a report on a comment reaches the moderators’ queue; hiding it takes its text off the page', async () => {
    const owner = await member('prown');
    const writer = await member('prwri');
    const id = await topicBy(owner);
    const cid = await commentBy(writer, id, 'تعليق مسيء سيبلغ عنه أحدهم');
    const ob = await browserOf(owner);
    expect((await ob.get(`/report?type=comment&id=${cid}`)).statusCode).toBe(200);
    const rep = await ob.post('/report', { type: 'comment', id: String(cid), reason: 'offensive', details: '' });
    expect(rep.statusCode).toBe(303);
    const mb = await browserOf(mod);
    const queue = (await mb.get('/admin/reports')).body;
    expect(queue).toContain('تعليق مسيء سيبلغ عنه أحدهم');
    const decided = await mb.post(`/admin/reports/comment/${cid}`, { decision: 'hide', reason: 'لغة مسيئة في التعليق' });
    expect(decided.statusCode).toBe(303);
    const page = (await visitor().get(`/community/${id}`)).body;
    expect(page).not.toContain('تعليق مسيء سيبلغ عنه أحدهم');
    expect(page).toContain(`data-testid="removed-${cid}"`);
    // Above the hidden comment's note, the thread is headed "comments", not "no comments".
    expect(testId(page, 'thread-heading')).toBe('التعليقات');
    expect((await api(null, 'GET', `/api/v1/community/topics/${id}`)).json().commentsCount).toBe(0);
  });

  it('a locked topic says so and offers no comment form; the header and footer link to the community and the question bank', async () => {
    const u = await member('plock');
    const id = await topicBy(u);
    await api(mod, 'POST', `/api/v1/community/topics/${id}/moderate`, { action: 'lock' });
    const b = await browserOf(await member('plock2'));
    const html = (await b.get(`/community/${id}`)).body;
    expect(html).toContain('data-testid="locked-note"');
    expect(html).not.toContain('data-testid="comment-send"');
    const refused = await b.post(`/community/${id}/comments`, { form: 'comment', body: 'تعليق على موضوع مقفل' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('هذا الموضوع مقفل');
    expect(refused.body).toContain('تعليق على موضوع مقفل');
    const front = (await visitor().get('/community')).body;
    expect(front).toContain('href="/community"');
    expect(front).toContain('href="/questions"');
    expect((await visitor().get('/en/community')).body).toContain('Question bank');
    // A question asked under /community is sent to its /questions address.
    const qid = await questionBy(u);
    const moved = await visitor().get(`/community/${qid}`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toMatch(new RegExp(`^/questions/${qid}`));
  });

  it('staff manage the sections: add, rename, reorder, hide (audited); others may not', async () => {
    const u = await browserOf(await member('padm'));
    expect((await u.get('/admin/community')).statusCode).toBe(403);
    const mb = await browserOf(mod);
    expect((await mb.get('/admin/community')).body).toContain('data-testid="admin-section-general"');
    expect((await mb.post('/admin/community/sections', { form: 'add', slug: 'Bad Slug', nameAr: 'ن', nameEn: 'Tips' })).statusCode).toBe(
      400,
    );
    expect((await mb.post('/admin/community/sections', { form: 'add', slug: 'tips', nameAr: 'نصائح', nameEn: 'Tips' })).statusCode).toBe(
      303,
    );
    const tips = (await t.services.community.sections.all()).find((s) => s.slug === 'tips');
    expect(tips).toBeDefined();
    expect((await mb.post(`/admin/community/sections/${tips?.id}/up`, {})).statusCode).toBe(303);
    expect(
      (
        await mb.post(`/admin/community/sections/${tips?.id}`, {
          form: `section-${tips?.id}`,
          nameAr: 'نصائح وحيل',
          nameEn: 'Tips and tricks',
        })
      ).statusCode,
    ).toBe(303);
    const all = await t.services.community.sections.all();
    expect(all.map((s) => s.slug)).toEqual(['general', 'experiences', 'questions', 'tips', 'announcements']);
    expect(all.find((s) => s.slug === 'tips')?.nameAr).toBe('نصائح وحيل');
    await mb.post(`/admin/community/sections/${tips?.id}/hide`, {});
    expect((await visitor().get('/community')).body).not.toContain('نصائح وحيل');
  });

  it('shows a long thread 50 comments a page; a new comment leads to the page that shows it', async () => {
    const owner = await member('ppage');
    const id = await topicBy(owner);
    const writer = await member('ppagew');
    for (let i = 0; i < 51; i++) await commentBy(writer, id, `تعليق رقم ${i + 1} في نقاش طويل`);
    const first = (await visitor().get(`/community/${id}`)).body;
    expect(first).toContain('data-testid="thread-pages"');
    expect(first).toContain('تعليق رقم 50 في نقاش طويل');
    expect(first).not.toContain('تعليق رقم 51 في نقاش طويل');
    expect((await visitor().get(`/community/${id}?page=2`)).body).toContain('تعليق رقم 51 في نقاش طويل');
    const b = await browserOf(writer);
    await b.get(`/community/${id}`);
    const posted = await b.post(`/community/${id}/comments`, { form: 'comment', body: 'تعليق جديد في الصفحة الثانية' });
    expect(posted.statusCode).toBe(303);
    expect(decodeURIComponent(posted.headers.location as string)).toMatch(/\?page=2#comment-\d+$/);
  });
});
