import type { ComponentChildren } from 'preact';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber, plural } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Money, Username } from '../../web/components/bidi.tsx';
import { Card, Field, Form, FormAlert, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { percent } from './rules.ts';
import type { LevelProgress } from './service.ts';

/** One requirement of the next level: what is done of it, what it asks, what is missing, as a bar. */
function Bar(props: {
  c: ViewCtx;
  testId: string;
  label: string;
  done: number;
  needed: number;
  doneText: ComponentChildren;
  neededText: ComponentChildren;
  missingText: ComponentChildren | null;
}) {
  const { c } = props;
  const value = percent(props.done, props.needed);
  return (
    <li class="space-y-1" data-testid={props.testId}>
      <div class="flex flex-wrap justify-between gap-x-2 text-sm">
        <span class="font-medium">{props.label}</span>
        <span>
          {props.doneText} / {props.neededText}
        </span>
      </div>
      <progress
        class={`progress w-full ${value >= 100 ? 'progress-success' : 'progress-primary'}`}
        value={value}
        max={100}
        aria-label={props.label}
      />
      <p class="text-xs opacity-70">
        {props.missingText ? (
          <>
            {c.t('levels.missing')} {props.missingText}
          </>
        ) : (
          c.t('levels.met')
        )}
      </p>
    </li>
  );
}

const Num = (props: { c: ViewCtx; n: number }) => <bdi dir="ltr">{formatNumber(props.c.locale, props.n)}</bdi>;

export function LevelPage(props: { c: ViewCtx; p: LevelProgress }) {
  const { c, p } = props;
  const { seller, buyer } = p;
  const limit = (n: number | null, key: string) => (n === null ? c.t('levels.no_limit') : plural(c.locale, key, n));
  return (
    <Layout c={c} title={c.t('levels.title')} narrow>
      <PageTitle>{c.t('levels.title')}</PageTitle>
      <p class="text-sm mb-4" data-testid="next-recomputation">
        {c.t('levels.next_recomputation', { date: formatDate(c.locale, p.nextRecomputationAt) })}{' '}
        <a class="link" href={c.href('/user-levels')}>
          {c.t('levels.how')}
        </a>
      </p>
      <div class="grid gap-4">
        <Card title={c.t('levels.seller')}>
          <p class="text-lg" data-testid="seller-level">
            <span class="badge badge-primary">{c.t(`level.${seller.level}`)}</span>
            {seller.staffChosen ? <span class="text-sm ms-2">{c.t('levels.staff_chosen')}</span> : null}
          </p>
          <h3 class="font-bold mt-2">{c.t('levels.gives')}</h3>
          <ul class="text-sm list-disc ps-5" data-testid="seller-gives">
            <li>{c.t('levels.gives_services', { allowed: limit(seller.gives.servicesAllowed, 'count.services') })}</li>
            <li>{c.t('levels.gives_bids', { allowed: limit(seller.gives.activeBids, 'levels.count_bids') })}</li>
            <li>
              {seller.gives.clearanceDays === 0
                ? c.t('levels.gives_clearance_now')
                : c.t('levels.gives_clearance', { days: seller.gives.clearanceDays })}
            </li>
          </ul>
          {seller.next && seller.missing ? (
            <>
              <h3 class="font-bold mt-2">{c.t('levels.towards', { level: c.t(`level.${seller.next.level}`) })}</h3>
              <ul class="space-y-3">
                <Bar
                  c={c}
                  testId="seller-sales"
                  label={c.t('levels.sales')}
                  done={seller.done.salesCents}
                  needed={seller.next.salesCents}
                  doneText={<Money c={c} cents={seller.done.salesCents} />}
                  neededText={<Money c={c} cents={seller.next.salesCents} />}
                  missingText={seller.missing.salesCents > 0 ? <Money c={c} cents={seller.missing.salesCents} /> : null}
                />
                <Bar
                  c={c}
                  testId="seller-jobs"
                  label={c.t('levels.jobs')}
                  done={seller.done.jobs}
                  needed={seller.next.jobs}
                  doneText={<Num c={c} n={seller.done.jobs} />}
                  neededText={<Num c={c} n={seller.next.jobs} />}
                  missingText={seller.missing.jobs > 0 ? plural(c.locale, 'count.completed_orders', seller.missing.jobs) : null}
                />
                <Bar
                  c={c}
                  testId="seller-rating"
                  label={c.t('levels.rating')}
                  done={seller.done.rating ?? 0}
                  needed={seller.next.rating}
                  doneText={
                    seller.done.rating === null ? c.t('levels.no_rating') : <Num c={c} n={Math.round(seller.done.rating * 100) / 100} />
                  }
                  neededText={<Num c={c} n={seller.next.rating} />}
                  missingText={seller.missing.rating > 0 ? <Num c={c} n={seller.missing.rating} /> : null}
                />
              </ul>
            </>
          ) : (
            <p class="text-sm mt-2">{c.t(seller.staffChosen ? 'levels.seller_staff_top' : 'levels.top')}</p>
          )}
        </Card>
        <Card title={c.t('levels.buyer')}>
          <p class="text-lg" data-testid="buyer-level">
            <span class="badge badge-secondary">{c.t(`level.${buyer.level}`)}</span>
            {buyer.staffChosen ? <span class="text-sm ms-2">{c.t('levels.staff_chosen')}</span> : null}
          </p>
          <p class="text-sm">{c.t('levels.spent_counts')}</p>
          {buyer.next && buyer.missing ? (
            <>
              <h3 class="font-bold mt-2">{c.t('levels.towards', { level: c.t(`level.${buyer.next.level}`) })}</h3>
              <ul class="space-y-3">
                <Bar
                  c={c}
                  testId="buyer-spent"
                  label={c.t('levels.spent')}
                  done={buyer.done.spentCents}
                  needed={buyer.next.spentCents}
                  doneText={<Money c={c} cents={buyer.done.spentCents} />}
                  neededText={<Money c={c} cents={buyer.next.spentCents} />}
                  missingText={buyer.missing.spentCents > 0 ? <Money c={c} cents={buyer.missing.spentCents} /> : null}
                />
              </ul>
            </>
          ) : (
            <p class="text-sm mt-2" data-testid="buyer-spent">
              {c.t('levels.spent')}: <Money c={c} cents={buyer.done.spentCents} /> —{' '}
              {c.t(buyer.staffChosen ? 'levels.buyer_staff_top' : 'levels.top')}
            </p>
          )}
        </Card>
      </div>
    </Layout>
  );
}

/** Staff's page of a user's levels: the two levels, and the forms that give or take back Expert and VIP. */
export function AdminLevelPage(props: {
  c: ViewCtx;
  user: { id: number; username: string; displayName: string };
  p: LevelProgress;
  state: FormState;
  canChoose: boolean;
}) {
  const { c, user, p, state } = props;
  const forms: { level: 'expert' | 'vip'; has: boolean }[] = [
    { level: 'expert', has: p.seller.level === 'expert' },
    { level: 'vip', has: p.buyer.level === 'vip' },
  ];
  return (
    <AdminShell c={c} title={c.t('levels.admin_title', { name: user.displayName })}>
      <p class="mb-3">
        <a class="link" href={c.href(`/admin/users/${user.id}`)}>
          <Username username={user.username} />
        </a>
      </p>
      <FormAlert c={c} state={state} />
      <div class="grid gap-4 md:grid-cols-2">
        {forms.map((f) => (
          <Card key={f.level} title={c.t(f.level === 'expert' ? 'levels.seller' : 'levels.buyer')}>
            <p data-testid={`admin-${f.level}-level`}>
              {c.t(`level.${f.level === 'expert' ? p.seller.level : p.buyer.level}`)}
              {f.level === 'vip' ? (
                <>
                  {' · '}
                  {c.t('levels.spent')}: <Money c={c} cents={p.buyer.done.spentCents} />
                </>
              ) : null}
            </p>
            {props.canChoose ? (
              <Form c={c} action={`/admin/users/${user.id}/level`} id={`level-${f.level}`}>
                <input type="hidden" name="level" value={f.level} />
                <input type="hidden" name="on" value={f.has ? '0' : '1'} />
                <Field
                  c={c}
                  state={state.values.level === f.level ? state : { ...state, values: {}, errors: {} }}
                  name="reason"
                  label={c.t('levels.reason')}
                  textarea
                  rows={2}
                  maxLength={500}
                  required
                />
                <button class={`btn btn-sm ${f.has ? 'btn-warning' : 'btn-primary'}`} type="submit">
                  {c.t(f.has ? `levels.take_back_${f.level}` : `levels.give_${f.level}`)}
                </button>
              </Form>
            ) : null}
          </Card>
        ))}
      </div>
    </AdminShell>
  );
}
