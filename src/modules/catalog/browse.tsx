import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { imageUrl } from '../../platform/files.ts';
import { IdParams, Problem } from '../../platform/http/api-schemas.ts';
import { dollarsFilter, filterCents, isHtmxRequest, queryOne as one, untidyQuery } from '../../platform/http/listing.ts';
import { page, sendHtml, sendHtmlText, type ViewCtx, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { CURSOR_MAX, CURSOR_PATTERN } from '../../platform/search/index.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import { type CategoryIndex, type CategoryNode, indexCategories } from '../../web/categories.tsx';
import { slugOf } from './rules.ts';
import { SELLER_LEVELS, type SearchQuery, type SearchResult, type SearchSort, type ServiceHit, SORTS } from './search.ts';
import type { ServiceRow } from './service.ts';
import {
  type BrowseFilters,
  BrowsePage,
  BrowseResults,
  browseHref,
  FILTER_KEYS,
  fillSponsored,
  RATING_CHOICES,
  ResultItems,
  type ServiceCardData,
  type SlottedPage,
  slotOffsets,
  slotted,
} from './views/browse.tsx';
import { QUANTITY_MAX, type ReviewCardData, ServicePage } from './views/service-page.tsx';

const PAGE_SIZE = 24;

/** The stable, readable address of a service: `/services/123-logo-design` (locale-free). */
export function servicePath(s: { id: number; title: string }): string {
  return `/services/${s.id}-${encodeURIComponent(slugOf(s.title))}`;
}

const ratingOf = (s: { ratingSum: number; ratingCount: number }) => (s.ratingCount > 0 ? s.ratingSum / s.ratingCount : null);

/** The browse filters from a URL's query: anything malformed is dropped (never an error page). */
export function readFilters(query: Record<string, unknown>): BrowseFilters {
  const pick = (k: string, re: RegExp) => {
    const v = one(query[k]).trim();
    return re.test(v) ? v : '';
  };
  const sort = one(query.sort);
  const level = one(query.level);
  const rating = one(query.rating);
  return {
    q: one(query.q).replace(/\s+/g, ' ').trim().slice(0, 200),
    category: pick('category', /^[a-z0-9-]{1,60}$/),
    min: dollarsFilter(one(query.min)),
    max: dollarsFilter(one(query.max)),
    days: pick('days', /^\d{1,3}$/),
    level: (SELLER_LEVELS as readonly string[]).includes(level) ? level : '',
    rating: RATING_CHOICES.includes(rating) ? rating : '',
    online: one(query.online) === '1' ? '1' : '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as SearchSort) : 'relevance',
    cursor: pick('cursor', CURSOR_PATTERN),
  };
}

function toQuery(f: BrowseFilters, categoryId: number | undefined, limit: number, online?: number[]): SearchQuery {
  return {
    q: f.q || undefined,
    categoryId,
    minPriceCents: filterCents(f.min),
    maxPriceCents: filterCents(f.max),
    maxDays: f.days ? Number(f.days) : undefined,
    sellerLevel: f.level || undefined,
    minRating: f.rating ? Number(f.rating) : undefined,
    sellerIds: f.online ? online : undefined,
    sort: f.sort,
    limit,
    cursor: f.cursor || undefined,
  };
}

const ListItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  priceCents: Type.Integer(),
  deliveryDays: Type.Integer(),
  categoryId: Type.Union([Type.Integer(), Type.Null()]),
  rating: Type.Union([Type.Number(), Type.Null()], { description: 'Average of the reviews (1–5), null before the first' }),
  ratingCount: Type.Integer(),
  ordersCount: Type.Integer(),
  seller: Type.Union([Type.Object({ username: Type.String(), level: Type.String() }), Type.Null()]),
  url: Type.String({ description: 'The service page (Arabic; the English one is under /en)' }),
  imageUrl: Type.Union([Type.String(), Type.Null()], { description: 'Thumbnail of the main image' }),
});

const CategoryRef = Type.Object({ id: Type.Integer(), slug: Type.String(), nameAr: Type.String(), nameEn: Type.String() });

