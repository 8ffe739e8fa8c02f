import { type Locale, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { notificationMailText } from '../../platform/mail-text.ts';

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
  const text = notificationMailText({
    locale: o.locale,
    baseUrl: o.baseUrl,
    name: o.name,
    news: translate(o.locale, `notification.order.${kind}`, p),
    path: `/orders/${o.orderId}`,
  });
  return { to: o.email, subject: translate(o.locale, 'mail.order.subject', p), text };
}
