import type { ViewCtx } from '../../../platform/http/pages.ts';
import { formatMoney, intlLocale, plural } from '../../../platform/i18n/index.ts';
import { PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { SELLER_LEVELS, type SearchSort, SORTS } from '../search.ts';
import type { CategoryNode } from '../service.ts';

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
  imageId: number | null;
  rating: number | null;
  ratingCount: number;
  ordersCount: number;
  seller: CardSeller | null;
}

export interface CategoryEntry {
  node: CategoryNode;
  parent: CategoryNode | null;
}

/** Categories by slug and by id, each with its parent (top categories have none). */
export function indexCategories(tree: CategoryNode[]) {
  const bySlug = new Map<string, CategoryEntry>();
  const byId = new Map<number, CategoryEntry>();
  for (const top of tree) {
    const e = { node: top, parent: null };
    bySlug.set(top.slug, e);
    byId.set(top.id, e);
    for (const sub of top.children) {
      const s = { node: sub, parent: top };
      bySlug.set(sub.slug, s);
      byId.set(sub.id, s);
    }
  }
  return { tree, bySlug, byId };
}
export type CategoryIndex = ReturnType<typeof indexCategories>;

export const categoryName = (c: ViewCtx, n: CategoryNode) => (c.locale === 'ar' ? n.nameAr : n.nameEn);

/** `/services?…` with the filters that are set (defaults and empty ones left out), in the page's language. */
export function browseHref(c: ViewCtx, f: Partial<BrowseFilters>): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v && !(k === 'sort' && v === 'relevance')) p.set(k, v);
  }
  if (f.cursor) p.set('cursor', f.cursor);
  const qs = p.toString();
  return c.href(qs ? `/services?${qs}` : '/services');
}

