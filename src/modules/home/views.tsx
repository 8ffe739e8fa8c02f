import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatNumber, plural } from '../../platform/i18n/index.ts';
import { type CategoryIndex, categoryName } from '../../web/categories.tsx';
import { UserAvatar } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PublicView } from '../accounts/index.ts';
import { ServiceCards, type ServiceHit, type TopSeller } from '../catalog/index.ts';
import { ProjectCard, type ProjectCardData } from '../projects/index.ts';

/** What the marketplace part of the home page shows (home.tsx reads it). */
export interface HomeData {
  categories: CategoryIndex;
  /** Published services per category id. */
  counts: Map<number, number>;
  popular: ServiceHit[];
  newest: ServiceHit[];
  /** Public cards of the sellers, freelancers and owners shown. */
  people: Map<number, PublicView>;
  top: { view: PublicView; stats: TopSeller }[];
  projects: ProjectCardData[];
  projectsTotal: { n: number; capped: boolean };
  now: Date;
}

/** A section with its heading and a "see all" link. */
export function HomeSection(props: {
  c: ViewCtx;
  id: string;
  title: string;
  all?: { href: string; label: string };
  children: ComponentChildren;
}) {
  return (
    <section class="mt-8" aria-labelledby={`${props.id}-h`} data-testid={`home-${props.id}`}>
      <div class="flex flex-wrap items-baseline justify-between gap-x-3 mb-3">
        <h2 id={`${props.id}-h`} class="text-xl font-bold">
          {props.title}
        </h2>
        {props.all ? (
          <a class="link link-primary text-sm" href={props.all.href}>
            {props.all.label}
          </a>
        ) : null}
      </div>
      {props.children}
    </section>
  );
}

/** The big search box: a GET form to the services list (works without JavaScript). */
export function HomeSearch(props: { c: ViewCtx }) {
  const { c } = props;
  return (
    <search>
      <form method="get" action={c.href('/services')} class="join w-full max-w-xl" data-testid="home-search">
        <label for="home-q" class="sr-only">
          {c.t('home.search_label')}
        </label>
        <input
          id="home-q"
          type="search"
          name="q"
          maxLength={200}
          autocomplete="off"
          placeholder={c.t('home.search_placeholder')}
          class="input join-item w-full"
        />
        <button type="submit" class="btn btn-primary join-item">
          {c.t('search.submit')}
        </button>
      </form>
    </search>
  );
}

