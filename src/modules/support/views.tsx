import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatDateTime, plural } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { AttachmentList, ComposerForm, EmptyCard, Field, Form, FormAlert, LinkList, MoreLink, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import {
  BODY_MAX,
  FILES_PER_TICKET_MESSAGE,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  type TicketMessageView,
  type TicketView,
} from './service.ts';

/** What the pages show of a sanction being appealed. */
export interface SanctionSummary {
  id: number;
  kind: string;
  reason: string;
  endsAt: Date | null;
  liftedAt: Date | null;
}

export function StatusBadge(props: { c: ViewCtx; status: string }) {
  const tone: Record<string, string> = { open: 'badge-warning', answered: 'badge-success', closed: 'badge-ghost' };
  return (
    <span class={`badge ${tone[props.status] ?? ''}`} data-testid="ticket-status" data-status={props.status}>
      {props.c.t(`support.status.${props.status}`)}
    </span>
  );
}

/** How long ago, in hours under two days and in days after. */
function age(c: ViewCtx, from: string, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 3_600_000));
  return hours < 48 ? plural(c.locale, 'support.age_hours', hours) : plural(c.locale, 'support.age_days', Math.floor(hours / 24));
}

function SanctionLine(props: { c: ViewCtx; s: SanctionSummary }) {
  const { c, s } = props;
  const when = s.liftedAt
    ? c.t('support.sanction_lifted')
    : s.endsAt
      ? c.t('support.sanction_ends', { date: formatDate(c.locale, s.endsAt) })
      : c.t('support.sanction_permanent');
  return (
    <p class="alert mb-4" data-testid="appeal-of">
      <span>
        {c.t('support.appeal_of', { kind: c.t(`support.sanction_kind.${s.kind}`), reason: s.reason })} ({when})
      </span>
    </p>
  );
}

export function TicketsPage(props: { c: ViewCtx; items: TicketView[]; nextCursor: string | null }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('support.title')}>
      <div class="flex flex-wrap items-center gap-2 mb-2">
        <PageTitle>{c.t('support.title')}</PageTitle>
        <a class="btn btn-primary btn-sm ms-auto" href={c.href('/support/new')} data-testid="new-ticket">
          {c.t('support.new')}
        </a>
      </div>
      <p class="text-sm opacity-80 mb-4">{c.t('support.intro')}</p>
      {props.items.length === 0 ? (
        <EmptyCard testId="tickets-empty">{c.t('support.empty')}</EmptyCard>
      ) : (
        <LinkList testId="tickets">
          {props.items.map((t) => (
            <li key={t.id}>
              <a href={c.href(`/support/${t.id}`)} class="flex flex-wrap items-center gap-2 py-3" data-ticket={t.id}>
                <StatusBadge c={c} status={t.status} />
                <strong class="flex-1 min-w-0 truncate" dir="auto">
                  <Ref id={t.id} /> · {t.subject}
                </strong>
                <span class="text-xs opacity-70">{c.t(`support.category.${t.category}`)}</span>
                <time class="text-xs opacity-70" datetime={t.updatedAt} title={c.t('support.last_activity')}>
                  {formatDateTime(c.locale, new Date(t.updatedAt))}
                </time>
              </a>
            </li>
          ))}
        </LinkList>
      )}
      <MoreLink
        c={c}
        href={props.nextCursor ? `/support?cursor=${encodeURIComponent(props.nextCursor)}` : null}
        label={c.t('support.more')}
      />
    </Layout>
  );
}

function FilesInput(props: { c: ViewCtx; state: FormState }) {
  const { c, state } = props;
  const err = state.errors.files ?? state.errors.file;
  return (
    <div class="fieldset">
      <label class="fieldset-legend" for="f-files">
        {c.t('support.attach')}
      </label>
      <input
        id="f-files"
        type="file"
        name="files"
        multiple
        class="file-input file-input-sm max-w-full"
        aria-invalid={err ? 'true' : undefined}
      />
      <p class="label text-xs whitespace-normal">{c.t('support.attach_hint')}</p>
      {err ? (
        <p class="text-error text-sm" data-testid="error-files">
          {c.t(err, { files: FILES_PER_TICKET_MESSAGE, ...state.params })}
        </p>
      ) : null}
    </div>
  );
}

