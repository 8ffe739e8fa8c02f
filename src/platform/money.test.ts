import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionSplit, orderTotalCents, parseMoney, percentOf } from './money.ts';

describe('parseMoney: what a person types as dollars → cents', () => {
  it.each([
    ['25', 2500],
    ['25.5', 2550],
    ['25.50', 2550],
    ['٢٥', 2500],
    ['٢٥٫٥٠', 2550],
    ['۲۵٫۵', 2550],
    ['25,5', 2550],
    ['25,50', 2550],
    ['$25', 2500],
    ['25$', 2500],
    ['  25  ', 2500],
    ['1,000', 100_000],
    ['١٬٠٠٠', 100_000],
    ['1 000', 100_000],
    ['1,000.25', 100_025],
    ['١٬٢٣٤٫٥', 123_450],
    ['0', 0],
    ['0.01', 1],
  ])('%s → %i cents', (typed, cents) => {
    expect(parseMoney(typed)).toBe(cents);
  });

  it.each([
    '',
    '   ',
    'abc',
    '12.345',
    '1,00,0',
    '12,3456',
    '-5',
    '1e3',
    '0x10',
    'Infinity',
    '25.',
    '.5',
    '1,000,00',
    '9999999999',
    '٢٥ دولار',
  ])('refuses %j', (typed) => {
    expect(parseMoney(typed)).toBeNull();
  });

  it('takes whole dollars only when asked', () => {
    expect(parseMoney('25', { whole: true })).toBe(2500);
    expect(parseMoney('25.00', { whole: true })).toBe(2500);
    expect(parseMoney('٢٥٫٠', { whole: true })).toBe(2500);
    expect(parseMoney('25.50', { whole: true })).toBeNull();
    expect(parseMoney(undefined, { whole: true })).toBeNull();
  });

  it('reads back every amount written the way the site writes it, in both digit sets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (cents) => {
        const latin = (cents / 100).toFixed(2);
        const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(cents / 100);
        const arabic = new Intl.NumberFormat('ar-EG', { minimumFractionDigits: 2 }).format(cents / 100);
        expect(parseMoney(latin)).toBe(cents);
        expect(parseMoney(grouped)).toBe(cents);
        expect(parseMoney(arabic)).toBe(cents);
      }),
    );
  });
});

describe('totals and commission', () => {
  it('an order total is (price + add-ons) × quantity', () => {
    expect(orderTotalCents(2500, [1000, 500], 3)).toBe(12000);
    expect(orderTotalCents(500, [], 1)).toBe(500);
  });

  it('the commission rounds half up and the seller gets the rest, to the cent', () => {
    expect(commissionSplit(5000, 1000)).toEqual({ feeCents: 500, netCents: 4500 });
    expect(commissionSplit(505, 1000)).toEqual({ feeCents: 51, netCents: 454 });
    expect(commissionSplit(504, 1000)).toEqual({ feeCents: 50, netCents: 454 });
    expect(percentOf(5, 1000)).toBe(1);
    expect(percentOf(4, 1000)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.integer({ min: 0, max: 10_000 }), (gross, bp) => {
        const { feeCents, netCents } = commissionSplit(gross, bp);
        expect(feeCents + netCents).toBe(gross);
        expect(feeCents).toBeGreaterThanOrEqual(0);
        expect(feeCents).toBeLessThanOrEqual(gross);
      }),
    );
  });
});
