// The help centre in a real browser against the real server (src/main.tsx in a child process, PGlite, the help
// articles seeded at start as in production): a visitor on a phone in Arabic opens the help centre from the footer,
// searches «السحب رصيد» (the words of «سحب الرصيد» with «ال» on the other one), opens the withdrawal article from
// the results, answers "not helpful" and is offered a support ticket; the same pages in English and on a desktop;
// a staff member (made with the CLI: every role) sees the article's answers on /admin/help and its edit form.
// Screenshots in .tmp/screens. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  checkReady,
  DESKTOP,
  expectLanguage,
  fitsWidth,
  guardedSetup,
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

const skip = skipWithoutChromium('help');
const run = newRunId();
const STEP_MS = 30_000;

const app = newJourney();
const setup = guardedSetup();
const staff = testUser(run, 'hstaff', 'Calm-Amber-River');

const actors: { visitor?: Actor; staff?: Actor } = {};
const state: { voted?: boolean } = {};

describe.skipIf(skip)('the help centre journey', () => {
  beforeAll(() => setup.run(() => startJourney(app, 'help', { moderator: staff })), 120_000);
  afterAll(() => stopJourney(app), 20_000);
  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const V = () => actors.visitor?.page as Page;

  it(
    'a visitor on a phone finds the withdrawal article by an Arabic search with a spelling variant',
    async () => {
      ready();
      actors.visitor = await newActor(app, 'visitor', { viewport: PHONE });
      const page = V();
      await page.goto(`${app.baseUrl}/faq`);
      await page.locator('footer').getByRole('link', { name: 'مركز المساعدة' }).click();
      await page.waitForURL((u) => u.pathname === '/help');
      await expectLanguage(page, 'ar');
      expect((await page.locator('h1').textContent())?.trim()).toBe('مركز المساعدة');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'help-home-ar-360.png');

      await page.locator('#help-q').fill('السحب رصيد');
      await page.locator('#help-q').press('Enter');
      await page.waitForURL((u) => u.pathname === '/help/search' && u.searchParams.get('q') === 'السحب رصيد');
      expect((await page.getByTestId('help-results-title').textContent())?.trim()).toBe('نتائج البحث عن «السحب رصيد»');
      const first = page.getByTestId('help-results').locator('li').first().locator('a');
      expect((await first.textContent())?.trim()).toBe('سحب الرصيد: الحد الأدنى والوسائل ومراجعة الطلب');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'help-search-ar-360.png');

      await first.click();
      await page.waitForURL((u) => u.pathname === '/help/articles/withdraw-balance');
      const body = page.getByTestId('help-body');
      await expect.poll(() => body.locator('h2').first().textContent()).toBe('الحد الأدنى والوسائل');
      expect(await body.textContent()).toContain('أقل مبلغ للسحب 10 دولارات');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'help-article-ar-360.png');
    },
    STEP_MS,
  );

  it(
    'the visitor answers "not helpful", sees the answer kept and the link to open a support ticket',
    async () => {
      ready('visitor');
      const page = V();
      const feedback = page.getByTestId('help-feedback');
      expect(await feedback.locator('h2').textContent()).toBe('هل أفادك هذا المقال؟');
      await expect.poll(() => page.getByTestId('help-ticket-link').count()).toBe(0);
      await page.getByTestId('help-vote-no').click();
      await page.waitForURL((u) => u.pathname === '/help/articles/withdraw-balance' && u.hash === '#feedback');
      await page.getByTestId('help-not-helpful').waitFor({ state: 'visible' });
      expect(await page.getByTestId('help-vote-no').getAttribute('aria-pressed')).toBe('true');
      const ticket = page.getByTestId('help-ticket-link');
      expect((await ticket.textContent())?.trim()).toBe('افتح تذكرة دعم');
      expect(await ticket.getAttribute('href')).toBe('/support/new?category=payment');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'help-not-helpful-ar-360.png');
      // The answer stays after a reload (the visitor's cookie).
      await page.reload();
      await page.getByTestId('help-ticket-link').waitFor({ state: 'visible' });
      // A visitor is asked to sign in first, and comes back to the ticket form.
      await page.getByTestId('help-ticket-link').click();
      await page.waitForURL((u) => u.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/support/new?category=payment');
      state.voted = true;
    },
    STEP_MS,
  );

  it(
    'the same pages in English and on a desktop',
    async () => {
      ready('visitor');
      const phone = V();
      await phone.goto(`${app.baseUrl}/en/help/search?q=${encodeURIComponent('withdrawl')}`);
      await expectLanguage(phone, 'en');
      expect(await phone.getByTestId('help-results').textContent()).toContain('Withdrawing your balance');
      await fitsWidth(phone, PHONE.width);
      await shot(phone, 'help-search-en-360.png');
      await phone.goto(`${app.baseUrl}/en/help/articles/withdraw-balance`);
      await fitsWidth(phone, PHONE.width);
      await shot(phone, 'help-article-en-360.png');
      const desk = await newActor(app, 'desktop', { viewport: DESKTOP });
      for (const [path, name] of [
        ['/help', 'help-home-ar-1280.png'],
        ['/en/help', 'help-home-en-1280.png'],
        ['/help/articles/refunds-and-disputes', 'help-article-ar-1280.png'],
        ['/en/help/payments', 'help-topic-en-1280.png'],
      ] as const) {
        await desk.page.goto(`${app.baseUrl}${path}`);
        await fitsWidth(desk.page, DESKTOP.width);
        await shot(desk.page, name);
      }
      await desk.ctx.close();
    },
    STEP_MS,
  );

  it(
    'staff see the answer on /admin/help and edit the article, on a phone',
    async () => {
      ready('voted');
      actors.staff = await signedInActor(app, 'staff', staff, '/admin/help', { viewport: PHONE });
      const page = actors.staff.page;
      expect((await page.getByTestId('help-admin-votes-withdraw-balance').textContent())?.trim()).toBe('أفاد: 0 · لم يُفد: 1');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'help-admin-list-ar-360.png');
      await page.getByTestId('help-admin-list').getByRole('link', { name: 'سحب الرصيد: الحد الأدنى والوسائل ومراجعة الطلب' }).click();
      await page.waitForURL((u) => /^\/admin\/help\/\d+$/.test(u.pathname));
      expect(await page.locator('#f-titleAr').inputValue()).toBe('سحب الرصيد: الحد الأدنى والوسائل ومراجعة الطلب');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'help-admin-edit-ar-360.png');
    },
    STEP_MS,
  );
});
