import { imageUrl } from '../../platform/files.ts';
import { listingHref } from '../../platform/http/listing.ts';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatNumber, plural } from '../../platform/i18n/index.ts';
import { type CategoryIndex, categoryOptions, resultsHeading } from '../../web/categories.tsx';
import { Icon } from '../../web/icons.tsx';
import { Layout } from '../../web/layout.tsx';
import { FilterSelect, FragmentTitle, HtmxHead, ListingForm, ListingTitle, MoreItem, ResultsSection } from '../../web/listing.tsx';
import { SKILL_MAX_CHARS } from './rules.ts';
import { WORK_SORTS, type WorkSort } from './search.ts';

/** What the list's form holds, as the URL carries it. */
export interface WorkFilters {
  q: string;
  category: string;
  skill: string;
  /** One freelancer's works (their username). */
  owner: string;
  sort: WorkSort;
  cursor: string;
}
export const WORK_FILTER_KEYS = ['q', 'category', 'skill', 'owner', 'sort'] as const;

/** `/works?…` with the filters that are set (defaults and empty ones left out), in the page's language. */
export function worksHref(c: ViewCtx, f: Partial<WorkFilters>): string {
  return listingHref<WorkFilters>(c, '/works', WORK_FILTER_KEYS, 'best', f);
}

/** A work as a card shows it: the cover (its file's public id), the title, the owner, likes and views. */
export interface WorkCardData {
  id: number;
  title: string;
  coverPublicId: string | null;
  likesCount: number;
  viewsCount: number;
  /** Linked to a completed order: the "delivered on Kafiil" mark. */
  delivered: boolean;
  owner: { username: string; displayName: string } | null;
}

/** Likes and views, each with its icon and a label for screen readers. */
export function WorkCounts(props: { c: ViewCtx; likes: number; views: number; class?: string }) {
  const { c } = props;
  return (
    <span class={`inline-flex items-center gap-3 ${props.class ?? ''}`}>
      <span class="inline-flex items-center gap-1" data-testid="card-likes">
        <Icon name="thumbsUp" />
        <span class="sr-only">{plural(c.locale, 'works.likes', props.likes)}</span>
        <span aria-hidden="true">{formatNumber(c.locale, props.likes)}</span>
      </span>
      <span class="inline-flex items-center gap-1" data-testid="card-views">
        <Icon name="eye" />
        <span class="sr-only">{plural(c.locale, 'works.views', props.views)}</span>
        <span aria-hidden="true">{formatNumber(c.locale, props.views)}</span>
      </span>
    </span>
  );
}

