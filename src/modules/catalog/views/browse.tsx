import { renderToString } from 'preact-render-to-string';
import { imageUrl } from '../../../platform/files.ts';
import { listingHref } from '../../../platform/http/listing.ts';
import type { ViewCtx } from '../../../platform/http/pages.ts';
import { intlLocale, plural } from '../../../platform/i18n/index.ts';
import { type CategoryIndex, categoryName, categoryOptions, resultsHeading } from '../../../web/categories.tsx';
import { Money } from '../../../web/components/bidi.tsx';
import { PageTitle } from '../../../web/components.tsx';
import { Icon } from '../../../web/icons.tsx';
import { Layout } from '../../../web/layout.tsx';
import { FilterNumber, FilterSelect, FragmentTitle, HtmxHead, ListingForm, MoreItem, ResultsSection } from '../../../web/listing.tsx';
import { SELLER_LEVELS, type SearchSort, SORTS } from '../search.ts';

/** What the browse form holds, as the URL carries it (prices in whole dollars). */
export interface BrowseFilters {
  q: string;
  /** A category slug. */
  category: string;
  min: string;
  max: string;
  days: string;
  level: string;
  rating: string;
  /** '1': only sellers online now. */
  online: string;
  sort: SearchSort;
  cursor: string;
}

export const FILTER_KEYS = ['q', 'category', 'min', 'max', 'days', 'level', 'rating', 'online', 'sort'] as const;
export const DAY_CHOICES = [1, 2, 3, 7, 14, 30];
export const RATING_CHOICES = ['4.5', '4', '3'];

export interface CardSeller {
  username: string;
  displayName: string;
  level: string;
}

/** One service as a result card shows it. */
export interface ServiceCardData {
  id: number;
  title: string;
  /** Locale-free path of the service page. */
  path: string;
  priceCents: number;
  /** The main image's public id (`files.public_id`), or null without images. */
  imagePublicId: string | null;
  rating: number | null;
  ratingCount: number;
  ordersCount: number;
  seller: CardSeller | null;
}

/** `/services?…` with the filters that are set (defaults and empty ones left out), in the page's language. */
export function browseHref(c: ViewCtx, f: Partial<BrowseFilters>): string {
  return listingHref<BrowseFilters>(c, '/services', FILTER_KEYS, 'relevance', f);
}

