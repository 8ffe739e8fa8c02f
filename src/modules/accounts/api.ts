import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { bearer, errorResponses, IdParams, Problem } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { cursorOf, originOf } from '../../platform/http/request.ts';
import { resolveCountry } from '../../platform/i18n/countries.ts';
import { CURSOR_MAX } from '../../platform/search/index.ts';
import { FREELANCER_SORTS, publicView, SELLER_LEVELS, selfView } from './service.ts';

const SelfUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  emailVerified: Type.Boolean(),
  roles: Type.Array(Type.String()),
  sellerLevel: Type.String(),
  buyerLevel: Type.String(),
  bio: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  termsVersion: Type.Integer(),
  privacyVersion: Type.Integer(),
  deactivated: Type.Boolean(),
  twoFactor: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

const PublicUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  bio: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  sellerLevel: Type.String(),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  memberSince: Type.String(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean({ description: 'identity verified by support staff' }),
  online: Type.Boolean({ description: 'a live event stream open now, on any server instance' }),
  rating: Type.Union([Type.Number(), Type.Null()], { description: "as seller: the buyers' published reviews, average 1–5" }),
  reviewsCount: Type.Integer(),
  completedJobs: Type.Integer({ description: 'orders completed as seller' }),
  buyerRating: Type.Union([Type.Number(), Type.Null()], { description: "as buyer: the sellers' published reviews, average 1–5" }),
  buyerReviewsCount: Type.Integer(),
});

/** A card of the freelancers directory (API.md "Works, favourites, people"). */
const FreelancerItem = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  level: Type.String({ description: 'the seller level: new, level1, level2, level3 or expert' }),
  rating: Type.Union([Type.Number(), Type.Null()], { description: "the average of the buyers' published reviews (1–5), null without any" }),
  online: Type.Boolean({ description: 'a live event stream open now, on any server instance' }),
  verified: Type.Boolean({ description: 'identity verified by support staff' }),
  country: Type.Union([Type.String(), Type.Null()], { description: 'ISO 3166-1 alpha-2' }),
});

const errors = errorResponses;

