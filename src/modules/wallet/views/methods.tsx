import type { ViewCtx } from '../../../platform/http/pages.ts';
import { Card, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { WalletSettings, WithdrawalMethod } from '../rules.ts';

/** The footer's "payment methods" and "withdrawal methods" pages, read from the settings in force. */
export function MethodsPage(props: {
  c: ViewCtx;
  kind: 'payment' | 'withdrawal';
  settings: WalletSettings;
  provider: 'sandbox' | 'stripe';
}) {
  const { c, settings: s } = props;
  const title = c.t(props.kind === 'payment' ? 'footer.payment_methods' : 'footer.withdrawal_methods');
  const methods = props.kind === 'payment' ? [props.provider, ...s.manualDepositMethods] : s.withdrawalMethods;
  return (
    <Layout c={c} title={title}>
      <Card>
        <PageTitle>{title}</PageTitle>
        <p>
          {props.kind === 'payment'
            ? c.t('methods.payment_intro', { min: s.minDepositCents })
            : c.t('methods.withdrawal_intro', { min: s.minWithdrawalCents })}
        </p>
        <ul class="list-disc ps-6" data-testid="methods">
          {methods.map((m) => {
            // A withdrawal method says within how many business days it is promised to be sent (when it is).
            const days = props.kind === 'withdrawal' ? (s.payoutDays[m as WithdrawalMethod] ?? 0) : 0;
            return (
              <li key={m} data-testid={`method-${m}`}>
                {c.t(`wallet.method.${m}`)}
                {days > 0 ? ` — ${c.t('methods.sent_within', { days })}` : ''}
              </li>
            );
          })}
        </ul>
        <p class="text-sm opacity-80">{c.t(props.kind === 'payment' ? 'methods.payment_note' : 'methods.withdrawal_note')}</p>
        <a class="btn btn-primary btn-sm w-fit" href={c.href('/wallet')}>
          {c.t('menu.wallet')}
        </a>
      </Card>
    </Layout>
  );
}
