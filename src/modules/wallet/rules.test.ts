import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionSplit, parseMoney, percentOf } from '../../platform/money.ts';
import {
  addBusinessDays,
  amountProblem,
  changeSettings,
  DEFAULT_WALLET_SETTINGS,
  detailProblems,
  isLate,
  mayRejectWithdrawal,
  mayRetryDeposit,
  promisedBy,
  topUpCents,
  UNPAID_DEPOSIT_EXPIRES_MS,
} from './rules.ts';

describe('money rules', () => {
  it('takes 10% commission rounded half up, and the two parts always add up to the gross', () => {
    expect(commissionSplit(5000, 1000)).toEqual({ feeCents: 500, netCents: 4500 });
    expect(commissionSplit(505, 1000)).toEqual({ feeCents: 51, netCents: 454 });
    expect(commissionSplit(504, 1000)).toEqual({ feeCents: 50, netCents: 454 });
    expect(percentOf(5, 1000)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), fc.integer({ min: 0, max: 10000 }), (gross, bp) => {
        const { feeCents, netCents } = commissionSplit(gross, bp);
        return feeCents + netCents === gross && feeCents >= 0 && netCents >= 0 && Number.isInteger(feeCents);
      }),
    );
  });

  it('accepts only positive whole cents', () => {
    expect(amountProblem(1000)).toBeNull();
    for (const bad of [0, -5, 10.5, '1000', null, Number.NaN, 2 ** 60]) expect(amountProblem(bad)).toBe('wallet.amount_invalid');
  });

  it('checks payout details by method', () => {
    expect(detailProblems('paypal', { email: 'x' })).toEqual({ email: 'account.email_invalid' });
    expect(detailProblems('vodafone_cash', { phone: '01012345678' })).toEqual({});
    expect(detailProblems('bank_transfer', { iban: 'EG380019000500000000263180002', name: 'سارة', bank: 'CIB' })).toEqual({});
    expect(detailProblems('bank_transfer', {})).toEqual({
      iban: 'wallet.detail_required',
      name: 'wallet.detail_required',
      bank: 'wallet.detail_required',
    });
    expect(detailProblems('egypt_post', { name: 'منى', nationalId: '123' })).toEqual({ nationalId: 'wallet.national_id_invalid' });
  });

  it('counts business days Sunday to Thursday', () => {
    // Thursday 2026-11-26 + 1 business day = Sunday 2026-11-29.
    expect(addBusinessDays(new Date('2026-11-26T12:00:00Z'), 1).toISOString()).toBe('2026-11-29T12:00:00.000Z');
    expect(addBusinessDays(new Date('2026-11-22T00:00:00Z'), 30).toISOString()).toBe('2027-01-03T00:00:00.000Z');
  });
});

describe('amounts typed in forms', () => {
  it('reads dollars with Latin or Arabic digits into cents (the wallet forms read them with platform/money)', () => {
    expect(parseMoney('25')).toBe(2500);
    expect(parseMoney('25.5')).toBe(2550);
    expect(parseMoney('٢٥٫٥٠')).toBe(2550);
    expect(parseMoney('$10')).toBe(1000);
    for (const bad of ['', 'abc', '1.234', '-5', '1e3', '10.']) expect(parseMoney(bad)).toBeNull();
  });
});