/** A work's card: the cover (lazy, sized: no layout shift), the title linking to the page, the owner, the counts. */
export function WorkCard(props: { c: ViewCtx; w: WorkCardData; eager?: boolean }) {
  const { c, w } = props;
  return (
    <li class="card bg-base-100 shadow-sm relative overflow-hidden min-w-0" data-testid={`work-${w.id}`}>
      <figure class="aspect-[4/3] bg-base-300">
        {w.coverPublicId ? (
          <img
            src={imageUrl(w.coverPublicId, 'thumb')}
            alt=""
            width={480}
            height={360}
            loading={props.eager ? 'eager' : 'lazy'}
            decoding="async"
            class="w-full h-full object-cover"
          />
        ) : null}
      </figure>
      <div class="card-body p-3 gap-1 min-w-0">
        <h3 class="font-bold leading-snug break-words line-clamp-2" dir="auto">
          <a href={c.href(`/works/${w.id}`)} class="link link-hover after:absolute after:inset-0" data-testid="card-title">
            {w.title}
          </a>
        </h3>
        <div class="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-sm">
          {w.owner ? (
            <a href={c.href(`/u/${w.owner.username}`)} class="link link-hover relative z-[1] truncate min-w-0" data-testid="card-owner">
              <bdi>{w.owner.displayName}</bdi>
            </a>
          ) : (
            <span />
          )}
          <WorkCounts c={c} likes={w.likesCount} views={w.viewsCount} class="opacity-80 shrink-0" />
        </div>
        {w.delivered ? (
          <p class="text-xs text-success inline-flex items-center gap-1" data-testid="card-delivered">
            <Icon name="shieldCheck" />
            {c.t('works.delivered_badge')}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** The grid the cards sit in: two a row from 360 px (they stay readable), more on wider screens. */
export const WORK_GRID = 'grid gap-3 grid-cols-2 md:grid-cols-3 lg:grid-cols-4';

export function WorkItems(props: { c: ViewCtx; items: WorkCardData[]; next: string | null; eagerFirst?: number }) {
  return (
    <>
      {props.items.map((w, i) => (
        <WorkCard key={w.id} c={props.c} w={w} eager={i < (props.eagerFirst ?? 0)} />
      ))}
      {props.next ? <MoreItem c={props.c} next={props.next} class="col-span-full text-center pt-2" /> : null}
    </>
  );
}

export interface WorkResultsProps {
  c: ViewCtx;
  filters: WorkFilters;
  categories: CategoryIndex;
  items: WorkCardData[];
  nextCursor: string | null;
  total?: { n: number; capped: boolean; estimated: boolean };
  /** The display name of the freelancer the list is filtered to. */
  ownerName?: string;
}

/** The part of the page a filter change replaces (htmx asks for this alone). */
export function WorkResults(props: WorkResultsProps & { withTitle?: boolean }) {
  const { c, filters, items } = props;
  const next = props.nextCursor ? worksHref(c, { ...filters, cursor: props.nextCursor }) : null;
  const h =
    filters.owner && !filters.q
      ? c.t('works.owner_heading', { name: props.ownerName ?? filters.owner })
      : filters.skill && !filters.q
        ? c.t('works.skill_heading', { skill: filters.skill })
        : resultsHeading(c, props.categories, filters, c.t('works.all'));
  return (
    <>
      {props.withTitle ? <FragmentTitle c={c} heading={h} /> : null}
      <ResultsSection
        c={c}
        id="results"
        class="mt-4 transition-opacity [&.htmx-request]:opacity-50"
        heading={h}
        // A walk that spent its budget before finding a page (platform/search) may answer none yet, with a way on.
        empty={items.length === 0 && next === null}
        emptyText={c.t('works.empty')}
        emptyTestId="works-empty"
        listClass={WORK_GRID}
        firstPage={filters.cursor ? worksHref(c, { ...filters, cursor: '' }) : null}
        count={
          props.total
            ? props.total.estimated
              ? c.t('works.found_about', { count: props.total.n })
              : props.total.capped
                ? c.t('works.found_more', { count: props.total.n })
                : plural(c.locale, 'works.found', props.total.n)
            : undefined
        }
      >
        <WorkItems c={c} items={items} next={next} eagerFirst={filters.cursor ? 0 : 2} />
      </ResultsSection>
    </>
  );
}

/** The works page: a search box and filters (a GET form: works and shares without JavaScript) and results. */
export function WorksPage(props: WorkResultsProps) {
  const { c, filters, categories } = props;
  const active = [filters.category, filters.skill, filters.owner].filter(Boolean).length + (filters.sort === 'best' ? 0 : 1);
  return (
    <Layout c={c} title={c.t('works.title')} description={c.t('works.description')}>
      <HtmxHead />
      <ListingTitle title={c.t('works.title')} action={{ href: c.href('/works/new'), label: c.t('works.add'), testId: 'new-work' }} />
      <ListingForm
        c={c}
        name="works"
        idPrefix="w"
        action={c.href('/works')}
        q={filters.q}
        searchLabel={c.t('works.search_label')}
        searchPlaceholder={c.t('works.search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2 md:grid-cols-3"
      >
        {filters.owner ? <input type="hidden" name="owner" value={filters.owner} /> : null}
        <FilterSelect
          idPrefix="w"
          name="category"
          label={c.t('browse.category')}
          value={filters.category}
          options={categoryOptions(c, categories.tree)}
          class="col-span-2 md:col-span-1"
        />
        <div>
          <label for="w-skill" class="text-sm block mb-1">
            {c.t('works.skill')}
          </label>
          <input id="w-skill" name="skill" value={filters.skill} maxLength={SKILL_MAX_CHARS} dir="auto" class="input input-sm w-full" />
        </div>
        <FilterSelect
          idPrefix="w"
          name="sort"
          label={c.t('browse.sort')}
          value={filters.sort}
          options={WORK_SORTS.map((s): [string, string] => [s, c.t(`works.sort.${s}`)])}
        />
      </ListingForm>
      <WorkResults {...props} />
    </Layout>
  );
}