export function formatRating(c: ViewCtx, r: number): string {
  return new Intl.NumberFormat(intlLocale(c.locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r);
}

export function Price(props: { c: ViewCtx; cents: number; class?: string; testId?: string }) {
  return <Money c={props.c} cents={props.cents} class={props.class} testId={props.testId} />;
}

export function Stars(props: { c: ViewCtx; rating: number | null; count?: number | null }) {
  const { c } = props;
  if (props.rating === null) return <span class="opacity-70">{c.t('browse.no_rating')}</span>;
  const r = formatRating(c, props.rating);
  return (
    <span title={c.t('browse.rating_aria', { rating: r })}>
      <Icon name="star" class="text-rating" /> <span class="sr-only">{c.t('browse.rating_aria', { rating: r })}</span>
      <span aria-hidden="true">{r}</span>
      {props.count != null ? <span class="opacity-70"> ({props.count})</span> : null}
    </span>
  );
}

/** A service as a card in results and in "more services by this seller". */
/** `eager`: the card is on the first screen (the first row of a list): its image loads at once, first. */
/** `sponsored`: a sponsored result (marked «ممول» / "Sponsored"), linking through the path that counts its clicks. */
export function ServiceCard(props: { c: ViewCtx; s: ServiceCardData; eager?: boolean; sponsored?: string }) {
  const { c, s } = props;
  const href = c.href(props.sponsored ?? s.path);
  return (
    // The title's link covers the whole card (its ::after), so the card is one link; the seller's link sits above it.
    <li
      class={`card bg-base-100 shadow-sm overflow-hidden flex-row sm:flex-col relative${props.sponsored ? ' ring-1 ring-warning' : ''}`}
      data-testid={props.sponsored ? `sponsored-${s.id}` : `card-${s.id}`}
    >
      <figure class="w-28 shrink-0 sm:w-full sm:aspect-[4/3] bg-base-300">
        {s.imagePublicId ? (
          <img
            src={imageUrl(s.imagePublicId, 'thumb')}
            alt=""
            width={480}
            height={360}
            loading={props.eager ? 'eager' : 'lazy'}
            fetchpriority={props.eager ? 'high' : undefined}
            class="w-full h-full object-cover"
          />
        ) : null}
      </figure>
      <div class="card-body p-3 gap-1 min-w-0">
        {props.sponsored ? (
          <span class="badge badge-warning badge-sm self-start" data-testid="sponsored-mark">
            {c.t('browse.sponsored')}
          </span>
        ) : null}
        <h3 class="font-bold leading-snug line-clamp-2 break-words" dir="auto">
          <a href={href} class="link link-hover after:absolute after:inset-0" data-testid="card-title">
            {s.title}
          </a>
        </h3>
        {s.seller ? (
          <p class="text-sm flex items-center gap-1 min-w-0">
            <a href={c.href(`/u/${s.seller.username}`)} class="link link-hover truncate relative z-[1]" dir="auto">
              {s.seller.displayName}
            </a>
            <span class="badge badge-ghost badge-sm shrink-0">{c.t(`level.${s.seller.level}`)}</span>
          </p>
        ) : null}
        <div class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm mt-auto pt-1">
          <Stars c={c} rating={s.rating} count={s.ratingCount} />
          <span class="opacity-70">{plural(c.locale, 'browse.orders', s.ordersCount)}</span>
          <span class="ms-auto font-bold text-primary text-base">
            <span class="sr-only">{c.t('browse.price')}: </span>
            <Price c={c} cents={s.priceCents} testId="card-price" />
          </span>
        </div>
      </div>
    </li>
  );
}

/** How many cards make the first row (three columns on a wide screen): their images load at once, not lazily. */
export const FIRST_ROW_CARDS = 3;

/**
 * Where a page's sponsored results go: before the first result and before the fifth (positions 1 and 6 of the page,
 * RULES.md "Sponsored services"; a setting). The page is rendered (and kept, for visitors) with an empty marker at
 * each; `fillSponsored` puts each request's sponsored cards there, after the cache.
 */
export const SPONSORED_SLOT_MARK = (n: number) => `<template data-sponsored-slot="${n}"></template>`;
const SlotMark = (props: { n: number }) => <template data-sponsored-slot={String(props.n)} />;

/** Organic results before each sponsored slot (positions [1, 6] → [0, 4]), from the positions setting. */
export function slotOffsets(positions: readonly number[]): number[] {
  return positions.map((p, i) => p - 1 - i).filter((o, i, all) => o >= 0 && (i === 0 || o >= all[i - 1]));
}

/** A rendered page cut at its sponsored slots' markers and encoded once: its parts and, between each two, the slot. */
export interface SlottedPage {
  parts: Buffer[];
  slots: number[];
  /** The page with no sponsored card (all its parts together). */
  bare: Buffer;
}

const SLOT_MARK = /<template data-sponsored-slot="(\d)"><\/template>/g;

export function slotted(html: string): SlottedPage {
  const parts: Buffer[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of html.matchAll(SLOT_MARK)) {
    parts.push(Buffer.from(html.slice(last, m.index)));
    slots.push(Number(m[1]));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(Buffer.from(html.slice(last)));
  return { parts, slots, bare: parts.length === 1 ? parts[0] : Buffer.concat(parts) };
}

/** Sponsored cards as rendered, kept 15 s per language, card and link (a results page renders none of its own). */
const cardHtml = new Map<string, { at: number; html: Buffer }>();
function sponsoredCard(c: ViewCtx, s: ServiceCardData, href: string): Buffer {
  const key = `${c.locale}:${href}:${s.id}:${s.priceCents}:${s.ratingCount}:${s.ordersCount}:${s.title}:${s.seller?.displayName ?? ''}`;
  const now = Date.now();
  const hit = cardHtml.get(key);
  if (hit && now - hit.at < 15_000) return hit.html;
  if (cardHtml.size > 2000) cardHtml.clear();
  const html = Buffer.from(renderToString(<ServiceCard c={c} s={s} sponsored={href} />));
  cardHtml.set(key, { at: now, html });
  return html;
}

/** The page with each request's sponsored cards in its slots (a slot without a card is left out). */
export function fillSponsored(page: SlottedPage, c: ViewCtx, picks: ServiceCardData[], hrefs: string[]): Buffer {
  if (picks.length === 0) return page.bare;
  const out: Buffer[] = [page.parts[0]];
  page.slots.forEach((n, i) => {
    if (picks[n]) out.push(sponsoredCard(c, picks[n], hrefs[n]));
    out.push(page.parts[i + 1]);
  });
  return Buffer.concat(out);
}

/** The cards of one page plus the link to the next: what "show more" appends (`eager`: the first cards on screen). */
export function ResultItems(props: { c: ViewCtx; items: ServiceCardData[]; next: string | null; eager?: number; slots?: number[] }) {
  const slots = props.slots ?? [];
  return (
    <>
      {props.items.map((s, i) => (
        <>
          {slots.map((o, n) => (o === i ? <SlotMark key={`slot-${n}`} n={n} /> : null))}
          <ServiceCard key={s.id} c={props.c} s={s} eager={i < (props.eager ?? 0)} />
        </>
      ))}
      {slots.map((o, n) => (o === props.items.length && o > 0 ? <SlotMark key={`slot-${n}`} n={n} /> : null))}
      {props.next && props.items.length === 0 ? (
        // A stretch of the order without a match (common words, rare under these filters): the search goes on from there.
        <li class="col-span-full text-center text-sm" data-testid="keep-looking">
          {props.c.t('browse.keep_looking')}
        </li>
      ) : null}
      {props.next ? <MoreItem c={props.c} next={props.next} class="col-span-full text-center pt-2" /> : null}
    </>
  );
}

export interface ResultsProps {
  c: ViewCtx;
  filters: BrowseFilters;
  categories: CategoryIndex;
  items: ServiceCardData[];
  nextCursor: string | null;
  /** How many the search found (search.ts: exact up to 1000, then "more than"). */
  total?: { n: number; capped: boolean; estimated: boolean };
  /** Where the sponsored slots' markers go (organic results before each: `slotOffsets`). */
  slots?: number[];
}

/** "Found 24 services", "Found more than 1000 services". */
export function foundText(c: ViewCtx, total: { n: number; capped: boolean; estimated: boolean }): string {
  if (total.estimated) return c.t('browse.found_about', { count: total.n });
  return total.capped ? c.t('browse.found_more', { count: total.n }) : plural(c.locale, 'browse.found', total.n);
}

/** The category links beside the results: each keeps the search and filters, and switches the category. */
function CategoryNav(props: ResultsProps) {
  const { c, filters } = props;
  const current = props.categories.bySlug.get(filters.category);
  const link = (slug: string, label: string, level: 0 | 1 | 2) => {
    const active = filters.category === slug;
    return (
      <li key={slug || 'all'}>
        <a
          href={browseHref(c, { ...filters, category: slug, cursor: '' })}
          class={`${active ? 'menu-active' : ''} ${level === 2 ? 'ps-6' : ''}`}
          aria-current={active ? 'page' : undefined}
        >
          {label}
        </a>
      </li>
    );
  };
  return (
    <nav aria-label={c.t('browse.categories')} class="hidden md:block">
      <h2 class="font-bold mb-1 px-3">{c.t('browse.categories')}</h2>
      <ul class="menu w-full p-0">
        {link('', c.t('category.any'), 0)}
        {props.categories.tree.map((top) => {
          const open = current && (current.node.id === top.id || current.parent?.id === top.id);
          return [link(top.slug, categoryName(c, top), 1), ...(open ? top.children.map((s) => link(s.slug, categoryName(c, s), 2)) : [])];
        })}
      </ul>
    </nav>
  );
}

/** The part of the page a filter change replaces (htmx asks for this alone): category links and results. */
export function BrowseResults(props: ResultsProps & { withTitle?: boolean }) {
  const { c, filters, items } = props;
  const next = props.nextCursor ? browseHref(c, { ...filters, cursor: props.nextCursor }) : null;
  const h = resultsHeading(c, props.categories, filters, c.t('browse.all_services'));
  return (
    <>
      {props.withTitle ? <FragmentTitle c={c} heading={h} /> : null}
      <div id="results" class="grid gap-4 md:grid-cols-[14rem_1fr] mt-4 transition-opacity [&.htmx-request]:opacity-50">
        <CategoryNav {...props} />
        <ResultsSection
          c={c}
          class="min-w-0"
          heading={h}
          empty={items.length === 0 && !next}
          emptyText={c.t('browse.empty')}
          emptyTestId="browse-empty"
          listClass="grid gap-3 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3"
          firstPage={filters.cursor ? browseHref(c, { ...filters, cursor: '' }) : null}
          count={props.total ? foundText(c, props.total) : undefined}
        >
          <ResultItems c={c} items={items} next={next} eager={FIRST_ROW_CARDS} slots={props.slots} />
        </ResultsSection>
      </div>
    </>
  );
}

/** The services page: a search box and filters (a GET form, so it works and shares without JavaScript) and results. */
export function BrowsePage(props: ResultsProps) {
  const { c, filters, categories } = props;
  const cat = categories.bySlug.get(filters.category);
  const title = cat ? categoryName(c, cat.node) : c.t('browse.title');
  const active =
    [filters.category, filters.min, filters.max, filters.days, filters.level, filters.rating, filters.online].filter(Boolean).length +
    (filters.sort === 'relevance' ? 0 : 1);
  return (
    <Layout c={c} title={title} description={c.t('browse.description')}>
      <HtmxHead />
      <PageTitle>{c.t('browse.title')}</PageTitle>
      <ListingForm
        c={c}
        name="browse"
        idPrefix="b"
        action={c.href('/services')}
        q={filters.q}
        searchLabel={c.t('browse.search_label')}
        searchPlaceholder={c.t('browse.search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2 md:grid-cols-4 lg:grid-cols-7"
      >
        <FilterSelect
          idPrefix="b"
          name="category"
          label={c.t('browse.category')}
          value={filters.category}
          options={categoryOptions(c, categories.tree)}
          class="col-span-2 md:col-span-1"
        />
        <FilterNumber idPrefix="b" name="min" label={c.t('browse.price_min')} value={filters.min} />
        <FilterNumber idPrefix="b" name="max" label={c.t('browse.price_max')} value={filters.max} />
        <FilterSelect
          idPrefix="b"
          name="days"
          label={c.t('browse.days')}
          value={filters.days}
          options={[
            ['', c.t('browse.any_days')],
            ...DAY_CHOICES.map((d): [string, string] => [String(d), plural(c.locale, 'browse.days_upto', d)]),
          ]}
        />
        <FilterSelect
          idPrefix="b"
          name="level"
          label={c.t('browse.level')}
          value={filters.level}
          options={[['', c.t('browse.any_level')], ...SELLER_LEVELS.map((l): [string, string] => [l, c.t(`level.${l}`)])]}
        />
        <FilterSelect
          idPrefix="b"
          name="rating"
          label={c.t('browse.rating')}
          value={filters.rating}
          options={[
            ['', c.t('browse.any_rating')],
            ...RATING_CHOICES.map((r): [string, string] => [r, c.t('browse.rating_atleast', { n: formatRating(c, Number(r)) })]),
          ]}
        />
        <label class="label gap-2 self-end pb-2">
          <input type="checkbox" class="checkbox checkbox-sm" name="online" value="1" checked={filters.online === '1'} />
          {c.t('browse.online_now')}
        </label>
        <FilterSelect
          idPrefix="b"
          name="sort"
          label={c.t('browse.sort')}
          value={filters.sort}
          options={SORTS.map((s): [string, string] => [s, c.t(`browse.sort.${s}`)])}
        />
      </ListingForm>
      <BrowseResults {...props} />
    </Layout>
  );
}
