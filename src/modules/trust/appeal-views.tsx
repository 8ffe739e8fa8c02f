import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { EmptyCard, Form, FormAlert, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import type { contactAttempts } from './schema.ts';

type AttemptRow = typeof contactAttempts.$inferSelect;

/**
 * Under a text refused for contact details: the way to ask a moderator to review it (the same text, where it was
 * going). Shown when the refusal names its attempt (`state.params.attemptId`).
 */
export function ContactAppealOffer(props: { c: ViewCtx; state: FormState; target: { conversationId: number } | { to: string } }) {
  const { c, state } = props;
  const attemptId = state.params?.attemptId;
  if (attemptId === undefined || !Object.values(state.errors).includes('trust.contact_info')) return null;
  return (
    <Form c={c} action="/appeals/contact" class="rounded-box bg-base-200 p-3 mt-2 grid gap-2 justify-items-start" id="appeal">
      <p class="text-sm" data-testid="appeal-offer">
        {c.t('trust.appeal_offer')}
      </p>
      <input type="hidden" name="attemptId" value={String(attemptId)} />
      {'conversationId' in props.target ? (
        <input type="hidden" name="conversationId" value={String(props.target.conversationId)} />
      ) : (
        <input type="hidden" name="to" value={props.target.to} />
      )}
      <textarea name="body" hidden>
        {state.values.body ?? ''}
      </textarea>
      <button type="submit" class="btn btn-sm" data-testid="appeal-send">
        {c.t('trust.appeal_send')}
      </button>
    </Form>
  );
}

export interface AppealItem {
  row: AttemptRow;
  user: { username: string; displayName: string } | null;
}

/** The appeals waiting for a moderator, first on the cases page: the text, what was found, overturn or uphold. */
export function AppealsSection(props: { c: ViewCtx; items: AppealItem[]; state: FormState; failedId: number | null }) {
  const { c } = props;
  return (
    <section class="mb-6" aria-labelledby="appeals-h">
      <h2 id="appeals-h" class="font-bold text-lg mb-2">
        {c.t('trust.appeals_title')}
      </h2>
      {props.items.length === 0 ? (
        <EmptyCard testId="no-appeals">{c.t('trust.appeals_none')}</EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="appeals">
          {props.items.map(({ row, user }) => {
            const failed = props.failedId === row.id;
            return (
              <li key={row.id} class="card bg-base-100 p-4 space-y-2" data-testid={`appeal-${row.id}`}>
                <p class="flex flex-wrap gap-2 items-center text-sm">
                  <Ref id={row.id} class="font-bold" />
                  <span>{c.t(`trust.context.${row.context}`)}</span>
                  {user ? (
                    <a class="link" href={c.href(`/admin/users/${row.userId}`)}>
                      {user.displayName || user.username} <Username username={user.username} />
                    </a>
                  ) : null}
                  {row.appealedAt ? <time class="opacity-70">{formatDateTime(c.locale, row.appealedAt)}</time> : null}
                </p>
                <p class="whitespace-pre-line break-words bg-base-200 rounded p-2" dir="auto">
                  {row.appealBody}
                </p>
                <p class="text-sm">
                  {c.t('trust.appeal_found')}{' '}
                  {row.found.map((f) => (
                    <code key={f.text} class="mx-1" dir="auto">
                      {f.text}
                    </code>
                  ))}
                </p>
                <Form c={c} action={`/admin/appeals/${row.id}`} class="grid gap-2">
                  <label class="text-sm" for={`appeal-note-${row.id}`}>
                    {c.t('trust.appeal_note')}
                  </label>
                  <input
                    id={`appeal-note-${row.id}`}
                    name="note"
                    class={`input input-sm w-full ${failed && props.state.errors.note ? 'input-error' : ''}`}
                    value={failed ? (props.state.values.note ?? '') : ''}
                    dir="auto"
                  />
                  {failed && (props.state.errors.note || props.state.formError) ? (
                    <p class="text-error text-sm">{c.t(props.state.errors.note ?? props.state.formError ?? '')}</p>
                  ) : null}
                  <div class="flex flex-wrap gap-2">
                    <button
                      type="submit"
                      name="decision"
                      value="overturn"
                      class="btn btn-sm btn-primary"
                      data-testid={`overturn-${row.id}`}
                    >
                      {c.t('trust.appeal_overturn')}
                    </button>
                    <button type="submit" name="decision" value="uphold" class="btn btn-sm" data-testid={`uphold-${row.id}`}>
                      {c.t('trust.appeal_uphold')}
                    </button>
                  </div>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The user's own appeals: the text, when, and the moderator's decision with its note. */
export function MyAppealsPage(props: { c: ViewCtx; rows: AttemptRow[]; state: FormState }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('trust.my_appeals_title')}>
      <PageTitle>{c.t('trust.my_appeals_title')}</PageTitle>
      <FormAlert c={c} state={props.state} />
      {props.rows.length === 0 ? (
        <EmptyCard testId="no-appeals">{c.t('trust.my_appeals_none')}</EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="my-appeals">
          {props.rows.map((r) => (
            <li key={r.id} class="card bg-base-100 p-4 space-y-2">
              <p class="flex flex-wrap gap-2 text-sm">
                <span class="badge badge-outline" data-testid={`appeal-state-${r.id}`}>
                  {c.t(`trust.appeal_state.${r.appeal}`)}
                </span>
                {r.appealedAt ? <time class="opacity-70">{formatDateTime(c.locale, r.appealedAt)}</time> : null}
              </p>
              <p class="whitespace-pre-line break-words" dir="auto">
                {r.appealBody}
              </p>
              {r.decisionNote ? (
                <p class="text-sm">
                  {c.t('trust.appeal_moderator_note')} <span dir="auto">{r.decisionNote}</span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
