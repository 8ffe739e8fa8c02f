// The services journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo
// data, mail written as .eml files): a seller publishes a service with an image and an add-on from the Arabic form,
// a moderator (made with the CLI) approves it from the queue, and a visitor finds it by an Arabic search written in
// other forms of its words, narrows it with the category filter (htmx, then a full load of the shared address) and
// opens its page at its canonical address. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appHelpers,
  checkReady,
  DESKTOP,
  expectLanguage,
  fitsWidth,
  guardedSetup,
  type Login,
  newActor,
  newJourney,
  newRunId,
  PHONE,
  screenshot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('services');
const run = newRunId();

/** The server and the browser; the errors the pages threw or logged, by actor: none is expected. */
const app = newJourney();
let imagePath = '';
const setup = guardedSetup();

const moderator = testUser(run, 'mod', 'Calm-Harbour-Light');
const seller = testUser(run, 'seller', 'Green-Valley-Wind');

const service = {
  title: 'تصميم شعار احترافي لمتجرك الإلكتروني',
  slug: 'تصميم-شعار-احترافي-لمتجرك-الإلكتروني',
  skills: 'هوية بصرية، Illustrator',
  description:
    'أصمم لمتجرك الإلكتروني شعارًا احترافيًا يعبّر عن علامتك التجارية، مع ثلاثة نماذج أولية تختار منها، وتعديلات حتى ترضى تمامًا، ثم أسلمك الملفات المصدرية بصيغ مناسبة للطباعة والويب ومواقع التواصل.',
  price: '25',
  days: '3',
  instructions: 'أرسل اسم المتجر والألوان التي تفضّلها.',
  addon: { title: 'تسليم خلال يوم واحد', price: '10', days: '0' },
};
/** The Arabic query: other forms of the title's words («شعار احترافي»), with the article. */
const query = 'الشعار الاحترافي';

/** Filled in as the journey goes. */
const state = { controlId: 0, serviceId: 0 };

const { mailMatching, signUpVerified, publishService } = appHelpers(() => app);

/** Page errors are collected, but htmx logs a request it cancelled itself (hx-sync="this:replace": typing, then Enter or a filter) as an error. */
const WATCH = { ignore: /^htmx:(sendAbort|afterRequest)\b/ };
/** A browser of one's own signed in as `who` at `next`. */
const signedIn = (name: string, who: Login, next: string) => signedInActor(app, name, who, next, WATCH);

