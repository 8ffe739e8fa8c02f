import { emptyForm, type FormState, type ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, formatMoney, formatNumber, plural } from '../../platform/i18n/index.ts';
import { can } from '../../platform/staff.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Money, Ref } from '../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../web/components/confirm.tsx';
import { Field, Form, FormAlert, fileSize, PersonRef } from '../../web/components.tsx';
import { DISPUTE_DECISIONS, type DisputedAward } from './disputes.ts';
import { type EntryFileCard, handoverFileUrl } from './entry-files.ts';
import { PrizeList } from './entry-views.tsx';
import type { AwardRow, ContestRow, EntryRow } from './service.ts';

type People = Map<number, { username: string; displayName: string }>;

/** The contests queue's two halves: the moderators' reviews, and what staff decide (with how much waits there). */
export function ContestsQueueTabs(props: { c: ViewCtx; current: 'review' | 'decide'; decideCount?: number }) {
  const { c } = props;
  const item = (key: 'review' | 'decide', href: string, label: string) => (
    <a
      class={`btn btn-sm join-item ${props.current === key ? 'btn-active btn-primary' : ''}`}
      href={c.href(href)}
      aria-current={props.current === key ? 'page' : undefined}
      data-testid={`contests-queue-${key}`}
    >
      {label}
    </a>
  );
  return (
    <nav class="join mb-3 flex-wrap" aria-label={c.t('contests.staff.queue_nav')}>
      {can(c.user, 'moderate') ? item('review', '/admin/contests', c.t('contests.staff.tab_review')) : null}
      {can(c.user, 'resolve_disputes')
        ? item(
            'decide',
            '/admin/contests/decide',
            props.decideCount === undefined
              ? c.t('contests.staff.tab_decide')
              : `${c.t('contests.staff.tab_decide')} (${formatNumber(c.locale, props.decideCount)})`,
          )
        : null}
    </nav>
  );
}

