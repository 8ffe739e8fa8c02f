import { type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

export type TrustMailKind = 'content_hidden' | 'content_removed' | 'warning' | 'sanctioned' | 'lifted';

/** A moderation decision about the user's account or content, with its reason and where to read more. */
export function trustMail(
  kind: TrustMailKind,
  o: { email: string; name: string; locale: Locale; baseUrl: string; url: string; params: Record<string, string> },
): MailMessage {
  const url = `${o.baseUrl}${localePath(o.locale, o.url)}`;
  const text = [
    translate(o.locale, 'mail.greeting', { name: o.name }),
    '',
    translate(o.locale, `mail.trust_${kind}.body`, o.params),
    url,
    '',
    translate(o.locale, 'mail.signature'),
  ].join('\n');
  return { to: o.email, subject: translate(o.locale, `mail.trust_${kind}.subject`, o.params), text };
}
