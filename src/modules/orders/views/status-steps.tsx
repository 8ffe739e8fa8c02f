import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';

export type StepKind = 'placed' | 'hired' | 'in_progress' | 'delivered' | 'completed' | 'cancelled' | 'disputed';
export interface OrderStep {
  kind: StepKind;
  /** Passed (or, for the last step of a completed order, reached for good). */
  done: boolean;
  /** Where the order is now (`aria-current="step"`). */
  current: boolean;
}

/** How far along the way each state is: placed (waiting for the seller) → in progress → delivered → completed. */
const AT: Record<string, number> = { pending: 0, in_progress: 1, delivered: 2, completed: 3 };

/** How far an order got before it stopped, from its history (a request for changes sends it back to the work). */
function reachedBefore(events: readonly { kind: string }[]): number {
  let at = 0;
  for (const e of events) {
    if (e.kind === 'placed') at = 0;
    else if (e.kind === 'hired' || e.kind === 'accepted' || e.kind === 'changes_requested') at = 1;
    else if (e.kind === 'delivered') at = 2;
  }
  return at;
}

/**
 * The order's way as steps: a service order starts placed (waiting for the seller to accept), a project's hired
 * bid starts hired (and is in progress at once); then in progress, delivered, completed. A cancelled or disputed
 * order shows the steps it passed, then where it stopped (cancelled, or the dispute staff are deciding) as its
 * current step instead of the rest of the way.
 */
export function orderSteps(
  o: { kind: string; status: string; disputedFrom: string | null },
  events: readonly { kind: string }[],
): OrderStep[] {
  const way: StepKind[] = [o.kind === 'project' ? 'hired' : 'placed', 'in_progress', 'delivered', 'completed'];
  const now = AT[o.status];
  if (now !== undefined) {
    return way.map((kind, i) => ({ kind, done: i < now || o.status === 'completed', current: i === now }));
  }
  const reached = o.status === 'disputed' ? (AT[o.disputedFrom ?? ''] ?? 1) : reachedBefore(events);
  const passed = way.slice(0, reached + 1).map((kind) => ({ kind, done: true, current: false }));
  return [...passed, { kind: o.status === 'disputed' ? 'disputed' : 'cancelled', done: false, current: true }];
}

const ICON: Partial<Record<StepKind, string>> = {
  cancelled: 'M18 6 6 18M6 6l12 12',
  disputed: 'M12 7v6M12 17h.01',
};
const CHECK = 'M20 6 9 17l-5-5';

/**
 * The status stepper at the top of the order page: an ordered list (the current step has `aria-current="step"`,
 * a passed one says so to screen readers), four equal columns that fit a 360 px screen in both languages.
 */
export function StatusSteps(props: { c: ViewCtx; steps: OrderStep[] }) {
  const { c, steps } = props;
  return (
    <ol class="flex w-full items-start" aria-label={c.t('order.steps')} data-testid="order-steps">
      {steps.map((s, i) => {
        const stop = s.kind === 'cancelled' || s.kind === 'disputed';
        const dot = stop
          ? s.kind === 'cancelled'
            ? 'bg-error text-error-content'
            : 'bg-warning text-warning-content'
          : s.done
            ? 'bg-primary text-primary-content'
            : s.current
              ? 'bg-base-100 text-primary border-2 border-primary'
              : 'bg-base-300 text-base-content';
        const path = ICON[s.kind] ?? (s.done ? CHECK : null);
        return (
          <li
            key={s.kind}
            class="flex-1 min-w-0 flex flex-col items-center gap-1 text-center"
            aria-current={s.current ? 'step' : undefined}
            data-step={s.kind}
            data-done={s.done ? 'true' : undefined}
          >
            <span class="flex w-full items-center" aria-hidden="true">
              <span class={`h-0.5 flex-1 ${i === 0 ? '' : s.done || s.current ? 'bg-primary' : 'bg-base-300'}`} />
              <span class={`grid size-8 shrink-0 place-items-center rounded-full text-sm font-bold ${dot}`}>
                {path ? (
                  <svg viewBox="0 0 24 24" class="size-4" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round">
                    <path d={path} />
                  </svg>
                ) : (
                  formatNumber(c.locale, i + 1)
                )}
              </span>
              <span
                class={`h-0.5 flex-1 ${i === steps.length - 1 ? '' : steps[i + 1].done || steps[i + 1].current ? 'bg-primary' : 'bg-base-300'}`}
              />
            </span>
            <span class={`text-xs leading-tight break-words max-w-full px-0.5 ${s.current ? 'font-bold' : ''}`}>
              {c.t(`order.step.${s.kind}`)}
              {s.done && !s.current ? <span class="sr-only"> ({c.t('order.step_done')})</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
