import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, makeTestApp, PageClient, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';

/**
 * Country is picked from the list of every ISO country, typed by its name in Arabic or English (or given as its
 * code), and stored as the ISO 3166-1 alpha-2 code: on the profile form, the freelancers directory's filter and
 * the API; an unknown one is refused with a translated message, keeping what was typed.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signedIn(prefix: string) {
  const u = await signedUpUser(t, prefix);
  const b = new PageClient(t.app);
  await b.get('/login');
  await b.post('/login', { login: u.username, password: u.password });
  return { u, b };
}
const profile = (country: string) => ({ displayName: 'سارة', bio: '', country, skills: 'تصميم', languages: 'العربية', locale: 'ar' });

describe('the profile form', () => {
  it('offers every country in a list (Arab countries first) and shows the saved one by its name', async () => {
    const { u, b } = await signedIn('cform');
    const page = await b.get('/account');
    expect(page.body).toMatch(/<input[^>]*name="country"[^>]*list="f-country-list"/);
    const options = [...page.body.matchAll(/<option value="([^"]+)" label="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(options).toHaveLength(249);
    expect(options[0]).toEqual(['الأردن', 'Jordan · JO']);
    expect(options).toContainEqual(['مصر', 'Egypt · EG']);
    expect(await b.post('/account', profile('مصر'))).toMatchObject({ statusCode: 303 });
    expect((await t.services.accounts.byUsername(u.username))?.country).toBe('EG');
    expect(inputValue((await b.get('/account')).body, 'country')).toBe('مصر');
    expect(inputValue((await b.get('/en/account')).body, 'country')).toBe('Egypt');
    expect((await b.get(`/en/u/${u.username}`)).body).toContain('Egypt');
  });

  it('takes the English name on the Arabic page and the code, and clears it when emptied', async () => {
    const { u, b } = await signedIn('cname');
    await b.get('/account');
    await b.post('/account', profile('saudi arabia'));
    expect((await t.services.accounts.byUsername(u.username))?.country).toBe('SA');
    await b.post('/account', profile('jo'));
    expect((await t.services.accounts.byUsername(u.username))?.country).toBe('JO');
    await b.post('/account', profile(''));
    expect((await t.services.accounts.byUsername(u.username))?.country).toBeNull();
  });

  it('refuses a country that does not exist, in the page’s language, keeping what was typed', async () => {
    const { u, b } = await signedIn('cbad');
    await b.get('/en/account');
    const r = await b.post('/en/account', profile('Narnia'));
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-country')).toBe(
      'We know no country by that name. Pick your country from the list, like Egypt or Saudi Arabia.',
    );
    expect(inputValue(r.body, 'country')).toBe('Narnia');
    expect(inputValue(r.body, 'displayName')).toBe('سارة');
    const ar = await b.post('/account', profile('XX'));
    expect(testId(ar.body, 'error-country')).toBe('لا نعرف دولة بهذا الاسم. اختر دولتك من القائمة، مثل مصر أو السعودية.');
    expect((await t.services.accounts.byUsername(u.username))?.country).toBeNull();
  });
});

describe('the API', () => {
  it('stores the code, and refuses an unknown country with account.country_invalid', async () => {
    const u = await signedUpUser(t, 'capi');
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.auth, payload: { country: 'ma' } });
    expect(ok.json().user.country).toBe('MA');
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.auth, payload: { country: 'XX' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'country', code: 'account.country_invalid' })]);
  });
});

describe('the freelancers directory', () => {
  it('filters by a country typed in Arabic or English or given as its code, and says when none fits', async () => {
    const { u, b } = await signedIn('cdir');
    await b.get('/account');
    await b.post('/account', profile('مصر'));
    const { u: other, b: ob } = await signedIn('cdir2');
    await ob.get('/account');
    await ob.post('/account', profile('Jordan'));
    for (const q of ['مصر', 'Egypt', 'EG']) {
      const r = await new PageClient(t.app).get(`/freelancers?country=${encodeURIComponent(q)}`);
      expect(r.statusCode, q).toBe(200);
      expect(r.body, q).toContain(`href="/u/${u.username}"`);
      expect(r.body, q).not.toContain(`href="/u/${other.username}"`);
      expect(inputValue(r.body, 'country'), q).toBe(q === 'EG' ? 'مصر' : q);
    }
    const none = await new PageClient(t.app).get('/en/freelancers?country=Narnia');
    expect(none.statusCode).toBe(400);
    expect(testId(none.body, 'error-country')).toBe(
      'We know no country by that name. Pick your country from the list, like Egypt or Saudi Arabia.',
    );
    expect(inputValue(none.body, 'country')).toBe('Narnia');
  });
});
