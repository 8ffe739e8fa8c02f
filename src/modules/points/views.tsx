import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber, plural } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { EmptyCard, Field, Form, FormAlert, MoreLink, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type PointsSettings, sourceLink } from './rules.ts';
import type { PointsEntry } from './service.ts';

/** A signed number of points: "+10" / "−50", isolated left to right so it reads the same in Arabic. */
export function Delta(props: { c: ViewCtx; n: number }) {
  const sign = props.n > 0 ? '+' : '−';
  return (
    <bdi dir="ltr" class={props.n > 0 ? 'text-success font-bold' : 'text-error font-bold'}>
      {sign}
      {formatNumber(props.c.locale, Math.abs(props.n))}
    </bdi>
  );
}

/** One line of the statement: when, why (translated), where from (linked when it has a page), how many. */
function EntryLine(props: { c: ViewCtx; e: PointsEntry }) {
  const { c, e } = props;
  const link = sourceLink(e.source);
  const reason = c.t(`points.reason.${e.reason}`);
  return (
    <li class="card bg-base-100 shadow-sm" data-testid={`points-entry-${e.id}`}>
      <div class="card-body p-3 flex-row items-start justify-between gap-3">
        <div class="min-w-0 space-y-1">
          <p class="font-semibold break-words">
            {link ? (
              <a class="link link-hover" href={c.href(link)}>
                {reason}
              </a>
            ) : (
              reason
            )}
          </p>
          {e.note ? (
            <p class="text-sm opacity-80 break-words" dir="auto" data-testid="points-note">
              {c.t('points.note', { note: e.note })}
            </p>
          ) : null}
          <p class="text-xs opacity-70">{formatDate(c.locale, e.createdAt)}</p>
        </div>
        <Delta c={c} n={e.delta} />
      </div>
    </li>
  );
}

/** `/points`: the balance and the statement, newest first, a page at a time. */
export function PointsPage(props: { c: ViewCtx; balance: number; entries: PointsEntry[]; next: string | null }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('points.title')} narrow>
      <PageTitle>{c.t('points.title')}</PageTitle>
      <div class="stats shadow bg-base-100 w-full mb-4">
        <div class="stat">
          <div class="stat-title">{c.t('points.balance')}</div>
          <div class="stat-value text-primary" data-testid="points-balance">
            {plural(c.locale, 'points.count', props.balance, { count: formatNumber(c.locale, props.balance) })}
          </div>
          <div class="stat-desc">
            <a class="link" href={c.href('/points/how')}>
              {c.t('points.how_link')}
            </a>
          </div>
        </div>
      </div>
      <h2 class="text-lg font-bold mb-2">{c.t('points.statement')}</h2>
      {props.entries.length === 0 ? (
        <EmptyCard testId="points-empty">{c.t('points.empty')}</EmptyCard>
      ) : (
        <ul class="space-y-2" data-testid="points-statement">
          {props.entries.map((e) => (
            <EntryLine key={e.id} c={c} e={e} />
          ))}
        </ul>
      )}
      <MoreLink c={c} href={props.next} label={c.t('points.more')} />
    </Layout>
  );
}

/** `/points/how`: what earns and what costs points, with the numbers in force (the settings). */
/** `promotion`: what points buy (sponsored services' cost and length, their settings). */
export function PointsHowPage(props: { c: ViewCtx; s: PointsSettings; promotion: { points: number; days: number } }) {
  const { c, s } = props;
  const n = (x: number) => plural(c.locale, 'points.count', x, { count: formatNumber(c.locale, x) });
  return (
    <Layout c={c} title={c.t('points.how.title')} narrow>
      <PageTitle>{c.t('points.how.title')}</PageTitle>
      <p class="mb-4">{c.t('points.how.intro')}</p>
      <ul class="list-disc ps-6 space-y-2 mb-4" data-testid="points-how">
        <li>{c.t('points.how.order', { points: n(s.perDollar) })}</li>
        <li>{c.t('points.how.review', { points: n(s.fiveStarReview) })}</li>
        <li>{c.t('points.how.vote', { points: n(s.upvote) })}</li>
        <li>{c.t('points.how.answer', { points: n(s.acceptedAnswer) })}</li>
        <li>{c.t('points.how.violation', { points: n(s.violation) })}</li>
      </ul>
      <p class="mb-4" data-testid="points-spend">
        {c.t('points.how.spend', {
          points: props.promotion.points,
          days: props.promotion.days,
        })}
      </p>
      <p class="text-sm opacity-80">{c.t('points.how.reversal')}</p>
    </Layout>
  );
}

const SETTING_FIELDS = ['perDollar', 'fiveStarReview', 'upvote', 'acceptedAnswer', 'violation'] as const;

/** `/admin/points`: grant or remove points (finance), the totals, and the numbers (admin). */
export function PointsAdminPage(props: {
  c: ViewCtx;
  state: FormState;
  settingsState: FormState;
  totals: { byReason: { reason: string; entries: number; points: number }[]; holders: number; outstanding: number };
  settings: PointsSettings;
  mayEditSettings: boolean;
}) {
  const { c, state, totals } = props;
  return (
    <AdminShell c={c} title={c.t('points.admin.title')}>
      <section class="card bg-base-100 shadow-sm mb-4">
        <div class="card-body p-4">
          <h2 class="card-title">{c.t('points.admin.grant')}</h2>
          <Form c={c} action="/admin/points/grant">
            <FormAlert c={c} state={state} />
            <Field c={c} state={state} name="userId" label={c.t('points.admin.user')} dir="ltr" required />
            <Field c={c} state={state} name="delta" label={c.t('points.admin.delta')} dir="ltr" required />
            <Field c={c} state={state} name="note" label={c.t('points.admin.note')} textarea rows={2} maxLength={500} required />
            <button type="submit" class="btn btn-primary" data-testid="points-grant-submit">
              {c.t('points.admin.submit')}
            </button>
          </Form>
        </div>
      </section>
      <section class="card bg-base-100 shadow-sm mb-4" data-testid="points-totals">
        <div class="card-body p-4">
          <h2 class="card-title">{c.t('points.admin.totals')}</h2>
          <p>{c.t('points.admin.holders', { people: formatNumber(c.locale, totals.holders) })}</p>
          <p>{c.t('points.admin.outstanding', { points: formatNumber(c.locale, totals.outstanding) })}</p>
          <div class="overflow-x-auto">
            <table class="table table-sm">
              <tbody>
                {totals.byReason.map((r) => (
                  <tr key={r.reason}>
                    <td>{c.t(`points.reason.${r.reason}`)}</td>
                    <td>{formatNumber(c.locale, r.entries)}</td>
                    <td>
                      <Delta c={c} n={r.points} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
      {props.mayEditSettings ? (
        <section class="card bg-base-100 shadow-sm">
          <div class="card-body p-4">
            <h2 class="card-title">{c.t('points.admin.settings')}</h2>
            <Form c={c} action="/admin/points/settings">
              <FormAlert c={c} state={props.settingsState} />
              {SETTING_FIELDS.map((k) => (
                <Field
                  key={k}
                  c={c}
                  state={props.settingsState}
                  name={k}
                  label={c.t(`points.admin.${k}`)}
                  dir="ltr"
                  value={String(props.settings[k])}
                />
              ))}
              <button type="submit" class="btn" data-testid="points-settings-submit">
                {c.t('points.admin.save')}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
    </AdminShell>
  );
}
