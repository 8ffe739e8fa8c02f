import { emptyForm, type FormState, type ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { Field, Form } from '../../web/components.tsx';
import { DISPUTE_REASON_MAX } from './disputes.ts';
import type { AwardRow, ContestRow } from './service.ts';

/**
 * Under a place on the contest's page, for its two sides (the owner and the winner): the form to open a dispute
 * while the place is in handover or delivered; a disputed place under staff's review with the reason; staff's
 * decision and its reason once made. Everyone else sees only the place's status (its badge).
 */
export function AwardDispute(props: { c: ViewCtx; k: ContestRow; a: AwardRow; viewerId: number | null; state: FormState }) {
  const { c, k, a } = props;
  const party = props.viewerId !== null && (props.viewerId === k.ownerId || props.viewerId === a.winnerId);
  if (!party) return null;
  const mine = props.state.values.disputeAwardId === String(a.id);
  const s = mine ? props.state : emptyForm;
  const opener = a.disputedBy === k.ownerId ? 'contests.dispute.by_owner' : 'contests.dispute.by_winner';
  const reason = a.disputeReason ? (
    <p class="text-sm">
      {c.t(opener)}
      {a.disputedAt ? ` (${formatDateTime(c.locale, a.disputedAt)})` : ''}:{' '}
      <span class="whitespace-pre-line break-words" dir="auto">
        {a.disputeReason}
      </span>
    </p>
  ) : null;
  if (a.status === 'disputed')
    return (
      <div class="alert alert-warning grid gap-1" role="status" data-testid={`dispute-${a.place}`}>
        <p class="font-bold">{c.t('contests.dispute.under_review')}</p>
        {reason}
      </div>
    );
  const canOpen = a.status === 'handover' || a.status === 'delivered';
  return (
    <>
      {a.decision ? (
        <div class="alert grid gap-1" data-testid={`decision-${a.place}`}>
          <p class="font-bold">{c.t(`contests.dispute.decided.${a.decision}`)}</p>
          <p class="text-sm">
            {c.t('contests.dispute.decision_reason')}:{' '}
            <span class="whitespace-pre-line break-words" dir="auto">
              {a.decisionReason}
            </span>
          </p>
          {reason}
        </div>
      ) : null}
      {canOpen ? (
        <details open={mine} class="text-sm">
          <summary class="link link-hover w-fit" data-testid={`dispute-open-${a.place}`}>
            {c.t('contests.dispute.open')}
          </summary>
          <Form c={c} action={`/contests/awards/${a.id}/dispute`} class="grid gap-2 mt-2">
            <input type="hidden" name="disputeAwardId" value={String(a.id)} />
            <Field
              c={c}
              state={s}
              name="reason"
              id={`dispute-reason-${a.id}`}
              label={c.t('contests.dispute.reason')}
              hint={c.t('contests.dispute.hint')}
              textarea
              rows={3}
              maxLength={DISPUTE_REASON_MAX}
              dir="auto"
            />
            <button type="submit" class="btn btn-warning btn-sm justify-self-start" data-testid={`dispute-send-${a.place}`}>
              {c.t('contests.dispute.send')}
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