describe('a change to the settings (the one check of the settings page and the API)', () => {
  const current = DEFAULT_WALLET_SETTINGS;

  it('applies any subset over the settings in force', () => {
    expect(changeSettings(current, {})).toEqual({ ok: true, settings: current });
    expect(changeSettings(current, { minDepositCents: 1000, withdrawalMethods: ['paypal', 'paypal', 'egypt_post'] })).toEqual({
      ok: true,
      settings: { ...current, minDepositCents: 1000, withdrawalMethods: ['paypal', 'egypt_post'] },
    });
    expect(changeSettings(current, { commissionBp: 0, freezeReleaseBusinessDays: 0, manualDepositMethods: [] })).toMatchObject({
      ok: true,
    });
    expect(changeSettings(current, { commissionBp: 5000, freezeReleaseBusinessDays: 365, maxDepositCents: 100_000_000 })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [{ minDepositCents: 99 }, { minDepositCents: 'settings.amount_invalid' }],
    [{ minDepositCents: 100_001 }, { minDepositCents: 'settings.amount_invalid' }],
    [{ minDepositCents: 500.5 }, { minDepositCents: 'settings.amount_invalid' }],
    [{ minDepositCents: null }, { minDepositCents: 'settings.amount_invalid' }],
    [{ minWithdrawalCents: '1000' }, { minWithdrawalCents: 'settings.amount_invalid' }],
    [{ maxDepositCents: 100_000_001 }, { maxDepositCents: 'settings.amount_invalid' }],
    [{ commissionBp: 5001 }, { commissionBp: 'settings.percent_invalid' }],
    [{ commissionBp: -1 }, { commissionBp: 'settings.percent_invalid' }],
    [{ freezeReleaseBusinessDays: 366 }, { freezeReleaseBusinessDays: 'settings.days_invalid' }],
    [{ withdrawalMethods: [] }, { withdrawalMethods: 'settings.methods_required' }],
    [{ withdrawalMethods: ['paypal', 'western_union'] }, { withdrawalMethods: 'validation.field_invalid' }],
    [{ manualDepositMethods: ['paypal'] }, { manualDepositMethods: 'validation.field_invalid' }],
    [{ manualDepositMethods: 'bank_transfer' }, { manualDepositMethods: 'validation.field_invalid' }],
    [{ minDepositCents: 50_000, maxDepositCents: 10_000 }, { maxDepositCents: 'settings.amount_invalid' }],
    [{ maxDepositCents: 400 }, { maxDepositCents: 'settings.amount_invalid' }],
  ])('refuses %j with %j', (patch, fields) => {
    expect(changeSettings(current, patch)).toEqual({ ok: false, fields });
  });

  it('names the minimum when only the minimum went above the maximum in force', () => {
    expect(changeSettings({ ...current, maxDepositCents: 10_000 }, { minDepositCents: 50_000 })).toEqual({
      ok: false,
      fields: { minDepositCents: 'settings.amount_invalid' },
    });
  });
});

describe('an unpaid top-up', () => {
  it('expires a day after it was made', () => {
    expect(UNPAID_DEPOSIT_EXPIRES_MS).toBe(24 * 60 * 60 * 1000);
  });

  it.each([
    ['sandbox', 'pending', true],
    ['stripe', 'pending', true],
    ['sandbox', 'failed', true],
    ['stripe', 'expired', true],
    ['sandbox', 'paid', false],
    ['stripe', 'rejected', false],
    ['bank_transfer', 'pending', false],
    ['vodafone_cash', 'failed', false],
  ])('through %s, %s: may be tried again → %s', (method, status, allowed) => {
    expect(mayRetryDeposit({ method, status })).toBe(allowed);
  });
});

describe('top-up', () => {
  it('tops a short balance up by the difference, at least the minimum deposit', () => {
    expect(topUpCents(500, 500)).toBe(500);
    expect(topUpCents(1500, 500)).toBe(1500);
    expect(topUpCents(1500, 2000)).toBe(2000);
    expect(topUpCents(1, 2000)).toBe(2000);
  });
});

describe('a withdrawal’s promise, lateness and rejection', () => {
  const wed = new Date('2026-11-25T10:00:00Z');
  it('promises the method’s business days from the request, skipping Friday and Saturday; 0 promises nothing', () => {
    const s = DEFAULT_WALLET_SETTINGS;
    expect(promisedBy(wed, 'paypal', s)?.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(promisedBy(wed, 'vodafone_cash', s)?.toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(promisedBy(wed, 'bank_transfer', s)?.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(promisedBy(wed, 'egypt_post', s)?.toISOString()).toBe('2026-12-06T10:00:00.000Z');
    expect(promisedBy(wed, 'paypal', { payoutDays: { ...s.payoutDays, paypal: 0 } })).toBeNull();
  });
  it('is late only while not sent nor rejected, past its promise', () => {
    const promised = new Date('2026-11-26T10:00:00Z');
    const after = new Date('2026-11-26T10:00:01Z');
    expect(isLate({ status: 'requested', promisedBy: promised }, after)).toBe(true);
    expect(isLate({ status: 'approved', promisedBy: promised }, after)).toBe(true);
    expect(isLate({ status: 'approved', promisedBy: promised }, promised)).toBe(false);
    expect(isLate({ status: 'paid', promisedBy: promised }, after)).toBe(false);
    expect(isLate({ status: 'rejected', promisedBy: promised }, after)).toBe(false);
    expect(isLate({ status: 'requested', promisedBy: null }, after)).toBe(false);
  });
  it('may be rejected while requested or sent by hand, or after a provider failed — never while a provider sends it', () => {
    const w = (status: string, provider: string | null, providerError: string | null = null) => ({ status, provider, providerError });
    expect(mayRejectWithdrawal(w('requested', null))).toBe(true);
    expect(mayRejectWithdrawal(w('approved', 'manual'))).toBe(true);
    expect(mayRejectWithdrawal(w('approved', 'paypal_payouts'))).toBe(false);
    expect(mayRejectWithdrawal(w('approved', 'paypal_payouts', 'timeout'))).toBe(true);
    expect(mayRejectWithdrawal(w('paid', 'manual'))).toBe(false);
    expect(mayRejectWithdrawal(w('rejected', null))).toBe(false);
  });
  it('checks the promised days by method: whole numbers 0–60, known methods, the others kept', () => {
    const r = changeSettings(DEFAULT_WALLET_SETTINGS, { payoutDays: { paypal: 60, egypt_post: 0 } });
    expect(r).toEqual({
      ok: true,
      settings: { ...DEFAULT_WALLET_SETTINGS, payoutDays: { ...DEFAULT_WALLET_SETTINGS.payoutDays, paypal: 60, egypt_post: 0 } },
    });
    expect(changeSettings(DEFAULT_WALLET_SETTINGS, { payoutDays: { paypal: 61, bank_transfer: 1.5 } })).toEqual({
      ok: false,
      fields: { 'payoutDays.paypal': 'settings.payout_days_invalid', 'payoutDays.bank_transfer': 'settings.payout_days_invalid' },
    });
    expect(changeSettings(DEFAULT_WALLET_SETTINGS, { payoutDays: { western_union: 2 } })).toEqual({
      ok: false,
      fields: { payoutDays: 'validation.field_invalid' },
    });
    expect(changeSettings(DEFAULT_WALLET_SETTINGS, { payoutDays: [3] })).toEqual({
      ok: false,
      fields: { payoutDays: 'validation.field_invalid' },
    });
  });
});
