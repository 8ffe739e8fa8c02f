import { describe, expect, it } from 'vitest';
import { MODULES, registerModules } from '../../app.ts';
import { catalogue, plural, translate } from '../../platform/i18n/index.ts';

registerModules();
const FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const ar = catalogue('ar');
const en = catalogue('en');

/** Plural families: a base key with two or more of the forms (`report.reason.other` alone is a reason, not a count). */
function families(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const k of Object.keys(ar)) {
    const m = /^(.*)\.(zero|one|two|few|many|other)$/.exec(k);
    if (!m) continue;
    const forms = out.get(m[1]) ?? new Set<string>();
    forms.add(m[2]);
    out.set(m[1], forms);
  }
  for (const [base, forms] of out) if (forms.size < 2) out.delete(base);
  return out;
}
const isPluralForm = (k: string) => families().has(k.replace(/\.(zero|one|two|few|many|other)$/, ''));

/**
 * Messages whose number is not a count of a noun that changes with it: ordinals ("الصورة 3"), totals in brackets
 * ("العروض (5)"), sizes, ratings, ranges without a noun, "{used} of {limit}", a number already written with its noun
 * by the caller (service.extra_days gets `plural(…'service.days'…)`), and fixed limits written once ("5000 حرف").
 */
const NOT_COUNTS = new Set([
  'file.too_large',
  'file.too_many_pixels',
  'messaging.size_kb',
  'messaging.size_mb',
  'policy.version',
  // "2 of 3" under its label («التعديلات المتبقية»): a fraction, not a count of a noun.
  'order.revisions_left',
  'browse.rating_atleast',
  'service.image_alt',
  'service.open_image',
  'service.extra_days',
  'profile.services_title',
  'profile.stat_rating',
  'people.reviews_as_seller',
  'people.reviews_as_buyer',
  'publish.allowance',
  'publish.image_alt',
  'publish.addon_n',
  'messaging.files_only',
  'order.quantity_invalid',
  'bid.list_title',
  'bid.files',
  'bid.slots',
  'bid.in_days',
  'bid.proposal_length',
  'bid.limit_reached',
  'trust.contact_info',
]);
/** Placeholders that hold a count or a limit of something. */
const COUNTING = /\{(count|n|days|hours|minutes|min|max|limit|used)\}/;
/** The start of a range whose noun follows its end ("من {min} إلى {max:count.characters}"): written with that noun. */
const RANGE_START = /\{\w+\} (?:إلى|to) \{\w+:[\w.]+\}/g;
const bareCount = (v: string) => COUNTING.test(v.replace(RANGE_START, ''));

describe('counts in the message catalogues', () => {
  it('every plural family has the six Arabic forms and the same forms in English', () => {
    const incomplete = [...families()]
      .filter(([base]) => FORMS.some((f) => !(`${base}.${f}` in ar) || !(`${base}.${f}` in en)))
      .map(([base, forms]) => `${base}: ${[...forms].join(',')}`);
    expect(incomplete).toEqual([]);
  });

  it('every message with a count writes it through a plural family (or is known not to count a noun)', () => {
    const bare = Object.entries(ar)
      .filter(([k, v]) => !isPluralForm(k) && bareCount(v) && !NOT_COUNTS.has(k))
      .map(([k, v]) => `${k}: ${v}`);
    expect(bare).toEqual([]);
    // The list of exceptions holds only messages that exist.
    expect([...NOT_COUNTS].filter((k) => !(k in ar))).toEqual([]);
  });

  it('every {name:family} placeholder names a plural family (or money, or duration)', () => {
    const fams = families();
    const wrong: string[] = [];
    for (const cat of [ar, en])
      for (const [k, v] of Object.entries(cat))
        for (const m of v.matchAll(/\{\w+:([\w.]+)\}/g))
          if (m[1] !== 'money' && m[1] !== 'duration' && !fams.has(m[1])) wrong.push(`${k}: ${m[1]}`);
    expect(wrong).toEqual([]);
  });

  it('writes the Arabic forms by the number: يوم واحد، يومان، 3 أيام، 11 يومًا، 100 يوم', () => {
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map((n) => plural('ar', 'count.days', n))).toEqual([
      '0 يوم',
      'يوم واحد',
      'يومان',
      '3 أيام',
      '10 أيام',
      '11 يومًا',
      '99 يومًا',
      '100 يوم',
      '102 يوم',
    ]);
    expect(translate('ar', 'order.left', { days: 3, hours: 2 })).toBe('متبقٍ 3 أيام وساعتان');
    expect(translate('ar', 'order.left', { days: 1, hours: 11 })).toBe('متبقٍ يوم واحد و11 ساعة');
    expect(translate('en', 'order.left', { days: 1, hours: 5 })).toBe('1 day 5 hours left');
    expect(translate('ar', 'reports.count', { n: 2 })).toBe('بلاغان');
    expect(translate('ar', 'wallet.below_min_deposit', { min: 500 })).toBe('أقل مبلغ للشحن \u2066$5\u2069.');
  });

  it('registers every module’s messages (the families above see them all)', () => {
    expect(MODULES.length).toBeGreaterThan(5);
  });
});
