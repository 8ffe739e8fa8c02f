import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, safeEqual } from '../../platform/crypto.ts';
import { clearOidcCookie, oidcCookieOf, setOidcCookie } from '../../platform/http/cookies.ts';
import type { OidcIdentity } from './service/oidc-client.ts';

/**
 * A sign-in with OpenID Connect under way, in one short-lived httpOnly cookie signed with the server's key: first the
 * flow (state, nonce, PKCE verifier, where to go after), checked at the callback; then, when the identity is not
 * linked yet, the verified identity itself, for the "link your account" or "complete your sign-up" page.
 */
export type OidcFlow = { kind: 'flow'; state: string; nonce: string; verifier: string; next: string };
export type OidcPending = { kind: 'pending'; identity: OidcIdentity; next: string };

/** Ten minutes at the provider; thirty for the page after it. */
const FLOW_SECONDS = 600;
const PENDING_SECONDS = 1800;
const PREFIX = 'o1';

const mac = (secret: string, payload: string) => hmac(secret, `oidc\0${payload}`);

function encode(secret: string, value: OidcFlow | OidcPending, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ ...value, x: expiresAt })).toString('base64url');
  return `${PREFIX}.${payload}.${mac(secret, payload)}`;
}

/** The flow or pending identity a cookie value carries; 'expired' when signed but too old; null when not one the server signed. */
export function decodeOidcCookie(secret: string, value: string | undefined, now: Date): OidcFlow | OidcPending | 'expired' | null {
  if (!value || value.length > 4000) return null;
  const [prefix, payload, sig] = value.split('.');
  if (prefix !== PREFIX || !payload || !sig || !safeEqual(sig, mac(secret, payload))) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as (OidcFlow | OidcPending) & { x: unknown };
    if (typeof p.x !== 'number') return null;
    if (p.x <= now.getTime()) return 'expired';
    if (p.kind === 'flow' && typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.verifier === 'string')
      return { kind: 'flow', state: p.state, nonce: p.nonce, verifier: p.verifier, next: String(p.next ?? '/') };
    if (p.kind === 'pending' && p.identity && typeof p.identity.subject === 'string' && typeof p.identity.issuer === 'string')
      return { kind: 'pending', identity: p.identity, next: String(p.next ?? '/') };
    return null;
  } catch {
    return null;
  }
}

export function startOidcFlow(reply: FastifyReply, secret: string, flow: Omit<OidcFlow, 'kind'>, now: Date): void {
  setOidcCookie(reply, encode(secret, { kind: 'flow', ...flow }, now.getTime() + FLOW_SECONDS * 1000), FLOW_SECONDS);
}

export function keepPendingIdentity(reply: FastifyReply, secret: string, identity: OidcIdentity, next: string, now: Date): void {
  setOidcCookie(reply, encode(secret, { kind: 'pending', identity, next }, now.getTime() + PENDING_SECONDS * 1000), PENDING_SECONDS);
}

export function oidcStateOf(req: FastifyRequest, secret: string, now: Date) {
  const raw = oidcCookieOf(req);
  return raw === undefined ? 'missing' : (decodeOidcCookie(secret, raw, now) ?? 'invalid');
}

export function endOidcFlow(reply: FastifyReply): void {
  clearOidcCookie(reply);
}
