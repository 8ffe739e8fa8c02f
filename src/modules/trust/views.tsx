import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../web/components/confirm.tsx';
import { EmptyCard, Field, Form, FormAlert, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';

/** The report form (إبلاغ): what is reported, a reason from the list, optional details. */
export function ReportPage(props: {
  c: ViewCtx;
  type: string;
  id: number;
  title: string;
  reasons: readonly string[];
  already: boolean;
  state: FormState;
}) {
  const { c, state } = props;
  const chosen = state.values.reason ?? '';
  return (
    <Layout c={c} title={c.t('report.title')}>
      <div class="max-w-xl mx-auto">
        <PageTitle>{c.t('report.title')}</PageTitle>
        <div class="card bg-base-100 shadow-sm">
          <div class="card-body p-4 md:p-6 gap-3">
            <p class="font-semibold" dir="auto" data-testid="report-about">
              {c.t('report.about', { what: `${c.t(`report.target.${props.type}`)}: ${props.title}` })}
            </p>
            <p class="text-sm opacity-80">{c.t('report.intro')}</p>
            {props.already ? (
              <p role="status" class="alert alert-info" data-testid="report-already">
                {c.t('report.already')}
              </p>
            ) : (
              <Form c={c} action="/report">
                <FormAlert c={c} state={state} />
                <input type="hidden" name="type" value={props.type} />
                <input type="hidden" name="id" value={String(props.id)} />
                <fieldset class="fieldset" aria-describedby={state.errors.reason ? 'f-reason-err' : undefined}>
                  <legend class="fieldset-legend">{c.t('report.reason')}</legend>
                  {props.reasons.map((r) => (
                    <label key={r} class="label cursor-pointer justify-start gap-2 py-1 text-base-content">
                      <input type="radio" class="radio radio-sm" name="reason" value={r} checked={chosen === r} required />
                      <span>{c.t(`report.reason.${r}`)}</span>
                    </label>
                  ))}
                  {state.errors.reason ? (
                    <p id="f-reason-err" class="text-error text-sm" data-testid="error-reason">
                      {c.t(state.errors.reason)}
                    </p>
                  ) : null}
                </fieldset>
                <Field c={c} state={state} name="details" label={c.t('report.details')} textarea rows={3} maxLength={1000} dir="auto" />
                <button type="submit" class="btn btn-error mt-3" data-testid="report-send">
                  {c.t('report.send')}
                </button>
              </Form>
            )}
          </div>
        </div>
      </div>
    </Layout>
  );
}

export interface QueueItem {
  targetType: string;
  targetId: number;
  authorId: number;
  author: { username: string; displayName: string } | null;
  count: number;
  first: Date;
  reasons: Record<string, number>;
  reports: { id: number; reason: string; details: string; createdAt: Date }[];
  content: { title: string; text: string; url: string | null; state: string | null } | null;
  takeDowns: string[];
  record: { action: string; reason: string; createdAt: Date }[];
}

/** Moderators: open reports grouped by target, with the content, its author and the decision form. */
export function ReportsQueuePage(props: { c: ViewCtx; items: QueueItem[]; state: FormState; failed: string | null }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('reports.title')}>
      {props.items.length === 0 ? (
        <EmptyCard testId="no-reports">{c.t('reports.none')}</EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="reports">
          {props.items.map((i) => {
            const key = `${i.targetType}-${i.targetId}`;
            const failed = props.failed === key;
            const st = failed ? props.state : { values: {}, errors: {}, formError: null, params: {} };
            return (
              <li key={key} class="card bg-base-100 shadow-sm p-4 space-y-2" data-testid={`group-${key}`}>
                <p class="flex flex-wrap gap-2 items-center">
                  <span class="badge">{c.t(`report.target.${i.targetType}`)}</span>
                  <strong dir="auto">{i.content?.title ?? `#${i.targetId}`}</strong>
                  <span class="badge badge-error badge-outline">{c.t('reports.count', { n: i.count })}</span>
                  {i.content?.state ? <span class="badge badge-warning">{c.t(`reports.state.${i.content.state}`)}</span> : null}
                  <time class="text-xs opacity-70">{c.t('reports.first', { date: formatDateTime(c.locale, i.first) })}</time>
                </p>
                {i.content ? (
                  <blockquote
                    class="border-s-4 border-base-300 ps-3 text-sm whitespace-pre-line break-words max-h-40 overflow-auto"
                    dir="auto"
                  >
                    {i.content.text.slice(0, 1500)}
                  </blockquote>
                ) : (
                  <p class="text-sm opacity-70">{c.t('reports.gone')}</p>
                )}
                <p class="text-sm flex flex-wrap gap-3">
                  <span>
                    {c.t('reports.author')}:{' '}
                    <a class="link" href={c.href(`/admin/users/${i.authorId}`)}>
                      {i.author ? (
                        <>
                          <bdi>{i.author.displayName || i.author.username}</bdi> <Username username={i.author.username} />
                        </>
                      ) : (
                        `#${i.authorId}`
                      )}
                    </a>
                  </span>
                  {i.content?.url ? (
                    <a class="link" href={c.href(i.content.url)}>
                      {c.t('reports.open_content')}
                    </a>
                  ) : null}
                  <a class="link" href={c.href(`/admin/users/${i.authorId}/sanctions?source=${i.targetType}:${i.targetId}`)}>
                    {c.t('reports.sanction_author')}
                  </a>
                </p>
                <ul class="text-sm list-disc ms-5">
                  {i.reports.map((r) => (
                    <li key={r.id}>
                      {c.t(`report.reason.${r.reason}`)}
                      {r.details ? (
                        <span dir="auto" class="opacity-80">
                          {' '}
                          — {r.details}
                        </span>
                      ) : null}{' '}
                      <time class="text-xs opacity-60">{formatDateTime(c.locale, r.createdAt)}</time>
                    </li>
                  ))}
                </ul>
                {i.record.length ? (
                  <p class="text-xs opacity-70">
                    {c.t('reports.before', {
                      list: i.record
                        .map((r) => `${c.t(`reports.decision.${r.action}`)} (${formatDate(c.locale, r.createdAt)}): ${r.reason}`)
                        .join(' · '),
                    })}
                  </p>
                ) : null}
                <Form
                  c={c}
                  action={`/admin/reports/${i.targetType}/${i.targetId}`}
                  class="grid gap-2 sm:grid-cols-[auto_1fr_auto] items-start"
                >
                  {failed ? <FormAlert c={c} state={st} /> : null}
                  <label class="sr-only" for={`d-${key}`}>
                    {c.t('reports.decision')}
                  </label>
                  <select id={`d-${key}`} name="decision" class="select select-sm" data-testid={`decision-${key}`}>
                    {['dismiss', ...i.takeDowns, 'warn'].map((d) => (
                      <option key={d} value={d} selected={st.values.decision === d}>
                        {c.t(`reports.decision.${d}`)}
                      </option>
                    ))}
                  </select>
                  <div>
                    <label class="sr-only" for={`r-${key}`}>
                      {c.t('reports.reason')}
                    </label>
                    <input
                      id={`r-${key}`}
                      name="reason"
                      class={`input input-sm w-full ${st.errors.reason ? 'input-error' : ''}`}
                      placeholder={c.t('reports.reason')}
                      value={st.values.reason ?? ''}
                      dir="auto"
                      data-testid={`reason-${key}`}
                    />
                    {st.errors.reason ? <p class="text-error text-sm">{c.t(st.errors.reason, { min: 10, max: 1000 })}</p> : null}
                  </div>
                  <ConfirmSubmit
                    c={c}
                    id={`confirm-decide-${key}`}
                    label={c.t('reports.decide')}
                    question={c.t('reports.decide_confirm')}
                    confirm={c.t('reports.decide')}
                    class="btn btn-sm btn-primary"
                    testid={`decide-${key}`}
                  />
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </AdminShell>
  );
}

export interface SanctionView {
  id: number;
  kind: string;
  scopes: string[];
  reason: string;
  endsAt: Date | null;
  createdAt: Date;
  liftedAt: Date | null;
  liftReason: string | null;
}

export interface TakenDownItem {
  id: number;
  targetType: string;
  targetId: number;
  action: string;
  reason: string;
  createdAt: Date;
  title: string;
  /** The content as it was: shown to staff only. */
  text: string;
}

/** Content moderators took down, with the reason; for staff also the text as it was (kept for the record). */
function TakenDownList(props: { c: ViewCtx; items: TakenDownItem[]; staff: boolean }) {
  const { c } = props;
  if (!props.items.length) return null;
  return (
    <section class="mb-6">
      <h2 class="text-lg font-bold mb-2">{c.t('my_sanctions.content')}</h2>
      <ul class="space-y-2" data-testid={props.staff ? 'taken-down-staff' : 'taken-down'}>
        {props.items.map((x) => (
          <li key={x.id} class="card bg-base-100 shadow-sm p-3 text-sm space-y-1">
            <p>
              <span class="badge badge-sm me-2">{c.t(`report.target.${x.targetType}`)}</span>
              <strong dir="auto">{x.title}</strong> — {c.t(`reports.decision.${x.action}`)} ·{' '}
              <time class="opacity-70">{formatDate(c.locale, x.createdAt)}</time>
            </p>
            <p dir="auto">
              {c.t('sanction.reason')}: {x.reason}
            </p>
            {props.staff ? (
              <blockquote
                class="border-s-4 border-base-300 ps-3 whitespace-pre-line break-words max-h-32 overflow-auto opacity-80"
                dir="auto"
              >
                {x.text.slice(0, 1500)}
              </blockquote>
            ) : x.targetType === 'service' && x.action === 'hide' ? (
              <a class="link" href={c.href(`/my/services/${x.targetId}/edit`)} data-testid={`fix-${x.id}`}>
                {c.t('my_sanctions.fix')}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const activeNow = (s: SanctionView, now: Date) => s.kind === 'sanction' && !s.liftedAt && (!s.endsAt || s.endsAt > now);

function SanctionLine(props: { c: ViewCtx; s: SanctionView; now: Date; children?: preact.ComponentChildren }) {
  const { c, s } = props;
  const active = activeNow(s, props.now);
  return (
    <li class="card bg-base-100 shadow-sm p-4 space-y-1" data-testid={`sanction-${s.id}`}>
      <p class="flex flex-wrap gap-2 items-center">
        <span class={`badge ${s.kind === 'warning' ? 'badge-warning' : active ? 'badge-error' : 'badge-ghost'}`}>
          {c.t(`sanction.kind.${s.kind}`)}
        </span>
        {s.scopes.map((sc) => (
          <span key={sc} class="badge badge-outline" data-testid={`scope-${s.id}-${sc}`}>
            {c.t(`sanction.scope.${sc}`)}
          </span>
        ))}
        {s.kind === 'sanction' ? (
          <span class="text-sm" data-testid={`end-${s.id}`}>
            {s.liftedAt
              ? c.t(s.liftReason === 'expired' ? 'sanction.expired' : 'sanction.lifted', { date: formatDate(c.locale, s.liftedAt) })
              : s.endsAt
                ? c.t('sanction.until', { date: formatDateTime(c.locale, s.endsAt) })
                : c.t('sanction.permanent')}
          </span>
        ) : null}
        <time class="text-xs opacity-70">{formatDateTime(c.locale, s.createdAt)}</time>
      </p>
      <p class="text-sm" dir="auto">
        <strong>{c.t('sanction.reason')}:</strong> {s.reason}
      </p>
      {props.children}
    </li>
  );
}

/** The user's own page: sanctions in force (scope, reason, end), warnings, history and content taken down. */
export function MySanctionsPage(props: {
  c: ViewCtx;
  now: Date;
  items: SanctionView[];
  content: TakenDownItem[];
  frozen: { releaseAfter: Date | null } | null;
}) {
  const { c, now } = props;
  const active = props.items.filter((s) => activeNow(s, now));
  const rest = props.items.filter((s) => !activeNow(s, now));
  const appeal = (id: number) => (
    <a class="btn btn-sm btn-outline self-start" href={c.href(`/support/new?category=appeal&sanction=${id}`)} data-testid={`appeal-${id}`}>
      {c.t('sanction.appeal')}
    </a>
  );
  return (
    <Layout c={c} title={c.t('my_sanctions.title')}>
      <PageTitle>{c.t('my_sanctions.title')}</PageTitle>
      <p class="mb-4 opacity-80">{c.t('my_sanctions.intro')}</p>
      {props.frozen ? (
        <p role="alert" class="alert alert-warning mb-4" data-testid="frozen">
          {c.t('my_sanctions.frozen', { date: props.frozen.releaseAfter ? formatDate(c.locale, props.frozen.releaseAfter) : '—' })}
        </p>
      ) : null}
      {props.items.length === 0 && props.content.length === 0 ? (
        <EmptyCard testId="no-sanctions">{c.t('my_sanctions.none')}</EmptyCard>
      ) : null}
      {active.length ? (
        <section class="mb-6">
          <h2 class="text-lg font-bold mb-2">{c.t('my_sanctions.active')}</h2>
          <ul class="space-y-3" data-testid="active-sanctions">
            {active.map((s) => (
              <SanctionLine key={s.id} c={c} s={s} now={now}>
                {appeal(s.id)}
              </SanctionLine>
            ))}
          </ul>
        </section>
      ) : null}
      <TakenDownList c={c} items={props.content} staff={false} />
      {rest.length ? (
        <section>
          <h2 class="text-lg font-bold mb-2">{c.t('my_sanctions.history')}</h2>
          <ul class="space-y-3">
            {rest.map((s) => (
              <SanctionLine key={s.id} c={c} s={s} now={now}>
                {s.kind === 'warning' ? appeal(s.id) : null}
              </SanctionLine>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** Moderators: a user's sanctions (lift with a reason), a new sanction, and the reports on their content. */
export function AdminSanctionsPage(props: {
  c: ViewCtx;
  now: Date;
  user: { id: number; username: string; displayName: string };
  items: SanctionView[];
  reports: { id: number; targetType: string; targetId: number; reason: string; status: string; createdAt: Date }[];
  /** Their content moderators took down, with the text as it was (kept for the record, staff only). */
  content: {
    id: number;
    targetType: string;
    targetId: number;
    action: string;
    reason: string;
    createdAt: Date;
    title: string;
    text: string;
  }[];
  scopes: readonly string[];
  source: string;
  state: FormState;
  failedLift: number | null;
}) {
  const { c, state, now } = props;
  const newState = props.failedLift === null ? state : { values: {}, errors: {}, formError: null, params: {} };
  const chosen = (newState.values.scopes ?? '').split(',');
  const name = props.user.displayName || props.user.username;
  return (
    <AdminShell c={c} title={c.t('admin_sanctions.title', { name })}>
      <p class="mb-3">
        <a class="link" href={c.href(`/admin/users/${props.user.id}`)} dir="ltr">
          @{props.user.username}
        </a>
      </p>
      <section class="card bg-base-100 shadow-sm mb-6">
        <div class="card-body p-4 md:p-6 gap-2">
          <h2 class="card-title">{c.t('admin_sanctions.new')}</h2>
          <Form c={c} action={`/admin/users/${props.user.id}/sanctions`}>
            <FormAlert c={c} state={newState} />
            <input type="hidden" name="source" value={props.source} />
            <fieldset class="fieldset">
              <legend class="fieldset-legend">{c.t('sanction.scopes')}</legend>
              <div class="flex flex-wrap gap-3">
                {['full', ...props.scopes].map((sc) => (
                  <label key={sc} class="label cursor-pointer gap-2 text-base-content">
                    <input
                      type="checkbox"
                      class="checkbox checkbox-sm"
                      name="scopes"
                      value={sc}
                      checked={chosen.includes(sc)}
                      data-testid={`scope-${sc}`}
                    />
                    {c.t(`sanction.scope.${sc}`)}
                  </label>
                ))}
              </div>
              {newState.errors.scopes ? <p class="text-error text-sm">{c.t(newState.errors.scopes)}</p> : null}
              <p class="label text-xs whitespace-normal">{c.t('admin_sanctions.full_note')}</p>
            </fieldset>
            <Field c={c} state={newState} name="endsAt" type="date" label={c.t('admin_sanctions.ends')} dir="ltr" />
            <Field
              c={c}
              state={{ ...newState, params: { min: 10, max: 1000, ...newState.params } }}
              name="reason"
              label={c.t('sanction.reason')}
              textarea
              rows={3}
              dir="auto"
            />
            <div class="mt-3">
              <ConfirmSubmit
                c={c}
                id="confirm-sanction"
                label={c.t('admin_sanctions.create')}
                question={c.t('admin_sanctions.create_confirm', { name: `@${props.user.username}` })}
                confirm={c.t('admin_sanctions.create')}
                class="btn btn-error"
                testid="sanction-create"
              />
            </div>
          </Form>
        </div>
      </section>
      {props.items.length ? (
        <ul class="space-y-3 mb-6" data-testid="sanctions">
          {props.items.map((s) => (
            <SanctionLine key={s.id} c={c} s={s} now={now}>
              {activeNow(s, now) ? (
                <Form c={c} action={`/admin/sanctions/${s.id}/lift`} class="flex flex-wrap gap-2 items-start">
                  <label class="sr-only" for={`lift-${s.id}`}>
                    {c.t('admin_sanctions.lift_reason')}
                  </label>
                  <input
                    id={`lift-${s.id}`}
                    name="reason"
                    class={`input input-sm flex-1 ${props.failedLift === s.id && state.errors.reason ? 'input-error' : ''}`}
                    placeholder={c.t('admin_sanctions.lift_reason')}
                    value={props.failedLift === s.id ? (state.values.reason ?? '') : ''}
                    dir="auto"
                  />
                  <ConfirmSubmit
                    c={c}
                    id={`confirm-lift-${s.id}`}
                    label={c.t('admin_sanctions.lift')}
                    question={c.t('admin_sanctions.lift_confirm')}
                    confirm={c.t('admin_sanctions.lift')}
                    tone="primary"
                    testid={`lift-${s.id}`}
                  />
                  {props.failedLift === s.id && (state.errors.reason || state.formError) ? (
                    <p class="text-error text-sm w-full">{c.t(state.errors.reason ?? state.formError ?? '', { min: 10, max: 1000 })}</p>
                  ) : null}
                </Form>
              ) : null}
            </SanctionLine>
          ))}
        </ul>
      ) : null}
      <TakenDownList c={c} items={props.content} staff />
      {props.reports.length ? (
        <section>
          <h2 class="text-lg font-bold mb-2">{c.t('admin_sanctions.reports')}</h2>
          <ul class="text-sm list-disc ms-5">
            {props.reports.map((r) => (
              <li key={r.id}>
                {c.t(`report.target.${r.targetType}`)} <Ref id={r.targetId} /> · {c.t(`report.reason.${r.reason}`)} ·{' '}
                {c.t(`reports.status.${r.status}`)} · {formatDate(c.locale, r.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AdminShell>
  );
}
