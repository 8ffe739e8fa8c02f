// Shared pieces of the bench cases: the result line, a seeded random source, chunked inserts and users in bulk.
import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import type { Services } from '../src/app.ts';
import type { Deps } from '../src/platform/deps.ts';
import { normalizeText } from '../src/platform/text.ts';

export const NAMES = ['سارة', 'أحمد', 'ليلى', 'يوسف', 'مريم', 'خالد', 'نور', 'عمر', 'هدى', 'كريم', 'Lina', 'Omar', 'Sami', 'Rana'];

export function line(name: string, r: autocannon.Result, extra = '') {
  const errors = r.errors + r.non2xx + r.timeouts;
  console.log(
    `  ${name.padEnd(48)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${errors ? `  (${errors} errors/non-2xx)` : ''}${extra}`,
  );
}

/** mulberry32: the same data on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function inChunks<T>(rows: T[], fn: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

/** Users in bulk, copied from one the accounts service made (its password hash and policy versions). */
export async function bulkUsers(services: Services, deps: Deps, prefix: string, n: number) {
  const { users } = await import('../src/schema.ts');
  const model = await services.accounts.createDemoUser({
    email: `${prefix}m@example.com`,
    username: `${prefix}m`,
    password: randomBytes(18).toString('base64url'),
  });
  const ids: number[] = [];
  const rows = Array.from({ length: n }, (_, i) => {
    const username = `${prefix}${i}`;
    const displayName = `${NAMES[i % NAMES.length]} ${i}`;
    return {
      email: `${username}@example.com`,
      username,
      passwordHash: model.passwordHash,
      displayName,
      emailVerifiedAt: new Date(),
      termsVersion: model.termsVersion,
      privacyVersion: model.privacyVersion,
      searchText: normalizeText(`${username} ${displayName}`),
    };
  });
  await inChunks(rows, async (chunk) => {
    const got = await deps.db.insert(users).values(chunk).returning({ id: users.id });
    ids.push(...got.map((r) => r.id));
  });
  return ids;
}