describe.skipIf(skip)('services journey in Chromium', () => {
  beforeAll(() => setup.run(setUp), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  async function setUp() {
    await startJourney(app, 'services', { moderator });
    // The image the seller uploads from the form.
    imagePath = path.join(app.tmpDir, 'شعار-المتجر.png');
    fs.writeFileSync(
      imagePath,
      await sharp({ create: { width: 120, height: 90, channels: 3, background: '#0a7' } })
        .png()
        .toBuffer(),
    );
  }

  const ready = (...needs: (keyof typeof state)[]) => checkReady(setup, state, needs);

  it('a seller signs up through the API and confirms the email; another of their services, in translation, is live', async () => {
    ready();
    await signUpVerified(seller);

    // A control: the same words in another category, so the filter has something to leave out.
    const control = await publishService(seller, moderator, {
      title: 'ترجمة شعار احترافي وعبارات علامتك التجارية',
      categorySlug: 'translation',
      description:
        'أترجم شعار علامتك التجارية وعباراتها التسويقية من العربية إلى الإنجليزية وبالعكس ترجمة احترافية تحافظ على المعنى والإيقاع، مع مراجعة ثانية وملاحظات على الاختيارات.',
      priceCents: 2000,
      deliveryDays: 2,
      skills: ['ترجمة'],
      imageColour: '#a50',
    });
    state.controlId = control.id;
  });

  it('the seller publishes a service from the Arabic form, with an image and an add-on, and sees it in review', async () => {
    ready('controlId');
    const { page } = await signedIn('seller', seller, '/my/services/new');
    await expectLanguage(page, 'ar');

    const form = page.locator('#service-form');
    await form.locator('[name="title"]').fill(service.title);
    await form.locator('select[name="categoryId"]').selectOption({ label: 'تصميم شعارات' });
    await form.locator('[name="skills"]').fill(service.skills);
    await form.locator('[name="description"]').fill(service.description);
    await form.locator('[name="price"]').fill(service.price);
    await form.locator('[name="deliveryDays"]').fill(service.days);
    await form.locator('[name="instructions"]').fill(service.instructions);
    // publish.js shows the first empty add-on row only.
    await form.locator('[name="addonTitle"]').first().fill(service.addon.title);
    await form.locator('[name="addonPrice"]').first().fill(service.addon.price);
    await form.locator('[name="addonDays"]').first().fill(service.addon.days);
    await form.locator('input[type="file"][name="images"]').setInputFiles(imagePath);
    await form.getByRole('button', { name: 'أرسل للمراجعة' }).click();

    await page.waitForURL((u) => u.pathname === '/my/services');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'أُرسلت الخدمة للمراجعة' }).isVisible()).toBe(true);
    const item = page.locator('li[data-testid^="service-"]', { hasText: service.title });
    expect(await item.count()).toBe(1);
    state.serviceId = Number((await item.getAttribute('data-testid'))?.replace('service-', ''));
    expect(state.serviceId).toBeGreaterThan(0);
    expect((await page.getByTestId(`status-${state.serviceId}`).textContent())?.trim()).toBe('قيد المراجعة');
    // The uploaded image is stored and its thumbnail shown.
    const thumb = item.locator('img');
    expect(await thumb.getAttribute('src')).toMatch(/^\/files\/[A-Za-z0-9_-]{43}\/thumb$/);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.context().close();
  });

  it('a moderator (made with the CLI) reviews it in the queue and approves it; the seller is mailed', async () => {
    ready('serviceId');
    const { page } = await signedIn('moderator', moderator, '/admin/services');
    const item = page.getByTestId(`queue-${state.serviceId}`);
    await expect.poll(() => item.isVisible()).toBe(true);
    // The preview shows what will be published.
    expect((await page.getByTestId(`queue-title-${state.serviceId}`).textContent())?.trim()).toBe(service.title);
    expect(await item.textContent()).toContain(service.addon.title);
    expect(await item.textContent()).toContain('تصميم شعارات');
    expect(await item.locator('img').first().getAttribute('src')).toMatch(/^\/files\/[A-Za-z0-9_-]{43}\/thumb$/);

    await item.getByRole('button', { name: 'موافقة ونشر' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/services');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'وافقت على الخدمة' }).isVisible()).toBe(true);
    expect(await page.getByTestId(`queue-${state.serviceId}`).count()).toBe(0);
    expect(await page.getByTestId('queue-empty').isVisible()).toBe(true);
    await page.context().close();

    // The control's approval was mailed too: this one names the service.
    await mailMatching(seller.email, new RegExp(`وافق المشرفون على خدمتك «${service.title}»`));
  });

  it('a visitor finds it by an Arabic search in other forms of its words, narrows it by category and opens its page', async () => {
    ready('serviceId', 'controlId');
    const { page } = await newActor(app, 'visitor', WATCH);
    const ours = page.getByTestId(`card-${state.serviceId}`);
    const control = page.getByTestId(`card-${state.controlId}`);

    await page.goto(`${app.baseUrl}/services`);
    await expectLanguage(page, 'ar');
    // Wait for htmx (loaded with defer) before typing, so the form is answered in place.
    await expect.poll(() => page.evaluate(() => 'htmx' in window)).toBe(true);
    const search = page.getByRole('searchbox', { name: 'ابحث في الخدمات' });
    await search.fill(query);
    await search.press('Enter');
    const heading = page.getByTestId('results-heading');
    await expect.poll(() => heading.textContent()).toBe(`نتائج البحث عن «${query}»`);
    await expect.poll(() => ours.isVisible()).toBe(true);
    await expect.poll(() => control.isVisible()).toBe(true);

    // The category filter: the results change in place and the address follows.
    await page.getByLabel('التصنيف', { exact: true }).selectOption('logo-design');
    await expect.poll(() => control.count()).toBe(0);
    expect(await ours.isVisible()).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('category')).toBe('logo-design');
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);

    // The address works on its own (shared, or without JavaScript): a full load shows the same.
    await page.reload();
    expect(await page.getByRole('searchbox', { name: 'ابحث في الخدمات' }).inputValue()).toBe(query);
    expect(await ours.isVisible()).toBe(true);
    expect(await control.count()).toBe(0);
    expect(await page.getByTestId('results').locator('li[data-testid^="card-"]').count()).toBe(1);

    // Open it.
    await ours.getByRole('link', { name: service.title }).click();
    const canonical = `/services/${state.serviceId}-${service.slug}`;
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === canonical);
    expect((await page.getByTestId('service-title').textContent())?.trim()).toBe(service.title);
    expect(await page.title()).toContain(service.title);
    expect(await page.getByTestId('status-note').count()).toBe(0);
    expect((await page.getByTestId('price').textContent())?.replace(/\s/g, '')).toContain('25');
    const addons = page.getByTestId('addons');
    expect(await addons.textContent()).toContain(service.addon.title);
    const mainImage = page.getByTestId('main-image');
    expect(await mainImage.getAttribute('src')).toMatch(/^\/files\/[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => mainImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId('description').textContent()).toContain('ثلاثة نماذج أولية');
    expect((await page.getByTestId('seller-username').textContent())?.trim()).toBe(`@${seller.username}`);
    // The control is another service by the same seller.
    expect(await page.getByTestId('more-by-seller').getByTestId(`card-${state.controlId}`).count()).toBe(1);

    // Ticking the add-on updates the total in place (browse.js): 25 + 10.
    const total = page.getByTestId('total');
    expect((await total.textContent())?.replace(/\s/g, '')).toContain('25');
    await addons.getByRole('checkbox').check();
    await expect.poll(async () => (await total.textContent())?.replace(/\s/g, '')).toContain('35');

    // On a phone: nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await fitsWidth(page, PHONE.width);
    await screenshot(page, 'service-page-360.png');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'service-page-1280.png');

    // The address without the readable part (or with an old one) leads to the canonical one.
    await page.goto(`${app.baseUrl}/services/${state.serviceId}`);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(canonical);
    await page.goto(`${app.baseUrl}/services/${state.serviceId}-old-title`);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(canonical);
    await page.context().close();
  });

  it('no page threw or logged an error', () => {
    ready();
    expect(app.pageErrors).toEqual([]);
  });
});
