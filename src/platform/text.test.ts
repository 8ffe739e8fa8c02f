import { describe, expect, it } from 'vitest';
import { normalizeText } from './text.ts';

describe('Arabic normalisation', () => {
  it('strips diacritics and tatweel and unifies letter forms', () => {
    expect(normalizeText('مُصَمِّــم')).toBe('مصمم');
    expect(normalizeText('أحمد إبراهيم آمال')).toBe('احمد ابراهيم امال');
    expect(normalizeText('مستشفى مدرسة')).toBe('مستشفي مدرسه');
  });

  it('turns Arabic-Indic and Persian digits into ASCII and lower-cases Latin', () => {
    expect(normalizeText('٠١٢٣٤٥٦٧٨٩ ۴۵ React')).toBe('0123456789 45 react');
  });
});
