import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatNumber, plural } from '../../platform/i18n/index.ts';
import { Layout } from '../../web/layout.tsx';
import { type CategoryIndex, categoryName } from '../catalog/views/browse.tsx';
import { timeAgo } from '../catalog/views/service-page.tsx';
import { BUDGET_RANGES } from './rules.ts';
import { POSTED_WITHIN, PROJECT_SORTS, type ProjectSort } from './search.ts';

/** "$25–50", "$1,000–2,500": a budget range as the site writes it (left to right in both languages). */
export function budgetText(c: ViewCtx, minCents: number, maxCents: number): string {
  return `$${formatNumber(c.locale, minCents / 100)}–${formatNumber(c.locale, maxCents / 100)}`;
}

export function Budget(props: { c: ViewCtx; min: number; max: number; testId?: string; class?: string }) {
  return (
    <span dir="ltr" class={props.class} data-testid={props.testId}>
      {budgetText(props.c, props.min, props.max)}
    </span>
  );
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
  const p = new URLSearchParams();
  for (const k of PROJECT_FILTER_KEYS) {
    const v = f[k];
    if (v && !(k === 'sort' && v === 'newest')) p.set(k, v);
  }
  if (f.cursor) p.set('cursor', f.cursor);
  const qs = p.toString();
  return c.href(qs ? `/projects?${qs}` : '/projects');
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
      {props.next ? (
        <li id="more" class="text-center pt-2">
          <a class="btn btn-wide" href={props.next} hx-get={props.next} hx-target="#more" hx-swap="outerHTML" data-testid="more">
            {props.c.t('browse.more')}
          </a>
        </li>
      ) : null}
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
}

function heading(props: ProjectResultsProps): string {
  const { c, filters } = props;
  if (filters.q) return c.t('browse.results_for', { q: filters.q });
  const cat = props.categories.bySlug.get(filters.category);
  return cat ? categoryName(c, cat.node) : c.t('projects.all');
}

/** The part of the page a filter change replaces (htmx asks for this alone). */
export function ProjectResults(props: ProjectResultsProps & { withTitle?: boolean }) {
  const { c, filters, items } = props;
  const next = props.nextCursor ? projectsHref(c, { ...filters, cursor: props.nextCursor }) : null;
  const h = heading(props);
  return (
    <>
      {props.withTitle ? <title>{`${h} | ${c.t('site.name')}`}</title> : null}
      <section id="results" aria-labelledby="results-heading" class="mt-4 transition-opacity [&.htmx-request]:opacity-50">
        <h2 id="results-heading" class="text-lg font-bold mb-3 break-words" data-testid="results-heading">
          {h}
        </h2>
        {items.length === 0 ? (
          <p class="alert" data-testid="projects-empty">
            {c.t('projects.empty')}
          </p>
        ) : (
          <ul class="grid gap-3" data-testid="results">
            <ProjectItems c={c} items={items} next={next} now={props.now} />
          </ul>
        )}
        {filters.cursor ? (
          <p class="mt-4 text-center">
            <a class="link" href={projectsHref(c, { ...filters, cursor: '' })} data-testid="first-page">
              {c.t('browse.first_page')}
            </a>
          </p>
        ) : null}
      </section>
    </>
  );
}

