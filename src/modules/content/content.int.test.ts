import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, newUser, PageClient, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';
import { privacyArabicFromPage } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const seedFile = path.resolve('src/modules/content/seed/kafiil-privacy-page.txt');
const sharedFile = path.resolve('../shared/seed/kafiil-privacy-page.txt');

const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('privacy policy', () => {
  it("keeps the platform's own copy of the privacy page unchanged", () => {
    if (!fs.existsSync(sharedFile)) return expect(fs.existsSync(seedFile)).toBe(true);
    expect(fs.readFileSync(seedFile, 'utf8')).toBe(fs.readFileSync(sharedFile, 'utf8'));
  });

  it('shows the Arabic text word for word, with "last updated" 2023-04-06', async () => {
    const { body, lastUpdated } = privacyArabicFromPage(fs.readFileSync(seedFile, 'utf8'));
    expect(lastUpdated).toBe('2023-04-06');
    const expected = body.split('\n').map((l) => l.trim());
    expect(expected[0]).toBe('1- العلاقة بين المستقلين والمشترين');
    expect(expected.at(-1)).toMatch(/^ملاحظة :/);
    expect(expected).toHaveLength(21);
    const r = await t.app.inject({ method: 'GET', url: '/privacy' });
    expect(r.statusCode).toBe(200);
    const lines = strip(r.body);
    const start = lines.indexOf(expected[0]);
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + expected.length)).toEqual(expected);
    expect(testId(r.body, 'last-updated')).toContain('2023-04-06');
  });

  it('has an English translation with the same ten sections', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/en/privacy' });
    expect(r.body).toContain('<html lang="en" dir="ltr"');
    const headings = strip(r.body).filter((l) => /^\d+- /.test(l));
    expect(headings).toHaveLength(10);
    expect(testId(r.body, 'last-updated')).toContain('2023-04-06');
  });

  it('shows the terms in both languages with a version history', async () => {
    for (const url of ['/terms', '/en/terms', '/terms/history', '/en/privacy/history', '/terms/v/1']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/terms/v/99' })).statusCode).toBe(404);
  });
});

describe('publishing a new policy version', () => {
  it('publishes at once, keeps the old version readable, and new sign-ups record the new version', async () => {
    const admin = await t.services.accounts.createAdmin({
      email: 'legal@example.com',
      username: 'legal_team',
      password: 'counsel passphrase 9',
    });
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: 'legal_team', password: 'counsel passphrase 9' });
    await b.get('/admin/policies');
    const bad = await b.post('/admin/policies', { policy: 'terms', lastUpdated: 'yesterday', bodyAr: 'قصير', bodyEn: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-lastUpdated')).toBe('اكتب تاريخًا صحيحًا.');
    expect(inputText(bad.body, 'bodyAr')).toBe('قصير');

    const signupPage = new PageClient(t.app);
    await signupPage.get('/signup');

    const bodyAr = `1- بند جديد\n${'نص الشروط الجديدة بعد التعديل. '.repeat(4)}`;
    const bodyEn = `1- A new clause\n${'The text of the new terms after the change. '.repeat(3)}`;
    const ok = await b.post('/admin/policies', {
      policy: 'terms',
      lastUpdated: '2026-11-20',
      bodyAr,
      bodyEn,
      changeNoteAr: 'بند جديد',
      changeNoteEn: 'New clause',
    });
    expect(ok.statusCode).toBe(303);
    const terms = await t.app.inject({ method: 'GET', url: '/terms' });
    expect(terms.body).toContain('1- بند جديد');
    expect(testId(terms.body, 'last-updated')).toContain('2026-11-20');
    const history = await t.app.inject({ method: 'GET', url: '/terms/history' });
    expect(history.body).toContain('/terms/v/1');
    expect(history.body).toContain('/terms/v/2');
    const old = await t.app.inject({ method: 'GET', url: '/terms/v/1' });
    expect(old.body).toContain('هذا إصدار سابق.');

    // A form opened before the change must be accepted again against the new text.
    const u = newUser('late');
    const opened = signupPage.last?.body ?? '';
    const versionsOf = (html: string) => ({
      termsVersion: inputValueOf(html, 'termsVersion') ?? '',
      privacyVersion: inputValueOf(html, 'privacyVersion') ?? '',
    });
    expect(versionsOf(opened)).toEqual({ termsVersion: '1', privacyVersion: '1' });
    const stale = await signupPage.post('/signup', { ...u, acceptTerms: 'yes', ...versionsOf(opened) });
    expect(stale.statusCode).toBe(422);
    expect(testId(stale.body, 'error-acceptTerms')).toContain('نُشرت نسخة جديدة');
    expect(versionsOf(stale.body)).toEqual({ termsVersion: '2', privacyVersion: '1' });
    const fresh = await signupPage.post('/signup', { ...u, acceptTerms: 'yes', ...versionsOf(stale.body) });
    expect(fresh.statusCode).toBe(200);
    const s = await signedUpUser(t, 'after');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: s.auth })).json();
    expect(me.termsVersion).toBe(2);
    expect(me.privacyVersion).toBe(1);

    const trail = await t.services.admin.auditTrail(
      {
        id: admin.id,
        roles: admin.roles,
        username: admin.username,
        displayName: '',
        email: '',
        emailVerified: true,
        locale: 'ar',
        sessionId: 0,
      },
      {},
    );
    expect(trail.items.some((a) => a.action === 'policy.publish' && a.targetId === 'terms:2')).toBe(true);
  });

  it('refuses publishing by staff who are not admins', async () => {
    const mod = await signedUpUser(t, 'mod');
    await t.services.accounts.setRoles(
      { id: 0, roles: ['admin'], username: 'x', displayName: 'x', email: '', emailVerified: true, locale: 'ar', sessionId: 0 },
      mod.id,
      ['moderator'],
      { ip: null, userAgent: null },
    );
    await expect(
      t.services.content.publish(
        { id: mod.id, roles: ['moderator'] },
        {
          policy: 'privacy',
          lastUpdated: '2026-01-01',
          bodyAr: 'x'.repeat(60),
          bodyEn: 'x'.repeat(60),
          changeNoteAr: '',
          changeNoteEn: '',
        },
      ),
    ).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});

describe('contact page', () => {
  it('stores a message, mails support, and keeps the form on bad input', async () => {
    const b = new PageClient(t.app);
    await b.get('/contact');
    const bad = await b.post('/contact', { name: 'م', email: 'x', subject: 'مرحبا', body: 'قصير' });
    expect(bad.statusCode).toBe(400);
    expect(inputValueOf(bad.body, 'subject')).toBe('مرحبا');
    const ok = await b.post('/contact', {
      name: 'منى',
      email: 'mona@example.com',
      subject: 'سؤال عن السحب',
      body: 'متى يصل المبلغ إلى حسابي البنكي؟',
    });
    expect(testId(ok.body, 'contact-sent')).toBeTruthy();
    const mail = await t.mailTo(t.deps.config.supportEmail);
    expect(mail.subject).toContain('سؤال عن السحب');
    expect(mail.text).toContain('mona@example.com');
  });
});

function inputText(html: string, name: string): string | null {
  const m = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m ? m[1] : null;
}
function inputValueOf(html: string, name: string): string | null {
  const m = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return m ? m[1] : null;
}
