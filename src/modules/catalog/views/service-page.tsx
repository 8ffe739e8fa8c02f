import { imageUrl } from '../../../platform/files.ts';
import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate, intlLocale, plural, timeAgo } from '../../../platform/i18n/index.ts';
import { orderTotalCents } from '../../../platform/money.ts';
import { type CategoryEntry, categoryName } from '../../../web/categories.tsx';
import { Money } from '../../../web/components/bidi.tsx';
import { Card, ContactButton, DescriptionWithSkills, MemberSince, PersonSummary, ReportLink } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { FavoriteButton } from '../../favorites/index.ts';
import type { PackageRow } from '../packages.ts';
import type { ServiceRow } from '../service.ts';
import { browseHref, Price, ServiceCard, type ServiceCardData, Stars } from './browse.tsx';
import { PackagesCompare, revisionsText } from './packages.tsx';

export const QUANTITY_MAX = 10;

export interface SellerCardData {
  username: string;
  displayName: string;
  level: string;
  avatarUrl: string | null;
  memberSince: string;
  lastSeenAt: string | null;
  /** A live connection open now, on any instance (presence). */
  online: boolean;
  liveServices: number;
  completedOrders: number;
  rating: number | null;
  ratingCount: number;
}

export interface ServicePageProps {
  c: ViewCtx;
  s: ServiceRow;
  /** The public ids of the service's images, the main one first. */
  images: string[];
  category: CategoryEntry | null;
  seller: SellerCardData | null;
  related: ServiceCardData[];
  /** The add-ons and quantity picked (from the URL, so the total is right without JavaScript). */
  picked: { addonIds: Set<number>; quantity: number; tier: PackageRow['tier'] | null };
  /** The service's packages, basic first (none: it sells at its one price). */
  packages: PackageRow[];
  isOwner: boolean;
  now: Date;
  canonicalPath: string;
  /** Published buyers' reviews, newest first. */
  reviews: ReviewCardData[];
}

export interface ReviewCardData {
  id: number;
  author: string;
  scores: { quality: number; communication: number; onTime: number };
  comment: string;
  at: Date;
  reply: string | null;
}

/** "5 minutes ago", "yesterday"… in the page's language. */
function Breadcrumb(props: { c: ViewCtx; category: CategoryEntry | null; title: string }) {
  const { c, category } = props;
  const crumbs: [string, string][] = [[browseHref(c, {}), c.t('browse.title')]];
  if (category?.parent) crumbs.push([browseHref(c, { category: category.parent.slug }), categoryName(c, category.parent)]);
  if (category) crumbs.push([browseHref(c, { category: category.node.slug }), categoryName(c, category.node)]);
  return (
    <nav aria-label={c.t('service.breadcrumb')} class="text-sm mb-2" data-testid="breadcrumb">
      <ol class="flex flex-wrap items-center gap-1 opacity-80">
        {crumbs.map(([href, label]) => (
          <li key={href} class="flex items-center gap-1">
            <a href={href} class="link link-hover">
              {label}
            </a>
            <span aria-hidden="true">{c.dir === 'rtl' ? '‹' : '›'}</span>
          </li>
        ))}
        <li aria-current="page" class="truncate max-w-[60vw] md:max-w-md" dir="auto">
          {props.title}
        </li>
      </ol>
    </nav>
  );
}

