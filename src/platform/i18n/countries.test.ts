import { describe, expect, it } from 'vitest';
import { countriesFor, countryName, isCountryCode, resolveCountry } from './countries.ts';
import { COUNTRY_ROWS } from './countries-data.ts';

describe('the country list', () => {
  it('holds every ISO 3166-1 country once, named in Arabic and English, the 22 Arab League members marked', () => {
    expect(COUNTRY_ROWS).toHaveLength(249);
    expect(new Set(COUNTRY_ROWS.map((c) => c.code)).size).toBe(249);
    for (const c of COUNTRY_ROWS) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.ar, c.code).toMatch(/[\u0600-\u06FF]/);
      expect(c.en, c.code).toMatch(/[A-Za-z]/);
    }
    expect(COUNTRY_ROWS.filter((c) => c.arab).map((c) => c.code)).toHaveLength(22);
    expect(isCountryCode('EG')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(countryName('ar', 'PS')).toBe('فلسطين');
    expect(countryName('en', 'eg')).toBe('Egypt');
  });

  it('lists the Arab countries first, then the rest, each in the language’s order', () => {
    const ar = countriesFor('ar');
    expect(ar).toHaveLength(249);
    expect(ar.slice(0, 22).every((c) => c.arab)).toBe(true);
    expect(ar[0].name).toBe('الأردن');
    expect(ar.find((c) => c.code === 'EG')).toMatchObject({ name: 'مصر', other: 'Egypt' });
    const en = countriesFor('en');
    expect(en[0].name).toBe('Algeria');
    expect(en[22].name).toBe('Afghanistan');
  });

  it('reads a code or a name typed in either language, and nothing else', () => {
    for (const typed of ['مصر', 'Egypt', 'egypt', ' EGYPT ', 'EG', 'eg']) expect(resolveCountry(typed), typed).toBe('EG');
    expect(resolveCountry('السعوديه')).toBe('SA');
    expect(resolveCountry('المملكة العربية السعودية')).toBe('SA');
    expect(resolveCountry('الامارات')).toBe('AE');
    expect(resolveCountry('United Arab Emirates')).toBe('AE');
    expect(resolveCountry('Palestine')).toBe('PS');
    expect(resolveCountry('أمريكا')).toBe('US');
    expect(resolveCountry('')).toBeUndefined();
    expect(resolveCountry(undefined)).toBeUndefined();
    for (const bad of ['XX', 'Narnia', 'نارنيا', 'United', 'x']) expect(resolveCountry(bad), bad).toBeNull();
  });
});
