import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { Money, Ref } from '../../../web/components/bidi.tsx';
import { Card, Field, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { Deposit } from '../service.ts';
import { RetryDeposit } from './deposit-page.tsx';

/** The built-in test-mode gateway's payment page: opens without signing in, its URL carries its secret. */
export function SandboxCheckoutPage(props: {
  c: ViewCtx;
  deposit: Deposit;
  secret: string;
  /** A path on this site to return to (else the wallet). */
  back?: string | null;
  state: FormState;
  done: 'paid' | 'failed' | null;
}) {
  const { c, deposit: d } = props;
  const status = props.done ?? (d.status === 'pending' ? null : (d.status as 'paid' | 'failed' | 'expired'));
  return (
    <Layout c={c} title={c.t('sandbox.title')} narrow>
      <Card>
        <PageTitle>{c.t('sandbox.title')}</PageTitle>
        <p class="badge badge-warning">{c.t('test_mode.badge')}</p>
        <p class="text-lg">
          {c.t('sandbox.amount')}: <Money c={c} cents={d.amountCents} class="font-bold" /> · <Ref id={d.id} />
        </p>
        {status === 'paid' ? (
          <>
            <div role="status" class="alert alert-success" data-testid="sandbox-result">
              {c.t('sandbox.paid')}
            </div>
            {props.back ? <p class="text-sm">{c.t('sandbox.finish_hint')}</p> : null}
          </>
        ) : status === 'failed' || status === 'expired' ? (
          <>
            <div role="alert" class="alert alert-error" data-testid="sandbox-result">
              {c.t(
                status === 'expired'
                  ? 'wallet.return.expired'
                  : d.reason === 'card_declined' || props.done
                    ? 'wallet.card_declined'
                    : 'wallet.return.failed',
              )}
            </div>
            <p class="text-sm">{c.t('sandbox.retry_hint')}</p>
            <RetryDeposit c={c} deposit={{ ...d, status }} back={props.back ?? null} />
          </>
        ) : (
          <>
            <p class="text-sm">{c.t('sandbox.cards')}</p>
            <FormAlert c={c} state={props.state} />
            <Form c={c} action={`/pay/sandbox/${d.id}`}>
              <input type="hidden" name="s" value={props.secret} />
              {props.back ? <input type="hidden" name="r" value={props.back} /> : null}
              <Field
                c={c}
                state={props.state}
                name="card"
                label={c.t('sandbox.card')}
                autocomplete="cc-number"
                dir="ltr"
                value="4242 4242 4242 4242"
                required
              />
              <button type="submit" class="btn btn-primary w-full">
                {c.t('sandbox.pay')}
              </button>
            </Form>
          </>
        )}
        <a class={status === 'paid' ? 'btn btn-primary w-full' : 'link'} href={props.back ?? c.href('/wallet')} data-testid="sandbox-back">
          {props.back ? c.t(status === 'paid' ? 'sandbox.continue' : 'sandbox.return') : c.t('sandbox.back')}
        </a>
      </Card>
    </Layout>
  );
}
