import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { DEFAULT_WALLET_SETTINGS } from './rules.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof staffUser>>;
beforeAll(async () => {
  t = await makeTestApp();
  admin = await staffUser(t, ['admin'], 'setapi');
});
afterAll(async () => {
  await t.close();
});

type Auth = { auth: Record<string, string> } | null;
const getSettings = (u: Auth) => t.app.inject({ method: 'GET', url: '/api/v1/admin/settings', headers: u?.auth ?? {} });
const patchSettings = (u: Auth, payload: unknown) =>
  t.app.inject({ method: 'PATCH', url: '/api/v1/admin/settings', headers: u?.auth ?? {}, payload: payload as object });
const fieldErrors = (r: { json(): { errors?: { field: string; code: string }[] } }) =>
  Object.fromEntries((r.json().errors ?? []).map((e) => [e.field, e.code]));
const settingsAudits = async () => {
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/v1/admin/audit?actor=${admin.id}&action=settings.update&limit=100`,
    headers: admin.auth,
  });
  expect(r.statusCode).toBe(200);
  return r.json().items as { action: string; targetType: string; targetId: string; data: Record<string, unknown> }[];
};

describe('the wallet settings through the API (admins only)', () => {
  it('shows the settings in force to an admin: cents, basis points, days and the method lists', async () => {
    const r = await getSettings(admin);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      minDepositCents: 500,
      minWithdrawalCents: 1000,
      maxDepositCents: 1_000_000,
      commissionBp: 1000,
      freezeReleaseBusinessDays: 30,
      withdrawalMethods: ['paypal', 'bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash', 'egypt_post'],
      manualDepositMethods: ['bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash'],
      payoutDays: { paypal: 2, bank_transfer: 5, vodafone_cash: 1, orange_cash: 1, etisalat_cash: 1, egypt_post: 7 },
    });
  });

  it('refuses without a token (401) and for other staff and users (403), whatever the body, changing nothing', async () => {
    const finance = await staffUser(t, ['finance'], 'setfin');
    const moderator = await staffUser(t, ['moderator'], 'setmod');
    const support = await staffUser(t, ['support'], 'setsup');
    const user = await signedUpUser(t, 'setusr');
    const before = (await settingsAudits()).length;
    for (const body of [{ minDepositCents: 700 }, { minDepositCents: 'lots' }, { nonsense: true }]) {
      for (const [who, status] of [
        [null, 401],
        [finance, 403],
        [moderator, 403],
        [support, 403],
        [user, 403],
      ] as const) {
        const r = await patchSettings(who, body);
        expect(r.statusCode).toBe(status);
        expect(r.json().code).toBe(status === 401 ? 'auth.required' : 'auth.forbidden');
      }
    }
    for (const [who, status] of [
      [null, 401],
      [finance, 403],
      [moderator, 403],
      [user, 403],
    ] as const)
      expect((await getSettings(who)).statusCode).toBe(status);
    expect((await getSettings(admin)).json().minDepositCents).toBe(500);
    expect((await settingsAudits()).length).toBe(before);
  });

  it('refuses values outside the settings page’s limits with each field’s code, changing nothing', async () => {
    const before = (await settingsAudits()).length;
    const bad = await patchSettings(admin, {
      minDepositCents: 99,
      maxDepositCents: 100_000_001,
      minWithdrawalCents: 100_001,
      commissionBp: 5001,
      freezeReleaseBusinessDays: 366,
      withdrawalMethods: [],
      manualDepositMethods: ['paypal'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation.failed');
    expect(fieldErrors(bad)).toEqual({
      minDepositCents: 'settings.amount_invalid',
      maxDepositCents: 'settings.amount_invalid',
      minWithdrawalCents: 'settings.amount_invalid',
      commissionBp: 'settings.percent_invalid',
      freezeReleaseBusinessDays: 'settings.days_invalid',
      withdrawalMethods: 'settings.methods_required',
      manualDepositMethods: 'validation.field_invalid',
    });
    const above = await patchSettings(admin, { minDepositCents: 50_000, maxDepositCents: 10_000 });
    expect(fieldErrors(above)).toEqual({ maxDepositCents: 'settings.amount_invalid' });
    const unknownMethod = await patchSettings(admin, { withdrawalMethods: ['paypal', 'western_union'] });
    expect(fieldErrors(unknownMethod)).toEqual({ withdrawalMethods: 'validation.field_invalid' });
    const wrongType = await patchSettings(admin, { commissionBp: 12.5 });
    expect(wrongType.statusCode).toBe(400);
    expect(fieldErrors(wrongType)).toEqual({ commissionBp: 'validation.field_invalid' });
    const unknownField = await patchSettings(admin, { clearanceDays: 3 });
    expect(unknownField.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(await (await getSettings(admin)).json()).toMatchObject({ minDepositCents: 500, commissionBp: 1000 });
    expect((await settingsAudits()).length).toBe(before);
  });

  it('changes any subset, answers all the settings, audits it as the page does, and deposits follow at once', async () => {
    const r = await patchSettings(admin, { minDepositCents: 2000, commissionBp: 1250, withdrawalMethods: ['paypal', 'bank_transfer'] });
    expect(r.statusCode).toBe(200);
    const after = {
      ...DEFAULT_WALLET_SETTINGS,
      minDepositCents: 2000,
      commissionBp: 1250,
      withdrawalMethods: ['paypal', 'bank_transfer'],
    };
    expect(r.json()).toEqual(after);
    expect((await getSettings(admin)).json()).toEqual(after);
    expect(await t.services.wallet.settings()).toEqual(after);

    const [row] = await settingsAudits();
    expect(row).toMatchObject({ action: 'settings.update', targetType: 'setting', targetId: 'wallet' });
    expect(row.data).toEqual({ before: DEFAULT_WALLET_SETTINGS, after });

    const u = await signedUpUser(t, 'setdep');
    const deposit = (amountCents: number, k: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/wallet/deposits',
        headers: { ...u.auth, 'idempotency-key': k },
        payload: { amountCents, method: 'sandbox' },
      });
    const below = await deposit(1999, 'set-below');
    expect(below.statusCode).toBe(400);
    expect(fieldErrors(below)).toEqual({ amountCents: 'wallet.below_min_deposit' });
    expect((await deposit(2000, 'set-at')).statusCode).toBe(201);

    // The page shows what the API set, and its own form goes through the same check.
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: admin.username, password: admin.password });
    const page = await b.get('/admin/settings');
    expect(page.body).toMatch(/name="minDeposit"[^>]*value="20"/);
    expect(page.body).toMatch(/name="commissionPercent"[^>]*value="12.5"/);
    const base = {
      minDeposit: '٢٠',
      maxDeposit: '10,000',
      minWithdrawal: '10',
      commissionPercent: '12.5',
      freezeReleaseBusinessDays: '30',
    };
    const bad = await b.post('/admin/settings', {
      ...base,
      minDeposit: '20.999',
      withdrawalMethods: ['', 'paypal'],
      manualDepositMethods: [''],
    });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-minDeposit')).toBe('مبلغ غير صالح لهذا الإعداد.');
    const ok = await b.post('/admin/settings', {
      ...base,
      withdrawalMethods: ['', ...DEFAULT_WALLET_SETTINGS.withdrawalMethods],
      manualDepositMethods: ['', ...DEFAULT_WALLET_SETTINGS.manualDepositMethods],
    });
    expect(ok.statusCode).toBe(303);
    expect((await getSettings(admin)).json()).toEqual({ ...DEFAULT_WALLET_SETTINGS, minDepositCents: 2000, commissionBp: 1250 });
    expect((await settingsAudits()).length).toBe(2);
  });

  it('sets the promised business days by method (0–60), on the API and the page alike, each method on its own', async () => {
    const before = (await settingsAudits()).length;
    const bad = await patchSettings(admin, { payoutDays: { paypal: 61, bank_transfer: -1, egypt_post: 7 } });
    expect(bad.statusCode).toBe(400);
    expect(fieldErrors(bad)).toEqual({
      'payoutDays.paypal': 'settings.payout_days_invalid',
      'payoutDays.bank_transfer': 'settings.payout_days_invalid',
    });
    const fraction = await patchSettings(admin, { payoutDays: { egypt_post: 2.5 } });
    expect(fraction.statusCode).toBe(400);
    const unknown = await patchSettings(admin, { payoutDays: { western_union: 3 } });
    expect(unknown.statusCode).toBe(400);
    expect((await settingsAudits()).length).toBe(before);

    const r = await patchSettings(admin, { payoutDays: { paypal: 0, egypt_post: 60 } });
    expect(r.statusCode).toBe(200);
    expect(r.json().payoutDays).toEqual({
      paypal: 0,
      bank_transfer: 5,
      vodafone_cash: 1,
      orange_cash: 1,
      etisalat_cash: 1,
      egypt_post: 60,
    });

    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: admin.username, password: admin.password });
    const page = await b.get('/admin/settings');
    expect(page.body).toMatch(/name="payoutDays_egypt_post"[^>]*value="60"/);
    const current = (await getSettings(admin)).json();
    const form = {
      minDeposit: String(current.minDepositCents / 100),
      maxDeposit: String(current.maxDepositCents / 100),
      minWithdrawal: String(current.minWithdrawalCents / 100),
      commissionPercent: String(current.commissionBp / 100),
      freezeReleaseBusinessDays: String(current.freezeReleaseBusinessDays),
      withdrawalMethods: ['', ...current.withdrawalMethods],
      manualDepositMethods: ['', ...current.manualDepositMethods],
      payoutDays_paypal: '٣',
      payoutDays_bank_transfer: '5',
      payoutDays_vodafone_cash: '1',
      payoutDays_orange_cash: '1',
      payoutDays_etisalat_cash: '1',
      payoutDays_egypt_post: '61',
    };
    const refused = await b.post('/admin/settings', form);
    expect(refused.statusCode).toBe(400);
    expect(testId(refused.body, 'error-payoutDays_egypt_post')).toBe('عدد أيام عمل من 0 إلى 60.');
    expect(refused.body).toMatch(/name="payoutDays_paypal"[^>]*value="٣"/);
    const ok = await b.post('/admin/settings', { ...form, payoutDays_egypt_post: '7' });
    expect(ok.statusCode).toBe(303);
    expect((await getSettings(admin)).json().payoutDays).toEqual({
      paypal: 3,
      bank_transfer: 5,
      vodafone_cash: 1,
      orange_cash: 1,
      etisalat_cash: 1,
      egypt_post: 7,
    });
  });
});
