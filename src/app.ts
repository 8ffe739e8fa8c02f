import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { serverSecret } from './config.ts';
import {
  accountsModule,
  accountsReportTargets,
  createAccountsService,
  identityVerifiedAt,
  passwordChangeGate,
  setIdentityVerified,
  userFavoriteKind,
} from './modules/accounts/index.ts';
import { adminModule, createAdminService } from './modules/admin/index.ts';
import { BLOG_COVER, blogModule, createBlogService } from './modules/blog/index.ts';
import { catalogModule, catalogReportTargets, createCatalogService, serviceFavoriteKind } from './modules/catalog/index.ts';
import { communityModule, communityReportTargets, createCommunityService } from './modules/community/index.ts';
import { contentModule, createContentService } from './modules/content/index.ts';
import {
  contestsModule,
  contestsReportTargets,
  createContestComments,
  createContestDisputes,
  createContestEntries,
  createContestFiles,
  createContestsMine,
  createContestsService,
  createContestTopUps,
  createContestViews,
  createEntryNotes,
} from './modules/contests/index.ts';
import { createFavoritesService, favoritesModule } from './modules/favorites/index.ts';
import { createHelpService, helpModule } from './modules/help/index.ts';
import { homeModule } from './modules/home/index.ts';
import { createLevelsService, levelsModule } from './modules/levels/index.ts';
import { createMessagingService, messageAppealTarget, messagingModule, messagingReportTargets } from './modules/messaging/index.ts';
import { createNotificationsService, notificationsModule } from './modules/notifications/index.ts';
import { createOrdersService, ordersModule, ordersReportTargets } from './modules/orders/index.ts';
import { createPointsService, pointsModule } from './modules/points/index.ts';
import {
  createBidsService,
  createProjectsService,
  projectFavoriteKind,
  projectsModule,
  projectsReportTargets,
} from './modules/projects/index.ts';
import { createPromotionsService, promotionsModule } from './modules/promotions/index.ts';
import { createReferralsService, referralsModule } from './modules/referrals/index.ts';
import { createSupportService, supportModule } from './modules/support/index.ts';
import { createContactAppeals, createModerationService, createTrustService, trustModule } from './modules/trust/index.ts';
import { createVerificationService, verificationModule } from './modules/verification/index.ts';
import { createStripeProvider, createWalletService, walletModule } from './modules/wallet/index.ts';
import {
  createWorkEngagement,
  createWorksProfile,
  createWorksService,
  WORK_IMAGE,
  workFavoriteKind,
  worksModule,
  worksReportTargets,
} from './modules/works/index.ts';
import type { Services } from './platform/container.ts';
import type { Deps } from './platform/deps.ts';
import { AppError } from './platform/errors.ts';
import { createFilesService } from './platform/files.ts';
import { finiteKeyword } from './platform/http/api-schemas.ts';
import { clearSessionCookie, sessionTokenOf, siteCookies } from './platform/http/cookies.ts';
import { csrfTokens } from './platform/http/csrf.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { type LogOptions, loggerOptions, logServerError, registerRequestLog } from './platform/http/logging.ts';
import { sendHtml, viewCtx } from './platform/http/pages.ts';
import { problem } from './platform/http/problem.ts';
import { redirect } from './platform/http/redirect.ts';
import { apiLocale, registerMessages, splitLocale } from './platform/i18n/index.ts';
import { registerLedgerReferences } from './platform/ledger-references.ts';
import { filesMessages } from './platform/messages.files.ts';
import type { ModuleManifest } from './platform/module.ts';
import { createPresence } from './platform/presence.ts';
import { registerRoutes } from './routes.ts';
import { registerAdminTabs } from './web/admin-shell.tsx';
import { docsPage } from './web/api-docs.tsx';
import { assetRoutes, CLIENT_DIR, FONT_DIR, PUBLIC_DIR } from './web/assets.ts';
import { ErrorPage } from './web/error-page.tsx';
import { siteMessages } from './web/messages/index.ts';

