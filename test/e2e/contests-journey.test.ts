// The contests journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo
// data, mail written as .eml files): an owner (a buyer) tops up through the sandbox checkout, writes a blind contest
// at /contests/new and publishes it (the prize held in escrow); a moderator (made with the CLI) approves it from
// /admin/contests and reads the commission in force from /admin/settings; freelancers A and B, on a phone in Arabic,
// find it on /contests by an Arabic word of its title and each enter with a PNG and a description — B sees their own
// entry but not A's (blind); the deadline passes (`run-due --now` the deadline + 1 minute, the server stopped for it:
// the embedded database takes one process at a time) and the contest goes to judging: everyone sees the entries
// now, as watermarked previews served from /files/…/preview (never the originals' address); the owner picks A's
// entry for place 1, A hands over the final files with a note, the owner accepts: A's wallet holds the prize less
// the commission as pending. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUsername } from '../../src/platform/i18n/index.ts';
import { commissionSplit } from '../../src/platform/money.ts';
import {
  type Actor,
  type ActorOptions,
  appHelpers,
  arMoney,
  checkReady,
  cliWhileStopped,
  depositThroughSandbox,
  expectDownload,
  expectLanguage,
  fitsWidth,
  flash,
  guardedSetup,
  type Login,
  newJourney,
  newRunId,
  PHONE,
  pdfFile,
  SANDBOX_GATEWAY_ENV,
  screenshot as shot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('contests');
const run = newRunId();
/** Each step's time limit: generous, the browser, the server and the CLI share a busy machine with other suites. */
const STEP_MS = 30_000;
/** The deadline's step stops the server, runs the CLI (which may take over 40 s to start there) and starts it again. */
const DEADLINE_STEP_MS = 240_000;

const app = newJourney();
/** The brief's reference file, attached to the contest at /contests/new. */
const briefFile = pdfFile('دليل-الهوية.pdf', 'the roastery brand guide');
const setup = guardedSetup();

const moderator = testUser(run, 'kmod', 'Quiet-Cedar-Lake');
const owner = testUser(run, 'kown', 'Warm-Copper-Kettle', 'سلمى صاحبة المحمصة');
const freelancerA = testUser(run, 'kfa', 'Bright-Sand-Dune', 'يوسف المصمم');
const freelancerB = testUser(run, 'kfb', 'Deep-Olive-Grove', 'نور الرسامة');

const contest = {
  title: 'شعار لمحمصة قهوة مختصة في جدة',
  description:
    'نفتتح محمصة قهوة مختصة صغيرة في جدة ونبحث عن شعار بسيط يسهل تذكره، يظهر على أكياس البن والأكواب واللافتة ووسائل التواصل، بألوان دافئة مستوحاة من حبة البن وخط عربي حديث واضح. نرجو تقديم الشعار بنسخة ملونة وأخرى بلون واحد.',
  categoryLabel: 'تصميم شعارات',
  /** One place: $50. */
  prizeDollars: 50,
  entryDays: 7,
  deliveryDays: 3,
};
const prizeCents = contest.prizeDollars * 100;
/** A word of the title the list's search must find it by. */
const query = 'محمصة';
/** The owner's deposit, in dollars: the prize and a little over, so that the held prize shows as the balance reduced. */
const depositDollars = 60;

/** A design as a PNG (a sun-like mark on a coloured ground), 640 × 480: made here, not read from disk. */
async function designPng(name: string, ground: string, mark: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="${ground}"/>
    <circle cx="320" cy="220" r="120" fill="${mark}"/>
    <ellipse cx="320" cy="220" rx="40" ry="90" fill="${ground}" transform="rotate(25 320 220)"/>
    <rect x="170" y="380" width="300" height="28" rx="14" fill="${mark}"/>
  </svg>`;
  const buffer = await sharp(Buffer.from(svg)).png().toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

const entryA = {
  description: 'شعار على شكل حبة بن تشرق كالشمس، بلون بني دافئ وخط عربي هندسي، يصلح للأكياس والأكواب.',
  file: designPng('شعار-حبة-الشمس.png', '#f4ead8', '#7a4a21'),
};
const entryB = {
  description: 'فكرتي حبة بن داخل دائرة زرقاء هادئة، بسيطة وتظهر بوضوح على اللافتة من بعيد.',
  file: designPng('شعار-الدائرة.png', '#e4f0f6', '#1f5d7a'),
};
const handover = {
  note: 'إليك الملفات النهائية: الشعار بصيغة متجهة وبنسخ ملونة وبلون واحد، مع دليل مختصر للاستخدام.',
  file: pdfFile('الشعار-النهائي.pdf', 'final roastery logo'),
};

const state = {
  funded: false,
  contestId: 0,
  approved: false,
  /** The commission the settings say (basis points) when the contest was published: its winners are paid at it. */
  commissionBp: -1,
  entryAId: 0,
  entryBId: 0,
  endsAt: '',
  judging: false,
  awarded: false,
  delivered: false,
  paid: false,
};
const actors: { owner: Actor | null; moderator: Actor | null; a: Actor | null; b: Actor | null } = {
  owner: null,
  moderator: null,
  a: null,
  b: null,
};

const { signUpVerified } = appHelpers(() => app);

/** A browser of one's own signed in as `who` at `next`, its page errors and failed requests collected. */
const signedIn = (name: string, who: Login, next: string, opts: ActorOptions = {}) =>
  signedInActor(app, name, who, next, { requests: true, ...opts });

const trimmed = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

/** The contest page's status badge (its header). */
const STATUS = {
  pending: 'بانتظار المراجعة',
  open: 'مفتوحة للمشاركات',
  judging: 'يختار صاحبها الفائزين',
  awarding: 'تسليم الملفات النهائية',
  finished: 'منتهية',
};

/**
 * The images an entry's card shows, each brought into view first (they load lazily) and given time to load: where
 * each is loaded from, whether it was decoded (a real picture) and its text for screen readers.
 */
async function entryImages(page: Page, entryId: number) {
  const imgs = page.getByTestId(`entry-${entryId}`).locator('img');
  for (const img of await imgs.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true)
      .catch(() => {});
  }
  return imgs.evaluateAll((els) =>
    (els as HTMLImageElement[]).map((i) => ({
      src: new URL(i.currentSrc || i.src).pathname,
      shown: i.complete && i.naturalWidth > 0,
      alt: i.alt,
    })),
  );
}

describe.skipIf(skip)('contests journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(() => setup.run(() => startJourney(app, 'contests', { moderator, env: SANDBOX_GATEWAY_ENV })), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const O = () => actors.owner?.page as Page;
  const M = () => actors.moderator?.page as Page;
  const A = () => actors.a?.page as Page;
  const B = () => actors.b?.page as Page;
  const contestPath = () => `/contests/${state.contestId}`;

  /** On /contests: types the word in the search box; the results update in place (htmx) and show the contest's card. */
  async function findContest(page: Page) {
    await page.locator('#k-q').fill(query);
    await page
      .getByTestId('results-heading')
      .filter({ hasText: `نتائج البحث عن «${query}»` })
      .waitFor({ state: 'visible' });
    await page.waitForURL((u) => u.pathname === '/contests' && u.searchParams.get('q') === query);
    const card = page.getByTestId(`contest-${state.contestId}`);
    await card.waitFor({ state: 'visible' });
    return card;
  }

  /** On the contest's page: describes the entry, attaches its file and sends it; back at the entry with the notice. */
  async function enter(page: Page, entry: typeof entryA): Promise<number> {
    const form = page.locator('form', { has: page.getByTestId('enter-send') });
    await form.getByLabel('صف مشاركتك').fill(entry.description);
    await form.getByLabel('ملفات المشاركة').setInputFiles([await entry.file]);
    await page.getByTestId('enter-send').click();
    await page.waitForURL((u) => u.pathname === contestPath() && u.hash.startsWith('#entry-'));
    await flash(page, 'أُرسلت مشاركتك.').waitFor({ state: 'visible' });
    const id = Number(new URL(page.url()).hash.replace('#entry-', ''));
    expect(id).toBeGreaterThan(0);
    const card = page.getByTestId(`entry-${id}`);
    expect(await card.textContent()).toContain(entry.description);
    return id;
  }

  it('the owner and two freelancers sign up; the owner deposits $60 through the sandbox checkout', async () => {
    ready();
    await Promise.all([signUpVerified(owner), signUpVerified(freelancerA), signUpVerified(freelancerB)]);
    actors.owner = await signedIn('owner', owner, '/wallet');
    const page = O();
    await expectLanguage(page, 'ar');
    await depositThroughSandbox(page, depositDollars);
    expect(await trimmed(page, 'wallet.available')).toBe(arMoney(depositDollars * 100));
    expect(await trimmed(page, 'wallet.escrow')).toBe(arMoney(0));
    state.funded = true;
  });

  it('the owner writes a blind contest at /contests/new and publishes it: the prize is held, the contest waits for review', async () => {
    ready('owner', 'funded');
    const page = O();
    await page.goto(`${app.baseUrl}/contests/new`);
    expect((await page.locator('h1').textContent())?.trim()).toBe('مسابقة جديدة');
    // The form says what the balance can hold.
    expect(await trimmed(page, 'balance')).toContain(arMoney(depositDollars * 100));
    const form = page.locator('form', { has: page.getByTestId('publish') });
    await form.locator('#f-title').fill(contest.title);
    await form.locator('#f-categoryId').selectOption({ label: contest.categoryLabel });
    await form.locator('#f-description').fill(contest.description);
    await form.locator('#f-prize1').fill(String(contest.prizeDollars));
    await form.locator('#f-entryDays').fill(String(contest.entryDays));
    await form.locator('#f-deliveryDays').fill(String(contest.deliveryDays));
    await form.getByLabel('مشاركات مخفية').check();
    // The brief's reference file, attached with the form.
    await form.getByLabel('أضف ملفات').setInputFiles([briefFile]);
    await shot(page, 'contest-form-1280.png');
    await page.getByTestId('publish').click();

    await page.waitForURL((u) => /^\/contests\/\d+$/.test(u.pathname));
    state.contestId = Number(new URL(page.url()).pathname.split('/').pop());
    await flash(page, 'نُشرت المسابقة وحُجزت جوائزها، وهي الآن بانتظار مراجعة المشرفين.').waitFor({ state: 'visible' });
    expect((await page.getByTestId('contest-title').textContent())?.trim()).toBe(contest.title);
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.pending);
    expect(await page.locator('article header').textContent()).toContain('مشاركات مخفية');
    expect(await trimmed(page, 'contest-prizes')).toContain(arMoney(prizeCents));
    // Nobody else sees it yet.
    expect((await fetch(`${app.baseUrl}${contestPath()}`)).status).toBe(404);

    // The prize moved from the available balance into escrow.
    await page.goto(`${app.baseUrl}/wallet`);
    expect(await trimmed(page, 'wallet.available')).toBe(arMoney(depositDollars * 100 - prizeCents));
    expect(await trimmed(page, 'wallet.escrow')).toBe(arMoney(prizeCents));
  });

  it('the moderator approves it at /admin/contests, and reads the commission in force at /admin/settings', async () => {
    ready('contestId');
    actors.moderator = await signedIn('moderator', moderator, '/admin/contests');
    const page = M();
    const id = state.contestId;
    const card = page.getByTestId(`queue-${id}`);
    await card.waitFor({ state: 'visible' });
    const shown = (await card.textContent()) ?? '';
    expect(shown).toContain(contest.title);
    expect(shown).toContain(contest.description);
    expect(shown).toContain(`${owner.displayName} ${formatUsername(owner.username)}`);
    expect(shown).toContain(`تصميم › ${contest.categoryLabel}`);
    expect(shown).toContain(`المركز 1: ${arMoney(prizeCents)}`);
    expect(shown).toContain(`${contest.entryDays} أيام`);
    await shot(page, 'contests-queue-1280.png');
    await card.getByTestId(`approve-${id}`).click();
    await page.waitForURL((u) => u.pathname === '/admin/contests');
    await flash(page, 'فُتحت المسابقة للمشاركات.').waitFor({ state: 'visible' });
    expect(await page.getByTestId(`queue-${id}`).count(), 'decided: out of the queue').toBe(0);
    state.approved = true;

    // The commission a contest's winners are paid at is the setting when it was published (nothing changed it since).
    await page.goto(`${app.baseUrl}/admin/settings`);
    const percent = await page.getByLabel('عمولة المنصة (%)').inputValue();
    expect(percent).toMatch(/^\d+(\.\d+)?$/);
    state.commissionBp = Math.round(Number(percent) * 100);
    expect(state.commissionBp).toBeGreaterThan(0);
  });

  it('freelancer A, on a phone, finds it on /contests by an Arabic word of its title and enters with a PNG', async () => {
    ready('approved');
    actors.a = await signedIn('freelancer A', freelancerA, '/contests', { viewport: PHONE });
    const page = A();
    await expectLanguage(page, 'ar');
    const card = await findContest(page);
    expect(await trimmed(page, 'card-prize')).toBe(arMoney(prizeCents));
    expect((await card.getByTestId('card-owner').textContent())?.trim()).toBe(owner.displayName);
    expect((await card.getByTestId('card-entries').textContent())?.trim()).toBe('لا مشاركات');
    expect((await card.getByTestId('card-deadline').textContent())?.trim()).toMatch(/^متبقٍ (6|7) أيام$/);
    expect(await card.textContent()).toContain('مشاركات مخفية');
    await fitsWidth(page, PHONE.width);
    await shot(page, 'contests-list-360.png');

    await card.getByTestId('card-title').click();
    await page.waitForURL((u) => u.pathname === contestPath());
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.open);
    expect(await page.locator('main').textContent()).toContain(contest.description);
    // The brief's file, to open; the owner's card: who they are and how many contests they held.
    const briefLink = page.getByTestId('brief-files').getByRole('link', { name: 'دليل-الهوية.pdf' });
    await expectDownload(app, page, briefLink, briefFile);
    expect((await page.getByTestId('owner-name').textContent())?.trim()).toBe(owner.displayName);
    expect(await trimmed(page, 'owner-contests')).toBe('أطلق مسابقة واحدة');
    expect(await page.getByTestId('contest-views').count()).toBe(1);
    await fitsWidth(page, PHONE.width);
    await shot(page, 'contest-page-a-360.png');
    state.entryAId = await enter(page, entryA);
    // A sees their own design (the original: in a blind contest still open there is no public preview yet).
    const images = await entryImages(page, state.entryAId);
    expect(images).toHaveLength(1);
    expect(images[0].shown, 'the image is loaded and decoded').toBe(true);
    expect(images[0].src).toMatch(new RegExp(`^/contests/entries/${state.entryAId}/files/\\d+$`));
    // Its name (images' names are not checked for contact details) is not what the picture is called.
    expect(images[0].alt).toBe('صورة من المشاركة');
    await fitsWidth(page, PHONE.width);
    await shot(page, 'contest-entered-a-360.png');
  });

  it('freelancer B, on a phone, enters too: B sees their own entry and not A’s (blind)', async () => {
    ready('entryAId');
    actors.b = await signedIn('freelancer B', freelancerB, '/contests', { viewport: PHONE });
    const page = B();
    const card = await findContest(page);
    expect((await card.getByTestId('card-entries').textContent())?.trim()).toBe('مشاركة واحدة');
    await card.getByTestId('card-title').click();
    await page.waitForURL((u) => u.pathname === contestPath());
    // Before entering: A's entry is counted, not shown.
    expect(await page.getByTestId(`entry-${state.entryAId}`).count()).toBe(0);
    expect(await trimmed(page, 'entries-hidden')).toContain('(مشاركة واحدة أخرى)');
    state.entryBId = await enter(page, entryB);
    expect(await page.getByTestId(`entry-${state.entryBId}`).isVisible()).toBe(true);
    expect(await page.getByTestId(`entry-${state.entryAId}`).count(), 'A’s entry is hidden from B').toBe(0);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain(entryA.description);
    expect(main).not.toContain(freelancerA.displayName);
    expect(await trimmed(page, 'entries-hidden')).toContain('(مشاركة واحدة أخرى)');
    const images = await entryImages(page, state.entryBId);
    expect(images).toHaveLength(1);
    expect(images[0].shown).toBe(true);
    await fitsWidth(page, PHONE.width);
    await shot(page, 'contest-blind-b-360.png');

    // A visitor sees neither entry, only their count.
    const visitor = await (await fetch(`${app.baseUrl}${contestPath()}`)).text();
    expect(visitor).not.toContain(entryA.description);
    expect(visitor).not.toContain(entryB.description);
    expect(visitor).toContain('(مشاركتان أخرى)');
  });

  it('the deadline passes (run-due at the deadline + 1 minute): the contest goes to judging', { timeout: DEADLINE_STEP_MS }, async () => {
    ready('entryBId', 'owner', 'a', 'b', 'moderator');
    const page = B();
    // The deadline as the page gives it (the side card's <time>).
    const endsAt = await page.locator('aside time').getAttribute('datetime');
    expect(endsAt).toBeTruthy();
    state.endsAt = endsAt as string;
    const days = (new Date(state.endsAt).getTime() - Date.now()) / 86_400_000;
    expect(days, 'the entry period runs from the approval').toBeGreaterThan(contest.entryDays - 0.1);
    expect(days).toBeLessThanOrEqual(contest.entryDays);
    // Every page leaves the site while the server is stopped (their live streams would fail).
    for (const p of [O(), M(), A(), B()]) await p.goto('about:blank');
    const at = new Date(new Date(state.endsAt).getTime() + 60_000).toISOString();
    const due = await cliWhileStopped<{ at: string; contests: { closed: number } }>(app, ['run-due', '--now', at]);
    expect(due.at).toBe(at);
    expect(due.contests.closed).toBe(1);

    await page.goto(`${app.baseUrl}${contestPath()}`);
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.judging);
    expect(await page.getByTestId('enter-send').count(), 'no more entries').toBe(0);
    state.judging = true;
  });

  it('after the deadline B sees both entries as watermarked previews from /files/…/preview, not the originals', async () => {
    ready('judging');
    const page = B();
    expect(await page.getByTestId('entries-hidden').count()).toBe(0);
    for (const [id, entry] of [
      [state.entryAId, entryA],
      [state.entryBId, entryB],
    ] as const) {
      const card = page.getByTestId(`entry-${id}`);
      expect(await card.textContent()).toContain(entry.description);
      const images = await entryImages(page, id);
      expect(images).toHaveLength(1);
      expect(images[0].src).toMatch(/^\/files\/[^/]+\/preview$/);
      expect(images[0].shown, `entry ${id}'s preview is loaded and decoded`).toBe(true);
      // The public preview, for anyone: a watermarked WebP, never the PNG that was sent.
      const res = await fetch(`${app.baseUrl}${images[0].src}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.equals((await entry.file).buffer)).toBe(false);
    }
    // B may not open A's original: A's picture links nowhere.
    expect(await page.getByTestId(`entry-${state.entryAId}`).locator('a[href^="/contests/entries/"]').count()).toBe(0);
    // A visitor sees the same previews, and no image's name (never checked for contact details).
    const visitor = await (await fetch(`${app.baseUrl}${contestPath()}`)).text();
    for (const entry of [entryA, entryB]) {
      expect(visitor).toContain(entry.description);
      expect(visitor).not.toContain((await entry.file).name);
    }
    await fitsWidth(page, PHONE.width);
    await shot(page, 'contest-judging-b-360.png');
  });

  it('the owner sees both entries and picks A’s for place 1 through the page’s form', async () => {
    ready('judging', 'owner');
    const page = O();
    await page.goto(`${app.baseUrl}${contestPath()}`);
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.judging);
    for (const [id, entry, who] of [
      [state.entryAId, entryA, freelancerA],
      [state.entryBId, entryB, freelancerB],
    ] as const) {
      const card = page.getByTestId(`entry-${id}`);
      expect(await card.textContent()).toContain(entry.description);
      expect(await card.textContent()).toContain(who.displayName);
      const images = await entryImages(page, id);
      expect(images).toHaveLength(1);
      expect(images[0].shown).toBe(true);
    }
    await shot(page, 'contest-judging-owner-1280.png');
    const pick = page.getByTestId('pick-1');
    const options = await pick.locator('option').allTextContents();
    expect(options).toHaveLength(2);
    await pick.selectOption(String(state.entryAId));
    expect((await pick.locator('option:checked').textContent())?.trim()).toContain(freelancerA.displayName);
    await page.getByTestId('pick-send-1').click();
    await page.waitForURL((u) => u.pathname === contestPath() && u.hash === '#awards');
    await flash(page, 'اخترت الفائز، وسيُطلب منه تسليم الملفات النهائية.').waitFor({ state: 'visible' });
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.awarding);
    const award = (await trimmed(page, 'award-1')) ?? '';
    expect(award).toContain(arMoney(prizeCents));
    expect(award).toContain(freelancerA.displayName);
    expect(award).toContain('بانتظار تسليم الملفات');
    expect(await page.getByTestId('pick-1').count(), 'the place is taken').toBe(0);
    state.awarded = true;
  });

  it('A, on the phone, hands over the final files with a note from the contest’s page', async () => {
    ready('awarded', 'a');
    const page = A();
    await page.goto(`${app.baseUrl}${contestPath()}`);
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.awarding);
    const award = page.getByTestId('award-1');
    expect(await award.textContent()).toContain('بانتظار تسليم الملفات');
    await award.getByLabel('رسالة مع الملفات النهائية').fill(handover.note);
    await award.getByLabel('الملفات النهائية', { exact: true }).setInputFiles([handover.file]);
    await fitsWidth(page, PHONE.width);
    await shot(page, 'contest-handover-a-360.png');
    await award.getByTestId('handover-1').click();
    await page.waitForURL((u) => u.pathname === contestPath() && u.hash === '#awards');
    await flash(page, 'سُلّمت الملفات النهائية.').waitFor({ state: 'visible' });
    expect(await trimmed(page, 'award-1')).toContain('سُلّمت الملفات');
    expect(await page.getByTestId('handover-1').count(), 'handed over: no form').toBe(0);
    // What was handed over stays on the page for A.
    const handed = page.getByTestId('handover-files-1');
    expect(await handed.textContent()).toContain(handover.note);
    expect(await handed.getByTestId('handover-file').textContent()).toContain(handover.file.name);
    await fitsWidth(page, PHONE.width);
    state.delivered = true;
  });

  it('the owner reads the note, opens the final file and accepts the handover: the contest is finished', async () => {
    ready('delivered', 'owner');
    const page = O();
    await page.goto(`${app.baseUrl}${contestPath()}`);
    const award = page.getByTestId('award-1');
    expect(await award.textContent()).toContain('سُلّمت الملفات');
    const handed = award.getByTestId('handover-files-1');
    expect(await handed.textContent()).toContain(handover.note);
    const link = handed.getByTestId('handover-file');
    expect((await link.textContent())?.trim()).toBe(handover.file.name);
    await expectDownload(app, page, link, handover.file);
    // B, who did not win, sees neither the note nor the files.
    const b = B();
    await b.goto(`${app.baseUrl}${contestPath()}`);
    expect(await b.getByTestId('award-1').textContent()).toContain(freelancerA.displayName);
    expect(await b.getByTestId('handover-files-1').count()).toBe(0);
    expect(await b.locator('main').textContent()).not.toContain(handover.note);
    expect((await b.context().request.get(`${app.baseUrl}${await link.getAttribute('href')}`)).status()).toBe(404);
    await shot(page, 'contest-delivered-owner-1280.png');
    await award.getByTestId('accept-1').click();
    await page.waitForURL((u) => u.pathname === contestPath() && u.hash === '#awards');
    await flash(page, 'قبلت الملفات، وأضيفت الجائزة إلى رصيد الفائز.').waitFor({ state: 'visible' });
    expect(await trimmed(page, 'award-1')).toContain('دُفعت الجائزة');
    expect(await trimmed(page, 'contest-status')).toBe(STATUS.finished);
    expect(await page.getByTestId('accept-1').count()).toBe(0);
    state.paid = true;
  });

  it('A’s wallet holds the prize less the commission as pending; the owner’s escrow is empty', async () => {
    ready('paid', 'a', 'owner');
    expect(state.commissionBp, 'read from the settings at the approval').toBeGreaterThan(0);
    const { feeCents, netCents } = commissionSplit(prizeCents, state.commissionBp);
    expect(feeCents).toBeGreaterThan(0);
    const page = A();
    await page.goto(`${app.baseUrl}/wallet`);
    expect(await trimmed(page, 'wallet.pending')).toBe(arMoney(netCents));
    expect(await trimmed(page, 'wallet.available')).toBe(arMoney(0));
    const pending = page.getByTestId('pending-list').locator('> li');
    expect(await pending.count()).toBe(1);
    expect(await pending.textContent()).toContain(arMoney(netCents));
    await fitsWidth(page, PHONE.width);
    await shot(page, 'wallet-winner-360.png');

    const o = O();
    await o.goto(`${app.baseUrl}/wallet`);
    expect(await trimmed(o, 'wallet.available')).toBe(arMoney(depositDollars * 100 - prizeCents));
    expect(await trimmed(o, 'wallet.escrow')).toBe(arMoney(0));
  });

  it('no page threw or logged an error, and no request failed', () => {
    ready();
    expect(app.pageErrors).toEqual([]);
  });
});
