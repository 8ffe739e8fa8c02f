import type { ViewCtx } from '../../../platform/http/pages.ts';
import { slugOf } from '../rules.ts';
import type { ServiceHit } from '../search.ts';
import { type CardSeller, ServiceCard } from './browse.tsx';

/** A seller's live services and totals, for their public profile (accounts' page shows it). */
export function SellerServicesSection(props: {
  c: ViewCtx;
  seller: CardSeller;
  hits: ServiceHit[];
  stats: { live: number; orders: number; ratingSum: number; ratingCount: number };
}) {
  const { c, stats } = props;
  const rating = stats.ratingCount > 0 ? (stats.ratingSum / stats.ratingCount).toFixed(1) : null;
  return (
    <section class="mt-6" data-testid="seller-services">
      <h2 class="text-xl font-bold mb-2">{c.t('profile.services_title', { n: stats.live })}</h2>
      <ul class="flex flex-wrap gap-2 text-sm mb-3">
        <li class="badge badge-outline">{c.t('profile.stat_live', { n: stats.live })}</li>
        <li class="badge badge-outline">{c.t('profile.stat_orders', { n: stats.orders })}</li>
        <li class="badge badge-outline">
          {rating ? c.t('profile.stat_rating', { rating, n: stats.ratingCount }) : c.t('profile.stat_no_rating')}
        </li>
      </ul>
      {props.hits.length === 0 ? (
        <p class="opacity-70">{c.t('profile.no_services')}</p>
      ) : (
        // Each ServiceCard is the list's item (an <li>) itself.
        <ul class="grid gap-3 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3">
          {props.hits.map((h) => (
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
                seller: props.seller,
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