const ServiceDetail = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  title: Type.String(),
  description: Type.String(),
  priceCents: Type.Integer(),
  deliveryDays: Type.Integer(),
  skills: Type.Array(Type.String()),
  addons: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), priceCents: Type.Integer(), extraDays: Type.Integer() })),
  packages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      tier: Type.Union([Type.Literal('basic'), Type.Literal('standard'), Type.Literal('premium')], {
        description: 'What POST /api/v1/orders takes as `package`',
      }),
      title: Type.String(),
      description: Type.String({ description: 'What is included' }),
      priceCents: Type.Integer(),
      deliveryDays: Type.Integer(),
      revisions: Type.Union([Type.Integer(), Type.Null()], { description: 'null: unlimited' }),
    }),
    { description: 'Up to three packages, basic first (empty: the service sells at `priceCents`; with packages that is the basic one’s)' },
  ),
  images: Type.Array(Type.Object({ id: Type.Integer(), url: Type.String(), thumbUrl: Type.String() })),
  category: Type.Union([Type.Object({ ...CategoryRef.properties, parent: Type.Union([CategoryRef, Type.Null()]) }), Type.Null()]),
  seller: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String(), level: Type.String() }), Type.Null()]),
  rating: Type.Union([Type.Number(), Type.Null()]),
  ratingCount: Type.Integer(),
  ordersCount: Type.Integer(),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  url: Type.String(),
});

const ListQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Words to find, in Arabic or English (any text is safe; the first 200 characters count)' }),
  ),
  category: Type.Optional(Type.String({ maxLength: 60, description: 'A category id or slug; a top category includes its subcategories' })),
  minPriceCents: Type.Optional(Type.Integer({ minimum: 0 })),
  maxPriceCents: Type.Optional(Type.Integer({ minimum: 0 })),
  maxDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  level: Type.Optional(Type.Union(SELLER_LEVELS.map((l) => Type.Literal(l)))),
  minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
  sort: Type.Optional(Type.Union(SORTS.map((s) => Type.Literal(s)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: PAGE_SIZE })),
  cursor: Type.Optional(Type.String({ maxLength: CURSOR_MAX })),
});

