import { describe, expect, it } from 'vitest';
import { formsOf, searchDocument, withoutProclitic } from './text.ts';

describe('Arabic words with a particle joined to their front', () => {
  it('are taken off: و ف ب ل ك, alone or before «ال»', () => {
    expect(withoutProclitic('لمخبز')).toBe('مخبز');
    expect(withoutProclitic('وبالتصميم')).toBe('تصميم');
    expect(withoutProclitic('للشركات')).toBe('شركات');
    expect(withoutProclitic('والترجمه')).toBe('ترجمه');
    expect(withoutProclitic('كالمحترفين')).toBe('محترفين');
    // Too short a remainder, a Latin word, or no particle: nothing.
    expect(withoutProclitic('بخط')).toBeNull();
    expect(withoutProclitic('logo')).toBeNull();
    expect(withoutProclitic('تصميم')).toBeNull();
  });

  it('are searched in their bare forms too, and a listing’s text holds the bare form of each such word', () => {
    expect(formsOf('لمخبز')).toEqual(expect.arrayContaining(['لمخبز', 'مخبز', 'المخبز', 'مخبزات']));
    expect(formsOf('مخبز')).toEqual(['مخبز', 'المخبز', 'مخبزات']);
    const doc = searchDocument('هوية بصرية كاملة لمخبز الحارة', 'شعارات', 'تصميم', 'وبالألوان الدافئة');
    expect(doc.startsWith('هويه بصريه كامله لمخبز الحاره شعارات تصميم وبالالوان الدافئه')).toBe(true);
    expect(doc.split(' ')).toEqual(expect.arrayContaining(['مخبز', 'الوان']));
    // A bare form already in the text is not repeated.
    expect(searchDocument('مخبز لمخبز').split(' ')).toEqual(['مخبز', 'لمخبز']);
  });
});
