import { formatDateTime, type Locale, localePath, translate } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';

/** The account mails, rendered in the recipient's language at the moment they are queued. */
type Mail =
  | 'verify'
  | 'reset'
  | 'signup_existing'
  | 'login_alert'
  | 'login_attempts'
  | 'password_changed'
  | 'totp_on'
  | 'totp_off'
  | 'identity_linked'
  | 'identity_unlinked';

export function accountMail(
  kind: Mail,
  opts: {
    to: string;
    locale: Locale;
    baseUrl: string;
    name: string;
    token?: string;
    /** The OpenID Connect provider's name (OIDC_NAME), for the identity mails. */
    provider?: string;
    ip?: string | null;
    userAgent?: string | null;
    at?: Date;
  },
): MailMessage {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(opts.locale, key, params);
  const link = (p: string) => `${opts.baseUrl}${localePath(opts.locale, p)}`;
  let url = '';
  let lines: string[] = [];
  switch (kind) {
    case 'verify':
      url = link(`/verify-email?token=${opts.token}`);
      lines = [t('mail.verify.body'), url, t('mail.verify.expires', { hours: 48 })];
      break;
    case 'reset':
      url = link(`/password-reset/confirm?token=${opts.token}`);
      lines = [t('mail.reset.body'), url, t('mail.reset.expires', { minutes: 60 }), t('mail.reset.ignore')];
      break;
    case 'signup_existing':
      url = link('/password-reset');
      lines = [t('mail.signup_existing.body'), link('/login'), t('mail.signup_existing.reset'), url];
      break;
    case 'login_alert':
      url = link('/account/security');
      lines = [
        t('mail.login_alert.body', { when: formatDateTime(opts.locale, opts.at ?? new Date()) }),
        `IP: ${opts.ip ?? '-'}`,
        `${opts.userAgent ?? '-'}`,
        t('mail.login_alert.not_you'),
        url,
      ];
      break;
    case 'login_attempts':
      url = link('/password-reset');
      lines = [
        t('mail.login_attempts.body', { when: formatDateTime(opts.locale, opts.at ?? new Date()) }),
        `IP: ${opts.ip ?? '-'}`,
        t('mail.login_attempts.paused'),
        t('mail.login_attempts.if_you'),
        url,
        t('mail.login_attempts.not_you'),
        link('/account/security'),
      ];
      break;
    case 'totp_on':
    case 'totp_off':
      url = link('/account/security');
      lines = [t(`mail.${kind}.body`), t('mail.password_changed.not_you'), link('/password-reset')];
      break;
    case 'identity_linked':
    case 'identity_unlinked':
      url = link('/account/security');
      lines = [t(`mail.${kind}.body`, { provider: opts.provider ?? '' }), t('mail.identity.not_you'), url];
      break;
    case 'password_changed':
      url = link('/password-reset');
      lines = [t('mail.password_changed.body'), t('mail.password_changed.not_you'), url];
      break;
  }
  const greeting = t('mail.greeting', { name: opts.name });
  const text = [greeting, '', ...lines, '', t('mail.signature')].join('\n');
  const dir = opts.locale === 'ar' ? 'rtl' : 'ltr';
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const html = `<!doctype html><html lang="${opts.locale}" dir="${dir}"><body style="font-family:sans-serif">${[greeting, ...lines]
    .map((l) => (l.startsWith('http') ? `<p><a href="${esc(l)}">${esc(l)}</a></p>` : `<p>${esc(l)}</p>`))
    .join('')}<p>${esc(t('mail.signature'))}</p></body></html>`;
  return { to: opts.to, subject: t(`mail.${kind}.subject`), text, html };
}
