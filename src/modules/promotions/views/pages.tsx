import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate, formatMoney, formatNumber, plural } from '../../../platform/i18n/index.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import { Money } from '../../../web/components/bidi.tsx';
import { EmptyCard, Field, FieldError, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { daysLeft, type PromotionSettings } from '../rules.ts';
import type { Promotion } from '../service.ts';

/** A promotion as the lists show it: its service's title and address (when it still has one). */
export interface PromotionLine {
  p: Promotion;
  title: string;
  path: string | null;
  seller?: string;
}

function Paid(props: { c: ViewCtx; p: Promotion }) {
  const { c, p } = props;
  if (p.paidWith === 'points')
    return <span>{plural(c.locale, 'points.count', p.pointsSpent, { count: formatNumber(c.locale, p.pointsSpent) })}</span>;
  if (p.paidWith === 'money') return <Money c={c} cents={p.centsPaid} />;
  return <span>{c.t('promotion.paid.free')}</span>;
}

const stateBadge = (s: string) => (s === 'active' ? 'badge-success' : s === 'stopped' ? 'badge-warning' : 'badge-ghost');

/** One promotion as a card (a phone's width holds it; no table to scroll). */
function PromotionCard(props: { c: ViewCtx; line: PromotionLine; now: Date; children?: preact.ComponentChildren }) {
  const { c, line, now } = props;
  const { p } = line;
  const left = daysLeft({ state: p.state as 'active', endsAt: p.endsAt, remainingMs: p.remainingMs }, now);
  return (
    <li class="card bg-base-100 shadow-sm" data-testid={`promotion-${p.id}`}>
      <div class="card-body p-4 gap-2">
        <div class="flex flex-wrap items-start justify-between gap-2">
          <h2 class="font-bold break-words min-w-0" dir="auto">
            {line.path ? (
              <a class="link link-hover" href={c.href(line.path)}>
                {line.title}
              </a>
            ) : (
              line.title
            )}
          </h2>
          <span class={`badge ${stateBadge(p.state)}`} data-testid="promotion-state">
            {c.t(`promotion.state.${p.state}`)}
          </span>
        </div>
        {line.seller ? (
          <p class="text-sm">
            {c.t('promotion.col.seller')}: <bdi dir="ltr">@{line.seller}</bdi>
          </p>
        ) : null}
        <dl class="grid grid-cols-2 sm:grid-cols-4 gap-2 text-sm">
          <div>
            <dt class="opacity-70">{c.t('promotion.col.impressions')}</dt>
            <dd class="font-bold" data-testid="promotion-impressions">
              {formatNumber(c.locale, p.impressions)}
            </dd>
          </div>
          <div>
            <dt class="opacity-70">{c.t('promotion.col.clicks')}</dt>
            <dd class="font-bold" data-testid="promotion-clicks">
              {formatNumber(c.locale, p.clicks)}
            </dd>
          </div>
          <div>
            <dt class="opacity-70">{c.t('promotion.col.days_left')}</dt>
            <dd class="font-bold" data-testid="promotion-days-left">
              {plural(c.locale, 'promotion.days', left, { count: formatNumber(c.locale, left) })}
            </dd>
          </div>
          <div>
            <dt class="opacity-70">{c.t('promotion.col.paid')}</dt>
            <dd class="font-bold">
              <Paid c={c} p={p} />
            </dd>
          </div>
        </dl>
        <p class="text-xs opacity-70">
          {formatDate(c.locale, p.startsAt)} – {formatDate(c.locale, p.endedAt ?? p.endsAt)}
        </p>
        {props.children}
      </div>
    </li>
  );
}

/** `/promotions`: the seller's promotions with their impressions, clicks, state and days left. */
export function PromotionsPage(props: { c: ViewCtx; lines: PromotionLine[]; now: Date }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('promotion.title')}>
      <PageTitle>{c.t('promotion.title')}</PageTitle>
      <p class="mb-4">
        <a class="btn btn-primary btn-sm" href={c.href('/my/services')} data-testid="promotion-new-link">
          {c.t('promotion.new_link')}
        </a>
      </p>
      {props.lines.length === 0 ? (
        <EmptyCard testId="promotions-empty">{c.t('promotion.empty')}</EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="promotions">
          {props.lines.map((l) => (
            <PromotionCard key={l.p.id} c={c} line={l} now={props.now} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** `/promotions/new?service=ID`: how to pay (the cost and what the seller has), the form keeping what was chosen. */
export function NewPromotionPage(props: {
  c: ViewCtx;
  state: FormState;
  service: { id: number; title: string; path: string };
  quote: { settings: PromotionSettings; points: number; availableCents: number; free: boolean };
  idem: string;
}) {
  const { c, state, quote } = props;
  const s = quote.settings;
  const chosen = state.values.payWith ?? (quote.points >= s.points || quote.availableCents < s.priceCents ? 'points' : 'money');
  const n = (x: number) => formatNumber(c.locale, x);
  return (
    <Layout c={c} title={c.t('promotion.new_title')} narrow>
      <PageTitle>{c.t('promotion.new_title')}</PageTitle>
      <p class="mb-2">
        {c.t('promotion.service')}:{' '}
        <a class="link font-bold" href={c.href(props.service.path)} dir="auto" data-testid="promotion-service">
          {props.service.title}
        </a>
      </p>
      <p class="mb-4 text-sm">{c.t('promotion.intro', { days: s.days })}</p>
      <Form c={c} action="/promotions">
        <FormAlert c={c} state={state} />
        <input type="hidden" name="serviceId" value={String(props.service.id)} />
        <input type="hidden" name="idem" value={state.values.idem ?? props.idem} />
        {quote.free ? (
          <p class="alert alert-success" data-testid="promotion-free">
            {c.t('promotion.free')}
          </p>
        ) : null}
        <fieldset class="fieldset" aria-describedby="payWith-error">
          <legend class="fieldset-legend">{c.t('promotion.pay')}</legend>
          <label class="flex gap-2 items-start cursor-pointer py-1">
            <input
              type="radio"
              class="radio radio-sm mt-0.5"
              name="payWith"
              value="points"
              checked={chosen === 'points'}
              data-testid="pay-points"
            />
            <span>{c.t('promotion.pay_points', { points: n(s.points), balance: n(quote.points) })}</span>
          </label>
          <label class="flex gap-2 items-start cursor-pointer py-1">
            <input
              type="radio"
              class="radio radio-sm mt-0.5"
              name="payWith"
              value="money"
              checked={chosen === 'money'}
              data-testid="pay-money"
            />
            <span>
              {c.t('promotion.pay_money', {
                amount: formatMoney(c.locale, s.priceCents),
                balance: formatMoney(c.locale, quote.availableCents),
              })}
            </span>
          </label>
          <FieldError c={c} state={state} name="payWith" id="payWith-error" />
        </fieldset>
        <button type="submit" class="btn btn-primary w-full" data-testid="promotion-submit">
          {c.t('promotion.submit')}
        </button>
      </Form>
    </Layout>
  );
}

const SETTING_FIELDS = ['points', 'priceCents', 'days', 'expertFreePerMonth'] as const;

/** `/admin/promotions`: every promotion (moderators end one early with a reason) and the numbers (admins). */
export function AdminPromotionsPage(props: {
  c: ViewCtx;
  lines: PromotionLine[];
  now: Date;
  state: FormState;
  settings: PromotionSettings;
  settingsState: FormState;
  mayEditSettings: boolean;
}) {
  const { c, state } = props;
  const ss = props.settingsState;
  return (
    <AdminShell c={c} title={c.t('promotion.admin.title')}>
      <FormAlert c={c} state={state} />
      {props.lines.length === 0 ? (
        <EmptyCard testId="promotions-empty">{c.t('promotion.empty')}</EmptyCard>
      ) : (
        <ul class="space-y-3 mb-4" data-testid="admin-promotions">
          {props.lines.map((l) => (
            <PromotionCard key={l.p.id} c={c} line={l} now={props.now}>
              {l.p.state !== 'ended' ? (
                <Form c={c} action={`/admin/promotions/${l.p.id}/end`} class="join w-full">
                  <input
                    name="reason"
                    class="input input-sm join-item w-full"
                    aria-label={c.t('promotion.admin.reason')}
                    placeholder={c.t('promotion.admin.reason')}
                    minLength={10}
                    maxLength={500}
                    required
                  />
                  <button type="submit" class="btn btn-sm btn-error join-item" data-testid={`promotion-end-${l.p.id}`}>
                    {c.t('promotion.admin.end')}
                  </button>
                </Form>
              ) : null}
            </PromotionCard>
          ))}
        </ul>
      )}
      {props.mayEditSettings ? (
        <section class="card bg-base-100 shadow-sm">
          <div class="card-body p-4">
            <h2 class="card-title">{c.t('promotion.admin.settings')}</h2>
            <Form c={c} action="/admin/promotions/settings">
              <FormAlert c={c} state={ss} />
              {SETTING_FIELDS.map((k) => (
                <Field
                  key={k}
                  c={c}
                  state={{ ...ss, values: { [k]: String(props.settings[k]), ...ss.values } }}
                  name={k}
                  label={c.t(`promotion.setting.${k}`)}
                  dir="ltr"
                />
              ))}
              <Field
                c={c}
                state={{ ...ss, values: { positions: props.settings.positions.join(', '), ...ss.values } }}
                name="positions"
                label={c.t('promotion.setting.positions')}
                dir="ltr"
              />
              <button type="submit" class="btn btn-primary">
                {c.t('promotion.admin.save')}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
    </AdminShell>
  );
}
