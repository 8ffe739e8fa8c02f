import { listingHref } from '../../platform/http/listing.ts';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, plural } from '../../platform/i18n/index.ts';
import { type CategoryIndex, categoryOptions, resultsHeading } from '../../web/categories.tsx';
import { Money } from '../../web/components/bidi.tsx';
import { Layout } from '../../web/layout.tsx';
import {
  FilterNumber,
  FilterSelect,
  FragmentTitle,
  HtmxHead,
  ListingForm,
  ListingTitle,
  MoreItem,
  ResultsSection,
} from '../../web/listing.tsx';
import { CONTEST_SORTS, CONTEST_STATUSES, type ContestHit, type ContestListStatus, type ContestSort } from './search.ts';

/** What the list's form holds, as the URL carries it (prizes in whole dollars). */
export interface ContestFilters {
  q: string;
  category: string;
  min: string;
  max: string;
  status: ContestListStatus;
  sort: ContestSort;
  cursor: string;
}
export const CONTEST_FILTER_KEYS = ['q', 'category', 'min', 'max', 'status', 'sort'] as const;

/** `/contests?…` with the filters that are set (defaults and empty ones left out), in the page's language. */
export function contestsHref(c: ViewCtx, f: Partial<ContestFilters>): string {
  const { status, ...rest } = f;
  return listingHref<Omit<ContestFilters, 'status'> & { status: string }>(c, '/contests', CONTEST_FILTER_KEYS, 'newest', {
    ...rest,
    status: status === 'open' ? '' : (status ?? ''),
  });
}

/** "3 days left", "ends today", "ended on …": a contest's deadline as people read it. */
export function deadlineText(c: ViewCtx, endsAt: Date | null, now: Date): string {
  if (!endsAt) return '';
  const ms = endsAt.getTime() - now.getTime();
  if (ms <= 0) return c.t('contests.ended_on', { date: formatDate(c.locale, endsAt) });
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return c.t('contests.days_left', { days });
  return c.t('contests.hours_left', { hours: Math.max(1, Math.floor(ms / 3_600_000)) });
}

export type ContestCardData = ContestHit & { owner: { username: string; displayName: string } | null };

export function ContestCard(props: { c: ViewCtx; k: ContestCardData; now: Date }) {
  const { c, k } = props;
  return (
    <li class="card bg-base-100 shadow-sm relative" data-testid={`contest-${k.id}`}>
      <div class="card-body p-4 gap-2 min-w-0">
        <div class="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <h3 class="font-bold leading-snug break-words min-w-0" dir="auto">
            <a href={c.href(`/contests/${k.id}`)} class="link link-hover after:absolute after:inset-0" data-testid="card-title">
              {k.title}
            </a>
          </h3>
          <span class="font-bold text-primary shrink-0">
            <span class="sr-only">{c.t('contests.prize')}: </span>
            <Money c={c} cents={k.prizeTotalCents} testId="card-prize" />
          </span>
        </div>
        <ul class="flex flex-wrap gap-x-4 gap-y-1 text-sm opacity-80">
          {k.owner ? (
            <li>
              <a href={c.href(`/u/${k.owner.username}`)} class="link link-hover relative z-[1]" dir="auto" data-testid="card-owner">
                {k.owner.displayName}
              </a>
            </li>
          ) : null}
          <li data-testid="card-deadline">{deadlineText(c, k.endsAt, props.now)}</li>
          <li data-testid="card-entries">{plural(c.locale, 'contests.entries', k.entriesCount)}</li>
          <li>{plural(c.locale, 'contests.places', k.prizesCents.length)}</li>
          {k.blind ? <li class="badge badge-ghost badge-sm">{c.t('contests.blind')}</li> : null}
        </ul>
      </div>
    </li>
  );
}

export function ContestItems(props: { c: ViewCtx; items: ContestCardData[]; next: string | null; now: Date }) {
  return (
    <>
      {props.items.map((k) => (
        <ContestCard key={k.id} c={props.c} k={k} now={props.now} />
      ))}
      {props.next ? <MoreItem c={props.c} next={props.next} /> : null}
    </>
  );
}

export interface ContestResultsProps {
  c: ViewCtx;
  filters: ContestFilters;
  categories: CategoryIndex;
  items: ContestCardData[];
  nextCursor: string | null;
  now: Date;
  total?: { n: number; capped: boolean; estimated: boolean };
}

/** The part of the page a filter change replaces (htmx asks for this alone). */
export function ContestResults(props: ContestResultsProps & { withTitle?: boolean }) {
  const { c, filters, items } = props;
  const next = props.nextCursor ? contestsHref(c, { ...filters, cursor: props.nextCursor }) : null;
  const h = resultsHeading(c, props.categories, filters, c.t(`contests.all.${filters.status}`));
  return (
    <>
      {props.withTitle ? <FragmentTitle c={c} heading={h} /> : null}
      <ResultsSection
        c={c}
        id="results"
        class="mt-4 transition-opacity [&.htmx-request]:opacity-50"
        heading={h}
        empty={items.length === 0}
        emptyText={c.t('contests.empty')}
        emptyTestId="contests-empty"
        listClass="grid gap-3"
        firstPage={filters.cursor ? contestsHref(c, { ...filters, cursor: '' }) : null}
        count={
          props.total
            ? props.total.estimated
              ? c.t('contests.found_about', { count: props.total.n })
              : props.total.capped
                ? c.t('contests.found_more', { count: props.total.n })
                : plural(c.locale, 'contests.found', props.total.n)
            : undefined
        }
      >
        <ContestItems c={c} items={items} next={next} now={props.now} />
      </ResultsSection>
    </>
  );
}

/** The contests page: a search box and filters (a GET form: works and shares without JavaScript) and results. */
export function ContestsPage(props: ContestResultsProps) {
  const { c, filters, categories } = props;
  const active =
    [filters.category, filters.min, filters.max].filter(Boolean).length +
    (filters.sort === 'newest' ? 0 : 1) +
    (filters.status === 'open' ? 0 : 1);
  return (
    <Layout c={c} title={c.t('contests.title')} description={c.t('contests.description')}>
      <HtmxHead />
      <ListingTitle
        title={c.t('contests.title')}
        action={{ href: c.href('/contests/new'), label: c.t('contests.start'), testId: 'new-contest' }}
      />
      <ListingForm
        c={c}
        name="contests"
        idPrefix="k"
        action={c.href('/contests')}
        q={filters.q}
        searchLabel={c.t('contests.search_label')}
        searchPlaceholder={c.t('contests.search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2 md:grid-cols-3 lg:grid-cols-5"
      >
        <FilterSelect
          idPrefix="k"
          name="category"
          label={c.t('browse.category')}
          value={filters.category}
          options={categoryOptions(c, categories.tree)}
          class="col-span-2 md:col-span-1"
        />
        <FilterNumber idPrefix="k" name="min" label={c.t('contests.prize_min')} value={filters.min} />
        <FilterNumber idPrefix="k" name="max" label={c.t('contests.prize_max')} value={filters.max} />
        <FilterSelect
          idPrefix="k"
          name="status"
          label={c.t('contests.status')}
          value={filters.status}
          options={CONTEST_STATUSES.map((s): [string, string] => [s, c.t(`contests.status.${s}`)])}
        />
        <FilterSelect
          idPrefix="k"
          name="sort"
          label={c.t('browse.sort')}
          value={filters.sort}
          options={CONTEST_SORTS.map((s): [string, string] => [s, c.t(`contests.sort.${s}`)])}
        />
      </ListingForm>
      <ContestResults {...props} />
    </Layout>
  );
}
