import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The server log's levels (pino's), as LOG_LEVEL takes them. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Typed configuration read once from the environment at start. A bad value stops the server. */
export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  smtpUrl: string | null;
  redisUrl: string | null;
  mailFrom: string;
  supportEmail: string;
  seedDemo: boolean | null;
  production: boolean;
  sessionDays: number;
  /** How much the server writes to its log (JSON lines on stdout): `info` by default (5xx, slow requests, start). */
  logLevel: LogLevel;
  /**
   * Which proxies' `X-Forwarded-For` is believed for the client's address: `false` (none: the connecting address),
   * a number of proxy hops in front, or addresses/CIDR ranges (and proxy-addr's `loopback`, `linklocal`, `uniquelocal`).
   */
  trustProxy: false | number | string[];
  /** Stripe Checkout, on when both keys are set; `apiBase` points the client elsewhere (a local fake in tests). */
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | null } | null;
  /** SECRET_KEY, the key the server signs with (CSRF tokens); null in development: see serverSecret. */
  secretKey: string | null;
  /**
   * Sign-in with OpenID Connect (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, all or none; OIDC_NAME labels the
   * button): null when off. The provider sends the browser back to BASE_URL + /auth/oidc/callback.
   */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function urlVar(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(u.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${u.protocol}"`);
  }
  return raw;
}

function boolVar(env: NodeJS.ProcessEnv, name: string): boolean | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

/** proxy-addr's names for well-known ranges, accepted in TRUST_PROXY beside addresses and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyVar(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const name = 'TRUST_PROXY';
  const raw = (env[name] ?? '').trim();
  if (raw === '' || ['false', 'off', 'no', '0'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(name, `must be a number of proxy hops from 1 to 10, got ${hops}`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim());
  for (const e of entries) {
    const [address, prefix, ...rest] = e.split('/');
    const family = net.isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!(NAMED_RANGES.has(e) || (family !== 0 && prefixOk && rest.length === 0))) {
      throw new ConfigError(
        name,
        `must be a number of proxy hops or a comma-separated list of proxy addresses or CIDR ranges (trusting every address lets any client choose its own), got "${e || raw}"`,
      );
    }
  }
  return entries;
}

function logLevelVar(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  if (raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  return raw as LogLevel;
}

function stripeVars(env: NodeJS.ProcessEnv): Config['stripe'] {
  const secretKey = env.STRIPE_SECRET_KEY;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  if (!secretKey && !webhookSecret) return null;
  if (!secretKey || !/^(sk|rk)_(test|live)_\w+$/.test(secretKey))
    throw new ConfigError('STRIPE_SECRET_KEY', 'must be a Stripe secret key (sk_test_… or sk_live_…)');
  if (!webhookSecret?.startsWith('whsec_')) throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be a webhook signing secret (whsec_…)');
  return { secretKey, webhookSecret, apiBase: urlVar(env, 'STRIPE_API_BASE', ['http:', 'https:']) };
}

const OIDC_VARS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

function oidcVars(env: NodeJS.ProcessEnv, production: boolean): Config['oidc'] {
  const set = OIDC_VARS.filter((n) => (env[n] ?? '').trim() !== '');
  if (set.length === 0) {
    if ((env.OIDC_NAME ?? '').trim())
      throw new ConfigError('OIDC_NAME', 'is set but OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not');
    return null;
  }
  const missing = OIDC_VARS.find((n) => !set.includes(n));
  if (missing)
    throw new ConfigError(missing, `is required when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set (all three or none)`);
  const issuer = (urlVar(env, 'OIDC_ISSUER', production ? ['https:'] : ['http:', 'https:']) as string).replace(/\/$/, '');
  const clientId = (env.OIDC_CLIENT_ID as string).trim();
  const clientSecret = env.OIDC_CLIENT_SECRET as string;
  if (/\s/.test(clientId)) throw new ConfigError('OIDC_CLIENT_ID', 'must not contain spaces');
  const name = (env.OIDC_NAME ?? '').trim() || 'OpenID';
  if (name.length > 40) throw new ConfigError('OIDC_NAME', `must be at most 40 characters, got ${name.length}`);
  return { issuer, clientId, clientSecret, name };
}

function secretKeyVar(env: NodeJS.ProcessEnv, production: boolean): string | null {
  const raw = env.SECRET_KEY;
  if (raw === undefined || raw === '') {
    if (production)
      throw new ConfigError('SECRET_KEY', 'is required in production (the same on every instance), e.g. `openssl rand -base64 32`');
    return null;
  }
  if (raw.length < 32 || /\s/.test(raw))
    throw new ConfigError('SECRET_KEY', `must be at least 32 characters without spaces, got ${raw.length}`);
  return raw;
}

/**
 * The key the server signs with: SECRET_KEY, or (development and tests) a random one made on first use and kept in
 * DATA_DIR/secret-key, so a restart keeps the forms already open valid.
 */
export function serverSecret(config: Pick<Config, 'secretKey' | 'production' | 'dataDir'>): string {
  if (config.secretKey) return config.secretKey;
  if (config.production) throw new ConfigError('SECRET_KEY', 'is required in production');
  const file = path.join(config.dataDir, 'secret-key');
  const read = () => {
    try {
      const s = fs.readFileSync(file, 'utf8').trim();
      return s.length >= 32 ? s : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  const kept = read();
  if (kept) return kept;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const made = randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process (the worker, a second command) made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return read() ?? made;
    throw err;
  }
  return made;
}

/**
 * BASE_URL when it is not set: the address the server listens on, so the links and redirects it makes (the test-mode
 * gateway's, mailed links) stay on the origin the site was opened at. A wildcard bind (0.0.0.0, ::) names no
 * address to open: localhost then. An IPv6 address is bracketed.
 */
export function defaultBaseUrl(host: string, port: number): string {
  const wildcard = ['0.0.0.0', '::', '[::]', '::0'].includes(host);
  const name = wildcard ? 'localhost' : net.isIPv6(host) ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const baseUrl = (urlVar(env, 'BASE_URL', ['http:', 'https:']) ?? defaultBaseUrl(host, port)).replace(/\/$/, '');
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    port,
    host,
    baseUrl,
    dataDir,
    databaseUrl: urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    smtpUrl: urlVar(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    redisUrl: urlVar(env, 'REDIS_URL', ['redis:', 'rediss:']),
    mailFrom: env.MAIL_FROM || 'Kafiil <no-reply@kafiil.local>',
    supportEmail: env.SUPPORT_EMAIL || 'support@kafiil.local',
    seedDemo: boolVar(env, 'SEED_DEMO'),
    production: env.NODE_ENV === 'production',
    sessionDays: intVar(env, 'SESSION_DAYS', 30, 1, 365),
    logLevel: logLevelVar(env),
    trustProxy: trustProxyVar(env),
    stripe: stripeVars(env),
    secretKey: secretKeyVar(env, env.NODE_ENV === 'production'),
    oidc: oidcVars(env, env.NODE_ENV === 'production'),
  };
}