/** The services browse pages and API. */
export function browseRoutes(app: FastifyInstance, services: Services): void {
  const { catalog, accounts, files } = services;

  // ——— the category tree changes rarely: read it at most every 30 s per instance ———
  let cats: { at: number; index: CategoryIndex } | null = null;
  const categories = async (): Promise<CategoryIndex> => {
    if (!cats || Date.now() - cats.at > 30_000) cats = { at: Date.now(), index: indexCategories(await catalog.categoryTree()) };
    return cats.index;
  };

  // Sellers' public cards (name, level, avatar, last seen) are read by every results page and service page:
  // kept 15 s, so a renamed seller shows under the new name within 15 s.
  type Sellers = Awaited<ReturnType<typeof accounts.publicByIds>>;
  const sellerCards = new Map<number, { at: number; view: Sellers extends Map<number, infer V> ? V : never }>();
  const publicSellers = async (ids: number[]): Promise<Sellers> => {
    const now = Date.now();
    const out: Sellers = new Map();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = sellerCards.get(id);
      if (hit && now - hit.at < 15_000) out.set(id, hit.view);
      else missing.push(id);
    }
    if (missing.length) {
      if (sellerCards.size > 5000) sellerCards.clear();
      for (const [id, view] of await accounts.publicByIds(missing)) {
        sellerCards.set(id, { at: now, view });
        out.set(id, view);
      }
    }
    return out;
  };

  /** Result cards with their sellers' names and levels (one query for all the sellers not in memory). */
  const cards = async (hits: ServiceHit[], known?: Sellers): Promise<ServiceCardData[]> => {
    const missing = hits.map((h) => h.sellerId).filter((id) => !known?.has(id));
    const sellers = missing.length ? new Map([...(known ?? []), ...(await publicSellers(missing))]) : (known ?? new Map());
    return hits.map((h) => {
      const u = sellers.get(h.sellerId);
      return {
        id: h.id,
        title: h.title,
        path: servicePath(h),
        priceCents: h.priceCents,
        imagePublicId: h.imagePublicId,
        rating: ratingOf(h),
        ratingCount: h.ratingCount,
        ordersCount: h.ordersCount,
        seller: u ? { username: u.username, displayName: u.displayName, level: u.sellerLevel } : null,
      };
    });
  };

  // ——— the services page: search, filters, results ———
  page(app, 'GET', '/services', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const f = readFilters(query);
    const hx = isHtmxRequest(req);
    // A form sent without JavaScript carries every field, even empty ones: answer at the tidy address.
    if (!hx && untidyQuery(query, f, FILTER_KEYS, 'relevance')) return redirect(reply, browseHref(viewCtx(req), f), 302);
    const c = viewCtx(req);
    // A visitor who is not signed in gets the same page as every other visitor for the same address: the
    // whole page is kept 15 s (keyed on the catalog's write counter), so popular searches cost one render.
    // The sponsored slots are filled per request after that (the page keeps empty markers where they go), so each
    // visitor gets their turn of the rotation and the cache still serves the rest of the page.
    const slots = slotOffsets(catalog.sponsoredPositions());
    if (!hx && !req.user && !c.flash && !f.online) {
      const key = `${c.locale}:${catalog.version()}:${slots.join(',')}:${req.url}`;
      const [html, sponsored] = await Promise.all([
        anonymousPages.get(key, async () => slotted(`<!doctype html>${renderToString(await searchPage(c, f, slots))}`)),
        sponsoredCards(f, slots.length),
      ]);
      return reply
        .header('vary', 'HX-Request')
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(fillSponsored(html, c, sponsored.cards, sponsored.hrefs));
    }
    reply.header('vary', 'HX-Request');
    if (!hx) {
      const [node, sponsored] = await Promise.all([searchPage(c, f, slots), sponsoredCards(f, slots.length)]);
      return sendHtmlText(reply, fillSponsored(slotted(`<!doctype html>${renderToString(node)}`), c, sponsored.cards, sponsored.hrefs));
    }
    const [{ index, result }, sponsored] = await Promise.all([runSearch(f), sponsoredCards(f, slots.length)]);
    const props = {
      c,
      filters: f,
      categories: index,
      items: await cards(result.items),
      nextCursor: result.nextCursor,
      total: result.total,
      slots,
    };
    const next = result.nextCursor ? browseHref(c, { ...f, cursor: result.nextCursor }) : null;
    const fill = (node: VNode) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(fillSponsored(slotted(renderToString(node)), c, sponsored.cards, sponsored.hrefs));
    if (req.headers['hx-target'] === 'more') return fill(<ResultItems c={c} items={props.items} next={next} slots={slots} />);
    // The address bar shows the tidy address of what is on screen.
    reply.header('hx-push-url', browseHref(c, { ...f, cursor: '' }));
    return fill(<BrowseResults {...props} withTitle />);
  });

  const anonymousPages = ttlCache<SlottedPage>(15_000, 500);

  /** The whole services page for filters `f`, with empty markers where the sponsored slots go. */
  async function searchPage(c: ViewCtx, f: ReturnType<typeof readFilters>, slots: number[]) {
    const { index, result } = await runSearch(f);
    return (
      <BrowsePage
        c={c}
        filters={f}
        categories={index}
        items={await cards(result.items)}
        nextCursor={result.nextCursor}
        total={result.total}
        slots={slots}
      />
    );
  }

  /**
   * This request's sponsored results for filters `f` (RULES.md "Sponsored services"): promoted services that match the
   * same search and filters, at most one per slot, chosen in rotation by the promotions module. An unknown category
   * matches nothing, so it has none either.
   */
  async function sponsoredCards(f: ReturnType<typeof readFilters>, n: number): Promise<{ cards: ServiceCardData[]; hrefs: string[] }> {
    if (n === 0) return { cards: [], hrefs: [] };
    const index = await categories();
    const cat = f.category ? index.bySlug.get(f.category) : undefined;
    if (f.category && !cat) return { cards: [], hrefs: [] };
    const online = f.online ? await accounts.onlineUserIds() : undefined;
    const picks = await catalog.sponsoredFor(toQuery({ ...f, cursor: '' }, cat?.node.id, PAGE_SIZE, online), n);
    return { cards: await cards(picks.map((p) => p.hit)), hrefs: picks.map((p) => p.href) };
  }

  /** An unknown category matches nothing; an invalid cursor (a tampered link) starts from the first page. */
  async function runSearch(f: ReturnType<typeof readFilters>) {
    const index = await categories();
    const cat = f.category ? index.bySlug.get(f.category) : undefined;
    let result: SearchResult = { items: [], nextCursor: null, total: { n: 0, capped: false, estimated: false } };
    if (!f.category || cat) {
      const online = f.online ? await accounts.onlineUserIds() : undefined;
      try {
        result = await catalog.search(toQuery(f, cat?.node.id, PAGE_SIZE, online));
      } catch (err) {
        if (!(err instanceof AppError) || !f.cursor) throw err;
        f.cursor = '';
        result = await catalog.search(toQuery(f, cat?.node.id, PAGE_SIZE, online));
      }
    }
    return { index, result };
  }

  // ——— a service's page: /services/123-readable-title ———
  page(app, 'GET', '/services/:ref', async (req, reply) => {
    const ref = (req.params as { ref: string }).ref;
    const m = /^(\d{1,10})(?:-(.*))?$/s.exec(ref);
    const id = m ? parseId(m[1]) : null;
    if (!m || id === null) throw new AppError('service.not_found');
    const s = await catalog.get(id, req.user, { cached: true });
    const canonical = servicePath(s);
    const c = viewCtx(req);
    if (m[2] === undefined || m[2] !== slugOf(s.title)) {
      const qs = req.url.indexOf('?');
      return redirect(reply, c.href(canonical) + (qs >= 0 ? req.url.slice(qs) : ''), 301);
    }
    return sendHtml(reply, await servicePageView(c, req, s, canonical));
  });

  // Published reviews of a service, kept 15 s like the rest of the page's data.
  const reviewsCache = ttlCache<ReviewCardData[]>(15_000, 2000);
  const serviceReviews = (serviceId: number) =>
    reviewsCache.get(String(serviceId), async () =>
      (await services.orders.publicReviews({ serviceId }, 20)).map(({ r, author }) => ({
        id: r.id,
        author: author.displayName || author.username,
        scores: { quality: r.quality, communication: r.communication, onTime: r.onTime },
        comment: r.comment,
        at: r.publishedAt ?? r.createdAt,
        reply: r.reply,
      })),
    );

  async function servicePageView(c: ViewCtx, req: FastifyRequest, s: ServiceRow, canonicalPath: string) {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const raw = query.addon;
    const wanted = new Set((Array.isArray(raw) ? raw : [raw]).map((v) => Number(one(v))));
    const addonIds = new Set(s.addons.filter((a) => wanted.has(a.id)).map((a) => a.id));
    const qty = Number(one(query.qty));
    const quantity = Number.isInteger(qty) && qty >= 1 && qty <= QUANTITY_MAX ? qty : 1;
    const [index, sellers, stats, related, publicIds, online, packages] = await Promise.all([
      categories(),
      publicSellers([s.sellerId]),
      catalog.sellerStats(s.sellerId),
      catalog.relatedBySeller(s.sellerId, s.id, 4),
      files.publicIds(s.imageIds),
      accounts.onlineIds([s.sellerId]),
      catalog.packagesOf(s.id),
    ]);
    const u = sellers.get(s.sellerId);
    const seller = u
      ? {
          username: u.username,
          displayName: u.displayName,
          level: u.sellerLevel,
          avatarUrl: u.avatarUrl,
          memberSince: u.memberSince,
          lastSeenAt: u.lastSeenAt,
          online: online.has(s.sellerId),
          liveServices: stats.live,
          completedOrders: stats.orders,
          rating: ratingOf(stats),
          ratingCount: stats.ratingCount,
        }
      : null;
    const reviews = await serviceReviews(s.id);
    return (
      <ServicePage
        c={c}
        s={s}
        images={s.imageIds.flatMap((id) => publicIds.get(id) ?? [])}
        reviews={reviews}
        category={s.categoryId ? (index.byId.get(s.categoryId) ?? null) : null}
        seller={seller}
        related={await cards(related, sellers)}
        picked={{ addonIds, quantity, tier: packages.find((p) => p.tier === one(query.package))?.tier ?? packages[0]?.tier ?? null }}
        packages={packages}
        isOwner={req.user?.id === s.sellerId}
        now={new Date()}
        canonicalPath={canonicalPath}
      />
    );
  }

  // ——— the public API ———
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Search and list published services',
        description:
          'Full-text search that understands Arabic (with or without hamza, ta marbuta, diacritics, tatweel or Arabic-Indic digits) and English (stemming), with typo tolerance by trigram similarity. `sort=relevance` (the default) ranks by the text match, or lists the newest first when there is no `q`. Pages: pass `nextCursor` back as `cursor`.',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(ListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }), 400: Problem },
      },
    },
    async (req) => {
      const q = req.query;
      let categoryId: number | undefined;
      if (q.category) {
        const index = await categories();
        const byId = /^\d{1,10}$/.test(q.category) ? index.byId.get(Number(q.category)) : undefined;
        const found = byId ?? index.bySlug.get(q.category);
        if (!found) return { items: [], nextCursor: null };
        categoryId = found.node.id;
      }
      const r = await catalog.search({
        q: q.q,
        categoryId,
        minPriceCents: q.minPriceCents,
        maxPriceCents: q.maxPriceCents,
        maxDays: q.maxDays,
        sellerLevel: q.level,
        minRating: q.minRating,
        sort: q.sort ?? 'relevance',
        limit: q.limit ?? PAGE_SIZE,
        cursor: q.cursor,
      });
      const sellers = await publicSellers(r.items.map((h) => h.sellerId));
      return {
        items: r.items.map((h) => {
          const u = sellers.get(h.sellerId);
          return {
            id: h.id,
            title: h.title,
            priceCents: h.priceCents,
            deliveryDays: h.deliveryDays,
            categoryId: h.categoryId,
            rating: ratingOf(h),
            ratingCount: h.ratingCount,
            ordersCount: h.ordersCount,
            seller: u ? { username: u.username, level: u.sellerLevel } : null,
            url: servicePath(h),
            imageUrl: h.imagePublicId ? imageUrl(h.imagePublicId, 'thumb') : null,
          };
        }),
        nextCursor: r.nextCursor,
      };
    },
  );

  api.get(
    '/api/v1/services/:id',
    {
      schema: {
        tags: ['services'],
        summary: 'One service with its packages, add-ons, images, category and seller',
        description:
          'Published services are public. A draft, a service in review, a rejected or paused one is `service.not_found` (404) except for its seller and moderators (Bearer token).',
        params: IdParams,
        response: { 200: ServiceDetail, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (req) => {
      const s = await catalog.get(req.params.id, req.user, { cached: true });
      const [index, sellers, publicIds] = await Promise.all([categories(), publicSellers([s.sellerId]), files.publicIds(s.imageIds)]);
      const cat = s.categoryId ? index.byId.get(s.categoryId) : undefined;
      const ref = (n: CategoryNode) => ({ id: n.id, slug: n.slug, nameAr: n.nameAr, nameEn: n.nameEn });
      const u = sellers.get(s.sellerId);
      return {
        id: s.id,
        status: s.status,
        title: s.title,
        description: s.description,
        priceCents: s.priceCents,
        deliveryDays: s.deliveryDays,
        skills: s.skills,
        addons: s.addons.map((a) => ({ id: a.id, title: a.title, priceCents: a.priceCents, extraDays: a.extraDays })),
        packages: (await catalog.packagesOf(s.id)).map(({ id, tier, title, description, priceCents, deliveryDays, revisions }) => ({
          id,
          tier,
          title,
          description,
          priceCents,
          deliveryDays,
          revisions,
        })),
        images: s.imageIds.flatMap((id) => {
          const publicId = publicIds.get(id);
          return publicId ? [{ id, url: imageUrl(publicId), thumbUrl: imageUrl(publicId, 'thumb') }] : [];
        }),
        category: cat ? { ...ref(cat.node), parent: cat.parent ? ref(cat.parent) : null } : null,
        seller: u ? { username: u.username, displayName: u.displayName, level: u.sellerLevel } : null,
        rating: ratingOf(s),
        ratingCount: s.ratingCount,
        ordersCount: s.ordersCount,
        publishedAt: s.publishedAt ? s.publishedAt.toISOString() : null,
        url: servicePath(s),
      };
    },
  );
}
