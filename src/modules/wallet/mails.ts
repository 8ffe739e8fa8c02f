import { formatDate, formatMoney, type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

type Kind = 'deposit_paid' | 'deposit_rejected' | 'withdrawal_paid' | 'withdrawal_rejected' | 'withdrawal_late';

/** The wallet's mails in the recipient's language; amounts in cents are formatted as money, a `date` (ISO) as a date. */
export function walletMail(
  kind: Kind,
  o: { email: string; name: string; locale: Locale; baseUrl: string; params: Record<string, string | number> },
): MailMessage {
  const params = {
    ...o.params,
    amount: formatMoney(o.locale, Number(o.params.amount)),
    ...(o.params.date ? { date: formatDate(o.locale, new Date(String(o.params.date))) } : {}),
  };
  const t = (k: string) => translate(o.locale, k, params);
  const url = `${o.baseUrl}${localePath(o.locale, '/wallet')}`;
  const text = [translate(o.locale, 'mail.greeting', { name: o.name }), '', t(`mail.${kind}.body`), url, '', t('mail.signature')].join(
    '\n',
  );
  return { to: o.email, subject: t(`mail.${kind}.subject`), text };
}
