import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, amountProblem, commissionSplit, detailProblems, percentOf } from './rules.ts';

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
  it('reads dollars with Latin or Arabic digits into cents', async () => {
    const { dollarsToCents } = await import('./rules.ts');
    expect(dollarsToCents('25')).toBe(2500);
    expect(dollarsToCents('25.5')).toBe(2550);
    expect(dollarsToCents('٢٥٫٥٠')).toBe(2550);
    expect(dollarsToCents('$10')).toBe(1000);
    for (const bad of ['', 'abc', '1.234', '-5', '1e3', '10.']) expect(dollarsToCents(bad)).toBeNull();
  });
});
