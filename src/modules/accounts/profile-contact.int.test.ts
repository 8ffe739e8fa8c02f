import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, makeTestApp, newUser, PageClient, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signedInBrowser(prefix: string) {
  const u = await signedUpUser(t, prefix);
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  await b.get('/account');
  return { u, b };
}

const profileForm = (over: Record<string, string>) => ({
  displayName: 'علي',
  bio: '',
  country: 'EG',
  skills: 'تصميم، شعارات',
  languages: 'العربية',
  locale: 'ar',
  ...over,
});

const attempts = async (userId: number) => (await t.services.trust.attemptsOf(userId)).map((a) => [a.context, a.found]);

describe('contact details on a profile (page)', () => {
  it('refuses an Arabic-Indic phone number in the bio, naming it, keeping what was typed, and records the attempt', async () => {
    const { u, b } = await signedInBrowser('bioleak');
    const bio = 'مصمم جرافيك، اتصل بي على ٠١٠٠٢٣٤٥٦٧٨ لأي استفسار';
    const r = await b.post('/account', profileForm({ bio }));
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-bio')).toContain('٠١٠٠٢٣٤٥٦٧٨');
    expect(testId(r.body, 'error-bio')).toContain('لا يُسمح بتبادل وسائل التواصل');
    expect(testId(r.body, 'error-displayName')).toBeNull();
    expect(r.body).toContain(`>${bio}</textarea>`);
    expect(inputValue(r.body, 'displayName')).toBe('علي');
    expect(await attempts(u.id)).toEqual([['profile', [{ kind: 'phone', text: '٠١٠٠٢٣٤٥٦٧٨' }]]]);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).json();
    expect(me.bio).toBe('');
  });

  it('refuses an Instagram handle in the display name, in English too', async () => {
    const { u, b } = await signedInBrowser('nameleak');
    const r = await b.post('/en/account', profileForm({ displayName: 'Ali | IG: ali_designs' }));
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-displayName')).toContain('IG: ali_designs');
    expect(inputValue(r.body, 'displayName')).toBe('Ali | IG: ali_designs');
    expect(await attempts(u.id)).toEqual([['profile', [{ kind: 'handle', text: 'IG: ali_designs' }]]]);
    expect((await t.services.accounts.byId(u.id)).displayName).toBe(u.username);
  });

  it('lets a profile that only mentions a platform through, recording nothing', async () => {
    const { u, b } = await signedInBrowser('igok');
    const r = await b.post(
      '/account',
      profileForm({ displayName: 'علي المصمم', bio: 'مصمم منشورات انستقرام', skills: 'منشورات انستقرام، شعارات' }),
    );
    expect(r.statusCode).toBe(303);
    const saved = await t.services.accounts.byId(u.id);
    expect(saved.bio).toBe('مصمم منشورات انستقرام');
    expect(saved.skills).toEqual(['منشورات انستقرام', 'شعارات']);
    expect(await attempts(u.id)).toEqual([]);
  });
});

describe('contact details on a profile (API)', () => {
  const patch = (u: { auth: Record<string, string> }, payload: object, lang = 'ar') =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { ...u.auth, 'accept-language': lang }, payload });

  it('refuses them in PATCH /api/v1/me, field by field, and the third attempt opens a moderation case', async () => {
    const u = await signedUpUser(t, 'apileak');
    const bio = await patch(u, { bio: 'واتساب ٠١٠٠ ٢٣٤ ٥٦٧٨' }, 'en');
    expect(bio.statusCode).toBe(400);
    expect(bio.json().code).toBe('trust.contact_info');
    expect(bio.json().errors).toEqual([{ field: 'bio', code: 'trust.contact_info', message: expect.stringContaining('٠١٠٠ ٢٣٤ ٥٦٧٨') }]);
    const name = await patch(u, { displayName: 'علي انستا @ali.designs', bio: 'مصمم منشورات انستقرام' });
    expect(name.statusCode).toBe(400);
    expect(name.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['displayName', 'trust.contact_info'],
    ]);
    expect(await t.services.trust.openCases().then((cs) => cs.filter((c) => c.userId === u.id))).toEqual([]);
    const skills = await patch(u, { skills: ['تصميم', 'ali.designer@gmail.com'] });
    expect(skills.json().errors.map((e: { field: string }) => e.field)).toEqual(['skills']);
    expect((await attempts(u.id)).map(([context]) => context)).toEqual(['profile', 'profile', 'profile']);
    expect((await t.services.trust.openCases()).filter((c) => c.userId === u.id)).toEqual([
      expect.objectContaining({ kind: 'contact_info', status: 'open', data: { attempts: 3 } }),
    ]);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth })).json();
    expect([me.displayName, me.bio, me.skills]).toEqual([u.username, '', []]);
  });

  it('saves a profile that only mentions a platform, and the username still never changes', async () => {
    const u = await signedUpUser(t, 'apiok');
    const ok = await patch(u, { displayName: 'علي', bio: 'مصمم منشورات انستقرام', skills: ['تصميم منشورات انستقرام'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.bio).toBe('مصمم منشورات انستقرام');
    expect(await attempts(u.id)).toEqual([]);
    const rename = await patch(u, { username: 'someone_else' });
    expect(rename.json().code).toBe('account.username_immutable');
  });

  it('refuses contact details in the display name given at sign-up', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { ...newUser('signleak'), acceptTerms: true, displayName: 'علي واتساب 0501234567' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([expect.objectContaining({ field: 'displayName', code: 'trust.contact_info' })]);
  });
});
