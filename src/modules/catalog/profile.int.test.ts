import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("a seller's public profile", () => {
  it('lists their published services and totals, not their drafts', async () => {
    const seller = await signedUpUser(t, 'prof');
    const mod = await staffUser(t, ['moderator'], 'profmod');
    const actor = {
      id: seller.id,
      username: seller.username,
      displayName: seller.username,
      email: seller.email,
      roles: [],
      emailVerified: true,
      locale: 'ar' as const,
      sessionId: 0,
    };
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const img = await t.services.files.saveImage(seller.id, { name: 'a.png', bytes }, 'service_image');
    const logo = (await t.services.catalog.categoryTree()).find((c) => c.slug === 'design')?.children.find((c) => c.slug === 'logo-design');
    const input = (title: string) => ({
      title,
      categoryId: logo?.id,
      description:
        'أصمم لك شعارًا احترافيًا يعبّر عن هوية شركتك، مع ثلاثة مقترحات أولية وتعديلات حتى ترضى، وتسليم بجميع الصيغ المطلوبة للطباعة والويب.',
      priceCents: 2500,
      deliveryDays: 3,
      skills: ['شعارات'],
      imageIds: [img.id],
      addons: [],
    });
    const live = await t.services.catalog.create(actor, input('تصميم شعار احترافي لمتجرك'), { submit: true });
    await t.services.catalog.approve(mod, live.id);
    await t.services.catalog.create(actor, input('مسودة خدمة لم تكتمل بعد'), { submit: false });
    const page = await t.app.inject({ method: 'GET', url: `/u/${seller.username}` });
    expect(page.statusCode).toBe(200);
    const section = testId(page.body, 'seller-services');
    expect(section).toBe('الخدمات (1)');
    expect(page.body).toContain('تصميم شعار احترافي لمتجرك');
    expect(page.body).not.toContain('مسودة خدمة لم تكتمل بعد');
    expect(page.body).toContain(`/services/${live.id}-`);
    const en = await t.app.inject({ method: 'GET', url: `/en/u/${seller.username}` });
    expect(en.body).toContain('1 live service');
  });
});

describe('the "online now" filter', () => {
  it('keeps only services of sellers with a live connection open now', async () => {
    const mod = await staffUser(t, ['moderator'], 'onmod');
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#00a' } })
      .png()
      .toBuffer();
    const logo = (await t.services.catalog.categoryTree()).find((c) => c.slug === 'design')?.children.find((c) => c.slug === 'logo-design');
    const publish = async (userId: number, username: string, title: string) => {
      const img = await t.services.files.saveImage(userId, { name: 'a.png', bytes }, 'service_image');
      const actor = {
        id: userId,
        username,
        displayName: username,
        email: '',
        roles: [],
        emailVerified: true,
        locale: 'ar' as const,
        sessionId: 0,
      };
      const s = await t.services.catalog.create(
        actor,
        {
          title,
          categoryId: logo?.id,
          description:
            'خدمة تصميم أيقونات وشعارات بسيطة وواضحة للتطبيقات والمواقع، مع ملفات المصدر وتعديلات حتى الرضا التام عن النتيجة النهائية للعمل.',
          priceCents: 1500,
          deliveryDays: 2,
          skills: [],
          imageIds: [img.id],
          addons: [],
        },
        { submit: true },
      );
      await t.services.catalog.approve(mod, s.id);
    };
    const online = await signedUpUser(t, 'online');
    await publish(online.id, online.username, 'أيقونات متصل للتطبيقات');
    const away = await t.services.accounts.createDemoUser({
      email: 'away@example.com',
      username: 'away_seller',
      password: 'away passphrase 12',
    });
    await publish(away.id, away.username, 'أيقونات غائب للتطبيقات');
    // The online seller has a page open (its live event stream, platform/live.ts); the other has none.
    const stream = t.deps.live.subscribe(online.id, () => {});
    const all = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('أيقونات')}` });
    expect(all.body).toContain('أيقونات متصل للتطبيقات');
    expect(all.body).toContain('أيقونات غائب للتطبيقات');
    const now = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('أيقونات')}&online=1` });
    expect(now.body).toContain('أيقونات متصل للتطبيقات');
    expect(now.body).not.toContain('أيقونات غائب للتطبيقات');
    expect(now.body).toMatch(/name="online"[^>]*checked/);
    stream();
    const later = await t.app.inject({ method: 'GET', url: `/services?q=${encodeURIComponent('أيقونات')}&online=1` });
    expect(later.body).not.toContain('أيقونات متصل للتطبيقات');
  });
});
