import type { Messages } from './i18n/index.ts';

/** Messages of file uploads beyond the core ones (`file.missing`, `file.empty`, `file.too_large`, `file.not_image`). */
export const filesMessages: Messages = {
  ar: {
    'file.blocked_type': 'هذا النوع من الملفات غير مسموح به لأسباب أمنية (مثل البرامج التنفيذية وصفحات الويب).',
    'file.too_many_pixels': 'أبعاد الصورة كبيرة جدًا: الحد {max} ميجابكسل.',
  },
  en: {
    'file.blocked_type': 'This type of file is not allowed for security reasons (such as programs and web pages).',
    'file.too_many_pixels': 'The image’s dimensions are too large: at most {max} megapixels.',
  },
};
