import { emptyForm, type FormState, type ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, timeAgo } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { VerifiedBadge } from '../../web/components/verified-badge.tsx';
import { Form, FormAlert } from '../../web/components.tsx';
import type { QueueItem } from './service.ts';
import { requestFileUrl } from './views.tsx';

/** The two files side by side: an image in the page (its loading is the audited reading), a PDF behind a link. */
function RequestFiles(props: { c: ViewCtx; item: QueueItem }) {
  const { c, item } = props;
  const r = item.request;
  const doc = requestFileUrl(r.id, 'document');
  const selfie = requestFileUrl(r.id, 'selfie');
  return (
    <div class="grid grid-cols-1 sm:grid-cols-2 gap-3">
      <div class="bg-base-200 rounded-box p-2 min-w-0 flex flex-col gap-1">
        {item.documentType?.startsWith('image/') ? (
          <a href={c.href(doc)} target="_blank" rel="noopener">
            <img
              src={c.href(doc)}
              alt={c.t('verification.open_document')}
              class="w-full max-h-80 object-contain rounded"
              loading="lazy"
              data-testid={`document-${r.id}`}
            />
          </a>
        ) : (
          <a class="btn btn-sm w-full" href={c.href(doc)} data-testid={`document-${r.id}`}>
            {c.t('verification.document_pdf')}
          </a>
        )}
        <p class="text-xs opacity-70">{c.t(`verification.kind.${r.documentKind}`)}</p>
      </div>
      <div class="bg-base-200 rounded-box p-2 min-w-0 flex flex-col gap-1">
        <a href={c.href(selfie)} target="_blank" rel="noopener">
          <img
            src={c.href(selfie)}
            alt={c.t('verification.open_selfie')}
            class="w-full max-h-80 object-contain rounded"
            loading="lazy"
            data-testid={`selfie-${r.id}`}
          />
        </a>
        <p class="text-xs opacity-70">{c.t('verification.open_selfie')}</p>
      </div>
    </div>
  );
}

/** Approve, or reject with a reason the user reads (and, for a verified account's replacement, remove the badge too). */
function Decision(props: { c: ViewCtx; item: QueueItem; state: FormState }) {
  const { c, item, state } = props;
  const id = item.request.id;
  const reasonId = `f-reason-${id}`;
  return (
    <div class="grid gap-3 md:grid-cols-2 items-end border-t border-base-300 pt-3">
      <Form c={c} action={`/admin/verifications/${id}/approve`} class="">
        <input type="hidden" name="target" value={String(id)} />
        <button class="btn btn-primary w-full md:w-auto" type="submit" data-testid={`approve-${id}`}>
          {c.t('verification.approve')}
        </button>
      </Form>
      <Form c={c} action={`/admin/verifications/${id}/reject`} class="space-y-2">
        <input type="hidden" name="target" value={String(id)} />
        <div class="fieldset">
          <label class="fieldset-legend" for={reasonId}>
            {c.t('verification.reject_reason')}
          </label>
          <textarea
            id={reasonId}
            name="reason"
            rows={2}
            minLength={10}
            maxLength={1000}
            required
            dir="auto"
            class={`textarea w-full ${state.errors.reason ? 'textarea-error' : ''}`}
            aria-invalid={state.errors.reason ? 'true' : undefined}
            aria-describedby={state.errors.reason ? `${reasonId}-err` : undefined}
          >
            {state.values.reason ?? ''}
          </textarea>
          {state.errors.reason ? (
            <p id={`${reasonId}-err`} class="text-error text-sm" data-testid={`error-reason-${id}`}>
              {c.t(state.errors.reason)}
            </p>
          ) : null}
        </div>
        {item.verifiedAt ? (
          <label class="label cursor-pointer gap-2 whitespace-normal">
            <input type="checkbox" name="revoke" value="1" class="checkbox checkbox-sm" checked={state.values.revoke === '1'} />
            <span class="text-sm">{c.t('verification.revoke')}</span>
          </label>
        ) : null}
        <button class="btn btn-outline btn-error w-full md:w-auto" type="submit" data-testid={`reject-${id}`}>
          {c.t('moderation.reject')}
        </button>
      </Form>
    </div>
  );
}

/**
 * /admin/verifications: the pending requests, oldest first, each with its age and the date staff should decide by
 * (3 business days), the two files, the typed name beside the account's names with the transliteration hint, and
 * the decision. A refused decision comes back in its own item (`state.values.target`).
 */
export function VerificationQueuePage(props: { c: ViewCtx; items: QueueItem[]; now: Date; state: FormState }) {
  const { c, items, state, now } = props;
  const target = items.some((i) => String(i.request.id) === state.values.target) ? state.values.target : undefined;
  return (
    <AdminShell c={c} title={c.t('verification.queue_title')}>
      <p class="text-sm opacity-80 mb-3">{c.t('verification.queue_intro')}</p>
      {target ? null : <FormAlert c={c} state={state} />}
      {items.length === 0 ? (
        <p class="opacity-70" data-testid="queue-empty">
          {c.t('verification.queue_empty')}
        </p>
      ) : null}
      <ul class="space-y-4" data-testid="verification-queue">
        {items.map((item) => {
          const r = item.request;
          const s = target === String(r.id) ? state : emptyForm;
          const overdue = r.dueAt.getTime() < now.getTime();
          return (
            <li key={r.id} class="card bg-base-100 shadow-sm" data-testid={`request-${r.id}`}>
              <div class="card-body p-4 md:p-6 gap-3">
                <p class="text-sm opacity-80 flex flex-wrap gap-x-2 gap-y-1 items-center">
                  <Ref id={r.id} />
                  <span>{c.t('verification.submitted_at', { ago: timeAgo(c, r.createdAt, now) })}</span>
                  <span data-testid={`due-${r.id}`}>{c.t('verification.due', { date: formatDate(c.locale, r.dueAt) })}</span>
                  {overdue ? <span class="badge badge-error badge-sm">{c.t('verification.overdue')}</span> : null}
                  {r.replacing ? <span class="badge badge-outline badge-sm">{c.t('verification.replacing')}</span> : null}
                </p>
                <dl class="grid grid-cols-1 sm:grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt class="opacity-70">{c.t('verification.typed_name')}</dt>
                  <dd class="font-bold text-base break-words" data-testid={`typed-name-${r.id}`}>
                    <bdi>{r.fullName}</bdi>
                  </dd>
                  <dt class="opacity-70">{c.t('verification.account')}</dt>
                  <dd class="break-words">
                    {item.account ? (
                      <a class="link" href={c.href(`/u/${item.account.username}`)}>
                        <bdi>{item.account.displayName}</bdi> <Username username={item.account.username} />
                      </a>
                    ) : (
                      <Ref id={r.userId} />
                    )}{' '}
                    {item.verifiedAt ? <VerifiedBadge c={c} compact /> : null}
                  </dd>
                  <dt class="opacity-70">{c.t('verification.hint')}</dt>
                  <dd>
                    <span
                      class={`badge badge-sm ${item.hint === 'likely_same' ? 'badge-success' : 'badge-warning'}`}
                      data-testid={`hint-${r.id}`}
                      data-hint={item.hint}
                    >
                      {c.t(`verification.hint.${item.hint}`)}
                    </span>
                  </dd>
                </dl>
                <RequestFiles c={c} item={item} />
                <FormAlert c={c} state={s} />
                <Decision c={c} item={item} state={s} />
              </div>
            </li>
          );
        })}
      </ul>
    </AdminShell>
  );
}
