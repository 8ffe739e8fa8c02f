import { listingHref } from '../../../platform/http/listing.ts';
import type { ViewCtx } from '../../../platform/http/pages.ts';
import { countryName } from '../../../platform/i18n/countries.ts';
import { formatMoney } from '../../../platform/i18n/index.ts';
import { Username } from '../../../web/components/bidi.tsx';
import { CountryInput } from '../../../web/components/country-field.tsx';
import { VerifiedBadge } from '../../../web/components/verified-badge.tsx';
import { Avatar, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { FilterSelect, FragmentTitle, HtmxHead, ListingForm, MoreItem, ResultsSection } from '../../../web/listing.tsx';
import { FREELANCER_SORTS, type FreelancerCard, type FreelancerSort, SELLER_LEVELS } from '../service.ts';
import { countryOf, OnlineDot, RatingLine } from './person-bits.tsx';

/** What the directory's form holds, as the URL carries it. */
export interface FreelancerFilters {
  q: string;
  /** '1': only people online now. */
  online: string;
  /** '1': only verified identities. */
  verified: string;
  minRating: string;
  level: string;
  skill: string;
  /** As typed (a name in either language, or the code): resolved to the code when searching. */
  country: string;
  sort: FreelancerSort;
  cursor: string;
}
export const FREELANCER_FILTER_KEYS = ['q', 'online', 'verified', 'minRating', 'level', 'skill', 'country', 'sort'] as const;
export const MIN_RATING_CHOICES = ['4.5', '4', '3'];

/** `/freelancers?…` with the filters that are set (defaults and empty ones left out), in the page's language. */
export function freelancersHref(c: ViewCtx, f: Partial<FreelancerFilters>): string {
  return listingHref<FreelancerFilters>(c, '/freelancers', FREELANCER_FILTER_KEYS, 'rating', f);
}

/** A card: the person, whether they are online now, and the lowest price of their live services (null: none). */
export type DirectoryCardData = FreelancerCard & { startingPriceCents: number | null };

/** One freelancer as a buyer compares them: who, how trusted (level, verified, rating, jobs), where, from how much. */
export function FreelancerCardView(props: { c: ViewCtx; u: DirectoryCardData }) {
  const { c, u } = props;
  return (
    <li class="card bg-base-100 shadow-sm relative min-w-0" data-testid={`freelancer-${u.username}`}>
      <div class="card-body p-4 gap-2 min-w-0">
        <div class="flex items-center gap-3 min-w-0">
          <div class="relative shrink-0">
            <Avatar name={u.displayName} url={u.avatarUrl} />
            <OnlineDot c={c} online={u.online} />
          </div>
          <div class="min-w-0">
            <h3 class="font-bold flex items-center gap-2 min-w-0">
              <a
                href={c.href(`/u/${u.username}`)}
                class="link link-hover truncate after:absolute after:inset-0"
                dir="auto"
                data-testid="card-name"
              >
                {u.displayName}
              </a>
              <VerifiedBadge c={c} verified={u.verified} />
            </h3>
            <p class="text-sm opacity-70 truncate">
              <Username username={u.username} />
            </p>
          </div>
        </div>
        <ul class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <li>
            <span class="badge badge-outline badge-sm" data-testid="card-level">
              {c.t(`level.${u.sellerLevel}`)}
            </span>
          </li>
          {u.country ? <li data-testid="card-country">{countryOf(c, u.country)}</li> : null}
          <li>
            <RatingLine c={c} rating={u.rating} count={u.reviewsCount} testId="card-rating" />
          </li>
          {u.completedJobs > 0 ? <li data-testid="card-jobs">{c.t('people.jobs', { n: u.completedJobs })}</li> : null}
          {u.startingPriceCents !== null ? (
            <li class="font-bold text-primary" data-testid="card-price">
              {c.t('people.from_price', { price: formatMoney(c.locale, u.startingPriceCents) })}
            </li>
          ) : null}
        </ul>
        {u.skills.length ? (
          <ul class="flex flex-wrap gap-1" aria-label={c.t('people.skills')}>
            {u.skills.slice(0, 4).map((s) => (
              <li key={s}>
                <a class="badge badge-ghost badge-sm relative z-[1]" href={freelancersHref(c, { skill: s })} dir="auto">
                  {s}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {/* SLOT(favorite-heart): the favourites module's heart for this freelancer (kind "user", id u.id). */}
      </div>
    </li>
  );
}

/** The cards of one page plus the link to the next: what "show more" appends. */
export function DirectoryItems(props: { c: ViewCtx; items: DirectoryCardData[]; next: string | null }) {
  return (
    <>
      {props.items.map((u) => (
        <FreelancerCardView key={u.id} c={props.c} u={u} />
      ))}
      {props.next ? <MoreItem c={props.c} next={props.next} class="text-center pt-2 sm:col-span-2 lg:col-span-3" /> : null}
    </>
  );
}

export interface DirectoryProps {
  c: ViewCtx;
  filters: FreelancerFilters;
  items: DirectoryCardData[];
  nextCursor: string | null;
  /** The typed country names none (the list is not searched). */
  countryError?: string;
}

function heading(c: ViewCtx, f: FreelancerFilters): string {
  if (f.q) return c.t('people.results_for', { q: f.q });
  if (f.skill) return c.t('people.skill_heading', { skill: f.skill });
  return c.t('people.all');
}

/** The part of the page a filter change replaces (htmx asks for this alone). */
export function DirectoryResults(props: DirectoryProps & { withTitle?: boolean }) {
  const { c, filters } = props;
  const next = props.nextCursor ? freelancersHref(c, { ...filters, cursor: props.nextCursor }) : null;
  const h = heading(c, filters);
  return (
    <>
      {props.withTitle ? <FragmentTitle c={c} heading={h} /> : null}
      <ResultsSection
        c={c}
        id="results"
        class="mt-4 transition-opacity [&.htmx-request]:opacity-50"
        heading={h}
        empty={props.items.length === 0}
        emptyText={props.countryError ? c.t(props.countryError) : c.t('people.empty')}
        emptyTestId="directory-empty"
        listClass="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        firstPage={filters.cursor ? freelancersHref(c, { ...filters, cursor: '' }) : null}
      >
        <DirectoryItems c={c} items={props.items} next={next} />
      </ResultsSection>
    </>
  );
}

/** The freelancers directory: a search box and filters (a GET form: works without JavaScript) and the cards. */
export function DirectoryPage(props: DirectoryProps) {
  const { c, filters: f } = props;
  const active = [f.online, f.verified, f.minRating, f.level, f.skill, f.country].filter(Boolean).length + (f.sort === 'rating' ? 0 : 1);
  const countryShown = /^[A-Za-z]{2}$/.test(f.country) ? countryName(c.locale, f.country.toUpperCase()) : f.country;
  return (
    <Layout c={c} title={c.t('nav.freelancers')} description={c.t('directory.description')}>
      <HtmxHead />
      <PageTitle>{c.t('nav.freelancers')}</PageTitle>
      <ListingForm
        c={c}
        name="directory"
        idPrefix="f"
        action={c.href('/freelancers')}
        q={f.q}
        searchLabel={c.t('people.search_label')}
        searchPlaceholder={c.t('people.search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2 md:grid-cols-3 lg:grid-cols-6"
      >
        <FilterSelect
          idPrefix="f"
          name="level"
          label={c.t('people.level')}
          value={f.level}
          options={[['', c.t('people.any_level')], ...SELLER_LEVELS.map((l): [string, string] => [l, c.t(`level.${l}`)])]}
        />
        <FilterSelect
          idPrefix="f"
          name="minRating"
          label={c.t('people.min_rating')}
          value={f.minRating}
          options={[
            ['', c.t('people.any_rating')],
            ...MIN_RATING_CHOICES.map((r): [string, string] => [r, c.t('people.rating_at_least', { rating: r })]),
          ]}
        />
        <div>
          <label for="f-skill" class="text-sm block mb-1">
            {c.t('people.skill')}
          </label>
          <input id="f-skill" name="skill" value={f.skill} maxLength={30} dir="auto" class="input input-sm w-full" />
        </div>
        <div>
          <label class="text-sm block mb-1" for="f-country">
            {c.t('people.country')}
          </label>
          <CountryInput
            c={c}
            name="country"
            id="f-country"
            value={countryShown}
            invalid={Boolean(props.countryError)}
            describedBy={props.countryError ? 'f-country-err' : undefined}
            class="input-sm"
          />
          {props.countryError ? (
            <p id="f-country-err" class="text-error text-sm" data-testid="error-country">
              {c.t(props.countryError)}
            </p>
          ) : null}
        </div>
        <FilterSelect
          idPrefix="f"
          name="sort"
          label={c.t('people.sort')}
          value={f.sort}
          options={FREELANCER_SORTS.map((s): [string, string] => [s, c.t(`people.sort.${s}`)])}
        />
        <div class="flex flex-col gap-1 self-end pb-1">
          <label class="label gap-2 text-sm">
            <input type="checkbox" class="checkbox checkbox-sm" name="online" value="1" checked={f.online === '1'} />
            {c.t('people.online_only')}
          </label>
          <label class="label gap-2 text-sm">
            <input type="checkbox" class="checkbox checkbox-sm" name="verified" value="1" checked={f.verified === '1'} />
            {c.t('people.verified_only')}
          </label>
        </div>
      </ListingForm>
      <DirectoryResults {...props} />
    </Layout>
  );
}