export type { Services };

/**
 * Every module's manifest: what it registers for the rest of the site (messages, notification types, admin tabs,
 * ledger references, its part of a legal export). Their order is the export's: accounts first.
 */
export const MODULES: readonly ModuleManifest[] = [
  accountsModule,
  contentModule,
  homeModule,
  catalogModule,
  walletModule,
  messagingModule,
  notificationsModule,
  ordersModule,
  projectsModule,
  contestsModule,
  favoritesModule,
  worksModule,
  blogModule,
  communityModule,
  pointsModule,
  referralsModule,
  promotionsModule,
  trustModule,
  supportModule,
  verificationModule,
  levelsModule,
  helpModule,
  adminModule,
];

let registered = false;
/** The site's and every module's messages and admin tabs, once per process. */
export function registerModules(): void {
  if (registered) return;
  registered = true;
  registerMessages(siteMessages);
  registerMessages(filesMessages);
  for (const m of MODULES) {
    for (const messages of m.messages ?? []) registerMessages(messages);
    registerAdminTabs(m.adminTabs ?? []);
    registerLedgerReferences(m.ledgerReferences ?? {});
  }
}

/** Builds every module's service, wired to the ones it needs: the one place that knows them all. */
export function createServices(deps: Deps): Services {
  registerModules();
  const content = createContentService(deps);
  const trust = createTrustService(deps);
  // The points ledger: other modules award points inside their own transactions through `points.award`.
  const points = createPointsService(deps);
  // Who is online now: the live streams open on each instance, heartbeated into PostgreSQL (started by buildApp).
  const presence = createPresence({ db: deps.db, live: deps.live, clock: deps.clock });
  const accounts = createAccountsService(deps, content, trust, presence);
  const files = createFilesService(deps);
  const notifications = createNotificationsService(deps, accounts);
  for (const m of MODULES) notifications.registerTypes(m.notificationTypes ?? {});
  const catalog = createCatalogService(deps, accounts, files, notifications, trust);
  const wallet = createWalletService(
    deps,
    notifications,
    { stripe: deps.config.stripe ? createStripeProvider(deps.config.stripe) : null },
    trust,
  );
  // The legal export's parts: each module's own read of what it holds about a user (its manifest's userData).
  const admin = createAdminService(
    deps,
    MODULES.flatMap((m) => (m.userData ? [{ name: m.name, read: m.userData }] : [])),
  );
  const messaging = createMessagingService(deps, accounts, files, notifications, trust);
  // A refused message its author asks a moderator to review is delivered by messaging once allowed.
  const contactAppeals = createContactAppeals(deps, { notifications });
  contactAppeals.register('message', messageAppealTarget(messaging, accounts));
  const orders = createOrdersService(deps, {
    catalog,
    wallet,
    messaging,
    notifications,
    files,
    trust,
    points: { award: points.award },
    accounts: {
      // A seller's level lives on the account and on their services (for the search filter); a buyer's on the account.
      async syncLevels(userId, levels, tx) {
        if (levels.buyer) await accounts.setBuyerLevel(userId, levels.buyer, tx);
        if (!levels.seller) return;
        await accounts.setSellerLevel(userId, levels.seller, tx);
        await catalog.syncSellerLevel(userId, levels.seller, tx);
      },
      setPersonStats: (userId, stats, tx) => accounts.setPersonStats(userId, stats, tx),
      lockPersonRecords: (userIds, tx) => accounts.lockPersonRecords(userIds, tx),
      sellerLevelOf: (userId, tx) => accounts.sellerLevelOf(userId, tx),
      buyerLevelOf: (userId, tx) => accounts.buyerLevelOf(userId, tx),
      publicByIds: (ids) => accounts.publicByIds(ids),
    },
  });
  const levels = createLevelsService(deps, { accounts, orders, wallet });
  // The affiliate programme: the sign-up records the referrer through it, and every escrow release (orders, hired
  // projects, contest prizes, a split's seller part) and damages payment reaches it through the wallet's hooks.
  const referrals = createReferralsService(deps, {
    accounts,
    trust,
    wallet,
    notifications,
    clearanceDaysOf: (tx, userId) => orders.clearanceDaysOf(tx, userId),
  });
  accounts.onSignupReferral({ record: referrals.recordAtSignup, inviterName: referrals.inviterName });
  wallet.onEscrowReleased(referrals.onRelease);
  wallet.onFrozenDeducted(referrals.onDeduction);
  // Sponsored services: paid through the points ledger or the wallet, shown in the catalog's sponsored slots.
  const promotions = createPromotionsService(deps, {
    catalog,
    points: { spend: points.spend, balance: (userId, tx) => points.balance(userId, tx) },
    wallet,
    accounts: { sellerLevelOf: (userId, tx) => accounts.sellerLevelOf(userId, tx) },
    notifications,
  });
  const bids = createBidsService(deps, { orders, notifications, trust, files, accounts, messaging });
  const projects = createProjectsService(deps, { accounts, files, notifications, trust, catalog });
  const contestsDeps = {
    files,
    notifications,
    trust,
    catalog,
    wallet,
    clearanceDaysOf: orders.clearanceDaysOf,
    recomputeBuyerLevel: orders.recomputeBuyerLevel,
  };
  const contests = createContestsService(deps, contestsDeps);
  const contestFiles = createContestFiles(deps, contestsDeps);
  const contestEntries = createContestEntries(deps, contestsDeps, contests, contestFiles);
  const contestComments = createContestComments(deps, contestsDeps);
  const contestNotes = createEntryNotes(deps, contestsDeps);
  const contestTopUps = createContestTopUps(deps, wallet, contests);
  const contestsMine = createContestsMine(deps);
  const contestViews = createContestViews(deps);
  const contestDisputes = createContestDisputes(deps, contestsDeps, contests, { staffIdsWith: (p, tx) => accounts.staffIdsWith(p, tx) });
  const worksDeps = { files, notifications, trust, catalog, orders, accounts };
  const works = createWorksService(deps, worksDeps);
  const worksProfile = createWorksProfile(works);
  const workEngagement = createWorkEngagement(deps, { ...worksDeps, changed: () => works.changed() });
  // A work's images are served at /files/{publicId} like services' (catalog), by the works' own access rule.
  catalog.registerImageKind(WORK_IMAGE, (image, viewer) => works.imageAccess(image, viewer));
  // The blog's covers are served at /files/{publicId} like services' images, by the blog's own access rule.
  const blog = createBlogService(deps, { files });
  catalog.registerImageKind(BLOG_COVER, (image, viewer) => blog.coverAccess(image, viewer));
  const support = createSupportService(deps, { accounts, files, notifications, trust, orders });
  const verification = createVerificationService(deps, {
    files,
    notifications,
    accounts: { setIdentityVerified, identityVerifiedAt, publicByIds: (ids) => accounts.publicByIds(ids) },
  });
  // What can be a favourite, as each module reaches its own items.
  const favorites = createFavoritesService(deps);
  const help = createHelpService(deps);
  const people = (ids: number[]) => accounts.publicByIds(ids);
  favorites.registerKind('service', serviceFavoriteKind(deps.db, files, people));
  favorites.registerKind('user', userFavoriteKind(deps.db));
  favorites.registerKind('project', projectFavoriteKind(deps.db, people));
  favorites.registerKind('work', workFavoriteKind(deps.db, files, people));
  const community = createCommunityService(deps, { notifications, trust, accounts, points: { award: points.award } });
  const moderation = createModerationService(deps, {
    trust,
    notifications,
    accounts,
    wallet,
    sellers: catalog,
    points: { award: points.award },
  });
  // What can be reported, as each module reaches its own content.
  const targets = {
    ...accountsReportTargets(accounts),
    ...catalogReportTargets(catalog, deps.db),
    ...messagingReportTargets(messaging),
    ...projectsReportTargets(projects, bids),
    ...ordersReportTargets(orders),
    ...contestsReportTargets(contests, contestEntries, contestComments),
    ...worksReportTargets(works),
    ...communityReportTargets(community),
  };
  for (const [kind, adapter] of Object.entries(targets)) moderation.registerTarget(kind as keyof typeof targets, adapter);
  return {
    content,
    accounts,
    files,
    presence,
    notifications,
    trust,
    catalog,
    admin,
    wallet,
    messaging,
    orders,
    bids,
    projects,
    contests,
    contestEntries,
    contestComments,
    contestNotes,
    contestTopUps,
    contestDisputes,
    contestFiles,
    contestsMine,
    works,
    worksProfile,
    workEngagement,
    contactAppeals,
    contestViews,
    blog,
    support,
    verification,
    favorites,
    help,
    community,
    moderation,
    levels,
    points,
    referrals,
    promotions,
  } satisfies Services;
}