/** The accounts part of the public API (API.md "Accounts"). */
export function accountsApi(app: FastifyInstance, services: Services, _deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = services;

  api.post(
    '/api/v1/auth/signup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account; a verification mail is sent',
        description:
          'If the email is already registered nothing is created and the owner is told by mail; the answer is the same, so the API never reveals which emails are registered.',
        body: Type.Object({
          email: Type.String({ maxLength: 254 }),
          username: Type.String({ maxLength: 30 }),
          password: Type.String({ maxLength: 200 }),
          acceptTerms: Type.Boolean(),
          displayName: Type.Optional(Type.String({ maxLength: 50 })),
          referrer: Type.Optional(
            Type.String({
              maxLength: 30,
              description:
                'the username of whoever referred this person (their referral link `/r/<username>`): recorded once and never changed; ignored when unknown, banned or the new account itself',
            }),
          ),
        }),
        response: {
          201: Type.Object({
            user: Type.Object({ username: Type.String(), email: Type.String(), displayName: Type.String(), emailVerified: Type.Boolean() }),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const r = await accounts.signup({ ...req.body, locale: req.locale }, originOf(req));
      return reply.status(201).send({ user: r.user });
    },
  );

  api.post(
    '/api/v1/auth/verify-email',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Confirm an email address with the token from the mailed link',
        body: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Object({ user: SelfUser }), ...errors },
      },
    },
    async (req) => ({ user: selfView(await accounts.verifyEmail(req.body.token)) }),
  );

  api.post(
    '/api/v1/auth/resend-verification',
    {
      schema: { tags: ['accounts'], summary: 'Mail a new verification link', security: bearer, response: { 202: Type.Null(), ...errors } },
    },
    async (req, reply) => {
      await accounts.resendVerification(requireUser(req));
      return reply.status(202).send(null);
    },
  );

  api.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email or username; returns a Bearer token',
        description:
          'Wrong passwords (or codes) lock the address they come from, never the account: five on one account from one address lock that address out of it; ten on one account from anywhere, or fifty from one address, lock out the addresses that never signed in to the account. 429 auth.too_many_attempts with Retry-After, a minute first and longer each time. An unknown login is answered exactly the same way. With two-factor authentication on, `totp` carries the authenticator code or a recovery code (auth.totp_required without it).',
        body: Type.Object({
          login: Type.String({ maxLength: 254 }),
          password: Type.String({ maxLength: 200 }),
          totp: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: { 200: Type.Object({ token: Type.String(), user: SelfUser }), ...errors },
      },
    },
    async (req) => {
      const r = await accounts.login(req.body, 'api', originOf(req));
      if (!('token' in r)) throw new AppError('auth.totp_required');
      return { token: r.token, user: selfView(r.user) };
    },
  );

  api.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['accounts'], summary: 'End this token', security: bearer, response: { 204: Type.Null(), 401: Problem } } },
    async (req, reply) => {
      await accounts.logout(requireUser(req));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Mail a password-reset link (same answer whether or not the email exists)',
        body: Type.Object({ email: Type.String({ maxLength: 254 }) }),
        response: { 202: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await accounts.requestPasswordReset(req.body, originOf(req));
      return reply.status(202).send(null);
    },
  );

  api.post(
    '/api/v1/auth/password-reset/confirm',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with the mailed token; every session is signed out',
        body: Type.Object({ token: Type.String({ maxLength: 100 }), password: Type.String({ maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await accounts.resetPassword(req.body);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change the password; other sessions are signed out',
        security: bearer,
        body: Type.Object({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Type.String({ maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await accounts.changePassword(requireUser(req), { current: req.body.currentPassword, password: req.body.newPassword });
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/v1/me/2fa/setup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Start two-factor authentication: a secret for an authenticator app',
        security: bearer,
        response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }), ...errors },
      },
    },
    async (req) => accounts.totpSetup(requireUser(req)),
  );

  api.post(
    '/api/v1/me/2fa/enable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Turn two-factor authentication on with a first code; returns ten one-time recovery codes',
        security: bearer,
        body: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (req) => ({ recoveryCodes: await accounts.totpEnable(requireUser(req), req.body.code) }),
  );

  api.post(
    '/api/v1/me/2fa/disable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Turn two-factor authentication off (password and a current or recovery code)',
        security: bearer,
        body: Type.Object({ password: Type.String({ maxLength: 200 }), code: Type.String({ maxLength: 20 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await accounts.totpDisable(requireUser(req), req.body);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/me',
    { schema: { tags: ['accounts'], summary: 'The signed-in account', security: bearer, response: { 200: SelfUser, 401: Problem } } },
    async (req) => selfView(await accounts.byId(requireUser(req).id)),
  );

  api.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Edit the profile; the username never changes (account.username_immutable)',
        security: bearer,
        body: Type.Object({
          displayName: Type.Optional(Type.String({ maxLength: 200 })),
          bio: Type.Optional(Type.String({ maxLength: 5000 })),
          country: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
          skills: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
          languages: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
          locale: Type.Optional(Type.String({ maxLength: 5 })),
          username: Type.Optional(Type.Unknown()),
        }),
        response: { 200: Type.Object({ user: SelfUser }), ...errors },
      },
    },
    async (req) => {
      const body = { ...req.body, country: req.body.country === null ? '' : req.body.country };
      return { user: selfView(await accounts.updateProfile(requireUser(req), body)) };
    },
  );

  const SessionItem = Type.Object({
    id: Type.Integer(),
    kind: Type.String(),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    lastSeenAt: Type.String(),
    current: Type.Boolean(),
  });

  api.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Open sessions (browsers and API tokens)',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(SessionItem), nextCursor: Type.Null() }), 401: Problem },
      },
    },
    async (req) => {
      const items = await accounts.listSessions(requireUser(req));
      return {
        items: items.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
        nextCursor: null,
      };
    },
  );

  api.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke one session',
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), 401: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      await accounts.revokeSession(requireUser(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/users/:username',
    {
      schema: {
        tags: ['accounts'],
        summary: 'A public profile',
        params: Type.Object({ username: Type.String({ maxLength: 30 }) }),
        response: { 200: PublicUser, 404: Problem },
      },
    },
    async (req) => {
      const u = await accounts.byUsername(req.params.username);
      if (!u || u.deactivatedAt) throw new AppError('account.not_found');
      return { ...publicView(u), online: (await accounts.onlineIds([u.id])).has(u.id) };
    },
  );

  api.get(
    '/api/v1/freelancers',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Search the freelancers directory',
        description:
          "Active accounts that name at least one skill. `q`: words of a name, username or skill (Arabic-aware: diacritics, hamza forms, ta marbuta, with or without «ال»). Filters: `online=true` (a live event stream open now, on any server instance), `verified=true` (identity verified), `minRating` (1–5: the average of buyers' reviews, so rated at all), `level`, `skill`, `country` (a code, or a name in Arabic or English). `sort=rating` (best rated, the default), `jobs` (most orders completed as seller) or `newest`. Pages: pass `nextCursor` back as `cursor` (a tampered one is `search.cursor_invalid` on `cursor`).",
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          online: Type.Optional(Type.Boolean()),
          verified: Type.Optional(Type.Boolean()),
          minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
          level: Type.Optional(Type.Union(SELLER_LEVELS.map((l) => Type.Literal(l)))),
          skill: Type.Optional(Type.String({ maxLength: 30 })),
          country: Type.Optional(Type.String({ maxLength: 60 })),
          sort: Type.Optional(Type.Union(FREELANCER_SORTS.map((x) => Type.Literal(x)))),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: CURSOR_MAX })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(FreelancerItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          400: Problem,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const country = resolveCountry(q.country);
      if (country === null) throw invalid({ country: 'account.country_invalid' });
      const r = await accounts.freelancers({ ...q, country });
      return {
        items: r.items.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          level: u.sellerLevel,
          rating: u.rating,
          online: u.online,
          verified: u.verified,
          country: u.country,
        })),
        nextCursor: r.nextCursor,
      };
    },
  );

  const AdminUser = Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
    emailVerified: Type.Boolean(),
    deactivated: Type.Boolean(),
    createdAt: Type.String(),
  });
  const adminUser = (u: Awaited<ReturnType<typeof accounts.byId>>) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    emailVerified: u.emailVerifiedAt !== null,
    deactivated: u.deactivatedAt !== null,
    createdAt: u.createdAt.toISOString(),
  });

  api.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Search users (staff)',
        security: bearer,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          role: Type.Optional(Type.String({ maxLength: 20 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AdminUser), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (req) => {
      const r = await accounts.adminList(requireUser(req), { ...req.query, cursor: cursorOf(req.query.cursor) });
      return { items: r.items.map(adminUser), nextCursor: r.nextCursor === null ? null : String(r.nextCursor) };
    },
  );

  api.put(
    '/api/v1/admin/users/:id/roles',
    {
      schema: {
        tags: ['admin'],
        summary: "Set a user's staff roles (admin); audited",
        security: bearer,
        params: IdParams,
        body: Type.Object({ roles: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 }) }),
        response: { 200: Type.Object({ user: AdminUser }), ...errors, 404: Problem },
      },
    },
    async (req) => ({ user: adminUser(await accounts.setRoles(requireUser(req), req.params.id, req.body.roles, originOf(req))) }),
  );
}
