import type { FastifyInstance } from 'fastify';
import { accountsApi } from './modules/accounts/api.ts';
import { accountsPages } from './modules/accounts/routes.tsx';
import { adminApi } from './modules/admin/index.ts';
import { adminPages } from './modules/admin/routes.tsx';
import { blogApi, blogPages } from './modules/blog/index.ts';
import { browseRoutes } from './modules/catalog/browse.tsx';
import { categoriesAdminRoutes } from './modules/catalog/categories-admin.tsx';
import { catalogApi } from './modules/catalog/index.ts';
import { publishRoutes } from './modules/catalog/publish.tsx';
import { synonymsAdminRoutes } from './modules/catalog/synonyms-admin.tsx';
import { communityApi, communityPages } from './modules/community/index.ts';
import { contentPages } from './modules/content/routes.tsx';
import { contestFilePages, contestsApi, contestsMineApi, contestsMinePages, contestsPages } from './modules/contests/index.ts';
import { favoritesApi, favoritesPages } from './modules/favorites/index.ts';
import { helpAdminPages, helpApi, helpPages } from './modules/help/index.ts';
import { homePages } from './modules/home/index.ts';
import { levelsApi, levelsPages } from './modules/levels/index.ts';
import { messagingApi, messagingPages } from './modules/messaging/index.ts';
import { notificationsApi, notificationsPages } from './modules/notifications/index.ts';
import { offerPages, offersApi, offersThreadPanel, ordersApi, ordersPages } from './modules/orders/index.ts';
import { pointsApi, pointsPages } from './modules/points/index.ts';
import { bidPages, bidsApi, projectsApi, projectsPages } from './modules/projects/index.ts';
import { promotionsApi, promotionsPages } from './modules/promotions/index.ts';
import { referralsApi, referralsPages } from './modules/referrals/index.ts';
import { supportApi, supportPages } from './modules/support/index.ts';
import { contactAppealsApi, trustApi, trustPages } from './modules/trust/index.ts';
import { verificationApi, verificationPages } from './modules/verification/index.ts';
import { stripeWebhook, walletApi, walletPages } from './modules/wallet/index.ts';
import { worksApi, worksPages } from './modules/works/index.ts';
import type { Services } from './platform/container.ts';
import type { Deps } from './platform/deps.ts';

/** Every module's API routes (inside one plugin: the /api/v1 prefix's hooks) and pages, in the order they match. */
export async function registerRoutes(app: FastifyInstance, services: Services, deps: Deps): Promise<void> {
  await app.register(async (api) => {
    accountsApi(api, services, deps);
    catalogApi(api, services.catalog);
    walletApi(api, services.wallet);
    messagingApi(api, services);
    notificationsApi(api, services, deps);
    ordersApi(api, services);
    offersApi(api, services, deps);
    projectsApi(api, services);
    bidsApi(api, services);
    contestsApi(api, services, deps);
    contestsMineApi(api, services);
    worksApi(api, services);
    blogApi(api, services, deps);
    communityApi(api, services);
    pointsApi(api, services);
    promotionsApi(api, services, deps);
    referralsApi(api, services, deps);
    trustApi(api, services, deps);
    contactAppealsApi(api, services);
    supportApi(api, services);
    verificationApi(api, services);
    levelsApi(api, services);
    favoritesApi(api, services);
    helpApi(api, services);
    adminApi(api, services);
  });
  const stripe = deps.config.stripe;
  if (stripe) {
    await app.register(async (hooks) => {
      // The signature covers the exact bytes Stripe sent: keep the body raw for this route.
      hooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
      stripeWebhook(hooks, services.wallet, stripe);
    });
  }
  accountsPages(app, services, deps);
  contentPages(app, services, deps);
  homePages(app, services);
  adminPages(app, services, deps);
  walletPages(app, services.wallet, async (id) => (await services.accounts.rolesOf(id)) !== null);
  browseRoutes(app, services);
  publishRoutes(app, services);
  categoriesAdminRoutes(app, services);
  synonymsAdminRoutes(app, services);
  // A direct conversation's custom offers beside its thread (orders' panel).
  messagingPages(app, services, [offersThreadPanel(services, deps.clock)]);
  offerPages(app, services);
  notificationsPages(app, services, deps);
  ordersPages(app, services);
  projectsPages(app, services);
  contestsPages(app, services, deps);
  contestsMinePages(app, services, deps);
  bidPages(app, services);
  contestFilePages(app, services);
  worksPages(app, services);
  blogPages(app, services, deps);
  communityPages(app, services, deps);
  pointsPages(app, services);
  promotionsPages(app, services, deps);
  referralsPages(app, services, deps);
  trustPages(app, services, deps);
  supportPages(app, services, deps);
  verificationPages(app, services);
  levelsPages(app, services);
  favoritesPages(app, services);
  helpPages(app, services);
  helpAdminPages(app, services);
}
