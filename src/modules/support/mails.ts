import { type Locale, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { notificationMailText } from '../../platform/mail-text.ts';

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
  const text = notificationMailText({
    locale: o.locale,
    baseUrl: o.baseUrl,
    name: o.name,
    news: translate(o.locale, 'notification.ticket.answered', p),
    path: `/support/${o.ticketId}`,
  });
  return { to: o.email, subject: translate(o.locale, 'mail.ticket.subject', p), text };
}
