import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { AppError } from '../../../platform/errors.ts';
import { normalizeEmail } from '../rules.ts';

/**
 * The relying party's side of OpenID Connect (authorization code flow with PKCE S256): the provider's metadata from
 * its discovery document (kept for an hour), the address the browser is sent to, the code exchanged for tokens with
 * the client secret, and the ID token verified (signature against the provider's JWKS, iss, aud, exp, nonce); the
 * email from the ID token, or from the userinfo endpoint (for the same subject) when the token leaves it out.
 * Failures are AppErrors with `oidc.*` codes; no token or secret ever goes into an error or the log.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

interface Metadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
}

/** What a verified ID token says about the person. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

const DISCOVERY_MS = 3_600_000;
const TIMEOUT_MS = 10_000;

const b64url = (b: Buffer) => b.toString('base64url');
/** A random value for `state`, `nonce` and the PKCE verifier (43 characters, 256 bits). */
export const randomValue = (): string => b64url(randomBytes(32));
export const pkceChallenge = (verifier: string): string => b64url(createHash('sha256').update(verifier).digest());

export function oidcClient(settings: OidcSettings, now: () => Date) {
  let cached: { at: number; meta: Metadata; jwks: JWTVerifyGetKey } | null = null;

  async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new AppError('oidc.provider_unavailable', {}, {}, { status: 502 });
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!body || typeof body !== 'object') throw new AppError('oidc.provider_unavailable', {}, {}, { status: 502 });
    return { status: res.status, body: body as Record<string, unknown> };
  }

  /** The provider's metadata, fetched from its discovery document and kept for an hour. */
  async function discover() {
    if (cached && Date.now() - cached.at < DISCOVERY_MS) return cached;
    const { status, body } = await getJson(`${settings.issuer}/.well-known/openid-configuration`);
    const m = body as Partial<Metadata>;
    const urls = [m.authorization_endpoint, m.token_endpoint, m.jwks_uri];
    if (status !== 200 || m.issuer !== settings.issuer || urls.some((u) => typeof u !== 'string' || !/^https?:\/\//.test(u))) {
      throw new AppError('oidc.provider_unavailable', {}, {}, { status: 502 });
    }
    const meta = m as Metadata;
    cached = { at: Date.now(), meta, jwks: createRemoteJWKSet(new URL(meta.jwks_uri)) };
    return cached;
  }

  return {
    /** Where to send the browser to sign in, for this flow's state, nonce and PKCE verifier. */
    async authorizationUrl(flow: { state: string; nonce: string; verifier: string }): Promise<string> {
      const { meta } = await discover();
      const u = new URL(meta.authorization_endpoint);
      const q = u.searchParams;
      q.set('response_type', 'code');
      q.set('client_id', settings.clientId);
      q.set('redirect_uri', settings.redirectUri);
      q.set('scope', 'openid email profile');
      q.set('state', flow.state);
      q.set('nonce', flow.nonce);
      q.set('code_challenge', pkceChallenge(flow.verifier));
      q.set('code_challenge_method', 'S256');
      return u.toString();
    },

    /** Exchanges the code at the token endpoint and verifies the ID token it returns. */
    async finish(code: string, flow: { nonce: string; verifier: string }): Promise<OidcIdentity> {
      const { meta, jwks } = await discover();
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: settings.redirectUri,
        code_verifier: flow.verifier,
      });
      const methods = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      if (methods.includes('client_secret_basic')) {
        const enc = (s: string) => encodeURIComponent(s);
        headers.authorization = `Basic ${Buffer.from(`${enc(settings.clientId)}:${enc(settings.clientSecret)}`).toString('base64')}`;
      } else {
        form.set('client_id', settings.clientId);
        form.set('client_secret', settings.clientSecret);
      }
      const { status, body } = await getJson(meta.token_endpoint, { method: 'POST', headers, body: form.toString() });
      if (status !== 200 || typeof body.id_token !== 'string') throw new AppError('oidc.token_refused', {}, {}, { status: 502 });
      let claims: Record<string, unknown>;
      try {
        const verified = await jwtVerify(body.id_token, jwks, {
          issuer: meta.issuer,
          audience: settings.clientId,
          algorithms: meta.id_token_signing_alg_values_supported?.filter((a) => a !== 'none') ?? ['RS256'],
          currentDate: now(),
          clockTolerance: 60,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        claims = verified.payload as Record<string, unknown>;
      } catch {
        throw new AppError('oidc.bad_token', {}, {}, { status: 502 });
      }
      if (claims.nonce !== flow.nonce) throw new AppError('oidc.bad_token', {}, {}, { status: 502 });
      // An ID token for several audiences must name this client as the party it was issued to.
      if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== settings.clientId) {
        throw new AppError('oidc.bad_token', {}, {}, { status: 502 });
      }
      // A provider that keeps the email out of the ID token gives it at its userinfo endpoint, for the same subject.
      if (typeof claims.email !== 'string' && typeof body.access_token === 'string' && meta.userinfo_endpoint) {
        const info = await getJson(meta.userinfo_endpoint, {
          headers: { authorization: `Bearer ${body.access_token}`, accept: 'application/json' },
        });
        if (info.status !== 200 || info.body.sub !== claims.sub) throw new AppError('oidc.bad_token', {}, {}, { status: 502 });
        claims = {
          ...info.body,
          ...claims,
          email: info.body.email,
          email_verified: info.body.email_verified,
          name: claims.name ?? info.body.name,
        };
      }
      const email = typeof claims.email === 'string' && claims.email.includes('@') ? normalizeEmail(claims.email) : null;
      return {
        issuer: meta.issuer,
        subject: String(claims.sub),
        email,
        emailVerified: email !== null && (claims.email_verified === true || claims.email_verified === 'true'),
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;
