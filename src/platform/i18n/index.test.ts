import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyRange, formatRef, formatUsername, registerMessages, stripIsolates, translate } from './index.ts';

const LRI = '\u2066';
const PDI = '\u2069';
const plain = (locale: 'ar' | 'en', cents: number, opts = {}) => stripIsolates(formatMoney(locale, cents, opts));

describe('formatMoney', () => {
  it('writes whole dollars without cents, and cents only when the amount is not whole, the same in both languages', () => {
    for (const locale of ['ar', 'en'] as const) {
      expect(plain(locale, 3500)).toBe('$35');
      expect(plain(locale, 125_000)).toBe('$1,250');
      expect(plain(locale, 1250)).toBe('$12.50');
      expect(plain(locale, 1)).toBe('$0.01');
      expect(plain(locale, 0)).toBe('$0');
      expect(plain(locale, -500)).toBe('-$5');
      expect(plain(locale, 500, { signed: true })).toBe('+$5');
      expect(plain(locale, -500, { signed: true })).toBe('-$5');
    }
  });

  it('isolates the amount left to right, with no currency code and no right-to-left mark inside', () => {
    expect(formatMoney('ar', 3500)).toBe(`${LRI}$35${PDI}`);
    expect(formatMoney('en', 3500)).toBe(`${LRI}$35${PDI}`);
    expect(formatMoney('ar', 123_456)).toBe(`${LRI}$1,234.56${PDI}`);
    expect(formatMoney('ar', 3500)).not.toMatch(/US|\u200f|\.00/);
  });

  it('writes a range with one "$" before its lower end, isolated', () => {
    expect(formatMoneyRange('ar', 5000, 10_000)).toBe(`${LRI}$50–100${PDI}`);
    expect(formatMoneyRange('en', 100_000, 250_000)).toBe(`${LRI}$1,000–2,500${PDI}`);
  });

  it('isolates references and usernames', () => {
    expect(formatRef(4)).toBe(`${LRI}#4${PDI}`);
    expect(formatRef(12345)).toBe(`${LRI}#12345${PDI}`);
    expect(formatUsername('ahmad_designs')).toBe(`${LRI}@ahmad_designs${PDI}`);
  });

  it('strips the isolates for machine-read text', () => {
    expect(stripIsolates(`الطلب ${formatRef(4)} بمبلغ ${formatMoney('ar', 3500)}`)).toBe('الطلب #4 بمبلغ $35');
  });
});

describe('translate', () => {
  registerMessages({
    ar: { 'test.fmt.ref': 'الطلب #{id} من @{username}: {count} قطعة، {amount}' },
    en: { 'test.fmt.ref': 'Order #{id} from @{username}: {count} items, {amount}' },
  });

  it('isolates #{…} and @{…} placeholders as a reference and a username', () => {
    const params = { id: 4, username: 'sara', count: 1200, amount: formatMoney('ar', 3500) };
    expect(translate('ar', 'test.fmt.ref', params)).toBe(`الطلب ${LRI}#4${PDI} من ${LRI}@sara${PDI}: 1,200 قطعة، ${LRI}$35${PDI}`);
    expect(translate('en', 'test.fmt.ref', { ...params, id: 1234 })).toBe(
      `Order ${LRI}#1234${PDI} from ${LRI}@sara${PDI}: 1,200 items, ${LRI}$35${PDI}`,
    );
  });

  it('leaves a placeholder without its parameter as written', () => {
    expect(translate('en', 'test.fmt.ref', {})).toBe('Order #{id} from @{username}: {count} items, {amount}');
  });

  it('registers the same texts twice harmlessly, and refuses one key given another text', () => {
    const m = { ar: { 'test.dup.key': 'نص' }, en: { 'test.dup.key': 'text' } };
    registerMessages(m);
    registerMessages(m);
    expect(translate('en', 'test.dup.key')).toBe('text');
    expect(() => registerMessages({ ar: { 'test.dup.key': 'نص آخر' }, en: {} })).toThrow(/test\.dup\.key/);
    expect(translate('ar', 'test.dup.key')).toBe('نص');
  });
});