/** Staff: the contests whose owner did not pick within 14 days, and the places whose handover is disputed. */
export function ContestsDecideQueuePage(props: { c: ViewCtx; waiting: ContestRow[]; disputes: DisputedAward[]; people: People }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('contests.staff.decide_title')}>
      <ContestsQueueTabs c={c} current="decide" decideCount={props.waiting.length + props.disputes.length} />
      <section class="grid gap-2 mb-6" aria-labelledby="waiting-h">
        <h2 id="waiting-h" class="font-bold text-lg">
          {c.t('contests.staff.waiting')}
        </h2>
        {props.waiting.length === 0 ? (
          <p class="opacity-70" data-testid="decide-waiting-empty">
            {c.t('contests.staff.waiting_empty')}
          </p>
        ) : (
          <ul class="menu bg-base-100 rounded-box w-full p-0 divide-y divide-base-200" data-testid="decide-waiting">
            {props.waiting.map((k) => (
              <li key={k.id}>
                <a href={c.href(`/admin/contests/${k.id}/decide`)} class="flex flex-wrap gap-2 py-3" data-testid={`decide-${k.id}`}>
                  <Ref id={k.id} />
                  <span class="flex-1 min-w-0 break-words" dir="auto">
                    {k.title}
                  </span>
                  <Money c={c} cents={k.prizeTotalCents} class="font-bold" />
                  <span class="text-xs opacity-70">{plural(c.locale, 'contests.entries', k.entriesCount)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="grid gap-2" aria-labelledby="disputes-h">
        <h2 id="disputes-h" class="font-bold text-lg">
          {c.t('contests.staff.disputes')}
        </h2>
        {props.disputes.length === 0 ? (
          <p class="opacity-70" data-testid="decide-disputes-empty">
            {c.t('contests.staff.disputes_empty')}
          </p>
        ) : (
          <ul class="menu bg-base-100 rounded-box w-full p-0 divide-y divide-base-200" data-testid="decide-disputes">
            {props.disputes.map(({ award: a, contest: k }) => (
              <li key={a.id}>
                <a
                  href={c.href(`/admin/contests/${k.id}/decide#award-${a.id}`)}
                  class="grid gap-1 py-3"
                  data-testid={`dispute-item-${a.id}`}
                >
                  <span class="flex flex-wrap gap-2">
                    <Ref id={k.id} />
                    <span class="font-bold break-words" dir="auto">
                      {k.title}
                    </span>
                    <span>{c.t('contests.place', { place: a.place })}</span>
                    <Money c={c} cents={a.prizeCents} />
                    {a.disputedAt ? <time class="text-xs opacity-70">{formatDateTime(c.locale, a.disputedAt)}</time> : null}
                  </span>
                  <span class="text-sm opacity-80 truncate" dir="auto">
                    {c.t(a.disputedBy === k.ownerId ? 'contests.dispute.by_owner' : 'contests.dispute.by_winner')}: {a.disputeReason}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminShell>
  );
}

export interface StaffEntry {
  row: EntryRow;
  cards: EntryFileCard[];
}

/** An entry's files as staff see them: the watermarked preview of an image, a card for anything else, the originals. */
function EntryFiles(props: { c: ViewCtx; cards: EntryFileCard[] }) {
  const { c } = props;
  return (
    <ul class="flex flex-wrap gap-2">
      {props.cards.map((f) => (
        <li key={f.fileId} class="grid gap-1 text-sm">
          {f.kind === 'image' && f.preview ? (
            <img
              src={f.preview}
              alt={c.t('contests.staff.entry_preview')}
              class="w-32 h-24 object-cover rounded-box bg-base-200"
              loading="lazy"
            />
          ) : f.kind === 'file' ? (
            <span class="badge badge-outline h-auto py-1 break-all" dir="auto">
              {f.name} ({fileSize(c, f.size)})
            </span>
          ) : null}
          {f.original ? (
            <a class="link text-xs" href={c.href(f.original)} data-testid={`original-${f.fileId}`}>
              {c.t('contests.staff.open_original')}
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A place's dispute: its handover, the reason it was opened, staff's decision (or the form to make it). */
function AwardPanel(props: {
  c: ViewCtx;
  k: ContestRow;
  a: AwardRow;
  people: People;
  files: { id: number; name: string; size: number }[];
  state: FormState;
}) {
  const { c, k, a } = props;
  const s = props.state.values.awardId === String(a.id) ? props.state : emptyForm;
  const v = s.values;
  return (
    <li id={`award-${a.id}`} class="card bg-base-100 shadow-sm" data-testid={`award-panel-${a.place}`}>
      <div class="card-body p-4 gap-2">
        <h3 class="font-bold">
          {c.t('contests.place', { place: a.place })}: <Money c={c} cents={a.prizeCents} /> ·{' '}
          <PersonRef c={c} id={a.winnerId} person={props.people.get(a.winnerId)} /> ·{' '}
          <span class="badge badge-outline badge-sm">{c.t(`contests.award.${a.status}`)}</span>
        </h3>
        <p class="text-sm opacity-80">{c.t('contests.staff.winning_entry', { id: a.entryId })}</p>
        {a.deliveredAt || a.handoverNote || props.files.length ? (
          <div class="grid gap-1 bg-base-200 rounded-box p-3 text-sm">
            <p class="font-bold">{c.t('contests.handover_files')}</p>
            {a.handoverNote ? (
              <p class="whitespace-pre-line break-words" dir="auto" data-testid={`handover-note-${a.place}`}>
                {a.handoverNote}
              </p>
            ) : null}
            <ul class="grid gap-1">
              {props.files.map((f) => (
                <li key={f.id}>
                  <a class="link break-all" href={c.href(handoverFileUrl(a.id, f.id))} data-testid={`handover-file-${f.id}`} dir="auto">
                    {f.name}
                  </a>{' '}
                  <span class="text-xs opacity-70">({fileSize(c, f.size)})</span>
                </li>
              ))}
            </ul>
            {a.deliveredAt ? <p class="text-xs opacity-70">{formatDateTime(c.locale, a.deliveredAt)}</p> : null}
          </div>
        ) : null}
        {a.disputeReason ? (
          <div class="alert alert-warning grid gap-1 text-sm" data-testid={`dispute-reason-${a.place}`}>
            <p class="font-bold">
              {c.t(a.disputedBy === k.ownerId ? 'contests.dispute.by_owner' : 'contests.dispute.by_winner')}
              {a.disputedAt ? ` · ${formatDateTime(c.locale, a.disputedAt)}` : ''}
            </p>
            <p class="whitespace-pre-line break-words" dir="auto">
              {a.disputeReason}
            </p>
          </div>
        ) : null}
        {a.decision && a.status !== 'disputed' ? (
          <p class="text-sm" data-testid={`decision-${a.place}`}>
            <strong>{c.t(`contests.dispute.decided.${a.decision}`)}</strong>
            {': '}
            <span dir="auto">{a.decisionReason}</span>
          </p>
        ) : null}
        {a.status === 'disputed' ? (
          <Form c={c} action={`/admin/contests/${k.id}/disputes/${a.id}`} class="grid gap-2 border-t border-base-300 pt-3">
            <input type="hidden" name="awardId" value={String(a.id)} />
            <FormAlert c={c} state={s} />
            <fieldset class="grid gap-1">
              <legend class="font-bold text-sm">{c.t('contests.dispute.decision')}</legend>
              {DISPUTE_DECISIONS.map((d) => (
                <label key={d} class="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="decision"
                    value={d}
                    class="radio radio-sm"
                    checked={v.decision === d}
                    data-testid={`decision-${a.place}-${d}`}
                  />
                  {c.t(`contests.dispute.choice.${d}`, { amount: formatMoney(c.locale, a.prizeCents) })}
                </label>
              ))}
              {s.errors.decision ? (
                <p class="text-error text-sm" role="alert">
                  {c.t(s.errors.decision)}
                </p>
              ) : null}
            </fieldset>
            <Field
              c={c}
              state={s}
              name="reason"
              id={`decision-reason-${a.id}`}
              label={c.t('contests.dispute.decision_reason')}
              hint={c.t('contests.dispute.decision_reason_hint')}
              textarea
              rows={3}
              maxLength={1000}
              dir="auto"
            />
            <ConfirmSubmit
              c={c}
              id={`confirm-dispute-${a.id}`}
              label={c.t('contests.dispute.decision_send')}
              question={c.t('contests.dispute.decision_confirm', { place: a.place, amount: formatMoney(c.locale, a.prizeCents) })}
              confirm={c.t('contests.dispute.decision_send')}
              class="btn btn-primary btn-sm justify-self-start"
              tone="primary"
              testid={`decide-dispute-${a.place}`}
            />
          </Form>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Staff's decision page for one contest: the brief, the prizes, every entry (previews and originals); for a contest
 * whose owner did not pick in time, an entry per open place (award) or a refund with a reason; and each place's
 * handover with its dispute and the three decisions.
 */
export function ContestDecidePage(props: {
  c: ViewCtx;
  k: ContestRow;
  awards: AwardRow[];
  entries: StaffEntry[];
  people: People;
  handovers: Map<number, { id: number; name: string; size: number }[]>;
  state: FormState;
}) {
  const { c, k, state } = props;
  const open = k.prizesCents.map((_, i) => i + 1).filter((n) => !props.awards.some((a) => a.place === n));
  const which = state.values.action;
  const awardState = which === 'award' ? state : emptyForm;
  const refundState = which === 'refund' ? state : emptyForm;
  const author = (e: EntryRow) => props.people.get(e.userId)?.displayName ?? `#${e.userId}`;
  // A refusal whose form is no longer shown (decided meanwhile, in another tab) is said at the top.
  const staffForms = k.status === 'staff' && open.length > 0;
  const disputeForm = props.awards.some((a) => String(a.id) === state.values.awardId && a.status === 'disputed');
  const shownAbove = (which === 'award' || which === 'refund') && staffForms ? false : !disputeForm;
  return (
    <AdminShell c={c} title={c.t('contests.staff.contest_title', { id: k.id })}>
      <ContestsQueueTabs c={c} current="decide" />
      {shownAbove ? <FormAlert c={c} state={state} /> : null}
      <div class="grid gap-4 lg:grid-cols-3">
        <div class="lg:col-span-2 grid gap-4 min-w-0 content-start">
          <section class="card bg-base-100 shadow-sm">
            <div class="card-body p-4 gap-2">
              <h2 class="card-title break-words" dir="auto">
                <a class="link link-hover" href={c.href(`/contests/${k.id}`)}>
                  {k.title}
                </a>
              </h2>
              <p class="text-sm">
                <span class="badge badge-outline" data-testid="decide-status">
                  {c.t(`contests.state.${k.status}`)}
                </span>{' '}
                · {c.t('contests.owner')}: <PersonRef c={c} id={k.ownerId} person={props.people.get(k.ownerId)} />
              </p>
              <div class="whitespace-pre-line break-words bg-base-200 rounded-box p-3 text-sm" dir="auto">
                {k.description}
              </div>
              {k.conditions ? (
                <div class="whitespace-pre-line break-words text-sm" dir="auto">
                  <strong>{c.t('contests.conditions')}: </strong>
                  {k.conditions}
                </div>
              ) : null}
            </div>
          </section>
          <section class="grid gap-2" aria-labelledby="entries-h">
            <h2 id="entries-h" class="font-bold text-lg">
              {c.t('contests.entries_title')} ({props.entries.length})
            </h2>
            {props.entries.length === 0 ? <p class="opacity-70">{c.t('contests.no_entries')}</p> : null}
            <ul class="grid gap-2 sm:grid-cols-2" data-testid="decide-entries">
              {props.entries.map(({ row: e, cards }) => (
                <li key={e.id} class="card bg-base-100 shadow-sm" data-testid={`decide-entry-${e.id}`}>
                  <div class="card-body p-3 gap-1 min-w-0">
                    <p class="text-sm opacity-80">
                      <Ref id={e.id} /> · <PersonRef c={c} id={e.userId} person={props.people.get(e.userId)} />
                      {e.rating ? ` · ${c.t('contests.staff.rating', { rating: e.rating })}` : ''}
                      {e.shortlisted ? ` · ${c.t('contests.staff.shortlisted')}` : ''}
                    </p>
                    <p class="break-words whitespace-pre-line" dir="auto">
                      {e.description}
                    </p>
                    <EntryFiles c={c} cards={cards} />
                  </div>
                </li>
              ))}
            </ul>
          </section>
          {props.awards.length ? (
            <section class="grid gap-2" aria-labelledby="places-h">
              <h2 id="places-h" class="font-bold text-lg">
                {c.t('contests.winners')}
              </h2>
              <ul class="grid gap-2">
                {props.awards.map((a) => (
                  <AwardPanel key={a.id} c={c} k={k} a={a} people={props.people} files={props.handovers.get(a.id) ?? []} state={state} />
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside class="grid gap-4 content-start">
          <section class="card bg-base-100 shadow-sm">
            <div class="card-body p-4 gap-2">
              <h2 class="font-bold">{c.t('contests.prizes')}</h2>
              <PrizeList c={c} prizesCents={k.prizesCents} testId="decide-prizes" />
            </div>
          </section>
          {staffForms ? (
            <>
              <section class="card bg-base-100 shadow-sm">
                <Form c={c} action={`/admin/contests/${k.id}/decide`} class="card-body p-4 gap-2">
                  <h2 class="font-bold">{c.t('contests.staff.award')}</h2>
                  <p class="text-sm opacity-80">{c.t('contests.staff.award_hint')}</p>
                  <input type="hidden" name="action" value="award" />
                  <FormAlert c={c} state={awardState} />
                  {open.map((n) => (
                    <label key={n} class="grid gap-1 text-sm">
                      {c.t('contests.pick_for', { place: n })}
                      <select name={`place${n}`} class="select select-sm w-full" data-testid={`staff-pick-${n}`}>
                        <option value="">{c.t('contests.staff.pick_choose')}</option>
                        {props.entries.map(({ row: e }) => (
                          <option key={e.id} value={String(e.id)} selected={awardState.values[`place${n}`] === String(e.id)}>
                            {`#${e.id} — ${author(e)}`}
                          </option>
                        ))}
                      </select>
                    </label>
                  ))}
                  {awardState.errors.picks || awardState.errors.place ? (
                    <p class="text-error text-sm" role="alert" data-testid="error-picks">
                      {c.t(awardState.errors.picks ?? awardState.errors.place)}
                    </p>
                  ) : null}
                  <button type="submit" class="btn btn-primary btn-sm justify-self-start" data-testid="staff-award-send">
                    {c.t('contests.staff.award_send')}
                  </button>
                </Form>
              </section>
              <section class="card bg-base-100 shadow-sm">
                <Form c={c} action={`/admin/contests/${k.id}/decide`} class="card-body p-4 gap-2">
                  <h2 class="font-bold">{c.t('contests.staff.refund')}</h2>
                  <p class="text-sm opacity-80">{c.t('contests.staff.refund_hint')}</p>
                  <input type="hidden" name="action" value="refund" />
                  <FormAlert c={c} state={refundState} />
                  <Field
                    c={c}
                    state={refundState}
                    name="reason"
                    id="refund-reason"
                    label={c.t('contests.dispute.decision_reason')}
                    textarea
                    rows={3}
                    maxLength={1000}
                    dir="auto"
                  />
                  <ConfirmSubmit
                    c={c}
                    id="confirm-refund"
                    label={c.t('contests.staff.refund_send')}
                    question={c.t('contests.staff.refund_confirm')}
                    confirm={c.t('contests.staff.refund_send')}
                    class="btn btn-outline btn-error btn-sm justify-self-start"
                    tone="danger"
                    testid="staff-refund-send"
                  />
                </Form>
              </section>
            </>
          ) : null}
        </aside>
      </div>
    </AdminShell>
  );
}
