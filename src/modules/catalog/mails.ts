import { type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

/** The seller hears the moderators' decision, with the reason when it is a rejection. */
export function catalogMail(
  kind: 'approved' | 'rejected',
  o: { email: string; name: string; locale: Locale; baseUrl: string; serviceId: number; title: string; reason: string },
): MailMessage {
  const p = { title: o.title, reason: o.reason };
  const url = `${o.baseUrl}${localePath(o.locale, `/services/${o.serviceId}`)}`;
  const text = [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    translate(o.locale, `mail.service_${kind}.body`, p),
    url,
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
  return { to: o.email, subject: translate(o.locale, `mail.service_${kind}.subject`, p), text };
}
