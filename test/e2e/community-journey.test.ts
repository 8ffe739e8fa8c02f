// The community journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo
// data), on a phone (360 px) in Arabic: Salma opens a topic at /community/new; Yusuf comments on it and then edits his
// comment through its dialog (تعديل تعليق): the comment shows «معدّل»; Salma reports it (⚑ إبلاغ); a moderator (made
// with the CLI) hides it from /admin/reports and the topic's page shows it hidden. Then Salma asks in the question
// bank, Yusuf answers, Salma accepts the answer. Screenshots in Arabic and English at 360 px and on a desktop go to
// .tmp/screens. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  appHelpers,
  checkReady,
  DESKTOP,
  expectLanguage,
  fitsWidth,
  flash,
  guardedSetup,
  type Login,
  newActor,
  newJourney,
  newRunId,
  PHONE,
  screenshot as shot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('community');
const run = newRunId();
const STEP_MS = 30_000;

const app = newJourney();
const setup = guardedSetup();

const moderator = testUser(run, 'cmod', 'Quiet-Cedar-Lake');
const salma = testUser(run, 'csal', 'Warm-Copper-Kettle', 'سلمى صاحبة المحمصة');
const yusuf = testUser(run, 'cyus', 'Bright-Sand-Dune', 'يوسف المصمم');

const topic = {
  title: 'كيف أختار مصممًا لشعار محمصتي؟',
  body: 'أفتتح محمصة قهوة صغيرة وأبحث عن مصمم شعار. ما الذي تنظرون إليه في معرض الأعمال قبل أن تطلبوا؟\n\n- الأسلوب\n- سرعة الرد\n- التقييمات',
};
const comment = 'انظري إلى أعمال سابقة في المجال نفسه، واطلبي نموذجًا أوليًا قبل الاتفاق.';
const edited = 'انظري إلى أعمال سابقة في مجال القهوة والمطاعم، واطلبي نموذجين أوليين قبل الاتفاق.';
const question = {
  title: 'ما الصيغة التي أطلبها للشعار عند الطباعة؟',
  body: 'المطبعة تطلب ملفًا «مفتوحًا» للشعار ولا أعرف ماذا يقصدون بالضبط، وأي صيغة أطلب من المصمم؟',
};
const answer = 'اطلبي ملف SVG أو PDF متجهًا: يتكبّر دون أن يفقد جودته، وهذا ما تقصده المطبعة بالملف المفتوح.';

const state = { topicPath: '', commentId: 0, edited: false, reported: false, hidden: false, questionPath: '', answerId: 0 };
const actors: { salma: Actor | null; yusuf: Actor | null; moderator: Actor | null } = { salma: null, yusuf: null, moderator: null };
const { signUpVerified } = appHelpers(() => app);
const signedIn = (name: string, who: Login, next: string) => signedInActor(app, name, who, next, { requests: true, viewport: PHONE });

