import type { ViewCtx } from '../../../platform/http/pages.ts';

/** An order's state as a coloured badge (the lists and the order page). */
export function StatusBadge(props: { c: ViewCtx; status: string }) {
  const tone: Record<string, string> = {
    pending: 'badge-warning',
    in_progress: 'badge-info',
    delivered: 'badge-primary',
    completed: 'badge-success',
    cancelled: 'badge-ghost',
    disputed: 'badge-error',
  };
  return (
    <span class={`badge ${tone[props.status] ?? ''}`} data-testid="order-status">
      {props.c.t(`order.status.${props.status}`)}
    </span>
  );
}
