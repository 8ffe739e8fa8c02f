import type { Messages } from '../../platform/i18n/index.ts';

/** The home page, the published policies and their history, the contact form. */
export const contentMessages: Messages = {
  ar: {
    'policy.last_updated': 'أخر تحديث',
    'policy.version': 'الإصدار {n}',
    'policy.history': 'سجل الإصدارات',
    'policy.published_at': 'نُشر في {date}',
    'policy.old_version': 'هذا إصدار سابق.',
    'policy.read_current': 'اقرأ الإصدار الساري',
    'policy.not_found': 'هذا الإصدار غير موجود.',
    'policy.date_invalid': 'اكتب تاريخًا صحيحًا.',
    'policy.body_too_short': 'النص قصير جدًا (50 حرفًا على الأقل).',

    'faq.read_more': 'اقرأ المزيد في مركز المساعدة',
    'contact.intro': 'اكتب لنا وسيرد فريق الدعم على بريدك. للمشكلات في طلب أو مشروع افتح شكوى من صفحته.',
    'contact.name': 'الاسم',
    'contact.subject': 'الموضوع',
    'contact.body': 'رسالتك',
    'contact.submit': 'إرسال',
    'contact.sent': 'وصلتنا رسالتك، وسنرد عليك بالبريد الإلكتروني.',
    'contact.name_invalid': 'اكتب اسمك (من 2 إلى 80 حرفًا).',
    'contact.subject_invalid': 'اكتب موضوعًا (من 3 إلى 150 حرفًا).',
    'contact.body_invalid': 'اكتب رسالتك (من 10 إلى 5000 حرف).',

    'contact.support_link': 'للمستخدمين المسجلين: افتح شكوى وتابعها مع فريق الدعم',
  },
  en: {
    'policy.last_updated': 'Last updated',
    'policy.version': 'Version {n}',
    'policy.history': 'Version history',
    'policy.published_at': 'published {date}',
    'policy.old_version': 'This is an earlier version.',
    'policy.read_current': 'Read the version in force',
    'policy.not_found': 'This version does not exist.',
    'policy.date_invalid': 'Enter a valid date.',
    'policy.body_too_short': 'The text is too short (at least 50 characters).',

    'faq.read_more': 'Read more in the help centre',
    'contact.intro':
      'Write to us and support will answer by email. For a problem with an order or a project, open a complaint from its page.',
    'contact.name': 'Name',
    'contact.subject': 'Subject',
    'contact.body': 'Your message',
    'contact.submit': 'Send',
    'contact.sent': 'We received your message and will answer by email.',
    'contact.name_invalid': 'Enter your name (2 to 80 characters).',
    'contact.subject_invalid': 'Enter a subject (3 to 150 characters).',
    'contact.body_invalid': 'Write your message (10 to 5,000 characters).',

    'contact.support_link': 'Signed-in users: file a complaint and follow it with support',
  },
};