describe.skipIf(skip)('community journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(() => setup.run(() => startJourney(app, 'community', { moderator })), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const S = () => actors.salma?.page as Page;
  const Y = () => actors.yusuf?.page as Page;
  const M = () => actors.moderator?.page as Page;
  const url = (p: string) => `${app.baseUrl}${p}`;

  it('Salma opens a topic in the general section from the header’s الملتقى link', async () => {
    ready();
    await Promise.all([signUpVerified(salma), signUpVerified(yusuf)]);
    actors.salma = await signedIn('salma', salma, '/');
    actors.yusuf = await signedIn('yusuf', yusuf, '/');
    const p = S();
    await p.goto(url('/'));
    await p.locator('header').getByRole('link', { name: 'الملتقى' }).first().click();
    await p.waitForURL((u) => u.pathname === '/community');
    await expectLanguage(p, 'ar');
    await p.getByTestId('new-topic').click();
    await p.waitForURL((u) => u.pathname === '/community/new');
    await p.getByTestId('new-account-note').waitFor({ state: 'visible' });
    await p.locator('#f-sectionId').selectOption({ label: 'عام' });
    await p.locator('#f-title').fill(topic.title);
    await p.locator('#f-body').fill(topic.body);
    await p.getByTestId('topic-send').click();
    await p.waitForURL((u) => /^\/community\/\d+/.test(u.pathname));
    await flash(p, 'نُشر موضوعك.').waitFor({ state: 'visible' });
    expect(await p.getByTestId('topic-title').textContent()).toBe(topic.title);
    expect(await p.getByTestId('topic-body').locator('li').count()).toBe(3);
    await fitsWidth(p, PHONE.width);
    state.topicPath = new URL(p.url()).pathname;
  });

  it('Yusuf comments, then edits his comment through the dialog: it shows «معدّل»', async () => {
    ready('topicPath', 'yusuf');
    const p = Y();
    await p.goto(url(state.topicPath));
    await p.locator('#comment-body').fill(comment);
    await p.getByTestId('comment-send').click();
    await flash(p, 'أضيف تعليقك.').waitFor({ state: 'visible' });
    state.commentId = Number(new URL(p.url()).hash.replace('#comment-', ''));
    expect(state.commentId).toBeGreaterThan(0);
    const id = state.commentId;
    await p.getByTestId(`edit-comment-${id}`).click();
    const dialog = p.getByTestId(`edit-comment-${id}-dialog`);
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('تعديل تعليق');
    await fitsWidth(p, PHONE.width);
    await shot(p, 'community-edit-dialog-ar-360.png');
    await dialog.locator('textarea').fill(edited);
    await p.getByTestId(`edit-comment-${id}-save`).click();
    await flash(p, 'حُفظ التعديل.').waitFor({ state: 'visible' });
    expect(await p.getByTestId(`body-${id}`).textContent()).toContain(edited);
    expect((await p.getByTestId(`edited-${id}`).textContent())?.trim()).toBe('معدّل');
    state.edited = true;
  });

  it('Salma reports the comment (⚑ إبلاغ); a moderator hides it from the reports queue', async () => {
    ready('edited', 'salma');
    const p = S();
    await p.goto(url(state.topicPath));
    await p.getByTestId(`report-comment-${state.commentId}`).click();
    await p.waitForURL((u) => u.pathname === '/report');
    await p.locator('input[name=reason][value=spam]').check();
    await p.getByTestId('report-send').click();
    await p.waitForURL((u) => u.pathname === decodeURIComponent(state.topicPath) || u.pathname === state.topicPath);
    state.reported = true;
    actors.moderator = await signedInActor(app, 'moderator', moderator, '/admin/reports', { requests: true, viewport: DESKTOP });
    const m = M();
    await m.goto(url('/admin/reports'));
    const key = `comment-${state.commentId}`;
    await m.getByTestId(`decision-${key}`).selectOption('hide');
    await m.getByTestId(`reason-${key}`).fill('تعليق دعائي لا يفيد النقاش');
    await m.getByTestId(`decide-${key}`).click();
    await m.getByTestId(`decide-${key}-confirm`).click();
    await m.waitForURL((u) => u.pathname === '/admin/reports');
    await p.goto(url(state.topicPath));
    await p.getByTestId(`removed-${state.commentId}`).waitFor({ state: 'visible' });
    expect(await p.locator('main').textContent()).not.toContain(edited);
    await m.goto(url(state.topicPath));
    await shot(m, 'community-topic-moderator-desktop.png');
    state.hidden = true;
  });

  it('Salma asks in the question bank; Yusuf answers; Salma accepts the answer', async () => {
    ready('hidden');
    const p = S();
    await p.goto(url('/questions'));
    await p.getByTestId('ask').click();
    await p.locator('#f-title').fill(question.title);
    await p.locator('#f-body').fill(question.body);
    await p.locator('#f-skills').fill('تصميم شعارات، طباعة');
    await p.getByTestId('topic-send').click();
    await p.waitForURL((u) => /^\/questions\/\d+/.test(u.pathname));
    state.questionPath = new URL(p.url()).pathname;
    const y = Y();
    await y.goto(url('/questions/unanswered'));
    await y.getByTestId('topic-title').filter({ hasText: question.title }).click();
    await y.locator('#comment-body').fill(answer);
    await y.getByTestId('comment-send').click();
    await flash(y, 'أضيفت إجابتك.').waitFor({ state: 'visible' });
    state.answerId = Number(new URL(y.url()).hash.replace('#comment-', ''));
    await p.goto(url(state.questionPath));
    await p.getByTestId(`accept-${state.answerId}`).click();
    await flash(p, 'قبلت الإجابة.').waitFor({ state: 'visible' });
    await p.getByTestId(`accepted-${state.answerId}`).waitFor({ state: 'visible' });
    await fitsWidth(p, PHONE.width);
    await shot(p, 'community-question-ar-360.png');
  });

  it('fits 360 px and a desktop, in Arabic and English (screenshots)', async () => {
    ready('questionPath');
    for (const [lang, prefix] of [
      ['ar', ''],
      ['en', '/en'],
    ] as const) {
      for (const [size, viewport] of [
        ['360', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const a = await newActor(app, `visitor-${lang}-${size}`, { viewport });
        for (const [name, path] of [
          ['front', '/community'],
          ['topic', state.topicPath],
          ['question', state.questionPath],
          ['questions', '/questions'],
        ] as const) {
          await a.page.goto(url(`${prefix}${path}`));
          await expectLanguage(a.page, lang);
          await fitsWidth(a.page, viewport.width);
          await shot(a.page, `community-${name}-${lang}-${size}.png`);
        }
        await a.ctx.close();
      }
    }
    expect(app.pageErrors).toEqual([]);
  });
});
