import type { ViewCtx } from '../../../platform/http/pages.ts';
import { slugOf } from '../rules.ts';
import type { ServiceHit } from '../search.ts';
import { ServiceCard } from './browse.tsx';

/** A seller as a card names them (from the accounts module's public view). */
export interface CardSellerView {
  username: string;
  displayName: string;
  sellerLevel: string;
}

/** Service cards for a list of search hits (the home page's popular and new services), sellers looked up by id. */
export function ServiceCards(props: { c: ViewCtx; hits: ServiceHit[]; sellers: ReadonlyMap<number, CardSellerView>; testId: string }) {
  const { c } = props;
  return (
    // On a phone the first four (a long list of cards is a long scroll there); the section links to the rest.
    <ul class="grid gap-3 grid-cols-1 sm:grid-cols-2 lg:grid-cols-4 max-sm:[&>li:nth-child(n+5)]:hidden" data-testid={props.testId}>
      {props.hits.map((h) => {
        const u = props.sellers.get(h.sellerId);
        return (
          <ServiceCard
            key={h.id}
            c={c}
            s={{
              id: h.id,
              title: h.title,
              path: `/services/${h.id}-${encodeURIComponent(slugOf(h.title))}`,
              priceCents: h.priceCents,
              imagePublicId: h.imagePublicId,
              rating: h.ratingCount > 0 ? h.ratingSum / h.ratingCount : null,
              ratingCount: h.ratingCount,
              ordersCount: h.ordersCount,
              seller: u ? { username: u.username, displayName: u.displayName, level: u.sellerLevel } : null,
            }}
          />
        );
      })}
    </ul>
  );
}
