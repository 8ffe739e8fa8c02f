import { type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

/** An order's news by mail, in the recipient's language, with the link to the order. */
export function orderMail(
  kind: string,
  o: {
    email: string;
    name: string;
    locale: Locale;
    baseUrl: string;
    orderId: number;
    title: string;
    params: Record<string, string | number>;
  },
): MailMessage {
  const p = { id: o.orderId, title: o.title, ...o.params };
  const url = `${o.baseUrl}${localePath(o.locale, `/orders/${o.orderId}`)}`;
  const text = [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    translate(o.locale, `notification.order.${kind}`, p),
    url,
    '',
    translate(o.locale, 'mail.notifications_footer'),
    `${o.baseUrl}${localePath(o.locale, '/settings/notifications')}`,
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
  return { to: o.email, subject: translate(o.locale, 'mail.order.subject', p), text };
}