/** The main image and the others as thumbnails (by their files' public ids); each opens full size (the enhancer shows it in place). */
function Gallery(props: { c: ViewCtx; images: string[]; title: string }) {
  const { c, images, title } = props;
  if (images.length === 0) return <div class="aspect-[4/3] bg-base-300 rounded-box" />;
  return (
    <section aria-label={c.t('service.gallery')} data-gallery>
      <a href={imageUrl(images[0])} class="block rounded-box overflow-hidden bg-base-300" data-gallery-main>
        <img
          src={imageUrl(images[0])}
          alt={c.t('service.image_alt', { n: 1, title })}
          class="w-full aspect-[4/3] object-cover"
          fetchpriority="high"
          data-testid="main-image"
        />
      </a>
      {images.length > 1 ? (
        <ul class="grid grid-cols-4 sm:grid-cols-6 gap-2 mt-2">
          {images.map((publicId, i) => (
            <li key={publicId}>
              <a
                href={imageUrl(publicId)}
                data-full={imageUrl(publicId)}
                data-alt={c.t('service.image_alt', { n: i + 1, title })}
                aria-label={c.t('service.open_image', { n: i + 1 })}
                aria-current={i === 0 ? 'true' : undefined}
                class="block rounded-field overflow-hidden outline-offset-2 aria-[current=true]:outline-2 aria-[current=true]:outline-primary"
              >
                <img
                  src={imageUrl(publicId, 'thumb')}
                  alt=""
                  width={480}
                  height={360}
                  loading="lazy"
                  class="w-full aspect-[4/3] object-cover"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Price, delivery, add-ons with quantity and the total: computed here for the URL's choice, updated live by browse.js. */
function OrderBox(props: ServicePageProps) {
  const { c, s, picked } = props;
  const chosen = s.addons.filter((a) => picked.addonIds.has(a.id));
  const pkg = props.packages.find((p) => p.tier === picked.tier) ?? null;
  const price = pkg?.priceCents ?? s.priceCents;
  const total = orderTotalCents(
    price,
    chosen.map((a) => a.priceCents),
    picked.quantity,
  );
  return (
    <Card class="w-full">
      <form method="get" action={c.href(props.canonicalPath)} class="space-y-3" data-order-form data-price-cents={price}>
        <input type="hidden" name="service" value={String(s.id)} />
        {pkg ? (
          <p class="font-bold" data-testid="picked-package">
            {c.t('package.chosen')}: {c.t(`package.tier.${pkg.tier}`)} · {revisionsText(c, pkg.revisions)}
            <input type="hidden" name="package" value={pkg.tier} />
          </p>
        ) : null}
        <dl class="grid grid-cols-2 gap-2">
          <div>
            <dt class="text-sm opacity-70">{c.t('service.price')}</dt>
            <dd class="text-xl font-bold text-primary">
              <Price c={c} cents={price} testId="price" />
            </dd>
          </div>
          <div>
            <dt class="text-sm opacity-70">{c.t('service.delivery')}</dt>
            <dd class="text-lg font-bold" data-testid="delivery">
              {plural(c.locale, 'service.days', pkg?.deliveryDays ?? s.deliveryDays)}
            </dd>
          </div>
        </dl>
        {s.addons.length ? (
          <fieldset class="space-y-2" data-testid="addons">
            <legend class="font-bold">{c.t('service.addons')}</legend>
            <p class="text-sm opacity-70">{c.t('service.addons_hint')}</p>
            {s.addons.map((a) => (
              <label key={a.id} class="flex items-start gap-2 cursor-pointer">
                <input
                  type="checkbox"
                  name="addon"
                  value={String(a.id)}
                  checked={picked.addonIds.has(a.id)}
                  data-cents={a.priceCents}
                  class="checkbox checkbox-sm checkbox-primary mt-1"
                />
                <span class="flex-1 min-w-0">
                  <span class="break-words" dir="auto">
                    {a.title}
                  </span>
                  {a.extraDays ? (
                    <span class="block text-xs opacity-70">
                      {c.t('service.extra_days', { days: plural(c.locale, 'service.days', a.extraDays) })}
                    </span>
                  ) : null}
                </span>
                <span class="font-bold whitespace-nowrap">
                  + <Price c={c} cents={a.priceCents} />
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div class="flex items-center gap-2">
          <label for="qty" class="font-bold">
            {c.t('service.quantity')}
          </label>
          <select id="qty" name="qty" class="select select-sm w-20">
            {Array.from({ length: QUANTITY_MAX }, (_, i) => i + 1).map((n) => (
              <option key={n} value={String(n)} selected={picked.quantity === n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div class="border-t border-base-300 pt-3">
          <p class="flex items-baseline justify-between gap-2">
            <span class="font-bold">{c.t('service.total')}</span>
            <output class="text-2xl font-bold" data-total data-locale={intlLocale(c.locale)} data-testid="total" aria-live="polite">
              <Money c={c} cents={total} />
            </output>
          </p>
          <p class="text-xs opacity-70">{c.t('service.total_formula')}</p>
        </div>
        <button type="submit" class="btn btn-sm btn-outline w-full" data-update-total>
          {c.t('service.update_total')}
        </button>
        {props.isOwner ? null : (
          <button type="submit" formaction={c.href('/orders/new')} class="btn btn-primary w-full" data-testid="order-now">
            {c.t('order.order_now')}
          </button>
        )}
      </form>
    </Card>
  );
}

function SellerCard(props: { c: ViewCtx; seller: SellerCardData; now: Date }) {
  const { c, seller, now } = props;
  const seen = seller.lastSeenAt ? new Date(seller.lastSeenAt) : null;
  const online = seller.online;
  const profile = c.href(`/u/${seller.username}`);
  return (
    <Card title={c.t('service.seller')} class="w-full">
      <PersonSummary c={c} kind="seller" person={seller} avatar="lg" linkUsername />
      <p class="text-sm flex items-center gap-2" data-testid="last-seen">
        <span class={`inline-block size-2 rounded-full ${online ? 'bg-success' : 'bg-base-300'}`} aria-hidden="true" />
        {online
          ? c.t('service.online')
          : seen
            ? c.t('service.last_seen', { when: timeAgo(c, seen, now) })
            : c.t('service.last_seen_unknown')}
      </p>
      <dl class="grid grid-cols-3 gap-2 text-center" data-testid="seller-stats">
        <div class="bg-base-200 rounded-field p-2">
          <dt class="text-xs opacity-70">{c.t('service.live_services')}</dt>
          <dd class="font-bold">{seller.liveServices}</dd>
        </div>
        <div class="bg-base-200 rounded-field p-2">
          <dt class="text-xs opacity-70">{c.t('service.completed_orders')}</dt>
          <dd class="font-bold">{seller.completedOrders}</dd>
        </div>
        <div class="bg-base-200 rounded-field p-2">
          <dt class="text-xs opacity-70">{c.t('service.seller_rating')}</dt>
          <dd class="font-bold text-sm">
            <Stars c={c} rating={seller.rating} count={seller.ratingCount} />
          </dd>
        </div>
      </dl>
      <MemberSince c={c} date={seller.memberSince} />
      <div class="flex flex-wrap gap-2">
        <ContactButton c={c} username={seller.username} testId="contact-seller" class="btn btn-sm btn-primary" />
        <a href={profile} class="btn btn-sm btn-outline">
          {c.t('service.view_profile')}
        </a>
      </div>
    </Card>
  );
}

/** A service's public page: gallery, description, add-ons with a live total, the seller, reviews, more by the seller. */
export function ServicePage(props: ServicePageProps) {
  const { c, s, seller } = props;
  const description = s.description.replace(/\s+/g, ' ').slice(0, 155);
  return (
    <Layout c={c} title={s.title} description={description} scripts={['browse.js']}>
      <Breadcrumb c={c} category={props.category} title={s.title} />
      {s.status !== 'published' ? (
        <div role="status" class="alert alert-warning mb-3" data-testid="status-note">
          <span>{c.t(`service.status.${s.status}`)}</span>
          {props.isOwner ? (
            <a class="btn btn-sm" href={c.href(`/my/services/${s.id}/edit`)}>
              {c.t('service.edit')}
            </a>
          ) : null}
        </div>
      ) : null}
      <div class="flex items-start justify-between gap-2 mb-4">
        <h1 class="text-2xl md:text-3xl font-bold break-words min-w-0" dir="auto" data-testid="service-title">
          {s.title}
        </h1>
        {props.isOwner || s.status !== 'published' ? null : (
          <FavoriteButton c={c} kind="service" id={s.id} class="shrink-0 ms-auto" compact />
        )}
        {props.isOwner ? null : <ReportLink c={c} type="service" id={s.id} class="shrink-0 mt-2" />}
      </div>
      {/* Small screens: gallery, price and add-ons, description, seller, reviews. Wide: the price and seller beside the rest. */}
      <div class="grid grid-cols-1 gap-4 md:grid-cols-3">
        <div class="order-1 md:order-none md:col-span-2 min-w-0">
          <Gallery c={c} images={props.images} title={s.title} />
        </div>
        <aside class="contents md:block md:col-start-3 md:row-start-1 md:row-span-3 md:space-y-4 min-w-0">
          <div class="order-2 md:order-none">
            <OrderBox {...props} />
          </div>
          {seller ? (
            <div class="order-4 md:order-none">
              <SellerCard c={c} seller={seller} now={props.now} />
            </div>
          ) : null}
        </aside>
        <div class="order-3 md:order-none md:col-span-2 min-w-0 space-y-4">
          <PackagesCompare c={c} serviceId={s.id} packages={props.packages} canOrder={!props.isOwner && s.status === 'published'} />
          <Card title={c.t('service.about')} class="w-full">
            <DescriptionWithSkills
              text={s.description}
              skillsTitle={c.t('service.skills')}
              skills={s.skills}
              skillHref={(k) => browseHref(c, { q: k })}
            />
          </Card>
        </div>
        <div class="order-5 md:order-none md:col-span-2 min-w-0">
          <Card title={c.t('service.reviews')} class="w-full">
            {props.reviews.length === 0 ? (
              <p class="opacity-70" data-testid="no-reviews">
                {c.t('service.no_reviews')}
              </p>
            ) : (
              <ul class="space-y-4" data-testid="reviews">
                {props.reviews.map((r) => {
                  const overall = (r.scores.quality + r.scores.communication + r.scores.onTime) / 3;
                  return (
                    <li key={r.id} class="border-b border-base-200 pb-3">
                      <p class="flex flex-wrap items-center gap-2">
                        <strong>{r.author}</strong>
                        <Stars c={c} rating={overall} count={null} />
                        <time class="text-xs opacity-70" datetime={r.at.toISOString()}>
                          {formatDate(c.locale, r.at.toISOString())}
                        </time>
                        <ReportLink c={c} type="review" id={r.id} class="ms-auto" />
                      </p>
                      <p class="text-xs opacity-70">
                        {c.t('review.scores', { q: r.scores.quality, c: r.scores.communication, t: r.scores.onTime })}
                      </p>
                      {r.comment ? (
                        <p class="whitespace-pre-line mt-1" dir="auto">
                          {r.comment}
                        </p>
                      ) : null}
                      {r.reply ? (
                        <p
                          class="mt-2 ms-4 ps-3 border-s-2 border-primary text-sm whitespace-pre-line"
                          dir="auto"
                          data-testid="review-reply"
                        >
                          {r.reply}
                        </p>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>
      </div>
      {props.related.length && seller ? (
        <section class="mt-6" aria-labelledby="more-by">
          <h2 id="more-by" class="text-xl font-bold mb-3">
            {c.t('service.more_by', { name: seller.displayName })}
          </h2>
          <ul class="grid gap-3 grid-cols-1 sm:grid-cols-2 lg:grid-cols-4" data-testid="more-by-seller">
            {props.related.map((r) => (
              <ServiceCard key={r.id} c={c} s={r} />
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
