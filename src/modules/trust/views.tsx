import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { Form, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';

export interface CaseItem {
  id: number;
  kind: string;
  createdAt: Date;
  userId: number;
  user: { username: string; displayName: string } | null;
  attempts: { context: string; found: { kind: string; text: string }[]; createdAt: Date }[];
}

export function CasesPage(props: { c: ViewCtx; items: CaseItem[]; state: FormState; failedId: number | null }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('trust.cases_title')}>
      <PageTitle>{c.t('trust.cases_title')}</PageTitle>
      {c.flash ? (
        <div role="status" class="alert alert-success mb-3">
          {c.t(c.flash)}
        </div>
      ) : null}
      {props.items.length === 0 ? (
        <p class="card bg-base-100 p-6" data-testid="no-cases">
          {c.t('trust.cases_none')}
        </p>
      ) : (
        <ul class="space-y-3" data-testid="cases">
          {props.items.map((i) => (
            <li key={i.id} class="card bg-base-100 p-4 space-y-2">
              <p class="flex flex-wrap gap-2 items-center">
                <strong>#{i.id}</strong>
                <span>{c.t(`trust.case_kind.${i.kind}`)}</span>
                {i.user ? (
                  <a class="link" href={c.href(`/admin/users/${i.userId}`)}>
                    {i.user.displayName || i.user.username} <span dir="ltr">@{i.user.username}</span>
                  </a>
                ) : null}
                <time class="text-xs opacity-70">{formatDateTime(c.locale, i.createdAt)}</time>
              </p>
              <ul class="text-sm list-disc ms-5">
                {i.attempts.map((a, n) => (
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
    </Layout>
  );
}
