import { listingHref } from '../../platform/http/listing.ts';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatMoneyRange, plural, timeAgo } from '../../platform/i18n/index.ts';
import { type CategoryIndex, categoryOptions, resultsHeading } from '../../web/categories.tsx';
import { MoneyRange } from '../../web/components/bidi.tsx';
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
import { BUDGET_RANGES } from './rules.ts';
import { POSTED_WITHIN, PROJECT_SORTS, type ProjectSort } from './search.ts';

/** "$25–50", "$1,000–2,500": a budget range as the site writes it (isolated, left to right in both languages). */
export function budgetText(c: ViewCtx, minCents: number, maxCents: number): string {
  return formatMoneyRange(c.locale, minCents, maxCents);
}

export function Budget(props: { c: ViewCtx; min: number; max: number; testId?: string; class?: string }) {
  return <MoneyRange c={props.c} min={props.min} max={props.max} class={props.class} testId={props.testId} />;
}

/** The budget ranges as `<option>`s, valued "min-max" in cents. */
export function budgetOptions(c: ViewCtx): [string, string][] {
  return BUDGET_RANGES.map(([a, b]): [string, string] => [`${a}-${b}`, budgetText(c, a, b)]);
}

/** What the list's form holds, as the URL carries it (budget in whole dollars). */
export interface ProjectFilters {
  q: string;
  category: string;
  min: string;
  max: string;
  skill: string;
  posted: string;
  sort: ProjectSort;
  cursor: string;
}
export const PROJECT_FILTER_KEYS = ['q', 'category', 'min', 'max', 'skill', 'posted', 'sort'] as const;

/** `/projects?…` with the filters that are set (defaults and empty ones left out), in the page's language. */
export function projectsHref(c: ViewCtx, f: Partial<ProjectFilters>): string {
  return listingHref<ProjectFilters>(c, '/projects', PROJECT_FILTER_KEYS, 'newest', f);
}

/** One open project as a card in the list. */
export interface ProjectCardData {
  id: number;
  title: string;
  budgetMinCents: number;
  budgetMaxCents: number;
  expectedDays: number;
  bidsCount: number;
  publishedAt: Date | null;
  skills: string[];
  owner: { username: string; displayName: string } | null;
}