export function NewTicketPage(props: { c: ViewCtx; state: FormState; sanction: SanctionSummary | null }) {
  const { c, state } = props;
  const category = state.values.category ?? '';
  const err = (name: string) =>
    state.errors[name] ? (
      <p class="text-error text-sm" data-testid={`error-${name}`}>
        {c.t(state.errors[name], state.params)}
      </p>
    ) : null;
  return (
    <Layout c={c} title={c.t('support.new_title')} narrow>
      <PageTitle>{c.t('support.new_title')}</PageTitle>
      <div class="card bg-base-100 p-4">
        {props.sanction ? <SanctionLine c={c} s={props.sanction} /> : null}
        <Form c={c} action="/support/new" multipart>
          <FormAlert c={c} state={state} />
          <input type="hidden" name="sanction" value={state.values.sanction ?? ''} />
          <div class="fieldset">
            <label class="fieldset-legend" for="f-category">
              {c.t('support.category')}
            </label>
            <select id="f-category" name="category" class={`select w-full ${state.errors.category ? 'select-error' : ''}`} required>
              <option value="" selected={!category}>
                —
              </option>
              {TICKET_CATEGORIES.map((k) => (
                <option key={k} value={k} selected={category === k}>
                  {c.t(`support.category.${k}`)}
                </option>
              ))}
            </select>
            {err('category')}
            {err('sanctionId')}
          </div>
          <Field
            c={c}
            state={state}
            name="subject"
            label={c.t('support.subject')}
            hint={c.t('support.subject_hint')}
            maxLength={120}
            required
          />
          <Field
            c={c}
            state={state}
            name="body"
            label={c.t('support.body')}
            hint={c.t('support.body_hint')}
            textarea
            rows={6}
            maxLength={BODY_MAX}
            required
          />
          <Field c={c} state={state} name="orderId" label={c.t('support.order_id')} hint={c.t('support.order_hint')} dir="ltr" />
          <FilesInput c={c} state={state} />
          <button type="submit" class="btn btn-primary w-full" data-testid="file-ticket">
            {c.t('support.submit')}
          </button>
        </Form>
      </div>
    </Layout>
  );
}

function TicketMessage(props: { c: ViewCtx; m: TicketMessageView; asStaff: boolean }) {
  const { c, m } = props;
  const mine = props.asStaff ? m.staff : !m.staff;
  const who = m.staff
    ? props.asStaff && m.author
      ? `${c.t('support.team')} · ${m.author.displayName || m.author.username}`
      : c.t('support.team')
    : props.asStaff
      ? m.author?.displayName || m.author?.username || ''
      : c.t('support.you');
  return (
    <li id={`m-${m.id}`} class={`chat ${mine ? 'chat-end' : 'chat-start'}`} data-staff={m.staff ? '1' : undefined}>
      <div class="chat-header text-xs opacity-70 mb-1">
        <bdi>{who}</bdi> <time datetime={m.createdAt}>{formatDateTime(c.locale, new Date(m.createdAt))}</time>
      </div>
      <div class={`chat-bubble whitespace-pre-wrap break-words ${m.staff ? 'chat-bubble-info' : ''}`} dir="auto">
        {m.body}
        <AttachmentList c={c} label={c.t('support.attachments')} hrefBase="/support/files" files={m.files} />
      </div>
    </li>
  );
}

