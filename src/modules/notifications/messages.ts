import type { Messages } from '../../platform/i18n/index.ts';

/** The notifications page and the notification settings (mail topics, blocked users). */
export const notificationsMessages: Messages = {
  ar: {
    'messaging.blocked_list': 'المستخدمون المحظورون',
    'messaging.blocked_none': 'لم تحظر أحدًا.',

    'notification.page_title': 'الإشعارات',
    'notification.empty': 'لا إشعارات بعد.',
    'notification.more': 'المزيد',
    'notification.mark_all': 'تعليم الكل كمقروء',
    'notification.settings': 'إعدادات الإشعارات',
    'notification.settings_intro': 'تصلك الإشعارات داخل الموقع دائمًا. اختر ما يصلك أيضًا بالبريد:',
    'notification.security_always': 'تنبيهات الأمان (تسجيل دخول جديد، تغيير كلمة المرور) تُرسل دائمًا.',
    'notification.save': 'حفظ',
    'notification.settings_saved': 'حُفظت إعدادات الإشعارات.',
    'notification.not_found': 'الإشعار غير موجود.',
    'notification.topic.messages': 'رسالة جديدة',
    'notification.topic.services': 'قرارات مراجعة خدماتي',
    'notification.topic.wallet': 'الإيداعات والسحوبات',
    'notification.topic.orders': 'طلباتي (مشتريات ومبيعات)',
    'notification.topic.works': 'الإعجاب بأعمالي (مرة في اليوم على الأكثر)',
  },
  en: {
    'messaging.blocked_list': 'Blocked users',
    'messaging.blocked_none': 'You have not blocked anyone.',

    'notification.page_title': 'Notifications',
    'notification.empty': 'No notifications yet.',
    'notification.more': 'More',
    'notification.mark_all': 'Mark all as read',
    'notification.settings': 'Notification settings',
    'notification.settings_intro': 'In-app notifications are always on. Choose what also reaches you by email:',
    'notification.security_always': 'Security alerts (a new sign-in, a password change) are always sent.',
    'notification.save': 'Save',
    'notification.settings_saved': 'Notification settings saved.',
    'notification.not_found': 'Notification not found.',
    'notification.topic.messages': 'A new message',
    'notification.topic.services': 'Review decisions on my services',
    'notification.topic.wallet': 'Deposits and withdrawals',
    'notification.topic.orders': 'My orders (purchases and sales)',
    'notification.topic.works': 'Likes on my works (at most once a day)',
  },
};