/** The top categories with how many published services each holds (its subcategories' sum). */
export function CategoriesSection(props: { c: ViewCtx; data: HomeData }) {
  const { c, data } = props;
  return (
    <HomeSection c={c} id="categories" title={c.t('home.categories')} all={{ href: c.href('/services'), label: c.t('home.all_services') }}>
      <ul class="grid gap-2 grid-cols-2 md:grid-cols-4">
        {data.categories.tree.map((top) => {
          const n = top.children.reduce((sum, s) => sum + (data.counts.get(s.id) ?? 0), data.counts.get(top.id) ?? 0);
          return (
            <li key={top.id}>
              <a
                href={c.href(`/services?category=${encodeURIComponent(top.slug)}`)}
                class="card bg-base-100 shadow-sm h-full hover:bg-base-300 transition-colors"
                data-testid={`category-${top.slug}`}
              >
                <span class="card-body p-3 gap-1">
                  <span class="font-bold leading-snug break-words">{categoryName(c, top)}</span>
                  <span class="text-sm" data-testid="category-count">
                    {plural(c.locale, 'home.services_count', n)}
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </HomeSection>
  );
}

function ServicesSection(props: {
  c: ViewCtx;
  id: string;
  title: string;
  sort: string;
  hits: ServiceHit[];
  people: Map<number, PublicView>;
}) {
  const { c } = props;
  if (props.hits.length === 0) return null;
  return (
    <HomeSection c={c} id={props.id} title={props.title} all={{ href: c.href(`/services?sort=${props.sort}`), label: c.t('home.see_all') }}>
      <ServiceCards c={c} hits={props.hits} sellers={props.people} testId={`${props.id}-list`} />
    </HomeSection>
  );
}

function FreelancersSection(props: { c: ViewCtx; data: HomeData }) {
  const { c, data } = props;
  if (data.top.length === 0) return null;
  return (
    <HomeSection
      c={c}
      id="freelancers"
      title={c.t('home.top_freelancers')}
      all={{ href: c.href('/freelancers'), label: c.t('home.see_all') }}
    >
      <ul class="grid gap-3 grid-cols-1 sm:grid-cols-2 lg:grid-cols-3 max-sm:[&>li:nth-child(n+5)]:hidden">
        {data.top.map(({ view, stats }) => (
          <li key={view.id} class="card bg-base-100 shadow-sm relative" data-testid={`freelancer-${view.username}`}>
            <div class="card-body p-3 flex-row items-center gap-3 min-w-0">
              <UserAvatar name={view.displayName} url={view.avatarUrl} size="md" />
              <div class="min-w-0">
                <p class="font-bold truncate">
                  <a href={c.href(`/u/${view.username}`)} class="link link-hover after:absolute after:inset-0" dir="auto">
                    {view.displayName}
                  </a>
                </p>
                <p class="text-sm flex flex-wrap gap-x-2">
                  <span class="badge badge-ghost badge-sm">{c.t(`level.${view.sellerLevel}`)}</span>
                  <span>{plural(c.locale, 'home.orders_done', stats.orders)}</span>
                  {stats.ratingCount > 0 ? (
                    <span>
                      <span aria-hidden="true">★ </span>
                      <span class="sr-only">{c.t('home.rating')}: </span>
                      {formatNumber(c.locale, Math.round((stats.ratingSum / stats.ratingCount) * 10) / 10)}
                    </span>
                  ) : null}
                </p>
                {view.skills.length ? (
                  <p class="text-sm truncate opacity-80" dir="auto">
                    {view.skills.slice(0, 3).join('، ')}
                  </p>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </HomeSection>
  );
}

function ProjectsSection(props: { c: ViewCtx; data: HomeData }) {
  const { c, data } = props;
  return (
    <HomeSection
      c={c}
      id="projects"
      title={c.t('home.open_projects')}
      all={
        data.projects.length ? { href: c.href('/projects'), label: plural(c.locale, 'home.all_projects', data.projectsTotal.n) } : undefined
      }
    >
      {data.projects.length ? (
        <ul class="grid gap-3" data-testid="projects-list">
          {data.projects.map((p) => (
            <ProjectCard key={p.id} c={c} p={p} now={data.now} />
          ))}
        </ul>
      ) : (
        <p class="text-sm">{c.t('home.no_projects')}</p>
      )}
      <p class="mt-3">
        <a class="btn btn-sm btn-outline" href={c.href('/projects/new')}>
          {c.t('home.post_project')}
        </a>
      </p>
    </HomeSection>
  );
}

/** The marketplace sections, shared by the visitor's page and below the dashboard. */
export function MarketplaceSections(props: { c: ViewCtx; data: HomeData; categories?: boolean }) {
  const { c, data } = props;
  return (
    <>
      {props.categories === false ? null : <CategoriesSection c={c} data={data} />}
      <ServicesSection c={c} id="popular" title={c.t('home.popular')} sort="sales" hits={data.popular} people={data.people} />
      <ProjectsSection c={c} data={data} />
      <FreelancersSection c={c} data={data} />
      <ServicesSection c={c} id="newest" title={c.t('home.newest')} sort="newest" hits={data.newest} people={data.people} />
    </>
  );
}

/** The home page for a visitor: a marketplace, with how Kafiil keeps the money safe in one line. */
export function HomePage(props: { c: ViewCtx; data: HomeData }) {
  const { c, data } = props;
  const steps = ['home.step1', 'home.step2', 'home.step3', 'home.step4'];
  return (
    <Layout c={c} title={c.t('home.title')} description={c.t('home.lead')}>
      <section class="bg-base-100 rounded-box shadow-sm p-4 md:p-8" data-testid="home-hero">
        <h1 class="text-2xl md:text-3xl font-bold">{c.t('home.title')}</h1>
        <p class="py-3">{c.t('home.lead')}</p>
        <HomeSearch c={c} />
        <div class="flex flex-wrap gap-2 mt-4">
          <a class="btn btn-primary btn-sm" href={c.href('/signup')}>
            {c.t('home.cta_signup')}
          </a>
          <a class="btn btn-outline btn-sm" href={c.href('/projects/new')}>
            {c.t('home.post_project')}
          </a>
        </div>
      </section>
      <MarketplaceSections c={c} data={data} />
      <HomeSection c={c} id="how" title={c.t('home.how_title')}>
        <ol class="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {steps.map((s, i) => (
            <li key={s} class="card bg-base-100 shadow-sm">
              <div class="card-body p-4 flex-row gap-3">
                <span class="badge badge-primary rounded-full w-8 h-8 text-base shrink-0">{i + 1}</span>
                <p>{c.t(s)}</p>
              </div>
            </li>
          ))}
        </ol>
        <p class="mt-4">
          <a class="link link-primary" href={c.href('/how-kafiil-guarantees-your-rights')}>
            {c.t('footer.guarantee')}
          </a>
        </p>
      </HomeSection>
    </Layout>
  );
}
