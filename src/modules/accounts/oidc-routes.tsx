import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serverSecret } from '../../config.ts';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { clearReferralCookie, referralCookieOf, setSessionCookie } from '../../platform/http/cookies.ts';
import { emptyForm, type FormState, form, page, redirectTo, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect, safeNextPath } from '../../platform/http/redirect.ts';
import { originOf } from '../../platform/http/request.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { endOidcFlow, keepPendingIdentity, type OidcPending, oidcStateOf, startOidcFlow } from './oidc-cookie.ts';
import { oidcClient, randomValue } from './service/oidc-client.ts';
import { TwoFactorPage } from './views/auth.tsx';
import { OidcCompletePage, OidcLinkPage, OidcProblemPage } from './views/oidc.tsx';

type Q = Record<string, string | undefined>;

/** The path the provider sends the browser back to (BASE_URL + this), registered with the provider. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/**
 * Sign-in with OpenID Connect (registered only when OIDC_* is configured): /auth/oidc/start sends the browser to the
 * provider, the callback checks the state and the ID token, then signs in, asks for the second factor, or keeps the
 * verified identity for the "link your account" (/auth/oidc/link) or "complete your sign-up" (/auth/oidc/complete)
 * page. Every failure lands on a translated page; no token is logged or shown.
 */
