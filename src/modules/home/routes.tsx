import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { Services } from '../../platform/container.ts';
import { page, sendHtml, type ViewCtx, viewCtx } from '../../platform/http/pages.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import { type CategoryNode, indexCategories } from '../../web/categories.tsx';
import type { PublicView } from '../accounts/index.ts';
import { DashboardPage } from './dashboard.tsx';
import { type HomeData, HomePage } from './views.tsx';

/** How many of each the home page shows. */
const SHOW = { services: 8, sellers: 6, projects: 5, orders: 8 } as const;

/**
 * The home page (`/`): for a visitor the marketplace (search, categories with their counts, popular and new
 * services, top freelancers, open projects); signed in, a dashboard first (orders under way with their deadlines,
 * unread conversations, balance, next steps). It is the most visited page: every read is a limited, indexed query
 * or one the owning module keeps (15–60 s), the marketplace's sections are read at most once every 15 s (for the
 * visitors' page and every dashboard alike), and a visitor's whole page is kept 15 s per language.
 */
export function homePages(app: FastifyInstance, services: Services): void {
  const { catalog, accounts, projects, orders, messaging, wallet } = services;
  const trees = ttlCache<CategoryNode[]>(30_000, 1);
  const visitorPages = ttlCache<string>(15_000, 4);
  const marketplaces = ttlCache<HomeData>(15_000, 1);

  /** The marketplace's sections, the same for everyone: read at most once every 15 s (visitors and dashboards). */
  async function marketplace(): Promise<HomeData> {
    return { ...(await marketplaces.get('market', readMarketplace)), now: new Date() };
  }

  async function readMarketplace(): Promise<HomeData> {
    const [tree, counts, popular, newest, top, open] = await Promise.all([
      trees.get('tree', () => catalog.categoryTree()),
      catalog.categoryCounts(),
      catalog.search({ sort: 'sales', limit: SHOW.services }),
      catalog.search({ sort: 'newest', limit: SHOW.services }),
      catalog.topSellers(SHOW.sellers),
      projects.search({ sort: 'newest', limit: SHOW.projects }),
    ]);
    const ids = [...popular.items, ...newest.items].map((h) => h.sellerId);
    const people: Map<number, PublicView> = await accounts.publicByIds([
      ...new Set([...ids, ...top.map((s) => s.sellerId), ...open.items.map((p) => p.ownerId)]),
    ]);
    return {
      categories: indexCategories(tree),
      counts,
      popular: popular.items,
      newest: newest.items,
      people,
      top: top.flatMap((stats) => {
        const view = people.get(stats.sellerId);
        return view ? [{ view, stats }] : [];
      }),
      projects: open.items.map((p) => {
        const u = people.get(p.ownerId);
        return { ...p, owner: u ? { username: u.username, displayName: u.displayName } : null };
      }),
      projectsTotal: open.total,
      now: new Date(),
    };
  }

  async function dashboard(c: ViewCtx, userId: number) {
    const [market, active, unread, balances, me, stats] = await Promise.all([
      marketplace(),
      orders.active(userId, SHOW.orders),
      messaging.unreadConversations(userId),
      wallet.balances(userId),
      accounts.byId(userId),
      catalog.sellerStats(userId),
    ]);
    const others = await accounts.publicByIds([...new Set(active.map((a) => (a.role === 'buyer' ? a.order.sellerId : a.order.buyerId)))]);
    return DashboardPage({
      c,
      market,
      orders: active.map((a) => {
        const other = others.get(a.role === 'buyer' ? a.order.sellerId : a.order.buyerId);
        return {
          id: a.order.id,
          title: a.order.title,
          status: a.order.status,
          role: a.role,
          dueAt: a.dueAt,
          late: a.late,
          totalCents: a.order.totalCents,
          other: other ? { username: other.username, displayName: other.displayName } : null,
        };
      }),
      unread,
      balances,
      profile: { complete: Boolean(me.bio.trim()) && me.skills.length > 0, avatar: me.avatarPublicId !== null },
      liveServices: stats.live,
    });
  }

  page(app, 'GET', '/', async (req: FastifyRequest, reply: FastifyReply) => {
    const c = viewCtx(req);
    if (req.user) return sendHtml(reply, await dashboard(c, req.user.id));
    if (c.flash) return sendHtml(reply, HomePage({ c, data: await marketplace() }));
    const html = await visitorPages.get(
      c.locale,
      async () => `<!doctype html>${renderToString(HomePage({ c, data: await marketplace() }))}`,
    );
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
}
