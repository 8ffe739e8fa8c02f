import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { plural } from '../../../platform/i18n/index.ts';
import { Money } from '../../../web/components/bidi.tsx';
import { Card } from '../../../web/components.tsx';
import { PACKAGE_DESCRIPTION_MAX, PACKAGE_REVISIONS_MAX, PACKAGE_TITLE_MAX, type PackageRow, TIERS } from '../packages.ts';
import type { PackageTier } from '../schema.ts';

type Pkg = Pick<PackageRow, 'tier' | 'title' | 'description' | 'priceCents' | 'deliveryDays' | 'revisions'>;

/** "3 revisions", "unlimited revisions". */
export function revisionsText(c: ViewCtx, revisions: number | null): string {
  return revisions === null ? c.t('package.revisions_unlimited') : plural(c.locale, 'package.revisions', revisions);
}

const orderHref = (c: ViewCtx, serviceId: number, tier: PackageTier) => c.href(`/orders/new?service=${serviceId}&package=${tier}`);

/**
 * The service page's comparison of its packages: a table side by side on wide screens, one card per package stacked
 * on a phone (both in the page; CSS shows one). Each has "order this package" to the checkout with it chosen.
 */
export function PackagesCompare(props: { c: ViewCtx; serviceId: number; packages: Pkg[]; canOrder: boolean }) {
  const { c, packages } = props;
  if (!packages.length) return null;
  const order = (p: Pkg) =>
    props.canOrder ? (
      <a class="btn btn-primary btn-sm w-full" href={orderHref(c, props.serviceId, p.tier)} data-testid={`order-package-${p.tier}`}>
        {c.t('package.order_this')}
      </a>
    ) : null;
  return (
    <section data-testid="packages">
      <Card title={c.t('package.compare_title')} class="w-full">
        <div class="hidden md:block overflow-x-auto">
          <table class="table table-sm table-fixed" data-testid="packages-table">
            <thead>
              <tr>
                <th scope="col" />
                {packages.map((p) => (
                  <th key={p.tier} scope="col" class="text-center">
                    <span class="badge badge-outline">{c.t(`package.tier.${p.tier}`)}</span>
                    <span class="block font-bold mt-1 break-words" dir="auto">
                      {p.title}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{c.t('package.includes')}</th>
                {packages.map((p) => (
                  <td key={p.tier} class="align-top whitespace-pre-line break-words" dir="auto">
                    {p.description}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{c.t('service.price')}</th>
                {packages.map((p) => (
                  <td key={p.tier} class="text-center text-lg font-bold">
                    <Money c={c} cents={p.priceCents} testId={`package-price-${p.tier}`} />
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{c.t('service.delivery')}</th>
                {packages.map((p) => (
                  <td key={p.tier} class="text-center">
                    {plural(c.locale, 'service.days', p.deliveryDays)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{c.t('package.revisions_label')}</th>
                {packages.map((p) => (
                  <td key={p.tier} class="text-center">
                    {revisionsText(c, p.revisions)}
                  </td>
                ))}
              </tr>
              {props.canOrder ? (
                <tr>
                  <th scope="row" />
                  {packages.map((p) => (
                    <td key={p.tier}>{order(p)}</td>
                  ))}
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <ul class="md:hidden space-y-3" data-testid="packages-cards">
          {packages.map((p) => (
            <li key={p.tier} class="border border-base-300 rounded-box p-3 space-y-2">
              <p class="flex flex-wrap items-baseline justify-between gap-2">
                <span class="min-w-0">
                  <span class="badge badge-outline">{c.t(`package.tier.${p.tier}`)}</span>
                  <strong class="block break-words" dir="auto">
                    {p.title}
                  </strong>
                </span>
                <Money c={c} cents={p.priceCents} class="text-lg font-bold" />
              </p>
              <p class="text-sm whitespace-pre-line break-words" dir="auto">
                {p.description}
              </p>
              <p class="text-sm flex flex-wrap gap-x-4">
                <span>{plural(c.locale, 'service.days', p.deliveryDays)}</span>
                <span>{revisionsText(c, p.revisions)}</span>
              </p>
              {order(p)}
            </li>
          ))}
        </ul>
      </Card>
    </section>
  );
}

/** One package's fields as typed (strings, so a refused value comes back as it was). */
export interface PackageInput {
  on: boolean;
  title: string;
  description: string;
  price: string;
  days: string;
  /** '' = unlimited. */
  revisions: string;
}

export type PackagesInput = Partial<Record<PackageTier, PackageInput>>;

/** The seller's form: the optional packages, one column per tier (stacked on a phone). */
export function PackagesFields(props: { c: ViewCtx; state: FormState; packages: PackagesInput }) {
  const { c, state } = props;
  const err = (tier: PackageTier, k: string) => state.errors[`packages.${tier}.${k}`];
  const Err = (p: { tier: PackageTier; k: string }) => {
    const code = err(p.tier, p.k);
    return code ? (
      <span class="text-error text-sm block" data-testid={`error-package-${p.tier}-${p.k}`}>
        {c.t(code, { ...state.params, min: 0, max: PACKAGE_REVISIONS_MAX })}
      </span>
    ) : null;
  };
  return (
    <section data-testid="packages-form">
      <Card title={c.t('package.form_title')}>
        <p class="text-sm opacity-80">{c.t('package.form_hint')}</p>
        {state.errors.packages ? (
          <p class="text-error text-sm" data-testid="error-packages">
            {c.t(state.errors.packages)}
          </p>
        ) : null}
        <div class="grid grid-cols-1 gap-3 md:grid-cols-3">
          {TIERS.map((tier) => {
            const v = props.packages[tier];
            const n = `pkg_${tier}_`;
            return (
              <fieldset key={tier} class="border border-base-300 rounded-box p-3 space-y-2 min-w-0">
                <legend class="px-1 font-semibold">{c.t(`package.tier.${tier}`)}</legend>
                <label class="flex items-center gap-2 cursor-pointer">
                  <input type="checkbox" class="checkbox checkbox-sm" name={`${n}on`} value="1" checked={v?.on ?? false} />
                  <span>{c.t('package.offer_this')}</span>
                </label>
                <label class="form-control">
                  <span class="label-text">{c.t('package.title')}</span>
                  <input
                    class="input input-bordered input-sm w-full"
                    name={`${n}title`}
                    value={v?.title ?? ''}
                    maxLength={PACKAGE_TITLE_MAX}
                    dir="auto"
                  />
                  <Err tier={tier} k="title" />
                </label>
                <label class="form-control">
                  <span class="label-text">{c.t('package.includes')}</span>
                  <textarea
                    class="textarea textarea-bordered w-full"
                    rows={3}
                    name={`${n}description`}
                    maxLength={PACKAGE_DESCRIPTION_MAX}
                    dir="auto"
                  >
                    {v?.description ?? ''}
                  </textarea>
                  <Err tier={tier} k="description" />
                </label>
                <label class="form-control">
                  <span class="label-text">{c.t('package.price')}</span>
                  <input
                    class="input input-bordered input-sm w-full"
                    name={`${n}price`}
                    value={v?.price ?? ''}
                    inputmode="numeric"
                    dir="ltr"
                  />
                  <Err tier={tier} k="priceCents" />
                </label>
                <label class="form-control">
                  <span class="label-text">{c.t('package.days')}</span>
                  <input
                    class="input input-bordered input-sm w-full"
                    name={`${n}days`}
                    value={v?.days ?? ''}
                    inputmode="numeric"
                    dir="ltr"
                  />
                  <Err tier={tier} k="deliveryDays" />
                </label>
                <label class="form-control">
                  <span class="label-text">{c.t('package.revisions_label')}</span>
                  <select class="select select-bordered select-sm w-full" name={`${n}revisions`}>
                    <option value="" selected={(v?.revisions ?? '') === ''}>
                      {c.t('package.revisions_unlimited')}
                    </option>
                    {Array.from({ length: PACKAGE_REVISIONS_MAX + 1 }, (_, i) => (
                      <option key={i} value={String(i)} selected={v?.revisions === String(i)}>
                        {plural(c.locale, 'package.revisions', i)}
                      </option>
                    ))}
                  </select>
                  <Err tier={tier} k="revisions" />
                </label>
              </fieldset>
            );
          })}
        </div>
      </Card>
    </section>
  );
}
