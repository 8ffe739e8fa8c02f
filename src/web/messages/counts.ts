// Counted nouns the whole site writes, in the six Arabic plural forms (Intl.PluralRules: zero, one, two, few 3–10,
// many 11–99, other 100+ and fractions). A message names one in its placeholder: "متبقٍ {days:count.days}" →
// "متبقٍ يومان" / "متبقٍ 3 أيام" / "متبقٍ 11 يومًا" (platform/i18n translate).
const forms = (key: string, f: [zero: string, one: string, two: string, few: string, many: string, other: string]) =>
  Object.fromEntries(['zero', 'one', 'two', 'few', 'many', 'other'].map((form, i) => [`${key}.${form}`, f[i]]));

export const countsAr: Record<string, string> = {
  ...forms('count.days', ['{count} يوم', 'يوم واحد', 'يومان', '{count} أيام', '{count} يومًا', '{count} يوم']),
  ...forms('count.hours', ['{count} ساعة', 'ساعة واحدة', 'ساعتان', '{count} ساعات', '{count} ساعة', '{count} ساعة']),
  ...forms('count.minutes', ['{count} دقيقة', 'دقيقة واحدة', 'دقيقتان', '{count} دقائق', '{count} دقيقة', '{count} دقيقة']),
  ...forms('count.characters', ['{count} حرف', 'حرف واحد', 'حرفان', '{count} أحرف', '{count} حرفًا', '{count} حرف']),
  ...forms('count.attachments', ['{count} مرفق', 'مرفق واحد', 'مرفقان', '{count} مرفقات', '{count} مرفقًا', '{count} مرفق']),
  ...forms('count.services', ['{count} خدمة', 'خدمة واحدة', 'خدمتان', '{count} خدمات', '{count} خدمة', '{count} خدمة']),
  ...forms('count.live_services', [
    'لا خدمات منشورة',
    'خدمة منشورة واحدة',
    'خدمتان منشورتان',
    '{count} خدمات منشورة',
    '{count} خدمة منشورة',
    '{count} خدمة منشورة',
  ]),
  ...forms('count.completed_orders', [
    'لا طلبات مكتملة',
    'طلب مكتمل واحد',
    'طلبان مكتملان',
    '{count} طلبات مكتملة',
    '{count} طلبًا مكتملًا',
    '{count} طلب مكتمل',
  ]),
  ...forms('count.reports', ['لا بلاغات', 'بلاغ واحد', 'بلاغان', '{count} بلاغات', '{count} بلاغًا', '{count} بلاغ']),
  ...forms('count.complaints', ['{count} شكوى', 'شكوى واحدة', 'شكويان', '{count} شكاوى', '{count} شكوى', '{count} شكوى']),
};

export const countsEn: Record<string, string> = {
  ...forms('count.days', ['{count} days', '1 day', '{count} days', '{count} days', '{count} days', '{count} days']),
  ...forms('count.hours', ['{count} hours', '1 hour', '{count} hours', '{count} hours', '{count} hours', '{count} hours']),
  ...forms('count.minutes', ['{count} minutes', '1 minute', '{count} minutes', '{count} minutes', '{count} minutes', '{count} minutes']),
  ...forms('count.characters', [
    '{count} characters',
    '1 character',
    '{count} characters',
    '{count} characters',
    '{count} characters',
    '{count} characters',
  ]),
  ...forms('count.attachments', [
    '{count} attachments',
    '1 attachment',
    '{count} attachments',
    '{count} attachments',
    '{count} attachments',
    '{count} attachments',
  ]),
  ...forms('count.services', [
    '{count} services',
    '1 service',
    '{count} services',
    '{count} services',
    '{count} services',
    '{count} services',
  ]),
  ...forms('count.live_services', [
    'No live services',
    '1 live service',
    '{count} live services',
    '{count} live services',
    '{count} live services',
    '{count} live services',
  ]),
  ...forms('count.completed_orders', [
    'No completed orders',
    '1 completed order',
    '{count} completed orders',
    '{count} completed orders',
    '{count} completed orders',
    '{count} completed orders',
  ]),
  ...forms('count.reports', ['No reports', '1 report', '{count} reports', '{count} reports', '{count} reports', '{count} reports']),
  ...forms('count.complaints', [
    '{count} complaints',
    '1 complaint',
    '{count} complaints',
    '{count} complaints',
    '{count} complaints',
    '{count} complaints',
  ]),
};