export function TicketPage(props: {
  c: ViewCtx;
  ticket: TicketView;
  messages: TicketMessageView[];
  asStaff: boolean;
  sanction: SanctionSummary | null;
  state: FormState;
}) {
  const { c, ticket: t, state, asStaff } = props;
  const title = c.t('support.ticket_title', { id: t.id });
  const closed = t.status === 'closed';
  return (
    <Layout c={c} title={title}>
      <div class="flex flex-wrap items-center gap-2 mb-3">
        <a href={c.href(asStaff ? '/admin/support' : '/support')} class="btn btn-ghost btn-sm">
          {asStaff ? c.t('support.queue_title') : c.t('support.back')}
        </a>
        <h1 class="text-xl font-bold flex-1 min-w-0" dir="auto">
          {title}: <bdi data-testid="ticket-subject">{t.subject}</bdi>
        </h1>
        <StatusBadge c={c} status={t.status} />
      </div>
      <p class="text-sm opacity-80 mb-3 flex flex-wrap gap-3">
        <span>{c.t(`support.category.${t.category}`)}</span>
        <span>{c.t('support.opened_at', { date: formatDateTime(c.locale, new Date(t.createdAt)) })}</span>
        {t.orderId ? (
          <a class="link" href={c.href(`/orders/${t.orderId}`)} data-testid="ticket-order">
            {c.t('support.order_link', { id: t.orderId })}
          </a>
        ) : null}
        {asStaff ? (
          <a class="link" href={c.href(`/admin/users/${t.user.id}`)} data-testid="ticket-user">
            {t.user.displayName || t.user.username} <Username username={t.user.username} />
          </a>
        ) : null}
      </p>
      {props.sanction ? <SanctionLine c={c} s={props.sanction} /> : null}
      {asStaff ? <p class="text-xs opacity-70 mb-2">{c.t('support.staff_notice')}</p> : null}
      <section class="card bg-base-100 p-3 md:p-4" aria-label={title}>
        <ol class="space-y-1" data-testid="ticket-thread">
          {props.messages.map((m) => (
            <TicketMessage key={m.id} c={c} m={m} asStaff={asStaff} />
          ))}
        </ol>
        {closed ? (
          <p role="status" class="alert mt-4" data-testid="ticket-closed">
            {c.t(asStaff ? 'support.closed_note_staff' : 'support.closed_note')}
          </p>
        ) : null}
        {closed && asStaff ? null : (
          <ComposerForm
            c={c}
            action={`/support/${t.id}`}
            state={state}
            label={asStaff ? c.t('support.reply_staff') : c.t('support.reply')}
            labelClass="fieldset-legend"
            rows={4}
            maxLength={BODY_MAX}
            errorParams={{ files: FILES_PER_TICKET_MESSAGE }}
            attachLabel={c.t('support.attach')}
            attachHint={c.t('support.attach_hint')}
            sendLabel={c.t('support.send')}
          />
        )}
        {closed ? null : (
          <Form c={c} action={`/support/${t.id}/close`} class="mt-3">
            <button type="submit" class="btn btn-outline btn-sm" data-testid="close-ticket">
              {c.t('support.close')}
            </button>
          </Form>
        )}
      </section>
    </Layout>
  );
}

/** Support's queue: a status at a time, priority users first, then the longest waiting. */
export function QueuePage(props: { c: ViewCtx; status: string; items: TicketView[]; nextCursor: string | null; now: Date }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('support.queue_title')}>
      <div role="tablist" class="tabs tabs-box mb-4">
        {TICKET_STATUSES.map((s) => (
          <a key={s} role="tab" class={`tab ${props.status === s ? 'tab-active' : ''}`} href={c.href(`/admin/support?status=${s}`)}>
            {c.t(`support.status.${s}`)}
          </a>
        ))}
      </div>
      {props.items.length === 0 ? (
        <p class="card bg-base-100 p-6" data-testid="queue-empty">
          {c.t('support.queue_empty')}
        </p>
      ) : (
        <div class="overflow-x-auto bg-base-100 rounded-box">
          <table class="table" data-testid="queue">
            <thead>
              <tr>
                <th>#</th>
                <th>{c.t('support.category')}</th>
                <th>{c.t('support.subject')}</th>
                <th>{c.t('support.user')}</th>
                <th>{c.t('support.category.order')}</th>
                <th>{c.t('support.age')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((t) => (
                <tr key={t.id} data-ticket={t.id}>
                  <td>
                    <a class="link" href={c.href(`/support/${t.id}`)}>
                      <Ref id={t.id} />
                    </a>
                    {t.priority > 0 ? (
                      <span class="badge badge-secondary badge-sm ms-1" data-testid="priority">
                        {c.t('support.priority')}
                      </span>
                    ) : null}
                  </td>
                  <td>{c.t(`support.category.${t.category}`)}</td>
                  <td dir="auto">
                    <a class="link" href={c.href(`/support/${t.id}`)}>
                      {t.subject}
                    </a>
                  </td>
                  <td>
                    <a class="link" href={c.href(`/admin/users/${t.user.id}`)}>
                      {t.user.displayName || t.user.username}
                    </a>
                  </td>
                  <td>
                    {t.orderId ? (
                      <a class="link" href={c.href(`/orders/${t.orderId}`)}>
                        <Ref id={t.orderId} />
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <time datetime={t.updatedAt} title={formatDateTime(c.locale, new Date(t.createdAt))}>
                      {age(c, t.createdAt, props.now)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreLink
        c={c}
        href={props.nextCursor ? `/admin/support?status=${props.status}&cursor=${encodeURIComponent(props.nextCursor)}` : null}
        label={c.t('support.more')}
      />
      <p class="text-sm opacity-70 mt-4">{c.t('support.staff_notice')}</p>
    </AdminShell>
  );
}
