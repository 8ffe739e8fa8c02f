import type { ViewCtx } from '../../platform/http/pages.ts';
import { plural } from '../../platform/i18n/index.ts';

/** Five points of a star in a 24 × 24 box (drawn, so it never depends on an emoji font). */
const STAR = 'M12 2.5l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54L12 17.5l-5.87 3.08 1.12-6.54L2.5 9.41l6.56-.95z';

/**
 * A 1–5 score chosen with stars: a fieldset of five radio buttons (one name), each drawn as a star, so the arrow keys
 * move between them natively and a screen reader says "3 stars" and the question (the legend). Nothing is chosen
 * until the person chooses (`value` keeps a choice the server sent back); `error` is the translated reason shown
 * under it (the server refuses a missing score). The stars up to the chosen one fill (CSS `:has`, no script); the
 * star with the keyboard focus gets a ring. Colours: the chosen stars #a16207 (4.9:1 on white), the empty ones'
 * outline #4b5563 (7.6:1).
 */
export function StarRating(props: { c: ViewCtx; name: string; legend: string; value?: string; error?: string; testId?: string }) {
  const { c, name } = props;
  const errorId = `err-${name}`;
  return (
    <fieldset class="space-y-0.5" aria-describedby={props.error ? errorId : undefined} data-testid={props.testId ?? `stars-${name}`}>
      <legend class="text-sm font-bold">{props.legend}</legend>
      <span class="flex flex-wrap">
        {[1, 2, 3, 4, 5].map((n) => (
          <label
            key={n}
            class="cursor-pointer rounded-md p-1 text-[#4b5563] has-[:checked]:text-[#a16207] has-[~label_:checked]:text-[#a16207] has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-base-content"
          >
            <input
              type="radio"
              name={name}
              value={String(n)}
              checked={props.value === String(n)}
              required
              aria-invalid={props.error ? 'true' : undefined}
              class="sr-only"
            />
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              class="size-8 fill-transparent stroke-current [label:has(:checked)_&]:fill-current [label:has(~label_:checked)_&]:fill-current"
              stroke-width="1.6"
              stroke-linejoin="round"
            >
              <path d={STAR} />
            </svg>
            <span class="sr-only">{plural(c.locale, 'stars.count', n)}</span>
          </label>
        ))}
      </span>
      {props.error ? (
        <p id={errorId} class="text-error text-sm" data-testid={`error-${name}`}>
          {c.t(props.error)}
        </p>
      ) : null}
    </fieldset>
  );
}
