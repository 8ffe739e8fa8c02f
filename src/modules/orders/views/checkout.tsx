import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatMoney, formatNumber, plural } from '../../../platform/i18n/index.ts';
import { Money } from '../../../web/components/bidi.tsx';
import { emailUnverified, Form, FormAlert, PageTitle, VerifyEmailFirst } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { topUpCents } from '../../wallet/index.ts';

const money = (c: ViewCtx, cents: number) => formatMoney(c.locale, cents);

/** The checkout: what is bought, the total, the balance, and pay (or deposit the difference first). */
export function CheckoutPage(props: {
  c: ViewCtx;
  service: { id: number; title: string; priceCents: number; deliveryDays: number };
  /** The package chosen (catalog `service_packages`), or null: the service's one price. */
  pkg: { tier: string; title: string; priceCents: number; deliveryDays: number; revisions: number | null } | null;
  /** Every add-on the service offers (those not chosen can still be added here). */
  allAddons: { id: number; title: string; priceCents: number; extraDays: number }[];
  addons: { id: number; title: string; priceCents: number; extraDays: number }[];
  quantity: number;
  totalCents: number;
  availableCents: number;
  /** The wallet settings' minimum deposit: a short balance is topped up by at least this much. */
  minDepositCents: number;
  idemKey: string;
  state: FormState;
}) {
  const { c } = props;
  const short = Math.max(0, props.totalCents - props.availableCents);
  const deposit = short > 0 ? topUpCents(short, props.minDepositCents) : 0;
  const { pkg } = props;
  const picked = new Set(props.addons.map((a) => a.id));
  return (
    <Layout c={c} title={c.t('order.checkout_title')} narrow>
      <PageTitle>{c.t('order.checkout_title')}</PageTitle>
      <section class="card bg-base-100 p-4 space-y-3">
        <FormAlert c={c} state={props.state} />
        <h2 class="font-bold" dir="auto">
          {props.service.title}
        </h2>
        {pkg ? (
          <div class="border border-base-300 rounded-box p-3 text-sm space-y-1" data-testid="checkout-package">
            <p class="font-bold">
              {c.t('package.chosen')}: {c.t(`package.tier.${pkg.tier}`)} — <span dir="auto">{pkg.title}</span>
            </p>
            <p class="flex flex-wrap gap-x-4">
              <Money c={c} cents={pkg.priceCents} />
              <span>{plural(c.locale, 'service.days', pkg.deliveryDays)}</span>
              <span data-testid="checkout-revisions">
                {pkg.revisions === null ? c.t('package.revisions_unlimited') : plural(c.locale, 'package.revisions', pkg.revisions)}
              </span>
            </p>
          </div>
        ) : null}
        <table class="table table-sm">
          <tbody>
            <tr>
              <td>{c.t('order.unit_price')}</td>
              <td class="text-end">{money(c, pkg?.priceCents ?? props.service.priceCents)}</td>
            </tr>
            {props.addons.map((a) => (
              <tr key={a.id}>
                <td dir="auto">+ {a.title}</td>
                <td class="text-end">{money(c, a.priceCents)}</td>
              </tr>
            ))}
            <tr>
              <td>{c.t('order.quantity')}</td>
              <td class="text-end">× {formatNumber(c.locale, props.quantity)}</td>
            </tr>
            <tr class="font-bold text-lg">
              <td>{c.t('order.total')}</td>
              <td class="text-end" data-testid="checkout-total">
                {money(c, props.totalCents)}
              </td>
            </tr>
          </tbody>
        </table>
        {props.allAddons.length ? (
          <form method="get" action={c.href('/orders/new')} class="space-y-2" data-testid="checkout-addons">
            <input type="hidden" name="service" value={String(props.service.id)} />
            {pkg ? <input type="hidden" name="package" value={pkg.tier} /> : null}
            <input type="hidden" name="qty" value={String(props.quantity)} />
            <input type="hidden" name="idem" value={props.idemKey} />
            <fieldset class="space-y-1">
              <legend class="font-bold text-sm">{c.t('service.addons')}</legend>
              {props.allAddons.map((a) => (
                <label key={a.id} class="flex items-start gap-2 cursor-pointer text-sm">
                  <input type="checkbox" name="addon" value={String(a.id)} checked={picked.has(a.id)} class="checkbox checkbox-sm mt-0.5" />
                  <span class="flex-1 min-w-0 break-words" dir="auto">
                    {a.title}
                  </span>
                  <span class="whitespace-nowrap">
                    + <Money c={c} cents={a.priceCents} />
                  </span>
                </label>
              ))}
            </fieldset>
            <button type="submit" class="btn btn-sm btn-outline w-full" data-testid="checkout-update">
              {c.t('service.update_total')}
            </button>
          </form>
        ) : null}
        <p class="text-sm">
          {c.t('order.balance_is', { amount: money(c, props.availableCents) })}
          {short > 0 ? (
            <strong class="block text-warning-content" data-testid="checkout-short">
              {c.t('order.short_by', { amount: money(c, short) })}
            </strong>
          ) : null}
          {deposit > short ? (
            <span class="block text-xs opacity-70" data-testid="checkout-min-deposit">
              {c.t('order.min_deposit_note', { min: props.minDepositCents })}
            </span>
          ) : null}
        </p>
        <p class="text-xs opacity-70">{c.t('order.escrow_note')}</p>
        <VerifyEmailFirst c={c} />
        <Form c={c} action="/orders/new" class="space-y-2">
          <input type="hidden" name="serviceId" value={String(props.service.id)} />
          <input type="hidden" name="qty" value={String(props.quantity)} />
          {pkg ? <input type="hidden" name="package" value={pkg.tier} /> : null}
          {props.addons.map((a) => (
            <input key={a.id} type="hidden" name="addon" value={String(a.id)} />
          ))}
          <input type="hidden" name="idem" value={props.idemKey} />
          <button type="submit" class="btn btn-primary w-full" data-testid="pay" disabled={emailUnverified(c)}>
            {short > 0
              ? c.t('order.deposit_and_order', { amount: money(c, deposit) })
              : c.t('order.pay_and_order', { amount: money(c, props.totalCents) })}
          </button>
        </Form>
      </section>
    </Layout>
  );
}