/** TRUST_PROXY as Fastify takes it: no proxy, a list of proxy addresses/ranges, or the nearest `hops` addresses. */
function trustProxyOption(trust: Deps['config']['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

/** Builds the HTTP app: platform plugins, the request context, then every module's routes. */
export async function buildApp(deps: Deps, opts: { log?: LogOptions } = {}): Promise<{ app: FastifyInstance; services: Services }> {
  const services = createServices(deps);
  const app = Fastify({
    // JSON lines (pino) on stdout when `log` is given (the server), nothing otherwise (tests): platform/http/logging.ts.
    ...loggerOptions(opts.log),
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; otherwise req.ip is the connecting address.
    // Fastify 5 refuses a bare hop count (it cannot tell a proxy from a client), so hops are a function here: the
    // nearest `hops` addresses are proxies, which holds only when the proxy is the one way in (README, Deployment).
    trustProxy: trustProxyOption(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true }, plugins: [finiteKeyword] },
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: deps.config.production,
  });
  // Pages, JSON and the stylesheet go out compressed (brotli or gzip) for slow mobile networks.
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: '365d',
    immutable: true,
  });
  await app.register(fastifyStatic, {
    root: FONT_DIR,
    prefix: '/static/fonts/',
    decorateReply: false,
    maxAge: '365d',
    immutable: true,
  });
  await app.register(fastifyStatic, {
    root: CLIENT_DIR,
    prefix: '/static/js/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Kafiil API', version: '1.0.0', description: 'The public JSON API of Kafiil (كفيل).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: false,
  });

  // Live events: this instance listens for them from the start; open streams end before the server closes.
  await deps.live.start();
  app.addHook('preClose', async () => deps.live.close());
  // This instance's users online, heartbeated for the others; a clean stop takes them offline at once.
  services.presence.start();
  app.addHook('preClose', async () => services.presence.close());
  // Sponsored impressions and clicks are counted in memory and saved every few seconds; a clean stop saves the rest.
  services.promotions.start();
  app.addHook('preClose', async () => services.promotions.close());

  app.decorateRequest('locale', 'ar');
  app.decorateRequest('barePath', '/');
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('badges', null);
  // Every page says "test mode" while the built-in sandbox gateway takes the payments.
  app.decorate('testMode', services.wallet.sandboxOn);
  // The pages' cookies (`__Host-` and Secure in production) and their CSRF tokens, signed with the server's key.
  app.decorate('siteCookies', siteCookies(deps.config.production));
  const csrf = csrfTokens(serverSecret(deps.config));

  // Every answer says its request id (X-Request-Id); server errors and slow requests are written to the log.
  registerRequestLog(app, opts.log?.slowMs);

  // Who is asking and in which language: the API reads the Bearer token and Accept-Language; pages read
  // the session cookie and the URL. The API never reads the cookie, so it needs no CSRF token.
  app.addHook('onRequest', async (req, reply) => {
    const url = req.url;
    // Public, cacheable answers (assets, images) carry no cookie: a shared cache would hand it to everyone.
    if (
      url.startsWith('/static/') ||
      url === '/healthz' ||
      url.startsWith('/webhooks/') ||
      url.startsWith('/files/') ||
      url.startsWith('/avatars/')
    )
      return;
    if (url.startsWith('/api/')) {
      req.locale = apiLocale(req.headers['accept-language']);
      req.barePath = url;
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) {
        req.user = await services.accounts.resolveSession(auth.slice(7).trim(), 'api');
        if (!req.user) throw new AppError('auth.invalid_token');
      }
      return;
    }
    const { locale, path } = splitLocale(url);
    req.locale = locale;
    req.barePath = path;
    const token = sessionTokenOf(req);
    if (token) {
      req.user = await services.accounts.resolveSession(token, 'web');
      if (!req.user) clearSessionCookie(reply);
      // The header's counts (unread conversations, notifications) on full pages; live events keep them fresh.
      else if (req.method === 'GET' && !req.headers['hx-request'] && !path.startsWith('/live') && !/^\/messages\/\d+\/after\//.test(path)) {
        const [messages, notifications] = await Promise.all([
          services.messaging.unreadConversations(req.user.id),
          services.notifications.unreadCount(req.user.id),
        ]);
        req.badges = { messages, notifications };
      }
    }
    csrf.issue(req, reply);
  });
  // An account that must choose its own password (the demo admin) opens nothing else until it has.
  app.addHook('onRequest', passwordChangeGate);
  // A NUL character anywhere in the input, or a number ajv made Infinity, is refused before any route runs.
  registerInputGuard(app);

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url.startsWith('/webhooks/');
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    // A path whose parameters do not fit (an id beyond range, 1.5, -1…) names no page: 404, as an unknown id.
    else if ((err as FastifyError).validation && (err as FastifyError).validationContext === 'params')
      appErr = new AppError('http.not_found');
    else if ((err as FastifyError).validation) {
      const fields: Record<string, string> = {};
      for (const v of (err as FastifyError).validation ?? []) {
        const field =
          (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
          String((v.params as { missingProperty?: string }).missingProperty ?? '') ||
          'body';
        fields[field] = 'validation.field_invalid';
      }
      appErr = new AppError('validation.failed', {}, fields);
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      const sc = (err as FastifyError).statusCode!;
      appErr = new AppError(
        sc === 413 ? 'http.too_large' : sc === 415 ? 'http.unsupported_media' : sc === 404 ? 'http.not_found' : 'http.bad_request',
      );
      (appErr as { status: number }).status = sc;
    } else {
      appErr = new AppError('http.internal');
      (appErr as { status: number }).status = 500;
    }
    if (appErr.status >= 500) logServerError(req, appErr.status, err);
    if (isApi) return problem(reply, req.locale, appErr);
    if (appErr.status === 401) {
      const next = encodeURIComponent(req.barePath);
      return redirect(reply, `${req.locale === 'en' ? '/en' : ''}/login?next=${next}`, 303);
    }
    return sendHtml(reply, ErrorPage({ c: viewCtx(req), error: appErr, requestId: req.id }), appErr.status);
  });

  app.setNotFoundHandler((req, reply) => {
    const err = new AppError('http.not_found');
    if (req.url.startsWith('/api/')) return problem(reply, req.locale, err);
    return sendHtml(reply, ErrorPage({ c: viewCtx(req), error: err, requestId: req.id }), 404);
  });

  // The stylesheet and htmx (served by the app itself: strict CSP, no CDN), compressed once, cached for a year.
  assetRoutes(app);

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.database.ping();
      return reply.send({ status: 'ok', database: deps.database.kind });
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  // Every module's API (under /api/v1, OpenAPI) and pages.
  await registerRoutes(app, services, deps);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  docsPage(app);

  return { app, services };
}