export function ProjectCard(props: { c: ViewCtx; p: ProjectCardData; now: Date }) {
  const { c, p } = props;
  return (
    <li class="card bg-base-100 shadow-sm relative" data-testid={`project-${p.id}`}>
      <div class="card-body p-4 gap-2 min-w-0">
        <div class="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <h3 class="font-bold leading-snug break-words min-w-0" dir="auto">
            <a href={c.href(`/projects/${p.id}`)} class="link link-hover after:absolute after:inset-0" data-testid="card-title">
              {p.title}
            </a>
          </h3>
          <span class="font-bold text-primary shrink-0">
            <span class="sr-only">{c.t('projects.budget')}: </span>
            <Budget c={c} min={p.budgetMinCents} max={p.budgetMaxCents} testId="card-budget" />
          </span>
        </div>
        <ul class="flex flex-wrap gap-x-4 gap-y-1 text-sm opacity-80">
          {p.owner ? (
            <li>
              <a href={c.href(`/u/${p.owner.username}`)} class="link link-hover relative z-[1]" dir="auto" data-testid="card-owner">
                {p.owner.displayName}
              </a>
            </li>
          ) : null}
          {p.publishedAt ? (
            <li>
              <time datetime={p.publishedAt.toISOString()}>{timeAgo(c, p.publishedAt, props.now)}</time>
            </li>
          ) : null}
          <li data-testid="card-days">{plural(c.locale, 'projects.days', p.expectedDays)}</li>
          <li data-testid="card-bids">{plural(c.locale, 'projects.bids', p.bidsCount)}</li>
        </ul>
        {p.skills.length ? (
          <ul class="flex flex-wrap gap-1" aria-label={c.t('projects.skills')}>
            {p.skills.map((k) => (
              <li key={k}>
                <a class="badge badge-outline badge-sm relative z-[1]" href={projectsHref(c, { skill: k })} dir="auto">
                  {k}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** The cards of one page plus the link to the next: what "show more" appends. */
export function ProjectItems(props: { c: ViewCtx; items: ProjectCardData[]; next: string | null; now: Date }) {
  return (
    <>
      {props.items.map((p) => (
        <ProjectCard key={p.id} c={props.c} p={p} now={props.now} />
      ))}
      {props.next ? <MoreItem c={props.c} next={props.next} /> : null}
    </>
  );
}

export interface ProjectResultsProps {
  c: ViewCtx;
  filters: ProjectFilters;
  categories: CategoryIndex;
  items: ProjectCardData[];
  nextCursor: string | null;
  now: Date;
  /** How many the search found (search.ts: exact up to 1000, then "more than"). */
  total?: { n: number; capped: boolean; estimated: boolean };
}

/** The part of the page a filter change replaces (htmx asks for this alone). */
export function ProjectResults(props: ProjectResultsProps & { withTitle?: boolean }) {
  const { c, filters, items } = props;
  const next = props.nextCursor ? projectsHref(c, { ...filters, cursor: props.nextCursor }) : null;
  const h = resultsHeading(c, props.categories, filters, c.t('projects.all'));
  return (
    <>
      {props.withTitle ? <FragmentTitle c={c} heading={h} /> : null}
      <ResultsSection
        c={c}
        id="results"
        class="mt-4 transition-opacity [&.htmx-request]:opacity-50"
        heading={h}
        empty={items.length === 0}
        emptyText={c.t('projects.empty')}
        emptyTestId="projects-empty"
        listClass="grid gap-3"
        firstPage={filters.cursor ? projectsHref(c, { ...filters, cursor: '' }) : null}
        count={
          props.total
            ? props.total.estimated
              ? c.t('projects.found_about', { count: props.total.n })
              : props.total.capped
                ? c.t('projects.found_more', { count: props.total.n })
                : plural(c.locale, 'projects.found', props.total.n)
            : undefined
        }
      >
        <ProjectItems c={c} items={items} next={next} now={props.now} />
      </ResultsSection>
    </>
  );
}

/** The projects page: a search box and filters (a GET form: works and shares without JavaScript) and results. */
export function ProjectsPage(props: ProjectResultsProps) {
  const { c, filters, categories } = props;
  const active =
    [filters.category, filters.min, filters.max, filters.skill, filters.posted].filter(Boolean).length +
    (filters.sort === 'newest' ? 0 : 1);
  return (
    <Layout c={c} title={c.t('projects.title')} description={c.t('projects.description')}>
      <HtmxHead />
      <ListingTitle
        title={c.t('projects.title')}
        action={{ href: c.href('/projects/new'), label: c.t('projects.post'), testId: 'post-project' }}
      />
      <ListingForm
        c={c}
        name="projects"
        idPrefix="p"
        action={c.href('/projects')}
        q={filters.q}
        searchLabel={c.t('projects.search_label')}
        searchPlaceholder={c.t('projects.search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2 md:grid-cols-3 lg:grid-cols-6"
      >
        <FilterSelect
          idPrefix="p"
          name="category"
          label={c.t('browse.category')}
          value={filters.category}
          options={categoryOptions(c, categories.tree)}
          class="col-span-2 md:col-span-1"
        />
        <FilterNumber idPrefix="p" name="min" label={c.t('projects.budget_min')} value={filters.min} />
        <FilterNumber idPrefix="p" name="max" label={c.t('projects.budget_max')} value={filters.max} />
        <div>
          <label for="p-skill" class="text-sm block mb-1">
            {c.t('projects.skill')}
          </label>
          <input id="p-skill" name="skill" value={filters.skill} maxLength={30} dir="auto" class="input input-sm w-full" />
        </div>
        <FilterSelect
          idPrefix="p"
          name="posted"
          label={c.t('projects.posted')}
          value={filters.posted}
          options={[
            ['', c.t('projects.posted_any')],
            ...POSTED_WITHIN.map((d): [string, string] => [String(d), plural(c.locale, 'projects.posted_within', d)]),
          ]}
        />
        <FilterSelect
          idPrefix="p"
          name="sort"
          label={c.t('browse.sort')}
          value={filters.sort}
          options={PROJECT_SORTS.map((s): [string, string] => [s, c.t(`projects.sort.${s}`)])}
        />
      </ListingForm>
      <ProjectResults {...props} />
    </Layout>
  );
}
