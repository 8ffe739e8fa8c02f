import { describe, expect, it } from 'vitest';
import { serviceProblems, slugOf } from './rules.ts';

const good = {
  title: 'تصميم شعار احترافي لشركتك',
  categoryId: 7,
  description:
    'أصمم لك شعارًا احترافيًا يعبّر عن هوية شركتك، مع ثلاثة مقترحات أولية وتعديلات غير محدودة حتى ترضى، وتسليم بجميع الصيغ المطلوبة للطباعة والويب.',
  priceCents: 2500,
  deliveryDays: 3,
  instructions: '',
  skills: ['شعارات'],
  imageIds: [1],
  addons: [{ title: 'تسليم سريع', priceCents: 1000, extraDays: 0 }],
};

describe('service rules', () => {
  it('accepts a complete service', () => {
    expect(serviceProblems(good, 'submit', true)).toEqual({});
  });

  it('refuses short fields, prices out of range or not whole dollars, and too many add-ons', () => {
    expect(serviceProblems({ ...good, title: 'قصير', description: 'قصير' }, 'submit', true)).toEqual({
      title: 'service.title_length',
      description: 'service.description_length',
    });
    for (const priceCents of [400, 100_100, 2550])
      expect(serviceProblems({ ...good, priceCents }, 'submit', true).priceCents).toBe('service.price_invalid');
    expect(serviceProblems({ ...good, deliveryDays: 91 }, 'submit', true).deliveryDays).toBe('service.days_invalid');
    const addons = Array.from({ length: 11 }, () => good.addons[0]);
    expect(serviceProblems({ ...good, addons }, 'submit', true).addons).toBe('service.too_many_addons');
    expect(serviceProblems({ ...good, addons: [{ title: 'x', priceCents: 450, extraDays: -1 }] }, 'submit', true)).toEqual({
      'addons.0.title': 'service.addon_title_invalid',
      'addons.0.priceCents': 'service.addon_price_invalid',
      'addons.0.extraDays': 'service.addon_days_invalid',
    });
    expect(serviceProblems({ ...good, imageIds: [] }, 'submit', true).images).toBe('service.image_required');
    expect(serviceProblems({ ...good, categoryId: 1 }, 'submit', false).categoryId).toBe('service.category_invalid');
  });

  it('saves an unfinished draft but not an impossible one', () => {
    const draft = { ...good, title: 'مسودة', description: '', priceCents: 0, deliveryDays: 0, imageIds: [], categoryId: null };
    expect(serviceProblems(draft, 'draft', true)).toEqual({});
    expect(serviceProblems({ ...draft, title: 'x'.repeat(101) }, 'draft', true)).toEqual({ title: 'service.title_length' });
  });

  it('makes readable addresses', () => {
    expect(slugOf('تصميم شعار احترافي لشركتك!')).toBe('تصميم-شعار-احترافي-لشركتك');
    expect(slugOf('Logo Design — Pro')).toBe('logo-design-pro');
  });
});