export function formatRating(c: ViewCtx, r: number): string {
  return new Intl.NumberFormat(intlLocale(c.locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r);
}

export function Price(props: { c: ViewCtx; cents: number; class?: string; testId?: string }) {
  return (
    <span dir="ltr" class={props.class} data-testid={props.testId}>
      {formatMoney(props.c.locale, props.cents)}
    </span>
  );
}

export function Stars(props: { c: ViewCtx; rating: number | null; count?: number | null }) {
  const { c } = props;
  if (props.rating === null) return <span class="opacity-70">{c.t('browse.no_rating')}</span>;
  const r = formatRating(c, props.rating);
  return (
    <span title={c.t('browse.rating_aria', { rating: r })}>
      <span aria-hidden="true" class="text-warning">
        ★
      </span>{' '}
      <span class="sr-only">{c.t('browse.rating_aria', { rating: r })}</span>
      <span aria-hidden="true">{r}</span>
      {props.count != null ? <span class="opacity-70"> ({props.count})</span> : null}
    </span>
  );
}

/** A service as a card in results and in "more services by this seller". */
export function ServiceCard(props: { c: ViewCtx; s: ServiceCardData }) {
  const { c, s } = props;
  const href = c.href(s.path);
  return (
    // The title's link covers the whole card (its ::after), so the card is one link; the seller's link sits above it.
    <li class="card bg-base-100 shadow-sm overflow-hidden flex-row sm:flex-col relative" data-testid={`card-${s.id}`}>
      <figure class="w-28 shrink-0 sm:w-full sm:aspect-[4/3] bg-base-300">
        {s.imageId ? (
          <img src={`/files/${s.imageId}/thumb`} alt="" width={480} height={360} loading="lazy" class="w-full h-full object-cover" />
        ) : null}
      </figure>
      <div class="card-body p-3 gap-1 min-w-0">
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

/** The "show more" item: a plain link to the next page, which htmx turns into "append the next page here". */
function MoreItem(props: { c: ViewCtx; next: string }) {
  return (
    <li id="more" class="col-span-full text-center pt-2">
      <a class="btn btn-wide" href={props.next} hx-get={props.next} hx-target="#more" hx-swap="outerHTML" data-testid="more">
        {props.c.t('browse.more')}
      </a>
    </li>
  );
}

/** The cards of one page plus the link to the next: what "show more" appends. */
export function ResultItems(props: { c: ViewCtx; items: ServiceCardData[]; next: string | null }) {
  return (
    <>
      {props.items.map((s) => (
        <ServiceCard key={s.id} c={props.c} s={s} />
      ))}
      {props.next ? <MoreItem c={props.c} next={props.next} /> : null}
    </>
  );
}

export interface ResultsProps {
  c: ViewCtx;
  filters: BrowseFilters;
  categories: CategoryIndex;
  items: ServiceCardData[];
  nextCursor: string | null;
}

function heading(props: ResultsProps): string {
  const { c, filters } = props;
  if (filters.q) return c.t('browse.results_for', { q: filters.q });
  const cat = props.categories.bySlug.get(filters.category);
  return cat ? categoryName(c, cat.node) : c.t('browse.all_services');
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
        {link('', c.t('browse.any_category'), 0)}
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
  const h = heading(props);
  return (
    <>
      {/* htmx sets the document title from a <title> at the top level of a fragment. */}
      {props.withTitle ? <title>{`${h} | ${c.t('site.name')}`}</title> : null}
      <div id="results" class="grid gap-4 md:grid-cols-[14rem_1fr] mt-4 transition-opacity [&.htmx-request]:opacity-50">
        <CategoryNav {...props} />
        <section aria-labelledby="results-heading" class="min-w-0">
          <h2 id="results-heading" class="text-lg font-bold mb-3 break-words" data-testid="results-heading">
            {h}
          </h2>
          {items.length === 0 ? (
            <p class="alert" data-testid="browse-empty">
              {c.t('browse.empty')}
            </p>
          ) : (
            <ul class="grid gap-3 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="results">
              <ResultItems c={c} items={items} next={next} />
            </ul>
          )}
          {filters.cursor ? (
            <p class="mt-4 text-center">
              <a class="link" href={browseHref(c, { ...filters, cursor: '' })} data-testid="first-page">
                {c.t('browse.first_page')}
              </a>
            </p>
          ) : null}
        </section>
      </div>
    </>
  );
}

function Select(props: { name: string; label: string; value: string; options: [string, string][]; class?: string }) {
  const id = `b-${props.name}`;
  return (
    <div class={props.class}>
      <label for={id} class="text-sm block mb-1">
        {props.label}
      </label>
      <select id={id} name={props.name} class="select select-sm w-full">
        {props.options.map(([v, label]) => (
          <option key={v} value={v} selected={props.value === v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The services page: a search box and filters (a GET form, so it works and shares without JavaScript) and results. */
export function BrowsePage(props: ResultsProps & { htmxSrc: string }) {
  const { c, filters, categories } = props;
  const action = c.href('/services');
  const catOptions: [string, string][] = [['', c.t('browse.any_category')]];
  for (const top of categories.tree) {
    catOptions.push([top.slug, categoryName(c, top)]);
    for (const sub of top.children) catOptions.push([sub.slug, `— ${categoryName(c, sub)}`]);
  }
  const cat = categories.bySlug.get(filters.category);
  const title = cat ? categoryName(c, cat.node) : c.t('browse.title');
  const active =
    [filters.category, filters.min, filters.max, filters.days, filters.level, filters.rating, filters.online].filter(Boolean).length +
    (filters.sort === 'relevance' ? 0 : 1);
  return (
    <Layout c={c} title={title} description={c.t('browse.description')}>
      {/* htmx swaps the results in place; without it the form is a plain GET form. No snapshots in localStorage: going back reloads. */}
      <script src={props.htmxSrc} defer />
      <meta
        name="htmx-config"
        content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"historyCacheSize":0,"refreshOnHistoryMiss":true}'
      />
      <PageTitle>{c.t('browse.title')}</PageTitle>
      <search>
        <form
          method="get"
          action={action}
          id="browse-form"
          class="card bg-base-100 shadow-sm"
          hx-get={action}
          hx-target="#results"
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-sync="this:replace"
          hx-trigger="change, submit, input changed delay:400ms from:input[name=q]"
          data-testid="browse-form"
        >
          <div class="card-body p-3 md:p-4 gap-3">
            <div>
              <label for="b-q" class="sr-only">
                {c.t('browse.search_label')}
              </label>
              <div class="join w-full">
                <input
                  id="b-q"
                  type="search"
                  name="q"
                  value={filters.q}
                  maxLength={200}
                  autocomplete="off"
                  placeholder={c.t('browse.search_placeholder')}
                  class="input join-item w-full"
                />
                <button type="submit" class="btn btn-primary join-item">
                  {c.t('browse.search_submit')}
                </button>
              </div>
            </div>
            {/* On small screens the filters fold behind a toggle (a checkbox: no script needed); wide screens always show them. */}
            <input type="checkbox" id="b-filters" class="peer sr-only md:hidden" checked={active > 0} aria-controls="b-filter-fields" />
            <label
              for="b-filters"
              class="btn btn-sm btn-outline md:hidden peer-focus-visible:outline-2 peer-focus-visible:outline-primary"
              data-testid="filters-toggle"
            >
              {c.t('browse.filters')}
              {active ? <span class="badge badge-sm badge-primary">{active}</span> : null}
            </label>
            <div id="b-filter-fields" class="hidden peer-checked:block md:block space-y-3">
              <fieldset class="grid grid-cols-2 md:grid-cols-4 lg:grid-cols-7 gap-2 items-end">
                <legend class="sr-only">{c.t('browse.filters')}</legend>
                <Select
                  name="category"
                  label={c.t('browse.category')}
                  value={filters.category}
                  options={catOptions}
                  class="col-span-2 md:col-span-1"
                />
                <div>
                  <label for="b-min" class="text-sm block mb-1">
                    {c.t('browse.price_min')}
                  </label>
                  <input
                    id="b-min"
                    name="min"
                    type="number"
                    inputmode="numeric"
                    min={0}
                    step={1}
                    value={filters.min}
                    class="input input-sm w-full"
                  />
                </div>
                <div>
                  <label for="b-max" class="text-sm block mb-1">
                    {c.t('browse.price_max')}
                  </label>
                  <input
                    id="b-max"
                    name="max"
                    type="number"
                    inputmode="numeric"
                    min={0}
                    step={1}
                    value={filters.max}
                    class="input input-sm w-full"
                  />
                </div>
                <Select
                  name="days"
                  label={c.t('browse.days')}
                  value={filters.days}
                  options={[
                    ['', c.t('browse.any_days')],
                    ...DAY_CHOICES.map((d): [string, string] => [String(d), plural(c.locale, 'browse.days_upto', d)]),
                  ]}
                />
                <Select
                  name="level"
                  label={c.t('browse.level')}
                  value={filters.level}
                  options={[['', c.t('browse.any_level')], ...SELLER_LEVELS.map((l): [string, string] => [l, c.t(`level.${l}`)])]}
                />
                <Select
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
                <Select
                  name="sort"
                  label={c.t('browse.sort')}
                  value={filters.sort}
                  options={SORTS.map((s): [string, string] => [s, c.t(`browse.sort.${s}`)])}
                />
              </fieldset>
              <div class="flex flex-wrap items-center gap-3">
                <button type="submit" class="btn btn-sm">
                  {c.t('browse.apply')}
                </button>
                <a href={action} class="link text-sm">
                  {c.t('browse.clear')}
                </a>
              </div>
            </div>
          </div>
        </form>
      </search>
      <BrowseResults {...props} />
    </Layout>
  );
}
