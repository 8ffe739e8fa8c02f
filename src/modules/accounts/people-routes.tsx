import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { isHtmxRequest, queryOne as one, sendFragment, untidyQuery } from '../../platform/http/listing.ts';
import { page, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { resolveCountry } from '../../platform/i18n/countries.ts';
import { CURSOR_PATTERN } from '../../platform/search/index.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import { SellerServicesSection } from '../catalog/index.ts';
import { FavoriteButton } from '../favorites/index.ts';
import { FREELANCER_SORTS, type FreelancerCard, type FreelancerSort, publicView, SELLER_LEVELS } from './service.ts';
import {
  type DirectoryCardData,
  DirectoryItems,
  DirectoryPage,
  type DirectoryProps,
  DirectoryResults,
  FREELANCER_FILTER_KEYS,
  type FreelancerFilters,
  freelancersHref,
  MIN_RATING_CHOICES,
} from './views/directory.tsx';
import { ProfilePage, ProfileReviews } from './views/profile.tsx';

const PAGE_SIZE = 24;

/** The directory's filters from a URL: anything malformed is dropped (never an error page). */
export function readFreelancerFilters(query: Record<string, unknown>): FreelancerFilters {
  // A yes/no filter: the form sends 1; a link written by hand may say true, yes or on (the API's booleans).
  const flag = (k: string) => (['1', 'true', 'yes', 'on'].includes(one(query[k]).toLowerCase()) ? '1' : '');
  const sort = one(query.sort);
  const level = one(query.level);
  const minRating = one(query.minRating);
  const cursor = one(query.cursor).trim();
  return {
    q: one(query.q).replace(/\s+/g, ' ').trim().slice(0, 100),
    online: flag('online'),
    verified: flag('verified'),
    minRating: MIN_RATING_CHOICES.includes(minRating) ? minRating : '',
    level: (SELLER_LEVELS as readonly string[]).includes(level) ? level : '',
    skill: one(query.skill).replace(/\s+/g, ' ').trim().slice(0, 30),
    country: one(query.country).replace(/\s+/g, ' ').trim().slice(0, 60),
    sort: (FREELANCER_SORTS as readonly string[]).includes(sort) ? (sort as FreelancerSort) : 'rating',
    cursor: CURSOR_PATTERN.test(cursor) ? cursor : '',
  };
}

/** The people pages: the freelancers directory and a person's public profile. */
export function peoplePages(app: FastifyInstance, services: Services, clock: () => Date): void {
  const { accounts, catalog, orders } = services;
  const anonymousPages = ttlCache<string>(15_000, 500);

  /** The cards of a page: each with the lowest price of the person's live services (one read for the page). */
  const withPrices = async (items: FreelancerCard[]): Promise<DirectoryCardData[]> => {
    const prices = await catalog.startingPrices(items.map((u) => u.id));
    return items.map((u) => ({ ...u, startingPriceCents: prices.get(u.id) ?? null }));
  };

  /** A tampered cursor starts from the first page. */
  async function search(f: FreelancerFilters, country: string | undefined) {
    const query = () =>
      accounts.freelancers({
        q: f.q || undefined,
        online: f.online === '1',
        verified: f.verified === '1',
        minRating: f.minRating ? Number(f.minRating) : undefined,
        level: f.level || undefined,
        skill: f.skill || undefined,
        country,
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: f.cursor || undefined,
      });
    try {
      return await query();
    } catch (err) {
      if (!(err instanceof AppError) || !f.cursor) throw err;
      f.cursor = '';
      return query();
    }
  }

  page(app, 'GET', '/freelancers', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const f = readFreelancerFilters(query);
    const hx = isHtmxRequest(req);
    const c = viewCtx(req);
    if (!hx && untidyQuery(query, f, FREELANCER_FILTER_KEYS, 'rating')) return redirect(reply, freelancersHref(c, f), 302);
    reply.header('vary', 'HX-Request');
    // The country is typed or picked by name in either language, or given as its code: searched by the code.
    const country = resolveCountry(f.country);
    // Visitors who are not signed in all get the same page for an address: kept 15 s (as the projects list does), so
    // popular lists cost one render; a card's online dot may be that old, the "online now" filter never is.
    if (!hx && !req.user && !c.flash && country !== null && !f.online) {
      const html = await anonymousPages.get(`${c.locale}:${req.url}`, async () => {
        const r = await search(f, country);
        const page = <DirectoryPage c={c} filters={f} items={await withPrices(r.items)} nextCursor={r.nextCursor} />;
        return `<!doctype html>${renderToString(page)}`;
      });
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    }
    let props: DirectoryProps;
    if (country === null) {
      props = { c, filters: f, items: [], nextCursor: null, countryError: 'account.country_invalid' };
      reply.status(400);
    } else {
      const r = await search(f, country);
      props = { c, filters: f, items: await withPrices(r.items), nextCursor: r.nextCursor };
    }
    if (!hx) return sendHtml(reply, <DirectoryPage {...props} />, country === null ? 400 : 200);
    if (req.headers['hx-target'] === 'more') {
      const next = props.nextCursor ? freelancersHref(c, { ...f, cursor: props.nextCursor }) : null;
      return sendFragment(reply, <DirectoryItems c={c} items={props.items} next={next} />);
    }
    reply.header('hx-push-url', freelancersHref(c, { ...f, cursor: '' }));
    return sendFragment(reply, <DirectoryResults {...props} withTitle />);
  });

  // The profile: one read for the person, then the rest at once (services and their totals are kept 15 s).
  page(app, 'GET', '/u/:username', async (req, reply) => {
    const u = await accounts.byUsername((req.params as { username: string }).username);
    if (!u || u.deactivatedAt) throw new AppError('account.not_found');
    const c = viewCtx(req);
    const [hits, stats, reviews, online, portfolio] = await Promise.all([
      catalog.relatedBySeller(u.id, 0, 12),
      catalog.sellerStats(u.id),
      orders.profileReviews(u.id, 10),
      accounts.onlineIds([u.id]),
      services.worksProfile.section(c, u),
    ]);
    const user = { ...publicView(u), online: online.has(u.id) };
    const seller = { username: u.username, displayName: u.displayName, level: u.sellerLevel };
    return sendHtml(
      reply,
      <ProfilePage
        c={c}
        user={user}
        now={clock()}
        services={<SellerServicesSection c={c} seller={seller} hits={hits} stats={stats} />}
        works={portfolio}
        heart={c.user?.username !== u.username ? <FavoriteButton c={c} kind="user" id={u.id} /> : null}
        reviews={
          <ProfileReviews
            c={c}
            asSeller={reviews.asSeller}
            asBuyer={reviews.asBuyer}
            counts={{ seller: user.reviewsCount, buyer: user.buyerReviewsCount }}
          />
        }
      />,
    );
  });
}
