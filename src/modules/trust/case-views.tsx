import type { ComponentChildren } from 'preact';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { EmptyCard, Form } from '../../web/components.tsx';

export interface CaseItem {
  id: number;
  kind: string;
  createdAt: Date;
  userId: number;
  user: { username: string; displayName: string } | null;
  attempts: { context: string; found: { kind: string; text: string }[]; createdAt: Date }[];
  /** A coercion case's flagged messages (a review tied to a refund or a favour), the newest last. */
  flagged: { messageId: number; conversationId: number; text: string; at: string }[];
}

/** A coercion case: the flagged messages (each opens the conversation for staff), and removing a review proven coerced. */
function CoercionDetails(props: { c: ViewCtx; item: CaseItem; state: FormState; failedId: number | null }) {
  const { c, item } = props;
  const failed = props.failedId === item.id && props.state.values.form === 'remove-review';
  return (
    <>
      <ul class="text-sm space-y-1" data-testid={`flagged-${item.id}`}>
        {item.flagged.map((m) => (
          <li key={m.messageId} class="bg-base-200 rounded p-2">
            <p class="whitespace-pre-line break-words" dir="auto">
              {m.text}
            </p>
            <a class="link text-xs" href={c.href(`/admin/conversations/${m.conversationId}`)}>
              {c.t('trust.coercion_open_conversation')}
            </a>
          </li>
        ))}
      </ul>
      <Form c={c} action={`/admin/cases/${item.id}/remove-review`} class="grid gap-2 sm:grid-cols-[8rem_1fr_auto] items-start">
        <input type="hidden" name="form" value="remove-review" />
        <input
          name="reviewId"
          class="input input-sm"
          dir="ltr"
          inputmode="numeric"
          aria-label={c.t('trust.coercion_review_id')}
          placeholder={c.t('trust.coercion_review_id')}
          value={failed ? (props.state.values.reviewId ?? '') : ''}
        />
        <input
          name="reason"
          class="input input-sm"
          dir="auto"
          aria-label={c.t('trust.coercion_reason')}
          placeholder={c.t('trust.coercion_reason')}
          value={failed ? (props.state.values.reason ?? '') : ''}
        />
        <button type="submit" class="btn btn-sm">
          {c.t('trust.coercion_remove')}
        </button>
        {failed && (props.state.formError || props.state.errors.reason) ? (
          <p class="text-error text-sm sm:col-span-3">{c.t(props.state.errors.reason ?? props.state.formError ?? '')}</p>
        ) : null}
      </Form>
    </>
  );
}

export function CasesPage(props: { c: ViewCtx; items: CaseItem[]; state: FormState; failedId: number | null; before?: ComponentChildren }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('trust.cases_title')}>
      {props.before}
      {props.items.length === 0 ? (
        <EmptyCard testId="no-cases">{c.t('trust.cases_none')}</EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="cases">
          {props.items.map((i) => (
            <li key={i.id} class="card bg-base-100 p-4 space-y-2">
              <p class="flex flex-wrap gap-2 items-center">
                <Ref id={i.id} class="font-bold" />
                <span>{c.t(`trust.case_kind.${i.kind}`)}</span>
                {i.user ? (
                  <a class="link" href={c.href(`/admin/users/${i.userId}`)}>
                    {i.user.displayName || i.user.username} <Username username={i.user.username} />
                  </a>
                ) : null}
                <time class="text-xs opacity-70">{formatDateTime(c.locale, i.createdAt)}</time>
                <a class="link text-sm" href={c.href(`/admin/users/${i.userId}/sanctions?source=case:${i.id}`)}>
                  {c.t('admin_sanctions.link')}
                </a>
              </p>
              {i.kind === 'review_coercion' ? <CoercionDetails c={c} item={i} state={props.state} failedId={props.failedId} /> : null}
              <ul class="text-sm list-disc ms-5">
                {(i.kind === 'review_coercion' ? [] : i.attempts).map((a, n) => (
                  <li key={n}>
                    {c.t(`trust.context.${a.context}`)} · {formatDateTime(c.locale, a.createdAt)} ·{' '}
                    {a.found.map((f) => (
                      <code key={f.text} class="mx-1" dir="auto">
                        {f.text}
                      </code>
                    ))}
                  </li>
                ))}
              </ul>
              <Form c={c} action={`/admin/cases/${i.id}/close`} class="flex flex-wrap gap-2 items-start">
                <label class="sr-only" for={`note-${i.id}`}>
                  {c.t('trust.case_note')}
                </label>
                <input
                  id={`note-${i.id}`}
                  name="note"
                  class={`input input-sm flex-1 ${props.failedId === i.id && props.state.errors.note ? 'input-error' : ''}`}
                  placeholder={c.t('trust.case_note')}
                  value={props.failedId === i.id ? (props.state.values.note ?? '') : ''}
                />
                <button type="submit" class="btn btn-sm">
                  {c.t('trust.case_close')}
                </button>
                {props.failedId === i.id && (props.state.errors.note || props.state.formError) ? (
                  <p class="text-error text-sm w-full">{c.t(props.state.errors.note ?? props.state.formError ?? '')}</p>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      )}
    </AdminShell>
  );
}
