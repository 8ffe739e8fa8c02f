import { describe, expect, it } from 'vitest';
import { scanCoercion } from './coercion.ts';

describe('a review tied to a refund or a favour', () => {
  it.each([
    'Refund me now or I leave 1 star',
    'give me a refund otherwise you get a bad review',
    'Give me 5 stars and I will give you a discount on the next order',
    'I will change my review if you do the extra revisions for free',
    'رجّع فلوسي وإلا سأعطيك تقييم نجمة واحدة',
    'لو ما رجعت المبلغ راح اكتب تقييم سيء',
    'غيّر تقييمك وأرجع لك المبلغ كاملًا',
    'أعطني خمس نجوم مقابل خصم على الطلب القادم',
    'اعمل التعديلات مجانًا أو التقييم سيكون سلبيًا',
  ])('flags “%s”', (text) => {
    expect(scanCoercion(text).coercion).toBe(true);
  });

  it.each([
    'Please leave a review if you are happy with the logo',
    'I can refund you if the files are not what you asked for',
    'شكرًا لك، سأترك تقييمًا ممتازًا',
    'إذا لم يعجبك العمل يمكنك طلب الإلغاء واسترداد المبلغ عبر كفيل',
    'هل يمكنك تسليم الملفات اليوم؟',
    'I design Instagram posts and logos',
    'The rating system here is double-blind',
  ])('lets “%s” pass', (text) => {
    expect(scanCoercion(text).coercion).toBe(false);
  });
});
