import type { ViewCtx } from '../../platform/http/pages.ts';
import { heartOf } from './hearts.ts';

/** Lucide's heart, filled when the item is saved. */
export function HeartIcon(props: { filled: boolean }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width="1.1em"
      height="1.1em"
      viewBox="0 0 24 24"
      fill={props.filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
      class="shrink-0"
    >
      <path d="M19 14c1.49-1.46 3-3.21 3-5.5A5.5 5.5 0 0 0 16.5 3c-1.76 0-3 .5-4.5 2-1.5-1.5-2.74-2-4.5-2A5.5 5.5 0 0 0 2 8.5c0 2.3 1.5 4.05 3 5.5l7 7Z" />
    </svg>
  );
}

/**
 * The heart on an item's page (a service, a freelancer's profile, a project…): a form that saves the item to the
 * favourites or takes it out, and comes back to the page — no script needed. Its state is the one the page loaded
 * for the signed-in person (hearts.ts); a visitor's heart leads to signing in, then back to the page. `compact`: the
 * heart alone on a phone (its words kept for screen readers), beside a title that needs the line.
 */
export function FavoriteButton(props: { c: ViewCtx; kind: string; id: number; class?: string; compact?: boolean }) {
  const { c, kind, id } = props;
  const testId = `favorite-${kind}-${id}`;
  const cls = `btn btn-sm btn-ghost gap-1 ${props.class ?? ''}`;
  const label = (key: string) => <span class={props.compact ? 'sr-only sm:not-sr-only' : ''}>{c.t(key)}</span>;
  if (!c.user) {
    return (
      <a class={cls} href={c.href(`/login?next=${encodeURIComponent(c.path)}`)} rel="nofollow" data-testid={testId}>
        <HeartIcon filled={false} />
        {label('favorites.add')}
      </a>
    );
  }
  const on = heartOf(c.user, kind, id) === true;
  return (
    <form method="post" action={c.href(`/favorites/${kind}/${id}`)} class="inline">
      <input type="hidden" name="_csrf" value={c.csrf} />
      <input type="hidden" name="on" value={on ? '0' : '1'} />
      <input type="hidden" name="next" value={c.path} />
      <button type="submit" class={cls} data-testid={testId} data-on={on ? '1' : '0'}>
        <span class={on ? 'text-error' : ''}>
          <HeartIcon filled={on} />
        </span>
        {label(on ? 'favorites.saved' : 'favorites.add')}
      </button>
    </form>
  );
}
