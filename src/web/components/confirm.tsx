import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../../platform/http/pages.ts';

/**
 * The one way a destructive or money-moving button asks first (block, cancel an order, accept a delivery, hire,
 * withdraw, close a project, staff freezes and refunds…). It goes inside the action's form in place of its submit
 * button: the button shown opens a small dialog (the HTML popover: no JavaScript needed, Escape or a click outside
 * closes it) that says what will happen, with the submit button that does it and one that cancels.
 *
 * - A hidden, disabled submit button comes first, so pressing Enter in one of the form's fields does not go past
 *   the question (a form's implicit submission stops at a disabled default button).
 * - No POST form of the site is sent by htmx today; one that is (`hx-post`) puts `hx-confirm` on itself instead.
 * - A browser without popovers shows the dialog's content in place: the second, explicit button still asks.
 */
/**
 * A name or an amount inside a dialog's sentence (a plain string), wrapped in Unicode isolates (FSI … PDI) so an
 * Arabic name in an English question, or an amount in an Arabic one, keeps its own direction and its punctuation.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

export function ConfirmSubmit(props: {
  c: ViewCtx;
  /** Unique on the page: names the dialog (e.g. `confirm-hire-12`). */
  id: string;
  /** The button shown (what the action is called). */
  label: ComponentChildren;
  /** What will happen, in a sentence (money and names already formatted). */
  question: ComponentChildren;
  /** The submit button in the dialog, e.g. "Yes, block". */
  confirm: string;
  /** Classes of the button shown (a daisyUI button by default). */
  class?: string;
  /** The confirm button's look: a destructive action is red, a money step the primary colour. */
  tone?: 'danger' | 'primary';
  /** The shown button's test id; the dialog's submit is `<testid>-confirm`. */
  testid?: string;
  /** Turns the shown button off (e.g. an unconfirmed e-mail address). */
  disabled?: boolean;
  /** A name and value sent with the submit (a form with several actions). */
  name?: string;
  value?: string;
}) {
  const { c } = props;
  const titleId = `${props.id}-q`;
  return (
    <>
      <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
      <button
        type="button"
        popovertarget={props.id}
        class={props.class ?? 'btn btn-sm btn-outline'}
        data-testid={props.testid}
        disabled={props.disabled}
        aria-haspopup="dialog"
      >
        {props.label}
      </button>
      <div
        id={props.id}
        popover="auto"
        role="dialog"
        aria-labelledby={titleId}
        class="m-auto w-80 max-w-[calc(100vw-2rem)] rounded-box border border-base-300 bg-base-100 p-4 text-base-content shadow-xl backdrop:bg-black/40"
        data-testid={props.testid ? `${props.testid}-dialog` : undefined}
      >
        <p id={titleId} class="mb-3 text-start font-normal" dir="auto">
          {props.question}
        </p>
        <div class="flex flex-wrap justify-end gap-2">
          <button
            type="button"
            popovertarget={props.id}
            popovertargetaction="hide"
            class="btn btn-sm btn-ghost"
            data-testid={props.testid ? `${props.testid}-cancel` : undefined}
          >
            {c.t('confirm.cancel')}
          </button>
          <button
            type="submit"
            name={props.name}
            value={props.value}
            class={`btn btn-sm ${props.tone === 'primary' ? 'btn-primary' : 'btn-error'}`}
            data-testid={props.testid ? `${props.testid}-confirm` : undefined}
          >
            {props.confirm}
          </button>
        </div>
      </div>
    </>
  );
}