function Select(props: { name: string; label: string; value: string; options: [string, string][]; class?: string }) {
  const id = `p-${props.name}`;
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

function NumberInput(props: { name: string; label: string; value: string }) {
  const id = `p-${props.name}`;
  return (
    <div>
      <label for={id} class="text-sm block mb-1">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type="number"
        inputmode="numeric"
        min={0}
        step={1}
        value={props.value}
        class="input input-sm w-full"
      />
    </div>
  );
}

/** The projects page: a search box and filters (a GET form: works and shares without JavaScript) and results. */
export function ProjectsPage(props: ProjectResultsProps & { htmxSrc: string }) {
  const { c, filters, categories } = props;
  const action = c.href('/projects');
  const catOptions: [string, string][] = [['', c.t('browse.any_category')]];
  for (const top of categories.tree) {
    catOptions.push([top.slug, categoryName(c, top)]);
    for (const sub of top.children) catOptions.push([sub.slug, `— ${categoryName(c, sub)}`]);
  }
  const active =
    [filters.category, filters.min, filters.max, filters.skill, filters.posted].filter(Boolean).length +
    (filters.sort === 'newest' ? 0 : 1);
  return (
    <Layout c={c} title={c.t('projects.title')} description={c.t('projects.description')}>
      <script src={props.htmxSrc} defer />
      <meta
        name="htmx-config"
        content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"historyCacheSize":0,"refreshOnHistoryMiss":true}'
      />
      <div class="flex flex-wrap items-center justify-between gap-2 mb-4">
        <h1 class="text-2xl md:text-3xl font-bold">{c.t('projects.title')}</h1>
        <a class="btn btn-primary btn-sm" href={c.href('/projects/new')} data-testid="post-project">
          {c.t('projects.post')}
        </a>
      </div>
      <search>
        <form
          method="get"
          action={action}
          id="projects-form"
          class="card bg-base-100 shadow-sm"
          hx-get={action}
          hx-target="#results"
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-sync="this:replace"
          hx-trigger="change, submit, input changed delay:400ms from:input[name=q]"
          data-testid="projects-form"
        >
          <div class="card-body p-3 md:p-4 gap-3">
            <div>
              <label for="p-q" class="sr-only">
                {c.t('projects.search_label')}
              </label>
              <div class="join w-full">
                <input
                  id="p-q"
                  type="search"
                  name="q"
                  value={filters.q}
                  maxLength={200}
                  autocomplete="off"
                  placeholder={c.t('projects.search_placeholder')}
                  class="input join-item w-full"
                />
                <button type="submit" class="btn btn-primary join-item">
                  {c.t('browse.search_submit')}
                </button>
              </div>
            </div>
            <input type="checkbox" id="p-filters" class="peer sr-only md:hidden" checked={active > 0} aria-controls="p-filter-fields" />
            <label
              for="p-filters"
              class="btn btn-sm btn-outline md:hidden peer-focus-visible:outline-2 peer-focus-visible:outline-primary"
              data-testid="filters-toggle"
            >
              {c.t('browse.filters')}
              {active ? <span class="badge badge-sm badge-primary">{active}</span> : null}
            </label>
            <div id="p-filter-fields" class="hidden peer-checked:block md:block space-y-3">
              <fieldset class="grid grid-cols-2 md:grid-cols-3 lg:grid-cols-6 gap-2 items-end">
                <legend class="sr-only">{c.t('browse.filters')}</legend>
                <Select
                  name="category"
                  label={c.t('browse.category')}
                  value={filters.category}
                  options={catOptions}
                  class="col-span-2 md:col-span-1"
                />
                <NumberInput name="min" label={c.t('projects.budget_min')} value={filters.min} />
                <NumberInput name="max" label={c.t('projects.budget_max')} value={filters.max} />
                <div>
                  <label for="p-skill" class="text-sm block mb-1">
                    {c.t('projects.skill')}
                  </label>
                  <input id="p-skill" name="skill" value={filters.skill} maxLength={30} dir="auto" class="input input-sm w-full" />
                </div>
                <Select
                  name="posted"
                  label={c.t('projects.posted')}
                  value={filters.posted}
                  options={[
                    ['', c.t('projects.posted_any')],
                    ...POSTED_WITHIN.map((d): [string, string] => [String(d), plural(c.locale, 'projects.posted_within', d)]),
                  ]}
                />
                <Select
                  name="sort"
                  label={c.t('browse.sort')}
                  value={filters.sort}
                  options={PROJECT_SORTS.map((s): [string, string] => [s, c.t(`projects.sort.${s}`)])}
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
      <ProjectResults {...props} />
    </Layout>
  );
}