export function oidcPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const settings = deps.config.oidc;
  if (!settings) return;
  const { accounts, content } = services;
  const secret = serverSecret(deps.config);
  const name = settings.name;
  const client = oidcClient(
    {
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      redirectUri: `${deps.config.baseUrl}${OIDC_CALLBACK_PATH}`,
    },
    deps.clock,
  );
  const sessionSeconds = deps.config.sessionDays * 86400;
  const problem = (req: FastifyRequest, reply: FastifyReply, error: string, status = 400) =>
    sendHtml(reply, OidcProblemPage({ c: viewCtx(req), error, name }), status);

  page(app, 'GET', '/auth/oidc/start', async (req, reply) => {
    const next = safeNextPath((req.query as Q).next);
    if (req.user) return redirectTo(reply, next);
    const flow = { state: randomValue(), nonce: randomValue(), verifier: randomValue(), next: `${req.locale}:${next}` };
    let url: string;
    try {
      url = await client.authorizationUrl(flow);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return problem(req, reply, err.code, err.status);
    }
    startOidcFlow(reply, secret, flow, deps.clock());
    return redirect(reply, url, 303);
  });

  // The provider's answer (only at this path, without a language prefix: the one registered with it).
  app.get(OIDC_CALLBACK_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.query as Q;
    const flow = oidcStateOf(req, secret, deps.clock());
    if (flow !== 'missing' && flow !== 'invalid' && flow !== 'expired' && flow.kind === 'flow') {
      const [locale] = flow.next.split(':');
      if (locale === 'en' || locale === 'ar') req.locale = locale as Locale;
    }
    if (flow === 'missing' || flow === 'expired') return problem(req, reply, 'oidc.expired');
    if (flow === 'invalid' || flow.kind !== 'flow') return problem(req, reply, 'oidc.state_mismatch');
    // Whatever happens next, this flow is spent.
    endOidcFlow(reply);
    if (!q.state || q.state !== flow.state) return problem(req, reply, 'oidc.state_mismatch');
    if (q.error) return problem(req, reply, q.error === 'access_denied' ? 'oidc.denied' : 'oidc.provider_error');
    if (!q.code) return problem(req, reply, 'oidc.provider_error');
    const next = safeNextPath(flow.next.slice(flow.next.indexOf(':') + 1));
    try {
      const identity = await client.finish(q.code, flow);
      const r = await accounts.oidcOutcome(identity, originOf(req));
      if (r.kind === 'signed_in') {
        setSessionCookie(reply, r.session.token, sessionSeconds);
        return redirectTo(reply, next, r.session.reactivated ? 'login.reactivated' : undefined);
      }
      if (r.kind === 'challenge') {
        return sendHtml(reply, TwoFactorPage({ c: viewCtx(req), state: emptyForm, challenge: r.challenge, next }));
      }
      keepPendingIdentity(reply, secret, identity, next, deps.clock());
      return redirectTo(reply, r.kind === 'link' ? '/auth/oidc/link' : '/auth/oidc/complete');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return problem(req, reply, err.code, err.status);
    }
  });

  /** The verified identity waiting for a link or a sign-up, or the page saying why there is none. */
  const pendingOf = (req: FastifyRequest): OidcPending | AppError => {
    const p = oidcStateOf(req, secret, deps.clock());
    if (p === 'missing' || p === 'expired') return new AppError('oidc.expired');
    if (p === 'invalid' || p.kind !== 'pending') return new AppError('oidc.state_mismatch');
    return p;
  };

  const linkView = async (req: FastifyRequest, state: FormState) => {
    const p = pendingOf(req);
    if (p instanceof AppError) return OidcProblemPage({ c: viewCtx(req), error: p.code, name });
    const target = await accounts.oidcLinkTarget(p.identity);
    if (!target) return OidcProblemPage({ c: viewCtx(req), error: 'oidc.link_gone', name });
    return OidcLinkPage({ c: viewCtx(req), state, name, ...target });
  };
  page(app, 'GET', '/auth/oidc/link', async (req, reply) => sendHtml(reply, await linkView(req, emptyForm)));
  form(app, '/auth/oidc/link', {
    secret: ['password', 'code'],
    render: linkView,
    handle: async (req, v, reply) => {
      const p = pendingOf(req);
      if (p instanceof AppError) throw p;
      const s = await accounts.oidcLink(p.identity, { password: v.password ?? '', code: v.code }, originOf(req));
      endOidcFlow(reply);
      setSessionCookie(reply, s.token, sessionSeconds);
      return redirectTo(reply, p.next, 'oidc.linked');
    },
  });

  const completeView = async (req: FastifyRequest, state: FormState) => {
    const p = pendingOf(req);
    if (p instanceof AppError) return OidcProblemPage({ c: viewCtx(req), error: p.code, name });
    if (!p.identity.emailVerified) return OidcProblemPage({ c: viewCtx(req), error: 'oidc.email_unverified', name });
    const v = await content.currentVersions();
    const invitedBy = await accounts.inviterName(referralCookieOf(req));
    const values = Object.keys(state.values).length ? state.values : { displayName: p.identity.name ?? '' };
    return OidcCompletePage({
      c: viewCtx(req),
      state: { ...state, values },
      name,
      email: p.identity.email ?? '',
      termsVersion: v.terms,
      privacyVersion: v.privacy,
      invitedBy,
    });
  };
  page(app, 'GET', '/auth/oidc/complete', async (req, reply) => sendHtml(reply, await completeView(req, emptyForm)));
  form(app, '/auth/oidc/complete', {
    render: completeView,
    handle: async (req, v, reply) => {
      const p = pendingOf(req);
      if (p instanceof AppError) throw p;
      const current = await content.currentVersions();
      // The form showed one version of the terms; if a newer one was published since, it is shown again.
      if (
        (v.termsVersion && Number(v.termsVersion) !== current.terms) ||
        (v.privacyVersion && Number(v.privacyVersion) !== current.privacy)
      ) {
        throw new AppError('signup.policy_changed', {}, { acceptTerms: 'signup.policy_changed' });
      }
      const s = await accounts.oidcSignUp(
        p.identity,
        {
          username: v.username ?? '',
          displayName: v.displayName ?? '',
          acceptTerms: v.acceptTerms === 'yes',
          referrer: referralCookieOf(req),
          locale: req.locale,
        },
        originOf(req),
      );
      if (referralCookieOf(req)) clearReferralCookie(reply);
      endOidcFlow(reply);
      setSessionCookie(reply, s.token, sessionSeconds);
      return redirectTo(reply, p.next, 'oidc.welcome');
    },
  });
}
