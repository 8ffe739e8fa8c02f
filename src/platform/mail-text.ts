import { type Locale, localePath, translate } from './i18n/index.ts';

/**
 * The text of a notification mail in the recipient's language: the greeting, the news and the link to what it
 * is about (`path`, locale-free), then the footer pointing at the notification settings, and the signature.
 */
export function notificationMailText(o: { locale: Locale; baseUrl: string; name: string; news: string; path: string }): string {
  const link = (p: string) => `${o.baseUrl}${localePath(o.locale, p)}`;
  return [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    o.news,
    link(o.path),
    '',
    translate(o.locale, 'mail.notifications_footer'),
    link('/settings/notifications'),
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
}
