import type { ViewCtx } from '../../../platform/http/pages.ts';
import { countryName } from '../../../platform/i18n/countries.ts';
import { timeAgo } from '../../../platform/i18n/index.ts';
import { Icon } from '../../../web/icons.tsx';

/** The pieces a person's card and profile share: the online dot, the rating, the country. */

/** A small dot on the avatar's corner: green when a live connection is open now (with its words for screen readers). */
export function OnlineDot(props: { c: ViewCtx; online: boolean; size?: string }) {
  const { c } = props;
  return (
    <span
      class={`absolute bottom-0 end-0 block ${props.size ?? 'size-3'} rounded-full ring-2 ring-base-100 ${props.online ? 'bg-success' : 'bg-base-300'}`}
      data-testid={props.online ? 'online-dot' : 'offline-dot'}
    >
      <span class="sr-only">{c.t(props.online ? 'people.online' : 'people.offline')}</span>
    </span>
  );
}

/** "Online now", or "Last seen 3 hours ago" from the last page the person loaded, or "Not seen yet". */
export function PresenceLine(props: { c: ViewCtx; online: boolean; lastSeenAt: string | null; now: Date }) {
  const { c } = props;
  return (
    <p class="text-sm flex items-center gap-2">
      <span class={`inline-block size-2 rounded-full ${props.online ? 'bg-success' : 'bg-base-300'}`} aria-hidden="true" />
      <span data-testid="presence">
        {props.online
          ? c.t('people.online')
          : props.lastSeenAt
            ? c.t('people.last_seen', { when: timeAgo(c, new Date(props.lastSeenAt), props.now) })
            : c.t('people.never_seen')}
      </span>
    </p>
  );
}

/** "★ 4.8 (12 reviews)", or "No reviews yet". */
export function RatingLine(props: { c: ViewCtx; rating: number | null; count: number; testId?: string }) {
  const { c } = props;
  if (props.rating === null)
    return (
      <span class="opacity-70" data-testid={props.testId}>
        {c.t('people.no_rating')}
      </span>
    );
  return (
    <span class="inline-flex items-center gap-1" data-testid={props.testId}>
      <Icon name="star" class="text-warning" />
      <span class="sr-only">{c.t('people.rating', { rating: props.rating.toFixed(1) })}</span>
      <bdi class="font-bold" aria-hidden="true">
        {props.rating.toFixed(1)}
      </bdi>
      <span class="opacity-70 ms-0.5">({c.t('people.reviews', { n: props.count })})</span>
    </span>
  );
}

export function countryOf(c: ViewCtx, code: string | null): string {
  return code ? countryName(c.locale, code) : '';
}
