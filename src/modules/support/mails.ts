import { type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

/** "Support answered your complaint", with the link to it (the answer itself is read on the site). */
export function ticketMail(o: {
  email: string;
  name: string;
  locale: Locale;
  baseUrl: string;
  ticketId: number;
  subject: string;
}): MailMessage {
  const p = { id: o.ticketId, subject: o.subject };
  const text = [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    translate(o.locale, 'notification.ticket.answered', p),
    `${o.baseUrl}${localePath(o.locale, `/support/${o.ticketId}`)}`,
    '',
    translate(o.locale, 'mail.notifications_footer'),
    `${o.baseUrl}${localePath(o.locale, '/settings/notifications')}`,
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
  return { to: o.email, subject: translate(o.locale, 'mail.ticket.subject', p), text };
}
