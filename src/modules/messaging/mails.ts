import { type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

/** "You have a new message": once per unread streak, without the text (it is read on the site). */
export function messageMail(o: {
  email: string;
  name: string;
  locale: Locale;
  baseUrl: string;
  from: string;
  conversationId: number;
}): MailMessage {
  const t = (k: string) => translate(o.locale, k, { from: o.from });
  const url = `${o.baseUrl}${localePath(o.locale, `/messages/${o.conversationId}`)}`;
  const settings = `${o.baseUrl}${localePath(o.locale, '/settings/notifications')}`;
  const text = [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    t('mail.message_new.body'),
    url,
    '',
    translate(o.locale, 'mail.notifications_footer'),
    settings,
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
  return { to: o.email, subject: t('mail.message_new.subject'), text };
}
