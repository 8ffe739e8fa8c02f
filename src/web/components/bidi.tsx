// Amounts, ranges, references and usernames on pages: each in a <bdi dir="ltr">, so the bidirectional algorithm lays
// it out left to right on its own and the Arabic (or English) sentence around it sees one neutral block. The text is
// the formatter's own (platform/i18n: formatMoney, formatMoneyRange, formatRef, formatUsername, already isolated), so
// an amount reads the same on a page, in a translated sentence, in a flash message and in a mail.
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatMoney, formatMoneyRange, formatRef, formatUsername } from '../../platform/i18n/index.ts';

type Box = { class?: string; testId?: string };

/** "$35", "$12.50", "-$5" (and "+$5" when `signed`). */
export function Money(props: { c: ViewCtx; cents: number; signed?: boolean } & Box) {
  return (
    <bdi dir="ltr" class={props.class} data-testid={props.testId}>
      {formatMoney(props.c.locale, props.cents, { signed: props.signed })}
    </bdi>
  );
}

/** "$50–100": a budget or any range of amounts. */
export function MoneyRange(props: { c: ViewCtx; min: number; max: number } & Box) {
  return (
    <bdi dir="ltr" class={props.class} data-testid={props.testId}>
      {formatMoneyRange(props.c.locale, props.min, props.max)}
    </bdi>
  );
}

/** "#42": a numbered order, top-up, ticket… */
export function Ref(props: { id: number | string } & Box) {
  return (
    <bdi dir="ltr" class={props.class} data-testid={props.testId}>
      {formatRef(props.id)}
    </bdi>
  );
}

/** "@ahmad_designs". */
export function Username(props: { username: string } & Box) {
  return (
    <bdi dir="ltr" class={props.class} data-testid={props.testId}>
      {formatUsername(props.username)}
    </bdi>
  );
}
